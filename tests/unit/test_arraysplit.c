/*
 * The array splitter: each case is fed whole and then one byte at a time
 * (a reply arrives in pieces of any size); the elements handed over are
 * joined with '|' and compared, and so is the verdict at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arraysplit.h"
#include "buf.h"
#include "tap.h"

struct split_case {
	const char	*in;
	const char	*elems;		/* joined with '|' */
	int		 ok;		/* array_split_finish succeeds */
	const char	*error;		/* or NULL */
};

static const struct split_case cases[] = {
	{ "[]", "", 1, NULL },
	{ " \n[ ]\r\n", "", 1, NULL },
	{ "[1]", "1", 1, NULL },
	{ "[1,2, 3 ]", "1|2|3", 1, NULL },
	{ "[{\"a\":1},{\"b\":[1,2]}]", "{\"a\":1}|{\"b\":[1,2]}", 1, NULL },
	{ "[\"a,b]\",\"c\\\"]\"]", "\"a,b]\"|\"c\\\"]\"", 1, NULL },
	{ "[{\"s\":\"}]{[\"}, [[],[[]]], null]",
	    "{\"s\":\"}]{[\"}|[[],[[]]]|null", 1, NULL },
	{ "[\"\\\\\",1]", "\"\\\\\"|1", 1, NULL },
	{ "[1,2", "1", 0, "the array is cut short" },
	{ "", "", 0, "the array is cut short" },
	{ "[{\"a\":1}", "", 0, "the array is cut short" },
	{ "{\"code\":1}", "", 0, "not a JSON array" },
	{ "[1] x", "1", 0, "text after the array" },
	{ "[1,,2]", "1", 0, "an empty element" },
	{ "[1,]", "1", 0, "an empty element" },
	{ "[,1]", "", 0, "an empty element" },
	{ "[\"0123456789abcdefghij\"]", "", 0, "an element too long" },
};

#define MAX_ELEM	16

static int
collect(const char *text, size_t len, void *arg)
{
	struct buf	*out = arg;

	if (out->len > 0)
		buf_appendc(out, '|');
	buf_append(out, text, len);
	return 0;
}

static int
stop_at_two(const char *text, size_t len, void *arg)
{
	(void)text;
	(void)len;
	return ++*(int *)arg == 2 ? -1 : 0;
}

/* Feed in pieces of step bytes (0: whole); the elements, the verdict. */
static int
run(const struct split_case *c, size_t step, struct buf *out,
    const char **error)
{
	struct array_split	 a;
	size_t			 i, n = strlen(c->in);
	int			 rc = 0;

	array_split_init(&a, MAX_ELEM);
	buf_reset(out);
	if (step == 0)
		step = n > 0 ? n : 1;
	for (i = 0; i < n && rc == 0; i += step)
		rc = array_split_feed(&a, c->in + i, n - i < step ? n - i :
		    step, collect, out);
	if (rc == 0)
		rc = array_split_finish(&a);
	*error = a.error;
	array_split_free(&a);
	return rc == 0;
}

int
main(void)
{
	struct buf		 out = BUF_INIT;
	struct array_split	 a;
	const char		*error;
	size_t			 i, step;
	int			 ok, calls = 0;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (step = 0; step <= 1; step++) {
			ok = run(&cases[i], step, &out, &error);
			TAP_INT(ok, cases[i].ok, "%s (step %zu): verdict",
			    cases[i].in, step);
			TAP_STR(out.len > 0 ? out.data : "", cases[i].elems,
			    "%s (step %zu): elements", cases[i].in, step);
			TAP_STR(error != NULL ? error : "(none)",
			    cases[i].error != NULL ? cases[i].error : "(none)",
			    "%s (step %zu): error", cases[i].in, step);
		}

	/* the caller stops the walk: feed fails, and stays failed */
	array_split_init(&a, MAX_ELEM);
	TAP_INT(array_split_feed(&a, "[1,2,3]", 7, stop_at_two, &calls), -1,
	    "a callback's -1 stops the feed");
	TAP_INT(calls, 2, "no element after the stop");
	TAP_INT(array_split_feed(&a, "]", 1, stop_at_two, &calls), -1,
	    "a failed splitter takes nothing more");
	TAP_INT(array_split_finish(&a), -1, "and does not finish");
	array_split_free(&a);

	buf_free(&out);
	tap_done();
	return 0;
}
