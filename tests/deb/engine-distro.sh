# shellcheck shell=sh disable=SC2154,SC2034 # (sourced by package.sh: its variables, and ones it reads)
# tests/deb/package.sh's checks of the engine for php8.2-fpm-scgi on
# Debian's engine (libphp8.2-embed, packaging/distro).  Sourced; uses the
# package's variables and helpers (R, pass, fail, $phpv, $sbin, $root,
# $work, $build).

# what the Debian 12 root has besides the common packages: WordPress
# (iputils-ping: wordpress's setup-mysql pings the site's host; its
# Recommends are not installed, the default theme is)
release_runtime="wordpress wordpress-theme-twentytwentythree iputils-ping"
# installed after the package, its modules (the first is checked)
late_package=php$phpv-bcmath late_modules="bcmath"

check_depends() {
	engine=$(cat "$build/deb/engine-version")
	dpkg-deb -f "$1" Depends | grep -q "libphp$phpv-embed (>= $engine)" \
		&& pass "Depends: libphp$phpv-embed (>= $engine), the engine it was built against" \
		|| fail "Depends: no libphp$phpv-embed (>= $engine): $(dpkg-deb -f "$1" Depends)"
}

# apt pulls the engine; it is installed first, as a user's apt would, so
# that purge later removes ours, not it
install_engine() {
	R apt-get -q -y --simulate install "/tmp/$(basename "$1")" > "$work/simulate.log" 2>&1
	grep -q "^Inst libphp$phpv-embed " "$work/simulate.log" \
		&& pass "apt resolves the engine from Debian's archive (Depends pulls libphp$phpv-embed)" \
		|| { cat "$work/simulate.log"; fail "install: apt would not pull libphp$phpv-embed"; }
	R apt-get -q -y install "libphp$phpv-embed" > "$work/engine.log" 2>&1 \
		|| { tail "$work/engine.log"; fail "install: libphp$phpv-embed"; return 1; }
}

check_linking() {
	echo "$1" | grep -Eq "libphp$phpv.so => (/usr)?/lib/libphp$phpv.so" && ! echo "$1" | grep -q 'not found' \
		&& pass "ldd: $sbin runs on Debian's /usr/lib/libphp$phpv.so" \
		|| fail "ldd: not linked to /usr/lib/libphp$phpv.so"
}

# another engine is refused with a clear message: the same library with
# another build id (ZTS for NTS, the same length), found first
check_engine() {
	mkdir -p "$root/tmp/otherengine"
	sed 's/API20220829,NTS/API20220829,ZTS/g' "$root/usr/lib/libphp$phpv.so" > "$root/tmp/otherengine/libphp$phpv.so"
	R env LD_LIBRARY_PATH=/tmp/otherengine "$sbin" -n -v > "$work/other.out" 2>&1
	rc=$?
	if [ $rc = 78 ] && grep -q 'built for PHP .* but the PHP engine library it loaded has build API20220829,ZTS' "$work/other.out"; then
		pass "refuses an engine of another build (exit 78, says which)"
	else
		cat "$work/other.out"; fail "another engine: exit $rc, no clear refusal"
	fi
}

# check_version PHP_VERSION: what the running workers report
check_version() {
	embed=$(R dpkg-query -W -f='${Version}' "libphp$phpv-embed")
	echo "deb: the installed php-fpm-scgi runs PHP $1 (libphp$phpv-embed $embed)"
	case "$embed" in
	"$1"-*) pass "PHP_VERSION $1 is the installed libphp$phpv-embed's" ;;
	*) fail "PHP_VERSION $1 is not libphp$phpv-embed's ($embed)" ;;
	esac
}
