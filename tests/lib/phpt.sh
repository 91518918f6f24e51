# run_phpt DIR...: run-tests.php on DIR in the built tree, each result as a
# "PASS: / FAIL: / SKIP:" line.  Sourced by tests/suites/*.sh.
#
# run-tests.php's results, and what they count as here:
#   PASS, XFAIL (failed the way its XFAIL section says), XLEAK (leaked as
#     its XLEAK section says) -> PASS: the test gave its declared result.
#   SKIP -> SKIP (its SKIPIF said why it did not run).
#   WARN alone -> SKIP, with run-tests' reason ("XFAIL section but test
#     passes"): the test ran and matched its EXPECT, yet declares itself
#     expected to fail, so the result says nothing about the code under
#     test (a known bug fixed, or a test upstream marked XFAIL for failing
#     intermittently).  It is no pass: run-tests lists it under "WARNED",
#     apart from the passed tests.  Nor a failure: run-tests leaves it out
#     of its failing exit status (REPORT_EXIT_STATUS counts FAILED, BORKED
#     and LEAKED only).
#   FAIL, BORK, LEAK, and any combination with one of them ("LEAK&FAIL",
#     "WARN&FAIL", ...) -> FAIL.
#
# run-tests.php runs in a session (so a process group) of its own: FPM's
# tester runs `kill -USR2 <pid>` with pid 0 when a master never wrote its pid
# file (its fixed port taken by another run, say), which signals the whole
# process group; that must end this run-tests, not the suite around it.
# A suite stopped by a signal stops that group; what is left of it at the
# end is stopped too.
run_phpt() {
	log=$(mktemp)
	(cd "$SCGI_TREE" && TEST_FPM_RUN_AS_ROOT=1 NO_INTERACTION=1 REPORT_EXIT_STATUS=0 NO_COLOR=1 \
		TEST_PHP_EXECUTABLE="$SCGI_TREE/sapi/cli/php" \
		exec setsid "$SCGI_TREE/sapi/cli/php" -n run-tests.php -q -n --show-diff \
		-d extension_dir="$SCGI_TREE/modules" ${PHPT_ARGS:-} "$@") > "$log" 2>&1 &
	phpt_pid=$!
	trap 'kill -TERM -- "-$phpt_pid" 2>/dev/null || kill -TERM "$phpt_pid" 2>/dev/null; rm -f "$log"; exit 1' INT TERM HUP
	wait "$phpt_pid"
	status=$?
	# a test script that outlived a killed run-tests (it spins on a master
	# that never started) is in that group too
	kill -KILL -- "-$phpt_pid" 2>/dev/null
	trap - INT TERM HUP
	awk '
		{ sub(/^.*\r/, "") }
		/^=+$/ { summary = 0 }
		/^[A-Z]+ TEST SUMMARY/ { summary = 1 }
		summary { next }
		/^(PASS|FAIL|SKIP|BORK|LEAK|XFAIL|XLEAK|WARN)(&[A-Z]+)* / {
			kind = $1; sub(/^[A-Z&]+ /, "")
			if (kind ~ /(^|&)(FAIL|BORK|LEAK)(&|$)/) print "FAIL: phpt " kind " " $0
			else if (kind == "WARN") print "SKIP: phpt " $0 " (run-tests WARN: no verdict)"
			else if (kind == "SKIP") print "SKIP: phpt " $0
			else if (kind == "PASS" || kind == "XFAIL" || kind == "XLEAK") print "PASS: phpt " $0
			else print "FAIL: phpt " kind " " $0
			next
		}
		{ print "    " $0 }
	' "$log"
	rm -f "$log"
	if [ "$status" -gt 128 ]; then
		echo "FAIL: phpt run-tests.php killed by signal $((status - 128)) before the end of: $*"
	fi
	return $status
}
