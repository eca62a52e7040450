/*
 * One status block for the whole pipeline: the mjpipe programs that write
 * to the same terminal, in the same process group, draw one row each, in
 * pipeline order, and messages go above the block.  A program alone draws
 * one line, as a plain status line does.  diag.c is the only caller: the
 * programs speak to diag_status() and progress.h.
 *
 * How they agree, with no daemon and no file: the rows live in a memfd
 * that the kernel frees when its last holder exits (kill -9 included).
 * fcntl(2) locks on the terminal, in a range of bytes that belongs to the
 * process group, say the rest: one byte is the drawing lock, one byte per
 * row is held by the row's owner (a row whose byte is free belongs to a
 * dead program and goes), and a read lock at an offset that is the
 * memfd's descriptor number tells a newcomer where to open it
 * (/proc/PID/fd/N, PID from F_GETLK).  Locks go when their process does.
 * Where any of this fails (no /proc, no locks on the terminal), the
 * program keeps its rows to itself: a block of one.
 */
#ifndef MJ_STATUSBLOCK_H
#define MJ_STATUSBLOCK_H

#include <stddef.h>

/* The program's name (borrowed for its lifetime): its place in the block. */
void	 statusblock_init(const char *progname);

/*
 * This program's row is now text (plain, "mj-wait: ..."); redraw.  diag
 * calls it only when rows are wanted (stderr a terminal, or forced by the
 * tests, and not -q).  TERM unset, empty or "dumb" draws no rows, only
 * messages and summaries; NO_COLOR drops the bold name.
 */
void	 statusblock_row(const char *text);

/* Whole lines (each ending in '\n') written above the block. */
void	 statusblock_message(const char *text, size_t len);

/*
 * The program's row leaves the block; summary (a line without '\n', or
 * NULL for none) is written above what stays.
 */
void	 statusblock_end(const char *summary);

/* 1 once after a SIGWINCH: the caller redraws now, not when due. */
int	 statusblock_resized(void);

#endif
