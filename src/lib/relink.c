/*
 * relink.h: one read of a task again, and the links of its answer.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "api.h"
#include "diag.h"
#include "relink.h"
#include "xalloc.h"

#define LINKS_MAX	64	/* media links of one task */

/* A link waiting for the read. */
struct ask {
	char		*url;
	char		*why;
	long		 http;
	relink_done	*done;
	void		*arg;
	struct ask	*next;
};

struct relink {
	struct record	*rec;		/* borrowed: outlives us */
	struct http_request *req;	/* the read under way, or NULL */
	json_object	*orig;		/* the task before the read */
	json_object	*fresh;		/* the task as read, or NULL */
	int		 read;		/* the read is over */
	struct ask	*asks;
};

static int
stale_status(long http)
{
	return http == 403 || http == 404 || http == 410;
}

/* The same link but for its query: a CDN's link signed again. */
static int
same_path(const char *a, const char *b)
{
	size_t	la = strcspn(a, "?#"), lb = strcspn(b, "?#");

	return la == lb && memcmp(a, b, la) == 0;
}

const char *
relink_counterpart(json_object *orig, json_object *fresh, const char *url)
{
	const char	*o[LINKS_MAX], *f[LINKS_MAX];
	size_t		 no, nf, i;

	if (orig == NULL || fresh == NULL)
		return NULL;
	no = api_task_urls(orig, o, LINKS_MAX);
	nf = api_task_urls(fresh, f, LINKS_MAX);
	for (i = 0; i < nf; i++)
		if (same_path(f[i], url))
			return f[i];
	for (i = 0; i < no; i++)
		if (strcmp(o[i], url) == 0)
			return no == nf ? f[i] : NULL;
	return NULL;
}

/* Answer one ask from the read; done is its last act (it may free us). */
static void
answer(struct relink *rl, struct ask *a)
{
	const char	*fresh;
	char		*mine = NULL;

	fresh = relink_counterpart(rl->orig, rl->fresh, a->url);
	if (fresh != NULL && (strcmp(fresh, a->url) == 0 ||
	    (strncasecmp(fresh, "http://", 7) != 0 &&
	    strncasecmp(fresh, "https://", 8) != 0)))
		fresh = NULL;	/* the same dead link, or none we fetch */
	if (fresh != NULL)
		mine = xstrdup(fresh);
	a->done(a->arg, mine, a->why, a->http);
	free(mine);
}

static void
ask_free(struct ask *a)
{
	free(a->url);
	free(a->why);
	free(a);
}

static void
read_done(struct http_request *r)
{
	struct relink	*rl = r->arg;
	struct ask	*a;
	json_object	*task = NULL;
	char		 err[256];
	int		 notfound = 0, last;

	rl->req = NULL;
	rl->read = 1;
	if (r->verdict == RETRY_NONE)
		task = api_parse_task(r->reply.data, r->reply.len, &notfound,
		    err, sizeof(err));
	if (task == NULL)
		diag_info(1, "task %s read again: %s", api_task_id(rl->orig),
		    notfound || r->status == 404 ? "the server no longer "
		    "knows it" : r->verdict == RETRY_NONE ? err : r->error);
	http_request_free(r);
	if (task != NULL) {
		rl->fresh = task;
		record_set(rl->rec, "task", json_object_get(task));
	}
	/* the last done may end the record, and free rl with it: the
	 * files of the others are not done, so the record lives on */
	while ((a = rl->asks) != NULL) {
		last = a->next == NULL;
		rl->asks = a->next;
		answer(rl, a);
		ask_free(a);
		if (last)
			break;
	}
}

int
relink_ask(struct relink **rp, struct http *h, const struct config *cfg,
    struct record *rec, const char *url, long http, const char *why,
    relink_done *done, void *arg)
{
	struct relink	*rl = *rp;
	struct ask	*a;
	const char	*id;
	char		*path;

	if (!stale_status(http) || (id = record_task_id(rec)) == NULL ||
	    *id == '\0')
		return -1;
	if (rl != NULL && rl->read &&
	    relink_counterpart(rl->orig, rl->fresh, url) == NULL)
		return -1;	/* read already, and nothing new for url */
	a = xcalloc(1, sizeof(*a));
	a->url = xstrdup(url);
	a->why = xstrdup(why);
	a->http = http;
	a->done = done;
	a->arg = arg;
	if (rl != NULL && rl->read) {
		answer(rl, a);	/* a link of the old task, failed late */
		ask_free(a);
		return 0;
	}
	if (rl == NULL) {
		rl = *rp = xcalloc(1, sizeof(*rl));
		rl->rec = rec;
		rl->orig = json_object_get(record_task(rec));
		path = api_fetch_path(id);
		rl->req = http_request_new(HTTP_POLL, config_url(cfg, path),
		    NULL);
		free(path);
		rl->req->auth = 1;		/* to the API host only */
		rl->req->retry_ambiguous = 1;	/* a read: safe to repeat */
		rl->req->on_done = read_done;
		rl->req->arg = rl;
		diag_info(1, "%s: HTTP %ld; reading task %s again", url, http,
		    id);
		http_start(h, rl->req);
	}
	a->next = rl->asks;
	rl->asks = a;
	return 0;
}

void
relink_free(struct relink *rl)
{
	struct ask	*a;

	if (rl == NULL)
		return;
	http_request_free(rl->req);	/* cancels it */
	while ((a = rl->asks) != NULL) {
		rl->asks = a->next;
		ask_free(a);
	}
	json_object_put(rl->orig);
	json_object_put(rl->fresh);
	free(rl);
}
