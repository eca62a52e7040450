/*
 * The status line's rate and ETA: a scripted clock and counts, and the
 * text each step must give.
 */
#include "progress.h"
#include "tap.h"

static const struct {
	long long	 ms;		/* since the start */
	unsigned long	 done;
	long long	 left;		/* -1: not known yet */
	const char	*want;
} steps[] = {
	{ 0, 0, -1, "" },			/* no history: nothing */
	{ 500, 3, -1, "" },			/* still under a second */
	{ 1000, 10, -1, ", 10/s" },
	{ 2000, 15, -1, ", 7.5/s" },
	{ 4000, 40, 100, ", 10/s, ETA 10s" },	/* input read: an ETA */
	{ 4000, 40, 605, ", 10/s, ETA 1m01s" },	/* rounded up */
	{ 5000, 45, 0, ", 9.0/s, ETA 0s" },
	/* the window is the last 10 s: from the sample at 4 s */
	{ 14000, 54, 36000, ", 1.4/s, ETA 7h08m" },
	{ 24000, 54, 10, ", 0/s" },		/* stalled: no ETA */
};

int
main(void)
{
	struct progress	 p;
	char		 buf[64];
	size_t		 i;

	progress_init(&p, 1000000);
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		progress_format(&p, 1000000 + steps[i].ms, steps[i].done,
		    steps[i].left, buf, sizeof(buf));
		TAP_STR(buf, steps[i].want, "at %lld ms, %lu done, %lld left",
		    steps[i].ms, steps[i].done, steps[i].left);
	}
	/* past the ring's size: 2 a second from 25 s to 40 s */
	for (i = 25; i <= 40; i++)
		progress_format(&p, 1000000 + (long long)i * 1000,
		    54 + 2 * (i - 24), 20, buf, sizeof(buf));
	TAP_STR(buf, ", 2.0/s, ETA 10s", "the ring wrapped: the last 10 s");
	progress_format(&p, 1000000 + 41000, 86, 10, buf, 4);
	TAP_STR(buf, ", 1", "a short buffer: cut, still a string");
	return tap_done();
}
