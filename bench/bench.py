#!/usr/bin/env python3
"""CGI vs FastCGI vs SCGI: the benchmark driver behind bench/run.sh.

Starts every server from generated configs in a scratch directory, on
127.0.0.1 free ports and unix sockets there, as ordinary child processes
that are killed by PID on every way out.  Variants are interleaved inside
each round and the rounds repeated, so each comparison is a ratio of two
numbers measured minutes apart on the same machine, reported with its
spread over the rounds.

    bench.py --prefix PREFIX --loadgen PATH --work DIR --results DIR [--mode quick|full|profile]
    bench.py --markdown-from RESULTS.json     write that run's .md again

Environment overrides: BENCH_ROUNDS, BENCH_DURATION (seconds, headline
cells), BENCH_SHORT (seconds, other cells), BENCH_POOLS, BENCH_CONCS,
BENCH_WORKLOADS, BENCH_OPCACHE (comma lists, full mode), BENCH_NICE
(priority for everything started).  The code is the package scgibench/,
one module per concern (its __init__.py lists them).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from scgibench.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
