/*
 * A file written off the event loop.  The bytes of a download arrive on
 * the loop's thread, 16 KiB at a time; hashing and writing them there
 * would stall every other transfer whenever the disk or the hash is
 * slower than the network.  Instead they are copied into pieces of
 * PIECE_SIZE, and a lane (a thread of a syncq made with lanes) hashes and
 * writes each file's pieces in order.  A pool bounds the pieces in memory:
 * piecefile_append waits for one to come back from the lanes when the
 * disk falls behind.
 *
 *	pool = piecepool_new(lanes, 18);
 *	piecefile_init(&pf, pool, fd, lane, 1, idle, f);
 *	piecefile_append(&pf, p, len);	// in the transfer's write callback
 *	piecefile_flush(&pf);		// at its end; idle(&pf) once written
 *
 * Only the loop's thread calls these; piecefile's own lane is the only
 * thread that touches fd and sha while pieces are in flight.
 */
#ifndef MJ_PIECEFILE_H
#define MJ_PIECEFILE_H

#include <stddef.h>
#include <sys/types.h>

#include "sha256.h"

#define PIECE_SIZE	(128 * 1024)	/* libcurl gives 16 KiB: fewer writes */

struct syncq;
struct piecepool;

struct piecefile {
	struct piecepool *pool;
	int		 fd;
	unsigned	 lane;
	int		 hash;		/* keep sha up to date */
	/* of the bytes since the last restart */
	struct sha256	 sha;
	char		*buf;		/* the piece being filled */
	size_t		 len;
	off_t		 off;		/* where it goes in the file */
	unsigned	 inflight;	/* pieces the lane has not done */
	int		 err;		/* errno of the first failed write */
	void		(*idle)(struct piecefile *);	/* inflight fell to 0 */
	void		*arg;		/* the owner's */
	struct piecefile *fnext, *fprev;	/* the pool's, while buf */
};

/*
 * Pieces for the lanes of lanes (syncq_new_lanes): at most max at once
 * (one more for a moment when every one is being filled).  With more
 * files written at once than max, half-filled pieces go to the lanes.
 */
struct piecepool *piecepool_new(struct syncq *lanes, size_t max);
void		 piecepool_free(struct piecepool *);

/* Start writing fd (empty) in lane; hash what is written if hash. */
void		 piecefile_init(struct piecefile *, struct piecepool *, int fd,
		    unsigned lane, int hash, void (*idle)(struct piecefile *),
		    void *arg);
/* Start over: what was written goes (truncated), the hash restarts. */
void		 piecefile_restart(struct piecefile *);
/* Copy p into pieces; each full one goes to the lane. */
void		 piecefile_append(struct piecefile *, const char *p, size_t);
/* The piece being filled goes to the lane too. */
void		 piecefile_flush(struct piecefile *);
/* Forget the piece being filled (the file is dropped). */
void		 piecefile_release(struct piecefile *);

#endif
