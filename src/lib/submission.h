/*
 * What mj-submit sends for one record: the endpoint and the JSON body of
 * each submission (api.md section 3), built from the record and the
 * options.  Pure: no I/O after submit_opts_load, so it is unit-tested.
 */
#ifndef MJ_SUBMISSION_H
#define MJ_SUBMISSION_H

#include <stddef.h>

#include <json-c/json.h>

#include "api.h"
#include "record.h"
#include "table.h"

enum submit_kind {
	SUBMIT_IMAGINE,		/* /mj/submit/imagine (default) */
	SUBMIT_ACTION,		/* --action LIST: /mj/submit/action per button */
	SUBMIT_MODAL,		/* a task in MODAL + --modal-prompt: /mj/submit/modal */
	SUBMIT_BLEND,		/* --blend: /mj/submit/blend */
	SUBMIT_DESCRIBE,	/* --describe: /mj/submit/describe */
	SUBMIT_VIDEO		/* --video: /mj/submit/video */
};

struct submit_opts {
	enum submit_kind  kind;
	const char	 *prompt_field;	/* default "prompt" */
	const char	 *template;	/* --template 'a {item} --ar 3:2', or NULL */
	const char	 *bot;		/* "MID_JOURNEY", "NIJI_JOURNEY" or NULL */
	const char	 *mode;		/* "FAST", "RELAX", "TURBO" or NULL */
	const char	 *state;	/* --state (may hold {field}), or NULL */
	const char	 *notify_hook;	/* --notify-hook URL, or NULL */
	char *const	 *images;	/* --image FILE|URL, repeatable */
	size_t		  nimages;
	const char	 *actions;	/* --action "U1,V2,reroll,Zoom Out 2x" */
	const char	 *modal_prompt;	/* --modal-prompt */
	const char	 *mask_file;	/* --mask FILE (Vary (Region)), or NULL */
	const char	 *dimensions;	/* --dimensions PORTRAIT|SQUARE|LANDSCAPE */
	const char	 *motion;	/* --motion low|high (video) */
	int		  remix;	/* --remix: actions open a modal */

	/* Filled by submit_opts_load; private. */
	char		**image_uris;	/* data: URIs for files, URLs as given */
	int		 *image_is_url;
	char		 *mask_uri;
	char		**action_names;	/* "upscale" expanded to U1..U4 */
	size_t		  nactions;
};

/*
 * Read --image and --mask files into data URIs (MIME type from the file's
 * magic bytes: PNG, JPEG, WebP, GIF), expand the action list ("upscale" =
 * U1..U4, "vary" = V1..V4; commas separate names; names are trimmed).
 * 0, or -1 with err set (the program exits 2).
 */
int	submit_opts_load(struct submit_opts *, char *err, size_t errlen);
void	submit_opts_free(struct submit_opts *);

struct submission {
	const char	*endpoint;	/* "/mj/submit/imagine", ...; static */
	char		*body;		/* owned: compact JSON */
	json_object	*parent;	/* owned or NULL: {"id","action","button"} */
	char		*button;	/* owned or NULL: the button name asked for */
};

/*
 * The submissions for one record: one for imagine, blend, describe,
 * video and modal; one per listed button for actions (taken from the
 * record's task.buttons as they are now).  Returns the count (>= 1) and
 * sets *out (caller frees with submission_free_all), or -1 with err set:
 * a missing template field ("no field 'style' for {style}"), a missing
 * button ("task 1773 has no button 'U5'; it has: U1, U2, ..."), a record
 * without a finished task for --action, no prompt.  Fields of the same
 * names in the record (botType, base64Array, accountFilter, state,
 * notifyHook, dimensions, motion, image) are sent as given and win over
 * the options.
 */
int	submission_build(const struct submit_opts *, const struct record *,
	    struct submission **out, char *err, size_t errlen);
/* The modal completion for a task in status MODAL (task id given). */
int	submission_modal(const struct submit_opts *, const char *task_id,
	    struct submission *out, char *err, size_t errlen);
/*
 * After a stale-customId refusal: rebuild one action submission against
 * the parent task as freshly fetched (task is borrowed).  0 or -1.
 */
int	submission_rebuild_action(const struct submit_opts *, json_object *task,
	    struct submission *sub, char *err, size_t errlen);
void	submission_free_all(struct submission *, size_t n);

/*
 * The body with "state": tag added (caller frees), or NULL when it has a
 * state of its own: the user's state is sent as given.
 */
char	*submission_tagged_body(const char *body, const char *tag);

/* "MID_JOURNEY" or "NIJI_JOURNEY" for --bot's argument (mj, niji, ...), or NULL. */
const char *submission_bot_type(const char *arg);

/*
 * The record's "submit": {"code","description"} of the reply (NULL: none
 * yet, as for a resumed one), "endpoint", "at" (now) and "properties".
 */
json_object *submission_describe(const struct submission *,
	    const struct api_reply *);

/*
 * The journal key of a submission (design.md "--journal"): the same work
 * gives the same key in every run.  A follow-up is its parent and its
 * button (the parent's record changes from one read to the next); other
 * work is its body and its input record.  ordinals counts the keys given
 * so far, so that the same work twice in one input gets two keys.  out:
 * JOURNAL_KEY_LEN + 1 bytes.
 */
void	submission_journal_key(const struct submission *,
	    struct record *rec, struct table *ordinals, char *out);

/* Expand a template: "{field}" from the record's fields ("{{" is "{"). */
char	*template_expand(const char *tmpl, const struct record *, char *err,
	    size_t errlen);

#endif
