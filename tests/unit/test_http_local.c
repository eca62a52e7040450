/*
 * http: the engine's life of a request where nothing listens (a refused
 * connection is never sent, so it is retried): the backoff doubles up
 * to its ceiling and the attempts stop at the class's limit; a request
 * waiting for its next attempt can be cancelled and never calls back;
 * the counters say what was sent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "http.h"
#include "loop.h"
#include "tap.h"

static int	done_calls, attempt_calls;

static void
on_done(struct http_request *r)
{
	(void)r;
	done_calls++;
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
	http = http_new(loop, &cfg);

	/* 1, 2, then 2 again: the ceiling holds */
	http_set_backoff(http, 1, 2);
	r = request();
	http_start(http, r);
	TAP_INT(http_active(http, HTTP_POLL), 1, "one poll request active");
	turn_for(loop, 10000, 1);
	TAP_INT(done_calls, 1, "refused four times: done, once");
	TAP_INT(r->attempts, 4, "... after its four attempts");
	TAP_INT(attempt_calls, 3, "... each after the first announced");
	TAP_INT(r->verdict, RETRY_SAFE, "... a refusal: never sent");
	TAP_OK(!r->sent && http_created_nothing(r),
	    "... so it created nothing");
	TAP_OK(!http_never_sent(r), "... though it was started");
	TAP_OK(r->error[0] != '\0', "... saying why (%s)", r->error);
	TAP_INT(http_active(http, HTTP_POLL), 0, "none active after");
	TAP_OK(http_sent_count(http, HTTP_POLL) >= 1,
	    "the attempts are counted (%lu)",
	    http_sent_count(http, HTTP_POLL));
	http_request_free(r);

	/* a long backoff: cancelled while it waits for its second try */
	done_calls = attempt_calls = 0;
	http_set_backoff(http, 60000, 60000);
	r = request();
	http_start(http, r);
	turn_for(loop, 500, 0);
	TAP_INT(r->attempts, 1, "a long backoff: one attempt, then waiting");
	http_cancel(r);
	http_cancel(r);		/* again: nothing under way, nothing done */
	turn_for(loop, 100, 0);
	TAP_INT(done_calls, 0, "cancelled while waiting: never calls back");
	TAP_INT(attempt_calls, 0, "... nor tries again");
	http_request_free(r);

	http_free(http);
	loop_free(loop);
	config_free(&cfg);
	return tap_done();
}
