/*
 * Records: the JSON-lines reader (good lines, and every kind of bad one
 * becoming an error record with the raw text and the line), the writer
 * (compact, key order kept, no slash escaping, one '\n'), the reserved
 * fields and the error object.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "tap.h"

static const struct {
	const char	*line;
	const char	*out;		/* serialized, or NULL: an error record */
	const char	*why;		/* a part of the error message */
} lines[] = {
	{ "{\"b\":1,\"a\":\"x\"}", "{\"b\":1,\"a\":\"x\"}", NULL },
	{ "  { \"url\" : \"http://h/a/b\" }  ", "{\"url\":\"http://h/a/b\"}", NULL },
	{ "{\"u\":\"\\u00e9\\n\"}\r", "{\"u\":\"\xc3\xa9\\n\"}", NULL },
	{ "{\"n\":12345678901234567890}", "{\"n\":12345678901234567890}", NULL },
	{ "{\"nested\":{\"a\":[1,null,true]}}", "{\"nested\":{\"a\":[1,null,true]}}", NULL },
	{ "[1,2]", NULL, "not an object" },
	{ "42", NULL, "not a JSON object" },
	{ "\"text\"", NULL, "not an object" },
	{ "{\"a\":1} trailing", NULL, "not a JSON object" },
	{ "{\"a\":", NULL, "end of input" },
	{ "{bad}", NULL, "not a JSON object" },
	{ "{\"a\":\"\xff\xfe\"}", NULL, "not a JSON object" },
	{ "", NULL, "not a JSON object" },
};

int
main(void)
{
	struct json_tokener	*tok = record_tokener_new();
	struct record		*r;
	json_object		*err, *v;
	const char		*text;
	char			 buf[256];
	size_t			 i, len;
	FILE			*f;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		r = record_parse(tok, lines[i].line, strlen(lines[i].line),
		    (long)i + 1);
		if (lines[i].out != NULL) {
			TAP_OK(!record_is_error(r), "line %zu: read", i + 1);
			TAP_STR(record_serialize(r, &len), lines[i].out,
			    "line %zu: written back compact", i + 1);
			TAP_INT((long)len, (long)strlen(lines[i].out),
			    "line %zu: length", i + 1);
		} else {
			err = record_get(r, "error");
			TAP_OK(record_is_error(r), "line %zu: an error record",
			    i + 1);
			TAP_STR(json_get_string(err, "stage"), "input",
			    "line %zu: stage input", i + 1);
			TAP_OK(json_object_object_get_ex(err, "line", &v) &&
			    json_object_get_int(v) == (int)i + 1,
			    "line %zu: its line number", i + 1);
			TAP_OK(strstr(json_get_string(err, "message"),
			    lines[i].why) != NULL, "line %zu: says '%s'", i + 1,
			    lines[i].why);
			TAP_OK(record_get_string(r, "input") != NULL,
			    "line %zu: keeps the raw text", i + 1);
		}
		record_free(r);
	}
	r = record_parse(tok, "{\"a\":1} trailing", 16, 3);
	TAP_STR(record_get_string(r, "input"), "{\"a\":1} trailing",
	    "the raw text is kept as it was");
	record_free(r);

	/* the writer: one line, one '\n', flushed */
	r = record_parse(tok, "{\"prompt\":\"p\",\"task\":{\"id\":1773}}", 33, 1);
	TAP_STR(record_task_id(r), "1773", "a numeric task id read as text");
	record_set_string(r, "z", "last");
	(void)record_set_error(r, "wait", "it failed", 1);
	if ((f = tmpfile()) == NULL)
		return 1;
	TAP_INT(record_write(r, f), 0, "record_write");
	rewind(f);
	len = fread(buf, 1, sizeof(buf) - 1, f);
	buf[len] = '\0';
	fclose(f);
	TAP_STR(buf, "{\"prompt\":\"p\",\"task\":{\"id\":1773},\"z\":\"last\","
	    "\"error\":{\"stage\":\"wait\",\"line\":1,\"message\":"
	    "\"it failed\",\"retryable\":true}}\n",
	    "new keys appended, the error object, exactly one newline");
	text = record_serialize(r, &len);
	TAP_OK(memchr(text, '\n', len) == NULL, "serialize: no newline");
	record_del(r, "z");
	TAP_OK(record_get(r, "z") == NULL, "record_del");
	record_free(r);

	TAP_OK(record_reserved("task") && record_reserved("submit") &&
	    record_reserved("parent") && record_reserved("error") &&
	    record_reserved("files") && record_reserved("archive"),
	    "the six reserved fields");
	TAP_OK(!record_reserved("prompt") && !record_reserved("Task"),
	    "others are not reserved");
	json_tokener_free(tok);
	return tap_done();
}
