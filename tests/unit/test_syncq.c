/*
 * syncq: syncs and work off the event loop, with threads and without
 * (nthreads 0: in syncq_push itself): each done callback runs once in
 * syncq_drain with the errno of a failed fsync or what the work
 * returned; a lane keeps its order; callbacks not drained are dropped.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "syncq.h"
#include "tap.h"

#define NWORK	50

static int	got_err[NWORK], ndone, order[NWORK], norder;
static volatile int	wakes;

static void
wake(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&wakes, 1, __ATOMIC_RELAXED);
}

static void
synced(void *arg, int err)
{
	got_err[(int)(long)arg] = err;
	ndone++;
}

/* Work i: notes its place in the lane's order, returns i + 100. */
static int
work(void *arg)
{
	int	i = (int)(long)arg, at;

	at = __atomic_fetch_add(&norder, 1, __ATOMIC_RELAXED);
	if (at < NWORK)
		order[at] = i;
	return i + 100;
}

static void
drain_all(struct syncq *q)
{
	int	turns = 0;

	while (syncq_pending(q) > 0 && turns++ < 1000) {
		syncq_wait(q);
		(void)syncq_drain(q);
	}
}

/* A file, a pipe (fsync: EINVAL) and a closed descriptor (EBADF). */
static void
test_syncs(unsigned nthreads)
{
	struct syncq	*q = syncq_new(nthreads, wake, NULL);
	char		 path[] = "/tmp/test_syncq.XXXXXX";
	int		 fd, fds[2];

	memset(got_err, -1, sizeof(got_err));
	ndone = 0;
	if ((fd = mkstemp(path)) == -1 || pipe(fds) == -1) {
		TAP_OK(0, "a file and a pipe");
		return;
	}
	(void)unlink(path);
	syncq_push(q, fd, 1, synced, (void *)0);
	syncq_push(q, fds[0], 0, synced, (void *)1);
	syncq_push(q, 999, 0, synced, (void *)2);
	TAP_INT(ndone, 0, "%u threads: no callback before the drain",
	    nthreads);
	drain_all(q);
	TAP_INT(ndone, 3, "%u threads: each callback once", nthreads);
	TAP_INT(got_err[0], 0, "%u threads: a file synced", nthreads);
	TAP_INT(fcntl(fd, F_GETFD) == -1 && errno == EBADF, 1,
	    "%u threads: and closed", nthreads);
	TAP_INT(got_err[1], EINVAL, "%u threads: a pipe: EINVAL", nthreads);
	TAP_INT(fcntl(fds[0], F_GETFD) != -1, 1,
	    "%u threads: not closed when not asked", nthreads);
	TAP_INT(got_err[2], EBADF, "%u threads: no descriptor: EBADF",
	    nthreads);
	TAP_INT(syncq_pending(q), 0, "%u threads: none pending", nthreads);
	syncq_wait(q);		/* none pending: returns at once */
	(void)close(fds[0]);
	(void)close(fds[1]);
	syncq_free(q);
}

static void
work_done(void *arg, int ret)
{
	got_err[(int)(long)arg] = ret;
	ndone++;
}

/* Work on one lane runs in the order pushed, whatever the threads. */
static void
test_lanes(unsigned nthreads)
{
	struct syncq	*q = syncq_new_lanes(nthreads, 1, wake, NULL);
	int		 i, in_order = 1, all = 1;

	ndone = norder = 0;
	for (i = 0; i < NWORK; i++)
		syncq_push_work(q, 7, work, work_done, (void *)(long)i);
	drain_all(q);
	for (i = 0; i < NWORK; i++) {
		in_order &= order[i] == i;
		all &= got_err[i] == i + 100;
	}
	TAP_INT(ndone, NWORK, "lanes, %u threads: every work done", nthreads);
	TAP_OK(in_order, "lanes, %u threads: one lane's work in order",
	    nthreads);
	TAP_OK(all, "lanes, %u threads: done gets what the work returned",
	    nthreads);
	syncq_free(q);
}

/* Freed with callbacks not drained: they never run. */
static void
test_undrained(unsigned nthreads)
{
	struct syncq	*q = syncq_new(nthreads, wake, NULL);
	int		 i;

	ndone = norder = 0;
	for (i = 0; i < 5; i++)
		syncq_push_work(q, 0, work, work_done, (void *)(long)i);
	syncq_free(q);
	TAP_INT(ndone, 0, "%u threads: freed undrained: no callback",
	    nthreads);
}

int
main(void)
{
	test_syncs(0);
	test_syncs(2);
	TAP_OK(wakes > 0, "the threads woke the owner");
	test_lanes(0);
	test_lanes(3);
	test_undrained(0);
	test_undrained(2);
	syncq_free(NULL);
	TAP_OK(1, "syncq_free(NULL) does nothing");
	return tap_done();
}
