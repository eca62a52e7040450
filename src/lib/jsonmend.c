/*
 * The writer's side of strict JSON: what json-c would write for a value
 * read leniently (a server's reply) is mended into RFC 8259 in UTF-8, and
 * a key's marked U+0000 (jsonstrict.h) is written back as its escape.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jsonmend.h"
#include "jsonstrict.h"
#include "utf8.h"
#include "xalloc.h"

/* The marked escape at p (decode()): 0xFF "u0000", and nothing else. */
static int
key_mark(const unsigned char *p)
{
	return p[0] == JSONSTRICT_KEY_MARK && memcmp(p + 1, "u0000", 5) == 0;
}

/* 1 if key is UTF-8 with marked U+0000, as jsonstrict_parse makes keys. */
static int
jsonmend_key_valid(const char *key)
{
	const unsigned char	*p = (const unsigned char *)key;
	size_t			 n, len = strlen(key);

	while (*p != '\0') {
		if (*p == JSONSTRICT_KEY_MARK && len >= 6 && key_mark(p))
			n = 6;
		else if ((n = utf8_seq_len(p, len)) == 0)
			return 0;
		p += n;
		len -= n;
	}
	return 1;
}

size_t
jsonmend_unmark(char *s, size_t len)
{
	unsigned char	*p = (unsigned char *)s, *end = p + len;
	size_t		 n = 0;

	while ((p = memchr(p, JSONSTRICT_KEY_MARK, (size_t)(end - p))) !=
	    NULL) {
		if (end - p >= 6 && key_mark(p)) {
			*p = '\\';
			n++;
		}
		p++;
	}
	return n;
}

/* 1 if a double must become null; mends a finite one in place. */
static int
bad_double(json_object *d, size_t *changes)
{
	const char	*t;

	t = json_object_to_json_string_ext(d, JSON_C_TO_STRING_PLAIN);
	if (t == NULL)
		xalloc_oom();
	if (jsonstrict_number(t, strlen(t)))
		return 0;
	(*changes)++;
	if (!isfinite(json_object_get_double(d)))
		return 1;
	/* written from its value, by json-c's own format */
	json_object_set_serializer(d, NULL, NULL, NULL);
	return 0;
}

static size_t	sanitize(json_object *v);

/* The key is there: its value is replaced, the table is not changed. */
static void
null_member(json_object *obj, const char *key)
{
	if (json_object_object_add(obj, key, NULL) != 0)
		xalloc_oom();
}

static void
sanitize_keys(json_object *obj, size_t *changes)
{
	struct json_object_iterator	 it, end;
	char				**bad = NULL, *fixed;
	size_t				 n = 0, i;
	json_object			*v;

	it = json_object_iter_begin(obj);
	end = json_object_iter_end(obj);
	for (; !json_object_iter_equal(&it, &end); json_object_iter_next(&it)) {
		const char *k = json_object_iter_peek_name(&it);

		if (!jsonmend_key_valid(k)) {
			bad = xreallocarray(bad, n + 1, sizeof(*bad));
			bad[n++] = xstrdup(k);
		}
	}
	/* renamed keys go to the end: the table cannot change in a walk */
	for (i = 0; i < n; i++) {
		(void)json_object_object_get_ex(obj, bad[i], &v);
		v = json_object_get(v);
		json_object_object_del(obj, bad[i]);
		fixed = utf8_fix(bad[i], strlen(bad[i]), NULL, 1);
		if (json_object_object_add(obj, fixed, v) != 0)
			xalloc_oom();
		free(fixed);
		free(bad[i]);
		(*changes)++;
	}
	free(bad);
}

static size_t
sanitize(json_object *v)
{
	struct json_object_iterator	 it, end;
	size_t				 changes = 0, i, n, len;
	const char			*s;
	char				*fixed;
	json_object			*c;

	switch (json_object_get_type(v)) {
	case json_type_string:
		s = json_object_get_string(v);
		len = (size_t)json_object_get_string_len(v);
		if (utf8_valid(s, len))
			return 0;
		fixed = utf8_fix(s, len, &len, 0);
		if (json_object_set_string_len(v, fixed, (int)len) == 0)
			xalloc_oom();
		free(fixed);
		return 1;
	case json_type_array:
		n = json_object_array_length(v);
		for (i = 0; i < n; i++) {
			c = json_object_array_get_idx(v, i);
			if (json_object_is_type(c, json_type_double) &&
			    bad_double(c, &changes))
				(void)json_object_array_put_idx(v, i, NULL);
			else
				changes += sanitize(c);
		}
		return changes;
	case json_type_object:
		it = json_object_iter_begin(v);
		end = json_object_iter_end(v);
		for (; !json_object_iter_equal(&it, &end);
		    json_object_iter_next(&it)) {
			c = json_object_iter_peek_value(&it);
			if (json_object_is_type(c, json_type_double) &&
			    bad_double(c, &changes))
				null_member(v, json_object_iter_peek_name(&it));
			else
				changes += sanitize(c);
		}
		sanitize_keys(v, &changes);
		return changes;
	case json_type_double:
		(void)bad_double(v, &changes);
		return changes;
	default:
		return 0;
	}
}

size_t
jsonmend_sanitize(json_object *v)
{
	return sanitize(v);
}
