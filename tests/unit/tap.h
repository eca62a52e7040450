/*
 * A tiny TAP producer for the unit tests.  Cases are tables walked by a
 * loop; a failing check prints file, line, the case and both values.
 *
 *	tap_plan(n) or tap_done() at the end (no plan up front);
 *	TAP_OK(cond, "name %d", i);
 *	TAP_STR(got, want, "name");   TAP_INT(got, want, "name");
 *	tap_stderr_of(fn, arg, buf, size): what fn(arg) wrote on stderr.
 *	tap_full_disk(1) ... tap_full_disk(0): writes past 8 bytes fail.
 *
 * A description with "# TODO why" marks a known bug: it is reported but,
 * as TAP says, a failure there does not fail the test.
 */
#ifndef MJ_TAP_H
#define MJ_TAP_H

#include <sys/resource.h>

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static int tap_n, tap_failed;

/* The TAP TODO directive: '#', blanks, "TODO" in any case, then a word end. */
static int
tap_is_todo(const char *desc)
{
	const char	*p;

	for (p = strchr(desc, '#'); p != NULL; p = strchr(p + 1, '#')) {
		const char *d = p + 1 + strspn(p + 1, " \t");

		if (strncasecmp(d, "TODO", 4) == 0 &&
		    (d[4] == '\0' || d[4] == ' ' || d[4] == '\t'))
			return 1;
	}
	return 0;
}

static void
tap_vresult(int ok, const char *file, int line, const char *fmt, va_list ap)
{
	va_list	 aq;
	char	*desc;
	int	 n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0 || (desc = malloc((size_t)n + 1)) == NULL) {
		printf("Bail out! cannot format a test description\n");
		exit(1);
	}
	(void)vsnprintf(desc, (size_t)n + 1, fmt, ap);
	tap_n++;
	/* a known bug failing is no news: the harness reports it as such */
	if (!ok && !tap_is_todo(desc))
		tap_failed++;
	printf("%sok %d - %s\n", ok ? "" : "not ", tap_n, desc);
	if (!ok)
		printf("#   failed at %s:%d\n", file, line);
	fflush(stdout);
	free(desc);
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

/*
 * What fn(arg) wrote on descriptor 2 while it ran, at most size - 1 bytes,
 * in buf; "" and a comment line if stderr could not be captured.
 */
static __attribute__((unused)) const char *
tap_stderr_of(void (*fn)(void *), void *arg, char *buf, size_t size)
{
	FILE	*f = tmpfile();
	size_t	 n;
	int	 saved = -1;

	buf[0] = '\0';
	fflush(stderr);
	if (f == NULL || (saved = dup(2)) == -1 || dup2(fileno(f), 2) == -1) {
		printf("# cannot capture stderr\n");
		if (saved != -1)
			(void)close(saved);
		if (f != NULL)
			(void)fclose(f);
		return buf;
	}
	fn(arg);
	fflush(stderr);
	(void)dup2(saved, 2);
	(void)close(saved);
	rewind(f);
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	(void)fclose(f);
	return buf;
}

/*
 * A full disk, as a file size limit of 8 bytes (on: writes past it fail
 * with EFBIG, SIGXFSZ ignored), or none again (off).  0 if set.
 */
static int __attribute__((unused))
tap_full_disk(int on)
{
	struct rlimit	rl;

	if (getrlimit(RLIMIT_FSIZE, &rl) == -1)
		return -1;
	(void)signal(SIGXFSZ, on ? SIG_IGN : SIG_DFL);
	rl.rlim_cur = on ? 8 : rl.rlim_max;
	return setrlimit(RLIMIT_FSIZE, &rl);
}

/* Print the plan at the end and give main's exit status. */
static int __attribute__((unused))
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed == 0 ? 0 : 1;
}

#endif
