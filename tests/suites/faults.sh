#!/bin/sh
# Faults under load: killed workers, reloads, recycling, runaway and crashing
# scripts, overload, clients that never read, oversized posts, data leaking
# between requests, and a pool host lost behind an nginx upstream.  The
# checks are Python (tests/faults/run.py, on the shared client in
# tests/lib/scgi_client.py); they start real masters, send real signals and
# stop what they started by pid.
#
#   SCGI_TOP=. SCGI_PREFIX=build/prefix tests/suites/faults.sh
#
# FAULTS_CHECKS="kill9 reload" runs a subset; FAULTS_KEEP=1 keeps the temp
# dir.  The whole suite takes about a minute.
set -u
top=${SCGI_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
export SCGI_TOP="$top" SCGI_PREFIX="${SCGI_PREFIX:-$top/build/prefix}"
exec python3 "$top/tests/faults/run.py"
