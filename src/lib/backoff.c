/*
 * Full-jitter backoff: the whole window is random, not just its top half,
 * which spreads retries best (backoff.h).
 */
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "backoff.h"

static uint64_t	rng;

/* xorshift64*: fast, and good enough to spread retries. */
static uint64_t
rng_next(void)
{
	struct timespec	ts = { 0, 0 };

	if (rng == 0) {
		/* a clock that fails leaves ts 0: the pid still differs */
		(void)clock_gettime(CLOCK_MONOTONIC, &ts);
		/* odd, so never the 0 that xorshift would keep */
		rng = (((uint64_t)ts.tv_sec * 1000000000ULL +
		    (uint64_t)ts.tv_nsec) * 6364136223846793005ULL ^
		    (uint64_t)getpid()) | 1;
	}
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

long
backoff_full_jitter_ms(unsigned attempt, long base_ms, long cap_ms)
{
	long		window;
	unsigned	i;

	if (base_ms <= 0)
		return 0;
	if (cap_ms < 0)
		cap_ms = 0;
	window = base_ms;
	for (i = 0; i < attempt && window < cap_ms; i++)
		window = window > cap_ms / 2 ? cap_ms : window * 2;
	if (window > cap_ms)
		window = cap_ms;
	return (long)(rng_next() % ((uint64_t)window + 1));
}
