/*
 * libFuzzer target: the JSON-lines record reader (record_parse) and the
 * writer, line by line, with the record helpers that read reserved fields.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "api.h"
#include "record.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_tokener	*tok = record_tokener_new();
	struct record		*r;
	const char		*p = (const char *)data, *end = p + size, *nl;
	size_t			 len;
	long			 lineno = 0;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		r = record_parse(tok, p, len, ++lineno);
		(void)record_task_id(r);
		(void)api_task_status(record_task(r));
		(void)record_serialize(r, &len);
		record_set_string(r, "x", "y");
		(void)record_serialize(r, &len);
		record_free(r);
		p += (nl != NULL ? (size_t)(nl - p) : (size_t)(end - p)) + 1;
	}
	json_tokener_free(tok);
	return 0;
}
