/*
 * One record's jobs (jobs.h): the prompt is taken as submission_build
 * would take it, expanded (expand.h), and each job built with its own
 * prompt; then every body is held against the server's limits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "expand.h"
#include "jobs.h"
#include "prices.h"
#include "serverlimits.h"
#include "template.h"
#include "xalloc.h"

/*
 * The imagine prompt of rec before image links go in front (owned), or
 * NULL when there is none to expand: submission_build then says why.
 */
static char *
prompt_text(const struct submit_opts *so, const struct record *rec)
{
	const char	*field = so->prompt_field != NULL ? so->prompt_field :
			    "prompt", *t;
	char		 err[8];

	if (so->template != NULL)
		return template_expand(so->template, rec, err, sizeof(err));
	if (template_nul_field(rec, field) ||
	    (t = template_field_text(rec, field)) == NULL)
		return NULL;
	return xstrdup(t);
}

/* Could the expander change p?  Most prompts are read past at once. */
static int
may_expand(const char *p)
{
	return strpbrk(p, "{}\\") != NULL || strstr(p, "-r") != NULL ||
	    strstr(p, "\xe2\x80\x94r") != NULL;
}

/* The images a blend would send: the record's own, or --image's files. */
static size_t
blend_images(const struct submit_opts *so, const struct record *rec)
{
	json_object	*v = record_get(rec, "base64Array");
	size_t		 i, n = 0;

	if (v != NULL && !json_object_is_type(v, json_type_null))
		return json_object_is_type(v, json_type_array) ?
		    json_object_array_length(v) : 0;
	for (i = 0; i < so->nimages; i++)
		n += so->image_is_url == NULL || !so->image_is_url[i];
	return n;
}

#define PROMPT_KEY	"{\"prompt\":"

void
jobs_json_string(struct buf *b, const char *s, size_t len)
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 c;
	size_t			 i;

	buf_appendc(b, '"');
	for (i = 0; i < len; i++) {
		switch (c = (unsigned char)s[i]) {
		case '"':	buf_appends(b, "\\\""); break;
		case '\\':	buf_appends(b, "\\\\"); break;
		case '\b':	buf_appends(b, "\\b"); break;
		case '\f':	buf_appends(b, "\\f"); break;
		case '\n':	buf_appends(b, "\\n"); break;
		case '\r':	buf_appends(b, "\\r"); break;
		case '\t':	buf_appends(b, "\\t"); break;
		default:
			if (c < 0x20) {
				buf_appends(b, "\\u00");
				buf_appendc(b, hex[c >> 4]);
				buf_appendc(b, hex[c & 15]);
			} else
				buf_appendc(b, (char)c);
		}
	}
	buf_appendc(b, '"');
}

/*
 * Where the rest of body0 starts after its prompt, when body0 is
 * {"prompt":"<p>",... with p written as json_string writes it, or 0:
 * then each job is built whole.
 */
static size_t
prompt_end(const char *body0, const char *p)
{
	struct buf	b = BUF_INIT;
	size_t		n = strlen(PROMPT_KEY), end = 0;

	if (strncmp(body0, PROMPT_KEY, n) != 0)
		return 0;
	buf_appends(&b, PROMPT_KEY);
	jobs_json_string(&b, p, strlen(p));
	if (strncmp(body0, b.data, b.len) == 0)
		end = b.len;
	buf_free(&b);
	return end;
}

/*
 * Build each of e's n jobs into subs.  The first is built whole; the
 * others differ from it in the prompt only, so their bodies are the
 * first's with the prompt swapped (building each whole was a quarter of
 * -n's time on expanded rows), unless image links go before the prompt.
 */
static int
build_each(const struct submit_opts *so, const struct record *rec,
    struct expand *e, struct submission *subs, size_t n, char *err,
    size_t errlen)
{
	struct submit_opts	 job = *so;
	struct submission	*one;
	struct buf		 b = BUF_INIT;
	size_t			 i, len, rest = 0;
	const char		*p;

	for (i = 0; i < n; i++) {
		p = job.prompt_text = expand_job(e, i, &len);
		if (rest > 0) {
			buf_appends(&b, PROMPT_KEY);
			jobs_json_string(&b, p, len);
			buf_appends(&b, subs[0].body + rest);
			subs[i].endpoint = subs[0].endpoint;
			subs[i].body = buf_detach(&b, NULL);
			subs[i].prompt = xstrndup(p, len);
		} else if (submission_build(&job, rec, &one, err,
		    errlen) != 1) {
			submission_free_all(one, 0);
			return -1;
		} else {
			subs[i] = one[0];
			free(one);
			if (i == 0 && so->nimages == 0 && n > 1)
				rest = prompt_end(subs[0].body, p);
		}
		subs[i].expand_index = i + 1;
		subs[i].expand_of = n;
	}
	return 0;
}

/* The expanded jobs of an imagine record, or 0 to build it as it is. */
static int
expanded(const struct submit_opts *so, const struct jobs_opts *jo,
    const struct record *rec, struct submission **out,
    enum jobs_refusal *why, char *err, size_t errlen)
{
	struct expand	*e;
	char		*p;
	const char	*job;
	size_t		 n, len;
	int		 rc = 0;

	if (!jo->expand || so->kind != SUBMIT_IMAGINE ||
	    so->modal_prompt != NULL || so->mask_file != NULL ||
	    (p = prompt_text(so, rec)) == NULL)
		return 0;
	if (!may_expand(p)) {
		free(p);
		return 0;
	}
	*why = JOBS_INPUT;
	if ((e = expand_new(p, strlen(p), err, errlen)) == NULL ||
	    expand_check(e, jo->max_jobs, err, errlen) == -1) {
		rc = -1;
		goto done;
	}
	n = (size_t)expand_count(e);
	job = expand_job(e, 0, &len);
	if (n == 1 && len == strlen(p) && memcmp(job, p, len) == 0)
		goto done;	/* "--raw" and the like: nothing to expand */
	*out = xcalloc(n, sizeof(**out));
	*why = JOBS_SUBMIT;
	if (build_each(so, rec, e, *out, n, err, errlen) == -1) {
		submission_free_all(*out, n);
		*out = NULL;
		rc = -1;
	} else
		rc = (int)n;
done:
	expand_free(e);
	free(p);
	return rc;
}

int
jobs_build(const struct submit_opts *so, const struct jobs_opts *jo,
    const struct record *rec, struct submission **out,
    enum jobs_refusal *why, char *err, size_t errlen)
{
	int	n, i;

	*out = NULL;
	*why = JOBS_INPUT;
	if (so->kind == SUBMIT_BLEND && so->modal_prompt == NULL &&
	    so->mask_file == NULL &&
	    serverlimits_blend(blend_images(so, rec), err, errlen) == -1)
		return -1;
	if ((n = expanded(so, jo, rec, out, why, err, errlen)) == 0) {
		*why = JOBS_SUBMIT;
		if ((n = submission_build(so, rec, out, err, errlen)) < 0)
			return -1;
	} else if (n < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (serverlimits_check((*out)[i].endpoint, (*out)[i].body, err,
		    errlen) == -1) {
			submission_free_all(*out, (size_t)n);
			*out = NULL;
			*why = JOBS_INPUT;
			return -1;
		}
	return n;
}

const char *
jobs_kind(const struct submission *sub)
{
	const char	*k = NULL;

	if (sub->button != NULL)
		k = prices_kind_of_action(sub->button, NULL);
	else if (sub->parent != NULL)	/* an extend: no button to click */
		k = prices_kind_of_action(json_get_string(sub->parent,
		    "button"), NULL);
	if (k == NULL)
		k = prices_kind_of_endpoint(sub->endpoint);
	return k != NULL ? k : "unknown";
}

const char *
jobs_mode(const char *mode, const char *base_url)
{
	static const char *const modes[] = { "fast", "relax", "turbo" };
	char		 path[16];
	size_t		 i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		if (mode != NULL && strcasecmp(mode, modes[i]) == 0)
			return modes[i];
		(void)snprintf(path, sizeof(path), "/mj-%s", modes[i]);
		if (mode == NULL && base_url != NULL &&
		    strstr(base_url, path) != NULL)
			return modes[i];
	}
	return "fast";
}
