#!/bin/sh
# Assemble the patched PHP source tree from the pinned upstream of the
# series $PHP (tools/pin.sh: upstream/$PHP/pin, patches/$PHP/series).
#
#   [PHP=8.2] tools/assemble.sh CACHE_DIR BUILD_DIR
#
#   BUILD_DIR/base/php-X    pristine upstream + Debian LTS security fixes
#                           (upstream/$PHP/security-fixes; none for 8.2)
#   BUILD_DIR/stage/php-X   base + patches/$PHP/series + sapi/fpm-scgi + our docs
#   BUILD_DIR/php-X         the tree that is configured and built: synced from
#                           stage by content, so unchanged files keep their
#                           timestamps and make rebuilds only what changed.
#
# Every step writes into a temporary directory and renames it when whole:
# an interrupted run never leaves a half-made tree that looks finished.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tools/pin.sh"
cache=${1:?usage: assemble.sh CACHE_DIR BUILD_DIR}
build=${2:?usage: assemble.sh CACHE_DIR BUILD_DIR}
mkdir -p "$build"
build=$(cd "$build" && pwd)
name=php-$PHP_VERSION

say() { echo "assemble: $*" >&2; }
die() { say "error: $*"; exit 1; }

for tool in patch rsync tar xz sha256sum re2c bison make; do
	command -v $tool >/dev/null || die "$tool is missing (Debian package: $tool); run tools/deps.sh"
done

files=$("$top/tools/fetch-upstream.sh" "$cache")
php_tar=$(echo "$files" | sed -n 1p)
deb_tar=$(echo "$files" | sed -n 2p)

# --- base: upstream + Debian's security fixes ---------------------------
# bump when the way the base is made changes, so that old bases are redone
base_recipe=4
fixes_list="$pin_dir/security-fixes"
[ -n "$DEBIAN_FIRST_FIX" ] || [ ! -s "$fixes_list" ] \
	|| die "upstream/$PHP/security-fixes lists fixes, but the pin names no DEBIAN_FIRST_FIX"
base_id=$( (cat "$php_tar" ${deb_tar:+"$deb_tar"} "$pin_dir/pin"; cat "$fixes_list" 2>/dev/null; echo "$base_recipe") \
	| sha256sum | cut -d' ' -f1)
if [ "$(cat "$build/base/.id" 2>/dev/null)" != "$base_id" ]; then
	rm -rf "$build/base.tmp"
	mkdir -p "$build/base.tmp/debian-archive"
	tar -C "$build/base.tmp" -xf "$php_tar"
	[ -d "$build/base.tmp/$name" ] || die "$php_tar does not unpack into $name/"
	: > "$build/base.tmp/applied"
	if [ -n "$DEBIAN_FIRST_FIX" ]; then
		say "unpacking $name and applying Debian LTS security fixes"
		tar -C "$build/base.tmp/debian-archive" -xJf "$deb_tar"
		series="$build/base.tmp/debian-archive/debian/patches/series"
		[ -f "$series" ] || die "no debian/patches/series in $deb_tar"
		# The fixes are the series from the first non-packaging patch on.
		awk -v first="$DEBIAN_FIRST_FIX" 'index($0, first) == 1 { on = 1 } on && !/^#/ && NF' "$series" \
			> "$build/base.tmp/applied"
		[ -s "$build/base.tmp/applied" ] || die "no patch named $DEBIAN_FIRST_FIX* in the Debian series"
		if ! cmp -s "$build/base.tmp/applied" "$fixes_list"; then
			say "the Debian series differs from upstream/$PHP/security-fixes (a newer Debian version?):"
			diff "$fixes_list" "$build/base.tmp/applied" >&2 || true
			[ "${PHP_SCGI_DEBIAN_NEWEST:-0}" = 1 ] || die "update upstream/$PHP/security-fixes, or set PHP_SCGI_DEBIAN_NEWEST=1"
		fi
		while read -r p; do
			patch -d "$build/base.tmp/$name" -p1 -F0 -s --no-backup-if-mismatch \
				< "$build/base.tmp/debian-archive/debian/patches/$p" \
				|| die "Debian fix $p does not apply to pristine $name"
		done < "$build/base.tmp/applied"
		# Debian's fixes patch .re/.y sources (e.g. CVE-2026-7258) whose generated
		# .c the tarball ships: regenerate them, or the old code is compiled.
		(cd "$build/base.tmp/$name" && scripts/dev/genfiles > ../genfiles.log 2>&1) \
			|| { cat "$build/base.tmp/genfiles.log" >&2; die "regenerating scanners and parsers failed"; }
	else
		say "unpacking $name (its security fixes are upstream releases: none to apply)"
	fi
	mkdir -p "$build/base.tmp/$name/.scgi"
	cp "$build/base.tmp/applied" "$build/base.tmp/$name/.scgi/debian-fixes-applied"
	# the regression tests those fixes brought, for tests/suites/security.sh
	if [ -s "$build/base.tmp/applied" ]; then
		(cd "$build/base.tmp/debian-archive/debian/patches" && cat $(cat "$build/base.tmp/applied")) \
			| sed -n 's|^+++ b/\([^[:space:]]*\.phpt\).*|\1|p' | LC_ALL=C sort -u
	fi > "$build/base.tmp/$name/.scgi/debian-fix-tests"
	rm -rf "$build/base"
	mv "$build/base.tmp/$name" "$build/base.tmp/tree"
	mkdir "$build/base"
	mv "$build/base.tmp/tree" "$build/base/$name"
	echo "$base_id" > "$build/base/.id"
	rm -rf "$build/base.tmp"
fi

# --- stage: base + our patches + our SAPI ---------------------------------
say "staging patches/ and sapi/fpm-scgi"
rm -rf "$build/stage.tmp"
mkdir -p "$build/stage.tmp"
cp -a "$build/base/$name" "$build/stage.tmp/$name"
stage="$build/stage.tmp/$name"
# A series names patches relative to patches/: one written for 7.4 that
# applies to 8.2 as well is named by both series, not copied.
grep -v '^#' "$series_dir/series" | while read -r p; do
	[ -n "$p" ] || continue
	patch -d "$stage" -p1 -F0 -s --no-backup-if-mismatch < "$top/patches/$p" \
		|| die "patches/$p no longer applies to $name (with Debian's fixes); refresh it"
done
cp -a "$top/sapi/fpm-scgi" "$stage/sapi/"
cp "$top/README.SCGI.md" "$stage/README.SCGI.md"
cp "$top/LICENSE" "$stage/LICENSE.SCGI"
grep -v '^#' "$series_dir/series" | sed '/^$/d' > "$stage/.scgi/patches-applied"
"$top/tools/port-fpm-tests.sh" "$stage"
rm -rf "$build/stage"
mv "$build/stage.tmp" "$build/stage"

# --- tree: synced by content ----------------------------------------------
if [ ! -f "$build/$name/.scgi/assembled" ]; then
	rm -rf "$build/$name"
	cp -a "$build/stage/$name" "$build/$name"
else
	# -c compares content: only changed files are written (with a new mtime).
	# configure and php_config.h.in are buildconf's output in the tree, not
	# the tarball's (which knows nothing of sapi/fpm-scgi): leave them.
	rsync -rlc --exclude /configure --exclude /main/php_config.h.in \
		"$build/stage/$name/" "$build/$name/"
	# Files we removed from sapi/fpm-scgi leave the tree too; build products stay.
	rsync -rlc --delete --exclude '*.lo' --exclude '*.o' --exclude '.libs' \
		--exclude 'php-fpm-scgi' --exclude '*.conf' --exclude '*.service' --exclude '*.8' \
		--exclude 'tests/*.log' --exclude 'tests/*.out' --exclude 'tests/*.diff' --exclude 'tests/*.exp' \
		--exclude 'tests/*.php' --exclude 'tests/*.sh' --exclude 'tests/*.mem' \
		"$build/stage/$name/sapi/fpm-scgi/" "$build/$name/sapi/fpm-scgi/"
fi
touch "$build/$name/.scgi/assembled"
echo "$build/$name"
