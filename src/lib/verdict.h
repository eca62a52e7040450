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
	WHY_AFTER_SEND		/* the transfer failed after the request went */
};

/* The facts of one answer, as the caller found them. */
struct verdict_in {
	enum retry_verdict transfer;	/* http.h; RETRY_NONE: a 2xx came */
	long		 http;		/* the status, 0 if none */
	int		 created_nothing; /* http_created_nothing */
	int		 lasts;		/* http_refusal_lasts */
	/* account_http, account_body or account_reply, by the caller */
	enum account_refusal account;
	/* a 2xx: */
	int		 envelope;	/* the body is an envelope (api.h) */
	int		 code;		/* its code */
	int		 has_task;	/* its result holds a task id */
};

struct verdict_out {
	enum verdict	 verdict;
	enum verdict_why why;		/* VERDICT_MAY_EXIST */
	const char	*status;	/* VERDICT_SUCCEEDED: the task's */
	enum account_refusal account;	/* VERDICT_STOP_ACCOUNT */
	int		 code;		/* for the record: the API's, or 0 */
	long		 http;		/* for the record: the status, or 0 */
	int		 accepted;	/* the server took a submission */
};

/* The verdict on in (pure). */
void		 verdict_of(const struct verdict_in *, struct verdict_out *);
const char	*verdict_name(enum verdict);

#endif
