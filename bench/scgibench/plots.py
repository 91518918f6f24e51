"""The run's plots, one set per pool size, opcache setting, nginx workers
and workload: requests/s and p99 against concurrency, one line per
variant; and requests/s against p99 (each variant's latency-throughput
curve, a point per concurrency): how much a variant's throughput costs in
latency, which the concurrency plots show only side by side."""

import os

from . import svgplot
from .variants import VARIANT_ORDER


def write_plots(outdir, stem, cells):
    groups = {}
    for c in cells:
        groups.setdefault((c["pool"], c["opcache"], c["nginx_workers"], c["workload"]), []).append(c)
    written = []
    for (pool, oc, nw, w), cs in sorted(groups.items(), key=lambda kv: str(kv[0])):
        concs = sorted({c["concurrency"] for c in cs})
        if len(concs) < 2:
            continue
        byc = {c["concurrency"]: c for c in cs}
        for metric, label in (("rps", "requests/s"), ("p99_us", "p99 latency (µs)")):
            series = []
            for v in VARIANT_ORDER:
                pts = []
                for c in concs:
                    s = byc.get(c, {}).get("variants", {}).get(v) if c in byc else None
                    if not s:
                        pts.append(None)
                    elif metric == "rps":
                        pts.append((s["rps"], s["rps_min"], s["rps_max"]))
                    else:
                        pts.append((s["p99_us"], None, None))
                if any(pts):
                    series.append((v, pts))
            if not series:
                continue
            name = "%s-%s-pool%d-opcache%s-nginx%d-%s.svg" % (stem, w, pool, "on" if oc else "off", nw,
                                                             "rps" if metric == "rps" else "p99")
            title = "%s: %s vs concurrency (pool %d, opcache %s, nginx %d worker%s)" % (
                w, label, pool, "on" if oc else "off", nw, "s" if nw > 1 else "")
            with open(os.path.join(outdir, name), "w") as f:
                f.write(svgplot.line_chart(title, "concurrent clients", label + (" — log scale" if metric != "rps" else ""),
                                           concs, series, logy=metric != "rps"))
            written.append(name)
        series = []
        for v in VARIANT_ORDER:
            pts = [(byc[c]["variants"][v]["p99_us"] / 1000.0, byc[c]["variants"][v]["rps"], "c%d" % c)
                   for c in concs if v in byc[c]["variants"] and byc[c]["variants"][v]["p99_us"] > 0]
            if len(pts) >= 2:
                series.append((v, pts))
        if series:
            name = "%s-%s-pool%d-opcache%s-nginx%d-rps-vs-p99.svg" % (stem, w, pool, "on" if oc else "off", nw)
            title = "%s: requests/s against p99 (pool %d, opcache %s, nginx %d worker%s)" % (
                w, pool, "on" if oc else "off", nw, "s" if nw > 1 else "")
            with open(os.path.join(outdir, name), "w") as f:
                f.write(svgplot.xy_chart(title, "p99 latency (ms) — log scale", "requests/s", series))
            written.append(name)
    return written
