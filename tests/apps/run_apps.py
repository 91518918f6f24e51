#!/usr/bin/env python3
"""Real PHP applications from Debian 12 packages on php-fpm-scgi and php-fpm.

    SCGI_TOP=. SCGI_PREFIX=build/prefix python3 tests/apps/run_apps.py

The apps (dokuwiki, phpliteadmin) and the libraries Debian unbundled from
them are fetched with `apt-get download` into a cache dir (APPS_CACHE,
default /var/cache/php-fpm-scgi/apps; later runs are offline) and unpacked
with `dpkg-deb -x` into a temp dir -- never installed.  Their absolute paths
(/etc/dokuwiki, /var/lib/dokuwiki, /usr/share/php, ...) and absolute
symlinks are re-pointed into that dir.  Two identical copies are made: one
served by nginx + php-fpm-scgi (scgi_pass), one by nginx + php-fpm
(fastcgi_pass).  The same flows run against both; every flow prints
"PASS: apps APP FLOW fpm-scgi" (it worked on php-fpm-scgi) and
"PASS: apps APP FLOW same-as-fpm" (same normalised result on php-fpm), or
FAIL/SKIP lines with the reason.

APPS_KEEP=1 keeps the temp dir; APPS_ONLY="dokuwiki" runs one app.
"""
import glob
import hashlib
import html
import html.parser
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

TOP = os.environ.get("SCGI_TOP") or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TOP = os.path.abspath(TOP)
PREFIX = os.path.abspath(os.environ.get("SCGI_PREFIX") or os.path.join(TOP, "build", "prefix"))
CACHE = os.environ.get("APPS_CACHE", "/var/cache/php-fpm-scgi/apps")
KEEP = os.environ.get("APPS_KEEP") == "1"
ONLY = os.environ.get("APPS_ONLY", "dokuwiki phpliteadmin").split()
SAPIS = ["fpm-scgi", "fpm"]
IS_ROOT = os.geteuid() == 0

APPS = {
    "dokuwiki": ["dokuwiki", "libjs-jquery", "libjs-jquery-cookie", "libjs-jquery-ui",
                 "libphp-simplepie", "php-geshi", "php-phpseclib", "php-random-compat"],
    "phpliteadmin": ["phpliteadmin", "libjs-codemirror"],
}

procs = []          # Popen objects we started; stopped by pid in cleanup()
workdir = None


def out(line):
    print(line, flush=True)


def cleanup(*_):
    for p in reversed(procs):
        if p.poll() is None:
            try:
                os.kill(p.pid, signal.SIGTERM)
            except OSError:
                pass
    deadline = time.time() + 5
    for p in reversed(procs):
        try:
            p.wait(max(0.1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            try:
                os.kill(p.pid, signal.SIGKILL)
            except OSError:
                pass
            p.wait()
    procs.clear()
    if workdir and os.path.isdir(workdir):
        if KEEP:
            sys.stderr.write("apps: kept %s\n" % workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def on_signal(signum, _frame):
    cleanup()
    sys.exit(128 + signum)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_for(pred, seconds):
    end = time.time() + seconds
    while time.time() < end:
        if pred():
            return True
        time.sleep(0.1)
    return False


def port_open(port):
    try:
        socket.create_connection(("127.0.0.1", port), 1).close()
        return True
    except OSError:
        return False


# ------------------------------------------------------------ the packages
def fetch(pkgs):
    """Path of each package's .deb in the cache; download what is missing.
    Returns (dict, None) or (None, reason)."""
    global CACHE
    try:
        os.makedirs(CACHE, exist_ok=True)
        if not os.access(CACHE, os.W_OK):
            raise PermissionError(CACHE)
    except OSError:
        if "APPS_CACHE" in os.environ:
            return None, "cache dir %s not writable" % CACHE
        CACHE = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "php-fpm-scgi", "apps")
        os.makedirs(CACHE, exist_ok=True)
    debs = {}
    missing = []
    for p in pkgs:
        found = sorted(glob.glob(os.path.join(CACHE, p + "_*.deb")))
        if found:
            debs[p] = found[-1]
        else:
            missing.append(p)
    if missing:
        if not shutil.which("apt-get"):
            return None, "apt-get not available to download %s" % " ".join(missing)
        try:
            r = subprocess.run(["apt-get", "download"] + missing, cwd=CACHE, timeout=90,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
        except subprocess.TimeoutExpired:
            return None, "apt-get download %s timed out" % " ".join(missing)
        for p in missing:
            found = sorted(glob.glob(os.path.join(CACHE, p + "_*.deb")))
            if not found:
                tail = " ".join(l for l in r.stdout.splitlines() if l.startswith("E:"))[:300]
                return None, "apt-get download %s failed: %s" % (p, tail or "status %d" % r.returncode)
            debs[p] = found[-1]
    return debs, None


def version_of(deb):
    return subprocess.run(["dpkg-deb", "-f", deb, "Version"], stdout=subprocess.PIPE,
                          universal_newlines=True).stdout.strip()


# paths the Debian packages hard-code; re-pointed into the unpacked root
ABS_PATHS = ["/etc/dokuwiki", "/var/lib/dokuwiki", "/usr/share/dokuwiki", "/usr/share/php-geshi",
             "/usr/share/php", "/usr/share/javascript", "/etc/phpliteadmin.config.php",
             "/var/lib/phpliteadmin"]
ABS_RE = re.compile(r"(?<![\w/.])(" + "|".join(re.escape(p) for p in ABS_PATHS) + r")(?=[/'\"]|$)")


def unpack(app, debs, root):
    """Unpack the app and its libraries into root and wire them together."""
    os.makedirs(root)
    subprocess.run(["dpkg-deb", "-x", debs[app], root], check=True)
    # dokuwiki's deb carries two stale links usr/share/php/{phpseclib,
    # random_compat} -> ../dokuwiki/vendor/... (not shipped); the library
    # packages provide the real directories.
    for name in ("phpseclib", "random_compat"):
        link = os.path.join(root, "usr/share/php", name)
        if os.path.islink(link):
            os.unlink(link)
    for p, deb in debs.items():
        if p != app:
            subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
    # absolute symlinks (into /etc, /var/lib, ...) now point into root
    for d, dirs, files in os.walk(root):
        for n in dirs + files:
            path = os.path.join(d, n)
            if os.path.islink(path):
                t = os.readlink(path)
                if t.startswith("/"):
                    os.unlink(path)
                    os.symlink(root + t, path)
    # hard-coded absolute paths in the PHP sources and configs
    for base in ("usr/share/dokuwiki", "usr/share/phpliteadmin", "etc"):
        for d, _dirs, files in os.walk(os.path.join(root, base)):
            for n in files:
                path = os.path.join(d, n)
                if os.path.islink(path) or not n.endswith(".php"):
                    continue
                with open(path, "rb") as f:
                    src = f.read().decode("latin-1")
                new = ABS_RE.sub(lambda m: root + m.group(1), src)
                if new != src:
                    with open(path, "wb") as f:
                        f.write(new.encode("latin-1"))


def setup_dokuwiki(root):
    inc = os.path.join(root, "usr/share/dokuwiki")
    # install.php looks for DOKU_INC/conf and DOKU_INC/data (Debian keeps
    # them in /etc/dokuwiki and /var/lib/dokuwiki/data)
    os.symlink(os.path.join(root, "etc/dokuwiki"), os.path.join(inc, "conf"))
    os.symlink(os.path.join(root, "var/lib/dokuwiki/data"), os.path.join(inc, "data"))
    # nice URLs through PATH_INFO: doku.php/namespace:page
    with open(os.path.join(root, "etc/dokuwiki/local.protected.php"), "w") as f:
        f.write("<?php\n$conf['userewrite'] = 2;\n")
    writable = [os.path.join(root, "etc/dokuwiki"), os.path.join(root, "var/lib/dokuwiki")]
    return inc, writable


def setup_phpliteadmin(root):
    docroot = os.path.join(root, "usr/share/phpliteadmin")
    conf = os.path.join(root, "etc/phpliteadmin.config.php")
    with open(conf, "a") as f:
        f.write("\n$password = 'scgi-secret';\n")
    os.chmod(conf, 0o644)   # Debian: root:www-data 0640; the workers run as nobody
    writable = [os.path.join(root, "var/lib/phpliteadmin")]
    return docroot, writable


def chown_tree(paths):
    for top in paths:
        for d, dirs, files in os.walk(top):
            for n in [d] + [os.path.join(d, x) for x in dirs + files]:
                if IS_ROOT:
                    os.lchown(n, NOBODY_UID, NOBODY_GID)
                if not os.path.islink(n):
                    os.chmod(n, os.stat(n).st_mode | 0o600 | (0o100 if os.path.isdir(n) else 0))


# ---------------------------------------------------------------- servers
def pool_conf(sapi, name, listen):
    run_as = "user = nobody\ngroup = %s" % NOBODY_GROUP if IS_ROOT else "; not root: workers run as the invoking user"
    return """
[{name}]
listen = {listen}
listen.mode = 0666
{run_as}
pm = static
pm.max_children = 2
catch_workers_output = yes
request_terminate_timeout = 60s
security.limit_extensions = .php
php_admin_value[error_log] = {tmp}/{sapi}-{name}.php-errors.log
php_admin_value[log_errors] = On
php_admin_value[display_errors] = Off
php_admin_value[sys_temp_dir] = {tmp}
php_admin_value[upload_tmp_dir] = {tmp}
php_admin_value[session.save_path] = {tmp}
php_admin_value[memory_limit] = 128M
php_admin_value[date.timezone] = UTC
""".format(sapi=sapi, name=name, listen=listen, run_as=run_as, tmp=TMP)


def start_fpm(sapi, pools):
    binary = os.path.join(PREFIX, "sbin", "php-fpm-scgi" if sapi == "fpm-scgi" else "php-fpm")
    d = os.path.join(workdir, sapi)
    conf = os.path.join(d, "fpm.conf")
    with open(conf, "w") as f:
        f.write("[global]\nerror_log = %s/fpm.log\npid = %s/fpm.pid\ndaemonize = no\n" % (d, d))
        for name, listen, docroot in pools:
            f.write(pool_conf(sapi, name, listen))
    log = open(os.path.join(d, "fpm.out"), "w")
    p = subprocess.Popen([binary, "-F", "-y", conf, "-c", os.path.join(PREFIX, "etc")],
                         stdout=log, stderr=subprocess.STDOUT)
    procs.append(p)
    socks = [l for _n, l, _d in pools]
    if not wait_for(lambda: all(os.path.exists(s) for s in socks) or p.poll() is not None, 15) or p.poll() is not None:
        raise RuntimeError("%s did not start: %s" % (binary, tail(os.path.join(d, "fpm.log"))))


def tail(path, n=3):
    try:
        with open(path, errors="replace") as f:
            return " | ".join(f.read().splitlines()[-n:])
    except OSError:
        return "(no %s)" % path


def nginx_server(port, docroot, sapi, sock, extra=""):
    if sapi == "fpm-scgi":
        # the location pattern of sapi/fpm-scgi/examples/nginx.conf
        php = """
        location ~ ^(?<script_name>.*?[^/]\\.php)(?<path_info>/.*)?$ {
            include %s/scgi_params;
            scgi_param SCRIPT_NAME $script_name;
            scgi_param PATH_INFO $path_info if_not_empty;
            scgi_pass unix:%s;
            scgi_read_timeout 60s;
        }""" % (PARAMS, sock)
    else:
        php = """
        location ~ ^(?<script_name>.*?[^/]\\.php)(?<path_info>/.*)?$ {
            include %s/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME $document_root$script_name;
            fastcgi_param SCRIPT_NAME $script_name;
            fastcgi_param PATH_INFO $path_info if_not_empty;
            fastcgi_pass unix:%s;
            fastcgi_read_timeout 60s;
        }""" % (PARAMS, sock)
    return """
    server {
        listen 127.0.0.1:%d;
        root %s;
        index index.php doku.php phpliteadmin.php;
        %s
        %s
    }
""" % (port, docroot, extra, php)


def write_params():
    """/etc/nginx/{scgi,fastcgi}_params, but with the port in HTTP_HOST.

    Debian 12's nginx 1.22.1-9+deb12u11 (a security update) sends
    HTTP_HOST as $host, which drops the port of the Host header; the apps
    build their redirects from HTTP_HOST and would redirect from our free
    port to port 80.  An override after the include would do as well (nginx
    sends the parameter twice; php-fpm and php-fpm-scgi both keep the
    last), but the stock files with that one line changed keep the two
    SAPIs' configs line for line the same."""
    os.makedirs(PARAMS)
    for n in ("scgi_params", "fastcgi_params"):
        with open("/etc/nginx/" + n) as f:
            src = f.read()
        src = re.sub(r"^(\s*\w+_param\s+HTTP_HOST\s+)\$host;", r"\1$host:$server_port;", src, flags=re.M)
        with open(os.path.join(PARAMS, n), "w") as f:
            f.write(src)


def start_nginx(servers):
    d = os.path.join(workdir, "nginx")
    conf = os.path.join(d, "nginx.conf")
    user = "user nobody %s;" % NOBODY_GROUP if IS_ROOT else ""
    with open(conf, "w") as f:
        f.write("""
%s
worker_processes 1;
error_log %s/error.log;
pid %s/nginx.pid;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log %s/access.log;
    client_body_temp_path %s/client_body;
    proxy_temp_path %s/proxy;
    fastcgi_temp_path %s/fastcgi;
    uwsgi_temp_path %s/uwsgi;
    scgi_temp_path %s/scgi;
    client_max_body_size 16m;
%s
}
""" % ((user,) + (d,) * 8 + ("".join(servers),)))
    log = open(os.path.join(d, "out"), "w")
    p = subprocess.Popen(["nginx", "-p", d, "-e", os.path.join(d, "error.log"), "-c", conf, "-g", "daemon off;"],
                         stdout=log, stderr=subprocess.STDOUT)
    procs.append(p)
    return p


# ------------------------------------------------------------ HTTP client
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


class Client:
    def __init__(self, port):
        self.base = "http://127.0.0.1:%d" % port
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def req(self, path, data=None, follow=True, multipart=False):
        """(status, headers, body bytes, final path); follows redirects.
        data: dict or list of (name, value); multipart: as multipart/form-data."""
        url = path if path.startswith("http") else self.base + path
        for _ in range(5):
            body, hdrs = None, {}
            if data is not None and multipart:
                bound = "----scgiapps" + hashlib.md5(repr(data).encode()).hexdigest()
                items = data.items() if isinstance(data, dict) else data
                body = b"".join(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n" % (bound, n)).encode()
                                + v.encode() + b"\r\n" for n, v in items) + ("--%s--\r\n" % bound).encode()
                hdrs["Content-Type"] = "multipart/form-data; boundary=" + bound
            elif data is not None:
                body = urllib.parse.urlencode(data).encode()
            r = urllib.request.Request(url, data=body, headers=hdrs)
            try:
                resp = self.opener.open(r, timeout=30)
                status, headers, content = resp.status, resp.headers, resp.read()
            except urllib.error.HTTPError as e:
                status, headers, content = e.code, e.headers, e.read()
            if follow and status in (301, 302, 303) and headers.get("Location"):
                url = urllib.parse.urljoin(url, headers["Location"])
                data = None
                continue
            return status, headers, content, url[len(self.base):] if url.startswith(self.base) else url
        return status, headers, content, url


class App:
    """Per-SAPI state: the client, the port, the unpacked root."""

    def __init__(self, sapi, port, root):
        self.sapi, self.port, self.root = sapi, port, root
        self.c = Client(port)

    def norm(self, b):
        """Body text with what legitimately differs between the two copies
        (port, temp root, tokens, times) masked."""
        s = b.decode("utf-8", "replace") if isinstance(b, bytes) else b
        s = s.replace("127.0.0.1:%d" % self.port, "HOST").replace(self.root, "ROOT")
        s = s.replace(urllib.parse.quote(self.root, safe=""), "ROOT")
        s = re.sub(r"\b[0-9a-f]{32,64}\b", "HEX", s)
        s = re.sub(r"([?&;]tok=)[0-9a-f]+", r"\1TOK", s)
        s = re.sub(r"\b1[0-9]{9}\b", "EPOCH", s)
        s = re.sub(r"\d{4}[-/]\d\d[-/]\d\d[ T]\d\d:\d\d(:\d\d)?", "DATETIME", s)
        s = re.sub(r"\d\d:\d\d(:\d\d)?", "TIME", s)
        s = re.sub(r"[\d.]+ ?(seconds|sec|ms)\b", "N seconds", s)
        return s


def sha(s):
    return hashlib.sha256(s.encode() if isinstance(s, str) else s).hexdigest()[:16]


# --------------------------------------------------------------- DokuWiki
def dw_flows():
    """[(flow, fn(app) -> (ok, result-or-why))]; result is what is compared."""
    def sectok(html):
        m = re.search(r'name="sectok" value="([0-9a-f]*)"', html)
        return m.group(1) if m else None

    def install(a):
        st, _h, b, _u = a.c.req("/install.php")
        html = b.decode("utf-8", "replace")
        if st != 200 or 'name="d[title]"' not in html:
            return False, "GET /install.php: %d %s" % (st, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))[:300])
        data = {"l": "en", "d[title]": "SCGI Test Wiki", "d[acl]": "on", "d[superuser]": "admin",
                "d[fullname]": "Ada Admin", "d[email]": "admin@example.org", "d[password]": "S3cret-pass",
                "d[confirm]": "S3cret-pass", "d[policy]": "1", "d[allowreg]": "on",
                "d[license]": "cc-by-sa", "d[pop]": "", "submit": "Save"}
        st, _h, b, _u = a.c.req("/install.php", data)
        html = b.decode("utf-8", "replace")
        ok = st == 200 and "successfully" in html
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
        return ok, (st, a.norm(text)) if ok else "POST install.php: %d %s" % (st, text[-400:])

    def front(a):
        st, _h, b, u = a.c.req("/")
        html = b.decode("utf-8", "replace")
        m = re.search(r"<title>(.*?)</title>", html, re.S)
        title = m.group(1).strip() if m else None
        ok = st == 200 and title and "SCGI Test Wiki" in title
        return ok, (st, u, title) if ok else "GET /: %d %s title=%r" % (st, u, title)

    def login(a):
        st, _h, b, _u = a.c.req("/doku.php/start?do=login")
        tok = sectok(b.decode("utf-8", "replace"))
        if st != 200 or tok is None:
            return False, "GET do=login: %d sectok=%r" % (st, tok)
        st, _h, b, u = a.c.req("/doku.php/start", {"sectok": tok, "id": "start", "do": "login",
                                                     "u": "admin", "p": "S3cret-pass"})
        html = b.decode("utf-8", "replace")
        m = re.search(r'class="user">(.*?)</li>', html, re.S)
        who = re.sub(r"<[^>]+>", "", m.group(1)).strip() if m else None
        ok = st == 200 and who and "Ada Admin" in who and "do=logout" in html
        return ok, (st, u, who) if ok else "POST login: %d %s user=%r" % (st, u, who)

    page = "playground:scgi_test"
    text = ("====== SCGI rendered heading ======\n\nSome **bold zanzibarword** text with a [[wiki:syntax|link]].\n\n"
            "  * first item\n  * second item\n\n<code php>\n<?php echo strtoupper('hello'); ?>\n</code>\n\n"
            "^ col A ^ col B ^\n| 1 | äöü € |\n")

    def edit(a):
        st, _h, b, _u = a.c.req("/doku.php/%s?do=edit" % page)
        html = b.decode("utf-8", "replace")
        tok = sectok(html)
        m = re.search(r'name="changecheck" value="([^"]*)"', html)
        d = re.search(r'name="date" value="([^"]*)"', html)
        if st != 200 or tok is None or m is None or "wiki__text" not in html:
            return False, "GET do=edit: %d sectok=%r changecheck=%r" % (st, tok, m and m.group(1))
        data = {"sectok": tok, "id": page, "rev": "0", "date": d.group(1) if d else "", "prefix": ".",
                "suffix": "", "changecheck": m.group(1), "target": "section", "wikitext": text,
                "summary": "created over SCGI", "do[save]": "Save"}
        st, _h, b, u = a.c.req("/doku.php/%s" % page, data)
        html = b.decode("utf-8", "replace")
        ok = st == 200 and "SCGI rendered heading" in html and u.split("?")[0] == "/doku.php/" + page
        return ok, (st, u) if ok else "POST save: %d %s %s" % (st, u, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))[:300])

    def view(a):
        st, _h, b, u = a.c.req("/doku.php/%s" % page)
        html = b.decode("utf-8", "replace")
        m = re.search(r'<!-- wikipage start -->(.*?)<!-- wikipage stop -->', html, re.S)
        body = m.group(1) if m else ""
        want = ['<h1 class="sectionedit1" id="scgi_rendered_heading">SCGI rendered heading</h1>',
                "<strong>bold zanzibarword</strong>", '<div class="li"> second item</div>',
                '<span class="kw2">&lt;?php</span>', "äöü €"]
        miss = [w for w in want if w not in body]
        ok = st == 200 and not miss
        return ok, (st, a.norm(body)) if ok else "GET page: %d missing %s in %r" % (st, miss, body[:300])

    def source(a):
        st, h, b, _u = a.c.req("/doku.php/%s?do=export_raw" % page)
        ok = st == 200 and b.decode("utf-8") == text.rstrip("\n") or b.decode("utf-8") == text
        return ok, (st, h.get("Content-Type"), sha(b)) if ok else "export_raw: %d %r" % (st, b[:200])

    def search(a):
        # the fulltext index is built by the task runner (an <img> in pages)
        st, _h, _b, _u = a.c.req("/lib/exe/taskrunner.php?id=%s" % page)
        if st != 200:
            return False, "taskrunner: %d" % st
        # Over SCGI nginx ends the response at the GIF's Content-Length
        # and the indexer may still be running in the worker; over FastCGI
        # nginx waits for FCGI_END_REQUEST.  So wait for the index.
        for _ in range(50):
            st, _h, b, _u = a.c.req("/doku.php/start?do=search&q=zanzibarword")
            html = b.decode("utf-8", "replace")
            if "search_hit" in html:
                break
            time.sleep(0.1)
        m = re.search(r'<div class="search_fulltextresult">(.*?)</div>\s*</div>', html, re.S) or \
            re.search(r'class="search_results">(.*?)</dl>', html, re.S)
        hits = re.findall(r'class="wikilink1" title="([^"]+)"', m.group(1) if m else html)
        ok = st == 200 and page in hits and "search_hit" in html
        return ok, (st, sorted(set(hits))) if ok else "do=search: %d hits=%r %s" % (st, hits, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))[-300:])

    def assets(a):
        res = []
        for path, ctype, must in [("/lib/exe/css.php?t=dokuwiki&tseed=1", "text/css", "#dokuwiki__header"),
                                  ("/lib/exe/js.php?t=dokuwiki&tseed=1", "javascript", "dw_editor"),
                                  ("/lib/exe/jquery.php?tseed=1", "javascript", "jQuery"),
                                  ("/lib/exe/fetch.php?media=wiki:dokuwiki-128.png", "image/png", None),
                                  ("/lib/exe/detail.php?media=wiki:dokuwiki-128.png", "text/html", "dokuwiki-128.png")]:
            st, h, b, _u = a.c.req(path)
            ct = h.get("Content-Type", "")
            if st != 200 or ctype not in ct or (must and must.encode() not in b):
                return False, "%s: %d %s %d bytes %r" % (path, st, ct, len(b), b[:120])
            if ctype == "text/html":
                m = re.search(rb"<!-- wikipage start -->.*<!-- wikipage stop -->|<main.*</main>", b, re.S)
                res.append((path, st, ct, sha(a.norm(m.group(0) if m else b))))
                # the image as the detail page links it: through PATH_INFO
                img = re.search(rb'src="(/lib/exe/fetch\.php/[^"]+)"', b)
                if not img:
                    return False, "detail.php: no fetch.php/ image in the page"
                p2 = html.unescape(img.group(1).decode())
                st, h, b, _u = a.c.req(p2)
                if st != 200 or not b.startswith(b"\x89PNG"):
                    return False, "%s: %d %s %r" % (p2, st, h.get("Content-Type"), b[:60])
                res.append((a.norm(p2), st, h.get("Content-Type"), len(b), sha(b)))
            else:
                res.append((path, st, ct, len(b), sha(a.norm(b) if must else b)))
        return True, res

    def logout(a):
        st, _h, b, _u = a.c.req("/doku.php/start?do=logout&sectok=" + (sectok(a.c.req("/doku.php/start")[2].decode("utf-8", "replace")) or ""))
        html = b.decode("utf-8", "replace")
        ok = st == 200 and "do=login" in html and "Ada Admin" not in html
        return ok, st if ok else "logout: %d" % st

    return [("install", install), ("front", front), ("login", login), ("edit", edit), ("view", view),
            ("source", source), ("search", search), ("assets", assets), ("logout", logout)]


# ------------------------------------------------------------ phpLiteAdmin
class FormParser(html.parser.HTMLParser):
    """forms of a page: [{action, method, enctype, fields: [(name, value)]}]"""

    def __init__(self):
        super().__init__()
        self.forms, self.cur, self.ta = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.cur = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(),
                        "enctype": a.get("enctype") or "", "fields": []}
            self.forms.append(self.cur)
        elif self.cur is None or not a.get("name"):
            return
        elif tag == "input" and a.get("type", "text") not in ("submit", "checkbox", "radio") or \
                tag == "input" and a.get("type") in ("checkbox", "radio") and "checked" in a:
            self.cur["fields"].append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self.cur["fields"].append((a["name"], ""))
        elif tag == "textarea":
            self.ta = a["name"]
            self.cur["fields"].append((a["name"], ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.cur = None
        elif tag == "textarea":
            self.ta = None


def form_with(html_text, field):
    p = FormParser()
    p.feed(html_text)
    for f in p.forms:
        if any(n == field for n, _v in f["fields"]):
            return f
    return None


def pla_flows():
    P = "/phpliteadmin.php"

    def token(html):
        m = re.search(r'name="token" value="([0-9a-f]+)"', html)
        return m.group(1) if m else None

    def text(html):
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()

    def page_text(a, html):
        """the visible text without the footer's timing"""
        t = a.norm(text(html))
        return re.sub(r"Page generated in [\d.]+ seconds|took [\d.]+ sec", "", t)

    def submit(a, url, form, values, multipart=False):
        fields = [(n, values.pop(n) if n in values else v) for n, v in form["fields"]]
        fields += list(values.items())
        return a.c.req(urllib.parse.urljoin(a.c.base + url, html.unescape(form["action"])), fields,
                       multipart=multipart or "multipart" in form["enctype"])

    def front(a):
        st, _h, b, u = a.c.req(P)
        h = b.decode("utf-8", "replace")
        ok = st == 200 and "name='password'" in h and "phpLiteAdmin" in h
        return ok, (st, u, page_text(a, h)) if ok else "GET: %d %s" % (st, text(h)[:300])

    def login(a):
        st, _h, b, _u = a.c.req(P)
        f = form_with(b.decode("utf-8", "replace"), "password")
        st, _h, b, u = submit(a, P, f, {"password": "wrong"})
        h = b.decode("utf-8", "replace")
        if "Incorrect password" not in h or "failed=1" not in u:
            return False, "wrong password accepted? %d %s" % (st, u)
        f = form_with(h, "password")
        st, _h, b, u = submit(a, u, f, {"password": "scgi-secret", "remember": "yes"})
        h = b.decode("utf-8", "replace")
        ok = st == 200 and "name='new_dbname'" in h and "Incorrect" not in h
        return ok, (st, u, page_text(a, h)) if ok else "login: %d %s %s" % (st, u, text(h)[:300])

    def createdb(a):
        st, _h, b, u = a.c.req(P)
        f = form_with(b.decode("utf-8", "replace"), "new_dbname")
        st, _h, b, u = submit(a, u, f, {"new_dbname": "scgitest"})
        h = b.decode("utf-8", "replace")
        path = os.path.join(a.root, "var/lib/phpliteadmin/scgitest")
        ok = st == 200 and os.path.exists(path) and "Logout" in h and "name='tablename'" in h
        return ok, (st, a.norm(u), page_text(a, h)) if ok else "new db: %d %s exists=%s %s" % (st, u, os.path.exists(path), text(h)[:300])

    def create_table(a):
        st, _h, b, u = a.c.req(P)
        f = form_with(b.decode("utf-8", "replace"), "tablename")
        if f is None:
            return False, "no create-table form: %d" % st
        # a GET form: name and number of fields
        q = urllib.parse.urlencode([(n, v) for n, v in f["fields"] if n not in ("tablename", "tablefields")] +
                                   [("tablename", "notes"), ("tablefields", "2"), ("createtable", "Go")])
        st, _h, b, u = a.c.req(P + "?" + q)
        h = b.decode("utf-8", "replace")
        f = form_with(h, "0_field")
        if st != 200 or f is None:
            return False, "table_create step 1: %d %s" % (st, text(h)[:400])
        st, _h, b, u = submit(a, u, f, {"0_field": "id", "0_type": "INTEGER", "0_primarykey": "on",
                                        "0_autoincrement": "on", "0_defaultoption": "none",
                                        "1_field": "body", "1_type": "TEXT", "1_notnull": "on",
                                        "1_defaultoption": "none"})
        h = b.decode("utf-8", "replace")
        ok = st == 200 and "action=column_view" in u and "CREATE TABLE" in h and "AUTOINCREMENT" in h
        return ok, (st, a.norm(u), page_text(a, h)) if ok else "table_create: %d %s %s" % (st, u, text(h)[:500])

    row = "hello from scgi äöü € <b>zanzibarrow</b> & 'quotes'"

    def insert(a):
        st, _h, b, u = a.c.req(P + "?table=notes&action=row_create")
        h = b.decode("utf-8", "replace")
        f = form_with(h, "0:1")
        if st != 200 or f is None:
            return False, "row_create form: %d %s" % (st, text(h)[:400])
        # multipart/form-data, as the browser would send it
        st, _h, b, u = submit(a, u, f, {"0:0": "", "0_null[]": "on", "0:1": row})
        h = b.decode("utf-8", "replace")
        ok = st == 200 and "action=row_view" in u and "INSERT INTO" in h and row in html.unescape(h)
        return ok, (st, a.norm(u), page_text(a, h)) if ok else "row_create: %d %s %s" % (st, u, text(h)[:500])

    def view(a):
        st, _h, b, u = a.c.req(P + "?table=notes&action=row_view")
        h = b.decode("utf-8", "replace")
        ok = st == 200 and row in html.unescape(h) and "Total: 1" in h
        return ok, (st, a.norm(u), page_text(a, h)) if ok else "row_view: %d %s" % (st, text(h)[:500])

    def search(a):
        st, _h, b, u = a.c.req(P + "?table=notes&action=table_search")
        h = b.decode("utf-8", "replace")
        f = form_with(h, "field_1_value")
        if st != 200 or f is None:
            return False, "table_search form: %d %s" % (st, text(h)[:300])
        st, _h, b, u = submit(a, u, f, {"field_0_operator": "=", "field_0_value": "",
                                        "field_1_operator": "LIKE", "field_1_value": "%zanzibar%"})
        h = b.decode("utf-8", "replace")
        ok = st == 200 and "Total: 1" in h and "zanzibar" in h and "LIKE &#039;%zanzibar%&#039;" in h
        st2, _h, b2, _u = submit(a, u, form_with(a.c.req(P + "?table=notes&action=table_search")[2].decode(), "field_1_value"),
                                 {"field_1_operator": "LIKE", "field_1_value": "%nothere%"})
        none = "no rows" in b2.decode("utf-8", "replace")
        ok = ok and none
        return ok, (st, page_text(a, h), st2, none) if ok else "search: %d none=%s %s" % (st, none, text(h)[-500:])

    def assets(a):
        res = []
        for path, ctype, must in [(P + "?resource=css", "text/css", b"body"),
                                  (P + "?resource=javascript", "javascript", b"function"),
                                  ("/javascript/codemirror/lib/codemirror.js", "javascript", b"CodeMirror")]:
            st, h, b, _u = a.c.req(path)
            ct = h.get("Content-Type", "")
            if st != 200 or ctype not in ct or (must and must not in b):
                return False, "%s: %d %s %r" % (path, st, ct, b[:120])
            res.append((path, st, ct, len(b), sha(b)))
        return True, res

    def export(a):
        # the backup download: a GET with the CSRF token
        st, _h, b, u = a.c.req(P)
        h = b.decode("utf-8", "replace")
        m = re.search(r'href="(\?[^"]*download=[^"]*token=[0-9a-f]+)"', h)
        if not m:
            return False, "no download link: %d" % st
        st, hd, b, u = a.c.req(P + html.unescape(m.group(1)))
        ok = st == 200 and b.startswith(b"SQLite format 3") and b"zanzibarrow" in b
        return ok, (st, hd.get("Content-Type"), len(b)) if ok else "download: %d %r" % (st, b[:100])

    def logout(a):
        st, _h, b, u = a.c.req(P + "?logout=Logout")
        h = b.decode("utf-8", "replace")
        st, _h, b, u = a.c.req(P + "?table=notes&action=row_view")
        h = b.decode("utf-8", "replace")
        ok = st == 200 and "name='password'" in h and "zanzibarrow" not in h
        return ok, (st, a.norm(u)) if ok else "logout: %d %s" % (st, text(h)[:200])

    return [("front", front), ("login", login), ("createdb", createdb), ("create-table", create_table),
            ("insert-multipart", insert), ("view", view), ("search", search), ("assets", assets),
            ("download", export), ("logout", logout)]


# -------------------------------------------------------------------- main
def main():
    global workdir, PARAMS, NOBODY_UID, NOBODY_GID, NOBODY_GROUP, TMP
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    import pwd
    import grp
    NOBODY_UID, NOBODY_GID = (pwd.getpwnam("nobody").pw_uid, pwd.getpwnam("nobody").pw_gid) if IS_ROOT else (os.getuid(), os.getgid())
    NOBODY_GROUP = grp.getgrgid(NOBODY_GID).gr_name

    for sapi, b in (("fpm-scgi", "php-fpm-scgi"), ("fpm", "php-fpm")):
        if not os.access(os.path.join(PREFIX, "sbin", b), os.X_OK):
            out("FAIL: apps setup: %s missing (build first)" % os.path.join(PREFIX, "sbin", b))
            return 1
    for tool in ("nginx", "dpkg-deb"):
        if not shutil.which(tool):
            for app in ONLY:
                out("SKIP: apps %s: %s not installed" % (app, tool))
            return 0

    workdir = tempfile.mkdtemp(prefix="php-fpm-scgi-apps.")
    os.chmod(workdir, 0o755)
    PARAMS = os.path.join(workdir, "nginx")
    write_params()
    TMP = os.path.join(workdir, "tmp")
    os.makedirs(TMP)
    os.chmod(TMP, 0o1777)

    apps = []   # (app, flows, {sapi: App})
    servers = []
    pools = {s: [] for s in SAPIS}
    for app in ONLY:
        debs, why = fetch(APPS[app])
        if why:
            out("SKIP: apps %s: %s" % (app, why))
            continue
        out("apps: %s %s (%s)" % (app, version_of(debs[app]),
                                  ", ".join("%s %s" % (p, version_of(d)) for p, d in debs.items() if p != app)))
        per = {}
        for sapi in SAPIS:
            os.makedirs(os.path.join(workdir, sapi), exist_ok=True)
            root = os.path.join(workdir, sapi, app)
            unpack(app, debs, root)
            docroot, writable = (setup_dokuwiki if app == "dokuwiki" else setup_phpliteadmin)(root)
            chown_tree(writable)
            sock = os.path.join(workdir, sapi, app + ".sock")
            port = free_port()
            extra = ""
            if app == "dokuwiki":
                # as Debian's apache.conf: no web access to data, conf, bin, inc
                extra = "location ~ ^/(data|conf|bin|inc|vendor)/ { deny all; }"
            else:
                extra = "location /javascript/ { alias %s/usr/share/javascript/; }" % root
            servers.append(nginx_server(port, docroot, sapi, sock, extra))
            pools[sapi].append((app, sock, docroot))
            per[sapi] = App(sapi, port, root)
        apps.append((app, dw_flows() if app == "dokuwiki" else pla_flows(), per))
    if not apps:
        return 0

    for sapi in SAPIS:
        start_fpm(sapi, pools[sapi])
    ngx = start_nginx(servers)
    ports = [a.port for _n, _f, per in apps for a in per.values()]
    if not wait_for(lambda: all(port_open(p) for p in ports) or ngx.poll() is not None, 10) or ngx.poll() is not None:
        out("FAIL: apps setup: nginx did not start: %s" % tail(os.path.join(workdir, "nginx", "error.log")))
        return 1

    failed = 0
    for app, flows, per in apps:
        broken = {s: None for s in SAPIS}
        for flow, fn in flows:
            res = {}
            for sapi in SAPIS:
                if broken[sapi]:
                    res[sapi] = (False, "earlier flow %s failed" % broken[sapi])
                    continue
                try:
                    res[sapi] = fn(per[sapi])
                except Exception as e:   # a crash of the flow is a failure of the flow
                    res[sapi] = (False, "%s: %s" % (type(e).__name__, e))
                if not res[sapi][0]:
                    broken[sapi] = flow
            ok_s, r_s = res["fpm-scgi"]
            ok_f, r_f = res["fpm"]
            if ok_s:
                out("PASS: apps %s %s fpm-scgi" % (app, flow))
            else:
                failed += 1
                out("FAIL: apps %s %s fpm-scgi: %s" % (app, flow, str(r_s)[:600]))
            if not ok_f:
                out("SKIP: apps %s %s same-as-fpm: php-fpm failed too: %s" % (app, flow, str(r_f)[:400]) if not ok_s
                    else "FAIL: apps %s %s same-as-fpm: fpm-scgi worked, php-fpm did not: %s" % (app, flow, str(r_f)[:400]))
                failed += 0 if not ok_s else 1
            elif not ok_s:
                out("FAIL: apps %s %s same-as-fpm: php-fpm worked: %s" % (app, flow, str(r_f)[:300]))
                failed += 1
            elif r_s == r_f:
                out("PASS: apps %s %s same-as-fpm" % (app, flow))
                if os.environ.get("APPS_VERBOSE") == "1":
                    sys.stderr.write("  compared: %s\n" % str(r_s)[:400])
            else:
                failed += 1
                out("FAIL: apps %s %s same-as-fpm: fpm-scgi %s != php-fpm %s" % (app, flow, str(r_s)[:500], str(r_f)[:500]))
        # PHP notices/warnings/fatals the app logged, per SAPI
        for s in SAPIS:
            fl = os.path.join(workdir, s, "fpm.log")
            bad = [l for l in open(fl, errors="replace").read().splitlines()
                   if re.search(r"signal|SIGSEGV|core dumped|zend_mm_heap|PHP Fatal", l)] if os.path.exists(fl) else []
            if bad:
                failed += 1
                out("FAIL: apps %s no-crash %s: %s" % (app, s, " | ".join(bad[:3])))
            errs = os.path.join(TMP, "%s-%s.php-errors.log" % (s, app))
            fatal = [l.strip() for l in open(errs, errors="replace") if "Fatal" in l] if os.path.exists(errs) else []
            if fatal:
                failed += 1
                out("FAIL: apps %s php-fatal %s: %s" % (app, s, " | ".join(fatal[:3])))
    return 1 if failed else 0


if __name__ == "__main__":
    rc = 1
    try:
        rc = main()
    except Exception as e:
        out("FAIL: apps setup: %s: %s" % (type(e).__name__, e))
    finally:
        cleanup()
    sys.exit(rc)
