/*
 * The price table of --prices FILE: what one task of each kind costs in
 * each speed mode, and money counted exactly.
 *
 * The file has one "kind mode price" line each (`imagine fast 0.05`);
 * fields are separated by blanks; '#' starts a comment; blank lines are
 * skipped.  kind is one of prices_kinds (CometAPI's model names without
 * "mj-fast-"), mode is fast, relax, turbo, or '*' for any mode not given
 * a line of its own; price is a decimal with at most 6 places.
 *
 * Money is an integer count of millionths (PRICE_SCALE per unit) so that
 * sums are exact: ten jobs at 0.05 cost exactly 0.50.  No I/O but
 * prices_load's reading of the file.
 */
#ifndef MJ_PRICES_H
#define MJ_PRICES_H

#include <stddef.h>
#include <stdint.h>

#define PRICE_SCALE	1000000		/* millionths */
#define PRICE_MAX	(1000000000LL * PRICE_SCALE)	/* 10^9 a line */
#define PRICE_TEXT_MAX	32		/* "-9223372036854.775807" */

struct prices;

/* The kinds a line may name, NULL-terminated. */
extern const char *const prices_kinds[];
/* Whether name is one of them (tested alone). */
int		 prices_kind_known(const char *name);

/*
 * Parse text (len bytes; tested alone, and fuzzed).  Returns the table
 * (prices_free), or NULL with "NAME:LINE: what is wrong" in err (name is
 * the file's, for messages).
 */
struct prices	*prices_parse(const char *text, size_t len,
		    const char *name, char *err, size_t errlen);
/* The same from a file (at most PRICES_FILE_MAX bytes). */
#define PRICES_FILE_MAX	(1024 * 1024)
struct prices	*prices_load(const char *path, char *err, size_t errlen);
void		 prices_free(struct prices *);
/*
 * The price of one task of kind in mode ("fast", "relax", "turbo"): its
 * own line, else the kind's '*' line.  0 with *micros set, or -1.
 */
int		 prices_lookup(const struct prices *, const char *kind,
		    const char *mode, int64_t *micros);

/*
 * "0.05" (or "12", "3.5", ".5") into millionths; 0, or -1 when it is not
 * such a decimal, has more than 6 places, or passes PRICE_MAX.
 */
int		 price_parse(const char *s, size_t len, int64_t *micros);
/* Millionths as a decimal with at least two places: "0.05", "0.056". */
void		 price_format(int64_t micros, char *buf, size_t size);

/*
 * The price kind of a follow-up, from the name given to --action or the
 * button's label ("U1", "V2", "reroll", "Zoom Out 2x", "Pan Left",
 * "left", "Upscale (Subtle)", "extend1") or, failing that, its customId
 * ("MJ::JOB::upsample::1::..."); NULL when neither says.  Static text.
 */
const char	*prices_kind_of_action(const char *name,
		    const char *custom_id);
/* The kind of a submission to endpoint ("/mj/submit/blend"), or NULL. */
const char	*prices_kind_of_endpoint(const char *endpoint);

#endif
