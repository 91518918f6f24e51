#!/bin/sh
# FPM's own tests (sapi/fpm/tests) on our tree: php-fpm must behave exactly
# as on pristine upstream with Debian's fixes.  Each test prints its result;
# then one check compares every test's result with the one it has on that
# pristine tree, recorded in upstream/X.Y/fpm-tests-baseline (a test skipped here
# that passes upstream is a difference too).
set -u
. "$SCGI_TOP/tests/lib/phpt.sh"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
run_phpt sapi/fpm/tests > "$out"
status=$?
trap 'exit 1' INT TERM HUP
cat "$out"

# the baseline of the tree's PHP series (upstream/7.4/...)
have=$(sed -n 's/^# *define PHP_VERSION "\(.*\)"/\1/p' "$SCGI_TREE/main/php_version.h" 2>/dev/null)
baseline="$SCGI_TOP/upstream/${have%.*}/fpm-tests-baseline"
want=$(sed -n 's/^PHP_VERSION=//p' "$baseline" 2>/dev/null)
if [ ! -s "$baseline" ]; then
	echo "SKIP: fpm results as on upstream: no upstream/${have%.*}/fpm-tests-baseline for PHP $have (make one as its header says)"
elif [ "$want" != "$have" ]; then
	echo "SKIP: fpm results as on upstream: ${baseline#$SCGI_TOP/} is for PHP $want, the tree is $have"
else
	# "TEST RESULT[|RESULT]" per test in the baseline; here the result
	# of each "[TEST]" line of run_phpt
	diffs=$(sed -n 's/^\(PASS\|FAIL\|SKIP\): phpt .*\[\(sapi\/fpm\/tests\/[^]]*\)\].*/\2 \1/p' "$out" |
		awk '
			NR == FNR { if ($0 !~ /^#/ && $0 !~ /=/ && NF == 2) want[$1] = $2; next }
			{ have[$1] = $2 }
			END {
				for (t in want) {
					if (!(t in have)) print t ": upstream " want[t] ", not run here"
					else if (("|" want[t] "|") !~ ("\\|" have[t] "\\|"))
						print t ": upstream " want[t] ", here " have[t]
				}
				for (t in have) if (!(t in want)) print t ": here " have[t] ", not in the baseline"
			}' "$baseline" - | sort)
	n=$(grep -c '^sapi/fpm/tests/' "$baseline")
	if [ -n "$diffs" ]; then
		echo "FAIL: fpm results as on upstream $want: $(printf '%s\n' "$diffs" | paste -sd ';' -)"
	else
		echo "PASS: fpm results as on upstream $want: all $n tests as in ${baseline#$SCGI_TOP/}"
	fi
fi
exit $status
