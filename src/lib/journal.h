/*
 * mj-submit's journal (design.md): an append-only, fsync'ed log that makes
 * a rerun submit nothing twice.  Lines:
 *   S <key> [<time>]  the request with this key is about to be sent; with
 *                     a time (Unix seconds) it carries mjpipe's state tag
 *   T <key> <taskid>  its reply gave this task id (or the server's task
 *                     list showed the task with its tag)
 *   R <key>           nothing was created: the reply was a refusal, or the
 *                     server's task list has no task with its tag
 *   U <key> <time> <url>  an image uploaded at time (Unix seconds) is at
 *                     url (--upload; upload.c): not a task, costs nothing
 * A torn last line (no '\n') is ignored, and cut off before appending.
 */
#ifndef MJ_JOURNAL_H
#define MJ_JOURNAL_H

#include <stddef.h>

#define JOURNAL_KEY_LEN	64	/* hex sha256 */
#define JOURNAL_TAG_PREFIX "mjpipe-"
#define JOURNAL_TAG_LEN	39	/* the prefix and 32 hex digits of the key */

enum journal_state {
	JOURNAL_NEW,		/* never sent (or only refused) */
	JOURNAL_SENT,		/* sent, no reply recorded: may exist */
	JOURNAL_DONE		/* has a task id */
};

struct journal;

/* Open (creating) and load; NULL with err set on failure. */
struct journal	*journal_open(const char *path, char *err, size_t errlen);
/* Close; -1 (err set) if the final close failed. */
int		 journal_close(struct journal *, char *err, size_t errlen);

/* State of key; for JOURNAL_DONE, *task_id (borrowed) is set. */
enum journal_state journal_lookup(struct journal *, const char *key,
		    const char **task_id);

/*
 * Each appends one line and fsyncs before returning: 0, or -1 (see error).
 * tagged_at: 0, or the time (Unix seconds) of a request that carries the
 * key's tag as its state, so that the server's task list can tell later
 * whether it created a task.
 */
int		 journal_sent(struct journal *, const char *key,
		    long long tagged_at);
int		 journal_done(struct journal *, const char *key,
		    const char *task_id);
int		 journal_refused(struct journal *, const char *key);
const char	*journal_error(const struct journal *);

/*
 * The link an upload gave (a U line): journal_link appends one (0 or -1);
 * journal_link_get gives the newest for key (borrowed) and its time, or
 * NULL.  URLs are at most JOURNAL_URL_MAX bytes, without spaces.
 */
#define JOURNAL_URL_MAX	4096
int		 journal_link(struct journal *, const char *key, long long at,
		    const char *url);
const char	*journal_link_get(struct journal *, const char *key,
		    long long *at);

/* Call fn for each tagged JOURNAL_SENT key; the count. */
size_t		 journal_each_tagged(struct journal *,
		    void (*fn)(const char *key, long long tagged_at, void *arg),
		    void *arg);
/*
 * The state tag of a key: "mjpipe-" and the key's first 32 hex digits,
 * unique to the submission and the same on every rerun.  out must hold
 * JOURNAL_TAG_LEN + 1 bytes.
 */
void		 journal_tag(const char *key, char *out);

/*
 * The key of a submission: hex sha256 of the endpoint, the request body and
 * the input record's identity (its serialized form and its ordinal among
 * identical records), so that two identical input rows are two tasks.
 * out must hold JOURNAL_KEY_LEN + 1 bytes.
 */
void		 journal_key(const char *endpoint, const char *body,
		    const char *record, unsigned long ordinal, char *out);

#endif
