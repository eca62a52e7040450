/*
 * loop: timers run once each, in the order of their due times and, for
 * equal ones, in the order they were set, however many wait; a cancelled
 * one never runs; the input descriptor is reported readable when it has
 * data or its writer is gone; SIGTERM is a flag and status 143.
 */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "loop.h"
#include "tap.h"

#define NTIMERS	150	/* past the heap's first 64 slots, twice */

static int	order[NTIMERS], nrun;

static void
note(void *arg)
{
	if (nrun < NTIMERS)
		order[nrun] = (int)(long)arg;
	nrun++;
}

static void
turn_for(struct loop *l, long long ms)
{
	long long	end = loop_now() + ms;

	while (loop_now() < end)
		(void)loop_turn(l, -1, 10);
}

static void
timers(struct loop *l)
{
	struct timer	*t[NTIMERS];
	long long	 now = loop_now();
	int		 i, sorted = 1;

	/* due times from the last to the first, the last 50 all equal */
	for (i = NTIMERS - 1; i >= 0; i--)
		t[i] = loop_timer_at(l, now + (i < 100 ? i : 100), note,
		    (void *)(long)i);
	TAP_INT(loop_timer_count(l), NTIMERS, "%d timers wait", NTIMERS);
	loop_timer_cancel(l, t[7]);
	loop_timer_cancel(l, t[7]);	/* again: nothing more */
	loop_timer_cancel(l, NULL);	/* nothing to cancel */
	TAP_INT(loop_timer_count(l), NTIMERS - 1, "... one cancelled");
	turn_for(l, 300);
	TAP_INT(nrun, NTIMERS - 1, "... the others run, once each");
	TAP_INT(loop_timer_count(l), 0, "... none left");
	for (i = 1; i < 99 && sorted; i++)
		sorted = order[i - 1] < order[i] && order[i - 1] != 7;
	TAP_OK(sorted, "... by due time");
	/* equal due times, set from 149 down to 100: in that order */
	for (i = 99; i < NTIMERS - 1 && sorted; i++)
		sorted = order[i] == NTIMERS - 1 - (i - 99);
	TAP_OK(sorted, "... equal ones in the order they were set");
}

static void
input(struct loop *l)
{
	long long	t0;
	int		fds[2];

	if (pipe(fds) == -1) {
		TAP_OK(0, "pipe");
		return;
	}
	TAP_INT(loop_turn(l, fds[0], 0) & LOOP_READABLE, 0,
	    "an empty pipe is not readable");
	if (write(fds[1], "x", 1) != 1)
		TAP_OK(0, "write");
	TAP_INT(loop_turn(l, fds[0], 100) & LOOP_READABLE, LOOP_READABLE,
	    "a byte in it is");
	(void)close(fds[1]);	/* its writer gone: the end of input */
	if (read(fds[0], fds, 1) != 1)
		TAP_OK(0, "read");
	TAP_INT(loop_turn(l, fds[0], 100) & LOOP_READABLE, LOOP_READABLE,
	    "its writer gone, it is readable (the end of input)");
	(void)close(fds[0]);
	t0 = loop_now();
	TAP_INT(loop_turn(l, LOOP_INPUT_READY, 1000) & LOOP_READABLE,
	    LOOP_READABLE, "an input ready without a descriptor: readable");
	TAP_OK(loop_now() - t0 < 500, "... at once (%lld ms)",
	    loop_now() - t0);
}

int
main(void)
{
	struct loop	*l;

	loop_free(NULL);	/* does nothing, as free(NULL) */
	l = loop_new();
	timers(l);
	input(l);
	TAP_INT(loop_signal_status(l), 0, "no signal: no status");
	if (raise(SIGTERM) != 0)
		TAP_OK(0, "raise");
	TAP_INT(loop_turn(l, -1, 1000) & LOOP_SIGNAL, LOOP_SIGNAL,
	    "SIGTERM: the next turn says so");
	TAP_INT(loop_signal(l), SIGTERM, "... which signal");
	TAP_INT(loop_signal_status(l), 143, "... status 143");
	if (raise(SIGINT) != 0)
		TAP_OK(0, "raise");
	(void)loop_turn(l, -1, 100);
	TAP_INT(loop_signal(l), SIGTERM, "then SIGINT: the first signal "
	    "counts");
	loop_free(l);
	return tap_done();
}
