# shellcheck shell=sh disable=SC2154,SC2034 # (sourced by package.sh: its variables, and ones it reads)
# tests/deb/package.sh's checks of the engine for php7.4-fpm-scgi, which
# carries its own (packaging/own-engine): the pinned tree's, into which
# Debian's php7.4 extensions load.  Sourced; uses the package's variables
# and helpers (R, pass, fail, $phpv, $sbin, $root, $work, $top).

# the pin: PHP_VERSION, DEBIAN_VERSION (Debian's security fixes it carries)
PHP=$phpv . "$top/tools/pin.sh"

# what the Debian 11 root has besides the common packages: WordPress (5.7,
# and its default theme; iputils-ping for its setup-mysql) and nm, for the
# extensions' symbols
release_runtime="wordpress wordpress-theme-twentytwentyone iputils-ping binutils"
# installed after the package, its modules (the first is checked):
# php7.4-bcmath of the pin's version is not served here; php7.4-xml is, and
# its modules use the engine's libxml API
late_package=php$phpv-xml late_modules="dom simplexml xml xmlreader xmlwriter xsl"

check_depends() {
	depends=$(dpkg-deb -f "$1" Depends)
	missing=""
	for p in common json opcache; do
		echo "$depends" | grep -q "php$phpv-$p (>= $DEBIAN_VERSION)" || missing="$missing php$phpv-$p"
	done
	if [ -z "$missing" ] && ! echo "$depends" | grep -q libphp; then
		pass "Depends: php$phpv-common, -json, -opcache (>= $DEBIAN_VERSION, the engine's security level), no libphp"
	else
		fail "Depends:$missing not (>= $DEBIAN_VERSION), or a libphp: $depends"
	fi
}

# nothing to install first: the engine is in the package
install_engine() {
	if R apt-get -q -y --simulate install "/tmp/$(basename "$1")" > "$work/simulate.log" 2>&1 \
		&& ! grep -q '^Inst libphp' "$work/simulate.log"; then
		pass "apt resolves the Depends from Debian 11's archive (no libphp$phpv-embed)"
	else
		cat "$work/simulate.log"; fail "install: apt cannot resolve the Depends, or pulls a libphp"
	fi
}

check_linking() {
	if ! echo "$1" | grep -q 'libphp' && ! echo "$1" | grep -q 'not found' && echo "$1" | grep -q 'libxml2.so'; then
		pass "ldd: $sbin carries its engine (no libphp), and finds every library in Debian 11"
	else
		fail "ldd: a libphp, or a library not found"
	fi
}

# The engine's built-in extensions are those of Debian's php$phpv programs
# (so that no extension package's module is there twice), and every symbol
# Debian's extensions take from the program is exported by it
check_engine() {
	modules() { R "$1" -n -m 2>&1 | sed -n '/^\[PHP Modules\]/,/^$/p' | sed '/^$/d'; }
	modules "$sbin" > "$work/builtin-ours"
	modules "/usr/sbin/php-fpm$phpv" > "$work/builtin-debian"
	if [ -s "$work/builtin-ours" ] && cmp -s "$work/builtin-ours" "$work/builtin-debian"; then
		pass "built-in extensions as Debian's php-fpm$phpv's: $(sed 1d "$work/builtin-ours" | tr '\n' ' ')"
	else
		diff "$work/builtin-debian" "$work/builtin-ours"; fail "built-in extensions differ from php-fpm$phpv's"
	fi
	cp "$top/packaging/own-engine/check-extension-symbols" "$root/tmp/"
	api=$(R "$sbin" -n -i | sed -n 's/^PHP API => //p')
	if out=$(R /tmp/check-extension-symbols "$sbin" "/usr/lib/php/$api" 2>&1); then
		pass "every symbol Debian's extensions in /usr/lib/php/$api need is exported by $sbin ($(echo "$out" | sed -n 's/.*all \([0-9]*\) extensions.*/\1/p') extensions)"
	else
		echo "$out"; fail "Debian's extensions need symbols $sbin does not export"
	fi
}

# check_version PHP_VERSION: what the running workers report
check_version() {
	echo "deb: the installed php-fpm-scgi runs PHP $1 (its own engine: $PHP_VERSION with Debian's php$phpv $DEBIAN_VERSION fixes)"
	[ "$1" = "$PHP_VERSION" ] && pass "PHP_VERSION $1 is the pin's" || fail "PHP_VERSION $1 is not the pin's $PHP_VERSION"
}
