#!/bin/sh
# The benchmark harness works: one tiny sweep (pool 1, c 1 and 8, hello and
# a 1 MiB POST, one round of 1 s) through every variant, the per-request
# profiles (both sides of 200 hello requests through each web server), then its results
# are checked for completeness and correctness, never for speed.
# This tree's php-fpm stands in for the stock build (make stock is not part
# of make check): what is tested is the harness's plumbing of the stock
# variants, not stock php-fpm.
set -u
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if BENCH=full BENCH_POOLS=1 BENCH_CONCS=1,8 BENCH_WORKLOADS=hello,post1m BENCH_OPCACHE=on \
	BENCH_ROUNDS=1 BENCH_DURATION=1 BENCH_WEB_REQUESTS=200 BENCH_RESULTS="$out" BENCH_STOCK_PREFIX="$SCGI_PREFIX" \
	"$SCGI_TOP/bench/run.sh" "$SCGI_PREFIX" > "$out/run.log" 2>&1; then
	echo "PASS: bench a tiny full-mode run completes"
else
	tail -30 "$out/run.log"
	echo "FAIL: bench the tiny full-mode run failed (log above)"
	exit 0
fi
python3 "$SCGI_TOP/tests/bench/check_results.py" "$out"
