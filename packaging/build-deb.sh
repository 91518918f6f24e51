#!/bin/sh
# Build phpX.Y-fpm-scgi_<version>_<arch>.deb against the distribution's
# engine, with Debian's tools, in a clean Debian root (as a buildd would).
#
#   packaging/build-deb.sh TREE OUT_DIR
#
# TREE is an assembled PHP tree (tools/assemble.sh): FPM's sources with our
# patches in sapi/fpm, the SAPI in sapi/fpm-scgi.  PHP (the series, e.g.
# 8.2) and DEB_SUITE (bookworm) select the package; DEB_VERSION overrides
# the package version (default: from git).  Leaves in OUT_DIR the .deb, the
# .buildinfo/.changes, build.log and lintian.log.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
tree=$(cd "${1:?usage: build-deb.sh TREE OUT_DIR}" && pwd)
out=${2:?usage: build-deb.sh TREE OUT_DIR}
phpv=${PHP:?PHP=X.Y}
suite=${DEB_SUITE:-}
case "$phpv" in
8.2) suite=${suite:-bookworm} ;;
7.4) suite=${suite:-bullseye} ;;
*) echo "build-deb: no Debian suite known for PHP $phpv" >&2; exit 1 ;;
esac
pkg=php$phpv-fpm-scgi
say() { echo "build-deb: $*" >&2; }
die() { say "error: $*"; exit 1; }

[ -d "$tree/sapi/fpm/fpm" ] && [ -d "$tree/sapi/fpm-scgi" ] || die "$tree is not an assembled tree"

if [ -z "${DEB_VERSION:-}" ]; then
	# one more per commit; a dirty tree gets the time, so a rebuild upgrades
	count=$(git -C "$top" rev-list --count HEAD 2>/dev/null || echo 0)
	DEB_VERSION=0.$count
	if [ -n "$(git -C "$top" status --porcelain 2>/dev/null)" ]; then
		DEB_VERSION=$DEB_VERSION.$(date -u +%Y%m%d%H%M%S)
	fi
fi

build_deps="build-essential debhelper fakeroot lintian libacl1-dev libapparmor-dev libphp$phpv-embed libsystemd-dev patchelf php$phpv-dev pkg-config"
rootball=$("$top/packaging/debroot.sh" tarball "$suite" "$build_deps")

mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/build-deb.XXXXXX")
cleanup() {
	umount "$work/root/proc" 2>/dev/null || true
	rm -rf --one-file-system "$work"
}
trap cleanup EXIT INT TERM

say "unpacking the $suite build root"
"$top/packaging/debroot.sh" unpack "$rootball" "$work/root"
# the newest engine of the suite: the one the package will run on
"$top/packaging/debroot.sh" run "$work/root" sh -c 'apt-get -q update && apt-get -q -y dist-upgrade' > "$work/update.log" 2>&1 \
	|| { tail -n 20 "$work/update.log" >&2; die "apt in the build root failed"; }

# FPM's sources are the tree's; the engine is the newest the suite serves.
# Debian's php8.2 gets security fixes as upstream releases whose source the
# archive here may not serve: say so when FPM is older than the engine.
fpm_version=$(sed -n 's/^#define PHP_VERSION "\(.*\)"/\1/p' "$tree/main/php_version.h")
engine_version=$("$top/packaging/debroot.sh" run "$work/root" dpkg-query -W -f='${Version}' "libphp$phpv-embed")
skew=
case "$engine_version" in
"$fpm_version"-*) ;;
*) skew=1
	say "warning: FPM's sources are PHP $fpm_version's, the engine is libphp$phpv-embed $engine_version:"
	say "  FPM fixes of the releases between are not in the package (see its README.Debian);"
	say "  PHP_TARBALL=php-${engine_version%%-*}.tar.xz PHP_SHA256=... builds FPM from that release" ;;
esac

src=$work/root/build/$pkg-$DEB_VERSION
mkdir -p "$src/sapi/fpm"
cp -a "$tree/sapi/fpm/fpm" "$src/sapi/fpm/fpm"
cp "$tree/sapi/fpm/config.m4" "$src/sapi/fpm/config.m4"
cp -a "$tree/sapi/fpm-scgi" "$src/sapi/fpm-scgi"
cp -a "$top/packaging/distro/." "$src/"
cp "$top/LICENSE" "$src/LICENSE"

# debian/: the templates with this series' names
mkdir -p "$src/debian/source"
for f in $(cd "$top/packaging/debian" && find . -type f); do
	dest=$src/debian/$(echo "$f" | sed "s/@PHPV@/$phpv/g")
	mkdir -p "$(dirname "$dest")"
	sed "s/@PHPV@/$phpv/g" "$top/packaging/debian/$f" > "$dest"
	[ -x "$top/packaging/debian/$f" ] && chmod +x "$dest"
done
cat > "$src/debian/README.Debian" <<README
$pkg for Debian
$(echo "$pkg for Debian" | sed 's/./-/g')

This php-fpm-scgi runs on Debian's PHP $phpv engine, /usr/lib/libphp$phpv.so
of libphp$phpv-embed: the engine, its extensions and their security updates
are Debian's, and arrive with apt upgrade without a rebuild of this package.

Its own code is FPM (the process manager) from PHP $fpm_version's sources with
php-fpm-scgi's patches, and the SCGI layer.  It was built against
libphp$phpv-embed $engine_version.
$( [ -n "$skew" ] && printf '%s\n' "
FPM's sources here are older than the engine: fixes that PHP releases after
$fpm_version made to FPM's own code (sapi/fpm) are not in this package until it
is rebuilt from a newer PHP $phpv tarball (see php-fpm-scgi's README.md).")

Configuration: /etc/php/$phpv/fpm-scgi (php.ini, php-fpm-scgi.conf, pool.d/),
extensions with "phpenmod -v $phpv -s fpm-scgi NAME", the service
$pkg.service, the pool's socket /run/php/$pkg.sock.  nginx:
/etc/nginx/snippets/scgi-php.conf; Apache: a2enmod proxy_scgi && a2enconf $pkg.
README

# The PHP license in full, as copyright's last paragraph
sed -e 's/^$/./' -e 's/^/ /' "$top/LICENSE" >> "$src/debian/copyright"
cat > "$src/debian/changelog" <<CHANGELOG
$pkg ($DEB_VERSION) $suite; urgency=medium

  * Built from php-fpm-scgi $(git -C "$top" describe --always --dirty 2>/dev/null || echo unknown)
    against Debian's PHP $phpv engine.

 -- php-fpm-scgi maintainers <maintainers@users.noreply.github.com>  $(date -R)
CHANGELOG

say "dpkg-buildpackage $pkg $DEB_VERSION in a clean $suite root"
if ! "$top/packaging/debroot.sh" run "$work/root" sh -c "cd /build/$pkg-$DEB_VERSION && dpkg-buildpackage -b -us -uc" \
	> "$out/build.log" 2>&1; then
	tail -n 40 "$out/build.log" >&2
	die "dpkg-buildpackage failed (whole log: $out/build.log)"
fi
"$top/packaging/debroot.sh" run "$work/root" sh -c "cd /build && lintian --display-info --pedantic --show-overrides ${pkg}_${DEB_VERSION}_*.changes" \
	> "$out/lintian.log" 2>&1 || true
rm -f "$out/${pkg}_"*.deb
cp "$work/root/build/${pkg}_${DEB_VERSION}_"*.deb "$work/root/build/${pkg}_${DEB_VERSION}_"*.buildinfo \
	"$work/root/build/${pkg}_${DEB_VERSION}_"*.changes "$out/"
# the engine the package was built against, for the tests
echo "$engine_version" > "$out/engine-version"
say "$(ls "$out/${pkg}_${DEB_VERSION}_"*.deb)"
say "lintian: $(grep -c '^[EW]:' "$out/lintian.log" || true) errors/warnings (see $out/lintian.log)"
