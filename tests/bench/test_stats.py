"""Unit tests of the statistics behind the benchmark's headline numbers
(bench/scgibench/stats.py, summary.py): expected values are computed by
hand in the comments, t values come from Student's t table."""

import math
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench"))

from scgibench import stats, summary  # noqa: E402

# two-sided 95 % t quantiles, from a textbook table (e.g. NIST/SEMATECH
# e-Handbook of Statistical Methods, table 1.3.6.7.2, column 0.975)
TEXTBOOK_T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
                9: 2.262, 10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120,
                17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086, 24: 2.064, 25: 2.060, 29: 2.045, 30: 2.042,
                40: 2.021, 60: 2.000, 100: 1.984}


class T95(unittest.TestCase):
    def test_listed_degrees_match_the_table(self):
        # stats.T95 holds two decimals: within rounding of the table
        for df in stats.T95:
            self.assertAlmostEqual(stats.t95(df), TEXTBOOK_T95[df], delta=0.006, msg="df=%d" % df)

    def test_never_narrower_than_the_true_t(self):
        # between listed degrees (11, 13, 20, 25, ...) and past 30 the
        # interval may only err on the wide side
        for df, t in TEXTBOOK_T95.items():
            self.assertGreaterEqual(stats.t95(df), t - 0.006, msg="df=%d" % df)

    def test_between_listed_degrees_takes_the_smaller_ones(self):
        self.assertEqual(stats.t95(11), stats.T95[10])
        self.assertEqual(stats.t95(20), stats.T95[19])
        self.assertEqual(stats.t95(1000), stats.T95[30])

    def test_no_degrees_of_freedom_no_t(self):
        with self.assertRaises(ValueError):
            stats.t95(0)


class GeomeanCI95(unittest.TestCase):
    def test_two_ratios(self):
        # logs 0 and ln 4: mean ln 2 -> geometric mean 2; sample sd
        # ln4/sqrt2, so half width 12.71 * (ln4/sqrt2)/sqrt2 = 12.71 ln 2:
        # the interval is 2 * 2^(-/+12.71)
        g, lo, hi = stats.geomean_ci95([1.0, 4.0])
        self.assertAlmostEqual(g, 2.0)
        self.assertAlmostEqual(lo, 2.0 * 2 ** -12.71)
        self.assertAlmostEqual(hi / (2.0 * 2 ** 12.71), 1.0)

    def test_ratios_below_one(self):
        # 0.25 and 1: the same spread as above, around 0.5
        g, lo, hi = stats.geomean_ci95([0.25, 1.0])
        self.assertAlmostEqual(g, 0.5)
        self.assertAlmostEqual(lo, 0.5 * 2 ** -12.71)
        self.assertAlmostEqual(hi / (0.5 * 2 ** 12.71), 1.0)

    def test_all_below_one_stays_below_one(self):
        g, lo, hi = stats.geomean_ci95([0.8, 0.9, 0.85, 0.82, 0.88])
        self.assertLess(hi, 1.0)
        self.assertTrue(lo < g < hi)

    def test_symmetric_in_log_space(self):
        # 0.8 = 1/1.25: logs -a, 0, a with a = ln 1.25; mean 0 -> 1;
        # sd sqrt((a^2 + a^2)/2) = a; half width 4.30 a / sqrt 3
        a = math.log(1.25)
        g, lo, hi = stats.geomean_ci95([0.8, 1.0, 1.25])
        self.assertAlmostEqual(g, 1.0)
        self.assertAlmostEqual(math.log(hi), 4.30 * a / math.sqrt(3))
        self.assertAlmostEqual(math.log(lo), -4.30 * a / math.sqrt(3))
        self.assertAlmostEqual(lo * hi, 1.0)

    def test_ten_cells(self):
        # five cells at 1.1, five at 1.1 * e^0.1: log mean ln1.1 + 0.05,
        # sample sd sqrt(10 * 0.05^2 / 9) = 0.05 * sqrt(10/9), t(9) = 2.26
        q = [1.1] * 5 + [1.1 * math.exp(0.1)] * 5
        g, lo, hi = stats.geomean_ci95(q)
        half = 2.26 * 0.05 * math.sqrt(10 / 9) / math.sqrt(10)
        self.assertAlmostEqual(g, 1.1 * math.exp(0.05))
        self.assertAlmostEqual(math.log(hi / g), half)
        self.assertAlmostEqual(math.log(g / lo), half)

    def test_zero_variance_collapses_the_interval(self):
        g, lo, hi = stats.geomean_ci95([1.3, 1.3, 1.3])
        self.assertAlmostEqual(g, 1.3)
        self.assertAlmostEqual(lo, 1.3)
        self.assertAlmostEqual(hi, 1.3)

    def test_one_sample_has_no_interval(self):
        self.assertIsNone(stats.geomean_ci95([1.2]))
        self.assertIsNone(stats.geomean_ci95([]))


class RatioSummary(unittest.TestCase):
    def test_per_round_ratios(self):
        # rounds 0..2: 2.0, 1.5, 1.0 -> median 1.5, range 1.0-2.0
        r = stats.ratio_summary({0: 200, 1: 150, 2: 100}, {0: 100, 1: 100, 2: 100})
        self.assertEqual(r, {"median": 1.5, "min": 1.0, "max": 2.0, "rounds": 3})

    def test_ratios_below_one(self):
        r = stats.ratio_summary({0: 80, 1: 90}, {0: 100, 1: 100})
        self.assertEqual(r, {"median": 0.85, "min": 0.8, "max": 0.9, "rounds": 2})

    def test_pairs_rounds_not_positions(self):
        # round 1 of a against round 1 of b, whatever the dict order
        r = stats.ratio_summary({1: 300, 0: 100}, {0: 100, 1: 100})
        self.assertEqual((r["min"], r["max"]), (1.0, 3.0))

    def test_one_round(self):
        self.assertEqual(stats.ratio_summary({0: 3}, {0: 2}), {"median": 1.5, "min": 1.5, "max": 1.5, "rounds": 1})

    def test_rounds_only_one_side_has_are_left_out(self):
        r = stats.ratio_summary({0: 2, 1: 4, 2: 9}, {0: 1, 2: 3})
        self.assertEqual(r, {"median": 2.5, "min": 2.0, "max": 3.0, "rounds": 2})

    def test_zero_denominator_is_left_out(self):
        self.assertEqual(stats.ratio_summary({0: 5, 1: 5}, {0: 0, 1: 5})["rounds"], 1)
        self.assertIsNone(stats.ratio_summary({0: 5}, {0: 0}))

    def test_nothing_to_compare(self):
        self.assertIsNone(stats.ratio_summary({}, {0: 1}))
        self.assertIsNone(stats.ratio_summary({0: 1}, {1: 1}))

    def test_rounded_to_three_places(self):
        r = stats.ratio_summary({0: 2}, {0: 3})
        self.assertEqual(r["median"], 0.667)


def run(variant, rnd, rps, errors=0, p99=1000, pool_cpu=None, workload="hello", conc=32, p50=None, starved=None,
        max_us=None):
    r = {"pool": 4, "opcache": True, "nginx_workers": 1, "workload": workload, "concurrency": conc,
         "variant": variant, "round": rnd, "rps": rps, "p50_us": p99 // 2 if p50 is None else p50, "p99_us": p99,
         "errors": errors, "requests": int(rps)}
    if pool_cpu is not None:
        r["cpu_us_per_request"] = {"pool": pool_cpu, "server": pool_cpu + 10}
    if starved is not None:
        r["starved_connections"] = starved
    if max_us is not None:
        r["max_us"] = max_us
    return r


class Summarize(unittest.TestCase):
    def test_medians_over_rounds(self):
        (c,) = summary.summarize([run("nginx-scgi", k, rps) for k, rps in enumerate((900, 1000, 1300))])
        s = c["variants"]["nginx-scgi"]
        self.assertEqual((s["rps"], s["rps_min"], s["rps_max"], s["rounds"]), (1000, 900, 1300, 3))
        self.assertEqual(s["requests"], 3200)

    def test_errors_are_summed_and_rule_out_the_best(self):
        runs = [run("nginx-fcgi", 0, 1000), run("nginx-fcgi", 1, 1000),
                run("nginx-fcgi-ka", 0, 2000, errors=3), run("nginx-fcgi-ka", 1, 2000),
                run("nginx-scgi", 0, 1100), run("nginx-scgi", 1, 1300)]
        (c,) = summary.summarize(runs)
        self.assertEqual(c["variants"]["nginx-fcgi-ka"]["errors"], 3)
        self.assertEqual(c["best_fcgi"], "nginx-fcgi")
        # per round 1.1 and 1.3: median 1.2
        self.assertEqual(c["ratios_rps"]["nginx-scgi/best-fcgi"], {"median": 1.2, "min": 1.1, "max": 1.3, "rounds": 2})
        self.assertEqual(c["ratios_rps"]["nginx-scgi/nginx-fcgi-ka"]["median"], 0.6)

    def test_no_error_free_fcgi_no_best(self):
        (c,) = summary.summarize([run("nginx-fcgi", 0, 1000, errors=1), run("nginx-scgi", 0, 900)])
        self.assertIsNone(c["best_fcgi"])
        self.assertNotIn("nginx-scgi/best-fcgi", c["ratios_rps"])
        self.assertEqual(c["ratios_rps"]["nginx-scgi/nginx-fcgi"]["median"], 0.9)

    def test_cpu_ratios_below_one_are_better(self):
        (c,) = summary.summarize([run("nginx-scgi", 0, 1, pool_cpu=30), run("nginx-fcgi", 0, 1, pool_cpu=40)])
        self.assertEqual(c["ratios_cpu_per_request"]["nginx-scgi/nginx-fcgi pool"]["median"], 0.75)
        self.assertEqual(c["ratios_cpu_per_request"]["nginx-scgi/nginx-fcgi server"]["median"], 0.8)


class Serves(unittest.TestCase):
    def summary(self, **kw):
        (c,) = summary.summarize([run("nginx-fcgi-ka", 0, 1000, **kw)])
        return c["variants"]["nginx-fcgi-ka"]

    def test_p99_within_ten_times_p50(self):
        self.assertTrue(self.summary(p50=20000, p99=200000)["serves"])
        self.assertFalse(self.summary(p50=20000, p99=200001)["serves"])

    def test_p99_under_the_floor_always_serves(self):
        # p50 100 µs: 10x would be 1 ms, the floor is 10 ms
        self.assertTrue(self.summary(p50=100, p99=10000)["serves"])
        self.assertFalse(self.summary(p50=100, p99=10001)["serves"])

    def test_errors_or_starved_connections_do_not_serve(self):
        self.assertFalse(self.summary(errors=1)["serves"])
        self.assertFalse(self.summary(starved=3)["serves"])
        self.assertTrue(self.summary(starved=0)["serves"])

    def test_a_request_waiting_over_a_second_does_not_serve(self):
        # p50 0.25 ms, p99 0.6 ms, but a few connections waited 2 s: the
        # keepalive pool of a 3-second cell
        self.assertFalse(self.summary(p50=250, p99=600, max_us=2000000)["serves"])
        self.assertTrue(self.summary(p50=250, p99=600, max_us=1000000)["serves"])

    def test_slowest_request_of_any_round_counts(self):
        (c,) = summary.summarize([run("nginx-fcgi-ka", 0, 1000, max_us=30000),
                                  run("nginx-fcgi-ka", 1, 1000, max_us=1700000)])
        self.assertEqual(c["variants"]["nginx-fcgi-ka"]["max_us"], 1700000)
        self.assertFalse(c["variants"]["nginx-fcgi-ka"]["serves"])

    def test_starvation_in_any_round_counts(self):
        (c,) = summary.summarize([run("apache-fcgi-reuse", 0, 100, starved=0),
                                  run("apache-fcgi-reuse", 1, 100, starved=28)])
        self.assertEqual(c["variants"]["apache-fcgi-reuse"]["starved_connections"], 28)

    def test_best_is_the_fastest_that_serves(self):
        # keepalive is faster but its p99 is 100x its p50: not its best
        runs = [run("nginx-fcgi", 0, 1000, p50=3000, p99=6000),
                run("nginx-fcgi-ka", 0, 1500, p50=2000, p99=200000),
                run("nginx-scgi", 0, 1200, p50=3000, p99=5000)]
        (c,) = summary.summarize(runs)
        self.assertEqual(c["best_fcgi"], "nginx-fcgi")
        self.assertEqual(c["ratios_rps"]["nginx-scgi/best-fcgi"]["median"], 1.2)

    def test_best_per_web_server(self):
        runs = [run("apache-fcgi", 0, 1000), run("apache-fcgi-reuse", 0, 2000, starved=28),
                run("apache-scgi", 0, 1100), run("lighttpd-fcgi", 0, 800), run("lighttpd-scgi", 0, 1000)]
        (c,) = summary.summarize(runs)
        self.assertEqual(c["best_fcgi_by_server"], {"apache": "apache-fcgi", "lighttpd": "lighttpd-fcgi"})
        self.assertIsNone(c["best_fcgi"])
        self.assertEqual(c["ratios_rps"]["apache-scgi/best-fcgi"]["median"], 1.1)
        self.assertEqual(c["ratios_rps"]["apache-scgi/apache-fcgi-reuse"]["median"], 0.55)
        self.assertEqual(c["ratios_rps"]["lighttpd-scgi/best-fcgi"]["median"], 1.25)


class WorkloadSummary(unittest.TestCase):
    def cells(self, ratios):
        runs = []
        for i, q in enumerate(ratios):
            runs += [run("nginx-fcgi", 0, 1000, conc=i + 1), run("nginx-scgi", 0, 1000 * q, conc=i + 1)]
        return summary.summarize(runs)

    def row(self, rows, name="nginx-scgi/nginx-fcgi"):
        (r,) = [r for r in rows if r["ratio"] == name]
        return r

    def test_geometric_mean_over_cells(self):
        r = self.row(summary.workload_summary(self.cells([1.0, 4.0])))
        self.assertEqual((r["cells"], r["geomean"], r["at_or_above_1"]), (2, 2.0, 2))
        self.assertEqual(r["ci95"], [round(2 * 2 ** -12.71, 3), round(2 * 2 ** 12.71, 3)])

    def test_cells_below_one_counted(self):
        r = self.row(summary.workload_summary(self.cells([0.5, 0.5, 2.0])))
        self.assertEqual((r["geomean"], r["at_or_above_1"]), (0.794, 1))  # (0.5 * 0.5 * 2)^(1/3) = 0.5^(1/3)

    def test_one_cell_is_not_summarised(self):
        self.assertEqual(summary.workload_summary(self.cells([1.2])), [])


class ServerSummary(unittest.TestCase):
    """the per-web-server tables BENCHMARKS.md opens with"""

    def sweep(self):
        # Apache, hello, pool 4: c 8 SCGI 1.5x default, reuse (faster) starves;
        # c 32 reuse serves and wins; r100k c 32: nothing of php-fpm serves
        runs = []
        for rnd in (0, 1):
            runs += [run("apache-fcgi", rnd, 1000, conc=8), run("apache-fcgi-reuse", rnd, 3000, conc=8, starved=5),
                     run("apache-scgi", rnd, 1500, conc=8),
                     run("apache-fcgi", rnd, 1000), run("apache-fcgi-reuse", rnd, 2000 + rnd * 200),
                     run("apache-scgi", rnd, 1800),
                     run("apache-fcgi", rnd, 1000, errors=1, workload="r100k"),
                     run("apache-scgi", rnd, 900, workload="r100k", p50=100, p99=20000)]
        return summary.summarize(runs)

    def rows(self):
        return {r["workload"]: r for r in summary.server_summary(self.sweep(), "apache")}

    def test_ratios_to_default_and_best_over_cells(self):
        h = self.rows()["hello"]
        self.assertEqual((h["cells"], h["default"]), (2, "apache-fcgi"))
        # default: 1.5 and 1.8 -> sqrt(2.7); best: c 8 apache-fcgi 1.5, c 32 reuse 1800/2100 rounds -> 0.9, 0.818
        self.assertEqual(h["vs_default"]["geomean"], round(math.sqrt(1.5 * 1.8), 3))
        self.assertEqual(h["vs_default"]["at_or_above_1"], 2)
        self.assertEqual(h["vs_best"]["geomean"], round(math.sqrt(1.5 * 0.859), 3))
        self.assertEqual(h["vs_best"]["at_or_above_1"], 1)

    def test_headline_cell_with_its_best_and_p99(self):
        hl = self.rows()["hello"]["headline"]
        self.assertEqual(hl["best"], "apache-fcgi-reuse")
        self.assertEqual(hl["vs_best"], {"median": 0.859, "min": 0.818, "max": 0.9, "rounds": 2})
        self.assertEqual(hl["vs_default"]["median"], 1.8)
        self.assertEqual((hl["p99_scgi_us"], hl["p99_best_us"]), (1000, 1000))

    def test_lost_cells_are_listed(self):
        self.assertEqual(self.rows()["hello"]["lost"],
                         [{"pool": 4, "concurrency": 32, "best": "apache-fcgi-reuse", "ratio": 0.859,
                           "scgi_serves": True}])

    def test_cells_nobody_serves_are_counted_not_compared(self):
        r = self.rows()["r100k"]
        self.assertEqual((r["fcgi_serves_none"], r["scgi_serves_not"]), (1, 1))
        self.assertEqual(r["vs_best"]["cells"], 0)
        self.assertIsNone(r["vs_best"]["geomean"])
        self.assertEqual(r["lost"], [])

    def test_nginx_default_is_stock_php_fpm_when_measured(self):
        cells = summary.summarize([run("nginx-fcgi", 0, 1000), run("nginx-fcgi-stock", 0, 800),
                                   run("nginx-scgi", 0, 1200)])
        (r,) = summary.server_summary(cells, "nginx")
        self.assertEqual(r["default"], "nginx-fcgi-stock")
        self.assertEqual(r["vs_default"]["geomean"], 1.5)
        self.assertIsNone(r["vs_default"]["ci95"])


if __name__ == "__main__":
    unittest.main()
