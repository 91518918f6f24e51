# run_phpt DIR...: run-tests.php on DIR in the built tree, each result as a
# "PASS: / FAIL: / SKIP:" line.  Sourced by tests/suites/*.sh.
run_phpt() {
	log=$(mktemp)
	(cd "$SCGI_TREE" && TEST_FPM_RUN_AS_ROOT=1 NO_INTERACTION=1 REPORT_EXIT_STATUS=0 NO_COLOR=1 \
		TEST_PHP_EXECUTABLE="$SCGI_TREE/sapi/cli/php" \
		"$SCGI_TREE/sapi/cli/php" -n run-tests.php -q -n --show-diff \
		-d extension_dir="$SCGI_TREE/modules" ${PHPT_ARGS:-} "$@") > "$log" 2>&1
	status=$?
	awk '
		{ sub(/^.*\r/, "") }
		/^=+$/ { summary = 0 }
		/^FAILED TEST SUMMARY/ { summary = 1 }
		summary { next }
		/^(PASS|FAIL|SKIP|BORK|LEAK|XFAIL|WARN) / {
			kind = $1; sub(/^[A-Z]+ /, "")
			if (kind == "PASS" || kind == "XFAIL" || kind == "WARN") print "PASS: phpt " $0
			else if (kind == "SKIP") print "SKIP: phpt " $0
			else print "FAIL: phpt " kind " " $0
			next
		}
		{ print "    " $0 }
	' "$log"
	rm -f "$log"
	return $status
}
