/*
 * shim.h: what the LD_PRELOAD fault shims (failcurl.c, faultsys.c,
 * failmalloc.c) share: the next definition of a symbol, their own
 * messages and log lines made on the stack and written straight to the
 * kernel, and the "N[+]" count of a rule.  Each shim includes it once,
 * after defining SHIM_NAME ("failcurl") and, for lines longer than 256
 * bytes, SHIM_LINE_MAX.  Nothing here allocates.
 */
#ifndef SHIM_H
#define SHIM_H

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SHIM_NAME
#error "define SHIM_NAME before including shim.h"
#endif
#ifndef SHIM_LINE_MAX
#define SHIM_LINE_MAX	256
#endif

/* The definition of sym after the shim's; aborts (said) if none. */
static inline void *
shim_next(const char *sym)
{
	static const char	msg[] = SHIM_NAME ": a symbol is missing\n";
	void			*p = dlsym(RTLD_NEXT, sym);

	if (p == NULL) {
		(void)syscall(SYS_write, STDERR_FILENO, msg, sizeof(msg) - 1);
		abort();
	}
	return p;
}

/* Formats into line[SHIM_LINE_MAX], cut to fit: its length, or -1. */
static inline int
shim_vformat(char *line, const char *fmt, va_list ap)
{
	int	n = vsnprintf(line, SHIM_LINE_MAX, fmt, ap);

	if (n < 0)
		return -1;
	if (n >= SHIM_LINE_MAX)
		n = SHIM_LINE_MAX - 1;
	return n;
}

/* the shim's own messages: straight to the kernel, never through us */
static inline void
shim_say(int fd, const char *fmt, ...)
{
	char	 line[SHIM_LINE_MAX];
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = shim_vformat(line, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	/* a test's log or stderr: nothing to do if it cannot be written */
	(void)syscall(SYS_write, fd, line, (size_t)n);
}

/* Appends a line to the file at path; nothing without a path. */
static inline void
shim_log(const char *path, const char *fmt, ...)
{
	char	 line[SHIM_LINE_MAX];
	va_list	 ap;
	int	 fd, n;

	if (path == NULL || *path == '\0')
		return;
	va_start(ap, fmt);
	n = shim_vformat(line, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	fd = (int)syscall(SYS_open, path, O_WRONLY | O_APPEND | O_CREAT |
	    O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	/* a test's log: nothing to do if it cannot be written */
	(void)syscall(SYS_write, fd, line, (size_t)n);
	(void)syscall(SYS_close, fd);
}

/*
 * The "N" or "N+" of a rule, len bytes at s, with N in decimal: 0 and
 * *nth, *onward (set for N+) filled, or -1.  errno is 0 before the
 * conversion, so that the caller may check it for an overflow.
 */
static inline int
shim_nth(const char *s, size_t len, unsigned long *nth, int *onward)
{
	char	 num[32], *e;

	if (len > 0 && s[len - 1] == '+') {
		*onward = 1;
		len--;
	}
	if (len == 0 || len >= sizeof(num))
		return -1;
	memcpy(num, s, len);
	num[len] = '\0';
	errno = 0;
	*nth = strtoul(num, &e, 10);
	return *e != '\0' ? -1 : 0;
}

#endif
