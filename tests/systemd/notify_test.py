#!/usr/bin/env python3
"""sd_notify handshake of a --with-fpm-systemd php-fpm-scgi, without systemd.

The test is the service manager: it binds a datagram socket, starts the
master with NOTIFY_SOCKET pointing at it, and reads what the master says.
Prints PASS:/FAIL: lines; kills only the master it started, by PID.
"""
import os, signal, socket, subprocess, sys, tempfile, time

prefix = os.environ["SCGI_PREFIX"]
work = tempfile.mkdtemp(prefix="scgi-systemd-")
os.chmod(work, 0o755)
sock_path = os.path.join(work, "notify.sock")
notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
notify.bind(sock_path)
notify.settimeout(0.5)

conf = os.path.join(work, "pool.conf")
with open(conf, "w") as f:
    f.write(f"""[global]
error_log = {work}/error.log
pid = {work}/master.pid
daemonize = no
systemd_interval = 1

[www]
listen = {work}/pool.sock
user = nobody
pm = static
pm.max_children = 1
""")

env = dict(os.environ, NOTIFY_SOCKET=sock_path)
master = subprocess.Popen([prefix + "/sbin/php-fpm-scgi", "-F", "-y", conf, "-c", prefix + "/etc"], env=env)
failed = 0


def check(name, ok, detail=""):
    global failed
    print(("PASS: " if ok else "FAIL: ") + "systemd " + name + ("" if ok else ": " + detail))
    failed += 0 if ok else 1


def collect(seconds, want):
    """Messages until `want` is seen in one, or the time is up."""
    seen, deadline = [], time.time() + seconds
    while time.time() < deadline:
        try:
            msg = notify.recv(4096).decode()
        except socket.timeout:
            continue
        seen.append(msg)
        if want in msg:
            break
    return seen


try:
    first = collect(10, "READY=1")
    check("READY=1 after start", any("READY=1" in m for m in first), repr(first))
    status = collect(5, "STATUS=Processes active")
    check("periodic STATUS= with the pool's counters",
          any("STATUS=Processes active" in m for m in status), repr(status))
    master.send_signal(signal.SIGUSR2)
    again = collect(10, "READY=1")
    check("READY=1 again after SIGUSR2 reload", any("READY=1" in m for m in again), repr(again))
    check("master survives the reload", master.poll() is None, "master exited")
finally:
    master.send_signal(signal.SIGQUIT)
    try:
        master.wait(10)
    except subprocess.TimeoutExpired:
        master.kill()
        master.wait()
    notify.close()
sys.exit(1 if failed else 0)
