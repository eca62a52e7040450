/*
 * RFC 4180 CSV, one physical line at a time: a row may span lines when a
 * quoted field holds a line break.  Fields are kept byte for byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "xalloc.h"

struct csv {
	struct buf	 text;		/* the fields' bytes, each NUL-ended */
	/* field i starts at text.data + offs[i] */
	size_t		*offs;
	size_t		*lens;
	size_t		 n, cap;
	/* the row goes on inside a quoted field */
	int		 in_quotes;
	int		 after_quote;	/* a quoted field just closed */
	size_t		 field_start;
	char		 error[128];
};

struct csv *
csv_new(void)
{
	return xcalloc(1, sizeof(struct csv));
}

void
csv_free(struct csv *c)
{
	if (c == NULL)
		return;
	buf_free(&c->text);
	free(c->offs);
	free(c->lens);
	free(c);
}

static void
row_reset(struct csv *c)
{
	buf_reset(&c->text);
	c->n = 0;
	c->in_quotes = 0;
	c->after_quote = 0;
	c->field_start = 0;
}

static void
field_end(struct csv *c)
{
	if (c->n == c->cap) {
		c->cap = c->cap == 0 ? 16 : c->cap * 2;
		c->offs = xreallocarray(c->offs, c->cap, sizeof(*c->offs));
		c->lens = xreallocarray(c->lens, c->cap, sizeof(*c->lens));
	}
	c->offs[c->n] = c->field_start;
	c->lens[c->n] = c->text.len - c->field_start;
	c->n++;
	buf_appendc(&c->text, '\0');
	c->field_start = c->text.len;
	c->after_quote = 0;
}

/* An unquoted stretch: up to the next comma, quote or the end. */
static size_t
plain_run(const char *p, size_t len)
{
	size_t	i;

	for (i = 0; i < len && p[i] != ',' && p[i] != '"'; i++)
		continue;
	return i;
}

static int
row_error(struct csv *c, const char *msg)
{
	(void)snprintf(c->error, sizeof(c->error), "%s", msg);
	row_reset(c);
	return CSV_ERROR;
}

int
csv_push_line(struct csv *c, const char *p, size_t len)
{
	size_t	i = 0, run;
	int	cr = 0;

	if (c->in_quotes) {
		/* the line break was inside the quotes: it is data */
		buf_appendc(&c->text, '\n');
	} else
		row_reset(c);
	if (len > 0 && p[len - 1] == '\r')
		cr = 1;
	while (i < len) {
		if (c->in_quotes) {
			const char *q = memchr(p + i, '"', len - i);

			if (q == NULL) {
				buf_append(&c->text, p + i, len - i);
				return CSV_MORE;
			}
			buf_append(&c->text, p + i, (size_t)(q - (p + i)));
			i = (size_t)(q - p) + 1;
			if (i < len && p[i] == '"') {
				buf_appendc(&c->text, '"');
				i++;
			} else {
				c->in_quotes = 0;
				c->after_quote = 1;
			}
			continue;
		}
		if (p[i] == ',') {
			field_end(c);
			i++;
			continue;
		}
		if (c->after_quote) {
			if (cr && i == len - 1)
				break;
			return row_error(c, "text after a closing quote");
		}
		if (p[i] == '"' && c->text.len == c->field_start) {
			c->in_quotes = 1;
			i++;
			continue;
		}
		/* a quote inside an unquoted field is kept as it is */
		run = p[i] == '"' ? 1 : plain_run(p + i, len - i);
		if (cr && i + run == len)
			run--;		/* CRLF: the CR ends the row */
		buf_append(&c->text, p + i, run);
		i += run;
		if (cr && i == len - 1)
			break;
	}
	if (c->in_quotes) {
		/* the CR of a CRLF inside quotes stays with the data */
		return CSV_MORE;
	}
	field_end(c);
	return CSV_ROW;
}

int
csv_finish(struct csv *c)
{
	if (c->in_quotes)
		return row_error(c, "a quoted field is not closed at the end "
		    "of the input");
	return CSV_MORE;
}

size_t
csv_nfields(const struct csv *c)
{
	return c->n;
}

const char *
csv_field(const struct csv *c, size_t i, size_t *len)
{
	if (i >= c->n)
		return NULL;
	if (len != NULL)
		*len = c->lens[i];
	return c->text.data + c->offs[i];
}

const char *
csv_error(const struct csv *c)
{
	return c->error;
}
