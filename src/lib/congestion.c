/* The window of submissions in flight (congestion.h). */
#include "congestion.h"

void
congestion_init(struct congestion *c, unsigned long jobs)
{
	c->max = jobs > 0 ? (double)jobs : 1;
	c->window = c->max;
	c->epoch = 0;
	c->hold_until = 0;
}

unsigned long
congestion_room(const struct congestion *c)
{
	return (unsigned long)c->window;
}

unsigned
congestion_epoch(const struct congestion *c)
{
	return c->epoch;
}

int
congestion_full(struct congestion *c, unsigned epoch, long long now,
    long long hold_ms)
{
	/* the others sent before this answer met the same full queue */
	if (epoch != c->epoch)
		return 0;
	c->epoch++;
	c->window /= 2;
	if (c->window < 1)
		c->window = 1;
	c->hold_until = now + hold_ms;
	return 1;
}

int
congestion_held(const struct congestion *c, long long now)
{
	return now < c->hold_until;
}

void
congestion_accepted(struct congestion *c)
{
	c->window += 1 / c->window;
	if (c->window > c->max)
		c->window = c->max;
}
