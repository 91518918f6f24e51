"""The one SCGI / HTTP client of the Python test suites (stdlib only).

A target is "unix:PATH" or "HOST:PORT" (SCGI straight to a pool socket) or
"http://HOST:PORT" (HTTP/1.0 to a web server in front of a pool).  One
request per connection, as every SCGI peer does; every wait is bounded by
the caller's timeout, and every way a request can go wrong is a Failure
with a short reason ("connect-error:...", "timeout", "reset", ...), so that
a suite can count and print reasons instead of tracebacks.

    import scgi_client
    status, headers, body = scgi_client.request("unix:/tmp/p/sock", "/srv", "/ok.php",
                                                query="id=1", timeout=5)

The phpt tests have their own client in PHP (sapi/fpm-scgi/tests/scgi.inc,
for run-tests.php) and the benchmark its own in C (bench/loadgen.c).
"""
import socket
import struct
import time

TIMEOUT = 10.0


class Failure(Exception):
    """A request that did not get a complete reply; str() is the reason."""


def connect(target, timeout):
    """A connected socket with `timeout` set, or Failure."""
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


def netstring(pairs):
    """The SCGI header of (name, value) pairs, in the order given."""
    payload = b"".join(n.encode() + b"\0" + v.encode() + b"\0" for n, v in pairs)
    return str(len(payload)).encode() + b":" + payload + b","


def scgi_request(docroot, path, query="", body=b"", content_type=None, extra=()):
    """The bytes of one SCGI request for DOCROOT + PATH, with the variables a
    web server sends; each (name, value) of `extra` replaces the variable of
    that name or is added at the end."""
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
    return netstring(pairs) + body


def http_request(path, query="", body=b"", content_type=None, extra=(), method=None, host="localhost"):
    """The bytes of one HTTP/1.0 request (Connection: close)."""
    method = method or ("POST" if body else "GET")
    lines = ["%s %s HTTP/1.0" % (method, path + ("?" + query if query else "")),
             "Host: " + host, "Connection: close"]
    if body:
        lines.append("Content-Length: %d" % len(body))
        lines.append("Content-Type: %s" % (content_type or "application/x-www-form-urlencoded"))
    for n, v in extra:
        lines.append("%s: %s" % (n, v))
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def read_all(s, deadline):
    """Everything until the peer closes, or Failure at `deadline`
    (time.monotonic())."""
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


def split_head(raw):
    """(header lines, body) of a reply; CRLF or LF line ends; Failure
    when the header does not end."""
    sep = raw.find(b"\r\n\r\n")
    seplen = 4
    if sep < 0:
        sep = raw.find(b"\n\n")
        seplen = 2
    if sep < 0:
        raise Failure("no-header-end(%d bytes)" % len(raw))
    head = raw[:sep].decode("latin-1").replace("\r\n", "\n").split("\n")
    return head, raw[sep + seplen:]


def parse_reply(raw, http):
    """(status, {lower-case name: value}, body) of an HTTP reply (status
    line) or a CGI reply (Status: header, 200 without one)."""
    if not raw:
        raise Failure("closed-without-reply")
    head, body = split_head(raw)
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


def send(s, data):
    try:
        s.sendall(data)
    except socket.timeout:
        raise Failure("send-timeout")
    except OSError as e:
        raise Failure("send-error:%s" % e.strerror)


def request(target, docroot, path, query="", body=b"", content_type=None, extra=(), timeout=TIMEOUT):
    """One request; (status, headers, body) or Failure.  Over HTTP when the
    target is http://..., else SCGI for DOCROOT + PATH."""
    deadline = time.monotonic() + timeout
    http = target.startswith("http://")
    s = connect(target, timeout)
    try:
        send(s, http_request(path, query, body, content_type, extra) if http else
             scgi_request(docroot, path, query, body, content_type, extra))
        return parse_reply(read_all(s, deadline), http)
    finally:
        s.close()


def request_result(target, docroot, path, query="", body=b"", content_type=None, extra=(), timeout=TIMEOUT):
    """One request as a dict {status, headers, body (str), error, elapsed}:
    status None and error the reason when it failed."""
    t0 = time.monotonic()
    res = {"status": None, "headers": {}, "body": "", "error": None}
    try:
        status, headers, rbody = request(target, docroot, path, query, body, content_type, extra, timeout)
        res.update(status=status, headers=headers, body=rbody.decode("latin-1"))
    except Failure as e:
        res["error"] = str(e)
    res["elapsed"] = round(time.monotonic() - t0, 3)
    return res


def reset(s):
    """Close with a RST (SO_LINGER 0), as a client that gives up does."""
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()
