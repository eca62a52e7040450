/*
 * A set of names kept as 64-bit hashes (FNV-1a), at most 10 bytes a name:
 * enough to tell whether a file or member name was taken in this run when
 * runs are 100,000 records long.  A collision (about one in 2^64 per
 * pair) only makes a caller pick "name-2" where "name" was free.
 */
#ifndef MJ_NAMESET_H
#define MJ_NAMESET_H

#include <stddef.h>
#include <stdint.h>

struct nameset {
	uint64_t	*slot;		/* 0: empty */
	size_t		 cap, n;
};

#define NAMESET_INIT	{ NULL, 0, 0 }

/* 1 if name was added, 0 if it was there already. */
int	nameset_add(struct nameset *, const char *name);
int	nameset_has(const struct nameset *, const char *name);
void	nameset_free(struct nameset *);

#endif
