/*
 * The line reader: several files in turn with their own line numbers, a
 * last line without '\n', '\r' kept, a missing file reported and skipped.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "input.h"
#include "tap.h"

static void
write_file(const char *path, const char *text)
{
	FILE	*f = fopen(path, "w");

	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

/*
 * Operands (their contents, NULL for a file that is not there, A_DIR for a
 * directory) and what
 * the reader hands out: "|" before the first line of a file, then
 * "lineno:text;" for each line, "!" for each failed input_fill.
 */
static const struct {
	const char	*name;
	const char	*files[4];	/* up to 3, ended by END */
	const char	*want;
} cases[] = {
#define END	"\x01end"
#define A_DIR	"\x01dir"
	{ "one file", { "a\nb\n", END }, "|1:a;2:b;" },
	{ "no newline at the end", { "a\nlast", END }, "|1:a;2:last;" },
	{ "an empty file", { "", "x\n", END }, "|1:x;" },
	{ "only a newline", { "\n", END }, "|1:;" },
	{ "blank lines kept", { "\n\na\n\n", END }, "|1:;2:;3:a;4:;" },
	{ "CR kept, also alone", { "a\r\n\r", END }, "|1:a\r;2:\r;" },
	{ "numbers start again", { "a\nb", "c\nd\n", "e", END },
	    "|1:a;2:b;|1:c;2:d;|1:e;" },
	{ "missing first", { NULL, "a\n", END }, "!|1:a;" },
	{ "missing last", { "a\n", NULL, END }, "|1:a;!" },
	{ "two missing", { NULL, NULL, "a", END }, "!!|1:a;" },
	{ "all missing", { NULL, END }, "!" },
	{ "empty, missing, empty", { "", NULL, "", END }, "!" },
	{ "unreadable first", { A_DIR, "a\n", END }, "!|1:a;" },
	{ "unreadable last", { "a\n", A_DIR, END }, "|1:a;!" },
};

/*
 * Run a case, as the event loop does (poll: input_fd first) or not;
 * return what was handed out.  Files are written in dir.
 */
static char *
run(size_t k, const char *dir, int poll)
{
	struct input	*in;
	struct buf	 got = BUF_INIT;
	char		 paths[3][300], *argv[3];
	const char	*line;
	size_t		 len;
	int		 n, turns = 0;

	for (n = 0; n < 3 && (cases[k].files[n] == NULL ||
	    strcmp(cases[k].files[n], END) != 0); n++) {
		snprintf(paths[n], sizeof(paths[n]), "%s/f%d", dir, n);
		argv[n] = paths[n];
		if (cases[k].files[n] != NULL &&
		    strcmp(cases[k].files[n], A_DIR) == 0)
			(void)mkdir(paths[n], 0700);
		else if (cases[k].files[n] != NULL)
			write_file(paths[n], cases[k].files[n]);
		else
			unlink(paths[n]);
	}
	in = input_new(argv, n);
	while (!input_done(in) && turns++ < 100) {
		if (poll && input_fd(in) == -1 && !input_done(in))
			break;
		if (input_fill(in) < 0)
			buf_appendc(&got, '!');
		while (input_next(in, &line, &len)) {
			buf_appendf(&got, "%s%ld:", input_new_file(in) ? "|" : "",
			    input_lineno(in));
			buf_append(&got, line, len);
			buf_appendc(&got, ';');
		}
	}
	if (!input_done(in) || input_fd(in) != -1)
		buf_appends(&got, "(not done)");
	input_free(in);
	for (n--; n >= 0; n--)
		if (unlink(paths[n]) == -1)
			(void)rmdir(paths[n]);	/* A_DIR's, or none */
	return buf_detach(&got, NULL);
}

/* A file of many lines, and one line over several reads. */
static void
big_files(const char *dir)
{
	char		 path[300], *argv[1] = { path };
	struct input	*in;
	const char	*line;
	size_t		 len, i, bad = 0;
	long		 lines = 0;
	int		 turns = 0;
	FILE		*f;

	snprintf(path, sizeof(path), "%s/big", dir);
	if ((f = fopen(path, "w")) == NULL)
		return;
	for (i = 0; i < 600000; i++)
		fputc('a', f);
	fputs("\nafter\n", f);
	for (i = 1; i <= 100000; i++)
		fprintf(f, "line %zu\n", i);
	fclose(f);
	in = input_new(argv, 1);
	while (!input_done(in) && turns++ < 1000) {
		if (input_fill(in) < 0)
			break;
		while (input_next(in, &line, &len)) {
			lines++;
			if (lines == 1) {
				TAP_INT((long)len, 600000, "a line over three "
				    "reads: whole");
				TAP_OK(memchr(line, '\n', len) == NULL &&
				    line[0] == 'a' && line[len - 1] == 'a',
				    "... and only itself");
				TAP_INT(input_overlong(in), 0, "... not overlong");
			} else if (lines == 2)
				TAP_OK(len == 5 && memcmp(line, "after", 5) == 0,
				    "the line after it");
			else {
				char	want[32];
				int	wn;

				wn = snprintf(want, sizeof(want), "line %ld",
				    lines - 2);
				if ((size_t)wn != len || memcmp(line, want, len) ||
				    input_lineno(in) != lines)
					bad++;
			}
		}
	}
	TAP_INT(lines, 100002, "every line of a 1.4 MB file");
	TAP_INT((long)bad, 0, "... each whole and numbered");
	input_free(in);
	unlink(path);
}

/* "-" and no operands read stdin. */
static void
from_stdin(const char *dir)
{
	char		 path[300], *dash[1] = { "-" };
	struct input	*in;
	const char	*line;
	size_t		 len;
	int		 fd, saved, round, turns;

	snprintf(path, sizeof(path), "%s/stdin", dir);
	saved = dup(STDIN_FILENO);
	for (round = 0; round < 2; round++) {
		struct buf got = BUF_INIT;

		write_file(path, "s1\ns2");
		if ((fd = open(path, O_RDONLY)) == -1 ||
		    dup2(fd, STDIN_FILENO) == -1)
			return;
		close(fd);
		in = round == 0 ? input_new(dash, 1) : input_new(NULL, 0);
		TAP_STR(input_name(in), "-", "stdin is named '-' (%s)",
		    round == 0 ? "operand" : "no operands");
		TAP_INT(input_fd(in), STDIN_FILENO, "... polled on fd 0");
		turns = 0;
		while (!input_done(in) && turns++ < 100) {
			if (input_fill(in) < 0)
				break;
			while (input_next(in, &line, &len)) {
				buf_append(&got, line, len);
				buf_appendc(&got, ';');
			}
		}
		TAP_STR(buf_str(&got), "s1;s2;", "... its lines");
		buf_free(&got);
		input_free(in);
	}
	if (saved != -1) {
		dup2(saved, STDIN_FILENO);
		close(saved);
	}
	unlink(path);
}

/* The share handed out, for mj-submit's ETA: files of known size only. */
static void
fraction(const char *dir)
{
	char		 f1[300], f2[300], nope[300], *paths[2];
	struct input	*in;
	const char	*line;
	size_t		 len;
	int		 turns = 0;
	struct buf	 got = BUF_INIT;

	snprintf(f1, sizeof(f1), "%s/frac1", dir);
	snprintf(f2, sizeof(f2), "%s/frac2", dir);
	snprintf(nope, sizeof(nope), "%s/frac-missing", dir);
	write_file(f1, "aa\nbb\n");
	write_file(f2, "cc\ndd\n");
	paths[0] = f1;
	paths[1] = f2;
	in = input_new(paths, 2);
	buf_appendf(&got, "%.2f", input_fraction(in));
	while (!input_done(in) && turns++ < 100) {
		(void)input_fill(in);
		while (input_next(in, &line, &len))
			buf_appendf(&got, " %.2f", input_fraction(in));
	}
	TAP_STR(buf_str(&got), "0.00 0.25 0.50 0.75 1.00",
	    "fraction: the share of both files' bytes handed out as lines");
	input_free(in);
	paths[1] = nope;
	in = input_new(paths, 2);
	TAP_OK(input_fraction(in) < 0, "... not known when a file is missing");
	input_free(in);
	buf_free(&got);
	unlink(f1);
	unlink(f2);
}

int
main(void)
{
	char		 dir[] = "/tmp/test_input.XXXXXX", a[300], b[300], c[300];
	char		*paths[3];
	struct input	*in;
	struct buf	 got = BUF_INIT;
	const char	*line;
	size_t		 len;
	long		 n;
	int		 errors = 0, missing_named = 0, turns = 0, poll;
	size_t		 k;
	char		*s;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(a, sizeof(a), "%s/a", dir);
	snprintf(b, sizeof(b), "%s/missing", dir);
	snprintf(c, sizeof(c), "%s/c", dir);
	write_file(a, "one\r\ntwo\n\nthree");
	write_file(c, "x\ny\n");
	paths[0] = a;
	paths[1] = b;
	paths[2] = c;
	in = input_new(paths, 3);
	while (!input_done(in) && turns++ < 100) {
		n = input_fill(in);
		if (n < 0) {
			errors++;
			if (errno == ENOENT && strcmp(input_name(in), b) == 0)
				missing_named = 1;
		}
		while (input_next(in, &line, &len)) {
			buf_appendf(&got, "%s%ld:", input_new_file(in) ? "|" : "",
			    input_lineno(in));
			buf_append(&got, line, len);
			buf_appendc(&got, ';');
		}
	}
	TAP_STR(buf_str(&got), "|1:one\r;2:two;3:;4:three;|1:x;2:y;",
	    "lines of each file in turn, numbered per file, '\\r' kept");
	TAP_INT(errors, 1, "one file could not be read");
	TAP_OK(missing_named, "... reported with ENOENT and its name");
	TAP_OK(input_done(in), "done at the end");
	TAP_INT(input_fd(in), -1, "no descriptor left to poll");
	input_free(in);
	buf_free(&got);

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		for (poll = 0; poll < 2; poll++) {
			s = run(k, dir, poll);
			TAP_STR(s, cases[k].want, "%s%s", cases[k].name,
			    poll ? " (polled)" : "");
			free(s);
		}
	}
	big_files(dir);
	from_stdin(dir);
	fraction(dir);
	unlink(a);
	unlink(c);
	rmdir(dir);
	return tap_done();
}
