"""The servers of one configuration (pool size, opcache, nginx workers),
started from generated configs and stopped by PID together."""

import http.client
import os
import signal

from .configs import apache_conf, lighttpd_conf, lighttpd_php_conf, nginx_conf, pool_conf
from .procfs import children, rss_kib
from .procs import free_port, port_open, start, stop, wait_for
from .variants import APACHE_PHP, LIGHTTPD_PHP, POOL_OF


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
    """every server of one configuration (pool size, opcache, nginx
    workers): the pools, nginx, and when asked Apache httpd, lighttpd in
    front of the pools, and lighttpd with CGI"""

    def __init__(self, ctx, n, opcache, nginx_workers, cgi, web_servers=("nginx",)):
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
        if "apache" in web_servers:
            self.pools["fcgi-reuse"] = Pool(w, ctx.prefix, "php-fpm", "fcgi-reuse", n, opcache)
        self.rss_idle = {k: rss_kib(p.workers()) for k, p in self.pools.items()}
        socks = {k: p.sock for k, p in self.pools.items()}
        self.ports = {}
        self.nginx = self.apache = self.lighttpd_php = self.lighttpd = None
        nginx_ports = self.new_ports(("nginx-return200", "nginx-fcgi", "nginx-fcgi-ka", "nginx-scgi")
                                     + (("nginx-fcgi-stock", "nginx-fcgi-stock-ka") if ctx.stock_prefix else ()))
        conf = nginx_conf(w, ctx.www, self.ports, socks, n, nginx_workers)
        self.nginx = self.start_web("nginx", ["nginx", "-p", w, "-c", conf, "-g", "daemon off;"], nginx_ports,
                                    "%s/nginx-error.log" % w)
        if "apache" in web_servers:
            ports = self.new_ports(APACHE_PHP)
            conf = apache_conf(w, ctx.www, self.ports, socks, n)
            self.apache = self.start_web("apache2", ["apache2", "-f", conf, "-DFOREGROUND"], ports,
                                         "%s/apache/error.log" % w)
        if "lighttpd" in web_servers:
            ports = self.new_ports(LIGHTTPD_PHP)
            conf = lighttpd_php_conf(w, ctx.www, self.ports, socks)
            self.lighttpd_php = self.start_web("lighttpd-php", ["lighttpd", "-D", "-f", conf], ports,
                                               "%s/lighttpd-php/error.log" % w)
        if cgi:
            ports = self.new_ports(["cgi"])
            conf = lighttpd_conf(w, ctx.www, ctx.prefix, self.ports["cgi"])
            self.lighttpd = self.start_web("lighttpd", ["lighttpd", "-D", "-f", conf], ports,
                                           "%s/lighttpd.stderr" % w)

    def new_ports(self, variants):
        for v in variants:
            self.ports[v] = free_port()
        return [self.ports[v] for v in variants]

    def start_web(self, name, argv, ports, log):
        proc = start(argv, name, stderr=open(os.path.join(self.ctx.work, name + ".stderr"), "ab"))
        for p in ports:
            wait_for(lambda: port_open(p) or proc.poll() is not None, 20, name)
        if proc.poll() is not None:
            raise RuntimeError("%s exited; see %s" % (name, log))
        return proc

    def stop(self):
        for web in (self.lighttpd, self.lighttpd_php, self.apache):
            if web:
                stop(web)
        stop(self.nginx, signal.SIGQUIT)
        for p in self.pools.values():
            p.stop()

    def pool_of(self, variant):
        return POOL_OF.get(variant)

    def web_pids(self, server):
        """the processes of a web server that serve requests: nginx's and
        Apache's children (workers), lighttpd itself"""
        if server == "nginx":
            return children(self.nginx.pid)
        if server == "apache":
            return children(self.apache.pid)
        if server == "lighttpd":
            return [self.lighttpd_php.pid]
        return []

    def http_get(self, variant, path, body=None, ctype=None):
        c = http.client.HTTPConnection("127.0.0.1", self.ports[variant], timeout=30)
        headers = {"Content-Type": ctype} if ctype else {}
        c.request("POST" if body is not None else "GET", path, body=body, headers=headers)
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, data
