/*
 * jsonstrict: RFC 8259 texts at the grammar's edges, read or refused
 * with the byte where reading stopped; numbers and keys written back as
 * they came; what a lenient read made (NaN, "2.", bad bytes) mended into
 * strict JSON; mj-wait's bare ids.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jsonmend.h"
#include "jsonstrict.h"
#include "record.h"
#include "tap.h"

static const struct {
	const char	*text;
	int		 ok;
	size_t		 at;	/* 1-based byte of the error, 0: any */
} texts[] = {
	{ "{}", 1, 0 }, { " \t\r\n{ } \n", 1, 0 }, { "[]", 1, 0 },
	{ "0", 1, 0 }, { "-0", 1, 0 }, { "-0.0e-0", 1, 0 }, { "1E+2", 1, 0 },
	{ "\"\\u0000\"", 1, 0 }, { "\"\\ud800\"", 1, 0 },
	{ "\"\\/\\b\\f\\n\\r\\t\\\\\\\"\"", 1, 0 },
	{ "\"\x7f\xc2\x80\xf4\x8f\xbf\xbf\"", 1, 0 },
	{ "{\"a\":[true,false,null]}", 1, 0 },
	{ "", 0, 1 }, { " ", 0, 2 }, { "-", 0, 1 }, { "01", 0, 1 },
	{ "1.", 0, 1 }, { ".1", 0, 1 }, { "+1", 0, 1 }, { "1e", 0, 1 },
	{ "1e+", 0, 1 }, { "0x1", 0, 2 }, { "NaN", 0, 1 }, { "-Infinity", 0, 1 },
	{ "[1,]", 0, 3 }, { "{\"a\":1,}", 0, 7 }, { "{'a':1}", 0, 2 },
	{ "{\"a\"}", 0, 5 }, { "{\"a\" 1}", 0, 6 }, { "[1 2]", 0, 4 },
	{ "\"a\tb\"", 0, 3 }, { "\"\\x\"", 0, 2 }, { "\"\\u12\"", 0, 2 },
	{ "\"\xff\"", 0, 2 }, { "\"\xed\xa0\x80\"", 0, 2 },
	{ "\"\xc0\xaf\"", 0, 2 }, { "\"abc", 0, 5 }, { "True", 0, 1 },
	{ "nul", 0, 1 }, { "{}x", 0, 3 }, { "\xef\xbb\xbf{}", 0, 1 },
	{ "{\"\\ud800\":1}", 0, 3 }, { "[\"\\udc00\"]", 1, 0 },
	{ "\"\x0c\"", 0, 2 }, { "[\f]", 0, 2 },
};

/* Numbers and keys: read, then written back byte for byte. */
static const char *const same[] = {
	"{\"n\":[-0,-0.0,1.0E+2,1e999,-1E-400,0.5e-3]}",
	"{\"n\":[123456789012345678901234567890,-9223372036854775809]}",
	"{\"n\":[9223372036854775807,-9223372036854775808,18446744073709551616]}",
	"{\"foo\\u0000bar\":{\"\\u0000\":0}}",
	"{\"a\":\"x\\u0000y\"}",
};

static void
check_depth(void)
{
	char	buf[2 * JSONSTRICT_MAX_DEPTH + 8];
	int	n;

	for (n = JSONSTRICT_MAX_DEPTH; n <= JSONSTRICT_MAX_DEPTH + 1; n++) {
		memset(buf, '[', (size_t)n);
		memset(buf + n, ']', (size_t)n);
		TAP_INT(jsonstrict_valid(buf, 2 * (size_t)n),
		    n <= JSONSTRICT_MAX_DEPTH, "%d levels: %s", n,
		    n <= JSONSTRICT_MAX_DEPTH ? "read" : "refused");
	}
}

static void
check_sanitize(void)
{
	struct json_tokener	*tok = json_tokener_new();
	json_object		*v;
	const char		*s;
	size_t			 len;
	const char		 lenient[] = "{\"p\":NaN,\"q\":[Infinity,-Infinity,"
	    "2.],\"r\":\"a\xff\xed\xa0\x80z\",\"k\xfey\":1,\"ok\":\"\xc3\xa9\"}";

	v = json_tokener_parse_ex(tok, lenient, (int)sizeof(lenient) - 1);
	TAP_OK(v != NULL, "json-c reads the lenient text");
	s = json_line(v, &len);
	TAP_STR(s, "{\"p\":null,\"q\":[null,null,2.0],\"r\":\"a\xef\xbf\xbd"
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz\",\"ok\":\"\xc3\xa9\","
	    "\"k\xef\xbf\xbdy\":1}",
	    "mended: NaN and Infinity null, 2. as 2.0, bad bytes U+FFFD");
	TAP_OK(jsonstrict_valid(s, len), "... strict JSON");
	TAP_INT(jsonmend_sanitize(v), 0, "... and nothing left to mend");
	json_object_put(v);
	json_tokener_free(tok);
}

static void
check_bare_ids(void)
{
	static const struct {
		const char	*line;
		const char	*id;	/* NULL: not an id */
	} ids[] = {
		{ "1773314942177684", "1773314942177684" },
		{ " 12345678901234567890123 \r", "12345678901234567890123" },
		{ "\"abc-1\"", "abc-1" }, { "\"\\u0031\"", "1" },
		{ "task:9", "task:9" }, { "-01", "-01" },
		{ "{\"id\":1}", NULL }, { "[1]", NULL }, { "true", NULL },
		{ "null", NULL }, { "two words", NULL }, { "\"a b\"", NULL },
		{ "\"\"", NULL }, { "a,b", NULL }, { "x\xff", NULL },
		{ "\"open", NULL }, { "", NULL },
		{ "false", NULL }, { "falsy", "falsy" }, { "nulls", "nulls" },
		{ "truth", "truth" }, { "\"true\"", "true" },
		{ "\t1773\t", "1773" }, { "a\x7f", NULL }, { "\"1\" 2", NULL },
		{ "123456789012345678901234567890123456789012345678901234567890"
		    "123", "123456789012345678901234567890123456789012345678901"
		    "234567890123" },
		{ "123456789012345678901234567890123456789012345678901234567890"
		    "1234", NULL },
	};
	char	id[64];
	size_t	i;
	int	rc;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		rc = record_bare_id(ids[i].line, strlen(ids[i].line), id,
		    sizeof(id));
		if (ids[i].id == NULL)
			TAP_INT(rc, -1, "bare id: '%s' is not one", ids[i].line);
		else
			TAP_STR(rc == 0 ? id : NULL, ids[i].id, "bare id: '%s'",
			    ids[i].line);
	}
}

int
main(void)
{
	struct jsonstrict_error	 err;
	json_object		*v;
	const char		*s;
	size_t			 i, len;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		len = strlen(texts[i].text);
		if (strcmp(texts[i].text, "[\f]") == 0)
			len = 3;
		TAP_INT(jsonstrict_valid(texts[i].text, len), texts[i].ok,
		    "text %zu %s", i, texts[i].ok ? "read" : "refused");
		v = jsonstrict_parse(texts[i].text, len, &err);
		TAP_INT(v != NULL || err.msg[0] == '\0', texts[i].ok,
		    "text %zu: the builder agrees (%s)", i, err.msg);
		if (!texts[i].ok && texts[i].at > 0)
			TAP_INT(err.offset + 1, texts[i].at,
			    "text %zu: stopped at the right byte", i);
		json_object_put(v);
	}
	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		v = jsonstrict_parse(same[i], strlen(same[i]), &err);
		s = v != NULL ? json_line(v, &len) : NULL;
		TAP_STR(s, same[i], "written back as read: %s", same[i]);
		json_object_put(v);
	}
	s = "{\"a\":\"x\\ud800\\u0041\",\"a\":2}";
	v = jsonstrict_parse(s, strlen(s), &err);
	TAP_STR(v != NULL ? json_line(v, NULL) : NULL, "{\"a\":2}",
	    "a key given twice keeps its last value");
	TAP_INT(err.replaced, 1, "a lone surrogate in a value counted");
	json_object_put(v);
	v = jsonstrict_parse("[\"\\ud800\\u0041\"]", 16, &err);
	TAP_STR(v != NULL ? json_line(v, NULL) : NULL, "[\"\xef\xbf\xbd" "A\"]",
	    "a lone surrogate in a value becomes U+FFFD");
	json_object_put(v);
	TAP_OK(jsonstrict_number("-1.5e+3", 7) && !jsonstrict_number("1.", 2) &&
	    !jsonstrict_number("NaN", 3) && !jsonstrict_number("", 0),
	    "jsonstrict_number");
	check_depth();
	check_sanitize();
	check_bare_ids();
	return tap_done();
}
