/*
 * Every message of every program passes through here: the program name in
 * front, the key redacted, the status line erased first, -q and -v obeyed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "statusblock.h"
#include "utf8.h"
#include "xalloc.h"

#define DIAG_SECRETS_MAX	4
/* redraw at most 5 times a second */
#define STATUS_INTERVAL_NS	200000000L

static const char	*progname = "mjpipe";
static int		 verbosity;
static int		 quiet;
static char		*secrets[DIAG_SECRETS_MAX];
static int		 nsecrets;
static int		 status_forced = -1;
static int		 status_shown;
static struct timespec	 status_last;

/*
 * Descriptors 0, 1 and 2 closed by the caller (">&-") would be taken by
 * the first files opened (OpenSSL's configuration, a socket, the
 * journal), and records written into them.  Each is held instead by
 * /dev/null opened the other way, so that using it fails with EBADF as
 * a closed one does (curl's main_checkfds, for the same reason).
 */
static int	std_closed[3];

static void
hold_std_fds(void)
{
	int	fd;

	for (fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
			std_closed[fd] = 1;
			/* the lowest free number: fd itself; none, no harm */
			(void)open("/dev/null", fd == STDIN_FILENO ?
			    O_WRONLY : O_RDONLY);
		}
}

int
diag_std_closed(int fd)
{
	return fd >= STDIN_FILENO && fd <= STDERR_FILENO && std_closed[fd];
}

void
diag_init(const char *name)
{
	const char	*slash;

	hold_std_fds();
	slash = strrchr(name, '/');
	progname = slash != NULL ? slash + 1 : name;
	xalloc_init(progname);
	statusblock_init(progname);
}

void
diag_set_verbosity(int v)
{
	verbosity = v;
}

int
diag_verbosity(void)
{
	return verbosity;
}

void
diag_set_quiet(int q)
{
	quiet = q;
}

void
diag_add_secret(const char *s)
{
	int	i;

	if (s == NULL || *s == '\0')
		return;
	for (i = 0; i < nsecrets; i++)
		if (strcmp(secrets[i], s) == 0)
			return;
	if (nsecrets < DIAG_SECRETS_MAX)
		secrets[nsecrets++] = xstrdup(s);
}

/* A byte that makes a short secret part of a longer word. */
static int
word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
	    (c | 0x20) <= 'z') || c == '_' || c == '-' || c >= 0x80;
}

const char *
diag_find_secret(const char *s, const char *secret)
{
	const char	*hit, *from = s;
	size_t		 len = strlen(secret);

	if (len == 0)
		return NULL;
	while ((hit = strstr(from, secret)) != NULL) {
		if (len >= DIAG_SECRET_ANYWHERE ||
		    ((hit == s || !word_byte((unsigned char)hit[-1])) &&
		    !word_byte((unsigned char)hit[len])))
			return hit;
		from = hit + 1;
	}
	return NULL;
}

char *
diag_redact(const char *s)
{
	struct buf	 b = BUF_INIT;
	const char	*hit, *first;
	size_t		 len;
	int		 i, which;

	for (;;) {
		first = NULL;
		which = -1;
		for (i = 0; i < nsecrets; i++) {
			hit = diag_find_secret(s, secrets[i]);
			if (hit != NULL && (first == NULL || hit < first)) {
				first = hit;
				which = i;
			}
		}
		if (first == NULL)
			break;
		buf_append(&b, s, (size_t)(first - s));
		buf_appends(&b, "***");
		len = strlen(secrets[which]);
		s = first + len;
	}
	buf_appends(&b, s);
	return buf_detach(&b, NULL);
}

char *
diag_escape(const char *s)
{
	struct buf	b = BUF_INIT;

	utf8_escape(&b, s, strlen(s));
	return buf_detach(&b, NULL);
}

static void
diag_vprint(const char *prefix, const char *fmt, va_list ap)
{
	struct buf	 b = BUF_INIT;
	char		*msg, *safe;

	if ((msg = xvasprintf(fmt, ap)) == NULL)
		return;
	safe = diag_redact(msg);
	free(msg);
	buf_appendf(&b, "%s: %s", progname, prefix);
	/* whatever a caller forgot to escape steers no terminal */
	utf8_escape(&b, safe, strlen(safe));
	buf_appendc(&b, '\n');
	free(safe);
	/* one write, above the status block: lines never mix or tear it */
	statusblock_message(b.data, b.len);
	buf_free(&b);
}

void
diag_error(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	diag_vprint("", fmt, ap);
	va_end(ap);
}

void
diag_warn(const char *fmt, ...)
{
	va_list	ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	diag_vprint("warning: ", fmt, ap);
	va_end(ap);
}

void
diag_info(int level, const char *fmt, ...)
{
	va_list	ap;

	if (verbosity < level || quiet)
		return;
	va_start(ap, fmt);
	diag_vprint("", fmt, ap);
	va_end(ap);
}

void
diag_fatal(int status, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	diag_vprint("", fmt, ap);
	va_end(ap);
	exit(status);
}

void
diag_usage_error(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	diag_vprint("", fmt, ap);
	va_end(ap);
	diag_error("try '%s --help' for more information", progname);
	exit(MJ_EXIT_USAGE);
}

void
diag_status_force(int on)
{
	status_forced = on;
}

int
diag_status_enabled(void)
{
	if (quiet)
		return 0;
	if (status_forced != -1)
		return status_forced;
	return isatty(STDERR_FILENO);
}

static int
status_due(void)
{
	struct timespec	now;
	long long	ns;

	if (clock_gettime(CLOCK_MONOTONIC, &now) == -1)
		return 1;
	ns = (now.tv_sec - status_last.tv_sec) * 1000000000LL +
	    (now.tv_nsec - status_last.tv_nsec);
	/* a resize redraws at once: the old frame may be torn by reflow */
	if (status_shown && ns < STATUS_INTERVAL_NS && !statusblock_resized())
		return 0;
	status_last = now;
	return 1;
}

void
diag_status(const char *fmt, ...)
{
	struct buf	b = BUF_INIT;
	char		line[256];
	va_list		ap;

	if (!diag_status_enabled() || !status_due())
		return;
	va_start(ap, fmt);
	(void)vsnprintf(line, sizeof(line), fmt, ap);	/* cut to a line */
	va_end(ap);
	buf_appendf(&b, "%s: ", progname);
	utf8_escape(&b, line, strlen(line));
	statusblock_row(b.data);
	buf_free(&b);
	status_shown = 1;
}

void
diag_status_clear(void)
{
	status_shown = 0;
	statusblock_end(NULL);
}

void
diag_status_end(const char *fmt, ...)
{
	struct buf	b = BUF_INIT;
	char		line[256];
	va_list		ap;

	if (!diag_status_enabled()) {
		statusblock_end(NULL);
		return;
	}
	va_start(ap, fmt);
	(void)vsnprintf(line, sizeof(line), fmt, ap);	/* cut to a line */
	va_end(ap);
	buf_appendf(&b, "%s: ", progname);
	utf8_escape(&b, line, strlen(line));
	status_shown = 0;
	statusblock_end(b.data);
	buf_free(&b);
}
