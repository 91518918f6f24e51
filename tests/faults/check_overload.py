"""More than the pool can take: more clients than workers (default backlog,
then listen.backlog = 1 over unix and TCP), a client that never reads a
50 MiB reply, posts over post_max_size / upload_max_filesize."""
import json
import time

import procs
from harness import Pool, passed, failed, count
from load import burst, Unread


def check_backlog(run):
    """6. more clients than workers: default backlog, then listen.backlog = 1"""
    n = "backlog"
    pool = Pool(run, n, run.path(n, "sock"), "pm = static", "pm.max_children = 2")
    if not pool.start():
        return failed(n + "-default", pool.why)
    b = burst(pool.target, run.docroot, "/sleep.php", 8, 50, 12)
    pool.stop()
    rows = [r for r in b["rows"] if r]
    ok = sum(1 for r in rows if r.get("status") == 200)
    maxel = max(r["elapsed"] for r in rows) if rows else None
    # served in arrival order: a later client never starts more than 0.2 s
    # before an earlier one (two workers take two at a time)
    try:
        order = all(float(a["body"].split()[3]) <= float(c["body"].split()[3]) + 0.2
                    for a, c in zip(b["rows"], b["rows"][1:]))
    except (KeyError, IndexError, ValueError, TypeError):
        order = None
    nums = "8 clients on 2 workers (sleep 1): %d served, max wait %ss, all done in %ss, FIFO order %s" % (
        ok, maxel, b["total"], order)
    rows_text = json.dumps(b)[:600]
    if ok != 8 or b["hung"] != 0:
        failed(n + "-default", "%s; rows: %s" % (nums, rows_text))
    elif order is not True:
        failed(n + "-default", "not served in arrival order: %s; rows: %s" % (nums, rows_text))
    elif b["total"] > 6.5:
        failed(n + "-default", "too slow: " + nums)
    else:
        passed(n + "-default", nums)

    # listen.backlog = 1: over unix and TCP sockets, each client is served
    # or refused at connect, within the client's 12 s bound
    for kind in ("unix", "tcp"):
        name = "%s-tiny-%s" % (n, kind)
        listen = run.path(n + "-1", "sock") if kind == "unix" else "127.0.0.1:%d" % procs.free_port()
        pool = Pool(run, n + "-1", listen, "pm = static", "pm.max_children = 2", "listen.backlog = 1")
        if not pool.start():
            failed(name, pool.why)
            continue
        b = burst(pool.target, run.docroot, "/sleep.php", 8, 10, 12)
        pool.stop()
        rows = [r for r in b["rows"] if r]
        ok = sum(1 for r in rows if r.get("status") == 200)
        errs = sorted(set(r["error"] for r in rows if r.get("error")))
        refusals = [r for r in rows if str(r.get("error", "")).startswith("connect-error")]
        slowref = max([r["elapsed"] for r in refusals] or [0])
        other = sum(1 for r in rows if r.get("error") and not str(r["error"]).startswith("connect-error"))
        maxel = max(r["elapsed"] for r in rows) if rows else None
        nums = "8 clients on 2 workers, listen.backlog=1 (%s): %d served, %d refused at connect " \
            "(slowest refusal %ss), %d other errors %s, max wait %ss" % (
                kind, ok, len(refusals), slowref, other, json.dumps(errs), maxel)
        if b["hung"] != 0 or other != 0 or ok + len(refusals) != 8:
            failed(name, nums)
        elif slowref > 1.0:
            failed(name, "refusal not fast: " + nums)
        else:
            passed(name, nums)


def check_noread(run):
    """7. a client that never reads a 50 MiB response"""
    n = "noread"
    pool = Pool(run, n, run.path(n, "sock"), "pm = static", "pm.max_children = 1",
                "request_terminate_timeout = 3s")
    if not pool.start():
        return failed(n, pool.why)
    hold = Unread(pool.target, run.docroot, "/big.php", 20).start()
    time.sleep(0.5)
    nxt = pool.req("/ok.php", "id=next", timeout=10)
    hold.stop()
    term = pool.count("execution timed out")
    nums = "next request status %s after %ss (request_terminate_timeout 3s; it queued behind the stuck " \
        "worker), master logged %d timeout(s)" % (nxt["status"], nxt["elapsed"], term)
    if hold.error:
        failed(n, "the client that never reads could not send: %s (%s)" % (hold.error, nums))
    elif nxt["status"] != 200 or term < 1:
        failed(n, "%s %s" % (nums, nxt["error"]))
    elif nxt["elapsed"] > 5.0:
        failed(n, "too slow: " + nums)
    else:
        passed(n, nums)
    pool.stop()


UPLOAD_BODY = (b"--BOUNDARYxyz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.bin\"\r\n"
               b"Content-Type: application/octet-stream\r\n\r\n" + b"u" * 4096 +
               b"\r\n--BOUNDARYxyz\r\nContent-Disposition: form-data; name=\"g\"\r\n\r\nsmall\r\n--BOUNDARYxyz--\r\n")


def post_reply(res):
    """post.php's JSON reply, or None."""
    try:
        return json.loads(res["body"])
    except ValueError:
        return None


def check_postmax(run):
    """8. post_max_size / upload_max_filesize exceeded"""
    n = "postmax"
    pool = Pool(run, n, run.path(n, "sock"), "pm = static", "pm.max_children = 1",
                "php_admin_value[post_max_size] = 64K", "php_admin_value[upload_max_filesize] = 1K")
    if not pool.start():
        return failed(n, pool.why)
    a = pool.req("/post.php", body=b"a=" + b"x" * (1 << 20),
                 content_type="application/x-www-form-urlencoded", timeout=10)
    b = pool.req("/post.php", body=UPLOAD_BODY, content_type="multipart/form-data; boundary=BOUNDARYxyz",
                 timeout=10)
    c = pool.req("/ok.php", "id=next", timeout=10)
    ja, jb = post_reply(a), post_reply(b)
    bad = []
    if not (ja and ja["post"] == 0 and "exceeds the limit" in (ja["error"] or "")):
        bad.append("post_max_size:%s" % json.dumps(a))
    if not (jb and jb["files"] == {"f": 1} and jb["post"] == 1):
        bad.append("upload_max_filesize:%s" % json.dumps(b))
    if c["status"] != 200:
        bad.append("next:%s" % json.dumps(c))
    logged = count("POST Content-Length of 1048578 bytes exceeds the limit of 65536 bytes", pool.php_errors)
    if logged < 1:
        bad.append("no-warning-in-php-log")
    times = (a["elapsed"], b["elapsed"], c["elapsed"])
    nums = "1 MiB form over post_max_size=64K: %s; 4 KiB upload over upload_max_filesize=1K: %s " \
        "(1 = UPLOAD_ERR_INI_SIZE); warning logged %d; next request 200; times %ss" % (
            json.dumps(ja), json.dumps(jb), logged, "/".join(map(str, times)))
    if bad:
        failed(n, "%s (%s)" % (" ".join(bad), nums))
    elif max(times) > 3:
        failed(n, "slow: " + nums)
    else:
        passed(n, nums)
    pool.stop()


CHECKS = {"backlog": check_backlog, "noread": check_noread, "postmax": check_postmax}
