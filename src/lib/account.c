/*
 * Account-level refusals (account.h).  The gateways in front of the API
 * (one-api, new-api) say "quota spent" in several ways and two answer
 * styles; the phrases below are the ones they and their forks use.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "account.h"
#include "xalloc.h"

#define BODY_MAX	4096	/* of a body read as text */

const char *const account_quota_phrases[] = {
	"quota_not_enough",		/* one-api / new-api, both styles */
	/* "user quota is not enough", "token ..." */
	"quota is not enough",
	"insufficient_user_quota",	/* one-api's error code */
	"insufficient_quota",		/* OpenAI-style */
	"exceeded your current quota",	/* OpenAI-style message */
	"quota exhausted",
	"quota has been exhausted",
	"额度不足",			/* one-api in Chinese: quota too low */
	"余额不足",			/* balance too low */
	"额度已用尽",			/* quota used up */
	NULL
};

const char *const account_busy_phrases[] = {
	"队列已满",			/* trueai-org's code 9: the queue is full */
	"队列数已达上限",		/* the queue limit is reached */
	"并发数已达上限",		/* the concurrency limit is reached */
	"queue is full",
	"queue full",
	NULL
};

/* strcasestr for ASCII; the Chinese phrases match byte for byte. */
static int
contains(const char *hay, const char *needle)
{
	size_t	n = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return 0;
}

int
account_quota_text(const char *text)
{
	size_t	i;

	if (text == NULL)
		return 0;
	for (i = 0; account_quota_phrases[i] != NULL; i++)
		if (contains(text, account_quota_phrases[i]))
			return 1;
	return 0;
}

int
account_busy_text(const char *text)
{
	size_t	i;

	if (text == NULL)
		return 0;
	for (i = 0; account_busy_phrases[i] != NULL; i++)
		if (contains(text, account_busy_phrases[i]))
			return 1;
	return 0;
}

enum account_refusal
account_reply(const struct api_reply *rep)
{
	if (rep->code == API_CODE_OK || rep->code == API_CODE_EXISTS ||
	    rep->code == API_CODE_QUEUED)
		return ACCOUNT_OK;
	return account_quota_text(rep->description) ? ACCOUNT_QUOTA :
	    ACCOUNT_OK;
}

/* A string member of obj that says the quota is spent. */
static int
member_says(json_object *obj, const char *key)
{
	json_object	*v;

	return json_object_is_type(obj, json_type_object) &&
	    json_object_object_get_ex(obj, key, &v) &&
	    json_object_is_type(v, json_type_string) &&
	    account_quota_text(json_object_get_string(v));
}

static int
body_says_quota(const char *body, size_t len)
{
	static const char *const keys[] = { "message", "code", "type",
	    "description", NULL };
	json_tokener	*tok;
	json_object	*o, *e;
	char		*text;
	size_t		 i;
	int		 yes = 0;

	if (body == NULL || len == 0)
		return 0;
	tok = json_tokener_new();
	o = json_tokener_parse_ex(tok, body, (int)(len < BODY_MAX * 16 ?
	    len : BODY_MAX * 16));
	json_tokener_free(tok);
	if (o == NULL || !json_object_is_type(o, json_type_object)) {
		/* an HTML or text page, or a bare JSON string: its words */
		json_object_put(o);
		text = xstrndup(body, len < BODY_MAX ? len : BODY_MAX);
		yes = account_quota_text(text);
		free(text);
		return yes;
	}
	if (!json_object_object_get_ex(o, "error", &e))
		e = NULL;
	for (i = 0; keys[i] != NULL && !yes; i++)
		yes = member_says(o, keys[i]) || member_says(e, keys[i]);
	if (!yes && e != NULL && json_object_is_type(e, json_type_string))
		yes = account_quota_text(json_object_get_string(e));
	json_object_put(o);
	return yes;
}

enum account_refusal
account_body(const char *body, size_t len)
{
	return body_says_quota(body, len) ? ACCOUNT_QUOTA : ACCOUNT_OK;
}

enum account_refusal
account_http(long status, const char *body, size_t len)
{
	/* 402 Payment Required says it without words */
	if (status == 402 || (status >= 400 && status < 500 &&
	    status != 429 && body_says_quota(body, len)))
		return ACCOUNT_QUOTA;
	if (status == 401 || status == 403)
		return ACCOUNT_KEY;
	return ACCOUNT_OK;
}

const char *
account_record_message(enum account_refusal why)
{
	switch (why) {
	case ACCOUNT_QUOTA:
		return "not submitted: the key's quota is spent";
	case ACCOUNT_KEY:
		return "not submitted: the API refused the key";
	default:
		return "not submitted";
	}
}

char *
account_advice(enum account_refusal why, long http)
{
	char	 status[32] = "";

	if (http != 0)
		(void)snprintf(status, sizeof(status), " (HTTP %ld)", http);
	if (why == ACCOUNT_QUOTA)
		return xasprintf("the key's quota is spent%s: nothing more is "
		    "sent, and every record not submitted is marked "
		    "retryable; top up the account, then run the same "
		    "command again (with --journal, only those are sent)",
		    status);
	return xasprintf("the API refused the key%s: check MJ_API_KEY or "
	    "--api-key-file, and --auth; nothing more is sent, and every "
	    "record not submitted is marked retryable", status);
}
