/*
 * Base64: the test vectors of RFC 4648 section 10, and bytes past 0x7f.
 */
#include <string.h>

#include "base64.h"
#include "buf.h"
#include "tap.h"

static const struct {
	const char	*in;
	size_t		 len;
	const char	*want;
} cases[] = {
	{ "", 0, "" },
	{ "f", 1, "Zg==" },
	{ "fo", 2, "Zm8=" },
	{ "foo", 3, "Zm9v" },
	{ "foob", 4, "Zm9vYg==" },
	{ "fooba", 5, "Zm9vYmE=" },
	{ "foobar", 6, "Zm9vYmFy" },
	{ "\xff\xfe\xfd", 3, "//79" },
	{ "\0\0\0\0", 4, "AAAAAA==" },
	{ "\x89PNG\r\n\x1a\n", 8, "iVBORw0KGgo=" },
};

int
main(void)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&b);
		base64_append(&b, cases[i].in, cases[i].len);
		TAP_STR(buf_str(&b), cases[i].want, "case %zu: %zu bytes", i,
		    cases[i].len);
	}
	buf_reset(&b);
	buf_appends(&b, "data:image/png;base64,");
	base64_append(&b, "fo", 2);
	TAP_STR(buf_str(&b), "data:image/png;base64,Zm8=", "appends after "
	    "what the buffer holds");
	buf_free(&b);
	return tap_done();
}
