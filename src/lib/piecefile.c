/*
 * A file written in pieces by a lane (piecefile.h): the pool of piece
 * buffers, shared with the lanes' threads, and the pieces' journey from
 * the loop's thread to the lane and back.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "piecefile.h"
#include "syncq.h"
#include "xalloc.h"

struct piecepool {
	struct syncq	*lanes;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	char		**free;		/* max of them */
	size_t		 nfree, made, max;
	size_t		 in_lanes;	/* pieces pushed, not back yet */
	struct piecefile *filling;	/* files holding a piece (loop's
					   thread only) */
};

/* A piece without buf starts the file over. */
struct piece {
	struct piecefile *pf;
	char		*buf;
	size_t		 len;
	off_t		 off;
};

struct piecepool *
piecepool_new(struct syncq *lanes, size_t max)
{
	struct piecepool	*pool = xcalloc(1, sizeof(*pool));

	pool->lanes = lanes;
	pool->max = max > 0 ? max : 1;
	pool->free = xcalloc(pool->max, sizeof(*pool->free));
	if (pthread_mutex_init(&pool->mu, NULL) != 0 ||
	    pthread_cond_init(&pool->cv, NULL) != 0)
		xalloc_oom();
	return pool;
}

/* Once the lanes are idle: every piece is back. */
void
piecepool_free(struct piecepool *pool)
{
	if (pool == NULL)
		return;
	while (pool->nfree > 0)
		free(pool->free[--pool->nfree]);
	free(pool->free);
	(void)pthread_mutex_destroy(&pool->mu);
	(void)pthread_cond_destroy(&pool->cv);
	free(pool);
}

static void
filling_add(struct piecefile *pf)
{
	pf->fprev = NULL;
	pf->fnext = pf->pool->filling;
	if (pf->fnext != NULL)
		pf->fnext->fprev = pf;
	pf->pool->filling = pf;
}

static void
filling_remove(struct piecefile *pf)
{
	if (pf->fprev != NULL)
		pf->fprev->fnext = pf->fnext;
	else
		pf->pool->filling = pf->fnext;
	if (pf->fnext != NULL)
		pf->fnext->fprev = pf->fprev;
	pf->fnext = pf->fprev = NULL;
}

/*
 * A piece, waiting while all max are in use and some are in the lanes:
 * the disk is behind, and the lanes give them back.  When every piece is
 * being filled, none would come back: a file's half-filled piece goes to
 * its lane early instead (more transfers at once than pieces).
 */
static char *
pool_get(struct piecepool *pool)
{
	char	*b = NULL;

	(void)pthread_mutex_lock(&pool->mu);
	while (pool->nfree == 0 && pool->made >= pool->max) {
		if (pool->in_lanes > 0) {
			(void)pthread_cond_wait(&pool->cv, &pool->mu);
			continue;
		}
		if (pool->filling == NULL)
			break;		/* none is anywhere: make one */
		(void)pthread_mutex_unlock(&pool->mu);
		piecefile_flush(pool->filling);
		(void)pthread_mutex_lock(&pool->mu);
	}
	if (pool->nfree > 0)
		b = pool->free[--pool->nfree];
	else
		pool->made++;
	(void)pthread_mutex_unlock(&pool->mu);
	return b != NULL ? b : xmalloc(PIECE_SIZE);
}

/* A piece back from a lane (from_lane) or never sent: any thread. */
static void
pool_put(struct piecepool *pool, char *b, int from_lane)
{
	(void)pthread_mutex_lock(&pool->mu);
	if (pool->nfree < pool->max)
		pool->free[pool->nfree++] = b;
	else {
		free(b);	/* one made beyond max */
		pool->made--;
	}
	if (from_lane)
		pool->in_lanes--;
	(void)pthread_cond_signal(&pool->cv);
	(void)pthread_mutex_unlock(&pool->mu);
}

static int
pwrite_all(int fd, const char *p, size_t len, off_t off)
{
	ssize_t	n;

	while (len > 0) {
		if ((n = pwrite(fd, p, len, off)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		off += n;
		len -= (size_t)n;
	}
	return 0;
}

/* In the lane's thread: only this lane touches pf->sha and pf->fd now. */
static int
piece_work(void *arg)
{
	struct piece		*pc = arg;
	struct piecefile	*pf = pc->pf;
	int			 err = 0;

	if (pc->buf == NULL) {
		sha256_init(&pf->sha);
		return ftruncate(pf->fd, 0) == -1 ? errno : 0;
	}
	if (pf->hash)
		sha256_update(&pf->sha, pc->buf, pc->len);
	if (pwrite_all(pf->fd, pc->buf, pc->len, pc->off) == -1)
		err = errno;
	pool_put(pf->pool, pc->buf, 1);
	return err;
}

/* Back on the loop's thread (syncq_drain). */
static void
piece_done(void *arg, int err)
{
	struct piece		*pc = arg;
	struct piecefile	*pf = pc->pf;

	free(pc);
	if (err != 0 && pf->err == 0)
		pf->err = err;
	if (--pf->inflight == 0)
		pf->idle(pf);
}

static void
piece_push(struct piecefile *pf, char *buf, size_t len)
{
	struct piece	*pc = xcalloc(1, sizeof(*pc));

	pc->pf = pf;
	pc->buf = buf;
	pc->len = len;
	pc->off = pf->off;
	pf->off += (off_t)len;
	pf->inflight++;
	if (buf != NULL) {
		(void)pthread_mutex_lock(&pf->pool->mu);
		pf->pool->in_lanes++;
		(void)pthread_mutex_unlock(&pf->pool->mu);
	}
	syncq_push_work(pf->pool->lanes, pf->lane, piece_work, piece_done, pc);
}

void
piecefile_init(struct piecefile *pf, struct piecepool *pool, int fd,
    unsigned lane, int hash, void (*idle)(struct piecefile *), void *arg)
{
	memset(pf, 0, sizeof(*pf));
	pf->pool = pool;
	pf->fd = fd;
	pf->lane = lane;
	pf->hash = hash;
	pf->idle = idle;
	pf->arg = arg;
	sha256_init(&pf->sha);
}

void
piecefile_release(struct piecefile *pf)
{
	if (pf->buf != NULL) {
		filling_remove(pf);
		pool_put(pf->pool, pf->buf, 0);
	}
	pf->buf = NULL;
	pf->len = 0;
}

void
piecefile_restart(struct piecefile *pf)
{
	piecefile_release(pf);
	pf->off = 0;
	pf->err = 0;
	piece_push(pf, NULL, 0);
}

void
piecefile_append(struct piecefile *pf, const char *p, size_t len)
{
	size_t	n;

	while (len > 0) {
		if (pf->buf == NULL) {
			pf->buf = pool_get(pf->pool);
			filling_add(pf);
		}
		n = PIECE_SIZE - pf->len < len ? PIECE_SIZE - pf->len : len;
		memcpy(pf->buf + pf->len, p, n);
		pf->len += n;
		p += n;
		len -= n;
		if (pf->len == PIECE_SIZE)
			piecefile_flush(pf);
	}
}

void
piecefile_flush(struct piecefile *pf)
{
	if (pf->buf == NULL)
		return;
	filling_remove(pf);
	if (pf->len > 0)
		piece_push(pf, pf->buf, pf->len);
	else
		pool_put(pf->pool, pf->buf, 0);
	pf->buf = NULL;
	pf->len = 0;
}
