/*
 * Polling many tasks (taskpoll.h): batches, their requests and replies.
 */
#include <stdlib.h>
#include <sys/queue.h>

#include "account.h"
#include "api.h"
#include "config.h"
#include "diag.h"
#include "http.h"
#include "loop.h"
#include "pending.h"
#include "taskpoll.h"
#include "xalloc.h"

#define BATCH_MAX	100	/* ids per list-by-condition (api.md) */
#define MISSES_MAX	3	/* left out of lists this often: fetch alone */

struct batch {
	struct taskpoll	*tp;
	struct pending	**p;
	size_t		  n;
	int		  list;		/* list-by-condition, else one fetch */
	struct http_request *req;
	LIST_ENTRY(batch) link;		/* in flight */
};

struct taskpoll {
	struct http		*http;
	const struct config	*cfg;
	struct pendings		*set;
	long long		 interval;
	unsigned long		 jobs;
	int			 no_list;
	struct taskpoll_ops	 ops;
	LIST_HEAD(, batch)	 batches;	/* the requests in flight */
	size_t			 inflight;
	struct batch		*filling;	/* a list batch not sent yet */
	int			 auth_refused;
	char			*refused;	/* polls refused for good */
	int			 list_missing;	/* no list-by-condition */
};

struct taskpoll *
taskpoll_new(struct http *http, const struct config *cfg,
    struct pendings *set, long long interval, unsigned long jobs,
    int no_list, const struct taskpoll_ops *ops)
{
	struct taskpoll	*tp = xcalloc(1, sizeof(*tp));

	tp->http = http;
	tp->cfg = cfg;
	tp->set = set;
	tp->interval = interval;
	tp->jobs = jobs;
	tp->no_list = no_list;
	tp->ops = *ops;
	LIST_INIT(&tp->batches);
	return tp;
}

size_t
taskpoll_inflight(const struct taskpoll *tp)
{
	return tp->inflight;
}

int
taskpoll_busy(const struct taskpoll *tp)
{
	return tp->inflight >= tp->jobs;
}

int
taskpoll_auth_refused(const struct taskpoll *tp)
{
	return tp->auth_refused;
}

const char *
taskpoll_refused(const struct taskpoll *tp)
{
	return tp->refused;
}

/* p is polled again an interval from now. */
static void
later(struct taskpoll *tp, struct pending *p)
{
	p->due = loop_now() + tp->interval;
	tp->ops.schedule(p->due);
}

/* A poll failed (after the engine's retries): try again later. */
static void
poll_failed(struct batch *b, const char *why)
{
	size_t	i;

	diag_warn("poll: %s; trying again", why);
	for (i = 0; i < b->n; i++)
		later(b->tp, b->p[i]);
}

static void
list_reply(struct batch *b, struct http_request *r)
{
	json_object	*arr, *task, **tasks;
	struct pending	*p, **found;
	char		 err[256];
	size_t		 i, n, nfound = 0;

	if ((arr = api_parse_task_list(r->reply.data, r->reply.len, err,
	    sizeof(err))) == NULL) {
		poll_failed(b, err);
		return;
	}
	/* first find which asked-for tasks came back (unknown ids just
	 * miss), then read them: reading may finish (free) a task */
	for (i = 0; i < b->n; i++)
		b->p[i]->misses++;
	n = json_object_array_length(arr);
	found = xcalloc(n + 1, sizeof(*found));
	tasks = xcalloc(n + 1, sizeof(*tasks));
	for (i = 0; i < n; i++) {
		task = json_object_array_get_idx(arr, i);
		if (api_task_id(task) == NULL || (p = pendings_get(b->tp->set,
		    api_task_id(task))) == NULL || p->inflight == 2)
			continue;
		p->inflight = 2;	/* once per reply */
		found[nfound] = p;
		tasks[nfound++] = task;
	}
	for (i = 0; i < b->n; i++) {
		p = b->p[i];
		if (p->inflight == 2)
			continue;
		if (p->misses >= MISSES_MAX)
			p->fetch_alone = 1;
		later(b->tp, p);
	}
	for (i = 0; i < nfound; i++) {
		found[i]->inflight = 0;
		b->tp->ops.read(found[i], tasks[i]);
	}
	free(found);
	free(tasks);
	json_object_put(arr);
}

static void
fetch_reply(struct batch *b, struct http_request *r)
{
	json_object	*task;
	char		 err[256];
	int		 notfound = 0;

	if (r->verdict != RETRY_NONE) {
		if (r->status == 404) {
			b->tp->ops.unknown(b->p[0]);
			return;
		}
		poll_failed(b, r->error);
		return;
	}
	task = api_parse_task(r->reply.data, r->reply.len, &notfound, err,
	    sizeof(err));
	if (task == NULL) {
		if (notfound)
			b->tp->ops.unknown(b->p[0]);
		else
			poll_failed(b, err);
		return;
	}
	b->tp->ops.read(b->p[0], task);
	json_object_put(task);
}

static void
batch_free(struct batch *b)
{
	LIST_REMOVE(b, link);
	b->tp->inflight--;
	http_request_free(b->req);
	free(b->p);
	free(b);
}

/* Polling again would meet the same refusal: 1 (kept for the caller). */
static int
refusal(struct taskpoll *tp, struct http_request *r)
{
	/* a spent quota stops submissions, not reads: tried again later */
	if ((r->status == 401 || r->status == 403) && account_http(r->status,
	    r->reply.data, r->reply.len) == ACCOUNT_KEY) {
		if (!tp->auth_refused)
			diag_error("the API refused the key (HTTP %ld): check "
			    "MJ_API_KEY or --api-key-file, and --auth",
			    r->status);
		tp->auth_refused = 1;
		return 1;
	}
	if (http_refusal_lasts(r->curl_result, r->status,
	    r->connect_status)) {
		if (tp->refused == NULL) {
			diag_error("poll: %s", r->error);
			tp->refused = xasprintf("not waited for: %s",
			    r->error);
		}
		return 1;
	}
	return 0;
}

/* A reply that is no lasting refusal. */
static void
read_reply(struct batch *b, struct http_request *r)
{
	struct taskpoll	*tp = b->tp;
	size_t		 i;

	if (b->list && (r->status == 404 || r->status == 405)) {
		/* detected once: from now on, one fetch per task */
		if (!tp->list_missing)
			diag_info(1, "list-by-condition: HTTP %ld; polling "
			    "each task alone", r->status);
		tp->list_missing = 1;
		for (i = 0; i < b->n; i++)
			b->p[i]->due = 0;
		tp->ops.schedule(loop_now());
	} else if (b->list && r->verdict != RETRY_NONE)
		poll_failed(b, r->error);
	else if (b->list)
		list_reply(b, r);
	else
		fetch_reply(b, r);
}

static void
poll_done(struct http_request *r)
{
	struct batch	*b = r->arg;
	size_t		 i;

	for (i = 0; i < b->n; i++)
		b->p[i]->inflight = 0;
	if (r->attempts > 1 && b->tp->ops.retried != NULL)
		b->tp->ops.retried(r->attempts - 1);
	if (!refusal(b->tp, r))
		read_reply(b, r);
	batch_free(b);
}

static void
send_batch(struct taskpoll *tp, struct batch *b)
{
	struct http_request	*r;
	const char		**ids;
	char			 *path;
	size_t			  i;

	for (i = 0; i < b->n; i++)
		b->p[i]->inflight = 1;
	if (b->list) {
		ids = xcalloc(b->n, sizeof(*ids));
		for (i = 0; i < b->n; i++)
			ids[i] = pending_id(b->p[i]);
		r = http_request_new(HTTP_POLL, config_url(tp->cfg,
		    "/mj/task/list-by-condition"), api_list_body(ids, b->n));
		free(ids);
	} else {
		path = api_fetch_path(pending_id(b->p[0]));
		r = http_request_new(HTTP_POLL, config_url(tp->cfg, path),
		    NULL);
		free(path);
	}
	r->auth = 1;
	r->retry_ambiguous = 1;	/* reads: safe to repeat */
	r->on_done = poll_done;
	r->arg = b;
	b->req = r;
	LIST_INSERT_HEAD(&tp->batches, b, link);
	tp->inflight++;
	http_start(tp->http, r);
}

static struct batch *
batch_new(struct taskpoll *tp, int list)
{
	struct batch	*b = xcalloc(1, sizeof(*b));

	b->tp = tp;
	b->list = list;
	b->p = xcalloc(list ? BATCH_MAX : 1, sizeof(*b->p));
	return b;
}

void
taskpoll_add(struct taskpoll *tp, struct pending *p)
{
	struct batch	*one;

	if (!p->fetch_alone && !tp->list_missing && !tp->no_list) {
		if (tp->filling == NULL)
			tp->filling = batch_new(tp, 1);
		tp->filling->p[tp->filling->n++] = p;
		p->inflight = 1;
		if (tp->filling->n == BATCH_MAX)
			taskpoll_send(tp);
		return;
	}
	one = batch_new(tp, 0);
	one->p[one->n++] = p;
	send_batch(tp, one);
}

void
taskpoll_send(struct taskpoll *tp)
{
	if (tp->filling != NULL)
		send_batch(tp, tp->filling);
	tp->filling = NULL;
}

void
taskpoll_cancel_all(struct taskpoll *tp)
{
	while (!LIST_EMPTY(&tp->batches))
		batch_free(LIST_FIRST(&tp->batches));
}

void
taskpoll_free(struct taskpoll *tp)
{
	if (tp == NULL)
		return;
	taskpoll_cancel_all(tp);
	free(tp->refused);
	free(tp);
}
