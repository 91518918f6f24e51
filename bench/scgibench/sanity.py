"""Before a phase is measured: every variant answers every workload
correctly, and says whether opcache is really on in it."""

import json
import os

from .load import run_loadgen
from .procs import log
from .variants import APACHE_PHP, LIGHTTPD_PHP
from .workloads import EXPECT, WORKLOADS, ctype_of


def sanity(ctx, srv, workloads, cgi):
    """every variant answers every workload correctly, and says whether
    opcache is really on in it"""
    report = {"opcache": {}, "failures": []}
    http_variants = ["nginx-fcgi", "nginx-fcgi-ka", "nginx-scgi"] + (["cgi"] if cgi else []) \
        + (["nginx-fcgi-stock", "nginx-fcgi-stock-ka"] if "fcgi-stock" in srv.pools else []) \
        + [v for v in APACHE_PHP + LIGHTTPD_PHP if v in srv.ports]
    for v in http_variants:
        st, data = srv.http_get(v, "/opcache.php")
        try:
            report["opcache"][v] = json.loads(data)
        except ValueError:
            report["opcache"][v] = {"error": data[:200].decode(errors="replace")}
        for w in workloads:
            script, body, _ = WORKLOADS[w]
            payload = open(os.path.join(ctx.work, body), "rb").read() if body else None
            for _ in range(3 if v != "cgi" else 1):
                st, data = srv.http_get(v, "/" + script, payload, ctype_of(w))
            if st != 200 or not EXPECT[w](data):
                report["failures"].append("%s %s: HTTP %d, %r" % (v, w, st, data[:80]))
    for proto in ("fcgi", "scgi"):
        for w in workloads:
            r = run_loadgen(ctx, proto, srv.pools[proto].sock, w, 2, requests=20)
            if r["errors"]:
                report["failures"].append("direct-%s %s: %d errors" % (proto, w, r["errors"]))
    st, data = srv.http_get("nginx-return200", "/")
    if st != 200:
        report["failures"].append("nginx-return200: HTTP %d" % st)
    for f in report["failures"]:
        log("SANITY FAILURE:", f)
    return report
