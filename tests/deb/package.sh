#!/bin/sh
# phpX.Y-fpm-scgi as a Debian package (packaging/): `PHP=X.Y make deb`
# builds it in a clean root of its Debian release; this installs it with
# apt into another fresh root of that release (debootstrap minbase, cached
# as a tarball; chroot, as root; no systemd: the daemon starts as the
# unit's ExecStart line says), beside Debian's phpX.Y-fpm, with Debian's
# nginx, Apache, MariaDB, phpX.Y-mysql, -gd, -intl and wordpress, and checks: lintian, what links where, pages through the
# shipped nginx snippet and the Apache conf, php_sapi_name(), OPcache
# really caching, the extensions (and one installed afterwards),
# phpenmod/phpdismod after a reload, logrotate's reopen, the engine (see
# tests/deb/engine-*.sh), phpX.Y-fpm untouched, upgrade keeping a changed
# pool file, WordPress end to end, purge leaving nothing.
#
#   DEB_PHP=8.2 tests/deb/package.sh     (tests/suites/deb.sh runs it per series)
#
# DEB_PHP picks the series (8.2, 7.4); DEB_REUSE=1 skips the build when a
# package is there.  The roots are cached under
# $PHP_SCGI_CACHE/debroot; the suite's own root lives in one temp dir,
# removed at the end with everything it started (by pid).  DEB_KEEP=1 keeps
# it.  Prints how long each phase took.
set -u

top=${SCGI_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$top/tests/lib/net.sh"
phpv=${DEB_PHP:-8.2}
pkg=php$phpv-fpm-scgi
sbin=/usr/sbin/php-fpm-scgi$phpv
etc=/etc/php/$phpv/fpm-scgi
sock=/run/php/$pkg.sock
debroot="$top/packaging/debroot.sh"
# the Debian release, and the engine's checks: Debian's (8.2) or the package's own (7.4)
case "$phpv" in
8.2) suite=bookworm; . "$top/tests/deb/engine-distro.sh" ;;
7.4) suite=bullseye; . "$top/tests/deb/engine-own.sh" ;;
*) echo "SKIP: deb $phpv: no Debian package of php-fpm-scgi for PHP $phpv"; exit 0 ;;
esac

pass() { echo "PASS: deb $phpv: $*"; }
fail() { echo "FAIL: deb $phpv: $*"; }
phase_start=$(date +%s)
phase() { now=$(date +%s); echo "deb: $1 took $((now - phase_start))s"; phase_start=$now; }

# --- can this machine make Debian roots at all?
if [ "$(id -u)" != 0 ]; then
	echo "SKIP: deb: needs root (debootstrap, chroot, mount)"; exit 0
fi
probe=$(mktemp -d)
if ! mount -t proc proc "$probe" 2>/dev/null; then
	rmdir "$probe"
	echo "SKIP: deb: this container may not mount /proc for a chroot"; exit 0
fi
umount "$probe"; rmdir "$probe"
if ! command -v debootstrap >/dev/null && ! apt-get install -y -q debootstrap >/dev/null 2>&1; then
	echo "SKIP: deb: debootstrap is not installed and apt cannot install it"; exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/deb-suite.XXXXXX")
root=$work/root
pids=""
cleanup() {
	trap - EXIT INT TERM HUP
	for p in $pids; do
		kill -TERM "$p" 2>/dev/null
	done
	for p in $pids; do
		i=0
		while kill -0 "$p" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
		kill -KILL "$p" 2>/dev/null
	done
	"$debroot" umount "$root" 2>/dev/null
	if [ "${DEB_KEEP:-0}" = 1 ]; then echo "deb: kept $work"; else rm -rf --one-file-system "$work"; fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# in the root
R() { "$debroot" run "$root" "$@"; }
# start_daemon NAME COMMAND...: in the root, in the background, by pid
start_daemon() {
	name=$1; shift
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8 chroot "$root" "$@" > "$work/$name.out" 2>&1 &
	pids="$pids $!"
	eval "pid_$name=$!"
}
stop_daemon() {
	eval "p=\${pid_$1:-}"
	[ -n "$p" ] || return 0
	kill -TERM "$p" 2>/dev/null
	i=0
	while kill -0 "$p" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	kill -0 "$p" 2>/dev/null && { kill -KILL "$p"; wait "$p" 2>/dev/null; return 1; }
	wait "$p" 2>/dev/null
	return 0
}
# get PORT PATH: the body, with curl's status in $work/status
get() {
	curl -s -o "$work/body" -w '%{http_code}' --max-time 30 "http://127.0.0.1:$1$2" > "$work/status" 2>/dev/null
	cat "$work/body"
}
status() { cat "$work/status"; }
json() { python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {"v": v}))' "$work/body" "$1" 2>/dev/null; }
# reload like the unit's ExecReload (USR2 to the master), then wait until
# the re-executed master says it is ready (until then the old workers may
# still answer) and a page comes back
reload_scgi() {
	log=$root/var/log/$pkg.log
	ready=$(grep -c 'ready to handle connections' "$log" 2>/dev/null)
	kill -USR2 "$(cat "$root/run/php/$pkg.pid")"
	i=0
	while [ $i -lt 100 ]; do
		sleep 0.2
		if [ "$(grep -c 'ready to handle connections' "$log" 2>/dev/null)" -gt "${ready:-0}" ] \
			&& get "$scgi_port" /info.php > /dev/null && [ "$(status)" = 200 ]; then
			return 0
		fi
		i=$((i + 1))
	done
	echo "deb: reload: no new master ready after 20s (ready lines before: $ready, now: $(grep -c 'ready to handle connections' "$log"))"
	return 1
}

# --- the package
# (make's BUILD: ./build for the default series 7.4)
build=$top/build-$phpv
[ "$phpv" = 7.4 ] && build=$top/build
# DEB_REUSE=1: test the package the last make deb left (while working on the tests)
if [ "${DEB_REUSE:-0}" = 1 ] && ls "$build/deb/${pkg}_"*_amd64.deb > /dev/null 2>&1; then
	echo "deb: DEB_REUSE=1: not rebuilding"
elif ! make -C "$top" PHP="$phpv" deb > "$work/make-deb.log" 2>&1; then
	tail -n 30 "$work/make-deb.log"
	fail "make deb: PHP=$phpv make deb failed"
	exit 1
fi
deb=$(ls -t "$build/deb/${pkg}_"*_amd64.deb 2>/dev/null | head -n 1)
if [ -z "$deb" ]; then
	fail "make deb: no ${pkg}_*_amd64.deb in $build/deb"; exit 1
fi
pass "make deb builds $(basename "$deb") ($(stat -c %s "$deb") bytes)"
phase "make deb"
if ! grep -q '^O: ' "$build/deb/lintian.log"; then
	cat "$build/deb/lintian.log"; fail "lintian: no output (the overrides at least show): did it run?"
elif grep -qE '^[EW]: ' "$build/deb/lintian.log"; then
	grep -E '^[EW]: ' "$build/deb/lintian.log"
	fail "lintian: errors or warnings (overrides in packaging/debian/*.lintian-overrides)"
else
	pass "lintian --pedantic: no errors, no warnings ($(grep -cE "^[IP]: " "$build/deb/lintian.log") info/pedantic tags, $(grep -c "^O: " "$build/deb/lintian.log") overridden)"
fi
check_depends "$deb"

# --- a fresh Debian root with Debian's PHP, web server, database (apache2
# for the shipped Apache conf), WordPress and what the engine's checks need
runtime="nginx apache2 php$phpv-fpm php$phpv-mysql php$phpv-gd php$phpv-intl mariadb-server curl logrotate systemd procps $release_runtime"
if ! tarball=$("$debroot" tarball "$suite" "$runtime" 2> "$work/root.log"); then
	tail -n 20 "$work/root.log"
	fail "root: could not make the $suite root"; exit 1
fi
"$debroot" unpack "$tarball" "$root"
"$debroot" mount "$root"
R sh -c 'apt-get -q update && apt-get -q -y dist-upgrade' > "$work/apt-update.log" 2>&1 \
	|| { tail -n 20 "$work/apt-update.log"; fail "root: apt update in the $suite root failed"; exit 1; }
phase "fresh $suite root"

# what php$phpv-fpm is before we come: its files' sums, its conf.d
fpm_state() {
	R sh -c "dpkg -L php$phpv-fpm | while read -r f; do [ -f \"\$f\" ] && md5sum \"\$f\"; done; \
		find /etc/php/$phpv/fpm -printf '%p %l\n' | sort"
}
fpm_state > "$work/fpm-before"
# every file but the volatile ones and what the tests' own daemons make
files_now() {
	R sh -c 'find / -xdev \( -path /proc -o -path /tmp -o -path /run -o -path /var/cache -o -path /var/lib/apt \
		-o -path /var/lib/dpkg -o -path /var/log -o -path /var/lib/mysql -o -path /var/lib/nginx \
		-o -path /var/lib/wordpress -o -path /etc/wordpress -o -path /var/www/scgi-test \
		-o -path /var/lib/logrotate -o -path /var/lib/php/sessions -o -path /etc/nginx/sites-enabled \
		-o -path /etc/apache2/mods-enabled -o -path /var/lib/apache2/module -o -path /var/www/html \) -prune -o -print | sort'
}

# --- install
cp "$deb" "$root/tmp/"
install_engine "$deb" || exit 1
files_now > "$work/files-before"
if R apt-get -q -y install "/tmp/$(basename "$deb")" > "$work/install.log" 2>&1; then
	pass "apt-get install ./$(basename "$deb") in a fresh $suite root"
else
	tail -n 30 "$work/install.log"; fail "install: apt-get install failed"; exit 1
fi
phase "install"

# the engine's API, provided as Debian's own SAPI packages provide it: an
# extension package installed alone is then satisfied by this package
api=$(R dpkg-query -W -f '${Provides}' "php$phpv-fpm" | tr ',' '\n' | grep -o 'phpapi-[0-9]*')
ours=$(R dpkg-query -W -f '${Provides}' "$pkg")
if [ -n "$api" ] && echo "$ours" | tr ',' '\n' | grep -qx " *$api"; then
	pass "Provides: $api, as php$phpv-fpm does"
else
	fail "Provides: '$ours', php$phpv-fpm provides '$api'"
fi

missing=""
for f in "$sbin" "$etc/php.ini" "$etc/php-fpm-scgi.conf" "$etc/pool.d/www.conf" \
	/lib/systemd/system/$pkg.service /etc/logrotate.d/$pkg /usr/share/man/man8/php-fpm-scgi$phpv.8.gz \
	/etc/nginx/snippets/scgi-php.conf /etc/apache2/conf-available/$pkg.conf /usr/lib/php/$phpv/sapi/fpm-scgi; do
	[ -e "$root$f" ] || missing="$missing $f"
done
[ -z "$missing" ] && pass "layout: binary, php.ini, php-fpm-scgi.conf, pool.d/www.conf, unit, logrotate, man page, nginx snippet, Apache conf, SAPI registration" \
	|| fail "layout: missing$missing"
ls "$root$etc/conf.d/" | grep -q 'mysqli.ini' && ls "$root$etc/conf.d/" | grep -q 'opcache.ini' \
	&& pass "postinst enabled PHP $phpv's extensions for fpm-scgi ($(ls "$root$etc/conf.d" | wc -l) in conf.d)" \
	|| fail "postinst: conf.d lacks mysqli/opcache: $(ls "$root$etc/conf.d" | tr '\n' ' ')"

ldd_out=$(R ldd "$sbin")
echo "$ldd_out" | sed 's/^/deb: ldd: /'
check_linking "$ldd_out"

unit=$root/lib/systemd/system/$pkg.service
# (--man=no: a minbase root has no man; the page is checked above).
# bullseye's systemd-analyze (247) will not start outside a cgroup, as in
# a chroot: the host's verifies the root's unit, its commands in the root
if [ "$suite" = bullseye ]; then
	verify() { command -v systemd-analyze > /dev/null && systemd-analyze verify --root="$root" --man=no "$@"; }
else
	verify() { R systemd-analyze verify --man=no "$@"; }
fi
if out=$(verify "/lib/systemd/system/$pkg.service" 2>&1) && [ -z "$out" ]; then
	pass "systemd-analyze verify $pkg.service"
else
	echo "$out"; fail "systemd-analyze verify $pkg.service complained (or is not there)"
fi
grep -q '^Type=notify' "$unit" && grep -q '^ExecStartPre=.* --test ' "$unit" && grep -q '^ExecReload=.*-USR2 ' "$unit" \
	&& pass "unit: Type=notify, ExecStartPre tests the config, reload is USR2" \
	|| fail "unit: Type, ExecStartPre or ExecReload is not as expected"

# --- the engine: another refused (8.2), Debian's extensions fit (7.4)
check_engine

# --- start both daemons as their units do, after what systemd does at
# boot (systemd-tmpfiles-setup): the packages' /run/php (bullseye's
# maintainer scripts create it only while systemd runs)
R systemd-tmpfiles --create "$pkg.conf" "php$phpv-fpm.conf"
execstartpre=$(sed -n 's/^ExecStartPre=//p' "$unit")
execstart=$(sed -n 's/^ExecStart=//p' "$unit")
# shellcheck disable=SC2086
if R $execstartpre > "$work/test.out" 2>&1; then
	pass "ExecStartPre ($execstartpre) accepts the shipped config"
else
	cat "$work/test.out"; fail "ExecStartPre rejects the shipped config"
fi
# shellcheck disable=SC2086
start_daemon scgi $execstart
fpm_start=$(sed -n 's/^ExecStart=//p' "$root/lib/systemd/system/php$phpv-fpm.service")
# shellcheck disable=SC2086
start_daemon fpm $fpm_start
mkdir -p "$root/run/mysqld" && R chown mysql:mysql /run/mysqld
start_daemon mariadb /usr/sbin/mariadbd --user=mysql --skip-networking --socket=/run/mysqld/mysqld.sock
if wait_for_path "$root$sock" 30 && wait_for_path "$root/run/php/php$phpv-fpm.sock" 30; then
	pass "php-fpm-scgi$phpv and php-fpm$phpv run side by side ($sock, /run/php/php$phpv-fpm.sock)"
else
	cat "$work/scgi.out" "$work/fpm.out"; fail "daemons: a socket did not appear"; exit 1
fi
[ "$(cat "$root/run/php/$pkg.pid" 2>/dev/null)" = "$pid_scgi" ] \
	&& pass "the master writes /run/php/$pkg.pid (ExecReload's \$MAINPID)" \
	|| fail "pid file: $(cat "$root/run/php/$pkg.pid" 2>/dev/null) is not the master $pid_scgi"

scgi_port=$(free_port) fcgi_port=$(free_port) wp_port=$(free_port)
rm -f "$root/etc/nginx/sites-enabled/default"
mkdir -p "$root/var/www/scgi-test"
cp "$top/tests/deb/"*.php "$root/var/www/scgi-test/"
# OPcache leaves a file alone while it is younger than
# opcache.file_update_protection (2 s): the scripts are an hour old, as a
# deployed site's are, so that the first requests can already be cached
touch -d "1 hour ago" "$root/var/www/scgi-test/"*.php
sed -e "s/@SCGI_PORT@/$scgi_port/" -e "s/@FCGI_PORT@/$fcgi_port/" -e "s/@WP_PORT@/$wp_port/" -e "s/@PHPV@/$phpv/g" \
	"$top/tests/deb/nginx-site.conf" > "$root/etc/nginx/sites-enabled/scgi-test"
start_daemon nginx /usr/sbin/nginx -g 'daemon off;'
if wait_for_port "$scgi_port" 20; then :; else cat "$work/nginx.out"; fail "nginx did not start"; exit 1; fi
phase "daemons up"

# --- pages
get "$scgi_port" /info.php/some/path > /dev/null
if [ "$(status)" = 200 ] && [ "$(json 'v["sapi"]')" = fpm-scgi ]; then
	pass "nginx + snippets/scgi-php.conf serve PHP; php_sapi_name() is fpm-scgi"
else
	cat "$work/body"; fail "page: HTTP $(status), sapi $(json 'v["sapi"]')"
fi
[ "$(json 'v["path_info"]')" = /some/path ] && [ "$(json 'v["script_name"]')" = /info.php ] \
	&& pass "the snippet splits PATH_INFO off SCRIPT_NAME" || fail "PATH_INFO/SCRIPT_NAME: $(cat "$work/body")"
check_version "$(json 'v["version"]')"
[ "$(json 'v["ini"]')" = "$etc/php.ini" ] && json 'v["scanned"]' | grep -q "$etc/conf.d/" \
	&& pass "php.ini and conf.d are $etc's" || fail "ini: $(json 'v["ini"]') / $(json 'v["scanned"]')"
[ "$(json 'v["opcache_enabled"]')" = True ] && pass "OPcache is enabled for fpm-scgi (opcache_get_status)" \
	|| fail "OPcache is not enabled: $(cat "$work/body")"
cached=False
for i in 1 2 3 4 5 6; do
	get "$scgi_port" /info.php > /dev/null
	cached=$(json 'v["opcache_cached_self"]')
	[ "$cached" = True ] && break
done
[ "$cached" = True ] && pass "OPcache serves the script from its cache (opcache_is_script_cached)" \
	|| fail "OPcache never cached info.php"
exts=$(json '" ".join(v["extensions"])')
missing=""
for e in mysqli pdo_mysql gd intl "zend opcache"; do
	case " $exts " in *" $e "*) ;; *) missing="$missing $e" ;; esac
done
[ -z "$missing" ] && pass "extensions loaded: mysqli pdo_mysql gd intl opcache" || fail "extensions missing:$missing"
body=$(get "$scgi_port" /gd.php | head -c 8 | od -An -c | tr -d ' ')
[ "$(status)" = 200 ] && [ "$body" = '211PNG\r\n032\n' ] && pass "php-gd draws a PNG" || fail "gd: HTTP $(status) $body"
body=$(get "$scgi_port" /intl.php)
[ "$body" = "1.234.567,891" ] && pass "php-intl formats de_DE numbers" || fail "intl: $body"
get "$fcgi_port" /info.php > /dev/null
[ "$(json 'v["sapi"]')" = fpm-fcgi ] && pass "Debian's php-fpm$phpv still serves (FastCGI) beside it" \
	|| fail "php-fpm$phpv: HTTP $(status): $(cat "$work/body")"

# --- Apache with the shipped conf (a2enconf); mod_php, which wordpress
# pulled in, would take .php itself: out of the way
if [ -x "$root/usr/sbin/a2enconf" ]; then
	apache_port=$(free_port)
	R a2dismod -q "php$phpv" > "$work/a2.log" 2>&1
	if R a2enmod -q proxy_scgi >> "$work/a2.log" 2>&1 && R a2enconf -q "$pkg" >> "$work/a2.log" 2>&1; then
		echo "Listen 127.0.0.1:$apache_port" > "$root/etc/apache2/ports.conf"
		sed -i "s/<VirtualHost \*:80>/<VirtualHost *:$apache_port>/" "$root/etc/apache2/sites-available/000-default.conf"
		cp "$top/tests/deb/info.php" "$root/var/www/html/"
		# (in the root: /var/run is a symbolic link to /run)
		R mkdir -p /var/run/apache2 /var/lock/apache2
		# its own session: stopping, httpd signals its whole process group
		start_daemon apache setsid sh -c '. /etc/apache2/envvars && exec /usr/sbin/apache2 -DFOREGROUND'
		if wait_for_port "$apache_port" 20 && get "$apache_port" /info.php > /dev/null && [ "$(json 'v["sapi"]')" = fpm-scgi ]; then
			pass "Apache: a2enmod proxy_scgi + a2enconf $pkg serve PHP through php-fpm-scgi"
		else
			cat "$work/apache.out" "$work/body"; fail "Apache: HTTP $(status) through a2enconf $pkg"
		fi
		stop_daemon apache
	else
		cat "$work/a2.log"; fail "Apache: a2enmod proxy_scgi / a2enconf $pkg failed"
	fi
else
	echo "SKIP: deb Apache: apache2 (a2enconf) is not in the root"
fi

# --- MySQL
if wait_for_path "$root/run/mysqld/mysqld.sock" 30 && R mariadb -e "CREATE DATABASE scgitest; \
	CREATE USER scgitest@localhost IDENTIFIED BY 'scgitest'; GRANT ALL ON scgitest.* TO scgitest@localhost;" 2> "$work/mysql.err"; then
	body=$(get "$scgi_port" /db.php)
	[ "$body" = "mysqli+pdo ok" ] && pass "MariaDB through mysqli and PDO" || fail "mysql: HTTP $(status): $body"
else
	cat "$work/mysql.err" "$work/mariadb.out"; fail "mariadb did not start"
fi

# --- phpdismod / phpenmod, then a reload
R phpdismod -v "$phpv" -s fpm-scgi gd
if reload_scgi && get "$scgi_port" /info.php > /dev/null && ! json '" ".join(v["extensions"])' | grep -qw gd; then
	pass "phpdismod -s fpm-scgi gd + reload: gd is gone"
else
	fail "phpdismod: gd still loaded after reload"
fi
get "$fcgi_port" /info.php > /dev/null
json '" ".join(v["extensions"])' | grep -qw gd && pass "php-fpm$phpv keeps gd (phpdismod -s fpm-scgi is ours alone)" \
	|| fail "phpdismod -s fpm-scgi touched php-fpm$phpv"
R phpenmod -v "$phpv" -s fpm-scgi gd
if reload_scgi && get "$scgi_port" /info.php > /dev/null && json '" ".join(v["extensions"])' | grep -qw gd; then
	pass "phpenmod -s fpm-scgi gd + reload: gd is back"
else
	fail "phpenmod: gd not loaded after reload"
fi
# an extension package installed after ours ($late_package, from the
# engine's checks) is enabled for fpm-scgi by its own postinst
# (php-common's php_invoke ... ALL finds our SAPI registration)
late_module=${late_modules%% *}
if R apt-get -q -y install "$late_package" > "$work/late.log" 2>&1 && ls "$root$etc/conf.d/"*"-$late_module.ini" > /dev/null 2>&1 \
	&& reload_scgi && get "$scgi_port" /info.php > /dev/null && json '" ".join(v["extensions"])' | grep -qw "$late_module"; then
	pass "$late_package installed afterwards is enabled for fpm-scgi by its own postinst ($late_module loaded)"
else
	tail -n 3 "$work/late.log"; ls "$root$etc/conf.d" | tr '\n' ' '; echo
	fail "an extension installed after the package is not enabled for fpm-scgi"
fi
[ "$(cat "$root/run/php/$pkg.pid")" = "$pid_scgi" ] && kill -0 "$pid_scgi" && pass "reloads keep the master" \
	|| fail "the master changed over reloads"

# --- logrotate: the rotated log is let go, the new one written (USR1)
log=/var/log/$pkg.log
if [ -s "$root$log" ]; then
	R logrotate -f "/etc/logrotate.d/$pkg" > "$work/logrotate.out" 2>&1
	i=0
	while [ $i -lt 50 ] && ! grep -q 'error log file re-opened' "$root$log" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
	if [ -e "$root$log.1" ] && grep -q 'error log file re-opened' "$root$log"; then
		pass "logrotate rotates $log, postrotate's USR1 reopens it"
	else
		cat "$work/logrotate.out"; ls -la "$root/var/log/" | grep php; fail "logrotate: no reopen in the new $log"
	fi
else
	fail "logrotate: $log is missing or empty"
fi

# --- WordPress from Debian's package, on MariaDB, through nginx
phase "pages, extensions, reloads, logrotate"
# The database as an administrator makes one (MariaDB's root by its socket);
# Debian's setup-mysql then writes /etc/wordpress/config-127.0.0.1.php for
# it (-e: an existing database, -u: its user, the password on stdin).
if R mariadb -e "CREATE DATABASE wordpress; CREATE USER wordpress@localhost IDENTIFIED BY 'wp-scgi-pass'; \
		GRANT ALL ON wordpress.* TO wordpress@localhost;" > "$work/wp-setup.log" 2>&1 \
	&& echo wp-scgi-pass | R bash /usr/share/doc/wordpress/examples/setup-mysql -e wordpress -u wordpress 127.0.0.1 >> "$work/wp-setup.log" 2>&1; then
	R chown -R www-data:www-data /var/lib/wordpress/wp-content
	timeout 240 python3 "$top/tests/deb/wordpress.py" "http://127.0.0.1:$wp_port" "deb $phpv:"
	[ $? = 124 ] && fail "wordpress: did not finish within 240s"
else
	cat "$work/wp-setup.log"; fail "wordpress: Debian's setup-mysql failed"
fi
phase "wordpress"

# --- upgrade to the next version keeps a changed pool file (the same build
# repacked under the next version number: what dpkg does with conffiles and
# the maintainer scripts is the same as for a rebuild, at no build's cost)
sed -i 's/^pm.max_children = .*/pm.max_children = 7/' "$root$etc/pool.d/www.conf"
next=$work/next
rm -rf "$next" && dpkg-deb -R "$deb" "$next"
version=$(dpkg-deb -f "$deb" Version)
sed -i "s/^Version: .*/Version: $version.1/" "$next/DEBIAN/control"
dpkg-deb -b "$next" "$root/tmp/${pkg}_$version.1_amd64.deb" > /dev/null
if R apt-get -q -y install "/tmp/${pkg}_$version.1_amd64.deb" > "$work/upgrade.log" 2>&1 \
	&& [ "$(R dpkg-query -W -f='${Version}' "$pkg")" = "$version.1" ]; then
	grep -q '^pm.max_children = 7$' "$root$etc/pool.d/www.conf" \
		&& pass "upgrade $version -> $version.1 keeps the changed pool.d/www.conf" \
		|| fail "upgrade: the changed pool file was replaced"
else
	tail -n 20 "$work/upgrade.log"; fail "upgrade: apt-get install of $version.1 failed"
fi

# --- purge: nothing of ours left, php-fpm untouched
stop_daemon nginx; stop_daemon scgi || fail "php-fpm-scgi did not stop on TERM"
stop_daemon fpm; stop_daemon mariadb
# the extension installed after us goes first, and takes its fpm-scgi
# links (and php-fpm's) with it
R apt-get -q -y purge "$late_package" > "$work/late-purge.log" 2>&1
! ls "$root$etc/conf.d/"*"-$late_module.ini" > /dev/null 2>&1 && pass "purging $late_package removes its fpm-scgi links too" \
	|| fail "$late_package's purge left $(ls "$root$etc/conf.d/"*"-$late_module.ini")"
fpm_state > "$work/fpm-after"
if cmp -s "$work/fpm-before" "$work/fpm-after"; then
	pass "php-fpm$phpv's files and conf.d are as before install (through install, upgrade, enmod/dismod)"
else
	diff "$work/fpm-before" "$work/fpm-after" | head -n 20; fail "php-fpm$phpv changed"
fi
if R apt-get -q -y purge "$pkg" > "$work/purge.log" 2>&1; then
	files_now > "$work/files-after"
	# (less what $late_package's purge leaves: Debian's state for every SAPI)
	# (and the empty state directories a2enconf made for the administrator:
	# Apache's; what a2enconf recorded about our conf must be gone)
	late_alternatives=$(echo "$late_modules" | sed 's/ /\\|/g')
	left=$(comm -3 "$work/files-before" "$work/files-after" | grep -v -e "/disabled_by_maint\\(/\\($late_alternatives\\)\\)*\$" \
		-e '^	/var/lib/apache2/conf/\(en\|dis\)abled_by_admin$')
	logs=$(ls "$root/var/log" | grep fpm-scgi)
	if [ -z "$left$logs" ]; then
		pass "purge leaves nothing behind (and removes nothing that was there)"
	else
		echo "$left $logs" | head -n 20; fail "purge left files behind"
	fi
else
	tail -n 20 "$work/purge.log"; fail "purge: apt-get purge failed"
fi
phase "upgrade, purge"
exit 0
