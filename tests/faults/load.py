"""The traffic of the fault checks, on tests/lib/scgi_client.py: steady
load, a burst of concurrent clients, a client that never reads.

All of it runs in threads of the checking process; every request is bounded
by its timeout, and a thread still stuck at the end is counted (hung), never
waited for without bound.
"""
import json
import threading
import time

import scgi_client
from scgi_client import Failure


class Load:
    """CLIENTS threads doing one request after another to TARGET's ok.php
    until stop() or SECONDS; a request succeeds when the reply is status 200
    and the body "OK <pid> <id> <host>" for its own id."""

    def __init__(self, target, docroot, seconds, clients=4, timeout=15, path="/ok.php", timeline=False):
        self.target, self.docroot, self.path = target, docroot, path
        self.seconds, self.clients, self.timeout, self.timeline = seconds, clients, timeout, timeline
        self.lock = threading.Lock()
        self.halt = threading.Event()
        self.seq = 0
        self.pids = {}
        self.stats = {"total": 0, "ok": 0, "failed": 0, "reasons": {}, "hosts": {},
                      "failures": [], "max_latency_ms": 0, "clients": clients}
        if timeline:
            self.stats["timeline"] = []
        self.threads = []

    def start(self):
        self.t_start = time.monotonic()
        self.t_end = self.t_start + self.seconds
        self.threads = [threading.Thread(target=self.worker, daemon=True) for _ in range(self.clients)]
        for t in self.threads:
            t.start()
        return self

    def stopping(self):
        return self.halt.is_set() or time.monotonic() >= self.t_end

    def worker(self):
        while not self.stopping():
            with self.lock:
                self.seq += 1
                rid = "r%d" % self.seq
            t0 = time.monotonic()
            reason = pid = host = None
            try:
                status, _, body = scgi_client.request(self.target, self.docroot, self.path, "id=" + rid,
                                                      timeout=self.timeout)
                if status != 200:
                    reason = "status-%d" % status
                else:
                    f = body.decode("latin-1").split()
                    if len(f) < 4 or f[0] != "OK" or f[2] != rid:
                        reason = "bad-body"
                    else:
                        pid, host = f[1], f[3]
            except Failure as e:
                reason = str(e)
            self.record(rid, t0, time.monotonic(), reason, pid, host)

    def record(self, rid, t0, t1, reason, pid, host):
        st = self.stats
        with self.lock:
            st["total"] += 1
            ms = int((t1 - t0) * 1000)
            st["max_latency_ms"] = max(st["max_latency_ms"], ms)
            if reason:
                st["failed"] += 1
                st["reasons"][reason] = st["reasons"].get(reason, 0) + 1
                st["failures"].append({"t": round(time.time(), 3), "since_start": round(t0 - self.t_start, 3),
                                       "ms": ms, "reason": reason, "id": rid})
            else:
                st["ok"] += 1
                self.pids[pid] = self.pids.get(pid, 0) + 1
                st["hosts"][host] = st["hosts"].get(host, 0) + 1
                if self.timeline:
                    st["timeline"].append([round(time.time(), 3), host])

    def finish(self):
        """Stop, wait (bounded by one request's timeout) and summarise."""
        self.halt.set()
        end = time.monotonic() + self.timeout + 5
        for t in self.threads:
            t.join(max(0, end - time.monotonic()))
        with self.lock:
            st = dict(self.stats)
            st["seconds"] = round(time.monotonic() - self.t_start, 2)
            st["hung_threads"] = sum(t.is_alive() for t in self.threads)
            st["distinct_pids"] = len(self.pids)
        return st


def numbers(st):
    """The load's summary for a PASS/FAIL line."""
    return "%d requests, %d failed %s, %d worker pids, max latency %d ms" % (
        st["total"], st["failed"], json.dumps(st["reasons"]), st["distinct_pids"], st["max_latency_ms"])


def burst(target, docroot, path, clients, stagger_ms, timeout):
    """CLIENTS concurrent one-shot requests started STAGGER_MS apart:
    {"rows": [{i, start, status, body | error, elapsed}], "hung", "total"}."""
    rows = [None] * clients
    t_base = time.monotonic()

    def one(i):
        t0 = time.monotonic()
        row = {"i": i, "start": round(t0 - t_base, 3)}
        try:
            status, _, body = scgi_client.request(target, docroot, path, "id=b%d" % i, timeout=timeout)
            row["status"] = status
            row["body"] = body.decode("latin-1").strip()
        except Failure as e:
            row["error"] = str(e)
        row["elapsed"] = round(time.monotonic() - t0, 3)
        rows[i] = row

    threads = []
    for i in range(clients):
        t = threading.Thread(target=one, args=(i,), daemon=True)
        t.start()
        threads.append(t)
        time.sleep(stagger_ms / 1000.0)
    end = time.monotonic() + timeout + 5
    for t in threads:
        t.join(max(0, end - time.monotonic()))
    return {"rows": rows, "hung": sum(t.is_alive() for t in threads), "total": round(time.monotonic() - t_base, 3)}


class Unread:
    """A client that sends one SCGI request and never reads the reply; it
    holds the connection until stop() or HOLD seconds, then resets it."""

    def __init__(self, target, docroot, path, hold, timeout=scgi_client.TIMEOUT):
        self.halt = threading.Event()
        self.error = None
        self.thread = threading.Thread(target=self.hold, args=(target, docroot, path, hold, timeout), daemon=True)

    def hold(self, target, docroot, path, hold, timeout):
        try:
            s = scgi_client.connect(target, timeout)
            scgi_client.send(s, scgi_client.scgi_request(docroot, path))
        except Failure as e:
            self.error = str(e)
            return
        self.halt.wait(hold)
        scgi_client.reset(s)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.halt.set()
        self.thread.join(5)
