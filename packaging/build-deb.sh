#!/bin/sh
# Build phpX.Y-fpm-scgi_<version>_<arch>.deb with Debian's tools, in a
# clean Debian root (as a buildd would).
#
#   packaging/build-deb.sh TREE OUT_DIR
#
# TREE is an assembled PHP tree (tools/assemble.sh): FPM's sources with our
# patches in sapi/fpm, the SAPI in sapi/fpm-scgi.  PHP (the series, e.g.
# 8.2) and DEB_SUITE (bookworm) select the package; DEB_VERSION overrides
# the package version (default: from git).  Leaves in OUT_DIR the .deb, the
# .buildinfo/.changes, build.log and lintian.log.
#
# The engine: PHP 8.2 links to Debian's (libphp8.2-embed, packaging/distro);
# PHP 7.4 carries the pinned tree's own (packaging/own-engine), since the
# archive here does not serve bullseye's libphp7.4-embed of the pin's
# version.  The own engine compiles with ccache, its cache in
# $PHP_SCGI_CACHE/ccache-SUITE.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cache_dir=${PHP_SCGI_CACHE:-/var/cache/php-fpm-scgi}
tree=$(cd "${1:?usage: build-deb.sh TREE OUT_DIR}" && pwd)
out=${2:?usage: build-deb.sh TREE OUT_DIR}
phpv=${PHP:?PHP=X.Y}
suite=${DEB_SUITE:-}
case "$phpv" in
8.2) suite=${suite:-bookworm} engine=distro ;;
7.4) suite=${suite:-bullseye} engine=own-engine ;;
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

# the root has debian/control's Build-Depends (common and the engine's;
# profiles dropped), lintian, and for the own engine ccache
engine_build_deps=$(sed -e "s/@PHPV@/$phpv/g" -e 's/,//g' -e 's/<[^>]*>//g' "$top/packaging/$engine/build-depends")
[ "$engine" = own-engine ] && engine_build_deps="$engine_build_deps ccache"
# shellcheck disable=SC2086 # (one space between names: the root's cache key)
build_deps=$(echo build-essential debhelper fakeroot lintian libacl1-dev libapparmor-dev libsystemd-dev pkg-config $engine_build_deps)
rootball=$("$top/packaging/debroot.sh" tarball "$suite" "$build_deps")

mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/build-deb.XXXXXX")
cleanup() {
	umount "$work/root/proc" 2>/dev/null || true
	umount "$work/root/ccache" 2>/dev/null || true
	rm -rf --one-file-system "$work"
}
trap cleanup EXIT INT TERM

say "unpacking the $suite build root"
"$top/packaging/debroot.sh" unpack "$rootball" "$work/root"
# the newest engine of the suite: the one the package will run on
"$top/packaging/debroot.sh" run "$work/root" sh -c 'apt-get -q update && apt-get -q -y dist-upgrade' > "$work/update.log" 2>&1 \
	|| { tail -n 20 "$work/update.log" >&2; die "apt in the build root failed"; }

# the engine's version (for Depends, README.Debian and the tests)
fpm_version=$(sed -n 's/^#define PHP_VERSION "\(.*\)"/\1/p' "$tree/main/php_version.h")
skew=
if [ "$engine" = own-engine ]; then
	# the engine is the tree's: its security level is the pin's Debian
	# version, which the extensions it loads must have at least
	. "$top/tools/pin.sh"
	engine_version=$fpm_version
	debian_php=$("$top/packaging/debroot.sh" run "$work/root" dpkg-query -W -f='${Version}' "php$phpv-common")
	[ "$debian_php" = "$DEBIAN_VERSION" ] || say "warning: the pin has Debian's php$phpv $DEBIAN_VERSION, the $suite root php$phpv-common $debian_php"
else
	# Debian's: FPM's sources are the tree's; the engine is the newest the
	# suite serves.  Debian's php8.2 gets security fixes as upstream
	# releases whose source the archive here may not serve: say so when
	# FPM is older than the engine.
	engine_version=$("$top/packaging/debroot.sh" run "$work/root" dpkg-query -W -f='${Version}' "libphp$phpv-embed")
	case "$engine_version" in
	"$fpm_version"-*) ;;
	*) skew=1
		say "warning: FPM's sources are PHP $fpm_version's, the engine is libphp$phpv-embed $engine_version:"
		say "  FPM fixes of the releases between are not in the package (see its README.Debian);"
		say "  PHP_TARBALL=php-${engine_version%%-*}.tar.xz PHP_SHA256=... builds FPM from that release" ;;
	esac
fi

# (one directory name for every version: the own engine's ccache hits
# whatever the package version)
src=$work/root/build/$pkg
if [ "$engine" = own-engine ]; then
	# the whole tree, as staged (make builds in TREE itself): the engine
	# is built from it
	stage=$(dirname "$tree")/stage/$(basename "$tree")
	[ -f "$stage/main/php_version.h" ] || die "no staged tree $stage (make tree)"
	mkdir -p "$(dirname "$src")"
	cp -a "$stage" "$src"
	mkdir -p "$src/packaging/distro"
	cp -a "$top/packaging/own-engine" "$src/packaging/own-engine"
	cp "$top/packaging/distro/fpm_scgi_distro.c" "$src/packaging/distro/"
else
	mkdir -p "$src/sapi/fpm"
	cp -a "$tree/sapi/fpm/fpm" "$src/sapi/fpm/fpm"
	cp "$tree/sapi/fpm/config.m4" "$src/sapi/fpm/config.m4"
	cp -a "$tree/sapi/fpm-scgi" "$src/sapi/fpm-scgi"
	cp -a "$top/packaging/distro/." "$src/"
	cp "$top/LICENSE" "$src/LICENSE"
fi

# debian/: the templates with this series' names, the engine's part of
# rules and control
subst() {
	sed -e "s/@PHPV@/$phpv/g" -e "s/@PHP_VERSION@/$fpm_version/g" -e "s/@DEBIAN_VERSION@/${DEBIAN_VERSION:-}/g" "$@"
}
mkdir -p "$src/debian/source"
for f in $(cd "$top/packaging/debian" && find . -type f); do
	dest=$src/debian/$(echo "$f" | sed "s/@PHPV@/$phpv/g")
	mkdir -p "$(dirname "$dest")"
	subst "$top/packaging/debian/$f" > "$dest"
	[ -x "$top/packaging/debian/$f" ] && chmod +x "$dest"
done
cp "$top/packaging/$engine/engine.mk" "$src/debian/engine.mk"
# lintian before 2.116 (bullseye's) reads an override's context without
# brackets and with the path first: "tag PATH WORDS" for "tag WORDS [PATH]"
if [ "$suite" = bullseye ]; then
	sed -i -e 's/^\([^#][^:]*: [^ ]*\) \(.*\) \[\(.*\)\]$/\1 \3 \2/' -e 's/^\([^#][^:]*: [^ ]*\) \[\(.*\)\]$/\1 \2/' \
		"$src/debian/$pkg.lintian-overrides"
fi
subst "$top/packaging/$engine/build-depends" > "$work/build-depends"
subst "$top/packaging/$engine/description" > "$work/description"
sed -i -e "/^@ENGINE_BUILD_DEPENDS@\$/{r $work/build-depends" -e 'd}' \
	-e "/^@ENGINE_DESCRIPTION@\$/{r $work/description" -e 'd}' "$src/debian/control"
! grep -n '@[A-Z_]*@' "$src/debian/control" || die "debian/control: a placeholder is left"

if [ "$engine" = own-engine ]; then
	engine_text="This php-fpm-scgi carries its own PHP $phpv engine, built from PHP $fpm_version
with the security fixes of Debian's php$phpv $DEBIAN_VERSION (the pin of
php-fpm-scgi's tree, upstream/$phpv/) and php-fpm-scgi's patches, and
configured with the built-in extensions of Debian's php$phpv programs.
Debian's php$phpv extension packages (/usr/lib/php, phpenmod) and OPcache
load into it; their security updates arrive with apt upgrade.  The engine's
own updates need a new build of this package from a newer pin.

Its built-in timezone database is PHP's own (Debian's php$phpv reads the
system's tzdata, through a patch of Debian's that is not applied here)."
	changelog_text="with its own PHP $fpm_version engine (Debian's $DEBIAN_VERSION fixes)."
else
	engine_text="This php-fpm-scgi runs on Debian's PHP $phpv engine, /usr/lib/libphp$phpv.so
of libphp$phpv-embed: the engine, its extensions and their security updates
are Debian's, and arrive with apt upgrade without a rebuild of this package.

Its own code is FPM (the process manager) from PHP $fpm_version's sources with
php-fpm-scgi's patches, and the SCGI layer.  It was built against
libphp$phpv-embed $engine_version.
$( [ -n "$skew" ] && printf '%s\n' "
FPM's sources here are older than the engine: fixes that PHP releases after
$fpm_version made to FPM's own code (sapi/fpm) are not in this package until it
is rebuilt from a newer PHP $phpv tarball (see php-fpm-scgi's README.md).")"
	changelog_text="against Debian's PHP $phpv engine."
fi
cat > "$src/debian/README.Debian" <<README
$pkg for Debian
$(echo "$pkg for Debian" | sed 's/./-/g')

$engine_text

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
    $changelog_text

 -- php-fpm-scgi maintainers <maintainers@users.noreply.github.com>  $(date -R)
CHANGELOG

ccache_env=
if [ "$engine" = own-engine ]; then
	mkdir -p "$cache_dir/ccache-$suite" "$work/root/ccache"
	mount --bind "$cache_dir/ccache-$suite" "$work/root/ccache"
	ccache_env="CCACHE_DIR=/ccache CCACHE_BASEDIR=/build/$pkg CCACHE_NOHASHDIR=1"
fi
say "dpkg-buildpackage $pkg $DEB_VERSION in a clean $suite root"
if ! "$top/packaging/debroot.sh" run "$work/root" sh -c "cd /build/$pkg && $ccache_env dpkg-buildpackage -b -us -uc" \
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
