"""The statistics the headline numbers rest on, as pure functions over
numbers (no I/O, nothing about variants or files): tests/bench/test_stats.py
checks them against values computed by hand and Student's t table.

A comparison of two variants is the ratio of their figures in the same
round (measured seconds apart), summarised over rounds by its median and
range; a workload's comparison over many cells is the geometric mean of the
cells' ratios with a t interval over the log ratios."""

import math
import statistics

# Student's t, two-sided 95 %, by degrees of freedom
T95 = {1: 12.71, 2: 4.30, 3: 3.18, 4: 2.78, 5: 2.57, 6: 2.45, 7: 2.36, 8: 2.31, 9: 2.26, 10: 2.23,
       12: 2.18, 15: 2.13, 19: 2.09, 24: 2.06, 30: 2.04}


def t95(df):
    """between two listed degrees of freedom, the smaller one's (larger) t:
    the interval errs on the wide side.  df < 1 has no t (ValueError)."""
    return T95[max(k for k in T95 if k <= df)]


def ratio_summary(a_by_round, b_by_round):
    """a ÷ b per round, over the rounds both have and where b is not 0:
    {median, min, max, rounds} (rounded to 3 places), or None when no round
    gives a ratio"""
    q = [a_by_round[k] / b_by_round[k] for k in a_by_round if k in b_by_round and b_by_round[k]]
    if not q:
        return None
    return {"median": round(statistics.median(q), 3), "min": round(min(q), 3),
            "max": round(max(q), 3), "rounds": len(q)}


def geomean_ci95(ratios):
    """(geometric mean, low, high) of positive ratios, the 95 % interval
    being a t interval over their logarithms, each ratio one sample; None
    with fewer than two (one sample has no spread to speak of)"""
    if len(ratios) < 2:
        return None
    logs = [math.log(x) for x in ratios]
    mean = statistics.mean(logs)
    half = t95(len(logs) - 1) * statistics.stdev(logs) / math.sqrt(len(logs))
    return math.exp(mean), math.exp(mean - half), math.exp(mean + half)
