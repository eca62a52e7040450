/*
 * reconcile: reading the task list stopped on the way.  A reading
 * cancelled never calls back; at start-up, a signal during the settle
 * wait or during the reading makes reconcile_run return -1 at once, so
 * that mj-submit writes what it holds and exits (the keys stay "may
 * exist" for the next run).  The list is asked of a port where nothing
 * listens.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "diag.h"
#include "http.h"
#include "loop.h"
#include "lostreply.h"
#include "reconcile.h"
#include "tap.h"

#define KEY_A	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

static int	called;

static void
done(void *arg)
{
	(void)arg;
	called++;
}

static void
test_cancel(struct loop *loop, struct http *http, struct config *cfg)
{
	struct reconcile	*rc = reconcile_new();
	struct lost_verdict	 v;
	long long		 end;

	TAP_INT(reconcile_run(rc, loop, http, cfg, 3600), 0,
	    "nothing wanted: no wait, no reading");
	reconcile_add(rc, KEY_A, (long long)time(NULL));
	reconcile_start(rc, http, cfg, done, NULL);
	reconcile_cancel(rc);
	reconcile_cancel(rc);	/* a second time: nothing under way */
	for (end = loop_now() + 300; loop_now() < end; )
		(void)loop_turn(loop, -1, 50);
	TAP_INT(called, 0, "a reading cancelled never calls back");
	lost_verdict(rc, KEY_A, &v);
	TAP_INT(v.verdict, RECON_UNKNOWN, "... and its key may exist");
	TAP_OK(!reconcile_no_list(rc), "... not because there is no list");
	reconcile_free(rc);
}

static void
test_signal(struct loop *loop, struct http *http, struct config *cfg)
{
	struct reconcile	*rc;
	struct lost_verdict	 v;
	long long		 t0;

	/* the handler stays (the first SIGTERM only sets the flag) */
	if (raise(SIGTERM) != 0) {
		TAP_OK(0, "raise");
		return;
	}
	rc = reconcile_new();
	reconcile_add(rc, KEY_A, (long long)time(NULL));
	t0 = loop_now();
	TAP_INT(reconcile_run(rc, loop, http, cfg, 3600), -1,
	    "a signal during the settle wait: -1");
	TAP_OK(loop_now() - t0 < 5000, "... at once, not after the hour");
	reconcile_free(rc);

	rc = reconcile_new();
	reconcile_add(rc, KEY_A, (long long)time(NULL) - 10);
	TAP_INT(reconcile_run(rc, loop, http, cfg, 0), -1,
	    "a signal during the reading: -1");
	lost_verdict(rc, KEY_A, &v);
	TAP_INT(v.verdict, RECON_UNKNOWN, "... and the key may exist");
	reconcile_free(rc);
}

int
main(void)
{
	struct config	 cfg;
	struct loop	*loop;
	struct http	*http;

	diag_init("test_reconcile");
	config_init(&cfg);
	config_set_base_url(&cfg, "http://127.0.0.1:1");	/* nobody */
	loop = loop_new();
	/* retries at once: nobody answers there anyway */
	if (setenv("MJ_RETRY_BASE_MS", "0", 1) == -1)
		return 99;
	http = http_new(loop, &cfg);
	test_cancel(loop, http, &cfg);
	test_signal(loop, http, &cfg);
	http_free(http);
	loop_free(loop);
	config_free(&cfg);
	return tap_done();
}
