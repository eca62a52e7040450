/*
 * mj-submit's journal (design.md): an append-only, fsync'ed log that makes
 * a rerun submit nothing twice.  Lines:
 *   S <key>           the request with this key is about to be sent
 *   T <key> <taskid>  its reply gave this task id
 *   R <key>           its reply was a refusal: nothing was created
 * A torn last line (no '\n') is ignored, and cut off before appending.
 */
#ifndef MJ_JOURNAL_H
#define MJ_JOURNAL_H

#include <stddef.h>

#define JOURNAL_KEY_LEN	64	/* hex sha256 */

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

/* Each appends one line and fsyncs before returning: 0, or -1 (see error). */
int		 journal_sent(struct journal *, const char *key);
int		 journal_done(struct journal *, const char *key, const char *task_id);
int		 journal_refused(struct journal *, const char *key);
const char	*journal_error(const struct journal *);

/*
 * The key of a submission: hex sha256 of the endpoint, the request body and
 * the input record's identity (its serialized form and its ordinal among
 * identical records), so that two identical input rows are two tasks.
 * out must hold JOURNAL_KEY_LEN + 1 bytes.
 */
void		 journal_key(const char *endpoint, const char *body,
		    const char *record, unsigned long ordinal, char *out);

#endif
