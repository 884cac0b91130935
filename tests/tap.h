/* tap.h: a minimal TAP producer for the unit tests (automake's tap-driver reads it). */
#ifndef YOMU_TAP_H
#define YOMU_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n;
static int tap_failed;

static void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2), unused));
static void
tap_diag(const char *fmt, ...)
{
	va_list ap;
	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

static int tap_ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3), unused));
static int
tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;
	tap_n++;
	printf("%s %d - ", cond ? "ok" : "not ok", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return cond;
}

/* Compare two strings; on mismatch print both. */
static int tap_str(const char *got, const char *want, const char *name) __attribute__((unused));
static int
tap_str(const char *got, const char *want, const char *name)
{
	int ok = got && want && strcmp(got, want) == 0;
	tap_ok(ok, "%s", name);
	if (!ok) {
		tap_diag("got:  [%s]", got ? got : "(null)");
		tap_diag("want: [%s]", want ? want : "(null)");
	}
	return ok;
}

static int tap_done(void) __attribute__((unused));
static int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
