#!/bin/sh
# C unit tests (table-driven) of the SCGI parser, environment, CGI variables
# and listen.allowed_clients, under ASan+UBSan; and the build driver's
# checksum check (tests/tools), which needs no build either.
set -u
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# a test that does not build or stops early prints no FAIL line of its own
make -s -C "$SCGI_TOP/tests/unit" check O="$out" \
	|| echo "FAIL: unit: the unit tests did not build or did not run to the end (see above)"
# the build driver stops on a tarball with the wrong sha256 (no build needed)
"$SCGI_TOP/tests/tools/fetch-checksum.sh"
