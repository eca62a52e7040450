/*
 * An action and its modal in one run (design.md, second round): when
 * --modal-prompt or --mask comes with --action (or --remix), an action
 * whose reply opens a modal (code 21, a task in MODAL) is followed at once
 * by /mj/submit/modal for that task.  The modal is a paid submission of
 * its own, journaled under a key derived from the action's, so that a
 * rerun sends neither twice.
 */
#ifndef MJ_MODAL_H
#define MJ_MODAL_H

#include <stddef.h>

#include "journal.h"
#include "submission.h"

/* Do the options complete in this run the modals that actions open? */
int	modal_chained(const struct submit_opts *);

/*
 * Is the modal that task_id waits in, opened by the action of journal key
 * action_key, to be sent now?  fresh: the action's reply just came; a
 * marker that a modal is due is journaled (warned if it cannot be),
 * then the action's task id: 1.  On a rerun (!fresh) only that marker
 * says that the task id the journal has for the action waits in a modal.
 * Without a journal (NULL): 1.
 */
int	modal_due(struct journal *, const char *action_key, const char *task_id,
	    int fresh);

/*
 * Turn the action submission sub, whose reply put task_id in MODAL, into
 * the modal's submission: endpoint and body replaced, the parent kept,
 * the button dropped (the modal is no action: it is neither rebuilt nor
 * refused as stale).  key: NULL, or the action's journal key, replaced by
 * the modal's (derived from it: the same on every rerun).  0, or -1 with
 * err set.
 */
int	modal_follow(const struct submit_opts *, struct submission *sub,
	    const char *task_id, char *key, char *err, size_t errlen);

/*
 * {"id": <the task the modal is for>, "status": "MODAL"}: what a record
 * whose modal failed says, so that the task can still be completed.
 */
json_object *modal_task(const struct submission *modal);

#endif
