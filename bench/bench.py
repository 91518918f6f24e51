#!/usr/bin/env python3
"""CGI vs FastCGI vs SCGI: the benchmark driver behind bench/run.sh.

Starts every server from generated configs in a scratch directory, on
127.0.0.1 free ports and unix sockets there, as ordinary child processes
that are killed by PID on every way out.  Variants are interleaved inside
each round and the rounds repeated, so each comparison is a ratio of two
numbers measured minutes apart on the same machine, reported with its
spread over the rounds.

    bench.py --prefix PREFIX --loadgen PATH --work DIR --results DIR [--mode quick|full]

Environment overrides: BENCH_ROUNDS, BENCH_DURATION (seconds, headline
cells), BENCH_SHORT (seconds, other cells), BENCH_POOLS, BENCH_CONCS
(comma lists, full mode), BENCH_NICE (priority for everything started).
"""

import argparse
import atexit
import gzip
import http.client
import json
import math
import os
import platform
import pwd
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import svgplot  # noqa: E402

T0 = time.time()

# --------------------------------------------------------------------------
# processes: every child we start is in PROCS and killed by PID on exit


PROCS = []


def log(*a):
    print("[%6.1fs]" % (time.time() - T0), *a, file=sys.stderr, flush=True)


def start(argv, name, stdout=None, stderr=None, env=None):
    p = subprocess.Popen(argv, stdout=stdout or subprocess.DEVNULL,
                         stderr=stderr or subprocess.DEVNULL, env=env)
    p.bench_name = name
    PROCS.append(p)
    return p


def stop(p, sig=signal.SIGTERM, wait=10):
    if p.poll() is None:
        try:
            p.send_signal(sig)
        except ProcessLookupError:
            pass
        try:
            p.wait(wait)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(5)
    if p in PROCS:
        PROCS.remove(p)


def stop_all():
    for p in list(reversed(PROCS)):
        try:
            stop(p, wait=5)
        except Exception:
            pass


atexit.register(stop_all)


def on_signal(signum, frame):
    raise SystemExit(128 + signum)


signal.signal(signal.SIGTERM, on_signal)
signal.signal(signal.SIGINT, on_signal)
signal.signal(signal.SIGHUP, on_signal)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_for(check, seconds, what):
    end = time.time() + seconds
    while time.time() < end:
        if check():
            return
        time.sleep(0.05)
    raise RuntimeError("timed out waiting for " + what)


def port_open(port):
    try:
        socket.create_connection(("127.0.0.1", port), 0.5).close()
        return True
    except OSError:
        return False


def children(pid):
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def proc_status(pid, key):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


HZ = os.sysconf("SC_CLK_TCK")


def cpu_ticks(pids, reaped=False):
    """user+system CPU of these processes (and of their reaped children:
    CGI programs show up in their parent's cutime/cstime)"""
    t = 0
    for p in pids:
        try:
            with open("/proc/%d/stat" % p) as f:
                v = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        t += int(v[11]) + int(v[12])
        if reaped:
            t += int(v[13]) + int(v[14])
    return t


def ctx_switches(pids):
    v = n = 0
    for p in pids:
        try:
            with open("/proc/%d/status" % p) as f:
                for line in f:
                    if line.startswith("voluntary_ctxt_switches:"):
                        v += int(line.split()[1])
                    elif line.startswith("nonvoluntary_ctxt_switches:"):
                        n += int(line.split()[1])
        except OSError:
            pass
    return v, n


def rss_kib(pids):
    v = [proc_status(p, "VmRSS") for p in pids]
    v = [x for x in v if x is not None]
    if not v:
        return None
    return {"mean": round(sum(v) / len(v)), "max": max(v), "n": len(v)}


def cmd_output(argv):
    try:
        r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=20)
        return r.stdout.decode(errors="replace").strip()
    except Exception as e:
        return "unavailable: %s" % e


def fingerprint(prefix):
    """the binaries under test, so a rebuild in the middle of a run is seen"""
    import hashlib
    out = {}
    for rel in ("sbin/php-fpm", "sbin/php-fpm-scgi", "bin/php-cgi"):
        p = os.path.join(prefix, rel)
        if not os.path.exists(p):
            continue  # a stock prefix has no php-fpm-scgi
        with open(p, "rb") as f:
            out[rel] = hashlib.sha256(f.read()).hexdigest()[:16]
    ext = os.path.join(prefix, "lib", "php", "extensions")
    for root, dirs, files in os.walk(ext):
        if "opcache.so" in files:
            with open(os.path.join(root, "opcache.so"), "rb") as f:
                out["opcache.so"] = hashlib.sha256(f.read()).hexdigest()[:16]
    return out


def cpu_busy(seconds=1.0):
    """how busy the CPUs are without us: other work on the machine makes
    every number here noisier"""
    def snap():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return sum(v), v[3] + v[4], v[1]
    t0, i0, n0 = snap()
    time.sleep(seconds)
    t1, i1, n1 = snap()
    total = max(1, t1 - t0)
    return {"busy": round(1 - (i1 - i0) / total, 3), "busy_niced": round((n1 - n0) / total, 3)}


def loadavg():
    with open("/proc/loadavg") as f:
        return f.read().split()[:3]


# --------------------------------------------------------------------------
# the scratch tree: docroot, request bodies, generated class files

WORKLOADS = {
    # name: (script, body file, content type, expected body prefix)
    "hello": ("hello.php", None, None),
    "r100k": ("r100k.php", None, None),
    "r1m": ("r1m.php", None, None),
    "post1m": ("post.php", "body-1m.bin", "application/octet-stream"),
    "upload": ("upload.php", "upload.bin", None),  # content type set below
    "cpu": ("cpu.php", None, None),
    "framework": ("framework.php", None, None),
}
UPLOAD_BOUNDARY = "----benchboundary7MA4YWxkTrZu0gW"
UPLOAD_CTYPE = "multipart/form-data; boundary=" + UPLOAD_BOUNDARY
EXPECT = {
    "hello": lambda b: b == b"Hello, world\n",
    "r100k": lambda b: len(b) == 102400,
    "r1m": lambda b: len(b) == 1048576,
    "post1m": lambda b: b.strip() == b"1048576",
    "upload": lambda b: b.strip() == b"262144 bench",
    "cpu": lambda b: b.startswith(b"6765 "),
    "framework": lambda b: b.count(b"<tr>") == 100,
}


def ctype_of(w):
    return UPLOAD_CTYPE if w == "upload" else WORKLOADS[w][2]


def make_tree(work):
    www = os.path.join(work, "www")
    os.makedirs(os.path.join(www, "fw", "App"))
    for f in os.listdir(os.path.join(HERE, "www")):
        shutil.copy(os.path.join(HERE, "www", f), www)
    # ~100 small classes, each in its own file, a few depending on a base
    # class and an interface, as a framework's would
    fw = os.path.join(www, "fw", "App")
    with open(os.path.join(fw, "ServiceInterface.php"), "w") as f:
        f.write("<?php\nnamespace App;\n\ninterface ServiceInterface\n{\n"
                "\tpublic function handle(string $route, int $i): array;\n}\n")
    with open(os.path.join(fw, "BaseService.php"), "w") as f:
        f.write("<?php\nnamespace App;\n\nabstract class BaseService implements ServiceInterface\n{\n"
                "\tprotected $id;\n\tprotected $options = ['cache' => true, 'ttl' => 60];\n\n"
                "\tpublic function __construct(int $id)\n\t{\n\t\t$this->id = $id;\n\t}\n\n"
                "\tprotected function name(): string\n\t{\n"
                "\t\treturn static::class . '#' . $this->id;\n\t}\n}\n")
    for i in range(100):
        with open(os.path.join(fw, "Service%03d.php" % i), "w") as f:
            f.write("<?php\nnamespace App;\n\nfinal class Service%03d extends BaseService\n{\n"
                    "\tconst WEIGHT = %d;\n\n"
                    "\tpublic function handle(string $route, int $i): array\n\t{\n"
                    "\t\t$v = ($i * self::WEIGHT + strlen($route)) %% 97;\n"
                    "\t\tif ($this->options['cache']) {\n\t\t\t$v += $this->options['ttl'];\n\t\t}\n"
                    "\t\treturn ['name' => $this->name(), 'value' => $v];\n\t}\n}\n" % (i, i + 1))
    with open(os.path.join(work, "body-1m.bin"), "wb") as f:
        f.write(os.urandom(1048576))
    payload = os.urandom(262144)
    with open(os.path.join(work, "upload.bin"), "wb") as f:
        f.write(("--%s\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nbench\r\n"
                 "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data.bin\"\r\n"
                 "Content-Type: application/octet-stream\r\n\r\n" % (UPLOAD_BOUNDARY, UPLOAD_BOUNDARY)).encode())
        f.write(payload)
        f.write(("\r\n--%s--\r\n" % UPLOAD_BOUNDARY).encode())
    # opcache does not cache a script modified less than
    # opcache.file_update_protection (2 s) ago: with fresh mtimes the first
    # requests of whichever variant runs first would be compiled anew each
    # time, which skews that variant's figures (callgrind's lo/hi split
    # above all).  Deployed code is older than that.
    old = time.time() - 3600
    for root, dirs, files in os.walk(www):
        os.chmod(root, 0o755)
        for f in files:
            os.chmod(os.path.join(root, f), 0o644)
            os.utime(os.path.join(root, f), (old, old))
    for f in ("body-1m.bin", "upload.bin"):
        os.chmod(os.path.join(work, f), 0o644)
    return www


# --------------------------------------------------------------------------
# servers


def pool_conf(work, name, sock, n, extra=""):
    user = "user = nobody\n" if os.geteuid() == 0 else ""
    path = os.path.join(work, name + ".conf")
    with open(path, "w") as f:
        f.write("[global]\nerror_log = %s/%s.log\npid = %s/%s.pid\ndaemonize = no\n\n"
                "[%s]\nlisten = %s\nlisten.mode = 0666\n%s"
                "pm = static\npm.max_children = %d\n%s"
                % (work, name, work, name, name, sock, user, n, extra))
    return path


class Pool:
    """one FPM master with one static pool"""

    def __init__(self, work, prefix, binary, name, n, opcache, extra="", wrap=None, env=None):
        self.name = name
        self.sock = os.path.join(work, name + ".sock")
        if os.path.exists(self.sock):
            os.unlink(self.sock)
        conf = pool_conf(work, name, self.sock, n, extra)
        argv = [os.path.join(prefix, "sbin", binary), "-F", "-y", conf]
        if not opcache:
            argv += ["-d", "opcache.enable=0"]
        self.argv = (wrap or []) + argv
        self.proc = start(self.argv, name,
                          stderr=open(os.path.join(work, name + ".stderr"), "ab"), env=env)
        self.n = n
        wait_for(lambda: os.path.exists(self.sock) and len(self.workers()) >= n
                 or self.proc.poll() is not None, 120, name + " to start")
        if self.proc.poll() is not None:
            raise RuntimeError("%s exited; see %s/%s.log" % (name, work, name))

    def workers(self):
        return children(self.proc.pid)

    def stop(self):
        stop(self.proc)


NGINX_PARAMS = [
    # the same parameters for fastcgi_param and scgi_param, in the order of
    # Debian's fastcgi.conf; CONTENT_LENGTH comes first in SCGI on its own
    ("SCRIPT_FILENAME", "$document_root$fastcgi_script_name"),
    ("QUERY_STRING", "$query_string"),
    ("REQUEST_METHOD", "$request_method"),
    ("CONTENT_TYPE", "$content_type"),
    ("SCRIPT_NAME", "$fastcgi_script_name"),
    ("REQUEST_URI", "$request_uri"),
    ("DOCUMENT_URI", "$document_uri"),
    ("DOCUMENT_ROOT", "$document_root"),
    ("SERVER_PROTOCOL", "$server_protocol"),
    ("REQUEST_SCHEME", "$scheme"),
    ("GATEWAY_INTERFACE", "CGI/1.1"),
    ("SERVER_SOFTWARE", "nginx/$nginx_version"),
    ("REMOTE_ADDR", "$remote_addr"),
    ("REMOTE_PORT", "$remote_port"),
    ("SERVER_ADDR", "$server_addr"),
    ("SERVER_PORT", "$server_port"),
    ("SERVER_NAME", "$server_name"),
    ("REDIRECT_STATUS", "200"),
]


def nginx_conf(work, www, ports, socks, n, workers):
    fcgi = "".join("            fastcgi_param %s %s;\n" % kv for kv in
                   [("CONTENT_LENGTH", "$content_length")] + NGINX_PARAMS)
    scgi = "".join("            scgi_param %s %s;\n" % kv for kv in [("SCGI", "1")] + NGINX_PARAMS)
    common = ("        root %s;\n" % www)
    stock = ""
    if "fcgi-stock" in socks:
        # stock php-fpm (without our patches to code php-fpm shares), a new
        # connection per request like nginx-fcgi, and with upstream keepalive
        # in its own pool like nginx-fcgi-ka: php-fpm's best configuration as
        # its users have it
        stock = ("    server {\n        listen 127.0.0.1:%d;\n%s        location ~ \\.php$ {\n"
                 "            fastcgi_pass unix:%s;\n%s        }\n    }\n"
                 % (ports["nginx-fcgi-stock"], common, socks["fcgi-stock"], fcgi))
        stock += ("    upstream php_fpm_stock_keepalive {\n        server unix:%s;\n        keepalive %d;\n    }\n"
                  "    server {\n        listen 127.0.0.1:%d;\n%s        location ~ \\.php$ {\n"
                  "            fastcgi_pass php_fpm_stock_keepalive;\n            fastcgi_keep_conn on;\n"
                  "%s        }\n    }\n"
                  % (socks["fcgi-stock-ka"], n, ports["nginx-fcgi-stock-ka"], common, fcgi))
    path = os.path.join(work, "nginx.conf")
    with open(path, "w") as f:
        f.write("""worker_processes %(workers)d;
error_log %(work)s/nginx-error.log error;
pid %(work)s/nginx.pid;
events { worker_connections 8192; }
http {
    access_log off;
    default_type text/html;
    client_body_temp_path %(work)s/nginx-client_body;
    proxy_temp_path %(work)s/nginx-proxy;
    fastcgi_temp_path %(work)s/nginx-fastcgi;
    uwsgi_temp_path %(work)s/nginx-uwsgi;
    scgi_temp_path %(work)s/nginx-scgi;
    client_max_body_size 64m;
    client_body_buffer_size 2m;
    keepalive_requests 1000000;
    fastcgi_read_timeout 10s;
    scgi_read_timeout 10s;

    upstream php_fpm_keepalive {
        server unix:%(ka)s;
        keepalive %(n)d;
    }

    # the ceiling: nginx answering by itself
    server {
        listen 127.0.0.1:%(p_ceil)d;
        location / { return 200 "Hello, world\\n"; }
    }
    # php-fpm, a new connection per request (nginx's default)
    server {
        listen 127.0.0.1:%(p_fcgi)d;
%(common)s        location ~ \\.php$ {
            fastcgi_pass unix:%(fcgi_sock)s;
%(fcgi)s        }
    }
    # php-fpm with upstream keepalive: kept-alive connections pin workers
    server {
        listen 127.0.0.1:%(p_ka)d;
%(common)s        location ~ \\.php$ {
            fastcgi_pass php_fpm_keepalive;
            fastcgi_keep_conn on;
%(fcgi)s        }
    }
    # php-fpm-scgi
    server {
        listen 127.0.0.1:%(p_scgi)d;
%(common)s        location ~ \\.php$ {
            scgi_pass unix:%(scgi_sock)s;
%(scgi)s        }
    }
%(stock)s}
""" % dict(workers=workers, work=work, n=n, ka=socks["fcgi-ka"], p_ceil=ports["nginx-return200"],
           p_fcgi=ports["nginx-fcgi"], p_ka=ports["nginx-fcgi-ka"], p_scgi=ports["nginx-scgi"],
           common=common, fcgi_sock=socks["fcgi"], scgi_sock=socks["scgi"], fcgi=fcgi, scgi=scgi,
           stock=stock))
    return path


def lighttpd_conf(work, www, prefix, port):
    path = os.path.join(work, "lighttpd.conf")
    # lighttpd opens its error log after dropping root: a directory of its own
    ldir = os.path.join(work, "lighttpd")
    os.makedirs(os.path.join(ldir, "upload"), exist_ok=True)
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        for d in (ldir, os.path.join(ldir, "upload")):
            os.chown(d, nobody.pw_uid, nobody.pw_gid)
    user = ('server.username = "nobody"\nserver.groupname = "%s"\n'
            % _nogroup()) if os.geteuid() == 0 else ""
    with open(path, "w") as f:
        f.write("""server.modules = ("mod_cgi", "mod_setenv")
server.document-root = "%(www)s"
server.bind = "127.0.0.1"
server.port = %(port)d
server.pid-file = "%(work)s/lighttpd.pid"
server.errorlog = "%(work)s/lighttpd/error.log"
server.max-connections = 2048
server.max-fds = 8192
server.max-keep-alive-requests = 100000
server.upload-dirs = ( "%(work)s/lighttpd/upload" )
%(user)s
# php-cgi as a real CGI program: one fork+exec per request
cgi.assign = ( ".php" => "%(cgi)s" )
setenv.add-environment = ( "REDIRECT_STATUS" => "200" )
""" % dict(www=www, port=port, work=work, user=user, cgi=os.path.join(prefix, "bin", "php-cgi")))
    return path


def _nogroup():
    import grp
    gid = pwd.getpwnam("nobody").pw_gid
    return grp.getgrgid(gid).gr_name


class Servers:
    """every server of one configuration (pool size, opcache, nginx workers)"""

    def __init__(self, ctx, n, opcache, nginx_workers, cgi):
        self.ctx = ctx
        self.n, self.opcache, self.nginx_workers = n, opcache, nginx_workers
        w = ctx.work
        self.pools = {
            "fcgi": Pool(w, ctx.prefix, "php-fpm", "fcgi", n, opcache),
            "fcgi-ka": Pool(w, ctx.prefix, "php-fpm", "fcgi-ka", n, opcache),
            "scgi": Pool(w, ctx.prefix, "php-fpm-scgi", "scgi", n, opcache),
        }
        if ctx.stock_prefix:
            self.pools["fcgi-stock"] = Pool(w, ctx.stock_prefix, "php-fpm", "fcgi-stock", n, opcache)
            self.pools["fcgi-stock-ka"] = Pool(w, ctx.stock_prefix, "php-fpm", "fcgi-stock-ka", n, opcache)
        self.rss_idle = {k: rss_kib(p.workers()) for k, p in self.pools.items()}
        self.ports = {v: free_port() for v in
                      ("nginx-return200", "nginx-fcgi", "nginx-fcgi-ka", "nginx-scgi")
                      + (("nginx-fcgi-stock", "nginx-fcgi-stock-ka") if ctx.stock_prefix else ())}
        socks = {k: p.sock for k, p in self.pools.items()}
        conf = nginx_conf(w, ctx.www, self.ports, socks, n, nginx_workers)
        self.nginx = start(["nginx", "-p", w, "-c", conf, "-g", "daemon off;"], "nginx",
                           stderr=open(os.path.join(w, "nginx.stderr"), "ab"))
        for p in self.ports.values():
            wait_for(lambda: port_open(p) or self.nginx.poll() is not None, 20, "nginx")
        if self.nginx.poll() is not None:
            raise RuntimeError("nginx exited; see %s/nginx-error.log" % w)
        self.lighttpd = None
        if cgi:
            self.ports["cgi"] = free_port()
            conf = lighttpd_conf(w, ctx.www, ctx.prefix, self.ports["cgi"])
            self.lighttpd = start(["lighttpd", "-D", "-f", conf], "lighttpd",
                                  stderr=open(os.path.join(w, "lighttpd.stderr"), "ab"))
            wait_for(lambda: port_open(self.ports["cgi"]) or self.lighttpd.poll() is not None,
                     20, "lighttpd")
            if self.lighttpd.poll() is not None:
                raise RuntimeError("lighttpd exited; see %s/lighttpd.stderr" % w)

    def stop(self):
        if self.lighttpd:
            stop(self.lighttpd)
        stop(self.nginx, signal.SIGQUIT)
        for p in self.pools.values():
            p.stop()

    def pool_of(self, variant):
        return {"nginx-fcgi": "fcgi", "nginx-fcgi-ka": "fcgi-ka", "nginx-scgi": "scgi",
                "nginx-fcgi-stock": "fcgi-stock", "nginx-fcgi-stock-ka": "fcgi-stock-ka",
                "direct-fcgi": "fcgi", "direct-scgi": "scgi"}.get(variant)

    def http_get(self, variant, path, body=None, ctype=None):
        c = http.client.HTTPConnection("127.0.0.1", self.ports[variant], timeout=30)
        headers = {"Content-Type": ctype} if ctype else {}
        c.request("POST" if body is not None else "GET", path, body=body, headers=headers)
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, data


# --------------------------------------------------------------------------
# load


def nginx_error_lines(work):
    try:
        with open(os.path.join(work, "nginx-error.log"), "rb") as f:
            return f.read().count(b"\n")
    except OSError:
        return 0


def run_wrk(ctx, port, path, conc, seconds, workload):
    env = dict(os.environ)
    body = WORKLOADS[workload][1]
    env["WRK_BODY_FILE"] = os.path.join(ctx.work, body) if body else ""
    env["WRK_CONTENT_TYPE"] = ctype_of(workload) or ""
    argv = ["wrk", "-t1", "-c%d" % conc, "-d%ds" % seconds, "--timeout", "5s",
            "-s", os.path.join(HERE, "wrk-json.lua"), "http://127.0.0.1:%d%s" % (port, path)]
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                       timeout=seconds + 60)
    out = r.stdout.decode(errors="replace")
    m = re.search(r"^WRKJSON (.*)$", out, re.M)
    if not m:
        raise RuntimeError("wrk gave no summary: " + out[-500:])
    j = json.loads(m.group(1))
    errors = j["errors_connect"] + j["errors_read"] + j["errors_write"] + j["errors_status"] + j["errors_timeout"]
    return {"tool": "wrk", "requests": j["requests"], "errors": errors,
            "errors_detail": {k[7:]: j[k] for k in j if k.startswith("errors_") and j[k]},
            "rps": j["requests"] / (j["duration_us"] / 1e6) if j["duration_us"] else 0,
            "p50_us": j["p50_us"], "p99_us": j["p99_us"], "max_us": j["max_us"], "bytes": j["bytes"],
            "argv": " ".join(argv)}


def loadgen_argv(ctx, proto, sock, workload, conc):
    script, body, _ = WORKLOADS[workload]
    argv = [ctx.loadgen, "-P", proto, "-a", sock, "-s", os.path.join(ctx.www, script), "-c", str(conc)]
    if body:
        argv += ["-b", os.path.join(ctx.work, body)]
    if ctype_of(workload):
        argv += ["-T", ctype_of(workload)]
    return argv


def run_loadgen(ctx, proto, sock, workload, conc, seconds=None, requests=None, warmup=0):
    argv = loadgen_argv(ctx, proto, sock, workload, conc)
    argv += ["-d", str(seconds)] if seconds else ["-n", str(requests)]
    if warmup:
        argv += ["-w", str(warmup)]
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=(seconds or 0) + warmup + 120)
    if r.returncode != 0:
        raise RuntimeError("loadgen failed: " + r.stderr.decode(errors="replace"))
    j = json.loads(r.stdout)
    j["argv"] = " ".join(argv)
    return j


def server_pids(srv, variant):
    """the processes that serve this variant, whose CPU time we count"""
    pool = srv.pool_of(variant)
    out = {}
    if pool:
        out["pool"] = srv.pools[pool].workers()
    if variant.startswith("nginx-"):
        out["nginx"] = children(srv.nginx.pid)
    if variant == "cgi":
        out["cgi"] = [srv.lighttpd.pid]
    return out


def run_one(ctx, srv, variant, workload, conc, seconds):
    before = nginx_error_lines(ctx.work)
    pids = server_pids(srv, variant)
    t0 = {k: cpu_ticks(v, reaped=(k == "cgi")) for k, v in pids.items()}
    cs0 = ctx_switches(pids.get("pool", []))
    if variant.startswith("direct-"):
        proto = variant[7:]
        res = run_loadgen(ctx, proto, srv.pools[proto].sock, workload, conc, seconds=seconds)
    else:
        path = "/" + WORKLOADS[workload][0] if variant != "nginx-return200" else "/"
        res = run_wrk(ctx, srv.ports[variant], path, conc, seconds, workload)
    res["nginx_error_log_lines"] = nginx_error_lines(ctx.work) - before
    if res["requests"]:
        cpu = {k: (cpu_ticks(v, reaped=(k == "cgi")) - t0[k]) * 1e6 / HZ / res["requests"]
               for k, v in pids.items()}
        cpu["server"] = sum(cpu.values())
        res["cpu_us_per_request"] = {k: round(v, 1) for k, v in cpu.items()}
        if "pool" in pids:
            cs1 = ctx_switches(pids["pool"])
            # a worker that never waits has ~0 voluntary switches per request
            res["pool_switches_per_request"] = {"voluntary": round((cs1[0] - cs0[0]) / res["requests"], 2),
                                                "involuntary": round((cs1[1] - cs0[1]) / res["requests"], 2)}
    pool = srv.pool_of(variant)
    if pool:
        res["rss_after_kib"] = rss_kib(srv.pools[pool].workers())
    return res


# every PHP variant behind nginx, the order of a cell's first round
NGINX_PHP = ["nginx-fcgi", "nginx-fcgi-ka", "nginx-scgi", "nginx-fcgi-stock", "nginx-fcgi-stock-ka"]


def variants_for(workload, plan):
    # the nginx-fcgi-stock variants are dropped by the caller when there is
    # no stock build
    v = list(NGINX_PHP)
    if workload == "hello" and plan.get("ceiling", True):
        v.append("nginx-return200")
    if plan.get("direct", True):
        v += ["direct-fcgi", "direct-scgi"]
    return v


def sanity(ctx, srv, workloads, cgi):
    """every variant answers every workload correctly, and says whether
    opcache is really on in it"""
    report = {"opcache": {}, "failures": []}
    http_variants = ["nginx-fcgi", "nginx-fcgi-ka", "nginx-scgi"] + (["cgi"] if cgi else []) \
        + (["nginx-fcgi-stock", "nginx-fcgi-stock-ka"] if "fcgi-stock" in srv.pools else [])
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


# --------------------------------------------------------------------------
# per-request cost in one worker: callgrind, strace, RSS while streaming


def callgrind_totals(path):
    with open(path) as f:
        for line in f:
            if line.startswith("totals:") or line.startswith("summary:"):
                return int(line.split()[1])
    return None


def callgrind_functions(path, inclusive=False):
    """Ir per function (exclusive, or inclusive), from callgrind_annotate"""
    argv = ["callgrind_annotate", "--threshold=100", "--auto=no"]
    if inclusive:
        argv.append("--inclusive=yes")
    out = subprocess.run(argv + [path], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL).stdout.decode(errors="replace")
    fns = {}
    for line in out.splitlines():
        m = re.match(r"^\s*([\d,]+)\s+\([^)]*\)\s+(\S.*?)\s*(?:\[[^\]]*\])?\s*$", line)
        if not m or "PROGRAM TOTALS" in line:
            continue
        name = re.sub(r"\s*\(\d[\d,]*x\)$", "", m.group(2))
        fn = name.rsplit(":", 1)[-1] if not name.startswith("???:0x") else name
        fns[fn] = fns.get(fn, 0) + int(m.group(1).replace(",", ""))
    return fns


# glibc copies and clears blocks larger than a threshold (between 8 and 32
# KiB under valgrind) with `rep movsb` / `rep stosb`, which callgrind counts
# as one instruction per byte: a 1 MiB memcpy() weighs 1 048 559
# "instructions", as much as 50 hello-world requests, where its vector loop
# is ~0.1 per byte.  Under callgrind the thresholds are raised so every copy
# takes the vector loop and costs in proportion to its size, the same for
# every variant.  (The forked workers keep what ld.so read at the master's
# exec, whatever clear_env does to their environment.)
CALLGRIND_GLIBC_TUNABLES = ("glibc.cpu.x86_rep_movsb_threshold=%d:glibc.cpu.x86_rep_stosb_threshold=%d"
                            % (2 ** 62, 2 ** 62))


def measure_callgrind(ctx, binary, proto, workload, opcache, k_lo=100, k_hi=600, prefix=None, key=None):
    """(Ir of a worker that served k_hi requests - one that served k_lo) /
    (k_hi - k_lo): a worker's own count includes ~20M instructions of
    start-up and shutdown; the difference leaves only requests.  The master
    runs under callgrind, which follows its fork into the one static worker;
    pm.max_requests makes the worker exit, and write its profile, after
    exactly k requests."""
    key = key or proto
    outdir = os.path.join(ctx.work, "callgrind")
    os.makedirs(outdir, exist_ok=True)
    os.chmod(outdir, 0o777)
    files = {}
    for k in (k_lo, k_hi):
        tag = "%s-%s-%s-%d" % (key, workload, "on" if opcache else "off", k)
        wrap = ["valgrind", "--tool=callgrind", "--callgrind-out-file=%s/%s.%%p" % (outdir, tag)]
        pool = Pool(ctx.work, prefix or ctx.prefix, binary, "cg-" + key, 1, opcache,
                    extra="pm.max_requests = %d\n" % k, wrap=wrap,
                    env=dict(os.environ, GLIBC_TUNABLES=CALLGRIND_GLIBC_TUNABLES))
        worker = pool.workers()[0]
        run_loadgen(ctx, proto, pool.sock, workload, 1, requests=k)
        wait_for(lambda: not os.path.exists("/proc/%d" % worker), 120, "callgrind worker to exit")
        pool.stop()
        files[k] = os.path.join(outdir, "%s.%d" % (tag, worker))
    lo, hi = callgrind_totals(files[k_lo]), callgrind_totals(files[k_hi])
    per = (hi - lo) / (k_hi - k_lo)
    f_lo, f_hi = callgrind_functions(files[k_lo]), callgrind_functions(files[k_hi])
    top = sorted(((fn, (f_hi.get(fn, 0) - f_lo.get(fn, 0)) / (k_hi - k_lo)) for fn in f_hi),
                 key=lambda x: -x[1])[:30]
    # inclusive cost of the request path's entry points and of the protocol
    # layer, to see what the SAPI itself spends
    i_lo, i_hi = callgrind_functions(files[k_lo], True), callgrind_functions(files[k_hi], True)
    layer = re.compile(r"^(scgi_|fcgi_|fpm_|sapi_|php_request_|php_execute_script$|init_request_info|"
                       r"php_hash_environment|php_register_variable|cgi_php_|php_module_|zend_activate|"
                       r"zend_deactivate|php_output_end_all|php_fopen_primary_script|compile_file|"
                       r"persistent_compile_file|phar_compile_file|zend_execute_scripts|main$)")
    incl = sorted(((fn, (i_hi.get(fn, 0) - i_lo.get(fn, 0)) / (k_hi - k_lo)) for fn in i_hi
                   if layer.match(fn)), key=lambda x: -x[1])
    return {"binary": binary, "protocol": proto, "key": key, "workload": workload, "opcache": opcache,
            "ir_per_request": round(per), "ir_worker_lo": lo, "ir_worker_hi": hi,
            "requests_lo": k_lo, "requests_hi": k_hi,
            "top_exclusive_ir_per_request": [[fn, round(v)] for fn, v in top if v >= 1],
            "request_path_inclusive_ir_per_request": [[fn, round(v)] for fn, v in incl if v >= 50]}


def measure_strace(ctx, binary, proto, workload, requests, prefix=None, key=None):
    """syscalls per request in the one worker of a static pool: strace -c -f
    -p WORKER around exactly `requests` requests, then a full trace of a few
    requests for the list"""
    key = key or proto
    pool = Pool(ctx.work, prefix or ctx.prefix, binary, "st-" + key, 1, True)
    try:
        worker = pool.workers()[0]
        run_loadgen(ctx, proto, pool.sock, workload, 1, requests=20)  # warm up
        out = os.path.join(ctx.work, "strace-%s-%s.txt" % (key, workload))
        st = start(["strace", "-c", "-f", "-o", out, "-p", str(worker)], "strace",
                   stderr=subprocess.PIPE)
        time.sleep(1.0)
        run_loadgen(ctx, proto, pool.sock, workload, 1, requests=requests)
        time.sleep(0.2)
        stop(st, signal.SIGINT)
        counts = {}
        total = 0
        with open(out) as f:
            for line in f:
                m = re.match(r"^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)\s*$", line)
                if m and m.group(2) != "total":
                    counts[m.group(2)] = int(m.group(1))
                    total += int(m.group(1))
        # the sequence for one request, from a full trace of five
        out2 = os.path.join(ctx.work, "strace-seq-%s-%s.txt" % (key, workload))
        st = start(["strace", "-f", "-s", "0", "-o", out2, "-p", str(worker)], "strace",
                   stderr=subprocess.PIPE)
        time.sleep(1.0)
        run_loadgen(ctx, proto, pool.sock, workload, 1, requests=5)
        time.sleep(0.2)
        stop(st, signal.SIGINT)
        seq = one_request_sequence(out2)
    finally:
        pool.stop()
    return {"binary": binary, "protocol": proto, "key": key, "workload": workload, "requests": requests,
            "syscalls_per_request": round(total / requests, 2),
            "per_request": {k: round(v / requests, 2) for k, v in sorted(counts.items(), key=lambda x: -x[1])},
            "sequence": seq}


def one_request_sequence(path):
    """the syscalls of one warm request: from the third accept() to the
    fourth, in a trace of five requests"""
    lines = []
    with open(path) as f:
        for line in f:
            line = re.sub(r"^\d+\s+", "", line.strip())
            if line.startswith("---") or line.startswith("+++"):
                continue
            lines.append(re.sub(r"\s+", " ", line)[:160])
    acc = [i for i, l in enumerate(lines) if re.match(r"accept4?\(", l)]
    if len(acc) >= 4:
        return lines[acc[2]:acc[3]]
    return lines[:80]


def measure_stream(ctx, binary, proto):
    """worker RSS while streaming a 100 MiB response, sampled every 20 ms"""
    pool = Pool(ctx.work, ctx.prefix, binary, "rs-" + proto, 1, True)
    try:
        worker = pool.workers()[0]
        run_loadgen(ctx, proto, pool.sock, "hello", 1, requests=5)
        idle = proc_status(worker, "VmRSS")
        hwm0 = proc_status(worker, "VmHWM")
        peak = [idle]
        done = threading.Event()

        def sample():
            while not done.is_set():
                v = proc_status(worker, "VmRSS")
                if v:
                    peak[0] = max(peak[0], v)
                time.sleep(0.02)
        t = threading.Thread(target=sample)
        t.start()
        argv = [ctx.loadgen, "-P", proto, "-a", pool.sock, "-s", os.path.join(ctx.www, "stream.php"),
                "-n", "1", "-t", "60"]
        r = json.loads(subprocess.run(argv, stdout=subprocess.PIPE, timeout=120).stdout)
        done.set()
        t.join()
        after = proc_status(worker, "VmRSS")
        hwm = proc_status(worker, "VmHWM")
    finally:
        pool.stop()
    return {"binary": binary, "protocol": proto, "response_bytes": r["bytes"], "errors": r["errors"],
            "seconds": r["duration_s"], "rss_before_kib": idle, "rss_peak_sampled_kib": peak[0],
            "rss_after_kib": after, "vmhwm_before_kib": hwm0, "vmhwm_after_kib": hwm,
            "growth_kib": max(peak[0], hwm or 0) - idle if hwm and hwm > hwm0 else peak[0] - idle}


# --------------------------------------------------------------------------
# plans


def quick_plan(env, stock):
    rounds = int(env.get("BENCH_ROUNDS", 3))
    d = int(env.get("BENCH_DURATION", 2))
    s = int(env.get("BENCH_SHORT", 1))
    others = ["r100k", "post1m", "upload", "cpu", "framework"]
    # the short cells: with a stock build, its keepalive pool stands for
    # php-fpm's best configuration and this tree's keepalive pool is left
    # to the two headline cells, so quick mode stays under 5 minutes
    short = [v for v in NGINX_PHP if not (stock and v == "nginx-fcgi-ka")]
    return {
        "rounds": rounds,
        "phases": [
            {"name": "pool 4, opcache on, nginx 1 worker", "pool": 4, "opcache": True, "nginx_workers": 1,
             "cgi": True,
             "cells": [("hello", 32, d, None), ("r1m", 32, d, None)]
             # the other concurrencies through nginx only: quick mode stays under 5 minutes
             + [("hello", c, s, short) for c in (1, 8, 128)]
             + [(w, 32, s, short) for w in others]
             # CGI needs a few seconds to reach its steady state (32 execs in flight)
             + [("hello", 32, max(d, 3), ["cgi"])]},
            {"name": "pool 4, opcache off, nginx 1 worker", "pool": 4, "opcache": False, "nginx_workers": 1,
             "cgi": False,
             "cells": [("hello", 32, s, short + ["direct-fcgi", "direct-scgi"])]},
            {"name": "pool 4, opcache on, nginx 2 workers", "pool": 4, "opcache": True, "nginx_workers": 2,
             "cgi": False,
             "cells": [("hello", 32, s, short + ["nginx-return200"])]},
        ],
        # opcache off: BENCH=full
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
    return {"rounds": 0, "phases": [],
            "callgrind": [(w, True) for w in workloads],
            "strace": [("hello", 500), ("r1m", 100), ("post1m", 100)],
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
    return {"rounds": rounds, "phases": phases,
            "callgrind": [(w, True) for w in ("hello", "r100k", "post1m", "upload", "framework") if w in workloads
                          or w == "hello"] + [("hello", False)],
            "strace": [("hello", 500), ("r1m", 100), ("post1m", 100), ("upload", 100), ("framework", 200)],
            "stream": True}


# --------------------------------------------------------------------------
# summary: medians, spreads, ratios


def cell_key(r):
    return (r["pool"], r["opcache"], r["nginx_workers"], r["workload"], r["concurrency"])


def summarize(runs):
    cells = {}
    for r in runs:
        cells.setdefault(cell_key(r), {}).setdefault(r["variant"], []).append(r)
    out = []
    for key, variants in sorted(cells.items(), key=lambda kv: (kv[0][0], not kv[0][1], kv[0][2],
                                                               list(WORKLOADS).index(kv[0][3]), kv[0][4])):
        pool, opcache, nw, w, c = key
        vs = {}
        for v, rs in variants.items():
            rps = [x["rps"] for x in rs]
            vs[v] = {"rps": round(statistics.median(rps), 1), "rps_min": round(min(rps), 1),
                     "rps_max": round(max(rps), 1),
                     "p50_us": statistics.median([x["p50_us"] for x in rs]),
                     "p99_us": statistics.median([x["p99_us"] for x in rs]),
                     "errors": sum(x["errors"] for x in rs), "requests": sum(x["requests"] for x in rs),
                     "rounds": len(rs)}
            cpu = [x["cpu_us_per_request"]["server"] for x in rs if x.get("cpu_us_per_request")]
            if cpu:
                vs[v]["cpu_us_per_request"] = round(statistics.median(cpu), 1)
                pool_cpu = [x["cpu_us_per_request"]["pool"] for x in rs
                            if x.get("cpu_us_per_request", {}).get("pool") is not None]
                if pool_cpu:
                    vs[v]["pool_cpu_us_per_request"] = round(statistics.median(pool_cpu), 1)
            sw = [x["pool_switches_per_request"] for x in rs if x.get("pool_switches_per_request")]
            if sw:
                vs[v]["pool_switches_per_request"] = {
                    k: round(statistics.median([x[k] for x in sw]), 2) for k in ("voluntary", "involuntary")}
            cl = [x for x in rs if "client_voluntary_switches_per_request" in x]
            if cl:
                vs[v]["client_switches_per_request"] = {
                    "voluntary": round(statistics.median([x["client_voluntary_switches_per_request"] for x in cl]), 2),
                    "involuntary": round(statistics.median([x["client_involuntary_switches_per_request"] for x in cl]), 2),
                    "cpu_us": round(statistics.median([x["client_cpu_us_per_request"] for x in cl]), 1)}
            rss = [x["rss_after_kib"]["mean"] for x in rs if x.get("rss_after_kib")]
            if rss:
                vs[v]["rss_after_kib"] = max(rss)
        ratios = {}

        def per_round(a, b, metric="rps"):
            def get(x):
                if metric.startswith("cpu:"):
                    return x.get("cpu_us_per_request", {}).get(metric[4:])
                return x[metric]
            ra = {x["round"]: get(x) for x in variants.get(a, []) if get(x) is not None}
            rb = {x["round"]: get(x) for x in variants.get(b, []) if get(x) is not None}
            q = [ra[k] / rb[k] for k in ra if k in rb and rb[k]]
            if not q:
                return None
            return {"median": round(statistics.median(q), 3), "min": round(min(q), 3),
                    "max": round(max(q), 3), "rounds": len(q)}

        fc = [v for v in ("nginx-fcgi", "nginx-fcgi-ka", "nginx-fcgi-stock", "nginx-fcgi-stock-ka") if v in vs and vs[v]["errors"] == 0]
        best = max(fc, key=lambda v: vs[v]["rps"]) if fc else None
        pairs = [("nginx-scgi/nginx-fcgi", "nginx-scgi", "nginx-fcgi"),
                 ("nginx-scgi/nginx-fcgi-ka", "nginx-scgi", "nginx-fcgi-ka"),
                 ("nginx-scgi/nginx-fcgi-stock", "nginx-scgi", "nginx-fcgi-stock"),
                 ("nginx-scgi/nginx-fcgi-stock-ka", "nginx-scgi", "nginx-fcgi-stock-ka"),
                 ("direct-scgi/direct-fcgi", "direct-scgi", "direct-fcgi"),
                 ("nginx-scgi/cgi", "nginx-scgi", "cgi"),
                 ("nginx-return200/nginx-scgi", "nginx-return200", "nginx-scgi")]
        if best:
            pairs.insert(0, ("nginx-scgi/best-fcgi", "nginx-scgi", best))
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
        out.append({"pool": pool, "opcache": opcache, "nginx_workers": nw, "workload": w,
                    "concurrency": c, "variants": vs, "best_fcgi": best, "ratios_rps": ratios,
                    "ratios_p99": p99, "ratios_cpu_per_request": cpu})
    return out


# --------------------------------------------------------------------------
# report: markdown and plots


def fmt_ratio(q):
    if not q:
        return "–"
    return "%.2f× (%.2f–%.2f)" % (q["median"], q["min"], q["max"])


VARIANT_ORDER = ["cgi", "nginx-fcgi-stock", "nginx-fcgi-stock-ka", "nginx-fcgi", "nginx-fcgi-ka", "nginx-scgi", "nginx-return200", "direct-fcgi", "direct-scgi"]


# Student's t, two-sided 95 %, by degrees of freedom
T95 = {1: 12.71, 2: 4.30, 3: 3.18, 4: 2.78, 5: 2.57, 6: 2.45, 7: 2.36, 8: 2.31, 9: 2.26, 10: 2.23,
       12: 2.18, 15: 2.13, 19: 2.09, 24: 2.06, 30: 2.04}


def t95(df):
    # between two listed degrees of freedom, the smaller one's (larger) t:
    # the interval errs on the wide side
    return T95[max(k for k in T95 if k <= df)]


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
            for name in ("nginx-scgi/nginx-fcgi-stock", "nginx-scgi/nginx-fcgi-stock-ka", "nginx-scgi/nginx-fcgi",
                         "nginx-scgi/nginx-fcgi-ka", "nginx-scgi/best-fcgi", "direct-scgi/direct-fcgi"):
                q = [c["ratios_rps"][name]["median"] for c in sel if name in c["ratios_rps"]]
                q = [x for x in q if x > 0]
                if len(q) < 2:
                    continue
                logs = [math.log(x) for x in q]
                mean = statistics.mean(logs)
                half = t95(len(q) - 1) * statistics.stdev(logs) / math.sqrt(len(q))
                out.append({"workload": w, "opcache": opcache, "ratio": name, "cells": len(q),
                            "at_or_above_1": sum(1 for x in q if x >= 1),
                            "geomean": round(math.exp(mean), 3), "ci95": [round(math.exp(mean - half), 3),
                                                                           round(math.exp(mean + half), 3)]})
    return out


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


def write_markdown(path, result):
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
    pivot = pivot_markdown(result["cells"])
    if pivot:
        L += pivot
        L += workload_summary_markdown(result.get("workload_summary") or workload_summary(result["cells"]))
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
    if result.get("rss_idle"):
        L.append("\n## Worker RSS idle (right after start, KiB, mean over workers)\n")
        L.append("| phase | stock php-fpm | stock php-fpm (keepalive pool) | php-fpm | php-fpm (keepalive pool) | php-fpm-scgi |")
        L.append("|---|---|---|---|---|---|")
        for ph, v in result["rss_idle"].items():
            L.append("| %s | %s | %s | %s | %s | %s |" % (ph, (v.get("fcgi-stock") or {}).get("mean"),
                                                    (v.get("fcgi-stock-ka") or {}).get("mean"),
                                                    (v.get("fcgi") or {}).get("mean"),
                                                    (v.get("fcgi-ka") or {}).get("mean"), (v.get("scgi") or {}).get("mean")))
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
    if result.get("stream"):
        L.append("\n## Streaming a 100 MiB response (worker RSS, KiB)\n")
        L.append("| server | bytes | seconds | RSS before | peak sampled | VmHWM after | growth |")
        L.append("|---|---|---|---|---|---|---|")
        for s in result["stream"]:
            L.append("| %s | %d | %.2f | %d | %d | %s | %d |" % (s["binary"], s["response_bytes"], s["seconds"],
                                                               s["rss_before_kib"], s["rss_peak_sampled_kib"],
                                                               s["vmhwm_after_kib"], s["growth_kib"]))
    if result.get("plots"):
        L.append("\n## Plots\n")
        for p in result["plots"]:
            L.append("![%s](%s)" % (p, p))
    with open(path, "w") as f:
        f.write("\n".join(L) + "\n")


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
    return written


# --------------------------------------------------------------------------


class Ctx:
    pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--prefix")
    ap.add_argument("--loadgen")
    ap.add_argument("--work")
    ap.add_argument("--results")
    ap.add_argument("--mode", default="quick", choices=["quick", "full", "profile"])
    ap.add_argument("--command", default="")
    ap.add_argument("--stock-prefix", help="php-fpm built without our patches to shared code (tools/build-stock.sh)")
    ap.add_argument("--markdown-from", help="only write the .md of an existing results .json again")
    a = ap.parse_args()
    if a.markdown_from:
        with open(a.markdown_from) as f:
            result = json.load(f)
        write_markdown(a.markdown_from[:-len(".json")] + ".md", result)
        return
    if not (a.prefix and a.loadgen and a.work and a.results):
        ap.error("--prefix, --loadgen, --work and --results are needed for a run")
    nice = os.environ.get("BENCH_NICE")
    if nice:
        # every server and client we start inherits it: other work on the
        # machine then disturbs the measurements less
        os.setpriority(os.PRIO_PROCESS, 0, int(nice))
    ctx = Ctx()
    ctx.prefix, ctx.loadgen, ctx.work = os.path.abspath(a.prefix), a.loadgen, a.work
    ctx.stock_prefix = None
    if a.stock_prefix:
        if not os.access(os.path.join(a.stock_prefix, "sbin", "php-fpm"), os.X_OK):
            raise SystemExit("bench: %s/sbin/php-fpm missing; run make stock" % a.stock_prefix)
        ctx.stock_prefix = os.path.abspath(a.stock_prefix)
    ctx.www = make_tree(ctx.work)
    plan = {"quick": quick_plan, "full": full_plan, "profile": profile_plan}[a.mode](os.environ, ctx.stock_prefix is not None)
    plan["stock"] = ctx.stock_prefix is not None
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    os.makedirs(a.results, exist_ok=True)

    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    meta = {"timestamp": stamp, "mode": a.mode, "rounds": plan["rounds"], "cpus": os.cpu_count(), "cpu": cpu,
            "kernel": platform.release(), "prefix": ctx.prefix, "command": a.command,
            "versions": {"php": cmd_output([os.path.join(ctx.prefix, "bin", "php"), "-v"]).splitlines()[0],
                         "nginx": cmd_output(["nginx", "-v"]), "lighttpd": cmd_output(["lighttpd", "-v"]),
                         "wrk": cmd_output(["wrk", "-v"]).splitlines()[0], "valgrind": cmd_output(["valgrind", "--version"]),
                         "strace": cmd_output(["strace", "-V"]).splitlines()[0]},
            "opcache_seen": {}, "sanity_failures": [],
            "binaries": fingerprint(ctx.prefix), "stock_prefix": ctx.stock_prefix,
            "stock_binaries": fingerprint(ctx.stock_prefix) if ctx.stock_prefix else None, "nice": os.getpriority(os.PRIO_PROCESS, 0), "cpu_busy_before": cpu_busy(), "loadavg_before": loadavg()}
    if meta["cpu_busy_before"]["busy"] > 0.15:
        log("WARNING: the CPUs are %.0f%% busy before we start (%.0f%% by niced processes); results will be noisy"
            % (100 * meta["cpu_busy_before"]["busy"], 100 * meta["cpu_busy_before"]["busy_niced"]))
    result = {"meta": meta, "runs": [], "rss_idle": {}, "callgrind": [], "strace": [], "stream": []}

    for phase in plan["phases"]:
        log("phase:", phase["name"])
        srv = Servers(ctx, phase["pool"], phase["opcache"], phase["nginx_workers"], phase["cgi"])
        try:
            result["rss_idle"][phase["name"]] = srv.rss_idle
            wl = sorted({c[0] for c in phase["cells"]}, key=list(WORKLOADS).index)
            san = sanity(ctx, srv, wl, phase["cgi"])
            meta["opcache_seen"][phase["name"]] = san["opcache"]
            meta["sanity_failures"] += ["%s: %s" % (phase["name"], f) for f in san["failures"]]
            for rnd in range(plan["rounds"]):
                t = time.time()
                for (w, c, secs, only) in phase["cells"]:
                    vs = [v for v in (only or variants_for(w, plan))
                          if not v.startswith("nginx-fcgi-stock") or plan["stock"]]
                    k = rnd % len(vs)
                    for v in vs[k:] + vs[:k]:
                        res = run_one(ctx, srv, v, w, c, secs)
                        res.update({"phase": phase["name"], "pool": phase["pool"], "opcache": phase["opcache"],
                                    "nginx_workers": phase["nginx_workers"], "workload": w, "concurrency": c,
                                    "variant": v, "round": rnd, "seconds": secs})
                        result["runs"].append(res)
                log("  round %d done in %.0f s" % (rnd + 1, time.time() - t))
        finally:
            srv.stop()

    # (binary, protocol, prefix, key): stock php-fpm first when there is one
    builds = ([("php-fpm", "fcgi", ctx.stock_prefix, "fcgi-stock")] if ctx.stock_prefix else []) \
        + [("php-fpm", "fcgi", ctx.prefix, "fcgi"), ("php-fpm-scgi", "scgi", ctx.prefix, "scgi")]
    for w, oc in plan["callgrind"]:
        log("callgrind:", w, "opcache", "on" if oc else "off")
        for binary, proto, prefix, key in builds:
            result["callgrind"].append(measure_callgrind(ctx, binary, proto, w, oc, prefix=prefix, key=key))
    for w, n in plan["strace"]:
        log("strace:", w)
        for binary, proto, prefix, key in builds:
            result["strace"].append(measure_strace(ctx, binary, proto, w, n, prefix=prefix, key=key))
    if plan["stream"]:
        log("streaming 100 MiB")
        for binary, proto in (("php-fpm", "fcgi"), ("php-fpm-scgi", "scgi")):
            result["stream"].append(measure_stream(ctx, binary, proto))

    result["cells"] = summarize(result["runs"])
    result["workload_summary"] = workload_summary(result["cells"])
    meta["elapsed_s"] = round(time.time() - T0, 1)
    meta["loadavg_after"] = loadavg()
    meta["binaries_changed_during_run"] = fingerprint(ctx.prefix) != meta["binaries"]
    if meta["binaries_changed_during_run"]:
        log("WARNING: the binaries under test changed during the run (a rebuild?); do not trust this run")
    plotdir = os.path.join(a.results, stamp)
    os.makedirs(plotdir, exist_ok=True)
    result["plots"] = [os.path.join(stamp, p) for p in write_plots(plotdir, "plot", result["cells"])]
    # every single run apart, compressed: a sweep has thousands (a few MiB
    # of JSON); the cells and summaries above are computed from them
    result["runs_file"] = os.path.join(stamp, "runs.json.gz")
    with gzip.open(os.path.join(a.results, result["runs_file"]), "wt") as f:
        json.dump(result.pop("runs"), f, separators=(",", ":"))
    jpath = os.path.join(a.results, stamp + ".json")
    with open(jpath, "w") as f:
        json.dump(result, f, indent=1, sort_keys=False)
    mpath = os.path.join(a.results, stamp + ".md")
    write_markdown(mpath, result)
    log("results: %s, %s, plots in %s" % (jpath, mpath, plotdir))
    print_headline(result)


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
    for s in result["stream"]:
        print("stream 100 MiB %s: worker RSS growth %d KiB" % (s["binary"], s["growth_kib"]))
    print("elapsed %.0f s" % result["meta"]["elapsed_s"])
    if result["meta"]["binaries_changed_during_run"]:
        print("WARNING: binaries changed during the run")


if __name__ == "__main__":
    main()
