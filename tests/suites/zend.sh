#!/bin/sh
# The Zend engine's own phpt tests (Zend/tests) on our tree, where our patch
# series changes the engine: patches/0011 (7.4) and 8.2/0011 change Zend's
# allocator, which every request of every SAPI goes through, and 7.4's 0013
# its class lookup, so all of Zend/tests run (their own tests come with
# them).  A series that changed no engine source would run only the Zend
# tests it adds: the ~4 000 others would test upstream's engine as upstream
# released it, at a cost CI cannot spare.
set -u
. "$SCGI_TOP/tests/lib/phpt.sh"
changes_zend=
added=
for p in $(cat "$SCGI_TREE/.scgi/patches-applied"); do
	if grep -q '^+++ b/Zend/.*\.[ch]\([[:space:]]\|$\)' "$SCGI_TOP/patches/$p"; then
		changes_zend="$changes_zend $p"
	fi
	added="$added$(sed -n 's|^+++ b/\(Zend/tests/[^[:space:]]*\.phpt\).*| \1|p' "$SCGI_TOP/patches/$p" | tr -d '\n')"
done
if [ -n "$changes_zend" ]; then
	PHPT_ARGS="-j${JOBS:-$(nproc)}" run_phpt Zend/tests
elif [ -n "$added" ]; then
	echo "    the series changes no engine source; the Zend tests it adds:$added"
	# shellcheck disable=SC2086
	run_phpt $added
else
	echo "SKIP: zend: the series changes no engine source and adds no Zend test"
fi
