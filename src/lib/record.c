/*
 * Records: parse a line into a JSON object, or into an error record that
 * keeps the raw text; serialize one compact line; the reserved fields.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "diag.h"
#include "jsonmend.h"
#include "jsonstrict.h"
#include "jsonx.h"
#include "record.h"
#include "utf8.h"
#include "xalloc.h"

#define SERIALIZE_FLAGS	\
	(JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

const char *const record_reserved_fields[] = {
	"task", "submit", "parent", "error", "files", "archive", NULL
};

int
record_reserved(const char *name)
{
	int	i;

	for (i = 0; record_reserved_fields[i] != NULL; i++)
		if (strcmp(name, record_reserved_fields[i]) == 0)
			return 1;
	return 0;
}

struct record *
record_new(json_object *obj, long line)
{
	struct record	*r;

	r = xcalloc(1, sizeof(*r));
	r->obj = obj;
	r->line = line;
	return r;
}

void
record_free(struct record *r)
{
	if (r == NULL)
		return;
	json_object_put(r->obj);
	free(r);
}

struct json_tokener *
record_tokener_new(void)
{
	struct json_tokener	*tok;

	if ((tok = json_tokener_new()) == NULL)
		xalloc_oom();
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	return tok;
}

struct record *
record_input_error(const char *text, size_t len, long lineno, const char *msg)
{
	struct record	*r;
	char		*raw;

	r = record_new(jx_new_object(), lineno);
	r->unread = 1;
	(void)record_set_error(r, "input", msg, 0);
	raw = utf8_fix(text, len, NULL, 1);
	record_set_string(r, "input", raw);
	free(raw);
	return r;
}

static struct record *
record_unreadable(const char *line, size_t len, long lineno, const char *why)
{
	struct record	*r;
	char		*msg;

	msg = xasprintf("not a JSON object: %s", why);
	r = record_input_error(line, len, lineno, msg);
	free(msg);
	return r;
}

int
record_blank(const char *line, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
			return 0;
	return 1;
}

/* "a JSON array" and so on, for the message about a line that is one. */
static const char *
json_kind(json_object *v)
{
	switch (json_object_get_type(v)) {
	case json_type_null:
		return "JSON null";
	case json_type_boolean:
		return "a JSON boolean";
	case json_type_array:
		return "a JSON array";
	case json_type_string:
		return "a JSON string";
	default:
		return "a JSON number";
	}
}

struct record *
record_parse(struct json_tokener *tok, const char *line, size_t len,
    long lineno)
{
	struct jsonstrict_error	 err;
	json_object		*obj;
	struct record		*r;
	char			 why[160];

	(void)tok;	/* jsonstrict reads the line: see jsonstrict.h */
	if (len > 0 && line[len - 1] == '\r')
		len--;
	obj = jsonstrict_parse(line, len, &err);
	if (obj == NULL && err.msg[0] != '\0') {
		(void)snprintf(why, sizeof(why), "%s at byte %zu", err.msg,
		    err.offset + 1);
		return record_unreadable(line, len, lineno, why);
	}
	if (!json_object_is_type(obj, json_type_object)) {
		(void)snprintf(why, sizeof(why),
		    "the line is %s, not an object", json_kind(obj));
		json_object_put(obj);
		return record_unreadable(line, len, lineno, why);
	}
	r = record_new(obj, lineno);
	r->mended = err.replaced > 0;
	return r;
}

/* A byte that a bare task id cannot hold (it would be JSON, or two words). */
static int
not_id_byte(unsigned char c)
{
	return c <= ' ' || c == 0x7f || strchr("\"\\{}[],", c) != NULL;
}

/* true, false and null are JSON too: not a task id (design.md). */
static int
json_word(const char *s, size_t n)
{
	return (n == 4 && (memcmp(s, "true", 4) == 0 ||
	    memcmp(s, "null", 4) == 0)) ||
	    (n == 5 && memcmp(s, "false", 5) == 0);
}

int
record_bare_id(const char *line, size_t len, char *id, size_t size)
{
	struct jsonstrict_error	 err;
	json_object		*v;
	const char		*s;
	size_t			 i, n;

	while (len > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t' ||
	    line[len - 1] == '\r'))
		len--;
	if (len == 0 || *line == '{' || *line == '[')
		return -1;
	s = line;
	n = len;
	v = NULL;
	if (*line == '"') {
		/* a JSON string: its text */
		v = jsonstrict_parse(line, len, &err);
		if (!json_object_is_type(v, json_type_string)) {
			json_object_put(v);
			return -1;
		}
		s = json_object_get_string(v);
		n = (size_t)json_object_get_string_len(v);
	}
	for (i = 0; i < n && !not_id_byte((unsigned char)s[i]); i++)
		continue;
	if (n == 0 || i < n || n >= size || !utf8_valid(s, n) ||
	    (v == NULL && json_word(s, n))) {
		json_object_put(v);
		return -1;
	}
	memcpy(id, s, n);
	id[n] = '\0';
	json_object_put(v);
	return 0;
}

void
json_add(json_object *obj, const char *key, json_object *val)
{
	jx_object_add(obj, key, val);
}

void
json_add_string(json_object *obj, const char *key, const char *s)
{
	json_add(obj, key, jx_new_string(s));
}

void
json_add_int(json_object *obj, const char *key, long long v)
{
	json_add(obj, key, jx_new_int64(v));
}

void
json_add_bool(json_object *obj, const char *key, int v)
{
	json_add(obj, key, jx_new_boolean(v));
}

int
record_is_input_error(const struct record *r, long lineno)
{
	json_object	*err = record_get(r, "error");
	json_object	*line;
	const char	*stage = json_get_string(err, "stage");

	return r->unread && record_get(r, "input") != NULL && stage != NULL &&
	    strcmp(stage, "input") == 0 &&
	    json_object_object_get_ex(err, "line", &line) &&
	    json_object_get_int64(line) == lineno;
}

int
record_say_input_error(const struct record *r, long lineno)
{
	const char	*msg;

	if (!record_is_input_error(r, lineno))
		return 0;
	msg = json_get_string(record_get(r, "error"), "message");
	diag_error("line %ld: %s", lineno, msg != NULL ? msg : "unreadable");
	return 1;
}

json_object *
json_raw(const char *text)
{
	json_object	*o = jx_new_object();

	json_object_set_serializer(o, json_object_userdata_to_json_string,
	    xstrdup(text), json_object_free_userdata);
	return o;
}

const char *
json_get_string(json_object *obj, const char *key)
{
	json_object	*v;

	if (obj == NULL || !json_object_object_get_ex(obj, key, &v) ||
	    v == NULL)
		return NULL;
	switch (json_object_get_type(v)) {
	case json_type_string:
	case json_type_int:
	case json_type_double:
		/* numbers as their digits: ids can come as numbers */
		return json_object_get_string(v);
	default:
		return NULL;
	}
}

void
record_set(struct record *r, const char *key, json_object *val)
{
	json_add(r->obj, key, val);
}

void
record_set_string(struct record *r, const char *key, const char *val)
{
	json_add_string(r->obj, key, val);
}

json_object *
record_get(const struct record *r, const char *key)
{
	json_object	*v;

	if (!json_object_object_get_ex(r->obj, key, &v))
		return NULL;
	return v;
}

const char *
record_get_string(const struct record *r, const char *key)
{
	json_object	*v = record_get(r, key);

	return v != NULL && json_object_is_type(v, json_type_string) ?
	    json_object_get_string(v) : NULL;
}

void
record_del(struct record *r, const char *key)
{
	json_object_object_del(r->obj, key);
}

int
record_is_error(const struct record *r)
{
	json_object	*e = record_get(r, "error");

	return e != NULL && !json_object_is_type(e, json_type_null);
}

json_object *
record_set_error(struct record *r, const char *stage, const char *msg,
    int retryable)
{
	json_object	*e;

	e = jx_new_object();
	json_add_string(e, "stage", stage);
	if (r->line > 0)
		json_add_int(e, "line", r->line);
	json_add_string(e, "message", msg);
	json_add_bool(e, "retryable", retryable);
	record_set(r, "error", e);
	return e;
}

json_object *
record_task(const struct record *r)
{
	json_object	*t = record_get(r, "task");

	return t != NULL && json_object_is_type(t, json_type_object) ? t : NULL;
}

const char *
record_task_id(const struct record *r)
{
	const char	*id = json_get_string(record_task(r), "id");

	return id != NULL && *id != '\0' ? id : NULL;
}

const char *
json_line(json_object *obj, size_t *lenp)
{
	const char	*s;
	size_t		 len;

	s = json_object_to_json_string_length(obj, SERIALIZE_FLAGS, &len);
	if (s == NULL)
		xalloc_oom();
	/*
	 * A key that holds U+0000 or a lone surrogate is written back as its
	 * escape (jsonstrict.h): the text is json-c's own buffer, rewritten
	 * in place, byte for byte.  Then what a server sent, read leniently
	 * (api.md), is mended where it would not be JSON in UTF-8 (mjpipe(7),
	 * "Strict JSON").  The check costs little next to the serialization.
	 */
	if (!jsonstrict_valid(s, len) && (jsonmend_unmark((char *)s,
	    len) == 0 || !jsonstrict_valid(s, len))) {
		(void)jsonmend_sanitize(obj);
		s = json_object_to_json_string_length(obj, SERIALIZE_FLAGS,
		    &len);
		if (s == NULL)
			xalloc_oom();
		(void)jsonmend_unmark((char *)s, len);
		if (!jsonstrict_valid(s, len))
			diag_fatal(1, "internal error: a record that is not "
			    "JSON: %.60s", s);
	}
	if (lenp != NULL)
		*lenp = len;
	return s;
}

const char *
record_serialize(struct record *r, size_t *lenp)
{
	return json_line(r->obj, lenp);
}

int
record_write(struct record *r, FILE *out)
{
	struct buf	 b = BUF_INIT;
	const char	*s;
	size_t		 len;
	int		 rc = 0;

	s = record_serialize(r, &len);
	/* one write per record, so that readers never see half a line */
	buf_append(&b, s, len);
	buf_appendc(&b, '\n');
	if (fwrite(b.data, 1, b.len, out) != b.len || fflush(out) != 0)
		rc = -1;
	buf_free(&b);
	return rc;
}

void
rfc3339_now(char *out, size_t size)
{
	struct tm	tm;
	time_t		t = time(NULL);

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		(void)snprintf(out, size, "1970-01-01T00:00:00Z");
}
