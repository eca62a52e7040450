/*
 * submission_build: the endpoint and body each record becomes.
 * One row per case: options, input record, expected endpoint and body
 * (or the expected error).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api.h"
#include "journal.h"
#include "record.h"
#include "submission.h"
#include "table.h"
#include "tap.h"

#define GRID_TASK "{\"id\":\"1773\",\"action\":\"IMAGINE\",\"status\":\"SUCCESS\"," \
	"\"buttons\":[" \
	"{\"customId\":\"MJ::JOB::upsample::1::h1\",\"emoji\":\"\",\"label\":\"U1\"}," \
	"{\"customId\":\"MJ::JOB::upsample::2::h1\",\"emoji\":\"\",\"label\":\"U2\"}," \
	"{\"customId\":\"MJ::JOB::upsample::3::h1\",\"emoji\":\"\",\"label\":\"U3\"}," \
	"{\"customId\":\"MJ::JOB::upsample::4::h1\",\"emoji\":\"\",\"label\":\"U4\"}," \
	"{\"customId\":\"MJ::JOB::reroll::0::h1::SOLO\",\"emoji\":\"\\ud83d\\udd04\",\"label\":\"\"}," \
	"{\"customId\":\"MJ::JOB::variation::1::h1\",\"emoji\":\"\",\"label\":\"V1\"}]}"

struct tcase {
	const char		*name;
	enum submit_kind	 kind;
	const char		*tmpl;
	const char		*bot;
	const char		*mode;
	const char		*state;
	const char		*actions;
	const char		*modal;
	int			 images;	/* 0 none, 1 URL, 2 one file, 3 two files */
	const char		*input;
	int			 count;		/* -1: error */
	const char		*endpoint;
	const char		*body;		/* first body, or the error */
};

static const struct tcase cases[] = {
	{ "plain prompt", SUBMIT_IMAGINE, NULL, NULL, NULL, NULL, NULL, NULL, 0,
	  "{\"prompt\":\"a cat\",\"sku\":\"A\"}", 1, "/mj/submit/imagine",
	  "{\"prompt\":\"a cat\"}" },
	{ "every imagine option", SUBMIT_IMAGINE, NULL, "NIJI_JOURNEY", "FAST",
	  "row-{sku}", NULL, NULL, 0, "{\"prompt\":\"a cat\",\"sku\":7}", 1,
	  "/mj/submit/imagine", "{\"prompt\":\"a cat\",\"botType\":\"NIJI_JOURNEY\","
	  "\"accountFilter\":{\"modes\":[\"FAST\"]},\"state\":\"row-7\"}" },
	{ "record fields win", SUBMIT_IMAGINE, NULL, "MID_JOURNEY", "FAST", "x",
	  NULL, NULL, 0, "{\"prompt\":\"p\",\"botType\":\"NIJI_JOURNEY\","
	  "\"accountFilter\":{\"modes\":[\"RELAX\"]},\"state\":\"mine\","
	  "\"notifyHook\":\"http://h/\"}", 1, "/mj/submit/imagine",
	  "{\"prompt\":\"p\",\"botType\":\"NIJI_JOURNEY\",\"accountFilter\":"
	  "{\"modes\":[\"RELAX\"]},\"state\":\"mine\",\"notifyHook\":\"http://h/\"}" },
	{ "template", SUBMIT_IMAGINE, "a photo of {item}, {style} --ar 3:2 {{x}}",
	  NULL, NULL, NULL, NULL, NULL, 0,
	  "{\"item\":\"boat\",\"style\":\"ink\"}", 1, "/mj/submit/imagine",
	  "{\"prompt\":\"a photo of boat, ink --ar 3:2 {x}\"}" },
	{ "template missing field", SUBMIT_IMAGINE, "{item} {style}", NULL,
	  NULL, NULL, NULL, NULL, 0, "{\"item\":\"boat\"}", -1, NULL,
	  "no field 'style' for {style}" },
	{ "template unclosed", SUBMIT_IMAGINE, "{item", NULL, NULL, NULL, NULL,
	  NULL, 0, "{\"item\":\"boat\"}", -1, NULL,
	  "template: '{' without '}'" },
	{ "no prompt", SUBMIT_IMAGINE, NULL, NULL, NULL, NULL, NULL, NULL, 0,
	  "{\"sku\":\"A\"}", -1, NULL,
	  "no prompt: field 'prompt' is missing or empty" },
	{ "image URL in the prompt", SUBMIT_IMAGINE, NULL, NULL, NULL, NULL,
	  NULL, NULL, 1, "{\"prompt\":\"a cat\"}", 1, "/mj/submit/imagine",
	  "{\"prompt\":\"https://img.example/ref.png a cat\"}" },
	{ "image file as data URI", SUBMIT_IMAGINE, NULL, NULL, NULL, NULL,
	  NULL, NULL, 2, "{\"prompt\":\"a cat\"}", 1, "/mj/submit/imagine",
	  "{\"prompt\":\"a cat\",\"base64Array\":[\"data:image/png;base64,"
	  "iVBORw0KGgoAAAA=\"]}" },
	{ "blend needs two", SUBMIT_BLEND, NULL, NULL, NULL, NULL, NULL, NULL,
	  2, "{}", -1, NULL, "--blend needs 2 to 5 image files, got 1" },
	{ "blend", SUBMIT_BLEND, NULL, NULL, NULL, NULL, NULL, NULL, 3, "{}", 1,
	  "/mj/submit/blend", "{\"base64Array\":[\"data:image/png;base64,"
	  "iVBORw0KGgoAAAA=\",\"data:image/png;base64,iVBORw0KGgoAAAA=\"],"
	  "\"dimensions\":\"SQUARE\"}" },
	{ "describe by link", SUBMIT_DESCRIBE, NULL, NULL, NULL, NULL, NULL,
	  NULL, 1, "{}", 1, "/mj/submit/describe",
	  "{\"link\":\"https://img.example/ref.png\"}" },
	{ "describe without image", SUBMIT_DESCRIBE, NULL, NULL, NULL, NULL,
	  NULL, NULL, 0, "{}", -1, NULL, "--describe needs an image: --image "
	  "FILE|URL or a 'base64' or 'link' field" },
	{ "video", SUBMIT_VIDEO, NULL, NULL, NULL, NULL, NULL, NULL, 1,
	  "{\"prompt\":\"waves\"}", 1, "/mj/submit/video",
	  "{\"image\":\"https://img.example/ref.png\",\"motion\":\"low\","
	  "\"prompt\":\"waves\"}" },
	{ "video of a finished task", SUBMIT_VIDEO, NULL, NULL, NULL, NULL,
	  NULL, NULL, 0, "{\"task\":{\"id\":\"9\",\"status\":\"SUCCESS\","
	  "\"imageUrl\":\"http://h/9.png\"},\"motion\":\"high\"}", 1,
	  "/mj/submit/video", "{\"image\":\"http://h/9.png\",\"motion\":\"high\"}" },
	{ "action U1", SUBMIT_ACTION, NULL, NULL, NULL, NULL, "U1", NULL, 0,
	  "{\"task\":" GRID_TASK "}", 1, "/mj/submit/action",
	  "{\"taskId\":\"1773\",\"customId\":\"MJ::JOB::upsample::1::h1\"}" },
	{ "action upscale is four", SUBMIT_ACTION, NULL, NULL, NULL, NULL,
	  "upscale", NULL, 0, "{\"task\":" GRID_TASK "}", 4, "/mj/submit/action",
	  "{\"taskId\":\"1773\",\"customId\":\"MJ::JOB::upsample::1::h1\"}" },
	{ "action reroll by name", SUBMIT_ACTION, NULL, NULL, NULL, NULL,
	  " reroll ", NULL, 0, "{\"task\":" GRID_TASK "}", 1, "/mj/submit/action",
	  "{\"taskId\":\"1773\",\"customId\":\"MJ::JOB::reroll::0::h1::SOLO\"}" },
	{ "action missing button", SUBMIT_ACTION, NULL, NULL, NULL, NULL,
	  "U1,V4", NULL, 0, "{\"task\":" GRID_TASK "}", -1, NULL,
	  "task 1773 has no button 'V4'; it has: U1, U2, U3, U4, reroll, V1" },
	{ "action on unfinished task", SUBMIT_ACTION, NULL, NULL, NULL, NULL,
	  "U1", NULL, 0, "{\"task\":{\"id\":\"5\",\"status\":\"IN_PROGRESS\"}}",
	  -1, NULL, "task 5 is IN_PROGRESS, not SUCCESS: its buttons cannot be "
	  "used" },
	{ "action without task", SUBMIT_ACTION, NULL, NULL, NULL, NULL, "U1",
	  NULL, 0, "{\"prompt\":\"x\"}", -1, NULL, "--action needs a record with "
	  "a finished task (task.id and task.buttons)" },
	{ "modal", SUBMIT_ACTION, NULL, NULL, NULL, NULL, "Custom Zoom",
	  "a boat --zoom 2", 0, "{\"task\":{\"id\":\"77\",\"status\":\"MODAL\"}}",
	  1, "/mj/submit/modal", "{\"taskId\":\"77\",\"prompt\":\"a boat --zoom 2\"}" },
};

static char png_path[64];

static void
make_png(void)
{
	static const unsigned char png[] = "\x89PNG\r\n\x1a\n\0\0\0";
	FILE	*f;
	int	 fd;

	(void)snprintf(png_path, sizeof(png_path), "/tmp/test_submission.XXXXXX");
	if ((fd = mkstemp(png_path)) == -1 || (f = fdopen(fd, "wb")) == NULL ||
	    fwrite(png, 1, 11, f) != 11 || fclose(f) != 0) {
		perror("test png");
		exit(1);
	}
}

static void
run_case(const struct tcase *c)
{
	struct submit_opts	 o;
	struct submission	*subs = NULL;
	struct record		*rec;
	json_tokener		*tok = record_tokener_new();
	char			*imgs[2], err[256] = "";
	int			 n;

	memset(&o, 0, sizeof(o));
	o.kind = c->kind;
	o.template = c->tmpl;
	o.bot = c->bot;
	o.mode = c->mode;
	o.state = c->state;
	o.actions = c->actions;
	o.modal_prompt = c->modal;
	imgs[0] = imgs[1] = c->images == 1 ? "https://img.example/ref.png" :
	    png_path;
	o.images = imgs;
	o.nimages = c->images == 0 ? 0 : c->images == 3 ? 2 : 1;
	if (submit_opts_load(&o, err, sizeof(err)) == -1) {
		TAP_OK(0, "%s: options load: %s", c->name, err);
		json_tokener_free(tok);
		return;
	}
	rec = record_parse(tok, c->input, strlen(c->input), 1);
	n = submission_build(&o, rec, &subs, err, sizeof(err));
	TAP_INT(n, c->count, "%s: count", c->name);
	if (n < 0)
		TAP_STR(err, c->body, "%s: error message", c->name);
	else if (n > 0) {
		TAP_STR(subs[0].endpoint, c->endpoint, "%s: endpoint", c->name);
		TAP_STR(subs[0].body, c->body, "%s: body", c->name);
	}
	if (n > 0)
		submission_free_all(subs, (size_t)n);
	record_free(rec);
	submit_opts_free(&o);
	json_tokener_free(tok);
}

static void
test_rebuild(void)
{
	struct submit_opts	 o;
	struct submission	*subs = NULL;
	struct record		*rec;
	json_object		*fresh;
	json_tokener		*tok = record_tokener_new();
	char			 err[256];
	const char		*in = "{\"task\":" GRID_TASK ",\"state\":\"s1\"}";

	memset(&o, 0, sizeof(o));
	o.kind = SUBMIT_ACTION;
	o.actions = "U2";
	if (submit_opts_load(&o, err, sizeof(err)) == -1)
		return;
	rec = record_parse(tok, in, strlen(in), 1);
	TAP_INT(submission_build(&o, rec, &subs, err, sizeof(err)), 1,
	    "rebuild: built");
	TAP_STR(json_object_get_string(json_object_object_get(subs[0].parent,
	    "button")), "U2", "parent names the button");
	fresh = json_tokener_parse("{\"id\":\"1773\",\"buttons\":[{\"customId\":"
	    "\"MJ::JOB::upsample::2::NEW\",\"label\":\"U2\"}]}");
	TAP_INT(submission_rebuild_action(&o, fresh, &subs[0], err, sizeof(err)),
	    0, "rebuild with a fresh task");
	TAP_STR(subs[0].body, "{\"taskId\":\"1773\",\"customId\":"
	    "\"MJ::JOB::upsample::2::NEW\",\"state\":\"s1\"}",
	    "the fresh customId replaces the stale one; state kept");
	json_object_put(fresh);
	submission_free_all(subs, 1);
	record_free(rec);
	submit_opts_free(&o);
	json_tokener_free(tok);
}

/* The journal's tag goes into bodies without a state of their own. */
static void
test_tagged(void)
{
	static const struct {
		const char	*body, *want;
	} t[] = {
		{ "{\"prompt\":\"a }\"}", "{\"prompt\":\"a }\",\"state\":\"mjpipe-1\"}" },
		{ "{}", "{\"state\":\"mjpipe-1\"}" },
		{ "{\"prompt\":\"a\",\"state\":\"mine\"}", NULL },
		{ "{\"prompt\":\"a\",\"state\":null}", NULL },
		{ "{\"accountFilter\":{\"state\":1}}",
		  "{\"accountFilter\":{\"state\":1},\"state\":\"mjpipe-1\"}" },
		{ "[1]", NULL },
		{ "not json", NULL },
	};
	size_t	 i;
	char	*got;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		got = submission_tagged_body(t[i].body, "mjpipe-1");
		TAP_STR(got != NULL ? got : "(kept)", t[i].want != NULL ?
		    t[i].want : "(kept)", "tagged body of %s", t[i].body);
		free(got);
	}
}

/* The submit object: the reply's code, words and properties, if any. */
static void
test_outcome(void)
{
	struct api_reply	 rep;
	json_object		*o;

	memset(&rep, 0, sizeof(rep));
	rep.code = 22;
	rep.description = "queued";
	o = submission_outcome("/mj/submit/imagine", &rep);
	TAP_INT(json_object_get_int(json_object_object_get(o, "code")), 22,
	    "outcome: the reply's code");
	TAP_OK(!json_object_object_get_ex(o, "properties", NULL),
	    "... no properties when the reply had none");
	json_object_put(o);
	rep.properties = json_tokener_parse("{\"numberOfQueues\":2}");
	o = submission_outcome("/mj/submit/imagine", &rep);
	TAP_OK(json_object_object_get_ex(o, "properties", NULL),
	    "... the reply's properties kept");
	json_object_put(o);
	json_object_put(rep.properties);
	o = submission_outcome("/mj/submit/action", NULL);
	TAP_OK(!json_object_object_get_ex(o, "code", NULL) &&
	    strcmp(json_get_string(o, "endpoint"), "/mj/submit/action") == 0,
	    "no reply (resumed): the endpoint, no code");
	json_object_put(o);
}

/* Journal keys: a follow-up is its parent and button, nothing else. */
static void
test_keys(void)
{
	struct submission	 a, b;
	struct table		*ord = table_new();
	struct record		*rec = record_new(json_tokener_parse(
	    "{\"task\":{\"id\":\"7\"}}"), 1);
	char			 k1[JOURNAL_KEY_LEN + 1], k2[JOURNAL_KEY_LEN + 1];
	char			 k3[JOURNAL_KEY_LEN + 1];

	memset(&a, 0, sizeof(a));
	a.endpoint = "/mj/submit/action";
	a.body = "{\"taskId\":\"7\",\"customId\":\"c1\"}";
	a.parent = json_tokener_parse("{\"id\":\"7\",\"button\":\"U1\"}");
	b = a;
	b.body = "{\"taskId\":\"7\",\"customId\":\"c2\"}";
	b.parent = json_tokener_parse("{\"id\":\"7\"}");
	submission_key(&a, rec, ord, k1);
	submission_key(&b, rec, ord, k2);
	TAP_OK(strcmp(k1, k2) != 0, "a parent's button is part of the key");
	submission_key(&a, rec, ord, k3);
	TAP_OK(strcmp(k1, k3) != 0, "the same follow-up twice: two keys");
	table_free(ord);
	ord = table_new();
	a.body = b.body;	/* the customId of a later read */
	submission_key(&a, rec, ord, k3);
	TAP_STR(k3, k1, "... the same key in a new run, whatever its customId");
	json_object_put(a.parent);
	json_object_put(b.parent);
	table_free(ord);
	record_free(rec);
}

int
main(void)
{
	size_t	i;

	make_png();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
	test_rebuild();
	test_tagged();
	test_outcome();
	test_keys();
	(void)unlink(png_path);
	return tap_done();
}
