/*
 * An action followed by its modal (modal.c) and --upload's links
 * (upload.c, journal U lines): the modal's body and key, the marker that
 * a modal is due, links that survive a reopen, how young a link must be
 * to be used again, and the shorten body.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "journal.h"
#include "modal.h"
#include "record.h"
#include "submission.h"
#include "tap.h"
#include "upload.h"

#define GRID "{\"id\":\"1773\",\"action\":\"UPSCALE\",\"status\":\"SUCCESS\"," \
	"\"buttons\":[{\"customId\":\"MJ::CustomZoom::ab12\",\"label\":\"Custom Zoom\"}]}"

static void
test_modal(const char *dir)
{
	struct submit_opts	 o;
	struct submission	*subs = NULL;
	struct record		*rec;
	struct journal		*j;
	json_tokener		*tok = record_tokener_new();
	json_object		*t;
	char			 err[256], path[512], key[JOURNAL_KEY_LEN + 1];
	char			 action_key[JOURNAL_KEY_LEN + 1];
	const char		*in = "{\"task\":" GRID "}";

	memset(&o, 0, sizeof(o));
	o.kind = SUBMIT_ACTION;
	o.actions = "Custom Zoom";
	TAP_OK(!modal_chained(&o), "an action alone: no modal in the same run");
	o.modal_prompt = "a boat --zoom 2";
	TAP_OK(modal_chained(&o), "with --modal-prompt: the modal follows");
	o.modal_prompt = NULL;
	o.mask_file = "mask.png";
	TAP_OK(modal_chained(&o), "with --mask alone: the modal follows");
	o.kind = SUBMIT_IMAGINE;
	TAP_OK(!modal_chained(&o), "not an action: no modal follows");
	o.kind = SUBMIT_ACTION;
	o.mask_file = NULL;
	o.modal_prompt = "a boat --zoom 2";
	if (submit_opts_load(&o, err, sizeof(err)) == -1)
		return;
	rec = record_parse(tok, in, strlen(in), 1);
	TAP_INT(submission_build(&o, rec, &subs, err, sizeof(err)), 1,
	    "the action is built");
	(void)snprintf(key, sizeof(key), "%064d", 7);
	memcpy(action_key, key, sizeof(key));
	TAP_INT(modal_follow(&o, &subs[0], "1800", key, err, sizeof(err)), 0,
	    "the action becomes its modal");
	TAP_STR(subs[0].endpoint, "/mj/submit/modal", "... its endpoint");
	TAP_STR(subs[0].body, "{\"taskId\":\"1800\",\"prompt\":\"a boat --zoom 2\"}",
	    "... the MODAL task and the prompt");
	TAP_OK(subs[0].button == NULL && subs[0].parent != NULL,
	    "... no button any more (never rebuilt), the parent kept");
	TAP_OK(strcmp(key, action_key) != 0 && strlen(key) == JOURNAL_KEY_LEN,
	    "... a journal key of its own");
	t = modal_task(&subs[0]);
	TAP_STR(json_object_to_json_string_ext(t, JSON_C_TO_STRING_PLAIN),
	    "{\"id\":\"1800\",\"status\":\"MODAL\"}", "a failed modal names its task");
	json_object_put(t);
	free(subs[0].body);
	subs[0].body = strdup("{\"prompt\":\"p\"}");
	t = modal_task(&subs[0]);
	TAP_STR(json_object_to_json_string_ext(t, JSON_C_TO_STRING_PLAIN),
	    "{\"id\":\"\",\"status\":\"MODAL\"}",
	    "a body without taskId: an empty id, never a crash");
	json_object_put(t);
	o.modal_prompt = NULL;
	TAP_INT(modal_follow(&o, &subs[0], "1801", NULL, err, sizeof(err)), -1,
	    "no --modal-prompt nor --mask: no modal to follow with");
	TAP_STR(subs[0].body, "{\"prompt\":\"p\"}",
	    "... the submission left as it was");
	o.modal_prompt = "a boat --zoom 2";

	(void)snprintf(path, sizeof(path), "%s/modal.journal", dir);
	if ((j = journal_open(path, err, sizeof(err))) == NULL)
		return;
	TAP_OK(modal_due(NULL, action_key, "1800", 0), "no journal: due");
	TAP_OK(!modal_due(j, action_key, "1800", 0),
	    "a rerun without the marker: not due (the action opened none)");
	TAP_OK(modal_due(j, action_key, "1800", 1), "a fresh reply: due");
	TAP_INT(journal_lookup(j, action_key, NULL), JOURNAL_DONE,
	    "... the action's task id journaled");
	TAP_OK(modal_due(j, action_key, "1800", 0), "a rerun finds the marker");
	(void)journal_close(j, err, sizeof(err));
	submission_free_all(subs, 1);
	record_free(rec);
	submit_opts_free(&o);
	json_tokener_free(tok);
}

static void
test_links(const char *dir)
{
	struct journal	*j;
	char		 path[512], err[256], key[JOURNAL_KEY_LEN + 1];
	const char	*url;
	long long	 at = 0, now = (long long)time(NULL);
	char		 buf[128];

	(void)snprintf(path, sizeof(path), "%s/links.journal", dir);
	journal_key(UPLOAD_PATH, "mjpipe-upload:00", "", 0, key);
	if ((j = journal_open(path, err, sizeof(err))) == NULL)
		return;
	TAP_OK(journal_link_get(j, key, &at) == NULL, "no link yet");
	TAP_INT(journal_link(j, key, now, "https://cdn.example/a.png?ex=1&hm=2"),
	    0, "a link journaled");
	TAP_INT(journal_link(j, key, now, "https://cdn.example/a b.png"), -1,
	    "a link with a space is refused");
	TAP_INT(journal_sent(j, key, 0), 0, "a send line for another purpose");
	(void)journal_close(j, err, sizeof(err));
	j = journal_open(path, err, sizeof(err));
	TAP_OK(j != NULL, "the journal with a U line reopens (%s)",
	    j != NULL ? "" : err);
	if (j == NULL)
		return;
	url = journal_link_get(j, key, &at);
	TAP_STR(url, "https://cdn.example/a.png?ex=1&hm=2", "the link is back");
	TAP_OK(at == now, "... with its time");
	(void)journal_close(j, err, sizeof(err));

	TAP_OK(upload_young("https://x/a.png", now - 60, now), "a minute old: used");
	TAP_OK(!upload_young("https://x/a.png", now - UPLOAD_REUSE_S, now),
	    "6 hours old: uploaded again");
	(void)snprintf(buf, sizeof(buf), "https://x/a.png?ex=%llx&is=1",
	    now + 3600);
	TAP_OK(!upload_young(buf, now - 60, now),
	    "young, but its ex= says it expires within 12 hours: not used");
	(void)snprintf(buf, sizeof(buf), "https://x/a.png?ex=%llx&is=1",
	    now + 86400);
	TAP_OK(upload_young(buf, now - 60, now), "ex= a day ahead: used");
	(void)snprintf(buf, sizeof(buf), "https://x/a.png?is=1&ex=%llx",
	    now + 3600);
	TAP_OK(!upload_young(buf, now - 60, now),
	    "... as &ex=, after another parameter");
	TAP_OK(upload_young("https://x/a.png?ex=&hm=2", now - 60, now),
	    "an ex= without a time says nothing: young, used");
	TAP_OK(!upload_young("https://x/a.png", now + 3600, now),
	    "journaled an hour in the future (a clock set back): not used");
}

static void
test_shorten(void)
{
	struct submit_opts	 o;
	struct submission	*subs = NULL;
	struct record		*rec;
	json_tokener		*tok = record_tokener_new();
	char			 err[256];
	const char		*in = "{\"prompt\":\"a long prompt\"}";

	memset(&o, 0, sizeof(o));
	o.kind = SUBMIT_SHORTEN;
	o.bot = "NIJI_JOURNEY";
	if (submit_opts_load(&o, err, sizeof(err)) == -1)
		return;
	rec = record_parse(tok, in, strlen(in), 1);
	TAP_INT(submission_build(&o, rec, &subs, err, sizeof(err)), 1,
	    "shorten: built");
	TAP_STR(subs[0].endpoint, "/mj/submit/shorten", "... for /mj/submit/shorten");
	TAP_STR(subs[0].body, "{\"prompt\":\"a long prompt\",\"botType\":"
	    "\"NIJI_JOURNEY\"}", "... with the prompt and the bot");
	submission_free_all(subs, 1);
	record_free(rec);
	submit_opts_free(&o);
	json_tokener_free(tok);
}

int
main(void)
{
	char	dir[] = "/tmp/test_modal_upload.XXXXXX", cmd[128];

	if (mkdtemp(dir) == NULL)
		return 1;
	test_modal(dir);
	test_links(dir);
	test_shorten();
	(void)snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		TAP_OK(0, "cleaned up");
	return tap_done();
}
