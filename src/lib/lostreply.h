/*
 * Replies lost in this run.  A request whose reply was lost after it was
 * sent may or may not have created a paid task.  One sent with its state
 * tag (journal_tag) is looked for in the server's task list (reconcile.h)
 * once its reply has been lost for the settle time (a server may record a
 * task a moment late): the oldest reply lost sets when the list is read,
 * and one read serves every reply lost long enough by then.  Each of
 * those is handed back with the list's verdict: its task id, not created
 * (safe to send), or may exist.  What to make of a verdict, and what
 * becomes of the submission, is the caller's.
 */
#ifndef MJ_LOSTREPLY_H
#define MJ_LOSTREPLY_H

#include <sys/queue.h>

#include <stddef.h>

#include "config.h"
#include "http.h"
#include "journal.h"
#include "loop.h"
#include "reconcile.h"

/* One submission's lost reply, kept in the caller's submission. */
struct lost_reply {
	const char	*key;		/* borrowed: its journal key */
	long long	 sent_at;	/* Unix seconds, if sent with its tag */
	void		*arg;		/* the caller's */
	long long	 lost_at;	/* loop_now() when the reply was lost */
	char		*why;		/* owned: how the reply was lost */
	int		 code;		/* ... the API's code, or 0 */
	long		 http;		/* ... the HTTP status, or 0 */
	int		 in_check;	/* looked for by the read under way */
	TAILQ_ENTRY(lost_reply) link;	/* on the list, oldest first */
};

/* What the task list says of a key (borrowed strings, as reconcile.h). */
struct lost_verdict {
	enum recon_verdict verdict;
	const char	*task_id;	/* RECON_FOUND: the task */
	int		 in_modal;	/* RECON_FOUND: it waits in its modal */
	const char	*why;		/* RECON_UNKNOWN: why nobody can tell */
	int		 earlier;	/* of the start-up's read */
};

/* The verdict of a list read (or of the start-up's) on key. */
void		 lost_verdict(struct reconcile *, const char *key,
		    struct lost_verdict *);

struct lost_replies;

/*
 * Replies lost are looked for settle_s seconds after they were lost;
 * settled(l->arg, l->why, v) gets each back, off the list, with its
 * verdict (l may be freed by it).
 */
struct lost_replies *lost_replies_new(struct loop *, struct http *,
		    const struct config *, long long settle_s,
		    void (*settled)(void *arg, const char *why,
		    const struct lost_verdict *));
/* Stop looking; the replies on the list are left as they are. */
void		 lost_replies_free(struct lost_replies *);

/*
 * At start-up: look for the keys an earlier run sent and got no reply for
 * (the journal's, borrowed for the call) with reconcile_run.  0, or -1 if
 * a signal came first.
 */
int		 lost_replies_resume(struct lost_replies *, struct journal *);
/* The start-up's verdict on key (earlier set). */
void		 lost_replies_earlier(struct lost_replies *, const char *key,
		    struct lost_verdict *);

/*
 * Look for l's task (l->key, l->sent_at and l->arg set): why, code and
 * http say how its reply was lost.  -1, with l untouched, if it cannot be
 * looked for: sent without its tag, or the server has no task list.
 */
int		 lost_replies_add(struct lost_replies *, struct lost_reply *,
		    const char *why, int code, long http);
/* NULL, or why the server has no task list (once a read has found so). */
const char	*lost_replies_no_list(const struct lost_replies *);
size_t		 lost_replies_count(const struct lost_replies *);

/*
 * Stop looking (a signal, a reader gone): the read under way and the next
 * are cancelled, and each reply still lost is then taken off, oldest
 * first, by lost_replies_take (NULL when none is left).
 */
void		 lost_replies_stop(struct lost_replies *);
struct lost_reply *lost_replies_take(struct lost_replies *);

#endif
