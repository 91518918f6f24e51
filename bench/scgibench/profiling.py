"""Per request in one worker, independent of the machine's load:
instructions (callgrind), syscalls (strace), and RSS while streaming."""

import json
import os
import re
import signal
import subprocess
import threading
import time

from .load import run_loadgen
from .procfs import proc_status
from .procs import start, stop, wait_for
from .servers import Pool


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


def strace_counts(lines):
    """syscall -> calls, from the table `strace -c` writes (errors column
    or not; the total line left out)"""
    counts = {}
    for line in lines:
        m = re.match(r"^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)\s*$", line)
        if m and m.group(2) != "total":
            counts[m.group(2)] = counts.get(m.group(2), 0) + int(m.group(1))
    return counts


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
        with open(out) as f:
            counts = strace_counts(f)
        total = sum(counts.values())
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
