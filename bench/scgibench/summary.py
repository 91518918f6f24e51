"""From single runs to a run's cells: per variant the medians over rounds
and whether it serves the cell, per pair of variants the per-round ratios
(requests/s, p99, CPU per request), php-fpm's best serving configuration
per cell and web server, and per workload the geometric mean over the
sweep's cells."""

import statistics

from .stats import geomean_ci95, ratio_summary
from .variants import WEB_SERVERS
from .workloads import WORKLOADS

# A variant *serves* a cell when every request was answered without an
# error, every client connection got answers, and its p99 latency is at
# most 10 times its own p50, or 10 ms if that is more.  Relative, because
# a fair queue makes every request wait about as long (c ÷ pool service
# times: p50 and p99 grow together, and on 1 MiB bodies at c 128 they pass
# any absolute bound in every variant), while a configuration that pins
# workers to a few kept-alive connections serves those at once and makes
# the others wait: p99 far above p50.  The 10 ms floor keeps a scheduling
# hiccup of a loaded machine at c 1 (p50 ~ 100 µs) from counting.
SERVE_P99_FACTOR = 10
SERVE_P99_FLOOR_US = 10000
# And no request may wait longer than 1 s.  p99 cannot see a few client
# connections that wait: behind nginx at pool 4, c 32, stock php-fpm's
# keepalive answers most requests in 0.25 ms and leaves a few connections
# without any answer for about 2 s.  In 1-second cells loadgen counts those
# as starved; in 3-second cells they are answered before the end and only
# the maximum shows them.  In the sweeps no other variant's slowest
# request took as long as 1 s, at any pool size, concurrency or workload.
SERVE_MAX_US = 1000000
SERVES_RULE = ("serves: no errors, no client connection without answers, p99 <= max(%d x p50, %d ms), "
               "no request over %d s" % (SERVE_P99_FACTOR, SERVE_P99_FLOOR_US // 1000, SERVE_MAX_US // 1000000))

# (name, a, b): the comparisons made in every cell where both were measured
# (each web server's SCGI ÷ best-fcgi is added per cell)
PAIRS = [("nginx-scgi/nginx-fcgi", "nginx-scgi", "nginx-fcgi"),
         ("nginx-scgi/nginx-fcgi-ka", "nginx-scgi", "nginx-fcgi-ka"),
         ("nginx-scgi/nginx-fcgi-stock", "nginx-scgi", "nginx-fcgi-stock"),
         ("nginx-scgi/nginx-fcgi-stock-ka", "nginx-scgi", "nginx-fcgi-stock-ka"),
         ("direct-scgi/direct-fcgi", "direct-scgi", "direct-fcgi"),
         ("nginx-scgi/cgi", "nginx-scgi", "cgi"),
         ("nginx-return200/nginx-scgi", "nginx-return200", "nginx-scgi"),
         ("apache-scgi/apache-fcgi", "apache-scgi", "apache-fcgi"),
         ("apache-scgi/apache-fcgi-reuse", "apache-scgi", "apache-fcgi-reuse"),
         ("lighttpd-scgi/lighttpd-fcgi", "lighttpd-scgi", "lighttpd-fcgi")]

# the ratios summarised per workload over the sweep
WORKLOAD_RATIOS = ("nginx-scgi/nginx-fcgi-stock", "nginx-scgi/nginx-fcgi-stock-ka", "nginx-scgi/nginx-fcgi",
                   "nginx-scgi/nginx-fcgi-ka", "nginx-scgi/best-fcgi", "direct-scgi/direct-fcgi",
                   "apache-scgi/apache-fcgi", "apache-scgi/apache-fcgi-reuse", "apache-scgi/best-fcgi",
                   "lighttpd-scgi/lighttpd-fcgi", "lighttpd-scgi/best-fcgi")


def cell_key(r):
    return (r["pool"], r["opcache"], r["nginx_workers"], r["workload"], r["concurrency"])


def variant_summary(rs):
    """one variant in one cell: medians over its rounds"""
    rps = [x["rps"] for x in rs]
    s = {"rps": round(statistics.median(rps), 1), "rps_min": round(min(rps), 1),
         "rps_max": round(max(rps), 1),
         "p50_us": statistics.median([x["p50_us"] for x in rs]),
         "p99_us": statistics.median([x["p99_us"] for x in rs]),
         "errors": sum(x["errors"] for x in rs), "requests": sum(x["requests"] for x in rs),
         "rounds": len(rs)}
    cpu = [x["cpu_us_per_request"]["server"] for x in rs if x.get("cpu_us_per_request")]
    if cpu:
        s["cpu_us_per_request"] = round(statistics.median(cpu), 1)
        pool_cpu = [x["cpu_us_per_request"]["pool"] for x in rs
                    if x.get("cpu_us_per_request", {}).get("pool") is not None]
        if pool_cpu:
            s["pool_cpu_us_per_request"] = round(statistics.median(pool_cpu), 1)
    sw = [x["pool_switches_per_request"] for x in rs if x.get("pool_switches_per_request")]
    if sw:
        s["pool_switches_per_request"] = {
            k: round(statistics.median([x[k] for x in sw]), 2) for k in ("voluntary", "involuntary")}
    cl = [x for x in rs if "client_voluntary_switches_per_request" in x]
    if cl:
        s["client_switches_per_request"] = {
            "voluntary": round(statistics.median([x["client_voluntary_switches_per_request"] for x in cl]), 2),
            "involuntary": round(statistics.median([x["client_involuntary_switches_per_request"] for x in cl]), 2),
            "cpu_us": round(statistics.median([x["client_cpu_us_per_request"] for x in cl]), 1)}
    rss = [x["rss_after_kib"]["mean"] for x in rs if x.get("rss_after_kib")]
    if rss:
        s["rss_after_kib"] = max(rss)
    starved = [x["starved_connections"] for x in rs if "starved_connections" in x]
    if starved:
        s["starved_connections"] = max(starved)
    slowest = [x["max_us"] for x in rs if x.get("max_us") is not None]
    if slowest:
        s["max_us"] = max(slowest)
    s["serves"] = serves(s)
    return s


def serves(s):
    """a variant's summary in a cell serves it (SERVES_RULE)"""
    return (s["errors"] == 0 and not s.get("starved_connections")
            and s["p99_us"] <= max(SERVE_P99_FACTOR * s["p50_us"], SERVE_P99_FLOOR_US)
            and s.get("max_us", 0) <= SERVE_MAX_US)


def best_fcgi(vs, server="nginx"):
    """php-fpm's best configuration behind a web server in a cell: the
    most requests/s of those that serve it; None when none does"""
    fc = [v for v in WEB_SERVERS[server]["fcgi"] if v in vs and serves(vs[v])]
    return max(fc, key=lambda v: vs[v]["rps"]) if fc else None


def metric_by_round(rs, metric):
    """{round: value} of one variant's runs; metric "cpu:PART" is that part
    of the server CPU per request; runs without the figure are left out"""
    def get(x):
        if metric.startswith("cpu:"):
            return x.get("cpu_us_per_request", {}).get(metric[4:])
        return x[metric]
    return {x["round"]: get(x) for x in rs if get(x) is not None}


def summarize_cell(key, variants):
    pool, opcache, nw, w, c = key
    vs = {v: variant_summary(rs) for v, rs in variants.items()}

    def per_round(a, b, metric="rps"):
        return ratio_summary(metric_by_round(variants.get(a, []), metric),
                             metric_by_round(variants.get(b, []), metric))

    best = {x: best_fcgi(vs, x) for x in WEB_SERVERS if any(v in vs for v in WEB_SERVERS[x]["variants"])}
    pairs = list(PAIRS)
    for x, b in reversed(list(best.items())):
        if b:
            pairs.insert(0, ("%s/best-fcgi" % WEB_SERVERS[x]["scgi"], WEB_SERVERS[x]["scgi"], b))
    ratios = {}
    for name, a, b in pairs:
        q = per_round(a, b)
        if q:
            ratios[name] = q
    p99 = {}
    for name, a, b in pairs:
        q = per_round(a, b, "p99_us")
        if q:
            p99[name] = q
    # server CPU per request (pool workers + nginx workers): much less
    # sensitive to other load on the machine than requests/s
    cpu = {}
    for name, a, b in pairs:
        for part in ("server", "pool"):
            q = per_round(a, b, "cpu:" + part)
            if q:
                cpu[name + " " + part] = q
    return {"pool": pool, "opcache": opcache, "nginx_workers": nw, "workload": w,
            "concurrency": c, "variants": vs, "best_fcgi": best.get("nginx"),
            "best_fcgi_by_server": best, "ratios_rps": ratios,
            "ratios_p99": p99, "ratios_cpu_per_request": cpu}


def summarize(runs):
    cells = {}
    for r in runs:
        cells.setdefault(cell_key(r), {}).setdefault(r["variant"], []).append(r)
    order = sorted(cells.items(), key=lambda kv: (kv[0][0], not kv[0][1], kv[0][2],
                                                  list(WORKLOADS).index(kv[0][3]), kv[0][4]))
    return [summarize_cell(key, variants) for key, variants in order]


def workload_summary(cells):
    """per workload and opcache setting, over every cell of the sweep (nginx,
    1 worker): the geometric mean of the cells' median req/s ratios with a
    95 % interval (t over the log ratios, cells as samples), and how many
    cells are at or above 1.  A cell's own spread is noise of a few seconds
    of load; this says whether a workload as a whole is ahead, behind, or
    cannot be told apart."""
    out = []
    mine = [c for c in cells if c["nginx_workers"] == 1]
    for opcache in (True, False):
        for w in WORKLOADS:
            sel = [c for c in mine if c["workload"] == w and c["opcache"] == opcache]
            for name in WORKLOAD_RATIOS:
                q = [c["ratios_rps"][name]["median"] for c in sel if name in c["ratios_rps"]]
                q = [x for x in q if x > 0]
                g = geomean_ci95(q)
                if g is None:
                    continue
                out.append({"workload": w, "opcache": opcache, "ratio": name, "cells": len(q),
                            "at_or_above_1": sum(1 for x in q if x >= 1),
                            "geomean": round(g[0], 3), "ci95": [round(g[1], 3), round(g[2], 3)]})
    return out


def default_fcgi(cells, server):
    """php-fpm as a site has it behind a web server without tuning: nginx's
    fastcgi_pass (a new connection per request) to stock php-fpm when the
    run measured one, else to this tree's; mod_proxy_fcgi without
    enablereuse; lighttpd's mod_fastcgi"""
    if server == "nginx":
        stock = any("nginx-fcgi-stock" in c["variants"] for c in cells)
        return "nginx-fcgi-stock" if stock else "nginx-fcgi"
    return WEB_SERVERS[server]["fcgi"][0]


def _over_cells(q):
    """a ratio over a workload's cells: geometric mean, 95 % interval (None
    with fewer than two cells), cells at or above 1"""
    q = [x for x in q if x > 0]
    g = geomean_ci95(q)
    return {"cells": len(q), "at_or_above_1": sum(1 for x in q if x >= 1),
            "geomean": round(g[0], 3) if g else (round(q[0], 3) if q else None),
            "ci95": [round(g[1], 3), round(g[2], 3)] if g else None}


def _best(cell, server):
    """php-fpm's best serving configuration in a cell (runs before Apache
    and lighttpd were measured have nginx's alone)"""
    by = cell.get("best_fcgi_by_server") or {"nginx": cell.get("best_fcgi")}
    return by.get(server)


def server_summary(cells, server, headline=(4, 32)):
    """SCGI ÷ php-fpm behind one web server, per workload over the sweep's
    cells (opcache on, nginx with 1 worker): against php-fpm's default
    configuration and against its best one that serves each cell; the
    cells where php-fpm serves with none of its configurations or SCGI does
    not serve; the headline cell (pool 4, c 32) with its range over rounds
    and p99s; the cells SCGI loses to a configuration of php-fpm that
    serves them.  Rows in WORKLOADS order; none for workloads not measured."""
    scgi = WEB_SERVERS[server]["scgi"]
    default = default_fcgi(cells, server)
    mine = [c for c in cells if c["nginx_workers"] == 1 and c["opcache"] and scgi in c["variants"]]
    rows = []
    for w in WORKLOADS:
        sel = [c for c in mine if c["workload"] == w]
        if not sel:
            continue
        vs_default = [c["ratios_rps"][scgi + "/" + default]["median"] for c in sel
                      if scgi + "/" + default in c["ratios_rps"]]
        vs_best = [c["ratios_rps"][scgi + "/best-fcgi"]["median"] for c in sel
                   if scgi + "/best-fcgi" in c["ratios_rps"]]
        row = {"workload": w, "cells": len(sel), "default": default,
               "vs_default": _over_cells(vs_default), "vs_best": _over_cells(vs_best),
               "fcgi_serves_none": sum(1 for c in sel if not _best(c, server)),
               "scgi_serves_not": sum(1 for c in sel if not serves(c["variants"][scgi])),
               "lost": [], "headline": None}
        for c in sel:
            best = _best(c, server)
            q = c["ratios_rps"].get(scgi + "/best-fcgi")
            if best and q and q["median"] < 1:
                row["lost"].append({"pool": c["pool"], "concurrency": c["concurrency"], "best": best,
                                    "ratio": q["median"], "scgi_serves": serves(c["variants"][scgi])})
            if (c["pool"], c["concurrency"]) == headline:
                row["headline"] = {
                    "vs_default": c["ratios_rps"].get(scgi + "/" + default),
                    "best": best, "vs_best": q,
                    "p99_scgi_us": c["variants"][scgi]["p99_us"],
                    "p99_best_us": c["variants"][best]["p99_us"] if best else None}
        rows.append(row)
    return rows
