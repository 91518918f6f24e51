"""Sending one corpus request and reading the whole response.

HTTP/1.x goes over a raw socket, byte for byte as the corpus writes it
(repeated lines, raw UTF-8 in the target, chunked bodies, Expect:
100-continue, HTTP/1.0 without Host); HTTP/2 goes through
`curl --http2-prior-knowledge`.  A response is a dict: status, reason,
headers (a list of (lower-case name, value) in order), body (bytes) and
interim (the status codes of 1xx responses before it)."""
import os
import socket
import subprocess
import tempfile

TIMEOUT = 30


def request_bytes(req, port):
    """The request head (and the body unless it waits for 100-continue)."""
    version = req.get("version", "HTTP/1.1")
    lines = [b"%s %s %s" % (req.get("method", "GET").encode(), req["target"], version.encode())]
    host = req.get("host", "127.0.0.1:{port}")
    if host is not None:
        lines.append(b"Host: " + host.replace("{port}", str(port)).encode())
    for name, value in req.get("headers", []):
        lines.append(name.encode() + b": " + (value if isinstance(value, bytes) else value.encode()))
    body = req.get("body", b"")
    chunks = req.get("chunks")
    if chunks is not None:
        lines.append(b"Transfer-Encoding: chunked")
        out, at = b"", 0
        for n in chunks:
            out += b"%x\r\n%s\r\n" % (n, body[at:at + n])
            at += n
        body = out + b"0\r\n\r\n"
    elif req.get("content_length", True) and (body or req.get("method") in ("POST", "PUT", "PATCH")):
        lines.append(b"Content-Length: %d" % len(body))
    if version == "HTTP/1.1":
        lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n", body


def read_all(s):
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            return data
        data += chunk


def parse_response(data, method):
    """Split interim 1xx responses off, then status, headers, body (chunked
    decoded)."""
    interim = []
    while True:
        head, sep, rest = data.partition(b"\r\n\r\n")
        if not sep:
            return {"status": 0, "reason": "no complete response: %r" % data[:200], "headers": [],
                    "body": b"", "interim": interim}
        lines = head.split(b"\r\n")
        parts = lines[0].split(b" ", 2)
        status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
        if 100 <= status < 200:
            interim.append(status)
            data = rest
            continue
        break
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers.append((name.decode("latin-1").lower(), value.strip().decode("latin-1")))
    body = rest
    if method == "HEAD":
        body = rest
    elif ("transfer-encoding", "chunked") in headers:
        body = dechunk(rest)
    return {"status": status, "reason": parts[2].decode("latin-1") if len(parts) > 2 else "",
            "headers": headers, "body": body, "interim": interim}


def dechunk(data):
    out = b""
    while data:
        size, _, data = data.partition(b"\r\n")
        n = int(size.split(b";")[0], 16)
        if n == 0:
            break
        out += data[:n]
        data = data[n + 2:]
    return out


def send_http1(req, port):
    head, body = request_bytes(req, port)
    s = socket.create_connection(("127.0.0.1", port), TIMEOUT)
    s.settimeout(TIMEOUT)
    try:
        s.sendall(head)
        if req.get("expect_continue"):
            # as curl does: wait a moment for "100 Continue", then send anyway
            s.settimeout(2)
            try:
                early = s.recv(65536)
            except socket.timeout:
                early = b""
            s.settimeout(TIMEOUT)
            if early and not early.startswith(b"HTTP/1.1 100"):
                return parse_response(early + read_all(s), req.get("method", "GET"))
            s.sendall(body)
            return parse_response(early + read_all(s), req.get("method", "GET"))
        # a body in pieces, as a client streams it
        for i in range(0, len(body), 65536):
            s.sendall(body[i:i + 65536])
        return parse_response(read_all(s), req.get("method", "GET"))
    finally:
        s.close()


def send_http2(req, port):
    """Through curl --http2-prior-knowledge; each corpus header line is its
    own -H, so repeated lines (cookies) arrive as several fields."""
    with tempfile.TemporaryDirectory() as d:
        argv = ["curl", "-sS", "-g", "--http2-prior-knowledge", "--max-time", str(TIMEOUT),
                "--path-as-is", "-D", os.path.join(d, "head"), "-o", os.path.join(d, "body"),
                "-X", req.get("method", "GET")]
        if req.get("method") == "HEAD":
            argv[-2:] = ["-I"]
        for name, value in req.get("headers", []):
            v = value.decode("latin-1") if isinstance(value, bytes) else value
            argv += ["-H", "%s: %s" % (name, v)]
        if req.get("body") or req.get("method") in ("POST", "PUT", "PATCH"):
            with open(os.path.join(d, "req"), "wb") as f:
                f.write(req.get("body", b""))
            argv += ["--data-binary", "@" + os.path.join(d, "req")]
        argv.append("http://127.0.0.1:%d%s" % (port, req["target"].decode("latin-1")))
        r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT + 10)
        try:
            with open(os.path.join(d, "head"), "rb") as f:
                head = f.read()
            body = b""
            # with -I curl writes the response head to -o as well: a HEAD
            # response has no body, and that copy holds the Date header
            if req.get("method") != "HEAD" and os.path.exists(os.path.join(d, "body")):
                with open(os.path.join(d, "body"), "rb") as f:
                    body = f.read()
        except OSError:
            return {"status": 0, "reason": "curl: %s" % r.stderr.decode(errors="replace").strip(),
                    "headers": [], "body": b"", "interim": []}
    resp = parse_response(head, "HEAD")
    resp["body"] = body
    return resp


def send(req, port, http2=False):
    return send_http2(req, port) if http2 else send_http1(req, port)
