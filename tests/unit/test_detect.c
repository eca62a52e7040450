/*
 * "-f auto" on a first line (detect.h has the rule): JSON-lines, CSV
 * with the prompt column, a header without it, or plain lines; and the
 * column a template names.
 */
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "detect.h"
#include "tap.h"

static const struct {
	const char	*line;
	const char	*field;
	enum detect	 want;
} firsts[] = {
	/* 1: the start of a JSON object */
	{ "{\"prompt\":\"a cat\"}", "prompt", DETECT_JSONL },
	{ " \t\r{ \"x\": 1}", "prompt", DETECT_JSONL },
	{ "{}", "prompt", DETECT_JSONL },
	{ "{", "prompt", DETECT_JSONL },
	{ "{  ", "prompt", DETECT_JSONL },
	{ "{red, green} bird", "prompt", DETECT_LINES },
	{ "", "prompt", DETECT_LINES },
	{ "  \t", "prompt", DETECT_LINES },
	/* 2: a field is the prompt column */
	{ "prompt", "prompt", DETECT_CSV },
	{ "sku,prompt", "prompt", DETECT_CSV },
	{ "text,sku", "text", DETECT_CSV },
	{ "prompts,sku", "prompt", DETECT_HEADER },
	{ "prom,sku", "prompt", DETECT_HEADER },
	{ "Prompt,sku", "prompt", DETECT_HEADER },
	/* not a whole row: a quoted field left open, a stray quote */
	{ "\"a cat, then", "prompt", DETECT_LINES },
	{ "a \"cat\" x,y\"z", "prompt", DETECT_LINES },
	/* 3: every field a column name, two or more */
	{ "_id,sku", "prompt", DETECT_HEADER },
	{ "Zeta,alpha_2", "prompt", DETECT_HEADER },
	{ "a-b.c,d9", "prompt", DETECT_HEADER },
	{ "Product Name,Unit Price", "prompt", DETECT_HEADER },
	{ "word", "prompt", DETECT_LINES },
	{ "1st,sku", "prompt", DETECT_LINES },
	{ "-x,sku", "prompt", DETECT_LINES },
	{ "~x,sku", "prompt", DETECT_LINES },
	{ "[x,sku", "prompt", DETECT_LINES },
	{ "a~b,sku", "prompt", DETECT_LINES },
	{ "a/b,sku", "prompt", DETECT_LINES },
	{ "a:b,sku", "prompt", DETECT_LINES },
	{ "a{b,sku", "prompt", DETECT_LINES },
	{ "caf\xc3\xa9,sku", "prompt", DETECT_LINES },
	{ "a  b,sku", "prompt", DETECT_LINES },
	{ "a ,sku", "prompt", DETECT_LINES },
	{ "a, sku", "prompt", DETECT_LINES },
	{ "a,,sku", "prompt", DETECT_LINES },
	{ "a cat, watercolour, --ar 3:2", "prompt", DETECT_LINES },
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,b",
	  "prompt", DETECT_HEADER },
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,b",
	  "prompt", DETECT_LINES },
};

static const struct {
	const char	*prompt_field;
	const char	*template;
	size_t		 size;
	const char	*want;
} columns[] = {
	{ NULL, NULL, 64, NULL },
	{ "title", "{text}", 64, "title" },
	{ NULL, "a {text} b", 64, "text" },
	{ NULL, "{{x}} {text}", 64, "text" },
	{ NULL, "{{x}}", 64, NULL },
	{ NULL, "{} {text}", 64, NULL },
	{ NULL, "{text", 64, NULL },
	{ NULL, "no braces", 64, NULL },
	{ NULL, "{text}", 4, NULL },
	{ NULL, "{text}", 5, "text" },
};

int
main(void)
{
	struct csv	*probe;
	const char	*got;
	char		 buf[64];
	size_t		 i;

	for (i = 0; i < sizeof(firsts) / sizeof(firsts[0]); i++) {
		if ((probe = csv_new()) == NULL)
			return 1;
		TAP_INT(detect_first(firsts[i].line, strlen(firsts[i].line),
		    firsts[i].field, probe), firsts[i].want,
		    "first line '%s', column %s", firsts[i].line,
		    firsts[i].field);
		csv_free(probe);
	}
	for (i = 0; i < sizeof(columns) / sizeof(columns[0]); i++) {
		got = detect_column(columns[i].prompt_field,
		    columns[i].template, buf, columns[i].size);
		TAP_STR(got != NULL ? got : "(none)",
		    columns[i].want != NULL ? columns[i].want : "(none)",
		    "column of '%s' (--prompt-field %s, room %zu)",
		    columns[i].template ? columns[i].template : "",
		    columns[i].prompt_field ? columns[i].prompt_field : "-",
		    columns[i].size);
	}
	if ((probe = csv_new()) == NULL)
		return 1;
	TAP_INT(detect_first("text,sku", 8, "prompt", probe), DETECT_HEADER,
	    "a header");
	got = detect_refusal(probe, "prompt");
	TAP_STR(got, "the input looks like CSV whose header has no 'prompt' "
	    "column (columns: text, sku); nothing was sent: name the "
	    "prompt's column with --prompt-field NAME, or read each line as "
	    "a prompt with -f lines", "its refusal names the columns");
	free((char *)got);
	csv_free(probe);
	return tap_done();
}
