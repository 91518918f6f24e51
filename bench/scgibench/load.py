"""Load: wrk or our loadgen through a web server, our loadgen straight to
a pool, and one measured run of a variant with the server-side CPU,
context switches and RSS it cost.

Which HTTP client: nginx's variants and CGI stay on wrk (-t1, the client
of every run so far); Apache's and lighttpd's use loadgen -P http, which
keeps connections alive as wrk does and also counts the responses of each
client connection: Debian's wrk 4.1.0 counts a request that never gets an
answer neither as an error nor in the latency, so a web server that
starves some clients (Apache's enablereuse without max) would look fine.
BENCH_HTTP_CLIENT=loadgen puts every HTTP variant on loadgen."""

import json
import os
import re
import subprocess

from .procfs import HZ, cpu_ticks, ctx_switches, rss_kib
from .variants import web_server
from .workloads import BENCH_DIR, WORKLOADS, ctype_of


def nginx_error_lines(work):
    try:
        with open(os.path.join(work, "nginx-error.log"), "rb") as f:
            return f.read().count(b"\n")
    except OSError:
        return 0


def run_wrk(ctx, port, path, conc, seconds, workload):
    env = dict(os.environ)
    body = WORKLOADS[workload][1]
    env["WRK_BODY_FILE"] = os.path.join(ctx.work, body) if body else ""
    env["WRK_CONTENT_TYPE"] = ctype_of(workload) or ""
    argv = ["wrk", "-t1", "-c%d" % conc, "-d%ds" % seconds, "--timeout", "5s",
            "-s", os.path.join(BENCH_DIR, "wrk-json.lua"), "http://127.0.0.1:%d%s" % (port, path)]
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                       timeout=seconds + 60)
    out = r.stdout.decode(errors="replace")
    m = re.search(r"^WRKJSON (.*)$", out, re.M)
    if not m:
        raise RuntimeError("wrk gave no summary: " + out[-500:])
    j = json.loads(m.group(1))
    errors = j["errors_connect"] + j["errors_read"] + j["errors_write"] + j["errors_status"] + j["errors_timeout"]
    return {"tool": "wrk", "requests": j["requests"], "errors": errors,
            "errors_detail": {k[7:]: j[k] for k in j if k.startswith("errors_") and j[k]},
            "rps": j["requests"] / (j["duration_us"] / 1e6) if j["duration_us"] else 0,
            "p50_us": j["p50_us"], "p99_us": j["p99_us"], "max_us": j["max_us"], "bytes": j["bytes"],
            "argv": " ".join(argv)}


def http_client(ctx, variant):
    if web_server(variant) in ("apache", "lighttpd") or ctx.http_client == "loadgen":
        return "loadgen"
    return "wrk"


def loadgen_argv(ctx, proto, sock, workload, conc, path=None):
    """proto fcgi or scgi to the pool socket sock; http to the port sock
    (an int) for the URL path"""
    script, body, _ = WORKLOADS[workload]
    if proto == "http":
        argv = [ctx.loadgen, "-P", "http", "-a", "127.0.0.1:%d" % sock, "-u", path, "-c", str(conc), "-t", "5"]
    else:
        argv = [ctx.loadgen, "-P", proto, "-a", sock, "-s", os.path.join(ctx.www, script), "-c", str(conc)]
    if body:
        argv += ["-b", os.path.join(ctx.work, body)]
    if ctype_of(workload):
        argv += ["-T", ctype_of(workload)]
    return argv


def run_loadgen(ctx, proto, sock, workload, conc, seconds=None, requests=None, warmup=0, path=None):
    argv = loadgen_argv(ctx, proto, sock, workload, conc, path)
    argv += ["-d", str(seconds)] if seconds else ["-n", str(requests)]
    if warmup:
        argv += ["-w", str(warmup)]
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=(seconds or 0) + warmup + 120)
    if r.returncode != 0:
        raise RuntimeError("loadgen failed: " + r.stderr.decode(errors="replace"))
    j = json.loads(r.stdout)
    j["argv"] = " ".join(argv)
    return j


def server_pids(srv, variant):
    """the processes that serve this variant, whose CPU time we count"""
    pool = srv.pool_of(variant)
    out = {}
    if pool:
        out["pool"] = srv.pools[pool].workers()
    if web_server(variant):
        out[web_server(variant)] = srv.web_pids(web_server(variant))
    if variant == "cgi":
        out["cgi"] = [srv.lighttpd.pid]
    return out


def run_one(ctx, srv, variant, workload, conc, seconds):
    before = nginx_error_lines(ctx.work)
    pids = server_pids(srv, variant)
    t0 = {k: cpu_ticks(v, reaped=(k == "cgi")) for k, v in pids.items()}
    cs0 = ctx_switches(pids.get("pool", []))
    if variant.startswith("direct-"):
        proto = variant[7:]
        res = run_loadgen(ctx, proto, srv.pools[proto].sock, workload, conc, seconds=seconds)
    else:
        path = "/" + WORKLOADS[workload][0] if variant != "nginx-return200" else "/"
        if http_client(ctx, variant) == "loadgen":
            res = run_loadgen(ctx, "http", srv.ports[variant], workload, conc, seconds=seconds, path=path)
        else:
            res = run_wrk(ctx, srv.ports[variant], path, conc, seconds, workload)
    if "connections_without_response" in res:
        # starvation is an error of the cell: summary.serves() counts it
        res["starved_connections"] = res["connections_without_response"]
    res["nginx_error_log_lines"] = nginx_error_lines(ctx.work) - before
    if res["requests"]:
        cpu = {k: (cpu_ticks(v, reaped=(k == "cgi")) - t0[k]) * 1e6 / HZ / res["requests"]
               for k, v in pids.items()}
        cpu["server"] = sum(cpu.values())
        res["cpu_us_per_request"] = {k: round(v, 1) for k, v in cpu.items()}
        if "pool" in pids:
            cs1 = ctx_switches(pids["pool"])
            # a worker that never waits has ~0 voluntary switches per request
            res["pool_switches_per_request"] = {"voluntary": round((cs1[0] - cs0[0]) / res["requests"], 2),
                                                "involuntary": round((cs1[1] - cs0[1]) / res["requests"], 2)}
    pool = srv.pool_of(variant)
    if pool:
        res["rss_after_kib"] = rss_kib(srv.pools[pool].workers())
    return res
