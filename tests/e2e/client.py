#!/usr/bin/env python3
"""Small HTTP/1.0 client helpers for tests/suites/e2e.sh (what curl cannot measure).

  client.py ttfb PORT PATH        -> "<ms to 'first'> <ms to 'second'> <body>"
  client.py head PORT PATH        -> "<status line> <bytes after the header>"
  client.py disconnect PORT PATH N  read N body bytes, then reset the connection
  client.py bigsha MIB            -> sha256 of big.php?mib=MIB's expected output
  client.py json FILE KEY[.KEY]   -> a value of a JSON document ('' if absent)
"""
import hashlib, json, socket, struct, sys, time

TIMEOUT = 10


def connect(port):
    s = socket.create_connection(("127.0.0.1", int(port)), TIMEOUT)
    s.settimeout(TIMEOUT)
    return s


def request(s, method, path):
    s.sendall(("%s %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
               % (method, path)).encode())


def ttfb(port, path):
    s = connect(port)
    t0 = time.monotonic()
    request(s, "GET", path)
    data = b""
    t_first = t_second = None
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
        body = data.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in data else b""
        now = time.monotonic()
        if t_first is None and b"first" in body:
            t_first = now
        if t_second is None and b"second" in body:
            t_second = now
    s.close()
    ms = lambda t: -1 if t is None else int((t - t0) * 1000)
    body = data.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in data else b""
    print(ms(t_first), ms(t_second), body.decode(errors="replace").replace("\n", "|"))


def head(port, path):
    s = connect(port)
    request(s, "HEAD", path)
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    status = data.split(b"\r\n", 1)[0].decode(errors="replace")
    rest = data.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in data else b""
    print(status.replace(" ", "_"), len(rest))


def disconnect(port, path, n):
    s = connect(port)
    request(s, "GET", path)
    got = 0
    while got < int(n):
        chunk = s.recv(65536)
        if not chunk:
            break
        got += len(chunk)
    # abortive close: RST, as a browser tab closed mid-download
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()
    print(got)


def bigsha(mib):
    h = hashlib.sha256()
    for i in range(int(mib) * 1024 * 1024 // 32):
        h.update(hashlib.sha256(b"b%d" % i).digest())
    print(h.hexdigest())


def jget(path, key):
    try:
        with open(path) as f:
            v = json.load(f)
        for k in key.split("."):
            v = v[k]
    except Exception:
        v = ""
    print(v if not isinstance(v, (dict, list)) else json.dumps(v))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"ttfb": ttfb, "head": head, "disconnect": disconnect,
     "bigsha": bigsha, "json": jget}[cmd](*args)
