/*
 * Publishing a finished .part under its final name (publish.h).  link(2)
 * fails where rename(2) would replace; the rename fallback for
 * filesystems without hard links checks first, which leaves a window
 * that link has not: another program's file appearing between the check
 * and the rename.  mjpipe itself claims names before writing.
 */
#include "autoconf.h"

#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "publish.h"

static int
link_unsupported(int err)
{
	return err == EPERM || err == ENOTSUP || err == EOPNOTSUPP ||
	    err == EXDEV || err == EMLINK || err == ENOSYS;
}

int
publish_file(const char *part, const char *path)
{
	struct stat	sb;

	if (link(part, path) == 0)
		return unlink(part);
	if (!link_unsupported(errno))
		return -1;
	if (lstat(path, &sb) == 0) {
		errno = EEXIST;
		return -1;
	}
	return rename(part, path);
}

/* 0: fd locked, or the filesystem keeps no locks; -1 with errno. */
static int
lock_part(int fd)
{
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	return errno == ENOLCK || errno == EINVAL || errno == ENOTSUP ||
	    errno == EOPNOTSUPP ? 0 : -1;
}

/*
 * Is fd still the file named path?  The holder of the lock waited for may
 * have published and removed it: then a new one is made.
 */
static int
still_named(int fd, const char *path)
{
	struct stat	a, b;

	return fstat(fd, &a) == 0 && lstat(path, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int
publish_open(const char *part, mode_t mode, int *hold)
{
	int	fd, err, tries;

	*hold = -1;
	for (tries = 0; tries < 8; tries++) {
		fd = open(part, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
		    mode);
		if (fd == -1)
			return -1;
		if (lock_part(fd) == -1)
			goto fail;
		if (!still_named(fd, part)) {
			(void)close(fd);
			continue;
		}
		if (ftruncate(fd, 0) == -1 ||
		    (*hold = fcntl(fd, F_DUPFD_CLOEXEC, 0)) == -1)
			goto fail;
		return fd;
	}
	errno = EWOULDBLOCK;	/* it kept being replaced: someone has it */
	return -1;
fail:
	err = errno;
	(void)close(fd);
	errno = err;
	return -1;
}

void
publish_release(int *hold)
{
	if (*hold != -1)
		(void)close(*hold);
	*hold = -1;
}

void
publish_remove_stale(const char *part)
{
	int	fd;

	if ((fd = open(part, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return;
	if (lock_part(fd) == 0)
		(void)unlink(part);
	(void)close(fd);
}

int
publish_retryable(int err)
{
	return err == ENOSPC || err == EDQUOT || err == EIO ||
	    err == EWOULDBLOCK;
}

const char *
publish_strerror(int err)
{
	return err == EWOULDBLOCK ? "another process is writing it" :
	    strerror(err);
}
