"""Unit tests of the per-request profiles' plumbing (bench/scgibench/
profiling.py, webprofile.py): reading `strace -c` tables, and which
variants the web-side profile measures."""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench"))

from scgibench.profiling import strace_counts  # noqa: E402
from scgibench.webprofile import web_variants  # noqa: E402

# what strace 6.1 (Debian 12) writes for `strace -c -f`
STRACE_C = """\
% time     seconds  usecs/call     calls    errors syscall
------ ----------- ----------- --------- --------- ----------------
 69.14    0.004618        2309         2         1 wait4
  9.90    0.000661          17        38           mmap
  8.11    0.000542          13        41        19 openat
  0.00    0.000000           0         1           getppid
------ ----------- ----------- --------- --------- ----------------
100.00    0.006679          31        82        20 total
"""


class StraceCounts(unittest.TestCase):
    def test_calls_per_syscall_with_and_without_errors(self):
        self.assertEqual(strace_counts(STRACE_C.splitlines()),
                         {"wait4": 2, "mmap": 38, "openat": 41, "getppid": 1})

    def test_total_line_is_not_a_syscall(self):
        self.assertNotIn("total", strace_counts(STRACE_C.splitlines()))

    def test_nothing_traced_is_no_syscalls(self):
        # strace stopped before the first call: only the header
        self.assertEqual(strace_counts(STRACE_C.splitlines()[:2]), {})

    def test_a_syscall_listed_twice_is_summed(self):
        # strace -c -p A -p B writes one table; a hand-joined pair of tables
        # must not keep only the last count
        lines = STRACE_C.splitlines()
        self.assertEqual(strace_counts(lines + lines)["mmap"], 76)


class WebVariants(unittest.TestCase):
    def test_every_web_server_fastcgi_and_scgi(self):
        v = web_variants(["nginx", "apache", "lighttpd"], stock=None)
        self.assertEqual(v, ["nginx-fcgi", "nginx-fcgi-ka", "nginx-scgi", "apache-fcgi", "apache-fcgi-reuse",
                             "apache-scgi", "lighttpd-fcgi", "lighttpd-scgi"])

    def test_stock_php_fpm_stands_for_php_fpm_behind_nginx(self):
        # php-fpm as its users have it, when there is a stock build
        v = web_variants(["nginx"], stock="/some/prefix")
        self.assertEqual(v, ["nginx-scgi", "nginx-fcgi-stock", "nginx-fcgi-stock-ka"])


if __name__ == "__main__":
    unittest.main()
