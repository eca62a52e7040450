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
	p->start = now_ms;
	p->newest = -1;
	p->took = 0;
	p->ntook = 0;
}

void
progress_task_seen(struct progress *p, long long now_ms)
{
	p->newest = now_ms;
}

void
progress_task_took(struct progress *p, long long ms)
{
	p->took += (double)(ms > 0 ? ms : 0);
	p->ntook++;
}

long long
progress_left(unsigned long handled, unsigned long pending, double fraction)
{
	double	seen = (double)handled + (double)pending;

	if (fraction >= 1)
		return (long long)pending;
	if (fraction <= 0)
		return -1;
	return (long long)pending + (long long)(seen * (1 - fraction) /
	    fraction + 0.5);
}

static void
sample(struct progress *p, long long now_ms, unsigned long done)
{
	unsigned	last;

	last = (p->next + PROGRESS_SAMPLES - 1) % PROGRESS_SAMPLES;

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

/*
 * Seconds left, or -1.  Without task durations: at the recent rate, none
 * in a stall.  With them (mj-wait): at the recent rate, else the run's,
 * and never less than the mean duration less the newest task's age.
 */
static double
eta_seconds(const struct progress *p, long long now_ms, unsigned long done,
    long long left, double rate)
{
	double	eta = -1, run = 0, rest;

	if (left < 0)
		return -1;
	if (rate > 0)
		eta = (double)left / rate;
	if (p->ntook == 0)
		return eta;
	if (rate <= 0 && done > 0 && now_ms - p->start >= 1000)
		run = (double)done * 1000 / (double)(now_ms - p->start);
	if (eta < 0)
		eta = run > 0 ? (double)left / run : 0;
	if (left > 0 && p->newest >= 0) {
		rest = (p->took / (double)p->ntook - (double)(now_ms -
		    p->newest)) / 1000;
		if (rest > eta)
			eta = rest;
	}
	return eta;
}

void
progress_format(struct progress *p, long long now_ms, unsigned long done,
    long long left, char *buf, size_t len)
{
	unsigned	oldest;
	double		rate = 0, span, eta;
	char		r[32], e[40];

	sample(p, now_ms, done);
	oldest = since(p, now_ms - PROGRESS_WINDOW_MS);
	span = (double)(now_ms - p->t[oldest]) / 1000;
	if (span >= 1 && done >= p->n[oldest])
		rate = (double)(done - p->n[oldest]) / span;
	buf[0] = '\0';
	if (span < 1)
		return;
	if (rate <= 0)
		(void)snprintf(r, sizeof(r), "0/s");
	else
		(void)snprintf(r, sizeof(r), "%.*f/s", rate < 10 ? 1 : 0,
		    rate);
	e[0] = '\0';
	if ((eta = eta_seconds(p, now_ms, done, left, rate)) >= 0) {
		(void)snprintf(e, sizeof(e), ", ETA ");
		duration(eta, e + 6, sizeof(e) - 6);
	}
	(void)snprintf(buf, len, ", %s%s", r, e);
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

void
progress_size(long long bytes, char *buf, size_t len)
{
	static const char *const	unit[] = { "KiB", "MiB", "GiB", "TiB" };
	double				v = (double)bytes;
	unsigned			i = 0;

	if (bytes < 1024) {
		(void)snprintf(buf, len, "%lld B", bytes);
		return;
	}
	v /= 1024;
	while (v >= 1024 && i < 3) {
		v /= 1024;
		i++;
	}
	(void)snprintf(buf, len, "%.1f %s", v, unit[i]);
}

void
progress_end(struct progress *p, long long bytes, const char *fmt, ...)
{
	va_list	ap;
	char	counts[256], size[40], took[32];
	double	s = (double)(loop_now() - p->start) / 1000;

	if (!diag_status_enabled()) {
		diag_status_clear();
		return;
	}
	va_start(ap, fmt);
	(void)vsnprintf(counts, sizeof(counts), fmt, ap);
	va_end(ap);
	size[0] = '\0';
	if (bytes >= 0) {
		(void)snprintf(size, sizeof(size), ", ");
		progress_size(bytes, size + 2, sizeof(size) - 2);
	}
	/* tenths under 10 s, where "1s" would say little */
	if (s < 10)
		(void)snprintf(took, sizeof(took), "%.1fs", s);
	else
		duration(s, took, sizeof(took));
	diag_status_end("%s%s in %s", counts, size, took);
}
