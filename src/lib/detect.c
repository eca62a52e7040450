/*
 * "-f auto": JSON-lines, CSV with a prompt column, or plain lines; and a
 * CSV header without a prompt column told apart from a prompt with
 * commas (detect.h has the rule).
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "detect.h"

#define NAME_MAX_LEN	64

static int
name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int
name_byte(unsigned char c)
{
	return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

/* A column name: "sku", "Product Name", "image_url"; not " watercolour". */
static int
column_name(const char *f, size_t len)
{
	size_t	i;

	if (len == 0 || len > NAME_MAX_LEN || !name_start((unsigned char)f[0]))
		return 0;
	for (i = 1; i < len; i++) {
		if (f[i] == ' ' && f[i - 1] != ' ' && i + 1 < len)
			continue;
		if (!name_byte((unsigned char)f[i]))
			return 0;
	}
	return 1;
}

/*
 * A header: every field of the row looks like a column name and there
 * are at least two: 1 to 64 bytes of ASCII letters, digits, '_', '-' and
 * '.', with single spaces between words, starting with a letter or '_'.
 */
static int
header_like(const struct csv *row)
{
	const char	*f;
	size_t		 i, len;

	if (csv_nfields(row) < 2)
		return 0;
	for (i = 0; i < csv_nfields(row); i++) {
		f = csv_field(row, i, &len);
		if (!column_name(f, len))
			return 0;
	}
	return 1;
}

static size_t
skip_blanks(const char *s, size_t len, size_t k)
{
	while (k < len && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
		k++;
	return k;
}

/* Step 1 of the rule (detect.h): the start of a JSON object. */
static int
object_like(const char *line, size_t len)
{
	size_t	k = skip_blanks(line, len, 0);

	if (k == len || line[k] != '{')
		return 0;
	/* '{' alone: the first line of an indented JSON document */
	k = skip_blanks(line, len, k + 1);
	return k == len || line[k] == '"' || line[k] == '}';
}

enum detect
detect_first(const char *line, size_t len, const char *field,
    struct csv *probe)
{
	const char	*f;
	size_t		 i, flen;

	if (object_like(line, len))
		return DETECT_JSONL;
	if (csv_push_line(probe, line, len) != CSV_ROW)
		return DETECT_LINES;
	for (i = 0; i < csv_nfields(probe); i++) {
		f = csv_field(probe, i, &flen);
		if (flen == strlen(field) && memcmp(f, field, flen) == 0)
			return DETECT_CSV;
	}
	return header_like(probe) ? DETECT_HEADER : DETECT_LINES;
}

char *
detect_refusal(const struct csv *header, const char *field)
{
	struct buf	 b = BUF_INIT;
	const char	*f;
	size_t		 i, len;

	buf_appends(&b, "the input looks like CSV whose header has no '");
	buf_appends(&b, field);
	buf_appends(&b, "' column (columns: ");
	for (i = 0; i < csv_nfields(header); i++) {
		f = csv_field(header, i, &len);
		if (i > 0)
			buf_appends(&b, ", ");
		buf_append(&b, f, len);
	}
	buf_appends(&b, "); nothing was sent: name the prompt's column with "
	    "--prompt-field NAME, or read each line as a prompt with -f lines");
	return buf_detach(&b, NULL);
}

const char *
detect_column(const char *prompt_field, const char *t, char *buf, size_t size)
{
	const char	*open, *close;

	if (prompt_field != NULL || t == NULL)
		return prompt_field;
	for (open = strchr(t, '{'); open != NULL;
	    open = strchr(open + 2, '{')) {
		if (open[1] == '{')
			continue;	/* "{{" is a literal brace */
		if ((close = strchr(open, '}')) == NULL ||
		    (size_t)(close - open - 1) >= size || close == open + 1)
			break;
		memcpy(buf, open + 1, (size_t)(close - open - 1));
		buf[close - open - 1] = '\0';
		return buf;
	}
	return NULL;
}
