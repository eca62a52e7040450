/*
 * The sync threads: a queue of descriptors to sync under one mutex, and
 * a queue of results the owner drains.  Threads block every signal, so
 * that SIGINT and SIGTERM reach the main thread's handlers as before.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>
#include <unistd.h>

#include "diag.h"
#include "syncq.h"
#include "xalloc.h"

#define SYNCQ_THREADS_MAX	16

struct sync_job {
	STAILQ_ENTRY(sync_job) link;
	int		  fd;
	int		  close_fd;
	int		(*work)(void *);	/* instead of a sync */
	int		  err;
	void		(*done)(void *, int);
	void		 *arg;
};

STAILQ_HEAD(job_list, sync_job);

struct syncq {
	pthread_mutex_t	  mu;
	/* todo gained a job, or stopping: one per lane, or [0] for all */
	pthread_cond_t	  todo_cv[SYNCQ_THREADS_MAX];
	pthread_cond_t	  done_cv;	/* done gained a result */
	struct job_list	  todo[SYNCQ_THREADS_MAX], done;
	int		  lanes;	/* a queue per thread, not one shared */
	int		  stopping;
	size_t		  pending;	/* owner's thread only */
	unsigned	  next_lane;	/* owner's thread only */
	pthread_t	  threads[SYNCQ_THREADS_MAX];
	struct lane {
		struct syncq	*q;
		unsigned	 i;
	}		  lane[SYNCQ_THREADS_MAX];
	unsigned	  nthreads;
	void		(*wake)(void *);
	void		 *wake_arg;
};

static struct sync_job *
list_take(struct job_list *l)
{
	struct sync_job	*j = STAILQ_FIRST(l);

	if (j != NULL)
		STAILQ_REMOVE_HEAD(l, link);
	return j;
}

static void
sync_one(struct sync_job *j)
{
	if (j->work != NULL) {
		j->err = j->work(j->arg);
		return;
	}
	j->err = fsync(j->fd) == -1 ? errno : 0;
	/* Linux closes the descriptor even when close reports an error */
	if (j->close_fd && close(j->fd) == -1 && j->err == 0)
		j->err = errno;
}

static void *
worker(void *arg)
{
	struct lane	*me = arg;
	struct syncq	*q = me->q;
	struct job_list	*todo = &q->todo[q->lanes ? me->i : 0];
	pthread_cond_t	*cv = &q->todo_cv[q->lanes ? me->i : 0];
	struct sync_job	*j;
	int		 wake;

	(void)pthread_mutex_lock(&q->mu);
	for (;;) {
		while (STAILQ_EMPTY(todo) && !q->stopping)
			(void)pthread_cond_wait(cv, &q->mu);
		if ((j = list_take(todo)) == NULL)
			break;		/* stopping, and nothing left */
		(void)pthread_mutex_unlock(&q->mu);
		sync_one(j);
		(void)pthread_mutex_lock(&q->mu);
		/* the owner drains all results at once: one wake-up serves
		 * every result that joins them before the drain */
		wake = STAILQ_EMPTY(&q->done);
		STAILQ_INSERT_TAIL(&q->done, j, link);
		(void)pthread_cond_signal(&q->done_cv);
		(void)pthread_mutex_unlock(&q->mu);
		if (wake && q->wake != NULL)
			q->wake(q->wake_arg);
		(void)pthread_mutex_lock(&q->mu);
	}
	(void)pthread_mutex_unlock(&q->mu);
	return NULL;
}

static void
start_threads(struct syncq *q, unsigned n)
{
	sigset_t	all, old;
	int		err;

	(void)sigfillset(&all);
	(void)pthread_sigmask(SIG_SETMASK, &all, &old);
	for (q->nthreads = 0; q->nthreads < n; q->nthreads++) {
		q->lane[q->nthreads].q = q;
		q->lane[q->nthreads].i = q->nthreads;
		err = pthread_create(&q->threads[q->nthreads], NULL, worker,
		    &q->lane[q->nthreads]);
		if (err != 0) {
			/* fewer threads, or syncs in place: slower, right */
			diag_info(1, "sync thread: %s", strerror(err));
			break;
		}
	}
	(void)pthread_sigmask(SIG_SETMASK, &old, NULL);
}

struct syncq *
syncq_new(unsigned nthreads, void (*wake)(void *), void *arg)
{
	return syncq_new_lanes(nthreads, 0, wake, arg);
}

struct syncq *
syncq_new_lanes(unsigned nthreads, int lanes, void (*wake)(void *), void *arg)
{
	struct syncq	*q = xcalloc(1, sizeof(*q));
	unsigned	 i;

	if (pthread_mutex_init(&q->mu, NULL) != 0 ||
	    pthread_cond_init(&q->done_cv, NULL) != 0)
		diag_fatal(1, "cannot set up the sync threads");
	for (i = 0; i < SYNCQ_THREADS_MAX; i++) {
		if (pthread_cond_init(&q->todo_cv[i], NULL) != 0)
			diag_fatal(1, "cannot set up the sync threads");
		STAILQ_INIT(&q->todo[i]);
	}
	STAILQ_INIT(&q->done);
	q->wake = wake;
	q->wake_arg = arg;
	q->lanes = lanes;
	start_threads(q, nthreads < SYNCQ_THREADS_MAX ? nthreads :
	    SYNCQ_THREADS_MAX);
	return q;
}

static void
push(struct syncq *q, unsigned lane, struct sync_job *j)
{
	q->pending++;
	if (q->nthreads == 0) {
		sync_one(j);
		(void)pthread_mutex_lock(&q->mu);
		STAILQ_INSERT_TAIL(&q->done, j, link);
	} else {
		(void)pthread_mutex_lock(&q->mu);
		lane = q->lanes ? lane % q->nthreads : 0;
		STAILQ_INSERT_TAIL(&q->todo[lane], j, link);
		(void)pthread_cond_signal(&q->todo_cv[lane]);
	}
	(void)pthread_mutex_unlock(&q->mu);
}

void
syncq_push(struct syncq *q, int fd, int close_fd, void (*done)(void *, int),
    void *arg)
{
	struct sync_job	*j = xcalloc(1, sizeof(*j));

	j->fd = fd;
	j->close_fd = close_fd;
	j->done = done;
	j->arg = arg;
	push(q, q->next_lane++, j);
}

void
syncq_push_work(struct syncq *q, unsigned lane, int (*work)(void *),
    void (*done)(void *, int), void *arg)
{
	struct sync_job	*j = xcalloc(1, sizeof(*j));

	j->work = work;
	j->done = done;
	j->arg = arg;
	push(q, lane, j);
}

size_t
syncq_drain(struct syncq *q)
{
	struct job_list	 ready;
	struct sync_job	*j;
	size_t		 n = 0;

	STAILQ_INIT(&ready);
	(void)pthread_mutex_lock(&q->mu);
	STAILQ_CONCAT(&ready, &q->done);
	(void)pthread_mutex_unlock(&q->mu);
	/* callbacks may push again: they run with the lock released */
	while ((j = list_take(&ready)) != NULL) {
		q->pending--;
		j->done(j->arg, j->err);
		free(j);
		n++;
	}
	return n;
}

void
syncq_wait(struct syncq *q)
{
	(void)pthread_mutex_lock(&q->mu);
	while (STAILQ_EMPTY(&q->done) && q->pending > 0)
		(void)pthread_cond_wait(&q->done_cv, &q->mu);
	(void)pthread_mutex_unlock(&q->mu);
}

size_t
syncq_pending(const struct syncq *q)
{
	return q->pending;
}

void
syncq_free(struct syncq *q)
{
	struct sync_job	*j;
	unsigned	 i;

	if (q == NULL)
		return;
	(void)pthread_mutex_lock(&q->mu);
	q->stopping = 1;
	for (i = 0; i < SYNCQ_THREADS_MAX; i++)
		(void)pthread_cond_broadcast(&q->todo_cv[i]);
	(void)pthread_mutex_unlock(&q->mu);
	for (i = 0; i < q->nthreads; i++)
		(void)pthread_join(q->threads[i], NULL);
	while ((j = list_take(&q->done)) != NULL)
		free(j);
	(void)pthread_cond_destroy(&q->done_cv);
	for (i = 0; i < SYNCQ_THREADS_MAX; i++)
		(void)pthread_cond_destroy(&q->todo_cv[i]);
	(void)pthread_mutex_destroy(&q->mu);
	free(q);
}
