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

static const struct {
	const char	*name;
	const char	*key;
	const char	*id;		/* journal_done, or NULL: journal_sent */
} bad[] = {
	{ "a short key", "abc", NULL },
	{ "an upper-case key",
	  "F4883118F821DFE2915510172002C1F5C62C970E8870BBA9625E0FA0EE94A092", NULL },
	{ "an empty task id",
	  "f4883118f821dfe2915510172002c1f5c62c970e8870bba9625e0fa0ee94a092", "" },
	{ "a task id over 200 bytes",
	  "f4883118f821dfe2915510172002c1f5c62c970e8870bba9625e0fa0ee94a092",
	  "0123456789012345678901234567890123456789012345678901234567890123456789"
	  "0123456789012345678901234567890123456789012345678901234567890123456789"
	  "0123456789012345678901234567890123456789012345678901234567890123456789" },
	{ "a task id with a newline",
	  "f4883118f821dfe2915510172002c1f5c62c970e8870bba9625e0fa0ee94a092",
	  "17\n73" },
	{ "a key with a space",
	  "f4883118f821dfe2915510172002c1f5c62c970e8870bba9625e0fa0ee94a09 ",
	  "1773" },
	{ "a key with a newline",
	  "f4883118f821dfe2915510172002c1f5c62c970e8870bba9625e0fa0ee94a09\n",
	  NULL },
	{ "an empty key", "", NULL },
};

/* What journal_each_tagged gave last. */
static char		tagged_key[JOURNAL_KEY_LEN + 1];
static long long	tagged_at;

static void
take_tagged(const char *key, long long at, void *arg)
{
	(void)arg;
	(void)snprintf(tagged_key, sizeof(tagged_key), "%s", key);
	tagged_at = at;
}

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
	char		 k5[JOURNAL_KEY_LEN + 1], torn[256], want[1024];
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
	/* a key written by this version must be found by the next one */
	TAP_STR(k1, "f4883118f821dfe2915510172002c1f5c62c970e8870bba9625e0fa0ee94a092",
	    "the key of a known submission is pinned");
	journal_key("/mj/submit/imagine", "{\"prompt\":\"a\"}", "{\"p\":\"a\"}",
	    4294967296UL, torn);
	TAP_STR(torn, "9c0978b982b4d3ad34db5635cce2d960a6f9808951c7c5990308dcaf8466e2a3",
	    "... and with a large ordinal");

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
	TAP_INT(journal_sent(j, k1, 0), 0, "S");
	TAP_INT(journal_done(j, k1, "1773314942177684"), 0, "T");
	TAP_INT(journal_sent(j, k2, 1764000000), 0, "S with a tag time, no reply");
	TAP_INT(journal_sent(j, k3, 0), 0, "S");
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
	tagged_key[0] = '\0';
	tagged_at = 0;
	TAP_INT(journal_each_tagged(j, take_tagged, NULL), 1,
	    "one key tagged and unanswered (k1 has its task)");
	TAP_STR(tagged_key, k2, "... k2");
	TAP_INT(tagged_at, 1764000000, "... sent with its tag then");
	journal_tag(k1, torn);
	TAP_STR(torn, "mjpipe-f4883118f821dfe2915510172002c1f5",
	    "a key's tag: the prefix and 32 hex digits");
	TAP_INT(journal_lookup(j, k3, &id), JOURNAL_NEW, "k3: refused is NEW");
	TAP_INT(journal_lookup(j, k4, &id), JOURNAL_NEW, "k4: never seen");
	TAP_INT(journal_sent(j, k4, 0), 0, "append after the torn line");
	TAP_INT(journal_close(j, err, sizeof(err)), 0, "close");
	TAP_OK(strstr(slurp(), " 99") == NULL, "the torn line was cut off");
	snprintf(torn, sizeof(torn), "\nS %s\n", k4);
	TAP_OK(strstr(slurp(), torn) != NULL, "the new line follows a whole one");

	snprintf(want, sizeof(want), "# mjpipe journal 1\nS %s\n"
	    "T %s 1773314942177684\nS %s 1764000000\nS %s\nR %s\nS %s\n", k1,
	    k1, k2, k3, k3, k4);
	TAP_STR(slurp(), want, "the whole file, line by line");

	/* a task id, once known, stays */
	j = journal_open(path, err, sizeof(err));
	TAP_OK(j != NULL, "reopened (%s)", j ? "" : err);
	if (j == NULL)
		return tap_done();
	TAP_INT(journal_refused(j, k1), 0, "R after T");
	TAP_INT(journal_done(j, k1, "2"), 0, "a second T");
	TAP_INT(journal_sent(j, k1, 0), 0, "S after T");
	TAP_INT(journal_lookup(j, k1, &id), JOURNAL_DONE, "k1 still DONE");
	TAP_STR(id, "1773314942177684", "... with its first task id");
	TAP_INT(journal_done(j, k5, "a b"), -1, "a task id with a space: refused");
	TAP_INT(journal_lookup(j, k5, &id), JOURNAL_NEW, "... and not recorded");
	TAP_OK(journal_error(j) != NULL && *journal_error(j) != '\0',
	    "... saying why (%s)", journal_error(j));
	/*
	 * Entries that apply() would refuse on loading must be refused
	 * before they reach the file, or the journal cannot be opened again.
	 */
	snprintf(want, sizeof(want), "%s", slurp());
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int	rc;

		rc = bad[i].id != NULL ? journal_done(j, bad[i].key, bad[i].id) :
		    journal_sent(j, bad[i].key, 0);
		TAP_INT(rc, -1, "%s: refused", bad[i].name);
		TAP_STR(slurp(), want, "%s: nothing written", bad[i].name);
	}
	TAP_INT(journal_done(j, k2, NULL), -1, "T without a task id: refused");
	TAP_STR(slurp(), want, "... nothing written");
	TAP_INT(journal_close(j, err, sizeof(err)), 0, "close");
	j = journal_open(path, err, sizeof(err));
	TAP_OK(j != NULL, "the journal still opens after refused "
	    "entries (%s)", j ? "" : err);
	if (j != NULL) {
		TAP_INT(journal_lookup(j, k1, &id), JOURNAL_DONE,
		    "k1 DONE after reopening");
		(void)journal_close(j, err, sizeof(err));
	}

	/* a corrupt whole line is not a torn one: refused, left alone */
	snprintf(path, sizeof(path), "%s/corrupt.journal", dir);
	snprintf(want, sizeof(want), "# mjpipe journal 1\nS %s\nX %s\nS %s\n",
	    k1, k2, k3);
	append_raw(want);
	j = journal_open(path, err, sizeof(err));
	TAP_OK(j == NULL, "a corrupt line in the middle is refused");
	TAP_OK(strstr(err, "line 3") != NULL, "... naming the line (%s)", err);
	TAP_STR(slurp(), want, "... and the file is left as it was");
	if (j != NULL)
		(void)journal_close(j, err, sizeof(err));
	unlink(path);

	/* a send time that is not a number is as corrupt */
	snprintf(want, sizeof(want), "# mjpipe journal 1\nS %s 12ab\nS %s\n",
	    k1, k2);
	append_raw(want);
	j = journal_open(path, err, sizeof(err));
	TAP_OK(j == NULL, "a send time that is not a number is refused");
	TAP_OK(strstr(err, "line 2") != NULL, "... naming the line (%s)", err);
	if (j != NULL)
		(void)journal_close(j, err, sizeof(err));
	unlink(path);

	/* an empty file (touch(1)) becomes a journal */
	snprintf(path, sizeof(path), "%s/empty.journal", dir);
	append_raw("");
	j = journal_open(path, err, sizeof(err));
	TAP_OK(j != NULL, "an empty file opens (%s)", j ? "" : err);
	if (j != NULL)
		(void)journal_close(j, err, sizeof(err));
	TAP_STR(slurp(), "# mjpipe journal 1\n", "... and gets the header");
	unlink(path);

	/* a kill while the header was written: a torn header, and no more */
	snprintf(path, sizeof(path), "%s/torn.journal", dir);
	append_raw("# mjpipe jou");
	j = journal_open(path, err, sizeof(err));
	TAP_OK(j != NULL, "a torn header opens (%s)", j ? "" : err);
	if (j != NULL)
		(void)journal_close(j, err, sizeof(err));
	TAP_STR(slurp(), "# mjpipe journal 1\n", "... and gets the whole header");
	unlink(path);
	append_raw("# mjpipe journal 2\n");
	TAP_OK(journal_open(path, err, sizeof(err)) == NULL,
	    "a header of another version is refused");
	TAP_STR(slurp(), "# mjpipe journal 2\n", "... and left as it was");
	unlink(path);
	append_raw("# mjpipe");
	append_raw("!");
	TAP_OK(journal_open(path, err, sizeof(err)) == NULL,
	    "a short file that is not a header's start is refused");
	unlink(path);
	snprintf(path, sizeof(path), "%s/run.journal", dir);

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
