/*
 * Retry delays: exponential backoff with full jitter (as AWS's
 * "Exponential Backoff and Jitter" names it), the one rule for every
 * retry in mjpipe, so that many clients refused at once do not come back
 * at once.
 */
#ifndef MJ_BACKOFF_H
#define MJ_BACKOFF_H

/*
 * A delay in milliseconds, uniform in [0, min(cap_ms, base_ms * 2^attempt)]:
 * attempt 0 is the first retry.  base_ms <= 0 gives 0; cap_ms < base_ms
 * caps at cap_ms.  The generator seeds itself from the clock and the pid on
 * first use; not thread-safe (call it from the loop's thread).
 */
long	backoff_full_jitter_ms(unsigned attempt, long base_ms, long cap_ms);

#endif
