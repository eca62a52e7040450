/*
 * Allocation that cannot fail: out of memory prints "prog: out of memory"
 * and exits 1, so nothing else in mjpipe tests for NULL from these.
 */
#ifndef MJ_XALLOC_H
#define MJ_XALLOC_H

#include <stddef.h>

/* Each returns memory the caller owns and frees with free(3). */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif
