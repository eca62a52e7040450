/*
 * Growable buffers: appends, formatted appends, consuming a prefix.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tap.h"

int
main(void)
{
	struct buf	 b = BUF_INIT;
	char		*p;
	size_t		 len, i;

	TAP_STR(buf_str(&b), "", "empty buffer reads as \"\"");
	buf_appends(&b, "hello");
	buf_appendc(&b, ' ');
	buf_appendf(&b, "%s %d", "world", 42);
	TAP_STR(buf_str(&b), "hello world 42", "appends concatenate");
	TAP_INT(b.len, 14, "length counts bytes");
	buf_consume(&b, 6);
	TAP_STR(buf_str(&b), "world 42", "consume drops a prefix");
	buf_consume(&b, 100);
	TAP_INT(b.len, 0, "consuming more than held empties it");
	for (i = 0; i < 100000; i++)
		buf_append(&b, "0123456789", 10);
	TAP_INT(b.len, 1000000, "a million bytes appended");
	TAP_INT(strlen(b.data), 1000000, "still NUL-terminated");
	buf_append(&b, "a\0b", 3);
	TAP_INT(b.len, 1000003, "binary bytes kept");
	p = buf_detach(&b, &len);
	TAP_INT(len, 1000003, "detach gives the length");
	TAP_OK(b.data == NULL && b.len == 0, "detach empties the buffer");
	free(p);
	p = buf_detach(&b, &len);
	TAP_STR(p, "", "detaching an empty buffer gives \"\"");
	free(p);
	buf_free(&b);
	return tap_done();
}
