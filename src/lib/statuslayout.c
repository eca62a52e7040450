/*
 * The status block's frames.  A frame is one write: the cursor goes up to
 * the block's first row, each row is written over the old one and erased
 * to its end, and the screen below the last row is erased (rows that
 * left).  Nothing is blanked first, so nothing flickers.
 */
#include <stdlib.h>
#include <string.h>

#include "statuslayout.h"
#include "utf8.h"

#define STATUS_DEFAULT_COLS	80

unsigned
status_rank(const char *progname)
{
	static const char *const	order[] = {
		"mj-submit", "mj-wait", "mj-fetch", "mj-pack"
	};
	unsigned			i;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (strcmp(progname, order[i]) == 0)
			return i;
	return i;	/* anything else: after the pipeline */
}

static int
row_cmp(const void *a, const void *b)
{
	const struct status_row	*x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return 0;
}

void
status_sort(struct status_row *rows, size_t n)
{
	if (n > 1)
		qsort(rows, n, sizeof(*rows), row_cmp);
}

size_t
status_fit(const char *text, unsigned maxcols, unsigned *cols)
{
	const unsigned char	*p = (const unsigned char *)text;
	size_t			 len = strlen(text), i = 0, n;
	unsigned		 c = 0;

	while (i < len && c < maxcols) {
		/* a bad byte counts as one column, as the terminal shows one */
		if ((n = utf8_seq_len(p + i, len - i)) == 0)
			n = 1;
		i += n;
		c++;
	}
	*cols = c;
	return i;
}

/*
 * Screen lines from the old block's first row down to the cursor.  Rows
 * were cut to the width they were drawn at; a narrower terminal that
 * reflows put a row of w columns on ceil(w / cols) lines.
 */
static unsigned
lines_to_top(const struct status_geom *old, unsigned cols)
{
	unsigned	i, w, h, sum = 0;

	for (i = 0; i < old->nrows && i < STATUS_ROWS_MAX; i++) {
		w = old->width[i];
		h = 1;
		if (cols < old->cols && w > cols)
			h = (w + cols - 1) / cols;
		sum += h;
	}
	return sum > 0 ? sum - 1 : 0;
}

/* Bytes of text, a control character as '?': a row steers nothing. */
static void
put_text(struct buf *out, const char *text, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		buf_appendc(out, (unsigned char)text[i] < 0x20 ||
		    text[i] == 0x7f ? '?' : text[i]);
}

/* One row, cut; with color the name before the first ':' in bold. */
static unsigned
put_row(struct buf *out, const char *text, unsigned maxcols, int color)
{
	const char	*colon;
	size_t		 len, name;
	unsigned	 cols;

	len = status_fit(text, maxcols, &cols);
	colon = memchr(text, ':', len);
	if (color && colon != NULL) {
		name = (size_t)(colon - text);
		buf_appends(out, "\033[1m");
		put_text(out, text, name);
		buf_appends(out, "\033[0m");
		put_text(out, colon, len - name);
	} else
		put_text(out, text, len);
	return cols;
}

/* Text whose every line is erased to its end, over what was there. */
static void
put_lines(struct buf *out, const char *text)
{
	const char	*nl;

	while ((nl = strchr(text, '\n')) != NULL) {
		buf_append(out, text, (size_t)(nl - text));
		buf_appends(out, "\033[K\n");
		text = nl + 1;
	}
	buf_appends(out, text);
}

/*
 * Erase to the end of the screen only where the cursor is not at the
 * screen's top left: tmux (scroll-on-clear) takes an erase from there for
 * a cleared screen and pushes the screen into its history.
 */
void
status_frame(struct buf *out, const struct status_geom *old,
    const char *above, const struct status_row *rows, size_t n,
    unsigned cols, unsigned lines, int color, struct status_geom *now)
{
	struct status_geom	g;
	unsigned		up = 0, i;

	if (cols < 2)
		cols = STATUS_DEFAULT_COLS;
	if (n > STATUS_ROWS_MAX)
		n = STATUS_ROWS_MAX;
	/* the top row must stay on the screen to be reached again */
	if (lines >= 2 && n > lines - 1)
		n = lines - 1;
	memset(&g, 0, sizeof(g));
	if (old->nrows > 0) {
		if ((up = lines_to_top(old, cols)) > 0)
			buf_appendf(out, "\033[%uA", up);
		buf_appendc(out, '\r');
	} else if (above == NULL && n > 0)
		buf_appendc(out, '\r');
	if (above != NULL) {
		/* where the block was, erasing the old rows line by line */
		put_lines(out, above);
		if (n == 0 && old->nrows > 0)
			buf_appends(out, "\033[J");
	} else if (n == 0 && old->nrows > 0) {
		/* the block goes: its first line, then from the second on */
		buf_appends(out, "\033[K");
		if (up > 0)
			buf_appends(out, "\033[B\033[J\033[A");
	}
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_appends(out, "\033[K\n");
		g.width[i] = (unsigned short)put_row(out, rows[i].text,
		    cols - 1, color);
	}
	/* the rest of the last row, and the old rows below it */
	if (n > 0)
		buf_appends(out, "\033[J");
	g.nrows = (unsigned)n;
	g.cols = cols;
	*now = g;
}
