"""The two backends and the web servers in front of them, for run.py.

Each web server is configured twice from equivalent configs: once with its
FastCGI module to php-fpm, once with its SCGI module to php-fpm-scgi.  The
SCGI side is the shipped snippet (sapi/fpm-scgi/examples/); the FastCGI
side is what a php-fpm user has: Debian's fastcgi.conf for nginx, and for
Apache and lighttpd the same snippet with its FastCGI module, which takes
the same directives.  Both backends run the same pool settings and php.ini
from one template, and serve the same docroot.
"""
import os
import re
import shutil

import procs
import serverconf

SAPIS = ("fcgi", "scgi")
BINARY = {"fcgi": "php-fpm", "scgi": "php-fpm-scgi"}
IS_ROOT = os.geteuid() == 0


class Setup:
    """Where everything lives, and what has been started."""

    def __init__(self, top, prefix, work):
        self.top, self.prefix, self.work = top, prefix, work
        self.examples = os.path.join(top, "sapi", "fpm-scgi", "examples")
        self.docroot = os.path.join(work, "docroot")
        self.tmp = os.path.join(work, "tmp")
        self.sock = {s: os.path.join(work, "%s.sock" % s) for s in SAPIS}
        self.tcp = {s: procs.free_port() for s in SAPIS}
        self.procs = procs.Procs()
        if IS_ROOT:
            self.user, self.group = "nobody", "nogroup"
        else:
            import grp
            import pwd
            self.user = pwd.getpwuid(os.getuid()).pw_name
            self.group = grp.getgrgid(os.getgid()).gr_name

    def path(self, *p):
        return os.path.join(self.work, *p)

    def write(self, rel, text):
        with open(self.path(rel), "w") as f:
            f.write(text)
        return self.path(rel)


def make_docroot(st, source):
    """The probe as probe.php, index.php and under awkward directory names
    (a space, UTF-8), readable by the servers' unprivileged workers."""
    os.chmod(st.work, 0o755)
    os.makedirs(st.docroot)
    probe = os.path.join(source, "probe.php")
    for rel in ("probe.php", "index.php", "sp ace/probe.php", "\u00fcn\u00ef/probe.php", "sub/probe.php"):
        dst = os.path.join(st.docroot, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy(probe, dst)
    for d, dirs, files in os.walk(st.docroot):
        for n in dirs:
            os.chmod(os.path.join(d, n), 0o755)
        for n in files:
            os.chmod(os.path.join(d, n), 0o644)
    os.makedirs(st.tmp)
    os.chmod(st.tmp, 0o1777)


# ---------------------------------------------------------------- backends
def pool(st, name, listen):
    return serverconf.fpm_pool(name, listen, st.tmp, st.group if IS_ROOT else "nogroup", [
        "php_admin_value[upload_max_filesize] = 16M", "php_admin_value[post_max_size] = 16M",
        "php_admin_value[max_file_uploads] = 20", "php_admin_value[output_buffering] = 0"])


def start_backends(st):
    """php-fpm and php-fpm-scgi, each with a unix-socket pool and a TCP pool
    of the same settings.  Returns None or why one did not start."""
    for sapi in SAPIS:
        d = st.path(sapi)
        os.makedirs(d)
        conf = st.write(os.path.join(sapi, "fpm.conf"),
                        "[global]\nerror_log = %s/fpm.log\npid = %s/fpm.pid\ndaemonize = no\n" % (d, d)
                        + pool(st, "unix", st.sock[sapi]) + pool(st, "tcp", "127.0.0.1:%d" % st.tcp[sapi]))
        binary = os.path.join(st.prefix, "sbin", BINARY[sapi])
        if not os.access(binary, os.X_OK):
            return "%s missing (build first)" % binary
        p = st.procs.start([binary, "-F", "-y", conf, "-n"], os.path.join(d, "fpm.out"))
        up = procs.wait_for(lambda: p.poll() is not None or
                            (os.path.exists(st.sock[sapi]) and procs.port_open(st.tcp[sapi])), 15)
        if not up or p.poll() is not None:
            return "%s did not start: %s" % (BINARY[sapi], procs.tail(os.path.join(d, "fpm.log")))
    return None


# ------------------------------------------------------------------- nginx
# the location of the shipped snippet, and its FastCGI equivalent: Debian's
# fastcgi.conf with fastcgi_split_path_info splitting as the snippet's regex
NGINX_PHP_LOCATION = "location ~ ^(?<script_name>.*?[^/]\\.php)(?<path_info>/.*)?$ {"


def nginx_scgi(st, extra):
    """The shipped snippet, pointed at our pool, EXTRA after its include."""
    with open(os.path.join(st.examples, "nginx.conf")) as f:
        snippet = f.read()
    if NGINX_PHP_LOCATION not in snippet:
        raise RuntimeError("examples/nginx.conf no longer has the location %s" % NGINX_PHP_LOCATION)
    snippet = snippet.replace("unix:/run/php-fpm-scgi.sock", "unix:" + st.sock["scgi"])
    return snippet.replace("include scgi_params;\n", "include scgi_params;\n" + "".join(
        "    scgi_%s\n" % e for e in extra), 1)


def nginx_fcgi(st, extra):
    return """
location ~ ^(?<script_name>.*?[^/]\\.php)(?<path_info>/.*)?$ {
    fastcgi_split_path_info ^(.*?[^/]\\.php)(/.*)?$;
    include fastcgi.conf;
%s    fastcgi_param PATH_INFO $fastcgi_path_info if_not_empty;
    fastcgi_pass unix:%s;
    fastcgi_read_timeout 300s;
}
location ~ ^/(status|ping)$ {
    include fastcgi.conf;
    fastcgi_param SCRIPT_NAME $uri;
    fastcgi_pass unix:%s;
}
""" % ("".join("    fastcgi_%s\n" % e for e in extra), st.sock["fcgi"], st.sock["fcgi"])


# variant -> (listen flags, lines added after the params include, as
# "<module>_..." without the module prefix)
NGINX_VARIANTS = {
    "nginx": ("", []),
    "nginx-unbuffered": ("", ["request_buffering off;"]),
    "nginx-h2": (" http2", []),
    # behind a TLS terminator, and the two other overrides issue 13 names
    "nginx-override": ("", ["param HTTPS on;", "param SERVER_NAME $host;", "param HTTP_HOST $http_host;"]),
}


def start_nginx(st, variants):
    """One nginx, a server {} per (variant, sapi).  Returns {variant: {sapi:
    port}} or raises RuntimeError."""
    if not shutil.which("nginx"):
        raise FileNotFoundError("nginx not installed")
    d = st.path("nginx")
    os.makedirs(d)
    # the stock params beside the config (relative includes resolve there)
    for n in ("scgi_params", "fastcgi.conf"):
        shutil.copy(os.path.join("/etc/nginx", n), d)
    ports, servers = {}, []
    for v in variants:
        listen, extra = NGINX_VARIANTS[v]
        ports[v] = {}
        for sapi in SAPIS:
            port = ports[v][sapi] = procs.free_port()
            php = nginx_scgi(st, extra) if sapi == "scgi" else nginx_fcgi(st, extra)
            servers.append("""
server {
    listen 127.0.0.1:%d%s;
    root %s;
    index index.php;
%s
}
""" % (port, listen, st.docroot, php))
    # room for the corpus' 16 KiB cookie and its 30 KiB header line
    st.write("nginx/nginx.conf", serverconf.nginx_conf(d, servers, extra=["large_client_header_buffers 4 32k;"]))
    p = st.procs.start(["nginx", "-p", d, "-e", os.path.join(d, "error.log"), "-c", os.path.join(d, "nginx.conf")],
                       os.path.join(d, "out"))
    want = [port for v in ports.values() for port in v.values()]
    if not procs.wait_for(lambda: p.poll() is not None or all(procs.port_open(x) for x in want), 10) \
            or p.poll() is not None:
        raise RuntimeError("nginx did not start: " + procs.tail(os.path.join(d, "error.log")) + procs.tail(os.path.join(d, "out")))
    return ports


# ------------------------------------------------------------------ Apache
def apache_snippets(st):
    """{variant: {sapi: config}}: the shipped apache.conf as is (SetHandler
    to the unix socket), and its ProxyPassMatch variant to the TCP pool; the
    FastCGI side the same with fcgi:// (mod_proxy_fcgi takes the same
    syntax)."""
    with open(os.path.join(st.examples, "apache.conf")) as f:
        shipped = f.read()
    handler = shipped.replace("/run/php-fpm-scgi.sock", st.sock["scgi"])
    # drop the SetHandler blocks, enable the commented ProxyPassMatch lines
    proxy = re.sub(r"(?ms)^<FilesMatch.*?^</FilesMatch>\n", "", shipped)
    proxy = re.sub(r"(?m)^\s*SetHandler \"proxy:unix:.*\n", "", proxy)
    proxy = re.sub(r"(?m)^#(ProxyPassMatch .*scgi://127\.0\.0\.1:9001.*)$", r"\1", proxy)
    proxy = proxy.replace("/var/www/html", st.docroot)
    out = {"apache-handler": {}, "apache-proxy": {}}
    for sapi in SAPIS:
        h, p = handler, proxy.replace("127.0.0.1:9001", "127.0.0.1:%d" % st.tcp[sapi])
        if sapi == "fcgi":
            h = h.replace(st.sock["scgi"], st.sock["fcgi"]).replace("scgi://", "fcgi://")
            p = p.replace("scgi://", "fcgi://")
        out["apache-handler"][sapi], out["apache-proxy"][sapi] = h, p
    return out


def start_apache(st, variants):
    if not shutil.which("apache2"):
        raise FileNotFoundError("apache2 not installed")
    d = st.path("apache")
    os.makedirs(d)
    snippets = apache_snippets(st)
    ports, vhosts = {}, []
    for v in variants:
        ports[v] = {}
        for sapi in SAPIS:
            port = ports[v][sapi] = procs.free_port()
            inc = st.write("apache/%s-%s.inc" % (v, sapi), snippets[v][sapi])
            vhosts.append("Listen 127.0.0.1:%d\n<VirtualHost 127.0.0.1:%d>\n    DocumentRoot %s\n"
                          "    Include %s\n</VirtualHost>\n" % (port, port, st.docroot, inc))
    with open(os.path.join(st.top, "tests", "lib", "apache-base.conf")) as f:
        base = f.read()
    for name, value in (("@DIR@", d), ("@MODS@", "/usr/lib/apache2/modules"), ("@USER@", st.user),
                        ("@GROUP@", st.group), ("@DOCROOT@", st.docroot)):
        base = base.replace(name, value)
    # room for the corpus' 16 KiB cookie and its 30 KiB header line
    st.write("apache/httpd.conf", base + "LimitRequestFieldSize 32768\n" + "".join(vhosts))
    p = st.procs.start(["apache2", "-f", os.path.join(d, "httpd.conf"), "-DFOREGROUND"], os.path.join(d, "out"))
    want = [port for v in ports.values() for port in v.values()]
    if not procs.wait_for(lambda: p.poll() is not None or all(procs.port_open(x) for x in want), 10) \
            or p.poll() is not None:
        raise RuntimeError("apache2 did not start: " + procs.tail(os.path.join(d, "error.log")) + procs.tail(os.path.join(d, "out")))
    return ports


# ---------------------------------------------------------------- lighttpd
def lighttpd_snippet(st, sapi):
    """The shipped lighttpd.conf; for FastCGI the same with mod_fastcgi,
    whose fastcgi.server takes the same options."""
    with open(os.path.join(st.examples, "lighttpd.conf")) as f:
        snippet = f.read().replace("/run/php-fpm-scgi.sock", st.sock[sapi])
    if sapi == "fcgi":
        snippet = snippet.replace('"mod_scgi"', '"mod_fastcgi"').replace("scgi.server", "fastcgi.server")
    return snippet


def start_lighttpd(st, variants):
    """Two lighttpd, one per module (a module's *.server is global)."""
    if not shutil.which("lighttpd"):
        raise FileNotFoundError("lighttpd not installed")
    ports = {}
    for v in variants:
        ports[v] = {}
        for sapi in SAPIS:
            d = st.path("lighttpd-" + sapi)
            os.makedirs(d)
            os.makedirs(os.path.join(d, "upload"))
            # lighttpd opens its error log after dropping privileges
            os.chmod(d, 0o1777)
            os.chmod(os.path.join(d, "upload"), 0o1777)
            port = ports[v][sapi] = procs.free_port()
            inc = st.write("lighttpd-%s/php.inc" % sapi, lighttpd_snippet(st, sapi))
            conf = st.write("lighttpd-%s/lighttpd.conf" % sapi, """
var.dir = "{d}"
var.docroot = "{docroot}"
var.port = {port}
var.upload = "{d}/upload"
var.user = "{user}"
var.group = "{group}"
include "{base}"
# room for the corpus' 16 KiB cookie and its 30 KiB header line
server.max-request-field-size = 65535
include "{inc}"
""".format(docroot=st.docroot, port=port, d=d, user=st.user, group=st.group, inc=inc, base=os.path.join(st.top, "tests", "lib", "lighttpd-base.conf")))
            p = st.procs.start(["lighttpd", "-D", "-f", conf], os.path.join(d, "out"))
            if not procs.wait_for(lambda: p.poll() is not None or procs.port_open(port), 10) or p.poll() is not None:
                raise RuntimeError("lighttpd (%s) did not start: %s %s" % (
                    sapi, procs.tail(os.path.join(d, "error.log")), procs.tail(os.path.join(d, "out"))))
    return ports
