/*
 * Following an action with its modal: the submission's change of skin and
 * the journal keys that make the pair safe to rerun.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "jsonstrict.h"
#include "jsonx.h"
#include "modal.h"
#include "record.h"

int
modal_chained(const struct submit_opts *o)
{
	return o->kind == SUBMIT_ACTION &&
	    (o->modal_prompt != NULL || o->mask_file != NULL);
}

json_object *
modal_task(const struct submission *modal)
{
	struct jsonstrict_error	 err;
	json_object		*body, *t;
	const char		*id;

	/* out of memory, jsonstrict exits: the task id is never lost */
	body = jsonstrict_parse(modal->body, strlen(modal->body), &err);
	id = json_get_string(body, "taskId");

	t = jx_new_object();
	json_add_string(t, "id", id != NULL ? id : "");
	json_add_string(t, "status", "MODAL");
	json_object_put(body);
	return t;
}

int
modal_due(struct journal *j, const char *action_key, const char *task_id,
    int fresh)
{
	char	wait[JOURNAL_KEY_LEN + 1];

	if (j == NULL)
		return 1;
	journal_key("modal-wait", "", action_key, 0, wait);
	if (!fresh)
		return journal_lookup(j, wait, NULL) == JOURNAL_DONE;
	/* the marker first: a rerun that finds the action's task id then
	 * knows that it waits in a modal */
	if (journal_done(j, wait, task_id) == -1 ||
	    journal_done(j, action_key, task_id) == -1)
		diag_warn("journal: %s (task %s)", journal_error(j), task_id);
	return 1;
}

int
modal_follow(const struct submit_opts *o, struct submission *sub,
    const char *task_id, char *key, char *err, size_t errlen)
{
	struct submission	modal;
	char			action_key[JOURNAL_KEY_LEN + 1];

	if (submission_modal(o, task_id, &modal, err, errlen) == -1)
		return -1;
	free(sub->body);
	free(sub->button);
	sub->endpoint = modal.endpoint;
	sub->body = modal.body;
	sub->button = NULL;
	if (key != NULL) {
		/* the body names the MODAL task and holds the prompt and the
		 * mask: the same action, prompt and mask, the same key */
		memcpy(action_key, key, sizeof(action_key));
		journal_key(sub->endpoint, sub->body, action_key, 0, key);
	}
	return 0;
}
