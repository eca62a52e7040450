/*
 * The journal, line by line: every kind of line a journal may hold read
 * back (or refused, naming its line), the upload links (U lines) kept
 * across runs, and a full disk (RLIMIT_FSIZE) refusing each write
 * without a torn line that would stop the next run.
 */
#include <sys/resource.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "journal.h"
#include "tap.h"

#define K1 "f4883118f821dfe2915510172002c1f5c62c970e8870bba9625e0fa0ee94a092"
#define K2 "9c0978b982b4d3ad34db5635cce2d960a6f9808951c7c5990308dcaf8466e2a3"
#define HEAD "# mjpipe journal 1\n"

static char	path[512];

/* A journal's text after its header: read back as state, or refused. */
static const struct {
	const char		*name;
	const char		*text;
	int			 opens;
	enum journal_state	 k1;		/* if it opens */
	const char		*id;		/* k1's task id, or NULL */
} lines[] = {
	{ "S then T", "S " K1 "\nT " K1 " 17\n", 1, JOURNAL_DONE, "17" },
	{ "T then S: a task id stays", "T " K1 " 17\nS " K1 "\n", 1,
	  JOURNAL_DONE, "17" },
	{ "S then R: may be sent again", "S " K1 "\nR " K1 "\n", 1,
	  JOURNAL_NEW, NULL },
	{ "S with a tag time", "S " K1 " 1764000000\n", 1, JOURNAL_SENT,
	  NULL },
	{ "a comment line", "# a note\nS " K1 "\n", 1, JOURNAL_SENT, NULL },
	{ "only a torn line", "T " K1, 1, JOURNAL_NEW, NULL },
	{ "R with a task id", "R " K1 " 17\n", 0, JOURNAL_NEW, NULL },
	{ "T without a task id", "T " K1 "\n", 0, JOURNAL_NEW, NULL },
	{ "S with a time of 19 digits", "S " K1 " 1234567890123456789\n", 0,
	  JOURNAL_NEW, NULL },
	{ "S with an empty time", "S " K1 " \n", 0, JOURNAL_NEW, NULL },
	{ "a kind without its space", "S" K1 "\n", 0, JOURNAL_NEW, NULL },
	{ "an unknown kind", "Q " K1 "\n", 0, JOURNAL_NEW, NULL },
	{ "an empty line", "\n", 0, JOURNAL_NEW, NULL },
	{ "a short key", "S f488\n", 0, JOURNAL_NEW, NULL },
	{ "U without a time", "U " K1 "\n", 0, JOURNAL_NEW, NULL },
	{ "U without a url", "U " K1 " 1764000000\n", 0, JOURNAL_NEW, NULL },
	{ "U with a bad key", "U f488 1764000000 https://x/a.png\n", 0,
	  JOURNAL_NEW, NULL },
	{ "U with a time that is not a number",
	  "U " K1 " 17x https://x/a.png\n", 0, JOURNAL_NEW, NULL },
	{ "U with a time of 0", "U " K1 " 0 https://x/a.png\n", 0,
	  JOURNAL_NEW, NULL },
	{ "U with an empty url", "U " K1 " 1764000000 \n", 0, JOURNAL_NEW,
	  NULL },
	{ "U with a tab in its url", "U " K1 " 1764000000 https://x/\ta\n", 0,
	  JOURNAL_NEW, NULL },
	{ "U: a link is not a task", "U " K1 " 1764000000 https://x/a.png\n",
	  1, JOURNAL_NEW, NULL },
};

static void
write_file(const char *text)
{
	FILE	*f = fopen(path, "w");

	if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0)
		TAP_OK(0, "cannot write %s", path);
}

static long
file_size(void)
{
	FILE	*f = fopen(path, "r");
	long	 n = -1;

	if (f != NULL && fseek(f, 0, SEEK_END) == 0)
		n = ftell(f);
	if (f != NULL)
		fclose(f);
	return n;
}

static void
each_line(void)
{
	struct journal	*j;
	const char	*id;
	char		 err[512], text[1024];
	size_t		 i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		(void)snprintf(text, sizeof(text), HEAD "%s", lines[i].text);
		write_file(text);
		j = journal_open(path, err, sizeof(err));
		TAP_INT(j != NULL, lines[i].opens, "%s: %s", lines[i].name,
		    lines[i].opens ? "opens" : "refused");
		if (j == NULL) {
			TAP_OK(strstr(err, "line 2 is corrupt") != NULL,
			    "%s: the message names line 2 (%s)", lines[i].name,
			    err);
			continue;
		}
		id = NULL;
		TAP_INT(journal_lookup(j, K1, &id), lines[i].k1, "%s: k1's state",
		    lines[i].name);
		if (lines[i].id != NULL)
			TAP_STR(id, lines[i].id, "%s: k1's task id", lines[i].name);
		TAP_INT(journal_close(j, err, sizeof(err)), 0, "%s: closes",
		    lines[i].name);
	}
}

static void
links(void)
{
	struct journal	*j;
	const char	*url;
	char		 err[512], big[JOURNAL_URL_MAX + 2];
	long long	 at = 0;

	write_file("");
	if ((j = journal_open(path, err, sizeof(err))) == NULL) {
		TAP_OK(0, "links: a journal opens (%s)", err);
		return;
	}
	TAP_OK(journal_link_get(j, K1, &at) == NULL, "no link yet");
	TAP_INT(journal_link(j, K1, 1764000000, "https://x/a.png"), 0,
	    "a link is written");
	TAP_INT(journal_link(j, K1, 1764000100, "https://x/b.png"), 0,
	    "a newer one for the same key");
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	TAP_INT(journal_link(j, K2, 1764000000, big), -1,
	    "a url over JOURNAL_URL_MAX: refused");
	TAP_OK(strstr(journal_error(j), "bad entry") != NULL,
	    "... saying why (%s)", journal_error(j));
	TAP_INT(journal_link(j, K2, 1764000000, "https://x/a b"), -1,
	    "a url with a space: refused");
	TAP_INT(journal_link(j, K2, 0, "https://x/a"), -1,
	    "a time of 0: refused");
	TAP_INT(journal_link(j, K2, 1764000000, ""), -1, "no url: refused");
	TAP_INT(journal_link(j, "abc", 1764000000, "https://x/a"), -1,
	    "a bad key: refused");
	TAP_INT(journal_close(j, err, sizeof(err)), 0, "close");
	if ((j = journal_open(path, err, sizeof(err))) == NULL) {
		TAP_OK(0, "links: the journal reopens (%s)", err);
		return;
	}
	url = journal_link_get(j, K1, &at);
	TAP_STR(url, "https://x/b.png", "reopened: the newest link");
	TAP_INT(at, 1764000100, "... and its time");
	TAP_OK(journal_link_get(j, K2, &at) == NULL,
	    "no link for what was refused");
	TAP_INT(journal_lookup(j, K1, NULL), JOURNAL_NEW,
	    "a link is not a submission");
	TAP_INT(journal_close(j, err, sizeof(err)), 0, "close");
	TAP_INT(journal_close(NULL, err, sizeof(err)), 0,
	    "closing NULL does nothing");
}

/* A full disk: the file may not grow past limit bytes. */
static int
limit_size(rlim_t limit)
{
	struct rlimit	rl;

	if (getrlimit(RLIMIT_FSIZE, &rl) == -1)
		return -1;
	rl.rlim_cur = limit;
	return setrlimit(RLIMIT_FSIZE, &rl);
}

/*
 * The limit met in the middle of a line: the write is cut short and the
 * line torn.  An entry appended once there is room again must not be
 * glued to it, or the journal cannot be opened again.
 */
static void
torn_then_more(struct journal *j, long size)
{
	struct journal	*j2;
	struct rlimit	 saved;
	char		 err[512];

	if (getrlimit(RLIMIT_FSIZE, &saved) == -1 ||
	    limit_size((rlim_t)size + 20) == -1) {
		TAP_OK(0, "torn: setrlimit");
		return;
	}
	TAP_INT(journal_sent(j, K2, 0), -1, "a line cut short: refused");
	(void)setrlimit(RLIMIT_FSIZE, &saved);
	TAP_INT(journal_done(j, K1, "17"), 0, "room again: the next line");
	j2 = journal_open(path, err, sizeof(err));
	TAP_OK(j2 == NULL, "(the first writer holds the lock)");
	if (j2 != NULL)
		(void)journal_close(j2, NULL, 0);
	(void)journal_close(j, NULL, 0);
	j2 = journal_open(path, err, sizeof(err));
	TAP_OK(j2 != NULL, "the journal opens after a torn line and one more "
	    "(%s)", j2 != NULL ? "" : err);
	if (j2 != NULL)
		(void)journal_close(j2, NULL, 0);
}

static void
full_disk(void)
{
	struct journal	*j;
	struct rlimit	 saved;
	char		 err[512];
	long		 size;

	if (signal(SIGXFSZ, SIG_IGN) == SIG_ERR ||
	    getrlimit(RLIMIT_FSIZE, &saved) == -1) {
		TAP_OK(0, "full disk: cannot set it up");
		return;
	}
	/* a new journal cannot get its header */
	write_file("");
	if (limit_size(0) == -1) {
		TAP_OK(0, "full disk: setrlimit");
		return;
	}
	j = journal_open(path, err, sizeof(err));
	TAP_OK(j == NULL, "no room for the header: refused (%s)",
	    j == NULL ? err : "opened");
	if (j != NULL)
		(void)journal_close(j, NULL, 0);
	(void)setrlimit(RLIMIT_FSIZE, &saved);

	/* room for the header and one line, then nothing */
	write_file(HEAD "S " K1 "\n");
	size = file_size();
	if ((j = journal_open(path, err, sizeof(err))) == NULL) {
		TAP_OK(0, "full disk: the journal opens (%s)", err);
		return;
	}
	if (limit_size((rlim_t)size) == -1) {
		TAP_OK(0, "full disk: setrlimit");
		(void)journal_close(j, NULL, 0);
		return;
	}
	TAP_INT(journal_done(j, K1, "17"), -1, "disk full: T refused");
	TAP_OK(strstr(journal_error(j), "File too large") != NULL,
	    "... saying why (%s)", journal_error(j));
	TAP_INT(journal_lookup(j, K1, NULL), JOURNAL_SENT,
	    "... and k1 is still SENT in memory");
	TAP_INT(journal_sent(j, K2, 1764000000), -1, "disk full: S refused");
	TAP_INT(journal_lookup(j, K2, NULL), JOURNAL_NEW,
	    "... so k2 is not sent");
	TAP_INT(journal_link(j, K2, 1764000000, "https://x/a.png"), -1,
	    "disk full: U refused");
	TAP_INT(file_size(), size, "nothing was written");
	(void)setrlimit(RLIMIT_FSIZE, &saved);
	TAP_INT(journal_close(j, err, sizeof(err)), 0, "close");
	j = journal_open(path, err, sizeof(err));
	TAP_OK(j != NULL, "the journal opens again (%s)", j ? "" : err);
	if (j == NULL)
		return;
	TAP_INT(journal_lookup(j, K1, NULL), JOURNAL_SENT,
	    "k1: SENT, as on disk");
	torn_then_more(j, file_size());
}

int
main(void)
{
	char	dir[] = "/tmp/test_journal_lines.XXXXXX";

	if (mkdtemp(dir) == NULL)
		return 1;
	(void)snprintf(path, sizeof(path), "%s/run.journal", dir);
	each_line();
	links();
	full_disk();
	(void)unlink(path);
	(void)rmdir(dir);
	return tap_done();
}
