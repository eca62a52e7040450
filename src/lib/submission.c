/*
 * mj-submit's requests: which endpoint and which JSON body each record
 * becomes.  Fields the record carries itself (botType, base64Array, ...)
 * win over the options, so JSON-lines input can set them per row.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api.h"
#include "buf.h"
#include "datauri.h"
#include "errf.h"
#include "journal.h"
#include "jsonstrict.h"
#include "jsonx.h"
#include "record.h"
#include "submission.h"
#include "table.h"
#include "template.h"
#include "xalloc.h"

/* larger references are refused */
#define BLEND_MIN	2
#define BLEND_MAX	5

static const char *const upscale_names[] = { "U1", "U2", "U3", "U4" };
static const char *const vary_names[] = { "V1", "V2", "V3", "V4" };

/* A link, or the token that stands for one until sent (upload.h). */
static int
is_url(const char *s)
{
	return strncasecmp(s, "http://", 7) == 0 ||
	    strncasecmp(s, "https://", 8) == 0 ||
	    strncmp(s, "mjpipe-upload:", 14) == 0;
}

const char *
submit_bot_type(const char *arg)
{
	if (strcasecmp(arg, "mj") == 0 || strcasecmp(arg, "midjourney") == 0 ||
	    strcasecmp(arg, "MID_JOURNEY") == 0)
		return "MID_JOURNEY";
	if (strcasecmp(arg, "niji") == 0 ||
	    strcasecmp(arg, "NIJI_JOURNEY") == 0)
		return "NIJI_JOURNEY";
	return NULL;
}

const char *
submit_dimensions(const char *arg)
{
	static const char *const shapes[] = { "PORTRAIT", "SQUARE",
	    "LANDSCAPE" };
	size_t	i;

	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++)
		if (strcasecmp(arg, shapes[i]) == 0)
			return shapes[i];
	return NULL;
}

static void
action_add(struct submit_opts *o, const char *name)
{
	o->action_names = xreallocarray(o->action_names, o->nactions + 1,
	    sizeof(*o->action_names));
	o->action_names[o->nactions++] = xstrdup(name);
}

/* extend1..extend4: the video variant's number, else 0. */
static int
extend_number(const char *name)
{
	if (strncasecmp(name, "extend", 6) != 0 || name[6] < '1' ||
	    name[6] > '4' || name[7] != '\0')
		return 0;
	return name[6] - '0';
}

static int
actions_load(struct submit_opts *o, char *err, size_t errlen)
{
	char	*list, *item, *save = NULL, *end;
	size_t	 i;

	list = xstrdup(o->actions);
	for (item = strtok_r(list, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		while (*item == ' ' || *item == '\t')
			item++;
		end = item + strlen(item);
		while (end > item && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (*item == '\0')
			continue;
		if (strcasecmp(item, "upscale") == 0)
			for (i = 0; i < 4; i++)
				action_add(o, upscale_names[i]);
		else if (strcasecmp(item, "vary") == 0)
			for (i = 0; i < 4; i++)
				action_add(o, vary_names[i]);
		else if (strncasecmp(item, "extend", 6) == 0 &&
		    isdigit((unsigned char)item[6]) &&
		    extend_number(item) == 0) {
			/* item points into list: say it before freeing */
			errf(err, errlen, "--action: %s: a video has "
			    "extend1 to extend4", item);
			free(list);
			return -1;
		} else
			action_add(o, item);
	}
	free(list);
	if (o->nactions == 0)
		return errf(err, errlen, "--action: no button named");
	return 0;
}

int
submit_opts_load(struct submit_opts *o, char *err, size_t errlen)
{
	size_t	i;

	if (o->prompt_field == NULL)
		o->prompt_field = "prompt";
	o->image_uris = xcalloc(o->nimages + 1, sizeof(*o->image_uris));
	o->image_is_url = xcalloc(o->nimages + 1, sizeof(*o->image_is_url));
	for (i = 0; i < o->nimages; i++) {
		if (is_url(o->images[i])) {
			o->image_uris[i] = xstrdup(o->images[i]);
			o->image_is_url[i] = 1;
		} else if ((o->image_uris[i] = datauri_file(o->images[i], err,
		    errlen)) == NULL)
			return -1;
	}
	if (o->mask_file != NULL &&
	    (o->mask_uri = datauri_file(o->mask_file, err, errlen)) == NULL)
		return -1;
	if (o->end_image != NULL && (o->end_image_uri = is_url(o->end_image) ?
	    xstrdup(o->end_image) : datauri_file(o->end_image, err,
	    errlen)) == NULL)
		return -1;
	if (o->kind == SUBMIT_ACTION && actions_load(o, err, errlen) == -1)
		return -1;
	return 0;
}

void
submit_opts_free(struct submit_opts *o)
{
	size_t	i;

	for (i = 0; o->image_uris != NULL && i < o->nimages; i++)
		free(o->image_uris[i]);
	free(o->image_uris);
	free(o->image_is_url);
	free(o->mask_uri);
	free(o->end_image_uri);
	o->end_image_uri = NULL;
	for (i = 0; i < o->nactions; i++)
		free(o->action_names[i]);
	free(o->action_names);
	o->image_uris = NULL;
	o->image_is_url = NULL;
	o->mask_uri = NULL;
	o->action_names = NULL;
	o->nactions = 0;
}

/* Take the record's own field if it has one (a new reference), or NULL. */
static json_object *
own_field(const struct record *rec, const char *name)
{
	json_object	*v = record_get(rec, name);

	return v != NULL && !json_object_is_type(v, json_type_null) ?
	    json_object_get(v) : NULL;
}

static void
add_string_or_own(json_object *body, const struct record *rec,
    const char *name, const char *dflt)
{
	json_object	*v;

	if ((v = own_field(rec, name)) != NULL)
		json_add(body, name, v);
	else if (dflt != NULL)
		json_add_string(body, name, dflt);
}

/* botType, accountFilter, state and notifyHook: shared by every kind. */
static int
add_common(json_object *body, const struct submit_opts *o,
    const struct record *rec, int with_bot, char *err, size_t errlen)
{
	json_object	*v, *filter, *modes;
	char		*state = NULL;

	if (with_bot)
		add_string_or_own(body, rec, "botType", o->bot);
	if ((v = own_field(rec, "accountFilter")) != NULL)
		json_add(body, "accountFilter", v);
	else if (o->mode != NULL) {
		filter = jx_new_object();
		modes = jx_new_array();
		jx_array_add(modes, jx_new_string(o->mode));
		json_add(filter, "modes", modes);
		json_add(body, "accountFilter", filter);
	}
	if ((v = own_field(rec, "state")) != NULL)
		json_add(body, "state", v);
	else if (o->state != NULL) {
		state = template_expand(o->state, rec, err, errlen);
		if (state == NULL)
			return -1;
		json_add_string(body, "state", state);
		free(state);
	}
	add_string_or_own(body, rec, "notifyHook", o->notify_hook);
	return 0;
}

static json_object *
uri_array(const struct submit_opts *o, int urls)
{
	json_object	*a = jx_new_array();
	size_t		 i;

	for (i = 0; i < o->nimages; i++)
		if (o->image_is_url[i] == urls)
			jx_array_add(a, jx_new_string(o->image_uris[i]));
	return a;
}

static char *
prompt_of(const struct submit_opts *o, const struct record *rec, int required,
    char *err, size_t errlen)
{
	struct buf	 b = BUF_INIT;
	const char	*p;
	char		*t;
	size_t		 i;

	if (o->prompt_text != NULL) {
		t = xstrdup(o->prompt_text);
	} else if (o->template != NULL) {
		t = template_expand(o->template, rec, err, errlen);
		if (t == NULL)
			return NULL;
	} else if (template_nul_field(rec, o->prompt_field)) {
		(void)errf(err, errlen, "field '%s' holds U+0000, which cannot "
		    "be sent", o->prompt_field);
		return NULL;
	} else if ((p = template_field_text(rec, o->prompt_field)) != NULL)
		t = xstrdup(p);
	else
		t = xstrdup("");
	if (*t == '\0' && required) {
		(void)errf(err, errlen, "no prompt: field '%s' is missing or "
		    "empty", o->prompt_field);
		free(t);
		return NULL;
	}
	/* image references by URL go at the start of the prompt (api.md) */
	for (i = 0; o->kind == SUBMIT_IMAGINE && i < o->nimages; i++)
		if (o->image_is_url[i])
			buf_appendf(&b, "%s ", o->image_uris[i]);
	buf_appends(&b, t);
	free(t);
	return buf_detach(&b, NULL);
}

static char *
body_text(json_object *body)
{
	const char	*s;

	s = json_object_to_json_string_ext(body, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
	if (s == NULL)
		xalloc_oom();	/* json-c's buffer: not an empty request */
	return xstrdup(s);
}

/* The record's one submission: body with the fields every kind shares. */
static int
finish_one(json_object *body, const struct submit_opts *o,
    const struct record *rec, int with_bot, const char *endpoint,
    struct submission **out, char *err, size_t errlen)
{
	struct submission	*s;

	if (add_common(body, o, rec, with_bot, err, errlen) == -1) {
		json_object_put(body);
		return -1;
	}
	s = xcalloc(1, sizeof(*s));
	s->endpoint = endpoint;
	s->body = body_text(body);
	json_object_put(body);
	*out = s;
	return 1;
}

/* A body with the record's prompt (imagine, shorten), or NULL. */
static json_object *
prompt_body(const struct submit_opts *o, const struct record *rec, char *err,
    size_t errlen)
{
	json_object	*body;
	char		*prompt;

	if ((prompt = prompt_of(o, rec, 1, err, errlen)) == NULL)
		return NULL;
	body = jx_new_object();
	json_add_string(body, "prompt", prompt);
	free(prompt);
	return body;
}

static int
build_imagine(const struct submit_opts *o, const struct record *rec,
    struct submission **out, char *err, size_t errlen)
{
	json_object	*body, *imgs;

	if ((body = prompt_body(o, rec, err, errlen)) == NULL)
		return -1;
	if ((imgs = own_field(rec, "base64Array")) == NULL &&
	    (imgs = uri_array(o, 0)) != NULL &&
	    json_object_array_length(imgs) == 0) {
		json_object_put(imgs);
		imgs = NULL;
	}
	if (imgs != NULL)
		json_add(body, "base64Array", imgs);
	if (finish_one(body, o, rec, 1, "/mj/submit/imagine", out, err,
	    errlen) == -1)
		return -1;
	/* an expanded job says what it sent: the prompt, links first */
	if (o->prompt_text != NULL)
		(*out)->prompt = o->nimages == 0 ? xstrdup(o->prompt_text) :
		    prompt_of(o, rec, 1, err, errlen);
	return 1;
}

static int
build_blend(const struct submit_opts *o, const struct record *rec,
    struct submission **out, char *err, size_t errlen)
{
	json_object	*body, *imgs;
	size_t		 n;

	if ((imgs = own_field(rec, "base64Array")) == NULL)
		imgs = uri_array(o, 0);
	/* uri_array never gives NULL */
	n = json_object_is_type(imgs, json_type_array) ?
	    json_object_array_length(imgs) : 0;
	if (n < BLEND_MIN || n > BLEND_MAX) {
		json_object_put(imgs);
		return errf(err, errlen, "--blend needs 2 to 5 image files, "
		    "got %zu", n);
	}
	body = jx_new_object();
	json_add(body, "base64Array", imgs);
	add_string_or_own(body, rec, "dimensions",
	    o->dimensions != NULL ? o->dimensions : "SQUARE");
	return finish_one(body, o, rec, 1, "/mj/submit/blend", out, err,
	    errlen);
}

/* The one image of describe and video: the record's, then --image's. */
static const char *
single_image(const struct submit_opts *o, const struct record *rec,
    const char *field)
{
	json_object	*task;
	const char	*v;

	if ((v = template_field_text(rec, field)) != NULL && *v != '\0')
		return v;
	if (o->nimages > 0)
		return o->image_uris[0];
	/* a finished task's own image: "make a video of this" */
	if ((task = record_task(rec)) != NULL &&
	    (v = json_get_string(task, "imageUrl")) != NULL && *v != '\0')
		return v;
	return NULL;
}

static int
build_describe(const struct submit_opts *o, const struct record *rec,
    struct submission **out, char *err, size_t errlen)
{
	json_object	*body;
	const char	*img;

	body = jx_new_object();
	if ((img = template_field_text(rec, "base64")) != NULL && *img != '\0')
		json_add_string(body, "base64", img);
	else if ((img = single_image(o, rec, "link")) != NULL)
		json_add_string(body, is_url(img) ? "link" : "base64", img);
	else {
		json_object_put(body);
		return errf(err, errlen, "--describe needs an image: --image "
		    "FILE|URL or a 'base64' or 'link' field");
	}
	add_string_or_own(body, rec, "language", o->language);
	return finish_one(body, o, rec, 1, "/mj/submit/describe", out, err,
	    errlen);
}

/* A field of the record's own, or the option's value (a new one). */
static void
own_or(json_object *body, const struct record *rec, const char *name,
    json_object *dflt)
{
	json_object	*v;

	if ((v = own_field(rec, name)) != NULL) {
		json_object_put(dflt);
		json_add(body, name, v);
	} else if (dflt != NULL)
		json_add(body, name, dflt);
}

/* The last frame, a loop, HD and the batch (api.md 7b). */
static void
video_extras(json_object *body, const struct submit_opts *o,
    const struct record *rec)
{
	add_string_or_own(body, rec, "endImage", o->end_image_uri);
	own_or(body, rec, "loop", o->loop ? jx_new_boolean(1) :
	    NULL);
	add_string_or_own(body, rec, "videoType", o->hd ?
	    "vid_1.1_i2v_720" : NULL);
	own_or(body, rec, "batchSize", o->batch_size != 0 ?
	    jx_new_int(o->batch_size) : NULL);
}

static int
build_video(const struct submit_opts *o, const struct record *rec,
    struct submission **out, char *err, size_t errlen)
{
	json_object	*body;
	const char	*img;
	char		*prompt;

	if ((img = single_image(o, rec, "image")) == NULL)
		return errf(err, errlen, "--video needs a first frame: --image "
		    "FILE|URL, an 'image' field or a finished task's image");
	if ((prompt = prompt_of(o, rec, 0, err, errlen)) == NULL)
		return -1;
	body = jx_new_object();
	json_add_string(body, "image", img);
	add_string_or_own(body, rec, "motion",
	    o->motion != NULL ? o->motion : "low");
	if (*prompt != '\0')
		json_add_string(body, "prompt", prompt);
	free(prompt);
	video_extras(body, o, rec);
	return finish_one(body, o, rec, 0, "/mj/submit/video", out, err,
	    errlen);
}

/* Edit and retexture (api.md 7b): the prompt and an image. */
static int
build_edit(const struct submit_opts *o, const struct record *rec,
    const char *endpoint, struct submission **out, char *err, size_t errlen)
{
	json_object	*body;
	const char	*img;
	char		*prompt;

	if ((img = single_image(o, rec, "image")) == NULL)
		return errf(err, errlen, "%s needs an image: --image FILE|URL, "
		    "an 'image' field or a finished task's image",
		    o->kind == SUBMIT_EDIT ? "--edit" : "--retexture");
	if ((prompt = prompt_of(o, rec, 1, err, errlen)) == NULL)
		return -1;
	body = jx_new_object();
	json_add_string(body, "prompt", prompt);
	free(prompt);
	json_add_string(body, "image", img);
	return finish_one(body, o, rec, 0, endpoint, out, err, errlen);
}

/* Prompt analysis: the prompt and the bot (api.md), nothing else. */
static int
build_shorten(const struct submit_opts *o, const struct record *rec,
    struct submission **out, char *err, size_t errlen)
{
	json_object	*body;

	if ((body = prompt_body(o, rec, err, errlen)) == NULL)
		return -1;
	return finish_one(body, o, rec, 1, "/mj/submit/shorten", out, err,
	    errlen);
}

static json_object *
parent_of(json_object *task, const char *id, const char *button)
{
	json_object	*p = jx_new_object();
	const char	*action = json_get_string(task, "action");

	json_add_string(p, "id", id);
	if (action != NULL)
		json_add_string(p, "action", action);
	json_add_string(p, "button", button);
	return p;
}

static int
action_body(const struct submit_opts *o, const struct record *rec,
    json_object *task, const char *name, struct submission *s, char *err,
    size_t errlen)
{
	json_object	*body, *button;
	const char	*id = api_task_id(task), *cid;
	char		*names;

	button = api_find_button(task, name);
	cid = button != NULL ? json_get_string(button, "customId") : NULL;
	if (cid == NULL || *cid == '\0') {
		names = api_button_names(task);
		(void)errf(err, errlen,
		    "task %s has no button '%s'; it has: %s", id, name,
		    *names != '\0' ? names : "none");
		free(names);
		return -1;
	}
	body = jx_new_object();
	json_add_string(body, "taskId", id);
	json_add_string(body, "customId", cid);
	if (o->remix)
		json_add_bool(body, "enableRemix", 1);
	if (add_common(body, o, rec, 0, err, errlen) == -1) {
		json_object_put(body);
		return -1;
	}
	s->endpoint = "/mj/submit/action";
	s->body = body_text(body);
	json_object_put(body);
	return 0;
}

/*
 * Extend a finished video (api.md 7b): its variant n (1-based) as a
 * 0-based index, its id, and its prompt, which trueai-org requires.
 */
static int
extend_body(const struct submit_opts *o, const struct record *rec,
    json_object *task, int n, struct submission *s, char *err, size_t errlen)
{
	json_object	*body, *urls;
	const char	*id = api_task_id(task), *action, *prompt;
	size_t		 variants = 1;

	action = json_get_string(task, "action");
	if (action == NULL || strcmp(action, "VIDEO") != 0)
		return errf(err, errlen, "task %s is not a video (%s): only "
		    "a finished video can be extended", id,
		    action != NULL ? action : "no action");
	if (json_object_object_get_ex(task, "videoUrls", &urls) &&
	    json_object_is_type(urls, json_type_array) &&
	    json_object_array_length(urls) > 0)
		variants = json_object_array_length(urls);
	if ((size_t)n > variants)
		return errf(err, errlen, "task %s has %zu video%s: no "
		    "extend%d", id, variants, variants == 1 ? "" : "s", n);
	body = jx_new_object();
	json_add_string(body, "action", "extend");
	json_add_int(body, "index", n - 1);
	json_add_string(body, "taskId", id);
	if ((prompt = json_get_string(task, "prompt")) != NULL &&
	    *prompt != '\0')
		json_add_string(body, "prompt", prompt);
	if (o->motion != NULL)
		json_add_string(body, "motion", o->motion);
	if (add_common(body, o, rec, 0, err, errlen) == -1) {
		json_object_put(body);
		return -1;
	}
	s->endpoint = "/mj/submit/video";
	s->body = body_text(body);
	json_object_put(body);
	return 0;
}

static int
build_actions(const struct submit_opts *o, const struct record *rec,
    struct submission **out, char *err, size_t errlen)
{
	struct submission	*subs;
	json_object		*task = record_task(rec);
	const char		*id, *status;
	size_t			 i;
	int			 n;

	if (task == NULL || (id = api_task_id(task)) == NULL)
		return errf(err, errlen, "--action needs a record with a "
		    "finished task (task.id and task.buttons)");
	status = api_task_status(task);
	if (*status != '\0' && strcmp(status, "SUCCESS") != 0)
		return errf(err, errlen, "task %s is %s, not SUCCESS: its "
		    "buttons cannot be used", id, status);
	subs = xcalloc(o->nactions, sizeof(*subs));
	for (i = 0; i < o->nactions; i++) {
		n = extend_number(o->action_names[i]);
		if ((n > 0 ? extend_body(o, rec, task, n, &subs[i], err,
		    errlen) : action_body(o, rec, task, o->action_names[i],
		    &subs[i], err, errlen)) == -1) {
			submission_free_all(subs, i);
			return -1;
		}
		/* an extend has no button: no customId to go stale */
		if (n == 0)
			subs[i].button = xstrdup(o->action_names[i]);
		subs[i].parent = parent_of(task, id, o->action_names[i]);
	}
	*out = subs;
	return (int)o->nactions;
}

int
submission_modal(const struct submit_opts *o, const char *task_id,
    struct submission *s, char *err, size_t errlen)
{
	json_object	*body;

	if (o->modal_prompt == NULL && o->mask_uri == NULL)
		return errf(err, errlen, "task %s waits for a modal: give "
		    "--modal-prompt (and --mask for Vary (Region))", task_id);
	memset(s, 0, sizeof(*s));
	body = jx_new_object();
	json_add_string(body, "taskId", task_id);
	if (o->modal_prompt != NULL)
		json_add_string(body, "prompt", o->modal_prompt);
	if (o->mask_uri != NULL)
		json_add_string(body, "maskBase64", o->mask_uri);
	s->endpoint = "/mj/submit/modal";
	s->body = body_text(body);
	json_object_put(body);
	return 0;
}

static int
build_modal(const struct submit_opts *o, const struct record *rec,
    struct submission **out, char *err, size_t errlen)
{
	json_object	*task = record_task(rec);
	const char	*id;
	struct submission *s;

	if (task == NULL || (id = api_task_id(task)) == NULL ||
	    strcmp(api_task_status(task), "MODAL") != 0)
		return errf(err, errlen, "--modal-prompt needs a task in "
		    "status MODAL");
	s = xcalloc(1, sizeof(*s));
	if (submission_modal(o, id, s, err, errlen) == -1) {
		free(s);
		return -1;
	}
	*out = s;
	return 1;
}

int
submission_build(const struct submit_opts *o, const struct record *rec,
    struct submission **out, char *err, size_t errlen)
{
	json_object	*task = record_task(rec);

	*out = NULL;
	/* a task waiting in a modal goes on with the modal, whatever kind */
	if (task != NULL && strcmp(api_task_status(task), "MODAL") == 0 &&
	    (o->modal_prompt != NULL || o->mask_uri != NULL))
		return build_modal(o, rec, out, err, errlen);
	switch (o->kind) {
	case SUBMIT_ACTION:
		return build_actions(o, rec, out, err, errlen);
	case SUBMIT_MODAL:
		return build_modal(o, rec, out, err, errlen);
	case SUBMIT_BLEND:
		return build_blend(o, rec, out, err, errlen);
	case SUBMIT_DESCRIBE:
		return build_describe(o, rec, out, err, errlen);
	case SUBMIT_VIDEO:
		return build_video(o, rec, out, err, errlen);
	case SUBMIT_SHORTEN:
		return build_shorten(o, rec, out, err, errlen);
	case SUBMIT_EDIT:
		return build_edit(o, rec, "/mj/submit/edits", out, err,
		    errlen);
	case SUBMIT_RETEXTURE:
		return build_edit(o, rec, "/mj/submit/retexture", out, err,
		    errlen);
	default:
		return build_imagine(o, rec, out, err, errlen);
	}
}

int
submission_rebuild_action(const struct submit_opts *o, json_object *task,
    struct submission *s, char *err, size_t errlen)
{
	struct jsonstrict_error	 jerr;
	json_object		*body, *button;
	const char		*cid;
	char			*names;

	(void)o;	/* the body already holds what the options gave */
	/* jsonstrict exits when out of memory, where json-c's tokener
	 * returns NULL or drops a member */
	if (s->button == NULL || (body = jsonstrict_parse(s->body,
	    strlen(s->body), &jerr)) == NULL)
		return errf(err, errlen, "not an action");
	button = api_find_button(task, s->button);
	cid = button != NULL ? json_get_string(button, "customId") : NULL;
	if (cid == NULL || *cid == '\0') {
		names = api_button_names(task);
		(void)errf(err, errlen, "task %s has no button '%s' any more; "
		    "it has: %s", api_task_id(task) != NULL ?
		    api_task_id(task) : "?", s->button, names);
		free(names);
		json_object_put(body);
		return -1;
	}
	json_add_string(body, "customId", cid);
	free(s->body);
	s->body = body_text(body);
	json_object_put(body);
	return 0;
}

void
submission_free_all(struct submission *subs, size_t n)
{
	size_t	i;

	if (subs == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(subs[i].body);
		free(subs[i].button);
		free(subs[i].prompt);
		json_object_put(subs[i].parent);
	}
	free(subs);
}
