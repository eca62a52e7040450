/*
 * A string-keyed hash table (open addressing).  Keys are copied; values
 * are the caller's pointers (the table never frees them).
 */
#ifndef MJ_TABLE_H
#define MJ_TABLE_H

#include <stddef.h>

struct table;

struct table	*table_new(void);
/* Frees the table and its key copies, not the values. */
void		 table_free(struct table *);
/* Insert or replace; returns the old value or NULL. */
void		*table_put(struct table *, const char *key, void *value);
void		*table_get(const struct table *, const char *key);
/* Remove; returns the value or NULL. */
void		*table_del(struct table *, const char *key);
size_t		 table_count(const struct table *);
/* Iterate: *pos starts at 0; returns 1 and sets key/value, 0 at the end.
 * The table must not change during the walk. */
int		 table_next(const struct table *, size_t *pos, const char **key,
		    void **value);

#endif
