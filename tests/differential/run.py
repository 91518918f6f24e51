#!/usr/bin/env python3
"""Differential: the same requests through each web server to php-fpm
(FastCGI) and to php-fpm-scgi (SCGI), compared.

    SCGI_TOP=. SCGI_PREFIX=build/prefix python3 tests/differential/run.py

What the script sees ($_SERVER, $_GET, $_POST, $_COOKIE, $_FILES,
php://input, getallheaders(), dumped by docroot/probe.php) and what the
client gets (status, headers, body) must be the same on both paths, except
for what tests/differential/allowed-differences lists.  One line per
(web server variant, request): "PASS: differential SERVER REQUEST", or
"FAIL: ...: N differences" followed by the differences, indented.

DIFF_SERVERS="nginx lighttpd" runs some variants (nginx, nginx-unbuffered,
nginx-h2, nginx-override, apache-handler, apache-proxy, lighttpd);
DIFF_ONLY="cookie-*" runs the requests whose names match; DIFF_KEEP=1
keeps the temp dir (configs, logs); DIFF_DUMP=DIR writes every view there
as DIR/VARIANT/REQUEST.{fcgi,scgi}.json."""
import fnmatch
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.environ.get("SCGI_TOP") or os.path.join(HERE, "..", ".."))
PREFIX = os.path.abspath(os.environ.get("SCGI_PREFIX") or os.path.join(TOP, "build", "prefix"))
sys.path.insert(0, os.path.join(TOP, "tests", "lib"))
sys.path.insert(0, HERE)

import compare      # noqa: E402
import corpus       # noqa: E402
import servers      # noqa: E402
import transport    # noqa: E402

VARIANTS = {"nginx": ["nginx", "nginx-unbuffered", "nginx-h2", "nginx-override"],
            "apache": ["apache-handler", "apache-proxy"],
            "lighttpd": ["lighttpd"]}
START = {"nginx": servers.start_nginx, "apache": servers.start_apache, "lighttpd": servers.start_lighttpd}
TAG = {"nginx-unbuffered": "chunked", "nginx-h2": "h2", "nginx-override": "override"}


def out(line):
    print(line, flush=True)


def requests_for(variant):
    only = os.environ.get("DIFF_ONLY", "*").split()
    for name, req, tags in corpus.CORPUS:
        if not any(fnmatch.fnmatchcase(name, p) for p in only):
            continue
        tags = tags.split() + (["chunked"] if "chunks" in req else [])
        if variant in TAG and TAG[variant] not in tags:
            continue
        yield name, req


def port_names(st, sapi, front):
    """What names this path's own port or socket, longest first."""
    return [(st.sock[sapi], "{socket}"), (str(front), "{port}"), (str(st.tcp[sapi]), "{backend-port}")]


def run_variant(st, variant, ports, allowed):
    for name, req in requests_for(variant):
        views = {}
        for sapi in servers.SAPIS:
            try:
                resp = transport.send(req, ports[sapi], http2=variant == "nginx-h2")
            except (OSError, ValueError, subprocess.SubprocessError) as e:
                resp = {"status": 0, "reason": "%s: %s" % (type(e).__name__, e), "headers": [],
                        "body": b"", "interim": []}
            views[sapi] = compare.view(resp)
            if resp["status"] == 0:
                views[sapi]["error"] = resp["reason"]
            if os.environ.get("DIFF_DUMP"):
                d = os.path.join(os.environ["DIFF_DUMP"], variant)
                os.makedirs(d, exist_ok=True)
                with open(os.path.join(d, "%s.%s.json" % (name, sapi)), "w") as f:
                    json.dump(views[sapi], f, indent=1, sort_keys=True, ensure_ascii=False)
        diffs = compare.differences(variant, views["fcgi"], views["scgi"], allowed,
                                    {s: port_names(st, s, ports[s]) for s in servers.SAPIS},
                                    req)
        if "error" in views["fcgi"]:
            diffs.insert(0, ("php-fpm path", "no response: " + views["fcgi"]["error"], None))
        if diffs:
            out("FAIL: differential %s %s: %d difference%s (FastCGI / SCGI)"
                % (variant, name, len(diffs), "" if len(diffs) == 1 else "s"))
            for key, a, b in diffs:
                out("    %-34s php-fpm:      %s" % (key, compare.show(a)))
                out("    %-34s php-fpm-scgi: %s" % ("", compare.show(b)))
        else:
            out("PASS: differential %s %s" % (variant, name))


def check_logs(st):
    """No worker of either backend may have died on a signal."""
    for sapi in servers.SAPIS:
        log = st.path(sapi, "fpm.log")
        try:
            with open(log, errors="replace") as f:
                bad = [l.strip() for l in f if re.search(r"exited on signal|SIGSEGV|core dumped|zend_mm_heap", l)]
        except OSError as e:
            bad = ["cannot read %s: %s" % (log, e)]
        if bad:
            out("FAIL: differential %s no-crash: %s" % (servers.BINARY[sapi], " | ".join(bad[:3])))
        else:
            out("PASS: differential %s no-crash" % servers.BINARY[sapi])


def main():
    allowed = compare.load_allowed(os.path.join(HERE, "allowed-differences"))
    work = tempfile.mkdtemp(prefix="php-fpm-scgi-differential.")
    st = servers.Setup(TOP, PREFIX, work)

    def on_signal(signum, _frame):
        st.procs.stop()
        sys.exit(128 + signum)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    want = os.environ.get("DIFF_SERVERS", "").split()
    try:
        servers.make_docroot(st, os.path.join(HERE, "docroot"))
        why = servers.start_backends(st)
        if why:
            out("FAIL: differential setup: " + why)
            return 1
        for server, variants in VARIANTS.items():
            variants = [v for v in variants if not want or v in want]
            if not variants:
                continue
            try:
                ports = START[server](st, variants)
            except FileNotFoundError as e:
                for v in variants:
                    out("SKIP: differential %s: %s" % (v, e))
                continue
            except RuntimeError as e:
                out("FAIL: differential %s start: %s" % (server, e))
                continue
            for v in variants:
                run_variant(st, v, ports[v], allowed)
        check_logs(st)
        return 0
    finally:
        st.procs.stop()
        if os.environ.get("DIFF_KEEP") == "1":
            sys.stderr.write("differential: kept %s\n" % work)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
