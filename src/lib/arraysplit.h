/*
 * Split a top-level JSON array into its elements as its bytes arrive, so
 * that a reply of any length (a server's whole task list) is read with
 * memory for one element at a time.  It tracks only strings, escapes and
 * nesting; each element's text is handed over whole, for the caller to
 * parse (and so to validate).
 */
#ifndef MJ_ARRAYSPLIT_H
#define MJ_ARRAYSPLIT_H

#include <stddef.h>

#include "buf.h"

/* Called per element; return -1 to stop (array_split_feed returns -1). */
typedef int	(*array_elem_fn)(const char *text, size_t len, void *arg);

struct array_split {
	struct buf	 elem;		/* the element being read */
	size_t		 max_elem;	/* longer elements are an error */
	/* private: before, between, in, after */
	int		 where;
	int		 depth;		/* nesting inside the element */
	int		 in_string, escaped;
	unsigned long	 count;		/* elements handed over */
	const char	*error;		/* static text, once something failed */
};

void	array_split_init(struct array_split *, size_t max_elem);
void	array_split_free(struct array_split *);
/* 0, or -1 with error set (not an array, an element too long) or fn's -1. */
int	array_split_feed(struct array_split *, const char *p, size_t n,
	    array_elem_fn fn, void *arg);
/* At the end of the bytes: 0 if one whole array was read, else -1. */
int	array_split_finish(struct array_split *);

#endif
