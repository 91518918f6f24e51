#!/bin/sh
# Install the Debian packages that building, running and testing need.
# Only what is missing is installed; nothing is touched when all is there.
set -eu

packages="build-essential autoconf bison re2c pkg-config ccache rsync xz-utils
	libxml2-dev libsqlite3-dev libonig-dev libicu-dev zlib1g-dev libssl-dev
	libsystemd-dev libacl1-dev acl libcurl4-openssl-dev libpng-dev libzip-dev
	nginx-light apache2 lighttpd wrk curl valgrind strace systemd iproute2
	clang libclang-rt-14-dev python3"

missing=
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing Debian packages:$missing" >&2
	echo "deps: install them as root: apt-get install$missing" >&2
	exit 1
fi
echo "deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >&2
