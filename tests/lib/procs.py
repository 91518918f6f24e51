"""Helpers for Python test drivers that start real servers on loopback:
free ports, waiting for a listener, and stopping what was started by pid.

    sys.path.insert(0, os.path.join(TOP, "tests", "lib")); import procs
"""
import os
import signal
import socket
import subprocess
import time


def free_port():
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_for(pred, seconds):
    """Poll pred() every 0.1 s for up to SECONDS; whether it became true."""
    end = time.time() + seconds
    while time.time() < end:
        if pred():
            return True
        time.sleep(0.1)
    return False


def port_open(port, host="127.0.0.1", timeout=1.0):
    """Whether something accepts TCP connections on HOST:PORT now."""
    try:
        socket.create_connection((host, int(port)), timeout).close()
        return True
    except OSError:
        return False


def tail(path, n=3):
    """The last N lines of a log, joined, for a failure message."""
    try:
        with open(path, errors="replace") as f:
            return " | ".join(f.read().splitlines()[-n:])
    except OSError:
        return "(no %s)" % path


class Procs:
    """The processes a test started; stop() ends them by pid, newest first:
    TERM, then KILL after 5 s."""

    def __init__(self):
        self.started = []

    def start(self, argv, log_path, **kw):
        log = open(log_path, "w")
        p = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, **kw)
        log.close()
        return self.add(p)

    def add(self, p):
        """Count a process started elsewhere as ours."""
        self.started.append(p)
        return p

    def stop(self):
        for p in reversed(self.started):
            if p.poll() is None:
                try:
                    os.kill(p.pid, signal.SIGTERM)
                except OSError:
                    pass
        deadline = time.time() + 5
        for p in reversed(self.started):
            try:
                p.wait(max(0.1, deadline - time.time()))
            except subprocess.TimeoutExpired:
                try:
                    os.kill(p.pid, signal.SIGKILL)
                except OSError:
                    pass
                p.wait()
        self.started.clear()
