/*
 * File names from untrusted text, MIME types to extensions and back, and
 * the durable file helpers.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "tap.h"

static const struct {
	const char	*in;
	size_t		 max;
	const char	*out;
} names[] = {
	{ "1773314942177684", 0, "1773314942177684" },
	{ "a/b", 0, "a_b" },
	{ "..", 0, "__" },
	{ ".hidden", 0, "_hidden" },
	{ "../../etc/passwd", 0, "_._.._etc_passwd" },
	{ "a\\b", 0, "a_b" },
	{ "tab\there\n", 0, "tab_here_" },
	{ "bad\xff\xfeutf8", 0, "bad__utf8" },
	{ "ünïcode €", 0, "ünïcode €" },
	{ "", 0, "_" },
	{ "CON", 0, "CON_" },
	{ "nul", 0, "nul_" },
	{ "com1", 0, "com1_" },
	{ "LPT9", 0, "LPT9_" },
	{ "console", 0, "console" },
	{ "name.", 0, "name_" },
	{ "abcdefghij", 4, "abcd" },
	{ "ab€", 4, "ab" },		/* € is 3 bytes: cut before it */
	{ "a:b*c?d", 0, "a_b_c_d" },
};

static const struct {
	const char	*type;
	const char	*ext;
} mimes[] = {
	{ "image/png", "png" }, { "image/jpeg", "jpg" }, { "image/webp", "webp" },
	{ "image/gif", "gif" }, { "video/mp4", "mp4" }, { "video/webm", "webm" },
	{ "image/png; charset=binary", "png" }, { "IMAGE/PNG", "png" },
	{ "text/html", NULL }, { "application/json", NULL }, { "", NULL },
};

int
main(void)
{
	char	 dir[] = "/tmp/test_fsutil.XXXXXX", p1[600], p2[600], buf[64];
	char	*s, *long_in;
	size_t	 i;
	int	 fd, ok;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		s = fsutil_safe_name(names[i].in, names[i].max);
		TAP_STR(s, names[i].out, "safe name %zu", i);
		free(s);
	}
	/* the invariants, on every byte value at the start and inside */
	ok = 1;
	for (i = 1; i < 256; i++) {
		char in[4] = { (char)i, 'x', (char)i, '\0' };

		s = fsutil_safe_name(in, 0);
		if (*s == '\0' || *s == '.' || strchr(s, '/') != NULL)
			ok = 0;
		free(s);
	}
	TAP_OK(ok, "never empty, never a leading dot, never a slash");
	long_in = malloc(1000);
	memset(long_in, 'x', 999);
	long_in[999] = '\0';
	s = fsutil_safe_name(long_in, 0);
	TAP_INT((long)strlen(s), FSUTIL_NAME_MAX, "long names cut to the maximum");
	free(s);
	free(long_in);

	for (i = 0; i < sizeof(mimes) / sizeof(mimes[0]); i++)
		TAP_STR(fsutil_mime_ext(mimes[i].type), mimes[i].ext,
		    "extension of '%s'", mimes[i].type);
	TAP_STR(fsutil_ext_mime("a/b.png"), "image/png", "type of .png");
	TAP_STR(fsutil_ext_mime("x.MP4"), "video/mp4", "type of .MP4");
	TAP_STR(fsutil_ext_mime("x"), "application/octet-stream", "no extension");

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(p1, sizeof(p1), "%s/a/b/c", dir);
	TAP_INT(fsutil_mkdirs(p1, 0755), 0, "mkdirs makes every level");
	TAP_INT(fsutil_mkdirs(p1, 0755), 0, "mkdirs on what exists");
	snprintf(p1, sizeof(p1), "%s/a/file.part", dir);
	snprintf(p2, sizeof(p2), "%s/a/file", dir);
	fd = open(p1, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	TAP_INT(fsutil_write_all(fd, "hello", 5), 0, "write_all");
	close(fd);
	TAP_INT(fsutil_rename_durable(p1, p2), 0, "rename_durable");
	fd = open(p2, O_RDONLY);
	memset(buf, 0, sizeof(buf));
	TAP_INT(read(fd, buf, sizeof(buf)), 5, "the content moved");
	close(fd);
	TAP_STR(buf, "hello", "... whole");
	TAP_OK(access(p1, F_OK) == -1, "the old name is gone");
	TAP_INT(fsutil_rename_durable(p1, p2), -1, "renaming what is not there fails");
	unlink(p2);
	snprintf(p1, sizeof(p1), "%s/a/b/c", dir);
	rmdir(p1);
	snprintf(p1, sizeof(p1), "%s/a/b", dir);
	rmdir(p1);
	snprintf(p1, sizeof(p1), "%s/a", dir);
	rmdir(p1);
	rmdir(dir);
	return tap_done();
}
