"""What /proc says about the processes under test and about the machine."""

import os
import time

HZ = os.sysconf("SC_CLK_TCK")


def children(pid):
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def proc_status(pid, key):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def cpu_ticks(pids, reaped=False):
    """user+system CPU of these processes (and of their reaped children:
    CGI programs show up in their parent's cutime/cstime)"""
    t = 0
    for p in pids:
        try:
            with open("/proc/%d/stat" % p) as f:
                v = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        t += int(v[11]) + int(v[12])
        if reaped:
            t += int(v[13]) + int(v[14])
    return t


def thread_files(pids, name):
    """the contents of /proc/PID/task/TID/<name> of every thread of these
    processes (threads gone meanwhile are left out)"""
    out = []
    for p in pids:
        try:
            tids = os.listdir("/proc/%d/task" % p)
        except OSError:
            continue
        for tid in tids:
            try:
                with open("/proc/%d/task/%s/%s" % (p, tid, name)) as f:
                    out.append(f.read())
            except OSError:
                pass
    return out


def cpu_ns(pids):
    """nanoseconds on a CPU of these processes' threads (schedstat): the
    precision that per-request figures of a few thousand requests need,
    where /proc/PID/stat counts in ticks of 10 ms"""
    return sum(int(x.split()[0]) for x in thread_files(pids, "schedstat") if x.split())


def ctx_switches(pids):
    """(voluntary, involuntary) context switches of these processes, summed
    over their threads: /proc/PID/status counts only the main thread's, and
    Apache's event MPM serves requests in its other threads"""
    v = n = 0
    for status in thread_files(pids, "status"):
        for line in status.splitlines():
            if line.startswith("voluntary_ctxt_switches:"):
                v += int(line.split()[1])
            elif line.startswith("nonvoluntary_ctxt_switches:"):
                n += int(line.split()[1])
    return v, n


def rss_kib(pids):
    v = [proc_status(p, "VmRSS") for p in pids]
    v = [x for x in v if x is not None]
    if not v:
        return None
    return {"mean": round(sum(v) / len(v)), "max": max(v), "n": len(v)}


def cpu_busy(seconds=1.0):
    """how busy the CPUs are without us: other work on the machine makes
    every number here noisier"""
    def snap():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return sum(v), v[3] + v[4], v[1]
    t0, i0, n0 = snap()
    time.sleep(seconds)
    t1, i1, n1 = snap()
    total = max(1, t1 - t0)
    return {"busy": round(1 - (i1 - i0) / total, 3), "busy_niced": round((n1 - n0) / total, 3)}


def loadavg():
    with open("/proc/loadavg") as f:
        return f.read().split()[:3]
