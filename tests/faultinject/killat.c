/*
 * killat.so: an LD_PRELOAD shim for the tests that kills the program
 * with SIGKILL at one chosen call, so that a crash lands exactly inside
 * a journal write or around a rename, not at a random instant.
 *
 *	KILLAT=OP:PATTERN:N	the Nth OP whose path contains PATTERN
 *	KILLAT_LOG=FILE		append one line saying where it struck
 *
 * OP is one of
 *	write		write only the first half of the bytes, then die
 *			(write, writev, pwrite; the path of the descriptor
 *			is read from /proc/self/fd)
 *	rename		die just before the rename (rename, renameat,
 *			renameat2; PATTERN is matched on the source)
 *	rename-after	die just after it, before the directory is fsync'ed
 *	link		die just before link(2) or linkat(2) (the source)
 *	link-after	die just after it (the .part still there)
 *
 * Without KILLAT, or with a KILLAT it cannot read, every call goes
 * straight through (a bad KILLAT is reported once on stderr).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

enum op { OP_NONE, OP_WRITE, OP_RENAME, OP_RENAME_AFTER, OP_LINK,
    OP_LINK_AFTER };

static const struct {
	const char	*name;
	enum op		 op;
} ops[] = {
	{ "write", OP_WRITE }, { "rename", OP_RENAME },
	{ "rename-after", OP_RENAME_AFTER }, { "link", OP_LINK },
	{ "link-after", OP_LINK_AFTER },
};

static struct {
	int		 ready;
	enum op		 op;
	char		 pattern[256];
	unsigned long	 nth;
	unsigned long	 seen;
} aim;

static void	*next(const char *);

/* write(2) itself, not ours: for the shim's own messages */
static ssize_t
real_write(int fd, const void *buf, size_t count)
{
	static ssize_t	(*real)(int, const void *, size_t);

	if (real == NULL)
		real = next("write");
	return real(fd, buf, count);
}

static void
complain(const char *what)
{
	static const char pre[] = "killat: ";

	/* stderr may be anything; nothing to do if this fails */
	if (real_write(STDERR_FILENO, pre, sizeof(pre) - 1) < 0 ||
	    real_write(STDERR_FILENO, what, strlen(what)) < 0 ||
	    real_write(STDERR_FILENO, "\n", 1) < 0)
		return;
}

/* Read KILLAT once: "OP:PATTERN:N", the pattern may hold colons. */
static void
aim_load(void)
{
	const char	*s = getenv("KILLAT"), *c1, *c2;
	char		*end;
	size_t		 i, n;

	aim.ready = 1;
	if (s == NULL || *s == '\0')
		return;
	c1 = strchr(s, ':');
	c2 = strrchr(s, ':');
	if (c1 == NULL || c1 == c2 ||
	    (size_t)(c2 - c1 - 1) >= sizeof(aim.pattern)) {
		complain("KILLAT must be OP:PATTERN:N");
		return;
	}
	errno = 0;
	aim.nth = strtoul(c2 + 1, &end, 10);
	if (errno != 0 || *end != '\0' || end == c2 + 1 || aim.nth == 0) {
		complain("KILLAT: N must be a number from 1");
		return;
	}
	n = (size_t)(c1 - s);
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strlen(ops[i].name) == n && strncmp(s, ops[i].name, n) == 0)
			aim.op = ops[i].op;
	if (aim.op == OP_NONE) {
		complain("KILLAT: OP must be write, rename, rename-after, "
		    "link or link-after");
		return;
	}
	memcpy(aim.pattern, c1 + 1, (size_t)(c2 - c1 - 1));
	aim.pattern[c2 - c1 - 1] = '\0';
}

/* The next definition of sym: libc's, or a sanitizer's in between. */
static void *
next(const char *sym)
{
	static const char	msg[] = "killat: a symbol is missing\n";
	void			*p = dlsym(RTLD_NEXT, sym);

	if (p == NULL) {
		/* not complain(): it may be write that is missing */
		(void)syscall(SYS_write, STDERR_FILENO, msg, sizeof(msg) - 1);
		abort();
	}
	return p;
}

/* Is this the call to strike at?  Counts the calls that match. */
static int
aimed(enum op op, const char *path)
{
	int	saved = errno, hit = 0;

	if (!aim.ready)
		aim_load();
	if ((aim.op == op || (op == OP_RENAME && aim.op == OP_RENAME_AFTER) ||
	    (op == OP_LINK && aim.op == OP_LINK_AFTER)) && path != NULL &&
	    strstr(path, aim.pattern) != NULL)
		hit = __atomic_add_fetch(&aim.seen, 1, __ATOMIC_SEQ_CST) ==
		    aim.nth;
	errno = saved;
	return hit;
}

static int
fd_aimed(int fd)
{
	char	proc[64], path[4096];
	ssize_t	n;
	int	saved = errno;

	if (!aim.ready)
		aim_load();
	if (aim.op != OP_WRITE)
		return 0;
	(void)snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	n = readlink(proc, path, sizeof(path) - 1);
	errno = saved;
	if (n <= 0)
		return 0;
	path[n] = '\0';
	return aimed(OP_WRITE, path);
}

/* Say where, then die as kill -9 would: no handler, no flush, no exit. */
static void
strike(const char *what, const char *path, size_t done, size_t of)
{
	const char	*logpath = getenv("KILLAT_LOG");
	char		 line[4400];
	int		 fd, n;

	if (logpath != NULL && *logpath != '\0') {
		n = snprintf(line, sizeof(line), "killat: pid %ld: %s #%lu "
		    "%s: %zu of %zu bytes\n", (long)getpid(), what, aim.nth,
		    path, done, of);
		fd = open(logpath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
		if (fd != -1 && n > 0) {
			if (real_write(fd, line, (size_t)n) < 0)
				complain("KILLAT_LOG: write failed");
			(void)close(fd);	/* the log line is out */
		}
	}
	(void)raise(SIGKILL);
	_exit(137);		/* not reached */
}

static void
fd_path(int fd, char *path, size_t size)
{
	char	proc[64];
	ssize_t	n;

	(void)snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	n = readlink(proc, path, size - 1);
	path[n > 0 ? n : 0] = '\0';
}

ssize_t
write(int fd, const void *buf, size_t count)
{
	char	path[4096];
	ssize_t	w;

	if (!fd_aimed(fd))
		return real_write(fd, buf, count);
	w = real_write(fd, buf, count / 2);
	fd_path(fd, path, sizeof(path));
	strike("write", path, w > 0 ? (size_t)w : 0, count);
	return -1;
}

ssize_t
pwrite(int fd, const void *buf, size_t count, off_t off)
{
	static ssize_t	(*real)(int, const void *, size_t, off_t);
	char		 path[4096];
	ssize_t		 w;

	if (real == NULL)
		real = next("pwrite");
	if (!fd_aimed(fd))
		return real(fd, buf, count, off);
	w = real(fd, buf, count / 2, off);
	fd_path(fd, path, sizeof(path));
	strike("pwrite", path, w > 0 ? (size_t)w : 0, count);
	return -1;
}

ssize_t
pwrite64(int fd, const void *buf, size_t count, off64_t off)
{
	return pwrite(fd, buf, count, off);
}

/* Half of the bytes of the vector: the first buffers, then part of one. */
ssize_t
writev(int fd, const struct iovec *iov, int iovcnt)
{
	static ssize_t	(*real)(int, const struct iovec *, int);
	char		 path[4096];
	size_t		 total = 0, half, done = 0, take;
	ssize_t		 w;
	int		 i;

	if (real == NULL)
		real = next("writev");
	if (!fd_aimed(fd))
		return real(fd, iov, iovcnt);
	for (i = 0; i < iovcnt; i++)
		total += iov[i].iov_len;
	half = total / 2;
	for (i = 0; i < iovcnt && done < half; i++) {
		take = iov[i].iov_len < half - done ? iov[i].iov_len :
		    half - done;
		if ((w = real_write(fd, iov[i].iov_base, take)) <= 0)
			break;
		done += (size_t)w;
	}
	fd_path(fd, path, sizeof(path));
	strike("writev", path, done, total);
	return -1;
}

int
rename(const char *from, const char *to)
{
	static int	(*real)(const char *, const char *);
	int		 rc;

	if (real == NULL)
		real = next("rename");
	if (!aimed(OP_RENAME, from))
		return real(from, to);
	if (aim.op == OP_RENAME)
		strike("rename", from, 0, 0);
	rc = real(from, to);
	strike(rc == 0 ? "rename-after" : "rename-after (failed)", from, 0,
	    0);
	return rc;
}

int
renameat(int fromfd, const char *from, int tofd, const char *to)
{
	static int	(*real)(int, const char *, int, const char *);
	int		 rc;

	if (real == NULL)
		real = next("renameat");
	if (!aimed(OP_RENAME, from))
		return real(fromfd, from, tofd, to);
	if (aim.op == OP_RENAME)
		strike("renameat", from, 0, 0);
	rc = real(fromfd, from, tofd, to);
	strike(rc == 0 ? "renameat-after" : "renameat-after (failed)", from,
	    0, 0);
	return rc;
}

int
renameat2(int fromfd, const char *from, int tofd, const char *to,
    unsigned int flags)
{
	static int	(*real)(int, const char *, int, const char *,
			    unsigned int);
	int		 rc;

	if (real == NULL)
		real = next("renameat2");
	if (!aimed(OP_RENAME, from))
		return real(fromfd, from, tofd, to, flags);
	if (aim.op == OP_RENAME)
		strike("renameat2", from, 0, 0);
	rc = real(fromfd, from, tofd, to, flags);
	strike(rc == 0 ? "renameat2-after" : "renameat2-after (failed)",
	    from, 0, 0);
	return rc;
}

int
link(const char *from, const char *to)
{
	static int	(*real)(const char *, const char *);
	int		 rc;

	if (real == NULL)
		real = next("link");
	if (!aimed(OP_LINK, from))
		return real(from, to);
	if (aim.op == OP_LINK)
		strike("link", from, 0, 0);
	rc = real(from, to);
	/* a link that failed (EEXIST) is tried again under another name */
	if (rc == -1) {
		__atomic_sub_fetch(&aim.seen, 1, __ATOMIC_SEQ_CST);
		return rc;
	}
	strike("link-after", from, 0, 0);
	return rc;
}

int
linkat(int fromfd, const char *from, int tofd, const char *to, int flags)
{
	static int	(*real)(int, const char *, int, const char *, int);
	int		 rc;

	if (real == NULL)
		real = next("linkat");
	if (!aimed(OP_LINK, from))
		return real(fromfd, from, tofd, to, flags);
	if (aim.op == OP_LINK)
		strike("linkat", from, 0, 0);
	rc = real(fromfd, from, tofd, to, flags);
	if (rc == -1) {
		__atomic_sub_fetch(&aim.seen, 1, __ATOMIC_SEQ_CST);
		return rc;
	}
	strike("linkat-after", from, 0, 0);
	return rc;
}
