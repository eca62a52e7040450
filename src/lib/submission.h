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
	/* --action LIST: /mj/submit/action per button */
	SUBMIT_ACTION,
	/* a task in MODAL + --modal-prompt: /mj/submit/modal */
	SUBMIT_MODAL,
	SUBMIT_BLEND,		/* --blend: /mj/submit/blend */
	SUBMIT_DESCRIBE,	/* --describe: /mj/submit/describe */
	SUBMIT_VIDEO,		/* --video: /mj/submit/video */
	SUBMIT_SHORTEN,		/* --shorten: /mj/submit/shorten */
	SUBMIT_EDIT,		/* --edit: /mj/submit/edits (api.md 7b) */
	SUBMIT_RETEXTURE	/* --retexture: /mj/submit/retexture */
};

struct submit_opts {
	enum submit_kind  kind;
	const char	 *prompt_field;	/* default "prompt" */
	/* --template 'a {item} --ar 3:2', or NULL */
	const char	 *template;
	/* "MID_JOURNEY", "NIJI_JOURNEY" or NULL */
	const char	 *bot;
	const char	 *mode;		/* "FAST", "RELAX", "TURBO" or NULL */
	/* --state (may hold {field}), or NULL */
	const char	 *state;
	const char	 *notify_hook;	/* --notify-hook URL, or NULL */
	char *const	 *images;	/* --image FILE|URL, repeatable */
	size_t		  nimages;
	/* --action "U1,V2,reroll,Zoom Out 2x" */
	const char	 *actions;
	const char	 *modal_prompt;	/* --modal-prompt */
	/* --mask FILE (Vary (Region)), or NULL */
	const char	 *mask_file;
	/* --dimensions PORTRAIT|SQUARE|LANDSCAPE */
	const char	 *dimensions;
	const char	 *motion;	/* --motion low|high (video) */
	int		  remix;	/* --remix: actions open a modal */
	const char	 *end_image;	/* --end-image FILE|URL (video) */
	int		  loop;		/* --loop (video) */
	int		  batch_size;	/* --batch-size 1|2|4 (video), or 0 */
	int		  hd;		/* --hd (video) */
	const char	 *language;	/* --language (describe), or NULL */
	/* an expanded job's prompt (jobs.h): over template and field */
	const char	 *prompt_text;

	/* Filled by submit_opts_load; private. */
	/* data: URIs for files, URLs as given */
	char		**image_uris;
	int		 *image_is_url;
	char		 *mask_uri;
	char		 *end_image_uri;
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
/* --bot's "mj", "niji" (...) as a botType, --dimensions' shape; NULL if bad. */
const char *submit_bot_type(const char *);
const char *submit_dimensions(const char *);
void	submit_opts_free(struct submit_opts *);

struct submission {
	const char	*endpoint;	/* "/mj/submit/imagine", ...; static */
	char		*body;		/* owned: compact JSON */
	/* owned or NULL: {"id","action","button"} */
	json_object	*parent;
	/* owned or NULL: the button name asked for */
	char		*button;
	/* an expanded job (jobs.h): its prompt as sent, owned, and its
	 * place among the row's jobs, from 1; 0 when not expanded */
	char		*prompt;
	unsigned long	 expand_index, expand_of;
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
 * The record's "submit" object (design.md): the reply's code, description
 * and properties (rep may be NULL), the endpoint, the time now.
 */
struct api_reply;
json_object *submission_outcome(const char *endpoint,
	    const struct api_reply *rep);

/*
 * The journal key of a submission of rec (journal.h): the same work gives
 * the same key.  ordinals (identity -> count; table.h) tells identical
 * records apart.  out holds JOURNAL_KEY_LEN + 1 bytes.
 */
struct table;
void	submission_key(const struct submission *, struct record *rec,
	    struct table *ordinals, char *out);

/*
 * The body with "state": tag added (caller frees), or NULL when it has a
 * state of its own: the user's state is sent as given.
 */
char	*submission_tagged_body(const char *body, const char *tag);

#endif
