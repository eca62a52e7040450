/*
 * Line reader over the program's operands (or stdin).  The event loop
 * polls input_fd(); when it is readable, input_fill() does one read(2),
 * which cannot block after poll said so, and input_next() hands out the
 * complete lines.  Memory: the longest line, never the whole input.
 */
#ifndef MJ_INPUT_H
#define MJ_INPUT_H

#include <stddef.h>

#define INPUT_LINE_MAX	(256u * 1024 * 1024)	/* longer lines are errors */

struct input;

/*
 * Read the files named in paths[0..n-1] one after another ("-" is stdin);
 * n == 0 reads stdin.  paths are borrowed for the input's lifetime.
 */
struct input	*input_new(char *const *paths, int n);
void		 input_free(struct input *);

/*
 * The descriptor to poll for POLLIN, -1 once every file is read, or
 * LOOP_INPUT_READY when input_fill has a failure to report.
 * A file that cannot be opened or read (a directory) is reported by
 * input_fill (-1, errno set, input_name() naming it) and skipped, as
 * cat(1) does; the lines read before a read error are kept.
 */
int		 input_fd(struct input *);

/* One read(2): >0 bytes read, 0 at the end of one file, -1 on error. */
long		 input_fill(struct input *);

/*
 * The next complete line, without its '\n' (a '\r' before it is kept:
 * the caller decides).  At the end of a file, a last line without '\n'
 * is handed out too.  Returns 1 and sets *line (borrowed: valid until the
 * next input_* call) and *len, or 0 when no complete line is buffered.
 * A line over INPUT_LINE_MAX is returned truncated, input_overlong() 1.
 */
int		 input_next(struct input *, const char **line, size_t *len);
int		 input_overlong(const struct input *);

/* Line number (1-based, per file) of the line last handed out. */
long		 input_lineno(const struct input *);
/* Name of the file being read ("-" for stdin); borrowed. */
const char	*input_name(const struct input *);
/* True when every file was read to the end and every line handed out. */
int		 input_done(const struct input *);
/* True when the last input_next() line was the first line of a new file. */
int		 input_new_file(const struct input *);
/*
 * The share of the input handed out as lines, 0 to 1, when every operand
 * is a regular file (so its size is known); -1 otherwise.
 */
double		 input_fraction(const struct input *);

#endif
