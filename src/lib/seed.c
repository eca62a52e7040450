/*
 * Seeds of finished tasks (seed.h).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>

#include "api.h"
#include "config.h"
#include "diag.h"
#include "http.h"
#include "jsonx.h"
#include "seed.h"
#include "xalloc.h"

struct ask {
	struct seeds	*s;
	json_object	*task;		/* a reference of ours */
	void		(*done)(void *, json_object *);
	void		*arg;
	struct http_request *req;
	LIST_ENTRY(ask)	 link;		/* in flight */
};

struct seeds {
	struct http		*http;
	const struct config	*cfg;
	LIST_HEAD(, ask)	 asks;
	int			 missing;	/* the server has no endpoint */
	int			 warned;	/* of a task without a seed */
};

struct seeds *
seeds_new(struct http *http, const struct config *cfg)
{
	struct seeds	*s = xcalloc(1, sizeof(*s));

	s->http = http;
	s->cfg = cfg;
	LIST_INIT(&s->asks);
	return s;
}

void
seeds_free(struct seeds *s)
{
	if (s == NULL)
		return;
	seeds_finish_all(s);
	free(s);
}

/* The seed as a string in the task: 1, or 0 if it has none. */
static int
set_seed(json_object *task, const char *seed)
{
	if (seed == NULL || *seed == '\0')
		return 0;
	jx_object_add(task, "seed", jx_new_string(seed));
	return 1;
}

/* A seed the server put in the task already: as text.  1 if there. */
static int
seed_in_task(json_object *task)
{
	json_object	*v;
	char		*text;
	int		 ok;

	if (!json_object_object_get_ex(task, "seed", &v) || v == NULL)
		return 0;
	if (json_object_is_type(v, json_type_string))
		return *json_object_get_string(v) != '\0';
	if (!json_object_is_type(v, json_type_int))
		return 0;
	/* a number: its digits, as the record keeps ids */
	text = xstrdup(json_object_to_json_string_ext(v,
	    JSON_C_TO_STRING_PLAIN));
	ok = set_seed(task, text);
	free(text);
	return ok;
}

/* The request is over: out of the list, the task to its owner. */
static void
ask_end(struct ask *a)
{
	LIST_REMOVE(a, link);
	http_request_free(a->req);
	a->done(a->arg, a->task);
	json_object_put(a->task);
	free(a);
}

static void
no_seed(struct seeds *s, const char *id, const char *why)
{
	char	*safe = diag_escape(why);

	if (!s->warned)
		diag_warn("task %s: no seed (%s); records go on without "
		    "one", id, safe);
	else
		diag_info(1, "task %s: no seed (%s)", id, safe);
	s->warned = 1;
	free(safe);
}

static void
seed_reply(struct http_request *r)
{
	struct ask	*a = r->arg;
	struct seeds	*s = a->s;
	struct api_reply rep;
	const char	*id = api_task_id(a->task);
	char		 err[256];

	if (r->status == 404 || r->status == 405) {
		if (!s->missing)
			diag_warn("the server has no image-seed endpoint (HTTP "
			    "%ld): records go on without seeds", r->status);
		s->missing = 1;
	} else if (r->verdict != RETRY_NONE)
		no_seed(s, id, r->error);
	else if (api_parse_reply(r->reply.data, r->reply.len, &rep, err,
	    sizeof(err)) == -1)
		no_seed(s, id, err);
	else {
		if (rep.code != API_CODE_OK || !set_seed(a->task, rep.result))
			no_seed(s, id, *rep.description != '\0' ?
			    rep.description : "none given");
		api_reply_free(&rep);
	}
	ask_end(a);
}

void
seeds_get(struct seeds *s, json_object *task,
    void (*done)(void *, json_object *), void *arg)
{
	struct ask	*a;
	const char	*id = api_task_id(task);
	char		*enc, *path;

	if (s->missing || id == NULL || seed_in_task(task)) {
		done(arg, task);
		return;
	}
	a = xcalloc(1, sizeof(*a));
	a->s = s;
	a->task = json_object_get(task);
	a->done = done;
	a->arg = arg;
	enc = api_percent_encode(id);
	path = xasprintf("/mj/task/%s/image-seed", enc);
	a->req = http_request_new(HTTP_POLL, config_url(s->cfg, path), NULL);
	free(path);
	free(enc);
	a->req->auth = 1;
	a->req->retry_ambiguous = 1;	/* a read: safe to repeat */
	a->req->on_done = seed_reply;
	a->req->arg = a;
	LIST_INSERT_HEAD(&s->asks, a, link);
	http_start(s->http, a->req);
}

void
seeds_finish_all(struct seeds *s)
{
	while (!LIST_EMPTY(&s->asks))
		ask_end(LIST_FIRST(&s->asks));	/* cancels the request */
}
