/*
 * File names from --name templates: {id}, {n} (a number, or "grid" for
 * a split grid), record fields, the "-n" suffix when {n} is absent,
 * literal braces, and claims that never hand out a name twice.
 */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "filename.h"
#include "nameset.h"
#include "record.h"
#include "tap.h"

static const struct {
	const char	*tmpl, *n;
	int		 suffix;
	const char	*want;
} cases[] = {
	{ "{id}", "1", 0, "1773" },
	{ "{id}", "2", 1, "1773-2" },
	{ "{id}", "grid", 0, "1773" },
	{ "{id}-{n}", "grid", 0, "1773-grid" },
	{ "{id}_{n}", "3", 1, "1773_3" },		/* {n} there: no suffix */
	{ "{sku}-{id}", "4", 1, "A-7-1773-4" },
	{ "{{x}}{id}", "1", 0, "{x}1773" },
	{ "a/{sku}", "1", 0, "a_A-7" },
};

int
main(void)
{
	struct json_tokener	*tok = record_tokener_new();
	const char		*line = "{\"sku\":\"A-7\",\"task\":{\"id\":\"1773\"}}";
	struct record		*rec;
	struct nameset		 set = NAMESET_INIT;
	char			 err[256], *name, *a, *b;
	size_t			 i;

	rec = record_parse(tok, line, strlen(line), 1);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		name = filename_make(cases[i].tmpl, rec, cases[i].n,
		    cases[i].suffix, err, sizeof(err));
		TAP_STR(name != NULL ? name : err, cases[i].want,
		    "%s with n %s%s", cases[i].tmpl, cases[i].n,
		    cases[i].suffix ? ", suffix" : "");
		free(name);
	}
	name = filename_make("{nope}", rec, "1", 0, err, sizeof(err));
	TAP_OK(name == NULL && err[0] != '\0',
	    "a field the record lacks: no name, a message (%s)", err);
	record_free(rec);
	/* a task id with braces is taken literally; no id, no {id} */
	line = "{\"task\":{\"id\":\"a{b}c\"}}";
	rec = record_parse(tok, line, strlen(line), 2);
	name = filename_make("{id}", rec, "1", 0, err, sizeof(err));
	TAP_STR(name != NULL ? name : err, "a{b}c", "an id with braces: as it is");
	free(name);
	record_free(rec);
	line = "{\"task\":{\"status\":\"SUCCESS\"}}";
	rec = record_parse(tok, line, strlen(line), 3);
	name = filename_make("x-{id}", rec, "1", 0, err, sizeof(err));
	TAP_OK(name == NULL, "no task.id: no name");
	TAP_STR(err, "no task.id for {id} in --name", "... and why");
	free(name);
	TAP_OK(filename_template_ok("{id}-{n}") && !filename_template_ok("{id") &&
	    !filename_template_ok("{}") && filename_template_ok("{{"),
	    "templates whose braces pair up");
	a = filename_claim(&set, "x");
	b = filename_claim(&set, "x");
	TAP_STR(a, "x", "the first claim gets the name");
	TAP_STR(b, "x-2", "the second gets -2");
	free(a);
	free(b);
	nameset_free(&set);
	record_free(rec);
	json_tokener_free(tok);
	return tap_done();
}
