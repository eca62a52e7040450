/*
 * mj-submit's input formats: JSON-lines, CSV with a header row, or one
 * prompt per line; "auto" looks at the first non-blank line (design.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "detect.h"
#include "jsonx.h"
#include "record.h"
#include "source.h"
#include "utf8.h"
#include "xalloc.h"

struct source {
	enum source_format	 format;
	char			*prompt_field;
	struct csv		*csv;
	json_tokener		*tok;
	char			**header;
	size_t			 ncols;
	/* the first line has been seen */
	int			 started;
	struct buf		 raw;		/* the current CSV row's text */
	long			 row_line;	/* its first line */
	char			*fatal;
	/* "auto" after a header-like first line (detect.h): held lines */
	struct held {
		char	*text;
		size_t	 len;
		long	 lineno;
	}			*held;
	size_t			 nheld;
	/* the header-like line's fields */
	size_t			 head_cols;
	int			 next_row;	/* the row after it has begun */
	/* the usage error, if a header */
	char			*refusal;
	/* records the held lines gave */
	struct record		**queue;
	size_t			 qhead, qlen;
};

/* Lines held while "auto" looks at the row after a header-like line. */
#define HOLD_MAX	64

struct source *
source_new(enum source_format format, const char *prompt_field)
{
	struct source	*s;

	s = xcalloc(1, sizeof(*s));
	s->format = format;
	s->prompt_field = xstrdup(prompt_field != NULL ? prompt_field :
	    "prompt");
	s->csv = csv_new();
	s->tok = record_tokener_new();
	return s;
}

void
source_free(struct source *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->ncols; i++)
		free(s->header[i]);
	free(s->header);
	free(s->prompt_field);
	csv_free(s->csv);
	json_tokener_free(s->tok);
	buf_free(&s->raw);
	free(s->fatal);
	free(s->refusal);
	for (i = 0; i < s->nheld; i++)
		free(s->held[i].text);
	free(s->held);
	for (i = s->qhead; i < s->qlen; i++)
		record_free(s->queue[i]);
	free(s->queue);
	free(s);
}

int
source_format_parse(const char *name)
{
	static const char *const names[] = { "auto", "jsonl", "csv", "lines" };
	int			 i;

	for (i = 0; i < 4; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	if (strcmp(name, "json") == 0 || strcmp(name, "ndjson") == 0)
		return SOURCE_JSONL;
	return -1;
}

enum source_format
source_format(const struct source *s)
{
	return s->format;
}

const char *
source_fatal(const struct source *s)
{
	return s->fatal;
}

static int
blank(const char *p, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return 0;
	return 1;
}

/* Strict UTF-8 without NUL: a NUL would cut the value short downstream. */
static int
text_valid(const char *s, size_t len)
{
	return memchr(s, '\0', len) == NULL && utf8_valid(s, len);
}

static struct record *
input_error(const char *text, size_t len, long line, const char *msg)
{
	/* the line end of a CRLF file is not part of the text */
	if (len > 0 && text[len - 1] == '\r')
		len--;
	return record_input_error(text, len, line, msg);
}

static int
header_set(struct source *s)
{
	const char	*f;
	size_t		 i, j, len;

	s->ncols = csv_nfields(s->csv);
	s->header = xcalloc(s->ncols, sizeof(*s->header));
	for (i = 0; i < s->ncols; i++) {
		f = csv_field(s->csv, i, &len);
		s->header[i] = xstrndup(f, len);
		if (record_reserved(s->header[i]))
			s->fatal = xasprintf("CSV column '%s' is reserved by "
			    "mjpipe; rename it", s->header[i]);
		else if (len == 0)
			s->fatal = xasprintf("CSV column %zu has no name",
			    i + 1);
		for (j = 0; j < i && s->fatal == NULL; j++)
			if (strcmp(s->header[i], s->header[j]) == 0)
				s->fatal = xasprintf("CSV column '%s' appears "
				    "twice", s->header[i]);
		if (s->fatal != NULL)
			return -1;
	}
	return 0;
}

static struct record *
csv_row_record(struct source *s)
{
	json_object	*obj;
	const char	*f;
	size_t		 i, len;
	char		 msg[96];

	if (csv_nfields(s->csv) == 1 &&
	    (csv_field(s->csv, 0, &len), len == 0) && s->ncols != 1)
		return NULL;	/* a blank line between rows */
	if (csv_nfields(s->csv) != s->ncols) {
		(void)snprintf(msg, sizeof(msg), "expected %zu fields, got %zu",
		    s->ncols, csv_nfields(s->csv));
		return input_error(s->raw.data, s->raw.len, s->row_line, msg);
	}
	obj = jx_new_object();
	for (i = 0; i < s->ncols; i++) {
		f = csv_field(s->csv, i, &len);
		if (!text_valid(f, len)) {
			json_object_put(obj);
			(void)snprintf(msg, sizeof(msg), "field '%.40s' is not "
			    "valid UTF-8", s->header[i]);
			return input_error(s->raw.data, s->raw.len, s->row_line,
			    msg);
		}
		json_add(obj, s->header[i], jx_new_string_len(f,
		    (int)len));
	}
	return record_new(obj, s->row_line);
}

static struct record *
push_csv(struct source *s, const char *line, size_t len, long lineno)
{
	int	rc;

	if (s->raw.len == 0 && s->row_line == 0)
		s->row_line = lineno;
	else
		buf_appendc(&s->raw, '\n');
	buf_append(&s->raw, line, len);
	rc = csv_push_line(s->csv, line, len);
	if (rc == CSV_MORE)
		return NULL;
	if (rc == CSV_ERROR) {
		struct record *r = input_error(s->raw.data, s->raw.len,
		    s->row_line, csv_error(s->csv));
		buf_reset(&s->raw);
		s->row_line = 0;
		return r;
	}
	{
		struct record *r = NULL;

		if (s->header == NULL)
			(void)header_set(s);
		else
			r = csv_row_record(s);
		buf_reset(&s->raw);
		s->row_line = 0;
		return r;
	}
}

static struct record *
push_line(struct source *s, const char *line, size_t len, long lineno)
{
	json_object	*obj;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (blank(line, len))
		return NULL;
	if (!text_valid(line, len))
		return input_error(line, len, lineno, "not valid UTF-8");
	obj = jx_new_object();
	json_add(obj, s->prompt_field, jx_new_string_len(line,
	    (int)len));
	return record_new(obj, lineno);
}

/* "auto": decide from the first non-blank line (detect.h). */
static void
decide(struct source *s, const char *line, size_t len)
{
	struct csv	*probe = csv_new();

	switch (detect_first(line, len, s->prompt_field, probe)) {
	case DETECT_JSONL:
		s->format = SOURCE_JSONL;
		break;
	case DETECT_CSV:
		s->format = SOURCE_CSV;
		break;
	case DETECT_HEADER:
		/* still SOURCE_AUTO: the next row decides */
		s->head_cols = csv_nfields(probe);
		s->refusal = detect_refusal(probe, s->prompt_field);
		break;
	default:
		s->format = SOURCE_LINES;
		break;
	}
	csv_free(probe);
}

static struct record *
dequeue(struct source *s)
{
	if (s->qhead == s->qlen)
		return NULL;
	return s->queue[s->qhead++];
}

/* Not a header after all: the held lines are prompts, one each. */
static struct record *
release(struct source *s)
{
	struct record	*r;
	size_t		 i;

	s->format = SOURCE_LINES;
	s->queue = xreallocarray(s->queue, s->nheld, sizeof(*s->queue));
	for (i = 0; i < s->nheld; i++) {
		r = push_line(s, s->held[i].text, s->held[i].len,
		    s->held[i].lineno);
		if (r != NULL)
			s->queue[s->qlen++] = r;
		free(s->held[i].text);
	}
	s->nheld = 0;
	return dequeue(s);
}

static void
refuse(struct source *s)
{
	s->fatal = s->refusal;
	s->refusal = NULL;
}

/* Hold a line after a header-like first line until the next row is read. */
static struct record *
hold(struct source *s, const char *line, size_t len, long lineno)
{
	int	rc;

	s->held = xreallocarray(s->held, s->nheld + 1, sizeof(*s->held));
	s->held[s->nheld].text = xstrndup(line, len);
	s->held[s->nheld].len = len;
	s->held[s->nheld++].lineno = lineno;
	if (s->nheld == 1 || (!s->next_row && blank(line, len)))
		return NULL;
	s->next_row = 1;
	rc = csv_push_line(s->csv, line, len);
	if (rc == CSV_MORE && s->nheld < HOLD_MAX)
		return NULL;
	if (rc == CSV_ROW && csv_nfields(s->csv) == s->head_cols) {
		refuse(s);
		return NULL;
	}
	return release(s);
}

struct record *
source_next(struct source *s)
{
	return dequeue(s);
}

struct record *
source_push(struct source *s, const char *line, size_t len, long lineno)
{
	if (s->fatal != NULL)
		return NULL;
	if (!s->started) {
		if (len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0) {
			line += 3;
			len -= 3;
		}
		if (s->format != SOURCE_CSV && blank(line, len))
			return NULL;
		s->started = 1;
		if (s->format == SOURCE_AUTO)
			decide(s, line, len);
	}
	switch (s->format) {
	case SOURCE_AUTO:
		return hold(s, line, len, lineno);
	case SOURCE_JSONL:
		if (blank(line, len))
			return NULL;
		return record_parse(s->tok, line, len, lineno);
	case SOURCE_CSV:
		return push_csv(s, line, len, lineno);
	default:
		return push_line(s, line, len, lineno);
	}
}

struct record *
source_finish(struct source *s)
{
	struct record	*r = NULL;

	if (s->fatal != NULL)
		return NULL;	/* a refused file gives nothing */
	if (s->format == SOURCE_AUTO && s->nheld > 0) {
		/* a header and no row, or a row still in quotes */
		if (!s->next_row) {
			refuse(s);
			return NULL;
		}
		return release(s);
	}
	if (s->format == SOURCE_CSV && csv_finish(s->csv) == CSV_ERROR &&
	    s->raw.len > 0)
		r = input_error(s->raw.data, s->raw.len, s->row_line,
		    csv_error(s->csv));
	buf_reset(&s->raw);
	return r;
}
