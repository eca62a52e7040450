/*
 * Rate and ETA for the live status line (design.md "Progress"): the rate
 * is of the last few seconds, not of the whole run, so that it follows a
 * provider that slows down; the ETA is shown only once the work left is
 * known (the input is read to its end).
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
};

void	 progress_init(struct progress *, long long now_ms);

/*
 * ", 12.5/s, ETA 1m20s" into buf: done is the count so far, left the
 * items still to do or -1 when not known yet.  The rate needs a second
 * of history; before that, and when nothing was done lately, only what
 * is known is written ("" at first).
 */
void	 progress_format(struct progress *, long long now_ms,
	    unsigned long done, long long left, char *buf, size_t len);

/*
 * The live status line (diag_status): the counts as fmt says, then the
 * rate and ETA of progress_format.  Nothing when there is no status line.
 */
void	 progress_status(struct progress *, unsigned long done, long long left,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
