#!/bin/sh
# Assemble the patched PHP source tree from the pinned upstream.
#
#   tools/assemble.sh CACHE_DIR BUILD_DIR
#
#   BUILD_DIR/base/php-X    pristine upstream + Debian LTS security fixes
#   BUILD_DIR/stage/php-X   base + patches/ + sapi/fpm-scgi + our docs
#   BUILD_DIR/php-X         the tree that is configured and built: synced from
#                           stage by content, so unchanged files keep their
#                           timestamps and make rebuilds only what changed.
#
# Every step writes into a temporary directory and renames it when whole:
# an interrupted run never leaves a half-made tree that looks finished.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/upstream/pin"
cache=${1:?usage: assemble.sh CACHE_DIR BUILD_DIR}
build=${2:?usage: assemble.sh CACHE_DIR BUILD_DIR}
name=php-$PHP_VERSION

say() { echo "assemble: $*" >&2; }
die() { say "error: $*"; exit 1; }

for tool in patch rsync tar xz sha256sum re2c bison make; do
	command -v $tool >/dev/null || die "$tool is missing (Debian package: $tool); run tools/deps.sh"
done

files=$("$top/tools/fetch-upstream.sh" "$cache")
php_tar=$(echo "$files" | sed -n 1p)
deb_tar=$(echo "$files" | sed -n 2p)
mkdir -p "$build"

# --- base: upstream + Debian's security fixes ---------------------------
# bump when the way the base is made changes, so that old bases are redone
base_recipe=3
base_id=$( (cat "$php_tar" "$deb_tar" "$top/upstream/pin" "$top/upstream/security-fixes"; echo "$base_recipe") | sha256sum | cut -d' ' -f1)
if [ "$(cat "$build/base/.id" 2>/dev/null)" != "$base_id" ]; then
	say "unpacking $name and applying Debian LTS security fixes"
	rm -rf "$build/base.tmp"
	mkdir -p "$build/base.tmp/debian-archive"
	tar -C "$build/base.tmp" -xJf "$php_tar"
	tar -C "$build/base.tmp/debian-archive" -xJf "$deb_tar"
	series="$build/base.tmp/debian-archive/debian/patches/series"
	[ -f "$series" ] || die "no debian/patches/series in $deb_tar"
	# The fixes are the series from the first non-packaging patch on.
	awk -v first="$DEBIAN_FIRST_FIX" 'index($0, first) == 1 { on = 1 } on && !/^#/ && NF' "$series" \
		> "$build/base.tmp/applied"
	[ -s "$build/base.tmp/applied" ] || die "no patch named $DEBIAN_FIRST_FIX* in the Debian series"
	if ! cmp -s "$build/base.tmp/applied" "$top/upstream/security-fixes"; then
		say "the Debian series differs from upstream/security-fixes (a newer Debian version?):"
		diff "$top/upstream/security-fixes" "$build/base.tmp/applied" >&2 || true
		[ "${PHP_SCGI_DEBIAN_NEWEST:-0}" = 1 ] || die "update upstream/security-fixes, or set PHP_SCGI_DEBIAN_NEWEST=1"
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
	mkdir -p "$build/base.tmp/$name/.scgi"
	cp "$build/base.tmp/applied" "$build/base.tmp/$name/.scgi/debian-fixes-applied"
	# the regression tests those fixes brought, for tests/suites/security.sh
	(cd "$build/base.tmp/debian-archive/debian/patches" && cat $(cat "$build/base.tmp/applied")) \
		| sed -n 's|^+++ b/\([^[:space:]]*\.phpt\).*|\1|p' | LC_ALL=C sort -u \
		> "$build/base.tmp/$name/.scgi/debian-fix-tests"
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
grep -v '^#' "$top/patches/series" | while read -r p; do
	[ -n "$p" ] || continue
	patch -d "$stage" -p1 -F0 -s --no-backup-if-mismatch < "$top/patches/$p" \
		|| die "patches/$p no longer applies to $name (with Debian's fixes); refresh it"
done
cp -a "$top/sapi/fpm-scgi" "$stage/sapi/"
cp "$top/README.SCGI.md" "$stage/README.SCGI.md"
cp "$top/LICENSE" "$stage/LICENSE.SCGI"
grep -v '^#' "$top/patches/series" | sed '/^$/d' > "$stage/.scgi/patches-applied"
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
