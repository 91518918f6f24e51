#!/bin/sh
# C unit tests (table-driven) of the SCGI parser, environment, CGI variables
# and listen.allowed_clients, under ASan+UBSan.
set -u
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
make -s -C "$SCGI_TOP/tests/unit" check O="$out"
