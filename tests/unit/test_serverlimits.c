/*
 * serverlimits: UTF-16 lengths as the server counts them, and bodies against
 * the state, notifyHook and blend limits, each side of each boundary.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "serverlimits.h"
#include "tap.h"

static const struct {
	const char	*text;
	size_t		 units;
} lengths[] = {
	{ "", 0 }, { "abc", 3 }, { "caf\xc3\xa9", 4 }, { "\xe2\x98\x95", 1 },
	{ "\xf0\x9f\x98\x80", 2 }, { "a\xf0\x9f\x98\x80z", 4 },
	{ "\xe4\xb8\xad\xe6\x96\x87", 2 },
};

/* {"prompt":"p","KEY":"<n times unit>"} */
static char *
body_with(const char *key, const char *unit, size_t n)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	buf_appendf(&b, "{\"prompt\":\"p\",\"%s\":\"", key);
	for (i = 0; i < n; i++)
		buf_appends(&b, unit);
	buf_appends(&b, "\"}");
	return buf_detach(&b, NULL);
}

static void
text_limits(void)
{
	static const struct {
		const char	*key, *unit;
		size_t		 n;
		int		 ok;
		const char	*message;
	} c[] = {
		{ "state", "a", 255, 1, NULL },
		{ "state", "a", 256, 0, "state is 256 characters (UTF-16 "
		    "code units), over the server's limit of 255; nothing "
		    "was sent" },
		{ "state", "a", 300, 0, "state is 300 characters (UTF-16 "
		    "code units), over the server's limit of 255; nothing "
		    "was sent" },
		{ "state", "\xc3\xa9", 255, 1, NULL },
		{ "state", "\xf0\x9f\x98\x80", 127, 1, NULL },
		{ "state", "\xf0\x9f\x98\x80", 128, 0, "state is 256 "
		    "characters (UTF-16 code units), over the server's limit "
		    "of 255; nothing was sent" },
		{ "notifyHook", "h", 2000, 1, NULL },
		{ "notifyHook", "h", 2001, 0, "notifyHook is 2001 characters "
		    "(UTF-16 code units), over the server's limit of 2000; "
		    "nothing was sent" },
	};
	char	*body, err[256];
	size_t	 i;
	int	 rc;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		body = body_with(c[i].key, c[i].unit, c[i].n);
		err[0] = '\0';
		rc = serverlimits_check("/mj/submit/imagine", body, err,
		    sizeof(err));
		TAP_INT(rc, c[i].ok ? 0 : -1, "%s of %zu x '%s'", c[i].key,
		    c[i].n, c[i].unit);
		if (!c[i].ok)
			TAP_STR(err, c[i].message, "... its message");
		free(body);
	}
}

static void
blends(void)
{
	static const struct {
		const char	*body;
		int		 ok;
	} c[] = {
		{ "{\"base64Array\":[\"a\"]}", 0 },
		{ "{\"base64Array\":[\"a\",\"b\"]}", 1 },
		{ "{\"base64Array\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}", 1 },
		{ "{\"base64Array\":[\"a\",\"b\",\"c\",\"d\",\"e\","
		    "\"f\"]}", 0 },
		{ "{\"base64Array\":[]}", 0 },
	};
	char	err[256];
	size_t	i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		TAP_INT(serverlimits_check("/mj/submit/blend", c[i].body, err,
		    sizeof(err)), c[i].ok ? 0 : -1, "blend body %zu", i);
	TAP_INT(serverlimits_blend(1, err, sizeof(err)), -1, "a 1-image blend");
	TAP_STR(err, "a blend takes 2 to 5 images (the server's limit), got "
	    "1; nothing was sent", "... its message");
	TAP_INT(serverlimits_blend(2, err, sizeof(err)), 0, "a 2-image blend");
	TAP_INT(serverlimits_check("/mj/submit/imagine",
	    "{\"base64Array\":[\"a\"]}", err, sizeof(err)), 0,
	    "one image on imagine is no blend");
	TAP_INT(serverlimits_check("/mj/submit/imagine",
	    "not json \"state\"", err, sizeof(err)), 0,
	    "a body that is not JSON is not judged here");
}

int
main(void)
{
	size_t	i;

	for (i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++)
		TAP_INT(serverlimits_utf16_len(lengths[i].text,
		    strlen(lengths[i].text)), lengths[i].units,
		    "UTF-16 length of \"%s\"", lengths[i].text);
	text_limits();
	blends();
	return tap_done();
}
