/*
 * mj-submit --upload: a local reference image is sent once, not once per
 * row.  Before anything is submitted, each distinct --image file goes to
 * POST /mj/submit/upload-discord-images (api.md 7a), all in one request,
 * and the link that comes back is put in every prompt (Midjourney takes
 * image prompts as URLs at the start of the prompt) instead of the file's
 * base64 in every body.
 *
 * The bodies carry a token in the link's place, "mjpipe-upload:" and the
 * file's sha256, until they are sent (upload_apply): journal keys come from
 * the token, so a rerun that has to upload again (its link got old) still
 * finds its submissions done and pays for nothing twice.
 *
 * Links are journaled (U lines).  A rerun uses a journaled link while it
 * is younger than UPLOAD_REUSE_S: links from upload-discord-images are
 * Discord attachment links, signed to expire 24 hours after they are made
 * (their ex= parameter), and a task submitted with one may wait in the
 * server's queue (RELAX) for a long time before Midjourney fetches the
 * image; a link reused at most 6 hours old leaves it 18.  A link whose ex=
 * says it has less than UPLOAD_LEFT_S left is not reused, whatever its age.
 */
#ifndef MJ_UPLOAD_H
#define MJ_UPLOAD_H

#include <stddef.h>

#include "config.h"
#include "http.h"
#include "journal.h"
#include "loop.h"
#include "submission.h"

#define UPLOAD_PATH	"/mj/submit/upload-discord-images"
#define UPLOAD_TOKEN	"mjpipe-upload:"
#define UPLOAD_REUSE_S	(6 * 3600)
#define UPLOAD_LEFT_S	(12 * 3600)

struct upload;

/*
 * Upload (or take from the journal, which may be NULL) the links of the
 * local --image files of o, turning the loop until done; o's images become
 * tokens (o->image_uris, o->image_is_url: the URL kind).  Returns 0 and
 * sets *out (http NULL: -n, tokens only, nothing sent); 1 when the
 * server has no such endpoint (404, 405: warned once; o is left as it
 * was, its files sent as base64); -1 with err set
 * when the upload failed or a signal came (loop_signal tells).
 */
int	 upload_run(struct submit_opts *o, struct journal *, struct loop *,
	    struct http *, const struct config *, struct upload **out,
	    char *err, size_t errlen);
/* The body to send: its tokens replaced by their links.  Takes body. */
char	*upload_apply(const struct upload *, char *body);
void	 upload_free(struct upload *);

/* Is a journaled link uploaded at `at` good to use at `now`? Tested alone. */
int	 upload_young(const char *url, long long at, long long now);

#endif
