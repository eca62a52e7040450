/*
 * The record mj-submit writes for one submission (design.md "mj-submit",
 * mjpipe.7): the input's fields as they came, then ours: the task made,
 * what was sent ("submit"), or an error that says whether sending again
 * is safe.  Kept apart from the sending so that the record's shape can be
 * read, and tested, in one place.
 */
#ifndef MJ_SUBRECORD_H
#define MJ_SUBRECORD_H

#include <json-c/json.h>

#include "record.h"
#include "submission.h"

/*
 * The output record of sub, made from the input record in: its object is
 * taken over (take: the input's only submission) or copied.  A
 * follow-up's record describes the new task, so the parent's files,
 * archive, task and submit do not come along; "parent" says whose it is.
 */
struct record	*subrecord_new(struct record *in, const struct submission *sub,
		    int take);

/*
 * Mark out failed at the submit stage: msg, retryable, and the API's code,
 * the HTTP status and the journal key when they are not 0, 0 or NULL/"".
 */
void		 subrecord_fail(struct record *out, const char *msg,
		    int retryable, int code, long http, const char *key);

/* The task made, {"id","status"}, and submit (taken over). */
void		 subrecord_task(struct record *out, const char *task_id,
		    const char *status, json_object *submit);

/*
 * An expanded job's "prompt" and "expand" {"index","of"} (mj-submit(1),
 * EXPANSION) added to submit, or to out's "submit" (made if need be);
 * nothing for a submission that was not expanded.
 */
void		 subrecord_job_submit(json_object *submit,
		    const struct submission *);
void		 subrecord_job(struct record *out, const struct submission *);

/*
 * What -n writes for an expanded job, as text: in (len bytes) is the
 * input record's text, an object without "submit"; the result is the
 * same bytes as subrecord_new and subrecord_dry_run would give, made
 * without a record (json-c made and freed one per job, a third of -n's
 * time on expanded rows).  The caller frees it.
 */
char		*subrecord_dry_line(const char *in, size_t len,
		    const struct submission *);

/* What -n writes: the endpoint and body that would be sent. */
void		 subrecord_dry_run(struct record *out,
		    const struct submission *);

/*
 * The message for a request whose reply was lost (lost says how) and whose
 * task may exist; why, if not NULL, says why nobody can tell.  Owned.
 */
char		*subrecord_may_exist(const char *lost, const char *why);

#endif
