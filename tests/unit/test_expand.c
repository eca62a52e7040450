/*
 * expand: every example of issue 26 and api.md section 9 with its exact
 * jobs in order, escapes, nesting, --repeat, the cap, and each malformed
 * form with its message.
 */
#include <stdio.h>
#include <string.h>

#include "expand.h"
#include "tap.h"

#define JOBS_MAX	8

static const struct {
	const char	*prompt;
	unsigned	 n;
	const char	*jobs[JOBS_MAX];	/* the first JOBS_MAX jobs */
} cases[] = {
	/* issue 26 */
	{ "a {red, green} bird --ar {1:1, 3:2}", 4, {
	    "a red bird --ar 1:1", "a red bird --ar 3:2",
	    "a green bird --ar 1:1", "a green bird --ar 3:2" } },
	{ "a cat --{v 6, niji 6}", 2, { "a cat --v 6", "a cat --niji 6" } },
	{ "a {seagull {on a pier, on a beach}, poodle}", 3, {
	    "a seagull on a pier", "a seagull on a beach", "a poodle" } },
	{ "{red, pastel \\, yellow} bird", 2, {
	    "red bird", "pastel, yellow bird" } },
	{ "{a,b} {c,d}", 4, { "a c", "a d", "b c", "b d" } },
	{ "{red, green} bird", 2, { "red bird", "green bird" } },
	{ "a {b, c} cat", 2, { "a b cat", "a c cat" } },
	/* api.md section 9 */
	{ "a cat --ar {3:2, 1:1, 2:3, 1:2}", 4, {
	    "a cat --ar 3:2", "a cat --ar 1:1", "a cat --ar 2:3",
	    "a cat --ar 1:2" } },
	{ "a cat --{v 5, niji, test}", 3, {
	    "a cat --v 5", "a cat --niji", "a cat --test" } },
	{ "a {red, green} bird in the {jungle, desert}", 4, {
	    "a red bird in the jungle", "a red bird in the desert",
	    "a green bird in the jungle", "a green bird in the desert" } },
	{ "A {sculpture, painting} of a {seagull {on a pier, on a beach}, "
	    "poodle {on a sofa, in a truck}}", 8, {
	    "A sculpture of a seagull on a pier",
	    "A sculpture of a seagull on a beach",
	    "A sculpture of a poodle on a sofa",
	    "A sculpture of a poodle in a truck",
	    "A painting of a seagull on a pier",
	    "A painting of a seagull on a beach",
	    "A painting of a poodle on a sofa",
	    "A painting of a poodle in a truck" } },
	/* outside braces: byte for byte */
	{ "a paper boat, at sunrise --ar 3:2", 1, {
	    "a paper boat, at sunrise --ar 3:2" } },
	{ "", 1, { "" } },
	{ "  two  spaces  ", 1, { "  two  spaces  " } },
	{ "a\\, b C:\\dir \\n", 1, { "a\\, b C:\\dir \\n" } },
	{ "caf\xc3\xa9 {\xe2\x98\x95, tea}", 2, {
	    "caf\xc3\xa9 \xe2\x98\x95", "caf\xc3\xa9 tea" } },
	/* escapes */
	{ "a \\{literal\\} brace", 1, { "a {literal} brace" } },
	{ "{x \\{y\\}, z}", 2, { "x {y}", "z" } },
	{ "{a\\,b}", 1, { "a,b" } },
	{ "{a \\, , b}", 2, { "a,", "b" } },
	{ "{a \\,b, c}", 2, { "a,b", "c" } },
	/* spaces around separators and braces */
	{ "{ red ,  green }x", 2, { "redx", "greenx" } },
	{ "x{\ta,\tb\t}", 2, { "xa", "xb" } },
	{ "{a}", 1, { "a" } },
	{ "{a b, c  d}", 2, { "a b", "c  d" } },
	{ "{a {b, c} , d}", 3, { "a b", "a c", "d" } },
	{ "{{a, b}, c}", 3, { "a", "b", "c" } },
	{ "{a,b}{c,d}{e,f}", 8, { "ace", "acf", "ade", "adf", "bce", "bcf",
	    "bde", "bdf" } },
	/* --repeat: cut, the copies slowest */
	{ "a cat --repeat 4", 4, { "a cat", "a cat", "a cat", "a cat" } },
	{ "a cat --r 3 --ar 3:2", 3, {
	    "a cat --ar 3:2", "a cat --ar 3:2", "a cat --ar 3:2" } },
	{ "{a, b} --r 2", 4, { "a", "b", "a", "b" } },
	{ "--r 2  a cat", 2, { "a cat", "a cat" } },
	{ "a cat \xe2\x80\x94repeat 2", 2, { "a cat", "a cat" } },
	{ "a cat --r 1", 1, { "a cat" } },
	{ "a cat --raw {a,b}", 2, { "a cat --raw a", "a cat --raw b" } },
	{ "a cat--r 2", 1, { "a cat--r 2" } },
	{ "a cat --ar {1:1, 3:2} --r 40", 80, {
	    "a cat --ar 1:1", "a cat --ar 3:2", "a cat --ar 1:1" } },
};

static const struct {
	const char	*prompt;
	const char	*message;
} bad[] = {
	{ "{a, b", "unbalanced braces: the '{' at byte 1 is never closed" },
	{ "a {b, {c} d", "unbalanced braces: the '{' at byte 3 is never "
	    "closed" },
	{ "a}", "unbalanced braces: the '}' at byte 2 closes nothing" },
	{ "{a}}", "unbalanced braces: the '}' at byte 4 closes nothing" },
	{ "{a,,b}", "an empty option in the braces at byte 1" },
	{ "{}", "an empty option in the braces at byte 1" },
	{ "x {a, }", "an empty option in the braces at byte 3" },
	{ "{ }", "an empty option in the braces at byte 1" },
	{ "{, a}", "an empty option in the braces at byte 1" },
	{ "a cat --r 0", "--repeat at byte 7 takes a number from 1 to 40" },
	{ "a cat --r 41", "--repeat at byte 7 takes a number from 1 to 40" },
	{ "a cat --repeat x", "--repeat at byte 7 takes a number from 1 "
	    "to 40" },
	{ "a cat --r", "--repeat at byte 7 takes a number from 1 to 40" },
	{ "a cat --r 2x", "--repeat at byte 7 takes a number from 1 to 40" },
	{ "a cat --r 1000000000", "--repeat at byte 7 takes a number from "
	    "1 to 40" },
	{ "a --r 2 --r 3", "a second --repeat at byte 9" },
	{ "{a --r 2, b}", "--repeat inside braces at byte 4: write it "
	    "outside them" },
	{ "\\\\{a, b}", "unbalanced braces: the '}' at byte 8 closes "
	    "nothing" },
	{ "{--r 2, b}", "--repeat inside braces at byte 2: write it "
	    "outside them" },
};

static void
good(void)
{
	struct expand	*e;
	const char	*job;
	char		 err[256];
	size_t		 i, j, len;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		e = expand_new(cases[i].prompt, strlen(cases[i].prompt),
		    err, sizeof(err));
		if (!TAP_OK(e != NULL, "expands: \"%s\"", cases[i].prompt)) {
			printf("#   %s\n", err);
			continue;
		}
		TAP_INT(expand_count(e), cases[i].n, "count: \"%s\"",
		    cases[i].prompt);
		for (j = 0; j < JOBS_MAX && cases[i].jobs[j] != NULL; j++) {
			job = expand_job(e, j, &len);
			TAP_STR(job, cases[i].jobs[j], "\"%s\" job %zu",
			    cases[i].prompt, j + 1);
			TAP_INT(len, strlen(job), "its length");
		}
		expand_free(e);
	}
}

static void
malformed(void)
{
	struct expand	*e;
	char		 err[256];
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		e = expand_new(bad[i].prompt, strlen(bad[i].prompt), err,
		    sizeof(err));
		TAP_OK(e == NULL, "refused: \"%s\"", bad[i].prompt);
		TAP_STR(err, bad[i].message, "its message");
		expand_free(e);
	}
}

/* A prompt n braces deep. */
static void
deep(void)
{
	char		 p[256], err[256];
	struct expand	*e;
	int		 n;

	for (n = 31; n <= 33; n++) {
		memset(p, '{', (size_t)n);
		p[n] = 'x';
		memset(p + n + 1, '}', (size_t)n);
		e = expand_new(p, (size_t)(2 * n + 1), err, sizeof(err));
		if (n <= 32) {
			TAP_OK(e != NULL && expand_count(e) == 1,
			    "%d braces deep: one job", n);
			TAP_STR(e != NULL ? expand_job(e, 0, NULL) : NULL,
			    "x", "%d braces deep: its text", n);
		} else {
			TAP_OK(e == NULL, "%d braces deep: refused", n);
			TAP_STR(err, "braces nested deeper than 32 at byte 33",
			    "its message");
		}
		expand_free(e);
	}
}

static const struct {
	const char	*prompt;
	unsigned	 max;
	const char	*message;	/* NULL: within the cap */
} caps[] = {
	{ "{1,2,3,4,5,6,7,8,9,10} --r 4", 40, NULL },
	{ "{1,2,3,4,5,6,7,8,9,10} --r 5", 40, "the prompt makes 50 jobs (10 "
	    "x --repeat 5), over --max-jobs 40; nothing of it was sent" },
	{ "{a,b,c,d,e,f,g} {a,b,c,d,e,f,g}", 40, "the prompt makes 49 jobs, "
	    "over --max-jobs 40; nothing of it was sent" },
	{ "{a,b,c,d,e,f,g} {a,b,c,d,e,f,g}", 49, NULL },
	{ "{a,b} {c,d}", 3, "the prompt makes 4 jobs, over --max-jobs 3; "
	    "nothing of it was sent" },
	{ "{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}"
	    "{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}",
	    40, "the prompt makes 1000000 jobs, over --max-jobs 40; nothing "
	    "of it was sent" },
	{ "{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}"
	    "{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}"
	    "{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}"
	    "{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}"
	    "{0,1,2,3,4,5,6,7,8,9}", 40, "the prompt makes 1000000000000 or "
	    "more jobs, over --max-jobs 40; nothing of it was sent" },
};

static void
cap(void)
{
	struct expand	*e;
	char		 err[256];
	size_t		 i;
	int		 rc;

	for (i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		e = expand_new(caps[i].prompt, strlen(caps[i].prompt), err,
		    sizeof(err));
		if (!TAP_OK(e != NULL, "cap case %zu parses", i))
			continue;
		err[0] = '\0';
		rc = expand_check(e, caps[i].max, err, sizeof(err));
		TAP_INT(rc, caps[i].message == NULL ? 0 : -1,
		    "cap case %zu: within --max-jobs %u or not", i,
		    caps[i].max);
		if (caps[i].message != NULL)
			TAP_STR(err, caps[i].message, "cap case %zu: message",
			    i);
		expand_free(e);
	}
}

/* The 10^6 digits in order: job i is i written out. */
static void
mixed_radix(void)
{
	const char	*p = "{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}"
	    "{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}"
	    "{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}";
	struct expand	*e;
	char		 want[16], err[256];
	unsigned	 i, wrong = 0;

	e = expand_new(p, strlen(p), err, sizeof(err));
	if (!TAP_OK(e != NULL, "a million jobs parse"))
		return;
	for (i = 0; i < 1000000; i += 7919) {
		(void)snprintf(want, sizeof(want), "%06u", i);
		wrong += strcmp(expand_job(e, i, NULL), want) != 0;
	}
	TAP_INT(wrong, 0, "job i of a million is i, in decimal");
	TAP_STR(expand_job(e, 999999, NULL), "999999", "the last job");
	expand_free(e);
}

int
main(void)
{
	good();
	malformed();
	deep();
	cap();
	mixed_radix();
	return tap_done();
}
