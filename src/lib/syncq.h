/*
 * fsync(2) off the event loop.  Syncing a freshly written file waits on
 * the disk for milliseconds; done in the event loop, that wait stalls
 * every transfer in flight.  A few threads do the syncs instead.  The
 * owner hears of each one through a callback run by syncq_drain(), in
 * its own thread, and only then gives the file its name and its record.
 *
 *	q = syncq_new(2, wake, loop);
 *	syncq_push(q, fd, 1, file_synced, f);	// fsync, then close fd
 *	...in the main loop, after each wait:
 *	syncq_drain(q);				// runs file_synced(f, err)
 */
#ifndef MJ_SYNCQ_H
#define MJ_SYNCQ_H

#include <stddef.h>

struct syncq;

/*
 * Up to nthreads threads (0, or none could be made: every sync runs in
 * syncq_push itself).  wake(arg) is called from a sync thread each time
 * a result is ready, to interrupt the owner's wait (curl_multi_wakeup);
 * it must be safe to call from any thread.
 */
struct syncq	*syncq_new(unsigned nthreads, void (*wake)(void *), void *arg);

/*
 * The same, but each thread with its own queue, a lane: work pushed to
 * one lane runs in the order pushed, so a file's pieces can go to its
 * lane and be hashed and written in order.
 */
struct syncq	*syncq_new_lanes(unsigned nthreads, int lanes,
		    void (*wake)(void *), void *arg);

/*
 * Run work(arg) in a thread (lane: modulo the number of threads; any
 * thread when not made with lanes); done(arg, what work returned) runs
 * later in syncq_drain.
 */
void		 syncq_push_work(struct syncq *, unsigned lane,
		    int (*work)(void *), void (*done)(void *, int), void *arg);

/*
 * Sync fd; then close it if close_fd.  done(arg, err) runs later in
 * syncq_drain with err the errno of the failed fsync or close, or 0.
 * The caller must not touch fd until then.
 */
void		 syncq_push(struct syncq *, int fd, int close_fd,
		    void (*done)(void *, int), void *arg);

/* Run the callbacks of finished syncs, oldest first; how many ran. */
size_t		 syncq_drain(struct syncq *);

/* Block until at least one sync has finished (none pending: return). */
void		 syncq_wait(struct syncq *);

/* Syncs pushed whose callbacks have not run yet. */
size_t		 syncq_pending(const struct syncq *);

/*
 * Finish the queued syncs, stop the threads, free.  Callbacks not yet
 * drained are dropped: drain until syncq_pending() is 0 first.
 */
void		 syncq_free(struct syncq *);

#endif
