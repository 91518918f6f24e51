"""Workers that go away under steady load: kill -9 of a busy worker,
SIGUSR2 graceful reloads, pm.max_requests recycling."""
import json
import os
import signal
import time

from harness import Pool, passed, failed, log_lines, wait_until
from load import Load, numbers

# x86-64 syscall numbers of nanosleep and clock_nanosleep: a worker asleep
# in ok.php's usleep() is busy in a request, not waiting in accept()
SLEEP_SYSCALLS = ("35", "230")


def busy_child(pool):
    for c in pool.children():
        try:
            with open("/proc/%d/syscall" % c) as f:
                nr = f.read().split(" ", 1)[0].strip()
        except OSError:
            continue
        if nr in SLEEP_SYSCALLS:
            return c
    return None


def check_kill9(run):
    """1. kill -9 of a busy worker under steady load"""
    n = "kill9"
    pool = Pool(run, n, run.path(n, "sock"), "pm = static", "pm.max_children = 4")
    if not pool.start():
        return failed(n, pool.why)
    load = Load(pool.target, run.docroot, 30).start()
    time.sleep(1)
    killed = []
    for _ in range(5):
        c = None
        for _ in range(20):
            c = busy_child(pool)
            if c:
                break
            time.sleep(0.05)
        if c:
            try:
                os.kill(c, signal.SIGKILL)
                killed.append(c)
            except OSError:
                pass
        time.sleep(1.2)
    time.sleep(1)
    st = load.finish()
    kills = len(killed)
    pool.wait_children(4, 5)
    after = pool.children()
    respawned = not any(c in after for c in killed)
    signals = pool.count("exited on signal 9")
    nums = "%d kills of busy workers, %s, master logged %d SIGKILL exits, %d workers after" % (
        kills, numbers(st), signals, len(after))
    if kills < 3:
        failed(n, "found a busy worker to kill only %d times: %s" % (kills, nums))
    elif st["failed"] > kills or st["hung_threads"] != 0:
        failed(n, "more failures than kills (each kill may fail only its 1 in-flight request): " + nums)
    elif not respawned or len(after) != 4 or signals != kills:
        failed(n, "workers not respawned: " + nums)
    elif st["total"] < 100:
        failed(n, "too little load to mean anything: " + nums)
    else:
        passed(n, nums)
    pool.stop()


def check_reload(run):
    """2. SIGUSR2 graceful reload, 10 times during steady load"""
    n = "reload"
    pool = Pool(run, n, run.path(n, "sock"), "pm = dynamic", "pm.max_children = 6", "pm.start_servers = 4",
                "pm.min_spare_servers = 2", "pm.max_spare_servers = 5")
    if not pool.start():
        return failed(n, pool.why)
    load = Load(pool.target, run.docroot, 60).start()
    time.sleep(1)
    reloads = 0
    for _ in range(10):
        ready = pool.count("ready to handle connections")
        try:
            os.kill(pool.pid, signal.SIGUSR2)
        except OSError:
            break
        if wait_until(lambda: pool.count("ready to handle connections") > ready, 12):
            reloads += 1
        time.sleep(0.5)
    time.sleep(0.5)
    st = load.finish()
    # FPM reloads by exec()ing itself: the master keeps its pid
    nums = "%d/10 reloads completed, %s, master pid %d (%s)" % (
        reloads, numbers(st), pool.pid, "alive" if pool.master.poll() is None else "gone")
    if reloads != 10:
        log = " ".join(log_lines(pool.log, "ERROR|WARNING")[-3:])
        failed(n, "reloads did not complete: %s; log: %s" % (nums, log))
    elif st["failed"] != 0 or st["hung_threads"] != 0:
        failed(n, "failed requests during reloads: %s; failures: %s" % (nums, json.dumps(st["failures"][:5])))
    else:
        passed(n, nums)
    pool.stop()


def check_maxreq(run):
    """3. pm.max_requests recycling under steady load"""
    n = "maxreq"
    pool = Pool(run, n, run.path(n, "sock"), "pm = static", "pm.max_children = 4", "pm.max_requests = 5")
    if not pool.start():
        return failed(n, pool.why)
    load = Load(pool.target, run.docroot, 8).start()
    time.sleep(8)
    st = load.finish()
    exits = pool.count("exited with code 0")
    nums = "%s, %d workers recycled" % (numbers(st), exits)
    if st["failed"] != 0 or st["hung_threads"] != 0:
        failed(n, "%s; failures: %s" % (nums, json.dumps(st["failures"][:5])))
    elif exits < 20:
        failed(n, "workers were not recycled: " + nums)
    else:
        passed(n, nums)
    pool.stop()


CHECKS = {"kill9": check_kill9, "reload": check_reload, "maxreq": check_maxreq}
