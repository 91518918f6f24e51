#!/bin/sh
# tools/fetch-upstream.sh stops, and says why, on a tarball whose sha256 is
# not the one it must have: the pin's, or the one a user gives with a newer
# release (PHP_TARBALL=... PHP_SHA256=...).  Offline: the tarballs are made
# here and the cache is a temp dir.
set -u
top=${SCGI_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fetch="$top/tools/fetch-upstream.sh"
mkdir "$work/cache"
head -c 4096 /dev/urandom > "$work/php-8.2.99.tar.xz"
cp "$work/php-8.2.99.tar.xz" "$work/php-8.2.32.tar.xz"
real_sum=$(sha256sum "$work/php-8.2.99.tar.xz" | cut -d' ' -f1)
wrong_sum=0000000000000000000000000000000000000000000000000000000000000000

# expect_stop NAME PATTERN ENV...: the fetch fails, says PATTERN, caches nothing
expect_stop() {
	name=$1 pattern=$2
	shift 2
	if env "$@" "$fetch" "$work/cache" > "$work/out" 2> "$work/err"; then
		echo "FAIL: fetch $name: exited 0"
	elif ! grep -q "$pattern" "$work/err"; then
		sed 's/^/    /' "$work/err"
		echo "FAIL: fetch $name: no \"$pattern\" in its message"
	elif ls "$work/cache" | grep -q '^php-'; then
		echo "FAIL: fetch $name: left a tarball in the cache"
	else
		echo "PASS: fetch $name stops: $(grep -m1 "$pattern" "$work/err")"
	fi
}

expect_stop "a user's tarball with another sha256 than the one given" "checksum mismatch" \
	PHP=8.2 PHP_TARBALL="$work/php-8.2.99.tar.xz" PHP_SHA256=$wrong_sum
expect_stop "the pinned version's tarball with another sha256 than the pin's" "checksum mismatch" \
	PHP=8.2 PHP_TARBALL="$work/php-8.2.32.tar.xz"
expect_stop "PHP_SHA256 without PHP_TARBALL" "PHP_TARBALL=..., which is not set" \
	PHP=8.2 PHP_SHA256=$real_sum
expect_stop "a tarball of another series" "of the series PHP=7.4" \
	PHP=7.4 PHP_TARBALL="$work/php-8.2.99.tar.xz" PHP_SHA256=$real_sum
expect_stop "an unknown series" "no PHP 8.9 here" PHP=8.9

# and the tarball that has the sum it is given is taken, without Debian's
# archive (8.2 applies none of it)
if out=$(PHP=8.2 PHP_TARBALL="$work/php-8.2.99.tar.xz" PHP_SHA256=$real_sum "$fetch" "$work/cache" 2> "$work/err") \
	&& [ "$(echo "$out" | sed -n 1p)" = "$work/cache/php-8.2.99.tar.xz" ] \
	&& cmp -s "$work/cache/php-8.2.99.tar.xz" "$work/php-8.2.99.tar.xz"; then
	echo "PASS: fetch a user's newer 8.2.x with its sha256 is taken into the cache"
else
	sed 's/^/    /' "$work/err"
	echo "FAIL: fetch a user's newer 8.2.x with its sha256 was not taken: $out"
fi
