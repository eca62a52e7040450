/*
 * mj-submit's input formats: what "auto" decides, and what each format
 * makes of its lines, good and bad.  Each case is an input (lines split on
 * '\n') and the records it gives, serialized and joined with '\n'.
 */
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
};

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
		if (r == NULL)
			continue;
		text = record_serialize(r, &len);
		if (out.len > 0)
			buf_appendc(&out, '\n');
		buf_append(&out, text, len);
		record_free(r);
	}
	if (source_fatal(s) == NULL && (r = source_finish(s)) != NULL) {
		text = record_serialize(r, &len);
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
	record_free(r);
	source_free(s);

	TAP_INT(source_format_parse("csv"), SOURCE_CSV, "parse csv");
	TAP_INT(source_format_parse("jsonl"), SOURCE_JSONL, "parse jsonl");
	TAP_INT(source_format_parse("lines"), SOURCE_LINES, "parse lines");
	TAP_INT(source_format_parse("auto"), SOURCE_AUTO, "parse auto");
	TAP_INT(source_format_parse("xml"), -1, "parse xml: unknown");
	return tap_done();
}
