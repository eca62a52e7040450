/*
 * Rate and ETA for the live status row (design.md "Progress", "One status
 * block"), and the summary line at the end: the rate is of the last few
 * seconds, not of the whole run, so that it follows a provider that slows
 * down; the ETA is shown only once the work left can be known (the input
 * read to its end, or a share of a file of known size).
 */
#ifndef MJ_PROGRESS_H
#define MJ_PROGRESS_H

#include <stddef.h>

#define PROGRESS_WINDOW_MS	10000	/* the rate of the last 10 s */
#define PROGRESS_SAMPLES	12	/* one a second at most */

struct progress {
	long long	 t[PROGRESS_SAMPLES];	/* ms, loop_now() clock */
	unsigned long	 n[PROGRESS_SAMPLES];	/* items done by then */
	unsigned	 next, count;
	long long	 start;			/* progress_init's time */
	/* the last task seen (mj-wait) */
	long long	 newest;
	double		 took;			/* ms of the tasks done */
	unsigned long	 ntook;
};

void	 progress_init(struct progress *, long long now_ms);

/*
 * Task durations (mj-wait): a task first seen at now_ms; one that took
 * ms from then to its end.  With them the ETA is kept through a stall
 * (tasks take minutes, the rate of the last seconds is often 0): the
 * larger of what is left at the run's rate and of the mean duration less
 * the age of the newest task.
 */
void	 progress_task_seen(struct progress *, long long now_ms);
void	 progress_task_took(struct progress *, long long ms);

/*
 * ", 12.5/s, ETA 1m20s" into buf: done is the count so far, left the
 * items still to do or -1 when not known yet.  The rate needs a second
 * of history; before that, and when nothing was done lately, only what
 * is known is written ("" at first).  Tested alone.
 */
void	 progress_format(struct progress *, long long now_ms,
	    unsigned long done, long long left, char *buf, size_t len);

/*
 * The items left when the input is partly read: pending ones, and as
 * many more per item seen (handled + pending) as the share of the input
 * still unread says.  fraction: input_fraction(), or 1 at the input's
 * end; -1 (not known) gives -1.
 */
long long progress_left(unsigned long handled, unsigned long pending,
	    double fraction);

/*
 * The live status row (diag_status): the counts as fmt says, then the
 * rate and ETA of progress_format.  Nothing when there is no status row.
 */
void	 progress_status(struct progress *, unsigned long done, long long left,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * The end: the row leaves and the summary line stays (not with -q, not
 * off a terminal): the counts as fmt says, then bytes (if not -1) and
 * the time taken: "mj-fetch: 9 fetched, 0 failed, 4.5 MiB in 12s".
 */
void	 progress_end(struct progress *, long long bytes, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* "512 B", "4.5 KiB", "12.0 MiB", "1.2 GiB" (tested alone) */
void	 progress_size(long long bytes, char *buf, size_t len);

#endif
