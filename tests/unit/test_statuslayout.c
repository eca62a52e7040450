/*
 * The status block's layout: pipeline order, rows cut to the width, and
 * the exact bytes of each frame (where the cursor goes, what is erased).
 */
#include <string.h>

#include "statuslayout.h"
#include "tap.h"

/* One frame from *g to rows, as a string; *g becomes the new geometry. */
static const char *
frame(struct status_geom *g, const char *above, const struct status_row *r,
    size_t n, unsigned cols, unsigned lines, int color)
{
	static struct buf	out;

	buf_reset(&out);
	status_frame(&out, g, above, r, n, cols, lines, color, g);
	return buf_str(&out);
}

static void
test_order(void)
{
	struct status_row	r[] = {
		{ "mj-pack: p", status_rank("mj-pack"), 1 },
		{ "mj-submit: late", status_rank("mj-submit"), 5 },
		{ "jq: other", status_rank("jq"), 0 },
		{ "mj-wait: w", status_rank("mj-wait"), 3 },
		{ "mj-fetch: f", status_rank("mj-fetch"), 4 },
		{ "mj-submit: early", status_rank("mj-submit"), 2 },
	};

	TAP_OK(status_rank("mj-submit") < status_rank("mj-wait") &&
	    status_rank("mj-wait") < status_rank("mj-fetch") &&
	    status_rank("mj-fetch") < status_rank("mj-pack") &&
	    status_rank("mj-pack") < status_rank("other"),
	    "rank: submit, wait, fetch, pack, then anything else");
	status_sort(r, 6);
	TAP_STR(r[0].text, "mj-submit: early", "sorted: the first submit");
	TAP_STR(r[1].text, "mj-submit: late", "... two of a kind by arrival");
	TAP_STR(r[2].text, "mj-wait: w", "... then wait");
	TAP_STR(r[3].text, "mj-fetch: f", "... fetch");
	TAP_STR(r[4].text, "mj-pack: p", "... pack");
	TAP_STR(r[5].text, "jq: other", "... and a stranger last");
}

static void
test_fit(void)
{
	unsigned	cols;
	size_t		len;

	len = status_fit("mj-wait: 12 done", 7, &cols);
	TAP_INT(len, 7, "cut: 7 bytes of ASCII");
	TAP_INT(cols, 7, "... 7 columns");
	len = status_fit("short", 40, &cols);
	TAP_INT(len, 5, "no cut when it fits");
	TAP_INT(cols, 5, "... its columns");
	len = status_fit("d\xc3\xa9j\xc3\xa0 vu", 3, &cols);
	TAP_INT(len, 4, "UTF-8: cut after a whole character");
	TAP_INT(cols, 3, "... one column each");
	len = status_fit("a\xff" "bc", 2, &cols);
	TAP_INT(len, 2, "a bad byte is one column");
	len = status_fit("abc", 0, &cols);
	TAP_INT(len, 0, "no room: nothing");
}

static void
test_frames(void)
{
	struct status_geom	g;
	struct status_row	r[] = {
		{ "mj-submit: 3 submitted", 0, 1 },
		{ "mj-wait: 1 done", 1, 2 },
		{ "mj-fetch: 0 fetched", 2, 3 },
		{ "mj-pack: 0 packed", 3, 4 },
	};
	struct status_row	wide[] = {
		{ "mj-submit: 17 submitted, 3 in flight, 0 failed, 2.1/s", 0, 1 },
		{ "mj-wait: 4 done", 1, 2 },
		{ "mj-fetch: 4 fetched, 0 found, 2 running, 0 failed, 1.5/s", 2, 3 },
	};

	memset(&g, 0, sizeof(g));
	TAP_STR(frame(&g, NULL, &r[1], 1, 80, 24, 0),
	    "\rmj-wait: 1 done\033[J", "alone: one line, as a \\r status");
	TAP_INT(g.nrows, 1, "... one row on screen");
	TAP_INT(g.width[0], 15, "... 15 columns wide");
	TAP_STR(frame(&g, NULL, r, 2, 80, 24, 0),
	    "\rmj-submit: 3 submitted\033[K\nmj-wait: 1 done\033[J",
	    "a second program: the block grows by a row, no cursor up");
	TAP_STR(frame(&g, NULL, r, 4, 80, 24, 0),
	    "\033[1A\rmj-submit: 3 submitted\033[K\nmj-wait: 1 done\033[K\n"
	    "mj-fetch: 0 fetched\033[K\nmj-pack: 0 packed\033[J",
	    "four rows: up to the first row, each row erased to its end");
	TAP_STR(frame(&g, NULL, r, 4, 80, 24, 0),
	    "\033[3A\rmj-submit: 3 submitted\033[K\nmj-wait: 1 done\033[K\n"
	    "mj-fetch: 0 fetched\033[K\nmj-pack: 0 packed\033[J",
	    "redrawn in place: up three rows");
	TAP_STR(frame(&g, "mj-wait: warning: slow\n", r, 4, 80, 24, 0),
	    "\033[3A\rmj-wait: warning: slow\033[K\nmj-submit: 3 submitted"
	    "\033[K\nmj-wait: 1 done\033[K\nmj-fetch: 0 fetched\033[K\n"
	    "mj-pack: 0 packed\033[J",
	    "a message goes where the block was, the block below it");
	TAP_STR(frame(&g, "mj-submit: 3 submitted, 0 failed in 2.0s\n", r + 1,
	    3, 80, 24, 0),
	    "\033[3A\rmj-submit: 3 submitted, 0 failed in 2.0s\033[K\n"
	    "mj-wait: 1 done\033[K\nmj-fetch: 0 fetched\033[K\n"
	    "mj-pack: 0 packed\033[J",
	    "a program ends: its summary above, its row gone");
	TAP_STR(frame(&g, NULL, r + 1, 1, 80, 24, 0),
	    "\033[2A\rmj-wait: 1 done\033[J",
	    "rows that left are erased below the last row");
	TAP_STR(frame(&g, NULL, NULL, 0, 80, 24, 0),
	    "\r\033[K", "the last row goes: its line erased, no summary");
	TAP_INT(g.nrows, 0, "... nothing on screen");
	TAP_STR(frame(&g, "mj-pack: error\n", NULL, 0, 80, 24, 0),
	    "mj-pack: error\033[K\n",
	    "no block: a message where the cursor is");

	/* never an erase from the block's top: tmux would keep the screen */
	memset(&g, 0, sizeof(g));
	(void)frame(&g, NULL, r, 2, 80, 24, 0);
	TAP_STR(frame(&g, NULL, NULL, 0, 80, 24, 0),
	    "\033[1A\r\033[K\033[B\033[J\033[A",
	    "a block of two goes: first line, then from the second down");

	memset(&g, 0, sizeof(g));
	TAP_STR(frame(&g, NULL, wide, 2, 20, 24, 0),
	    "\rmj-submit: 17 submi\033[K\nmj-wait: 4 done\033[J",
	    "a narrow terminal: rows cut to one column less, never wrapped");
	TAP_INT(g.width[0], 19, "... 19 columns of 20");
	TAP_INT(g.width[1], 15, "... a short row whole");

	/* drawn at 80 columns, the terminal narrows to 20 and reflows */
	memset(&g, 0, sizeof(g));
	(void)frame(&g, NULL, wide, 3, 80, 24, 0);
	TAP_INT(g.width[0], 53, "widths as drawn at 80 columns");
	TAP_STR(frame(&g, NULL, wide, 3, 20, 24, 0),
	    "\033[6A\rmj-submit: 17 submi\033[K\nmj-wait: 4 done\033[K\n"
	    "mj-fetch: 4 fetched\033[J",
	    "after a resize to 20: up over the reflowed rows (3+1+3 lines)");
	TAP_STR(frame(&g, NULL, wide, 3, 100, 24, 0),
	    "\033[2A\rmj-submit: 17 submitted, 3 in flight, 0 failed, 2.1/s"
	    "\033[K\nmj-wait: 4 done\033[K\nmj-fetch: 4 fetched, 0 found, "
	    "2 running, 0 failed, 1.5/s\033[J",
	    "wider again: one line a row");

	memset(&g, 0, sizeof(g));
	TAP_STR(frame(&g, NULL, r, 4, 80, 3, 0),
	    "\rmj-submit: 3 submitted\033[K\nmj-wait: 1 done\033[J",
	    "a terminal of 3 lines: the first 2 rows only");
	TAP_INT(g.nrows, 2, "... 2 rows on screen");

	memset(&g, 0, sizeof(g));
	TAP_STR(frame(&g, NULL, &r[1], 1, 80, 24, 1),
	    "\r\033[1mmj-wait\033[0m: 1 done\033[J", "color: the name in bold");
	memset(&g, 0, sizeof(g));
	TAP_STR(frame(&g, NULL, &r[1], 1, 6, 24, 1),
	    "\rmj-wa\033[J", "... not when the name is cut");
	memset(&g, 0, sizeof(g));
	TAP_STR(frame(&g, NULL, &(struct status_row){ "mj-x: a\033[2Jb\x7f", 0,
	    0 }, 1, 80, 24, 0), "\rmj-x: a?[2Jb?\033[J",
	    "a control character in a row is shown as '?', never sent");
	memset(&g, 0, sizeof(g));
	TAP_STR(frame(&g, NULL, &r[1], 1, 0, 0, 0),
	    "\rmj-wait: 1 done\033[J", "an unknown size: 80 columns");
}

int
main(void)
{
	test_order();
	test_fit();
	test_frames();
	return tap_done();
}
