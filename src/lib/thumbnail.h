/*
 * Thumbnails with libvips: an image file shrunk to fit a box, as JPEG in
 * memory.  libvips is started once, on first use, without its operation
 * cache (a run opens each file once; a cache would only hold memory and
 * descriptors).
 */
#ifndef MJ_THUMBNAIL_H
#define MJ_THUMBNAIL_H

#include <stddef.h>

/* Larger images are refused before they are decoded (decompression
 * bombs): 100 megapixels, 10,000 x 10,000. */
#define THUMBNAIL_MAX_PIXELS	100000000ULL

struct thumbnail {
	void	*data;		/* JPEG; thumbnail_free() releases it */
	size_t	 len;
	int	 width, height;
};

/*
 * Shrink the image at path to fit size x size (never enlarged), as JPEG.
 * 0, or -1 with why in err (not an image, corrupt, truncated, too many
 * pixels).
 */
int	thumbnail_make(const char *path, int size, struct thumbnail *,
	    char *err, size_t errlen);
void	thumbnail_free(struct thumbnail *);
/* Stop libvips if it was started (at exit; for leak checkers). */
void	thumbnail_shutdown(void);

#endif
