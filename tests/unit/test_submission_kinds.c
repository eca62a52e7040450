/*
 * submission: what each kind makes of a record and the options, one row
 * per case: the action list's spellings, extends of videos, the fields a
 * record brings of its own (base64Array, loop, batchSize), the images
 * describe, video and edit take, modals by prompt or mask, and the
 * refusals on the way, each a record's error, never a request.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record.h"
#include "submission.h"
#include "tap.h"
#include "submitbuild.h"

static char	dir[] = "/tmp/test_submission_kinds.XXXXXX";
static char	mask[512];

/* A finished grid of id 7 with buttons U1 and V1..V4. */
#define GRID	"{\"task\":{\"id\":\"7\",\"status\":\"SUCCESS\"," \
	"\"buttons\":[" \
	"{\"customId\":\"u1\",\"label\":\"U1\"}," \
	"{\"customId\":\"v1\",\"label\":\"V1\"}," \
	"{\"customId\":\"v2\",\"label\":\"V2\"}," \
	"{\"customId\":\"v3\",\"label\":\"V3\"}," \
	"{\"customId\":\"v4\",\"label\":\"V4\"}]}}"
/* A finished video of id 5, its videoUrls as given. */
#define VIDEO(urls)	"{\"task\":{\"id\":\"5\",\"status\":\"SUCCESS\"," \
	"\"action\":\"VIDEO\",\"prompt\":\"waves\",\"videoUrls\":" urls "}}"

static const struct {
	const char		*name;
	enum submit_kind	 kind;
	const char		*actions, *state, *tmpl, *image, *end_image;
	const char		*motion, *modal_prompt, *prompt_text;
	int			 with_mask, loop;
	const char		*input;
	int			 count;
	/* the error, or "endpoint body [| prompt]" */
	const char		*want;
} cases[] = {
	{ "vary: V1..V4", SUBMIT_ACTION, "vary", NULL, NULL, NULL, NULL,
	  NULL, NULL, NULL, 0, 0, GRID, 4,
	  "/mj/submit/action {\"taskId\":\"7\",\"customId\":\"v1\"}" },
	{ "names trimmed of tabs", SUBMIT_ACTION, "\tV2\t", NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL, 0, 0, GRID, 1,
	  "/mj/submit/action {\"taskId\":\"7\",\"customId\":\"v2\"}" },
	{ "extend0", SUBMIT_ACTION, "extend0", NULL, NULL, NULL, NULL, NULL,
	  NULL, NULL, 0, 0, GRID, -2,
	  "--action: extend0: a video has extend1 to extend4" },
	{ "extend5", SUBMIT_ACTION, "extend5", NULL, NULL, NULL, NULL, NULL,
	  NULL, NULL, 0, 0, GRID, -2,
	  "--action: extend5: a video has extend1 to extend4" },
	{ "extend12", SUBMIT_ACTION, "extend12", NULL, NULL, NULL, NULL, NULL,
	  NULL, NULL, 0, 0, GRID, -2,
	  "--action: extend12: a video has extend1 to extend4" },
	{ "extendx is a button's name", SUBMIT_ACTION, "extendx", NULL, NULL,
	  NULL, NULL, NULL, NULL, NULL, 0, 0, GRID, -1,
	  "task 7 has no button 'extendx'; it has: U1, V1, V2, V3, V4" },
	{ "a button without a customId", SUBMIT_ACTION, "U1", NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL, 0, 0,
	  "{\"task\":{\"id\":\"7\",\"buttons\":[{\"customId\":\"\","
	  "\"label\":\"U1\"}]}}", -1, "task 7 has no button 'U1'; it has: U1" },
	{ "a task without buttons", SUBMIT_ACTION, "U1", NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL, 0, 0, "{\"task\":{\"id\":\"7\"}}", -1,
	  "task 7 has no button 'U1'; it has: none" },
	{ "a task without an id", SUBMIT_ACTION, "U1", NULL, NULL, NULL, NULL,
	  NULL, NULL, NULL, 0, 0, "{\"task\":{\"status\":\"SUCCESS\"}}", -1,
	  "--action needs a record with a finished task (task.id and "
	  "task.buttons)" },
	{ "an action's state naming no field", SUBMIT_ACTION, "U1",
	  "row-{sku}", NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, GRID, -1,
	  "no field 'sku' for {sku}" },
	{ "extend a task without an action", SUBMIT_ACTION, "extend1", NULL,
	  NULL, NULL, NULL, NULL, NULL, NULL, 0, 0,
	  "{\"task\":{\"id\":\"5\",\"status\":\"SUCCESS\"}}", -1,
	  "task 5 is not a video (no action): only a finished video can be "
	  "extended" },
	{ "extend2 of videoUrls not a list: one video", SUBMIT_ACTION,
	  "extend2", NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0,
	  VIDEO("\"x\""), -1, "task 5 has 1 video: no extend2" },
	{ "extend2 of an empty videoUrls: one video", SUBMIT_ACTION,
	  "extend2", NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0,
	  VIDEO("[]"), -1, "task 5 has 1 video: no extend2" },
	{ "extend3 of two videos", SUBMIT_ACTION, "extend3", NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL, 0, 0, VIDEO("[\"a\",\"b\"]"), -1,
	  "task 5 has 2 videos: no extend3" },
	{ "extend2 with --motion", SUBMIT_ACTION, "extend2", NULL, NULL, NULL,
	  NULL, "high", NULL, NULL, 0, 0, VIDEO("[\"a\",\"b\"]"), 1,
	  "/mj/submit/video {\"action\":\"extend\",\"index\":1,\"taskId\":"
	  "\"5\",\"prompt\":\"waves\",\"motion\":\"high\"}" },
	{ "extend an imagine", SUBMIT_ACTION, "extend1", NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL, 0, 0,
	  "{\"task\":{\"id\":\"5\",\"action\":\"IMAGINE\"}}", -1,
	  "task 5 is not a video (IMAGINE): only a finished video can be "
	  "extended" },
	{ "extend a video that has no prompt", SUBMIT_ACTION, "extend1", NULL,
	  NULL, NULL, NULL, NULL, NULL, NULL, 0, 0,
	  "{\"task\":{\"id\":\"5\",\"action\":\"VIDEO\"}}", 1,
	  "/mj/submit/video {\"action\":\"extend\",\"index\":0,\"taskId\":"
	  "\"5\"}" },
	{ "extend a video with an empty prompt", SUBMIT_ACTION, "extend1", NULL,
	  NULL, NULL, NULL, NULL, NULL, NULL, 0, 0,
	  "{\"task\":{\"id\":\"5\",\"action\":\"VIDEO\",\"prompt\":\"\"}}", 1,
	  "/mj/submit/video {\"action\":\"extend\",\"index\":0,\"taskId\":"
	  "\"5\"}" },
	{ "an extend's state naming no field", SUBMIT_ACTION, "extend1",
	  "row-{sku}", NULL, NULL, NULL, NULL, NULL, NULL, 0, 0,
	  VIDEO("[]"), -1, "no field 'sku' for {sku}" },
	{ "a missing --end-image", SUBMIT_VIDEO, NULL, NULL, NULL, NULL,
	  "/nonexistent/end.png", NULL, NULL, NULL, 0, 0, "{}", -2,
	  "/nonexistent/end.png: No such file or directory" },
	{ "imagine with the record's base64Array", SUBMIT_IMAGINE, NULL, NULL,
	  NULL, NULL, NULL, NULL, NULL, NULL, 0, 0,
	  "{\"prompt\":\"p\",\"base64Array\":[\"data:image/png;base64,AA\"]}",
	  1, "/mj/submit/imagine {\"prompt\":\"p\",\"base64Array\":"
	  "[\"data:image/png;base64,AA\"]}" },
	{ "a base64Array of null is not sent", SUBMIT_IMAGINE, NULL, NULL,
	  NULL, NULL, NULL, NULL, NULL, NULL, 0, 0,
	  "{\"prompt\":\"p\",\"base64Array\":null}", 1,
	  "/mj/submit/imagine {\"prompt\":\"p\"}" },
	{ "an expanded job with an image link", SUBMIT_IMAGINE, NULL, NULL,
	  NULL, "https://h/a.png", NULL, NULL, NULL, "a red bird", 0, 0,
	  "{\"prompt\":\"a {red, blue} bird\"}", 1,
	  "/mj/submit/imagine {\"prompt\":\"https://h/a.png a red bird\"} | "
	  "https://h/a.png a red bird" },
	{ "a blend of a string", SUBMIT_BLEND, NULL, NULL, NULL, NULL, NULL,
	  NULL, NULL, NULL, 0, 0, "{\"base64Array\":\"data:x\"}", -1,
	  "--blend needs 2 to 5 image files, got 0" },
	{ "a blend of six", SUBMIT_BLEND, NULL, NULL, NULL, NULL, NULL, NULL,
	  NULL, NULL, 0, 0,
	  "{\"base64Array\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]}", -1,
	  "--blend needs 2 to 5 image files, got 6" },
	{ "a video of a task with an empty imageUrl", SUBMIT_VIDEO, NULL,
	  NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0,
	  "{\"image\":\"\",\"task\":{\"id\":\"1\",\"imageUrl\":\"\"}}", -1,
	  "--video needs a first frame: --image FILE|URL, an 'image' field "
	  "or a finished task's image" },
	{ "a video of a task without an imageUrl", SUBMIT_VIDEO, NULL, NULL,
	  NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, "{\"task\":{\"id\":\"1\"}}",
	  -1, "--video needs a first frame: --image FILE|URL, an 'image' "
	  "field or a finished task's image" },
	{ "a video of a task's image, loop and batch its own", SUBMIT_VIDEO,
	  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 1,
	  "{\"task\":{\"id\":\"1\",\"imageUrl\":\"http://h/1.png\"},"
	  "\"loop\":false,\"batchSize\":2}", 1,
	  "/mj/submit/video {\"image\":\"http://h/1.png\",\"motion\":\"low\","
	  "\"loop\":false,\"batchSize\":2}" },
	{ "a video's template naming no field", SUBMIT_VIDEO, NULL, NULL,
	  "{scene}", NULL, NULL, NULL, NULL, NULL, 0, 0,
	  "{\"image\":\"http://h/1.png\"}", -1,
	  "no field 'scene' for {scene}" },
	{ "describe: an empty base64, then the link", SUBMIT_DESCRIBE, NULL,
	  NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0,
	  "{\"base64\":\"\",\"link\":\"https://h/a.png\"}", 1,
	  "/mj/submit/describe {\"link\":\"https://h/a.png\"}" },
	{ "retexture without an image", SUBMIT_RETEXTURE, NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL, NULL, 0, 0, "{\"prompt\":\"p\"}", -1,
	  "--retexture needs an image: --image FILE|URL, an 'image' field or "
	  "a finished task's image" },
	{ "a modal by --mask alone", SUBMIT_MODAL, NULL, NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL, 1, 0,
	  "{\"task\":{\"id\":\"9\",\"status\":\"MODAL\"}}", 1,
	  "/mj/submit/modal {\"taskId\":\"9\",\"maskBase64\":"
	  "\"data:image/png;base64,iVBORw0KGgo=\"}" },
	{ "a task in MODAL goes on with --mask, whatever the kind",
	  SUBMIT_IMAGINE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1, 0,
	  "{\"task\":{\"id\":\"9\",\"status\":\"MODAL\"}}", 1,
	  "/mj/submit/modal {\"taskId\":\"9\",\"maskBase64\":"
	  "\"data:image/png;base64,iVBORw0KGgo=\"}" },
	{ "a task in MODAL without an id", SUBMIT_MODAL, NULL, NULL, NULL,
	  NULL, NULL, NULL, "p", NULL, 0, 0,
	  "{\"task\":{\"status\":\"MODAL\"}}", -1,
	  "--modal-prompt needs a task in status MODAL" },
	{ "a modal without --modal-prompt or --mask", SUBMIT_MODAL, NULL,
	  NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0,
	  "{\"task\":{\"id\":\"9\",\"status\":\"MODAL\"}}", -1,
	  "task 9 waits for a modal: give --modal-prompt (and --mask for "
	  "Vary (Region))" },
};

static void
test_cases(void)
{
	struct submit_opts	 o;
	char			 out[1024], *imgs[1];
	size_t			 i;
	int			 n;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&o, 0, sizeof(o));
		o.kind = cases[i].kind;
		o.actions = cases[i].actions;
		o.state = cases[i].state;
		o.template = cases[i].tmpl;
		if (cases[i].image != NULL) {
			imgs[0] = (char *)cases[i].image;
			o.images = imgs;
			o.nimages = 1;
		}
		o.end_image = cases[i].end_image;
		o.motion = cases[i].motion;
		o.modal_prompt = cases[i].modal_prompt;
		o.prompt_text = cases[i].prompt_text;
		o.mask_file = cases[i].with_mask ? mask : NULL;
		o.loop = cases[i].loop;
		out[0] = '\0';
		n = submit_build_one(&o, cases[i].input, out,
		    sizeof(out), 1);
		TAP_INT(n, cases[i].count, "%s: count", cases[i].name);
		TAP_STR(out, cases[i].want, "%s: %s", cases[i].name,
		    n < 0 ? "the error" : "endpoint and body");
	}
}

static void
test_rebuild(void)
{
	struct submit_opts	 o;
	struct submission	 s;
	json_object		*fresh;
	char			 err[512];

	memset(&o, 0, sizeof(o));
	memset(&s, 0, sizeof(s));
	s.button = strdup("U1");
	s.body = strdup("{\"taskId\":");
	fresh = json_tokener_parse("{\"id\":\"1\",\"buttons\":[]}");
	TAP_INT(submission_rebuild_action(&o, fresh, &s, err, sizeof(err)), -1,
	    "rebuilding a body that is not JSON: refused");
	TAP_STR(err, "not an action", "... saying so");
	json_object_put(fresh);
	free(s.body);

	s.body = strdup("{\"taskId\":\"1\",\"customId\":\"old\"}");
	fresh = json_tokener_parse("{\"buttons\":[{\"customId\":\"\","
	    "\"label\":\"U1\"}]}");
	TAP_INT(submission_rebuild_action(&o, fresh, &s, err, sizeof(err)), -1,
	    "a fresh task without an id whose button lost its customId");
	TAP_STR(err, "task ? has no button 'U1' any more; it has: U1",
	    "... naming the button, the task as ?");
	TAP_STR(s.body, "{\"taskId\":\"1\",\"customId\":\"old\"}",
	    "... the body left as it was");
	json_object_put(fresh);

	fresh = json_tokener_parse("{\"id\":\"1\",\"buttons\":[{\"customId\":"
	    "\"new\",\"label\":\"U1\"}]}");
	TAP_INT(submission_rebuild_action(&o, fresh, &s, err, sizeof(err)), 0,
	    "a fresh task with the button: rebuilt");
	TAP_STR(s.body, "{\"taskId\":\"1\",\"customId\":\"new\"}",
	    "... with the fresh customId");
	json_object_put(fresh);
	free(s.body);
	free(s.button);

	/* nothing built: nothing to free */
	submission_free_all(NULL, 3);
	/* options never loaded: freeing them frees nothing of theirs */
	memset(&o, 0, sizeof(o));
	o.nimages = 2;
	submit_opts_free(&o);
	TAP_OK(o.image_uris == NULL && o.nactions == 0,
	    "options never loaded are freed as empty");
}

int
main(void)
{
	FILE	*f;

	if (mkdtemp(dir) == NULL)
		return 1;
	(void)snprintf(mask, sizeof(mask), "%s/mask.png", dir);
	if ((f = fopen(mask, "wb")) == NULL ||
	    fwrite("\x89PNG\r\n\x1a\n", 1, 8, f) != 8 || fclose(f) != 0) {
		perror(mask);
		return 1;
	}
	test_cases();
	test_rebuild();
	(void)unlink(mask);
	(void)rmdir(dir);
	return tap_done();
}
