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

if ! command -v python3 > /dev/null; then
	echo "SKIP: apps: python3 not installed"
	exit 0
fi

pid=""
cleanup() {
	trap - EXIT INT TERM HUP
	# timeout(1) passes the TERM on to run_apps.py, which stops its
	# nginx and php-fpm(-scgi) masters by pid and removes its temp dir
	if [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; then
		wait "$pid" 2>/dev/null
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

bound=${APPS_TIMEOUT:-170}
timeout -k 10 "$bound" python3 "$top/tests/apps/run_apps.py" &
pid=$!
wait "$pid"
status=$?
pid=""
if [ $status -eq 124 ] || [ $status -eq 137 ]; then
	echo "FAIL: apps: did not finish within ${bound}s"
fi
exit $status
