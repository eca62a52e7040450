/*
 * Reference images sent in request bodies: a file read whole and written
 * as a data: URI, its type told by its first bytes, not its name.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base64.h"
#include "buf.h"
#include "datauri.h"

/* larger references are refused */
#define IMAGE_FILE_MAX	(32L * 1024 * 1024)

static const char *
image_mime(const unsigned char *p, size_t n)
{
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 3 && memcmp(p, "\xff\xd8\xff", 3) == 0)
		return "image/jpeg";
	if (n >= 6 && memcmp(p, "GIF8", 4) == 0)
		return "image/gif";
	if (n >= 12 && memcmp(p, "RIFF", 4) == 0 &&
	    memcmp(p + 8, "WEBP", 4) == 0)
		return "image/webp";
	return NULL;
}

char *
datauri_file(const char *path, char *err, size_t errlen)
{
	struct buf	 raw = BUF_INIT, uri = BUF_INIT;
	const char	*mime;
	char		 chunk[65536];
	FILE		*f;
	size_t		 n;

	if ((f = fopen(path, "rb")) == NULL) {
		(void)snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 &&
	    raw.len <= IMAGE_FILE_MAX)
		buf_append(&raw, chunk, n);
	if (ferror(f) || raw.len > IMAGE_FILE_MAX) {
		(void)snprintf(err, errlen, "%s: %s", path, ferror(f) ?
		    "read error" : "larger than 32 MiB");
		(void)fclose(f);	/* already failing */
		buf_free(&raw);
		return NULL;
	}
	(void)fclose(f);	/* read-only: nothing to lose */
	mime = image_mime((const unsigned char *)buf_str(&raw), raw.len);
	if (mime == NULL) {
		(void)snprintf(err, errlen,
		    "%s: not a PNG, JPEG, GIF or WebP image", path);
		buf_free(&raw);
		return NULL;
	}
	buf_appendf(&uri, "data:%s;base64,", mime);
	base64_append(&uri, buf_str(&raw), raw.len);
	buf_free(&raw);
	return buf_detach(&uri, NULL);
}
