/*
 * "-f auto": what mj-submit's input is, from its first lines, so that a
 * CSV header is never paid for as a prompt (mj-submit(1), "Input").
 *
 * The rule, on the first line that is not blank (a UTF-8 BOM skipped):
 *  1. it looks like the start of a JSON object: after blanks, '{',
 *     blanks, then '"', '}' or the end of the line ('{' alone starts an
 *     indented document, refused as JSON-lines rather than sent as
 *     prompts): JSON-lines.  A broken JSON-lines file still looks so, and
 *     its lines become input errors; "{red, green} bird" does not;
 *  2. read as a CSV row, one of its fields is the prompt column: CSV;
 *  3. it looks like a header (two or more fields, each a column name:
 *     1 to 64 bytes of ASCII letters, digits, '_', '-' and '.', single
 *     spaces between words, starting with a letter or '_'): mj-submit
 *     looks at the next row; if that row has as many fields (or there is
 *     no next row), the input is a CSV without a prompt column and is
 *     refused, exit 2, before anything is sent; if not, it is plain lines;
 *  4. else plain lines, one prompt each.
 * Prompts with commas stay lines: "a cat, watercolour, --ar 3:2" has
 * fields with spaces around them, which no column name has.  Prompts
 * that start with a permutation stay lines: "{red, green} bird" is no
 * JSON object.
 */
#ifndef MJ_DETECT_H
#define MJ_DETECT_H

#include <stddef.h>

#include "csv.h"

enum detect {
	DETECT_JSONL,
	DETECT_CSV,
	DETECT_LINES,
	DETECT_HEADER	/* a header without the prompt column: look further */
};

/*
 * Steps 1, 2, 4 and the first half of 3 for the first line; field is the
 * prompt column.  probe is a scratch reader, left holding the line's
 * fields (csv_nfields) when the answer is DETECT_HEADER.
 */
enum detect	 detect_first(const char *line, size_t len, const char *field,
		    struct csv *probe);
/*
 * The column that makes "auto" pick CSV: prompt_field (--prompt-field),
 * else the first field a template names (a CSV of items has no prompt
 * column), else NULL ("prompt").  The field is copied into buf.
 */
const char	*detect_column(const char *prompt_field, const char *template,
		    char *buf, size_t size);
/* The usage error for a refused header; the caller frees it. */
char		*detect_refusal(const struct csv *header, const char *field);

#endif
