/*
 * Settling what an earlier run of mj-submit left unanswered.  A request
 * whose reply was lost may or may not have created a paid task.  With a
 * journal, mj-submit sends each request with a state tag unique to it
 * (journal_tag); on the next run the server's task list (GET
 * /mj/task/list, which midjourney-proxy servers have) is read once, as a
 * stream, and each unanswered key gets a verdict: its task is there (the
 * id is taken over), or the list proves it was never created (it may be
 * sent), or nobody can tell (it stays "may exist").
 */
#ifndef MJ_RECONCILE_H
#define MJ_RECONCILE_H

#include <stddef.h>

#include "config.h"
#include "http.h"
#include "journal.h"
#include "loop.h"

/* A task list read this long after a request may have lost its task. */
#define RECONCILE_MAX_AGE_S	(7 * 24 * 3600)
/* Elements of the list longer than this make it unreadable. */
#define RECONCILE_TASK_MAX	(1024 * 1024)

enum recon_verdict {
	RECON_FOUND,	/* the list has a task with the key's tag */
	RECON_ABSENT,	/* the list was read whole and has none */
	RECON_UNKNOWN	/* no list, no tag, or too old to tell */
};

struct reconcile;

/* An empty set of keys to look for. */
struct reconcile *reconcile_new(void);
void		 reconcile_free(struct reconcile *);
/* Look for the tag of key, sent at sent_at (Unix seconds). */
void		 reconcile_add(struct reconcile *, const char *key,
		    long long sent_at);
/* Look for every key the journal (borrowed) has as tagged and unanswered. */
void		 reconcile_add_journal(struct reconcile *, struct journal *);

/*
 * Read the list (in the background: done(arg) runs in a later loop turn
 * once it is read or has failed).  Lists that come back unreadable (a
 * gateway's error page in a 200) are asked for again a few times.
 */
void		 reconcile_start(struct reconcile *, struct http *,
		    const struct config *, void (*done)(void *), void *arg);
/* Stop a reading started; done is not called (tested alone). */
void		 reconcile_cancel(struct reconcile *);
/* Did the server say it has no task list (404, 405)?  NULL if not, else
 * why, as a verdict says it (owned by the reconcile). */
const char	*reconcile_no_list(const struct reconcile *);

/*
 * At start-up: wait until the newest key is settle_s seconds old (a
 * server may record a task a moment after a reply was lost), then read
 * the list, turning the loop.  0, or -1 if a signal came first.  Does
 * nothing when nothing is wanted.
 */
int		 reconcile_run(struct reconcile *, struct loop *, struct http *,
		    const struct config *, long long settle_s);

/*
 * The verdict for a key added; for RECON_FOUND *task_id is set, for
 * RECON_UNKNOWN *why (both borrowed, valid until reconcile_free).
 */
enum recon_verdict reconcile_verdict(struct reconcile *, const char *key,
		    const char **task_id, const char **why);

/* Was the task found for key waiting in a modal (status MODAL)? */
int		 reconcile_in_modal(struct reconcile *, const char *key);

#endif
