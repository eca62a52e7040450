/*
 * Layouts: which files of a record go into an archive, under which
 * names, with which side members.  The dataset layouts follow the
 * conventions their loaders expect: the webdataset library groups tar
 * members into samples by the name before the first dot of the last
 * component, adjacent members only; Hugging Face's imagefolder reads
 * metadata.jsonl and joins its "file_name" to the image files.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archwrite.h"
#include "fsutil.h"
#include "jsonx.h"
#include "layout.h"
#include "nameset.h"
#include "record.h"
#include "xalloc.h"

int
layout_parse(const char *name, enum layout *l)
{
	if (strcmp(name, "files") == 0)
		*l = LAYOUT_FILES;
	else if (strcmp(name, "webdataset") == 0)
		*l = LAYOUT_WEBDATASET;
	else if (strcmp(name, "imagefolder") == 0)
		*l = LAYOUT_IMAGEFOLDER;
	else
		return -1;
	return 0;
}

static int
has_key(json_object *o, const char *key)
{
	return json_object_is_type(o, json_type_object) &&
	    json_object_object_get_ex(o, key, NULL);
}

int
layout_is_quadrant(json_object *f)
{
	/* an "index" with a "url" is a place in videoUrls or imageUrls */
	return has_key(f, "index") && !has_key(f, "url");
}

int
layout_is_split(json_object *files)
{
	size_t	i, n;

	if (!json_object_is_type(files, json_type_array))
		return 0;
	n = json_object_array_length(files);

	for (i = 0; i < n; i++)
		if (layout_is_quadrant(json_object_array_get_idx(files, i)))
			return 1;
	return 0;
}

int
layout_takes(const struct layout_out *o, json_object *files, size_t i)
{
	json_object	*f = json_object_array_get_idx(files, i);

	if (o->layout == LAYOUT_FILES || o->with_grid ||
	    !layout_is_split(files))
		return 1;
	return layout_is_quadrant(f);
}

size_t
layout_count(const struct layout_out *o, json_object *files)
{
	size_t	i, n = 0;

	if (!json_object_is_type(files, json_type_array))
		return 0;
	for (i = 0; i < json_object_array_length(files); i++)
		n += layout_takes(o, files, i) ? 1 : 0;
	return n;
}

const char *
layout_prompt(json_object *rec)
{
	const char	*p = json_get_string(rec, "prompt");

	if (p == NULL)
		p = json_get_string(json_object_object_get(rec, "task"),
		    "prompt");
	return p;
}

static const char *const reserved[] = {
	"manifest.jsonl", "index.html", "metadata.jsonl", NULL
};

static int
is_reserved(const char *name)
{
	size_t	i;

	for (i = 0; reserved[i] != NULL; i++)
		if (strcmp(name, reserved[i]) == 0)
			return 1;
	return 0;
}

/* The name of a candidate: the i-th of a base name (1: as it is). */
typedef char	*(*candidate_fn)(const struct layout_out *, const char *safe,
		    unsigned i);

static int
taken(const struct layout_out *o, candidate_fn fn, const char *safe,
    unsigned i)
{
	char	*name = fn(o, safe, i);
	int	 t = is_reserved(name) || nameset_has(o->names, name);

	free(name);
	return t;
}

/*
 * The first free candidate, taken.  Names made here are taken in order
 * (a, a-2, a-3...), so the taken ones of a base name run on from 1: a
 * galloping then a binary search finds the end in a few probes, not in
 * as many as there are (a run that packs the same file 10,000 times
 * would otherwise make 50,000,000 names).  Should a name past the end
 * be taken already, the search still ends on a free one.
 */
static char *
first_free(struct layout_out *o, candidate_fn fn, const char *safe)
{
	unsigned	lo = 1, hi = 1, mid;
	char		*name;

	if (taken(o, fn, safe, 1)) {
		for (hi = 2; taken(o, fn, safe, hi); hi *= 2)
			lo = hi;
		while (hi - lo > 1) {
			mid = lo + (hi - lo) / 2;
			if (taken(o, fn, safe, mid))
				lo = mid;
			else
				hi = mid;
		}
	}
	name = fn(o, safe, hi);
	(void)nameset_add(o->names, name);
	return name;
}

/* prefix + safe, with -i before the extension: a.png, a-2.png... */
static char *
member_candidate(const struct layout_out *o, const char *safe, unsigned i)
{
	const char	*dot = strrchr(safe, '.');

	if (i == 1)
		return xasprintf("%s%s", o->prefix, safe);
	if (dot != NULL && dot != safe)
		return xasprintf("%s%.*s-%u%s", o->prefix, (int)(dot - safe),
		    safe, i, dot);
	return xasprintf("%s%s-%u", o->prefix, safe, i);
}

/* A member name for path: safe, unique in this archive, under prefix. */
static char *
member_name(struct layout_out *o, const char *path)
{
	const char	*base = strrchr(path, '/');
	char		*safe, *name;

	safe = fsutil_safe_name(base != NULL ? base + 1 : path, 0);
	name = first_free(o, member_candidate, safe);
	free(safe);
	return name;
}

/* The image's extension, lower case: its own, else from its type. */
static char *
image_ext(const char *path, json_object *file)
{
	const char	*dot = strrchr(path, '.'), *ext = NULL;
	char		*s, *p;

	if (dot != NULL && strchr(dot, '/') == NULL &&
	    strcmp(fsutil_ext_mime(path), "application/octet-stream") != 0)
		ext = dot + 1;
	if (ext == NULL)
		ext = fsutil_mime_ext(json_get_string(file, "type"));
	s = xstrdup(ext != NULL ? ext : "bin");
	for (p = s; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

/* prefix + stem (-i), every '.' turned into '_'. */
static char *
key_candidate(const struct layout_out *o, const char *stem, unsigned i)
{
	char	*key, *p;

	key = i == 1 ? xasprintf("%s%s", o->prefix, stem) :
	    xasprintf("%s%s-%u", o->prefix, stem, i);
	for (p = key; *p != '\0'; p++)
		if (*p == '.')
			*p = '_';
	return key;
}

/*
 * A sample key: the file's name without its extension, made safe, every
 * '.' turned into '_' (the prefix's too: a loader cuts at the first dot),
 * unique in this archive.
 */
static char *
sample_key(struct layout_out *o, const char *path)
{
	const char	*base = strrchr(path, '/');
	char		*safe, *dot, *key;

	safe = fsutil_safe_name(base != NULL ? base + 1 : path, 0);
	if ((dot = strrchr(safe, '.')) != NULL && dot != safe)
		*dot = '\0';
	key = first_free(o, key_candidate, safe);
	free(safe);
	return key;
}

/*
 * rec, with "file": file, as one line of JSON (caller frees); with
 * file_name (imagefolder), that first.  The record's own "file" and
 * "file_name", if it has them, give way.
 */
static char *
sample_json(json_object *rec, json_object *file, const char *file_name)
{
	json_object	*out = jx_new_object();
	char		*text;

	if (file_name != NULL)
		json_add_string(out, "file_name", file_name);
	json_object_object_foreach(rec, k, val) {
		if (strcmp(k, "file") != 0 && strcmp(k, "file_name") != 0)
			json_add(out, k, json_object_get(val));
	}
	json_add(out, "file", json_object_get(file));
	text = xstrdup(json_object_to_json_string_ext(out,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(out);
	return text;
}

static int
add_text(struct layout_out *o, const char *name, const char *text,
    json_object *members, char *err, size_t errlen)
{
	if (archwrite_add_mem(o->w, name, text, strlen(text), err,
	    errlen) == -1)
		return -1;
	jx_array_add(members, jx_new_string(name));
	return 0;
}

/* One line of metadata.jsonl: "file_name" first, then the record's. */
static int
metadata_line(struct layout_out *o, const char *member, json_object *rec,
    json_object *file)
{
	char	*text = sample_json(rec, file, member);
	int	 rc;

	rc = fputs(text, o->metadata) == EOF || fputc('\n', o->metadata) == EOF;
	free(text);
	return rc ? -1 : 0;
}

char *
layout_add(struct layout_out *o, json_object *rec, json_object *file,
    json_object *members, char *err, size_t errlen)
{
	const char	*path = json_get_string(file, "path");
	struct stat	 sb;
	char		*name, *key = NULL, *ext, *side, *text;
	int		 fd, rc;

	if (path == NULL) {
		snprintf(err, errlen, "a file without a path");
		return NULL;
	}
	if (o->w->failed != NULL) {
		snprintf(err, errlen, "%s", o->w->failed);
		return NULL;
	}
	if ((fd = archwrite_open_src(path, &sb, err, errlen)) == -1)
		return NULL;
	if (o->layout == LAYOUT_WEBDATASET) {
		key = sample_key(o, path);
		ext = image_ext(path, file);
		name = xasprintf("%s.%s", key, ext);
		free(ext);
	} else
		name = member_name(o, path);
	rc = archwrite_add_fd(o->w, name, fd, (int64_t)sb.st_size,
	    sb.st_mtime, err, errlen);
	close(fd);
	if (rc == 0)
		jx_array_add(members, jx_new_string(name));
	if (rc == 0 && o->layout == LAYOUT_WEBDATASET) {
		side = xasprintf("%s.json", key);
		text = sample_json(rec, file, NULL);
		rc = add_text(o, side, text, members, err, errlen);
		free(text);
		free(side);
		side = xasprintf("%s.txt", key);
		if (rc == 0)
			rc = add_text(o, side, layout_prompt(rec) != NULL ?
			    layout_prompt(rec) : "", members, err, errlen);
		free(side);
	}
	if (rc == 0 && o->layout == LAYOUT_IMAGEFOLDER &&
	    metadata_line(o, name, rec, file) == -1) {
		snprintf(err, errlen, "a temporary file: %s", strerror(errno));
		rc = -1;
	}
	free(key);
	if (rc == -1) {
		free(name);
		return NULL;
	}
	return name;
}
