/*
 * UTF-8: the validator's sequence lengths and the one escape rule for a
 * terminal (utf8_escape), a case per class of byte it must not pass raw.
 */
#include <string.h>

#include "buf.h"
#include "tap.h"
#include "utf8.h"

static const struct {
	const char	*in;
	size_t		 len;
	size_t		 want;
} seqs[] = {
	{ "a", 1, 1 },
	{ "\xc3\xa9", 2, 2 },
	{ "\xe6\x8f\x90", 3, 3 },
	{ "\xf0\x9f\x94\x84", 4, 4 },
	{ "\xc0\xaf", 2, 0 },			/* overlong '/' */
	{ "\xe0\x80\xaf", 3, 0 },		/* overlong, 3 bytes */
	{ "\xf0\x80\x80\xaf", 4, 0 },		/* overlong, 4 bytes */
	{ "\xed\xa0\x80", 3, 0 },		/* surrogate U+D800 */
	{ "\xf4\x90\x80\x80", 4, 0 },		/* U+110000 */
	{ "\xf5\x80\x80\x80", 4, 0 },
	{ "\x80", 1, 0 },			/* a lone continuation */
	{ "\xe6\x8f", 2, 0 },			/* truncated */
};

static const struct {
	const char	*what;
	const char	*in;
	const char	*want;
} escapes[] = {
	{ "plain", "plain text", "plain text" },
	{ "backslash kept", "a\\x1b", "a\\x1b" },
	{ "UTF-8 kept", "caf\xc3\xa9 \xe6\x8f\x90 \xf0\x9f\x94\x84",
	    "caf\xc3\xa9 \xe6\x8f\x90 \xf0\x9f\x94\x84" },
	{ "C0: ESC", "\x1b[2J", "\\x1b[2J" },
	{ "C0: BEL, BS, CR, LF, TAB", "\a\b\r\n\t",
	    "\\x07\\x08\\x0d\\x0a\\x09" },
	{ "DEL", "\x7f", "\\x7f" },
	{ "C1: CSI U+009B", "\xc2\x9b" "2J", "\\xc2\\x9b" "2J" },
	{ "C1: NEL U+0085", "\xc2\x85", "\\xc2\\x85" },
	{ "C1: U+0080", "\xc2\x80", "\\xc2\\x80" },
	{ "C1: U+009F", "\xc2\x9f", "\\xc2\\x9f" },
	{ "U+00A0 is no control", "\xc2\xa0", "\xc2\xa0" },
	{ "overlong ESC", "\xc0\x9b", "\\xc0\\x9b" },
	{ "overlong 3 bytes", "\xe0\x80\x9b", "\\xe0\\x80\\x9b" },
	{ "overlong 4 bytes", "\xf0\x80\x80\x9b", "\\xf0\\x80\\x80\\x9b" },
	{ "surrogate", "\xed\xa0\x80", "\\xed\\xa0\\x80" },
	{ "past U+10FFFF", "\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80" },
	{ "F5..FF", "\xf5\xff", "\\xf5\\xff" },
	{ "lone continuation", "a\x80z", "a\\x80z" },
	{ "truncated", "\xe6\x8f", "\\xe6\\x8f" },
	{ "bidi LRE U+202A", "\xe2\x80\xaa", "\\xe2\\x80\\xaa" },
	{ "bidi RLO U+202E", "ab\xe2\x80\xae" "cd", "ab\\xe2\\x80\\xae" "cd" },
	{ "bidi LRI U+2066", "\xe2\x81\xa6", "\\xe2\\x81\\xa6" },
	{ "bidi PDI U+2069", "\xe2\x81\xa9", "\\xe2\\x81\\xa9" },
	{ "U+2029 passes", "\xe2\x80\xa9", "\xe2\x80\xa9" },
	{ "U+206A passes", "\xe2\x81\xaa", "\xe2\x81\xaa" },
};

int
main(void)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++)
		TAP_INT(utf8_seq_len((const unsigned char *)seqs[i].in,
		    seqs[i].len), seqs[i].want, "sequence case %zu", i);
	for (i = 0; i < sizeof(escapes) / sizeof(escapes[0]); i++) {
		buf_reset(&b);
		utf8_escape(&b, escapes[i].in, strlen(escapes[i].in));
		TAP_STR(buf_str(&b), escapes[i].want, "escape: %s",
		    escapes[i].what);
	}
	buf_reset(&b);
	utf8_escape(&b, "a\0b", 3);
	TAP_STR(buf_str(&b), "a\\x00b", "escape: NUL inside the length");
	/* escaping what is escaped changes nothing */
	for (i = 0; i < sizeof(escapes) / sizeof(escapes[0]); i++) {
		struct buf	again = BUF_INIT;

		buf_reset(&b);
		utf8_escape(&b, escapes[i].in, strlen(escapes[i].in));
		utf8_escape(&again, b.data, b.len);
		TAP_STR(buf_str(&again), buf_str(&b), "idempotent: %s",
		    escapes[i].what);
		buf_free(&again);
	}
	buf_free(&b);
	return tap_done();
}
