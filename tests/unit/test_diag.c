/*
 * Diagnostics: redaction of secrets and escaping of untrusted text.
 */
#include <stdlib.h>

#include "diag.h"
#include "tap.h"

static const struct {
	const char	*in;
	const char	*want;
} redactions[] = {
	{ "Authorization: Bearer sk-SECRET123", "Authorization: Bearer ***" },
	{ "mj-api-secret: sk-SECRET123", "mj-api-secret: ***" },
	{ "sk-SECRET123sk-SECRET123", "******" },
	{ "no secret here", "no secret here" },
	{ "prefix sk-SECRET12 almost", "prefix sk-SECRET12 almost" },
	{ "two keys: sk-SECRET123 other-KEY-9", "two keys: *** ***" },
	{ "", "" },
	/* a one-character key is redacted as a word, not inside words */
	{ "key x: box x-ray x", "key ***: box x-ray ***" },
	{ "\"x\" and (x)", "\"***\" and (***)" },
	{ "xx x_y yx", "xx x_y yx" },
	/* a short key, glued to text, stays: a long one never does */
	{ "k9z7k9z7 tok-k9z7", "k9z7k9z7 tok-k9z7" },
};

static const struct {
	const char	*in;
	const char	*want;
} escapes[] = {
	{ "plain text", "plain text" },
	{ "\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m" },
	{ "line\nbreak\ttab\r", "line\\x0abreak\\x09tab\\x0d" },
	{ "提交成功", "提交成功" },
	{ "caf\xc3\xa9", "caf\xc3\xa9" },
	{ "bad \xff byte", "bad \\xff byte" },
	{ "truncated \xe6\x8f", "truncated \\xe6\\x8f" },
	{ "C1 \xc2\x9b control", "C1 \\xc2\\x9b control" },
	{ "overlong \xc0\xaf", "overlong \\xc0\\xaf" },
	{ "emoji \xf0\x9f\x94\x84", "emoji \xf0\x9f\x94\x84" },
	{ "del \x7f", "del \\x7f" },
};

int
main(void)
{
	char	*s;
	size_t	 i;

	diag_init("test_diag");
	diag_add_secret("sk-SECRET123");
	diag_add_secret("other-KEY-9");
	diag_add_secret("");
	diag_add_secret("x");
	diag_add_secret("k9z7");
	for (i = 0; i < sizeof(redactions) / sizeof(redactions[0]); i++) {
		s = diag_redact(redactions[i].in);
		TAP_STR(s, redactions[i].want, "redact '%s'", redactions[i].want);
		free(s);
	}
	for (i = 0; i < sizeof(escapes) / sizeof(escapes[0]); i++) {
		s = diag_escape(escapes[i].in);
		TAP_STR(s, escapes[i].want, "escape case %zu", i);
		free(s);
	}
	diag_set_quiet(1);
	TAP_INT(diag_status_enabled(), 0, "no status line when quiet");
	diag_set_quiet(0);
	diag_status_force(1);
	TAP_INT(diag_status_enabled(), 1, "status line when forced");
	return tap_done();
}
