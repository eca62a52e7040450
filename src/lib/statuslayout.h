/*
 * The layout of the status block (statusblock.h), with no terminal and no
 * sharing: which row comes first, how a row is cut to the terminal's
 * width, and the bytes that redraw the block in place.  Pure functions,
 * so that the unit tests can check every frame.
 */
#ifndef MJ_STATUSLAYOUT_H
#define MJ_STATUSLAYOUT_H

#include <stddef.h>

#include "buf.h"

#define STATUS_ROWS_MAX	8	/* programs in one block */

/*
 * What is on the screen: nrows rows, the cursor at the end of the last
 * one (so that a program alone draws one line, as a plain \r status
 * does); cols is the terminal's width then, width[] each row's columns.
 */
struct status_geom {
	unsigned	 nrows;
	unsigned	 cols;
	unsigned short	 width[STATUS_ROWS_MAX];
};

struct status_row {
	const char	*text;		/* "mj-wait: 4 done, ...", plain */
	unsigned	 rank;		/* status_rank() of the program */
	unsigned	 seq;		/* order of arrival, among equals */
};

/* The pipeline order: mj-submit 0, mj-wait 1, mj-fetch 2, mj-pack 3. */
unsigned	 status_rank(const char *progname);

/* Rows in pipeline order, then by arrival. */
void		 status_sort(struct status_row *, size_t n);

/*
 * The bytes of text that fit in maxcols columns, cut at a character;
 * *cols gets the columns they take (one per character: the text is
 * escaped by diag, so there are no controls in it).  Tested alone.
 */
size_t		 status_fit(const char *text, unsigned maxcols, unsigned *cols);

/*
 * Append to out the bytes that take the screen from *old to rows[0..n):
 * up to the block's first row, then, if above is not NULL, the block
 * erased and above (whole lines, each ending in '\n') written where it
 * was, then each row cut to cols - 1 columns and erased to its end.  A
 * block taller than lines - 1 shows its first rows only.  With color,
 * the program's name (up to the first ':') is bold.  *now gets the new
 * geometry (old and now may be the same).  A terminal that reflows
 * wrapped lines when it narrows (tmux, VTE, kitty) moved the old rows
 * down: old->cols tells by how much.
 */
void		 status_frame(struct buf *out, const struct status_geom *old,
		    const char *above, const struct status_row *rows, size_t n,
		    unsigned cols, unsigned lines, int color,
		    struct status_geom *now);

#endif
