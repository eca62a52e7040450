/*
 * File names from untrusted text, MIME types to extensions and back (a
 * server's Content-Type too), and the durable file helpers.
 */
#include <sys/stat.h>

#include <errno.h>
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
	{ "<a>|\"b\"", 0, "_a___b_" },
	{ "del\x7f", 0, "del_" },
	{ "name ", 0, "name_" },
	{ " lead", 0, " lead" },
	{ ".", 0, "_" },
	{ "...", 0, "_._" },
	{ "aux", 0, "aux_" },
	{ "Prn", 0, "Prn_" },
	{ "COM10", 0, "COM10" },
	{ "CON ", 0, "CON_" },
	{ "CON.", 0, "CON_" },
	{ "CON", 3, "CO_" },
	/* a device name is one whatever the extension: CON.txt_ still is */
	{ "CON.txt", 0, "CON_.txt" },
	{ "con.txt", 0, "con_.txt" },
	{ "nul.tar.gz", 0, "nul_.tar.gz" },
	{ "LPT1.tar.gz", 0, "LPT1_.tar.gz" },
	{ "Com9.png", 0, "Com9_.png" },
	{ "aux.", 0, "aux_" },
	{ "CON .txt", 0, "CON_ .txt" },
	{ "CON  ", 0, "CON _" },
	{ "CONSOLE.txt", 0, "CONSOLE.txt" },
	{ "COM10.txt", 0, "COM10.txt" },
	{ "LPT.txt", 0, "LPT.txt" },
	{ "x.CON", 0, "x.CON" },
	{ "CON.txt", 7, "CO_.txt" },	/* no room: '_' replaces the N */
	{ "CON.txt", 8, "CON_.txt" },
	{ "CON.t\xc3\xa9", 7, "CO_.t\xc3\xa9" },
	{ "COM\xc2\xb9", 0, "COM\xc2\xb9_" },		/* COM¹ */
	{ "lpt\xc2\xb3.txt", 0, "lpt\xc2\xb3_.txt" },	/* lpt³ */
	{ "COM\xc2\xb9.txt", 9, "COM_.txt" },	/* '_' for the whole ¹ */
	{ "COM\xc2\xb4.txt", 0, "COM\xc2\xb4.txt" },	/* an acute accent */
	{ "a\xe2\x82", 0, "a__" },		/* a cut sequence */
	{ "\xc3\xa9", 1, "_" },		/* nothing fits: still a name */
	{ "a\xc3\xa9", 2, "a" },
	{ "ab\xf0\x9f\x98\x80" "cd", 5, "ab" },
	{ "ab\xf0\x9f\x98\x80" "cd", 6, "ab\xf0\x9f\x98\x80" },
	/* strict UTF-8: each byte outside a well-formed sequence is a '_' */
	{ "x\x7f", 0, "x_" },				/* U+007F: DEL */
	{ "x\xc2\x80", 0, "x\xc2\x80" },		/* U+0080 */
	{ "x\xdf\xbf", 0, "x\xdf\xbf" },		/* U+07FF */
	{ "x\xe0\xa0\x80", 0, "x\xe0\xa0\x80" },	/* U+0800 */
	{ "x\xed\x9f\xbf", 0, "x\xed\x9f\xbf" },	/* U+D7FF */
	{ "x\xee\x80\x80", 0, "x\xee\x80\x80" },	/* U+E000 */
	{ "x\xef\xbf\xbf", 0, "x\xef\xbf\xbf" },	/* U+FFFF */
	{ "x\xf0\x90\x80\x80", 0, "x\xf0\x90\x80\x80" },	/* U+10000 */
	{ "x\xf4\x8f\xbf\xbf", 0, "x\xf4\x8f\xbf\xbf" },	/* U+10FFFF */
	{ "x\xc1\xbf", 0, "x__" },		/* U+007F, overlong */
	{ "x\xe0\x9f\xbf", 0, "x___" },		/* U+07FF, overlong */
	{ "x\xe0\x80\xaf", 0, "x___" },		/* '/', overlong */
	{ "x\xed\xa0\x80", 0, "x___" },		/* U+D800 */
	{ "x\xed\xbf\xbf", 0, "x___" },		/* U+DFFF */
	{ "x\xf0\x8f\xbf\xbf", 0, "x____" },	/* U+FFFF, overlong */
	{ "x\xf4\x90\x80\x80", 0, "x____" },	/* U+110000 */
	{ "x\xf5\x80\x80\x80", 0, "x____" },
	{ "x\xf0\x90\x80", 0, "x___" },		/* a cut 4-byte */
	{ "x\xf0\x90\x80y", 0, "x___y" },
};


/* Pieces that random names are made of: the awkward ones, mostly. */
static const char *const pieces[] = {
	"a", "x", ".", "..", "/", "\\", " ", "\x01", "\n", "\x7f", ":", "CON",
	"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xff", "\xc3", "\xe2\x82",
	"\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xae",
};

static const struct {
	const char	*type;
	const char	*ext;
} mimes[] = {
	{ "image/png", "png" }, { "image/jpeg", "jpg" }, { "image/webp", "webp" },
	{ "image/gif", "gif" }, { "video/mp4", "mp4" }, { "video/webm", "webm" },
	{ "image/png; charset=binary", "png" }, { "IMAGE/PNG", "png" },
	{ "text/html", NULL }, { "application/json", NULL }, { "", NULL },
	{ "image/avif", "avif" }, { "video/quicktime", "mov" },
	{ "image/jpg", "jpg" }, { " image/png", "png" }, { "image/png ", "png" },
	{ "image/pngx", NULL }, { "image", NULL }, { "image/", NULL },
	{ NULL, NULL },
};

static const struct {
	const char	*path;
	const char	*type;
} exts[] = {
	{ "a/b.png", "image/png" }, { "x.MP4", "video/mp4" },
	{ "x", "application/octet-stream" }, { "x.jpg", "image/jpeg" },
	{ "x.webp", "image/webp" }, { "x.gif", "image/gif" },
	{ "x.webm", "video/webm" }, { "x.mov", "video/quicktime" },
	{ "x.avif", "image/avif" }, { "a.tar.png", "image/png" },
	{ "a.png/x", "application/octet-stream" },
	{ "x.png.", "application/octet-stream" },
	{ "x.txt", "application/octet-stream" },
	{ "x.jpeg", "image/jpeg" }, { "X.JPEG", "image/jpeg" },
	{ "x.JPG", "image/jpeg" }, { "x.tif", "image/tiff" },
	{ "x.tiff", "image/tiff" }, { "x.jpegx", "application/octet-stream" },
	{ "jpeg", "application/octet-stream" }, { ".jpeg", "image/jpeg" },
};

/* Strict UTF-8 (RFC 3629). */
static int
utf8_ok(const char *str)
{
	const unsigned char	*p = (const unsigned char *)str;
	unsigned int		 cp;
	size_t			 n, k;

	while (*p != '\0') {
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf)
			n = 2, cp = *p & 0x1f;
		else if ((*p & 0xf0) == 0xe0)
			n = 3, cp = *p & 0x0f;
		else if (*p >= 0xf0 && *p <= 0xf4)
			n = 4, cp = *p & 0x07;
		else
			return 0;
		for (k = 1; k < n; k++) {
			if ((p[k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (p[k] & 0x3f);
		}
		if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return 0;
		p += n;
	}
	return 1;
}

/* A server's Content-Type: its bare type, and an extension for it. */
static const struct {
	const char	*ct, *bare, *ext;
} served[] = {
	{ "Image/PNG; charset=binary", "image/png", "png" },
	{ "image/webp", "image/webp", "webp" },
	{ "application/x-foo2", "application/x-foo2", "foo2" },
	{ "image/svg+xml", "image/svg+xml", "svg" },
	{ "image/+xml", "image/+xml", "bin" },
	{ "video/MP4X", "video/mp4x", "mp4x" },
	{ "weird", "weird", "weird" },
};

static void
content_types(void)
{
	char	ext[16], *bare;
	size_t	i;

	for (i = 0; i < sizeof(served) / sizeof(served[0]); i++) {
		bare = fsutil_bare_type(served[i].ct);
		TAP_STR(bare, served[i].bare, "bare type of '%s'", served[i].ct);
		fsutil_type_ext(bare, ext, sizeof(ext));
		TAP_STR(ext, served[i].ext, "extension for '%s'", bare);
		free(bare);
	}
	fsutil_type_ext("image/abcdefghijklmnopqrstuvwxyz", ext, 4);
	TAP_STR(ext, "abc", "an extension cut to its room");
	errno = 0;
	TAP_INT(fsutil_fsync_parent("/no/such/dir/file"), -1,
	    "fsync_parent of a directory not there: -1");
	TAP_INT(errno, ENOENT, "... ENOENT");
	TAP_INT(fsutil_fsync_parent("/top"), 0, "fsync_parent of /top: /");
	TAP_INT(fsutil_fsync_parent("here"), 0, "fsync_parent of a bare name: .");
}

int
main(void)
{
	char	 dir[] = "/tmp/test_fsutil.XXXXXX", p1[600], p2[600], buf[64];
	char		*s, *long_in, *again;
	size_t		 i;
	int		 fd, ok;
	unsigned long long seed;

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

	/* the invariants on random names made of awkward pieces */
	ok = 1;
	seed = 12345;
	for (i = 0; i < 5000 && ok; i++) {
		char	 in[400];
		size_t	 max, n = 0, len, k;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		max = (size_t)(seed >> 33) % 220;	/* 0: the default */
		in[0] = '\0';
		for (k = 0; k < (size_t)(seed >> 40) % 60; k++) {
			const char *pc;

			seed = seed * 6364136223846793005ULL + 1;
			pc = pieces[(seed >> 33) % (sizeof(pieces) /
			    sizeof(pieces[0]))];
			if (n + strlen(pc) >= sizeof(in))
				break;
			memcpy(in + n, pc, strlen(pc) + 1);
			n += strlen(pc);
		}
		s = fsutil_safe_name(in, max);
		len = strlen(s);
		if (len == 0 || len > (max == 0 ? FSUTIL_NAME_MAX : max) ||
		    s[0] == '.' || strpbrk(s, "/\\\n\x01\x7f:") != NULL ||
		    s[len - 1] == '.' || s[len - 1] == ' ' || !utf8_ok(s))
			ok = 0;
		/* a safe name is its own safe name: nothing left to fix */
		again = fsutil_safe_name(s, max);
		if (strcmp(again, s) != 0)
			ok = 0;
		if (!ok)
			TAP_OK(0, "random name %zu: '%s' max %zu gives '%s', "
			    "then '%s'", i, in, max, s, again);
		free(again);
		free(s);
	}
	TAP_OK(ok, "5000 random names: non-empty, short enough, no '/', '\\', "
	    "control, leading dot, trailing dot or space, valid UTF-8, "
	    "unchanged when made safe again");
	s = malloc(301);
	for (i = 0; i < 100; i++)
		memcpy(s + 3 * i, "\xe2\x82\xac", 3);
	s[300] = '\0';
	long_in = fsutil_safe_name(s, 0);
	TAP_INT((long)strlen(long_in), 198, "100 euro signs cut to 66 whole ones");
	free(long_in);
	free(s);

	for (i = 0; i < sizeof(mimes) / sizeof(mimes[0]); i++)
		TAP_STR(fsutil_mime_ext(mimes[i].type), mimes[i].ext,
		    "extension of '%s'", mimes[i].type);
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		TAP_STR(fsutil_ext_mime(exts[i].path), exts[i].type, "type of '%s'",
		    exts[i].path);
	/* every extension we give maps back to a type that gives it */
	for (i = 0; i < sizeof(mimes) / sizeof(mimes[0]); i++) {
		if (mimes[i].ext == NULL)
			continue;
		snprintf(p1, sizeof(p1), "f.%s", mimes[i].ext);
		TAP_STR(fsutil_mime_ext(fsutil_ext_mime(p1)), mimes[i].ext,
		    "'%s' round trip", mimes[i].ext);
	}

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
	snprintf(p1, sizeof(p1), "%s/a/file/deeper", dir);
	errno = 0;
	TAP_INT(fsutil_mkdirs(p1, 0755), -1, "mkdirs through a file fails");
	TAP_INT(errno, ENOTDIR, "... ENOTDIR");
	snprintf(p1, sizeof(p1), "%s/a/file", dir);
	errno = 0;
	TAP_INT(fsutil_mkdirs(p1, 0755), -1, "mkdirs on a file fails");
	TAP_INT(errno, ENOTDIR, "... ENOTDIR");
	snprintf(p1, sizeof(p1), "%s/a/b/c/", dir);
	TAP_INT(fsutil_mkdirs(p1, 0755), 0, "mkdirs with a trailing slash");
	snprintf(p1, sizeof(p1), "%s/a/b/c/moved", dir);
	TAP_INT(fsutil_rename_durable(p2, p1), 0, "rename_durable to another "
	    "directory");
	TAP_INT(access(p1, F_OK), 0, "... it is there");
	strcpy(p2, p1);
	errno = 0;
	TAP_INT(fsutil_write_all(-1, "x", 1), -1, "write_all to a bad fd");
	TAP_INT(errno, EBADF, "... EBADF");
	TAP_INT(fsutil_write_all(-1, "", 0), 0, "write_all of nothing");
	unlink(p2);
	snprintf(p1, sizeof(p1), "%s/a/b/c", dir);
	rmdir(p1);
	snprintf(p1, sizeof(p1), "%s/a/b", dir);
	rmdir(p1);
	snprintf(p1, sizeof(p1), "%s/a", dir);
	rmdir(p1);
	rmdir(dir);
	content_types();
	return tap_done();
}
