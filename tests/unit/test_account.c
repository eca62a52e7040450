/*
 * account: a spent quota and a refused key told from other refusals, in
 * both of the gateways' answer styles (api.md 7a).
 */
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "api.h"
#include "diag.h"
#include "tap.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* Submission envelopes (HTTP 200). */
static const struct {
	const char	*body;
	int		 want;
} envelopes[] = {
	{ "{\"code\":4,\"description\":\"quota_not_enough\"}", ACCOUNT_QUOTA },
	{ "{\"code\":4,\"description\":\"Quota_Not_Enough\",\"result\":null}",
	    ACCOUNT_QUOTA },
	{ "{\"code\":5,\"description\":\"user quota is not enough\"}",
	    ACCOUNT_QUOTA },
	{ "{\"code\":4,\"description\":\"用户额度不足\"}", ACCOUNT_QUOTA },
	{ "{\"code\":4,\"description\":\"账户余额不足\"}", ACCOUNT_QUOTA },
	{ "{\"code\":4,\"description\":\"参数错误\"}", ACCOUNT_OK },
	{ "{\"code\":4,\"description\":\"create_request_failed\"}", ACCOUNT_OK },
	/* a success says nothing about the quota, whatever its words */
	{ "{\"code\":1,\"description\":\"quota_not_enough\",\"result\":\"1\"}",
	    ACCOUNT_OK },
	{ "{\"code\":22,\"description\":\"quota is not enough\","
	    "\"result\":\"1\"}", ACCOUNT_OK },
	/* a banned prompt that speaks of quotas: properties are not read */
	{ "{\"code\":24,\"description\":\"可能包含敏感词\",\"properties\":"
	    "{\"promptEn\":\"insufficient_quota quota_not_enough\"}}",
	    ACCOUNT_OK },
};

/* HTTP failures: status and body. */
static const struct {
	long		 status;
	const char	*body;
	int		 want;
} failures[] = {
	{ 403, "{\"code\":\"quota_not_enough\",\"message\":\"user quota is "
	    "not enough\",\"data\":null}", ACCOUNT_QUOTA },
	{ 403, "{\"error\":{\"message\":\"user quota is not enough\","
	    "\"type\":\"new_api_error\",\"code\":\"insufficient_user_quota\"}}",
	    ACCOUNT_QUOTA },
	{ 403, "{\"error\":{\"message\":\"x\",\"code\":\"quota_not_enough\"}}",
	    ACCOUNT_QUOTA },
	{ 401, "{\"error\":{\"message\":\"token quota is not enough\"}}",
	    ACCOUNT_QUOTA },
	{ 400, "{\"error\":{\"message\":\"You exceeded your current quota\","
	    "\"type\":\"insufficient_quota\"}}", ACCOUNT_QUOTA },
	{ 403, "<html><body>余额不足</body></html>", ACCOUNT_QUOTA },
	{ 403, "\"quota_not_enough\"", ACCOUNT_QUOTA },
	{ 402, "", ACCOUNT_QUOTA },
	{ 401, "{\"error\":{\"message\":\"Invalid API key\","
	    "\"type\":\"invalid_request_error\"}}", ACCOUNT_KEY },
	{ 403, "{\"error\":{\"message\":\"user is banned\"}}", ACCOUNT_KEY },
	{ 403, "", ACCOUNT_KEY },
	{ 401, NULL, ACCOUNT_KEY },
	/* a rate limit is retried, whatever it says; others are not ours */
	{ 429, "{\"error\":{\"message\":\"quota_not_enough\"}}", ACCOUNT_OK },
	{ 404, "{\"error\":\"not found\"}", ACCOUNT_OK },
	{ 500, "{\"error\":{\"message\":\"quota_not_enough\"}}", ACCOUNT_OK },
	{ 400, "{\"error\":{\"message\":\"bad\",\"prompt\":\"quota_not_enough\"}}",
	    ACCOUNT_OK },
};

static void
test_envelopes(void)
{
	struct api_reply	 rep;
	char			 err[256];
	size_t			 i;

	for (i = 0; i < NITEMS(envelopes); i++) {
		if (!TAP_OK(api_parse_reply(envelopes[i].body,
		    strlen(envelopes[i].body), &rep, err, sizeof(err)) == 0,
		    "envelope %zu parses", i))
			continue;
		TAP_INT(account_reply(&rep), envelopes[i].want,
		    "envelope %zu: %s", i, envelopes[i].body);
		api_reply_free(&rep);
	}
}

static void
test_failures(void)
{
	const char	*b;
	size_t		 i;

	for (i = 0; i < NITEMS(failures); i++) {
		b = failures[i].body;
		TAP_INT(account_http(failures[i].status, b, b != NULL ?
		    strlen(b) : 0), failures[i].want, "HTTP %ld: %s",
		    failures[i].status, b != NULL ? b : "(no body)");
	}
	b = "{\"error\":{\"message\":\"user quota is not enough\"}}";
	TAP_INT(account_body(b, strlen(b)), ACCOUNT_QUOTA,
	    "a 200 in OpenAI style that says so");
	b = "<html>502 Bad Gateway</html>";
	TAP_INT(account_body(b, strlen(b)), ACCOUNT_OK,
	    "a gateway's page that does not");
}

static void
test_words(void)
{
	char	*s;
	size_t	 i;

	for (i = 0; account_quota_phrases[i] != NULL; i++)
		TAP_OK(account_quota_text(account_quota_phrases[i]),
		    "the phrase \"%s\" is recognised", account_quota_phrases[i]);
	TAP_OK(!account_quota_text(NULL), "NULL is no quota");
	TAP_OK(!account_quota_text("quota"), "the word alone is not enough");
	TAP_STR(account_record_message(ACCOUNT_QUOTA),
	    "not submitted: the key's quota is spent", "the record's words");
	TAP_STR(account_record_message(ACCOUNT_KEY),
	    "not submitted: the API refused the key", "... for a refused key");
	TAP_STR(account_record_message(ACCOUNT_OK), "not submitted",
	    "... for any other refusal");
	s = account_advice(ACCOUNT_QUOTA, 403);
	TAP_OK(strstr(s, "(HTTP 403)") != NULL && strstr(s, "top up") != NULL &&
	    strstr(s, "same command") != NULL, "the advice says what to do: %s",
	    s);
	free(s);
	s = account_advice(ACCOUNT_KEY, 401);
	TAP_OK(strstr(s, "refused the key (HTTP 401)") != NULL &&
	    strstr(s, "MJ_API_KEY") != NULL, "the key's advice: %s", s);
	free(s);
}

int
main(void)
{
	diag_init("test_account");
	test_envelopes();
	test_failures();
	test_words();
	return tap_done();
}
