/*
 * lostreply: replies lost in a run, looked for in the task list once
 * settled.  The list is read from a port where nothing listens, so every
 * verdict is "may exist" (RECON_UNKNOWN) with the reason; which replies
 * are looked for, and when, is what is tested.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "http.h"
#include "journal.h"
#include "loop.h"
#include "lostreply.h"
#include "reconcile.h"
#include "tap.h"

#define KEY_A	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define KEY_B	"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

static void			*got[4];
static struct lost_verdict	 verdicts[4];
static char			 whys[4][256];
static int			 ngot;

static const char		*lost_whys[4];

static void
settled(void *arg, const char *why, const struct lost_verdict *v)
{
	if (ngot >= 4)
		return;
	got[ngot] = arg;
	lost_whys[ngot] = why;
	verdicts[ngot] = *v;
	/* v->why is borrowed: valid only in here */
	(void)snprintf(whys[ngot], sizeof(whys[0]), "%s",
	    v->why != NULL ? v->why : "");
	ngot++;
}

static void
reply(struct lost_reply *l, const char *key, long long sent_at)
{
	memset(l, 0, sizeof(*l));
	l->arg = l;
	l->key = key;
	l->sent_at = sent_at;
}

static void
test_verdict(void)
{
	struct reconcile	*rc = reconcile_new();
	struct lost_verdict	 v;

	reconcile_add(rc, KEY_A, 1000);
	lost_verdict(rc, KEY_A, &v);
	TAP_INT(v.verdict, RECON_UNKNOWN, "a list not read: may exist");
	TAP_OK(v.why != NULL && v.task_id == NULL && !v.in_modal &&
	    !v.earlier, "... with a reason, no task");
	lost_verdict(rc, KEY_B, &v);
	TAP_INT(v.verdict, RECON_UNKNOWN, "a key not looked for: may exist");
	TAP_OK(v.why != NULL && strstr(v.why, "state tag") != NULL,
	    "... sent without its tag: %s", v.why != NULL ? v.why : "");
	reconcile_free(rc);
}

/* Turn the loop until n verdicts came, for at most 10 s. */
static void
turn_until(struct loop *loop, int n)
{
	long long	end = loop_now() + 10000;

	while (ngot < n && loop_now() < end)
		(void)loop_turn(loop, -1, 100);
}

static void
test_lookups(struct loop *loop, struct http *http, struct config *cfg)
{
	struct lost_replies	*lr;
	struct lost_reply	 a, b, c;

	lr = lost_replies_new(loop, http, cfg, 0, settled);
	reply(&a, KEY_A, 0);
	TAP_INT(lost_replies_add(lr, &a, "reset", 0, 0), -1,
	    "a reply sent without its tag cannot be looked for");
	TAP_OK(a.why == NULL && lost_replies_count(lr) == 0,
	    "... and is left as it was");

	reply(&a, KEY_A, 1000);
	reply(&b, KEY_B, 1000);
	TAP_INT(lost_replies_add(lr, &a, "reset after the request was sent",
	    0, 0), 0, "a tagged reply is looked for");
	TAP_INT(lost_replies_add(lr, &b, "failed (code 9)", 9, 502), 0,
	    "... and another");
	TAP_INT(lost_replies_count(lr), 2, "two lost");
	TAP_STR(b.why, "failed (code 9)", "how it was lost is kept");
	TAP_OK(b.code == 9 && b.http == 502, "... with its code and status");
	TAP_INT(ngot, 0, "no verdict before the loop turns");
	turn_until(loop, 2);
	TAP_INT(ngot, 2, "one read of the list settles both");
	TAP_OK(got[0] == &a && got[1] == &b, "... oldest first");
	TAP_OK(lost_whys[1] == b.why, "... each with how it was lost");
	TAP_OK(!verdicts[0].earlier, "... a verdict of this run's read");
	TAP_INT(verdicts[0].verdict, RECON_UNKNOWN,
	    "a list that cannot be read: may exist");
	TAP_OK(strstr(whys[0], "could not be read") != NULL,
	    "... and says why: %s", whys[0]);
	TAP_INT(lost_replies_count(lr), 0, "settled replies leave the list");

	/* lost again after a resend: the new reason replaces the old */
	TAP_INT(lost_replies_add(lr, &a, "timeout", 0, 0), 0, "lost again");
	TAP_STR(a.why, "timeout", "... the new reason kept");
	lost_replies_free(lr);
	free(a.why);
	free(b.why);

	/* a long settle time: stopped before any read */
	ngot = 0;
	lr = lost_replies_new(loop, http, cfg, 3600, settled);
	reply(&a, KEY_A, 1000);
	reply(&c, KEY_B, 1000);
	(void)lost_replies_add(lr, &a, "one", 0, 0);
	(void)lost_replies_add(lr, &c, "two", 0, 0);
	(void)loop_turn(loop, -1, 50);
	TAP_INT(ngot, 0, "nothing is read before the settle time");
	lost_replies_stop(lr);
	TAP_OK(lost_replies_take(lr) == &a, "stopped: taken off oldest first");
	TAP_OK(lost_replies_take(lr) == &c, "... then the next");
	TAP_OK(lost_replies_take(lr) == NULL && lost_replies_count(lr) == 0,
	    "... until none is left");
	TAP_STR(c.why, "two", "a reply taken off keeps its reason");
	lost_replies_free(lr);
	free(a.why);
	free(c.why);
}

/* An earlier run's journal with nothing unanswered: no read at all. */
static void
test_earlier(struct loop *loop, struct http *http, struct config *cfg)
{
	struct lost_replies	*lr;
	struct journal		*j;
	struct lost_verdict	 v;
	char			 path[] = "/tmp/test_lostreply.XXXXXX", err[256];
	int			 fd;

	if ((fd = mkstemp(path)) == -1 || close(fd) == -1 ||
	    unlink(path) == -1 || (j = journal_open(path, err,
	    sizeof(err))) == NULL) {
		TAP_OK(0, "a journal to resume from");
		return;
	}
	lr = lost_replies_new(loop, http, cfg, 3600, settled);
	TAP_INT(lost_replies_resume(lr, j), 0,
	    "nothing unanswered: resumed at once, no settle time waited");
	lost_replies_earlier(lr, KEY_A, &v);
	TAP_INT(v.verdict, RECON_UNKNOWN, "a key the start-up did not look for"
	    ": may exist");
	TAP_OK(v.earlier && v.why != NULL, "... a verdict of the start-up's");
	lost_replies_free(lr);
	(void)journal_close(j, err, sizeof(err));
	(void)unlink(path);
}

int
main(void)
{
	struct config	 cfg;
	struct loop	*loop;
	struct http	*http;

	test_verdict();
	config_init(&cfg);
	config_set_base_url(&cfg, "http://127.0.0.1:1");	/* nobody */
	loop = loop_new();
	/* retries at once: nobody answers there anyway */
	if (setenv("MJ_RETRY_BASE_MS", "0", 1) == -1)
		return 99;
	http = http_new(loop, &cfg);
	test_lookups(loop, http, &cfg);
	test_earlier(loop, http, &cfg);
	lost_replies_free(NULL);	/* does nothing, as free(NULL) */
	http_free(http);
	loop_free(loop);
	config_free(&cfg);
	return tap_done();
}
