/*
 * The money verdict on a submission's answer (verdict.h).  The order of
 * the questions is the rule: the account first (every later submission
 * would meet the same refusal), then whether anything can have been
 * created, then the envelope's code.
 */
#include <stddef.h>
#include <string.h>

#include "api.h"
#include "verdict.h"

static void
set(struct verdict_out *o, enum verdict v, int code, long http)
{
	o->verdict = v;
	o->code = code;
	o->http = http;
}

/* The request failed: no 2xx came (got_failure before the split). */
static void
failed(const struct verdict_in *in, struct verdict_out *o)
{
	if (in->account != ACCOUNT_OK) {
		o->account = in->account;
		set(o, VERDICT_STOP_ACCOUNT, 0, in->http);
	} else if (!in->created_nothing) {
		o->why = WHY_AFTER_SEND;
		set(o, VERDICT_MAY_EXIST, 0, in->http);
	} else if (in->lasts)	/* the same trust store for every one */
		set(o, VERDICT_STOP_TRUST, 0, in->http);
	else if (in->http == 404 && in->has_parent && in->envelope &&
	    in->code == API_CODE_NOT_FOUND) {
		/* trueai-org: the task acted on does not exist */
		o->why = WHY_NO_PARENT;
		set(o, VERDICT_REFUSED_FINAL, in->code, in->http);
	} else
		set(o, in->transfer == RETRY_SAFE ? VERDICT_REFUSED_RETRYABLE :
		    VERDICT_REFUSED_FINAL, 0, in->http);
}

/* An envelope came: its code says what happened (api.md section 7). */
static void
envelope(const struct verdict_in *in, struct verdict_out *o)
{
	if (in->early) {
		/* trueai-org's refusals before any task: a limit clears */
		set(o, account_busy_text(in->text) ? VERDICT_RETRY_BACKOFF :
		    VERDICT_REFUSED_RETRYABLE, in->code, 0);
		return;
	}
	switch (in->code) {
	case API_CODE_OK:
	case API_CODE_QUEUED:
	case API_CODE_EXISTS:
		o->accepted = 1;
		if (!in->has_task) {
			o->why = WHY_NO_TASK_ID;
			set(o, VERDICT_MAY_EXIST, in->code, 0);
			return;
		}
		if (in->code == API_CODE_EXISTS && in->prop_status != NULL &&
		    in->prop_status[0] != '\0' &&
		    strcmp(in->prop_status, "MODAL") != 0) {
			/* old novicezk: the task this one made before */
			o->status = in->prop_status;
			set(o, VERDICT_EXISTS, in->code, 0);
			return;
		}
		o->status = in->code == API_CODE_QUEUED ? "NOT_START" :
		    in->code == API_CODE_EXISTS ? "MODAL" : "SUBMITTED";
		set(o, VERDICT_SUCCEEDED, in->code, 0);
		return;
	case API_CODE_QUEUE_FULL:
		set(o, VERDICT_RETRY_BACKOFF, in->code, 0);
		return;
	case API_CODE_OTHER:
		/* trueai-org's queue full is code 9, saying so */
		if (account_busy_text(in->text)) {
			set(o, VERDICT_RETRY_BACKOFF, in->code, 0);
			return;
		}
		o->why = WHY_UNKNOWN_CODE;
		set(o, VERDICT_MAY_EXIST, in->code, 0);
		return;
	case API_CODE_INVALID:
		/* trueai-org's imagine: a limit reached is code 4 */
		set(o, account_busy_text(in->text) ? VERDICT_RETRY_BACKOFF :
		    VERDICT_STALE, in->code, 0);
		return;
	case API_CODE_BANNED:
	case API_CODE_NOT_FOUND:
		set(o, VERDICT_REFUSED_FINAL, in->code, 0);
		return;
	default:
		/* api.md: not safe to assume nothing was created */
		o->why = WHY_UNKNOWN_CODE;
		set(o, VERDICT_MAY_EXIST, in->code, 0);
		return;
	}
}

void
verdict_of(const struct verdict_in *in, struct verdict_out *o)
{
	o->why = WHY_NONE;
	o->status = NULL;
	o->account = ACCOUNT_OK;
	o->accepted = 0;
	if (in->transfer != RETRY_NONE)
		failed(in, o);
	else if (in->account != ACCOUNT_OK) {
		/* a 2xx saying the quota is spent: nothing was created */
		o->account = in->account;
		set(o, VERDICT_STOP_ACCOUNT, in->envelope ? in->code : 0, 0);
	} else if (!in->envelope) {
		/* a 2xx we cannot read: the server may well have created it */
		o->why = WHY_UNREADABLE;
		set(o, VERDICT_MAY_EXIST, 0, in->http);
	} else
		envelope(in, o);
}

const char *
verdict_name(enum verdict v)
{
	static const char *const names[] = {
		"succeeded", "exists", "retry-backoff", "stale",
		"refused-retryable", "refused-final", "may-exist",
		"stop-account", "stop-trust"
	};

	return (size_t)v < sizeof(names) / sizeof(names[0]) ? names[v] : "?";
}
