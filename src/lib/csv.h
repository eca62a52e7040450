/*
 * RFC 4180 CSV, fed one physical line at a time so that it streams:
 * quoted fields, embedded commas, doubled quotes, newlines inside quotes,
 * CRLF line ends.  The caller strips a UTF-8 BOM (see source.c).
 */
#ifndef MJ_CSV_H
#define MJ_CSV_H

#include <stddef.h>

enum {
	CSV_ROW = 1,	/* a row is complete: read it with csv_field */
	CSV_MORE = 0,	/* inside a quoted field: the row goes on */
	CSV_ERROR = -1	/* malformed row: csv_error says why */
};

struct csv;

struct csv	*csv_new(void);
void		 csv_free(struct csv *);

/*
 * Feed one physical line without its '\n'.  A trailing '\r' outside
 * quotes ends the row (CRLF); inside quotes, the line break becomes part
 * of the field as "\n" (or "\r\n" if the line ended in '\r').
 * After CSV_ROW or CSV_ERROR the next call starts a new row.
 */
int		 csv_push_line(struct csv *, const char *line, size_t len);
/* At end of input: CSV_ERROR if a quoted field is still open, else CSV_MORE. */
int		 csv_finish(struct csv *);

size_t		 csv_nfields(const struct csv *);
/* Field i of the last complete row; borrowed until the next push. */
const char	*csv_field(const struct csv *, size_t i, size_t *len);
/* Why the last CSV_ERROR happened; borrowed. */
const char	*csv_error(const struct csv *);

#endif
