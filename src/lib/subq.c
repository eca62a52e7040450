/*
 * mj-submit's submissions, their states and queues, and the records they
 * end in (subq.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "jobs.h"
#include "modal.h"
#include "out.h"
#include "plan.h"
#include "subq.h"
#include "subrecord.h"
#include "xalloc.h"

void
subq_init(struct subq *q, const struct subq_opts *o, struct loop *loop,
    struct http *http, struct journal *journal)
{
	memset(q, 0, sizeof(*q));
	q->opt = *o;
	q->loop = loop;
	q->http = http;
	q->journal = journal;
	congestion_init(&q->cwnd, o->jobs);
	if (journal != NULL)
		q->ordinals = table_new();
	TAILQ_INIT(&q->ready);
	TAILQ_INIT(&q->waiting);
	TAILQ_INIT(&q->running);
}

void
subq_clear(struct subq *q)
{
	table_free(q->ordinals);
	q->ordinals = NULL;
	free(q->stop_msg);
	q->stop_msg = NULL;
}

/* The queue of a state, or NULL for those kept on none. */
static struct sub_queue *
queue_of(struct subq *q, enum sub_state state)
{
	switch (state) {
	case SUB_READY:
		return &q->ready;
	case SUB_BACKOFF:
	case SUB_PARENT_FETCH:
	case SUB_PARENT_WAIT:
		return &q->waiting;
	case SUB_IN_FLIGHT:
		return &q->running;
	default:
		return NULL;
	}
}

void
sub_to(struct subq *q, struct sub *s, enum sub_state state)
{
	struct sub_queue	*from = queue_of(q, s->state);
	struct sub_queue	*to = queue_of(q, state);

	if (from != NULL)
		TAILQ_REMOVE(from, s, link);
	q->n[s->state]--;
	s->state = state;
	q->n[state]++;
	if (to != NULL)
		TAILQ_INSERT_TAIL(to, s, link);
}

size_t
subq_count(const struct subq *q, enum sub_state state)
{
	return q->n[state];
}

size_t
subq_pending(const struct subq *q)
{
	return q->n[SUB_READY] + q->n[SUB_BACKOFF] + q->n[SUB_PARENT_FETCH] +
	    q->n[SUB_PARENT_WAIT] + q->n[SUB_IN_FLIGHT] +
	    lost_replies_count(q->lost);
}

struct subitem *
subitem_new(struct subq *q, struct record *r, struct submission *subs,
    size_t n)
{
	struct subitem	*it = xcalloc(1, sizeof(*it));
	size_t		 i;

	it->q = q;
	it->rec = r;
	it->subs = subs;
	it->nsubs = it->left = n;
	it->s = xcalloc(n, sizeof(*it->s));
	for (i = 0; i < n; i++) {
		it->s[i].item = it;
		it->s[i].i = i;
		it->s[i].state = SUB_NEW;
		it->s[i].lost.key = it->s[i].key;
		it->s[i].lost.arg = &it->s[i];
	}
	q->n[SUB_NEW] += n;
	return it;
}

void
subitem_free(struct subitem *it)
{
	record_free(it->rec);
	free(it->dry_text);
	parent_fetch_clear(&it->parent);
	submission_free_all(it->subs, it->nsubs);
	free(it->s);
	free(it);
}

void
subq_write(struct subq *q, struct record *r)
{
	if (q->out_closed)
		return;
	metrics_add(q->metrics, METRIC_RECORDS_OUT, record_is_error(r) ?
	    "error" : "ok", 1);
	if (out_record(r) == -1) {
		q->out_closed = 1;
		q->status = MJ_EXIT_FAILED;
		if (!q->stopping) {
			q->stopping = 1;
			q->drain_until = loop_now() + SUBQ_DRAIN_MS;
		}
	}
}

void
subq_failed(struct subq *q)
{
	q->failed++;
	q->status = MJ_EXIT_FAILED;
}

/* The output record of one submission (subrecord.h). */
static struct record *
sub_record(const struct sub *s)
{
	struct subitem	*it = s->item;

	/* a dry run writes an item's records one after the other, each
	 * whole before the next is made, so they can share the input's
	 * object: copying it for each job of an expanded row was 4% of -n */
	return subrecord_new(it->rec, &it->subs[s->i], it->nsubs == 1 ||
	    it->q->opt.dry_run);
}

/* Write out s's record; the item goes with its last submission. */
static void
sub_finish(struct subq *q, struct sub *s, struct record *out, int failed)
{
	struct subitem	*it = s->item;

	free(s->lost.why);
	s->lost.why = NULL;
	sub_to(q, s, SUB_DONE);
	subq_write(q, out);
	record_free(out);
	if (failed)
		subq_failed(q);
	else
		q->done++;
	if (--it->left == 0)
		subitem_free(it);
}

void
sub_fail_say(struct subq *q, struct sub *s, const char *msg, int retryable,
    int code, long http, int say)
{
	struct record	*out = sub_record(s);

	if (s->step == SUB_STEP_MODAL)	/* the task still waits in its modal */
		record_set(out, "task", modal_task(&s->item->subs[s->i]));
	subrecord_fail(out, msg, retryable, code, http,
	    q->journal != NULL ? s->key : NULL);
	subrecord_job(out, &s->item->subs[s->i]);
	if (q->out_closed || !say)
		;	/* a reader that is gone wants no more words */
	else if (s->item->rec->line > 0)
		diag_error("line %ld: %s", s->item->rec->line, msg);
	else
		diag_error("%s", msg);
	sub_finish(q, s, out, 1);
}

void
sub_fail(struct subq *q, struct sub *s, const char *msg, int retryable,
    int code, long http)
{
	sub_fail_say(q, s, msg, retryable, code, http, 1);
}

const char *
sub_kind(const struct sub *s)
{
	return s->step == SUB_STEP_MODAL ? "modal" :
	    jobs_kind(&s->item->subs[s->i]);
}

/* The plan counts a job this run submitted, or would under -n. */
static void
sub_count(struct subq *q, const struct sub *s)
{
	plan_job(q->opt.plan, sub_kind(s), q->opt.mode);
}

void
sub_succeed(struct subq *q, struct sub *s, const char *task_id,
    const char *status, json_object *submit)
{
	struct record	*out = sub_record(s);

	/* a task of an earlier run's was paid for then */
	if (!json_object_object_get_ex(submit, "resumed", NULL))
		sub_count(q, s);

	subrecord_task(out, task_id, status, submit);
	sub_finish(q, s, out, 0);
}

/*
 * -n's record of an expanded job, made as text (subrecord_dry_line) from
 * the input's text, serialized once for all the row's jobs; NULL when
 * the input has a "submit" of its own, whose place json-c keeps.
 */
static struct record *
dry_line(struct sub *s)
{
	struct subitem	*it = s->item;
	struct record	*out = NULL;
	char		*line;

	if (it->subs[s->i].expand_of == 0 || record_get(it->rec, "submit"))
		return NULL;
	if (it->dry_text == NULL)
		it->dry_text = xstrdup(record_serialize(it->rec, NULL));
	line = subrecord_dry_line(it->dry_text, strlen(it->dry_text),
	    &it->subs[s->i]);
	if (line != NULL)
		out = record_new(json_raw(line), it->rec->line);
	free(line);
	return out;
}

void
sub_dry_run(struct subq *q, struct sub *s)
{
	struct record	*out;

	if ((out = dry_line(s)) != NULL) {
		sub_count(q, s);
		sub_finish(q, s, out, 0);
		return;
	}
	out = sub_record(s);
	subrecord_dry_run(out, &s->item->subs[s->i]);
	sub_count(q, s);
	sub_finish(q, s, out, 0);
}

void
sub_may_exist(struct subq *q, struct sub *s, const char *lost,
    const char *why, int code, long http)
{
	char	*msg = subrecord_may_exist(lost, why);

	sub_count(q, s);	/* it may have been paid for */
	sub_fail(q, s, msg, 0, code, http);
	free(msg);
}

void
sub_journal_failed(struct subq *q, struct sub *s)
{
	char	*msg;

	msg = xasprintf("journal %s: %s; not submitted", q->opt.journal_path,
	    journal_error(q->journal));
	sub_fail(q, s, msg, 1, 0, 0);
	free(msg);
}

void
sub_refused(struct subq *q, struct sub *s)
{
	if (q->journal != NULL && journal_refused(q->journal, s->key) == -1)
		diag_warn("journal %s: %s", q->opt.journal_path,
		    journal_error(q->journal));
	if (q->started > 0)
		q->started--;	/* a refusal costs nothing */
	q->spent -= s->cost;
	s->cost = 0;
}

json_object *
sub_outcome(const struct sub *s, const struct api_reply *rep)
{
	json_object	*submit;

	submit = submission_outcome(s->item->subs[s->i].endpoint, rep);
	subrecord_job_submit(submit, &s->item->subs[s->i]);
	return submit;
}

/*
 * The account is refused: what waits for a backoff, and what waits for
 * its turn under --rate (never sent), go back to READY, where
 * subrun_start fails them.  What is on the wire finishes normally.
 */
static void
hold_back(struct subq *q)
{
	struct sub	*w, *next;

	for (w = TAILQ_FIRST(&q->waiting); w != NULL; w = next) {
		next = TAILQ_NEXT(w, link);
		if (w->state != SUB_BACKOFF)
			continue;	/* a parent read: it returns */
		loop_timer_cancel(q->loop, w->timer);
		w->timer = NULL;
		sub_to(q, w, SUB_READY);
	}
	for (w = TAILQ_FIRST(&q->running); w != NULL; w = next) {
		next = TAILQ_NEXT(w, link);
		if (!http_never_sent(w->req))
			continue;
		http_request_free(w->req);
		w->req = NULL;
		sub_refused(q, w);
		sub_to(q, w, SUB_READY);
	}
}

void
subq_stop_run(struct subq *q, struct sub *s, const char *record_msg,
    const char *advice, int code, long http)
{
	if (s != NULL)
		sub_refused(q, s);
	if (q->stop_msg == NULL) {
		q->stop_msg = xstrdup(record_msg);
		diag_error("%s", advice);
		hold_back(q);
	}
	if (s != NULL)
		sub_fail_say(q, s, record_msg, 1, code, http, 0);
}
