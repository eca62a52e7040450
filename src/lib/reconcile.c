/*
 * Reconciliation against the server's task list.  The list can be long
 * (every task the server keeps), so it is split element by element as it
 * arrives and only the tasks whose state is one of our tags are kept.
 * Whatever goes wrong (no such endpoint, a reply that is not a whole
 * array, a task that does not parse) leaves every key "may exist": only a
 * list read to its end can prove that a task was never created.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "api.h"
#include "arraysplit.h"
#include "diag.h"
#include "reconcile.h"
#include "record.h"
#include "table.h"
#include "xalloc.h"

#define LIST_PATH	"/mj/task/list"
#define LIST_TIMEOUT_MS	300000	/* per attempt: a list can be long */
#define LIST_UNREADABLE_TRIES 4	/* a 200 that is not a whole list */

struct want {
	long long	 sent_at;	/* Unix seconds */
	char		*task_id;	/* owned: the first task with the tag */
	unsigned	 ntasks;	/* tasks seen with the tag */
	int		 modal;		/* ... the first waits in a modal */
};

struct reconcile {
	struct table	*wanted;	/* tag -> struct want */
	long long	 newest;	/* the latest sent_at */
	struct array_split split;
	struct http_request *req;	/* while reading */
	void		(*done_fn)(void *);
	void		*done_arg;
	int		 done;		/* the request has ended */
	int		 no_list;	/* 404 or 405 */
	int		 listed;	/* the list was read whole */
	int		 bad_task;	/* an element that is not a task */
	long long	 listed_at;	/* when it was asked for */
	char		 why[320];	/* why not listed */
};

void
reconcile_add(struct reconcile *rc, const char *key, long long sent_at)
{
	struct want	*w = xcalloc(1, sizeof(*w));
	char		 tag[JOURNAL_TAG_LEN + 1];

	journal_tag(key, tag);
	w->sent_at = sent_at;
	if (sent_at > rc->newest)
		rc->newest = sent_at;
	free(table_put(rc->wanted, tag, w));
}

static void
add_one(const char *key, long long sent_at, void *arg)
{
	reconcile_add(arg, key, sent_at);
}

void
reconcile_add_journal(struct reconcile *rc, struct journal *j)
{
	(void)journal_each_tagged(j, add_one, rc);
}

struct reconcile *
reconcile_new(void)
{
	struct reconcile	*rc = xcalloc(1, sizeof(*rc));

	rc->wanted = table_new();
	array_split_init(&rc->split, RECONCILE_TASK_MAX);
	(void)snprintf(rc->why, sizeof(rc->why),
	    "the server's task list was not read");
	return rc;
}

static void
forget_found(struct reconcile *rc)
{
	struct want	*w;
	const char	*tag;
	void		*v;
	size_t		 pos = 0;

	while (table_next(rc->wanted, &pos, &tag, &v)) {
		w = v;
		free(w->task_id);
		w->task_id = NULL;
		w->ntasks = 0;
	}
}

void
reconcile_free(struct reconcile *rc)
{
	const char	*tag;
	void		*v;
	size_t		 pos = 0;

	if (rc == NULL)
		return;
	reconcile_cancel(rc);
	forget_found(rc);
	while (table_next(rc->wanted, &pos, &tag, &v))
		free(v);
	table_free(rc->wanted);
	array_split_free(&rc->split);
	free(rc);
}

/* One task of the list: keep it if its state is one of our tags. */
static int
take_task(const char *text, size_t len, void *arg)
{
	struct reconcile	*rc = arg;
	json_object		*task;
	struct want		*w;
	const char		*state, *id;
	char			 err[256];
	int			 notfound;

	if ((task = api_parse_task(text, len, &notfound, err,
	    sizeof(err))) == NULL) {
		rc->bad_task = 1;
		return -1;
	}
	state = json_get_string(task, "state");
	id = api_task_id(task);		/* api_parse_task: never NULL */
	if (state != NULL && strncmp(state, JOURNAL_TAG_PREFIX,
	    strlen(JOURNAL_TAG_PREFIX)) == 0 &&
	    (w = table_get(rc->wanted, state)) != NULL) {
		if (w->ntasks++ == 0) {
			w->task_id = xstrdup(id);
			w->modal = strcasecmp(api_task_status(task),
			    "MODAL") == 0;
		}
	}
	json_object_put(task);
	return 0;
}

static int
list_data(struct http_request *r, const char *p, size_t n)
{
	struct reconcile	*rc = r->arg;
	long			 status = http_peek_status(r);

	if (status < 200 || status >= 300)
		return 0;	/* an error page: the status says it all */
	return array_split_feed(&rc->split, p, n, take_task, rc);
}

/* The reading has ended: the request goes, the caller hears of it. */
static void
finish(struct reconcile *rc)
{
	rc->done = 1;
	/* http.c lets on_done free its request; done_fn may free rc */
	http_request_free(rc->req);
	rc->req = NULL;
	if (rc->done_fn != NULL)
		rc->done_fn(rc->done_arg);
}

/* A retry reads the list from its start again. */
static void
list_attempt(struct http_request *r)
{
	struct reconcile	*rc = r->arg;

	array_split_free(&rc->split);
	array_split_init(&rc->split, RECONCILE_TASK_MAX);
	rc->bad_task = 0;
	forget_found(rc);
}

static void
list_done(struct http_request *r)
{
	struct reconcile	*rc = r->arg;

	if (r->verdict == RETRY_NONE && array_split_finish(&rc->split) == 0) {
		rc->listed = 1;
		finish(rc);
		return;
	}
	if (rc->split.error != NULL) {
		/* a 200 that is not a whole list: a gateway's page, a cut
		 * reply, an element that is not a task */
		(void)snprintf(rc->why, sizeof(rc->why), "the server's task "
		    "list is unreadable: %s", rc->bad_task ?
		    "an element is not a task" : rc->split.error);
		if (r->attempts < LIST_UNREADABLE_TRIES) {
			diag_info(1, "%s; asking again", rc->why);
			http_retry(r, 500LL * r->attempts);
			return;
		}
	} else if (r->status == 404 || r->status == 405) {
		rc->no_list = 1;
		(void)snprintf(rc->why, sizeof(rc->why), "the server has no "
		    "task list to check (GET %s: HTTP %ld)", LIST_PATH,
		    r->status);
	} else
		(void)snprintf(rc->why, sizeof(rc->why), "the server's task "
		    "list could not be read: %s", r->error);
	forget_found(rc);	/* a part of a list proves nothing */
	finish(rc);
}

void
reconcile_start(struct reconcile *rc, struct http *h,
    const struct config *cfg, void (*done)(void *), void *arg)
{
	struct http_request	*r;

	rc->done_fn = done;
	rc->done_arg = arg;
	rc->listed_at = (long long)time(NULL);
	r = http_request_new(HTTP_POLL, config_url(cfg, LIST_PATH), NULL);
	r->auth = 1;
	r->retry_ambiguous = 1;	/* a GET: asking again is harmless */
	r->timeout_ms = LIST_TIMEOUT_MS;
	r->on_data = list_data;
	r->on_attempt = list_attempt;
	r->on_done = list_done;
	r->arg = rc;
	rc->req = r;
	http_start(h, r);
}

void
reconcile_cancel(struct reconcile *rc)
{
	if (rc->req == NULL)
		return;
	http_cancel(rc->req);
	http_request_free(rc->req);
	rc->req = NULL;
}

const char *
reconcile_no_list(const struct reconcile *rc)
{
	return rc->no_list ? rc->why : NULL;
}

/* Wait until due (Unix seconds); -1 if a signal came. */
static int
settle(struct loop *l, long long due, size_t n)
{
	long long	 left;

	if ((left = due - (long long)time(NULL)) <= 0)
		return 0;
	diag_warn("waiting %llds for %zu unanswered submission%s of an "
	    "earlier run to settle", left, n, n == 1 ? "" : "s");
	while ((left = due - (long long)time(NULL)) > 0)
		if (loop_turn(l, -1, left * 1000) & LOOP_SIGNAL)
			return -1;
	return 0;
}

int
reconcile_run(struct reconcile *rc, struct loop *l, struct http *h,
    const struct config *cfg, long long settle_s)
{
	size_t		 n = table_count(rc->wanted), found = 0;
	const char	*tag;
	void		*v;
	size_t		 pos = 0;

	if (n == 0)
		return 0;
	if (settle(l, rc->newest + settle_s, n) == -1)
		return -1;
	reconcile_start(rc, h, cfg, NULL, NULL);
	while (!rc->done)
		if (loop_turn(l, -1, -1) & LOOP_SIGNAL) {
			reconcile_cancel(rc);
			return -1;
		}
	while (table_next(rc->wanted, &pos, &tag, &v))
		found += ((struct want *)v)->task_id != NULL;
	if (rc->listed)
		diag_info(1, "task list: %zu of %zu unanswered submissions "
		    "found", found, n);
	else
		diag_warn("%s", rc->why);
	return 0;
}

int
reconcile_in_modal(struct reconcile *rc, const char *key)
{
	struct want	*w;
	char		 tag[JOURNAL_TAG_LEN + 1];

	journal_tag(key, tag);
	return (w = table_get(rc->wanted, tag)) != NULL && w->task_id != NULL &&
	    w->modal;
}

enum recon_verdict
reconcile_verdict(struct reconcile *rc, const char *key,
    const char **task_id, const char **why)
{
	struct want	*w;
	char		 tag[JOURNAL_TAG_LEN + 1];

	journal_tag(key, tag);
	if ((w = table_get(rc->wanted, tag)) == NULL) {
		*why = "it was sent without mjpipe's state tag (a state of "
		    "its own, or a journal from an older mj-submit)";
		return RECON_UNKNOWN;
	}
	if (w->task_id != NULL) {
		if (w->ntasks > 1)
			diag_warn("the task list has %u tasks tagged %s; "
			    "taking %s", w->ntasks, tag, w->task_id);
		*task_id = w->task_id;
		return RECON_FOUND;
	}
	if (!rc->listed) {
		*why = rc->why;
		return RECON_UNKNOWN;
	}
	if (rc->listed_at - w->sent_at > RECONCILE_MAX_AGE_S) {
		*why = "it was sent over 7 days before the server's task list "
		    "was read, and servers drop old tasks";
		return RECON_UNKNOWN;
	}
	return RECON_ABSENT;
}
