/*
 * Strict UTF-8: the well-formed byte sequences of Unicode table 3-7, and
 * nothing else.  The second byte's range is where overlongs, surrogates
 * and code points past U+10FFFF are told apart from the real thing.
 */
#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "utf8.h"

size_t
utf8_seq_len(const unsigned char *p, size_t avail)
{
	unsigned char	lo = 0x80, hi = 0xbf;
	size_t		n, k;

	if (avail == 0)
		return 0;
	if (p[0] < 0x80)
		return 1;
	if (p[0] < 0xc2)
		return 0;	/* a continuation byte, or C0/C1: overlong */
	if (p[0] < 0xe0)
		n = 2;
	else if (p[0] < 0xf0) {
		n = 3;
		if (p[0] == 0xe0)
			lo = 0xa0;	/* below: overlong, under U+0800 */
		else if (p[0] == 0xed)
			hi = 0x9f;	/* above: surrogates D800..DFFF */
	} else if (p[0] < 0xf5) {
		n = 4;
		if (p[0] == 0xf0)
			lo = 0x90;	/* below: overlong, under U+10000 */
		else if (p[0] == 0xf4)
			hi = 0x8f;	/* above: past U+10FFFF */
	} else
		return 0;	/* F5..FF: past U+10FFFF */
	if (avail < n || p[1] < lo || p[1] > hi)
		return 0;
	for (k = 2; k < n; k++)
		if ((p[k] & 0xc0) != 0x80)
			return 0;
	return n;
}

int
utf8_valid(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, n;

	for (i = 0; i < len; i += n)
		if ((n = utf8_seq_len(p + i, len - i)) == 0)
			return 0;
	return 1;
}

char *
utf8_fix(const char *s, size_t len, size_t *outlen, int no_nul)
{
	struct buf		 b = BUF_INIT;
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n;

	buf_append(&b, "", 0);	/* an empty text is "", not NULL */
	while (i < len) {
		n = utf8_seq_len(p + i, len - i);
		if (n == 0 || (no_nul && p[i] == '\0')) {
			buf_appends(&b, "\xef\xbf\xbd");
			i++;
			continue;
		}
		buf_append(&b, p + i, n);
		i += n;
	}
	return buf_detach(&b, outlen);
}

/* A sequence a terminal must not be handed raw (utf8.h). */
static int
steers(const unsigned char *p, size_t n)
{
	if (n == 1)
		return p[0] < 0x20 || p[0] == 0x7f;
	if (n == 2)
		return p[0] == 0xc2 && p[1] < 0xa0;	/* C1 controls */
	if (n == 3 && p[0] == 0xe2 && p[1] == 0x80)
		return p[2] >= 0xaa && p[2] <= 0xae;	/* U+202A..U+202E */
	if (n == 3 && p[0] == 0xe2 && p[1] == 0x81)
		return p[2] >= 0xa6 && p[2] <= 0xa9;	/* U+2066..U+2069 */
	return 0;
}

void
utf8_escape(struct buf *out, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n, k;
	char			 hex[5];

	buf_append(out, "", 0);	/* an empty text is "", not NULL */
	while (i < len) {
		n = utf8_seq_len(p + i, len - i);
		if (n > 0 && !steers(p + i, n)) {
			buf_append(out, p + i, n);
			i += n;
			continue;
		}
		/* a bad sequence: its first byte; the rest are seen next */
		for (k = 0; k < (n == 0 ? 1 : n); k++) {
			(void)snprintf(hex, sizeof(hex), "\\x%02x", p[i + k]);
			buf_append(out, hex, 4);
		}
		i += n == 0 ? 1 : n;
	}
}
