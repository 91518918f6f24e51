/*
 * What every table test in tests/unit prints and counts: one "PASS: name"
 * or "FAIL: name: why" line per case (tests/suites/unit.sh reads them), and
 * the first failure of a case kept in words.
 */

#ifndef UNIT_REPORT_H
#define UNIT_REPORT_H

#include <stdarg.h>
#include <stdio.h>

static unsigned passed, failed;

static void report(const char *name, const char *fail_detail)
{
	if (fail_detail == NULL || fail_detail[0] == '\0') {
		printf("PASS: %s\n", name);
		passed++;
	} else {
		printf("FAIL: %s: %s\n", name, fail_detail);
		failed++;
	}
}

/* First failure of a case, in words. */
typedef struct {
	char text[512];
} detail;

static void fail(detail *d, const char *fmt, ...)
{
	va_list ap;

	if (d->text[0] != '\0') {
		return;
	}
	va_start(ap, fmt);
	vsnprintf(d->text, sizeof(d->text), fmt, ap);
	va_end(ap);
}

#endif /* UNIT_REPORT_H */
