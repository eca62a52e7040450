/*
 * A tiny TAP producer for the unit tests.  Cases are tables walked by a
 * loop; a failing check prints file, line, the case and both values.
 *
 *	tap_plan(n) or tap_done() at the end (no plan up front);
 *	TAP_OK(cond, "name %d", i);
 *	TAP_STR(got, want, "name");   TAP_INT(got, want, "name");
 */
#ifndef MJ_TAP_H
#define MJ_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static void
tap_vresult(int ok, const char *file, int line, const char *fmt, va_list ap)
{
	tap_n++;
	if (!ok)
		tap_failed++;
	printf("%sok %d - ", ok ? "" : "not ", tap_n);
	vprintf(fmt, ap);
	printf("\n");
	if (!ok)
		printf("#   failed at %s:%d\n", file, line);
	fflush(stdout);
}

static int __attribute__((format(printf, 4, 5), unused))
tap_ok_at(int ok, const char *file, int line, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	tap_vresult(ok, file, line, fmt, ap);
	va_end(ap);
	return ok;
}

static int __attribute__((format(printf, 5, 6), unused))
tap_str_at(const char *got, const char *want, const char *file, int line,
    const char *fmt, ...)
{
	va_list	ap;
	int	ok;

	ok = (got == NULL && want == NULL) ||
	    (got != NULL && want != NULL && strcmp(got, want) == 0);
	va_start(ap, fmt);
	tap_vresult(ok, file, line, fmt, ap);
	va_end(ap);
	if (!ok)
		printf("#   got:  \"%s\"\n#   want: \"%s\"\n",
		    got ? got : "(null)", want ? want : "(null)");
	return ok;
}

static int __attribute__((format(printf, 5, 6), unused))
tap_int_at(long long got, long long want, const char *file, int line,
    const char *fmt, ...)
{
	va_list	ap;
	int	ok = got == want;

	va_start(ap, fmt);
	tap_vresult(ok, file, line, fmt, ap);
	va_end(ap);
	if (!ok)
		printf("#   got:  %lld\n#   want: %lld\n", got, want);
	return ok;
}

#define TAP_OK(c, ...)		tap_ok_at(!!(c), __FILE__, __LINE__, __VA_ARGS__)
#define TAP_STR(g, w, ...)	tap_str_at((g), (w), __FILE__, __LINE__, __VA_ARGS__)
#define TAP_INT(g, w, ...)	tap_int_at((long long)(g), (long long)(w), \
				    __FILE__, __LINE__, __VA_ARGS__)

/* Print the plan at the end and give main's exit status. */
static int __attribute__((unused))
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed == 0 ? 0 : 1;
}

#endif
