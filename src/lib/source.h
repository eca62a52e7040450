/*
 * mj-submit's input formats (design.md): JSON-lines, RFC 4180 CSV with a
 * header row, or one prompt per line; "auto" decides from the first line.
 * Lines go in one at a time; records come out as soon as they are whole.
 */
#ifndef MJ_SOURCE_H
#define MJ_SOURCE_H

#include <stddef.h>

#include "record.h"

enum source_format {
	SOURCE_AUTO,
	SOURCE_JSONL,
	SOURCE_CSV,
	SOURCE_LINES
};

struct source;

/* prompt_field: the CSV column that must exist for auto to pick CSV
 * ("prompt" when NULL); copied. */
struct source	*source_new(enum source_format, const char *prompt_field);
void		 source_free(struct source *);

/*
 * Feed one physical line (without '\n') and its line number.  Returns a
 * record the caller owns, or NULL when the line produced none (a blank
 * line, the CSV header, a row still open inside quotes).  Unreadable
 * input gives an error record with the raw text in "input"
 * (design.md).  A usage problem (a CSV column named like a reserved
 * field) returns NULL with source_fatal() set: the caller exits 2.
 * A UTF-8 BOM at the very start is skipped.
 */
struct record	*source_push(struct source *, const char *line, size_t len,
		    long lineno);
/*
 * After source_push or source_finish returned a record: the next record
 * the same line gave, or NULL.  With "auto", a header-like first line is
 * held until the row after it is read (detect.h); then the held lines
 * come out together, or the input is refused (source_fatal).
 */
struct record	*source_next(struct source *);
/*
 * At end of input: an error record for an unterminated quoted field, the
 * first of the lines "auto" still held, or NULL (source_fatal() may be
 * set: a header with no row after it).
 */
struct record	*source_finish(struct source *);
/* NULL, or why the input cannot be used at all; borrowed. */
const char	*source_fatal(const struct source *);
/* The format chosen (after auto decided; SOURCE_AUTO before the first line). */
enum source_format source_format(const struct source *);
/* "auto", "jsonl", "csv", "lines" to a format; -1 if unknown. */
int		 source_format_parse(const char *);

#endif
