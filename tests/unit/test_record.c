/*
 * Records: the JSON-lines reader (good lines, and every kind of bad one
 * becoming an error record with the raw text and the line), the writer
 * (compact, key order kept, no slash escaping, one '\n'), the reserved
 * fields and the error object.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record.h"
#include "tap.h"
#include "utf8.h"

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
	{ "{\"after\":\"errors\"}", "{\"after\":\"errors\"}", NULL },
	{ "{\"s\":\"a\\/b\"}\t ", "{\"s\":\"a/b\"}", NULL },
	{ "{}", "{}", NULL },
	{ "{\"a\":1}{\"b\":2}", NULL, "not a JSON object" },
	{ "{\"a\":1,}", NULL, "not a JSON object" },
	{ "{\"a\":01}", NULL, "not a JSON object" },
	{ "null", NULL, "not a JSON object" },
	{ "{\"a\":1}\r", "{\"a\":1}", NULL },
	/* JSON, though no double holds it: the text is kept */
	{ "{\"big\":1e999,\"neg\":[-1E400]}", "{\"big\":1e999,\"neg\":[-1E400]}",
	  NULL },
	{ "{\"x\":-0.0,\"y\":1.5e-400}", "{\"x\":-0.0,\"y\":1.5e-400}", NULL },
	{ "{\"s\":\"NaN Infinity\"}", "{\"s\":\"NaN Infinity\"}", NULL },
};

/*
 * Bytes that are not UTF-8, in a line that is not JSON and inside a JSON
 * string: whatever comes out must be valid UTF-8 so that the next program
 * in the pipe (which validates) can read it.
 */
static const struct {
	const char	*name;
	const char	*line;
	size_t		 len;
} bad_utf8[] = {
	{ "a lone 0xff", "x\xff", 2 },
	{ "a cut sequence", "x\xe2\x82", 3 },
	{ "an overlong 2-byte", "x\xc0\xaf", 3 },
	{ "a NUL byte", "a\0b", 3 },
	{ "an overlong 3-byte", "x\xe0\x80\xaf", 4 },
	{ "a UTF-16 surrogate", "x\xed\xa0\x80", 4 },
	{ "an overlong 4-byte", "x\xf0\x80\x80\xaf", 5 },
	{ "past U+10FFFF", "x\xf4\x90\x80\x80", 5 },
	{ "a surrogate in a JSON string", "{\"a\":\"\xed\xa0\x80\"}", 10 },
	{ "an overlong in a JSON string", "{\"a\":\"\xe0\x80\xaf\"}", 10 },
	{ "a bad byte in a JSON string", "{\"a\":\"\xff\"}", 8 },
};

/*
 * The strict validator at each boundary of table 3-7: the last and first
 * code points of each length, around the surrogates and at the top, then
 * the same code points overlong, and sequences cut short.  len is the
 * sequence's length, 0 if it is not one.
 */
static const struct {
	const char	*name;
	const char	*bytes;
	size_t		 len;
} seqs[] = {
	{ "U+0000", "\0", 1 },
	{ "U+007F", "\x7f", 1 },
	{ "U+0080", "\xc2\x80", 2 },
	{ "U+07FF", "\xdf\xbf", 2 },
	{ "U+0800", "\xe0\xa0\x80", 3 },
	{ "U+0FFF", "\xe0\xbf\xbf", 3 },
	{ "U+1000", "\xe1\x80\x80", 3 },
	{ "U+D7FF", "\xed\x9f\xbf", 3 },
	{ "U+E000", "\xee\x80\x80", 3 },
	{ "U+FFFD", "\xef\xbf\xbd", 3 },
	{ "U+FFFF", "\xef\xbf\xbf", 3 },
	{ "U+10000", "\xf0\x90\x80\x80", 4 },
	{ "U+3FFFF", "\xf0\xbf\xbf\xbf", 4 },
	{ "U+40000", "\xf1\x80\x80\x80", 4 },
	{ "U+FFFFF", "\xf3\xbf\xbf\xbf", 4 },
	{ "U+100000", "\xf4\x80\x80\x80", 4 },
	{ "U+10FFFF", "\xf4\x8f\xbf\xbf", 4 },
	{ "U+0000 in 2 bytes", "\xc0\x80", 0 },
	{ "U+007F in 2 bytes", "\xc1\xbf", 0 },
	{ "U+07FF in 3 bytes", "\xe0\x9f\xbf", 0 },
	{ "U+0000 in 3 bytes", "\xe0\x80\x80", 0 },
	{ "U+D800", "\xed\xa0\x80", 0 },
	{ "U+DBFF", "\xed\xaf\xbf", 0 },
	{ "U+DC00", "\xed\xb0\x80", 0 },
	{ "U+DFFF", "\xed\xbf\xbf", 0 },
	{ "U+FFFF in 4 bytes", "\xf0\x8f\xbf\xbf", 0 },
	{ "U+110000", "\xf4\x90\x80\x80", 0 },
	{ "U+13FFFF", "\xf4\xbf\xbf\xbf", 0 },
	{ "F5", "\xf5\x80\x80\x80", 0 },
	{ "F8, once a 5-byte start", "\xf8\x88\x80\x80\x80", 0 },
	{ "FE", "\xfe", 0 },
	{ "FF", "\xff", 0 },
	{ "a lone continuation 80", "\x80", 0 },
	{ "a lone continuation BF", "\xbf", 0 },
	{ "C2 cut", "\xc2", 0 },
	{ "E0 A0 cut", "\xe0\xa0", 0 },
	{ "E1 cut", "\xe1", 0 },
	{ "F0 90 80 cut", "\xf0\x90\x80", 0 },
	{ "F4 8F BF cut", "\xf4\x8f\xbf", 0 },
	{ "C2 then ASCII", "\xc2\x41", 0 },
	{ "E1 80 then ASCII", "\xe1\x80\x41", 0 },
	{ "F1 80 80 then a start", "\xf1\x80\x80\xc2", 0 },
};

/*
 * Not JSON (RFC 8259), but json-c reads it even when strict and writes it
 * back as it is, so the line written would not be JSON either.
 */
static const char *const not_json[] = {
	"{\"a\":NaN}",
	"{\"a\":Infinity}",
	"{\"a\":[-Infinity]}",
	"{\"a\":nan}",
	"{\"a\":-NaN}",
	"{\"a\":1,\"b\":{\"c\":[1,2,{\"d\":NaN}]}}",
	"{\"a\":[[[[Infinity]]]]}",
	"{\"NaN\":1,\"z\":-Infinity}",
	"[NaN]",
};

/* Strict UTF-8 (RFC 3629): no overlongs, no surrogates, nothing past
 * U+10FFFF. */
static int
utf8_strict(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n, k;
	unsigned int		 cp;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (p[i] >= 0xc2 && p[i] <= 0xdf)
			n = 2, cp = p[i] & 0x1f;
		else if ((p[i] & 0xf0) == 0xe0)
			n = 3, cp = p[i] & 0x0f;
		else if (p[i] >= 0xf0 && p[i] <= 0xf4)
			n = 4, cp = p[i] & 0x07;
		else
			return 0;
		if (i + n > len)
			return 0;
		for (k = 1; k < n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return 0;
		i += n;
	}
	return 1;
}

static const struct {
	const char	*line;
	const char	*id;		/* record_task_id, or NULL */
} task_ids[] = {
	{ "{\"task\":{\"id\":1773}}", "1773" },
	{ "{\"task\":{\"id\":\"abc-1\"}}", "abc-1" },
	{ "{\"task\":{\"id\":17733149421776840}}", "17733149421776840" },
	{ "{\"task\":{}}", NULL },
	{ "{\"task\":\"1773\"}", NULL },
	{ "{\"id\":\"1773\"}", NULL },
	{ "{\"task\":{\"id\":null}}", NULL },
	{ "{\"task\":{\"id\":true}}", NULL },
	{ "{\"task\":{\"id\":{\"n\":1}}}", NULL },
	{ "{\"task\":{\"id\":[1]}}", NULL },
	{ "{\"task\":{\"id\":\"\"}}", NULL },
	{ "{\"task\":{\"id\":1.5}}", "1.5" },
};

/* One row of seqs: the validator, and a record with it in a string. */
static void
check_seq(struct json_tokener *tok, size_t i)
{
	const unsigned char	*b = (const unsigned char *)seqs[i].bytes;
	struct record		*r;
	size_t			 n = seqs[i].bytes[0] == '\0' ? 1 :
				    strlen(seqs[i].bytes);
	char			 line[32];

	TAP_INT(utf8_seq_len(b, n), seqs[i].len, "utf8_seq_len %s",
	    seqs[i].name);
	TAP_INT(utf8_valid(seqs[i].bytes, n), seqs[i].len == n,
	    "utf8_valid %s", seqs[i].name);
	if (seqs[i].len > 1)
		TAP_INT(utf8_seq_len(b, n - 1), 0, "utf8_seq_len %s, "
		    "one byte short of room", seqs[i].name);
	if (seqs[i].bytes[0] == '\0')
		return;		/* not in a JSON string, raw */
	(void)snprintf(line, sizeof(line), "{\"a\":\"%s\"}", seqs[i].bytes);
	r = record_parse(tok, line, strlen(line), 1);
	TAP_INT(record_is_error(r), seqs[i].len == 0, "a string with %s: %s",
	    seqs[i].name, seqs[i].len == 0 ? "an error record" : "read");
	record_free(r);
}

/* An error record of our reader, and one that came with the input. */
static void
test_input_errors(struct json_tokener *tok)
{
	static const char	 came[] = "{\"error\":{\"stage\":\"input\","
	    "\"line\":2,\"message\":\"x\"},\"input\":\"y\"}";
	struct record		*r;
	json_object		*o;

	r = record_parse(tok, "{bad", 4, 2);
	TAP_OK(record_is_input_error(r, 2), "our reader's error of line 2");
	TAP_OK(!record_is_input_error(r, 3), "... is not one of line 3");
	record_free(r);
	r = record_parse(tok, came, strlen(came), 5);
	TAP_OK(!record_is_input_error(r, 5), "an error that came with line 5 is "
	    "not ours");
	record_free(r);
	r = record_parse(tok, came, strlen(came), 2);
	TAP_OK(!record_is_input_error(r, 2), "... nor one that came with line 2, "
	    "of the same number");
	record_free(r);
	o = json_object_new_object();
	json_add(o, "body", json_raw("{\"a\":[1,2]}"));
	TAP_STR(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
	    "{\"body\":{\"a\":[1,2]}}", "json_raw is written as given");
	json_object_put(o);
}

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
			text = json_get_string(err, "message");
			TAP_OK(text != NULL && strstr(text, lines[i].why) != NULL, "line %zu: says '%s'", i + 1,
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

	for (i = 0; i < sizeof(bad_utf8) / sizeof(bad_utf8[0]); i++) {
		r = record_parse(tok, bad_utf8[i].line, bad_utf8[i].len, 5);
		text = record_serialize(r, &len);
		TAP_OK(record_is_error(r) || bad_utf8[i].line[0] == '{',
		    "%s: read", bad_utf8[i].name);
		TAP_OK(utf8_strict(text, len), "%s: written as UTF-8",
		    bad_utf8[i].name);
		record_free(r);
	}
	for (i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++)
		check_seq(tok, i);
	for (i = 0; i < sizeof(not_json) / sizeof(not_json[0]); i++) {
		r = record_parse(tok, not_json[i], strlen(not_json[i]), 1);
		TAP_OK(record_is_error(r), "%s: an error record", not_json[i]);
		TAP_STR(record_get_string(r, "input"), not_json[i],
		    "%s: the raw text kept", not_json[i]);
		record_free(r);
	}
	r = record_parse(tok, "{\"a\":NaN}", 9, 1);
	text = json_get_string(record_get(r, "error"), "message");
	TAP_STR(text, "not a JSON object: NaN and Infinity are not JSON numbers "
	    "at byte 6",
	    "NaN: the message says why");
	record_free(r);
	r = record_parse(tok, "x\xff", 2, 5);
	TAP_STR(record_get_string(r, "input"), "x\xef\xbf\xbd",
	    "a bad byte becomes U+FFFD");
	record_free(r);
	/* the caller decided the text is unusable, JSON or not */
	r = record_input_error("{\"a\":1}", 7, 4, "expected 2 fields, got 1");
	TAP_STR(record_serialize(r, &len), "{\"error\":{\"stage\":\"input\","
	    "\"line\":4,\"message\":\"expected 2 fields, got 1\","
	    "\"retryable\":false},\"input\":\"{\\\"a\\\":1}\"}",
	    "record_input_error keeps a JSON object as text");
	record_free(r);

	for (i = 0; i < sizeof(task_ids) / sizeof(task_ids[0]); i++) {
		r = record_parse(tok, task_ids[i].line, strlen(task_ids[i].line),
		    1);
		TAP_STR(record_task_id(r), task_ids[i].id, "task id of %s",
		    task_ids[i].line);
		record_free(r);
	}

	/* the error object without a line number, and json_add_int */
	r = record_new(json_object_new_object(), 0);
	err = record_set_error(r, "fetch", "gone", 0);
	json_add_int(err, "http", 404);
	TAP_STR(record_serialize(r, &len), "{\"error\":{\"stage\":\"fetch\","
	    "\"message\":\"gone\",\"retryable\":false,\"http\":404}}",
	    "no line when it is unknown");
	(void)record_set_error(r, "wait", "again", 1);
	TAP_STR(record_serialize(r, &len), "{\"error\":{\"stage\":\"wait\","
	    "\"message\":\"again\",\"retryable\":true}}",
	    "a second error replaces the first");
	TAP_STR(json_get_string(record_get(r, "error"), "stage"), "wait",
	    "json_get_string");
	record_free(r);

	/* the reader is gone: EPIPE, not a signal */
	{
		int	 fds[2];
		FILE	*w;

		signal(SIGPIPE, SIG_IGN);
		if (pipe(fds) == -1 || (w = fdopen(fds[1], "w")) == NULL)
			return 1;
		close(fds[0]);
		r = record_parse(tok, "{\"a\":1}", 7, 1);
		errno = 0;
		TAP_INT(record_write(r, w), -1, "record_write to a closed pipe");
		TAP_INT(errno, EPIPE, "... EPIPE");
		record_free(r);
		fclose(w);
	}

	for (i = 0; record_reserved_fields[i] != NULL; i++)
		TAP_OK(record_reserved(record_reserved_fields[i]),
		    "'%s' is reserved", record_reserved_fields[i]);
	TAP_INT((long)i, 6, "six reserved fields in the table");
	TAP_OK(record_reserved("task") && record_reserved("submit") &&
	    record_reserved("parent") && record_reserved("error") &&
	    record_reserved("files") && record_reserved("archive"),
	    "the six reserved fields");
	TAP_OK(!record_reserved("prompt") && !record_reserved("Task"),
	    "others are not reserved");
	test_input_errors(tok);
	json_tokener_free(tok);
	return tap_done();
}
