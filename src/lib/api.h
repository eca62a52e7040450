/*
 * The Midjourney task API of api.md: reply parsing (envelope.c), task
 * fields and request paths (task.c), buttons (buttons.c).  Tolerant of
 * unknown and null fields, numbers where strings were expected, localized
 * descriptions, success codes 1 and 22.
 */
#ifndef MJ_API_H
#define MJ_API_H

#include <stddef.h>

#include <json-c/json.h>

/* Submission codes (api.md section 1). */
enum {
	API_CODE_OK = 1,
	API_CODE_NOT_FOUND = 3,
	API_CODE_INVALID = 4,
	API_CODE_OTHER = 9,
	API_CODE_EXISTS = 21,	/* modal: continue with /mj/submit/modal */
	API_CODE_QUEUED = 22,
	API_CODE_QUEUE_FULL = 23,
	API_CODE_BANNED = 24
};

struct api_reply {
	int		 code;
	char		*description;	/* owned; may be "" */
	/* owned: the task id as text, or NULL */
	char		*result;
	json_object	*properties;	/* owned reference, or NULL */
	int		 early;		/* {"success": false, "message": ...}:
					   refused before any task (api.md 7b);
					   the message is the description */
};

/*
 * Parse a submission envelope.  0, or -1 with err set when the body is not
 * an envelope (not JSON, no numeric "code"): "not an API reply: <the first
 * 80 characters, escaped>".  An OpenAI-style error body
 * {"error":{"message":...}} gives -1 with that message in err.  "code" may
 * be a number or a string of digits; a numeric "result" is kept as its
 * digits, and an absent, null or "" one is NULL.  On -1 r holds nothing.
 */
int	 api_parse_reply(const char *body, size_t len, struct api_reply *,
	    char *err, size_t errlen);
void	 api_reply_free(struct api_reply *);

/*
 * Parse the reply of GET /mj/task/{id}/fetch: a task object (owned by the
 * caller; a numeric "id" is replaced by its digits as a string), or NULL:
 * *notfound is 1 when the body says "no such task" (null, empty, {}, an
 * object without id), 0 when it is unreadable or an error body (err set).
 */
json_object *api_parse_task(const char *body, size_t len, int *notfound,
	    char *err, size_t errlen);
/*
 * Parse list-by-condition's reply: a new array (owned) of the task objects
 * in it (non-objects skipped, ids as strings), or NULL with err set.  The
 * array may be wrapped: {"data":[...]}, {"result":[...]}; null is [].
 */
json_object *api_parse_task_list(const char *body, size_t len, char *err,
	    size_t errlen);

/* "/mj/task/<id percent-encoded>/fetch"; caller frees. */
char	*api_fetch_path(const char *id);
/* Percent-encode everything but unreserved characters; caller frees. */
char	*api_percent_encode(const char *);
/* {"ids":[...]} for list-by-condition; caller frees. */
char	*api_list_body(const char *const *ids, size_t n);

/* obj[key] if obj is an object and the value is not null; borrowed. */
json_object *api_member(json_object *obj, const char *key);
/* A non-empty string member, or NULL; borrowed. */
const char *api_member_text(json_object *obj, const char *key);
/* 1 if v is a JSON number (int or double). */
int	 api_is_number(json_object *v);

/* A task's id as text (numbers as their digits), or NULL; borrowed. */
const char *api_task_id(json_object *task);
/* status as given, or "" */
const char *api_task_status(json_object *task);
/* SUCCESS, FAILURE, CANCEL, MODAL (any case) */
int	 api_status_terminal(const char *status);
/* progress "45%" (or "45", or 45) as 45, or -1 when absent or unreadable */
int	 api_task_progress(json_object *task);

/*
 * Find a button by what a user types: its label ("U1", "Zoom Out 2x",
 * case-insensitive; spaces, '_', '-' and parentheses alike), its emoji
 * (with or without U+FE0F), a name for emoji-only buttons ("reroll",
 * "pan_left" / "Pan Left" / "left", "bookmark"), its whole customId, or
 * the kind inside it ("upsample::1").  When labels are empty, a label of
 * api.md section 4 is matched by its kind ("U1": "upsample::1").
 * Borrowed, or NULL.
 */
json_object *api_find_button(json_object *task, const char *name);
/*
 * "U1, U2, ..., reroll": the names of a task's buttons, labels or names
 * of emoji-only ones ("reroll", "Pan Left", "bookmark"); "" when it has
 * none; caller frees.
 */
char	*api_button_names(json_object *task);

/*
 * The media URLs of a finished task, in order: imageUrl, then imageUrls
 * (strings or {"url":...}) not equal to imageUrl, then videoUrl and
 * videoUrls not equal to videoUrl.  Empty strings and nulls skipped.
 * Returns the count stored (at most max); urls[i] are borrowed from task.
 */
size_t	 api_task_urls(json_object *task, const char **urls, size_t max);
/* 1 + where url first is in the task's array key (strings or {url}); 0 */
size_t	 api_task_url_place(json_object *task, const char *key,
	    const char *url);

#endif
