/*
 * mj-submit: prompts and follow-up actions in, one record per task out
 * (design.md "mj-submit").  Each submission costs money, so the rules are:
 * a request whose reply was lost is never sent again on our own, the
 * journal is written (and synced) before each send and after each reply,
 * and every submission goes on a fresh connection (http.c).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "api.h"
#include "config.h"
#include "detect.h"
#include "diag.h"
#include "http.h"
#include "input.h"
#include "journal.h"
#include "loop.h"
#include "lostreply.h"
#include "modal.h"
#include "opt.h"
#include "parentfetch.h"
#include "progress.h"
#include "record.h"
#include "source.h"
#include "submission.h"
#include "subrecord.h"
#include "table.h"
#include "upload.h"
#include "version.h"
#include "xalloc.h"

#define QUEUE_PER_JOB	2	/* submissions ready per -j slot before reading pauses */
#define REFUSED_MAX	100	/* code 23 (queue full) retries of one submission */
#define DRAIN_MS	15000	/* after a signal, how long replies are awaited */
#define RESENDS_MAX	5	/* resends of a request the task list shows lost */

struct item;

/* One submission of one input record, from ready to written out. */
struct sub {
	struct item	*item;
	size_t		 i;		/* its index in item->subs */
	char		 key[JOURNAL_KEY_LEN + 1];	/* "" without --journal */
	int		 refusals;	/* code 23 so far */
	int		 refetched;	/* this one had the parent fetched again */
	int		 stale_wait;	/* waits for the parent's fresh read */
	unsigned	 gen;		/* built from the parent read number gen */
	struct timer	*timer;		/* a code-23 backoff */
	struct http_request *req;	/* in flight, or NULL */
	struct lost_reply lost;		/* its reply lost (lostreply.h) */
	int		 resends;	/* after the task list showed no task */
	int		 modal;		/* the modal that its action opened */
	struct sub	*next, *prev;	/* on the ready or waiting list */
};

/* One input record and the submissions it gave. */
struct item {
	struct record	*rec;
	struct submission *subs;
	struct sub	*s;		/* nsubs of them */
	size_t		 nsubs;
	size_t		 left;		/* not yet written out */
	struct parent_fetch parent;	/* read again after a stale customId */
};

struct list {
	struct sub	*head, *tail;
	size_t		 n;
};

static struct {
	struct config	 cfg;
	struct submit_opts so;
	enum source_format format;
	unsigned long	 jobs;
	double		 rate;
	unsigned long	 max_tasks;	/* 0: no limit */
	int		 dry_run;
	int		 retry_unsafe;
	const char	*journal_path;
	long long	 settle_s;	/* --settle */
	const char	*prompt_field;	/* as given, or NULL */
	int		 upload;	/* --upload */
} opt = { .jobs = 4, .settle_s = 30 };

static struct {
	struct loop	*loop;
	struct http	*http;
	struct journal	*journal;
	struct table	*ordinals;	/* identity -> count, for journal keys */
	struct list	 ready;		/* built, not yet sent */
	struct list	 waiting;	/* refused with 23, or fetching a parent */
	struct list	 running;	/* submissions on the wire */
	struct lost_replies *lost;	/* to look for in the task list */
	int		 source_done;	/* source_finish was called */
	unsigned long	 files;		/* input files begun */
	unsigned long	 taken;		/* records taken from the input */
	int		 signal_status;
	unsigned long	 started;	/* sent in this run (for --max-tasks) */
	unsigned long	 done, failed;
	int		 status;
	enum account_refusal refused;	/* quota or key: send no more */
	char		*stop_msg;	/* why nothing more is sent, or NULL */
	int		 accepted;	/* the server took one in this run */
	int		 stopping;	/* a signal: send nothing more */
	int		 out_closed;	/* stdout's reader is gone */
	long long	 drain_until;
	struct progress	 progress;
	struct upload	*upload;	/* the links of --upload, or NULL */
} st;

static void	sub_send(struct sub *);
static void	sub_lost(struct sub *, const char *, int, long);
static int	modal_next(struct sub *, const char *, int);

static void
usage(FILE *out)
{
	fprintf(out,
"usage: mj-submit [-nqv] [-f format] [-j jobs] [--action list] [--journal file]\n"
"                 [--template text] [option ...] [file ...]\n"
"Submit prompts (CSV, JSON-lines or lines) or follow-up actions as tasks.\n"
"  -f, --format FMT        auto, jsonl, csv or lines (auto)\n"
"      --prompt-field NAME the column holding the prompt (prompt)\n"
"      --template TEXT     build the prompt from fields: 'a {item} --ar 3:2'\n"
"      --bot mj|niji       Midjourney or Niji bot\n"
"      --image FILE|URL    reference image (repeatable)\n"
"      --upload            upload each --image file once; send its link\n"
"      --state TEXT        state sent with each task (may hold {field})\n"
"      --notify-hook URL   the server calls URL on each change\n"
"      --action LIST       follow-ups of finished tasks: U1,V2,reroll,upscale\n"
"      --modal-prompt TEXT complete the modals (also those --action opens)\n"
"      --mask FILE         PNG mask for Vary (Region)\n"
"      --remix             actions open a modal for a new prompt\n"
"      --blend             blend the --image files (2 to 5)\n"
"      --dimensions SHAPE  blend shape: PORTRAIT, SQUARE or LANDSCAPE\n"
"      --describe          describe an image (--image or a field)\n"
"      --video             make a video from an image (--image or a field)\n"
"      --motion low|high   video motion (low)\n"
"      --shorten           analyse and shorten the prompts\n"
"      --journal FILE      never submit twice across runs\n"
"      --max-tasks N       submit at most N tasks in this run\n"
"      --retry-unsafe      resend requests whose reply was lost (may pay twice)\n"
"      --settle SECS       wait until lost replies are this old to check (30)\n"
"  -n, --dry-run           print what would be sent; send nothing\n"
"  -j, --jobs N            submissions in flight (4)\n"
"      --rate R            at most R submissions per second\n"
"      --base-url URL      API base URL ($MJ_BASE_URL)\n"
"      --api-key-file FILE read the API key from FILE\n"
"      --auth STYLE        bearer or mj-api-secret ($MJ_AUTH)\n"
"      --mode MODE         fast, relax or turbo ($MJ_MODE)\n"
"  -q, --quiet             errors only, no status line\n"
"  -v, --verbose           more messages (repeatable)\n"
"  -h, --help              this help\n"
"      --version           version and libraries\n"
"See mj-submit(1).\n");
}

enum {
	OPT_ACTION = CHAR_MAX + 1, OPT_API_KEY_FILE, OPT_AUTH, OPT_BASE_URL,
	OPT_BLEND, OPT_BOT, OPT_DESCRIBE, OPT_DIMENSIONS, OPT_IMAGE,
	OPT_JOURNAL, OPT_MASK, OPT_MAX_TASKS, OPT_MODAL_PROMPT, OPT_MODE,
	OPT_MOTION, OPT_NOTIFY_HOOK, OPT_PROMPT_FIELD, OPT_RATE, OPT_REMIX,
	OPT_RETRY_UNSAFE, OPT_SETTLE, OPT_STATE, OPT_TEMPLATE, OPT_VERSION,
	OPT_VIDEO, OPT_SHORTEN, OPT_UPLOAD
};

static const struct option longopts[] = {
	{ "action",		required_argument, NULL, OPT_ACTION },
	{ "api-key-file",	required_argument, NULL, OPT_API_KEY_FILE },
	{ "auth",		required_argument, NULL, OPT_AUTH },
	{ "base-url",		required_argument, NULL, OPT_BASE_URL },
	{ "blend",		no_argument,	   NULL, OPT_BLEND },
	{ "bot",		required_argument, NULL, OPT_BOT },
	{ "describe",		no_argument,	   NULL, OPT_DESCRIBE },
	{ "dimensions",		required_argument, NULL, OPT_DIMENSIONS },
	{ "dry-run",		no_argument,	   NULL, 'n' },
	{ "format",		required_argument, NULL, 'f' },
	{ "help",		no_argument,	   NULL, 'h' },
	{ "image",		required_argument, NULL, OPT_IMAGE },
	{ "jobs",		required_argument, NULL, 'j' },
	{ "journal",		required_argument, NULL, OPT_JOURNAL },
	{ "mask",		required_argument, NULL, OPT_MASK },
	{ "max-tasks",		required_argument, NULL, OPT_MAX_TASKS },
	{ "modal-prompt",	required_argument, NULL, OPT_MODAL_PROMPT },
	{ "mode",		required_argument, NULL, OPT_MODE },
	{ "motion",		required_argument, NULL, OPT_MOTION },
	{ "notify-hook",	required_argument, NULL, OPT_NOTIFY_HOOK },
	{ "prompt-field",	required_argument, NULL, OPT_PROMPT_FIELD },
	{ "quiet",		no_argument,	   NULL, 'q' },
	{ "rate",		required_argument, NULL, OPT_RATE },
	{ "remix",		no_argument,	   NULL, OPT_REMIX },
	{ "retry-unsafe",	no_argument,	   NULL, OPT_RETRY_UNSAFE },
	{ "settle",		required_argument, NULL, OPT_SETTLE },
	{ "shorten",		no_argument,	   NULL, OPT_SHORTEN },
	{ "state",		required_argument, NULL, OPT_STATE },
	{ "template",		required_argument, NULL, OPT_TEMPLATE },
	{ "upload",		no_argument,	   NULL, OPT_UPLOAD },
	{ "verbose",		no_argument,	   NULL, 'v' },
	{ "version",		no_argument,	   NULL, OPT_VERSION },
	{ "video",		no_argument,	   NULL, OPT_VIDEO },
	{ NULL,			0,		   NULL, 0 }
};

static void
set_kind(enum submit_kind k, const char *name)
{
	if (opt.so.kind != SUBMIT_IMAGINE && opt.so.kind != k)
		diag_usage_error("%s: only one of --action, --blend, "
		    "--describe, --shorten, --video", name);
	opt.so.kind = k;
}

static void
add_image(const char *arg)
{
	static char	**images;

	images = xreallocarray(images, opt.so.nimages + 1, sizeof(*images));
	images[opt.so.nimages++] = xstrdup(arg);
	opt.so.images = images;
}

static void
free_images(void)
{
	size_t	i;

	for (i = 0; i < opt.so.nimages; i++)
		free(opt.so.images[i]);
	free((void *)opt.so.images);
}

static int
parse_options(int argc, char **argv)
{
	int	c, f;

	opterr = 0;	/* opt_bad says what was wrong, once */
	while ((c = getopt_long(argc, argv, "f:hj:nqv", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((f = source_format_parse(optarg)) < 0)
				diag_usage_error("-f: must be auto, jsonl, csv "
				    "or lines: %s", optarg);
			opt.format = (enum source_format)f;
			break;
		case 'h':
			usage(stdout);
			exit(fflush(stdout) == 0 ? MJ_EXIT_OK : MJ_EXIT_FAILED);
		case 'j':
			opt.jobs = opt_uint("-j", optarg, 1, 1000);
			break;
		case 'n':
			opt.dry_run = 1;
			break;
		case 'q':
			diag_set_quiet(1);
			break;
		case 'v':
			diag_set_verbosity(diag_verbosity() + 1);
			break;
		case OPT_ACTION:
			set_kind(SUBMIT_ACTION, "--action");
			opt.so.actions = optarg;
			break;
		case OPT_API_KEY_FILE:
			config_set_key_file(&opt.cfg, optarg);
			break;
		case OPT_AUTH:
			if (config_set_auth(&opt.cfg, optarg) == -1)
				diag_usage_error("--auth: must be bearer or "
				    "mj-api-secret: %s", optarg);
			break;
		case OPT_BASE_URL:
			config_set_base_url(&opt.cfg, optarg);
			break;
		case OPT_BLEND:
			set_kind(SUBMIT_BLEND, "--blend");
			break;
		case OPT_BOT:
			if ((opt.so.bot = submit_bot_type(optarg)) == NULL)
				diag_usage_error("--bot: must be mj or niji: %s",
				    optarg);
			break;
		case OPT_DESCRIBE:
			set_kind(SUBMIT_DESCRIBE, "--describe");
			break;
		case OPT_DIMENSIONS:
			if ((opt.so.dimensions = submit_dimensions(optarg)) ==
			    NULL)
				diag_usage_error("--dimensions: must be PORTRAIT,"
				    " SQUARE or LANDSCAPE: %s", optarg);
			break;
		case OPT_IMAGE:
			add_image(optarg);
			break;
		case OPT_JOURNAL:
			opt.journal_path = optarg;
			break;
		case OPT_MASK:
			opt.so.mask_file = optarg;
			break;
		case OPT_MAX_TASKS:
			opt.max_tasks = opt_uint("--max-tasks", optarg, 1,
			    ULONG_MAX);
			break;
		case OPT_MODAL_PROMPT:
			opt.so.modal_prompt = optarg;
			break;
		case OPT_MODE:
			if (config_set_mode(&opt.cfg, optarg) == -1)
				diag_usage_error("--mode: must be fast, relax or "
				    "turbo: %s", optarg);
			break;
		case OPT_MOTION:
			if (strcmp(optarg, "low") != 0 && strcmp(optarg, "high") != 0)
				diag_usage_error("--motion: must be low or high: "
				    "%s", optarg);
			opt.so.motion = optarg;
			break;
		case OPT_NOTIFY_HOOK:
			opt.so.notify_hook = optarg;
			break;
		case OPT_PROMPT_FIELD:
			opt.so.prompt_field = opt.prompt_field = optarg;
			break;
		case OPT_RATE:
			opt.rate = opt_double("--rate", optarg, 0.001, 100000);
			break;
		case OPT_REMIX:
			opt.so.remix = 1;
			break;
		case OPT_RETRY_UNSAFE:
			opt.retry_unsafe = 1;
			break;
		case OPT_SETTLE:
			opt.settle_s = (long long)opt_uint("--settle", optarg, 0,
			    86400);
			break;
		case OPT_SHORTEN:
			set_kind(SUBMIT_SHORTEN, "--shorten");
			break;
		case OPT_STATE:
			opt.so.state = optarg;
			break;
		case OPT_TEMPLATE:
			opt.so.template = optarg;
			break;
		case OPT_UPLOAD:
			opt.upload = 1;
			break;
		case OPT_VERSION:
			exit(version_print(stdout, "mj-submit", NULL) == 0 &&
			    fflush(stdout) == 0 ? MJ_EXIT_OK : MJ_EXIT_FAILED);
		case OPT_VIDEO:
			set_kind(SUBMIT_VIDEO, "--video");
			break;
		default:
			opt_bad("f:hj:nqv", argv);
		}
	}
	if (opt.so.kind == SUBMIT_IMAGINE && opt.so.modal_prompt != NULL)
		opt.so.kind = SUBMIT_MODAL;
	if (opt.upload && opt.so.kind == SUBMIT_BLEND)
		diag_usage_error("--upload: --blend sends its images as data");
	return optind;
}

/* Lists of submissions: ready to send, or waiting (backoff, refetch). */
static void
list_push(struct list *l, struct sub *s)
{
	s->next = NULL;
	s->prev = l->tail;
	if (l->tail != NULL)
		l->tail->next = s;
	else
		l->head = s;
	l->tail = s;
	l->n++;
}

static void
list_remove(struct list *l, struct sub *s)
{
	if (s->prev != NULL)
		s->prev->next = s->next;
	else
		l->head = s->next;
	if (s->next != NULL)
		s->next->prev = s->prev;
	else
		l->tail = s->prev;
	s->next = s->prev = NULL;
	l->n--;
}

static void
item_free(struct item *it)
{
	record_free(it->rec);
	parent_fetch_clear(&it->parent);
	submission_free_all(it->subs, it->nsubs);
	free(it->s);
	free(it);
}

/*
 * stdout's reader gone (EPIPE) or stdout full: nothing more can be
 * reported, so nothing more is sent; replies already due are awaited so
 * that the journal gets their task ids.
 */
static void
write_record(struct record *r)
{
	if (st.out_closed)
		return;
	if (record_write(r, stdout) == -1) {
		if (errno != EPIPE)
			diag_error("stdout: %s", strerror(errno));
		st.out_closed = 1;
		st.status = MJ_EXIT_FAILED;
		if (!st.stopping) {
			st.stopping = 1;
			st.drain_until = loop_now() + DRAIN_MS;
		}
	}
}

/* The output record of one submission (subrecord.h). */
static struct record *
out_record(struct sub *s)
{
	struct item	*it = s->item;

	return subrecord_new(it->rec, &it->subs[s->i], it->nsubs == 1);
}

static void
sub_finish(struct sub *s, struct record *out, int failed)
{
	struct item	*it = s->item;

	free(s->lost.why);
	s->lost.why = NULL;
	write_record(out);
	record_free(out);
	if (failed) {
		st.failed++;
		st.status = MJ_EXIT_FAILED;
	} else
		st.done++;
	if (--it->left == 0)
		item_free(it);
}

static json_object *
submit_object(struct sub *s, const struct api_reply *rep)
{
	return submission_outcome(s->item->subs[s->i].endpoint, rep);
}

/* Write out a submission that failed, with why (on stderr if say). */
static void
sub_fail_say(struct sub *s, const char *msg, int retryable, int code,
    long http, int say)
{
	struct record	*out = out_record(s);

	if (s->modal)	/* the task still waits in its modal */
		record_set(out, "task", modal_task(&s->item->subs[s->i]));
	subrecord_fail(out, msg, retryable, code, http,
	    st.journal != NULL ? s->key : NULL);
	if (st.out_closed || !say)
		;	/* a reader that is gone wants no more words */
	else if (s->item->rec->line > 0)
		diag_error("line %ld: %s", s->item->rec->line, msg);
	else
		diag_error("%s", msg);
	sub_finish(s, out, 1);
}

static void
sub_fail(struct sub *s, const char *msg, int retryable, int code, long http)
{
	sub_fail_say(s, msg, retryable, code, http, 1);
}

static void
sub_succeed(struct sub *s, const char *task_id, const char *status,
    json_object *submit)
{
	struct record	*out = out_record(s);

	subrecord_task(out, task_id, status, submit);
	sub_finish(s, out, 0);
}

static void
journal_failed(struct sub *s)
{
	char	*msg;

	msg = xasprintf("journal %s: %s; not submitted", opt.journal_path,
	    journal_error(st.journal));
	sub_fail(s, msg, 1, 0, 0);
	free(msg);
}

/* The refusal of a request is written down: nothing was created. */
static void
note_refused(struct sub *s)
{
	if (st.journal != NULL && journal_refused(st.journal, s->key) == -1)
		diag_warn("journal %s: %s", opt.journal_path,
		    journal_error(st.journal));
	if (st.started > 0)
		st.started--;	/* a refusal costs nothing */
}

static void
retry_timer(void *arg)
{
	struct sub	*s = arg;

	s->timer = NULL;
	list_remove(&st.waiting, s);
	list_push(&st.ready, s);
}

/* Queue full (code 23): a refusal, safe to send again after a while. */
static void
queue_full(struct sub *s, const struct api_reply *rep)
{
	long long	 delay;
	const char	*base = getenv("MJ_RETRY_BASE_MS");

	note_refused(s);
	if (st.stop_msg != NULL) {
		list_push(&st.ready, s);	/* start_ready says why */
		return;
	}
	if (++s->refusals > REFUSED_MAX || st.stopping) {
		sub_fail(s, rep->description[0] != '\0' ? rep->description :
		    "the server's queue is full", 1, rep->code, 0);
		return;
	}
	delay = base != NULL && *base != '\0' ? atoll(base) : 1000;
	delay <<= s->refusals < 6 ? s->refusals - 1 : 5;
	delay = delay / 2 + rand() % (delay / 2 + 1);
	diag_info(1, "line %ld: queue full; trying again in %lld ms",
	    s->item->rec->line, delay);
	list_push(&st.waiting, s);
	s->timer = loop_timer_at(st.loop, loop_now() + delay, retry_timer, s);
}

/*
 * The parent as fetched again after a stale refusal: every submission of
 * the record that waited for it goes back to the ready list, and is
 * rebuilt from it when sent.
 */
static void
parent_fetched(void *arg, int ok)
{
	struct sub	*s = arg, *o;
	struct item	*it = s->item;
	size_t		 i;

	s->req = NULL;
	it->left++;	/* hold the item while its submissions move */
	for (i = 0; i < it->nsubs; i++) {
		o = &it->s[i];
		if (o != s && !o->stale_wait)
			continue;
		o->stale_wait = 0;
		list_remove(&st.waiting, o);
		if (!ok)
			sub_fail(o, "the customId was refused as stale and the "
			    "parent task could not be fetched again", 0,
			    API_CODE_INVALID, 0);
		else
			list_push(&st.ready, o);
	}
	if (--it->left == 0)
		item_free(it);
}

/*
 * A stale customId (code 4 on an action): resend, wait for the parent's
 * read under way, or read it again (parentfetch.h).
 */
static int
stale_refusal(struct sub *s)
{
	struct submission	*sub = &s->item->subs[s->i];
	struct item		*it = s->item;
	const char		*id;

	if (sub->button == NULL || st.stopping ||
	    (id = json_get_string(sub->parent, "id")) == NULL)
		return 0;
	switch (parent_fetch_step(&it->parent, s->gen, s->refetched)) {
	case PARENT_REFUSED:
		return 0;
	case PARENT_NEWER:
		note_refused(s);
		list_push(&st.ready, s);
		return 1;
	case PARENT_WAIT:
		note_refused(s);
		s->stale_wait = 1;
		list_push(&st.waiting, s);
		return 1;
	case PARENT_FETCH:
		break;
	}
	s->refetched = 1;
	note_refused(s);
	list_push(&st.waiting, s);
	diag_info(1, "line %ld: customId refused; fetching task %s again",
	    it->rec->line, id);
	s->req = parent_fetch_start(&it->parent, st.http, &opt.cfg, id,
	    parent_fetched, s);
	return 1;
}

/*
 * The account is refused: what waits for a backoff, and what waits for
 * its turn under --rate (never sent), go back to the ready list, where
 * start_ready fails them.  What is on the wire finishes normally.
 */
static void
hold_back(void)
{
	struct sub	*w, *next;

	for (w = st.waiting.head; w != NULL; w = next) {
		next = w->next;
		if (w->timer == NULL)
			continue;	/* a parent read: it returns */
		loop_timer_cancel(st.loop, w->timer);
		w->timer = NULL;
		list_remove(&st.waiting, w);
		list_push(&st.ready, w);
	}
	for (w = st.running.head; w != NULL; w = next) {
		next = w->next;
		if (!http_never_sent(w->req))
			continue;
		http_request_free(w->req);
		w->req = NULL;
		list_remove(&st.running, w);
		note_refused(w);
		list_push(&st.ready, w);
	}
}

/*
 * A refusal that every further submission would meet (a spent quota, a
 * refused key, an untrusted certificate, a failed --upload): nothing more
 * is sent; s (NULL if none) and every record not sent are written out
 * retryable with record_msg, and advice goes to stderr once for them all.
 */
static void
run_stop(struct sub *s, const char *record_msg, const char *advice,
    int code, long http)
{
	if (s != NULL)
		note_refused(s);
	if (st.stop_msg == NULL) {
		st.stop_msg = xstrdup(record_msg);
		diag_error("%s", advice);
		hold_back();
	}
	if (s != NULL)
		sub_fail_say(s, record_msg, 1, code, http, 0);
}

/*
 * --upload failed (not for want of the endpoint: that falls back to
 * base64): every record is still read, and written out not submitted.
 */
static void
upload_failed(const char *err)
{
	char	*msg = xasprintf("not submitted: %s", err);
	char	*advice = xasprintf("%s; nothing is submitted: run the same "
	    "command again once the upload works", err);

	run_stop(NULL, msg, advice, 0, 0);
	st.status = MJ_EXIT_FAILED;
	free(advice);
	free(msg);
}

/* The account is refused: a spent quota, a refused key. */
static void
account_stop(struct sub *s, enum account_refusal why, long http, int code)
{
	char	*advice = account_advice(why, http);

	if (st.refused == ACCOUNT_OK)
		st.refused = why;
	run_stop(s, account_record_message(why), advice, code, http);
	free(advice);
}

static void
got_envelope(struct sub *s, struct http_request *r)
{
	struct api_reply	 rep;
	char			 err[512], *msg;
	const char		*status;

	if (api_parse_reply(r->reply.data, r->reply.len, &rep, err,
	    sizeof(err)) == -1) {
		if (account_body(r->reply.data, r->reply.len) != ACCOUNT_OK) {
			account_stop(s, ACCOUNT_QUOTA, 0, 0);
			return;
		}
		/* a 200 we cannot read: the server may well have created it */
		msg = xasprintf("unreadable reply (%s)", err);
		sub_lost(s, msg, 0, r->status);
		free(msg);
		return;
	}
	if (account_reply(&rep) != ACCOUNT_OK) {
		account_stop(s, ACCOUNT_QUOTA, 0, rep.code);
		api_reply_free(&rep);
		return;
	}
	switch (rep.code) {
	case API_CODE_OK:
	case API_CODE_QUEUED:
	case API_CODE_EXISTS:
		st.accepted = 1;
		if (rep.result == NULL) {
			sub_lost(s, "the reply has no task id", rep.code, 0);
			break;
		}
		if (rep.code == API_CODE_EXISTS && modal_next(s, rep.result, 1))
			break;
		if (st.journal != NULL &&
		    journal_done(st.journal, s->key, rep.result) == -1)
			diag_warn("journal %s: %s (task %s)", opt.journal_path,
			    journal_error(st.journal), rep.result);
		status = rep.code == API_CODE_QUEUED ? "NOT_START" :
		    rep.code == API_CODE_EXISTS ? "MODAL" : "SUBMITTED";
		sub_succeed(s, rep.result, status,
		    submit_object(s, &rep));
		break;
	case API_CODE_QUEUE_FULL:
		queue_full(s, &rep);
		break;
	case API_CODE_INVALID:
		if (stale_refusal(s))
			break;
		/* FALLTHROUGH */
	case API_CODE_BANNED:
	case API_CODE_NOT_FOUND:
		note_refused(s);
		sub_fail(s, rep.description[0] != '\0' ? rep.description :
		    "refused", 0, rep.code, 0);
		break;
	default:
		/* api.md: not safe to assume nothing was created */
		msg = xasprintf("%s (code %d)", rep.description[0] != '\0' ?
		    rep.description : "failed", rep.code);
		sub_lost(s, msg, rep.code, 0);
		free(msg);
		break;
	}
	api_reply_free(&rep);
}

static void
got_failure(struct sub *s, struct http_request *r)
{
	enum account_refusal	 why;
	char			*msg, *advice;

	if ((why = account_http(r->status, r->reply.data,
	    r->reply.len)) != ACCOUNT_OK) {
		account_stop(s, why, r->status, 0);
		return;
	}
	if (http_created_nothing(r)) {
		msg = xasprintf("not submitted: %s", r->error);
		if (http_refusal_lasts(r->curl_result, r->status,
		    r->connect_status)) {
			/* the same trust store and proxy for every one */
			advice = xasprintf("%s: nothing more is sent; fix the "
			    "trust store (CURL_CA_BUNDLE, SSL_CERT_FILE) or the "
			    "proxy, then run the same command again", r->error);
			run_stop(s, msg, advice, 0, r->status);
			free(advice);
		} else {
			note_refused(s);
			sub_fail(s, msg, r->verdict == RETRY_SAFE, 0,
			    r->status);
		}
		free(msg);
		return;
	}
	msg = xasprintf("%s after the request was sent", r->error);
	sub_lost(s, msg, 0, r->status);
	free(msg);
}

static void
sub_done(struct http_request *r)
{
	struct sub	*s = r->arg;

	s->req = NULL;
	list_remove(&st.running, s);
	if (r->verdict == RETRY_NONE)
		got_envelope(s, r);
	else
		got_failure(s, r);
	http_request_free(r);
}

static void
sub_send(struct sub *s)
{
	struct submission	*sub = &s->item->subs[s->i];
	struct http_request	*r;
	char			 err[512], tag[JOURNAL_TAG_LEN + 1];
	char			*body = NULL;

	if (s->item->parent.fresh != NULL && s->gen != s->item->parent.gen &&
	    !s->modal) {
		if (submission_rebuild_action(&opt.so, s->item->parent.fresh,
		    sub, err, sizeof(err)) == -1) {
			sub_fail(s, err, 0, API_CODE_INVALID, 0);
			return;
		}
		s->gen = s->item->parent.gen;
	}
	if (st.journal != NULL) {
		/* the tag lets a later run find the task if the reply is lost */
		journal_tag(s->key, tag);
		/* a modal's task keeps its action's state: no tag to find */
		body = strcmp(sub->endpoint, "/mj/submit/modal") != 0 ?
		    submission_tagged_body(sub->body, tag) : NULL;
		s->lost.sent_at = body != NULL ? (long long)time(NULL) : 0;
		if (journal_sent(st.journal, s->key, s->lost.sent_at) == -1) {
			free(body);
			journal_failed(s);
			return;
		}
	}
	st.started++;
	list_push(&st.running, s);
	r = http_request_new(HTTP_SUBMIT, config_url(&opt.cfg, sub->endpoint),
	    upload_apply(st.upload, body != NULL ? body : xstrdup(sub->body)));
	r->auth = 1;
	r->retry_ambiguous = opt.retry_unsafe;
	r->on_done = sub_done;
	r->arg = s;
	s->req = r;
	http_start(st.http, r);
}

/* Write out a submission whose reply was lost: its task may exist. */
static void
sub_may_exist(struct sub *s, const char *lost, const char *why, int code,
    long http)
{
	char	*msg = subrecord_may_exist(lost, why);

	sub_fail(s, msg, 0, code, http);
	free(msg);
}

/*
 * Act on what the server's task list says of a request whose reply was
 * lost (lostreply.h), in this run or an earlier one; lost says how, for
 * the record.  s is written out, or goes back to the ready list.
 */
static void
settle_lost(void *arg, const char *lost, const struct lost_verdict *v)
{
	struct sub	*s = arg;
	json_object	*submit;
	char		*msg;

	switch (v->verdict) {
	case RECON_FOUND:
		if (journal_done(st.journal, s->key, v->task_id) == -1)
			diag_warn("journal %s: %s (task %s)", opt.journal_path,
			    journal_error(st.journal), v->task_id);
		/* the list shows a task still in its modal: the modal is due */
		if (modal_next(s, v->task_id, v->in_modal))
			return;
		submit = submit_object(s, NULL);
		if (v->earlier)
			json_add_bool(submit, "resumed", 1);
		json_add_bool(submit, "reconciled", 1);
		sub_succeed(s, v->task_id, "SUBMITTED", submit);
		return;
	case RECON_ABSENT:
		/* the list was read whole: that request created nothing */
		if (journal_refused(st.journal, s->key) == -1) {
			journal_failed(s);
			return;
		}
		if (++s->resends > RESENDS_MAX) {
			msg = xasprintf("%s; sent %d times, and the server's "
			    "task list shows that none created a task",
			    lost, s->resends);
			sub_fail(s, msg, 1, 0, 0);
			free(msg);
			return;
		}
		diag_info(1, "line %ld: the task list shows no task for a "
		    "request whose reply was lost; sending it again",
		    s->item->rec->line);
		list_push(&st.ready, s);
		return;
	case RECON_UNKNOWN:
		break;
	}
	if (opt.retry_unsafe)
		list_push(&st.ready, s);
	else
		sub_may_exist(s, lost, v->why, s->lost.code, s->lost.http);
}

/*
 * A reply lost after the request was sent: the task may exist.  A request
 * sent with its tag is looked for in the server's task list later in this
 * run; otherwise the record says that it may exist.
 */
static void
sub_lost(struct sub *s, const char *msg, int code, long http)
{
	if (st.stopping || st.out_closed ||
	    lost_replies_add(st.lost, &s->lost, msg, code, http) == -1) {
		sub_may_exist(s, msg, NULL, code, http);
		return;
	}
	diag_info(1, "line %ld: %s; looking for its task in %llds",
	    s->item->rec->line, msg, opt.settle_s);
}

/* Decide, before anything is sent, what the journal says about s. */
static void
sub_ready(struct sub *s)
{
	const char		*task_id = NULL;
	json_object		*submit;
	struct lost_verdict	 v;

	if (st.journal == NULL) {
		list_push(&st.ready, s);
		return;
	}
	if (!s->modal)	/* modal_next gave the modal its key */
		submission_key(&s->item->subs[s->i], s->item->rec, st.ordinals,
		    s->key);
	switch (journal_lookup(st.journal, s->key, &task_id)) {
	case JOURNAL_DONE:
		if (modal_next(s, task_id, 0))
			return;
		submit = submit_object(s, NULL);
		json_add_bool(submit, "resumed", 1);
		sub_succeed(s, task_id, "SUBMITTED", submit);
		return;
	case JOURNAL_SENT:
		lost_replies_earlier(st.lost, s->key, &v);
		settle_lost(s, "an earlier run sent this request and got no "
		    "reply", &v);
		return;
	default:
		break;
	}
	list_push(&st.ready, s);
}

/*
 * An action's reply opened a modal (task_id in MODAL): with --modal-prompt
 * or --mask, s goes on as the modal, a paid submission with a journal key
 * of its own.  fresh: the reply just came, and the marker that a modal is
 * due is journaled before the action's task id; on a rerun the marker
 * alone says so.  1 if s was taken.
 */
static int
modal_next(struct sub *s, const char *task_id, int fresh)
{
	struct submission	*sub = &s->item->subs[s->i];
	char			 err[512];

	if (s->modal || sub->button == NULL || !modal_chained(&opt.so) ||
	    !modal_due(st.journal, s->key, task_id, fresh))
		return 0;
	s->modal = 1;
	s->refusals = s->resends = 0;
	if (modal_follow(&opt.so, sub, task_id, st.journal != NULL ? s->key :
	    NULL, err, sizeof(err)) == -1)
		sub_fail(s, err, 0, 0, 0);
	else
		sub_ready(s);
	return 1;
}

static void
dry_run(struct sub *s)
{
	struct record	*out = out_record(s);

	subrecord_dry_run(out, &s->item->subs[s->i]);
	sub_finish(s, out, 0);
}

static void
take_record(struct record *r, long lineno)
{
	struct item	*it;
	char		 err[512];
	json_object	*e;
	int		 n;
	size_t		 i;

	if (record_is_error(r)) {
		if (record_is_input_error(r, lineno)) {
			e = record_get(r, "error");
			diag_error("line %ld: %s", lineno,
			    json_get_string(e, "message"));
			st.failed++;
			st.status = MJ_EXIT_FAILED;
		}
		write_record(r);
		record_free(r);
		return;
	}
	if (opt.so.kind == SUBMIT_ACTION && record_task(r) == NULL) {
		write_record(r);	/* nothing to act on: pass it on */
		record_free(r);
		return;
	}
	it = xcalloc(1, sizeof(*it));
	it->rec = r;
	if ((n = submission_build(&opt.so, r, &it->subs, err,
	    sizeof(err))) < 0) {
		(void)record_set_error(r, "submit", err, 0);
		diag_error("line %ld: %s", lineno, err);
		st.failed++;
		st.status = MJ_EXIT_FAILED;
		write_record(r);
		item_free(it);
		return;
	}
	it->nsubs = it->left = (size_t)n;
	it->s = xcalloc(it->nsubs, sizeof(*it->s));
	for (i = 0; i < it->nsubs; i++) {
		it->s[i].item = it;
		it->s[i].i = i;
		it->s[i].lost.key = it->s[i].key;
		it->s[i].lost.arg = &it->s[i];
	}
	/* sub_ready may write out (and free) the item: count first */
	for (i = 0, n = (int)it->nsubs; i < (size_t)n; i++) {
		if (opt.dry_run)
			dry_run(&it->s[i]);
		else
			sub_ready(&it->s[i]);
	}
}

/* Send what may be sent: -j, --max-tasks, and not after a stop. */
static void
start_ready(void)
{
	struct sub	*s;
	char		*msg;

	while ((s = st.ready.head) != NULL) {
		if (st.stopping || st.stop_msg != NULL) {
			list_remove(&st.ready, s);
			sub_fail_say(s, st.stopping ? "interrupted; not "
			    "submitted" : st.stop_msg, 1, 0, 0, st.stopping);
			continue;
		}
		if (opt.max_tasks > 0 && st.started >= opt.max_tasks) {
			if (st.running.n > 0)
				return;	/* a refusal may give a slot back */
			list_remove(&st.ready, s);
			msg = xasprintf("not submitted: --max-tasks %lu reached",
			    opt.max_tasks);
			sub_fail(s, msg, 1, 0, 0);
			free(msg);
			continue;
		}
		if (st.running.n >= opt.jobs)
			return;
		list_remove(&st.ready, s);
		sub_send(s);
	}
}

/* A signal: what waits is written out; what is on the wire, awaited. */
static void
stop_waiting(void)
{
	struct sub		*s;
	struct lost_reply	*l;

	while ((s = st.waiting.head) != NULL) {
		list_remove(&st.waiting, s);
		if (s->timer != NULL)
			loop_timer_cancel(st.loop, s->timer);
		s->timer = NULL;
		http_request_free(s->req);	/* a parent being fetched */
		s->req = NULL;
		sub_fail(s, "interrupted; not submitted", 1, 0, 0);
	}
	lost_replies_stop(st.lost);
	while ((l = lost_replies_take(st.lost)) != NULL)
		sub_may_exist(l->arg, l->why, NULL, l->code, l->http);
}

/* Replies still missing when the drain time is over. */
static void
abandon_running(void)
{
	struct sub	*s;

	while ((s = st.running.head) != NULL) {
		list_remove(&st.running, s);
		http_request_free(s->req);
		s->req = NULL;
		sub_fail(s, "interrupted after the request was sent; the task "
		    "may exist: check before submitting again", 0, 0, 0);
	}
}

static const char *
detect_field(void)
{
	static char	 field[256];

	return detect_column(opt.prompt_field, opt.so.template, field,
	    sizeof(field));
}

static int
room(void)
{
	return !st.stopping &&
	    st.ready.n < opt.jobs * QUEUE_PER_JOB;
}

/*
 * r and the records after it that one line gave.  A file that cannot be
 * used is a usage error: before any record, nothing was sent and the run
 * stops; after, the work in flight is finished and the file skipped.
 */
static void
take_records(struct source *src, struct record *r)
{
	static unsigned long	said;	/* the file whose error was said */

	if (source_fatal(src) != NULL && said != st.files) {
		diag_error("%s", source_fatal(src));
		if (st.taken == 0)
			exit(MJ_EXIT_USAGE);
		said = st.files;
		st.status = MJ_EXIT_USAGE;
	}
	for (; r != NULL; r = source_next(src), st.taken++)
		take_record(r, r->line);
}

/* Hand the lines already read to the source while there is room. */
static void
take_lines(struct input *in, struct source **srcp)
{
	const char	*line;
	size_t		 len;
	struct source	*src = *srcp;

	while (room() && input_next(in, &line, &len)) {
		if (input_new_file(in) && st.files++ > 0) {
			/* each file has its own format and header */
			take_records(src, source_finish(src));
			source_free(src);
			src = *srcp = source_new(opt.format, detect_field());
		}
		if (input_overlong(in))
			diag_warn("line %ld: longer than %u bytes; cut",
			    input_lineno(in), INPUT_LINE_MAX);
		take_records(src, source_push(src, line, len,
		    input_lineno(in)));
	}
	if (input_done(in) && !st.source_done) {
		st.source_done = 1;
		take_records(src, source_finish(src));
	}
}

static int
finished(struct input *in)
{
	int	reading = !input_done(in) && !st.stopping;

	return !reading && st.ready.n == 0 && st.waiting.n == 0 &&
	    st.running.n == 0 && lost_replies_count(st.lost) == 0;
}

static void
on_signal(void)
{
	st.stopping = 1;
	st.signal_status = loop_signal_status(st.loop);
	st.drain_until = loop_now() + DRAIN_MS;
	stop_waiting();
}

static void
run(struct input *in, struct source **srcp)
{
	int	ev, want;
	size_t	lost;

	for (;;) {
		take_lines(in, srcp);
		start_ready();
		if (finished(in))
			break;
		want = !input_done(in) && room();
		ev = loop_turn(st.loop, want ? input_fd(in) : -1,
		    st.stopping ? 200 : -1);
		if ((ev & LOOP_SIGNAL) && !st.stopping)
			on_signal();
		if (st.out_closed && (st.waiting.n > 0 ||
		    lost_replies_count(st.lost) > 0))
			stop_waiting();
		if (st.stopping && loop_now() >= st.drain_until) {
			abandon_running();
			continue;
		}
		if ((ev & LOOP_READABLE) && want && input_fill(in) < 0) {
			diag_error("%s: %s", input_name(in), strerror(errno));
			st.status = MJ_EXIT_FAILED;
		}
		lost = lost_replies_count(st.lost);
		progress_status(&st.progress, st.done + st.failed, progress_left(
		    st.done + st.failed, st.ready.n + st.waiting.n + st.running.n +
		    lost, st.source_done ? 1 : input_fraction(in)),
		    "%lu submitted, %zu in flight, %lu failed", st.done,
		    st.running.n + lost, st.failed);
	}
	progress_end(&st.progress, -1, "%lu submitted, %lu failed", st.done,
	    st.failed);
}

static void
open_journal(void)
{
	char	err[512];

	if (opt.journal_path == NULL || opt.dry_run)
		return;
	if ((st.journal = journal_open(opt.journal_path, err,
	    sizeof(err))) == NULL) {
		diag_error("%s", err);
		exit(MJ_EXIT_USAGE);
	}
	st.ordinals = table_new();
}

static void
close_journal(void)
{
	char	err[512];

	if (st.journal != NULL && journal_close(st.journal, err,
	    sizeof(err)) == -1) {
		diag_error("%s", err);
		st.status = MJ_EXIT_FAILED;
	}
	table_free(st.ordinals);
}

int
main(int argc, char **argv)
{
	struct input	*in;
	struct source	*src;
	char		 err[512];
	const char	*env;
	int		 first;

	diag_init("mj-submit");
	config_init(&opt.cfg);
	if ((env = getenv("MJ_SETTLE")) != NULL && *env != '\0')
		opt.settle_s = (long long)opt_uint("MJ_SETTLE", env, 0, 86400);
	first = parse_options(argc, argv);
	if (config_finish(&opt.cfg, !opt.dry_run, err, sizeof(err)) == -1) {
		diag_error("%s", err);
		return MJ_EXIT_USAGE;
	}
	opt.so.mode = opt.cfg.mode;
	if (submit_opts_load(&opt.so, err, sizeof(err)) == -1) {
		diag_error("%s", err);
		return MJ_EXIT_USAGE;
	}
	if (opt.so.kind == SUBMIT_BLEND && (opt.so.nimages == 1 ||
	    opt.so.nimages > 5))
		diag_usage_error("--blend: 2 to 5 --image, got %zu",
		    opt.so.nimages);
	open_journal();
	st.loop = loop_new();
	progress_init(&st.progress, loop_now());
	st.http = http_new(st.loop, &opt.cfg);
	if (opt.rate > 0)
		http_set_rate(st.http, HTTP_SUBMIT, opt.rate);
	st.lost = lost_replies_new(st.loop, st.http, &opt.cfg, opt.settle_s,
	    settle_lost);
	if (st.journal != NULL && lost_replies_resume(st.lost, st.journal) ==
	    -1)
		on_signal();
	if (opt.upload && !st.stopping && upload_run(&opt.so, st.journal,
	    st.loop, opt.dry_run ? NULL : st.http, &opt.cfg,
	    &st.upload, err, sizeof(err)) == -1) {
		if (loop_signal(st.loop))
			on_signal();
		else
			upload_failed(err);
	}
	srand((unsigned)loop_now());
	in = input_new(argv + first, argc - first);
	src = source_new(opt.format, detect_field());
	run(in, &src);
	close_journal();
	source_free(src);
	input_free(in);
	upload_free(st.upload);
	lost_replies_free(st.lost);
	http_free(st.http);
	loop_free(st.loop);
	free(st.stop_msg);
	submit_opts_free(&opt.so);
	free_images();
	config_free(&opt.cfg);
	if (fclose(stdout) != 0 && !st.out_closed) {
		diag_error("stdout: %s", strerror(errno));
		st.status = MJ_EXIT_FAILED;
	}
	/* a key refused from the start is a configuration error */
	if (st.refused == ACCOUNT_KEY && !st.accepted)
		return MJ_EXIT_USAGE;
	if (st.signal_status != 0)
		return st.signal_status;
	return st.status;
}
