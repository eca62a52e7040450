/*
 * The gallery of mj-pack --gallery: index.html at the archive's root, a
 * card per image (a split grid's four quadrants in one card, the grid a
 * link), each showing a thumbnail from thumbs/ that links to the full
 * file; a card for each record without files, with its error.  A text
 * filter over the prompts and fields, and a status filter, run in the
 * page itself: no network, no other file.  Every text is escaped.
 * The cards are written to a temporary file as records come, so memory
 * does not grow with the run.
 */
#ifndef MJ_GALLERY_H
#define MJ_GALLERY_H

#include <json-c/json.h>

struct archwrite;
struct gallery;

#define GALLERY_THUMB_SIZE	320	/* px, the longer side at most */

struct gallery	*gallery_new(void);
/*
 * A file of the record being packed (an entry of files[]), added as
 * member: its thumbnail (images only; not the grid of a split grid,
 * whose quadrants are shown) put in the making, to be added to the
 * archive as thumbs/MEMBER.jpg.  A thumbnail that cannot be made is a
 * warning, and a card without one.
 */
void		 gallery_file(struct gallery *, json_object *files,
		    json_object *file, const char *member, long line);
/*
 * The cards of the record, from the files given since the last call:
 * written, in input order, once their thumbnails are made (by worker
 * threads, a few records ahead), and the thumbnails added to w.
 */
void		 gallery_record(struct gallery *, struct archwrite *,
		    json_object *rec);
/* Finish the page and add it as index.html: 0, or -1 (w->failed). */
int		 gallery_add_page(struct gallery *, struct archwrite *);
void		 gallery_free(struct gallery *);

#endif
