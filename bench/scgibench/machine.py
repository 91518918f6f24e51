"""The machine and the binaries under test, for a run's metadata: what
was measured, on what, and whether a rebuild happened in the middle."""

import hashlib
import os
import platform
import subprocess

from . import procfs


def cmd_output(argv):
    try:
        r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=20)
        return r.stdout.decode(errors="replace").strip()
    except Exception as e:
        return "unavailable: %s" % e


def fingerprint(prefix):
    """the binaries under test, so a rebuild in the middle of a run is seen"""
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


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            return next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        return "?"


def run_meta(ctx, stamp, mode, rounds, command):
    """everything about a run that is known before it starts"""
    return {"timestamp": stamp, "mode": mode, "rounds": rounds, "cpus": os.cpu_count(), "cpu": cpu_model(),
            "kernel": platform.release(), "prefix": ctx.prefix, "command": command,
            "versions": {"php": cmd_output([os.path.join(ctx.prefix, "bin", "php"), "-v"]).splitlines()[0],
                         "nginx": cmd_output(["nginx", "-v"]), "lighttpd": cmd_output(["lighttpd", "-v"]),
                         "wrk": cmd_output(["wrk", "-v"]).splitlines()[0],
                         "valgrind": cmd_output(["valgrind", "--version"]),
                         "strace": cmd_output(["strace", "-V"]).splitlines()[0]},
            "opcache_seen": {}, "sanity_failures": [],
            "binaries": fingerprint(ctx.prefix), "stock_prefix": ctx.stock_prefix,
            "stock_binaries": fingerprint(ctx.stock_prefix) if ctx.stock_prefix else None,
            "nice": os.getpriority(os.PRIO_PROCESS, 0), "cpu_busy_before": procfs.cpu_busy(),
            "loadavg_before": procfs.loadavg()}
