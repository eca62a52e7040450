/*
 * The journal: what a reopened journal says about each key, a torn last
 * line ignored and cut, files that are not journals refused, one writer
 * at a time, and keys that tell submissions apart.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "journal.h"
#include "tap.h"

static char	path[512];

static char *
slurp(void)
{
	static char	 buf[4096];
	FILE		*f = fopen(path, "r");
	size_t		 n = 0;

	if (f != NULL) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

static void
append_raw(const char *s)
{
	FILE	*f = fopen(path, "a");

	if (f != NULL) {
		fputs(s, f);
		fclose(f);
	}
}

int
main(void)
{
	struct journal	*j, *j2;
	char		 dir[] = "/tmp/test_journal.XXXXXX", err[512];
	char		 k1[JOURNAL_KEY_LEN + 1], k2[JOURNAL_KEY_LEN + 1];
	char		 k3[JOURNAL_KEY_LEN + 1], k4[JOURNAL_KEY_LEN + 1];
	char		 k5[JOURNAL_KEY_LEN + 1], torn[256];
	const char	*id;
	size_t		 i;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/run.journal", dir);

	journal_key("/mj/submit/imagine", "{\"prompt\":\"a\"}", "{\"p\":\"a\"}", 0, k1);
	journal_key("/mj/submit/imagine", "{\"prompt\":\"a\"}", "{\"p\":\"a\"}", 1, k2);
	journal_key("/mj/submit/imagine", "{\"prompt\":\"b\"}", "{\"p\":\"a\"}", 0, k3);
	journal_key("/mj/submit/blend", "{\"prompt\":\"a\"}", "{\"p\":\"a\"}", 0, k4);
	journal_key("/mj/submit/imagine", "{\"prompt\":\"a\"}", "{\"p\":\"b\"}", 0, k5);
	TAP_INT((long)strlen(k1), JOURNAL_KEY_LEN, "a key is 64 characters");
	for (i = 0; i < JOURNAL_KEY_LEN && strchr("0123456789abcdef", k1[i]); i++)
		;
	TAP_INT((long)i, JOURNAL_KEY_LEN, "... of lower-case hex");
	TAP_OK(strcmp(k1, k2) && strcmp(k1, k3) && strcmp(k1, k4) &&
	    strcmp(k1, k5), "ordinal, body, endpoint and record change the key");
	journal_key("/mj/submit/imagine", "{\"prompt\":\"a\"}", "{\"p\":\"a\"}", 0, torn);
	TAP_STR(torn, k1, "the same submission, the same key");

	j = journal_open(path, err, sizeof(err));
	TAP_OK(j != NULL, "a new journal opens (%s)", j ? "" : err);
	if (j == NULL)
		return tap_done();
	TAP_STR(slurp(), "# mjpipe journal 1\n", "it starts with its header");
	j2 = journal_open(path, err, sizeof(err));
	TAP_OK(j2 == NULL, "a second writer is refused while the first holds it");
	if (j2 != NULL)
		(void)journal_close(j2, err, sizeof(err));
	TAP_INT(journal_lookup(j, k1, &id), JOURNAL_NEW, "unknown key: NEW");
	TAP_INT(journal_sent(j, k1), 0, "S");
	TAP_INT(journal_done(j, k1, "1773314942177684"), 0, "T");
	TAP_INT(journal_sent(j, k2), 0, "S, no reply");
	TAP_INT(journal_sent(j, k3), 0, "S");
	TAP_INT(journal_refused(j, k3), 0, "R");
	TAP_INT(journal_lookup(j, k1, &id), JOURNAL_DONE, "in memory: DONE");
	TAP_INT(journal_close(j, err, sizeof(err)), 0, "close");

	/* a torn last line, as a kill in the middle of a write leaves it */
	snprintf(torn, sizeof(torn), "T %s 99", k2);
	append_raw(torn);
	j = journal_open(path, err, sizeof(err));
	TAP_OK(j != NULL, "reopened with a torn last line");
	if (j == NULL)
		return tap_done();
	id = NULL;
	TAP_INT(journal_lookup(j, k1, &id), JOURNAL_DONE, "k1: DONE after reopening");
	TAP_STR(id, "1773314942177684", "k1: its task id");
	TAP_INT(journal_lookup(j, k2, &id), JOURNAL_SENT,
	    "k2: SENT (the torn T is ignored)");
	TAP_INT(journal_lookup(j, k3, &id), JOURNAL_NEW, "k3: refused is NEW");
	TAP_INT(journal_lookup(j, k4, &id), JOURNAL_NEW, "k4: never seen");
	TAP_INT(journal_sent(j, k4), 0, "append after the torn line");
	TAP_INT(journal_close(j, err, sizeof(err)), 0, "close");
	TAP_OK(strstr(slurp(), " 99") == NULL, "the torn line was cut off");
	snprintf(torn, sizeof(torn), "\nS %s\n", k4);
	TAP_OK(strstr(slurp(), torn) != NULL, "the new line follows a whole one");

	/* files that are not journals */
	snprintf(path, sizeof(path), "%s/notes.txt", dir);
	append_raw("my notes\n");
	j = journal_open(path, err, sizeof(err));
	TAP_OK(j == NULL, "a file that is not a journal is refused");
	TAP_OK(strstr(err, "notes.txt") != NULL, "... naming it (%s)", err);
	TAP_STR(slurp(), "my notes\n", "... and left as it was");
	j = journal_open(dir, err, sizeof(err));
	TAP_OK(j == NULL, "a directory is refused");
	if (geteuid() != 0) {
		snprintf(path, sizeof(path), "%s/locked.journal", dir);
		append_raw("# mjpipe journal 1\n");
		chmod(path, 0);
		TAP_OK(journal_open(path, err, sizeof(err)) == NULL,
		    "an unreadable journal is refused");
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/run.journal", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/notes.txt", dir);
	unlink(path);
	rmdir(dir);
	return tap_done();
}
