/*
 * RFC 4180 CSV, fed line by line: quotes, doubled quotes, commas and line
 * breaks inside quotes, CRLF, empty fields, and malformed rows.  Each case
 * is its physical lines and the fields of the one row they make, joined
 * with '|' for comparison, or the error expected.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "tap.h"

static const struct {
	const char	*name;
	const char	*lines[4];	/* NULL-terminated */
	const char	*fields;	/* joined by '|', or NULL for an error */
	size_t		 nfields;
} cases[] = {
	{ "plain", { "a,b,c", NULL }, "a|b|c", 3 },
	{ "one field", { "prompt", NULL }, "prompt", 1 },
	{ "quoted comma", { "\"a, b\",c", NULL }, "a, b|c", 2 },
	{ "doubled quotes", { "\"say \"\"hi\"\"\",x", NULL }, "say \"hi\"|x", 2 },
	{ "only a doubled quote", { "\"\"\"\"", NULL }, "\"", 1 },
	{ "empty fields", { ",,", NULL }, "||", 3 },
	{ "trailing empty field", { "a,", NULL }, "a|", 2 },
	{ "empty quoted field", { "\"\",b", NULL }, "|b", 2 },
	{ "CRLF dropped", { "a,b\r", NULL }, "a|b", 2 },
	{ "CRLF after a quote", { "a,\"b\"\r", NULL }, "a|b", 2 },
	{ "line break inside quotes", { "\"two", "lines\",x", NULL },
	    "two\nlines|x", 2 },
	{ "CRLF inside quotes kept", { "\"two\r", "lines\"\r", NULL },
	    "two\r\nlines", 1 },
	{ "three lines in one field", { "a,\"1", "2", "3\"", NULL },
	    "a|1\n2\n3", 2 },
	{ "UTF-8 kept", { "\"ünï, €\",日本", NULL }, "ünï, €|日本", 2 },
	{ "quote inside an unquoted field kept", { "ab\"c,d", NULL },
	    "ab\"c|d", 2 },
	{ "spaces kept", { " a , b ", NULL }, " a | b ", 2 },
	{ "text after a closing quote", { "\"a\"b,c", NULL }, NULL, 0 },
	{ "space after a closing quote", { "\"a\" ,b", NULL }, NULL, 0 },
	{ "a second quoted part", { "\"a\"\"b\"\"c\"x", NULL }, NULL, 0 },
	{ "an empty line: one empty field", { "", NULL }, "", 1 },
	{ "a lone CR: one empty field", { "\r", NULL }, "", 1 },
	{ "trailing empty field, CRLF", { "a,\r", NULL }, "a|", 2 },
	{ "quoted comma then CRLF", { "\",\",\",\"\r", NULL }, ",|,", 2 },
	{ "quotes not at the start kept", { "a\"\"b,\" x\"", NULL },
	    "a\"\"b| x", 2 },
	{ "quote opening a field after spaces kept", { " \"a\",b", NULL },
	    " \"a\"|b", 2 },
	{ "an empty line inside quotes", { "\"a", "", "b\"", NULL },
	    "a\n\nb", 1 },
	{ "a doubled quote at a line end", { "\"a\"\"", "b\"", NULL },
	    "a\"\nb", 1 },
	{ "a comma line inside quotes", { "x,\"", ",", "\",y", NULL },
	    "x|\n,\n|y", 3 },
	/* after a closing quote only the line's final CR may follow */
	{ "CR after a quote, then text", { "\"a\"\rb", NULL }, NULL, 0 },
	{ "text after a quote, CRLF", { "\"a\"x\r", NULL }, NULL, 0 },
};

/* A row over several lines: what each push returns. */
static const struct {
	const char	*name;
	const char	*lines[4];
	int		 rc[4];
} steps[] = {
	{ "open, more, close", { "\"a", "b", "c\",d", NULL },
	    { CSV_MORE, CSV_MORE, CSV_ROW } },
	{ "open, then an error after the close", { "\"a", "b\"x", NULL },
	    { CSV_MORE, CSV_ERROR } },
	{ "rows one after another", { "a", "b,c", "\"d\"", NULL },
	    { CSV_ROW, CSV_ROW, CSV_ROW } },
	{ "an error, then a fresh row", { "\"a\"b", "\"c", "\"", NULL },
	    { CSV_ERROR, CSV_MORE, CSV_ROW } },
};

static void
check_case(size_t k)
{
	struct csv	*c = csv_new();
	struct buf	 got = BUF_INIT;
	const char	*f;
	size_t		 i, len;
	int		 rc = CSV_MORE;

	for (i = 0; cases[k].lines[i] != NULL; i++) {
		rc = csv_push_line(c, cases[k].lines[i],
		    strlen(cases[k].lines[i]));
		if (cases[k].lines[i + 1] != NULL && rc == CSV_MORE)
			continue;
		break;
	}
	if (cases[k].fields == NULL) {
		TAP_INT(rc, CSV_ERROR, "%s: an error", cases[k].name);
		TAP_OK(csv_error(c) != NULL && *csv_error(c) != '\0',
		    "%s: says why (%s)", cases[k].name, csv_error(c));
		csv_free(c);
		return;
	}
	TAP_INT(rc, CSV_ROW, "%s: a row", cases[k].name);
	TAP_INT((long)csv_nfields(c), (long)cases[k].nfields, "%s: fields",
	    cases[k].name);
	for (i = 0; i < csv_nfields(c); i++) {
		f = csv_field(c, i, &len);
		if (i > 0)
			buf_appendc(&got, '|');
		buf_append(&got, f, len);
	}
	TAP_STR(buf_str(&got), cases[k].fields, "%s: values", cases[k].name);
	buf_free(&got);
	csv_free(c);
}

int
main(void)
{
	struct csv	*c;
	size_t		 i, k, len;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
		check_case(k);

	for (k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
		c = csv_new();
		for (i = 0; steps[k].lines[i] != NULL; i++)
			TAP_INT(csv_push_line(c, steps[k].lines[i],
			    strlen(steps[k].lines[i])), steps[k].rc[i],
			    "%s: line %zu", steps[k].name, i + 1);
		csv_free(c);
	}

	/* the row after a finished one starts afresh */
	c = csv_new();
	TAP_INT(csv_push_line(c, "a,b", 3), CSV_ROW, "first row");
	TAP_INT(csv_push_line(c, "\"x\"y", 4), CSV_ERROR, "a bad row");
	TAP_INT(csv_push_line(c, "c", 1), CSV_ROW, "the next row is read");
	TAP_STR(csv_field(c, 0, &len), "c", "... whole");
	/* an open quote at the end of input */
	TAP_INT(csv_push_line(c, "\"never closed", 13), CSV_MORE,
	    "an open quote wants more");
	TAP_INT(csv_finish(c), CSV_ERROR, "csv_finish: an open quote is an "
	    "error");
	TAP_OK(*csv_error(c) != '\0', "... that says why (%s)", csv_error(c));
	TAP_INT(csv_push_line(c, "z", 1), CSV_ROW, "... and a new row follows");
	TAP_INT(csv_finish(c), CSV_MORE, "... then csv_finish is fine");
	csv_free(c);
	c = csv_new();
	TAP_INT(csv_finish(c), CSV_MORE, "csv_finish after whole rows: fine");
	TAP_INT(csv_push_line(c, "a,b", 3), CSV_ROW, "a row of two");
	TAP_OK(csv_field(c, 2, &len) == NULL, "... no third field");
	TAP_STR(csv_field(c, 1, NULL), "b", "... the second, no length asked");
	csv_free(c);
	csv_free(NULL);		/* nothing: no crash */
	return tap_done();
}
