/*
 * Allocation that cannot fail: out of memory prints "prog: out of memory"
 * and exits 1, so nothing else in mjpipe tests for NULL from these.  The
 * path that says so allocates nothing and depends on no other module.
 */
#ifndef MJ_XALLOC_H
#define MJ_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

/*
 * The program name for the message; borrowed, the basename is copied into
 * a static buffer (diag_init calls this).
 */
void	 xalloc_init(const char *progname);
/*
 * Out of memory: "prog: out of memory" written to stderr from a static
 * buffer with write(2), then _exit(1).  Nothing is allocated, no atexit
 * handler runs (they may allocate); stdout is flushed first, since records
 * are whole there, and the temporary files in flight (xalloc_tmp_add) are
 * unlinked.  The first thread out of memory exits; any other waits for it.
 * For callers whose allocator is not one of these (json-c).
 */
void	 xalloc_oom(void) __attribute__((noreturn));

/*
 * A temporary file in flight (a .part being written), unlinked by the
 * out-of-memory exit, as the writer would on any other failure; path is
 * copied.  Add it before creating the file, remove it once the file is
 * gone or has its final name (the exit then unlinks nothing, or a name
 * that no longer exists).  Thread-safe; NULL for a path of PATH_MAX
 * bytes or more (not covered).  xalloc_tmp_remove(NULL) does nothing.
 */
struct xalloc_tmp *xalloc_tmp_add(const char *path);
void	 xalloc_tmp_remove(struct xalloc_tmp *);

/* Each returns memory the caller owns and frees with free(3). */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
/*
 * The same from a va_list, which is left as it was (copied): NULL, not
 * an exit, when the format cannot be printed (vsnprintf fails).
 */
char	*xvasprintf(const char *, va_list)
	    __attribute__((format(printf, 1, 0)));

#endif
