"""Both sides of a request through a web server, per request: the web
server's and the pool's syscalls (strace -c -f over all their processes
and threads), context switches and CPU time (schedstat's, in ns).  The sweep says which
variant is faster; this says whose work makes the difference, e.g. why
mod_proxy_scgi loses a cell to mod_proxy_fcgi while the pool behind it is
cheaper.  Counts, not timings: they do not depend on the machine's load
(the CPU time does, and is reported as measured)."""

import os
import signal
import subprocess
import time

from .load import run_loadgen, server_pids
from .procfs import cpu_ns, ctx_switches
from .procs import start, stop
from .profiling import strace_counts
from .servers import Servers
from .variants import WEB_SERVERS
from .workloads import WORKLOADS

# the syscalls listed per side: enough to see where two variants differ
TOP_SYSCALLS = 12


def web_variants(servers, stock):
    """php-fpm's configurations and php-fpm-scgi behind each web server;
    behind nginx, stock php-fpm when there is a stock build"""
    out = []
    for name in servers:
        for v in WEB_SERVERS[name]["variants"]:
            if v in WEB_SERVERS[name]["fcgi"] and name == "nginx" \
                    and v.startswith("nginx-fcgi-stock") != bool(stock):
                continue
            out.append(v)
    return out


def _side_counts(pids):
    return {side: (cpu_ns(ps), ctx_switches(ps)) for side, ps in pids.items()}


def measure_web_side(ctx, srv, variant, workload, conc, requests):
    """one variant, one workload: a run without strace for CPU time and
    context switches, then one under strace for the syscalls; both of
    exactly `requests` requests at concurrency `conc`"""
    path = "/" + WORKLOADS[workload][0]
    port = srv.ports[variant]
    run_loadgen(ctx, "http", port, workload, conc, requests=min(requests, 200), path=path)  # warm up
    pids = server_pids(srv, variant)
    before = _side_counts(pids)
    r = run_loadgen(ctx, "http", port, workload, conc, requests=requests, path=path)
    after = _side_counts(pids)
    sides = {}
    for side in pids:
        (t0, (v0, n0)), (t1, (v1, n1)) = before[side], after[side]
        sides[side] = {"cpu_us_per_request": round((t1 - t0) / 1e3 / requests, 1),
                       "voluntary_switches_per_request": round((v1 - v0) / requests, 2),
                       "involuntary_switches_per_request": round((n1 - n0) / requests, 2)}
    errors = r.get("errors", 0)
    tracers = []
    for side, ps in pids.items():
        out = os.path.join(ctx.work, "strace-web-%s-%s-%s.txt" % (variant, workload, side))
        argv = ["strace", "-c", "-f", "-o", out]
        for p in ps:
            argv += ["-p", str(p)]
        tracers.append((side, out, start(argv, "strace", stderr=subprocess.PIPE)))
    try:
        time.sleep(1.0)  # strace attaches to every thread
        r = run_loadgen(ctx, "http", port, workload, conc, requests=requests, path=path)
        errors += r.get("errors", 0)
        time.sleep(0.2)
    finally:
        for _, _, st in tracers:
            stop(st, signal.SIGINT)
    for side, out, _ in tracers:
        with open(out) as f:
            counts = strace_counts(f)
        top = sorted(counts.items(), key=lambda kv: -kv[1])[:TOP_SYSCALLS]
        sides[side]["syscalls_per_request"] = round(sum(counts.values()) / requests, 2)
        sides[side]["syscalls"] = {k: round(n / requests, 2) for k, n in top if n / requests >= 0.05}
    return {"variant": variant, "workload": workload, "concurrency": conc, "requests": requests,
            "errors": errors, "sides": sides}


def measure_web_profile(ctx, plan):
    """every web server's PHP variants at pool 4, opcache on, for the plan's
    (workload, requests) pairs, at concurrency 32 (the cell the targets
    name)"""
    servers = plan.get("web_servers", ["nginx"])
    srv = Servers(ctx, 4, True, 1, False, web_servers=servers)
    out = []
    try:
        for workload, requests in plan["web_profile"]:
            for v in web_variants(servers, ctx.stock_prefix):
                out.append(measure_web_side(ctx, srv, v, workload, 32, requests))
    finally:
        srv.stop()
    return out
