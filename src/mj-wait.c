/*
 * mj-wait: poll tasks until they end and print each the moment it does
 * (design.md "mj-wait").  Tasks are paid for, so input is read at all
 * times and every pending task is held, compactly: its id and its input
 * line as text, not a parsed tree.  Polls are batched with
 * list-by-condition; providers without it get per-task fetches.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "api.h"
#include "config.h"
#include "diag.h"
#include "http.h"
#include "input.h"
#include "loop.h"
#include "opt.h"
#include "progress.h"
#include "record.h"
#include "seed.h"
#include "table.h"
#include "version.h"
#include "xalloc.h"

#define BATCH_MAX	100	/* ids per list-by-condition (api.md) */
#define MISSES_MAX	3	/* absent from lists this often: fetch it alone */
#define NOTFOUND_MAX	3	/* "no such task" this often: give up */
#define ID_MAX		256	/* a bare id longer than this is not an id */

enum { ST_UNKNOWN, ST_QUEUED, ST_RUNNING, ST_OTHER };

/* One task being waited for.  text holds "id\0line\0" (line may be ""). */
struct pending {
	long long	 due;		/* next poll (loop_now clock) */
	long long	 deadline;	/* --timeout */
	uint64_t	 seq;		/* input order, for --keep-order */
	struct pending	*dup;		/* another record of the same task */
	char		*out;		/* --keep-order: the finished line */
	size_t		 slot;		/* index in st.all */
	long		 line;
	uint8_t		 status;	/* ST_* */
	int8_t		 progress;	/* -1 unknown */
	uint8_t		 misses, notfound;
	uint8_t		 inflight, fetch_alone, done, bare;
	char		 text[];
};

struct batch {
	struct pending	**p;
	size_t		  n;
	int		  list;		/* list-by-condition, else one fetch */
	struct http_request *req;
	struct batch	 *next, *prev;	/* in flight */
};

static struct {
	struct config	 cfg;
	long long	 interval;
	long long	 timeout;
	unsigned long	 jobs;
	double		 rate;
	int		 keep_order;
	int		 no_list;
	int		 seed;
	const char	*events_path;
} opt = { .interval = 3000, .timeout = 30 * 60 * 1000LL, .jobs = 4,
	.rate = 10 };

static struct {
	struct loop	*loop;
	struct http	*http;
	struct table	*byid;		/* id -> first pending of that id */
	struct pending	**all;		/* every pending task, for scans */
	size_t		 nall, capall;
	struct pending	**order;	/* --keep-order: a queue by seq */
	size_t		 ohead, otail, ocap;
	struct timer	*timer;
	long long	 timer_due;
	struct seeds	*seeds;		/* --seed */
	size_t		 inflight;	/* poll requests */
	struct batch	*batches;	/* the requests in flight */
	int		 auth_refused;
	char		*refused;	/* polls refused for good (TLS trust, proxy) */
	int		 list_missing;	/* the provider lacks list-by-condition */
	uint64_t	 seq;
	unsigned long	 done, failed;
	FILE		*events;
	json_tokener	*tok;
	int		 status;
	int		 out_closed;
	struct progress	 progress;
} st;

static void	scan(void *);

static void
usage(FILE *out)
{
	fprintf(out,
"usage: mj-wait [-qv] [-i interval] [-j jobs] [--keep-order] [--timeout time]\n"
"               [--events file] [--rate R] [--seed] [file ...]\n"
"Poll tasks until they end; print each record with its task when it does.\n"
"  -i, --interval TIME     poll each task about this often (3s)\n"
"      --timeout TIME      give up on a task after this long (30m)\n"
"      --keep-order        print in input order, not completion order\n"
"      --events FILE       append a line to FILE on each status change\n"
"      --no-list           poll each task alone (no list-by-condition)\n"
"  -j, --jobs N            poll requests in flight (4)\n"
"      --rate R            at most R poll requests per second (10)\n"
"      --seed              add task.seed from GET /mj/task/{id}/image-seed\n"
"      --base-url URL      API base URL ($MJ_BASE_URL)\n"
"      --api-key-file FILE read the API key from FILE\n"
"      --auth STYLE        bearer or mj-api-secret ($MJ_AUTH)\n"
"  -q, --quiet             errors only, no status line\n"
"  -v, --verbose           more messages (repeatable)\n"
"  -h, --help              this help\n"
"      --version           version and libraries\n"
"See mj-wait(1).\n");
}

enum {
	OPT_API_KEY_FILE = CHAR_MAX + 1, OPT_AUTH, OPT_BASE_URL, OPT_EVENTS,
	OPT_KEEP_ORDER, OPT_NO_LIST, OPT_RATE, OPT_SEED, OPT_TIMEOUT,
	OPT_VERSION
};

static const struct option longopts[] = {
	{ "api-key-file",	required_argument, NULL, OPT_API_KEY_FILE },
	{ "auth",		required_argument, NULL, OPT_AUTH },
	{ "base-url",		required_argument, NULL, OPT_BASE_URL },
	{ "events",		required_argument, NULL, OPT_EVENTS },
	{ "help",		no_argument,	   NULL, 'h' },
	{ "interval",		required_argument, NULL, 'i' },
	{ "jobs",		required_argument, NULL, 'j' },
	{ "keep-order",		no_argument,	   NULL, OPT_KEEP_ORDER },
	{ "no-list",		no_argument,	   NULL, OPT_NO_LIST },
	{ "quiet",		no_argument,	   NULL, 'q' },
	{ "rate",		required_argument, NULL, OPT_RATE },
	{ "seed",		no_argument,	   NULL, OPT_SEED },
	{ "timeout",		required_argument, NULL, OPT_TIMEOUT },
	{ "verbose",		no_argument,	   NULL, 'v' },
	{ "version",		no_argument,	   NULL, OPT_VERSION },
	{ NULL,			0,		   NULL, 0 }
};

static int
parse_options(int argc, char **argv)
{
	int	c;

	opterr = 0;	/* opt_bad says what was wrong, once */
	while ((c = getopt_long(argc, argv, "hi:j:qv", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			exit(fflush(stdout) == 0 ? MJ_EXIT_OK : MJ_EXIT_FAILED);
		case 'i':
			opt.interval = opt_duration_ms("--interval", optarg);
			if (opt.interval < 100)
				diag_usage_error("--interval: at least 100ms: %s",
				    optarg);
			break;
		case 'j':
			opt.jobs = opt_uint("-j", optarg, 1, 1000);
			break;
		case 'q':
			diag_set_quiet(1);
			break;
		case 'v':
			diag_set_verbosity(diag_verbosity() + 1);
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
		case OPT_EVENTS:
			opt.events_path = optarg;
			break;
		case OPT_KEEP_ORDER:
			opt.keep_order = 1;
			break;
		case OPT_NO_LIST:
			opt.no_list = 1;
			break;
		case OPT_RATE:
			opt.rate = opt_double("--rate", optarg, 0.01, 100000);
			break;
		case OPT_SEED:
			opt.seed = 1;
			break;
		case OPT_TIMEOUT:
			opt.timeout = opt_duration_ms("--timeout", optarg);
			break;
		case OPT_VERSION:
			exit(version_print(stdout, "mj-wait", NULL) == 0 &&
			    fflush(stdout) == 0 ? MJ_EXIT_OK : MJ_EXIT_FAILED);
		default:
			opt_bad("hi:j:qv", argv);
		}
	}
	return optind;
}

static const char *
pending_id(const struct pending *p)
{
	return p->text;
}

static const char *
pending_line(const struct pending *p)
{
	return p->text + strlen(p->text) + 1;
}

static void
emit_text(const char *text, size_t len)
{
	if (st.out_closed)
		return;
	if (fwrite(text, 1, len, stdout) != len || putchar('\n') == EOF ||
	    fflush(stdout) == EOF) {
		if (errno != EPIPE)
			diag_error("stdout: %s", strerror(errno));
		st.out_closed = 1;
		st.status = MJ_EXIT_FAILED;
	}
}

/* --keep-order: write out the finished records at the head of the queue. */
static void
flush_order(void)
{
	struct pending	*p;

	while (st.ohead < st.otail && (p = st.order[st.ohead])->done) {
		emit_text(p->out, strlen(p->out));
		free(p->out);
		free(p);
		st.ohead++;
	}
	if (st.ohead == st.otail)
		st.ohead = st.otail = 0;
}

static void
order_push(struct pending *p)
{
	if (st.ohead > 0 && st.otail == st.ocap) {
		memmove(st.order, st.order + st.ohead,
		    (st.otail - st.ohead) * sizeof(*st.order));
		st.otail -= st.ohead;
		st.ohead = 0;
	}
	if (st.otail == st.ocap) {
		st.ocap = st.ocap ? st.ocap * 2 : 64;
		st.order = xreallocarray(st.order, st.ocap, sizeof(*st.order));
	}
	st.order[st.otail++] = p;
}

/* A record text that needs no waiting: out now, or in its turn. */
static void
pass_text(const char *text, size_t len)
{
	struct pending	*p;

	if (!opt.keep_order || st.ohead == st.otail) {
		emit_text(text, len);
		return;
	}
	p = xcalloc(1, sizeof(*p) + 2);
	p->seq = st.seq++;
	p->done = 1;
	p->out = xstrndup(text, len);
	order_push(p);
}

static void
all_remove(struct pending *p)
{
	struct pending	*last = st.all[--st.nall];

	st.all[p->slot] = last;
	last->slot = p->slot;
}

/* The record of p with the task as read now, and why it failed if so. */
static struct record *
finished_record(struct pending *p, json_object *task, const char *why,
    int retryable)
{
	struct record	*r;
	const char	*line = pending_line(p);

	if (p->bare)
		r = record_new(json_object_new_object(), p->line);
	else
		r = record_parse(st.tok, line, strlen(line), p->line);
	if (task != NULL)
		record_set(r, "task", json_object_get(task));
	if (why != NULL)
		(void)record_set_error(r, "wait", why, retryable);
	return r;
}

/* Write out one record of a task (p is freed, or kept for the order). */
static void
finish_one(struct pending *p, json_object *task, const char *why,
    int retryable)
{
	struct record	*r = finished_record(p, task, why, retryable);
	const char	*text;
	size_t		 len;

	if (why != NULL) {
		st.failed++;
		st.status = MJ_EXIT_FAILED;
	} else {
		st.done++;
		/* from when it was read: its time in the provider, about */
		progress_task_took(&st.progress, loop_now() -
		    (p->deadline - opt.timeout));
	}
	text = record_serialize(r, &len);
	if (opt.keep_order) {
		p->out = xstrndup(text, len);
		p->done = 1;
		record_free(r);
		flush_order();
		return;
	}
	emit_text(text, len);
	record_free(r);
	free(p);
}

/* Every record waiting for this task is finished the same way. */
static void
finish(struct pending *p, json_object *task, const char *why, int retryable)
{
	struct pending	*next;

	(void)table_del(st.byid, pending_id(p));
	all_remove(p);
	for (; p != NULL; p = next) {
		next = p->dup;
		if (why != NULL)
			diag_info(1, "task %s: %s", pending_id(p), why);
		finish_one(p, task, why, retryable);
	}
}

static uint8_t
status_class(const char *s)
{
	if (*s == '\0')
		return ST_UNKNOWN;
	if (strcasecmp(s, "NOT_START") == 0 || strcasecmp(s, "SUBMITTED") == 0)
		return ST_QUEUED;
	if (strcasecmp(s, "IN_PROGRESS") == 0)
		return ST_RUNNING;
	return ST_OTHER;
}

/*
 * When to ask again: later for queued tasks (half as late again: a task
 * can start and end between two polls, and its record must not wait more
 * than 1.5 intervals), sooner near the end, the interval otherwise.
 */
static long long
next_poll_in(const struct pending *p)
{
	if (p->status == ST_QUEUED)
		return opt.interval * 3 / 2;
	if (p->status == ST_RUNNING && p->progress >= 50)
		return opt.interval / 2;
	return opt.interval;
}

static void
note_event(struct pending *p, json_object *task, const char *status,
    int progress)
{
	json_object	*ev;
	char		 now[32];

	if (st.events == NULL)
		return;
	ev = json_object_new_object();
	rfc3339_now(now, sizeof(now));
	json_add_string(ev, "at", now);
	json_add_string(ev, "id", pending_id(p));
	json_add_string(ev, "status", status);
	if (progress >= 0)
		json_add_int(ev, "progress", progress);
	if (json_get_string(task, "failReason") != NULL)
		json_add_string(ev, "failReason",
		    json_get_string(task, "failReason"));
	if (fprintf(st.events, "%s\n", json_line(ev, NULL)) < 0 ||
	    fflush(st.events) == EOF)
		diag_warn("%s: %s", opt.events_path, strerror(errno));
	json_object_put(ev);
}

static void
schedule_scan(long long due)
{
	if (st.timer != NULL && st.timer_due <= due)
		return;
	if (st.timer != NULL)
		loop_timer_cancel(st.loop, st.timer);
	st.timer = loop_timer_at(st.loop, due, scan, NULL);
	st.timer_due = due;
}

/* --seed: the task with its seed, or without when there is none. */
static void
seeded(void *arg, json_object *task)
{
	struct pending	*p = arg;

	p->inflight = 0;
	finish(p, task, NULL, 0);
}

/* A fresh read of a task. */
static void
task_read(struct pending *p, json_object *task)
{
	const char	*status = api_task_status(task);
	const char	*reason;
	int		 progress = api_task_progress(task);
	uint8_t		 cls = status_class(status);
	char		*msg;

	p->misses = p->notfound = 0;
	if (cls != p->status || progress != p->progress ||
	    api_status_terminal(status))
		note_event(p, task, status, progress);
	p->status = cls;
	p->progress = (int8_t)(progress > 100 ? 100 : progress);
	if (!api_status_terminal(status)) {
		p->due = loop_now() + next_poll_in(p);
		schedule_scan(p->due);
		return;
	}
	if (strcasecmp(status, "FAILURE") == 0 ||
	    strcasecmp(status, "CANCEL") == 0) {
		reason = json_get_string(task, "failReason");
		if (reason == NULL || *reason == '\0')
			msg = xasprintf("task %s", strcasecmp(status,
			    "CANCEL") == 0 ? "cancelled" : "failed");
		else
			msg = xstrdup(reason);
		finish(p, task, msg, 0);
		free(msg);
		return;
	}
	if (st.seeds != NULL) {
		p->inflight = 1;	/* not polled meanwhile */
		seeds_get(st.seeds, task, seeded, p);
		return;
	}
	finish(p, task, NULL, 0);
}

/* A task the server says it does not know. */
static void
task_unknown(struct pending *p)
{
	if (++p->notfound >= NOTFOUND_MAX) {
		finish(p, NULL, "no such task on the server", 0);
		return;
	}
	p->due = loop_now() + opt.interval;
	schedule_scan(p->due);
}

/* A poll failed (after the engine's retries): try again later. */
static void
poll_failed(struct batch *b, const char *why)
{
	size_t	i;

	diag_warn("poll: %s; trying again", why);
	for (i = 0; i < b->n; i++) {
		b->p[i]->due = loop_now() + opt.interval;
		schedule_scan(b->p[i]->due);
	}
}

static void
list_reply(struct batch *b, struct http_request *r)
{
	json_object	*arr, *task, **tasks;
	struct pending	*p, **found;
	char		 err[256];
	size_t		 i, n, nfound = 0;

	if ((arr = api_parse_task_list(r->reply.data, r->reply.len, err,
	    sizeof(err))) == NULL) {
		poll_failed(b, err);
		return;
	}
	/* first find which asked-for tasks came back (unknown ids just
	 * miss), then read them: reading may finish (free) a task */
	for (i = 0; i < b->n; i++)
		b->p[i]->misses++;
	n = json_object_array_length(arr);
	found = xcalloc(n + 1, sizeof(*found));
	tasks = xcalloc(n + 1, sizeof(*tasks));
	for (i = 0; i < n; i++) {
		task = json_object_array_get_idx(arr, i);
		if (api_task_id(task) == NULL ||
		    (p = table_get(st.byid, api_task_id(task))) == NULL ||
		    p->inflight == 2)
			continue;
		p->inflight = 2;	/* once per reply */
		found[nfound] = p;
		tasks[nfound++] = task;
	}
	for (i = 0; i < b->n; i++) {
		p = b->p[i];
		if (p->inflight == 2)
			continue;
		if (p->misses >= MISSES_MAX)
			p->fetch_alone = 1;
		p->due = loop_now() + opt.interval;
		schedule_scan(p->due);
	}
	for (i = 0; i < nfound; i++) {
		found[i]->inflight = 0;
		task_read(found[i], tasks[i]);
	}
	free(found);
	free(tasks);
	json_object_put(arr);
}

static void
fetch_reply(struct batch *b, struct http_request *r)
{
	json_object	*task;
	char		 err[256];
	int		 notfound = 0;

	if (r->verdict != RETRY_NONE) {
		if (r->status == 404) {
			task_unknown(b->p[0]);
			return;
		}
		poll_failed(b, r->error);
		return;
	}
	task = api_parse_task(r->reply.data, r->reply.len, &notfound, err,
	    sizeof(err));
	if (task == NULL) {
		if (notfound)
			task_unknown(b->p[0]);
		else
			poll_failed(b, err);
		return;
	}
	task_read(b->p[0], task);
	json_object_put(task);
}

static void
batch_free(struct batch *b)
{
	if (b->prev != NULL)
		b->prev->next = b->next;
	else
		st.batches = b->next;
	if (b->next != NULL)
		b->next->prev = b->prev;
	st.inflight--;
	http_request_free(b->req);
	free(b->p);
	free(b);
}

static void
poll_done(struct http_request *r)
{
	struct batch	*b = r->arg;
	size_t		 i;

	for (i = 0; i < b->n; i++)
		b->p[i]->inflight = 0;
	/* a spent quota stops submissions, not reads: tried again later */
	if ((r->status == 401 || r->status == 403) && account_http(r->status,
	    r->reply.data, r->reply.len) == ACCOUNT_KEY) {
		if (!st.auth_refused)
			diag_error("the API refused the key (HTTP %ld): check "
			    "MJ_API_KEY or --api-key-file, and --auth",
			    r->status);
		st.auth_refused = 1;
	} else if (http_refusal_lasts(r->curl_result, r->status,
	    r->connect_status)) {
		/* polling again would meet the same refusal until fixed */
		if (st.refused == NULL) {
			diag_error("poll: %s", r->error);
			st.refused = xasprintf("not waited for: %s", r->error);
		}
	} else if (b->list && (r->status == 404 || r->status == 405)) {
		/* detected once: from now on, one fetch per task */
		if (!st.list_missing)
			diag_info(1, "list-by-condition: HTTP %ld; polling "
			    "each task alone", r->status);
		st.list_missing = 1;
		for (i = 0; i < b->n; i++)
			b->p[i]->due = 0;
		schedule_scan(loop_now());
	} else if (b->list && r->verdict != RETRY_NONE)
		poll_failed(b, r->error);
	else if (b->list)
		list_reply(b, r);
	else
		fetch_reply(b, r);
	batch_free(b);
}

static void
send_batch(struct batch *b)
{
	struct http_request	*r;
	const char		**ids;
	char			 *path;
	size_t			  i;

	for (i = 0; i < b->n; i++)
		b->p[i]->inflight = 1;
	if (b->list) {
		ids = xcalloc(b->n, sizeof(*ids));
		for (i = 0; i < b->n; i++)
			ids[i] = pending_id(b->p[i]);
		r = http_request_new(HTTP_POLL, config_url(&opt.cfg,
		    "/mj/task/list-by-condition"), api_list_body(ids, b->n));
		free(ids);
	} else {
		path = api_fetch_path(pending_id(b->p[0]));
		r = http_request_new(HTTP_POLL, config_url(&opt.cfg, path),
		    NULL);
		free(path);
	}
	r->auth = 1;
	r->retry_ambiguous = 1;	/* reads: safe to repeat */
	r->on_done = poll_done;
	r->arg = b;
	b->req = r;
	b->next = st.batches;
	if (st.batches != NULL)
		st.batches->prev = b;
	st.batches = b;
	st.inflight++;
	http_start(st.http, r);
}

static struct batch *
batch_new(int list)
{
	struct batch	*b = xcalloc(1, sizeof(*b));

	b->list = list;
	b->p = xcalloc(list ? BATCH_MAX : 1, sizeof(*b->p));
	return b;
}

/*
 * The poll timer: time out what has waited too long, then poll what is
 * due, pulling in what would be due within half an interval so that one
 * request serves many tasks.
 */
static void
scan(void *arg)
{
	struct batch	*list = NULL, *one;
	struct pending	*p;
	long long	 now = loop_now(), horizon, next = LLONG_MAX;
	size_t		 i;
	char		*msg;

	(void)arg;
	st.timer = NULL;
	horizon = now + opt.interval / 2;
	for (i = 0; i < st.nall; i++) {
		p = st.all[i];
		if (p->inflight)
			continue;
		if (now >= p->deadline) {
			msg = xasprintf("timed out after %llds waiting for "
			    "task %s", opt.timeout / 1000, pending_id(p));
			finish(p, NULL, msg, 1);
			free(msg);
			i--;	/* the last one moved into this slot */
			continue;
		}
		if (p->due > horizon || st.inflight >= opt.jobs) {
			if (p->due < next)
				next = p->due;
			continue;
		}
		if (!p->fetch_alone && !st.list_missing && !opt.no_list) {
			if (list == NULL)
				list = batch_new(1);
			list->p[list->n++] = p;
			p->inflight = 1;
			if (list->n == BATCH_MAX) {
				send_batch(list);
				list = NULL;
			}
			continue;
		}
		one = batch_new(0);
		one->p[one->n++] = p;
		send_batch(one);
	}
	if (list != NULL)
		send_batch(list);
	if (next != LLONG_MAX)
		schedule_scan(next > now ? next : now + 50);
}

static struct pending *
pending_new(const char *id, const char *line, size_t len, long lineno)
{
	size_t		 idlen = strlen(id);
	struct pending	*p;

	p = xcalloc(1, sizeof(*p) + idlen + len + 2);
	memcpy(p->text, id, idlen);
	memcpy(p->text + idlen + 1, line, len);
	p->line = lineno;
	p->progress = -1;
	p->seq = st.seq++;
	p->deadline = loop_now() + opt.timeout;
	progress_task_seen(&st.progress, loop_now());
	return p;
}

static void
hold(struct pending *p, int poll_now)
{
	struct pending	*first;

	if (opt.keep_order)
		order_push(p);
	if ((first = table_get(st.byid, pending_id(p))) != NULL) {
		/* the same task twice: one poll, two records */
		while (first->dup != NULL)
			first = first->dup;
		first->dup = p;
		return;
	}
	(void)table_put(st.byid, pending_id(p), p);
	if (st.nall == st.capall) {
		st.capall = st.capall ? st.capall * 2 : 64;
		st.all = xreallocarray(st.all, st.capall, sizeof(*st.all));
	}
	p->slot = st.nall;
	st.all[st.nall++] = p;
	p->due = loop_now() + (poll_now ? 0 : opt.interval);
	schedule_scan(p->due);
}

static void
pass_record(struct record *r)
{
	const char	*text;
	size_t		 len;

	text = record_serialize(r, &len);
	pass_text(text, len);
}

static void
take_line(const char *line, size_t len, long lineno)
{
	struct record	*r;
	struct pending	*p;
	const char	*id, *status, *text;
	char		 bare[ID_MAX];
	size_t		 tlen;

	if (record_blank(line, len))
		return;
	if (record_bare_id(line, len, bare, sizeof(bare)) == 0) {
		p = pending_new(bare, "", 0, lineno);
		p->bare = 1;
		hold(p, 1);
		return;
	}
	r = record_parse(st.tok, line, len, lineno);
	if (record_is_error(r) && record_get(r, "input") != NULL &&
	    json_get_string(record_get(r, "error"), "stage") != NULL &&
	    record_get(r, "task") == NULL) {
		json_object *e = record_get(r, "error");
		json_object *l;

		if (json_object_object_get_ex(e, "line", &l) &&
		    json_object_get_int64(l) == lineno) {
			diag_error("line %ld: %s", lineno,
			    json_get_string(e, "message"));
			st.failed++;
			st.status = MJ_EXIT_FAILED;
		}
	}
	if (record_is_error(r) || (id = record_task_id(r)) == NULL) {
		pass_record(r);	/* nothing to wait for */
		record_free(r);
		return;
	}
	/* keep the line as it came (compact, one copy), not the tree */
	text = record_serialize(r, &tlen);
	p = pending_new(id, text, tlen, lineno);
	status = api_task_status(record_task(r));
	hold(p, *status == '\0' || api_status_terminal(status));
	record_free(r);
}

static void
read_lines(struct input *in)
{
	const char	*line;
	size_t		 len;

	while (input_next(in, &line, &len))
		take_line(line, len, input_lineno(in));
}

/* A stop: every task still held goes out with a retryable error. */
static void
give_up_all(const char *why)
{
	while (st.batches != NULL)
		batch_free(st.batches);
	if (st.seeds != NULL)
		seeds_finish_all(st.seeds);	/* finished: out as they are */
	while (st.nall > 0)
		finish(st.all[0], NULL, why, 1);
	if (opt.keep_order)
		flush_order();
}

static void
run(struct input *in)
{
	int	ev;

	for (;;) {
		if (input_done(in) && st.nall == 0 && st.inflight == 0)
			break;
		ev = loop_turn(st.loop, input_fd(in), -1);
		if (ev & LOOP_SIGNAL) {
			give_up_all("interrupted");
			break;
		}
		if (st.out_closed) {
			give_up_all("stdout closed");	/* quietly */
			break;
		}
		if (st.auth_refused) {
			give_up_all("not waited for: the API refused the key");
			break;
		}
		if (st.refused != NULL) {
			give_up_all(st.refused);
			st.status = MJ_EXIT_FAILED;
			break;
		}
		if (ev & LOOP_READABLE) {
			if (input_fill(in) < 0) {
				diag_error("%s: %s", input_name(in),
				    strerror(errno));
				st.status = MJ_EXIT_FAILED;
			}
			read_lines(in);
		}
		/* an ETA once every task to wait for is known */
		progress_status(&st.progress, st.done + st.failed,
		    input_done(in) ? (long long)st.nall : -1,
		    "%lu done, %zu waiting, %lu failed", st.done, st.nall, st.failed);
	}
	progress_end(&st.progress, -1, "%lu done, %lu failed", st.done,
	    st.failed);
}

int
main(int argc, char **argv)
{
	struct input	*in;
	char		 err[512];
	int		 first, sig;

	diag_init("mj-wait");
	config_init(&opt.cfg);
	first = parse_options(argc, argv);
	if (config_finish(&opt.cfg, 1, err, sizeof(err)) == -1) {
		diag_error("%s", err);
		return MJ_EXIT_USAGE;
	}
	if (opt.events_path != NULL &&
	    (st.events = fopen(opt.events_path, "a")) == NULL) {
		diag_error("%s: %s", opt.events_path, strerror(errno));
		return MJ_EXIT_USAGE;
	}
	st.loop = loop_new();
	progress_init(&st.progress, loop_now());
	st.http = http_new(st.loop, &opt.cfg);
	http_set_rate(st.http, HTTP_POLL, opt.rate);
	if (opt.seed)
		st.seeds = seeds_new(st.http, &opt.cfg);
	st.byid = table_new();
	st.tok = record_tokener_new();
	in = input_new(argv + first, argc - first);
	run(in);
	sig = loop_signal_status(st.loop);
	if (st.timer != NULL)
		loop_timer_cancel(st.loop, st.timer);
	input_free(in);
	seeds_free(st.seeds);
	http_free(st.http);
	loop_free(st.loop);
	json_tokener_free(st.tok);
	table_free(st.byid);
	free(st.all);
	free(st.order);
	free(st.refused);
	config_free(&opt.cfg);
	if (st.events != NULL && fclose(st.events) == EOF)
		diag_error("%s: %s", opt.events_path, strerror(errno));
	if (fclose(stdout) != 0 && !st.out_closed) {
		diag_error("stdout: %s", strerror(errno));
		st.status = MJ_EXIT_FAILED;
	}
	if (st.auth_refused)
		return MJ_EXIT_USAGE;
	return sig != 0 ? sig : st.status;
}
