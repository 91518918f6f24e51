#!/bin/sh
# Obtain the pinned upstream PHP tarball of the series $PHP (tools/pin.sh)
# and Debian's archive of that source package, verify both by sha256, and
# leave them in the cache directory.  Prints the two paths, one a line (the
# second line is empty when the pin takes nothing from Debian's archive).
#
#   [PHP=8.2] tools/fetch-upstream.sh CACHE_DIR
#
# Routes for PHP, in order: $PHP_TARBALL (checked against the pin, or
# against $PHP_SHA256 for a newer release the user names), the cache,
# Debian's source package through a private apt state dir (mirror taken
# from the machine's own apt sources, suite from the pin), php.net.  Routes
# for the Debian archive: $DEBIAN_TARBALL, the cache, apt.  Whatever the
# route, the checksum decides.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tools/pin.sh"
cache=${1:?usage: fetch-upstream.sh CACHE_DIR}
mkdir -p "$cache"

php_file="$cache/php-$PHP_VERSION.tar.xz"
[ -n "${PHP_TARBALL:-}" ] && php_file="$cache/$(basename "$PHP_TARBALL")"
deb_file="$cache/${DEBIAN_PACKAGE}_$DEBIAN_VERSION.debian.tar.xz"

say() { echo "fetch-upstream: $*" >&2; }
die() { say "error: $*"; exit 1; }

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# install_verified SRC DEST SHA: copy SRC into the cache only if its sum is SHA
install_verified() {
	sum=$(sha256_of "$1")
	if [ "$sum" != "$3" ]; then
		die "checksum mismatch for $1: expected $3, got $sum"
	fi
	cp "$1" "$2.tmp.$$" && mv "$2.tmp.$$" "$2"
}

cached_ok() { [ -f "$1" ] && [ "$(sha256_of "$1")" = "$2" ]; }

# --- private apt state: the pin's Debian suite, never the system's config
apt_dir="$cache/apt-$DEBIAN_SUITE"
apt_opts() {
	echo "-o Dir::Etc::SourceList=$apt_dir/sources.list -o Dir::Etc::SourceParts=/dev/null" \
	     "-o Dir::State=$apt_dir/state -o Dir::State::Lists=$apt_dir/lists" \
	     "-o Dir::Cache=$apt_dir/cache -o APT::Get::List-Cleanup=0 -o Acquire::Retries=3" \
	     "-o Debug::NoLocking=1"
}

# The mirror URIs the machine already uses: deb822 "URIs:" and one-line "deb".
system_mirrors() {
	{
		cat /etc/apt/sources.list 2>/dev/null | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:\/\//) { print $i; break } }'
		cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '$1 == "URIs:" { for (i = 2; i <= NF; i++) print $i }'
		cat /etc/apt/sources.list.d/*.list 2>/dev/null | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:\/\//) { print $i; break } }'
	} | sed 's:/*$::' | awk '!seen[$0]++'
}

apt_prepare() {
	[ -n "${apt_ready:-}" ] && return 0
	command -v apt-get >/dev/null || return 1
	main= security=
	for uri in $(system_mirrors); do
		case "$uri" in
		*/debian-security) [ -z "$security" ] && security=$uri ;;
		*/debian) [ -z "$main" ] && main=$uri ;;
		esac
	done
	[ -n "$main$security" ] || { say "no Debian mirror in the machine's apt sources"; return 1; }
	mkdir -p "$apt_dir/state" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
	keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	: > "$apt_dir/sources.list"
	[ -n "$main" ] && echo "deb-src [signed-by=$keyring] $main $DEBIAN_SUITE main" >> "$apt_dir/sources.list"
	[ -n "$security" ] && echo "deb-src [signed-by=$keyring] $security $DEBIAN_SUITE-security main" >> "$apt_dir/sources.list"
	say "updating private apt index from the machine's own Debian mirrors"
	# shellcheck disable=SC2046
	apt-get $(apt_opts) -q update >&2 || { say "apt update failed"; return 1; }
	apt_ready=1
}

# apt_uris SPEC: "'URI' name size SHA256:sum" lines that apt's signed index gives
apt_uris() {
	# shellcheck disable=SC2046
	apt-get $(apt_opts) -qq source --print-uris "$1" 2>/dev/null | grep "^'" || true
}

# apt_download URIS_LINES NAME_SUFFIX DEST: fetch the file whose name ends so
apt_download() {
	line=$(printf '%s\n' "$1" | awk -v s="$2" '{ n = $2; if (substr(n, length(n) - length(s) + 1) == s) { print; exit } }')
	[ -n "$line" ] || return 1
	uri=$(echo "$line" | cut -d"'" -f2)
	hash=$(echo "$line" | awk '{ print $4 }')
	say "downloading $(echo "$line" | awk '{ print $2 }')"
	/usr/lib/apt/apt-helper -o Acquire::Retries=3 -o APT::Sandbox::User=root download-file "$uri" "$3.part" "$hash" >&2 || return 1
	mv "$3.part" "$3"
}

fetch_php() {
	if [ -n "${PHP_TARBALL:-}" ]; then
		[ -f "$PHP_TARBALL" ] || die "PHP_TARBALL=$PHP_TARBALL does not exist"
		install_verified "$PHP_TARBALL" "$php_file" "$PHP_SHA256"
		return 0
	fi
	cached_ok "$php_file" "$PHP_SHA256" && return 0
	rm -f "$php_file"
	if apt_prepare; then
		# the pinned Debian version first: an index may list a newer one
		# that its pool does not serve (bookworm-security's php8.2)
		uris=$(apt_uris "$DEBIAN_PACKAGE=$DEBIAN_VERSION")
		[ -n "$uris" ] || uris=$(apt_uris "$DEBIAN_PACKAGE")
		if apt_download "$uris" "_$PHP_VERSION.orig.tar.xz" "$cache/orig.tar.xz"; then
			install_verified "$cache/orig.tar.xz" "$php_file" "$PHP_SHA256"
			rm -f "$cache/orig.tar.xz"
			return 0
		fi
	fi
	if command -v curl >/dev/null; then
		say "trying php.net"
		if curl -fsSL --retry 3 --connect-timeout 10 -o "$cache/php.part" \
			"https://www.php.net/distributions/php-$PHP_VERSION.tar.xz"; then
			install_verified "$cache/php.part" "$php_file" "$PHP_SHA256"
			rm -f "$cache/php.part"
			return 0
		fi
		rm -f "$cache/php.part"
	fi
	die "could not obtain php-$PHP_VERSION.tar.xz (sha256 $PHP_SHA256).
  Download it on a machine with internet access and run again with
  PHP_TARBALL=/path/to/php-$PHP_VERSION.tar.xz"
}

fetch_debian() {
	if [ -n "${DEBIAN_TARBALL:-}" ]; then
		[ -f "$DEBIAN_TARBALL" ] || die "DEBIAN_TARBALL=$DEBIAN_TARBALL does not exist"
		if [ "$(sha256_of "$DEBIAN_TARBALL")" != "$DEBIAN_SHA256" ] && [ "${PHP_SCGI_DEBIAN_NEWEST:-0}" != 1 ]; then
			die "DEBIAN_TARBALL has not the pinned sha256 $DEBIAN_SHA256 ($DEBIAN_VERSION);
  set PHP_SCGI_DEBIAN_NEWEST=1 to use it anyway"
		fi
		cp "$DEBIAN_TARBALL" "$deb_file"
		return 0
	fi
	cached_ok "$deb_file" "$DEBIAN_SHA256" && return 0
	apt_prepare || die "cannot reach Debian's archive for $DEBIAN_PACKAGE $DEBIAN_VERSION;
  name a saved copy with DEBIAN_TARBALL=/path/to/${DEBIAN_PACKAGE}_$DEBIAN_VERSION.debian.tar.xz"
	uris=$(apt_uris "$DEBIAN_PACKAGE=$DEBIAN_VERSION")
	if [ -n "$uris" ]; then
		apt_download "$uris" ".debian.tar.xz" "$cache/debian.part" || die "download of the Debian archive failed"
		install_verified "$cache/debian.part" "$deb_file" "$DEBIAN_SHA256"
		rm -f "$cache/debian.part"
		return 0
	fi
	newest=$(apt_uris "$DEBIAN_PACKAGE" | awk '{ print $2 }' | sed -n 's/^.*_\(.*\)\.debian\.tar\.xz$/\1/p')
	say "Debian no longer offers $DEBIAN_PACKAGE $DEBIAN_VERSION; its signed index offers ${newest:-nothing}."
	if [ "${PHP_SCGI_DEBIAN_NEWEST:-0}" != 1 ] || [ -z "$newest" ]; then
		die "update upstream/$PHP/pin to the new version, or run with PHP_SCGI_DEBIAN_NEWEST=1 to take
  $newest (authenticated by apt's signed index), or name a saved copy with DEBIAN_TARBALL=..."
	fi
	apt_download "$(apt_uris "$DEBIAN_PACKAGE")" ".debian.tar.xz" "$deb_file" || die "download of $newest failed"
	say "using $DEBIAN_PACKAGE $newest instead of the pinned $DEBIAN_VERSION"
}

fetch_php
# Debian's archive matters only where its security fixes are applied (7.4);
# a series whose fixes come as upstream releases (8.2) needs it only to be
# the pinned source package, not with a newer tarball the user names.
if [ -n "$DEBIAN_FIRST_FIX" ] || [ -z "$user_sha256" ]; then
	fetch_debian
else
	deb_file=
fi
echo "$php_file"
echo "$deb_file"
