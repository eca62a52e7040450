/*
 * The record mj-submit writes for one submission.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "jobs.h"
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
subrecord_job_submit(json_object *submit, const struct submission *sub)
{
	json_object	*expand;

	if (sub->expand_of == 0)
		return;
	json_add_string(submit, "prompt", sub->prompt != NULL ? sub->prompt :
	    "");
	expand = jx_new_object();
	json_add_int(expand, "index", (long long)sub->expand_index);
	json_add_int(expand, "of", (long long)sub->expand_of);
	json_add(submit, "expand", expand);
}

void
subrecord_job(struct record *out, const struct submission *sub)
{
	json_object	*submit;

	if (sub->expand_of == 0)
		return;
	submit = jx_new_object();
	subrecord_job_submit(submit, sub);
	record_set(out, "submit", submit);
}

char *
subrecord_dry_line(const char *in, size_t len, const struct submission *sub)
{
	struct buf	b = BUF_INIT;

	while (len > 0 && in[len - 1] != '}')
		len--;
	if (len < 2)
		return NULL;
	buf_append(&b, in, len - 1);
	if (len > 2)
		buf_appendc(&b, ',');
	buf_appends(&b, "\"submit\":{\"dryRun\":true,\"endpoint\":");
	jobs_json_string(&b, sub->endpoint, strlen(sub->endpoint));
	buf_appends(&b, ",\"body\":");
	buf_appends(&b, sub->body);
	buf_appends(&b, ",\"prompt\":");
	jobs_json_string(&b, sub->prompt != NULL ? sub->prompt : "",
	    sub->prompt != NULL ? strlen(sub->prompt) : 0);
	buf_appendf(&b, ",\"expand\":{\"index\":%lu,\"of\":%lu}}}",
	    sub->expand_index, sub->expand_of);
	return buf_detach(&b, NULL);
}

void
subrecord_dry_run(struct record *out, const struct submission *sub)
{
	json_object	*submit = jx_new_object();

	json_add_bool(submit, "dryRun", 1);
	json_add_string(submit, "endpoint", sub->endpoint);
	json_add(submit, "body", json_raw(sub->body));
	subrecord_job_submit(submit, sub);
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
