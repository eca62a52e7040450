/*
 * Prompt expansion as Midjourney users write it (api.md section 9):
 * "{a, b, c}" permutations anywhere in a prompt, parameters included,
 * several groups multiplying, groups nesting; and "--repeat N" ("--r N").
 *
 * The rules:
 *  - a group "{...}" gives one job per option; options are separated by
 *    commas; spaces and tabs next to a separating comma or a brace of
 *    the group are dropped; an empty option is an error;
 *  - inside braces "\," is a literal comma, the blanks before it dropped
 *    as before any comma ("{red, pastel \, yellow}" gives "pastel,
 *    yellow"); anywhere "\{" and "\}" are literal braces; every other
 *    byte, a backslash before anything else included, is sent as
 *    written: outside braces only "\{", "\}" and --repeat change;
 *  - the first group varies slowest (a shell's brace expansion order):
 *    "{a,b} {c,d}" gives "a c", "a d", "b c", "b d";
 *  - "--repeat N" or "--r N" (N from 1 to 40; an em dash for "--" as
 *    Midjourney takes it) outside braces is cut from what is sent, with
 *    the blanks before it, and makes N copies of each job; the copies
 *    vary slowest: all the permutations once, then all again, so a run
 *    stopped by a budget has covered each of them before repeating any.
 *
 * Pure: no I/O.  Parsing and counting take time and memory in proportion
 * to the prompt's length, whatever the count; a job is written into a
 * buffer no longer than the prompt.
 */
#ifndef MJ_EXPAND_H
#define MJ_EXPAND_H

#include <stddef.h>
#include <stdint.h>

/* Counts saturate here: "this many or more". */
#define EXPAND_COUNT_MAX	1000000000000ULL
#define EXPAND_REPEAT_MAX	40
#define EXPAND_DEPTH_MAX	32
/* --max-jobs' default: Midjourney's own cap on its Pro and Mega plans */
#define EXPAND_JOBS_DEFAULT	40

struct expand;

/*
 * Parse prompt (len bytes, need not be NUL-terminated).  Returns the
 * expansion (the caller frees it with expand_free), or NULL with a
 * message in err: unbalanced braces, an empty option, braces nested too
 * deep, a bad or doubled --repeat.
 */
struct expand	*expand_new(const char *prompt, size_t len, char *err,
		    size_t errlen);
void		 expand_free(struct expand *);
/* Jobs in all (permutations times repeats), at most EXPAND_COUNT_MAX. */
uint64_t	 expand_count(const struct expand *);
/*
 * 0 if the count is at most max_jobs, else -1 with the refusal in err
 * ("the prompt makes 64 jobs, over --max-jobs 40").
 */
int		 expand_check(const struct expand *, uint64_t max_jobs,
		    char *err, size_t errlen);
/*
 * The text of job i (0-based, below expand_count), and its length in
 * *lenp.  Borrowed: valid until the next call or expand_free.
 */
const char	*expand_job(struct expand *, uint64_t i, size_t *lenp);

#endif
