/*
 * The config file ($XDG_CONFIG_HOME/mjpipe/config): "name = value" lines,
 * '#' comment lines and "[profile]" sections.  Every name and value is
 * checked when the file is read, in every section, so that a mistake is
 * found on the first run and not on the day its profile is used.  The key
 * itself is never read from here (only api-key-file).
 */
#ifndef MJ_CONFFILE_H
#define MJ_CONFFILE_H

#include <stddef.h>

#define CONFFILE_MAX	(64 * 1024)	/* bytes: a config file, not data */

struct conffile;

/*
 * Tested alone, and fuzzed: conffile_load reads the file and calls it.
 * Parse len bytes of text read from path (path is for messages only).
 * Returns a new conffile (caller frees), or NULL with "PATH:LINE: why" in
 * err.  A value is checked against its name: base-url an http(s) URL, auth
 * bearer or mj-api-secret, mode fast, relax or turbo, settle 0 to 86400
 * seconds, api-key-file and metrics-dir a path ("~/" is $HOME, a relative
 * path is taken from the file's directory).
 */
struct conffile	*conffile_parse(const char *path, const char *text,
		    size_t len, char *err, size_t errlen);

/*
 * Read and parse the file at path.  A file that group or others may write
 * is refused (anyone who can write it can send the key elsewhere).
 * missing_ok: a file that does not exist is no error; *out is then NULL.
 * Returns 0 with *out set, or -1 with the reason in err.
 */
int		 conffile_load(const char *path, int missing_ok,
		    struct conffile **out, char *err, size_t errlen);
void		 conffile_free(struct conffile *);

/* The path the file was read from (borrowed). */
const char	*conffile_path(const struct conffile *);
/* True if the file has a section [name]. */
int		 conffile_has_profile(const struct conffile *,
		    const char *name);

/*
 * The value of name in section profile (NULL: the top of the file, before
 * any section), or NULL if it is not set there; the last line wins.
 * Borrowed: valid until conffile_free.  *lineno (if not NULL) gets the
 * line it came from.
 */
const char	*conffile_get(const struct conffile *, const char *profile,
		    const char *name, long *lineno);

#endif
