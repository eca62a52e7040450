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
	cancel_done	*done;
	void		*arg;
	struct http_request *req;
	LIST_ENTRY(ask)	 link;		/* in flight */
};

struct cancels {
	struct http		*http;
	const struct config	*cfg;
	LIST_HEAD(, ask)	 asks;
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
	return c;
}

static void
ask_free(struct ask *a)
{
	LIST_REMOVE(a, link);
	http_request_free(a->req);
	free(a);
}

void
cancels_abort_all(struct cancels *c)
{
	struct ask	*a;
	cancel_done	*done;
	void		*arg;

	while ((a = LIST_FIRST(&c->asks)) != NULL) {
		done = a->done;
		arg = a->arg;
		ask_free(a);
		done(arg, CANCEL_ABORTED, NULL);
	}
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

int
cancels_refused(const struct cancels *c)
{
	return c->refused;
}

static void
cancel_reply(struct http_request *r)
{
	struct ask	*a = r->arg;
	struct cancels	*c = a->c;
	cancel_done	*done = a->done;
	void		*arg = a->arg;
	char		*why;

	if (r->verdict == RETRY_NONE) {
		ask_free(a);
		done(arg, CANCEL_DONE, NULL);
		return;
	}
	if (r->status == 400 || r->status == 404) {
		/* the body is the server's reason, as plain text */
		why = xasprintf("HTTP %ld%s%.*s", r->status,
		    r->reply.len > 0 ? ": " : "", (int)(r->reply.len > 200 ?
		    200 : r->reply.len), r->reply.len > 0 ? r->reply.data : "");
		if (!c->refused)
			c->why = xstrdup(why);
		c->refused = 1;
		ask_free(a);
		done(arg, CANCEL_REFUSED, why);
		free(why);
		return;
	}
	why = xstrdup(r->error);
	ask_free(a);
	done(arg, CANCEL_FAILED, why);
	free(why);
}

void
cancels_ask(struct cancels *c, const char *id, cancel_done *done, void *arg)
{
	struct ask	*a;
	char		*enc, *path;

	if (c->refused) {
		done(arg, CANCEL_REFUSED, c->why);
		return;
	}
	a = xcalloc(1, sizeof(*a));
	a->c = c;
	a->done = done;
	a->arg = arg;
	enc = api_percent_encode(id);
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
