/*
 * libFuzzer target: the journal as mj-submit reads it back after a crash
 * (any bytes: torn lines, unknown kinds, bad keys), then one line added
 * and the journal read again, as the next run would.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "journal.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char	key[] =
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

static void
tagged(const char *k, long long at, void *arg)
{
	(void)k;
	(void)at;
	(*(size_t *)arg)++;
}

static void
read_back(const char *path)
{
	struct journal	*j;
	const char	*id;
	char		 err[256];
	long long	 at;
	size_t		 n = 0;

	if ((j = journal_open(path, err, sizeof(err))) == NULL)
		return;
	(void)journal_lookup(j, key, &id);
	(void)journal_link_get(j, key, &at);
	(void)journal_each_tagged(j, tagged, &n);
	/* a line added after what was read must be whole on disk */
	(void)journal_done(j, key, "1234");
	(void)journal_close(j, err, sizeof(err));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	 path[] = "/tmp/fuzz_journal.XXXXXX";
	FILE	*f;
	int	 fd;

	if ((fd = mkstemp(path)) == -1)
		abort();
	if ((f = fdopen(fd, "w")) == NULL ||
	    fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	read_back(path);
	read_back(path);
	if (unlink(path) == -1)
		abort();
	return 0;
}
