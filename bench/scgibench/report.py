"""A run's report: the markdown tables of bench/results/<stamp>.md (also
rewritten from a results .json by --markdown-from) and the headline lines
printed at the end of a run."""

import json

from .summary import server_summary, workload_summary
from .variants import VARIANT_ORDER, WEB_SERVERS
from .workloads import WORKLOADS


def fmt_ratio(q):
    if not q:
        return "–"
    return "%.2f× (%.2f–%.2f)" % (q["median"], q["min"], q["max"])


def workload_summary_markdown(rows):
    if not rows:
        return []
    L = ["## Per workload, over all cells (nginx, 1 worker)\n",
         "Geometric mean of the cells' median req/s ratios, 95 % interval (t over the log ratios, "
         "one sample per cell), and the cells at or above 1.  An interval that holds 1 means the "
         "two cannot be told apart on this machine.\n",
         "| workload | opcache | ratio | cells | geometric mean | 95 % interval | cells ≥ 1 |",
         "|---|---|---|---|---|---|---|"]
    for r in rows:
        L.append("| %s | %s | %s | %d | %.3f× | %.3f–%.3f | %d |" % (
            r["workload"], "on" if r["opcache"] else "off", r["ratio"].replace("nginx-", "").replace("/", " ÷ "),
            r["cells"], r["geomean"], r["ci95"][0], r["ci95"][1], r["at_or_above_1"]))
    L.append("")
    return L


def pivot_markdown(cells):
    """per workload and opcache setting, pools down and concurrency across:
    SCGI ÷ FastCGI (new connection) / ÷ FastCGI keepalive, medians of the
    per-round ratios; a keepalive cell with errors is marked.  Only when
    more than one pool size was measured (the sweep)."""
    mine = [c for c in cells if c["nginx_workers"] == 1 and c["ratios_rps"]]
    pools = sorted({c["pool"] for c in mine})
    if len(pools) < 2:
        return []
    stock = any("nginx-scgi/nginx-fcgi-stock" in c["ratios_rps"] for c in mine)
    L = ["## SCGI ÷ FastCGI by pool size and concurrency (nginx, 1 worker)\n",
         "Each cell: %snginx-scgi ÷ nginx-fcgi (a new connection per request, nginx's default) / "
         "÷ nginx-fcgi-ka (upstream keepalive), median of the per-round req/s ratios; "
         "`!` marks a keepalive run with errors; p99 latency of SCGI / keepalive FastCGI in ms below.\n"
         % ("nginx-scgi ÷ stock php-fpm (nginx-fcgi-stock) / ÷ stock php-fpm with upstream keepalive "
            "(nginx-fcgi-stock-ka, `–` where not measured) / " if stock else "")]
    for opcache in (True, False):
        for w in WORKLOADS:
            sel = [c for c in mine if c["workload"] == w and c["opcache"] == opcache]
            if not sel:
                continue
            concs = sorted({c["concurrency"] for c in sel})
            L.append("**%s, opcache %s**\n" % (w, "on" if opcache else "off"))
            L.append("| pool | " + " | ".join("c = %d" % x for x in concs) + " |")
            L.append("|---|" + "---|" * len(concs))
            for n in pools:
                row = []
                for x in concs:
                    c = next((c for c in sel if c["pool"] == n and c["concurrency"] == x), None)
                    if not c:
                        row.append("–")
                        continue
                    r = c["ratios_rps"]
                    ka = c["variants"].get("nginx-fcgi-ka") or {}
                    sc = c["variants"].get("nginx-scgi") or {}
                    a, b = r.get("nginx-scgi/nginx-fcgi"), r.get("nginx-scgi/nginx-fcgi-ka")
                    k = r.get("nginx-scgi/nginx-fcgi-stock")
                    kk = r.get("nginx-scgi/nginx-fcgi-stock-ka")
                    kka = c["variants"].get("nginx-fcgi-stock-ka") or {}
                    row.append("%s%s / %s%s<br>%.1f / %.1f ms" % (
                        ("%s / %s%s / " % ("%.2f" % k["median"] if k else "–", "%.2f" % kk["median"] if kk else "–",
                                           "!" if kka.get("errors") else "")) if stock else "",
                        "%.2f" % a["median"] if a else "–", "%.2f" % b["median"] if b else "–",
                        "!" if ka.get("errors") else "", sc.get("p99_us", 0) / 1000.0, ka.get("p99_us", 0) / 1000.0))
                L.append("| %d | %s |" % (n, " | ".join(row)))
            L.append("")
    return L


def _fmt_over(o):
    if not o or o["geomean"] is None:
        return "–"
    if not o["ci95"]:
        return "%.2f× (1 cell)" % o["geomean"]
    return "%.2f× (%.2f–%.2f), %d/%d ≥ 1" % (o["geomean"], o["ci95"][0], o["ci95"][1],
                                             o["at_or_above_1"], o["cells"])


SERVER_TITLES = {"nginx": "nginx (`scgi_pass` ÷ `fastcgi_pass`)",
                 "apache": "Apache httpd, event MPM (`mod_proxy_scgi` ÷ `mod_proxy_fcgi`)",
                 "lighttpd": "lighttpd (`mod_scgi` ÷ `mod_fastcgi`)"}


def servers_markdown(result):
    """one table per web server: php-fpm-scgi ÷ php-fpm's default and ÷ its
    best serving configuration per workload over the sweep, the headline
    cell beside them, then the cells SCGI loses.  Only for runs with more
    than one cell per workload (a sweep)."""
    cells = result["cells"]
    L = []
    for x in WEB_SERVERS:
        rows = server_summary(cells, x)
        if not rows or max(r["cells"] for r in rows) < 2:
            continue
        lost = [(r["workload"], l) for r in rows for l in r["lost"]]
        L.append("## Through %s\n" % SERVER_TITLES[x])
        L.append("php-fpm's default: `%s`; best: its fastest configuration that serves the cell. Over the "
                 "sweep's cells: geometric mean of the per-cell median req/s ratios (95 %% interval), cells "
                 "≥ 1 of those measured. At pool 4, c 32: median (min–max over rounds).\n" % rows[0]["default"])
        L.append("| workload | cells | ÷ php-fpm default | ÷ php-fpm best serving | php-fpm serves none / "
                 "SCGI does not serve | pool 4, c 32: ÷ default | ÷ best (which) | p99 ms SCGI / best |")
        L.append("|---|---|---|---|---|---|---|---|")
        for r in rows:
            h = r["headline"] or {}
            L.append("| %s | %d | %s | %s | %d / %d | %s | %s%s | %s |" % (
                r["workload"], r["cells"], _fmt_over(r["vs_default"]), _fmt_over(r["vs_best"]),
                r["fcgi_serves_none"], r["scgi_serves_not"], fmt_ratio(h.get("vs_default")),
                fmt_ratio(h.get("vs_best")), " (%s)" % h["best"] if h.get("best") else "",
                "%.1f / %s" % (h["p99_scgi_us"] / 1000.0, "%.1f" % (h["p99_best_us"] / 1000.0)
                               if h.get("p99_best_us") is not None else "–") if h else "–"))
        L.append("")
        if lost:
            L.append("Cells where a configuration of php-fpm that serves beats php-fpm-scgi: " + "; ".join(
                "%s pool %d c %d %.2f× of %s%s" % (w, l["pool"], l["concurrency"], l["ratio"], l["best"],
                                                   "" if l["scgi_serves"] else " (SCGI does not serve)")
                for w, l in lost) + ".\n")
    return L


def header_markdown(result):
    """the run: machine, command, binaries, load, sanity; the sweep's pivot tables"""
    m = result["meta"]
    L = []
    L.append("# Benchmark run %s (%s mode)\n" % (m["timestamp"], m["mode"]))
    L.append("Machine: %s, %d CPUs, %s. Took %.0f s. Rounds: %d, variants interleaved within each round.\n"
             % (m["cpu"], m["cpus"], m["kernel"], m["elapsed_s"], m["rounds"]))
    L.append("Command: `%s`\n" % m["command"])
    L.append("Binaries (sha256 prefix): %s. CPU busy before start: %.0f%% (%.0f%% niced); load average before %s, after %s.\n"
             % (", ".join("%s %s" % kv for kv in m["binaries"].items()), 100 * m["cpu_busy_before"]["busy"],
                100 * m["cpu_busy_before"]["busy_niced"],
                " ".join(m["loadavg_before"]), " ".join(m["loadavg_after"])))
    if m["binaries_changed_during_run"]:
        L.append("**WARNING: the binaries changed during this run; the numbers mix two builds.**\n")
    L.append("opcache really active (asked through each variant): %s\n" % json.dumps(m["opcache_seen"]))
    if m["sanity_failures"]:
        L.append("**Sanity failures:** %s\n" % "; ".join(m["sanity_failures"]))
    if m.get("serves_rule"):
        L.append("Best FastCGI: php-fpm's fastest configuration that serves the cell (%s).\n" % m["serves_rule"])
    L += servers_markdown(result)
    pivot = pivot_markdown(result["cells"])
    if pivot:
        L += pivot
        L += workload_summary_markdown(result.get("workload_summary") or workload_summary(result["cells"]))
    return L


def ratios_markdown(result):
    """requests/s ratios per cell"""
    L = []
    L.append("## Ratios (median of per-round ratios, min–max over rounds)\n")
    L.append("FastCGI is php-fpm from this tree; *stock* is php-fpm built without our patches "
             "to code it shares (tools/build-stock.sh), as its users have it.\n")
    L.append("| pool | opcache | nginx w | workload | c | best FastCGI | SCGI/best FastCGI | SCGI/stock FastCGI | SCGI/stock FastCGI keepalive | SCGI/FastCGI | SCGI/FastCGI keepalive | direct SCGI/FastCGI | SCGI/CGI | ceiling/SCGI |")
    L.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for c in result["cells"]:
        r = c["ratios_rps"]
        if not r:
            continue
        L.append("| %d | %s | %d | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            c["pool"], "on" if c["opcache"] else "off", c["nginx_workers"], c["workload"], c["concurrency"],
            c["best_fcgi"] or "none error-free", fmt_ratio(r.get("nginx-scgi/best-fcgi")),
            fmt_ratio(r.get("nginx-scgi/nginx-fcgi-stock")), fmt_ratio(r.get("nginx-scgi/nginx-fcgi-stock-ka")), fmt_ratio(r.get("nginx-scgi/nginx-fcgi")), fmt_ratio(r.get("nginx-scgi/nginx-fcgi-ka")),
            fmt_ratio(r.get("direct-scgi/direct-fcgi")), fmt_ratio(r.get("nginx-scgi/cgi")),
            fmt_ratio(r.get("nginx-return200/nginx-scgi"))))
    return L


def cpu_markdown(result):
    """server CPU per request ratios per cell"""
    L = []
    L.append("\n## Server CPU time per request, SCGI ÷ FastCGI (pool workers + nginx workers; pool workers alone)\n")
    L.append("Less sensitive to other load on the machine than requests/s. Below 1 is better for SCGI.\n")
    L.append("| pool | opcache | nginx w | workload | c | nginx SCGI/stock FastCGI: server | pool | nginx SCGI/stock FastCGI keepalive: server | pool | nginx SCGI/FastCGI: server | pool | nginx SCGI/FastCGI keepalive: server | pool | direct SCGI/FastCGI: pool |")
    L.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for c in result["cells"]:
        r = c.get("ratios_cpu_per_request") or {}
        if not r:
            continue
        L.append("| %d | %s | %d | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            c["pool"], "on" if c["opcache"] else "off", c["nginx_workers"], c["workload"], c["concurrency"],
            fmt_ratio(r.get("nginx-scgi/nginx-fcgi-stock server")), fmt_ratio(r.get("nginx-scgi/nginx-fcgi-stock pool")),
            fmt_ratio(r.get("nginx-scgi/nginx-fcgi-stock-ka server")), fmt_ratio(r.get("nginx-scgi/nginx-fcgi-stock-ka pool")),
            fmt_ratio(r.get("nginx-scgi/nginx-fcgi server")), fmt_ratio(r.get("nginx-scgi/nginx-fcgi pool")),
            fmt_ratio(r.get("nginx-scgi/nginx-fcgi-ka server")), fmt_ratio(r.get("nginx-scgi/nginx-fcgi-ka pool")),
            fmt_ratio(r.get("direct-scgi/direct-fcgi pool"))))
    return L


def cells_markdown(result):
    """every variant of every cell"""
    L = []
    L.append("\n## Requests/s, p50/p99 latency, errors per cell (medians over rounds)\n")
    L.append("| pool | opcache | nginx w | workload | c | variant | req/s (min–max) | p50 µs | p99 µs | errors/requests | server CPU µs/req (pool part) | worker RSS after KiB |")
    L.append("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for c in result["cells"]:
        for v in VARIANT_ORDER:
            s = c["variants"].get(v)
            if not s:
                continue
            L.append("| %d | %s | %d | %s | %d | %s | %.0f (%.0f–%.0f) | %d | %d | %d/%d | %s (%s) | %s |" % (
                c["pool"], "on" if c["opcache"] else "off", c["nginx_workers"], c["workload"], c["concurrency"],
                v, s["rps"], s["rps_min"], s["rps_max"], s["p50_us"], s["p99_us"], s["errors"], s["requests"],
                s.get("cpu_us_per_request", "–"), s.get("pool_cpu_us_per_request", "–"),
                s.get("rss_after_kib", "–")))
    return L


def switches_markdown(result):
    """context switches per request"""
    L = []
    L.append("\n## Context switches per request (medians over rounds)\n")
    L.append("Pool workers: voluntary (the worker waited) / involuntary (it was preempted). "
             "Client: our loadgen (direct variants only), and its CPU µs per request.\n")
    L.append("| pool | opcache | workload | c | variant | pool vol/invol | client vol/invol | client CPU µs/req |")
    L.append("|---|---|---|---|---|---|---|---|")
    for c in result["cells"]:
        if c["nginx_workers"] != 1:
            continue
        for v in VARIANT_ORDER:
            s = c["variants"].get(v)
            if not s or "pool_switches_per_request" not in s:
                continue
            p, cl = s["pool_switches_per_request"], s.get("client_switches_per_request")
            L.append("| %d | %s | %s | %d | %s | %.2f / %.2f | %s | %s |" % (
                c["pool"], "on" if c["opcache"] else "off", c["workload"], c["concurrency"], v,
                p["voluntary"], p["involuntary"],
                "%.2f / %.2f" % (cl["voluntary"], cl["involuntary"]) if cl else "–", cl["cpu_us"] if cl else "–"))
    return L


def rss_idle_markdown(result):
    L = []
    if result.get("rss_idle"):
        L.append("\n## Worker RSS idle (right after start, KiB, mean over workers)\n")
        L.append("| phase | stock php-fpm | stock php-fpm (keepalive pool) | php-fpm | php-fpm (keepalive pool) | php-fpm-scgi |")
        L.append("|---|---|---|---|---|---|")
        for ph, v in result["rss_idle"].items():
            L.append("| %s | %s | %s | %s | %s | %s |" % (ph, (v.get("fcgi-stock") or {}).get("mean"),
                                                    (v.get("fcgi-stock-ka") or {}).get("mean"),
                                                    (v.get("fcgi") or {}).get("mean"),
                                                    (v.get("fcgi-ka") or {}).get("mean"), (v.get("scgi") or {}).get("mean")))
    return L


def callgrind_markdown(result):
    L = []
    if result.get("callgrind"):
        L.append("\n## Instructions per request in one worker (callgrind)\n")
        L.append("| workload | opcache | stock php-fpm | php-fpm | php-fpm-scgi | SCGI/stock FastCGI | SCGI/FastCGI |")
        L.append("|---|---|---|---|---|---|---|")
        by = {}
        for c in result["callgrind"]:
            by.setdefault((c["workload"], c["opcache"]), {})[c.get("key", c["protocol"])] = c
        for (w, oc), d in by.items():
            f, s, k = d.get("fcgi"), d.get("scgi"), d.get("fcgi-stock")
            L.append("| %s | %s | %s | %s | %s | %s | %s |" % (
                w, "on" if oc else "off", k and k["ir_per_request"], f and f["ir_per_request"],
                s and s["ir_per_request"],
                "%.2f" % (s["ir_per_request"] / k["ir_per_request"]) if k and s else "–",
                "%.2f" % (s["ir_per_request"] / f["ir_per_request"]) if f and s else "–"))
        for c in result["callgrind"]:
            if c["workload"] == "hello" and c["opcache"]:
                L.append("\nTop functions per request, %s%s, hello, opcache on (exclusive Ir):\n"
                         % ("stock " if c.get("key") == "fcgi-stock" else "", c["binary"]))
                L.append("| Ir/request | function |")
                L.append("|---|---|")
                for fn, v in c["top_exclusive_ir_per_request"][:20]:
                    L.append("| %d | `%s` |" % (v, fn))
    return L


def strace_markdown(result):
    L = []
    if result.get("strace"):
        L.append("\n## Syscalls per request in one worker (strace -c -f -p WORKER)\n")
        L.append("| workload | stock php-fpm | php-fpm | php-fpm-scgi | SCGI/stock FastCGI | SCGI/FastCGI |")
        L.append("|---|---|---|---|---|---|")
        by = {}
        for s in result["strace"]:
            by.setdefault(s["workload"], {})[s.get("key", s["protocol"])] = s
        for w, d in by.items():
            f, s, k = d.get("fcgi"), d.get("scgi"), d.get("fcgi-stock")
            L.append("| %s | %s | %s | %s | %s | %s |" % (
                w, k and k["syscalls_per_request"], f and f["syscalls_per_request"], s and s["syscalls_per_request"],
                "%.2f" % (s["syscalls_per_request"] / k["syscalls_per_request"]) if k and s else "–",
                "%.2f" % (s["syscalls_per_request"] / f["syscalls_per_request"]) if f and s else "–"))
        for s in result["strace"]:
            L.append("\n%s%s, %s: %s\n" % ("stock " if s.get("key") == "fcgi-stock" else "", s["binary"], s["workload"],
                                         ", ".join("%s %g" % kv for kv in s["per_request"].items())))
            if s["workload"] == "hello":
                L.append("```\n" + "\n".join(s["sequence"]) + "\n```")
    return L


def web_profile_markdown(result):
    """both sides of a request through each web server (webprofile.py)"""
    prof = result.get("web_profile") or []
    if not prof:
        return []
    L = ["\n## Both sides of a request: the web server's and the pool's work per request\n",
         "Pool 4, opcache on, c 32, %d requests per variant: syscalls from `strace -c -f` over every "
         "process and thread of the web server and of the pool; context switches (voluntary: the side "
         "waited; involuntary: it was preempted) and CPU time from /proc, in a run without strace. "
         "The counts do not depend on the machine's load; the CPU times do.\n" % prof[0]["requests"],
         "| workload | variant | web: syscalls | web: switches vol / invol | web: CPU µs | "
         "pool: syscalls | pool: switches vol / invol | pool: CPU µs | errors |",
         "|---|---|---|---|---|---|---|---|---|"]
    for p in prof:
        web = [s for s in p["sides"] if s != "pool"]
        w, pool = p["sides"][web[0]] if web else {}, p["sides"].get("pool", {})
        L.append("| %s | %s | %s | %s / %s | %s | %s | %s / %s | %s | %d |" % (
            p["workload"], p["variant"], w.get("syscalls_per_request"), w.get("voluntary_switches_per_request"),
            w.get("involuntary_switches_per_request"), w.get("cpu_us_per_request"), pool.get("syscalls_per_request"),
            pool.get("voluntary_switches_per_request"), pool.get("involuntary_switches_per_request"),
            pool.get("cpu_us_per_request"), p["errors"]))
    L.append("\nThe syscalls of each side, per request:\n")
    for p in prof:
        for side, x in p["sides"].items():
            L.append("- %s, %s, %s: %s" % (p["workload"], p["variant"], side,
                                          ", ".join("%s %g" % kv for kv in x.get("syscalls", {}).items())))
    return L


def stream_markdown(result):
    L = []
    if result.get("stream"):
        L.append("\n## Streaming a 100 MiB response (worker RSS, KiB)\n")
        L.append("| server | bytes | seconds | RSS before | peak sampled | VmHWM after | growth |")
        L.append("|---|---|---|---|---|---|---|")
        for s in result["stream"]:
            L.append("| %s | %d | %.2f | %d | %d | %s | %d |" % (s["binary"], s["response_bytes"], s["seconds"],
                                                               s["rss_before_kib"], s["rss_peak_sampled_kib"],
                                                               s["vmhwm_after_kib"], s["growth_kib"]))
    return L


def web_servers_markdown(result):
    """SCGI ÷ php-fpm behind Apache httpd and lighttpd, per cell (runs that
    measured them)"""
    rows = []
    for c in result["cells"]:
        r = c["ratios_rps"]
        p = c.get("ratios_p99") or {}
        for x in ("apache", "lighttpd"):
            scgi = WEB_SERVERS[x]["scgi"]
            if scgi not in c["variants"]:
                continue
            best = (c.get("best_fcgi_by_server") or {}).get(x)
            rows.append("| %d | %s | %s | %d | %s | %s | %s | %s | %s | %s |" % (
                c["pool"], "on" if c["opcache"] else "off", c["workload"], c["concurrency"], x,
                best or "none serves", fmt_ratio(r.get(scgi + "/best-fcgi")),
                fmt_ratio(r.get(scgi + "/%s-fcgi" % x)),
                fmt_ratio(r.get(scgi + "/apache-fcgi-reuse")) if x == "apache" else "–",
                fmt_ratio(p.get(scgi + "/best-fcgi"))))
    if not rows:
        return []
    return ["\n## Through Apache httpd (event MPM) and lighttpd: SCGI ÷ FastCGI\n",
            "Median of the per-round req/s ratios (min–max); *best* is php-fpm's fastest configuration "
            "behind that server that serves the cell (%s).\n" % result["meta"].get("serves_rule", "no errors"),
            "| pool | opcache | workload | c | server | best serving FastCGI | SCGI/best | SCGI/FastCGI | "
            "SCGI/FastCGI reuse | p99 SCGI/best |",
            "|---|---|---|---|---|---|---|---|---|---|"] + rows


def serving_markdown(result):
    """every PHP variant of every cell: does it serve it (runs that judged)"""
    L = []
    for c in result["cells"]:
        for v in VARIANT_ORDER:
            s = c["variants"].get(v)
            if not s or "serves" not in s or v in ("cgi", "nginx-return200"):
                continue
            L.append("| %d | %s | %d | %s | %d | %s | %.0f | %.1f | %.1f | %d | %s | %s |" % (
                c["pool"], "on" if c["opcache"] else "off", c["nginx_workers"], c["workload"], c["concurrency"], v,
                s["rps"], s["p50_us"] / 1000.0, s["p99_us"] / 1000.0, s["errors"],
                s.get("starved_connections", "–"), "yes" if s["serves"] else "**no**"))
    if not L:
        return []
    return ["\n## Which configurations serve each cell\n",
            "%s. Starved: client connections that got no answer in a round (counted by loadgen; `–` under "
            "wrk, which cannot tell).\n" % result["meta"].get("serves_rule", ""),
            "| pool | opcache | nginx w | workload | c | variant | req/s | p50 ms | p99 ms | errors | starved | serves |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"] + L


def plots_markdown(result):
    L = []
    if result.get("plots"):
        L.append("\n## Plots\n")
        for p in result["plots"]:
            L.append("![%s](%s)" % (p, p))
    return L


# the report, top to bottom
SECTIONS = (header_markdown, ratios_markdown, web_servers_markdown, cpu_markdown, cells_markdown,
            serving_markdown, switches_markdown, rss_idle_markdown, callgrind_markdown, strace_markdown,
            web_profile_markdown, stream_markdown, plots_markdown)


def markdown(result):
    L = []
    for section in SECTIONS:
        L += section(result)
    return "\n".join(L) + "\n"


def write_markdown(path, result):
    with open(path, "w") as f:
        f.write(markdown(result))


def print_headline(result):
    for c in result["cells"]:
        if c["pool"] == 4 and c["concurrency"] == 32 and c["workload"] in ("hello", "r1m") and c["nginx_workers"] == 1:
            r = c["ratios_rps"]
            q = c.get("ratios_cpu_per_request") or {}
            print("%-6s opcache %-3s  req/s: SCGI/best FastCGI (%s) %s, SCGI/stock FastCGI %s, SCGI/stock FastCGI keepalive %s,"
                  " direct SCGI/FastCGI %s, SCGI/CGI %s;"
                  "  server CPU/req: SCGI/FastCGI %s, direct %s" % (
                      c["workload"], "on" if c["opcache"] else "off", c["best_fcgi"], fmt_ratio(r.get("nginx-scgi/best-fcgi")),
                      fmt_ratio(r.get("nginx-scgi/nginx-fcgi-stock")), fmt_ratio(r.get("nginx-scgi/nginx-fcgi-stock-ka")),
                      fmt_ratio(r.get("direct-scgi/direct-fcgi")), fmt_ratio(r.get("nginx-scgi/cgi")),
                      fmt_ratio(q.get("nginx-scgi/nginx-fcgi server")), fmt_ratio(q.get("direct-scgi/direct-fcgi pool"))))
    for c in result["cells"]:
        if c["pool"] == 4 and c["concurrency"] == 32 and c["workload"] == "hello" and c["nginx_workers"] == 1:
            r = c["ratios_rps"]
            for x in ("apache", "lighttpd"):
                scgi = WEB_SERVERS[x]["scgi"]
                if scgi in c["variants"]:
                    print("hello  opcache %-3s  %s: SCGI/best serving FastCGI (%s) %s, SCGI/FastCGI %s%s" % (
                        "on" if c["opcache"] else "off", x, (c.get("best_fcgi_by_server") or {}).get(x),
                        fmt_ratio(r.get(scgi + "/best-fcgi")), fmt_ratio(r.get(scgi + "/%s-fcgi" % x)),
                        ", SCGI/FastCGI reuse %s" % fmt_ratio(r.get(scgi + "/apache-fcgi-reuse"))
                        if x == "apache" else ""))
    by = {}
    for x in result["callgrind"]:
        by.setdefault((x["workload"], x["opcache"]), {})[x.get("key", x["protocol"])] = x["ir_per_request"]
    for (w, oc), d in by.items():
        print("instructions/request %s opcache %s: stock php-fpm %s, php-fpm %s, php-fpm-scgi %s" % (
            w, "on" if oc else "off", d.get("fcgi-stock"), d.get("fcgi"), d.get("scgi")))
    by = {}
    for x in result["strace"]:
        by.setdefault(x["workload"], {})[x.get("key", x["protocol"])] = x["syscalls_per_request"]
    for w, d in by.items():
        print("syscalls/request %s: stock php-fpm %s, php-fpm %s, php-fpm-scgi %s" % (
            w, d.get("fcgi-stock"), d.get("fcgi"), d.get("scgi")))
    for p in result.get("web_profile") or []:
        print("per request %s %s: %s" % (p["workload"], p["variant"], ", ".join(
            "%s %s syscalls %s CPU µs" % (side, x.get("syscalls_per_request"), x.get("cpu_us_per_request"))
            for side, x in p["sides"].items())))
    for s in result["stream"]:
        print("stream 100 MiB %s: worker RSS growth %d KiB" % (s["binary"], s["growth_kib"]))
    print("elapsed %.0f s" % result["meta"]["elapsed_s"])
    if result["meta"]["binaries_changed_during_run"]:
        print("WARNING: binaries changed during the run")
