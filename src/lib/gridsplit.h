/*
 * A grid's four quadrants as files next to it (mj-fetch --split).
 * Which tasks give a grid, and the work of one grid: find the quadrants
 * already there, or cut the grid (image.c) and write the missing ones as
 * downloads are written: NAME.part, synced, published as NAME.EXT
 * (publish.c: never replacing a file), the directory synced.  A quadrant
 * found under its name is therefore whole, and a rerun writes nothing.
 *
 * gridsplit_run does the work and is meant for a worker thread
 * (syncq_push_work): it touches nothing but its struct gridsplit.
 */
#ifndef MJ_GRIDSPLIT_H
#define MJ_GRIDSPLIT_H

#include <json-c/json.h>

#include "sha256.h"

#define GRIDSPLIT_PARTS	4

struct gridsplit_part {
	char		*base;		/* DIR/NAME, without extension */
	char		*path;		/* DIR/NAME.EXT once there */
	const char	*type;		/* static */
	long long	 bytes;
	int		 width, height;
	int		 found;		/* already there: not written */
	char		 hex[SHA256_HEX_LEN + 1];
};

struct gridsplit {
	/* in */
	char		*grid;		/* the grid's path: set before run */
	int		 hash;		/* compute sha256 */
	int		 sync;		/* fsync files and directory */
	struct gridsplit_part part[GRIDSPLIT_PARTS];	/* U1..U4 */
	void		*arg;		/* the caller's */
	/* out */
	int		 width, height;	/* the grid's */
	int		 made;		/* quadrants written */
	int		 retryable;	/* on failure: may a rerun do better */
	char		 err[512];	/* on failure */
};

/*
 * Is this finished task a grid to split: an action that draws a grid
 * (IMAGINE, VARIATION, REROLL, ZOOM, OUTPAINT, PAN, BLEND, INPAINT and
 * their variants), with one media file.  Tasks that already have their
 * four images (imageUrls) or a video are fetched as they are.
 */
int		 gridsplit_is_grid(json_object *task, size_t nurls);

/* A split into the quadrants bases[0..3] (taken: freed with it). */
struct gridsplit *gridsplit_new(char *bases[], int hash, int sync);
void		 gridsplit_free(struct gridsplit *);

/*
 * Do it (any thread): 0, or -1 with err and retryable set; no .part
 * left behind either way.  arg is the struct gridsplit.
 */
int		 gridsplit_run(void *arg);

/*
 * files[] entries: the grid's size and "grid": true added to its entry
 * g; quadrant i (0..3) as a new object (path, bytes, sha256 if hashed,
 * type, width, height, index).
 */
void		 gridsplit_mark_grid(const struct gridsplit *, json_object *g);
json_object	*gridsplit_part_json(const struct gridsplit *, int i);

#endif
