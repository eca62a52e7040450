/*
 * Writing members into an archive opened by the caller (libarchive):
 * regular files copied in chunks, buffers, temporary files.  The first
 * failure is kept in ->failed; an archive that failed is not to be used.
 * As data accumulates, the kernel is asked to start writing it back, so
 * that the sync at the end has little left to do.
 */
#ifndef MJ_ARCHWRITE_H
#define MJ_ARCHWRITE_H

#include <sys/stat.h>
#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

struct archive;

struct archwrite {
	struct archive	*a;		/* borrowed */
	const char	*label;		/* the archive's name, in messages */
	int		 fd;		/* where it goes, for the writeback */
	int		 writeback;	/* start the writeback as it grows */
	off_t		 flushed;	/* bytes whose writeback began */
	uint64_t	 bytes;		/* member bytes added */
	int		 have_mtime;	/* every member gets mtime */
	time_t		 mtime;
	char		*failed;	/* why the archive cannot be used */
};

/* Keep the first failure: "what: libarchive's reason (or errno's)". */
void	archwrite_fail(struct archwrite *, const char *what);
/* Open path for reading, a regular file: fd, or -1 with why in err. */
int	archwrite_open_src(const char *path, struct stat *, char *err,
	    size_t errlen);
/* Add size bytes read from fd as member name: 0, or -1 (why in err). */
int	archwrite_add_fd(struct archwrite *, const char *name, int fd,
	    int64_t size, time_t mtime, char *err, size_t errlen);
/* Add len bytes of memory as member name: 0, or -1 (why in err). */
int	archwrite_add_mem(struct archwrite *, const char *name,
	    const void *data, size_t len, char *err, size_t errlen);
/* Add a temporary file, from its start to its end: 0, or -1 (->failed). */
int	archwrite_add_tmp(struct archwrite *, const char *name, FILE *);
void	archwrite_free(struct archwrite *);

#endif
