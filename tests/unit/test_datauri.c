/*
 * Image files as data: URIs: the type from the first bytes, the bytes in
 * base64, and each refusal with its reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datauri.h"
#include "tap.h"

static const struct {
	const char	*what;
	const char	*bytes;
	size_t		 len;
	const char	*want;	/* the URI, or the end of the error */
} cases[] = {
	{ "PNG", "\x89PNG\r\n\x1a\n", 8, "data:image/png;base64,iVBORw0KGgo=" },
	{ "JPEG", "\xff\xd8\xff\xe0", 4, "data:image/jpeg;base64,/9j/4A==" },
	{ "GIF", "GIF89a", 6, "data:image/gif;base64,R0lGODlh" },
	{ "WebP", "RIFF\0\0\0\0WEBPVP8 ", 16,
	    "data:image/webp;base64,UklGRgAAAABXRUJQVlA4IA==" },
	{ "text", "hello, world", 12, ": not a PNG, JPEG, GIF or WebP image" },
	{ "empty", "", 0, ": not a PNG, JPEG, GIF or WebP image" },
	{ "GIF too short", "GIF8", 4, ": not a PNG, JPEG, GIF or WebP image" },
};

static int
ends_with(const char *s, const char *tail)
{
	size_t	n = strlen(s), t = strlen(tail);

	return n >= t && strcmp(s + n - t, tail) == 0;
}

int
main(void)
{
	char	 path[] = "/tmp/test_datauri.XXXXXX", err[256];
	char	*uri;
	FILE	*f;
	size_t	 i;
	int	 fd;

	if ((fd = mkstemp(path)) == -1 || close(fd) == -1)
		return 99;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if ((f = fopen(path, "wb")) == NULL ||
		    fwrite(cases[i].bytes, 1, cases[i].len, f) !=
		    cases[i].len || fclose(f) != 0)
			return 99;
		err[0] = '\0';
		uri = datauri_file(path, err, sizeof(err));
		if (strncmp(cases[i].want, "data:", 5) == 0)
			TAP_STR(uri != NULL ? uri : err, cases[i].want, "%s",
			    cases[i].what);
		else
			TAP_OK(uri == NULL && ends_with(err, cases[i].want) &&
			    strncmp(err, path, strlen(path)) == 0,
			    "%s: refused, naming the file (%s)", cases[i].what,
			    err);
		free(uri);
	}
	(void)unlink(path);
	uri = datauri_file(path, err, sizeof(err));
	TAP_OK(uri == NULL && ends_with(err, ": No such file or directory"),
	    "a missing file: refused with why (%s)", err);
	return tap_done();
}
