#!/bin/sh
# The Zend engine's own phpt tests (Zend/tests) on our tree: patches/0011
# changes Zend's allocator, which every request of every SAPI goes through.
# Its own test, Zend/tests/gc_mem_caches_fresh_runs.phpt, comes with it.
set -u
. "$SCGI_TOP/tests/lib/phpt.sh"
PHPT_ARGS="-j${JOBS:-$(nproc)}" run_phpt Zend/tests
