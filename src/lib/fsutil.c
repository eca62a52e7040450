/*
 * Durable, safe output: everything written or an error, the directory
 * fsync'ed after a rename, names from untrusted text that stay in their
 * directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"
#include "utf8.h"
#include "xalloc.h"

int
fsutil_write_all(int fd, const void *p, size_t n)
{
	const char	*c = p;
	ssize_t		 w;

	while (n > 0) {
		w = write(fd, c, n);
		if (w == -1 && errno == EINTR)
			continue;
		if (w == -1)
			return -1;
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

int
fsutil_mkdirs(const char *path, mode_t mode)
{
	char	*p, *s;
	int	 rc = 0;

	p = xstrdup(path);
	for (s = p + 1; rc == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, mode) == -1 && errno != EEXIST)
			rc = -1;
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	if (rc == 0) {
		struct stat st;
		if (stat(path, &st) == -1)
			return -1;
		if (!S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			return -1;
		}
	}
	return rc;
}

int
fsutil_fsync_parent(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		*dir;
	int		 fd, rc, saved;

	dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd == -1)
		return -1;
	rc = fsync(fd);
	saved = errno;
	(void)close(fd);	/* read-only descriptor */
	errno = saved;
	return rc;
}

int
fsutil_rename_durable(const char *from, const char *to)
{
	if (rename(from, to) == -1)
		return -1;
	return fsutil_fsync_parent(to);
}

/*
 * The length of s's stem if it names a Windows device, else 0.  Windows
 * opens the device whatever follows the first '.' ("CON.txt",
 * "nul.tar.gz"), and blanks before that '.' do not count ("CON .txt").
 */
static size_t
reserved_stem(const char *s)
{
	/* Windows reads the superscripts (UTF-8 here) as digits too */
	static const char *const names[] = { "CON", "PRN", "AUX", "NUL",
	    "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
	    "COM9", "COM\xc2\xb9", "COM\xc2\xb2", "COM\xc2\xb3",
	    "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8",
	    "LPT9", "LPT\xc2\xb9", "LPT\xc2\xb2", "LPT\xc2\xb3" };
	size_t	i, n = strcspn(s, ".");

	while (n > 0 && s[n - 1] == ' ')
		n--;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && strncasecmp(s, names[i], n) == 0)
			return n;
	return 0;
}

/*
 * Put a '_' right after the device name's stem ("CON.txt" becomes
 * "CON_.txt"; "CON.txt_" would still be the console).  With no room left
 * it takes the place of the stem's last character.
 */
static void
unreserve(struct buf *b, size_t stem, size_t max)
{
	struct buf	out = BUF_INIT;
	size_t		at = stem;

	if (b->len >= max)
		for (at = stem - 1; at > 0 &&
		    ((unsigned char)b->data[at] & 0xc0) == 0x80; at--)
			continue;
	buf_append(&out, b->data, at);
	buf_appendc(&out, '_');
	buf_append(&out, b->data + stem, b->len - stem);
	buf_free(b);
	*b = out;
}

char *
fsutil_safe_name(const char *name, size_t max)
{
	const unsigned char	*p = (const unsigned char *)name;
	const unsigned char	*end = p + strlen(name);
	struct buf		 b = BUF_INIT;
	size_t			 n;

	if (max == 0 || max > FSUTIL_NAME_MAX)
		max = FSUTIL_NAME_MAX;
	while (p < end) {
		n = utf8_seq_len(p, (size_t)(end - p));
		if (n == 0 || (n == 1 && (*p < 0x20 || *p == 0x7f ||
		    *p == '/' || *p == '\\' || *p == ':' || *p == '*' ||
		    *p == '?' || *p == '"' || *p == '<' || *p == '>' ||
		    *p == '|')))
			n = 0;
		if (b.len + (n == 0 ? 1 : n) > max)
			break;
		if (n == 0) {
			buf_appendc(&b, '_');
			p++;
		} else {
			buf_append(&b, p, n);
			p += n;
		}
	}
	if (b.len == 0)
		buf_appendc(&b, '_');
	/* no "..", no hidden files, no Windows trailing dots or spaces */
	if (b.data[0] == '.')
		b.data[0] = '_';
	while (b.len > 0 && (b.data[b.len - 1] == '.' ||
	    b.data[b.len - 1] == ' '))
		b.data[b.len - 1] = '_';
	if ((n = reserved_stem(b.data)) > 0)
		unreserve(&b, n, max);
	return buf_detach(&b, NULL);
}

static const struct {
	const char	*mime;
	const char	*ext;
} mimes[] = {
	{ "image/png", "png" }, { "image/jpeg", "jpg" }, { "image/jpg", "jpg" },
	{ "image/webp", "webp" }, { "image/gif", "gif" },
	{ "image/avif", "avif" },
	{ "video/mp4", "mp4" }, { "video/webm", "webm" },
	{ "video/quicktime", "mov" },
};

/*
 * Names that files we did not name go by.  TIFF is known only here: a
 * download of it gets the extension from its type, "tiff".
 */
static const struct {
	const char	*ext;
	const char	*mime;
} ext_aliases[] = {
	{ "jpeg", "image/jpeg" }, { "tif", "image/tiff" },
	{ "tiff", "image/tiff" },
};

const char *
fsutil_mime_ext(const char *ct)
{
	size_t	i, n;

	if (ct == NULL)
		return NULL;
	while (*ct == ' ')
		ct++;
	n = strcspn(ct, "; ");
	for (i = 0; i < sizeof(mimes) / sizeof(mimes[0]); i++)
		if (strlen(mimes[i].mime) == n &&
		    strncasecmp(ct, mimes[i].mime, n) == 0)
			return mimes[i].ext;
	return NULL;
}

const char *
fsutil_ext_mime(const char *path)
{
	const char	*dot = strrchr(path, '.');
	size_t		 i;

	if (dot == NULL || strchr(dot, '/') != NULL)
		return "application/octet-stream";
	for (i = 0; i < sizeof(mimes) / sizeof(mimes[0]); i++)
		if (strcasecmp(dot + 1, mimes[i].ext) == 0)
			return mimes[i].mime;
	for (i = 0; i < sizeof(ext_aliases) / sizeof(ext_aliases[0]); i++)
		if (strcasecmp(dot + 1, ext_aliases[i].ext) == 0)
			return ext_aliases[i].mime;
	return "application/octet-stream";
}

int
fsutil_media_type(const char *ct)
{
	return ct != NULL && (strncasecmp(ct, "image/", 6) == 0 ||
	    strncasecmp(ct, "video/", 6) == 0);
}

char *
fsutil_bare_type(const char *ct)
{
	char	*t = xstrndup(ct, strcspn(ct, "; \t"));
	char	*p;

	for (p = t; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return t;
}

void
fsutil_type_ext(const char *type, char *ext, size_t size)
{
	const char	*known = fsutil_mime_ext(type), *p;
	size_t		 n = 0;

	if (known != NULL) {
		(void)snprintf(ext, size, "%s", known);
		return;
	}
	p = strchr(type, '/');
	p = p != NULL ? p + 1 : type;
	if (strncmp(p, "x-", 2) == 0)
		p += 2;
	for (; *p != '\0' && *p != '+' && n + 1 < size; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			ext[n++] = *p;
	if (n == 0)
		(void)snprintf(ext, size, "bin");
	else
		ext[n] = '\0';
}
