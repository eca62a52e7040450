/*
 * When to send submissions while the server's queue is full, and how
 * many at once: an additive-increase, multiplicative-decrease window, as
 * TCP's congestion control keeps one, and a pause.  A "queue full" answer
 * halves the window and holds every submission for the refused one's
 * backoff, once for all those sent before it was answered (they met the
 * same full queue); each task created grows the window by 1/window (one
 * a window's worth of them), never above -j nor below 1.  A refusal costs
 * nothing, but it is a request the server turns away and two journal
 * lines synced to disk: thirty-two slots, each backing off alone, sent
 * three requests for each task into a queue that drained slower than
 * they sent.
 */
#ifndef MJ_CONGESTION_H
#define MJ_CONGESTION_H

struct congestion {
	double		 window;	/* submissions in flight allowed */
	double		 max;		/* -j */
	unsigned	 epoch;		/* one more at each halving */
	long long	 hold_until;	/* loop time: nothing sent before */
};

void		 congestion_init(struct congestion *, unsigned long jobs);
/* How many may be in flight now: 1 to -j. */
unsigned long	 congestion_room(const struct congestion *);
/* The epoch to give a submission as it is sent. */
unsigned	 congestion_epoch(const struct congestion *);
/*
 * A queue-full answer at now to a submission sent in epoch: unless one
 * sent in that epoch did it already, the window halves and nothing is
 * sent for hold_ms.  1 if it did.
 */
int		 congestion_full(struct congestion *, unsigned epoch,
		    long long now, long long hold_ms);
/* Is sending held at now? */
int		 congestion_held(const struct congestion *, long long now);
/* A task created. */
void		 congestion_accepted(struct congestion *);

#endif
