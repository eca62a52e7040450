/*
 * The task API as servers really speak it (api.md): envelopes and tasks
 * read tolerantly, task ids kept as text, buttons found by what a person
 * would call them.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "api.h"
#include "buf.h"
#include "diag.h"
#include "xalloc.h"

#define EXCERPT_CHARS	80	/* of a body that is not what we expected */
#define NORM_MAX	128	/* a button name, normalized */

/* A stretch of the raw body: where a value was written. */
struct span {
	const char	*p;
	const char	*end;
};

static void
set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	/* a long message is cut short: that is all truncation costs here */
	(void)vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* obj[key] if obj is an object and the value is not null; borrowed. */
static json_object *
member(json_object *obj, const char *key)
{
	json_object	*v;

	if (obj == NULL || !json_object_is_type(obj, json_type_object) ||
	    !json_object_object_get_ex(obj, key, &v))
		return NULL;
	return v;
}

/* A string member, or NULL (numbers are not strings here). */
static const char *
member_string(json_object *obj, const char *key)
{
	json_object	*v = member(obj, key);

	if (v == NULL || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* A non-empty string member, or NULL. */
static const char *
member_text(json_object *obj, const char *key)
{
	const char	*s = member_string(obj, key);

	return s != NULL && *s != '\0' ? s : NULL;
}

/*
 * The first EXCERPT_CHARS characters of a body, safe for a terminal.
 * Caller frees.
 */
static char *
excerpt(const char *body, size_t len)
{
	struct buf	 b = BUF_INIT;
	size_t		 i, chars = 0;
	char		*s;

	for (i = 0; i < len; i++) {
		/* a UTF-8 continuation byte does not start a character */
		if (((unsigned char)body[i] & 0xc0) != 0x80 &&
		    ++chars > EXCERPT_CHARS)
			break;
		if (body[i] == '\0')
			buf_appends(&b, "\\x00");
		else
			buf_appendc(&b, body[i]);
	}
	s = diag_escape(buf_str(&b));
	buf_free(&b);
	return s;
}

static void
not_a(const char *what, const char *body, size_t len, char *err,
    size_t errlen)
{
	char	*s;

	if (len == 0) {
		set_err(err, errlen, "not %s: empty body", what);
		return;
	}
	s = excerpt(body, len);
	set_err(err, errlen, "not %s: %s", what, s);
	free(s);
}

static int
blank(const char *p, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		if (!isspace((unsigned char)p[i]))
			return 0;
	return 1;
}

/*
 * Parse a whole body as one JSON value.  0 with *out set (NULL for a JSON
 * null), or -1 when it is not JSON or has something after the value.
 */
static int
parse_body(const char *body, size_t len, json_object **out)
{
	struct json_tokener	*tok;
	json_object		*v;
	size_t			 end;

	*out = NULL;
	if (len > INT_MAX || (tok = json_tokener_new()) == NULL)
		return -1;
	v = json_tokener_parse_ex(tok, body, (int)len);
	end = json_tokener_get_parse_end(tok);
	/* a number at the very end waits for more: end the input */
	if (v == NULL &&
	    json_tokener_get_error(tok) == json_tokener_continue) {
		v = json_tokener_parse_ex(tok, "", 1);
		end = len;
	}
	if (json_tokener_get_error(tok) != json_tokener_success ||
	    end > len || !blank(body + end, len - end)) {
		json_object_put(v);
		json_tokener_free(tok);
		return -1;
	}
	json_tokener_free(tok);
	*out = v;
	return 0;
}

/*
 * A tiny skimmer over the raw text, for what json-c loses: integers past
 * 64 bits come back clamped, so a numeric task id is copied from the body.
 * It runs only on text json-c has already accepted.
 */
static const char *
skip_ws(const char *p, const char *end)
{
	while (p < end && isspace((unsigned char)*p))
		p++;
	return p;
}

static const char *
skip_string(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '"')
			return p + 1;
	}
	return NULL;
}

static const char *
skip_value(const char *p, const char *end)
{
	int	depth = 0;

	if (p >= end)
		return NULL;
	if (*p != '{' && *p != '[' && *p != '"') {
		while (p < end && strchr(",}] \t\r\n", *p) == NULL)
			p++;
		return p;
	}
	while (p != NULL && p < end) {
		if (*p == '"')
			p = skip_string(p, end);
		else {
			if (*p == '{' || *p == '[')
				depth++;
			else if (*p == '}' || *p == ']')
				depth--;
			p++;
		}
		if (depth == 0)
			return p;
	}
	return NULL;
}

/* The raw text of obj[key] in the object at s, or -1. */
static int
raw_member(struct span s, const char *key, struct span *out)
{
	const char	*p = skip_ws(s.p, s.end), *k, *v;
	size_t		 klen;

	if (p >= s.end || *p != '{')
		return -1;
	for (p = skip_ws(p + 1, s.end); p < s.end && *p == '"';) {
		k = p + 1;
		if ((p = skip_string(p, s.end)) == NULL)
			return -1;
		klen = (size_t)(p - 1 - k);
		p = skip_ws(p, s.end);
		if (p >= s.end || *p != ':')
			return -1;
		v = skip_ws(p + 1, s.end);
		if ((p = skip_value(v, s.end)) == NULL)
			return -1;
		if (klen == strlen(key) && memcmp(k, key, klen) == 0) {
			out->p = v;
			out->end = p;
			return 0;
		}
		p = skip_ws(p, s.end);
		if (p >= s.end || *p != ',')
			return -1;
		p = skip_ws(p + 1, s.end);
	}
	return -1;
}

/*
 * The raw text of the next element of the array at s, or -1: *at is
 * where the last call stopped (NULL at first), so that a list is walked
 * once, not once per element.
 */
static int
raw_next(struct span s, const char **at, struct span *out)
{
	const char	*p = *at;

	if (p == NULL) {
		p = skip_ws(s.p, s.end);
		if (p >= s.end || *p != '[')
			return -1;
		p = skip_ws(p + 1, s.end);
	}
	if (p >= s.end || *p == ']')
		return -1;
	out->p = p;
	if ((p = skip_value(p, s.end)) == NULL)
		return -1;
	out->end = p;
	p = skip_ws(p, s.end);
	if (p < s.end && *p == ',')
		p = skip_ws(p + 1, s.end);
	*at = p;
	return 0;
}

/* The span holds an integer as JSON writes it. */
static int
raw_integer(struct span s)
{
	const char	*p = s.p;

	if (p < s.end && *p == '-')
		p++;
	if (p >= s.end)
		return 0;
	for (; p < s.end; p++)
		if (!isdigit((unsigned char)*p))
			return 0;
	return 1;
}

/*
 * A number's digits: from the raw text when it is there (json-c clamps
 * integers past 64 bits), else as json-c prints it.  Caller frees.
 */
static char *
number_text(json_object *v, const struct span *raw)
{
	if (raw != NULL && raw_integer(*raw))
		return xstrndup(raw->p, (size_t)(raw->end - raw->p));
	return xstrdup(json_object_get_string(v));
}

static int
is_number(json_object *v)
{
	return json_object_is_type(v, json_type_int) ||
	    json_object_is_type(v, json_type_double);
}

/* Replace a numeric "id" of task by its digits as a string. */
static void
normalize_id(json_object *task, const struct span *raw)
{
	json_object	*id = member(task, "id");
	struct span	 s, *sp = NULL;
	char		*text;

	if (id == NULL || !is_number(id))
		return;
	if (raw != NULL && raw_member(*raw, "id", &s) == 0)
		sp = &s;
	text = number_text(id, sp);
	if (json_object_object_add(task, "id",
	    json_object_new_string(text)) != 0)
		xalloc_oom();
	free(text);
}

/*
 * An integer written as a number or as a string of digits ("1"), or -1
 * when it is neither.
 */
static int
code_of(json_object *v, int *code)
{
	const char	*s;
	char		*end;
	long		 l;
	double		 d;

	if (v == NULL)
		return -1;
	if (json_object_is_type(v, json_type_int)) {
		l = (long)json_object_get_int64(v);
		if (l < INT_MIN || l > INT_MAX)
			return -1;
		*code = (int)l;
		return 0;
	}
	if (json_object_is_type(v, json_type_double)) {
		d = json_object_get_double(v);
		/* the range first: converting a double out of it is undefined */
		if (!(d >= INT_MIN && d <= INT_MAX) || d != (int)d)
			return -1;
		*code = (int)d;
		return 0;
	}
	if (!json_object_is_type(v, json_type_string))
		return -1;
	s = json_object_get_string(v);
	errno = 0;
	l = strtol(s, &end, 10);
	if (end == s || !blank(end, strlen(end)) || errno != 0 ||
	    l < INT_MIN || l > INT_MAX)
		return -1;
	*code = (int)l;
	return 0;
}

/*
 * An OpenAI-style error body: {"error":{"message":...}} or
 * {"error":"..."}.  The message (escaped) into err, 0; or -1.
 */
static int
openai_error(json_object *root, char *err, size_t errlen)
{
	json_object	*e = member(root, "error");
	const char	*msg = NULL;
	char		*s;

	if (e != NULL && json_object_is_type(e, json_type_string))
		msg = json_object_get_string(e);
	else if (e != NULL)
		msg = member_text(e, "message");
	if (msg == NULL || *msg == '\0')
		return -1;
	s = diag_escape(msg);
	set_err(err, errlen, "%s", s);
	free(s);
	return 0;
}

/* result: a string, or a number kept as its digits; "" and null: NULL. */
static char *
reply_result(json_object *root, const char *body, size_t len)
{
	json_object	*v = member(root, "result");
	struct span	 whole = { body, body + len }, s, *sp = NULL;

	if (v == NULL)
		return NULL;
	if (json_object_is_type(v, json_type_string))
		return json_object_get_string_len(v) > 0 ?
		    xstrdup(json_object_get_string(v)) : NULL;
	if (!is_number(v))
		return NULL;
	if (raw_member(whole, "result", &s) == 0)
		sp = &s;
	return number_text(v, sp);
}

int
api_parse_reply(const char *body, size_t len, struct api_reply *r,
    char *err, size_t errlen)
{
	json_object	*root = NULL, *v;

	memset(r, 0, sizeof(*r));
	if (body == NULL)
		len = 0;
	if (len == 0 || parse_body(body, len, &root) == -1 ||
	    !json_object_is_type(root, json_type_object)) {
		json_object_put(root);
		not_a("an API reply", body, len, err, errlen);
		return -1;
	}
	if (code_of(member(root, "code"), &r->code) == -1) {
		if (openai_error(root, err, errlen) == -1)
			not_a("an API reply", body, len, err, errlen);
		json_object_put(root);
		return -1;
	}
	v = member(root, "description");
	r->description = xstrdup(v != NULL ? json_object_get_string(v) : "");
	r->result = reply_result(root, body, len);
	if ((v = member(root, "properties")) != NULL)
		r->properties = json_object_get(v);
	json_object_put(root);
	return 0;
}

void
api_reply_free(struct api_reply *r)
{
	if (r == NULL)
		return;
	free(r->description);
	free(r->result);
	json_object_put(r->properties);
	memset(r, 0, sizeof(*r));
}

json_object *
api_parse_task(const char *body, size_t len, int *notfound, char *err,
    size_t errlen)
{
	json_object	*root;
	struct span	 whole = { body, body + len };

	*notfound = 0;
	if (body == NULL || blank(body, len)) {
		*notfound = 1;
		return NULL;
	}
	if (parse_body(body, len, &root) == -1 || (root != NULL &&
	    !json_object_is_type(root, json_type_object))) {
		json_object_put(root);
		not_a("a task", body, len, err, errlen);
		return NULL;
	}
	if (api_task_id(root) == NULL) {
		/* a gateway's error in a 200 is not "no such task" */
		if (root == NULL || openai_error(root, err, errlen) == -1)
			*notfound = 1;
		json_object_put(root);
		return NULL;
	}
	normalize_id(root, &whole);
	return root;
}

/* The array in a list reply: the body itself or a wrapper's member. */
static json_object *
list_array(json_object *root, struct span whole, struct span *raw)
{
	static const char *const wrappers[] = { "data", "result", "list",
	    "items" };
	json_object	*v;
	size_t		 i;

	*raw = whole;
	if (json_object_is_type(root, json_type_array))
		return root;
	for (i = 0; i < sizeof(wrappers) / sizeof(wrappers[0]); i++) {
		v = member(root, wrappers[i]);
		if (v != NULL && json_object_is_type(v, json_type_array)) {
			if (raw_member(whole, wrappers[i], raw) == -1)
				raw->p = raw->end = NULL;
			return v;
		}
	}
	return NULL;
}

/* The objects of arr, ids normalized, in a new array. */
static json_object *
list_tasks(json_object *arr, struct span raw)
{
	json_object	*out, *t;
	struct span	 s;
	const char	*at = NULL;
	size_t		 i, n = json_object_array_length(arr);
	int		 have;

	if ((out = json_object_new_array()) == NULL)
		xalloc_oom();
	for (i = 0; i < n; i++) {
		/* element i's text, in step with i */
		have = raw.p != NULL && raw_next(raw, &at, &s) == 0;
		t = json_object_array_get_idx(arr, i);
		if (t == NULL || !json_object_is_type(t, json_type_object))
			continue;
		normalize_id(t, have ? &s : NULL);
		if (json_object_array_add(out, json_object_get(t)) != 0)
			xalloc_oom();
	}
	return out;
}

json_object *
api_parse_task_list(const char *body, size_t len, char *err, size_t errlen)
{
	json_object	*root, *arr, *out;
	struct span	 whole = { body, body + len }, raw;

	if (body == NULL || blank(body, len)) {
		set_err(err, errlen, "not a task list: empty body");
		return NULL;
	}
	if (parse_body(body, len, &root) == -1) {
		not_a("a task list", body, len, err, errlen);
		return NULL;
	}
	if (root == NULL)	/* null: no tasks */
		return json_object_new_array();
	if ((arr = list_array(root, whole, &raw)) == NULL) {
		if (openai_error(root, err, errlen) == -1)
			not_a("a task list", body, len, err, errlen);
		json_object_put(root);
		return NULL;
	}
	out = list_tasks(arr, raw);
	json_object_put(root);
	return out;
}

char *
api_percent_encode(const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	struct buf		 b = BUF_INIT;
	unsigned char		 c;

	buf_appends(&b, "");
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (isalnum(c) || strchr("-._~", c) != NULL)
			buf_appendc(&b, (char)c);
		else {
			buf_appendc(&b, '%');
			buf_appendc(&b, hex[c >> 4]);
			buf_appendc(&b, hex[c & 0x0f]);
		}
	}
	return buf_detach(&b, NULL);
}

char *
api_fetch_path(const char *id)
{
	char	*enc, *path;

	enc = api_percent_encode(id);
	path = xasprintf("/mj/task/%s/fetch", enc);
	free(enc);
	return path;
}

char *
api_list_body(const char *const *ids, size_t n)
{
	json_object	*body, *arr;
	const char	*s;
	char		*text;
	size_t		 i;

	if ((body = json_object_new_object()) == NULL ||
	    (arr = json_object_new_array()) == NULL ||
	    json_object_object_add(body, "ids", arr) != 0)
		xalloc_oom();
	for (i = 0; i < n; i++)
		if (json_object_array_add(arr,
		    json_object_new_string(ids[i])) != 0)
			xalloc_oom();
	s = json_object_to_json_string_ext(body,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	if (s == NULL)
		xalloc_oom();
	text = xstrdup(s);
	json_object_put(body);
	return text;
}

const char *
api_task_id(json_object *task)
{
	json_object	*id = member(task, "id");
	const char	*s;

	if (id == NULL)
		return NULL;
	if (!json_object_is_type(id, json_type_string) && !is_number(id))
		return NULL;
	/* for a number: its digits, kept inside the object */
	s = json_object_get_string(id);
	return s != NULL && *s != '\0' ? s : NULL;
}

const char *
api_task_status(json_object *task)
{
	const char	*s = member_string(task, "status");

	return s != NULL ? s : "";
}

int
api_status_terminal(const char *status)
{
	static const char *const terminal[] = { "SUCCESS", "FAILURE",
	    "CANCEL", "MODAL" };
	size_t	i;

	if (status == NULL)
		return 0;
	for (i = 0; i < sizeof(terminal) / sizeof(terminal[0]); i++)
		if (strcasecmp(status, terminal[i]) == 0)
			return 1;
	return 0;
}

/* "45%", "45", " 45.5 %": the whole percent, or -1. */
static int
progress_text(const char *s)
{
	long	 n = 0;
	int	 digits = 0;

	while (isspace((unsigned char)*s))
		s++;
	for (; isdigit((unsigned char)*s) && n <= 100; s++, digits++)
		n = n * 10 + (*s - '0');
	if (digits == 0 || n > 100)
		return -1;
	if (*s == '.')
		for (s++; isdigit((unsigned char)*s); s++)
			continue;
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '%')
		s++;
	while (isspace((unsigned char)*s))
		s++;
	return *s == '\0' ? (int)n : -1;
}

int
api_task_progress(json_object *task)
{
	json_object	*v = member(task, "progress");
	double		 d;

	if (v == NULL)
		return -1;
	if (json_object_is_type(v, json_type_string))
		return progress_text(json_object_get_string(v));
	if (!is_number(v))
		return -1;
	d = json_object_get_double(v);
	return d >= 0 && d <= 100 ? (int)d : -1;
}

/*
 * Buttons.  A name is compared in a normal form: ASCII lower case, runs of
 * spaces, '_', '-' and parentheses as one '_', no emoji variation
 * selector (U+FE0F): "Pan Left", "pan_left" and "pan-left" are one name,
 * "Upscale (Subtle)" is "upscale_subtle", "⬅️" is "⬅".
 */
static void
norm(const char *s, char *out, size_t size)
{
	size_t	n = 0;
	int	sep = 0;

	for (; *s != '\0' && n + 1 < size; s++) {
		if (strncmp(s, "\xef\xb8\x8f", 3) == 0) {
			s += 2;
			continue;
		}
		if (strchr(" _-()\t", *s) != NULL) {
			sep = n > 0;
			continue;
		}
		if (sep && n + 2 < size)
			out[n++] = '_';
		sep = 0;
		out[n++] = (char)tolower((unsigned char)*s);
	}
	out[n] = '\0';
}

static int
same_name(const char *a, const char *b)
{
	char	na[NORM_MAX], nb[NORM_MAX];

	if (a == NULL || b == NULL)
		return 0;
	norm(a, na, sizeof(na));
	norm(b, nb, sizeof(nb));
	return *na != '\0' && strcmp(na, nb) == 0;
}

/*
 * The buttons of api.md section 4: what people call them and the kind in
 * their customId.  A kind is a list of "::" parts matched against the
 * customId after "MJ::" (and "JOB::"); '*' in a part matches any text.
 */
static const struct button_kind {
	const char	*label;		/* also the name in api_button_names */
	const char	*emoji;
	const char	*alias;
	const char	*kind;
} button_kinds[] = {
	{ "U1", NULL, NULL, "upsample::1" },
	{ "U2", NULL, NULL, "upsample::2" },
	{ "U3", NULL, NULL, "upsample::3" },
	{ "U4", NULL, NULL, "upsample::4" },
	{ "V1", NULL, NULL, "variation::1" },
	{ "V2", NULL, NULL, "variation::2" },
	{ "V3", NULL, NULL, "variation::3" },
	{ "V4", NULL, NULL, "variation::4" },
	{ "reroll", "\U0001F504", NULL, "reroll" },
	{ "Upscale (Subtle)", NULL, NULL, "upsample_*subtle" },
	{ "Upscale (Creative)", NULL, NULL, "upsample_*creative" },
	{ "Vary (Strong)", NULL, NULL, "high_variation" },
	{ "Vary (Subtle)", NULL, NULL, "low_variation" },
	{ "Vary (Region)", NULL, NULL, "Inpaint" },
	{ "Zoom Out 2x", NULL, NULL, "Outpaint::50" },
	{ "Zoom Out 1.5x", NULL, NULL, "Outpaint::75" },
	{ "Custom Zoom", NULL, NULL, "CustomZoom" },
	{ "Pan Left", "\u2B05\uFE0F", "left", "pan_left" },
	{ "Pan Right", "\u27A1\uFE0F", "right", "pan_right" },
	{ "Pan Up", "\u2B06\uFE0F", "up", "pan_up" },
	{ "Pan Down", "\u2B07\uFE0F", "down", "pan_down" },
	{ "bookmark", "\u2764\uFE0F", NULL, "BOOKMARK" },
	{ "Animate (High motion)", NULL, NULL, "animate_high" },
	{ "Animate (Low motion)", NULL, NULL, "animate_low" },
};

/* One part of a customId against one part of a kind, with one '*'. */
static int
part_matches(const char *part, size_t len, const char *pat, size_t plen)
{
	const char	*star = memchr(pat, '*', plen);
	size_t		 pre, suf;

	if (star == NULL)
		return len == plen && strncasecmp(part, pat, len) == 0;
	pre = (size_t)(star - pat);
	suf = plen - pre - 1;
	return len >= pre + suf && strncasecmp(part, pat, pre) == 0 &&
	    strncasecmp(part + len - suf, star + 1, suf) == 0;
}

/* Length of the "::"-separated part at s. */
static size_t
part_len(const char *s)
{
	const char	*e = strstr(s, "::");

	return e != NULL ? (size_t)(e - s) : strlen(s);
}

/* The customId's parts after "MJ::" and "JOB::" start with kind's. */
static int
kind_matches(const char *cid, const char *kind)
{
	size_t	cl, kl;

	if (strncmp(cid, "MJ::", 4) == 0)
		cid += 4;
	if (strncmp(cid, "JOB::", 5) == 0)
		cid += 5;
	for (;;) {
		cl = part_len(cid);
		kl = part_len(kind);
		if (kl == 0 || !part_matches(cid, cl, kind, kl))
			return 0;
		kind += kl;
		cid += cl;
		if (*kind == '\0')
			return 1;
		if (*cid == '\0')
			return 0;
		kind += 2;
		cid += 2;
	}
}

static json_object *
buttons_of(json_object *task)
{
	json_object	*b = member(task, "buttons");

	return b != NULL && json_object_is_type(b, json_type_array) ? b : NULL;
}

/* The first button whose label or emoji is name, or whose customId is. */
static json_object *
find_by_label(json_object *buttons, const char *name)
{
	json_object	*b;
	const char	*cid;
	size_t		 i, n = json_object_array_length(buttons);

	for (i = 0; i < n; i++) {
		b = json_object_array_get_idx(buttons, i);
		if (same_name(member_text(b, "label"), name) ||
		    same_name(member_text(b, "emoji"), name))
			return b;
		cid = member_text(b, "customId");
		if (cid != NULL && strcmp(cid, name) == 0)
			return b;
	}
	return NULL;
}

static json_object *
find_by_kind(json_object *buttons, const char *kind)
{
	json_object	*b;
	const char	*cid;
	size_t		 i, n = json_object_array_length(buttons);

	for (i = 0; i < n; i++) {
		b = json_object_array_get_idx(buttons, i);
		cid = member_text(b, "customId");
		if (cid != NULL && kind_matches(cid, kind))
			return b;
	}
	return NULL;
}

static int
kind_named(const struct button_kind *k, const char *name)
{
	return same_name(k->label, name) || same_name(k->emoji, name) ||
	    same_name(k->alias, name) || same_name(k->kind, name);
}

json_object *
api_find_button(json_object *task, const char *name)
{
	json_object	*buttons = buttons_of(task), *b;
	char		 trimmed[NORM_MAX * 2];
	size_t		 i, len;

	if (buttons == NULL || name == NULL)
		return NULL;
	while (isspace((unsigned char)*name))
		name++;
	len = strlen(name);
	while (len > 0 && isspace((unsigned char)name[len - 1]))
		len--;
	if (len == 0 || len >= sizeof(trimmed))
		return NULL;
	memcpy(trimmed, name, len);
	trimmed[len] = '\0';
	if ((b = find_by_label(buttons, trimmed)) != NULL)
		return b;
	/* labels are empty for emoji-only buttons: go by the customId */
	for (i = 0; i < sizeof(button_kinds) / sizeof(button_kinds[0]); i++)
		if (kind_named(&button_kinds[i], trimmed) &&
		    (b = find_by_kind(buttons, button_kinds[i].kind)) != NULL)
			return b;
	/* a kind as it is written in customIds: "upsample::1" */
	return find_by_kind(buttons, trimmed);
}

/* What to call a button: its label, else the name of its kind. */
static const char *
button_name(json_object *b)
{
	const char	*s, *cid;
	size_t		 i;

	if ((s = member_text(b, "label")) != NULL)
		return s;
	if ((cid = member_text(b, "customId")) != NULL)
		for (i = 0; i < sizeof(button_kinds) /
		    sizeof(button_kinds[0]); i++)
			if (kind_matches(cid, button_kinds[i].kind))
				return button_kinds[i].label;
	if ((s = member_text(b, "emoji")) != NULL)
		return s;
	return cid;
}

char *
api_button_names(json_object *task)
{
	json_object	*buttons = buttons_of(task);
	struct buf	 b = BUF_INIT;
	const char	*name;
	size_t		 i, n;

	buf_appends(&b, "");
	n = buttons != NULL ? json_object_array_length(buttons) : 0;
	for (i = 0; i < n; i++) {
		name = button_name(json_object_array_get_idx(buttons, i));
		if (name == NULL)
			continue;
		if (b.len > 0)
			buf_appends(&b, ", ");
		buf_appends(&b, name);
	}
	return buf_detach(&b, NULL);
}

/* A URL item: a string or {"url": ...}; NULL when empty. */
static const char *
url_of(json_object *v)
{
	const char	*s;

	if (v == NULL)
		return NULL;
	if (json_object_is_type(v, json_type_object))
		return member_text(v, "url");
	if (!json_object_is_type(v, json_type_string))
		return NULL;
	s = json_object_get_string(v);
	return *s != '\0' ? s : NULL;
}

static void
add_url(const char *u, const char *skip, const char **urls, size_t max,
    size_t *n)
{
	if (u == NULL || (skip != NULL && strcmp(u, skip) == 0))
		return;
	if (*n < max)
		urls[*n] = u;
	(*n)++;
}

/* single, then the items of list (an array, or one item) not equal to it */
static void
add_urls(json_object *task, const char *one, const char *many,
    const char **urls, size_t max, size_t *n)
{
	const char	*first = url_of(member(task, one));
	json_object	*list = member(task, many);
	size_t		 i, len;

	add_url(first, NULL, urls, max, n);
	if (list == NULL)
		return;
	if (!json_object_is_type(list, json_type_array)) {
		add_url(url_of(list), first, urls, max, n);
		return;
	}
	len = json_object_array_length(list);
	for (i = 0; i < len; i++)
		add_url(url_of(json_object_array_get_idx(list, i)), first,
		    urls, max, n);
}

size_t
api_task_urls(json_object *task, const char **urls, size_t max)
{
	size_t	n = 0;

	add_urls(task, "imageUrl", "imageUrls", urls, max, &n);
	add_urls(task, "videoUrl", "videoUrls", urls, max, &n);
	return n < max ? n : max;
}
