/*
 * Publishing a finished .part under its final name (publish.h).  link(2)
 * fails where rename(2) would replace; the rename fallback for
 * filesystems without hard links checks first, which leaves a window
 * that link has not: another program's file appearing between the check
 * and the rename.  mjpipe itself claims names before writing.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
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
