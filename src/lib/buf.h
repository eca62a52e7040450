/*
 * A growable byte buffer, always NUL-terminated so that text can be read
 * from it directly.  The buffer owns data; buf_free releases it.
 */
#ifndef MJ_BUF_H
#define MJ_BUF_H

#include <stddef.h>

struct buf {
	/* NUL-terminated; NULL until the first append */
	char	*data;
	size_t	 len;
	size_t	 cap;
};

#define BUF_INIT	{ NULL, 0, 0 }

void	 buf_append(struct buf *, const void *, size_t);
void	 buf_appends(struct buf *, const char *);
void	 buf_appendf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_appendc(struct buf *, char);
/* Drop the first n bytes (a consumed prefix). */
void	 buf_consume(struct buf *, size_t n);
void	 buf_reset(struct buf *);
/* Hand the data to the caller (who frees it); the buffer becomes empty. */
char	*buf_detach(struct buf *, size_t *lenp);
void	 buf_free(struct buf *);
/* The text, never NULL (an empty string before the first append). */
const char *buf_str(const struct buf *);

#endif
