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

void	thumbnail_free(struct thumbnail *);

/*
 * Thumbnails made by worker threads, several images at once: decoding a
 * PNG is serial work, so one image at a time leaves cores idle.  The
 * caller owns each job; a job is done once thumbpool_wait() returns.
 */
struct thumbjob {
	const char		*path;	/* borrowed until done */
	int			 size;
	int			 rc;	/* thumbnail_make()'s */
	struct thumbnail	 t;
	char			 err[512];
	int			 done;	/* under the pool's lock */
	struct thumbjob		*next;
};
struct thumbpool;

/* threads workers, started on the first job. */
struct thumbpool *thumbpool_new(int threads);
void	thumbpool_put(struct thumbpool *, struct thumbjob *);
void	thumbpool_wait(struct thumbpool *, struct thumbjob *);
/* Jobs not started are dropped (left not done); the workers end. */
void	thumbpool_free(struct thumbpool *);
/*
 * "libvips X.Y.Z", the library a thumbnail would load (for --version):
 * loaded to ask it, and not started; if it cannot be loaded, the version
 * built against and why.
 */
const char *thumbnail_version(void);
/* Stop libvips if it was started (at exit; for leak checkers). */
void	thumbnail_shutdown(void);

#endif
