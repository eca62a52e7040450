/*
 * Base64 (RFC 4648 section 4, with padding): images sent in request
 * bodies as data: URIs, and the gallery's script hash.
 */
#include <stddef.h>

#include "base64.h"
#include "buf.h"

void
base64_append(struct buf *b, const void *data, size_t n)
{
	const unsigned char	*p = data;
	static const char	 tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char			 q[4];
	size_t			 i;
	unsigned long		 v;

	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned long)p[i] << 16 | (unsigned long)p[i + 1] << 8 |
		    p[i + 2];
		q[0] = tab[v >> 18 & 63];
		q[1] = tab[v >> 12 & 63];
		q[2] = tab[v >> 6 & 63];
		q[3] = tab[v & 63];
		buf_append(b, q, 4);
	}
	if (i < n) {
		v = (unsigned long)p[i] << 16;
		if (i + 1 < n)
			v |= (unsigned long)p[i + 1] << 8;
		q[0] = tab[v >> 18 & 63];
		q[1] = tab[v >> 12 & 63];
		q[2] = i + 1 < n ? tab[v >> 6 & 63] : '=';
		q[3] = '=';
		buf_append(b, q, 4);
	}
}
