/*
 * submission: the edges of what a record and the options become before
 * anything is sent.  Every refusal here is a record's error, never a
 * request: image files of each kind (and not images, missing, too
 * large), empty action lists, fields that cannot be sent, modals asked
 * of tasks that wait for none, actions rebuilt from a fresh task.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record.h"
#include "submission.h"
#include "tap.h"
#include "submitbuild.h"

static char	dir[] = "/tmp/test_submission_edges.XXXXXX";

static const struct {
	const char	*in, *bot, *shape;
} names[] = {
	{ "mj", "MID_JOURNEY", NULL },
	{ "Midjourney", "MID_JOURNEY", NULL },
	{ "MID_JOURNEY", "MID_JOURNEY", NULL },
	{ "niji", "NIJI_JOURNEY", NULL },
	{ "NIJI_JOURNEY", "NIJI_JOURNEY", NULL },
	{ "dalle", NULL, NULL },
	{ "portrait", NULL, "PORTRAIT" },
	{ "Square", NULL, "SQUARE" },
	{ "LANDSCAPE", NULL, "LANDSCAPE" },
	{ "round", NULL, NULL },
};

static void
test_names(void)
{
	const char	*got;
	size_t		 i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		got = submit_bot_type(names[i].in);
		TAP_STR(got != NULL ? got : "(none)", names[i].bot != NULL ?
		    names[i].bot : "(none)", "--bot %s", names[i].in);
		got = submit_dimensions(names[i].in);
		TAP_STR(got != NULL ? got : "(none)", names[i].shape != NULL ?
		    names[i].shape : "(none)", "--dimensions %s", names[i].in);
	}
}

/* Files of each kind, by their first bytes. */
static const struct {
	const char	*name;
	const char	*bytes;
	size_t		 len;
	const char	*uri;		/* the data URI's start, or NULL */
	const char	*err;		/* else the error's end */
} files[] = {
	{ "a.jpg", "\xff\xd8\xff\xe0\0\0", 6, "data:image/jpeg;base64,", NULL },
	{ "a.gif", "GIF89a\0\0", 8, "data:image/gif;base64,", NULL },
	{ "a.webp", "RIFF\0\0\0\0WEBPVP8 ", 16, "data:image/webp;base64,",
	  NULL },
	{ "riff.wav", "RIFF\0\0\0\0WAVEfmt ", 16, NULL,
	  "not a PNG, JPEG, GIF or WebP image" },
	{ "short.gif", "GIF8", 4, NULL, "not a PNG, JPEG, GIF or WebP image" },
	{ "notes.txt", "hello", 5, NULL, "not a PNG, JPEG, GIF or WebP image" },
	{ "empty.png", "", 0, NULL, "not a PNG, JPEG, GIF or WebP image" },
};

static void
path_of(char *out, size_t size, const char *name)
{
	(void)snprintf(out, size, "%s/%s", dir, name);
}

static void
write_bytes(const char *path, const char *bytes, size_t len)
{
	FILE	*f = fopen(path, "wb");

	if (f == NULL || fwrite(bytes, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

static int
ends_with(const char *s, const char *end)
{
	size_t	n = strlen(s), m = strlen(end);

	return n >= m && strcmp(s + n - m, end) == 0;
}

static void
test_files(void)
{
	struct submit_opts	 o;
	char			 path[512], err[512], *imgs[1];
	size_t			 i;
	int			 rc;
	FILE			*f;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		path_of(path, sizeof(path), files[i].name);
		write_bytes(path, files[i].bytes, files[i].len);
		memset(&o, 0, sizeof(o));
		imgs[0] = path;
		o.images = imgs;
		o.nimages = 1;
		err[0] = '\0';
		rc = submit_opts_load(&o, err, sizeof(err));
		if (files[i].uri != NULL) {
			TAP_INT(rc, 0, "%s: read", files[i].name);
			TAP_OK(rc == 0 && strncmp(o.image_uris[0], files[i].uri,
			    strlen(files[i].uri)) == 0, "%s: %s...",
			    files[i].name, files[i].uri);
		} else {
			TAP_INT(rc, -1, "%s: refused", files[i].name);
			TAP_OK(ends_with(err, files[i].err) &&
			    strstr(err, files[i].name) != NULL,
			    "%s: names the file and why (%s)", files[i].name,
			    err);
		}
		submit_opts_free(&o);
	}

	/* missing, and over 32 MiB (a sparse file: nothing is written) */
	memset(&o, 0, sizeof(o));
	path_of(path, sizeof(path), "missing.png");
	imgs[0] = path;
	o.images = imgs;
	o.nimages = 1;
	TAP_INT(submit_opts_load(&o, err, sizeof(err)), -1,
	    "a missing file: refused");
	TAP_OK(ends_with(err, "No such file or directory"), "... saying so "
	    "(%s)", err);
	submit_opts_free(&o);
	path_of(path, sizeof(path), "huge.png");
	if ((f = fopen(path, "wb")) == NULL || fputs("\x89PNG\r\n\x1a\n", f) ==
	    EOF || fseek(f, 33L * 1024 * 1024, SEEK_SET) != 0 ||
	    fputc(0, f) == EOF || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
	memset(&o, 0, sizeof(o));
	imgs[0] = path;
	o.images = imgs;
	o.nimages = 1;
	TAP_INT(submit_opts_load(&o, err, sizeof(err)), -1,
	    "a file over 32 MiB: refused");
	TAP_OK(ends_with(err, "larger than 32 MiB"), "... saying so (%s)", err);
	submit_opts_free(&o);
	(void)unlink(path);
	memset(&o, 0, sizeof(o));
	path_of(path, sizeof(path), "missing-mask.png");
	o.mask_file = path;
	TAP_INT(submit_opts_load(&o, err, sizeof(err)), -1,
	    "a missing --mask: refused");
	submit_opts_free(&o);
}

static const struct {
	const char		*name;
	enum submit_kind	 kind;
	const char		*tmpl, *state, *actions, *image;
	const char		*input;
	int			 count;
	const char		*want;		/* error or "endpoint body" */
} cases[] = {
	{ "an action list of commas", SUBMIT_ACTION, NULL, NULL, " , ,", NULL,
	  "{}", -2, "--action: no button named" },
	{ "empty items are skipped", SUBMIT_ACTION, NULL, NULL, "U1, ,", NULL,
	  "{\"task\":{\"id\":\"7\",\"status\":\"SUCCESS\",\"buttons\":"
	  "[{\"customId\":\"c1\",\"label\":\"U1\"}]}}", 1,
	  "/mj/submit/action {\"taskId\":\"7\",\"customId\":\"c1\"}" },
	{ "a field with U+0000", SUBMIT_IMAGINE, "a {item}", NULL, NULL, NULL,
	  "{\"item\":\"b\\u0000c\"}", -1,
	  "field 'item' holds U+0000, which cannot be sent" },
	{ "a state naming no field", SUBMIT_IMAGINE, NULL, "row-{sku}", NULL,
	  NULL, "{\"prompt\":\"p\"}", -1, "no field 'sku' for {sku}" },
	{ "a modal of a task that waits for none", SUBMIT_MODAL, NULL, NULL,
	  NULL, NULL, "{\"task\":{\"id\":\"8\",\"status\":\"SUCCESS\"}}", -1,
	  "--modal-prompt needs a task in status MODAL" },
	{ "a modal without a task", SUBMIT_MODAL, NULL, NULL, NULL, NULL,
	  "{\"prompt\":\"p\"}", -1,
	  "--modal-prompt needs a task in status MODAL" },
	{ "shorten", SUBMIT_SHORTEN, NULL, NULL, NULL, NULL,
	  "{\"prompt\":\"a very long prompt\"}", 1,
	  "/mj/submit/shorten {\"prompt\":\"a very long prompt\"}" },
	{ "shorten without a prompt", SUBMIT_SHORTEN, NULL, NULL, NULL, NULL,
	  "{\"sku\":1}", -1, "no prompt: field 'prompt' is missing or empty" },
	{ "a video without a frame", SUBMIT_VIDEO, NULL, NULL, NULL, NULL,
	  "{\"prompt\":\"waves\"}", -1, "--video needs a first frame: --image "
	  "FILE|URL, an 'image' field or a finished task's image" },
	{ "a video from an image field", SUBMIT_VIDEO, NULL, NULL, NULL, NULL,
	  "{\"prompt\":\"waves\",\"image\":\"http://h/f.png\"}", 1,
	  "/mj/submit/video {\"image\":\"http://h/f.png\",\"motion\":\"low\","
	  "\"prompt\":\"waves\"}" },
	{ "describe a base64 field", SUBMIT_DESCRIBE, NULL, NULL, NULL, NULL,
	  "{\"base64\":\"data:image/png;base64,AAAA\"}", 1,
	  "/mj/submit/describe {\"base64\":\"data:image/png;base64,AAAA\"}" },
	{ "describe a link field", SUBMIT_DESCRIBE, NULL, NULL, NULL, NULL,
	  "{\"link\":\"https://h/a.png\"}", 1,
	  "/mj/submit/describe {\"link\":\"https://h/a.png\"}" },
};

static void
test_cases(void)
{
	struct submit_opts	 o;
	char			 out[1024];
	size_t			 i;
	int			 n;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&o, 0, sizeof(o));
		o.kind = cases[i].kind;
		o.template = cases[i].tmpl;
		o.state = cases[i].state;
		o.actions = cases[i].actions;
		out[0] = '\0';
		n = submit_build_one(&o, cases[i].input, out,
		    sizeof(out), 0);
		TAP_INT(n, cases[i].count, "%s: count", cases[i].name);
		TAP_STR(out, cases[i].want, "%s: %s", cases[i].name,
		    n < 0 ? "the error" : "endpoint and body");
	}
}

static void
test_modal_and_rebuild(void)
{
	struct submit_opts	 o;
	struct submission	 s;
	json_object		*fresh;
	char			 err[512];

	memset(&o, 0, sizeof(o));
	TAP_INT(submission_modal(&o, "77", &s, err, sizeof(err)), -1,
	    "a modal without --modal-prompt or --mask: refused");
	TAP_OK(strstr(err, "task 77 waits for a modal") != NULL,
	    "... naming the task (%s)", err);

	memset(&s, 0, sizeof(s));
	s.endpoint = "/mj/submit/imagine";
	s.body = strdup("{\"prompt\":\"p\"}");
	fresh = json_tokener_parse("{\"id\":\"1\",\"buttons\":[]}");
	TAP_INT(submission_rebuild_action(&o, fresh, &s, err, sizeof(err)), -1,
	    "rebuilding what is not an action: refused");
	TAP_STR(err, "not an action", "... saying so");
	free(s.body);
	s.body = strdup("{\"taskId\":\"1\",\"customId\":\"old\"}");
	s.button = strdup("V3");
	TAP_INT(submission_rebuild_action(&o, fresh, &s, err, sizeof(err)), -1,
	    "a fresh task without the button: refused");
	TAP_OK(strstr(err, "V3") != NULL, "... naming it (%s)", err);
	TAP_STR(s.body, "{\"taskId\":\"1\",\"customId\":\"old\"}",
	    "... and the body is left as it was");
	free(s.body);
	free(s.button);
	json_object_put(fresh);
}

int
main(void)
{
	char	path[512];
	size_t	i;

	if (mkdtemp(dir) == NULL)
		return 1;
	test_names();
	test_files();
	test_cases();
	test_modal_and_rebuild();
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		path_of(path, sizeof(path), files[i].name);
		(void)unlink(path);
	}
	(void)rmdir(dir);
	return tap_done();
}
