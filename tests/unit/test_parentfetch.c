/*
 * parentfetch: when a follow-up refused for a stale customId reads its
 * parent again (a table), and a read that fails (nothing listens) keeps
 * what was read before and says it failed.
 */
#include <stdlib.h>

#include "config.h"
#include "http.h"
#include "loop.h"
#include "parentfetch.h"
#include "tap.h"

static const struct {
	unsigned		 pf_gen, gen;
	int			 fetching, fetched;
	enum parent_step	 want;
	const char		*why;
} cases[] = {
	{ 2, 1, 0, 1, PARENT_NEWER, "built before the last read: resend" },
	{ 2, 1, 1, 0, PARENT_NEWER, "... even while another read runs" },
	{ 1, 1, 1, 0, PARENT_WAIT, "a read under way: wait for it" },
	{ 1, 1, 0, 1, PARENT_REFUSED, "read already: the refusal stands" },
	{ 1, 1, 0, 0, PARENT_FETCH, "not read yet: read it" },
	{ 0, 0, 0, 0, PARENT_FETCH, "never read: read it" },
};

static int	calls, last_ok = -1;

static void
done(void *arg, int ok)
{
	(void)arg;
	calls++;
	last_ok = ok;
}

int
main(void)
{
	struct parent_fetch	 pf = { 0 };
	struct config		 cfg;
	struct loop		*loop;
	struct http		*http;
	json_object		*before;
	long long		 end;
	size_t			 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pf.gen = cases[i].pf_gen;
		pf.fetching = cases[i].fetching;
		TAP_INT(parent_fetch_step(&pf, cases[i].gen, cases[i].fetched),
		    cases[i].want, "%s", cases[i].why);
	}

	if (setenv("MJ_RETRY_BASE_MS", "1", 1) == -1)
		return 1;
	config_init(&cfg);
	config_set_base_url(&cfg, "http://127.0.0.1:1");	/* nobody */
	loop = loop_new();
	http = http_new(loop, &cfg);
	pf.gen = 3;
	pf.fetching = 0;
	pf.fresh = before = json_object_new_object();
	(void)parent_fetch_start(&pf, http, &cfg, "42", done, NULL);
	TAP_INT(parent_fetch_step(&pf, 3, 0), PARENT_WAIT,
	    "a read started: the others wait");
	end = loop_now() + 20000;
	while (calls == 0 && loop_now() < end)
		(void)loop_turn(loop, -1, 20);
	TAP_INT(calls, 1, "nobody listens: the read ends, once");
	TAP_INT(last_ok, 0, "... failed");
	TAP_OK(pf.fresh == before && pf.gen == 3 && !pf.fetching,
	    "... what was read before kept, no new read counted");
	parent_fetch_clear(&pf);
	TAP_OK(pf.fresh == NULL, "cleared: nothing kept");

	http_free(http);
	loop_free(loop);
	config_free(&cfg);
	return tap_done();
}
