#!/bin/sh
# Build php-fpm as its users have it, for the benchmark's ratios.
#
#   [PHP=8.2] tools/build-stock.sh BUILD_DIR
#
# Some of our patches change code that php-fpm shares with php-fpm-scgi
# (patches/$PHP/stock-series lists the ones stock php-fpm gets: only what it
# needs to build here).  The php-fpm built beside php-fpm-scgi then runs
# faster than the one people run, so the benchmark measures both:
# BUILD_DIR/stock/php-X is BUILD_DIR/base/php-X (upstream + Debian's
# security fixes, made by tools/assemble.sh) with patches/$PHP/stock-series,
# built with the same options and compiler flags, without php-fpm-scgi,
# and installed into BUILD_DIR/stock/prefix.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tools/pin.sh"
build=${1:?usage: build-stock.sh BUILD_DIR}
name=php-$PHP_VERSION
stock=$build/stock

say() { echo "stock: $*" >&2; }
die() { say "error: $*"; exit 1; }

[ -f "$build/base/.id" ] || die "no $build/base; run tools/assemble.sh (make tree) first"

patches=$(grep -v '^#' "$series_dir/stock-series" | sed '/^$/d')

# the tree is redone when the base or the stock patches change
stock_id=$( (cat "$build/base/.id"; for p in $patches; do echo "$p"; cat "$top/patches/$p"; done) \
	| sha256sum | cut -d' ' -f1)
if [ "$(cat "$stock/.id" 2>/dev/null)" != "$stock_id" ]; then
	say "assembling $name with Debian's fixes and patches/$PHP/stock-series only"
	rm -rf "$stock" "$stock.tmp"
	mkdir -p "$stock.tmp"
	cp -a "$build/base/$name" "$stock.tmp/$name"
	for p in $patches; do
		patch -d "$stock.tmp/$name" -p1 -F0 -s --no-backup-if-mismatch < "$top/patches/$p" \
			|| die "patches/$p does not apply to the stock tree"
	done
	echo "$stock_id" > "$stock.tmp/.id"
	mv "$stock.tmp" "$stock"
fi

PHP_SCGI_STOCK=1 "$top/tools/build.sh" "$stock/$name" "$stock/prefix"
