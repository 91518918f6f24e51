"""Check what tests/suites/bench.sh's tiny run wrote: every variant of
every cell served its requests without errors, opcache was on where asked,
the per-request figures and the report exist.  Says PASS/FAIL per check;
no check looks at a speed."""
import glob
import gzip
import json
import os
import sys

results = sys.argv[1]


def check(ok, name, why=""):
    print("PASS: bench %s" % name if ok else "FAIL: bench %s: %s" % (name, why))


jsons = glob.glob(os.path.join(results, "*.json"))
check(len(jsons) == 1, "one results .json", "found %r" % jsons)
if len(jsons) != 1:
    sys.exit(0)
stem = jsons[0][:-len(".json")]
with open(jsons[0]) as f:
    r = json.load(f)
meta = r["meta"]

check(not meta["sanity_failures"], "sanity: every variant answers every workload",
      "; ".join(meta["sanity_failures"]))
check(not meta["binaries_changed_during_run"], "binaries unchanged during the run")
seen = [(ph, v, o) for ph, vs in meta["opcache_seen"].items() for v, o in vs.items()]
check(seen and all(o.get("opcache") is True for _, _, o in seen),
      "opcache really on in every variant", repr([s for s in seen if s[2].get("opcache") is not True]))
sapis = {v: o.get("sapi") for _, v, o in seen}
check(all(sapis.get(v) == "fpm-scgi" for v in ("nginx-scgi", "apache-scgi", "lighttpd-scgi"))
      and sapis.get("cgi") == "cgi-fcgi"
      and all(sapis.get(v) == "fpm-fcgi" for v in ("nginx-fcgi", "nginx-fcgi-ka", "nginx-fcgi-stock", "nginx-fcgi-stock-ka",
                                                   "apache-fcgi", "apache-fcgi-reuse", "lighttpd-fcgi")),
      "each variant runs its own SAPI", repr(sapis))

# every cell: the variants the plan names, each with requests and no errors
php = {"nginx-fcgi", "nginx-fcgi-ka", "nginx-scgi", "nginx-fcgi-stock", "nginx-fcgi-stock-ka", "direct-fcgi", "direct-scgi",
       "apache-fcgi", "apache-fcgi-reuse", "apache-scgi", "lighttpd-fcgi", "lighttpd-scgi"}
expect = {"hello": php | {"nginx-return200"}, "post1m": php}
cells = [c for c in r["cells"] if c["nginx_workers"] == 1 and "nginx-fcgi" in c["variants"]]
check(sorted((c["workload"], c["concurrency"]) for c in cells)
      == [("hello", 1), ("hello", 8), ("post1m", 1), ("post1m", 8)],
      "the four cells of the plan were measured", repr([(c["workload"], c["concurrency"]) for c in cells]))
bad = []
for c in cells:
    have = set(c["variants"])
    if not expect[c["workload"]] <= have:
        bad.append("%s c=%d misses %s" % (c["workload"], c["concurrency"], sorted(expect[c["workload"]] - have)))
    for v, s in c["variants"].items():
        if s["requests"] <= 0 or s["errors"]:
            bad.append("%s c=%d %s: %d requests, %d errors" % (c["workload"], c["concurrency"], v,
                                                               s["requests"], s["errors"]))
check(not bad, "every variant of every cell served without errors", "; ".join(bad))
check(all(k in c["ratios_rps"] for c in cells
          for k in ("nginx-scgi/nginx-fcgi", "direct-scgi/direct-fcgi", "apache-scgi/apache-fcgi",
                    "apache-scgi/apache-fcgi-reuse", "lighttpd-scgi/lighttpd-fcgi")),
      "ratios computed per cell", repr([sorted(c["ratios_rps"]) for c in cells]))
# loadgen counts the answers of each client connection behind Apache and
# lighttpd; whether a variant serves a cell is judged, whatever the verdict
web = [(c["workload"], c["concurrency"], v, s) for c in cells for v, s in c["variants"].items()
       if v.startswith(("apache-", "lighttpd-"))]
check(web and all(isinstance(s.get("starved_connections"), int) for _, _, _, s in web),
      "client connections without answers counted behind Apache and lighttpd",
      repr([(w, k, v) for w, k, v, s in web if not isinstance(s.get("starved_connections"), int)]))
check(all(isinstance(s.get("serves"), bool) for c in cells for s in c["variants"].values())
      and all("best_fcgi_by_server" in c for c in cells), "every variant of every cell judged serving or not")
cgi = [c for c in r["cells"] if "cgi" in c["variants"]]
check(cgi and all(c["variants"]["cgi"]["requests"] > 0 and not c["variants"]["cgi"]["errors"] for c in cgi),
      "CGI (lighttpd mod_cgi) served hello", repr([c["variants"].get("cgi") for c in cgi]))
two = [c for c in r["cells"] if c["nginx_workers"] == 2]
check(two and all(not s["errors"] and s["requests"] > 0 for c in two for s in c["variants"].values()),
      "the nginx 2 workers phase served without errors")

# per request in one worker: callgrind and strace of both builds
cg = {(x["workload"], x["opcache"], x.get("key", x["protocol"])): x["ir_per_request"] for x in r["callgrind"]}
want = [(w, oc, k) for w, oc in (("hello", True), ("hello", False), ("post1m", True)) for k in ("fcgi-stock", "fcgi", "scgi")]
check(all(cg.get(k, 0) > 1000 for k in want), "callgrind instructions per request of every build",
      repr({k: cg.get(k) for k in want}))
st = {(x["workload"], x.get("key", x["protocol"])): x for x in r["strace"]}
missing = [(w, k) for w in ("hello", "r1m", "post1m", "upload", "framework") for k in ("fcgi-stock", "fcgi", "scgi")
           if (w, k) not in st or st[(w, k)]["syscalls_per_request"] <= 0]
check(not missing, "strace syscalls per request of every build", repr(missing))
# the sequence printed is one request's: from accepting it to accepting the next
seq = st.get(("hello", "scgi"), {}).get("sequence") or []
check(seq and seq[0].startswith("accept4(") and sum(l.startswith("writev(") for l in seq) == 1,
      "strace prints one php-fpm-scgi request's syscalls", repr(seq))
# both sides of a request through each web server: every variant, both
# sides counted; php-fpm-scgi's without errors (a keepalive pool may starve
# connections at c 32, which is what the sweep reports)
prof = {x["variant"]: x for x in r.get("web_profile") or []}
want = ["nginx-scgi", "nginx-fcgi-stock", "nginx-fcgi-stock-ka", "apache-fcgi", "apache-fcgi-reuse", "apache-scgi",
        "lighttpd-fcgi", "lighttpd-scgi"]
check(sorted(prof) == sorted(want), "the web-side profile measured every variant", repr(sorted(prof)))
check(prof and all(len(x["sides"]) == 2 and all(s.get("syscalls_per_request", 0) > 0 and s["cpu_us_per_request"] > 0
                                               for s in x["sides"].values()) for x in prof.values()),
      "syscalls and CPU per request of the web server and of the pool",
      repr({v: x["sides"] for v, x in prof.items()}))
check(all(prof[v]["errors"] == 0 for v in prof if v.endswith("-scgi")),
      "php-fpm-scgi served the web-side profile without errors", repr({v: prof[v]["errors"] for v in prof}))
check(r["stream"] and all(s["errors"] == 0 and s["response_bytes"] >= 100 << 20 for s in r["stream"]),
      "the 100 MiB streaming response arrived whole", repr(r["stream"]))

# the single runs, apart from the summary: one per variant, cell and round
runs_path = os.path.join(results, r.get("runs_file", ""))
try:
    with gzip.open(runs_path, "rt") as f:
        runs = json.load(f)
except (OSError, ValueError) as e:
    check(False, "the single runs are written", "%s: %s" % (runs_path, e))
else:
    expected = sum(c["variants"][v]["rounds"] for c in r["cells"] for v in c["variants"])
    check(len(runs) == expected and "runs" not in r, "the single runs are written apart from the summary",
          "%d runs, cells count %d" % (len(runs), expected))

# the report
with open(stem + ".md") as f:
    md = f.read()
for title in ("## Ratios", "## Through Apache httpd", "## Which configurations serve", "## Requests/s",
              "## Instructions per request", "## Syscalls per request", "## Both sides of a request"):
    check(title in md, "the report has %s" % title.lstrip("# "))
# the tables BENCHMARKS.md opens with: one per web server, a row per workload
for title in ("## Through nginx (", "## Through Apache httpd, event MPM (", "## Through lighttpd ("):
    part = md.split(title, 1)[1].split("\n## ", 1)[0] if title in md else ""
    rows = [line for line in part.splitlines() if line.startswith("| hello |") or line.startswith("| post1m |")]
    check(len(rows) == 2, "the report opens with its table %s...) for hello and post1m" % title.lstrip("# "),
          "%d rows" % len(rows))
svgs = glob.glob(os.path.join(stem, "*.svg"))
check(len(svgs) >= 4 and all(open(p).read().lstrip().startswith("<svg") for p in svgs),
      "plots written as SVG", repr(svgs))
check(any(p.endswith("-rps-vs-p99.svg") for p in svgs), "requests/s against p99 plotted", repr(svgs))
