#!/bin/sh
# libFuzzer on the whole SCGI request layer (tests/fuzz/fuzz_scgi_conn.c:
# scgi_conn.c and the files it is built on, over a real unix socket), under
# ASan + UBSan + LSan, for FUZZ_SECONDS (default 30).
#
#   SCGI_TOP=. tests/suites/fuzz-conn.sh
#   FUZZ_SECONDS=3600 FUZZ_JOBS=2 SCGI_TOP=. tests/suites/fuzz-conn.sh   # for hours: raise both
#
# Built and run in a temp dir, on a scratch copy of tests/fuzz/corpus-conn;
# FUZZ_ARTIFACTS=DIR keeps crash inputs there (they are also printed in hex).
# Reproduce a crash: the printed command, with the crash file as argument.
set -u
top=${SCGI_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
src="$top/sapi/fpm-scgi"
seconds=${FUZZ_SECONDS:-30}
jobs=${FUZZ_JOBS:-1}
out=$(mktemp -d "${TMPDIR:-/tmp}/fuzz_scgi_conn.XXXXXX") || { echo "FAIL: fuzz scgi_conn: mktemp"; exit 1; }
fuzz_pid=""
cleanup() {
	trap - EXIT INT TERM HUP
	if [ -n "$fuzz_pid" ]; then
		kill -TERM "$fuzz_pid" 2>/dev/null
		wait "$fuzz_pid" 2>/dev/null
	fi
	rm -rf "$out"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

if ! command -v clang > /dev/null; then
	echo "SKIP: fuzz scgi_conn: clang is not installed (Debian: clang libclang-rt-14-dev)"
	exit 0
fi
if ! clang -std=c99 -O1 -g -Wall -Wextra -Werror \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-I "$src" -o "$out/fuzz_scgi_conn" \
		"$top/tests/fuzz/fuzz_scgi_conn.c" "$src/scgi_conn.c" "$src/scgi_allowed_clients.c" \
		"$src/scgi_cgi_vars.c" "$src/scgi_env.c" "$src/scgi_parser.c" "$src/scgi_output.c" \
		-lpthread > "$out/build.log" 2>&1; then
	cat "$out/build.log"
	echo "FAIL: fuzz scgi_conn: does not build with clang -fsanitize=fuzzer,address,undefined (see above)"
	exit 1
fi

mkdir -p "$out/corpus" "$out/artifacts"
cd "$out" || exit 1
cp "$top/tests/fuzz/corpus-conn/"* "$out/corpus/"
artifacts=${FUZZ_ARTIFACTS:-$out/artifacts}
mkdir -p "$artifacts"
args="-max_total_time=$seconds -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=$artifacts/"
if [ "$jobs" -gt 1 ]; then
	args="$args -jobs=$jobs -workers=$jobs"
fi
# libFuzzer stops itself at max_total_time; timeout is the backstop
# shellcheck disable=SC2086
timeout -k 10 $((seconds + 60)) "$out/fuzz_scgi_conn" $args "$out/corpus" > "$out/log" 2>&1 &
fuzz_pid=$!
wait "$fuzz_pid"
status=$?
fuzz_pid=""
if [ "$jobs" -gt 1 ]; then
	cat "$out"/fuzz-*.log >> "$out/log" 2>/dev/null
fi
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log" | awk '{s += $1} END {print s + 0}')
crash=$(ls "$artifacts" 2>/dev/null | head -n 1)
if [ $status -eq 0 ] && [ -z "$crash" ] && [ "$execs" -gt 0 ]; then
	echo "PASS: fuzz scgi_conn $execs executions in ${seconds}s, no crash, no leak, invariants held"
else
	sed '/Recommended dictionary/,/End of recommended dictionary/d' "$out/log" | grep -v '^#' | tail -n 40
	if [ -n "$crash" ]; then
		echo "crash input $crash (hex, first 2 KiB):"
		head -c 2048 "$artifacts/$crash" | od -A d -t x1 | head -n 40
		echo "reproduce: build as above, then ./fuzz_scgi_conn CRASH_FILE"
	fi
	echo "FAIL: fuzz scgi_conn: status $status after $execs executions${crash:+, crash input $crash}"
fi
