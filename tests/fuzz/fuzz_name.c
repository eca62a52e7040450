/*
 * libFuzzer target: file names from untrusted text.  The name template is
 * expanded from a record made of the input, then sanitized; the result
 * must be one safe path component, whatever came in.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "record.h"
#include "template.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_safe(const char *name, size_t max)
{
	if (*name == '\0' || *name == '.' || strchr(name, '/') != NULL ||
	    strlen(name) > max)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct record	*r;
	json_object	*obj;
	char		*text, *name, *tmpl, err[256];
	size_t		 half = size / 2;

	/* first half: a field's value; second half: the template */
	text = strndup((const char *)data, half);
	tmpl = strndup((const char *)data + half, size - half);
	if (text == NULL || tmpl == NULL)
		abort();
	obj = json_object_new_object();
	json_add_string(obj, "id", text);
	json_add_string(obj, "sku", text);
	r = record_new(obj, 1);
	name = fsutil_safe_name(text, 0);
	check_safe(name, FSUTIL_NAME_MAX);
	free(name);
	if ((name = template_expand(tmpl, r, err, sizeof(err))) != NULL) {
		char *safe = fsutil_safe_name(name, 40);

		check_safe(safe, 40);
		free(safe);
		free(name);
	}
	record_free(r);
	free(text);
	free(tmpl);
	return 0;
}
