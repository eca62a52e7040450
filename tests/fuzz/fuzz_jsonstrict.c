/*
 * libFuzzer target: the strict reader and the writer (jsonstrict).
 *  - jsonstrict_parse reads exactly what jsonstrict_valid accepts;
 *  - what it read is written (json_line) as strict JSON, which reads back
 *    and is written again byte for byte the same;
 *  - whatever json-c's lenient tokener makes of the bytes (a server's
 *    reply, api.c) is written as strict JSON too (json_line exits if not).
 * A broken promise aborts.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonstrict.h"
#include "record.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
round_trip(json_object *v)
{
	struct jsonstrict_error	 err;
	json_object		*again;
	const char		*s;
	char			*first;
	size_t			 len, len2;

	s = json_line(v, &len);
	if (!jsonstrict_valid(s, len))
		abort();
	first = malloc(len + 1);
	if (first == NULL)
		abort();
	memcpy(first, s, len + 1);
	again = jsonstrict_parse(first, len, &err);
	if (again == NULL)
		abort();	/* what was written does not read back */
	s = json_line(again, &len2);
	if (len2 != len || memcmp(s, first, len) != 0)
		abort();	/* written twice, two texts */
	json_object_put(again);
	free(first);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jsonstrict_error	 err;
	struct json_tokener	*tok;
	json_object		*v;
	const char		*s = (const char *)data;
	int			 valid;

	valid = jsonstrict_valid(s, size);
	v = jsonstrict_parse(s, size, &err);
	if (valid != (v != NULL || err.msg[0] == '\0'))
		abort();	/* the checker and the builder disagree */
	if (!valid && err.offset > size)
		abort();
	if (json_object_is_type(v, json_type_object) ||
	    json_object_is_type(v, json_type_array))
		round_trip(v);
	json_object_put(v);

	/* a server's reply: read leniently, written strictly */
	if (size > (size_t)INT32_MAX || (tok = json_tokener_new()) == NULL)
		return 0;
	v = json_tokener_parse_ex(tok, s, (int)size);
	if (json_object_is_type(v, json_type_object) ||
	    json_object_is_type(v, json_type_array)) {
		size_t len;

		s = json_line(v, &len);
		if (!jsonstrict_valid(s, len))
			abort();
	}
	json_object_put(v);
	json_tokener_free(tok);
	return 0;
}
