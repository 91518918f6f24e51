#!/bin/sh
# The Debian packages of php-fpm-scgi (packaging/), one Debian release per
# PHP series: php8.2-fpm-scgi on Debian 12's engine, php7.4-fpm-scgi with
# its own engine for Debian 11.  For each series, tests/deb/package.sh
# builds the package (`PHP=X.Y make deb`) and installs and tests it in a
# fresh root of its release.
#
#   tests/suites/deb.sh            (SCGI_TOP: the repository)
#
# DEB_PHP picks the series ("8.2 7.4"); DEB_REUSE=1 and DEB_KEEP=1 as
# tests/deb/package.sh says.
set -u

top=${SCGI_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
rc=0
for phpv in ${DEB_PHP:-8.2 7.4}; do
	echo "deb: --- PHP $phpv"
	DEB_PHP=$phpv "$top/tests/deb/package.sh" || rc=1
done
exit $rc
