/*
 * A follow-up's parent read again when its customId is refused as stale.
 * A follow-up (U1, V2, reroll, ...) presses a button of its parent task by
 * the customId the parent's record carries, and a server may refuse that
 * customId as stale (code 4): the parent's buttons get new ids.  The
 * parent is then read again and the follow-up rebuilt from that read.
 * One read serves every follow-up of a record (each read may issue new
 * customIds, so one under way is waited for, not repeated), and each
 * follow-up has at most one read of its own, so that a refusal that
 * stands ends.  A refusal created nothing: sending again is safe.
 */
#ifndef MJ_PARENTFETCH_H
#define MJ_PARENTFETCH_H

#include <json-c/json.h>

#include "config.h"
#include "http.h"

/* The parent of one input record's follow-ups. */
struct parent_fetch {
	/* owned: the parent as last read, or NULL */
	json_object	*fresh;
	/* reads so far (a follow-up notes its own) */
	unsigned	 gen;
	int		 fetching;	/* a read under way */
	void		(*done)(void *arg, int ok);
	void		*arg;
};

/* What to do with a follow-up refused as stale. */
enum parent_step {
	PARENT_REFUSED,		/* it had its read: the refusal stands */
	/* a newer read came since it was built: resend */
	PARENT_NEWER,
	PARENT_WAIT,		/* a read is under way: wait for it */
	PARENT_FETCH		/* read the parent again */
};

/*
 * The step for a follow-up built from read number gen, which has (fetched)
 * or has not had a read of its own.
 */
enum parent_step parent_fetch_step(const struct parent_fetch *, unsigned gen,
		    int fetched);

/*
 * Read task id again (a read, so safe to repeat): when it is over,
 * done(arg, ok) runs in a later loop turn, with pf->fresh and pf->gen
 * updated if ok.  Returns the request, which the caller may free
 * (http_request_free) instead: done is then not called.
 */
struct http_request *parent_fetch_start(struct parent_fetch *, struct http *,
		    const struct config *, const char *id,
		    void (*done)(void *arg, int ok), void *arg);

/* Drop the parent read (the struct itself is the caller's). */
void		 parent_fetch_clear(struct parent_fetch *);

#endif
