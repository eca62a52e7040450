/*
 * faultsys.so: an LD_PRELOAD shim for the tests that makes chosen system
 * calls fail with a chosen errno, on the descriptors of one file only,
 * so that the branches of the journal that only a failing system reaches
 * (an EIO from the disk, ENOLCK from NFS, a full disk) can be run, while
 * libcurl, stdio and everything else go on as usual.
 *
 *	FAULTSYS=CALL:ERR:N[+][,CALL:ERR:N[+]...]
 *			the Nth CALL on a matching descriptor fails with
 *			ERR (N+: the Nth and every later one); each entry
 *			counts its own calls
 *	FAULTSYS_PATH=TEXT	a descriptor matches when its path (read
 *			from /proc/self/fd) contains TEXT; required
 *	FAULTSYS_LOG=FILE	append one line per fault made
 *			("faultsys: pid P: fdatasync 3 on PATH: EIO")
 *
 * CALL is read, write, fsync, fdatasync, ftruncate, flock, close or
 * fstat.  ERR is an errno name (EIO, EINTR, ENOSPC, EDQUOT, EFBIG,
 * ENOLCK, EROFS, EBADF, EINVAL, EAGAIN, EPERM, EACCES), or "short" for
 * read and write: the call does the first half of its bytes (at least
 * one) and returns that count, as a write to a disk that fills up does.
 * A failing close releases the descriptor, as Linux's close does with
 * any error; every other failing call does nothing.
 *
 * Without FAULTSYS or FAULTSYS_PATH, or with one it cannot read, every
 * call goes straight through (a bad one is reported once on stderr).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#define SHIM_NAME	"faultsys"
#define SHIM_LINE_MAX	512
#include "shim.h"

enum call { C_READ, C_WRITE, C_FSYNC, C_FDATASYNC, C_FTRUNCATE, C_FLOCK,
    C_CLOSE, C_FSTAT, C_COUNT };

static const char *const call_names[C_COUNT] = {
	"read", "write", "fsync", "fdatasync", "ftruncate", "flock", "close",
	"fstat",
};

#define ERR_SHORT	(-1)	/* not an errno: a short read or write */

static const struct {
	const char	*name;
	int		 err;
} errs[] = {
	{ "EIO", EIO }, { "EINTR", EINTR }, { "ENOSPC", ENOSPC },
	{ "EDQUOT", EDQUOT }, { "EFBIG", EFBIG }, { "ENOLCK", ENOLCK },
	{ "EROFS", EROFS }, { "EBADF", EBADF }, { "EINVAL", EINVAL },
	{ "EAGAIN", EAGAIN }, { "EPERM", EPERM }, { "EACCES", EACCES },
	{ "short", ERR_SHORT },
};

#define RULES_MAX	16

static struct {
	int		 ready;
	int		 n;
	char		 path[256];
	const char	*log;
	struct rule {
		enum call	 call;
		int		 err;
		const char	*err_name;
		unsigned long	 nth;
		int		 onward;	/* N+ */
		unsigned long	 seen;
	} rule[RULES_MAX];
	int		 any[C_COUNT];	/* a rule for this call */
} fs;

static void
complain(const char *what)
{
	shim_say(STDERR_FILENO, "faultsys: %s\n", what);
}

/* One "CALL:ERR:N[+]" of len bytes: 0, or -1 (complained). */
static int
rule_load(const char *s, size_t len)
{
	struct rule	*r = &fs.rule[fs.n];
	const char	*c1, *c2, *end = s + len;
	size_t		 i, n;

	c1 = memchr(s, ':', len);
	c2 = c1 != NULL ? memchr(c1 + 1, ':', (size_t)(end - c1 - 1)) : NULL;
	if (c2 == NULL || fs.n == RULES_MAX) {
		complain("FAULTSYS must be CALL:ERR:N[+], at most 16");
		return -1;
	}
	n = (size_t)(c1 - s);
	for (i = 0; i < C_COUNT; i++)
		if (strlen(call_names[i]) == n &&
		    strncmp(s, call_names[i], n) == 0)
			break;
	if (i == C_COUNT) {
		complain("FAULTSYS: CALL must be read, write, fsync, "
		    "fdatasync, ftruncate, flock, close or fstat");
		return -1;
	}
	r->call = (enum call)i;
	n = (size_t)(c2 - c1 - 1);
	for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++)
		if (strlen(errs[i].name) == n &&
		    strncmp(c1 + 1, errs[i].name, n) == 0)
			break;
	if (i == sizeof(errs) / sizeof(errs[0]) || (errs[i].err == ERR_SHORT &&
	    r->call != C_READ && r->call != C_WRITE)) {
		complain("FAULTSYS: ERR must be an errno name FAULTSYS knows "
		    "(short: read and write only)");
		return -1;
	}
	r->err = errs[i].err;
	r->err_name = errs[i].name;
	if (shim_nth(c2 + 1, (size_t)(end - c2 - 1), &r->nth,
	    &r->onward) == -1 || errno != 0 || r->nth == 0) {
		complain("FAULTSYS: N must be a number from 1");
		return -1;
	}
	fs.n++;
	return 0;
}

static void
load(void)
{
	const char	*s = getenv("FAULTSYS"), *p = getenv("FAULTSYS_PATH");
	const char	*comma;
	size_t		 len;
	int		 i;

	fs.ready = 1;
	if (s == NULL || *s == '\0')
		return;
	if (p == NULL || *p == '\0' || strlen(p) >= sizeof(fs.path)) {
		complain("FAULTSYS needs FAULTSYS_PATH (under 256 bytes)");
		return;
	}
	for (; *s != '\0'; s = comma + 1) {
		comma = strchr(s, ',');
		len = comma != NULL ? (size_t)(comma - s) : strlen(s);
		if (rule_load(s, len) == -1) {
			fs.n = 0;
			return;
		}
		if (comma == NULL)
			break;
	}
	memcpy(fs.path, p, strlen(p) + 1);
	fs.log = getenv("FAULTSYS_LOG");
	for (i = 0; i < fs.n; i++)
		fs.any[fs.rule[i].call] = 1;
}

/*
 * Must this call fail?  The errno to give (or ERR_SHORT), 0 if not.
 * Counts the call in every rule for it when fd's path matches.
 */
static int
fault(enum call call, int fd)
{
	char		 proc[64], path[4096];
	ssize_t		 n;
	unsigned long	 seen;
	int		 saved = errno, err = 0, i;
	struct rule	*r;

	if (!fs.ready)
		load();
	if (!fs.any[call] || fd < 0)
		return 0;
	(void)snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if ((n = readlink(proc, path, sizeof(path) - 1)) <= 0) {
		errno = saved;
		return 0;
	}
	path[n] = '\0';
	if (strstr(path, fs.path) != NULL) {
		for (i = 0; i < fs.n; i++) {
			r = &fs.rule[i];
			if (r->call != call)
				continue;
			seen = __atomic_add_fetch(&r->seen, 1,
			    __ATOMIC_SEQ_CST);
			if (err != 0 || seen < r->nth ||
			    (seen > r->nth && !r->onward))
				continue;
			err = r->err;
			shim_log(fs.log, "faultsys: pid %ld: %s %lu on %s: "
			    "%s\n", (long)getpid(), call_names[call], seen,
			    path, r->err_name);
		}
	}
	errno = saved;
	return err;
}

static size_t
half(size_t n)
{
	return n > 1 ? n / 2 : n;
}

ssize_t
read(int fd, void *buf, size_t count)
{
	static ssize_t	(*real)(int, void *, size_t);
	int		 err;

	if (real == NULL)
		real = shim_next("read");
	if ((err = fault(C_READ, fd)) == ERR_SHORT)
		return real(fd, buf, half(count));
	if (err != 0) {
		errno = err;
		return -1;
	}
	return real(fd, buf, count);
}

ssize_t
write(int fd, const void *buf, size_t count)
{
	static ssize_t	(*real)(int, const void *, size_t);
	int		 err;

	if (real == NULL)
		real = shim_next("write");
	if ((err = fault(C_WRITE, fd)) == ERR_SHORT)
		return real(fd, buf, half(count));
	if (err != 0) {
		errno = err;
		return -1;
	}
	return real(fd, buf, count);
}

int
fsync(int fd)
{
	static int	(*real)(int);
	int		err;

	if (real == NULL)
		real = shim_next("fsync");
	if ((err = fault(C_FSYNC, fd)) != 0) {
		errno = err;
		return -1;
	}
	return real(fd);
}

int
fdatasync(int fd)
{
	static int	(*real)(int);
	int		err;

	if (real == NULL)
		real = shim_next("fdatasync");
	if ((err = fault(C_FDATASYNC, fd)) != 0) {
		errno = err;
		return -1;
	}
	return real(fd);
}

int
ftruncate(int fd, off_t len)
{
	static int	(*real)(int, off_t);
	int		err;

	if (real == NULL)
		real = shim_next("ftruncate");
	if ((err = fault(C_FTRUNCATE, fd)) != 0) {
		errno = err;
		return -1;
	}
	return real(fd, len);
}

int
flock(int fd, int op)
{
	static int	(*real)(int, int);
	int		err;

	if (real == NULL)
		real = shim_next("flock");
	if ((err = fault(C_FLOCK, fd)) != 0) {
		errno = err;
		return -1;
	}
	return real(fd, op);
}

int
close(int fd)
{
	static int	(*real)(int);
	int		err;

	if (real == NULL)
		real = shim_next("close");
	if ((err = fault(C_CLOSE, fd)) != 0) {
		/* Linux releases the descriptor whatever close says */
		(void)real(fd);
		errno = err;
		return -1;
	}
	return real(fd);
}

int
fstat(int fd, struct stat *sb)
{
	static int	(*real)(int, struct stat *);
	int		err;

	if (real == NULL)
		real = shim_next("fstat");
	if ((err = fault(C_FSTAT, fd)) != 0) {
		errno = err;
		return -1;
	}
	return real(fd, sb);
}
