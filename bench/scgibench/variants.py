"""The variants: each is a path from the load generator to PHP (see the
table in bench/BENCHMARKS.md).  Their names, which web server and pool
serve each, the order they run in and the order they are reported in."""

# every PHP variant behind nginx, the order of a cell's first round
NGINX_PHP = ["nginx-fcgi", "nginx-fcgi-ka", "nginx-scgi", "nginx-fcgi-stock", "nginx-fcgi-stock-ka"]
# behind Apache httpd (event MPM) and lighttpd
APACHE_PHP = ["apache-fcgi", "apache-fcgi-reuse", "apache-scgi"]
LIGHTTPD_PHP = ["lighttpd-fcgi", "lighttpd-scgi"]

# web server -> its PHP variants: FastCGI ones (php-fpm's configurations,
# the candidates for its best one) and the SCGI one
WEB_SERVERS = {
    "nginx": {"fcgi": ["nginx-fcgi", "nginx-fcgi-ka", "nginx-fcgi-stock", "nginx-fcgi-stock-ka"],
              "scgi": "nginx-scgi", "variants": NGINX_PHP},
    "apache": {"fcgi": ["apache-fcgi", "apache-fcgi-reuse"], "scgi": "apache-scgi", "variants": APACHE_PHP},
    "lighttpd": {"fcgi": ["lighttpd-fcgi"], "scgi": "lighttpd-scgi", "variants": LIGHTTPD_PHP},
}

# the order of the report's tables and the plots' lines
VARIANT_ORDER = ["cgi", "nginx-fcgi-stock", "nginx-fcgi-stock-ka", "nginx-fcgi", "nginx-fcgi-ka", "nginx-scgi",
                 "nginx-return200", "direct-fcgi", "direct-scgi"] + APACHE_PHP + LIGHTTPD_PHP

# variant -> the FPM pool that serves it (cgi and nginx-return200 have
# none).  Kept-alive or reused connections pin workers, so those variants
# have pools of their own.
POOL_OF = {"nginx-fcgi": "fcgi", "nginx-fcgi-ka": "fcgi-ka", "nginx-scgi": "scgi",
           "nginx-fcgi-stock": "fcgi-stock", "nginx-fcgi-stock-ka": "fcgi-stock-ka",
           "direct-fcgi": "fcgi", "direct-scgi": "scgi",
           "apache-fcgi": "fcgi", "apache-fcgi-reuse": "fcgi-reuse", "apache-scgi": "scgi",
           "lighttpd-fcgi": "fcgi", "lighttpd-scgi": "scgi"}


def web_server(variant):
    """nginx, apache or lighttpd; None for cgi (its own lighttpd) and direct-*"""
    name = variant.split("-", 1)[0]
    return name if name in WEB_SERVERS else None


def variants_for(workload, plan):
    # the nginx-fcgi-stock variants are dropped by the caller when there is
    # no stock build
    v = list(NGINX_PHP)
    for s in plan.get("web_servers", ()):
        if s != "nginx":
            v += WEB_SERVERS[s]["variants"]
    if workload == "hello" and plan.get("ceiling", True):
        v.append("nginx-return200")
    if plan.get("direct", True):
        v += ["direct-fcgi", "direct-scgi"]
    return v
