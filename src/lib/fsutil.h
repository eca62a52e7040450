/*
 * File system helpers for durable, safe output: write everything or fail,
 * fsync the directory after a rename, names that cannot leave their
 * directory.
 */
#ifndef MJ_FSUTIL_H
#define MJ_FSUTIL_H

#include <stddef.h>
#include <sys/types.h>

/* bytes of a sanitized name, before extension */
#define FSUTIL_NAME_MAX	200

/* write(2) until done, retrying EINTR: 0, or -1 with errno. */
int	 fsutil_write_all(int fd, const void *, size_t);
/* mkdir -p: 0, or -1 with errno. */
int	 fsutil_mkdirs(const char *path, mode_t mode);
/* fsync the directory that holds path (a file path): 0 or -1. */
int	 fsutil_fsync_parent(const char *path);
/* rename(from, to), then fsync to's directory: 0 or -1 with errno. */
int	 fsutil_rename_durable(const char *from, const char *to);

/*
 * A safe single path component made from untrusted text: '/' and '\\'
 * and control characters become '_', a leading '.' becomes '_' (so no
 * "..", no hidden files), invalid UTF-8 bytes become '_', reserved names
 * (CON, NUL, PRN, AUX, COM1.., LPT1.., with any extension) get a '_' after
 * the device name ("CON.txt" gives "CON_.txt"), and the result is cut to
 * at most max bytes on a UTF-8 boundary (max 0: FSUTIL_NAME_MAX).
 * Never empty: "_" for empty input.  Caller frees.
 */
char	*fsutil_safe_name(const char *name, size_t max);

/* The extension (without '.') for a MIME type: "png", "webp", "mp4", ...
 * or NULL when it is not an image or video type we know. */
const char *fsutil_mime_ext(const char *content_type);
/* "image/svg+xml; x=y" -> "image/svg+xml", lower case; caller frees. */
char	*fsutil_bare_type(const char *content_type);
/*
 * The extension for a bare type, into ext (size bytes, at least 4): ours
 * for the types we know, else the letters and digits of the subtype
 * ("image/x-foo+xml" -> "foo"), else "bin".
 */
void	 fsutil_type_ext(const char *type, char *ext, size_t size);
/* The MIME type for a file name's extension, or "application/octet-stream". */
const char *fsutil_ext_mime(const char *path);
/* Is a Content-Type an image or a video (image/..., video/...)? */
int	 fsutil_media_type(const char *content_type);

#endif
