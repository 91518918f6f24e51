#!/bin/sh
# The patched release tarball: the staged tree (upstream + Debian's fixes +
# patches/ + sapi/fpm-scgi) with configure and the generated scanners and
# parsers in it, so that it builds with only ./configure && make.
#
#   tools/dist.sh BUILD_DIR VERSION   ->  BUILD_DIR/php-VERSION-scgi.tar.xz
set -eu

build=${1:?usage: dist.sh BUILD_DIR VERSION}
version=${2:?usage: dist.sh BUILD_DIR VERSION}
name=php-$version
out="$build/$name-scgi.tar.xz"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -d "$build/stage/$name" ] || { echo "dist: no staged tree; run make tree first" >&2; exit 1; }
cp -a "$build/stage/$name" "$work/$name"
(cd "$work/$name" && ./buildconf --force > /dev/null 2>&1) || { echo "dist: buildconf failed" >&2; exit 1; }
rm -rf "$work/$name/autom4te.cache"
tar -C "$work" --owner=0 --group=0 -cJf "$out.part" "$name"
mv "$out.part" "$out"
echo "dist: $out ($(du -h "$out" | cut -f1))"
