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

	/* mj-wait: tasks of 30 s; the ETA survives the stall between them */
	progress_init(&p, 0);
	progress_task_seen(&p, 0);
	progress_task_took(&p, 30000);
	progress_format(&p, 1000, 1, 4, buf, sizeof(buf));
	TAP_STR(buf, ", 1.0/s, ETA 29s",
	    "durations: the mean less the newest task's age, if longer");
	progress_format(&p, 20000, 1, 4, buf, sizeof(buf));
	TAP_STR(buf, ", 0/s, ETA 1m20s",
	    "durations, a stall: what is left at the run's rate");
	progress_format(&p, 21000, 5, 0, buf, sizeof(buf));
	TAP_STR(buf, ", 0.2/s, ETA 0s", "nothing left: 0s");

	/* mj-submit: the items left from the share of the input read */
	TAP_INT(progress_left(10, 5, 0.5), 20, "half read: as many again");
	TAP_INT(progress_left(10, 5, 0.25), 50, "a quarter read: 3 times more");
	TAP_INT(progress_left(10, 5, 1), 5, "all read: the pending ones");
	TAP_INT(progress_left(10, 5, -1), -1, "not a file: not known");
	TAP_INT(progress_left(0, 0, 0), -1, "nothing read yet: not known");

	progress_size(512, buf, sizeof(buf));
	TAP_STR(buf, "512 B", "size in bytes");
	progress_size(1536, buf, sizeof(buf));
	TAP_STR(buf, "1.5 KiB", "size in KiB");
	progress_size(5LL << 20, buf, sizeof(buf));
	TAP_STR(buf, "5.0 MiB", "size in MiB");
	progress_size(3LL << 30, buf, sizeof(buf));
	TAP_STR(buf, "3.0 GiB", "size in GiB");
	return tap_done();
}
