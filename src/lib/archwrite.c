/*
 * Members into an archive: the copy loop and the writeback shared by
 * every layout of mj-pack.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "archwrite.h"
#include "xalloc.h"

#define CHUNK		(256 * 1024)
#define WRITEBACK_STEP	(8 << 20)	/* start writing back every 8 MiB */

void
archwrite_fail(struct archwrite *w, const char *what)
{
	const char	*msg, *why = NULL;
	int		 err;

	if (w->failed != NULL)
		return;
	if (w->a == NULL || (msg = archive_error_string(w->a)) == NULL) {
		w->failed = xasprintf("%s: %s", what, strerror(errno));
		return;
	}
	/* libarchive's "Write error" keeps its errno apart: say it too */
	if ((err = archive_errno(w->a)) > 0 &&
	    strstr(msg, strerror(err)) == NULL)
		why = strerror(err);
	w->failed = xasprintf("%s: %s%s%s", what, msg, why != NULL ? ": " :
	    "", why != NULL ? why : "");
}

int
archwrite_open_src(const char *path, struct stat *sb, char *err,
    size_t errlen)
{
	int	fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, sb) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(sb->st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	return fd;
}

static struct archive_entry *
new_entry(struct archwrite *w, const char *name, int64_t size, time_t mtime)
{
	struct archive_entry	*e = archive_entry_new();

	if (e == NULL)
		xalloc_oom();
	archive_entry_set_pathname_utf8(e, name);
	archive_entry_set_size(e, size);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_mtime(e, w->have_mtime ? w->mtime : mtime, 0);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	return e;
}

/*
 * Have the kernel start writing what the archive has so far, without
 * waiting for it: the sync at the end then finds little left to do,
 * instead of the whole archive (1.5 s a GiB on the bench's disk).
 */
static void
start_writeback(struct archwrite *w)
{
#ifdef SYNC_FILE_RANGE_WRITE
	off_t	end;

	if (!w->writeback || (end = lseek(w->fd, 0, SEEK_CUR)) == -1 ||
	    end - w->flushed < WRITEBACK_STEP)
		return;
	/* advice only: a failure here is found by the fsync at the end */
	(void)sync_file_range(w->fd, w->flushed, end - w->flushed,
	    SYNC_FILE_RANGE_WRITE);
	w->flushed = end;
#else
	(void)w;
#endif
}

static int
write_header(struct archwrite *w, const char *name, int64_t size,
    time_t mtime, char *err, size_t errlen)
{
	struct archive_entry	*e = new_entry(w, name, size, mtime);
	int			 rc = archive_write_header(w->a, e);

	archive_entry_free(e);
	if (rc != ARCHIVE_OK) {
		archwrite_fail(w, w->label);
		snprintf(err, errlen, "%s", w->failed);
		return -1;
	}
	return 0;
}

int
archwrite_add_fd(struct archwrite *w, const char *name, int fd,
    int64_t size, time_t mtime, char *err, size_t errlen)
{
	static char	*chunk;		/* the copy buffer, kept for the run */
	int64_t		 left = size;
	ssize_t		 n;

	if (chunk == NULL)
		chunk = xmalloc(CHUNK);
	if (write_header(w, name, size, mtime, err, errlen) == -1)
		return -1;
	while (left > 0) {
		n = read(fd, chunk, left < CHUNK ? (size_t)left : CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* the header promised size bytes: the archive is
			 * lost */
			snprintf(err, errlen, "%s: %s", name, n < 0 ?
			    strerror(errno) :
			    "the file shrank while it was packed");
			if (w->failed == NULL)
				w->failed = xasprintf("%s: a file could not "
				    "be read whole", w->label);
			return -1;
		}
		if (archive_write_data(w->a, chunk, (size_t)n) != n) {
			archwrite_fail(w, w->label);
			snprintf(err, errlen, "%s", w->failed);
			return -1;
		}
		left -= n;
	}
	w->bytes += (uint64_t)size;
	start_writeback(w);
	return 0;
}

int
archwrite_add_mem(struct archwrite *w, const char *name, const void *data,
    size_t len, char *err, size_t errlen)
{
	if (write_header(w, name, (int64_t)len, time(NULL), err, errlen) == -1)
		return -1;
	if (len > 0 && archive_write_data(w->a, data, len) != (ssize_t)len) {
		archwrite_fail(w, w->label);
		snprintf(err, errlen, "%s", w->failed);
		return -1;
	}
	w->bytes += len;
	start_writeback(w);
	return 0;
}

int
archwrite_add_tmp(struct archwrite *w, const char *name, FILE *f)
{
	char	 err[256];
	long	 size;

	if (w->failed != NULL)
		return -1;
	if (fflush(f) == EOF || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		w->failed = xasprintf("%s: %s", name, strerror(errno));
		return -1;
	}
	/* a failure sets w->failed itself */
	if (archwrite_add_fd(w, name, fileno(f), size, time(NULL), err,
	    sizeof(err)) == -1)
		return -1;
	(void)fseek(f, 0, SEEK_END);
	return 0;
}

void
archwrite_free(struct archwrite *w)
{
	free(w->failed);
	w->failed = NULL;
}
