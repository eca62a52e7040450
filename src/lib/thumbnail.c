/*
 * Thumbnails through vips_thumbnail(), which shrinks while it decodes
 * where the format allows (JPEG, WebP) and streams the rest, so memory
 * stays at a few lines of the image, not the image.
 */
#include <stdio.h>
#include <string.h>

#include <vips/vips.h>

#include "thumbnail.h"

static int	started, broken;

static int
start(char *err, size_t errlen)
{
	if (!started && !broken) {
		if (VIPS_INIT("mjpipe") != 0) {
			broken = 1;
			snprintf(err, errlen, "libvips: %s",
			    vips_error_buffer());
			vips_error_clear();
			return -1;
		}
		vips_cache_set_max(0);
#if VIPS_MAJOR_VERSION > 8 || (VIPS_MAJOR_VERSION == 8 && VIPS_MINOR_VERSION >= 13)
		/* only the loaders that are fit for files from elsewhere */
		vips_block_untrusted_set(TRUE);
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
	char	*p;

	snprintf(err, errlen, "%s: %s", path, vips_error_buffer());
	vips_error_clear();
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

	if ((in = vips_image_new_from_file(path, "access",
	    VIPS_ACCESS_SEQUENTIAL, NULL)) == NULL) {
		vips_reason(path, err, errlen);
		return -1;
	}
	pixels = (unsigned long long)vips_image_get_width(in) *
	    (unsigned long long)vips_image_get_height(in);
	g_object_unref(in);
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
	if (vips_thumbnail(path, &out, size, "height", size,
	    "size", VIPS_SIZE_DOWN,
#if VIPS_MAJOR_VERSION > 8 || (VIPS_MAJOR_VERSION == 8 && VIPS_MINOR_VERSION >= 12)
	    "fail_on", VIPS_FAIL_ON_ERROR,
#endif
	    NULL) != 0) {
		vips_reason(path, err, errlen);
		return -1;
	}
	rc = vips_jpegsave_buffer(out, &t->data, &t->len, "strip", TRUE, NULL);
	t->width = vips_image_get_width(out);
	t->height = vips_image_get_height(out);
	g_object_unref(out);
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
	g_free(t->data);
	t->data = NULL;
}

void
thumbnail_shutdown(void)
{
	if (started)
		vips_shutdown();
	started = 0;
}
