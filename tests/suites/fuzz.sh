#!/bin/sh
# libFuzzer on the SCGI parser, bounded by FUZZ_SECONDS (default 30).
set -u
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
seconds=${FUZZ_SECONDS:-30}
if ! command -v clang >/dev/null; then
	echo "SKIP: fuzz scgi_parser: clang is not installed (Debian: clang libclang-rt-14-dev)"
	exit 0
fi
if make -s -C "$SCGI_TOP/tests/unit" fuzz-run O="$out" FUZZ_SECONDS="$seconds" > "$out/log" 2>&1; then
	echo "PASS: fuzz scgi_parser ${seconds}s: $(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$out/log" | grep -Eo '[0-9]+$' | tail -1) executions, no crash"
else
	tail -40 "$out/log"
	echo "FAIL: fuzz scgi_parser: crash or error (see above)"
fi
