"""Run the benchmark's unit tests (tests/bench/test_*.py, standard library
unittest) and say PASS/FAIL per test, as every suite does."""

import os
import sys
import unittest


class Lines(unittest.TestResult):
    def name(self, test):
        return "bench-unit %s.%s" % (type(test).__name__, test._testMethodName)

    def addSuccess(self, test):
        print("PASS: %s" % self.name(test), flush=True)

    def _fail(self, test, err):
        lines = str(err[1]).strip().splitlines()
        print("FAIL: %s: %s: %s" % (self.name(test), err[0].__name__, lines[0] if lines else ""), flush=True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._fail(test, err)

    def addError(self, test, err):
        super().addError(test, err)
        self._fail(test, err)

    def addSkip(self, test, reason):
        print("SKIP: %s: %s" % (self.name(test), reason), flush=True)


here = os.path.dirname(os.path.abspath(__file__))
tests = unittest.defaultTestLoader.discover(here, pattern="test_*.py", top_level_dir=here)
if tests.countTestCases() == 0:
    print("FAIL: bench-unit: no tests found in %s" % here)
    sys.exit(1)
# a module that does not import shows up as one failing test
tests.run(Lines())
