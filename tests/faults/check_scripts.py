"""Scripts that misbehave: one that runs forever; memory_limit, a fatal
error, exit() in a shutdown function, SIGSEGV.  The worker after each must
serve the next request."""
import time

from harness import Pool, passed, failed, count, read_text


def pid_of_ok(res):
    """The worker pid in ok.php's reply ("OK <pid> <id> <host>"), or None."""
    f = res["body"].split()
    return f[1] if len(f) > 1 else None


def check_forever(run):
    """4. a script that runs forever"""
    n = "forever"
    slowlog = run.path(n, "slow.log")
    pool = Pool(run, n, run.path(n, "sock"), "pm = static", "pm.max_children = 1",
                "request_terminate_timeout = 2s", "request_slowlog_timeout = 1s", "slowlog = " + slowlog)
    if not pool.start():
        return failed(n, pool.why)
    pid0 = pid_of_ok(pool.req("/ok.php", "id=x"))
    r = pool.req("/forever.php", timeout=10)
    time.sleep(0.3)
    nxt = pool.req("/ok.php", "id=y", timeout=5)
    pid1 = pid_of_ok(nxt)
    slow = read_text(slowlog)
    slow_ok = "spin_forever()" in slow and "forever.php" in slow
    term = pool.count("execution timed out")
    nums = "client got '%s' after %ss, slowlog backtrace %s, master logged %d timeouts, worker %s -> %s, " \
        "next request status %s" % (r["error"] or "status %s" % r["status"], r["elapsed"],
                                    "names spin_forever() in forever.php" if slow_ok else "MISSING",
                                    term, pid0, pid1, nxt["status"])
    if r["error"] is None and r["status"] == 200:
        failed(n, "runaway script answered 200: " + nums)
    elif r["elapsed"] > 3.5:
        failed(n, "client waited too long (bound 3.5 s): " + nums)
    elif not slow_ok:
        failed(n, "slowlog: %s; slowlog: %s" % (nums, slow[:300].replace("\n", " ")))
    elif not pid1 or pid1 == pid0 or nxt["status"] != 200:
        failed(n, "worker not replaced or next request failed: " + nums)
    else:
        passed(n, nums)
    pool.stop()


def check_crash(run):
    """5. memory_limit, fatal error, exit() in a shutdown function, SIGSEGV"""
    n = "crash"
    pool = Pool(run, n, run.path(n, "sock"), "pm = static", "pm.max_children = 1",
                "php_admin_value[memory_limit] = 32M", "request_terminate_timeout = 20s")
    if not pool.start():
        return failed(n, pool.why)
    bad, result = [], []
    for s in ("memory", "fatal", "shutdown_exit", "segv"):
        res = pool.req("/%s.php" % s, timeout=10)
        st, er = res["status"], res["error"]
        body = res["body"].strip().replace("\n", "|")
        nxt = pool.req("/ok.php", "id=after-" + s, timeout=10)
        if s in ("memory", "fatal"):
            r = st
            if not (st == 500 or er is not None):
                bad.append("%s:client-got-%s" % (s, st))
        elif s == "shutdown_exit":
            r = "%s '%s'" % (st, body)
            if not (st == 200 and body == "main|in-shutdown"):
                bad.append("%s:got-%s-'%s'-%s" % (s, st, body, er))
        else:
            r = er
            if not (er is not None and st is None):
                bad.append("%s:client-got-%s-%s" % (s, st, er))
        if nxt["status"] != 200:
            bad.append("%s:next-request-%s-%s" % (s, nxt["status"], nxt["error"]))
        result.append("%s=>%s, next 200;" % (s, r))
    memerr = count("Allowed memory size", pool.php_errors)
    fatalerr = count("Call to undefined function", pool.php_errors)
    sig = pool.count("exited on signal 11")
    if memerr < 1:
        bad.append("memory:no-log-line")
    if fatalerr < 1:
        bad.append("fatal:no-log-line")
    if sig != 1:
        bad.append("segv:master-logged-%d-SIGSEGV-exits" % sig)
    result.append("php log: memory %d, fatal %d; master: %d SIGSEGV exit" % (memerr, fatalerr, sig))
    if bad:
        failed(n, "%s (%s)" % (" ".join(bad), " ".join(result)))
    else:
        passed(n, " ".join(result))
    pool.stop()


CHECKS = {"forever": check_forever, "crash": check_crash}
