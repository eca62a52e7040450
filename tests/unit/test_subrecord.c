/*
 * subrecord: the record mj-submit writes for one submission, and
 * parent_fetch_step: what a follow-up refused as stale does next.
 */
#include <stdlib.h>
#include <string.h>

#include "parentfetch.h"
#include "record.h"
#include "subrecord.h"
#include "tap.h"

#define INPUT "{\"prompt\":\"a cat\",\"files\":[\"a.png\"],\"archive\":\"x.tar\"," \
	"\"task\":{\"id\":\"1773\"},\"submit\":{\"endpoint\":\"/mj/submit/imagine\"}}"

static const char *
text(const struct record *r)
{
	return json_object_to_json_string_ext(r->obj, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
}

static struct record *
input(void)
{
	return record_new(json_tokener_parse(INPUT), 7);
}

static void
test_new(void)
{
	struct submission	 sub = { .endpoint = "/mj/submit/imagine" };
	struct record		*in = input(), *out;

	out = subrecord_new(in, &sub, 0);
	TAP_STR(text(out), INPUT, "a new task's record: the input as it came");
	TAP_INT(out->line, 7, "... from the input's line");
	TAP_OK(out->obj != in->obj, "... copied when not taken");
	record_set(out, "x", json_object_new_int(1));
	TAP_STR(text(in), INPUT, "... so the input stays as it was");
	record_free(out);

	sub.parent = json_tokener_parse("{\"id\":\"1773\",\"action\":\"IMAGINE\","
	    "\"button\":\"U1\"}");
	out = subrecord_new(in, &sub, 1);
	TAP_OK(out->obj == in->obj, "taken over: the same object");
	TAP_STR(text(out), "{\"prompt\":\"a cat\",\"parent\":{\"id\":\"1773\","
	    "\"action\":\"IMAGINE\",\"button\":\"U1\"}}",
	    "a follow-up's record: no files, archive, task, submit; its parent");
	record_free(out);
	record_free(in);
	json_object_put(sub.parent);
}

static void
test_outcomes(void)
{
	struct submission	 sub = { .endpoint = "/mj/submit/imagine",
	    .body = "{\"prompt\":\"a cat\"}" };
	struct record		*in, *out;

	in = record_new(json_tokener_parse("{\"prompt\":\"a cat\"}"), 0);
	out = subrecord_new(in, &sub, 0);
	subrecord_fail(out, "refused", 0, 0, 0, NULL);
	TAP_STR(text(out), "{\"prompt\":\"a cat\",\"error\":{\"stage\":\"submit\","
	    "\"message\":\"refused\",\"retryable\":false}}",
	    "a failure: no code, http nor key when 0 or NULL");
	record_free(out);
	out = subrecord_new(in, &sub, 0);
	subrecord_fail(out, "lost", 1, 9, 502, "k1");
	TAP_STR(text(out), "{\"prompt\":\"a cat\",\"error\":{\"stage\":\"submit\","
	    "\"message\":\"lost\",\"retryable\":true,\"code\":9,\"http\":502,"
	    "\"key\":\"k1\"}}", "a failure with code, http and key");
	record_free(out);
	out = subrecord_new(in, &sub, 0);
	subrecord_fail(out, "x", 1, 0, 0, "");
	TAP_OK(strstr(text(out), "key") == NULL, "an empty key is left out");
	record_free(out);
	out = subrecord_new(in, &sub, 0);
	subrecord_task(out, "42", "SUBMITTED", json_object_new_object());
	TAP_STR(text(out), "{\"prompt\":\"a cat\",\"task\":{\"id\":\"42\","
	    "\"status\":\"SUBMITTED\"},\"submit\":{}}", "a task made");
	record_free(out);
	out = subrecord_new(in, &sub, 0);
	subrecord_dry_run(out, &sub);
	TAP_STR(text(out), "{\"prompt\":\"a cat\",\"submit\":{\"dryRun\":true,"
	    "\"endpoint\":\"/mj/submit/imagine\",\"body\":{\"prompt\":\"a cat\"}}}",
	    "-n: the endpoint and the body as it would be sent");
	record_free(out);
	record_free(in);
}

static void
test_may_exist(void)
{
	char	*m;

	m = subrecord_may_exist("timeout after the request was sent", NULL);
	TAP_STR(m, "timeout after the request was sent; the task may exist: "
	    "check before submitting again (or use --retry-unsafe)",
	    "may exist, nobody says why");
	free(m);
	m = subrecord_may_exist("lost", "no task list");
	TAP_STR(m, "lost; the task may exist (no task list): check before "
	    "submitting again (or use --retry-unsafe)", "may exist, with why");
	free(m);
}

static void
test_parent_step(void)
{
	static const struct {
		unsigned	 have, fetching, gen;
		int		 fetched;
		enum parent_step want;
		const char	*why;
	} c[] = {
		{ 0, 0, 0, 0, PARENT_FETCH, "first refusal: read the parent" },
		{ 0, 0, 0, 1, PARENT_REFUSED, "its read came: refusal stands" },
		{ 0, 1, 0, 0, PARENT_WAIT, "a read under way: wait for it" },
		{ 0, 1, 0, 1, PARENT_WAIT, "... also after a read of its own" },
		{ 2, 0, 1, 1, PARENT_NEWER, "built before the last read: resend" },
		{ 2, 1, 1, 1, PARENT_NEWER, "... even with another under way" },
		{ 2, 0, 2, 1, PARENT_REFUSED, "built from the last read" },
		{ 2, 0, 2, 0, PARENT_FETCH, "... not read for it: read again" },
	};
	struct parent_fetch	pf;
	size_t			i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		memset(&pf, 0, sizeof(pf));
		pf.gen = c[i].have;
		pf.fetching = (int)c[i].fetching;
		TAP_INT(parent_fetch_step(&pf, c[i].gen, c[i].fetched),
		    c[i].want, "%s", c[i].why);
	}
	pf.fresh = json_object_new_object();
	parent_fetch_clear(&pf);
	TAP_OK(pf.fresh == NULL, "clear drops the parent read");
}

/* -n's expanded job as text: what is cut, what cannot be made. */
static void
test_dry_line(void)
{
	struct submission	 sub;
	char			*l;

	memset(&sub, 0, sizeof(sub));
	sub.endpoint = "/mj/submit/imagine";
	sub.body = "{\"prompt\":\"a red bird\"}";
	sub.prompt = "a red bird";
	sub.expand_index = 1;
	sub.expand_of = 2;
	l = subrecord_dry_line("{\"sku\":1}", 9, &sub);
	TAP_STR(l, "{\"sku\":1,\"submit\":{\"dryRun\":true,\"endpoint\":"
	    "\"/mj/submit/imagine\",\"body\":{\"prompt\":\"a red bird\"},"
	    "\"prompt\":\"a red bird\",\"expand\":{\"index\":1,\"of\":2}}}",
	    "a job's record: the input's fields, then submit");
	free(l);
	sub.prompt = NULL;
	l = subrecord_dry_line("{} \r\n", 5, &sub);
	TAP_STR(l, "{\"submit\":{\"dryRun\":true,\"endpoint\":"
	    "\"/mj/submit/imagine\",\"body\":{\"prompt\":\"a red bird\"},"
	    "\"prompt\":\"\",\"expand\":{\"index\":1,\"of\":2}}}",
	    "an empty object, blanks after it: no comma, no blanks; no prompt: "
	    "\"\"");
	free(l);
	TAP_OK(subrecord_dry_line("[1, 2]", 6, &sub) == NULL,
	    "text without a closing brace: none made");
	TAP_OK(subrecord_dry_line("}", 1, &sub) == NULL,
	    "a lone brace: none made");
}

int
main(void)
{
	test_new();
	test_outcomes();
	test_may_exist();
	test_parent_step();
	test_dry_line();
	return tap_done();
}
