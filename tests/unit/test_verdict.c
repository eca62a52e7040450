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

/* A 2xx envelope: its code, whether it names a task, its text. */
#define ENV(c, task, txt)	.transfer = T, .http = 200, .envelope = 1, \
	.code = (c), .has_task = (task), .text = (txt)
/* A failed transfer: verdict, status, created nothing, lasts, account. */
#define FAIL(v, st, cn, l, acc)	.transfer = (v), .http = (st), \
	.created_nothing = (cn), .lasts = (l), .account = (acc)

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
	{ { ENV(1, 1, "") }, VERDICT_SUCCEEDED, WHY_NONE,
	    "SUBMITTED", 1, 0, 1, "code 1: submitted" },
	{ { ENV(22, 1, "") }, VERDICT_SUCCEEDED, WHY_NONE,
	    "NOT_START", 22, 0, 1, "code 22: queued, a task" },
	{ { ENV(21, 1, "Waiting for window confirm") }, VERDICT_SUCCEEDED,
	    WHY_NONE, "MODAL", 21, 0, 1, "code 21: a task in its modal" },
	{ { ENV(21, 1, ""), .prop_status = "MODAL" }, VERDICT_SUCCEEDED,
	    WHY_NONE, "MODAL", 21, 0, 1,
	    "code 21, properties.status MODAL: a task in its modal" },
	{ { ENV(21, 1, ""), .prop_status = "" }, VERDICT_SUCCEEDED,
	    WHY_NONE, "MODAL", 21, 0, 1,
	    "code 21, properties.status empty: a task in its modal" },
	{ { ENV(21, 1, "任务已存在"), .prop_status = "SUCCESS",
	    .has_parent = 1 }, VERDICT_EXISTS, WHY_NONE, "SUCCESS", 21, 0, 1,
	    "old novicezk code 21, status SUCCESS: the task made before" },
	{ { ENV(21, 1, ""), .prop_status = "IN_PROGRESS" }, VERDICT_EXISTS,
	    WHY_NONE, "IN_PROGRESS", 21, 0, 1,
	    "old novicezk code 21, status IN_PROGRESS: the task made before" },
	{ { ENV(21, 0, ""), .prop_status = "SUCCESS" }, VERDICT_MAY_EXIST,
	    WHY_NO_TASK_ID, NULL, 21, 0, 1,
	    "old novicezk code 21 without a task id: may exist" },
	{ { ENV(1, 0, "") }, VERDICT_MAY_EXIST, WHY_NO_TASK_ID,
	    NULL, 1, 0, 1, "code 1 without a task id: may exist" },
	{ { ENV(21, 0, "") }, VERDICT_MAY_EXIST, WHY_NO_TASK_ID,
	    NULL, 21, 0, 1, "code 21 without a task id: may exist" },
	{ { ENV(23, 0, "") }, VERDICT_RETRY_BACKOFF, WHY_NONE,
	    NULL, 23, 0, 0, "code 23: queue full, back off" },
	{ { ENV(9, 0, "提交失败，队列已满，请稍后重试") },
	    VERDICT_RETRY_BACKOFF, WHY_NONE, NULL, 9, 0, 0,
	    "trueai code 9, queue full: back off" },
	{ { ENV(9, 0, "Queue is full, try later") }, VERDICT_RETRY_BACKOFF,
	    WHY_NONE, NULL, 9, 0, 0, "code 9 saying queue is full: back off" },
	{ { ENV(4, 0, "") }, VERDICT_STALE, WHY_NONE, NULL, 4, 0,
	    0, "code 4: maybe a stale customId" },
	{ { ENV(4, 0, "并发数已达上限") }, VERDICT_RETRY_BACKOFF, WHY_NONE,
	    NULL, 4, 0, 0, "imagine code 4, a concurrency limit: back off" },
	{ { ENV(4, 0, "队列数已达上限") }, VERDICT_RETRY_BACKOFF, WHY_NONE,
	    NULL, 4, 0, 0, "imagine code 4, a queue limit: back off" },
	{ { ENV(4, 0, "今日绘图次数已达上限") }, VERDICT_STALE, WHY_NONE,
	    NULL, 4, 0, 0, "code 4, a daily limit: refused as code 4 is" },
	{ { ENV(24, 0, "") }, VERDICT_REFUSED_FINAL, WHY_NONE,
	    NULL, 24, 0, 0, "code 24: banned, final" },
	{ { ENV(3, 0, "") }, VERDICT_REFUSED_FINAL, WHY_NONE,
	    NULL, 3, 0, 0, "code 3: not found, final" },
	{ { ENV(9, 0, "") }, VERDICT_MAY_EXIST, WHY_UNKNOWN_CODE,
	    NULL, 9, 0, 0, "code 9: not safe to assume nothing was made" },
	{ { ENV(9, 0, "无可用的账号实例") }, VERDICT_MAY_EXIST,
	    WHY_UNKNOWN_CODE, NULL, 9, 0, 0,
	    "code 9 not saying queue full: may exist" },
	{ { ENV(500, 0, "") }, VERDICT_MAY_EXIST,
	    WHY_UNKNOWN_CODE, NULL, 500, 0, 0, "an unknown code: may exist" },
	{ { ENV(-1, 0, "并发数已达上限"), .early = 1 },
	    VERDICT_RETRY_BACKOFF, WHY_NONE, NULL, -1, 0, 0,
	    "success:false, concurrency limit: back off" },
	{ { ENV(-1, 0, "队列数已达上限"), .early = 1 },
	    VERDICT_RETRY_BACKOFF, WHY_NONE, NULL, -1, 0, 0,
	    "success:false, queue limit: back off" },
	{ { ENV(-1, 0, "今日绘图次数已达上限"), .early = 1 },
	    VERDICT_REFUSED_RETRYABLE, WHY_NONE, NULL, -1, 0, 0,
	    "success:false, a daily limit: retryable error" },
	{ { ENV(-1, 0, "State参数过长，最大255字符"), .early = 1 },
	    VERDICT_REFUSED_RETRYABLE, WHY_NONE, NULL, -1, 0, 0,
	    "success:false, state too long: retryable error" },
	{ { ENV(-1, 0, NULL), .early = 1 },
	    VERDICT_REFUSED_RETRYABLE, WHY_NONE, NULL, -1, 0, 0,
	    "success:false without a message: retryable error" },
	{ { ENV(-1, 0, "额度不足"), .early = 1, .account = QUOTA },
	    VERDICT_STOP_ACCOUNT, WHY_NONE, NULL, -1, 0, 0,
	    "success:false saying the quota is spent: stop" },
	{ { ENV(9, 0, "quota exhausted"), .account = QUOTA },
	    VERDICT_STOP_ACCOUNT, WHY_NONE,
	    NULL, 9, 0, 0, "a refusal saying the quota is spent: stop" },
	{ { .transfer = T, .http = 200 }, VERDICT_MAY_EXIST, WHY_UNREADABLE,
	    NULL, 0, 200, 0, "a 200 that is no envelope: may exist" },
	{ { .transfer = T, .http = 200, .account = QUOTA },
	    VERDICT_STOP_ACCOUNT, WHY_NONE, NULL, 0, 0, 0,
	    "a 200 error body on the quota: stop" },
	{ { FAIL(SAFE, 429, 1, 0, OK) }, VERDICT_REFUSED_RETRYABLE,
	    WHY_NONE, NULL, 0, 429, 0, "429 after its retries: retryable" },
	{ { FAIL(SAFE, 0, 1, 0, OK) }, VERDICT_REFUSED_RETRYABLE,
	    WHY_NONE, NULL, 0, 0, 0, "not connected: retryable" },
	{ { FAIL(NO, 400, 1, 0, OK) }, VERDICT_REFUSED_FINAL, WHY_NONE,
	    NULL, 0, 400, 0, "400: refused for good" },
	{ { FAIL(NO, 404, 1, 0, OK) }, VERDICT_REFUSED_FINAL, WHY_NONE,
	    NULL, 0, 404, 0, "404 without an envelope: refused for good" },
	{ { FAIL(NO, 404, 1, 0, OK), .has_parent = 1, .envelope = 1,
	    .code = 3, .text = "关联任务不存在或已失效" },
	    VERDICT_REFUSED_FINAL, WHY_NO_PARENT, NULL, 3, 404, 0,
	    "an action's 404 with code 3: no such parent task" },
	{ { FAIL(NO, 404, 1, 0, OK), .envelope = 1, .code = 3 },
	    VERDICT_REFUSED_FINAL, WHY_NONE, NULL, 0, 404, 0,
	    "an imagine's 404 with code 3: refused for good" },
	{ { FAIL(NO, 404, 1, 0, OK), .has_parent = 1 },
	    VERDICT_REFUSED_FINAL, WHY_NONE, NULL, 0, 404, 0,
	    "an action's 404 without an envelope: refused for good" },
	{ { FAIL(NO, 404, 1, 0, OK), .has_parent = 1, .envelope = 1,
	    .code = 4 }, VERDICT_REFUSED_FINAL, WHY_NONE, NULL, 0, 404, 0,
	    "an action's 404 with code 4: refused, not 'no such parent'" },
	{ { FAIL(NO, 0, 1, 0, OK) }, VERDICT_REFUSED_FINAL, WHY_NONE,
	    NULL, 0, 0, 0, "a bad URL, never sent: refused for good" },
	{ { FAIL(NO, 401, 1, 0, KEY) }, VERDICT_STOP_ACCOUNT, WHY_NONE,
	    NULL, 0, 401, 0, "401: the key is refused, stop" },
	{ { FAIL(NO, 403, 1, 0, QUOTA) }, VERDICT_STOP_ACCOUNT, WHY_NONE,
	    NULL, 0, 403, 0, "403 quota_not_enough: stop" },
	{ { FAIL(SAFE, 0, 1, 1, OK) }, VERDICT_STOP_TRUST, WHY_NONE, NULL,
	    0, 0, 0, "an untrusted certificate: stop" },
	{ { FAIL(SAFE, 407, 1, 1, OK) }, VERDICT_STOP_TRUST, WHY_NONE,
	    NULL, 0, 407, 0, "a proxy wants credentials: stop" },
	{ { FAIL(AMB, 502, 0, 0, OK) }, VERDICT_MAY_EXIST, WHY_AFTER_SEND,
	    NULL, 0, 502, 0, "502 after sending: may exist" },
	{ { FAIL(AMB, 0, 0, 0, OK) }, VERDICT_MAY_EXIST, WHY_AFTER_SEND,
	    NULL, 0, 0, 0, "a reply timeout: may exist" },
	{ { FAIL(NO, 200, 0, 0, OK) }, VERDICT_MAY_EXIST, WHY_AFTER_SEND,
	    NULL, 0, 200, 0, "a reply we stopped reading: may exist" },
	{ { FAIL(NO, 302, 0, 0, OK) }, VERDICT_MAY_EXIST, WHY_AFTER_SEND,
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
	TAP_STR(verdict_name(VERDICT_STOP_TRUST), "stop-trust",
	    "the last verdict has its name");
	TAP_STR(verdict_name((enum verdict)(VERDICT_STOP_TRUST + 1)), "?",
	    "a value past the last: \"?\", never a read past the names");
	return tap_done();
}
