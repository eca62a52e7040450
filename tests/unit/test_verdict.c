/*
 * verdict_of: what each answer to a submission means for the money
 * (verdict.h).  One row per case of mj-submit's behaviour: the transfer's
 * verdict, the HTTP status, created-nothing and refusal-lasts as http.c
 * says them, what the body says of the account, and the envelope.
 */
#include "api.h"
#include "tap.h"
#include "verdict.h"

#define T	RETRY_NONE
#define SAFE	RETRY_SAFE
#define AMB	RETRY_AMBIGUOUS
#define NO	RETRY_NO
#define OK	ACCOUNT_OK
#define QUOTA	ACCOUNT_QUOTA
#define KEY	ACCOUNT_KEY

static const struct {
	struct verdict_in	 in;
	enum verdict		 want;
	enum verdict_why	 why;
	const char		*status;
	int			 code;
	long			 http;
	int			 accepted;
	const char		*name;
} rows[] = {
	/* transfer, http, created nothing, lasts, account, envelope,
	 * code, task */
	{ { T, 200, 0, 0, OK, 1, 1, 1 }, VERDICT_SUCCEEDED, WHY_NONE,
	    "SUBMITTED", 1, 0, 1, "code 1: submitted" },
	{ { T, 200, 0, 0, OK, 1, 22, 1 }, VERDICT_SUCCEEDED, WHY_NONE,
	    "NOT_START", 22, 0, 1, "code 22: queued, a task" },
	{ { T, 200, 0, 0, OK, 1, 21, 1 }, VERDICT_SUCCEEDED, WHY_NONE,
	    "MODAL", 21, 0, 1, "code 21: a task in its modal" },
	{ { T, 200, 0, 0, OK, 1, 1, 0 }, VERDICT_MAY_EXIST, WHY_NO_TASK_ID,
	    NULL, 1, 0, 1, "code 1 without a task id: may exist" },
	{ { T, 200, 0, 0, OK, 1, 21, 0 }, VERDICT_MAY_EXIST, WHY_NO_TASK_ID,
	    NULL, 21, 0, 1, "code 21 without a task id: may exist" },
	{ { T, 200, 0, 0, OK, 1, 23, 0 }, VERDICT_RETRY_BACKOFF, WHY_NONE,
	    NULL, 23, 0, 0, "code 23: queue full, back off" },
	{ { T, 200, 0, 0, OK, 1, 4, 0 }, VERDICT_STALE, WHY_NONE, NULL, 4, 0,
	    0, "code 4: maybe a stale customId" },
	{ { T, 200, 0, 0, OK, 1, 24, 0 }, VERDICT_REFUSED_FINAL, WHY_NONE,
	    NULL, 24, 0, 0, "code 24: banned, final" },
	{ { T, 200, 0, 0, OK, 1, 3, 0 }, VERDICT_REFUSED_FINAL, WHY_NONE,
	    NULL, 3, 0, 0, "code 3: not found, final" },
	{ { T, 200, 0, 0, OK, 1, 9, 0 }, VERDICT_MAY_EXIST, WHY_UNKNOWN_CODE,
	    NULL, 9, 0, 0, "code 9: not safe to assume nothing was made" },
	{ { T, 200, 0, 0, OK, 1, 500, 0 }, VERDICT_MAY_EXIST,
	    WHY_UNKNOWN_CODE, NULL, 500, 0, 0, "an unknown code: may exist" },
	{ { T, 200, 0, 0, QUOTA, 1, 9, 0 }, VERDICT_STOP_ACCOUNT, WHY_NONE,
	    NULL, 9, 0, 0, "a refusal saying the quota is spent: stop" },
	{ { T, 200, 0, 0, OK, 0, 0, 0 }, VERDICT_MAY_EXIST, WHY_UNREADABLE,
	    NULL, 0, 200, 0, "a 200 that is no envelope: may exist" },
	{ { T, 200, 0, 0, QUOTA, 0, 0, 0 }, VERDICT_STOP_ACCOUNT, WHY_NONE,
	    NULL, 0, 0, 0, "a 200 error body on the quota: stop" },
	{ { SAFE, 429, 1, 0, OK, 0, 0, 0 }, VERDICT_REFUSED_RETRYABLE,
	    WHY_NONE, NULL, 0, 429, 0, "429 after its retries: retryable" },
	{ { SAFE, 0, 1, 0, OK, 0, 0, 0 }, VERDICT_REFUSED_RETRYABLE,
	    WHY_NONE, NULL, 0, 0, 0, "not connected: retryable" },
	{ { NO, 400, 1, 0, OK, 0, 0, 0 }, VERDICT_REFUSED_FINAL, WHY_NONE,
	    NULL, 0, 400, 0, "400: refused for good" },
	{ { NO, 0, 1, 0, OK, 0, 0, 0 }, VERDICT_REFUSED_FINAL, WHY_NONE,
	    NULL, 0, 0, 0, "a bad URL, never sent: refused for good" },
	{ { NO, 401, 1, 0, KEY, 0, 0, 0 }, VERDICT_STOP_ACCOUNT, WHY_NONE,
	    NULL, 0, 401, 0, "401: the key is refused, stop" },
	{ { NO, 403, 1, 0, QUOTA, 0, 0, 0 }, VERDICT_STOP_ACCOUNT, WHY_NONE,
	    NULL, 0, 403, 0, "403 quota_not_enough: stop" },
	{ { SAFE, 0, 1, 1, OK, 0, 0, 0 }, VERDICT_STOP_TRUST, WHY_NONE, NULL,
	    0, 0, 0, "an untrusted certificate: stop" },
	{ { SAFE, 407, 1, 1, OK, 0, 0, 0 }, VERDICT_STOP_TRUST, WHY_NONE,
	    NULL, 0, 407, 0, "a proxy wants credentials: stop" },
	{ { AMB, 502, 0, 0, OK, 0, 0, 0 }, VERDICT_MAY_EXIST, WHY_AFTER_SEND,
	    NULL, 0, 502, 0, "502 after sending: may exist" },
	{ { AMB, 0, 0, 0, OK, 0, 0, 0 }, VERDICT_MAY_EXIST, WHY_AFTER_SEND,
	    NULL, 0, 0, 0, "a reply timeout: may exist" },
	{ { NO, 200, 0, 0, OK, 0, 0, 0 }, VERDICT_MAY_EXIST, WHY_AFTER_SEND,
	    NULL, 0, 200, 0, "a reply we stopped reading: may exist" },
	{ { NO, 302, 0, 0, OK, 0, 0, 0 }, VERDICT_MAY_EXIST, WHY_AFTER_SEND,
	    NULL, 0, 302, 0, "an unfollowed redirect after sending" },
};

int
main(void)
{
	struct verdict_out	v;
	size_t			i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		verdict_of(&rows[i].in, &v);
		TAP_STR(verdict_name(v.verdict), verdict_name(rows[i].want),
		    "%s", rows[i].name);
		TAP_INT(v.why, rows[i].why, "... why: %s", rows[i].name);
		TAP_STR(v.status != NULL ? v.status : "-",
		    rows[i].status != NULL ? rows[i].status : "-",
		    "... status: %s", rows[i].name);
		TAP_INT(v.code, rows[i].code, "... code: %s", rows[i].name);
		TAP_INT(v.http, rows[i].http, "... http: %s", rows[i].name);
		TAP_INT(v.accepted, rows[i].accepted, "... accepted: %s",
		    rows[i].name);
		if (v.verdict == VERDICT_STOP_ACCOUNT)
			TAP_INT(v.account, rows[i].in.account,
			    "... account: %s", rows[i].name);
	}
	return tap_done();
}
