#!/bin/sh
# Run every test suite against the built tree and installed prefix, and end
# with one line "N passed, N failed, N skipped".
#
#   tests/run-all.sh TREE PREFIX
#
# Each suite prints lines "PASS: name", "FAIL: name: why" or
# "SKIP: name: why"; a suite that dies counts as one failure.
# SUITES="unit phpt" runs a subset; FUZZ_SECONDS bounds the fuzzers.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
tree=$(cd "${1:?usage: run-all.sh TREE PREFIX}" && pwd)
prefix=$(cd "${2:?usage: run-all.sh TREE PREFIX}" && pwd)
suites=${SUITES:-unit bench-unit fuzz fuzz-conn zend phpt fpm security systemd e2e differential faults apps bench deb}
results=$(mktemp)

export SCGI_TREE="$tree" SCGI_PREFIX="$prefix" SCGI_TOP="$top"

out=$(mktemp)
trap 'rm -f "$results" "$out"' EXIT INT TERM
for suite in $suites; do
	script="$top/tests/suites/$suite.sh"
	echo "=== suite $suite"
	start=$(date +%s)
	if [ ! -x "$script" ]; then
		echo "FAIL: suite $suite: $script missing" | tee -a "$results"
		continue
	fi
	# a suite is bounded: past its bound it fails rather than hang CI
	timeout -k 10 "${SUITE_TIMEOUT:-1800}" "$script" > "$out" 2>&1
	status=$?
	cat "$out"
	grep -E '^(PASS|FAIL|SKIP): ' "$out" >> "$results"
	if [ $status -ne 0 ] && ! grep -q '^FAIL: ' "$out"; then
		echo "FAIL: suite $suite: exited with status $status" | tee -a "$results"
	fi
	echo "=== suite $suite done in $(( $(date +%s) - start ))s"
done

passed=$(grep -c '^PASS: ' "$results")
failed=$(grep -c '^FAIL: ' "$results")
skipped=$(grep -c '^SKIP: ' "$results")
if [ "$failed" -gt 0 ]; then
	echo "--- failures:"
	grep '^FAIL: ' "$results"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
