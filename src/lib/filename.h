/*
 * The names mj-fetch gives files (--name): a template of record fields
 * with {id} and {n} of its own, sanitized, then claimed so that no two
 * files of one run share a name.
 */
#ifndef MJ_FILENAME_H
#define MJ_FILENAME_H

#include <stddef.h>

struct nameset;
struct record;

/* Do the template's braces pair up ("{{" and "}}" are literal): 1 or 0. */
int	 filename_template_ok(const char *tmpl);

/*
 * The name from tmpl for rec: {id} is the task id, {n} is n, other
 * fields the record's; with suffix and no {n} in tmpl, "-n" is added at
 * the end.  Sanitized (fsutil_safe_name).  Caller frees; NULL with a
 * message in err when a field is missing.
 */
char	*filename_make(const char *tmpl, const struct record *rec,
	    const char *n, int suffix, char *err, size_t errlen);

/* Take want, or want-2, want-3, ...: the first not in set.  Caller frees. */
char	*filename_claim(struct nameset *set, const char *want);

#endif
