"""bench.py's command line: a run (what bench/run.sh starts), or
--markdown-from to write a results .json's report again."""

import argparse
import gzip
import json
import os

from . import driver, procs
from .report import print_headline, write_markdown
from .summary import SERVES_RULE, summarize, workload_summary


def parse_args(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--prefix")
    ap.add_argument("--loadgen")
    ap.add_argument("--work")
    ap.add_argument("--results")
    ap.add_argument("--mode", default="quick", choices=["quick", "full", "profile", "servers"])
    ap.add_argument("--command", default="")
    ap.add_argument("--stock-prefix", help="php-fpm built without our patches to shared code (tools/build-stock.sh)")
    ap.add_argument("--markdown-from", help="only write the .md of an existing results .json again")
    ap.add_argument("--resummarize", action="store_true",
                    help="with --markdown-from: compute the cells again from the run's single runs "
                         "(after a change to summary.py, e.g. the serves rule) and write the .json too")
    a = ap.parse_args(argv)
    if not a.markdown_from and not (a.prefix and a.loadgen and a.work and a.results):
        ap.error("--prefix, --loadgen, --work and --results are needed for a run")
    return a


def resummarize(src, result):
    """the cells and summaries of a run again, from its runs.json.gz, by
    today's summary.py; the .json is rewritten in place"""
    with gzip.open(os.path.join(os.path.dirname(src), result["runs_file"]), "rt") as f:
        runs = json.load(f)
    result["cells"] = summarize(runs)
    result["workload_summary"] = workload_summary(result["cells"])
    result["meta"]["serves_rule"] = SERVES_RULE
    with (gzip.open(src, "wt") if src.endswith(".gz") else open(src, "w")) as f:
        json.dump(result, f, indent=1, sort_keys=False)


def main(argv=None):
    a = parse_args(argv)
    if a.markdown_from:
        # bench/results keeps its runs' .json compressed (.json.gz)
        src = a.markdown_from
        with (gzip.open(src, "rt") if src.endswith(".gz") else open(src)) as f:
            result = json.load(f)
        if a.resummarize:
            resummarize(src, result)
        write_markdown(src[:-len(".json.gz" if src.endswith(".gz") else ".json")] + ".md", result)
        return
    procs.stop_all_on_exit()
    nice = os.environ.get("BENCH_NICE")
    if nice:
        # every server and client we start inherits it: other work on the
        # machine then disturbs the measurements less
        os.setpriority(os.PRIO_PROCESS, 0, int(nice))
    stock = None
    if a.stock_prefix:
        if not os.access(os.path.join(a.stock_prefix, "sbin", "php-fpm"), os.X_OK):
            raise SystemExit("bench: %s/sbin/php-fpm missing; run make stock" % a.stock_prefix)
        stock = os.path.abspath(a.stock_prefix)
    client = os.environ.get("BENCH_HTTP_CLIENT", "wrk")
    if client not in ("wrk", "loadgen"):
        raise SystemExit("bench: BENCH_HTTP_CLIENT must be wrk or loadgen")
    ctx = driver.Ctx(os.path.abspath(a.prefix), a.loadgen, a.work, stock, client)
    result, stem, plotdir = driver.run(ctx, a.mode, a.results, a.command)
    write_markdown(stem + ".md", result)
    procs.log("results: %s, %s, plots in %s" % (stem + ".json", stem + ".md", plotdir))
    print_headline(result)
