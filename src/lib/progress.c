/*
 * A ring of (time, count) samples, one per second at most: the rate is
 * the count gained since the sample that begins the window, over the
 * time since.
 */
#include <stdarg.h>
#include <stdio.h>

#include "diag.h"
#include "loop.h"
#include "progress.h"

void
progress_init(struct progress *p, long long now_ms)
{
	p->t[0] = now_ms;
	p->n[0] = 0;
	p->next = 1;
	p->count = 1;
}

static void
sample(struct progress *p, long long now_ms, unsigned long done)
{
	unsigned	last = (p->next + PROGRESS_SAMPLES - 1) % PROGRESS_SAMPLES;

	if (now_ms - p->t[last] < 1000)
		return;
	p->t[p->next] = now_ms;
	p->n[p->next] = done;
	p->next = (p->next + 1) % PROGRESS_SAMPLES;
	if (p->count < PROGRESS_SAMPLES)
		p->count++;
}

/* The newest sample taken at or before t, else the oldest there is. */
static unsigned
since(const struct progress *p, long long t)
{
	unsigned	i, k, first, best;

	first = best = (p->next + PROGRESS_SAMPLES - p->count) %
	    PROGRESS_SAMPLES;
	for (k = 1; k < p->count; k++) {
		i = (first + k) % PROGRESS_SAMPLES;
		if (p->t[i] > t)
			break;
		best = i;
	}
	return best;
}

/* "45s", "3m20s", "2h05m": seconds rounded up. */
static void
duration(double s, char *buf, size_t len)
{
	long long	secs = (long long)s + (s > (double)(long long)s);

	if (secs < 60)
		(void)snprintf(buf, len, "%llds", secs);
	else if (secs < 3600)
		(void)snprintf(buf, len, "%lldm%02llds", secs / 60, secs % 60);
	else
		(void)snprintf(buf, len, "%lldh%02lldm", secs / 3600,
		    secs % 3600 / 60);
}

void
progress_format(struct progress *p, long long now_ms, unsigned long done,
    long long left, char *buf, size_t len)
{
	unsigned	oldest;
	double		rate = 0, span;
	char		eta[32];

	sample(p, now_ms, done);
	oldest = since(p, now_ms - PROGRESS_WINDOW_MS);
	span = (double)(now_ms - p->t[oldest]) / 1000;
	if (span >= 1 && done >= p->n[oldest])
		rate = (double)(done - p->n[oldest]) / span;
	buf[0] = '\0';
	if (span < 1)
		return;
	if (rate <= 0) {
		(void)snprintf(buf, len, ", 0/s");
		return;
	}
	if (left < 0) {
		(void)snprintf(buf, len, ", %.*f/s", rate < 10 ? 1 : 0, rate);
		return;
	}
	duration((double)left / rate, eta, sizeof(eta));
	(void)snprintf(buf, len, ", %.*f/s, ETA %s", rate < 10 ? 1 : 0, rate,
	    eta);
}

void
progress_status(struct progress *p, unsigned long done, long long left,
    const char *fmt, ...)
{
	va_list	ap;
	char	counts[256], rate[64];

	if (!diag_status_enabled())
		return;
	va_start(ap, fmt);
	(void)vsnprintf(counts, sizeof(counts), fmt, ap);
	va_end(ap);
	progress_format(p, loop_now(), done, left, rate, sizeof(rate));
	diag_status("%s%s", counts, rate);
}
