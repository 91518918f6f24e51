"""The servers of one configuration (pool size, opcache, nginx workers),
started from generated configs and stopped by PID together."""

import http.client
import os
import signal

from .configs import lighttpd_conf, nginx_conf, pool_conf
from .procfs import children, rss_kib
from .variants import POOL_OF
from .procs import free_port, port_open, start, stop, wait_for


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
        return POOL_OF.get(variant)

    def http_get(self, variant, path, body=None, ctype=None):
        c = http.client.HTTPConnection("127.0.0.1", self.ports[variant], timeout=30)
        headers = {"Content-Type": ctype} if ctype else {}
        c.request("POST" if body is not None else "GET", path, body=body, headers=headers)
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, data
