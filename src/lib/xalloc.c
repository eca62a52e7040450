/*
 * Out-of-memory wrappers (signify's xmalloc): one policy, in one place.
 * The failure path allocates nothing: the temporary files in flight
 * unlinked, a message built at start in a static buffer, one write(2),
 * _exit.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "autoconf.h"
#include "xalloc.h"

#define OOM_TAIL	": out of memory\n"
#define OOM_NAME_MAX	64

static char	oom_msg[OOM_NAME_MAX + sizeof(OOM_TAIL)] =
		    "mjpipe" OOM_TAIL;
static size_t	oom_len = sizeof("mjpipe" OOM_TAIL) - 1;
static atomic_flag oom_once = ATOMIC_FLAG_INIT;

/*
 * The temporary files in flight, for the out-of-memory exit to unlink:
 * blocks of slots that are never freed, each path copied in, so that the
 * exit reads no memory a writer may free.  A slot's seq is odd while its
 * path changes (a seqlock): the exit, which may run in any thread, skips
 * a slot that changes while it reads it.
 */
#define TMP_SLOTS	64

struct xalloc_tmp {
	atomic_int	 used;
	atomic_uint	 seq;
	char		 path[PATH_MAX];
};

struct tmp_block {
	struct xalloc_tmp	 slot[TMP_SLOTS];
	struct tmp_block *_Atomic next;
};

static struct tmp_block	tmp_first;

void
xalloc_init(const char *progname)
{
	const char	*slash;
	size_t		 n;

	slash = strrchr(progname, '/');
	if (slash != NULL)
		progname = slash + 1;
	n = strlen(progname);
	if (n > OOM_NAME_MAX)
		n = OOM_NAME_MAX;
	memcpy(oom_msg, progname, n);
	memcpy(oom_msg + n, OOM_TAIL, sizeof(OOM_TAIL));
	oom_len = n + sizeof(OOM_TAIL) - 1;
}

/* A free slot, taken; a new block if every one is taken; NULL: none. */
static struct xalloc_tmp *
tmp_take(void)
{
	struct tmp_block	*b = &tmp_first, *next, *fresh;
	int			 free_slot;
	size_t			 i;

	for (;;) {
		for (i = 0; i < TMP_SLOTS; i++) {
			free_slot = 0;
			if (atomic_compare_exchange_strong(&b->slot[i].used,
			    &free_slot, 1))
				return &b->slot[i];
		}
		if ((next = atomic_load(&b->next)) == NULL) {
			/* calloc, not xcalloc: failing, the caller's exit
			 * must not unlink what this slot would have held */
			if ((fresh = calloc(1, sizeof(*fresh))) == NULL)
				return NULL;
			if (atomic_compare_exchange_strong(&b->next, &next,
			    fresh))
				next = fresh;
			else
				free(fresh);	/* another thread's won */
		}
		b = next;
	}
}

struct xalloc_tmp *
xalloc_tmp_add(const char *path)
{
	struct xalloc_tmp	*t;
	size_t			 len = strlen(path);

	if (len >= PATH_MAX)
		return NULL;
	if ((t = tmp_take()) == NULL)
		xalloc_oom();
	atomic_fetch_add(&t->seq, 1);
	memcpy(t->path, path, len + 1);
	atomic_fetch_add(&t->seq, 1);
	return t;
}

void
xalloc_tmp_remove(struct xalloc_tmp *t)
{
	if (t == NULL)
		return;
	atomic_fetch_add(&t->seq, 1);
	t->path[0] = '\0';
	atomic_fetch_add(&t->seq, 1);
	atomic_store(&t->used, 0);
}

/* The out-of-memory exit: unlink every path in flight, unless changing. */
static void
tmp_unlink_all(void)
{
	static char		 copy[PATH_MAX];	/* one thread is here */
	struct tmp_block	*b;
	struct xalloc_tmp	*t;
	unsigned		 seq;
	size_t			 i;

	for (b = &tmp_first; b != NULL; b = atomic_load(&b->next)) {
		for (i = 0; i < TMP_SLOTS; i++) {
			t = &b->slot[i];
			seq = atomic_load(&t->seq);
			if (!atomic_load(&t->used) || seq % 2 != 0)
				continue;
			memcpy(copy, t->path, sizeof(copy));
			atomic_thread_fence(memory_order_acquire);
			if (atomic_load(&t->seq) != seq || copy[0] == '\0')
				continue;
			copy[sizeof(copy) - 1] = '\0';
			(void)unlink(copy);
		}
	}
}

#ifdef MJ_COVERAGE
/*
 * A gcov build (configure --enable-coverage): _exit skips gcov's counts,
 * so what only running out of memory reaches would never be counted.
 * gcov allocates while it writes them: the tests' failing allocator
 * (tests/faultinject/failmalloc.c), if it is there, lets allocations
 * succeed again first.
 */
extern void	__gcov_dump(void);
extern void	failmalloc_disarm(void) __attribute__((weak));

static void
coverage_dump(void)
{
	if (failmalloc_disarm != NULL)
		failmalloc_disarm();
	__gcov_dump();
}
#else
static void
coverage_dump(void)
{
}
#endif

void
xalloc_oom(void)
{
	const char	*p = oom_msg;
	size_t		 left = oom_len;
	ssize_t		 n;

	/* another thread out of memory too: it says so, and exits */
	if (atomic_flag_test_and_set(&oom_once))
		for (;;)
			(void)pause();
	/* whole records may wait in stdio's buffer, which is already there */
	(void)fflush(stdout);	/* nothing to do if it fails: we are leaving */
	tmp_unlink_all();
	while (left > 0) {
		n = write(STDERR_FILENO, p, left);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		p += n;
		left -= (size_t)n;
	}
	coverage_dump();
	_exit(1);
}

void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		xalloc_oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size)) == NULL)
		xalloc_oom();
	return p;
}

void *
xrealloc(void *old, size_t n)
{
	void	*p;

	if ((p = realloc(old, n == 0 ? 1 : n)) == NULL)
		xalloc_oom();
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		xalloc_oom();
	return xrealloc(old, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 cp;
	char	*p;
	int	 n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return NULL;
	p = xmalloc((size_t)n + 1);
	va_copy(cp, ap);
	if (vsnprintf(p, (size_t)n + 1, fmt, cp) != n) {
		free(p);
		p = NULL;
	}
	va_end(cp);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	if (p == NULL)
		xalloc_oom();
	return p;
}
