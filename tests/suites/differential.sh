#!/bin/sh
# Differential: the same corpus of requests through nginx, Apache httpd and
# lighttpd to php-fpm (FastCGI) and to php-fpm-scgi (SCGI), from equivalent
# generated configs on loopback ports; what the script sees and what the
# client gets must match but for tests/differential/allowed-differences.
# See tests/differential/run.py.
#
#   SCGI_TOP=. SCGI_PREFIX=build/prefix tests/suites/differential.sh
#
# DIFF_SERVERS, DIFF_ONLY, DIFF_KEEP: see run.py.  DIFF_TIMEOUT bounds the
# run (default 600 s).
set -u

top=${SCGI_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
prefix=${SCGI_PREFIX:-$top/build/prefix}
export SCGI_TOP="$top" SCGI_PREFIX="$prefix"
. "$top/tests/lib/pysuite.sh"

pysuite differential "$top/tests/differential/run.py" "${DIFF_TIMEOUT:-600}"
