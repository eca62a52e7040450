/*
 * The server's limits checked on what would be sent (serverlimits.h).
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "serverlimits.h"

size_t
serverlimits_utf16_len(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, n = 0;

	/* one unit per code point, two past U+FFFF (4-byte UTF-8) */
	for (i = 0; i < len; i++)
		if ((p[i] & 0xC0) != 0x80)
			n += p[i] >= 0xF0 ? 2 : 1;
	return n;
}

int
serverlimits_blend(size_t images, char *err, size_t errlen)
{
	if (images >= SERVERLIMITS_BLEND_MIN &&
	    images <= SERVERLIMITS_BLEND_MAX)
		return 0;
	(void)snprintf(err, errlen, "a blend takes %d to %d images (the "
	    "server's limit), got %zu; nothing was sent",
	    SERVERLIMITS_BLEND_MIN, SERVERLIMITS_BLEND_MAX, images);
	return -1;
}

/* A string member over max UTF-16 units: -1 with err. */
static int
text_limit(json_object *body, const char *key, size_t max, char *err,
    size_t errlen)
{
	json_object	*v;
	size_t		 n;

	if (!json_object_object_get_ex(body, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return 0;
	n = serverlimits_utf16_len(json_object_get_string(v),
	    (size_t)json_object_get_string_len(v));
	if (n <= max)
		return 0;
	(void)snprintf(err, errlen, "%s is %zu characters (UTF-16 code "
	    "units), over the server's limit of %zu; nothing was sent", key,
	    n, max);
	return -1;
}

int
serverlimits_check(const char *endpoint, const char *body, char *err,
    size_t errlen)
{
	json_object	*o, *imgs;
	int		 blend, rc = 0;

	blend = endpoint != NULL && strcmp(endpoint, "/mj/submit/blend") == 0;
	if (!blend && strstr(body, "\"state\"") == NULL &&
	    strstr(body, "\"notifyHook\"") == NULL)
		return 0;
	if ((o = json_tokener_parse(body)) == NULL ||
	    !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		return 0;	/* not ours to judge */
	}
	if (text_limit(o, "state", SERVERLIMITS_STATE_MAX, err,
	    errlen) == -1 || text_limit(o, "notifyHook",
	    SERVERLIMITS_HOOK_MAX, err, errlen) == -1)
		rc = -1;
	else if (blend && json_object_object_get_ex(o, "base64Array", &imgs))
		rc = serverlimits_blend(json_object_is_type(imgs,
		    json_type_array) ? json_object_array_length(imgs) : 0, err,
		    errlen);
	json_object_put(o);
	return rc;
}
