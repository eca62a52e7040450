/*
 * The replies of the task API as servers really write them (api.md): the
 * submission envelope, a task, a task list; read tolerantly, task ids kept
 * as text, error bodies of gateways told apart from "no such task".
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "api.h"
#include "buf.h"
#include "diag.h"
#include "errf.h"
#include "jsonstrict.h"
#include "jsonx.h"
#include "xalloc.h"

#define EXCERPT_CHARS	80	/* of a body that is not what we expected */



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
		(void)errf(err, errlen, "not %s: empty body", what);
		return;
	}
	s = excerpt(body, len);
	(void)errf(err, errlen, "not %s: %s", what, s);
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
 * The strict reader (jsonstrict.h) first, which keeps numbers' text;
 * what servers write that is not quite JSON, json-c's tokener reads.
 */
static int
parse_body(const char *body, size_t len, json_object **out)
{
	struct jsonstrict_error	 jerr;
	struct json_tokener	*tok;
	json_object		*v;
	size_t			 end;

	*out = jsonstrict_parse(body, len, &jerr);
	if (*out != NULL || jerr.msg[0] == '\0')
		return 0;
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
 * A number's digits as the body wrote them: the strict reader keeps the
 * text of every number it does not hold as a 64-bit integer, so an id
 * past 64 bits is not clamped.  Caller frees.
 */
static char *
number_text(json_object *v)
{
	return xstrdup(json_object_get_string(v));
}

/* Replace a numeric "id" of task by its digits as a string. */
static void
normalize_id(json_object *task)
{
	json_object	*id = api_member(task, "id");
	char		*text;

	if (id == NULL || !api_is_number(id))
		return;
	text = number_text(id);
	jx_object_add(task, "id", jx_new_string(text));
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
		/* the range first: converting a double out of it is
		 * undefined */
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
	json_object	*e = api_member(root, "error");
	const char	*msg = NULL;
	char		*s;

	if (e != NULL && json_object_is_type(e, json_type_string))
		msg = json_object_get_string(e);
	else if (e != NULL)
		msg = api_member_text(e, "message");
	if (msg == NULL || *msg == '\0')
		return -1;
	s = diag_escape(msg);
	(void)errf(err, errlen, "%s", s);
	free(s);
	return 0;
}

/* result: a string, or a number kept as its digits; "" and null: NULL. */
static char *
reply_result(json_object *root)
{
	json_object	*v = api_member(root, "result");

	if (v == NULL)
		return NULL;
	if (json_object_is_type(v, json_type_string))
		return json_object_get_string_len(v) > 0 ?
		    xstrdup(json_object_get_string(v)) : NULL;
	if (!api_is_number(v))
		return NULL;
	return number_text(v);
}

int
api_parse_reply(const char *body, size_t len, struct api_reply *r,
    char *err, size_t errlen)
{
	json_object	*root = NULL, *v, *s;

	memset(r, 0, sizeof(*r));
	if (body == NULL)
		len = 0;
	if (len == 0 || parse_body(body, len, &root) == -1 ||
	    !json_object_is_type(root, json_type_object)) {
		json_object_put(root);
		not_a("an API reply", body, len, err, errlen);
		return -1;
	}
	if (code_of(api_member(root, "code"), &r->code) == -1) {
		if (openai_error(root, err, errlen) == -1)
			not_a("an API reply", body, len, err, errlen);
		json_object_put(root);
		return -1;
	}
	v = api_member(root, "description");
	if ((s = api_member(root, "success")) != NULL &&
	    json_object_is_type(s, json_type_boolean) &&
	    !json_object_get_boolean(s)) {
		r->early = 1;	/* trueai-org's refusal before any task */
		if (v == NULL)
			v = api_member(root, "message");
	}
	r->description = xstrdup(v != NULL ? json_object_get_string(v) : "");
	r->result = reply_result(root);
	if ((v = api_member(root, "properties")) != NULL)
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
	normalize_id(root);
	return root;
}

/* The array in a list reply: the body itself or a wrapper's member. */
static json_object *
list_array(json_object *root)
{
	static const char *const wrappers[] = { "data", "result", "list",
	    "items" };
	json_object	*v;
	size_t		 i;

	if (json_object_is_type(root, json_type_array))
		return root;
	for (i = 0; i < sizeof(wrappers) / sizeof(wrappers[0]); i++) {
		v = api_member(root, wrappers[i]);
		if (v != NULL && json_object_is_type(v, json_type_array))
			return v;
	}
	return NULL;
}

/* The objects of arr, ids normalized, in a new array. */
static json_object *
list_tasks(json_object *arr)
{
	json_object	*out, *t;
	size_t		 i, n = json_object_array_length(arr);

	out = jx_new_array();
	for (i = 0; i < n; i++) {
		t = json_object_array_get_idx(arr, i);
		if (t == NULL || !json_object_is_type(t, json_type_object))
			continue;
		normalize_id(t);
		jx_array_add(out, json_object_get(t));
	}
	return out;
}

json_object *
api_parse_task_list(const char *body, size_t len, char *err, size_t errlen)
{
	json_object	*root, *arr, *out;

	if (body == NULL || blank(body, len)) {
		(void)errf(err, errlen, "not a task list: empty body");
		return NULL;
	}
	if (parse_body(body, len, &root) == -1) {
		not_a("a task list", body, len, err, errlen);
		return NULL;
	}
	if (root == NULL)	/* null: no tasks */
		return jx_new_array();
	if ((arr = list_array(root)) == NULL) {
		if (openai_error(root, err, errlen) == -1)
			not_a("a task list", body, len, err, errlen);
		json_object_put(root);
		return NULL;
	}
	out = list_tasks(arr);
	json_object_put(root);
	return out;
}
