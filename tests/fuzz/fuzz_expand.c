/*
 * libFuzzer target: the prompt expander.  Whatever the prompt, parsing
 * ends, the count is at least 1, and every job written (a spread of them
 * when there are many) fits in the prompt's length; a prompt with no
 * brace, backslash or --repeat comes out byte for byte, once.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expand.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define JOBS_TRIED	64

static int
plain(const char *s, size_t len)
{
	return memchr(s, '{', len) == NULL && memchr(s, '}', len) == NULL &&
	    memchr(s, '\\', len) == NULL && memchr(s, '-', len) == NULL &&
	    memchr(s, '\xe2', len) == NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*s = (const char *)data, *job;
	struct expand	*e;
	char		 err[256];
	uint64_t	 n, i, step;
	size_t		 len;

	err[0] = '\0';
	if ((e = expand_new(s, size, err, sizeof(err))) == NULL) {
		if (err[0] == '\0')
			abort();	/* a refusal always says why */
		return 0;
	}
	n = expand_count(e);
	if (n < 1 || n > EXPAND_COUNT_MAX)
		abort();
	if (expand_check(e, EXPAND_JOBS_DEFAULT, err, sizeof(err)) !=
	    (n > EXPAND_JOBS_DEFAULT ? -1 : 0))
		abort();
	step = n / JOBS_TRIED + 1;
	for (i = 0; i < n; i += step) {
		job = expand_job(e, i, &len);
		if (len > size || strlen(job) > len)
			abort();
	}
	job = expand_job(e, n - 1, &len);
	if (plain(s, size) && (n != 1 || len != size ||
	    memcmp(job, s, size) != 0))
		abort();
	expand_free(e);
	return 0;
}
