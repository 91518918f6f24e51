#!/usr/bin/env python3
"""SCGI / HTTP test client for tests/suites/faults.sh.

Talks SCGI straight to a pool socket (unix:PATH or HOST:PORT), or HTTP/1.0
to a web server (http://HOST:PORT).  Every wait is bounded by --timeout.

  scgi_client.py load TARGET --docroot D --clients 4 --seconds 8 [--path /ok.php]
        [--stop-file F] [--ready-file F] [--out FILE]
      steady load: CLIENTS threads doing one request after another for
      SECONDS (or until STOP-FILE exists); a request succeeds when the reply
      is status 200 and the body is "OK <pid> <id> ..." for its own id.
      Prints (and writes to OUT) one JSON summary.

  scgi_client.py req TARGET --docroot D --path /x.php [--query Q]
        [--header NAME=VALUE ...] [--body STR | --body-file F]
        [--content-type T] [--timeout S]
      one request; prints JSON {status, headers, body, error, elapsed}.

  scgi_client.py burst TARGET --docroot D --path /sleep.php --clients 8
        [--stagger MS] [--timeout S]
      CLIENTS concurrent one-shot requests, started STAGGER ms apart;
      prints one JSON object with a row per client.

  scgi_client.py noread TARGET --docroot D --path /big.php --hold S
      send a request, never read the reply, keep the connection open S
      seconds (or until --stop-file exists), then reset it.
"""
import argparse, json, os, socket, struct, sys, threading, time

TIMEOUT = 10.0


class Failure(Exception):
    pass


def connect(target, timeout):
    if target.startswith("unix:"):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        addr = target[5:]
    else:
        t = target[7:] if target.startswith("http://") else target
        host, port = t.rsplit(":", 1)
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        addr = (host, int(port))
    s.settimeout(timeout)
    try:
        s.connect(addr)
    except socket.timeout:
        s.close()
        raise Failure("connect-timeout")
    except OSError as e:
        s.close()
        raise Failure("connect-error:%s" % (e.strerror or e.__class__.__name__))
    return s


def scgi_request(docroot, path, query="", body=b"", content_type=None, extra=()):
    pairs = [("CONTENT_LENGTH", str(len(body))), ("SCGI", "1"),
             ("REQUEST_METHOD", "POST" if body or content_type else "GET"),
             ("SCRIPT_FILENAME", docroot + path), ("SCRIPT_NAME", path),
             ("REQUEST_URI", path + ("?" + query if query else "")),
             ("QUERY_STRING", query), ("DOCUMENT_ROOT", docroot),
             ("DOCUMENT_URI", path), ("SERVER_PROTOCOL", "HTTP/1.1"),
             ("GATEWAY_INTERFACE", "CGI/1.1"), ("SERVER_SOFTWARE", "faults"),
             ("SERVER_NAME", "localhost"), ("SERVER_PORT", "80"),
             ("REMOTE_ADDR", "127.0.0.1"), ("REMOTE_PORT", "1234")]
    if content_type:
        pairs.append(("CONTENT_TYPE", content_type))
    names = {n for n, _ in pairs}
    for n, v in extra:
        if n in names:
            pairs = [(a, b) for a, b in pairs if a != n]
        pairs.append((n, v))
    payload = b"".join(n.encode() + b"\0" + v.encode() + b"\0" for n, v in pairs)
    return str(len(payload)).encode() + b":" + payload + b"," + body


def http_request(path, query="", body=b"", content_type=None, extra=()):
    lines = ["%s %s HTTP/1.0" % ("POST" if body else "GET", path + ("?" + query if query else "")),
             "Host: localhost", "Connection: close"]
    if body:
        lines.append("Content-Length: %d" % len(body))
        lines.append("Content-Type: %s" % (content_type or "application/x-www-form-urlencoded"))
    for n, v in extra:
        lines.append("%s: %s" % (n, v))
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def read_all(s, deadline):
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise Failure("timeout")
        s.settimeout(left)
        try:
            c = s.recv(65536)
        except socket.timeout:
            raise Failure("timeout")
        except ConnectionResetError:
            raise Failure("reset" if not chunks else "reset-after-%d-bytes" % sum(map(len, chunks)))
        except OSError as e:
            raise Failure("recv-error:%s" % e.strerror)
        if not c:
            return b"".join(chunks)
        chunks.append(c)


def parse_reply(raw, http):
    if not raw:
        raise Failure("closed-without-reply")
    sep = raw.find(b"\r\n\r\n")
    seplen = 4
    if sep < 0:
        sep = raw.find(b"\n\n")
        seplen = 2
    if sep < 0:
        raise Failure("no-header-end(%d bytes)" % len(raw))
    head = raw[:sep].decode("latin-1").replace("\r\n", "\n").split("\n")
    body = raw[sep + seplen:]
    status = 200
    headers = {}
    if http:
        first = head.pop(0)
        try:
            status = int(first.split()[1])
        except (IndexError, ValueError):
            raise Failure("bad-status-line")
    for line in head:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    if not http and "status" in headers:
        try:
            status = int(headers["status"].split()[0])
        except ValueError:
            raise Failure("bad-status")
    return status, headers, body


def do_request(target, args, path, query="", body=b"", content_type=None, extra=(), timeout=None):
    """(status, headers, body) or raises Failure."""
    timeout = timeout or args.timeout
    deadline = time.monotonic() + timeout
    http = target.startswith("http://")
    s = connect(target, timeout)
    try:
        data = http_request(path, query, body, content_type, extra) if http else \
            scgi_request(args.docroot, path, query, body, content_type, extra)
        try:
            s.sendall(data)
        except socket.timeout:
            raise Failure("send-timeout")
        except OSError as e:
            raise Failure("send-error:%s" % e.strerror)
        return parse_reply(read_all(s, deadline), http)
    finally:
        s.close()


# ------------------------------------------------------------------ load
def cmd_load(args):
    lock = threading.Lock()
    stats = {"total": 0, "ok": 0, "failed": 0, "reasons": {}, "pids": {}, "hosts": {},
             "failures": [], "max_latency_ms": 0, "clients": args.clients}
    t_start = time.monotonic()
    t_end = t_start + args.seconds
    seq = [0]

    def stop():
        return time.monotonic() >= t_end or (args.stop_file and os.path.exists(args.stop_file))

    def worker(n):
        while not stop():
            with lock:
                seq[0] += 1
                rid = "r%d" % seq[0]
            t0 = time.monotonic()
            reason = None
            pid = host = None
            try:
                status, headers, body = do_request(args.target, args, args.path, "id=" + rid)
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
            t1 = time.monotonic()
            with lock:
                stats["total"] += 1
                ms = int((t1 - t0) * 1000)
                stats["max_latency_ms"] = max(stats["max_latency_ms"], ms)
                if reason:
                    stats["failed"] += 1
                    stats["reasons"][reason] = stats["reasons"].get(reason, 0) + 1
                    stats["failures"].append({"t": round(time.time(), 3), "since_start": round(t0 - t_start, 3),
                                              "ms": ms, "reason": reason, "id": rid})
                else:
                    stats["ok"] += 1
                    stats["pids"][pid] = stats["pids"].get(pid, 0) + 1
                    stats["hosts"][host] = stats["hosts"].get(host, 0) + 1
                    if args.timeline:
                        stats.setdefault("timeline", []).append([round(time.time(), 3), host])

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(args.clients)]
    for t in threads:
        t.start()
    if args.ready_file:
        open(args.ready_file, "w").close()
    for t in threads:
        t.join(args.seconds + args.timeout + 5)
    stats["seconds"] = round(time.monotonic() - t_start, 2)
    stats["hung_threads"] = sum(t.is_alive() for t in threads)
    stats["distinct_pids"] = len(stats["pids"])
    del stats["pids"]
    out = json.dumps(stats)
    if args.out:
        with open(args.out + ".tmp", "w") as f:
            f.write(out)
        os.rename(args.out + ".tmp", args.out)
    print(out)


# ------------------------------------------------------------------ req
def cmd_req(args):
    extra = []
    for h in args.header or []:
        n, v = h.split("=", 1)
        extra.append((n, v))
    body = args.body.encode() if args.body is not None else b""
    if args.body_file:
        with open(args.body_file, "rb") as f:
            body = f.read()
    t0 = time.monotonic()
    res = {"status": None, "headers": {}, "body": "", "error": None}
    try:
        status, headers, rbody = do_request(args.target, args, args.path, args.query or "", body,
                                            args.content_type, extra)
        res.update(status=status, headers=headers, body=rbody.decode("latin-1"))
    except Failure as e:
        res["error"] = str(e)
    res["elapsed"] = round(time.monotonic() - t0, 3)
    print(json.dumps(res))


# ------------------------------------------------------------------ burst
def cmd_burst(args):
    rows = [None] * args.clients
    t_base = time.monotonic()

    def one(i):
        t0 = time.monotonic()
        row = {"i": i, "start": round(t0 - t_base, 3)}
        try:
            status, headers, body = do_request(args.target, args, args.path, "id=b%d" % i)
            row["status"] = status
            row["body"] = body.decode("latin-1").strip()
        except Failure as e:
            row["error"] = str(e)
        row["elapsed"] = round(time.monotonic() - t0, 3)
        rows[i] = row

    threads = []
    for i in range(args.clients):
        t = threading.Thread(target=one, args=(i,), daemon=True)
        t.start()
        threads.append(t)
        time.sleep(args.stagger / 1000.0)
    for t in threads:
        t.join(args.timeout + 5)
    hung = sum(t.is_alive() for t in threads)
    print(json.dumps({"rows": rows, "hung": hung, "total": round(time.monotonic() - t_base, 3)}))


# ------------------------------------------------------------------ noread
def cmd_noread(args):
    s = connect(args.target, args.timeout)
    s.sendall(scgi_request(args.docroot, args.path, args.query or ""))
    # a small receive buffer: the server's writes block sooner
    deadline = time.monotonic() + args.hold
    while time.monotonic() < deadline and not (args.stop_file and os.path.exists(args.stop_file)):
        time.sleep(0.05)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()
    print("held")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("cmd", choices=["load", "req", "burst", "noread"])
    p.add_argument("target")
    p.add_argument("--docroot", default="/")
    p.add_argument("--path", default="/ok.php")
    p.add_argument("--query")
    p.add_argument("--clients", type=int, default=4)
    p.add_argument("--seconds", type=float, default=5)
    p.add_argument("--timeout", type=float, default=TIMEOUT)
    p.add_argument("--stop-file")
    p.add_argument("--ready-file")
    p.add_argument("--out")
    p.add_argument("--header", action="append")
    p.add_argument("--body")
    p.add_argument("--body-file")
    p.add_argument("--content-type")
    p.add_argument("--stagger", type=float, default=50)
    p.add_argument("--hold", type=float, default=5)
    p.add_argument("--timeline", action="store_true", help="record (end time, host) of each success")
    args = p.parse_args()
    {"load": cmd_load, "req": cmd_req, "burst": cmd_burst, "noread": cmd_noread}[args.cmd](args)


if __name__ == "__main__":
    main()
