#!/bin/sh
# Configure (only when needed), build and install the assembled tree.
#
#   tools/build.sh TREE PREFIX
#
# buildconf runs when a config*.m4 or build/*.m4 changed, configure when
# configure or the options changed; make does the rest incrementally.
# SANITIZE=1 builds with ASan+UBSan (use another BUILD dir for it);
# PHP_SCGI_STOCK=1 leaves php-fpm-scgi out (tools/build-stock.sh).
set -eu

tree=${1:?usage: build.sh TREE PREFIX}
prefix=${2:?usage: build.sh TREE PREFIX}
jobs=${JOBS:-$(nproc)}
stamps="$tree/.scgi"

say() { echo "build: $*" >&2; }

if command -v ccache >/dev/null; then
	export CCACHE_DIR="${CCACHE_DIR:-${PHP_SCGI_CACHE:-/var/cache/php-fpm-scgi}/ccache}"
	export CCACHE_BASEDIR="$tree"
	export CCACHE_NOHASHDIR=1
	cc="ccache ${CC:-gcc}"
	# ext/intl is C++: without this every fresh build compiles it again
	cxx="ccache ${CXX:-g++}"
else
	cc="${CC:-gcc}"
	cxx="${CXX:-g++}"
fi

cflags="-O2 -g"
ldflags=""
if [ "${SANITIZE:-0}" = 1 ]; then
	cflags="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined"
	ldflags="-fsanitize=address,undefined"
	# the build runs its own php (phar.phar): PHP frees its arenas at exit
	# in bulk, which LeakSanitizer would report as leaks
	export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
fi

# Debian 12: libsystemd-dev gives --with-fpm-systemd (Type=notify units),
# libacl1-dev --with-fpm-acl (listen.acl_users / listen.acl_groups).
systemd=
pkg-config --exists libsystemd 2>/dev/null && systemd=--with-fpm-systemd
acl=--with-fpm-acl=no
[ -f /usr/include/sys/acl.h ] && acl=--with-fpm-acl

fpm_scgi=--enable-fpm-scgi
[ "${PHP_SCGI_STOCK:-0}" = 1 ] && fpm_scgi=

options="--prefix=$prefix --with-config-file-path=$prefix/etc --with-config-file-scan-dir=$prefix/etc/conf.d
	--enable-fpm $fpm_scgi $systemd $acl
	--enable-cgi --enable-cli --disable-phpdbg
	--enable-opcache --enable-mbstring --enable-intl --enable-calendar --enable-bcmath
	--enable-pcntl --enable-sockets --enable-exif --with-zlib --with-openssl --with-curl
	--with-pdo-sqlite --with-sqlite3 --with-zip --enable-gd
	--with-mysqli --with-pdo-mysql"

m4_id=$(cd "$tree" && cat configure.ac build/*.m4 $(find ext sapi Zend -name 'config*.m4' | LC_ALL=C sort) | sha256sum | cut -d' ' -f1)
if [ ! -x "$tree/configure" ] || [ "$(cat "$stamps/buildconf" 2>/dev/null)" != "$m4_id" ]; then
	say "buildconf"
	(cd "$tree" && ./buildconf --force > "$stamps/buildconf.log" 2>&1) || { tail -20 "$stamps/buildconf.log" >&2; exit 1; }
	echo "$m4_id" > "$stamps/buildconf"
fi

conf_id=$( (cat "$tree/configure"; echo "$options $cc $cxx $cflags $ldflags") | sha256sum | cut -d' ' -f1)
if [ ! -f "$tree/Makefile" ] || [ "$(cat "$stamps/configure" 2>/dev/null)" != "$conf_id" ]; then
	say "configure"
	rm -f "$stamps/configure"
	# shellcheck disable=SC2086
	(cd "$tree" && CC="$cc" CXX="$cxx" CFLAGS="$cflags" LDFLAGS="$ldflags" \
		./configure $options > "$stamps/configure.log" 2>&1) || {
		tail -30 "$stamps/configure.log" >&2
		say "configure failed; the whole log is $stamps/configure.log"
		exit 1
	}
	# PHP's makefiles have no header dependencies: after a new php_config.h
	# only a clean build is sure to use it (ccache keeps it cheap)
	[ -f "$stamps/made" ] && (cd "$tree" && make clean > /dev/null 2>&1)
	echo "$conf_id" > "$stamps/configure"
fi

say "make -j$jobs"
(cd "$tree" && make -j"$jobs" > "$stamps/make.log" 2>&1) || {
	grep -E 'error|Error' "$stamps/make.log" | head -30 >&2
	say "make failed; the whole log is $stamps/make.log"
	exit 1
}
touch "$stamps/made"
(cd "$tree" && make install > "$stamps/install.log" 2>&1) || {
	tail -20 "$stamps/install.log" >&2
	exit 1
}
# opcache is a shared zend_extension; an ini next to the binaries loads it
mkdir -p "$prefix/etc/conf.d"
[ -f "$prefix/etc/conf.d/10-opcache.ini" ] || echo "zend_extension=opcache.so" > "$prefix/etc/conf.d/10-opcache.ini"
say "installed into $prefix"
