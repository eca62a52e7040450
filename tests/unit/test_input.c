/*
 * The line reader: several files in turn with their own line numbers, a
 * last line without '\n', '\r' kept, a missing file reported and skipped.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	int		 errors = 0, missing_named = 0, turns = 0;

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
	unlink(a);
	unlink(c);
	rmdir(dir);
	return tap_done();
}
