#!/bin/sh
# FPM's own tests (sapi/fpm/tests) on our tree: php-fpm must behave exactly
# as on pristine upstream with Debian's fixes (see upstream/fpm-tests-baseline).
set -u
. "$SCGI_TOP/tests/lib/phpt.sh"
run_phpt sapi/fpm/tests
