#!/bin/sh
# Real applications from Debian 12's packages (dokuwiki, phpliteadmin) behind
# nginx on php-fpm-scgi and, for comparison, on php-fpm (FastCGI): install,
# log in, create content through the apps' forms with their CSRF tokens,
# view it rendered, search, static assets through the apps' loaders.  See
# tests/apps/run_apps.py.
#
#   SCGI_TOP=. SCGI_PREFIX=build/prefix tests/suites/apps.sh
#
# The .deb files are fetched once with `apt-get download` into
# /var/cache/php-fpm-scgi/apps (APPS_CACHE); later runs are offline.  Without
# network and cache each app prints SKIP with the reason.  Everything else
# lives in one mktemp dir; the script kills what it started by pid.
# APPS_TIMEOUT bounds the run (default 170 s); APPS_KEEP=1 keeps the temp dir;
# APPS_ONLY=dokuwiki runs one app.
set -u

top=${SCGI_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
prefix=${SCGI_PREFIX:-$top/build/prefix}
export SCGI_TOP="$top" SCGI_PREFIX="$prefix"

. "$top/tests/lib/pysuite.sh"

pysuite apps "$top/tests/apps/run_apps.py" "${APPS_TIMEOUT:-170}"
