/*
 * The life of mj-submit's submissions (subrun.h): each moves between the
 * states of subq.h, and every money decision is verdict_of's.  The rules
 * (design.md "Never pay twice"): a request whose reply was lost is never
 * sent again on our own, and the journal is written (and synced) before
 * each send and after each reply.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "backoff.h"
#include "diag.h"
#include "jobs.h"
#include "modal.h"
#include "plan.h"
#include "prices.h"
#include "subrecord.h"
#include "subrun.h"
#include "verdict.h"
#include "xalloc.h"

#define REFUSED_MAX	100	/* queue-full retries of one submission */
#define RESENDS_MAX	5	/* resends the task list showed lost */

static void	sub_ready(struct subq *, struct sub *);

/*
 * An action's reply opened a modal (task_id in MODAL): with --modal-prompt
 * or --mask, s goes on as the modal, a paid submission with a journal key
 * of its own.  fresh: the reply just came, and the marker that a modal is
 * due is journaled before the action's task id; on a rerun the marker
 * alone says so.  1 if s was taken.
 */
static int
modal_next(struct subq *q, struct sub *s, const char *task_id, int fresh)
{
	struct submission	*sub = &s->item->subs[s->i];
	char			 err[512];

	if (s->step == SUB_STEP_MODAL || sub->button == NULL ||
	    !modal_chained(q->opt.so) ||
	    !modal_due(q->journal, s->key, task_id, fresh))
		return 0;
	s->step = SUB_STEP_MODAL;
	s->cost = 0;	/* the modal is paid for on its own */
	s->refusals = s->resends = 0;
	if (modal_follow(q->opt.so, sub, task_id, q->journal != NULL ? s->key :
	    NULL, err, sizeof(err)) == -1)
		sub_fail(q, s, err, 0, 0, 0);
	else
		sub_ready(q, s);
	return 1;
}

/* The task of s is known: the journal keeps it. */
static void
journal_task(struct subq *q, struct sub *s, const char *task_id)
{
	if (journal_done(q->journal, s->key, task_id) == -1)
		diag_warn("journal %s: %s (task %s)", q->opt.journal_path,
		    journal_error(q->journal), task_id);
}

/*
 * Act on what the server's task list says of a request whose reply was
 * lost (lostreply.h), in this run or an earlier one; lost says how, for
 * the record.  s is written out, or made ready again.
 */
static void
settle_lost(void *arg, const char *lost, const struct lost_verdict *v)
{
	struct sub	*s = arg;
	struct subq	*q = s->item->q;
	json_object	*submit;
	char		*msg;

	switch (v->verdict) {
	case RECON_FOUND:
		journal_task(q, s, v->task_id);
		/* the list shows a task still in its modal: the modal is due */
		if (modal_next(q, s, v->task_id, v->in_modal))
			return;
		submit = sub_outcome(s, NULL);
		if (v->earlier)
			json_add_bool(submit, "resumed", 1);
		json_add_bool(submit, "reconciled", 1);
		sub_succeed(q, s, v->task_id, "SUBMITTED", submit);
		return;
	case RECON_ABSENT:
		/* the list was read whole: that request created nothing */
		if (journal_refused(q->journal, s->key) == -1) {
			sub_journal_failed(q, s);
			return;
		}
		if (++s->resends > RESENDS_MAX) {
			msg = xasprintf("%s; sent %d times, and the server's "
			    "task list shows that none created a task",
			    lost, s->resends);
			sub_fail(q, s, msg, 1, 0, 0);
			free(msg);
			return;
		}
		diag_info(1, "line %ld: the task list shows no task for a "
		    "request whose reply was lost; sending it again",
		    s->item->rec->line);
		sub_to(q, s, SUB_READY);
		return;
	case RECON_UNKNOWN:
		break;
	}
	if (q->opt.retry_unsafe)
		sub_to(q, s, SUB_READY);
	else
		sub_may_exist(q, s, lost, v->why, s->lost.code, s->lost.http);
}

/* Why the server's task list cannot tell whether s made a task. */
static const char *
unfindable(const struct subq *q, const struct sub *s)
{
	if (q->journal == NULL)
		return "no --journal: nothing tagged the request to find its "
		    "task by";
	if (s->lost.sent_at == 0)
		return "sent without mjpipe's state tag: a state of its own, "
		    "or a modal's";
	return lost_replies_no_list(q->lost);
}

/*
 * A reply lost after the request was sent: the task may exist.  A request
 * sent with its tag is looked for in the server's task list later in this
 * run; otherwise the record says that it may exist, and why.
 */
static void
sub_lost(struct subq *q, struct sub *s, const char *msg, int code, long http)
{
	if (q->stopping || q->out_closed) {
		sub_may_exist(q, s, msg, NULL, code, http);
		return;
	}
	if (lost_replies_add(q->lost, &s->lost, msg, code, http) == -1) {
		sub_may_exist(q, s, msg, unfindable(q, s), code, http);
		return;
	}
	sub_to(q, s, SUB_LOST);
	diag_info(1, "line %ld: %s; looking for its task in %llds",
	    s->item->rec->line, msg, q->opt.settle_s);
}

/* Decide, before anything is sent, what the journal says about s. */
static void
sub_ready(struct subq *q, struct sub *s)
{
	const char		*task_id = NULL;
	json_object		*submit;
	struct lost_verdict	 v;

	if (q->journal == NULL) {
		sub_to(q, s, SUB_READY);
		return;
	}
	if (s->step != SUB_STEP_MODAL)	/* modal_next gave the modal its key */
		submission_key(&s->item->subs[s->i], s->item->rec, q->ordinals,
		    s->key);
	switch (journal_lookup(q->journal, s->key, &task_id)) {
	case JOURNAL_DONE:
		if (modal_next(q, s, task_id, 0))
			return;
		submit = sub_outcome(s, NULL);
		json_add_bool(submit, "resumed", 1);
		sub_succeed(q, s, task_id, "SUBMITTED", submit);
		return;
	case JOURNAL_SENT:
		lost_replies_earlier(q->lost, s->key, &v);
		settle_lost(s, "an earlier run sent this request and got no "
		    "reply", &v);
		return;
	default:
		break;
	}
	sub_to(q, s, SUB_READY);
}

static void
retry_timer(void *arg)
{
	struct sub	*s = arg;

	s->timer = NULL;
	sub_to(s->item->q, s, SUB_READY);
}

/* Queue full: a refusal, safe to send again after a while. */
static void
queue_full(struct subq *q, struct sub *s, const struct api_reply *rep)
{
	long		 base = (long)http_backoff_base(q->http), delay;

	sub_refused(q, s);
	if (q->stop_msg != NULL) {
		sub_to(q, s, SUB_READY);	/* subrun_start says why */
		return;
	}
	if (++s->refusals > REFUSED_MAX || q->stopping) {
		sub_fail(q, s, rep->description[0] != '\0' ? rep->description :
		    "the server's queue is full", 1, rep->code, 0);
		return;
	}
	/* the server's queue drains at its pace: up to 32 times the base */
	delay = backoff_full_jitter_ms((unsigned)(s->refusals - 1), base,
	    base * 32);
	if (congestion_full(&q->cwnd, s->epoch, loop_now(), delay))
		diag_info(1, "queue full: nothing sent for %ld ms, then up to "
		    "%lu at once", delay, congestion_room(&q->cwnd));
	diag_info(1, "line %ld: queue full; trying again in %ld ms",
	    s->item->rec->line, delay);
	sub_to(q, s, SUB_BACKOFF);
	metrics_add(q->metrics, METRIC_RETRIES, NULL, 1);
	s->timer = loop_timer_at(q->loop, loop_now() + delay, retry_timer, s);
}

/*
 * The parent as read again after a stale refusal: every submission of
 * the record that waited for it is made ready, and is rebuilt from it
 * when sent.
 */
static void
parent_fetched(void *arg, int ok)
{
	struct sub	*s = arg, *o;
	struct subitem	*it = s->item;
	struct subq	*q = it->q;
	size_t		 i;

	s->req = NULL;
	it->left++;	/* hold the item while its submissions move */
	for (i = 0; i < it->nsubs; i++) {
		o = &it->s[i];
		if (o != s && o->state != SUB_PARENT_WAIT)
			continue;
		if (!ok)
			sub_fail(q, o, "the customId was refused as stale and "
			    "the parent task could not be fetched again", 0,
			    API_CODE_INVALID, 0);
		else
			sub_to(q, o, SUB_READY);
	}
	if (--it->left == 0)
		subitem_free(it);
}

/*
 * A stale customId (code 4 on an action): resend, wait for the parent's
 * read under way, or read it again (parentfetch.h).  0 if the refusal
 * stands.  Stopping, none of these: a rerun reads the parent again.
 */
static int
stale_refusal(struct subq *q, struct sub *s, const struct verdict_out *v,
    const struct api_reply *rep)
{
	struct submission	*sub = &s->item->subs[s->i];
	struct subitem		*it = s->item;
	const char		*id;
	char			*msg;
	enum parent_step	 step;

	if (sub->button == NULL ||
	    (id = json_get_string(sub->parent, "id")) == NULL ||
	    (step = parent_fetch_step(&it->parent, s->gen, s->refetched)) ==
	    PARENT_REFUSED)
		return 0;
	if (q->stopping) {
		sub_refused(q, s);
		msg = xasprintf("%s; interrupted before the parent task was "
		    "read again", rep->description[0] != '\0' ?
		    rep->description : "the customId was refused as stale");
		sub_fail(q, s, msg, 1, v->code, v->http);
		free(msg);
		return 1;
	}
	switch (step) {
	case PARENT_NEWER:
		sub_refused(q, s);
		sub_to(q, s, SUB_READY);
		return 1;
	case PARENT_WAIT:
		sub_refused(q, s);
		sub_to(q, s, SUB_PARENT_WAIT);
		return 1;
	case PARENT_FETCH:
	case PARENT_REFUSED:	/* returned above */
		break;
	}
	s->refetched = 1;
	sub_refused(q, s);
	sub_to(q, s, SUB_PARENT_FETCH);
	diag_info(1, "line %ld: customId refused; fetching task %s again",
	    it->rec->line, id);
	s->req = parent_fetch_start(&it->parent, q->http, q->opt.cfg, id,
	    parent_fetched, s);
	return 1;
}

/* The account is refused: a spent quota, a refused key. */
static void
account_stop(struct subq *q, struct sub *s, enum account_refusal why,
    long http, int code)
{
	char	*advice = account_advice(why, http);

	if (q->refused == ACCOUNT_OK)
		q->refused = why;
	subq_stop_run(q, s, account_record_message(why), advice, code, http);
	free(advice);
}

/* The untrusted certificate or the proxy would refuse every one. */
static void
trust_stop(struct subq *q, struct sub *s, const struct http_request *r)
{
	char	*msg = xasprintf("not submitted: %s", r->error);
	char	*advice = xasprintf("%s: nothing more is sent; fix the trust "
	    "store (CURL_CA_BUNDLE, SSL_CERT_FILE) or the proxy, then run "
	    "the same command again", r->error);

	subq_stop_run(q, s, msg, advice, 0, r->status);
	free(advice);
	free(msg);
}

/* Refused, nothing created: the record says so, and whether to retry. */
static void
refused(struct subq *q, struct sub *s, const struct verdict_out *v,
    const struct http_request *r, const struct api_reply *rep)
{
	char	*msg;

	sub_refused(q, s);
	if (v->why == WHY_NO_PARENT) {
		msg = rep->description[0] != '\0' ? xasprintf("no such parent "
		    "task: %s", rep->description) :
		    xstrdup("no such parent task");
		sub_fail(q, s, msg, 0, v->code, v->http);
		free(msg);
		return;
	}
	if (r->verdict == RETRY_NONE) {
		sub_fail(q, s, rep->description[0] != '\0' ? rep->description :
		    "refused", v->verdict == VERDICT_REFUSED_RETRYABLE,
		    v->code, v->http);
		return;
	}
	msg = xasprintf("not submitted: %s", r->error);
	sub_fail(q, s, msg, v->verdict == VERDICT_REFUSED_RETRYABLE, v->code,
	    v->http);
	free(msg);
}

/* A task may exist: look for it (sub_lost), saying how its reply went. */
static void
may_exist(struct subq *q, struct sub *s, const struct verdict_out *v,
    const struct http_request *r, const struct api_reply *rep,
    const char *err)
{
	char	*msg;

	switch (v->why) {
	case WHY_UNREADABLE:
		msg = xasprintf("unreadable reply (%s)", err);
		break;
	case WHY_NO_TASK_ID:
		msg = xstrdup("the reply has no task id");
		break;
	case WHY_UNKNOWN_CODE:
		msg = xasprintf("%s (code %d)", rep->description[0] != '\0' ?
		    rep->description : "failed", rep->code);
		break;
	default:
		msg = xasprintf("%s after the request was sent", r->error);
		break;
	}
	sub_lost(q, s, msg, v->code, v->http);
	free(msg);
}

/* A task was created: journal it and write s out, or follow its modal. */
static void
succeeded(struct subq *q, struct sub *s, const struct verdict_out *v,
    const struct api_reply *rep)
{
	if (v->code == API_CODE_EXISTS && modal_next(q, s, rep->result, 1))
		return;
	congestion_accepted(&q->cwnd);
	if (q->journal != NULL)
		journal_task(q, s, rep->result);
	sub_succeed(q, s, rep->result, v->status, sub_outcome(s, rep));
}

/*
 * Old novicezk servers answer an action done before with code 21 and the
 * task it made then: that task is s's, nothing new was made or paid for,
 * and no modal follows a finished task.
 */
static void
exists(struct subq *q, struct sub *s, const struct verdict_out *v,
    const struct api_reply *rep)
{
	json_object	*submit = sub_outcome(s, rep);

	if (q->started > 0)
		q->started--;	/* nothing new was made */
	if (q->journal != NULL)
		journal_task(q, s, rep->result);
	json_add_bool(submit, "existing", 1);
	sub_succeed(q, s, rep->result, v->status, submit);
}

/* Act on the verdict on s's answer; rep is NULL unless an envelope came. */
static void
act(struct subq *q, struct sub *s, const struct verdict_out *v,
    const struct http_request *r, const struct api_reply *rep,
    const char *err)
{
	if (v->accepted)
		q->accepted = 1;
	switch (v->verdict) {
	case VERDICT_SUCCEEDED:
		succeeded(q, s, v, rep);
		return;
	case VERDICT_EXISTS:
		exists(q, s, v, rep);
		return;
	case VERDICT_RETRY_BACKOFF:
		queue_full(q, s, rep);
		return;
	case VERDICT_STALE:
		if (stale_refusal(q, s, v, rep))
			return;
		/* the refusal stands */
		/* FALLTHROUGH */
	case VERDICT_REFUSED_FINAL:
	case VERDICT_REFUSED_RETRYABLE:
		refused(q, s, v, r, rep);
		return;
	case VERDICT_MAY_EXIST:
		may_exist(q, s, v, r, rep, err);
		return;
	case VERDICT_STOP_ACCOUNT:
		account_stop(q, s, v->account, v->http, v->code);
		return;
	case VERDICT_STOP_TRUST:
		trust_stop(q, s, r);
		return;
	}
}

/* The envelope's part of the facts. */
static void
envelope_facts(const struct api_reply *rep, struct verdict_in *in)
{
	in->envelope = 1;
	in->early = rep->early;
	in->code = rep->code;
	in->has_task = rep->result != NULL;
	in->text = rep->description;
	in->prop_status = json_get_string(rep->properties, "status");
}

/* The facts of r's answer for verdict_of; rep filled if it is one. */
static int
answer_facts(const struct sub *s, const struct http_request *r,
    struct verdict_in *in, struct api_reply *rep, char *err, size_t errlen)
{
	const struct submission	*sub = &s->item->subs[s->i];

	memset(in, 0, sizeof(*in));
	in->transfer = r->verdict;
	in->http = r->status;
	in->has_parent = sub->parent != NULL ||
	    strcmp(sub->endpoint, "/mj/submit/modal") == 0;
	err[0] = '\0';
	if (r->verdict != RETRY_NONE) {
		in->account = account_http(r->status, r->reply.data,
		    r->reply.len);
		in->created_nothing = http_created_nothing(r);
		in->lasts = http_refusal_lasts(r->curl_result, r->status,
		    r->connect_status);
		/* trueai-org's 404 for a parent that does not exist */
		if (r->status != 404 || api_parse_reply(r->reply.data,
		    r->reply.len, rep, err, errlen) == -1)
			return 0;
		envelope_facts(rep, in);
		return 1;
	}
	if (api_parse_reply(r->reply.data, r->reply.len, rep, err,
	    errlen) == -1) {
		in->account = account_body(r->reply.data, r->reply.len);
		return 0;
	}
	envelope_facts(rep, in);
	in->account = account_reply(rep);
	return 1;
}

/* --metrics: the answer's API code ("none" without one), the resends. */
static void
count_answer(struct subq *q, const struct http_request *r,
    const struct api_reply *rep)
{
	char	code[24];

	if (rep != NULL)
		(void)snprintf(code, sizeof(code), "%d", rep->code);
	metrics_add(q->metrics, METRIC_SUBMISSIONS, rep != NULL ? code :
	    "none", 1);
	if (r->attempts > 1)
		metrics_add(q->metrics, METRIC_RETRIES, NULL, r->attempts - 1);
}

/* The answer to s's request (on_done): s leaves SUB_IN_FLIGHT. */
static void
sub_done(struct http_request *r)
{
	struct sub		*s = r->arg;
	struct subq		*q = s->item->q;
	struct verdict_in	 in;
	struct verdict_out	 v;
	struct api_reply	 rep;
	char			 err[512];
	int			 envelope;

	s->req = NULL;
	envelope = answer_facts(s, r, &in, &rep, err, sizeof(err));
	count_answer(q, r, envelope ? &rep : NULL);
	verdict_of(&in, &v);
	diag_info(2, "line %ld: HTTP %ld, code %d: %s", s->item->rec->line,
	    r->status, in.code, verdict_name(v.verdict));
	act(q, s, &v, r, envelope ? &rep : NULL, err);
	if (envelope)
		api_reply_free(&rep);
	http_request_free(r);
}

static void
sub_send(struct subq *q, struct sub *s)
{
	struct submission	*sub = &s->item->subs[s->i];
	struct parent_fetch	*parent = &s->item->parent;
	struct http_request	*r;
	char			 err[512], tag[JOURNAL_TAG_LEN + 1];
	char			*body = NULL;

	if (parent->fresh != NULL && s->gen != parent->gen &&
	    s->step != SUB_STEP_MODAL) {
		if (submission_rebuild_action(q->opt.so, parent->fresh, sub,
		    err, sizeof(err)) == -1) {
			sub_fail(q, s, err, 0, API_CODE_INVALID, 0);
			return;
		}
		s->gen = parent->gen;
	}
	if (q->journal != NULL) {
		/* the tag lets a later run find a task whose reply is lost */
		journal_tag(s->key, tag);
		/* a modal's task keeps its action's state: no tag to find */
		body = strcmp(sub->endpoint, "/mj/submit/modal") != 0 ?
		    submission_tagged_body(sub->body, tag) : NULL;
		s->lost.sent_at = body != NULL ? (long long)time(NULL) : 0;
		if (journal_sent(q->journal, s->key, s->lost.sent_at) == -1) {
			free(body);
			sub_journal_failed(q, s);
			return;
		}
	}
	q->started++;
	s->epoch = congestion_epoch(&q->cwnd);
	sub_to(q, s, SUB_IN_FLIGHT);
	r = http_request_new(HTTP_SUBMIT, config_url(q->opt.cfg,
	    sub->endpoint), upload_apply(q->upload, body != NULL ? body :
	    xstrdup(sub->body)));
	r->auth = 1;
	r->retry_ambiguous = q->opt.retry_unsafe;
	r->on_done = sub_done;
	r->arg = s;
	s->req = r;
	http_start(q->http, r);
}

void
subrun_init(struct subq *q, const struct subq_opts *o, struct loop *loop,
    struct http *http, struct journal *journal)
{
	subq_init(q, o, loop, http, journal);
	q->lost = lost_replies_new(loop, http, o->cfg, o->settle_s,
	    settle_lost);
}

void
subrun_free(struct subq *q)
{
	lost_replies_free(q->lost);
	q->lost = NULL;
	subq_clear(q);
}

int
subrun_resume(struct subq *q)
{
	return q->journal != NULL ? lost_replies_resume(q->lost, q->journal) :
	    0;
}

void
subrun_add(struct subq *q, struct record *r, struct submission *subs,
    size_t n)
{
	struct subitem	*it = subitem_new(q, r, subs, n);
	size_t		 i;

	/* sub_ready may write out (and free) the item: n counted first */
	for (i = 0; i < n; i++) {
		if (q->opt.dry_run)
			sub_dry_run(q, &it->s[i]);
		else
			sub_ready(q, &it->s[i]);
	}
}

/*
 * --max-cost: 0 to send s now, its price counted; 1 if s was written out
 * unsent (over the budget, or without a price); -1 to wait, when a
 * request on the wire may yet be refused and give its share back.
 */
static int
budget(struct subq *q, struct sub *s)
{
	const char	*kind = sub_kind(s);
	char		*msg, max[PRICE_TEXT_MAX], spent[PRICE_TEXT_MAX];
	int64_t		 price;

	/* counted already: sent again once the task list proved the first
	 * request made nothing */
	if (q->opt.max_cost < 0 || s->cost > 0)
		return 0;
	if (plan_price(q->opt.plan, kind, q->opt.mode, &price) == -1) {
		msg = xasprintf("not submitted: no price for %s %s in the "
		    "--prices table, under --max-cost", kind, q->opt.mode);
	} else if (q->spent + price > q->opt.max_cost) {
		if (q->n[SUB_IN_FLIGHT] > 0)
			return -1;	/* a refusal may give money back */
		price_format(q->opt.max_cost, max, sizeof(max));
		price_format(q->spent, spent, sizeof(spent));
		msg = xasprintf("not submitted: --max-cost %s reached (%s "
		    "spent in this run)", max, spent);
	} else {
		q->spent += price;
		s->cost = price;
		return 0;
	}
	plan_held(q->opt.plan);
	sub_fail(q, s, msg, 1, 0, 0);
	free(msg);
	return 1;
}

void
subrun_start(struct subq *q)
{
	int		 b;
	struct sub	*s;
	char		*msg;

	while ((s = TAILQ_FIRST(&q->ready)) != NULL) {
		if (q->stopping || q->stop_msg != NULL) {
			sub_fail_say(q, s, q->stopping ? "interrupted; not "
			    "submitted" : q->stop_msg, 1, 0, 0, q->stopping);
			continue;
		}
		if (q->opt.max_tasks > 0 && q->started >= q->opt.max_tasks) {
			if (q->n[SUB_IN_FLIGHT] > 0)
				return;	/* a refusal may give a slot back */
			msg = xasprintf("not submitted: --max-tasks %lu "
			    "reached", q->opt.max_tasks);
			plan_held(q->opt.plan);
			sub_fail(q, s, msg, 1, 0, 0);
			free(msg);
			continue;
		}
		/* -j, or fewer while the server's queue is full; its timer
		 * (queue_full) ends a hold */
		if (q->n[SUB_IN_FLIGHT] >= congestion_room(&q->cwnd) ||
		    congestion_held(&q->cwnd, loop_now()))
			return;
		if ((b = budget(q, s)) < 0)
			return;
		if (b == 0)
			sub_send(q, s);
	}
}

void
subrun_stop_waiting(struct subq *q)
{
	struct sub		*s;
	struct lost_reply	*l;

	while ((s = TAILQ_FIRST(&q->waiting)) != NULL) {
		if (s->timer != NULL)
			loop_timer_cancel(q->loop, s->timer);
		s->timer = NULL;
		http_request_free(s->req);	/* a parent being fetched */
		s->req = NULL;
		sub_fail(q, s, "interrupted; not submitted", 1, 0, 0);
	}
	lost_replies_stop(q->lost);
	while ((l = lost_replies_take(q->lost)) != NULL)
		sub_may_exist(q, l->arg, l->why, NULL, l->code, l->http);
}

void
subrun_abandon(struct subq *q)
{
	struct sub	*s;

	while ((s = TAILQ_FIRST(&q->running)) != NULL) {
		http_request_free(s->req);
		s->req = NULL;
		sub_fail(q, s, "interrupted after the request was sent; the "
		    "task may exist: check before submitting again", 0, 0, 0);
	}
}

void
subrun_upload_failed(struct subq *q, const char *err)
{
	char	*msg = xasprintf("not submitted: %s", err);
	char	*advice = xasprintf("%s; nothing is submitted: run the same "
	    "command again once the upload works", err);

	subq_stop_run(q, NULL, msg, advice, 0, 0);
	q->status = MJ_EXIT_FAILED;
	free(advice);
	free(msg);
}
