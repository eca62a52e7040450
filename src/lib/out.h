/*
 * The programs' stdout: the one writer of records and lines, and the one
 * ending that closes it.  A write that fails closes it for good: a reader
 * gone (EPIPE) quietly, any other error said once ("stdout: ...").  One
 * stdout per process, so the state is the module's.
 */
#ifndef MJ_OUT_H
#define MJ_OUT_H

#include <stddef.h>

struct record;

/* One record as a line, flushed.  0, or -1: stdout is closed. */
int	out_record(struct record *);
/* text and a newline, flushed.  0, or -1: stdout is closed. */
int	out_line(const char *text, size_t len);
/* text as it is (its own newline), flushed.  0, or -1: stdout is closed. */
int	out_text(const char *text, size_t len);
/*
 * At exit: fclose(stdout).  0, or -1 if it failed (said, unless a write
 * failed before and was said then).
 */
int	out_close(void);

#endif
