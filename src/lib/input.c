/*
 * The line reader: the operands one after another, one read(2) per call,
 * complete lines handed out from a buffer that holds at most the longest
 * line plus one read.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "input.h"
#include "loop.h"
#include "xalloc.h"

#define INPUT_READ_SIZE	(256 * 1024)

struct input {
	char *const	*paths;
	int		 npaths;
	int		 next;		/* index of the next file to open */
	int		 fd;		/* -1 when none is open */
	const char	*name;
	int		 eof;		/* the open file is read to its end */
	struct buf	 buf;
	size_t		 start;		/* first byte not yet handed out */
	size_t		 scan;		/* no '\n' before this offset */
	long		 lineno;
	int		 overlong;
	/* dropping the rest of an overlong line */
	int		 skipping;
	int		 first_line;
	int		 fresh;
	int		 open_errno;	/* an operand could not be opened */
	long long	 total;		/* bytes of every operand, or -1 */
	long long	 nread;		/* bytes read so far */
};

/* The bytes to read from every operand; -1 if one is not a file. */
static long long
total_size(char *const *paths, int n)
{
	struct stat	st;
	long long	total = 0;
	off_t		at = 0;
	int		i, r;

	for (i = 0; i < n; i++) {
		if (strcmp(paths[i], "-") == 0) {
			r = fstat(STDIN_FILENO, &st);
			/* stdin may be read from elsewhere than its start */
			at = lseek(STDIN_FILENO, 0, SEEK_CUR);
		} else {
			r = stat(paths[i], &st);
			at = 0;
		}
		if (r == -1 || !S_ISREG(st.st_mode) || at < 0)
			return -1;
		total += st.st_size - at;
	}
	return total;
}

struct input *
input_new(char *const *paths, int n)
{
	static char *const	 stdin_path[] = { "-" };
	struct input		*in;

	in = xcalloc(1, sizeof(*in));
	in->paths = n > 0 ? paths : stdin_path;
	in->npaths = n > 0 ? n : 1;
	in->fd = -1;
	in->name = in->paths[0];
	in->total = total_size(in->paths, in->npaths);
	return in;
}

void
input_free(struct input *in)
{
	if (in == NULL)
		return;
	if (in->fd > STDERR_FILENO)
		(void)close(in->fd);	/* read-only */
	buf_free(&in->buf);
	free(in);
}

/* Open the next file; -1 (errno set) if it cannot be opened. */
static int
input_open_next(struct input *in)
{
	const char	*path;

	path = in->paths[in->next++];
	in->name = path;
	in->eof = 0;
	in->lineno = 0;
	in->fresh = 1;
	if (strcmp(path, "-") == 0) {
		in->fd = STDIN_FILENO;
		return 0;
	}
	if ((in->fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	return 0;
}

int
input_fd(struct input *in)
{
	if (in->fd == -1 && in->open_errno == 0 && in->next < in->npaths &&
	    input_open_next(in) == -1) {
		in->open_errno = errno;
		in->fd = -1;
	}
	/* the loop turns at once, and input_fill reports the failure: no
	 * descriptor needed, for there may be none left (EMFILE) */
	if (in->open_errno != 0)
		return LOOP_INPUT_READY;
	return in->fd;
}

long
input_fill(struct input *in)
{
	ssize_t	n;

	if (in->open_errno != 0) {
		errno = in->open_errno;
		in->open_errno = 0;
		return -1;
	}
	if (in->fd == -1) {
		if (in->next >= in->npaths)
			return 0;
		if (input_open_next(in) == -1) {
			in->fd = -1;
			return -1;
		}
	}
	if (in->start > 0 && in->start >= in->buf.len / 2) {
		buf_consume(&in->buf, in->start);
		in->scan -= in->start;
		in->start = 0;
	}
	if (in->buf.cap - in->buf.len < INPUT_READ_SIZE + 1) {
		buf_append(&in->buf, "", 0);
		in->buf.data = xrealloc(in->buf.data, in->buf.len +
		    INPUT_READ_SIZE + 1);
		in->buf.cap = in->buf.len + INPUT_READ_SIZE + 1;
	}
	do
		n = read(in->fd, in->buf.data + in->buf.len, INPUT_READ_SIZE);
	while (n == -1 && errno == EINTR);
	if (n == -1) {
		/* read again, it would fail again (EISDIR): the file ends
		 * here, after the whole lines read of it; a line the error
		 * cut is never handed out (a cut prompt would be paid for) */
		while (in->buf.len > in->start &&
		    in->buf.data[in->buf.len - 1] != '\n')
			in->buf.len--;
		if (in->scan > in->buf.len)
			in->scan = in->buf.len;
		in->buf.data[in->buf.len] = '\0';
		in->eof = 1;
		return -1;
	}
	in->buf.len += (size_t)n;
	in->nread += n;
	in->buf.data[in->buf.len] = '\0';
	if (n == 0)
		in->eof = 1;
	return n;
}

static void
input_close_current(struct input *in)
{
	if (in->fd > STDERR_FILENO)
		(void)close(in->fd);	/* read-only */
	in->fd = -1;
	in->eof = 0;
	in->skipping = 0;
	buf_reset(&in->buf);
	in->start = in->scan = 0;
}

static int
hand_out(struct input *in, size_t end, size_t next, const char **line,
    size_t *len)
{
	*line = in->buf.data + in->start;
	*len = end - in->start;
	in->start = in->scan = next;
	in->lineno++;
	in->first_line = in->fresh;
	in->fresh = 0;
	return 1;
}

int
input_next(struct input *in, const char **line, size_t *len)
{
	char	*nl;
	size_t	 avail;

	for (;;) {
		avail = in->buf.len - in->scan;
		nl = avail > 0 ? memchr(in->buf.data + in->scan, '\n', avail) :
		    NULL;
		if (nl != NULL) {
			size_t end = (size_t)(nl - in->buf.data);

			if (in->skipping) {
				in->skipping = 0;
				in->start = in->scan = end + 1;
				continue;
			}
			in->overlong = 0;
			return hand_out(in, end, end + 1, line, len);
		}
		in->scan = in->buf.len;
		if (!in->skipping && in->buf.len - in->start > INPUT_LINE_MAX) {
			/* hand out a cut line, then drop the rest of it */
			in->overlong = 1;
			in->skipping = 1;
			return hand_out(in, in->start + INPUT_LINE_MAX,
			    in->buf.len, line, len);
		}
		if (in->skipping) {
			in->start = in->scan = in->buf.len;
		}
		if (!in->eof)
			return 0;
		if (in->buf.len > in->start && !in->skipping) {
			in->overlong = 0;
			in->eof = 2;	/* the last line, handed out once */
			return hand_out(in, in->buf.len, in->buf.len, line,
			    len);
		}
		/* the file is done: the next input_next call moves on */
		input_close_current(in);
		return 0;
	}
}

int
input_overlong(const struct input *in)
{
	return in->overlong;
}

long
input_lineno(const struct input *in)
{
	return in->lineno;
}

const char *
input_name(const struct input *in)
{
	return in->name;
}

int
input_done(const struct input *in)
{
	return in->fd == -1 && in->next >= in->npaths && in->open_errno == 0;
}

int
input_new_file(const struct input *in)
{
	return in->first_line;
}

double
input_fraction(const struct input *in)
{
	long long	handed;

	if (in->total <= 0)
		return -1;
	handed = in->nread - (long long)(in->buf.len - in->start);
	if (handed >= in->total)
		return 1;
	return handed > 0 ? (double)handed / (double)in->total : 0;
}
