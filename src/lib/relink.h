/*
 * A fresh link for a stale one (design.md "Stale links", issue 20).
 * Proxies hand out Discord and CDN links that stop working after about a
 * day (HTTP 403, 404 or 410).  The task is then read once more, as mj-wait
 * reads it (GET /mj/task/{id}/fetch with the key, a poll: the same rate
 * limit), and the link at the same place in the task as it is now is
 * downloaded instead.  One read per record, shared by all of its links.
 */
#ifndef MJ_RELINK_H
#define MJ_RELINK_H

#include "config.h"
#include "http.h"
#include "record.h"

/* Re-reads per second at most: mj-wait's default rate of polls. */
#define RELINK_RATE	10.0

struct relink;

/*
 * Called once per relink_ask that returned 0: fresh is the new link
 * (borrowed for the call), or NULL when there is none (the task unknown
 * now, unreadable, or the same link), and why and http are what the
 * caller gave, for the error it writes then.
 */
typedef void	relink_done(void *arg, const char *fresh, const char *why,
		    long http);

/*
 * url, a link of rec's task, answered http.  If that is a stale link's
 * answer (403, 404, 410) and rec's task has not been read again yet (or
 * is being read), ask for a fresh link: 0, and done(arg, ...) is called
 * later, or at once when the read is already done.  -1: nothing to ask
 * (another status, no task id, already read): the caller fails as before.
 * *rp is the record's relink, made on first use (NULL before).  When the
 * read gives a task, it becomes rec's "task".
 */
int	 relink_ask(struct relink **rp, struct http *, const struct config *,
	    struct record *rec, const char *url, long http, const char *why,
	    relink_done *done, void *arg);
/* Cancel a read under way (no done is called) and free; NULL is fine. */
void	 relink_free(struct relink *);

/*
 * The link in fresh at the place url has in orig (the same path signed
 * again, else the same position), or NULL; borrowed from fresh.  Tested
 * alone.
 */
const char *relink_counterpart(json_object *orig, json_object *fresh,
	    const char *url);

#endif
