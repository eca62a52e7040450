/*
 * mj-submit: prompts and follow-up actions in, one record per task out
 * (design.md "mj-submit", mj-submit(1)).  This file is the command: its
 * options, reading the input into records, turning each record into its
 * submissions, and the loop.  A submission's life (its states, sending,
 * the money verdict on each answer, lost replies, modals) is subrun.h's.
 * Every submission goes on a fresh connection (http.c).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commonopt.h"
#include "config.h"
#include "detect.h"
#include "diag.h"
#include "expand.h"
#include "http.h"
#include "input.h"
#include "jobs.h"
#include "journal.h"
#include "loop.h"
#include "metrics.h"
#include "opt.h"
#include "out.h"
#include "plan.h"
#include "prices.h"
#include "progress.h"
#include "record.h"
#include "source.h"
#include "submission.h"
#include "subrun.h"
#include "upload.h"
#include "xalloc.h"

/* submissions ready per -j slot before reading pauses */
#define QUEUE_PER_JOB	2

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
	const char	*prompt_field;	/* as given, or NULL */
	int		 upload;	/* --upload */
	struct jobs_opts jo;		/* --no-expand, --max-jobs */
	const char	*prices_path;	/* --prices */
	const char	*plan_path;	/* --plan */
	const char	*max_cost;	/* --max-cost, as given */
} opt = { .jobs = 4,
    .jo = { .expand = 1, .max_jobs = EXPAND_JOBS_DEFAULT } };

static struct {
	struct loop	*loop;
	struct http	*http;
	struct journal	*journal;
	struct subq	 q;		/* the submissions (subq.h) */
	struct prices	*prices;	/* --prices, or NULL */
	struct plan	*plan;		/* what the run plans, or did */
	int		 source_done;	/* source_finish was called */
	unsigned long	 files;		/* input files begun */
	unsigned long	 taken;		/* records taken from the input */
	int		 signal_status;
	struct progress	 progress;
	struct metrics	*metrics;	/* --metrics, or NULL */
} st;

static void
usage(FILE *out)
{
	fprintf(out,
"usage: mj-submit [-nqv] [-f format] [-j jobs] [--action list] "
    "[--journal file]\n"
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
"                          (extend1..extend4: of a finished video)\n"
"      --modal-prompt TEXT complete the modals (also those --action opens)\n"
"      --mask FILE         PNG mask for Vary (Region)\n"
"      --remix             actions open a modal for a new prompt\n"
"      --blend             blend the --image files (2 to 5)\n"
"      --dimensions SHAPE  blend shape: PORTRAIT, SQUARE or LANDSCAPE\n"
"      --describe          describe an image (--image or a field)\n"
"      --language LANG     describe: the prompts' language (zh, en)\n"
"      --edit              edit an image by the prompt (--image or a field)\n"
"      --retexture         retexture an image by the prompt (same)\n"
"      --video             make a video from an image (--image or a field)\n"
"      --motion low|high   video motion (low)\n"
"      --end-image IMAGE   video: the last frame (FILE|URL)\n"
"      --loop              video: end where it starts\n"
"      --batch-size N      video: 1, 2 or 4 videos (the server's: 4)\n"
"      --hd                video: in HD (vid_1.1_i2v_720)\n"
"      --shorten           analyse and shorten the prompts\n"
"      --journal FILE      never submit twice across runs\n"
"      --max-tasks N       submit at most N tasks in this run\n"
"      --max-jobs N        refuse a row that expands to more jobs (40)\n"
"      --no-expand         send {a, b} and --repeat as written\n"
"      --prices FILE       what each kind of task costs: 'imagine fast 0.05'\n"
"      --max-cost AMOUNT   submit no job past this spending (--prices)\n"
"      --plan FILE         write the plan (jobs, cost) as JSON at the end\n"
"      --retry-unsafe      resend requests whose reply was lost "
    "(may pay twice)\n"
"      --settle SECS       wait until lost replies are this old to check (30)\n"
"  -n, --dry-run           print what would be sent; send nothing\n"
"  -j, --jobs N            submissions in flight (4)\n"
"      --rate R            at most R submissions per second\n"
COMMONOPT_HELP_API
"      --mode MODE         fast, relax or turbo ($MJ_MODE)\n"
COMMONOPT_HELP_FILES
COMMONOPT_HELP_TAIL
"See mj-submit(1).\n");
}

enum {
	OPT_ACTION = CHAR_MAX + 1,
	OPT_BATCH_SIZE, OPT_BLEND, OPT_BOT, OPT_DESCRIBE, OPT_DIMENSIONS,
	OPT_EDIT, OPT_END_IMAGE, OPT_HD, OPT_IMAGE, OPT_LANGUAGE, OPT_LOOP,
	OPT_RETEXTURE,
	OPT_JOURNAL, OPT_MASK, OPT_MAX_TASKS, OPT_MODAL_PROMPT, OPT_MODE,
	OPT_MOTION, OPT_NOTIFY_HOOK, OPT_PROMPT_FIELD, OPT_RATE, OPT_REMIX,
	OPT_RETRY_UNSAFE, OPT_SETTLE, OPT_STATE, OPT_TEMPLATE,
	OPT_VIDEO, OPT_SHORTEN, OPT_UPLOAD, OPT_MAX_COST, OPT_MAX_JOBS,
	OPT_NO_EXPAND, OPT_PLAN, OPT_PRICES
};

static const struct option longopts[] = {
	COMMONOPT_LONGOPTS,
	COMMONOPT_API_LONGOPTS,
	{ "action",		required_argument, NULL, OPT_ACTION },
	{ "batch-size",		required_argument, NULL, OPT_BATCH_SIZE },
	{ "blend",		no_argument,	   NULL, OPT_BLEND },
	{ "bot",		required_argument, NULL, OPT_BOT },
	{ "describe",		no_argument,	   NULL, OPT_DESCRIBE },
	{ "dimensions",		required_argument, NULL, OPT_DIMENSIONS },
	{ "dry-run",		no_argument,	   NULL, 'n' },
	{ "edit",		no_argument,	   NULL, OPT_EDIT },
	{ "end-image",		required_argument, NULL, OPT_END_IMAGE },
	{ "format",		required_argument, NULL, 'f' },
	{ "hd",			no_argument,	   NULL, OPT_HD },
	{ "image",		required_argument, NULL, OPT_IMAGE },
	{ "jobs",		required_argument, NULL, 'j' },
	{ "journal",		required_argument, NULL, OPT_JOURNAL },
	{ "language",		required_argument, NULL, OPT_LANGUAGE },
	{ "loop",		no_argument,	   NULL, OPT_LOOP },
	{ "mask",		required_argument, NULL, OPT_MASK },
	{ "max-cost",		required_argument, NULL, OPT_MAX_COST },
	{ "max-jobs",		required_argument, NULL, OPT_MAX_JOBS },
	{ "max-tasks",		required_argument, NULL, OPT_MAX_TASKS },
	{ "modal-prompt",	required_argument, NULL, OPT_MODAL_PROMPT },
	{ "mode",		required_argument, NULL, OPT_MODE },
	{ "motion",		required_argument, NULL, OPT_MOTION },
	{ "no-expand",		no_argument,	   NULL, OPT_NO_EXPAND },
	{ "notify-hook",	required_argument, NULL, OPT_NOTIFY_HOOK },
	{ "plan",		required_argument, NULL, OPT_PLAN },
	{ "prices",		required_argument, NULL, OPT_PRICES },
	{ "prompt-field",	required_argument, NULL, OPT_PROMPT_FIELD },
	{ "rate",		required_argument, NULL, OPT_RATE },
	{ "remix",		no_argument,	   NULL, OPT_REMIX },
	{ "retexture",		no_argument,	   NULL, OPT_RETEXTURE },
	{ "retry-unsafe",	no_argument,	   NULL, OPT_RETRY_UNSAFE },
	{ "settle",		required_argument, NULL, OPT_SETTLE },
	{ "shorten",		no_argument,	   NULL, OPT_SHORTEN },
	{ "state",		required_argument, NULL, OPT_STATE },
	{ "template",		required_argument, NULL, OPT_TEMPLATE },
	{ "upload",		no_argument,	   NULL, OPT_UPLOAD },
	{ "video",		no_argument,	   NULL, OPT_VIDEO },
	{ NULL,			0,		   NULL, 0 }
};

static struct commonopt co = { .prog = "mj-submit", .usage = usage,
    .cfg = &opt.cfg, .shortopts = "f:hj:nqv", .longopts = longopts };

static void
set_kind(enum submit_kind k, const char *name)
{
	if (opt.so.kind != SUBMIT_IMAGINE && opt.so.kind != k)
		diag_usage_error("%s: only one of --action, --blend, "
		    "--describe, --edit, --retexture, --shorten, --video",
		    name);
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

/* The options of one kind only make sense with it. */
static void
check_video_options(void)
{
	const char	*what = opt.so.end_image != NULL ? "--end-image" :
	    opt.so.loop ? "--loop" : opt.so.batch_size != 0 ? "--batch-size" :
	    opt.so.hd ? "--hd" : NULL;

	if (what != NULL && opt.so.kind != SUBMIT_VIDEO)
		diag_usage_error("%s: only with --video", what);
	if (opt.so.loop && opt.so.end_image != NULL)
		diag_usage_error("--loop: a loop ends where it starts; "
		    "not with --end-image");
	if (opt.so.language != NULL && opt.so.kind != SUBMIT_DESCRIBE)
		diag_usage_error("--language: only with --describe");
}

static int
parse_options(int argc, char **argv)
{
	int	c, f;

	while ((c = commonopt_next(&co, argc, argv)) != -1) {
		switch (c) {
		case 'f':
			if ((f = source_format_parse(optarg)) < 0)
				diag_usage_error("-f: must be auto, jsonl, csv "
				    "or lines: %s", optarg);
			opt.format = (enum source_format)f;
			break;
		case 'j':
			opt.jobs = opt_uint("-j", optarg, 1, 1000);
			break;
		case 'n':
			opt.dry_run = 1;
			break;
		case OPT_ACTION:
			set_kind(SUBMIT_ACTION, "--action");
			opt.so.actions = optarg;
			break;
		case OPT_BATCH_SIZE:
			opt.so.batch_size = (int)opt_uint("--batch-size",
			    optarg, 1, 4);
			if (opt.so.batch_size == 3)
				diag_usage_error("--batch-size: must be 1, 2 "
				    "or 4: %s", optarg);
			break;
		case OPT_BLEND:
			set_kind(SUBMIT_BLEND, "--blend");
			break;
		case OPT_BOT:
			if ((opt.so.bot = submit_bot_type(optarg)) == NULL)
				diag_usage_error("--bot: must be mj or niji: "
				    "%s", optarg);
			break;
		case OPT_DESCRIBE:
			set_kind(SUBMIT_DESCRIBE, "--describe");
			break;
		case OPT_DIMENSIONS:
			if ((opt.so.dimensions = submit_dimensions(optarg)) ==
			    NULL)
				diag_usage_error("--dimensions: must be "
				    "PORTRAIT, SQUARE or LANDSCAPE: %s",
				    optarg);
			break;
		case OPT_EDIT:
			set_kind(SUBMIT_EDIT, "--edit");
			break;
		case OPT_END_IMAGE:
			opt.so.end_image = optarg;
			break;
		case OPT_HD:
			opt.so.hd = 1;
			break;
		case OPT_IMAGE:
			add_image(optarg);
			break;
		case OPT_LANGUAGE:
			opt.so.language = optarg;
			break;
		case OPT_LOOP:
			opt.so.loop = 1;
			break;
		case OPT_JOURNAL:
			opt.journal_path = optarg;
			break;
		case OPT_MASK:
			opt.so.mask_file = optarg;
			break;
		case OPT_MAX_COST:
			opt.max_cost = optarg;
			break;
		case OPT_MAX_JOBS:
			opt.jo.max_jobs = opt_uint("--max-jobs", optarg, 1,
			    1000);
			break;
		case OPT_NO_EXPAND:
			opt.jo.expand = 0;
			break;
		case OPT_PLAN:
			opt.plan_path = optarg;
			break;
		case OPT_PRICES:
			opt.prices_path = optarg;
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
				diag_usage_error("--mode: must be fast, relax "
				    "or turbo: %s", optarg);
			break;
		case OPT_MOTION:
			if (strcmp(optarg, "low") != 0 &&
			    strcmp(optarg, "high") != 0)
				diag_usage_error("--motion: must be low or "
				    "high: %s", optarg);
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
		case OPT_RETEXTURE:
			set_kind(SUBMIT_RETEXTURE, "--retexture");
			break;
		case OPT_RETRY_UNSAFE:
			opt.retry_unsafe = 1;
			break;
		case OPT_SETTLE:
			config_set_settle(&opt.cfg, (long long)opt_uint(
			    "--settle", optarg, 0, 86400));
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
		case OPT_VIDEO:
			set_kind(SUBMIT_VIDEO, "--video");
			break;
		}
	}
	if (opt.so.kind == SUBMIT_IMAGINE && opt.so.modal_prompt != NULL)
		opt.so.kind = SUBMIT_MODAL;
	if (opt.upload && opt.so.kind == SUBMIT_BLEND)
		diag_usage_error("--upload: --blend sends its images as data");
	check_video_options();
	return optind;
}


/*
 * The submissions of one input record (one per button for --action, one
 * per job of an expanded imagine prompt, one otherwise): the place where
 * a record becomes N submissions (jobs.h).  -1 with err set, and the
 * stage of the record's error, when it cannot be submitted.
 */
static int
submissions_of(struct record *r, struct submission **subs,
    const char **stage, char *err, size_t errlen)
{
	enum jobs_refusal	why;
	int			n;

	n = jobs_build(&opt.so, &opt.jo, r, subs, &why, err, errlen);
	*stage = why == JOBS_INPUT ? "input" : "submit";
	return n;
}

static void
take_record(struct record *r, long lineno)
{
	struct submission	*subs = NULL;
	char			 err[512];
	const char		*stage;
	int			 n, input_error;

	input_error = commonopt_record_in(&co, r, lineno);
	plan_row(st.plan);
	if (record_is_error(r)) {
		if (input_error) {
			plan_refused(st.plan);
			subq_failed(&st.q);
		}
		subq_write(&st.q, r);
		record_free(r);
		return;
	}
	if (opt.so.kind == SUBMIT_ACTION && record_task(r) == NULL) {
		subq_write(&st.q, r);	/* nothing to act on: pass it on */
		record_free(r);
		return;
	}
	if ((n = submissions_of(r, &subs, &stage, err, sizeof(err))) < 0) {
		plan_refused(st.plan);
		(void)record_set_error(r, stage, err, 0);
		diag_error("line %ld: %s", lineno, err);
		subq_failed(&st.q);
		subq_write(&st.q, r);
		record_free(r);
		submission_free_all(subs, 0);
		return;
	}
	subrun_add(&st.q, r, subs, (size_t)n);
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
	return !st.q.stopping &&
	    subq_count(&st.q, SUB_READY) < opt.jobs * QUEUE_PER_JOB;
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
		st.q.status = MJ_EXIT_USAGE;
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

/* The waiting submissions (backoff, a parent's read) and lost replies. */
static size_t
waiting(void)
{
	return subq_count(&st.q, SUB_BACKOFF) +
	    subq_count(&st.q, SUB_PARENT_FETCH) +
	    subq_count(&st.q, SUB_PARENT_WAIT) + lost_replies_count(st.q.lost);
}

static int
finished(struct input *in)
{
	int	reading = !input_done(in) && !st.q.stopping;

	return !reading && subq_pending(&st.q) == 0;
}

/* A signal: what waits is written out; what is on the wire, awaited. */
static void
on_signal(void)
{
	st.q.stopping = 1;
	st.signal_status = loop_signal_status(st.loop);
	st.q.drain_until = loop_now() + SUBQ_DRAIN_MS;
	subrun_stop_waiting(&st.q);
}

static void
run(struct input *in, struct source **srcp)
{
	struct subq	*q = &st.q;
	int		 ev, want;

	for (;;) {
		take_lines(in, srcp);
		subrun_start(q);
		if (finished(in))
			break;
		want = !input_done(in) && room();
		ev = loop_turn(st.loop, want ? input_fd(in) : -1,
		    q->stopping ? 200 : -1);
		if ((ev & LOOP_SIGNAL) && !q->stopping)
			on_signal();
		if (q->out_closed && waiting() > 0)
			subrun_stop_waiting(q);
		if (q->stopping && loop_now() >= q->drain_until) {
			subrun_abandon(q);
			continue;
		}
		if ((ev & LOOP_READABLE) && want && input_fill(in) < 0) {
			diag_error("%s: %s", input_name(in), strerror(errno));
			q->status = MJ_EXIT_FAILED;
		}
		progress_status(&st.progress, q->done + q->failed,
		    progress_left(q->done + q->failed, subq_pending(q),
		    st.source_done ? 1 : input_fraction(in)),
		    "%lu submitted, %zu in flight, %lu failed", q->done,
		    subq_count(q, SUB_IN_FLIGHT) + lost_replies_count(q->lost),
		    q->failed);
	}
	progress_end(&st.progress, -1, "%lu submitted, %lu failed", q->done,
	    q->failed);
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
}

static void
close_journal(void)
{
	char	err[512];

	if (st.journal != NULL && journal_close(st.journal, err,
	    sizeof(err)) == -1) {
		diag_error("%s", err);
		st.q.status = MJ_EXIT_FAILED;
	}
}

/* The price kind of every submission of the run, or NULL (actions). */
static const char *
run_kind(void)
{
	switch (opt.so.kind) {
	case SUBMIT_IMAGINE:	return "imagine";
	case SUBMIT_MODAL:	return "modal";
	case SUBMIT_BLEND:	return "blend";
	case SUBMIT_DESCRIBE:	return "describe";
	case SUBMIT_VIDEO:	return "video";
	case SUBMIT_SHORTEN:	return "shorten";
	case SUBMIT_EDIT:	return "edit";
	case SUBMIT_RETEXTURE:	return "retexture";
	default:		return NULL;
	}
}

/* --prices and --max-cost, read and checked before anything is sent. */
static void
open_plan(void)
{
	const char	*kind = run_kind(), *mode;
	char		 err[512];
	int64_t		 price;

	if (opt.prices_path != NULL && (st.prices =
	    prices_load(opt.prices_path, err, sizeof(err))) == NULL) {
		diag_error("%s", err);
		exit(MJ_EXIT_USAGE);
	}
	st.plan = plan_new(st.prices);
	if (opt.max_cost == NULL)
		return;
	if (st.prices == NULL)
		diag_usage_error("--max-cost needs --prices FILE");
	mode = jobs_mode(opt.cfg.mode, opt.cfg.base_url);
	if (kind != NULL && prices_lookup(st.prices, kind, mode, &price) == -1)
		diag_usage_error("--max-cost: no price for %s %s in %s",
		    kind, mode, opt.prices_path);
}

/* -n ends with the plan on stderr; --plan FILE gets it as JSON. */
static void
close_plan(void)
{
	char	*text, *line, *nl, err[512];

	if (opt.dry_run) {	/* diag_info: not with -q */
		text = plan_text(st.plan, 1);
		for (line = text; (nl = strchr(line, '\n')) != NULL;
		    line = nl + 1) {
			*nl = '\0';
			diag_info(0, "%s", line);
		}
		free(text);
	}
	if (opt.plan_path != NULL && plan_write(st.plan, opt.dry_run,
	    opt.plan_path, err, sizeof(err)) == -1) {
		diag_error("%s", err);
		st.q.status = MJ_EXIT_FAILED;
	}
	plan_free(st.plan);
	prices_free(st.prices);
}

/* The submissions' run over the loop, the journal and the options. */
static void
open_run(void)
{
	struct subq_opts	o = {
		.cfg = &opt.cfg, .so = &opt.so, .jobs = opt.jobs,
		.max_tasks = opt.max_tasks, .retry_unsafe = opt.retry_unsafe,
		.dry_run = opt.dry_run, .journal_path = opt.journal_path,
		.settle_s = opt.cfg.settle_s, .plan = st.plan, .max_cost = -1,
		.mode = jobs_mode(opt.cfg.mode, opt.cfg.base_url)
	};

	if (opt.max_cost != NULL &&
	    price_parse(opt.max_cost, strlen(opt.max_cost), &o.max_cost) == -1)
		diag_usage_error("--max-cost: not an amount (a decimal with "
		    "at most 6 places, as 5 or 12.50): %s", opt.max_cost);

	subrun_init(&st.q, &o, st.loop, st.http, st.journal);
	st.q.metrics = st.metrics;
}

/* The exit status: a key refused from the start is a configuration error. */
static int
exit_status(void)
{
	if (st.q.refused == ACCOUNT_KEY && !st.q.accepted)
		return MJ_EXIT_USAGE;
	if (st.signal_status != 0)
		return st.signal_status;
	return st.q.status;
}

int
main(int argc, char **argv)
{
	struct input	*in;
	struct source	*src;
	char		 err[512];
	int		 first;

	commonopt_begin(&co);
	first = parse_options(argc, argv);
	if (commonopt_finish(&co, 1, !opt.dry_run) == -1)
		return MJ_EXIT_USAGE;
	opt.so.mode = opt.cfg.mode;
	if (submit_opts_load(&opt.so, err, sizeof(err)) == -1) {
		diag_error("%s", err);
		return MJ_EXIT_USAGE;
	}
	if (opt.so.kind == SUBMIT_BLEND && (opt.so.nimages == 1 ||
	    opt.so.nimages > 5))
		diag_usage_error("--blend: 2 to 5 --image, got %zu",
		    opt.so.nimages);
	open_plan();
	open_journal();
	st.loop = loop_new();
	st.metrics = commonopt_metrics(&co);
	metrics_add(st.metrics, METRIC_RETRIES, NULL, 0);	/* from 0 */
	metrics_start(st.metrics, st.loop);
	progress_init(&st.progress, loop_now());
	st.http = http_new(st.loop, &opt.cfg);
	if (opt.rate > 0)
		http_set_rate(st.http, HTTP_SUBMIT, opt.rate);
	open_run();
	if (subrun_resume(&st.q) == -1)
		on_signal();
	if (opt.upload && !st.q.stopping && upload_run(&opt.so, st.journal,
	    st.loop, opt.dry_run ? NULL : st.http, &opt.cfg,
	    &st.q.upload, err, sizeof(err)) == -1) {
		if (loop_signal(st.loop))
			on_signal();
		else
			subrun_upload_failed(&st.q, err);
	}
	in = input_new(argv + first, argc - first);
	src = source_new(opt.format, detect_field());
	run(in, &src);
	close_journal();
	close_plan();
	source_free(src);
	input_free(in);
	upload_free(st.q.upload);
	subrun_free(&st.q);
	http_free(st.http);
	metrics_stop(st.metrics);
	loop_free(st.loop);
	submit_opts_free(&opt.so);
	free_images();
	config_free(&opt.cfg);
	if (out_close() == -1)
		st.q.status = MJ_EXIT_FAILED;
	return commonopt_end(&co, exit_status());
}
