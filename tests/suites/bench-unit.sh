#!/bin/sh
# Unit tests of the benchmark's statistics (t intervals, geometric means,
# per-round ratios, the cell summaries behind BENCHMARKS.md's numbers):
# python3's unittest, no build and no server needed, under a second.
set -u
python3 "$SCGI_TOP/tests/bench/run_unit.py"
