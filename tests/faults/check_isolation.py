"""No data from one request in the next one that the same worker serves."""
import json
import re

import scgi_client
from harness import Pool, passed, failed, log_lines

# what request A sends or its script sets, searched in B's and B2's replies
A_MARKERS = ("abc-secret", "httpx-secret", "cookie-secret", "pathinfo-secret", "pad-secret", "query-secret",
             "body-secret", "putenv-secret", "server-secret", "header-secret", "zzzzzzzz", "X_SECRET",
             "HTTP_X_PAD", "PHP_VALUE")
# what request A2 (its body cut short) sends, searched in B2's reply
A2_MARKERS = ("short-secret", "truncated-secret", "X_SECRET2")


def send_truncated(pool):
    """A2: a form body cut short: CONTENT_LENGTH 100000, 24 bytes arrive,
    then the client shuts its side; whatever comes back is read and dropped."""
    pairs = [("CONTENT_LENGTH", "100000"), ("SCGI", "1"), ("REQUEST_METHOD", "POST"),
             ("SCRIPT_FILENAME", pool.run.docroot + "/secret.php"), ("SCRIPT_NAME", "/secret.php"),
             ("CONTENT_TYPE", "application/x-www-form-urlencoded"), ("X_SECRET2", "short-secret-b3b3")]
    try:
        s = scgi_client.connect(pool.target, 5)
    except scgi_client.Failure:
        return
    try:
        s.sendall(scgi_client.netstring(pairs) + b"s=truncated-secret-e7e7&")
        s.shutdown(scgi_client.socket.SHUT_WR)
        while s.recv(65536):
            pass
    except OSError:
        pass
    finally:
        s.close()


def served_by(res, marker):
    """The pid a reply names after MARKER ("A <pid>", "PID <pid>"), or None."""
    m = re.search(re.escape(marker) + r"(\d+)", res["body"])
    return m.group(1) if m else None


def check_isolation(run):
    """9. no data from one request in the next (one worker serves both)"""
    n = "isolation"
    pool = Pool(run, n, run.path(n, "sock"), "pm = static", "pm.max_children = 1")
    if not pool.start():
        return failed(n, pool.why)
    # A: secret headers, cookie, PATH_INFO, query, a 20 KiB form body, a
    # putenv(), $_SERVER write, header() and setcookie() in the script; a
    # long header, so that B's shorter one lies over A's stale bytes
    a = pool.req("/secret.php", "q=query-secret-3a9c",
                 extra=[("X_SECRET", "abc-secret-17f0"), ("HTTP_X_SECRET", "httpx-secret-6d21"),
                        ("HTTP_COOKIE", "c=cookie-secret-aa01"), ("PATH_INFO", "/pathinfo-secret-c4e9"),
                        ("HTTP_X_PAD", "pad-secret-" * 300), ("PHP_VALUE", "error_reporting=E_ALL")],
                 body="s=body-secret-9c1d&t=" + "z" * 20000, content_type="application/x-www-form-urlencoded")
    # B: a plain GET on the same worker
    b = pool.req("/dump.php")
    send_truncated(pool)
    # B2: a POST with a short body of its own
    b2 = pool.req("/dump.php", body="x=1", content_type="application/x-www-form-urlencoded")
    pa, pb, pb2 = served_by(a, "A "), served_by(b, "PID "), served_by(b2, "PID ")
    # the replies as the old suite kept them (JSON): headers and body
    tb, tb2 = json.dumps(b), json.dumps(b2)
    leaks = []
    for s in A_MARKERS:
        leaks += ["B:" + s] if s in tb else []
        leaks += ["B2:" + s] if s in tb2 else []
    leaks += ["B2:" + s for s in A2_MARKERS if s in tb2]
    died = log_lines(pool.log, r"exited on signal|exited with code [1-9]")
    crashed = re.sub(r"^\[[^]]*\] ", "", died[0]) if died else ""
    ok_b = b["status"] == 200 and "INPUT ''" in b["body"]
    ok_b2 = b2["status"] == 200 and "INPUT 'x=1'" in b2["body"]
    nums = "A (secret headers/cookie/PATH_INFO/query/20 KiB body/putenv/header/PHP_VALUE) then B (GET), " \
        "A2 (body cut short) then B2 (POST), workers %s/%s/%s: %d markers searched" % (
            pa, pb, pb2, len(A_MARKERS) + len(A2_MARKERS))
    if crashed:
        first = log_lines(pool.log, "SCGI request from")[:1]
        failed(n, "a worker died: '%s' (%s); %s" % (
            crashed, re.sub(r"^\[[^]]*\] ", "", first[0]) if first else "", nums))
    elif leaks:
        failed(n, "leaked into the next request: %s (%s)" % (" ".join(leaks), nums))
    elif pa is None or pa != pb or pb != pb2:
        failed(n, "not served by the same worker (%s, %s, %s): test is void" % (pa, pb, pb2))
    elif not ok_b or not ok_b2:
        failed(n, "B/B2 not served cleanly: B %s B2 %s (%s)" % (ok_b, ok_b2, nums))
    else:
        passed(n, nums + ", 0 found; php://input of B empty, of B2 exactly its own 3 bytes")
    pool.stop()


CHECKS = {"isolation": check_isolation}
