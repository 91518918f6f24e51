#!/usr/bin/env python3
"""HTTP measurements for tests/suites/e2e.sh (what curl cannot measure), on
the suites' shared client tests/lib/scgi_client.py.

  client.py ttfb PORT PATH        -> "<ms to 'first'> <ms to 'second'> <body>"
  client.py head PORT PATH        -> "<status line> <bytes after the header>"
  client.py disconnect PORT PATH N  read N body bytes, then reset the connection
  client.py bigsha MIB            -> sha256 of big.php?mib=MIB's expected output
  client.py json FILE KEY[.KEY]   -> a value of a JSON document ('' if absent)

Importable as before (connect, request, ttfb, head, disconnect, bigsha, jget).
"""
import hashlib, json, os, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import scgi_client  # noqa: E402

TIMEOUT = 10


def connect(port):
    return scgi_client.connect("127.0.0.1:%d" % int(port), TIMEOUT)


def request(s, method, path):
    scgi_client.send(s, scgi_client.http_request(path, method=method, host="127.0.0.1"))


def body_of(data):
    return data.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in data else b""


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
        body = body_of(data)
        now = time.monotonic()
        if t_first is None and b"first" in body:
            t_first = now
        if t_second is None and b"second" in body:
            t_second = now
    s.close()
    ms = lambda t: -1 if t is None else int((t - t0) * 1000)
    print(ms(t_first), ms(t_second), body_of(data).decode(errors="replace").replace("\n", "|"))


def head(port, path):
    s = connect(port)
    request(s, "HEAD", path)
    data = scgi_client.read_all(s, time.monotonic() + TIMEOUT)
    s.close()
    status = data.split(b"\r\n", 1)[0].decode(errors="replace")
    print(status.replace(" ", "_"), len(body_of(data)))


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
    scgi_client.reset(s)
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
