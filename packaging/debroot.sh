#!/bin/sh
# Debian roots for building and testing the packages: debootstrap once, keep
# the result as a tarball in the cache, unpack a fresh copy per use.
#
#   packaging/debroot.sh tarball SUITE [EXTRA_PACKAGES] print the cached root's tarball,
#                                                       making it if missing
#   packaging/debroot.sh unpack TARBALL DIR            a fresh root in DIR
#   packaging/debroot.sh run DIR COMMAND...            COMMAND in the root (chroot, /proc mounted)
#   packaging/debroot.sh mount|umount DIR              /proc for daemons that outlive one run
#
# The mirror is the one the machine's own apt sources name; it is written
# only into the roots, never into the repository or the system's apt config.
# A root's services never start by themselves (policy-rc.d says no): tests
# start daemons the way their units would.
set -eu

cache=${PHP_SCGI_CACHE:-/var/cache/php-fpm-scgi}/debroot
say() { echo "debroot: $*" >&2; }
die() { say "error: $*"; exit 1; }

# The Debian mirror URIs of the machine's apt sources: deb822 and one-line.
system_mirror() {
	{
		awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:\/\//) { print $i; break } }' \
			/etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true
		awk '$1 == "URIs:" { for (i = 2; i <= NF; i++) print $i }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true
	} | sed 's:/*$::' | grep -E "/$1\$" | head -n 1
}

# run DIR COMMAND...: COMMAND chrooted into DIR, with /proc.  A /proc that
# was mounted before (debroot.sh mount, for daemons that outlive one
# command) stays; one mounted here is unmounted whatever COMMAND does.
run() {
	dir=$1; shift
	mounted_here=
	if ! mountpoint -q "$dir/proc"; then
		mount -t proc proc "$dir/proc"
		mounted_here=1
	fi
	rc=0
	LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		chroot "$dir" "$@" || rc=$?
	if [ -n "$mounted_here" ]; then
		umount "$dir/proc" 2>/dev/null || umount -l "$dir/proc" 2>/dev/null || true
	fi
	return $rc
}

# apt_sources DIR SUITE: main, updates and security of SUITE from the host's mirrors
apt_sources() {
	main=$(system_mirror debian) security=$(system_mirror debian-security)
	[ -n "$main" ] || die "no Debian mirror in the machine's apt sources"
	{
		echo "deb $main $2 main"
		echo "deb $main $2-updates main"
		[ -n "$security" ] && echo "deb $security $2-security main"
	} > "$1/etc/apt/sources.list"
}

unpack() {
	[ -f "$1" ] || die "no root tarball $1"
	mkdir -p "$2"
	tar -C "$2" -xpf "$1"
	# daemons are started by the tests, never by package scripts
	printf '#!/bin/sh\nexit 101\n' > "$2/usr/sbin/policy-rc.d"
	chmod 755 "$2/usr/sbin/policy-rc.d"
	cp /etc/resolv.conf "$2/etc/resolv.conf" 2>/dev/null || true
}

tarball() {
	suite=$1 extra=${2:-}
	name=$suite-minbase
	[ -n "$extra" ] && name=$name-$(printf '%s' "$extra" | tr ' ' '\n' | sort | tr '\n' ' ' | sha256sum | cut -c1-12)
	out=$cache/$name.tar
	if [ -f "$out" ]; then echo "$out"; return 0; fi
	command -v debootstrap >/dev/null || apt-get install -y -q debootstrap >&2 || die "cannot install debootstrap"
	mkdir -p "$cache"
	work=$(mktemp -d "$cache/.make.XXXXXX")
	trap 'umount "$work/root/proc" 2>/dev/null || true; rm -rf --one-file-system "$work"' EXIT
	if [ -z "$extra" ]; then
		mirror=$(system_mirror debian)
		[ -n "$mirror" ] || die "no Debian mirror in the machine's apt sources"
		say "debootstrap --variant=minbase $suite (once; cached in $out)"
		debootstrap --variant=minbase "$suite" "$work/root" "$mirror" > "$work/log" 2>&1 \
			|| { tail -n 20 "$work/log" >&2; die "debootstrap $suite failed"; }
		apt_sources "$work/root" "$suite"
		run "$work/root" apt-get -q update >&2
		run "$work/root" apt-get -q -y dist-upgrade >&2
	else
		base=$(tarball "$suite")
		unpack "$base" "$work/root"
		say "$suite root with: $extra (once; cached in $out)"
		# shellcheck disable=SC2086
		run "$work/root" apt-get -q -y install --no-install-recommends $extra >&2
	fi
	run "$work/root" apt-get clean
	rm -f "$work/root/usr/sbin/policy-rc.d"
	tar -C "$work/root" -cf "$out.part" . && mv "$out.part" "$out"
	rm -rf --one-file-system "$work"; trap - EXIT
	echo "$out"
}

cmd=${1:?usage: debroot.sh tarball|unpack|run ...}; shift
case "$cmd" in
tarball) tarball "$@" ;;
unpack) unpack "$@" ;;
run) run "$@" ;;
mount) mountpoint -q "$1/proc" || mount -t proc proc "$1/proc" ;;
umount) ! mountpoint -q "$1/proc" || umount "$1/proc" || umount -l "$1/proc" ;;
sources) apt_sources "$@" ;;
*) die "unknown command $cmd" ;;
esac
