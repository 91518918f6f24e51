"""What each mode measures: phases (pool size, opcache, nginx workers),
their cells (workload, concurrency, seconds, variants) and the per-request
profiles.  BENCH_* environment variables narrow or widen them."""

from .variants import NGINX_PHP, WEB_SERVERS
from .workloads import WORKLOADS


def web_servers(env):
    """BENCH_SERVERS: the web servers whose PHP variants are measured
    (nginx always: the ceiling and the 2-worker phase are its)"""
    names = [x for x in env.get("BENCH_SERVERS", "nginx,apache,lighttpd").split(",") if x]
    for x in names:
        if x not in WEB_SERVERS:
            raise SystemExit("bench: BENCH_SERVERS: unknown web server %r (know: %s)" % (x, ", ".join(WEB_SERVERS)))
    return ["nginx"] + [x for x in names if x != "nginx"]


def web_profile(env, workloads):
    """(workload, requests) of the per-request profile of both sides
    through every web server (webprofile.py); BENCH_WEB_REQUESTS requests
    per variant and workload, 2000 by default"""
    n = int(env.get("BENCH_WEB_REQUESTS", 2000))
    return [(w, n) for w in workloads]


def quick_plan(env, stock):
    """the headline cells in under 5 minutes per PHP version with the stock
    build (make bench): pool 4, c 32, opcache on; hello, r1m, r100k,
    post1m, upload and framework through nginx, hello through Apache and
    lighttpd too; then the per-request profiles (about 70 s of the 5
    minutes).  Concurrency and pool sizes are BENCH=servers' and
    BENCH=full's; opcache off, nginx with 2 workers and the cpu workload
    BENCH=full's."""
    rounds = int(env.get("BENCH_ROUNDS", 3))
    d = int(env.get("BENCH_DURATION", 2))
    s = int(env.get("BENCH_SHORT", 1))
    # with a stock build, its keepalive pool stands for php-fpm's best
    # configuration and this tree's keepalive pool is left out
    nginx = [v for v in NGINX_PHP if not (stock and v == "nginx-fcgi-ka")]
    direct = ["direct-fcgi", "direct-scgi"]
    servers = web_servers(env)
    others_web = [v for x in servers if x != "nginx" for v in WEB_SERVERS[x]["variants"]]
    return {
        "rounds": rounds,
        "web_servers": servers,
        "phases": [
            {"name": "pool 4, opcache on, nginx 1 worker", "pool": 4, "opcache": True, "nginx_workers": 1,
             "cgi": True,
             "cells": [("hello", 32, d, nginx + ["nginx-return200"] + direct),
                       ("r1m", 32, d, nginx + direct)]
             + [(w, 32, s, nginx) for w in ("r100k", "post1m", "upload", "framework")]
             # CGI needs a few seconds to reach its steady state (32 execs in flight)
             + [("hello", 32, max(d, 3), ["cgi"])]
             # the headline cell of each other web server
             + ([("hello", 32, s, others_web)] if others_web else [])},
        ],
        "callgrind": [("hello", True)],
        "strace": [("hello", 500), ("r1m", 100), ("post1m", 100)],
        "stream": True,
    }


def profile_plan(env, stock):
    """no load at all: only the machine-independent per-request figures
    (callgrind, strace) and the streaming RSS; a couple of minutes, for
    working on the request path.  BENCH_WORKLOADS: callgrind for those
    (hello by default; about 40 s per workload)."""
    workloads = [w for w in env.get("BENCH_WORKLOADS", "hello").split(",") if w]
    for w in workloads:
        if w not in WORKLOADS or w == "stream":
            raise SystemExit("bench: BENCH_WORKLOADS: unknown workload %r (know: %s)" % (w, ", ".join(WORKLOADS)))
    base = [("hello", 500), ("r1m", 100), ("post1m", 100)]
    return {"rounds": 0, "phases": [], "web_servers": web_servers(env),
            "web_profile": web_profile(env, ["hello", "r100k"] + [w for w in workloads if w not in ("hello", "r100k")]),
            "callgrind": [(w, True) for w in workloads],
            # the syscalls of the workloads asked for too (upload: patches/0012)
            "strace": base + [(w, 100) for w in workloads if w not in dict(base)],
            "stream": False}


def full_plan(env, stock):
    rounds = int(env.get("BENCH_ROUNDS", 3))
    d = int(env.get("BENCH_DURATION", 3))
    pools = [int(x) for x in env.get("BENCH_POOLS", "1,2,4,8,16").split(",")]
    concs = [int(x) for x in env.get("BENCH_CONCS", "1,8,32,128").split(",")]
    workloads = [w for w in env.get("BENCH_WORKLOADS", ",".join(WORKLOADS)).split(",") if w]
    for w in workloads:
        if w not in WORKLOADS or w == "stream":
            raise SystemExit("bench: BENCH_WORKLOADS: unknown workload %r (know: %s)" % (w, ", ".join(WORKLOADS)))
    opcaches = [{"on": True, "off": False}[x] for x in env.get("BENCH_OPCACHE", "on,off").split(",") if x]
    phases = []
    for opcache in opcaches:
        for n in pools:
            cells = [(w, c, d, None) for w in workloads for c in concs]
            # CGI has no pool and no way to turn opcache off per request:
            # measured once, beside the first pool size
            cgi = opcache and n == pools[0]
            if cgi:
                cells += [(w, c, max(d, 3), ["cgi"]) for w in ("hello", "cpu") if w in workloads
                          for c in concs if c <= 32]
            phases.append({"name": "pool %d, opcache %s, nginx 1 worker" % (n, "on" if opcache else "off"),
                           "pool": n, "opcache": opcache, "nginx_workers": 1, "cgi": cgi,
                           "cells": cells})
    phases.append({"name": "pool 4, opcache on, nginx 2 workers", "pool": 4, "opcache": True,
                   "nginx_workers": 2, "cgi": False,
                   "cells": [(w, c, d, NGINX_PHP
                              + (["nginx-return200"] if w == "hello" else []))
                             for w in ("hello", "r1m") if w in workloads for c in concs]})
    return {"rounds": rounds, "phases": phases, "web_servers": web_servers(env),
            "callgrind": [(w, True) for w in ("hello", "r100k", "post1m", "upload", "framework") if w in workloads
                          or w == "hello"] + [("hello", False)],
            "strace": [("hello", 500), ("r1m", 100), ("post1m", 100), ("upload", 100), ("framework", 200)],
            "web_profile": web_profile(env, [w for w in ("hello", "r100k") if w in workloads] or ["hello"]),
            "stream": True}


def servers_plan(env, stock):
    """the sweep through every web server (BENCHMARKS.md's opening tables):
    pools 1, 4, 16 x concurrency 1, 8, 32, 128 x hello, r100k, post1m,
    upload, framework, opcache on, each PHP variant of nginx, Apache and
    lighttpd interleaved in every round.  Without the variants that are no
    php-fpm configuration (direct-*, the nginx ceiling, CGI) and without
    profiles, so that a PHP version's sweep takes about 25 minutes with
    the defaults (2 rounds of 1 s)."""
    rounds = int(env.get("BENCH_ROUNDS", 2))
    d = int(env.get("BENCH_DURATION", 1))
    pools = [int(x) for x in env.get("BENCH_POOLS", "1,4,16").split(",")]
    concs = [int(x) for x in env.get("BENCH_CONCS", "1,8,32,128").split(",")]
    workloads = [w for w in env.get("BENCH_WORKLOADS", "hello,r100k,post1m,upload,framework").split(",") if w]
    for w in workloads:
        if w not in WORKLOADS or w == "stream":
            raise SystemExit("bench: BENCH_WORKLOADS: unknown workload %r (know: %s)" % (w, ", ".join(WORKLOADS)))
    servers = web_servers(env)
    # behind nginx, php-fpm as its users have it when there is a stock
    # build (its default and its keepalive configuration): this tree's
    # php-fpm, faster than stock, serves Apache's and lighttpd's FastCGI
    # variants, which makes their ratios conservative
    nginx = (["nginx-fcgi-stock", "nginx-fcgi-stock-ka"] if stock else ["nginx-fcgi", "nginx-fcgi-ka"]) \
        + ["nginx-scgi"]
    only = nginx + [v for x in servers if x != "nginx" for v in WEB_SERVERS[x]["variants"]]
    phases = [{"name": "pool %d, opcache on, nginx 1 worker" % n, "pool": n, "opcache": True,
               "nginx_workers": 1, "cgi": False,
               "cells": [(w, c, d, only) for w in workloads for c in concs]} for n in pools]
    # and whose work a request is on each side, for the cells SCGI loses
    return {"rounds": rounds, "phases": phases, "web_servers": servers,
            "web_profile": web_profile(env, [w for w in ("hello", "r100k") if w in workloads]),
            "callgrind": [], "strace": [], "stream": False}
