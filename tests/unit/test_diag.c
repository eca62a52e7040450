/*
 * Diagnostics: redaction of secrets and escaping of untrusted text.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "tap.h"

static const struct {
	const char	*in;
	const char	*want;
} redactions[] = {
	{ "Authorization: Bearer sk-SECRET123", "Authorization: Bearer ***" },
	{ "mj-api-secret: sk-SECRET123", "mj-api-secret: ***" },
	{ "sk-SECRET123sk-SECRET123", "******" },
	{ "no secret here", "no secret here" },
	{ "prefix sk-SECRET12 almost", "prefix sk-SECRET12 almost" },
	{ "two keys: sk-SECRET123 other-KEY-9", "two keys: *** ***" },
	{ "", "" },
	/* a one-character key is redacted as a word, not inside words */
	{ "key x: box x-ray x", "key ***: box x-ray ***" },
	{ "\"x\" and (x)", "\"***\" and (***)" },
	{ "xx x_y yx", "xx x_y yx" },
	/* a short key, glued to text, stays: a long one never does */
	{ "k9z7k9z7 tok-k9z7", "k9z7k9z7 tok-k9z7" },
};

static const struct {
	const char	*in;
	const char	*want;
} escapes[] = {
	{ "plain text", "plain text" },
	{ "\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m" },
	{ "line\nbreak\ttab\r", "line\\x0abreak\\x09tab\\x0d" },
	{ "提交成功", "提交成功" },
	{ "caf\xc3\xa9", "caf\xc3\xa9" },
	{ "bad \xff byte", "bad \\xff byte" },
	{ "truncated \xe6\x8f", "truncated \\xe6\\x8f" },
	{ "C1 \xc2\x9b control", "C1 \\xc2\\x9b control" },
	{ "overlong \xc0\xaf", "overlong \\xc0\\xaf" },
	{ "emoji \xf0\x9f\x94\x84", "emoji \xf0\x9f\x94\x84" },
	{ "del \x7f", "del \\x7f" },
	/* issue 28: one rule for a terminal (utf8_escape) */
	{ "C1 NEL \xc2\x85", "C1 NEL \\xc2\\x85" },
	{ "overlong ESC \xe0\x80\x9b", "overlong ESC \\xe0\\x80\\x9b" },
	{ "surrogate \xed\xa0\x80", "surrogate \\xed\\xa0\\x80" },
	{ "past \xf4\x90\x80\x80", "past \\xf4\\x90\\x80\\x80" },
	{ "rlo \xe2\x80\xae", "rlo \\xe2\\x80\\xae" },
	{ "lri \xe2\x81\xa6", "lri \\xe2\\x81\\xa6" },
};

static void
raw_error(void *unused)
{
	(void)unused;
	diag_error("from %s and %s", "a \x1b]0;title\a server",
	    "\xe2\x80\xae" "txt.exe \xc2\x9b" "2J");
}

static void
raw_summary(void *unused)
{
	(void)unused;
	diag_status_force(1);
	diag_status_end("prompt \x1b[2J \xe2\x81\xa6" "x \xc0\xaf");
}

static void
quiet_summary(void *unused)
{
	(void)unused;
	diag_set_quiet(1);
	diag_status_force(1);
	diag_status_end("3 done");
	diag_set_quiet(0);
}

/* diag_fatal in a child named by a path: its message and status. */
static void
fatal_child(void)
{
	char		 got[256];
	ssize_t		 n;
	size_t		 len = 0;
	pid_t		 pid;
	int		 fds[2], status = -1;

	if (pipe(fds) == -1 || (pid = fork()) == -1) {
		TAP_OK(0, "fork");
		return;
	}
	if (pid == 0) {
		if (dup2(fds[1], 2) == -1)
			_exit(99);
		diag_init("/usr/local/bin/mj-thing");
		diag_fatal(3, "broken: %d", 3);
	}
	(void)close(fds[1]);
	while (len < sizeof(got) - 1 &&
	    (n = read(fds[0], got + len, sizeof(got) - 1 - len)) > 0)
		len += (size_t)n;
	got[len] = '\0';
	(void)close(fds[0]);
	(void)waitpid(pid, &status, 0);
	TAP_STR(got, "mj-thing: broken: 3\n",
	    "diag_fatal: one message, the program's name without its path");
	TAP_INT(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 3,
	    "diag_fatal: the status given");
}

/* stdout closed before diag_init: held so that writes fail (EBADF). */
static void
closed_stdout_child(void)
{
	pid_t	pid;
	int	status = -1;

	if ((pid = fork()) == -1) {
		TAP_OK(0, "fork");
		return;
	}
	if (pid == 0) {
		(void)close(STDOUT_FILENO);
		diag_init("prog");
		_exit(fcntl(STDOUT_FILENO, F_GETFD) != -1 &&
		    write(STDOUT_FILENO, "x", 1) == -1 && errno == EBADF &&
		    diag_std_closed(STDOUT_FILENO) &&
		    !diag_std_closed(STDERR_FILENO) ? 0 : 1);
	}
	(void)waitpid(pid, &status, 0);
	TAP_INT(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0,
	    "stdout closed: its number held, a write fails with EBADF, "
	    "and diag_std_closed says so");
}

int
main(void)
{
	char	*s, got[512];
	size_t	 i;

	diag_init("test_diag");
	diag_add_secret("sk-SECRET123");
	diag_add_secret("other-KEY-9");
	diag_add_secret("");
	diag_add_secret("x");
	diag_add_secret("k9z7");
	diag_add_secret("sk-SECRET123");	/* twice: kept once */
	for (i = 0; i < sizeof(redactions) / sizeof(redactions[0]); i++) {
		s = diag_redact(redactions[i].in);
		TAP_STR(s, redactions[i].want, "redact '%s'", redactions[i].want);
		free(s);
	}
	for (i = 0; i < sizeof(escapes) / sizeof(escapes[0]); i++) {
		s = diag_escape(escapes[i].in);
		TAP_STR(s, escapes[i].want, "escape case %zu", i);
		free(s);
	}
	TAP_STR(tap_stderr_of(raw_error, NULL, got, sizeof(got)),
	    "test_diag: from a \\x1b]0;title\\x07 server and "
	    "\\xe2\\x80\\xae" "txt.exe \\xc2\\x9b" "2J\n",
	    "a message is escaped whole, whatever the caller passed");
	TAP_STR(tap_stderr_of(raw_summary, NULL, got, sizeof(got)),
	    "test_diag: prompt \\x1b[2J \\xe2\\x81\\xa6" "x \\xc0\\xaf\n",
	    "a status summary is escaped by the same rule");
	diag_set_quiet(1);
	TAP_INT(diag_status_enabled(), 0, "no status line when quiet");
	diag_set_quiet(0);
	diag_status_force(1);
	TAP_INT(diag_status_enabled(), 1, "status line when forced");
	TAP_STR(tap_stderr_of(quiet_summary, NULL, got, sizeof(got)), "",
	    "quiet: no summary at the end");
	TAP_OK(diag_find_secret("any text", "") == NULL,
	    "an empty secret is found nowhere");
	fflush(stdout);		/* the child must not print it again */
	fatal_child();
	closed_stdout_child();
	return tap_done();
}
