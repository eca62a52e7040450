/*
 * relink: which link of a task read again stands for a stale one.
 */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "diag.h"
#include "relink.h"
#include "tap.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

static const struct {
	const char	*orig;
	const char	*fresh;
	const char	*url;
	const char	*want;	/* NULL: none */
} cases[] = {
	/* a CDN link signed again: the same path, a new query */
	{ "{\"imageUrl\":\"https://cdn/a.png?ex=1&hm=x\"}",
	  "{\"imageUrl\":\"https://cdn/a.png?ex=2&hm=y\"}",
	  "https://cdn/a.png?ex=1&hm=x", "https://cdn/a.png?ex=2&hm=y" },
	/* a new path: the same place in the task */
	{ "{\"imageUrl\":\"https://old/g.png\",\"videoUrl\":\"https://old/v.mp4\"}",
	  "{\"imageUrl\":\"https://new/g.png\",\"videoUrl\":\"https://new/v.mp4\"}",
	  "https://old/v.mp4", "https://new/v.mp4" },
	{ "{\"imageUrl\":\"https://o/g\",\"imageUrls\":[{\"url\":\"https://o/1\"},"
	  "{\"url\":\"https://o/2\"}]}",
	  "{\"imageUrl\":\"https://n/g\",\"imageUrls\":[{\"url\":\"https://n/1\"},"
	  "{\"url\":\"https://n/2\"}]}",
	  "https://o/2", "https://n/2" },
	/* the same dead link: itself (the caller calls that none) */
	{ "{\"imageUrl\":\"https://cdn/d.png\"}", "{\"imageUrl\":\"https://cdn/d.png\"}",
	  "https://cdn/d.png", "https://cdn/d.png" },
	/* places that moved (more links now), a path not seen: none */
	{ "{\"imageUrl\":\"https://o/g\",\"videoUrl\":\"https://o/v\"}",
	  "{\"imageUrl\":\"https://n/g\",\"imageUrls\":[\"https://n/1\"],"
	  "\"videoUrl\":\"https://n/v\"}", "https://o/v", NULL },
	{ "{\"imageUrl\":\"https://o/g\"}", "{\"imageUrl\":\"https://n/g\"}",
	  "https://elsewhere/x", NULL },
	/* a task read again without links */
	{ "{\"imageUrl\":\"https://o/g\"}", "{\"status\":\"SUCCESS\"}",
	  "https://o/g", NULL },
};

int
main(void)
{
	json_object	*o, *f;
	const char	*got;
	size_t		 i;

	diag_init("test_relink");
	for (i = 0; i < NITEMS(cases); i++) {
		o = json_tokener_parse(cases[i].orig);
		f = json_tokener_parse(cases[i].fresh);
		got = relink_counterpart(o, f, cases[i].url);
		TAP_STR(got, cases[i].want, "case %zu: %s", i, cases[i].url);
		json_object_put(o);
		json_object_put(f);
	}
	TAP_OK(relink_counterpart(NULL, NULL, "https://x/") == NULL,
	    "no tasks: none");
	return tap_done();
}
