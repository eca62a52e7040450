/*
 * Thumbnails through vips_thumbnail(), which shrinks while it decodes
 * where the format allows (JPEG, WebP) and streams the rest, so memory
 * stays at a few lines of the image, not the image.
 *
 * libvips is loaded with dlopen() on the first thumbnail, not linked:
 * with the hundred libraries it pulls in, merely starting a program
 * linked with it costs 12 MiB of memory and 60 ms, which every mj-pack
 * run would pay for the sake of --gallery.  The headers still give the
 * types and the ABI version, which names the library to load.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vips/vips.h>

#include "diag.h"
#include "thumbnail.h"
#include "xalloc.h"

static int	started, broken;

/* The functions used, as pointers of their own types, found by name. */
#define FUNCS(F) \
	F(vips_init) F(vips_cache_set_max) F(vips_error_buffer) \
	F(vips_error_clear) F(vips_image_new_from_file) \
	F(vips_image_get_width) F(vips_image_get_height) F(vips_thumbnail) \
	F(vips_jpegsave_buffer) F(vips_shutdown) F(g_object_unref) F(g_free) \
	F(vips_error_buffer_copy) F(vips_thread_shutdown)
#define DECLARE(f)	static __typeof__(f) *p_##f;
FUNCS(DECLARE)
#if VIPS_MAJOR_VERSION > 8 || (VIPS_MAJOR_VERSION == 8 && VIPS_MINOR_VERSION >= 13)
#define HAVE_BLOCK_UNTRUSTED 1
static __typeof__(vips_block_untrusted_set) *p_vips_block_untrusted_set;
#endif

/* The library of the ABI mjpipe was built against: libvips.so.42. */
static void *
open_vips(void)
{
	char	soname[32];

	snprintf(soname, sizeof(soname), "libvips.so.%d",
	    VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
	return dlopen(soname, RTLD_NOW | RTLD_LOCAL);
}

static int
load(char *err, size_t errlen)
{
	void	*h;

	if ((h = open_vips()) == NULL) {
		snprintf(err, errlen, "libvips: %s", dlerror());
		return -1;
	}
#define FIND(f) \
	if ((*(void **)&p_##f = dlsym(h, #f)) == NULL) { \
		snprintf(err, errlen, "libvips: no %s", #f); \
		return -1; \
	}
	FUNCS(FIND)
#ifdef HAVE_BLOCK_UNTRUSTED
	*(void **)&p_vips_block_untrusted_set = dlsym(h,
	    "vips_block_untrusted_set");
#endif
	return 0;
}

const char *
thumbnail_version(void)
{
	static char	 v[512];
	const char	*(*version)(void);
	void		*h;

	/* loading costs 30 to 60 ms, once: cheap for --version, which
	 * then names the very library --gallery would use */
	if ((h = open_vips()) == NULL)
		snprintf(v, sizeof(v), "libvips %s (built with; cannot be "
		    "loaded: %s)", VIPS_VERSION, dlerror());
	else if ((*(void **)&version = dlsym(h, "vips_version_string"))
	    == NULL)
		snprintf(v, sizeof(v), "libvips %s (built with)", VIPS_VERSION);
	else
		snprintf(v, sizeof(v), "libvips %s", version());
	return v;
}

static int
start(char *err, size_t errlen)
{
	if (!started && !broken) {
		if (load(err, errlen) == -1) {
			broken = 1;
			return -1;
		}
		/* libvips's own warnings ("not enough data") would go to
		 * stderr unformatted; a failure is reported as a warning of
		 * ours, with libvips's reason */
		(void)setenv("VIPS_WARNING", "0", 0);
		if (p_vips_init("mjpipe") != 0) {
			broken = 1;
			snprintf(err, errlen, "libvips: %s",
			    p_vips_error_buffer());
			p_vips_error_clear();
			return -1;
		}
		p_vips_cache_set_max(0);
#ifdef HAVE_BLOCK_UNTRUSTED
		/* only the loaders that are fit for files from elsewhere */
		if (p_vips_block_untrusted_set != NULL)
			p_vips_block_untrusted_set(TRUE);
#endif
		started = 1;
	}
	if (broken) {
		snprintf(err, errlen, "libvips could not be started");
		return -1;
	}
	return 0;
}

/* libvips's message, on one line, then cleared. */
static void
vips_reason(const char *path, char *err, size_t errlen)
{
	char	*p, *msg = p_vips_error_buffer_copy();

	/* libvips leaves some failures without a word (a corrupt PNG) */
	snprintf(err, errlen, "%s: %s", path, msg != NULL && *msg != '\0' ?
	    msg : "not a readable image (corrupt or truncated)");
	p_g_free(msg);
	for (p = err; *p != '\0'; p++)
		if (*p == '\n')
			*p = *(p + 1) == '\0' ? '\0' : ' ';
}

/* The header only: refuse images with too many pixels to decode. */
static int
check_size(const char *path, char *err, size_t errlen)
{
	VipsImage		*in;
	unsigned long long	 pixels;

	if ((in = p_vips_image_new_from_file(path, "access",
	    VIPS_ACCESS_SEQUENTIAL, NULL)) == NULL) {
		vips_reason(path, err, errlen);
		return -1;
	}
	pixels = (unsigned long long)p_vips_image_get_width(in) *
	    (unsigned long long)p_vips_image_get_height(in);
	p_g_object_unref(in);
	if (pixels > THUMBNAIL_MAX_PIXELS) {
		snprintf(err, errlen, "%s: %llu pixels, more than the %llu "
		    "allowed", path, pixels, THUMBNAIL_MAX_PIXELS);
		return -1;
	}
	return 0;
}

int
thumbnail_make(const char *path, int size, struct thumbnail *t, char *err,
    size_t errlen)
{
	VipsImage	*out = NULL;
	int		 rc;

	memset(t, 0, sizeof(*t));
	if (start(err, errlen) == -1 || check_size(path, err, errlen) == -1)
		return -1;
	if (p_vips_thumbnail(path, &out, size, "height", size,
	    "size", VIPS_SIZE_DOWN,
#if VIPS_MAJOR_VERSION > 8 || (VIPS_MAJOR_VERSION == 8 && VIPS_MINOR_VERSION >= 12)
	    "fail_on", VIPS_FAIL_ON_ERROR,
#endif
	    NULL) != 0) {
		vips_reason(path, err, errlen);
		return -1;
	}
	rc = p_vips_jpegsave_buffer(out, &t->data, &t->len, "strip", TRUE, NULL);
	t->width = p_vips_image_get_width(out);
	t->height = p_vips_image_get_height(out);
	p_g_object_unref(out);
	if (rc != 0) {
		vips_reason(path, err, errlen);
		t->data = NULL;
		return -1;
	}
	return 0;
}

void
thumbnail_free(struct thumbnail *t)
{
	p_g_free(t->data);
	t->data = NULL;
}

void
thumbnail_shutdown(void)
{
	if (started)
		p_vips_shutdown();
	started = 0;
}

struct thumbpool {
	pthread_mutex_t	 mu;
	pthread_cond_t	 work, done;
	struct thumbjob	*head, *tail;	/* jobs not started */
	pthread_t	*th;
	int		 n, started, stop;
};

struct thumbpool *
thumbpool_new(int threads)
{
	struct thumbpool	*p = xcalloc(1, sizeof(*p));

	p->n = threads > 0 ? threads : 1;
	if (pthread_mutex_init(&p->mu, NULL) != 0 ||
	    pthread_cond_init(&p->work, NULL) != 0 ||
	    pthread_cond_init(&p->done, NULL) != 0)
		diag_fatal(1, "threads: cannot make a lock");
	return p;
}

static void *
worker(void *arg)
{
	struct thumbpool	*p = arg;
	struct thumbjob		*j;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (p->head == NULL && !p->stop)
			pthread_cond_wait(&p->work, &p->mu);
		if (p->stop)
			break;
		j = p->head;
		if ((p->head = j->next) == NULL)
			p->tail = NULL;
		pthread_mutex_unlock(&p->mu);
		j->rc = thumbnail_make(j->path, j->size, &j->t, j->err,
		    sizeof(j->err));
		pthread_mutex_lock(&p->mu);
		j->done = 1;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	/* libvips keeps buffers per thread */
	if (started)
		p_vips_thread_shutdown();
	return NULL;
}

void
thumbpool_put(struct thumbpool *p, struct thumbjob *j)
{
	char	err[256];
	int	i;

	j->done = 0;
	j->next = NULL;
	if (!p->started) {
		/* libvips started here, once, before any thread uses it */
		if (start(err, sizeof(err)) == -1) {
			j->rc = -1;
			snprintf(j->err, sizeof(j->err), "%s", err);
			j->done = 1;
			return;
		}
		p->th = xcalloc((size_t)p->n, sizeof(*p->th));
		for (i = 0; i < p->n; i++)
			if (pthread_create(&p->th[i], NULL, worker, p) != 0)
				diag_fatal(1, "threads: cannot start one");
		p->started = 1;
	}
	pthread_mutex_lock(&p->mu);
	if (p->tail != NULL)
		p->tail->next = j;
	else
		p->head = j;
	p->tail = j;
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->mu);
}

void
thumbpool_wait(struct thumbpool *p, struct thumbjob *j)
{
	pthread_mutex_lock(&p->mu);
	while (!j->done)
		pthread_cond_wait(&p->done, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

void
thumbpool_free(struct thumbpool *p)
{
	int	i;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	p->head = p->tail = NULL;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (i = 0; p->started && i < p->n; i++)
		pthread_join(p->th[i], NULL);
	free(p->th);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->done);
	free(p);
}
