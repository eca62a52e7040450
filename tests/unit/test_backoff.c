/*
 * Full-jitter backoff: every delay inside [0, min(cap, base * 2^attempt)],
 * the window doubling per attempt up to the cap, and the draws spread
 * over the window rather than stuck at one end.
 */
#include "backoff.h"
#include "tap.h"

#define DRAWS	2000

static const struct {
	unsigned	 attempt;
	long		 base, cap, window;
} cases[] = {
	{ 0, 1000, 60000, 1000 },
	{ 1, 1000, 60000, 2000 },
	{ 3, 1000, 60000, 8000 },
	{ 6, 1000, 60000, 60000 },	/* 64000 capped */
	{ 40, 1000, 60000, 60000 },	/* no overflow */
	{ 4000000000u, 50, 5000, 5000 },
	{ 0, 100, 30, 30 },		/* a cap below the base */
	{ 2, 1, 2, 2 },
	{ 5, 0, 60000, 0 },		/* no base: no wait */
	{ 5, -1, 60000, 0 },
	{ 2, 100, -5, 0 },		/* a negative cap: no wait */
};

int
main(void)
{
	size_t	i, j;
	long	d, lo, hi;
	int	inside;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		lo = -1;
		hi = -1;
		inside = 1;
		for (j = 0; j < DRAWS; j++) {
			d = backoff_full_jitter_ms(cases[i].attempt,
			    cases[i].base, cases[i].cap);
			if (d < 0 || d > cases[i].window)
				inside = 0;
			if (lo == -1 || d < lo)
				lo = d;
			if (d > hi)
				hi = d;
		}
		TAP_OK(inside, "attempt %u base %ld cap %ld: in [0, %ld]",
		    cases[i].attempt, cases[i].base, cases[i].cap,
		    cases[i].window);
		/* full jitter: the bottom and the top of the window are used */
		TAP_OK(lo <= cases[i].window / 10 &&
		    hi >= cases[i].window - cases[i].window / 10,
		    "attempt %u base %ld cap %ld: spread %ld..%ld",
		    cases[i].attempt, cases[i].base, cases[i].cap, lo, hi);
	}
	return tap_done();
}
