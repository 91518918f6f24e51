#!/bin/sh
# The regression tests that Debian LTS's security fixes brought with them
# (listed at assembly in TREE/.scgi/debian-fix-tests), run on our tree.
# Tests of extensions this build leaves out (mysqli, pgsql, ldap, soap ...)
# are reported as skipped, with that reason.
set -u
. "$SCGI_TOP/tests/lib/phpt.sh"
list="$SCGI_TREE/.scgi/debian-fix-tests"
if [ ! -f "$list" ]; then
	echo "FAIL: security: no list of the Debian fixes' tests in $list"
	exit 0
fi
if [ ! -s "$SCGI_TREE/.scgi/debian-fixes-applied" ]; then
	# PHP 8.2: Debian ships its security fixes as new upstream releases
	echo "SKIP: security: this series applies no Debian security fixes (its fixes are upstream releases)"
	exit 0
fi
modules=$("$SCGI_TREE/sapi/cli/php" -n -m | tr 'A-Z' 'a-z')
tests=
for t in $(cat "$list"); do
	[ -f "$SCGI_TREE/$t" ] || continue
	case "$t" in
	ext/standard/tests/image/bug75708.phpt)
		# Debian's patch adds the test's JPEG as a git binary diff, which
		# patch(1) cannot apply; the fixed code is compiled all the same
		echo "SKIP: security $t: its fixture bug75708.jpg comes as a git binary diff that patch(1) cannot apply"
		continue
		;;
	ext/*)
		ext=$(echo "$t" | cut -d/ -f2)
		if ! echo "$modules" | grep -qx "$ext"; then
			echo "SKIP: security $t: extension $ext is not in this build"
			continue
		fi
		;;
	esac
	tests="$tests $t"
done
# shellcheck disable=SC2086
run_phpt $tests
