/*
 * http: the engine's life of a request where nothing listens (a refused
 * connection is never sent, so it is retried): the attempts stop at the
 * request's limit with a verdict that says nothing was created; a
 * request waiting for its next attempt can be cancelled and never calls
 * back.  MJ_RETRY_BASE_MS sets the backoff, as in the CLI tests.  Under
 * a rate, requests past the first wait their turn, one interval apart,
 * and one cancelled while it waits never starts nor calls back; a rate
 * of 0 is no limit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "http.h"
#include "loop.h"
#include "tap.h"

static int	done_calls, attempt_calls;
static long long last_done;

static void
on_done(struct http_request *r)
{
	(void)r;
	done_calls++;
	last_done = loop_now();
}

static void
on_attempt(struct http_request *r)
{
	(void)r;
	attempt_calls++;
}

static struct http_request *
request(void)
{
	struct http_request	*r;

	r = http_request_new(HTTP_POLL, strdup("http://127.0.0.1:1/mj/task/1"),
	    NULL);
	r->on_done = on_done;
	r->on_attempt = on_attempt;
	r->max_attempts = 4;
	return r;
}

static void
turn_for(struct loop *loop, long long ms, int until_done)
{
	long long	end = loop_now() + ms;

	while (loop_now() < end && !(until_done && done_calls > 0))
		(void)loop_turn(loop, -1, 20);
}

/* MJ_RETRY_BASE_MS as read: a number of ms from 0, else the default. */
static void
backoff_base(struct loop *loop, struct config *cfg)
{
	static const struct {
		const char	*env;	/* NULL: unset */
		long long	 want;
	} c[] = {
		{ NULL, 1000 }, { "", 1000 }, { "250", 250 }, { "0", 0 },
		{ "-5", 1000 }, { "12x", 1000 }, { "abc", 1000 },
	};
	struct http	*http;
	size_t		 i;
	int		 rc;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		rc = c[i].env != NULL ? setenv("MJ_RETRY_BASE_MS", c[i].env,
		    1) : unsetenv("MJ_RETRY_BASE_MS");
		http = http_new(loop, cfg);
		TAP_INT(rc == 0 ? http_backoff_base(http) : -1, c[i].want,
		    "MJ_RETRY_BASE_MS %s%s%s: a base of %lld ms",
		    c[i].env != NULL ? "'" : "unset", c[i].env != NULL ?
		    c[i].env : "", c[i].env != NULL ? "'" : "", c[i].want);
		http_free(http);
	}
}

static int
started(struct http_request **r, int n)
{
	int	i, k = 0;

	for (i = 0; i < n; i++)
		k += !http_never_sent(r[i]);
	return k;
}

/* The rate limit of a class: its queue, its pace, a rate of 0. */
static void
pacing(struct loop *loop, struct config *cfg)
{
	struct http		*http;
	struct http_request	*r[4];
	long long		 t0;
	int			 i;

	http = http_new(loop, cfg);
	http_set_rate(http, HTTP_POLL, 5);	/* 202 ms apart */
	done_calls = 0;
	t0 = loop_now();
	for (i = 0; i < 3; i++) {
		r[i] = request();
		r[i]->max_attempts = 1;
		http_start(http, r[i]);
	}
	TAP_INT(started(r, 3), 1, "a rate of 5/s: the first starts now, "
	    "two wait their turn");
	turn_for(loop, 2000, 0);
	TAP_INT(done_calls, 3, "... then each in its turn");
	TAP_OK(last_done - t0 >= 400 && last_done - t0 < 1500,
	    "... one interval apart (%lld ms for three)", last_done - t0);
	for (i = 0; i < 3; i++)
		http_request_free(r[i]);

	/* cancelled while they wait: the last, then the first in line */
	done_calls = 0;
	for (i = 0; i < 4; i++) {
		r[i] = request();
		r[i]->max_attempts = 1;
		http_start(http, r[i]);
	}
	http_cancel(r[3]);
	http_cancel(r[1]);
	http_request_free(r[2]);	/* cancels it too */
	r[2] = NULL;
	turn_for(loop, 700, 0);
	TAP_INT(done_calls, 1, "waiting requests cancelled: never start, "
	    "never call back");
	TAP_OK(r[1]->attempts == 0 && r[3]->attempts == 0, "... never sent");
	for (i = 0; i < 4; i++)
		http_request_free(r[i]);

	http_set_rate(http, HTTP_POLL, 0);
	done_calls = 0;
	for (i = 0; i < 3; i++) {
		r[i] = request();
		r[i]->max_attempts = 1;
		http_start(http, r[i]);
	}
	TAP_INT(started(r, 3), 3, "a rate of 0: no limit, all start now");
	turn_for(loop, 2000, 0);
	for (i = 0; i < 3; i++)
		http_request_free(r[i]);
	http_free(http);
}

int
main(void)
{
	struct config		 cfg;
	struct loop		*loop;
	struct http		*http;
	struct http_request	*r;

	http_free(NULL);	/* does nothing, as free(NULL) */
	config_init(&cfg);
	config_set_base_url(&cfg, "http://127.0.0.1:1");	/* nobody */
	loop = loop_new();

	/* retries a millisecond or two apart */
	if (setenv("MJ_RETRY_BASE_MS", "1", 1) == -1)
		return 1;
	http = http_new(loop, &cfg);
	r = request();
	http_start(http, r);
	turn_for(loop, 10000, 1);
	TAP_INT(done_calls, 1, "refused four times: done, once");
	TAP_INT(r->attempts, 4, "... after its four attempts");
	TAP_INT(attempt_calls, 3, "... each after the first announced");
	TAP_INT(r->verdict, RETRY_SAFE, "... a refusal: never sent");
	TAP_OK(!r->sent && http_created_nothing(r),
	    "... so it created nothing");
	TAP_OK(!http_never_sent(r), "... though it was started");
	TAP_OK(r->error[0] != '\0', "... saying why (%s)", r->error);
	http_request_free(r);
	http_free(http);

	/* a long backoff: cancelled while it waits for its next try */
	done_calls = attempt_calls = 0;
	if (setenv("MJ_RETRY_BASE_MS", "60000", 1) == -1)
		return 1;
	http = http_new(loop, &cfg);
	r = request();
	http_start(http, r);
	turn_for(loop, 300, 0);
	TAP_OK(r->attempts >= 1 && done_calls == 0,
	    "a long backoff: tried, not done");
	http_cancel(r);
	http_cancel(r);		/* again: nothing under way, nothing done */
	turn_for(loop, 100, 0);
	TAP_INT(done_calls, 0, "cancelled while waiting: never calls back");
	http_request_free(r);
	http_free(http);

	backoff_base(loop, &cfg);
	if (setenv("MJ_RETRY_BASE_MS", "1", 1) == -1)
		return 1;
	pacing(loop, &cfg);
	TAP_INT(http_peek_status(r = request()), 0,
	    "no status before a transfer");
	http_request_free(r);

	loop_free(loop);
	loop_free(NULL);	/* does nothing, as free(NULL) */
	config_free(&cfg);
	return tap_done();
}
