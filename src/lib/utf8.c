/*
 * Strict UTF-8: the well-formed byte sequences of Unicode table 3-7, and
 * nothing else.  The second byte's range is where overlongs, surrogates
 * and code points past U+10FFFF are told apart from the real thing.
 */
#include <stddef.h>

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
