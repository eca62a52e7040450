/*
 * Images through libvips (image.h says what and why), loaded on first
 * use by vipsload.c, so that mj-fetch without --split never maps it.
 * Every image is opened for sequential access, so that libvips decodes
 * it from the top once and keeps only a window of rows, and with
 * fail-on "error", so that a truncated file fails instead of giving grey
 * rows.  The operation cache is off (vipsload.c): it would keep every
 * image opened so far (and its file) alive for a later call that never
 * comes.  libvips's own worker threads are cut to one per pipeline: the
 * caller runs several grids at once on its threads, which uses the cores
 * better than splitting one PNG, whose decoding is sequential anyway.
 *
 * Leak checkers: glib and libvips keep type tables and thread pools for
 * the life of the process; image_shutdown (vips_shutdown) frees what can
 * be freed, and what stays is still reachable.  LeakSanitizer and
 * valgrind --leak-check=full (definite leaks, as make check-valgrind
 * counts them) report nothing, so no suppression file is needed.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "image.h"
#include "vipsload.h"

static pthread_once_t	 once = PTHREAD_ONCE_INIT;

/* Cut to one per pipeline in this process (the top of this file). */
static void
one_thread(void)
{
	vl.vips_concurrency_set(1);
}

/* libvips's last message, one line, into err; its buffer is cleared. */
static int
fail(char *err, size_t errlen, const char *what)
{
	char	*msg = vl.vips_error_buffer_copy();
	size_t	 n;

	/* it ends in a newline and may hold several lines: keep the first */
	n = strcspn(msg, "\n");
	(void)snprintf(err, errlen, "%s%s%.*s", what, n > 0 ? ": " : "",
	    (int)n, msg);
	vl.g_free(msg);
	return -1;
}

int
image_init(char *err, size_t errlen)
{
	if (vipsload_start(err, errlen) == -1)
		return -1;
	if (pthread_once(&once, one_thread) != 0) {
		(void)snprintf(err, errlen, "libvips cannot start: "
		    "pthread_once failed");
		return -1;
	}
	return 0;
}

const char *
image_version(void)
{
	/* loaded to ask, not started */
	return vipsload_version();
}

void
image_shutdown(void)
{
	vipsload_shutdown();
}

void
image_quadrant(int w, int h, int index, int *x, int *y, int *qw, int *qh)
{
	int	right = index == 2 || index == 4, bottom = index >= 3;

	*x = right ? w / 2 : 0;
	*y = bottom ? h / 2 : 0;
	*qw = right ? w - w / 2 : w / 2;
	*qh = bottom ? h - h / 2 : h / 2;
}

/* The loader's name decides the quadrants' format (image.h). */
static int
is_webp(const char *loader)
{
	/* "webpload" from the image, "VipsForeignLoadWebpFile" from a probe */
	return loader != NULL && strcasestr(loader, "webp") != NULL;
}

const char *
image_split_ext(const char *path, char *err, size_t errlen)
{
	const char	*loader;

	if (image_init(err, errlen) == -1)
		return NULL;
	if ((loader = vl.vips_foreign_find_load(path)) == NULL) {
		(void)fail(err, errlen, "not an image libvips can read");
		return NULL;
	}
	return is_webp(loader) ? "webp" : "png";
}

/* Open path, its header checked: pixels are decoded later, on demand. */
static VipsImage *
open_checked(const char *path, char *err, size_t errlen)
{
	VipsImage	*img;
	long long	 px;

	if (image_init(err, errlen) == -1)
		return NULL;
	img = vl.vips_image_new_from_file(path, "access",
	    VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_ERROR, NULL);
	if (img == NULL) {
		(void)fail(err, errlen, "not an image libvips can read");
		return NULL;
	}
	px = (long long)vl.vips_image_get_width(img) *
	    vl.vips_image_get_height(img);
	if (px > IMAGE_PIXELS_MAX) {
		(void)snprintf(err, errlen, "%d x %d pixels: more than the "
		    "limit of %lld", vl.vips_image_get_width(img),
		    vl.vips_image_get_height(img), IMAGE_PIXELS_MAX);
		vl.g_object_unref(img);
		return NULL;
	}
	return img;
}

int
image_size(const char *path, int *w, int *h, char *err, size_t errlen)
{
	VipsImage	*img;

	if ((img = open_checked(path, err, errlen)) == NULL)
		return -1;
	*w = vl.vips_image_get_width(img);
	*h = vl.vips_image_get_height(img);
	vl.g_object_unref(img);
	return 0;
}

/* Encode one quadrant of the rows in mem and hand it out. */
static int
put_part(VipsImage *mem, int index, int x, int qw, int webp,
    int (*out)(void *, const struct image_part *), void *arg, char *err,
    size_t errlen)
{
	struct image_part	 p;
	VipsImage		*q;
	void			*buf = NULL;
	size_t			 len = 0;
	int			 rc;

	if (vl.vips_extract_area(mem, &q, x, 0, qw,
	    vl.vips_image_get_height(mem), NULL) != 0)
		return fail(err, errlen, "cutting");
	rc = webp ? vl.vips_webpsave_buffer(q, &buf, &len, "lossless", TRUE,
	    NULL) : vl.vips_pngsave_buffer(q, &buf, &len, NULL);
	vl.g_object_unref(q);
	if (rc != 0)
		return fail(err, errlen, "encoding");
	p.index = index;
	p.width = qw;
	p.height = vl.vips_image_get_height(mem);
	p.type = webp ? "image/webp" : "image/png";
	p.ext = webp ? "webp" : "png";
	p.data = buf;
	p.len = len;
	rc = out(arg, &p);
	vl.g_free(buf);
	return rc;
}

/*
 * Decode the grid into memory once, then encode the quadrants wanted.
 * Halves decoded one after the other would halve the memory, but
 * libvips's sequential reader refuses to go back the few rows its strips
 * overlap the middle; opening the file twice would decode the top twice.
 */
static int
split_decoded(VipsImage *img, unsigned want, int webp,
    int (*out)(void *, const struct image_part *), void *arg, char *err,
    size_t errlen)
{
	VipsImage	*mem, *rows;
	int		 x, y, qw, qh, i, rc = 0;
	int		 w = vl.vips_image_get_width(img);
	int		 h = vl.vips_image_get_height(img);

	if ((mem = vl.vips_image_copy_memory(img)) == NULL)
		return fail(err, errlen, "decoding");
	for (i = 1; i <= 4 && rc == 0; i++) {
		if ((want & (1u << (i - 1))) == 0)
			continue;
		image_quadrant(w, h, i, &x, &y, &qw, &qh);
		if (vl.vips_extract_area(mem, &rows, 0, y, w, qh, NULL) != 0) {
			rc = fail(err, errlen, "cutting");
			break;
		}
		rc = put_part(rows, i, x, qw, webp, out, arg, err, errlen);
		vl.g_object_unref(rows);
	}
	vl.g_object_unref(mem);
	return rc;
}

int
image_split(const char *path, unsigned want,
    int (*out)(void *, const struct image_part *), void *arg, int *w,
    int *h, char *err, size_t errlen)
{
	VipsImage	*img;
	const char	*loader = NULL;
	int		 webp, rc;

	if ((img = open_checked(path, err, errlen)) == NULL)
		return -1;
	*w = vl.vips_image_get_width(img);
	*h = vl.vips_image_get_height(img);
	if (*w < 2 || *h < 2) {
		(void)snprintf(err, errlen, "%d x %d pixels: too small for a "
		    "grid", *w, *h);
		vl.g_object_unref(img);
		return -1;
	}
	if (vl.vips_image_get_typeof(img, VIPS_META_LOADER) != 0)
		(void)vl.vips_image_get_string(img, VIPS_META_LOADER, &loader);
	webp = is_webp(loader);
	rc = split_decoded(img, want, webp, out, arg, err, errlen);
	vl.g_object_unref(img);
	return rc;
}
