/*
 * Out-of-memory wrappers (signify's xmalloc): one policy, in one place.
 * The failure path allocates nothing: a message built at start in a static
 * buffer, one write(2), _exit.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"

#define OOM_TAIL	": out of memory\n"
#define OOM_NAME_MAX	64

static char	oom_msg[OOM_NAME_MAX + sizeof(OOM_TAIL)] =
		    "mjpipe" OOM_TAIL;
static size_t	oom_len = sizeof("mjpipe" OOM_TAIL) - 1;

void
xalloc_init(const char *progname)
{
	const char	*slash;
	size_t		 n;

	slash = strrchr(progname, '/');
	if (slash != NULL)
		progname = slash + 1;
	n = strlen(progname);
	if (n > OOM_NAME_MAX)
		n = OOM_NAME_MAX;
	memcpy(oom_msg, progname, n);
	memcpy(oom_msg + n, OOM_TAIL, sizeof(OOM_TAIL));
	oom_len = n + sizeof(OOM_TAIL) - 1;
}

void
xalloc_oom(void)
{
	const char	*p = oom_msg;
	size_t		 left = oom_len;
	ssize_t		 n;

	/* whole records may wait in stdio's buffer, which is already there */
	(void)fflush(stdout);	/* nothing to do if it fails: we are leaving */
	while (left > 0) {
		n = write(STDERR_FILENO, p, left);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		p += n;
		left -= (size_t)n;
	}
	_exit(1);
}

void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		xalloc_oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size)) == NULL)
		xalloc_oom();
	return p;
}

void *
xrealloc(void *old, size_t n)
{
	void	*p;

	if ((p = realloc(old, n == 0 ? 1 : n)) == NULL)
		xalloc_oom();
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		xalloc_oom();
	return xrealloc(old, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		xalloc_oom();
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	if (vsnprintf(p, (size_t)n + 1, fmt, ap) != n)
		xalloc_oom();
	va_end(ap);
	return p;
}
