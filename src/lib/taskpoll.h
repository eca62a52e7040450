/*
 * Polling many tasks (mj-wait).  Due tasks are gathered into batches of
 * up to 100 ids for one list-by-condition request; a provider without it
 * (404 or 405, detected once) and tasks a list keeps leaving out get one
 * fetch each.  Each answer is handed back task by task; a failed poll is
 * tried again an interval later.  A refusal that polling again would
 * only meet again (the key refused, TLS trust, a proxy) is kept for the
 * caller, which stops.
 */
#ifndef MJ_TASKPOLL_H
#define MJ_TASKPOLL_H

#include <json-c/json.h>

struct config;
struct http;
struct pending;
struct pendings;
struct taskpoll;

struct taskpoll_ops {
	/* a fresh read of p's task (borrowed for the call) */
	void	(*read)(struct pending *p, json_object *task);
	/* the server says it does not know p's task */
	void	(*unknown)(struct pending *p);
	/* something is due at due (loop_now clock): scan by then */
	void	(*schedule)(long long due);
	/* a poll was sent n more times after failures (NULL: not told) */
	void	(*retried)(int n);
};

/* Polls of the tasks in set (borrowed), jobs requests at most at once. */
struct taskpoll	*taskpoll_new(struct http *, const struct config *,
		    struct pendings *set, long long interval,
		    unsigned long jobs, int no_list,
		    const struct taskpoll_ops *ops);
/* Cancel every poll under way (no callback) and free; NULL is fine. */
void		 taskpoll_free(struct taskpoll *);
void		 taskpoll_cancel_all(struct taskpoll *);

/* p is due: into the batch being filled (sent when full) or sent alone. */
void		 taskpoll_add(struct taskpoll *, struct pending *p);
/* Send the batch being filled, if any. */
void		 taskpoll_send(struct taskpoll *);
/* Requests in flight; 1 when no more may start. */
size_t		 taskpoll_inflight(const struct taskpoll *);
int		 taskpoll_busy(const struct taskpoll *);
/* The key was refused: 1. */
int		 taskpoll_auth_refused(const struct taskpoll *);
/* A lasting refusal: "not waited for: why", or NULL (borrowed). */
const char	*taskpoll_refused(const struct taskpoll *);

#endif
