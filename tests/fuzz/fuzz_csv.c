/*
 * libFuzzer target: the CSV reader and the input formats of mj-submit.
 * The input is split into lines as input.c would; every record made is
 * serialized (so that its text is walked) and freed.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "record.h"
#include "source.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum source_format formats[] = {
		SOURCE_AUTO, SOURCE_CSV, SOURCE_JSONL, SOURCE_LINES
	};
	struct source	*src;
	struct record	*r;
	const char	*p, *end, *nl;
	size_t		 len;
	long		 lineno = 0;

	if (size == 0)
		return 0;
	/* the first byte picks the format, the rest is the input */
	src = source_new(formats[data[0] % 4], data[0] & 4 ? "title" : NULL);
	p = (const char *)data + 1;
	end = (const char *)data + size;
	while (p < end && source_fatal(src) == NULL) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		if ((r = source_push(src, p, len, ++lineno)) != NULL) {
			(void)record_serialize(r, &len);
			record_free(r);
		}
		p += len + 1;
	}
	if (source_fatal(src) == NULL && (r = source_finish(src)) != NULL) {
		(void)record_serialize(r, &len);
		record_free(r);
	}
	source_free(src);
	return 0;
}
