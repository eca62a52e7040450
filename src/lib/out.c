/*
 * The programs' stdout (out.h): every record and line goes out through
 * here, so a reader gone or a full disk is handled the same everywhere.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "out.h"
#include "record.h"

static int	closed;		/* a write failed: nothing more goes out */

/* A failed write: say why, unless the reader is simply gone. */
static int
failed(void)
{
	if (errno != EPIPE)
		diag_error("stdout: %s", strerror(errno));
	closed = 1;
	return -1;
}

int
out_record(struct record *r)
{
	if (closed)
		return -1;
	if (record_write(r, stdout) == -1)
		return failed();
	return 0;
}

static int
put(const char *text, size_t len, int newline)
{
	if (closed)
		return -1;
	if (fwrite(text, 1, len, stdout) != len ||
	    (newline && putchar('\n') == EOF) || fflush(stdout) == EOF)
		return failed();
	return 0;
}

int
out_line(const char *text, size_t len)
{
	return put(text, len, 1);
}

int
out_text(const char *text, size_t len)
{
	return put(text, len, 0);
}

int
out_close(void)
{
	int	rc = fclose(stdout);

	/* closed by the caller, held by diag: never a silent success */
	if (rc == 0 && diag_std_closed(STDOUT_FILENO)) {
		rc = EOF;
		errno = EBADF;
	}
	if (rc != 0 && !closed) {
		diag_error("stdout: %s", strerror(errno));
		return -1;
	}
	return 0;
}
