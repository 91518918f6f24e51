# Run a suite's Python driver under a time bound, for tests/suites/*.sh.
# Sourced; then: pysuite NAME SCRIPT SECONDS.  The driver stops what it
# started by pid and removes its temp dir when it gets TERM (from timeout(1),
# or from here when the suite itself is interrupted).

pysuite() {
	if ! command -v python3 > /dev/null; then
		echo "SKIP: $1: python3 not installed"
		return 0
	fi
	pysuite_pid=""
	trap 'pysuite_stop' EXIT
	trap 'exit 1' INT TERM HUP
	timeout -k 10 "$3" python3 "$2" &
	pysuite_pid=$!
	wait "$pysuite_pid"
	pysuite_status=$?
	pysuite_pid=""
	if [ $pysuite_status -eq 124 ] || [ $pysuite_status -eq 137 ]; then
		echo "FAIL: $1: did not finish within ${3}s"
	fi
	return $pysuite_status
}

pysuite_stop() {
	trap - EXIT INT TERM HUP
	if [ -n "$pysuite_pid" ] && kill -TERM "$pysuite_pid" 2>/dev/null; then
		wait "$pysuite_pid" 2>/dev/null
	fi
}
