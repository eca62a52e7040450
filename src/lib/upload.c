/*
 * --upload (upload.h): the one upload request, the journal's links, and
 * the tokens in the bodies replaced by the links as each is sent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "buf.h"
#include "diag.h"
#include "jsonx.h"
#include "record.h"
#include "sha256.h"
#include "upload.h"
#include "xalloc.h"

struct link {
	/* UPLOAD_TOKEN and the sha256 of the data URI */
	char	*token;
	char	*data;		/* borrowed: the data URI, until uploaded */
	char	*url;		/* owned: the link, or NULL */
	char	*json;		/* owned: the link as JSON string content */
	char	 key[JOURNAL_KEY_LEN + 1];
};

struct upload {
	struct link	*links;
	size_t		 n;
};

struct wait {
	int	done;
};

int
upload_young(const char *url, long long at, long long now)
{
	const char	*ex;
	char		*end;
	long long	 expires;

	if (now - at >= UPLOAD_REUSE_S || at > now + 300)
		return 0;
	/* Discord's signed links say when they expire: ex=<hex seconds> */
	if ((ex = strstr(url, "?ex=")) == NULL)
		ex = strstr(url, "&ex=");
	if (ex != NULL) {
		expires = strtoll(ex + 4, &end, 16);
		if (end != ex + 4 && expires - now < UPLOAD_LEFT_S)
			return 0;
	}
	return 1;
}

/* The link of token t, adding it (with its data URI) if new. */
static struct link *
link_of(struct upload *up, char *data)
{
	char	hex[SHA256_HEX_LEN + 1];
	size_t	i;

	sha256_hex(data, strlen(data), hex);
	for (i = 0; i < up->n; i++)
		if (strcmp(up->links[i].token + strlen(UPLOAD_TOKEN), hex) == 0)
			return &up->links[i];
	up->links = xreallocarray(up->links, up->n + 1, sizeof(*up->links));
	memset(&up->links[up->n], 0, sizeof(up->links[up->n]));
	up->links[up->n].token = xasprintf("%s%s", UPLOAD_TOKEN, hex);
	up->links[up->n].data = data;
	journal_key(UPLOAD_PATH, up->links[up->n].token, "", 0,
	    up->links[up->n].key);
	return &up->links[up->n++];
}

static void
set_url(struct link *k, const char *url)
{
	json_object	*s = jx_new_string(url);
	const char	*t;

	free(k->url);
	free(k->json);
	k->url = xstrdup(url);
	/* a link in a prompt: escaped as JSON, without its quotes */
	t = json_object_to_json_string_ext(s, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
	k->json = xstrndup(t + 1, strlen(t) - 2);
	json_object_put(s);
}

static void
sent(struct http_request *r)
{
	((struct wait *)r->arg)->done = 1;
}

/* The reply's links, in the order sent: 0, or -1 with err set. */
static int
take_links(struct upload *up, const struct http_request *r, size_t want,
    char *err, size_t errlen)
{
	json_object	*o, *code, *res, *u;
	const char	*desc;
	size_t		 i, n = 0;
	int		 ok;

	o = json_tokener_parse(buf_str(&r->reply));
	ok = o != NULL && json_object_object_get_ex(o, "code", &code) &&
	    json_object_get_int(code) == API_CODE_OK;
	if (!ok || !json_object_object_get_ex(o, "result", &res) ||
	    !json_object_is_type(res, json_type_array) ||
	    json_object_array_length(res) != want) {
		/* a refusal's own words; a success's are no reason */
		desc = o != NULL && !ok ? json_get_string(o, "description") :
		    NULL;
		(void)snprintf(err, errlen, "%s: %s%s", UPLOAD_PATH,
		    desc != NULL ? desc : "not the links asked for",
		    desc != NULL ? "" : " in the reply");
		json_object_put(o);
		return -1;
	}
	for (i = 0; i < up->n; i++) {
		if (up->links[i].url != NULL)
			continue;
		u = json_object_array_get_idx(res, n++);
		if (!json_object_is_type(u, json_type_string) ||
		    strncmp(json_object_get_string(u), "http", 4) != 0 ||
		    strlen(json_object_get_string(u)) > JOURNAL_URL_MAX) {
			(void)snprintf(err, errlen, "%s: a reply that is not a "
			    "link", UPLOAD_PATH);
			json_object_put(o);
			return -1;
		}
		set_url(&up->links[i], json_object_get_string(u));
	}
	json_object_put(o);
	return 0;
}

/* Send the links' data that the journal had no young link for. */
static int
send_new(struct upload *up, struct journal *j, struct loop *l,
    struct http *h, const struct config *cfg, char *err, size_t errlen)
{
	struct http_request	*r;
	struct wait		 w = { 0 };
	json_object		*body, *arr;
	size_t			 i, n = 0;
	int			 rc;

	body = jx_new_object();
	arr = jx_new_array();
	for (i = 0; i < up->n; i++) {
		if (up->links[i].url != NULL)
			continue;
		jx_array_add(arr, jx_new_string(up->links[i].data));
		n++;
	}
	json_add(body, "base64Array", arr);
	r = http_request_new(HTTP_SUBMIT, config_url(cfg, UPLOAD_PATH),
	    xstrdup(json_object_to_json_string_ext(body,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)));
	json_object_put(body);
	r->auth = 1;
	r->retry_ambiguous = 1;	/* an upload costs nothing: safe to repeat */
	r->on_done = sent;
	r->arg = &w;
	diag_info(1, "uploading %zu image%s", n, n == 1 ? "" : "s");
	http_start(h, r);
	while (!w.done)
		if (loop_turn(l, -1, -1) & LOOP_SIGNAL) {
			http_cancel(r);
			http_request_free(r);
			(void)snprintf(err, errlen,
			    "interrupted while uploading");
			return -1;
		}
	if (r->status == 404 || r->status == 405) {
		diag_warn("the server has no %s (HTTP %ld): sending the images "
		    "in every request, as base64", UPLOAD_PATH, r->status);
		http_request_free(r);
		return 1;
	}
	if (r->verdict != RETRY_NONE) {
		(void)snprintf(err, errlen, "%s: %s", UPLOAD_PATH, r->error);
		http_request_free(r);
		return -1;
	}
	rc = take_links(up, r, n, err, errlen);
	http_request_free(r);
	for (i = 0; rc == 0 && j != NULL && i < up->n; i++)
		if (up->links[i].data != NULL &&
		    journal_link(j, up->links[i].key, (long long)time(NULL),
		    up->links[i].url) == -1)
			diag_warn("journal: %s", journal_error(j));
	return rc;
}

int
upload_run(struct submit_opts *o, struct journal *j, struct loop *l,
    struct http *h, const struct config *cfg, struct upload **out,
    char *err, size_t errlen)
{
	struct upload	*up = xcalloc(1, sizeof(*up));
	struct link	*k;
	const char	*url;
	long long	 at;
	size_t		 i, fresh = 0;
	int		 rc;

	*out = NULL;
	for (i = 0; i < o->nimages; i++) {
		if (o->image_is_url[i])
			continue;
		k = link_of(up, o->image_uris[i]);
		if (k->url != NULL || k->data != o->image_uris[i])
			continue;	/* the same file twice */
		url = j != NULL ? journal_link_get(j, k->key, &at) : NULL;
		if (url != NULL &&
		    upload_young(url, at, (long long)time(NULL))) {
			diag_info(1, "%s: the link uploaded %lld min ago: %s",
			    o->images[i], ((long long)time(NULL) - at) / 60,
			    url);
			set_url(k, url);
			k->data = NULL;
		} else
			fresh++;
	}
	/* -n (no http): the tokens show where the links would go */
	rc = fresh > 0 && h != NULL ? send_new(up, j, l, h, cfg, err, errlen) :
	    0;
	if (rc != 0) {
		upload_free(up);
		return rc;
	}
	/* every body from now on carries the token; the data goes */
	for (i = 0; i < o->nimages; i++) {
		if (o->image_is_url[i])
			continue;
		k = link_of(up, o->image_uris[i]);
		free(o->image_uris[i]);
		o->image_uris[i] = xstrdup(k->token);
		o->image_is_url[i] = 1;
	}
	for (i = 0; i < up->n; i++)
		up->links[i].data = NULL;
	*out = up;
	return 0;
}

char *
upload_apply(const struct upload *up, char *body)
{
	struct buf	 b = BUF_INIT;
	const char	*p, *hit;
	size_t		 i, tlen;

	for (i = 0; up != NULL && i < up->n; i++) {
		if (strstr(body, up->links[i].token) == NULL)
			continue;
		tlen = strlen(up->links[i].token);
		for (p = body; (hit = strstr(p, up->links[i].token)) != NULL;
		    p = hit + tlen) {
			buf_append(&b, p, (size_t)(hit - p));
			buf_appends(&b, up->links[i].json);
		}
		buf_appends(&b, p);
		free(body);
		body = buf_detach(&b, NULL);
	}
	return body;
}

void
upload_free(struct upload *up)
{
	size_t	i;

	if (up == NULL)
		return;
	for (i = 0; i < up->n; i++) {
		free(up->links[i].token);
		free(up->links[i].url);
		free(up->links[i].json);
	}
	free(up->links);
	free(up);
}
