#!/bin/sh
# C unit tests of the SCGI parser (table-driven), under ASan+UBSan.
set -u
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
make -s -C "$SCGI_TOP/tests/unit" check O="$out"
