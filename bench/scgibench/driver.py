"""One run: every phase's servers started, checked, and measured round by
round with the variants interleaved (each round starts one variant later,
so no variant is always first or last); then the per-request profiles;
then the results files."""

import gzip
import json
import os
import time

from . import load, plans, procs
from .machine import fingerprint, run_meta
from .plots import write_plots
from .procfs import loadavg
from .profiling import measure_callgrind, measure_stream, measure_strace
from .procs import log
from .sanity import sanity
from .servers import Servers
from .summary import SERVES_RULE, summarize, workload_summary
from .variants import variants_for, web_server
from .webprofile import measure_web_profile
from .workloads import WORKLOADS, make_tree


class Ctx:
    """what every part of a run needs: the builds, the load generator and
    the scratch directory"""

    def __init__(self, prefix, loadgen, work, stock_prefix=None, http_client="wrk"):
        self.prefix, self.loadgen, self.work = prefix, loadgen, work
        self.stock_prefix = stock_prefix
        self.http_client = http_client
        self.www = make_tree(work)


PLANS = {"quick": plans.quick_plan, "full": plans.full_plan, "profile": plans.profile_plan,
         "servers": plans.servers_plan}


def cell_variants(plan, workload, only):
    return [v for v in (only or variants_for(workload, plan))
            if not v.startswith("nginx-fcgi-stock") or plan["stock"]]


def run_phase(ctx, plan, phase, result):
    meta = result["meta"]
    web = {web_server(v) for (w, c, secs, only) in phase["cells"] for v in cell_variants(plan, w, only)}
    srv = Servers(ctx, phase["pool"], phase["opcache"], phase["nginx_workers"], phase["cgi"],
                  web_servers=web - {None})
    try:
        result["rss_idle"][phase["name"]] = srv.rss_idle
        wl = sorted({c[0] for c in phase["cells"]}, key=list(WORKLOADS).index)
        san = sanity(ctx, srv, wl, phase["cgi"])
        meta["opcache_seen"][phase["name"]] = san["opcache"]
        meta["sanity_failures"] += ["%s: %s" % (phase["name"], f) for f in san["failures"]]
        for rnd in range(plan["rounds"]):
            t = time.time()
            for (w, c, secs, only) in phase["cells"]:
                vs = cell_variants(plan, w, only)
                k = rnd % len(vs)
                for v in vs[k:] + vs[:k]:
                    res = load.run_one(ctx, srv, v, w, c, secs)
                    res.update({"phase": phase["name"], "pool": phase["pool"], "opcache": phase["opcache"],
                                "nginx_workers": phase["nginx_workers"], "workload": w, "concurrency": c,
                                "variant": v, "round": rnd, "seconds": secs})
                    result["runs"].append(res)
            log("  round %d done in %.0f s" % (rnd + 1, time.time() - t))
    finally:
        srv.stop()


def run_profiles(ctx, plan, result):
    # (binary, protocol, prefix, key): stock php-fpm first when there is one
    builds = ([("php-fpm", "fcgi", ctx.stock_prefix, "fcgi-stock")] if ctx.stock_prefix else []) \
        + [("php-fpm", "fcgi", ctx.prefix, "fcgi"), ("php-fpm-scgi", "scgi", ctx.prefix, "scgi")]
    for w, oc in plan["callgrind"]:
        log("callgrind:", w, "opcache", "on" if oc else "off")
        for binary, proto, prefix, key in builds:
            result["callgrind"].append(measure_callgrind(ctx, binary, proto, w, oc, prefix=prefix, key=key))
    for w, n in plan["strace"]:
        log("strace:", w)
        for binary, proto, prefix, key in builds:
            result["strace"].append(measure_strace(ctx, binary, proto, w, n, prefix=prefix, key=key))
    if plan.get("web_profile"):
        log("both sides of a request through each web server:", ", ".join(w for w, _ in plan["web_profile"]))
        result["web_profile"] = measure_web_profile(ctx, plan)
    if plan["stream"]:
        log("streaming 100 MiB")
        for binary, proto in (("php-fpm", "fcgi"), ("php-fpm-scgi", "scgi")):
            result["stream"].append(measure_stream(ctx, binary, proto))


def write_results(results, stamp, result):
    """<stamp>.json (cells, summaries, profiles), <stamp>/runs.json.gz (every
    single run: a sweep has thousands, a few MiB of JSON) and <stamp>/*.svg;
    returns the paths of the .json and of the plot directory"""
    plotdir = os.path.join(results, stamp)
    os.makedirs(plotdir, exist_ok=True)
    result["plots"] = [os.path.join(stamp, p) for p in write_plots(plotdir, "plot", result["cells"])]
    result["runs_file"] = os.path.join(stamp, "runs.json.gz")
    with gzip.open(os.path.join(results, result["runs_file"]), "wt") as f:
        json.dump(result.pop("runs"), f, separators=(",", ":"))
    jpath = os.path.join(results, stamp + ".json")
    with open(jpath, "w") as f:
        json.dump(result, f, indent=1, sort_keys=False)
    return jpath, plotdir


def run(ctx, mode, results, command):
    """measure what the mode's plan says; returns the result (as written to
    <results>/<stamp>.json) and the stem of its files"""
    plan = PLANS[mode](os.environ, ctx.stock_prefix is not None)
    plan["stock"] = ctx.stock_prefix is not None
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    os.makedirs(results, exist_ok=True)
    meta = run_meta(ctx, stamp, mode, plan["rounds"], command)
    meta["serves_rule"] = SERVES_RULE
    meta["http_client_nginx_cgi"] = ctx.http_client  # Apache's and lighttpd's: loadgen (load.py)
    if meta["cpu_busy_before"]["busy"] > 0.15:
        log("WARNING: the CPUs are %.0f%% busy before we start (%.0f%% by niced processes); results will be noisy"
            % (100 * meta["cpu_busy_before"]["busy"], 100 * meta["cpu_busy_before"]["busy_niced"]))
    result = {"meta": meta, "runs": [], "rss_idle": {}, "callgrind": [], "strace": [], "stream": [],
              "web_profile": []}

    for phase in plan["phases"]:
        log("phase:", phase["name"])
        run_phase(ctx, plan, phase, result)
    run_profiles(ctx, plan, result)

    result["cells"] = summarize(result["runs"])
    result["workload_summary"] = workload_summary(result["cells"])
    meta["elapsed_s"] = round(time.time() - procs.T0, 1)
    meta["loadavg_after"] = loadavg()
    meta["binaries_changed_during_run"] = fingerprint(ctx.prefix) != meta["binaries"]
    if meta["binaries_changed_during_run"]:
        log("WARNING: the binaries under test changed during the run (a rebuild?); do not trust this run")
    jpath, plotdir = write_results(results, stamp, result)
    return result, jpath[:-len(".json")], plotdir
