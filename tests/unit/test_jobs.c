/*
 * jobs_build: what one record becomes, expanded: each job's body, its
 * prompt and place; the rows refused whole (stage input) and why; the
 * rows left as they were.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "jobs.h"
#include "record.h"
#include "subrecord.h"
#include "tap.h"
#include "xalloc.h"

#define JOBS_SHOWN	4
#define TEN		"0123456789"
#define STATE_260	TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN \
			TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN

struct tcase {
	const char		*name;
	enum submit_kind	 kind;
	const char		*tmpl;
	const char		*state;
	int			 expand;
	unsigned		 max_jobs;
	const char		*input;
	int			 count;		/* -1: refused */
	const char		*bodies[JOBS_SHOWN];	/* or error */
	int			 expanded;	/* expand_of set */
	enum jobs_refusal	 why;
};

static const struct tcase cases[] = {
	{ "a plain prompt, as before", SUBMIT_IMAGINE, NULL, NULL, 1, 40,
	  "{\"prompt\":\"a cat\"}", 1, { "{\"prompt\":\"a cat\"}" }, 0, 0 },
	{ "two groups", SUBMIT_IMAGINE, NULL, NULL, 1, 40,
	  "{\"prompt\":\"a {red, green} bird --ar {1:1, 3:2}\","
	  "\"sku\":\"A\"}", 4,
	  { "{\"prompt\":\"a red bird --ar 1:1\"}",
	    "{\"prompt\":\"a red bird --ar 3:2\"}",
	    "{\"prompt\":\"a green bird --ar 1:1\"}",
	    "{\"prompt\":\"a green bird --ar 3:2\"}" }, 1, 0 },
	{ "--r 2 with a state", SUBMIT_IMAGINE, NULL, "s-{sku}", 1, 40,
	  "{\"prompt\":\"a boat --r 2\",\"sku\":\"B\"}", 2,
	  { "{\"prompt\":\"a boat\",\"state\":\"s-B\"}",
	    "{\"prompt\":\"a boat\",\"state\":\"s-B\"}" }, 1, 0 },
	{ "after the template", SUBMIT_IMAGINE, "{item} in {{ink, oil}}", NULL,
	  1, 40, "{\"item\":\"a kite\"}", 2,
	  { "{\"prompt\":\"a kite in ink\"}",
	    "{\"prompt\":\"a kite in oil\"}" },
	  1, 0 },
	{ "--no-expand", SUBMIT_IMAGINE, NULL, NULL, 0, 40,
	  "{\"prompt\":\"a {x, y} --r 2\"}", 1,
	  { "{\"prompt\":\"a {x, y} --r 2\"}" }, 0, 0 },
	{ "--raw is no --repeat", SUBMIT_IMAGINE, NULL, NULL, 1, 40,
	  "{\"prompt\":\"a cat --raw\"}", 1, { "{\"prompt\":\"a cat --raw\"}" },
	  0, 0 },
	{ "shorten is left alone", SUBMIT_SHORTEN, NULL, NULL, 1, 40,
	  "{\"prompt\":\"a {x, y}\"}", 1, { "{\"prompt\":\"a {x, y}\"}" },
	  0, 0 },
	{ "over --max-jobs", SUBMIT_IMAGINE, NULL, NULL, 1, 3,
	  "{\"prompt\":\"{a,b} {c,d}\"}", -1, { "the prompt makes 4 jobs, over "
	  "--max-jobs 3; nothing of it was sent" }, 0, JOBS_INPUT },
	{ "unbalanced", SUBMIT_IMAGINE, NULL, NULL, 1, 40,
	  "{\"prompt\":\"a {b\"}", -1, { "unbalanced braces: the '{' at byte 3 "
	  "is never closed" }, 0, JOBS_INPUT },
	{ "a state over 255", SUBMIT_IMAGINE, NULL,
	  STATE_260, 1, 40,
	  "{\"prompt\":\"a {b, c}\"}", -1, { "state is 260 characters" }, 0,
	  JOBS_INPUT },
	{ "no prompt: as submission_build says", SUBMIT_IMAGINE, NULL, NULL, 1,
	  40, "{\"x\":1}", -1, { "no prompt: field 'prompt' is missing or "
	  "empty" }, 0, JOBS_SUBMIT },
	/* the later jobs' bodies are written by jobs_json_string */
	{ "controls in a later job", SUBMIT_IMAGINE, NULL, NULL, 1, 40,
	  "{\"prompt\":\"{a, b\\b\\f\\r\\t\\n\\u0001\\\"\\\\c}\"}", 2,
	  { "{\"prompt\":\"a\"}",
	    "{\"prompt\":\"b\\b\\f\\r\\t\\n\\u0001\\\"\\\\c\"}" }, 1, 0 },
	{ "a one-image blend", SUBMIT_BLEND, NULL, NULL, 1, 40,
	  "{\"base64Array\":[\"data:image/png;base64,AA==\"]}", -1,
	  { "a blend takes 2 to 5 images (the server's limit), got 1; nothing "
	  "was sent" }, 0, JOBS_INPUT },
};

static void
run_case(const struct tcase *c)
{
	struct submit_opts	 o;
	struct jobs_opts	 jo = { c->expand, c->max_jobs };
	struct buf		 esc = BUF_INIT;
	struct submission	*subs = NULL;
	struct record		*rec;
	enum jobs_refusal	 why = JOBS_SUBMIT;
	char			 err[256] = "";
	int			 n, i;

	memset(&o, 0, sizeof(o));
	o.kind = c->kind;
	o.template = c->tmpl;
	o.state = c->state;
	if (submit_opts_load(&o, err, sizeof(err)) == -1) {
		TAP_OK(0, "%s: options load: %s", c->name, err);
		return;
	}
	rec = record_parse(NULL, c->input, strlen(c->input), 1);
	n = jobs_build(&o, &jo, rec, &subs, &why, err, sizeof(err));
	TAP_INT(n, c->count, "%s: count", c->name);
	if (n < 0) {
		TAP_OK(strncmp(err, c->bodies[0], strlen(c->bodies[0])) == 0,
		    "%s: the message: %s", c->name, err);
		TAP_INT(why, c->why, "%s: the stage", c->name);
	}
	for (i = 0; i < n && i < JOBS_SHOWN && c->bodies[i] != NULL; i++)
		TAP_STR(subs[i].body, c->bodies[i], "%s: body %d", c->name,
		    i + 1);
	for (i = 0; i < n; i++) {
		TAP_INT(subs[i].expand_of, c->expanded ? n : 0,
		    "%s: job %d of", c->name, i + 1);
		TAP_INT(subs[i].expand_index, c->expanded ? i + 1 : 0,
		    "%s: job %d index", c->name, i + 1);
		buf_reset(&esc);
		if (subs[i].prompt != NULL)
			jobs_json_string(&esc, subs[i].prompt,
			    strlen(subs[i].prompt));
		TAP_OK(!c->expanded || (subs[i].prompt != NULL &&
		    strstr(subs[i].body, buf_str(&esc)) != NULL),
		    "%s: job %d says its prompt", c->name, i + 1);
	}
	buf_free(&esc);
	if (n > 0)
		submission_free_all(subs, (size_t)n);
	record_free(rec);
	submit_opts_free(&o);
}

static void
kinds_and_modes(void)
{
	static const struct {
		const char	*mode, *url, *want;
	} m[] = {
		{ "FAST", NULL, "fast" }, { "relax", NULL, "relax" },
		{ "TURBO", "https://h/mj-relax", "turbo" },
		{ NULL, "https://api.example/mj-relax", "relax" },
		{ NULL, "https://api.example/mj-turbo/", "turbo" },
		{ NULL, "https://api.cometapi.com", "fast" },
		{ NULL, NULL, "fast" },
	};
	struct submission	sub;
	size_t			i;

	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		TAP_STR(jobs_mode(m[i].mode, m[i].url), m[i].want,
		    "mode %s, %s", m[i].mode ? m[i].mode : "-",
		    m[i].url ? m[i].url : "-");
	memset(&sub, 0, sizeof(sub));
	sub.endpoint = "/mj/submit/imagine";
	TAP_STR(jobs_kind(&sub), "imagine", "an imagine");
	sub.endpoint = "/mj/submit/action";
	sub.button = "U3";
	TAP_STR(jobs_kind(&sub), "upscale", "U3 is an upscale");
	sub.button = "Zoom Out 2x";
	TAP_STR(jobs_kind(&sub), "zoom", "Zoom Out 2x is a zoom");
	sub.endpoint = "/mj/submit/video";
	sub.button = "extend2";
	TAP_STR(jobs_kind(&sub), "extend", "extend2 is an extend");
	/* as submission.c makes an extend: no button, its parent's name */
	sub.button = NULL;
	sub.parent = json_tokener_parse("{\"id\":\"1\",\"action\":"
	    "\"VIDEO\",\"button\":\"extend2\"}");
	TAP_STR(jobs_kind(&sub), "extend",
	    "an extend without a button, extend2 in its parent: an extend");
	json_object_put(sub.parent);
	sub.parent = NULL;
	sub.button = "bookmark";
	sub.endpoint = "/mj/submit/action";
	TAP_STR(jobs_kind(&sub), "unknown", "a button without a kind");
}

/*
 * -n's record of an expanded job made as text is byte for byte the one
 * json-c makes from the record, whatever the prompt holds.
 */
static void
dry_lines(void)
{
	static const char *const inputs[] = {
		"{\"prompt\":\"a {red, green} bird\"}",
		/* the parentheses: one element each, however many pieces */
		("{\"sku\":\"A-1\",\"prompt\":"
		    "\"{\\\"q\\\", back\\\\slash} a/b\","
		    "\"n\":1.50,\"x\":[1,{\"y\":null}]}"),
		("{\"prompt\":\"{tab\\there, ctl\\u0001\\u001f\\u007f, "
		    "nl\\nx} caf\\u00e9 \\ud83d\\ude00 "
		    "\\\\{x\\\\}\"}"),
		("{\"prompt\":\"{a,b} --r 2\",\"state\":\"s\","
		    "\"e\":\"\\u2028\"}"),
	};
	struct submit_opts	 o;
	struct jobs_opts	 jo = { 1, 40 };
	struct submission	*subs;
	struct record		*rec, *out;
	enum jobs_refusal	 why;
	char			 err[256], *in, *line;
	size_t			 i;
	int			 n, k;

	memset(&o, 0, sizeof(o));
	if (submit_opts_load(&o, err, sizeof(err)) == -1)
		return;
	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		rec = record_parse(NULL, inputs[i], strlen(inputs[i]), 1);
		n = jobs_build(&o, &jo, rec, &subs, &why, err, sizeof(err));
		if (!TAP_OK(n > 1, "dry line input %zu expands (%s)", i,
		    n < 0 ? err : "ok"))
			goto next;
		in = xstrdup(record_serialize(rec, NULL));
		for (k = 0; k < n; k++) {
			line = subrecord_dry_line(in, strlen(in), &subs[k]);
			out = subrecord_new(rec, &subs[k], 0);
			subrecord_dry_run(out, &subs[k]);
			TAP_STR(line, record_serialize(out, NULL),
			    "dry line %zu, job %d: json-c's bytes", i, k + 1);
			record_free(out);
			free(line);
		}
		free(in);
		submission_free_all(subs, (size_t)n);
next:
		record_free(rec);
	}
	submit_opts_free(&o);
}

int
main(void)
{
	dry_lines();
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
	kinds_and_modes();
	return tap_done();
}
