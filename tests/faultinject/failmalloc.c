/*
 * failmalloc.so: an LD_PRELOAD shim for the tests that makes every
 * allocation fail from the Nth one after main begins, as SQLite's and
 * jq's fault-injection tests do, so that each point where a program may
 * run out of memory can be reached in turn.
 *
 *	FAILMALLOC=N		allocations 1 .. N-1 succeed, N and every
 *				later one return NULL (ENOMEM); 0 or unset:
 *				none fails, the run is only counted
 *	FAILMALLOC_LOG=FILE	append one line at the first failure
 *				("failmalloc: pid P: failed N in OBJECT...",
 *				the objects its callers are in) and one at
 *				exit ("failmalloc: pid P: allocations C")
 *	FAILMALLOC_TRACE=FILE	append, for each allocation counted, its
 *				number and its callers as OBJECT+0xOFFSET
 *				(for addr2line): which path each point is on
 *
 * Counted: malloc, calloc, realloc (growing or new), reallocarray,
 * posix_memalign, aligned_alloc, memalign, strdup, strndup; glibc's own
 * strdup, asprintf, getline, fopen call malloc and are counted through
 * it.  Allocations before main (the loader, the libraries' constructors)
 * are not counted and never fail; the count starts when main is called
 * (the shim wraps __libc_start_main) and ends when main returns or exit
 * is called.  Threads count in one sequence.
 *
 * failmalloc_disarm(), which a coverage build's out-of-memory exit calls
 * (src/lib/xalloc.c), ends the failures there too: gcov then allocates
 * as it writes the counts of the run.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define SHIM_NAME	"failmalloc"
#include "shim.h"

typedef int	(*main_fn)(int, char **, char **);
typedef int	(*start_fn)(main_fn, int, char **, void (*)(void),
		    void (*)(void), void (*)(void), void *);

static struct {
	void	*(*malloc)(size_t);
	void	*(*calloc)(size_t, size_t);
	void	*(*realloc)(void *, size_t);
	void	 (*free)(void *);
	int	 (*posix_memalign)(void **, size_t, size_t);
	void	*(*aligned_alloc)(size_t, size_t);
	void	*(*memalign)(size_t, size_t);
} real;

static unsigned long	 fail_at;	/* 0: never */
static int		 armed;		/* main has begun */
static unsigned long	 count;		/* allocations since main */
static int		 reported;	/* the first failure is being logged */
static int		 logged;	/* ... and is in the log */
static const char	*log_path;
static const char	*trace_path;
static int		 trace_fd = -1;
static __thread int	 in_shim;	/* the shim's own calls: not counted */

/*
 * dlsym may allocate before the real functions are known: it is served
 * from here, never freed.
 */
static char	boot[16384] __attribute__((aligned(16)));
static size_t	boot_used;

static int
from_boot(const void *p)
{
	return (const char *)p >= boot && (const char *)p < boot + sizeof(boot);
}

static void *
boot_alloc(size_t n)
{
	size_t	 at = (boot_used + 15) & ~(size_t)15;

	if (n > sizeof(boot) - at)
		return NULL;
	boot_used = at + n;
	return boot + at;
}

static void
resolve(void)
{
	static int	busy;

	if (real.malloc != NULL || busy)
		return;
	busy = 1;
	real.calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
	real.realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
	real.free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
	real.posix_memalign = (int (*)(void **, size_t, size_t))
	    dlsym(RTLD_NEXT, "posix_memalign");
	real.aligned_alloc = (void *(*)(size_t, size_t))
	    dlsym(RTLD_NEXT, "aligned_alloc");
	real.memalign = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "memalign");
	real.malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
	busy = 0;
}

static void
trace(unsigned long n)
{
	void	*frames[12];
	char	 line[1024];
	size_t	 len;
	Dl_info	 info;
	int	 i, k, got;

	got = backtrace(frames, 12);
	len = (size_t)snprintf(line, sizeof(line), "%lu", n);
	/* frame 0 is trace, 1 the shim's entry point */
	for (i = 2; i < got && len < sizeof(line) - 80; i++) {
		if (dladdr(frames[i], &info) == 0 || info.dli_fname == NULL) {
			k = snprintf(line + len, sizeof(line) - len, " ?+%p",
			    frames[i]);
		} else {
			const char *base = strrchr(info.dli_fname, '/');

			k = snprintf(line + len, sizeof(line) - len,
			    " %s+0x%lx", base != NULL ? base + 1 :
			    info.dli_fname, (unsigned long)((char *)frames[i] -
			    (char *)info.dli_fbase - 1));
		}
		if (k < 0)
			break;
		len += (size_t)k;
	}
	line[len++] = '\n';
	/* a test's trace: nothing to do if it cannot be written */
	if (write(trace_fd, line, len) < 0)
		return;
}

/*
 * The objects the first failed allocation came through, innermost first,
 * each once: " libc.so.6 libglib-2.0.so.0 mj-pack" says GLib asked.
 */
static void
callers(char *out, size_t size)
{
	void		*frames[64];	/* dlopen alone nests 8 deep */
	const char	*last = NULL, *name;
	Dl_info		 info;
	size_t		 len = 0;
	int		 i, got, k;

	out[0] = '\0';
	got = backtrace(frames, 64);
	for (i = 0; i < got; i++) {
		if (dladdr(frames[i], &info) == 0 || info.dli_fname == NULL)
			continue;
		name = strrchr(info.dli_fname, '/');
		name = name != NULL ? name + 1 : info.dli_fname;
		if (strstr(name, "failmalloc") != NULL ||
		    (last != NULL && strcmp(name, last) == 0))
			continue;
		last = name;
		k = snprintf(out + len, size - len, " %s", name);
		if (k < 0 || (size_t)k >= size - len)
			break;
		len += (size_t)k;
	}
}

/*
 * Count one allocation; nonzero when it must fail.  The shim's own
 * calls (backtrace may load libgcc) and the loader's are not counted.
 */
static int
must_fail(void)
{
	char		 chain[160];
	unsigned long	 n;

	if (!armed || in_shim)
		return 0;
	n = __atomic_add_fetch(&count, 1, __ATOMIC_SEQ_CST);
	if (trace_fd != -1) {
		in_shim = 1;
		trace(n);
		in_shim = 0;
	}
	if (fail_at == 0 || n < fail_at)
		return 0;
	if (__atomic_exchange_n(&reported, 1, __ATOMIC_SEQ_CST) == 0) {
		in_shim = 1;
		callers(chain, sizeof(chain));
		shim_log(log_path, "failmalloc: pid %ld: failed %lu in%s\n",
		    (long)getpid(), n, chain);
		in_shim = 0;
		__atomic_store_n(&logged, 1, __ATOMIC_SEQ_CST);
	} else {
		/* another thread's NULL must not end the process before
		 * the first failure is logged */
		while (!__atomic_load_n(&logged, __ATOMIC_SEQ_CST))
			sched_yield();
	}
	errno = ENOMEM;
	return 1;
}

void *
malloc(size_t n)
{
	resolve();
	if (real.malloc == NULL)
		return boot_alloc(n);
	if (must_fail())
		return NULL;
	return real.malloc(n);
}

void *
calloc(size_t n, size_t size)
{
	void	*p;

	resolve();
	if (real.calloc == NULL) {
		if (size != 0 && n > SIZE_MAX / size)
			return NULL;
		/* boot is zero and never reused */
		p = boot_alloc(n * size);
		return p;
	}
	if (must_fail())
		return NULL;
	return real.calloc(n, size);
}

void *
realloc(void *old, size_t n)
{
	void	*p;

	resolve();
	if (old != NULL && from_boot(old)) {
		if ((p = malloc(n)) == NULL)
			return NULL;
		/* the old block's size is unknown: copy what boot holds */
		memcpy(p, old, n < (size_t)(boot + sizeof(boot) -
		    (char *)old) ? n : (size_t)(boot + sizeof(boot) -
		    (char *)old));
		return p;
	}
	if (real.realloc == NULL)
		return NULL;
	/* a shrink or a free cannot fail: not a point */
	if (n != 0 && must_fail())
		return NULL;
	return real.realloc(old, n);
}

void *
reallocarray(void *old, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(old, n * size);
}

void
free(void *p)
{
	if (p == NULL || from_boot(p))
		return;
	resolve();
	if (real.free != NULL)
		real.free(p);
}

int
posix_memalign(void **out, size_t align, size_t n)
{
	resolve();
	if (real.posix_memalign == NULL)
		return ENOMEM;
	if (must_fail())
		return ENOMEM;
	return real.posix_memalign(out, align, n);
}

void *
aligned_alloc(size_t align, size_t n)
{
	resolve();
	if (real.aligned_alloc == NULL || must_fail())
		return NULL;
	return real.aligned_alloc(align, n);
}

void *
memalign(size_t align, size_t n)
{
	resolve();
	if (real.memalign == NULL || must_fail())
		return NULL;
	return real.memalign(align, n);
}

char *
strdup(const char *s)
{
	size_t	 n = strlen(s) + 1;
	char	*p;

	if ((p = malloc(n)) != NULL)
		memcpy(p, s, n);
	return p;
}

char *
strndup(const char *s, size_t max)
{
	size_t	 n = strnlen(s, max);
	char	*p;

	if ((p = malloc(n + 1)) != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

static void
at_exit(void)
{
	shim_log(log_path, "failmalloc: pid %ld: allocations %lu\n",
	    (long)getpid(), __atomic_load_n(&count, __ATOMIC_SEQ_CST));
}

static main_fn	real_main;

static int
counted_main(int argc, char **argv, char **envp)
{
	const char	*v;
	char		*end;
	void		*warm[1];
	int		 rc;

	v = getenv("FAILMALLOC");
	if (v != NULL && *v != '\0') {
		errno = 0;
		fail_at = strtoul(v, &end, 10);
		if (errno != 0 || *end != '\0') {
			shim_log("/dev/stderr",
			    "failmalloc: bad FAILMALLOC: %s\n", v);
			fail_at = 0;
		}
	}
	log_path = getenv("FAILMALLOC_LOG");
	trace_path = getenv("FAILMALLOC_TRACE");
	/* the first backtrace loads libgcc: before counting */
	(void)backtrace(warm, 1);	/* only the loading matters */
	if (trace_path != NULL && *trace_path != '\0') {
		trace_fd = open(trace_path, O_WRONLY | O_APPEND | O_CREAT |
		    O_CLOEXEC, 0644);
	}
	/* atexit may allocate: before counting, and it cannot fail then */
	if (atexit(at_exit) != 0)
		shim_log("/dev/stderr", "failmalloc: atexit failed\n");
	armed = 1;
	rc = real_main(argc, argv, envp);
	armed = 0;
	return rc;
}

void	failmalloc_disarm(void);

void
failmalloc_disarm(void)
{
	armed = 0;
}

/*
 * Once the program exits, nothing more fails: the points are those of
 * its work, not of the libraries' clean-up at exit (gcov's, in a
 * coverage build, writes its counts then).
 */
void
exit(int status)
{
	void	(*real_exit)(int);

	armed = 0;
	real_exit = (void (*)(int))dlsym(RTLD_NEXT, "exit");
	if (real_exit != NULL)
		real_exit(status);
	_exit(status);
}

int
__libc_start_main(main_fn main, int argc, char **argv, void (*init)(void),
    void (*fini)(void), void (*rtld_fini)(void), void *stack_end)
{
	start_fn	 next;

	next = (start_fn)dlsym(RTLD_NEXT, "__libc_start_main");
	if (next == NULL)
		abort();
	real_main = main;
	return next(counted_main, argc, argv, init, fini, rtld_fini,
	    stack_end);
}
