/*
 * A follow-up's parent read again after a stale customId: when to read,
 * and the read itself.
 */
#include <stdlib.h>

#include "api.h"
#include "parentfetch.h"

enum parent_step
parent_fetch_step(const struct parent_fetch *pf, unsigned gen, int fetched)
{
	if (gen < pf->gen)
		return PARENT_NEWER;
	if (pf->fetching)
		return PARENT_WAIT;
	return fetched ? PARENT_REFUSED : PARENT_FETCH;
}

static void
fetched(struct http_request *r)
{
	struct parent_fetch	*pf = r->arg;
	json_object		*task = NULL;
	char			 err[512];
	int			 notfound;

	pf->fetching = 0;
	if (r->verdict == RETRY_NONE)
		task = api_parse_task(r->reply.data, r->reply.len, &notfound,
		    err, sizeof(err));
	http_request_free(r);
	if (task != NULL) {
		json_object_put(pf->fresh);
		pf->fresh = task;
		pf->gen++;
	}
	pf->done(pf->arg, task != NULL);
}

struct http_request *
parent_fetch_start(struct parent_fetch *pf, struct http *h,
    const struct config *cfg, const char *id, void (*done)(void *, int),
    void *arg)
{
	struct http_request	*r;
	char			*path;

	path = api_fetch_path(id);
	r = http_request_new(HTTP_POLL, config_url(cfg, path), NULL);
	free(path);
	r->auth = 1;
	r->retry_ambiguous = 1;	/* a read: safe to repeat */
	r->on_done = fetched;
	r->arg = pf;
	pf->done = done;
	pf->arg = arg;
	pf->fetching = 1;
	http_start(h, r);
	return r;
}

void
parent_fetch_clear(struct parent_fetch *pf)
{
	json_object_put(pf->fresh);
	pf->fresh = NULL;
}
