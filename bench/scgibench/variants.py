"""The variants: each is a path from the load generator to PHP (see the
table in bench/BENCHMARKS.md).  Their names, which pool serves each, the
order they run in and the order they are reported in."""

# every PHP variant behind nginx, the order of a cell's first round
NGINX_PHP = ["nginx-fcgi", "nginx-fcgi-ka", "nginx-scgi", "nginx-fcgi-stock", "nginx-fcgi-stock-ka"]

# the order of the report's tables and the plots' lines
VARIANT_ORDER = ["cgi", "nginx-fcgi-stock", "nginx-fcgi-stock-ka", "nginx-fcgi", "nginx-fcgi-ka", "nginx-scgi",
                 "nginx-return200", "direct-fcgi", "direct-scgi"]

# variant -> the FPM pool that serves it (cgi and nginx-return200 have none)
POOL_OF = {"nginx-fcgi": "fcgi", "nginx-fcgi-ka": "fcgi-ka", "nginx-scgi": "scgi",
           "nginx-fcgi-stock": "fcgi-stock", "nginx-fcgi-stock-ka": "fcgi-stock-ka",
           "direct-fcgi": "fcgi", "direct-scgi": "scgi"}


def variants_for(workload, plan):
    # the nginx-fcgi-stock variants are dropped by the caller when there is
    # no stock build
    v = list(NGINX_PHP)
    if workload == "hello" and plan.get("ceiling", True):
        v.append("nginx-return200")
    if plan.get("direct", True):
        v += ["direct-fcgi", "direct-scgi"]
    return v
