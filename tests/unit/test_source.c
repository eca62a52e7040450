/*
 * mj-submit's input formats: what "auto" decides, and what each format
 * makes of its lines, good and bad.  Each case is an input (lines split on
 * '\n') and the records it gives, serialized and joined with '\n'.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "record.h"
#include "source.h"
#include "tap.h"

static const struct {
	const char	*name;
	enum source_format format;
	const char	*field;		/* prompt field, or NULL */
	const char	*input;
	enum source_format chosen;
	const char	*records;	/* serialized, one per line */
	const char	*fatal;		/* a part of source_fatal, or NULL */
} cases[] = {
	{ "auto: JSON-lines", SOURCE_AUTO, NULL,
	  "\n  {\"prompt\":\"a\",\"n\":1}\n{\"prompt\":\"b\"}", SOURCE_JSONL,
	  "{\"prompt\":\"a\",\"n\":1}\n{\"prompt\":\"b\"}", NULL },
	{ "auto: CSV with a prompt column", SOURCE_AUTO, NULL,
	  "sku,prompt\nA1,\"a, b\"\nA2,c", SOURCE_CSV,
	  "{\"sku\":\"A1\",\"prompt\":\"a, b\"}\n{\"sku\":\"A2\",\"prompt\":\"c\"}",
	  NULL },
	{ "auto: CSV by the prompt field", SOURCE_AUTO, "title",
	  "title,x\nboat,1", SOURCE_CSV, "{\"title\":\"boat\",\"x\":\"1\"}", NULL },
	{ "auto: lines", SOURCE_AUTO, NULL,
	  "a cat, sitting\r\n\nsecond", SOURCE_LINES,
	  "{\"prompt\":\"a cat, sitting\"}\n{\"prompt\":\"second\"}", NULL },
	{ "auto: a BOM before the header", SOURCE_AUTO, NULL,
	  "\xef\xbb\xbfprompt\nx", SOURCE_CSV, "{\"prompt\":\"x\"}", NULL },
	{ "auto: a BOM before a line", SOURCE_AUTO, NULL,
	  "\xef\xbb\xbfhello", SOURCE_LINES, "{\"prompt\":\"hello\"}", NULL },
	{ "csv: a row over two lines", SOURCE_CSV, NULL,
	  "prompt,n\n\"two\nlines\",2", SOURCE_CSV,
	  "{\"prompt\":\"two\\nlines\",\"n\":\"2\"}", NULL },
	{ "csv: a short row", SOURCE_CSV, NULL,
	  "prompt,a,b\nx,1\ny,2,3", SOURCE_CSV,
	  "{\"error\":{\"stage\":\"input\",\"line\":2,\"message\":"
	  "\"expected 3 fields, got 2\",\"retryable\":false},\"input\":\"x,1\"}\n"
	  "{\"prompt\":\"y\",\"a\":\"2\",\"b\":\"3\"}", NULL },
	{ "csv: a long row", SOURCE_CSV, NULL,
	  "prompt\nx,1", SOURCE_CSV,
	  "{\"error\":{\"stage\":\"input\",\"line\":2,\"message\":"
	  "\"expected 1 fields, got 2\",\"retryable\":false},\"input\":\"x,1\"}",
	  NULL },
	{ "csv: a reserved column", SOURCE_CSV, NULL, "prompt,task\nx,y",
	  SOURCE_CSV, "", "task" },
	{ "csv: a duplicate column", SOURCE_CSV, NULL, "prompt,a,a\nx,y,z",
	  SOURCE_CSV, "", "a" },
	{ "jsonl: a bad line, then a good one", SOURCE_JSONL, NULL,
	  "{\"prompt\": broken\n{\"prompt\":\"ok\"}", SOURCE_JSONL,
	  "{\"error\":{\"stage\":\"input\",\"line\":1,", NULL },
	{ "jsonl: not an object", SOURCE_JSONL, NULL, "[1,2]", SOURCE_JSONL,
	  "{\"error\":{\"stage\":\"input\",\"line\":1,", NULL },
	{ "lines: -f lines keeps a header-like line", SOURCE_LINES, NULL,
	  "prompt\nx", SOURCE_LINES, "{\"prompt\":\"prompt\"}\n{\"prompt\":\"x\"}",
	  NULL },
	{ "auto: CSV with CRLF line ends", SOURCE_AUTO, NULL,
	  "prompt,n\r\nx,1\r\n", SOURCE_CSV, "{\"prompt\":\"x\",\"n\":\"1\"}",
	  NULL },
	{ "auto: the word prompt is not a column", SOURCE_AUTO, NULL,
	  "write a prompt, please\nnext", SOURCE_LINES,
	  "{\"prompt\":\"write a prompt, please\"}\n{\"prompt\":\"next\"}",
	  NULL },
	{ "auto: a lone prompt column", SOURCE_AUTO, NULL,
	  "prompt\n\"a, b\"", SOURCE_CSV, "{\"prompt\":\"a, b\"}", NULL },
	{ "auto: blank lines, then a header", SOURCE_AUTO, NULL,
	  "\n \nprompt\nx", SOURCE_CSV, "{\"prompt\":\"x\"}", NULL },
	{ "auto: a BOM before JSON", SOURCE_AUTO, NULL,
	  "\xef\xbb\xbf{\"prompt\":\"a\"}", SOURCE_JSONL,
	  "{\"prompt\":\"a\"}", NULL },
	{ "csv: a BOM before a given header", SOURCE_CSV, NULL,
	  "\xef\xbb\xbfprompt\nx", SOURCE_CSV, "{\"prompt\":\"x\"}", NULL },
	{ "csv: a blank line between rows", SOURCE_CSV, NULL,
	  "prompt,n\nx,1\n\ny,2", SOURCE_CSV,
	  "{\"prompt\":\"x\",\"n\":\"1\"}\n{\"prompt\":\"y\",\"n\":\"2\"}",
	  NULL },
	{ "csv: the line of a row after a row over lines", SOURCE_CSV, NULL,
	  "prompt,n\n\"a\nb\",1\nc,1,2", SOURCE_CSV,
	  "{\"prompt\":\"a\\nb\",\"n\":\"1\"}\n"
	  "{\"error\":{\"stage\":\"input\",\"line\":4,\"message\":"
	  "\"expected 2 fields, got 3\",\"retryable\":false},\"input\":\"c,1,2\"}",
	  NULL },
	{ "csv: text after a closing quote, then a good row", SOURCE_CSV, NULL,
	  "prompt,n\n\"a\"b,1\nc,2", SOURCE_CSV,
	  "{\"error\":{\"stage\":\"input\",\"line\":2,\"message\":"
	  "\"text after a closing quote\",\"retryable\":false},"
	  "\"input\":\"\\\"a\\\"b,1\"}\n{\"prompt\":\"c\",\"n\":\"2\"}", NULL },
	{ "csv: a field that is not UTF-8", SOURCE_CSV, NULL,
	  "prompt\nok\xff", SOURCE_CSV,
	  "{\"error\":{\"stage\":\"input\",\"line\":2,\"message\":"
	  "\"field 'prompt' is not valid UTF-8\",\"retryable\":false},"
	  "\"input\":\"ok\xef\xbf\xbd\"}", NULL },
	{ "csv: a column with no name", SOURCE_CSV, NULL, "prompt,,n\nx,y,z",
	  SOURCE_CSV, "", "column 2" },
	{ "csv: a reserved column first", SOURCE_CSV, NULL, "error,prompt\nx,y",
	  SOURCE_CSV, "", "error" },
	{ "lines: the prompt field names the key", SOURCE_LINES, "title",
	  "boat\r\n \t\nship", SOURCE_LINES,
	  "{\"title\":\"boat\"}\n{\"title\":\"ship\"}", NULL },
	{ "lines: quotes, braces and slashes kept", SOURCE_LINES, NULL,
	  "say \"hi\" {x} a/b", SOURCE_LINES,
	  "{\"prompt\":\"say \\\"hi\\\" {x} a/b\"}", NULL },
	/* -f auto never pays for a header (detect.h): both sides of the rule */
	{ "auto: a CSV header without a prompt column", SOURCE_AUTO, NULL,
	  "text,sku\nhello,S1", SOURCE_AUTO, "", "columns: text, sku" },
	{ "auto: the refusal names both ways out", SOURCE_AUTO, NULL,
	  "text,sku\nhello,S1", SOURCE_AUTO, "",
	  "--prompt-field NAME, or read each line as a prompt with -f lines" },
	{ "auto: a header with spaces in its names", SOURCE_AUTO, NULL,
	  "Product Name,Unit Price\r\nboat,3\r\n", SOURCE_AUTO, "",
	  "Product Name, Unit Price" },
	{ "auto: a header, a blank line, a row", SOURCE_AUTO, NULL,
	  "text,sku\n\nhello,S1", SOURCE_AUTO, "", "text, sku" },
	{ "auto: a header, then a row over two lines", SOURCE_AUTO, NULL,
	  "text,sku\n\"a\nb\",S1", SOURCE_AUTO, "", "text, sku" },
	{ "auto: a header and no row", SOURCE_AUTO, NULL,
	  "text,sku\n", SOURCE_AUTO, "", "text, sku" },
	{ "auto: a template's field is the prompt column", SOURCE_AUTO, "text",
	  "text,sku\nhello,S1", SOURCE_CSV,
	  "{\"text\":\"hello\",\"sku\":\"S1\"}", NULL },
	{ "auto: a prompt with commas and spaces", SOURCE_AUTO, NULL,
	  "a cat, watercolour, --ar 3:2\na dog, oil, --ar 2:3", SOURCE_LINES,
	  "{\"prompt\":\"a cat, watercolour, --ar 3:2\"}\n"
	  "{\"prompt\":\"a dog, oil, --ar 2:3\"}", NULL },
	{ "auto: word,word then a line with other fields", SOURCE_AUTO, NULL,
	  "cat,dog\n\na red bird\nfish,owl", SOURCE_LINES,
	  "{\"prompt\":\"cat,dog\"}\n{\"prompt\":\"a red bird\"}\n"
	  "{\"prompt\":\"fish,owl\"}", NULL },
	{ "auto: word,word then three fields", SOURCE_AUTO, NULL,
	  "cat,dog\nred,green,blue", SOURCE_LINES,
	  "{\"prompt\":\"cat,dog\"}\n{\"prompt\":\"red,green,blue\"}",
	  NULL },
	{ "auto: a field that is no name (digits, '--ar 3:2')", SOURCE_AUTO,
	  NULL, "boat,--ar 3:2\nship,--ar 2:3", SOURCE_LINES,
	  "{\"prompt\":\"boat,--ar 3:2\"}\n{\"prompt\":\"ship,--ar 2:3\"}",
	  NULL },
	{ "auto: a quote still open at the end", SOURCE_AUTO, NULL,
	  "cat,dog\n\"open", SOURCE_LINES,
	  "{\"prompt\":\"cat,dog\"}\n{\"prompt\":\"\\\"open\"}", NULL },
	{ "auto: one word is a prompt, not a header", SOURCE_AUTO, NULL,
	  "sunset\nboat", SOURCE_LINES,
	  "{\"prompt\":\"sunset\"}\n{\"prompt\":\"boat\"}", NULL },
	/* JSON-lines only when the first line looks like an object */
	{ "auto: prompts starting with a permutation", SOURCE_AUTO, NULL,
	  "{red, green} bird\na {b, c} cat", SOURCE_LINES,
	  "{\"prompt\":\"{red, green} bird\"}\n"
	  "{\"prompt\":\"a {b, c} cat\"}", NULL },
	{ "auto: a one-option group first", SOURCE_AUTO, NULL,
	  "{x} y", SOURCE_LINES, "{\"prompt\":\"{x} y\"}", NULL },
	{ "auto: '{' spaces '\"' is JSON-lines", SOURCE_AUTO, NULL,
	  " { \t\"prompt\": \"a\" }", SOURCE_JSONL, "{\"prompt\":\"a\"}",
	  NULL },
	{ "auto: {} is JSON-lines", SOURCE_AUTO, NULL, "{ }", SOURCE_JSONL,
	  "{}", NULL },
	{ "auto: a broken JSON-lines file is never prompts", SOURCE_AUTO,
	  NULL, "{\"prompt\": \"a cat\"\n{\"prompt\":\"b\",}",
	  SOURCE_JSONL, "{\"error\":{\"stage\":\"input\",\"line\":1,", NULL },
	{ "auto: '{' alone starts an indented document", SOURCE_AUTO, NULL,
	  "{\n  \"prompt\": \"a\"\n}", SOURCE_JSONL,
	  "{\"error\":{\"stage\":\"input\",\"line\":1,", NULL },
	{ "lines: not UTF-8", SOURCE_LINES, NULL, "a\xc3", SOURCE_LINES,
	  "{\"error\":{\"stage\":\"input\",\"line\":1,\"message\":"
	  "\"not valid UTF-8\",\"retryable\":false},"
	  "\"input\":\"a\xef\xbf\xbd\"}", NULL },
};

/*
 * A short or long CSV row gives an error record carrying its raw text,
 * also when that text happens to be a JSON object.
 */
static const struct {
	const char	*name;
	const char	*header;
	const char	*row;
	const char	*input;		/* what "input" says */
	const char	*msg;
} raw_kept[] = {
	{ "a plain short row", "prompt,n", "x", "x",
	  "expected 2 fields, got 1" },
	{ "a short row that is a JSON object", "prompt,n", "{\"a\":1}",
	  "{\"a\":1}", "expected 2 fields, got 1" },
	{ "a long row that is a JSON object", "prompt", "{\"a\":[1,2]}",
	  "{\"a\":[1,2]}", "expected 1 fields, got 2" },
	{ "a bad CSV row that is a JSON object", "prompt",
	  "{\"a\":1,\"b\":2}", "{\"a\":1,\"b\":2}",
	  "text after a closing quote" },
	{ "a short row that is JSON, not an object", "prompt,n", "[1]", "[1]",
	  "expected 2 fields, got 1" },
	{ "a short row with NaN", "prompt,n", "{\"a\":NaN}", "{\"a\":NaN}",
	  "expected 2 fields, got 1" },
	{ "a short row, CRLF", "prompt,n", "x\r", "x",
	  "expected 2 fields, got 1" },
	{ "a short row with a bad byte", "prompt,n", "x\xff", "x\xef\xbf\xbd",
	  "expected 2 fields, got 1" },
};

/*
 * Strict UTF-8 at the boundaries, as a line and as a CSV field: ok tells
 * whether the text is read or gives an error record.
 */
static const struct {
	const char	*name;
	const char	*text;
	int		 ok;
} utf8[] = {
	{ "U+007F", "a\x7f", 1 },
	{ "U+0080", "a\xc2\x80", 1 },
	{ "U+07FF", "a\xdf\xbf", 1 },
	{ "U+0800", "a\xe0\xa0\x80", 1 },
	{ "U+D7FF", "a\xed\x9f\xbf", 1 },
	{ "U+E000", "a\xee\x80\x80", 1 },
	{ "U+FFFF", "a\xef\xbf\xbf", 1 },
	{ "U+10000", "a\xf0\x90\x80\x80", 1 },
	{ "U+10FFFF", "a\xf4\x8f\xbf\xbf", 1 },
	{ "an overlong U+007F", "a\xc1\xbf", 0 },
	{ "an overlong U+07FF", "a\xe0\x9f\xbf", 0 },
	{ "an overlong U+002F", "a\xe0\x80\xaf", 0 },
	{ "an overlong U+FFFF", "a\xf0\x8f\xbf\xbf", 0 },
	{ "the surrogate U+D800", "a\xed\xa0\x80", 0 },
	{ "the surrogate U+DFFF", "a\xed\xbf\xbf", 0 },
	{ "U+110000", "a\xf4\x90\x80\x80", 0 },
	{ "F5", "a\xf5\x80\x80\x80", 0 },
	{ "a cut 2-byte", "a\xc2", 0 },
	{ "a cut 3-byte", "a\xe0\xa0", 0 },
	{ "a cut 4-byte", "a\xf0\x90\x80", 0 },
	{ "a cut 4-byte, then ASCII", "a\xf0\x90\x80z", 0 },
};

static void
run_utf8(size_t k)
{
	struct source	*s;
	struct record	*r;
	char		 row[32];

	s = source_new(SOURCE_LINES, NULL);
	r = source_push(s, utf8[k].text, strlen(utf8[k].text), 1);
	TAP_INT(r != NULL && record_is_error(r), !utf8[k].ok, "lines: %s %s",
	    utf8[k].name, utf8[k].ok ? "is read" : "is an error");
	if (r != NULL && utf8[k].ok)
		TAP_STR(record_get_string(r, "prompt"), utf8[k].text,
		    "lines: %s kept as it was", utf8[k].name);
	record_free(r);
	source_free(s);

	s = source_new(SOURCE_CSV, NULL);
	(void)source_push(s, "n,prompt", 8, 1);
	(void)snprintf(row, sizeof(row), "1,%s", utf8[k].text);
	r = source_push(s, row, strlen(row), 2);
	TAP_INT(r != NULL && record_is_error(r), !utf8[k].ok, "csv: %s %s",
	    utf8[k].name, utf8[k].ok ? "is read" : "is an error");
	record_free(r);
	source_free(s);
}

static void
run_case(size_t k)
{
	struct source	*s = source_new(cases[k].format, cases[k].field);
	struct record	*r;
	struct buf	 out = BUF_INIT;
	char		*input = strdup(cases[k].input), *line, *save = NULL;
	const char	*text, *p;
	size_t		 len;
	long		 lineno = 0;

	/* split on '\n' by hand: empty lines count */
	for (line = input; line != NULL; line = save) {
		char *nl = strchr(line, '\n');

		save = nl != NULL ? nl + 1 : NULL;
		if (nl != NULL)
			*nl = '\0';
		r = source_push(s, line, strlen(line), ++lineno);
		if (source_fatal(s) != NULL)
			break;
		for (; r != NULL; r = source_next(s)) {
			text = record_serialize(r, &len);
			if (out.len > 0)
				buf_appendc(&out, '\n');
			buf_append(&out, text, len);
			record_free(r);
		}
	}
	if (source_fatal(s) == NULL)
		for (r = source_finish(s); r != NULL; r = source_next(s)) {
			text = record_serialize(r, &len);
			if (out.len > 0)
				buf_appendc(&out, '\n');
			buf_append(&out, text, len);
			record_free(r);
		}
	if (cases[k].fatal != NULL) {
		p = source_fatal(s);
		TAP_OK(p != NULL && strstr(p, cases[k].fatal) != NULL,
		    "%s: a usage error naming '%s' (%s)", cases[k].name,
		    cases[k].fatal, p != NULL ? p : "none");
	} else {
		TAP_OK(source_fatal(s) == NULL, "%s: usable", cases[k].name);
		if (strchr(cases[k].records, '\n') == NULL &&
		    strncmp(cases[k].records, "{\"error\"", 8) == 0)
			TAP_OK(strncmp(buf_str(&out), cases[k].records,
			    strlen(cases[k].records)) == 0,
			    "%s: an error record first", cases[k].name);
		else
			TAP_STR(buf_str(&out), cases[k].records, "%s: records",
			    cases[k].name);
		TAP_INT(source_format(s), cases[k].chosen, "%s: format",
		    cases[k].name);
	}
	buf_free(&out);
	free(input);
	source_free(s);
}

int
main(void)
{
	struct source	*s;
	struct record	*r;
	size_t		 k;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
		run_case(k);

	/* a quoted field still open at the end of input */
	s = source_new(SOURCE_CSV, NULL);
	TAP_OK(source_push(s, "prompt", 6, 1) == NULL, "header: no record");
	TAP_OK(source_push(s, "\"open", 5, 2) == NULL, "open quote: no record yet");
	r = source_finish(s);
	TAP_OK(r != NULL && record_is_error(r), "source_finish: an error record");
	TAP_OK(r != NULL && record_get_string(r, "input") != NULL &&
	    strstr(record_get_string(r, "input"), "open") != NULL,
	    "... with the raw text");
	TAP_INT(r != NULL ? r->line : 0, 2, "... and the line the row began");
	record_free(r);
	source_free(s);

	/* a refused header: the lines held give nothing, even at the end */
	s = source_new(SOURCE_AUTO, NULL);
	TAP_OK(source_push(s, "text,sku", 8, 1) == NULL, "header-like: held");
	TAP_OK(source_push(s, "hello,S1", 8, 2) == NULL &&
	    source_fatal(s) != NULL, "a row as long: refused");
	TAP_OK(source_push(s, "more", 4, 3) == NULL, "... the next line: nothing");
	TAP_OK(source_finish(s) == NULL && source_next(s) == NULL,
	    "... the end: nothing either");
	source_free(s);

	/* a bad JSON line does not stop the next one */
	s = source_new(SOURCE_JSONL, NULL);
	r = source_push(s, "{\"prompt\": broken", 17, 7);
	TAP_OK(r != NULL && record_is_error(r), "jsonl: a bad line, an error");
	TAP_STR(r != NULL ? record_get_string(r, "input") : NULL,
	    "{\"prompt\": broken", "... with its raw text");
	TAP_INT(r != NULL ? r->line : 0, 7, "... and its line");
	record_free(r);
	TAP_OK(source_push(s, "  ", 2, 8) == NULL, "jsonl: a blank line, nothing");
	r = source_push(s, "{\"prompt\":\"ok\"}", 15, 9);
	TAP_OK(r != NULL && !record_is_error(r), "jsonl: the next line reads");
	TAP_STR(r != NULL ? record_get_string(r, "prompt") : NULL, "ok",
	    "... whole");
	TAP_INT(r != NULL ? r->line : 0, 9, "... with its line");
	record_free(r);
	TAP_OK(source_finish(s) == NULL, "jsonl: nothing left at the end");
	source_free(s);

	for (k = 0; k < sizeof(raw_kept) / sizeof(raw_kept[0]); k++) {
		s = source_new(SOURCE_CSV, NULL);
		(void)source_push(s, raw_kept[k].header,
		    strlen(raw_kept[k].header), 1);
		r = source_push(s, raw_kept[k].row, strlen(raw_kept[k].row), 2);
		TAP_OK(r != NULL && record_is_error(r), "%s: an error",
		    raw_kept[k].name);
		TAP_STR(r != NULL ? record_get_string(r, "input") : NULL,
		    raw_kept[k].input, "%s: the raw text kept",
		    raw_kept[k].name);
		TAP_STR(r != NULL ? json_get_string(record_get(r, "error"),
		    "message") : NULL, raw_kept[k].msg, "%s: the message",
		    raw_kept[k].name);
		record_free(r);
		source_free(s);
	}

	for (k = 0; k < sizeof(utf8) / sizeof(utf8[0]); k++)
		run_utf8(k);
	/* a NUL byte would cut the prompt short: an error */
	s = source_new(SOURCE_LINES, NULL);
	r = source_push(s, "a\0b", 3, 1);
	TAP_OK(r != NULL && record_is_error(r), "lines: a NUL is an error");
	record_free(r);
	source_free(s);

	TAP_INT(source_format_parse("csv"), SOURCE_CSV, "parse csv");
	TAP_INT(source_format_parse("json"), SOURCE_JSONL, "parse json");
	TAP_INT(source_format_parse("ndjson"), SOURCE_JSONL, "parse ndjson");
	TAP_INT(source_format_parse(""), -1, "parse '': unknown");
	TAP_INT(source_format_parse("jsonl"), SOURCE_JSONL, "parse jsonl");
	TAP_INT(source_format_parse("lines"), SOURCE_LINES, "parse lines");
	TAP_INT(source_format_parse("auto"), SOURCE_AUTO, "parse auto");
	TAP_INT(source_format_parse("xml"), -1, "parse xml: unknown");
	return tap_done();
}
