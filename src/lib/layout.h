/*
 * The layouts of mj-pack's archives (mj-pack(1) "LAYOUTS"):
 *  - files: every file of every record, by its own name, as it was;
 *  - webdataset: one sample per image, KEY.<ext> + KEY.json (the record,
 *    with "file": the entry of files[] the image is) + KEY.txt (the
 *    prompt), adjacent, KEY without dots;
 *  - imagefolder: the images, and a line per image in metadata.jsonl:
 *    "file_name" (its path in the archive), the record's fields, "file".
 * In the two dataset layouts a split grid (files[] quadrants: "index")
 * gives its quadrants, and the grid itself only when asked (with_grid).
 */
#ifndef MJ_LAYOUT_H
#define MJ_LAYOUT_H

#include <stddef.h>
#include <stdio.h>

#include <json-c/json.h>

struct archwrite;
struct nameset;

enum layout { LAYOUT_FILES, LAYOUT_WEBDATASET, LAYOUT_IMAGEFOLDER };

/* "files", "webdataset", "imagefolder": 0, or -1 if unknown. */
int	layout_parse(const char *name, enum layout *);

struct layout_out {
	enum layout	 layout;
	int		 with_grid;	/* dataset layouts: the grid too */
	const char	*prefix;	/* "" or "dir/" */
	struct archwrite *w;
	struct nameset	*names;		/* names taken in this archive */
	FILE		*metadata;	/* imagefolder: metadata.jsonl */
};

/*
 * A quadrant of a split grid: it has "index" and no "url" (a file from
 * videoUrls has both: its place there).
 */
int	layout_is_quadrant(json_object *file);
/* A split grid: some entry of files[] is a quadrant. */
int	layout_is_split(json_object *files);
/* Whether files[i] goes into the archive in this layout. */
int	layout_takes(const struct layout_out *, json_object *files, size_t i);
/* How many files of files[] go in: the samples of a dataset layout. */
size_t	layout_count(const struct layout_out *, json_object *files);
/*
 * Add the file described by file (an entry of rec's files[]): the file
 * under its member name (returned, the caller frees it) and, for
 * webdataset, the sample's .json and .txt.  Every member added is
 * appended to members.  NULL, with why in err, if the file cannot be
 * added.
 */
char	*layout_add(struct layout_out *, json_object *rec, json_object *file,
	    json_object *members, char *err, size_t errlen);
/* The prompt of a record: "prompt", else task.prompt; NULL if none. */
const char *layout_prompt(json_object *rec);

#endif
