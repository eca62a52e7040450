/*
 * submitbuild.h: what test_submission_kinds.c and test_submission_edges.c
 * share: one record through the options of a submit, as mj-submit would
 * build it.  Include after record.h and submission.h.
 */
#ifndef SUBMITBUILD_H
#define SUBMITBUILD_H

#include <stdio.h>
#include <string.h>

/*
 * One record (input) through the options o, which it loads and frees:
 * what submission_build returns, or -2 when the options are refused
 * (the error in out).  With a count, out holds the first submission's
 * "ENDPOINT BODY", and with prompt set its " | PROMPT" if it has one.
 */
static int
submit_build_one(struct submit_opts *o, const char *input, char *out,
    size_t size, int prompt)
{
	struct submission	*subs = NULL;
	struct record		*rec;
	json_tokener		*tok = record_tokener_new();
	int			 n;

	if (submit_opts_load(o, out, size) == -1) {
		submit_opts_free(o);
		json_tokener_free(tok);
		return -2;
	}
	rec = record_parse(tok, input, strlen(input), 1);
	n = submission_build(o, rec, &subs, out, size);
	if (n > 0) {
		(void)snprintf(out, size, "%s %s%s%s", subs[0].endpoint,
		    subs[0].body, prompt && subs[0].prompt != NULL ? " | " :
		    "", prompt && subs[0].prompt != NULL ? subs[0].prompt :
		    "");
		submission_free_all(subs, (size_t)n);
	}
	record_free(rec);
	submit_opts_free(o);
	json_tokener_free(tok);
	return n;
}

#endif
