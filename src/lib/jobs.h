/*
 * The jobs of one input record (mj-submit(1), EXPANSION): what
 * submission_build makes of it, with an imagine prompt's permutations
 * and --repeat expanded into one submission each, and the server's
 * limits (serverlimits.h) checked, so that a row that cannot go is refused
 * whole before anything of it is sent.  Pure: no I/O.
 */
#ifndef MJ_JOBS_H
#define MJ_JOBS_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "record.h"
#include "submission.h"

struct jobs_opts {
	int		 expand;	/* 0: --no-expand */
	uint64_t	 max_jobs;	/* --max-jobs */
};

/* Why jobs_build refused a record: the stage its error record names. */
enum jobs_refusal {
	JOBS_INPUT,		/* the row itself: a malformed prompt, over
				   --max-jobs, over a server's limit */
	JOBS_SUBMIT		/* what submission_build refuses */
};

/*
 * The submissions of rec: their count (>= 1) with *out set (the caller
 * frees them with submission_free_all), or -1 with err and *why set.
 * Expanded jobs have prompt, expand_index and expand_of set; a prompt
 * without braces, escapes or --repeat gives the one submission it always
 * did, without them.
 */
int	jobs_build(const struct submit_opts *, const struct jobs_opts *,
	    const struct record *rec, struct submission **out,
	    enum jobs_refusal *why, char *err, size_t errlen);

/*
 * s (len bytes) as a JSON string onto b, byte for byte as json-c writes
 * it with JSON_C_TO_STRING_NOSLASHESCAPE, so that text made here and
 * json-c's can be compared and joined.
 */
void		 jobs_json_string(struct buf *b, const char *s, size_t len);

/*
 * The price kind of a submission (prices.h): its button's, else its
 * endpoint's; "unknown" when neither says.  Static text.
 */
const char	*jobs_kind(const struct submission *);
/*
 * The speed mode a job is priced in: --mode (mode, "FAST" or "fast"),
 * else the one the base URL selects ("/mj-relax", "/mj-turbo",
 * "/mj-fast"), else "fast", the servers' default.  Static text.
 */
const char	*jobs_mode(const char *mode, const char *base_url);

#endif
