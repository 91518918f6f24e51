"""A pool host lost behind an nginx upstream: two pool hosts in network
namespaces (10.231.X.0/24 veth pairs), nginx balancing over both; one host's
master and workers are killed (-9) under load and nginx must fail over
without losing a request."""
import json
import os
import re
import shutil
import signal
import subprocess
import time

import procs
from harness import Pool, passed, failed, skipped, group_members, read_text
from load import Load, numbers

NGINX_CONF = """daemon off;
worker_processes 1;
error_log {d}/error.log;
pid {d}/nginx.pid;
events {{ worker_connections 256; }}
http {{
    access_log {d}/access.log;
    client_body_temp_path {d}/client_body;
    proxy_temp_path {d}/proxy;
    fastcgi_temp_path {d}/fastcgi;
    uwsgi_temp_path {d}/uwsgi;
    scgi_temp_path {d}/scgi;
    upstream pools {{
        server {h1}:9000 max_fails=1 fail_timeout=30s;
        server {h2}:9000 max_fails=1 fail_timeout=30s;
    }}
    server {{
        listen 127.0.0.1:{port};
        root {docroot};
        location ~ \\.php$ {{
            include scgi_params;
            scgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
            scgi_param SCRIPT_NAME $fastcgi_script_name;
            scgi_pass pools;
            scgi_next_upstream error timeout;
            scgi_connect_timeout 2s;
            scgi_read_timeout 10s;
        }}
    }}
}}
"""


def ip(*args, ns=None):
    """Run `ip ARGS` (in namespace NS); (ok, first line of stderr)."""
    argv = (["ip", "netns", "exec", ns, "ip"] if ns else ["ip"]) + list(args)
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    return r.returncode == 0, (r.stderr.splitlines() or [""])[0]


def free_subnet_pair(tag):
    """X such that 10.231.X.0/24 and 10.231.X+1.0/24 appear in no address
    or route of this host, or None."""
    used = subprocess.run(["ip", "-4", "-o", "addr", "show"], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, universal_newlines=True).stdout
    routes = subprocess.run(["ip", "-4", "route", "show"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, universal_newlines=True).stdout
    for x in list(range((tag % 120) * 2 + 1, 251, 2)) + list(range(1, 251, 2)):
        nets = "(%d|%d)" % (x, x + 1)
        if not re.search(r" 10\.231\.%s\." % nets, used) and \
                not re.search(r"^10\.231\.%s\." % nets, routes, re.M):
            return x
    return None


def timeline_count(st, host, pred):
    return sum(1 for t, h in st["timeline"] if h == host and pred(t))


def check_netns(run):
    """10. two pool hosts in network namespaces behind one nginx upstream"""
    n = "netns"
    if not shutil.which("nginx"):
        return skipped(n, "nginx is not installed")
    if os.geteuid() != 0:
        return skipped(n, "ip netns needs root")
    tag = os.getpid() % 100000
    ns1, ns2, v1, v2 = "fscgi%d-1" % tag, "fscgi%d-2" % tag, "fsv%da" % tag, "fsv%db" % tag
    sub = free_subnet_pair(tag)
    if sub is None:
        return skipped(n, "no free 10.231.x.0/24 subnet")
    ok, err = ip("netns", "add", ns1)
    if not ok:
        return skipped(n, "ip netns not permitted here: " + err)
    run.netnses.append(ns1)
    if not ip("netns", "add", ns2)[0]:
        return failed(n, "ip netns add " + ns2)
    run.netnses.append(ns2)
    for ns, v, a in ((ns1, v1, sub), (ns2, v2, sub + 1)):
        ok, err = ip("link", "add", v, "type", "veth", "peer", "name", v + "p")
        if not ok:
            return skipped(n, "cannot create veth pairs here: " + err)
        run.veths.append(v)
        steps = [(("link", "set", v + "p", "netns", ns), None),
                 (("addr", "add", "10.231.%d.1/24" % a, "dev", v), None),
                 (("link", "set", v, "up"), None),
                 (("addr", "add", "10.231.%d.2/24" % a, "dev", v + "p"), ns),
                 (("link", "set", v + "p", "up"), ns),
                 (("link", "set", "lo", "up"), ns)]
        if not all(ip(*args, ns=where)[0] for args, where in steps):
            return failed(n, "network setup of %s failed" % ns)
    h1, h2 = "10.231.%d.2" % sub, "10.231.%d.2" % (sub + 1)
    pool1 = Pool(run, n + "-h1", h1 + ":9000", "pm = static", "pm.max_children = 3", "env[HOSTID] = h1",
                 "listen.allowed_clients = 10.231.%d.1" % sub)
    pool2 = Pool(run, n + "-h2", h2 + ":9000", "pm = static", "pm.max_children = 3", "env[HOSTID] = h2",
                 "listen.allowed_clients = 10.231.%d.1" % (sub + 1))
    if not pool1.start(["ip", "netns", "exec", ns1]):
        return failed(n, "host 1: " + pool1.why)
    if not pool2.start(["ip", "netns", "exec", ns2]):
        return failed(n, "host 2: " + pool2.why)

    port = procs.free_port()
    ngdir = run.path("nginx")
    os.makedirs(ngdir, exist_ok=True)
    shutil.copy("/etc/nginx/scgi_params", ngdir)
    conf = os.path.join(ngdir, "nginx.conf")
    with open(conf, "w") as f:
        f.write(NGINX_CONF.format(d=ngdir, h1=h1, h2=h2, port=port, docroot=run.docroot))
    error_log = os.path.join(ngdir, "error.log")
    ngx = run.start_process(["nginx", "-p", ngdir, "-e", error_log, "-c", conf], os.path.join(ngdir, "out"))
    for _ in range(50):
        if procs.port_open(port):
            break
        time.sleep(0.1)
    else:
        return failed(n, "nginx did not start: " + " ".join(read_text(error_log).splitlines()[-2:]))

    load = Load("http://127.0.0.1:%d" % port, "/", 30, timeline=True).start()
    time.sleep(3)
    t_kill = time.time()
    m1 = pool1.master
    os.killpg(m1.pid, signal.SIGKILL)
    m1.wait()
    run.forget_group(m1)
    time.sleep(4)
    st = load.finish()
    before = {h: timeline_count(st, h, lambda t: t < t_kill) for h in ("h1", "h2")}
    after1 = timeline_count(st, "h1", lambda t: t > t_kill + 0.5)
    after2 = timeline_count(st, "h2", lambda t: t > t_kill)
    dead = len(group_members(m1.pid))
    log = read_text(error_log)
    up1 = re.escape('upstream: "scgi://' + h1)
    inflight = len(re.findall(r"(?m)^.*(upstream prematurely closed|recv\(\) failed).*" + up1, log))
    refused = len(re.findall(r"(?m)^.*connect\(\) failed.*" + up1, log))
    nums = "%s; before the kill %s, after it h1 %d / h2 %d; %d requests in flight on the killed host and " \
        "%d refused connects, all retried by nginx on h2; %d processes of host 1 left" % (
            numbers(st), json.dumps(before), after1, after2, inflight, refused, dead)
    if st["failed"] != 0 or st["hung_threads"] != 0:
        failed(n, "requests lost in the failover: %s; failures: %s" % (nums, json.dumps(st["failures"][:5])))
    elif after1 != 0 or after2 < 20 or dead != 0:
        failed(n, "failover not as expected: " + nums)
    elif min(before.values()) < 10:
        failed(n, "nginx did not balance over both hosts before the kill: " + nums)
    else:
        passed(n, nums)
    pool2.stop()
    run.stop_process(ngx)


CHECKS = {"netns": check_netns}
