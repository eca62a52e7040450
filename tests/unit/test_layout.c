/*
 * Layouts: which files of a record are samples (a split grid's quadrants,
 * the grid only when asked), the prompt, and the member names of each
 * layout: webdataset keys without dots, unique, with the image's own
 * extension in lower case; the sample's .json carries "file".  Names of
 * the files layout (the archive's own names kept free, a-2, .x-2, many
 * of one name), an extension from the type, and what layout_add says
 * when it cannot add: no path, metadata.jsonl failing.  (The archive
 * failing at a sample's .json: mj-pack-archive-faults.sh.)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>

#include "archwrite.h"
#include "layout.h"
#include "nameset.h"
#include "record.h"
#include "tap.h"

static json_object *
parse(const char *text)
{
	return json_tokener_parse(text);
}

static const char *
member(json_object *members, size_t i)
{
	return json_object_get_string(json_object_array_get_idx(members, i));
}

/* An archive in memory of cap bytes, written a 512-byte block at a time. */
static struct archive *
mem_archive(struct archwrite *w, char *buf, size_t cap, size_t *used)
{
	struct archive	*a = archive_write_new();

	archive_write_set_format_pax_restricted(a);
	archive_write_set_bytes_per_block(a, 512);
	archive_write_set_bytes_in_last_block(a, 1);
	if (archive_write_open_memory(a, buf, cap, used) != ARCHIVE_OK)
		return NULL;
	*w = (struct archwrite){ 0 };
	w->a = a;
	w->label = "mem";
	return a;
}

/* layout_add of {"path": path, "type": type} (type may be NULL). */
static char *
add(struct layout_out *o, const char *path, const char *type, char *err)
{
	json_object	*rec = json_object_new_object(), *file;
	json_object	*members = json_object_new_array();
	char		*name;

	file = json_object_new_object();
	if (path != NULL)
		json_object_object_add(file, "path",
		    json_object_new_string(path));
	if (type != NULL)
		json_object_object_add(file, "type",
		    json_object_new_string(type));
	json_object_object_add(rec, "prompt", json_object_new_string("p"));
	name = layout_add(o, rec, file, members, err, 256);
	json_object_put(file);
	json_object_put(members);
	json_object_put(rec);
	return name;
}

static void
touch(const char *path)
{
	FILE	*f = fopen(path, "w");

	TAP_OK(f != NULL && fputs("x", f) >= 0 && fclose(f) == 0,
	    "a file to pack: %s", path);
}

/* Names, extensions and failures of layout_add (top of the file). */
static void
names_and_failures(void)
{
	static char		 buf[1 << 16];
	static const char *const want[] = { "a", "a-2", "a-3", "a-4", "a-5",
	    "a-6" };
	struct archwrite	 w;
	struct nameset		 names = NAMESET_INIT;
	struct layout_out	 o;
	struct archive		*a;
	json_object		*notarray;
	size_t			 used = 0, i;
	char			 err[256], *name;
	FILE			*full;

	touch("manifest.jsonl");
	touch("a");
	touch(".x");
	touch("noext");
	a = mem_archive(&w, buf, sizeof(buf), &used);
	o = (struct layout_out){ LAYOUT_FILES, 0, "", &w, &names, NULL };
	name = add(&o, "manifest.jsonl", NULL, err);
	TAP_STR(name, "manifest-2.jsonl", "a file named as the manifest: "
	    "a name of its own");
	free(name);
	for (i = 0; i < 6; i++) {
		name = add(&o, "a", NULL, err);
		TAP_STR(name, want[i], "a name without a dot, again and "
		    "again: %s", want[i]);
		free(name);
	}
	free(add(&o, ".x", NULL, err));
	name = add(&o, ".x", NULL, err);
	TAP_STR(name, "_x-2", "a hidden file's name made visible, -2 at its "
	    "end");
	free(name);
	name = add(&o, NULL, NULL, err);
	TAP_OK(name == NULL && strcmp(err, "a file without a path") == 0,
	    "a file without a path: no member, and why");
	notarray = json_object_new_string("x");
	TAP_INT(layout_is_split(notarray), 0,
	    "files that are no array: not split");
	json_object_put(notarray);
	archive_write_free(a);
	archwrite_free(&w);
	nameset_free(&names);

	/* webdataset: the extension from the type */
	names = (struct nameset)NAMESET_INIT;
	a = mem_archive(&w, buf, sizeof(buf), &used);
	o = (struct layout_out){ LAYOUT_WEBDATASET, 0, "", &w, &names, NULL };
	name = add(&o, "noext", "image/webp", err);
	TAP_STR(name, "noext.webp", "no extension: the type's");
	free(name);
	archive_write_free(a);
	archwrite_free(&w);
	nameset_free(&names);

	/* imagefolder: metadata.jsonl on a full disk */
	names = (struct nameset)NAMESET_INIT;
	a = mem_archive(&w, buf, sizeof(buf), &used);
	full = fopen("/dev/full", "w");
	TAP_OK(full != NULL && setvbuf(full, NULL, _IONBF, 0) == 0,
	    "/dev/full, unbuffered");
	o = (struct layout_out){ LAYOUT_IMAGEFOLDER, 0, "", &w, &names, full };
	name = add(&o, "a", NULL, err);
	TAP_OK(name == NULL, "metadata.jsonl not written: no member");
	TAP_STR(err, "a temporary file: No space left on device", "... and why");
	if (full != NULL)
		fclose(full);
	archive_write_free(a);
	archwrite_free(&w);
	nameset_free(&names);
	unlink("manifest.jsonl");
	unlink("a");
	unlink(".x");
	unlink("noext");
}

int
main(void)
{
	enum layout		 l;
	json_object		*split, *plain, *rec, *members, *files, *missing;
	json_object		*video;
	const char		*fileobj =
	    "\"file\":{\"path\":\"a.b.c.PNG\",\"index\":2}";
	struct layout_out	 o = { LAYOUT_WEBDATASET, 0, "", NULL, NULL, NULL };
	struct archwrite	 w = { 0 };
	struct nameset		 names = NAMESET_INIT;
	struct archive		*a;
	static char		 buf[1 << 16];
	size_t			 used = 0;
	char			 err[256], *name;
	FILE			*f;

	TAP_OK(layout_parse("webdataset", &l) == 0 && l == LAYOUT_WEBDATASET,
	    "webdataset is a layout");
	TAP_OK(layout_parse("imagefolder", &l) == 0 && l == LAYOUT_IMAGEFOLDER,
	    "imagefolder is a layout");
	TAP_INT(layout_parse("WebDataset", &l), -1, "names are exact");

	split = parse("[{\"path\":\"g.png\",\"grid\":true},"
	    "{\"path\":\"g-1.png\",\"index\":1},{\"path\":\"g-2.png\",\"index\":2},"
	    "{\"path\":\"g-3.png\",\"index\":3},{\"path\":\"g-4.png\",\"index\":4}]");
	plain = parse("[{\"path\":\"a.png\"},{\"path\":\"b.png\"}]");
	TAP_OK(layout_is_split(split) && !layout_is_split(plain),
	    "a split grid has quadrants");
	TAP_INT((long)layout_count(&o, split), 4, "webdataset: four samples of a split grid");
	TAP_OK(!layout_takes(&o, split, 0) && layout_takes(&o, split, 1),
	    "... not the grid");
	TAP_INT((long)layout_count(&o, plain), 2, "every file of a record not split");
	o.with_grid = 1;
	TAP_INT((long)layout_count(&o, split), 5, "--with-grid: the grid too");
	o.with_grid = 0;
	o.layout = LAYOUT_FILES;
	TAP_INT((long)layout_count(&o, split), 5, "files: every file");
	TAP_INT((long)layout_count(&o, NULL), 0, "no files, no samples");
	o.layout = LAYOUT_WEBDATASET;
	video = parse("[{\"path\":\"v.png\",\"url\":\"u\"},"
	    "{\"path\":\"v-1.mp4\",\"url\":\"u1\",\"index\":1},"
	    "{\"path\":\"v-2.mp4\",\"url\":\"u2\",\"index\":2}]");
	TAP_OK(!layout_is_split(video) &&
	    !layout_is_quadrant(json_object_array_get_idx(video, 1)),
	    "videos with index and url: no split grid");
	TAP_INT((long)layout_count(&o, video), 3,
	    "webdataset: each video a sample, the frame too");
	json_object_put(video);

	rec = parse("{\"prompt\":\"p\",\"task\":{\"prompt\":\"t\"}}");
	TAP_STR(layout_prompt(rec), "p", "the prompt: the record's own");
	json_object_put(rec);
	rec = parse("{\"task\":{\"prompt\":\"t\"}}");
	TAP_STR(layout_prompt(rec), "t", "... else the task's");
	json_object_put(rec);

	/* members of a webdataset, into memory */
	f = fopen("a.b.c.PNG", "w");
	TAP_OK(f != NULL && fputs("png", f) >= 0 && fclose(f) == 0,
	    "a file to pack");
	a = archive_write_new();
	archive_write_set_format_pax_restricted(a);
	TAP_INT(archive_write_open_memory(a, buf, sizeof(buf), &used),
	    ARCHIVE_OK, "an archive in memory");
	w.a = a;
	w.label = "mem";
	o = (struct layout_out){ LAYOUT_WEBDATASET, 0, "d.x/", &w, &names,
	    NULL };
	rec = parse("{\"prompt\":\"a cat\",\"file\":\"mine\","
	    "\"files\":[{\"path\":\"a.b.c.PNG\",\"index\":2}]}");
	files = json_object_object_get(rec, "files");
	missing = parse("{\"files\":[{\"path\":\"no/such.png\"}]}");
	members = json_object_new_array();
	name = layout_add(&o, rec, json_object_array_get_idx(files, 0),
	    members, err, sizeof(err));
	TAP_STR(name, "d_x/a_b_c.png", "a key without dots (the prefix's too), the extension in lower case");
	free(name);
	name = layout_add(&o, rec, json_object_array_get_idx(files, 0),
	    members, err, sizeof(err));
	TAP_STR(name, "d_x/a_b_c-2.png", "the same file again: a key of its own");
	free(name);
	TAP_INT((long)json_object_array_length(members), 6, "image, .json, .txt each time");
	TAP_STR(member(members, 1), "d_x/a_b_c.json", "... the .json");
	TAP_STR(member(members, 2), "d_x/a_b_c.txt", "... the .txt, adjacent");
	name = layout_add(&o, rec, json_object_array_get_idx(
	    json_object_object_get(missing, "files"), 0), members, err,
	    sizeof(err));
	TAP_OK(name == NULL && strstr(err, "no/such.png") != NULL &&
	    json_object_array_length(members) == 6,
	    "a missing file: no member, and why");
	TAP_OK(archive_write_close(a) == ARCHIVE_OK && memmem(buf, used,
	    fileobj, strlen(fileobj)) != NULL,
	    "the .json carries file, the entry of files (the record's own \"file\" gives way)");
	TAP_OK(memmem(buf, used, "a cat", 5) != NULL, "the .txt holds the prompt");
	name = layout_add(&o, rec, json_object_array_get_idx(files, 0),
	    members, err, sizeof(err));
	TAP_OK(name == NULL, "after the archive closed: no member");
	free(name);
	json_object_put(members);
	json_object_put(rec);
	json_object_put(missing);
	archive_write_free(a);
	archwrite_free(&w);
	nameset_free(&names);
	unlink("a.b.c.PNG");
	json_object_put(split);
	json_object_put(plain);
	names_and_failures();
	return tap_done();
}
