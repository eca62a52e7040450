/*
 * What a submission's answer means for the money (design.md "Never pay
 * twice", api.md sections 7 and 8): one pure function from the facts of
 * the answer (the transfer's verdict, the HTTP status, what the body says
 * of the account, the envelope's code) to what becomes of the submission.
 * It reads no state and has no effect; mj-submit's subrun.c acts on it,
 * and tests/unit/test_verdict.c holds one row per case.
 */
#ifndef MJ_VERDICT_H
#define MJ_VERDICT_H

#include "account.h"
#include "http.h"

/* What the answer to a submission means. */
enum verdict {
	VERDICT_SUCCEEDED,	/* a task was created: record it */
	VERDICT_EXISTS,		/* a task made before (old code 21): no pay */
	VERDICT_RETRY_BACKOFF,	/* refused, nothing created: send it later */
	VERDICT_STALE,		/* code 4: an action's customId may be stale */
	VERDICT_REFUSED_RETRYABLE, /* nothing created; a later run may */
	VERDICT_REFUSED_FINAL,	/* nothing created; sending again won't help */
	VERDICT_MAY_EXIST,	/* a task may exist: look, never resend */
	VERDICT_STOP_ACCOUNT,	/* quota spent or key refused: send no more */
	VERDICT_STOP_TRUST	/* certificate or proxy refused: send no more */
};

/* Why a task may exist, for the record's message. */
enum verdict_why {
	WHY_NONE,
	WHY_UNREADABLE,		/* a 2xx that is no envelope */
	WHY_NO_TASK_ID,		/* a success without a task id */
	WHY_UNKNOWN_CODE,	/* a code api.md does not call a refusal */
	WHY_AFTER_SEND,		/* the transfer failed after the request went */
	WHY_NO_PARENT		/* refused: the parent task does not exist */
};

/* The facts of one answer, as the caller found them. */
struct verdict_in {
	enum retry_verdict transfer;	/* http.h; RETRY_NONE: a 2xx came */
	long		 http;		/* the status, 0 if none */
	int		 created_nothing; /* http_created_nothing */
	int		 lasts;		/* http_refusal_lasts */
	/* account_http, account_body or account_reply, by the caller */
	enum account_refusal account;
	int		 has_parent;	/* it acts on a task (action, modal) */
	/* the body (of a 2xx, or of a 404): */
	int		 envelope;	/* the body is an envelope (api.h) */
	/* {"success": false}: refused before any task (api.md 7b) */
	int		 early;
	int		 code;		/* its code */
	int		 has_task;	/* its result holds a task id */
	const char	*text;		/* its description or message */
	const char	*prop_status;	/* its properties.status or NULL */
};

struct verdict_out {
	enum verdict	 verdict;
	enum verdict_why why;		/* VERDICT_MAY_EXIST, REFUSED_FINAL */
	/* VERDICT_SUCCEEDED, EXISTS: the task's (static, or in->prop_status) */
	const char	*status;
	enum account_refusal account;	/* VERDICT_STOP_ACCOUNT */
	int		 code;		/* for the record: the API's, or 0 */
	long		 http;		/* for the record: the status, or 0 */
	int		 accepted;	/* the server took a submission */
};

/* The verdict on in (pure). */
void		 verdict_of(const struct verdict_in *, struct verdict_out *);
const char	*verdict_name(enum verdict);

#endif
