"""What the fault checks stand on: one temp dir, pools of real
php-fpm-scgi masters, the processes of this run and their clean-up.

Every master is started in a session (so a process group) of its own and is
stopped by that group; every other process started here is stopped by its
pid; network namespaces and veths made here are deleted at the end.
Nothing is ever signalled by name.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import scgi_client  # noqa: E402


FAILED = [0]    # FAIL lines printed so far


def report(kind, name, why):
    print("%s: faults %s: %s" % (kind, name, why), flush=True)


def passed(name, why):
    report("PASS", name, why)


def failed(name, why):
    FAILED[0] += 1
    report("FAIL", name, why)


def skipped(name, why):
    report("SKIP", name, why)


# ------------------------------------------------------------ /proc
def proc_stat(pid):
    """(state, ppid, pgrp) of a process, or None when it is gone."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            s = f.read()
    except OSError:
        return None
    f = s[s.rindex(")") + 2:].split()
    return f[0], int(f[1]), int(f[2])


def all_pids():
    return [int(d) for d in os.listdir("/proc") if d.isdigit()]


def running(pid):
    """The process exists and is not a zombie waiting to be reaped."""
    st = proc_stat(pid)
    return st is not None and st[0] != "Z"


def children(pid):
    """Sorted pids of the live children of `pid`."""
    out = []
    for p in all_pids():
        st = proc_stat(p)
        if st and st[1] == pid and st[0] != "Z":
            out.append(p)
    return sorted(out)


def group_members(pgid):
    """Pids of the processes (zombies included, as pgrep) in a process group."""
    return [p for p in all_pids() if (proc_stat(p) or (None, None, None))[2] == pgid]


def count(pattern, path):
    """Lines of a file containing `pattern` (0 when there is no file)."""
    try:
        with open(path, errors="replace") as f:
            return sum(1 for line in f if pattern in line)
    except OSError:
        return 0


def read_text(path, limit=None):
    try:
        with open(path, errors="replace") as f:
            return f.read(limit) if limit else f.read()
    except OSError:
        return ""


def wait_until(pred, seconds, step=0.1):
    """pred() became true within `seconds`."""
    end = time.monotonic() + seconds
    while True:
        if pred():
            return True
        if time.monotonic() >= end:
            return False
        time.sleep(step)


# ------------------------------------------------------------ the run
class Run:
    """The temp dir, the binary, and everything started or made here."""

    def __init__(self, top, prefix, fpm, keep):
        self.top, self.prefix, self.fpm, self.keep = top, prefix, fpm, keep
        self.dir = tempfile.mkdtemp(prefix="php-fpm-scgi-faults.")
        os.chmod(self.dir, 0o755)
        self.docroot = os.path.join(self.dir, "docroot")
        self.tmp = os.path.join(self.dir, "tmp")
        self.groups = []    # Popen of the masters (pgid = pid)
        self.procs = []     # Popen of other processes (nginx)
        self.netnses = []
        self.veths = []

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def start_process(self, argv, out_path):
        with open(out_path, "wb") as out:
            p = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.procs.append(p)
        return p

    def stop_process(self, p):
        """TERM, KILL after 3 s; reap."""
        if p.poll() is None:
            try:
                p.terminate()
                p.wait(3)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        if p in self.procs:
            self.procs.remove(p)

    def stop_group(self, p):
        """The master (TERM: it stops its workers), then KILL whatever of its
        process group is left; reap; never signal that group again."""
        if p.poll() is None:
            try:
                os.kill(p.pid, signal.SIGTERM)
            except OSError:
                pass
            wait_until(lambda: not running(p.pid), 5)
        if group_members(p.pid):
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            p.wait(5)
        except subprocess.TimeoutExpired:
            pass
        self.forget_group(p)

    def forget_group(self, p):
        if p in self.groups:
            self.groups.remove(p)

    def cleanup(self):
        for p in list(self.procs):
            self.stop_process(p)
        for p in list(self.groups):
            self.stop_group(p)
        for v in self.veths:
            subprocess.run(["ip", "link", "del", v], stderr=subprocess.DEVNULL)
        for ns in self.netnses:
            subprocess.run(["ip", "netns", "del", ns], stderr=subprocess.DEVNULL)
        self.veths, self.netnses = [], []
        if self.keep:
            sys.stderr.write("faults: kept %s\n" % self.dir)
        else:
            shutil.rmtree(self.dir, ignore_errors=True)


class Pool:
    """One php-fpm-scgi master with pool [www], in RUN.dir/NAME."""

    def __init__(self, run, name, listen, *directives):
        self.run, self.name, self.listen = run, name, listen
        self.dir = run.path(name)
        self.conf = os.path.join(self.dir, "fpm.conf")
        self.log = os.path.join(self.dir, "fpm.log")
        self.php_errors = os.path.join(self.dir, "php_errors.log")
        self.master = None
        self.why = ""
        os.makedirs(self.dir, exist_ok=True)
        os.chmod(self.dir, 0o755)
        run_as = "user = nobody" if os.geteuid() == 0 else "; not root: workers run as the invoking user"
        with open(self.conf, "w") as f:
            f.write("""[global]
error_log = {d}/fpm.log
pid = {d}/fpm.pid
daemonize = no
log_level = notice
process_control_timeout = 10s

[www]
{run_as}
listen = {listen}
listen.mode = 0666
catch_workers_output = yes
rlimit_core = 0
security.limit_extensions = .php
php_admin_value[output_buffering] = 0
php_admin_value[display_errors] = 0
php_admin_value[log_errors] = 1
php_admin_value[error_log] = {d}/php_errors.log
php_admin_value[upload_tmp_dir] = {tmp}
php_admin_value[sys_temp_dir] = {tmp}
php_admin_value[opcache.enable] = 0
""".format(d=self.dir, run_as=run_as, listen=listen, tmp=run.tmp))
            for d in directives:
                f.write(d + "\n")
        open(self.php_errors, "a").close()
        os.chmod(self.php_errors, 0o666)

    @property
    def target(self):
        return self.listen if ":" in self.listen else "unix:" + self.listen

    def start(self, wrapper=()):
        """Start the master in a session of its own (under WRAPPER, e.g.
        `ip netns exec NS`) and wait until it is ready; False and self.why
        when it is not."""
        if os.path.exists(self.log):
            os.unlink(self.log)
        argv = list(wrapper) + [self.run.fpm, "-F", "-y", self.conf, "-c", os.path.join(self.run.prefix, "etc")]
        with open(os.path.join(self.dir, "fpm.out"), "wb") as out:
            self.master = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT,
                                           stdin=subprocess.DEVNULL, start_new_session=True)
        self.run.groups.append(self.master)
        for _ in range(100):
            if "ready to handle connections" in read_text(self.log):
                return True
            if not running(self.master.pid):
                break
            time.sleep(0.1)
        tail = lambda p: " ".join(read_text(p).splitlines()[-3:])
        self.why = "php-fpm-scgi did not start: %s %s" % (tail(self.log), tail(os.path.join(self.dir, "fpm.out")))
        return False

    def stop(self):
        self.run.stop_group(self.master)

    @property
    def pid(self):
        return self.master.pid

    def children(self):
        return children(self.master.pid)

    def wait_children(self, n, seconds):
        return wait_until(lambda: len(self.children()) == n, seconds)

    def count(self, pattern):
        return count(pattern, self.log)

    def req(self, path, query="", body=b"", content_type=None, extra=(), timeout=scgi_client.TIMEOUT):
        """One request to this pool's socket, as scgi_client.request_result."""
        if isinstance(body, str):
            body = body.encode()
        return scgi_client.request_result(self.target, self.run.docroot, path, query, body, content_type,
                                          extra, timeout)


def log_lines(path, regex):
    r = re.compile(regex)
    return [line for line in read_text(path).splitlines() if r.search(line)]
