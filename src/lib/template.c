/*
 * Templates of record fields: "{field}" replaced by the field's text, for
 * mj-submit's --template and mj-fetch's --name (filename.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "buf.h"
#include "errf.h"
#include "record.h"
#include "template.h"
#include "xalloc.h"

const char *
template_field_text(const struct record *rec, const char *name)
{
	json_object	*v = record_get(rec, name);

	switch (v == NULL ? json_type_null : json_object_get_type(v)) {
	case json_type_string:
		return json_object_get_string(v);
	case json_type_int:
	case json_type_double:
	case json_type_boolean:
		return json_object_to_json_string_ext(v,
		    JSON_C_TO_STRING_PLAIN);
	default:
		return NULL;
	}
}

int
template_nul_field(const struct record *rec, const char *name)
{
	json_object	*v = record_get(rec, name);

	return json_object_is_type(v, json_type_string) &&
	    strlen(json_object_get_string(v)) !=
	    (size_t)json_object_get_string_len(v);
}

char *
template_expand(const char *t, const struct record *rec, char *err,
    size_t errlen)
{
	struct buf	 b = BUF_INIT;
	const char	*close, *val;
	char		*name;

	while (*t != '\0') {
		if ((t[0] == '{' || t[0] == '}') && t[1] == t[0]) {
			buf_appendc(&b, t[0]);
			t += 2;
			continue;
		}
		if (*t != '{') {
			buf_appendc(&b, *t++);
			continue;
		}
		if ((close = strchr(t, '}')) == NULL) {
			buf_free(&b);
			(void)errf(err, errlen, "template: '{' without '}'");
			return NULL;
		}
		name = xstrndup(t + 1, (size_t)(close - t - 1));
		val = template_field_text(rec, name);
		if (val != NULL && template_nul_field(rec, name)) {
			(void)errf(err, errlen,
			    "field '%s' holds U+0000, which cannot be sent",
			    name);
			free(name);
			buf_free(&b);
			return NULL;
		}
		if (val == NULL) {
			(void)errf(err, errlen, "no field '%s' for {%s}", name,
			    name);
			free(name);
			buf_free(&b);
			return NULL;
		}
		free(name);
		buf_appends(&b, val);
		t = close + 1;
	}
	return buf_detach(&b, NULL);
}
