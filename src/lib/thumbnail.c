/*
 * Thumbnails through vips_thumbnail(), which shrinks while it decodes
 * where the format allows (JPEG, WebP) and streams the rest, so memory
 * stays at a few lines of the image, not the image.
 *
 * libvips is loaded on the first thumbnail (vipsload.c), not linked:
 * every mj-pack run would otherwise pay its start-up for the sake of
 * --gallery.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "thumbnail.h"
#include "vipsload.h"
#include "xalloc.h"

static pthread_once_t	 once = PTHREAD_ONCE_INIT;

/* only the loaders that are fit for files from elsewhere (8.13 on) */
static void
trusted_only(void)
{
	if (vl.vips_block_untrusted_set != NULL)
		vl.vips_block_untrusted_set(TRUE);
}

static int
start(char *err, size_t errlen)
{
	if (vipsload_start(err, errlen) == -1)
		return -1;
	if (pthread_once(&once, trusted_only) != 0) {
		snprintf(err, errlen, "libvips cannot start: "
		    "pthread_once failed");
		return -1;
	}
	return 0;
}

/* libvips's message, on one line, then cleared. */
static void
vips_reason(const char *path, char *err, size_t errlen)
{
	char	*p, *msg = vl.vips_error_buffer_copy();

	/* libvips leaves some failures without a word (a corrupt PNG) */
	snprintf(err, errlen, "%s: %s", path, msg != NULL && *msg != '\0' ?
	    msg : "not a readable image (corrupt or truncated)");
	vl.g_free(msg);
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

	if ((in = vl.vips_image_new_from_file(path, "access",
	    VIPS_ACCESS_SEQUENTIAL, NULL)) == NULL) {
		vips_reason(path, err, errlen);
		return -1;
	}
	pixels = (unsigned long long)vl.vips_image_get_width(in) *
	    (unsigned long long)vl.vips_image_get_height(in);
	vl.g_object_unref(in);
	if (pixels > THUMBNAIL_MAX_PIXELS) {
		snprintf(err, errlen, "%s: %llu pixels, more than the %llu "
		    "allowed", path, pixels, THUMBNAIL_MAX_PIXELS);
		return -1;
	}
	return 0;
}

/*
 * Shrink the image at path to fit size x size (never enlarged), as JPEG.
 * 0, or -1 with why in err (not an image, corrupt, truncated, too many
 * pixels).
 */
static int
thumbnail_make(const char *path, int size, struct thumbnail *t, char *err,
    size_t errlen)
{
	VipsImage	*out = NULL;
	int		 rc;

	memset(t, 0, sizeof(*t));
	if (start(err, errlen) == -1 || check_size(path, err, errlen) == -1)
		return -1;
	if (vl.vips_thumbnail(path, &out, size, "height", size,
	    "size", VIPS_SIZE_DOWN,
#if VIPS_MAJOR_VERSION > 8 || \
    (VIPS_MAJOR_VERSION == 8 && VIPS_MINOR_VERSION >= 12)
	    "fail_on", VIPS_FAIL_ON_ERROR,
#endif
	    NULL) != 0) {
		vips_reason(path, err, errlen);
		return -1;
	}
	rc = vl.vips_jpegsave_buffer(out, &t->data, &t->len, "strip", TRUE,
	    NULL);
	t->width = vl.vips_image_get_width(out);
	t->height = vl.vips_image_get_height(out);
	vl.g_object_unref(out);
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
	/* libvips may never have been loaded: vl.g_free is then NULL */
	if (t->data != NULL)
		vl.g_free(t->data);
	t->data = NULL;
}

const char *
thumbnail_version(void)
{
	return vipsload_version();
}

void
thumbnail_shutdown(void)
{
	vipsload_shutdown();
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
	vipsload_thread_done();
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
