/*
 * cancel: where nothing listens, an ask fails (CANCEL_FAILED, saying
 * why) after its retries, and only then are the asks that waited for a
 * first answer sent, each failing alike; cancels_abort_all answers every
 * ask under way or waiting with CANCEL_ABORTED, once.
 */
#include <stdlib.h>
#include <string.h>

#include "cancel.h"
#include "config.h"
#include "http.h"
#include "loop.h"
#include "tap.h"

#define NASK	3

static int	answers[4], calls[NASK];
static char	why0[256];

static void
done(void *arg, enum cancel_result res, const char *why)
{
	int	i = (int)(long)arg;

	calls[i]++;
	answers[res]++;
	if (i == 0 && why != NULL)
		(void)snprintf(why0, sizeof(why0), "%s", why);
}

static int
total(void)
{
	return answers[0] + answers[1] + answers[2] + answers[3];
}

int
main(void)
{
	struct config	 cfg;
	struct loop	*loop;
	struct http	*http;
	struct cancels	*c;
	long long	 end;
	int		 i;

	cancels_free(NULL);	/* does nothing, as free(NULL) */
	if (setenv("MJ_RETRY_BASE_MS", "1", 1) == -1)
		return 1;
	config_init(&cfg);
	config_set_base_url(&cfg, "http://127.0.0.1:1");	/* nobody */
	loop = loop_new();
	http = http_new(loop, &cfg);

	c = cancels_new(http, &cfg);
	for (i = 0; i < NASK; i++)
		cancels_ask(c, "1234", done, (void *)(long)i);
	end = loop_now() + 20000;
	while (total() < NASK && loop_now() < end)
		(void)loop_turn(loop, -1, 20);
	TAP_INT(answers[CANCEL_FAILED], NASK, "nobody listens: each ask "
	    "fails, the waiting ones after the first");
	TAP_OK(calls[0] == 1 && calls[1] == 1 && calls[2] == 1,
	    "... each answered once");
	TAP_OK(strstr(why0, "Couldn't connect") != NULL, "... saying why (%s)",
	    why0);
	cancels_free(c);

	/* one under way, two waiting for its answer: all aborted */
	memset(answers, 0, sizeof(answers));
	memset(calls, 0, sizeof(calls));
	c = cancels_new(http, &cfg);
	for (i = 0; i < NASK; i++)
		cancels_ask(c, "1234", done, (void *)(long)i);
	cancels_abort_all(c);
	TAP_INT(answers[CANCEL_ABORTED], NASK, "abort all: every ask "
	    "aborted, under way or waiting");
	(void)loop_turn(loop, -1, 50);
	TAP_INT(total(), NASK, "... and none answered again");
	cancels_free(c);

	http_free(http);
	loop_free(loop);
	config_free(&cfg);
	return tap_done();
}
