/*
 * Records: parse a line into a JSON object, or into an error record that
 * keeps the raw text; serialize one compact line; the reserved fields.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "diag.h"
#include "record.h"
#include "utf8.h"
#include "xalloc.h"

#define SERIALIZE_FLAGS	(JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

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
		diag_fatal(1, "out of memory");
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	return tok;
}

/* The raw line as valid UTF-8 (bad bytes become U+FFFD); caller frees. */
static char *
utf8_clean(const char *s, size_t len)
{
	struct buf		 b = BUF_INIT;
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n;

	while (i < len) {
		n = utf8_seq_len(p + i, len - i);
		if (n == 0 || (n == 1 && p[i] == '\0')) {
			buf_appends(&b, "\xef\xbf\xbd");
			i++;
			continue;
		}
		buf_append(&b, p + i, n);
		i += n;
	}
	return buf_detach(&b, NULL);
}

struct record *
record_input_error(const char *text, size_t len, long lineno, const char *msg)
{
	struct record	*r;
	char		*raw;

	r = record_new(json_object_new_object(), lineno);
	(void)record_set_error(r, "input", msg, 0);
	raw = utf8_clean(text, len);
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

static int
only_space(const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			return 0;
	return 1;
}

/*
 * True if v holds NaN, Infinity or -Infinity anywhere.  json-c reads them
 * even when strict and writes them back as they are: not JSON.  A number
 * too large for a double (1e999) is JSON and keeps its text, so it is the
 * text that decides.
 */
static int
has_non_json_number(json_object *v)
{
	struct json_object_iterator	 it, end;
	const char			*s;
	size_t				 i, n;

	switch (json_object_get_type(v)) {
	case json_type_double:
		if (isfinite(json_object_get_double(v)))
			return 0;
		s = json_object_to_json_string_ext(v, SERIALIZE_FLAGS);
		if (s == NULL)
			diag_fatal(1, "out of memory");
		return !isdigit((unsigned char)s[*s == '-']);
	case json_type_array:
		n = json_object_array_length(v);
		for (i = 0; i < n; i++)
			if (has_non_json_number(json_object_array_get_idx(v, i)))
				return 1;
		return 0;
	case json_type_object:
		it = json_object_iter_begin(v);
		end = json_object_iter_end(v);
		for (; !json_object_iter_equal(&it, &end);
		    json_object_iter_next(&it))
			if (has_non_json_number(
			    json_object_iter_peek_value(&it)))
				return 1;
		return 0;
	default:
		return 0;
	}
}

struct record *
record_parse(struct json_tokener *tok, const char *line, size_t len,
    long lineno)
{
	json_object		*obj;
	enum json_tokener_error	 jerr;
	size_t			 end;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	/* json-c's own check lets overlongs and surrogates through */
	if (!utf8_valid(line, len))
		return record_unreadable(line, len, lineno, "not valid UTF-8");
	json_tokener_reset(tok);
	obj = json_tokener_parse_ex(tok, line, (int)len);
	jerr = json_tokener_get_error(tok);
	if (jerr == json_tokener_continue)
		return record_unreadable(line, len, lineno,
		    "unexpected end of input");
	if (jerr != json_tokener_success)
		return record_unreadable(line, len, lineno,
		    json_tokener_error_desc(jerr));
	end = json_tokener_get_parse_end(tok);
	if (!only_space(line + end, line + len)) {
		json_object_put(obj);
		return record_unreadable(line, len, lineno,
		    "text after the JSON value");
	}
	if (!json_object_is_type(obj, json_type_object)) {
		json_object_put(obj);
		return record_unreadable(line, len, lineno,
		    "the line is JSON but not an object");
	}
	if (has_non_json_number(obj)) {
		json_object_put(obj);
		return record_unreadable(line, len, lineno,
		    "NaN and Infinity are not JSON numbers");
	}
	return record_new(obj, lineno);
}

void
json_add(json_object *obj, const char *key, json_object *val)
{
	if (json_object_object_add(obj, key, val) != 0)
		diag_fatal(1, "out of memory");
}

void
json_add_string(json_object *obj, const char *key, const char *s)
{
	json_object	*v;

	if ((v = json_object_new_string(s)) == NULL)
		diag_fatal(1, "out of memory");
	json_add(obj, key, v);
}

void
json_add_int(json_object *obj, const char *key, long long v)
{
	json_add(obj, key, json_object_new_int64(v));
}

void
json_add_bool(json_object *obj, const char *key, int v)
{
	json_add(obj, key, json_object_new_boolean(v));
}

int
record_is_input_error(const struct record *r, long lineno)
{
	json_object	*err = record_get(r, "error");
	json_object	*line;
	const char	*stage = json_get_string(err, "stage");

	return record_get(r, "input") != NULL && stage != NULL &&
	    strcmp(stage, "input") == 0 &&
	    json_object_object_get_ex(err, "line", &line) &&
	    json_object_get_int64(line) == lineno;
}

json_object *
json_raw(const char *text)
{
	json_object	*o = json_object_new_object();

	if (o == NULL)
		abort();
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

	e = json_object_new_object();
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
record_serialize(struct record *r, size_t *lenp)
{
	const char	*s;
	size_t		 len;

	s = json_object_to_json_string_length(r->obj, SERIALIZE_FLAGS, &len);
	if (s == NULL)
		diag_fatal(1, "out of memory");
	if (lenp != NULL)
		*lenp = len;
	return s;
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
