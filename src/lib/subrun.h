/*
 * The life of mj-submit's submissions (subq.h has their states): asking
 * the journal, sending under -j and --max-tasks, acting on each answer's
 * verdict (verdict.h), backing off, reading a stale parent again,
 * following a modal, looking for lost replies' tasks, and stopping.
 * The caller reads input, turns each record into submissions, and turns
 * the loop.
 */
#ifndef MJ_SUBRUN_H
#define MJ_SUBRUN_H

#include <stddef.h>

#include "subq.h"

/* q for a run (subq_init), looking for lost replies too. */
void	subrun_init(struct subq *, const struct subq_opts *, struct loop *,
	    struct http *, struct journal *);
void	subrun_free(struct subq *);
/*
 * At start-up: look for the tasks of requests an earlier run sent and
 * got no reply for (lostreply.h).  0, or -1 if a signal came first.
 */
int	subrun_resume(struct subq *);

/*
 * One input record r and the n submissions built from it (both taken):
 * each is looked up in the journal and made ready (or, for a dry run,
 * written out at once).
 */
void	subrun_add(struct subq *, struct record *r, struct submission *subs,
	    size_t n);
/* Send what may be sent: -j, --max-tasks, and nothing after a stop. */
void	subrun_start(struct subq *);
/*
 * Stop (a signal, a reader gone): what waits is written out, not
 * submitted; what is on the wire is awaited until q->drain_until.
 */
void	subrun_stop_waiting(struct subq *);
/* The replies still missing when the drain time is over. */
void	subrun_abandon(struct subq *);
/* --upload failed: every record is written out, not submitted. */
void	subrun_upload_failed(struct subq *, const char *err);

#endif
