#!/usr/bin/env python3
"""Faults under load: killed workers, reloads, recycling, runaway and crashing
scripts, overload, clients that never read, oversized posts, data leaking
between requests, and a pool host lost behind an nginx upstream.

    SCGI_TOP=. SCGI_PREFIX=build/prefix python3 tests/faults/run.py

One line per check: "PASS: faults NAME: numbers", "FAIL: faults NAME: why",
"SKIP: faults NAME: why".  FAULTS_CHECKS="kill9 reload" runs a subset;
FAULTS_KEEP=1 keeps the temp dir (configs, logs); FAULTS_FPM picks another
binary.  Exit status 1 when a check failed.

Traffic is tests/lib/scgi_client.py speaking SCGI straight to the pool's
unix socket (HTTP through nginx for the netns check).  Everything lives in
one temp dir; see harness.py for how what is started here is stopped.
"""
import os
import signal
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "lib"))

import docroot  # noqa: E402
import harness  # noqa: E402
import check_workers, check_scripts, check_overload, check_isolation, check_netns  # noqa: E402

CHECKS = {}
for module in (check_workers, check_scripts, check_overload, check_isolation, check_netns):
    CHECKS.update(module.CHECKS)
DEFAULT = "kill9 reload maxreq forever crash backlog noread postmax isolation netns"


def on_signal(signum, _frame):
    # unwinds through main()'s finally: what was started here is stopped
    sys.exit(128 + signum)


def main():
    top = os.environ.get("SCGI_TOP") or os.path.abspath(os.path.join(HERE, "..", ".."))
    prefix = os.environ.get("SCGI_PREFIX") or os.path.join(top, "build", "prefix")
    fpm = os.environ.get("FAULTS_FPM") or os.path.join(prefix, "sbin", "php-fpm-scgi")
    names = os.environ.get("FAULTS_CHECKS", DEFAULT).split()
    unknown = [c for c in names if c not in CHECKS]
    if unknown:
        print("FAIL: faults setup: unknown checks %s (known: %s)" % (" ".join(unknown), DEFAULT))
        return 1
    if not os.access(fpm, os.X_OK):
        print("FAIL: faults setup: %s missing (build first)" % fpm)
        return 1
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, on_signal)
    run = harness.Run(top, prefix, fpm, os.environ.get("FAULTS_KEEP") == "1")
    try:
        docroot.write(run.docroot, run.tmp)
        for name in names:
            try:
                CHECKS[name](run)
            except Exception as e:  # a bug here must not hide the other checks
                traceback.print_exc()
                harness.failed(name, "the check itself broke: %s: %s" % (e.__class__.__name__, e))
        return 1 if harness.FAILED[0] else 0
    finally:
        run.cleanup()


if __name__ == "__main__":
    sys.exit(main())
