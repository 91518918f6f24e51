#!/bin/sh
# The phpt tests of sapi/fpm-scgi (its own, and FPM's own tests run over
# SCGI), through PHP's run-tests.php, as `make test` runs them in the tree.
set -u
. "$SCGI_TOP/tests/lib/phpt.sh"
run_phpt sapi/fpm-scgi/tests
