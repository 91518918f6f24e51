#!/bin/sh
# The benchmark: CGI vs FastCGI vs SCGI, from one build.
#
#   bench/run.sh PREFIX              quick mode (< 5 minutes on 2 cores)
#   BENCH=full bench/run.sh PREFIX   the whole sweep (pools 1..16 x c 1..128, hours)
#   BENCH=profile bench/run.sh PREFIX  only instructions and syscalls per request
#   BENCH=servers bench/run.sh PREFIX  the sweep through nginx, Apache and lighttpd
#                                      (pools 1,4,16 x c 1..128, 5 workloads; ~25 min)
#
# `make bench` also builds stock php-fpm (tools/build-stock.sh) and passes
# it as BENCH_STOCK_PREFIX; without it the stock variant is left out.
#
# Everything runs from generated configs in a scratch directory
# (BENCH_KEEP=1 keeps it), on 127.0.0.1 ports and unix sockets; every server
# is a child process killed by PID on every way out.  Results go to
# bench/runs/<timestamp>.{json,md}, bench/runs/<timestamp>/runs.json.gz
# (the single runs) and bench/runs/<timestamp>/*.svg (BENCH_RESULTS=DIR to
# put them elsewhere); bench/runs/ is ignored by git, bench/results/ keeps
# the runs BENCHMARKS.md quotes.  BENCH_NICE=-10 (as root) runs
# every server and client at that priority, so that other work on the
# machine disturbs the numbers less.  See bench/BENCHMARKS.md.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix=$(cd "${1:?usage: bench/run.sh PREFIX}" && pwd)
mode=${BENCH:-quick}
results=${BENCH_RESULTS:-$here/runs}

case $mode in quick|full|profile|servers) ;; *) echo "bench: BENCH must be quick, full, profile or servers" >&2; exit 2 ;; esac
for b in sbin/php-fpm sbin/php-fpm-scgi bin/php-cgi bin/php; do
	[ -x "$prefix/$b" ] || { echo "bench: $prefix/$b missing; run make build" >&2; exit 1; }
done
for t in nginx lighttpd apache2 wrk valgrind callgrind_annotate strace python3 cc; do
	command -v "$t" >/dev/null || { echo "bench: $t is needed (apt-get install nginx-light lighttpd apache2 wrk valgrind strace)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/php-scgi-bench.XXXXXX)
chmod 755 "$work"
pid=
cleanup() {
	rc=$?
	trap - INT TERM HUP EXIT
	if [ -n "$pid" ]; then
		kill -TERM "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	if [ "${BENCH_KEEP:-0}" = 1 ] || [ $rc -ne 0 ]; then
		echo "bench: scratch directory kept: $work" >&2
	else
		rm -rf "$work"
	fi
	exit $rc
}
trap cleanup INT TERM HUP EXIT

cc -O2 -pthread -o "$work/loadgen" "$here/loadgen.c"

# The driver kills its own servers by PID; this shell only has to stop it.
# BENCH_STOCK_PREFIX (make bench sets it): php-fpm built without our patches
# to code it shares, measured beside the others (tools/build-stock.sh)
stock=
if [ -n "${BENCH_STOCK_PREFIX:-}" ]; then
	stock=$(cd "$BENCH_STOCK_PREFIX" && pwd)
fi
python3 "$here/bench.py" --prefix "$prefix" --loadgen "$work/loadgen" --work "$work" \
	--results "$results" --mode "$mode" ${stock:+--stock-prefix "$stock"} \
	--command "BENCH=$mode make bench" &
pid=$!
wait "$pid"
