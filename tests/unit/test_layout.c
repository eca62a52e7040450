/*
 * Layouts: which files of a record are samples (a split grid's quadrants,
 * the grid only when asked), the prompt, and the member names of each
 * layout: webdataset keys without dots, unique, with the image's own
 * extension in lower case; the sample's .json carries "file".
 */
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
	return tap_done();
}
