/*
 * Cancelling tasks (cancel.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/queue.h>

#include "api.h"
#include "cancel.h"
#include "config.h"
#include "http.h"
#include "xalloc.h"

struct ask {
	struct cancels	*c;
	char		*id;
	cancel_done	*done;
	void		*arg;
	struct http_request *req;	/* NULL while waiting */
	LIST_ENTRY(ask)	 link;		/* in flight */
	STAILQ_ENTRY(ask) wlink;	/* waiting */
};

/*
 * Until the server has cancelled a task once, one request asks at a
 * time, and the rest wait: a server that cannot cancel is asked once.
 */
struct cancels {
	struct http		*http;
	const struct config	*cfg;
	LIST_HEAD(, ask)	 asks;
	STAILQ_HEAD(, ask)	 waiting;
	int			 works;		/* a cancel succeeded */
	int			 refused;	/* 400 or 404 seen */
	char			*why;		/* of the refusal */
};

struct cancels *
cancels_new(struct http *http, const struct config *cfg)
{
	struct cancels	*c = xcalloc(1, sizeof(*c));

	c->http = http;
	c->cfg = cfg;
	LIST_INIT(&c->asks);
	STAILQ_INIT(&c->waiting);
	return c;
}

static void
ask_free(struct ask *a)
{
	if (a->req != NULL)
		LIST_REMOVE(a, link);
	http_request_free(a->req);
	free(a->id);
	free(a);
}

/* a is over: freed, then its owner told. */
static void
ask_end(struct ask *a, enum cancel_result res, const char *why)
{
	cancel_done	*done = a->done;
	void		*arg = a->arg;

	ask_free(a);
	done(arg, res, why);
}

void
cancels_abort_all(struct cancels *c)
{
	struct ask	*a;

	while ((a = STAILQ_FIRST(&c->waiting)) != NULL) {
		STAILQ_REMOVE_HEAD(&c->waiting, wlink);
		ask_end(a, CANCEL_ABORTED, NULL);
	}
	while ((a = LIST_FIRST(&c->asks)) != NULL)
		ask_end(a, CANCEL_ABORTED, NULL);
}

void
cancels_free(struct cancels *c)
{
	if (c == NULL)
		return;
	cancels_abort_all(c);
	free(c->why);
	free(c);
}

static void	send_ask(struct ask *);

/* The first answer is in: the asks waiting for it go, or are refused. */
static void
send_waiting(struct cancels *c)
{
	struct ask	*a;

	while ((a = STAILQ_FIRST(&c->waiting)) != NULL) {
		STAILQ_REMOVE_HEAD(&c->waiting, wlink);
		if (c->refused)
			ask_end(a, CANCEL_REFUSED, c->why);
		else
			send_ask(a);
	}
}

static void
cancel_reply(struct http_request *r)
{
	struct ask	*a = r->arg;
	struct cancels	*c = a->c;
	char		*why;

	if (r->verdict == RETRY_NONE) {
		c->works = 1;
		ask_end(a, CANCEL_DONE, NULL);
	} else if (r->status == 400 || r->status == 404) {
		/* the body is the server's reason, as plain text */
		why = xasprintf("HTTP %ld%s%.*s", r->status,
		    r->reply.len > 0 ? ": " : "", (int)(r->reply.len > 200 ?
		    200 : r->reply.len), r->reply.len > 0 ? r->reply.data : "");
		if (!c->refused)
			c->why = xstrdup(why);
		c->refused = 1;
		ask_end(a, CANCEL_REFUSED, why);
		free(why);
	} else {
		why = xstrdup(r->error);
		ask_end(a, CANCEL_FAILED, why);
		free(why);
	}
	send_waiting(c);
}

static void
send_ask(struct ask *a)
{
	struct cancels	*c = a->c;
	char		*enc, *path;

	enc = api_percent_encode(a->id);
	path = xasprintf("/mj/task/%s/cancel", enc);
	free(enc);
	a->req = http_request_new(HTTP_POLL, config_url(c->cfg, path),
	    xstrdup("{}"));
	free(path);
	a->req->auth = 1;
	/* cancelling twice does no harm and costs nothing */
	a->req->retry_ambiguous = 1;
	a->req->on_done = cancel_reply;
	a->req->arg = a;
	LIST_INSERT_HEAD(&c->asks, a, link);
	http_start(c->http, a->req);
}

void
cancels_ask(struct cancels *c, const char *id, cancel_done *done, void *arg)
{
	struct ask	*a;

	if (c->refused) {
		done(arg, CANCEL_REFUSED, c->why);
		return;
	}
	a = xcalloc(1, sizeof(*a));
	a->c = c;
	a->id = xstrdup(id);
	a->done = done;
	a->arg = arg;
	if (!c->works && !LIST_EMPTY(&c->asks))
		STAILQ_INSERT_TAIL(&c->waiting, a, wlink);
	else
		send_ask(a);
}
