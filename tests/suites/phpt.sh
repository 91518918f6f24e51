#!/bin/sh
# The phpt tests of sapi/fpm-scgi (its own, and FPM's own tests run over
# SCGI), through PHP's run-tests.php, as `make test` runs them in the tree;
# and PHP's tests/basic (request start-up, $_GET/$_POST/$_FILES parsing over
# php-cgi), which cover main/rfc1867.c that patches/0012 changes.
set -u
. "$SCGI_TOP/tests/lib/phpt.sh"
run_phpt sapi/fpm-scgi/tests tests/basic
