/*
 * The record mj-submit writes for one submission.
 */
#include <stdlib.h>

#include "jsonx.h"
#include "subrecord.h"
#include "xalloc.h"

struct record *
subrecord_new(struct record *in, const struct submission *sub, int take)
{
	json_object	*copy = NULL;

	/* a record's only submission: the item goes with it, so its object
	 * is taken over rather than copied (the copy was 6% of -n) */
	if (take)
		copy = json_object_get(in->obj);
	else if (json_object_deep_copy(in->obj, &copy, NULL) != 0)
		xalloc_oom();
	if (sub->parent != NULL) {
		json_object_object_del(copy, "files");
		json_object_object_del(copy, "archive");
		json_object_object_del(copy, "task");
		json_object_object_del(copy, "submit");
		json_add(copy, "parent", json_object_get(sub->parent));
	}
	return record_new(copy, in->line);
}

void
subrecord_fail(struct record *out, const char *msg, int retryable, int code,
    long http, const char *key)
{
	json_object	*err;

	err = record_set_error(out, "submit", msg, retryable);
	if (code != 0)
		json_add_int(err, "code", code);
	if (http != 0)
		json_add_int(err, "http", http);
	if (key != NULL && *key != '\0')
		json_add_string(err, "key", key);
}

void
subrecord_task(struct record *out, const char *task_id, const char *status,
    json_object *submit)
{
	json_object	*task = jx_new_object();

	json_add_string(task, "id", task_id);
	json_add_string(task, "status", status);
	record_set(out, "task", task);
	record_set(out, "submit", submit);
}

void
subrecord_dry_run(struct record *out, const struct submission *sub)
{
	json_object	*submit = jx_new_object();

	json_add_bool(submit, "dryRun", 1);
	json_add_string(submit, "endpoint", sub->endpoint);
	json_add(submit, "body", json_raw(sub->body));
	record_set(out, "submit", submit);
}

char *
subrecord_may_exist(const char *lost, const char *why)
{
	return xasprintf("%s; the task may exist%s%s%s: check before "
	    "submitting again (or use --retry-unsafe)", lost,
	    why != NULL ? " (" : "", why != NULL ? why : "",
	    why != NULL ? ")" : "");
}
