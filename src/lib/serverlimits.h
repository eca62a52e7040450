/*
 * What a server refuses that mjpipe can see before paying for the
 * request (api.md sections 7b and 8): a state over 255 characters, a
 * notifyHook over 2000, both counted as the server counts, in UTF-16
 * code units; a blend of fewer than 2 or more than 5 images.  trueai-org
 * refuses them on every route but imagine in an envelope mjpipe does not
 * read yet, so they are refused here, as input errors, and nothing is
 * sent.  Pure: no I/O.
 */
#ifndef MJ_SERVERLIMITS_H
#define MJ_SERVERLIMITS_H

#include <stddef.h>

#define SERVERLIMITS_STATE_MAX	255
#define SERVERLIMITS_HOOK_MAX		2000
#define SERVERLIMITS_BLEND_MIN	2
#define SERVERLIMITS_BLEND_MAX	5

/* The length of UTF-8 text in UTF-16 code units, as C# counts it (tested
 * alone). */
size_t	serverlimits_utf16_len(const char *s, size_t len);

/*
 * A request body (compact JSON text) against the limits: 0, or -1 with
 * the message in err ("state is 300 characters (UTF-16 code units), over
 * the server's limit of 255; nothing was sent").  The body is parsed only
 * when it names a state or a notifyHook, or endpoint is a blend.
 */
int	serverlimits_check(const char *endpoint, const char *body, char *err,
	    size_t errlen);
/* The blend's image count against 2..5: 0, or -1 with err. */
int	serverlimits_blend(size_t images, char *err, size_t errlen);

#endif
