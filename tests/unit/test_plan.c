/*
 * plan: the counts, the exact total and both forms of the plan, with and
 * without a price table.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plan.h"
#include "prices.h"
#include "tap.h"

static const char table[] =
    "imagine fast 0.05\n"
    "upscale * 0.02\n";

static void
priced(void)
{
	struct prices	*pr;
	struct plan	*p;
	char		 err[256], *s;
	int64_t		 m = 0;
	int		 i;

	pr = prices_parse(table, strlen(table), "t", err, sizeof(err));
	if (!TAP_OK(pr != NULL, "table"))
		return;
	p = plan_new(pr);
	for (i = 0; i < 3; i++)
		plan_row(p);
	plan_refused(p);
	for (i = 0; i < 10; i++)
		plan_job(p, "imagine", "fast");
	plan_job(p, "upscale", "relax");
	plan_job(p, "upscale-subtle", "fast");
	plan_held(p);
	TAP_INT(plan_jobs(p), 12, "jobs counted");
	TAP_INT(plan_total(p), 520000, "total 10 x 0.05 + 0.02, exactly");
	TAP_OK(plan_price(p, "imagine", "fast", &m) == 0 && m == 50000,
	    "plan_price looks up the table");
	TAP_OK(plan_price(p, "blend", "fast", &m) == -1, "no price: -1");
	s = plan_json(p, 1);
	TAP_STR(s, "{\"dryRun\":true,\"rows\":3,\"rowsRefused\":1,"
	    "\"jobs\":12,\"jobsHeld\":1,\"byKind\":["
	    "{\"kind\":\"imagine\",\"mode\":\"fast\",\"jobs\":10,"
	    "\"price\":0.05,\"cost\":0.50},"
	    "{\"kind\":\"upscale\",\"mode\":\"relax\",\"jobs\":1,"
	    "\"price\":0.02,\"cost\":0.02},"
	    "{\"kind\":\"upscale-subtle\",\"mode\":\"fast\",\"jobs\":1,"
	    "\"price\":null}],\"total\":0.52,\"unpricedJobs\":1}",
	    "plan as JSON");
	free(s);
	s = plan_text(p, 1);
	TAP_STR(s, "plan: 3 rows read, 1 refused; 12 jobs, 1 not sent\n"
	    "  imagine fast: 10 jobs at 0.05 = 0.50\n"
	    "  upscale relax: 1 job at 0.02 = 0.02\n"
	    "  upscale-subtle fast: 1 job, no price in the table\n"
	    "total: 0.52 (and 1 job without a price)\n", "plan as text");
	free(s);
	plan_free(p);
	prices_free(pr);
}

static void
unpriced(void)
{
	struct plan	*p;
	char		*s;
	int64_t		 m;

	p = plan_new(NULL);
	plan_row(p);
	plan_job(p, "imagine", "fast");
	plan_job(p, "imagine", "fast");
	TAP_OK(plan_price(p, "imagine", "fast", &m) == -1,
	    "no table: no price");
	TAP_INT(plan_total(p), 0, "no table: total 0");
	s = plan_json(p, 0);
	TAP_STR(s, "{\"dryRun\":false,\"rows\":1,\"rowsRefused\":0,"
	    "\"jobs\":2,\"jobsHeld\":0,\"byKind\":[{\"kind\":\"imagine\","
	    "\"mode\":\"fast\",\"jobs\":2}]}", "no table: JSON without money");
	free(s);
	s = plan_text(p, 0);
	TAP_STR(s, "plan: 1 row read, 0 refused; 2 jobs submitted\n"
	    "  imagine fast: 2 jobs\n", "no table: text without money");
	free(s);
	plan_free(p);
	p = plan_new(NULL);
	s = plan_json(p, 1);
	TAP_STR(s, "{\"dryRun\":true,\"rows\":0,\"rowsRefused\":0,\"jobs\":0,"
	    "\"jobsHeld\":0,\"byKind\":[]}", "an empty plan");
	free(s);
	plan_free(p);
}

/* --plan FILE: the JSON and a newline, or the path and why. */
static void
written(void)
{
	static char	 dir[] = "/tmp/test_plan.XXXXXX";
	struct plan	*p = plan_new(NULL);
	char		 path[128], part[140], err[256], want[300], got[4096];
	char		*json = plan_json(p, 1);
	FILE		*f;
	size_t		 n = 0;

	if (mkdtemp(dir) == NULL) {
		TAP_OK(0, "mkdtemp");
		return;
	}
	snprintf(path, sizeof(path), "%s/plan.json", dir);
	TAP_INT(plan_write(p, 1, path, err, sizeof(err)), 0, "written");
	if ((f = fopen(path, "r")) != NULL) {
		n = fread(got, 1, sizeof(got) - 1, f);
		(void)fclose(f);
	}
	got[n] = '\0';
	snprintf(want, sizeof(want), "%s\n", json);
	TAP_STR(got, want, "... the plan's JSON and a newline");
	(void)unlink(path);
	snprintf(path, sizeof(path), "%s/no/plan.json", dir);
	TAP_INT(plan_write(p, 1, path, err, sizeof(err)), -1,
	    "in a missing directory: refused");
	snprintf(want, sizeof(want), "%s: No such file or directory", path);
	TAP_STR(err, want, "... the path and why");
	snprintf(path, sizeof(path), "%s/adir", dir);
	(void)mkdir(path, 0700);
	TAP_INT(plan_write(p, 1, path, err, sizeof(err)), -1,
	    "a directory in its place: refused");
	snprintf(want, sizeof(want), "%s: Is a directory", path);
	TAP_STR(err, want, "... the path and why");
	snprintf(part, sizeof(part), "%s.part", path);
	TAP_OK(access(part, F_OK) == -1, "... no .part left");
	(void)rmdir(path);
	snprintf(path, sizeof(path), "%s/full.json", dir);
	if (tap_full_disk(1) == 0) {
		TAP_INT(plan_write(p, 1, path, err, sizeof(err)), -1,
		    "a full disk (the file size limit): refused");
		(void)tap_full_disk(0);
		snprintf(want, sizeof(want), "%s: File too large", path);
		TAP_STR(err, want, "... the path and why");
		snprintf(part, sizeof(part), "%s.part", path);
		TAP_OK(access(part, F_OK) == -1 && access(path, F_OK) == -1,
		    "... neither .part nor the file left");
	}
	(void)rmdir(dir);
	free(json);
	plan_free(p);
	plan_free(NULL);	/* nothing to free: no crash */
}

int
main(void)
{
	priced();
	unpriced();
	written();
	return tap_done();
}
