/*
 * Images through libvips: read a header, cut a grid into its four
 * quadrants, encode them without loss.  Safe to call from several
 * threads at once (one image per call); libvips is started once.
 *
 * Guards: an image whose header claims more than IMAGE_PIXELS_MAX pixels
 * is refused before a pixel is decoded (a decompression bomb: a 50,000 x
 * 50,000 PNG is 25 bytes of header and 7.5 GB of pixels), and a
 * truncated or corrupt image is an error, never a grey-filled quadrant.
 *
 * Formats: a WebP grid gives lossless WebP quadrants; any other grid
 * (PNG, and also JPEG, GIF, TIFF...) gives PNG quadrants.  Both are
 * pixel-exact copies of the decoded grid: PNG is lossless, and a JPEG
 * cut and encoded again as JPEG would lose quality a second time, while
 * a lossless cut of its DCT blocks is impossible where the middle is not
 * on an 8 or 16 pixel boundary.  So JPEG in gives PNG out: bigger files,
 * exactly the pixels of the grid.  (One exception: in a WebP grid with
 * transparency, libwebp may change the colour under fully transparent
 * pixels, which libvips 8.14 has no "exact" option to prevent; every
 * visible pixel is exact.  Midjourney's grids are opaque.)
 *
 * Odd sizes: the quadrants tile the grid, no pixel dropped and none
 * twice.  The left quadrants are floor(W/2) wide and the right ones get
 * the extra column; the top ones floor(H/2) high and the bottom ones the
 * extra row.  Midjourney draws a grid from four images of the same size,
 * so its grids are even and this never arises from it; an odd grid has
 * been resized on the way (a CDN, a proxy), and then no cut gives the
 * U1..U4 images exactly: keeping every pixel loses nothing of what was
 * received.
 */
#ifndef MJ_IMAGE_H
#define MJ_IMAGE_H

#include <stddef.h>

#define IMAGE_PIXELS_MAX	50000000LL	/* 50 megapixels: 12x a
						   2048 x 2048 grid */

/* One encoded quadrant, lent to the callback of image_split. */
struct image_part {
	int		 index;		/* 1..4: U1..U4 */
	int		 width, height;
	const char	*type;		/* "image/png" or "image/webp" */
	const char	*ext;		/* "png" or "webp" */
	const void	*data;
	size_t		 len;
};

/*
 * Start libvips once per process (any thread, any number of calls):
 * 0, or -1 with a message in err.  Its caches are turned off, so that
 * memory follows the images being worked on, not those already done.
 * Best called before the program starts threads: libvips is loaded then
 * (vipsload.h), and a dlopen() while other threads run leaves glibc
 * blocks that valgrind counts as definitely lost.
 */
int		 image_init(char *err, size_t errlen);
/* "libvips X.Y.Z", the library images would load (for --version, as
 * vipsload_version() says). */
const char	*image_version(void);
/* Stop libvips at exit (after every image call has returned). */
void		 image_shutdown(void);

/*
 * Where quadrant index (1..4) of a w x h grid lies; see the top of
 * this file for odd sizes.  Tested alone.
 */
void		 image_quadrant(int w, int h, int index, int *x, int *y,
		    int *qw, int *qh);

/*
 * The extension quadrants of the image at path get ("png", "webp"),
 * from its first bytes: no decoding.  NULL, with err, if libvips cannot
 * read it.
 */
const char	*image_split_ext(const char *path, char *err, size_t errlen);

/* The size from path's header (checked against IMAGE_PIXELS_MAX): 0/-1. */
int		 image_size(const char *path, int *w, int *h, char *err,
		    size_t errlen);

/*
 * Cut the grid at path into quadrants; encode those whose bit
 * (1 << (index - 1)) is in want, and hand each to out(arg, part) in
 * U1..U4 order, one at a time: the part is freed when out returns.  The
 * grid is decoded once, into memory (width x height x bands: 12 MB for
 * a 2048 x 2048 RGB grid), freed before the call returns.  *w and *h
 * get the grid's size.  0, or -1
 * with a message in err (out returning -1 stops it; it sets err).
 */
int		 image_split(const char *path, unsigned want,
		    int (*out)(void *arg, const struct image_part *),
		    void *arg, int *w, int *h, char *err, size_t errlen);

#endif
