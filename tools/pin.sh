# The pin of one PHP series, sourced by tools/*.sh after they set $top.
#
#   PHP=8.2 (default 7.4)      which series: upstream/$PHP/pin, patches/$PHP/series
#   PHP_TARBALL=... PHP_SHA256=...
#                              a newer release of that series, named by the user
#                              with its sha256 (php-X.Y.Z.tar.xz, as php.net
#                              names it): its version replaces the pinned one
#
# Sets PHP, pin_dir, series_dir and the pin's variables (PHP_VERSION,
# PHP_SHA256, DEBIAN_*).  Without a user tarball the pin is used as it is.

PHP=${PHP:-7.4}
pin_dir="$top/upstream/$PHP"
series_dir="$top/patches/$PHP"
if [ ! -f "$pin_dir/pin" ] || [ ! -f "$series_dir/series" ]; then
	echo "pin: no PHP $PHP here (upstream/$PHP/pin and patches/$PHP/series); series:" \
		$(cd "$top/upstream" && ls) >&2
	exit 1
fi
user_sha256=${PHP_SHA256:-}
. "$pin_dir/pin"
if [ -n "$user_sha256" ]; then
	[ -n "${PHP_TARBALL:-}" ] || { echo "pin: PHP_SHA256 names the sum of PHP_TARBALL=..., which is not set" >&2; exit 1; }
	user_version=$(basename "$PHP_TARBALL" | sed -n 's/^php-\([0-9][0-9.]*[0-9]\)\.tar\.\(xz\|gz\|bz2\)$/\1/p')
	case "$user_version" in
	"$PHP".*) ;;
	*)
		echo "pin: PHP_TARBALL=$PHP_TARBALL is not php-$PHP.N.tar.xz (or .gz, .bz2) of the series PHP=$PHP" >&2
		exit 1
		;;
	esac
	PHP_VERSION=$user_version
	PHP_SHA256=$user_sha256
fi
