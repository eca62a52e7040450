/*
 * Refusals of the account rather than of a request (api.md 7a, issue 20):
 * a spent quota and a refused key.  Every later submission would get the
 * same answer until the user acts, and nothing was created, so mj-submit
 * stops sending and leaves every record it did not send retryable.
 */
#ifndef MJ_ACCOUNT_H
#define MJ_ACCOUNT_H

#include <stddef.h>

#include "api.h"

enum account_refusal {
	ACCOUNT_OK,		/* not an account-level refusal */
	ACCOUNT_QUOTA,		/* the key's quota is spent */
	ACCOUNT_KEY		/* the key is refused (HTTP 401 or 403) */
};

/*
 * Does text say that the quota is spent?  Case-insensitive; the phrases
 * are account_quota_phrases (mjpipe(7) lists them).  Tested alone.
 */
int	 account_quota_text(const char *text);
/* The phrases recognised, NULL-terminated. */
extern const char *const account_quota_phrases[];

/*
 * Does text say that the server is busy for a while: its queue is full,
 * or a concurrency or queue limit is reached (api.md 7b)?  Nothing was
 * created, and the same submission later may well pass.  The phrases are
 * account_busy_phrases (mjpipe(7) lists them); a daily limit is not one.
 */
int	 account_busy_text(const char *text);
extern const char *const account_busy_phrases[];

/*
 * A submission envelope: ACCOUNT_QUOTA when a refusal (any code but 1, 21
 * and 22) says so in its description, else ACCOUNT_OK.  Only the
 * description is read: properties may echo the prompt.
 */
enum account_refusal account_reply(const struct api_reply *);

/*
 * An HTTP failure: a 4xx whose error body says the quota is spent is
 * ACCOUNT_QUOTA; else 401 and 403 are ACCOUNT_KEY; else ACCOUNT_OK.
 * The body's message fields are read (error.message, error.code,
 * error.type, message, code, description), or the body itself when it is
 * not JSON.
 */
enum account_refusal account_http(long status, const char *body, size_t len);

/* A body that is no envelope (a 200 in another shape): ACCOUNT_QUOTA or OK. */
enum account_refusal account_body(const char *body, size_t len);

/* What a record not submitted because of it says. */
const char *account_record_message(enum account_refusal);
/*
 * The one stderr message of a run stopped by it: what happened and what
 * to do.  http: the status (0 for an envelope).  Caller frees.
 */
char	*account_advice(enum account_refusal, long http);

#endif
