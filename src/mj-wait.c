/*
 * mj-wait: poll tasks until they end and print each the moment it does
 * (design.md "mj-wait").  Tasks are paid for, so input is read at all
 * times and every pending task is held, compactly: its id and its input
 * line as text, not a parsed tree (pending.c).  Polls are batched with
 * list-by-condition; providers without it get per-task fetches
 * (taskpoll.c).  This file decides what a task's state means: poll
 * again, finish the record, or give up.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api.h"
#include "cancel.h"
#include "commonopt.h"
#include "config.h"
#include "diag.h"
#include "events.h"
#include "http.h"
#include "input.h"
#include "jsonx.h"
#include "loop.h"
#include "metrics.h"
#include "opt.h"
#include "out.h"
#include "pending.h"
#include "progress.h"
#include "record.h"
#include "seed.h"
#include "taskpoll.h"
#include "xalloc.h"

#define NOTFOUND_MAX	3	/* "no such task" this often: give up */
#define ID_MAX		256	/* a bare id longer than this is not an id */

static struct {
	struct config	 cfg;
	long long	 interval;
	long long	 timeout;
	long long	 stall;		/* --stall, 0: none */
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
	struct pendings	 set;		/* the tasks waited for */
	struct taskpoll	*poll;
	struct pending_order order;		/* --keep-order */
	struct timer	*timer;
	long long	 timer_due;
	struct seeds	*seeds;		/* --seed */
	struct cancels	*cancels;	/* --stall */
	int		 cancel_warned;	/* that the server cannot cancel */
	uint64_t	 seq;
	unsigned long	 done, failed, stalled;
	struct events	*events;	/* --events */
	json_tokener	*tok;
	int		 status;
	int		 out_closed;
	struct progress	 progress;
	struct metrics	*metrics;	/* --metrics, or NULL */
} st;

static void	scan(void *);

static void
usage(FILE *out)
{
	fprintf(out,
"usage: mj-wait [-qv] [-i interval] [-j jobs] [--keep-order] [--timeout time]\n"
"               [--stall time] [--events file] [--rate R] [--seed] [file ...]\n"
"Poll tasks until they end; print each record with its task when it does.\n"
"  -i, --interval TIME     poll each task about this often (3s)\n"
"      --timeout TIME      give up on a task after this long (30m)\n"
"      --stall TIME        give up on a task unchanged this long, cancelling\n"
"                          it where the server can (never)\n"
"      --keep-order        print in input order, not completion order\n"
"      --events FILE       append a line to FILE on each status change\n"
"      --no-list           poll each task alone (no list-by-condition)\n"
"  -j, --jobs N            poll requests in flight (4)\n"
"      --rate R            at most R poll requests per second (10)\n"
"      --seed              add task.seed from GET /mj/task/{id}/image-seed\n"
COMMONOPT_HELP_API
COMMONOPT_HELP_FILES
COMMONOPT_HELP_TAIL
"See mj-wait(1).\n");
}

enum {
	OPT_EVENTS = CHAR_MAX + 1, OPT_KEEP_ORDER, OPT_NO_LIST, OPT_RATE,
	OPT_SEED, OPT_STALL, OPT_TIMEOUT
};

static const struct option longopts[] = {
	COMMONOPT_LONGOPTS,
	COMMONOPT_API_LONGOPTS,
	{ "events",		required_argument, NULL, OPT_EVENTS },
	{ "interval",		required_argument, NULL, 'i' },
	{ "jobs",		required_argument, NULL, 'j' },
	{ "keep-order",		no_argument,	   NULL, OPT_KEEP_ORDER },
	{ "no-list",		no_argument,	   NULL, OPT_NO_LIST },
	{ "rate",		required_argument, NULL, OPT_RATE },
	{ "seed",		no_argument,	   NULL, OPT_SEED },
	{ "stall",		required_argument, NULL, OPT_STALL },
	{ "timeout",		required_argument, NULL, OPT_TIMEOUT },
	{ NULL,			0,		   NULL, 0 }
};

static struct commonopt co = { .prog = "mj-wait", .usage = usage,
    .cfg = &opt.cfg, .shortopts = "hi:j:qv", .longopts = longopts };

static int
parse_options(int argc, char **argv)
{
	int	c;

	while ((c = commonopt_next(&co, argc, argv)) != -1) {
		switch (c) {
		case 'i':
			opt.interval = opt_duration_ms("--interval", optarg);
			if (opt.interval < 100)
				diag_usage_error("--interval: at least "
				    "100ms: %s", optarg);
			break;
		case 'j':
			opt.jobs = opt_uint("-j", optarg, 1, 1000);
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
		case OPT_STALL:
			opt.stall = opt_duration_ms("--stall", optarg);
			if (opt.stall < 1000)
				diag_usage_error("--stall: at least 1s: %s",
				    optarg);
			break;
		case OPT_TIMEOUT:
			opt.timeout = opt_duration_ms("--timeout", optarg);
			break;
		}
	}
	return optind;
}

static void
emit_text(const char *text, size_t len)
{
	if (st.out_closed)
		return;
	if (out_line(text, len) == -1) {
		st.out_closed = 1;
		st.status = MJ_EXIT_FAILED;
	}
}

/* A record text that needs no waiting: out now, or in its turn. */
static void
pass_text(const char *text, size_t len)
{
	struct pending	*p;

	if (!opt.keep_order || pending_order_empty(&st.order)) {
		emit_text(text, len);
		return;
	}
	p = xcalloc(1, sizeof(*p) + 2);
	p->seq = st.seq++;
	p->done = 1;
	p->out = xstrndup(text, len);
	pending_order_push(&st.order, p);
}

/* The record of p with the task as read now, and why it failed if so. */
static struct record *
finished_record(struct pending *p, json_object *task, const char *why,
    int retryable, json_object *detail)
{
	struct record	*r;
	json_object	*err;
	const char	*line = pending_line(p);

	if (p->bare)
		r = record_new(jx_new_object(), p->line);
	else
		r = record_parse(st.tok, line, strlen(line), p->line);
	if (task != NULL)
		record_set(r, "task", json_object_get(task));
	if (why == NULL)
		return r;
	err = record_set_error(r, "wait", why, retryable);
	if (detail != NULL) {
		json_object_object_foreach(detail, key, val)
			json_add(err, key, json_object_get(val));
	}
	return r;
}

/* Write out one record of a task (p is freed, or kept for the order). */
static void
finish_one(struct pending *p, json_object *task, const char *why,
    int retryable, json_object *detail)
{
	struct record	*r = finished_record(p, task, why, retryable, detail);
	const char	*text, *status = api_task_status(task);
	size_t		 len;

	metrics_add(st.metrics, METRIC_TASKS, *status != '\0' ? status :
	    "unknown", 1);
	if (!st.out_closed)
		metrics_add(st.metrics, METRIC_RECORDS_OUT, why != NULL ?
		    "error" : "ok", 1);
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
		pending_order_flush(&st.order, emit_text);
		return;
	}
	emit_text(text, len);
	record_free(r);
	free(p);
}

/*
 * Every record waiting for this task is finished the same way: the task
 * as read (or NULL), and why it failed (or NULL) with the members of
 * detail (or NULL) added to the error.
 */
static void
finish_all(struct pending *p, json_object *task, const char *why,
    int retryable, json_object *detail)
{
	struct pending	*next;
	int		 first = 1;

	pendings_remove(&st.set, p);
	/* finish_one frees p (or keeps it for the order): read on first */
	for (; p != NULL; p = next, first = 0) {
		next = first ? SLIST_FIRST(&p->dups) : SLIST_NEXT(p, dup);
		if (why != NULL)
			diag_info(1, "task %s: %s", pending_id(p), why);
		finish_one(p, task, why, retryable, detail);
	}
}

static void
finish(struct pending *p, json_object *task, const char *why, int retryable)
{
	finish_all(p, task, why, retryable, NULL);
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

/* A task given up for --stall, while its cancel is asked for. */
struct stall {
	struct pending	*p;
	json_object	*task;		/* the last read: a reference */
	long long	 ms;		/* how long it had not changed */
};

/* What the stall was: the error's "stall" member. */
static json_object *
stall_json(const struct stall *s)
{
	json_object	*o = jx_new_object();

	json_add_string(o, "status", api_task_status(s->task));
	if (s->p->progress >= 0)
		json_add_int(o, "progress", s->p->progress);
	json_add_int(o, "seconds", s->ms / 1000);
	return o;
}

static void
stall_warn(const struct pending *p, enum cancel_result res, const char *why)
{
	char	*safe;

	if (res == CANCEL_DONE || (res == CANCEL_REFUSED && st.cancel_warned))
		return;
	safe = diag_escape(why != NULL ? why : "");
	if (res == CANCEL_REFUSED)
		diag_warn("the server cannot cancel tasks (%s): stalled tasks "
		    "are given up without cancelling", safe);
	else
		diag_warn("task %s: cancel: %s", pending_id(p), safe);
	st.cancel_warned |= res == CANCEL_REFUSED;
	free(safe);
}

/* The cancel of a stalled task is answered: the records go out. */
static void
stall_cancelled(void *arg, enum cancel_result res, const char *why)
{
	struct stall	*s = arg;
	struct pending	*p = s->p;
	json_object	*detail;
	char		*msg, pct[16] = "";

	p->inflight = 0;
	if (res == CANCEL_ABORTED) {
		/* a stop: p goes out with the others, as they do */
		json_object_put(s->task);
		free(s);
		return;
	}
	stall_warn(p, res, why);
	if (p->progress >= 0)
		(void)snprintf(pct, sizeof(pct), " at %d%%", p->progress);
	msg = xasprintf("stalled: %s%s for %llds; %s", api_task_status(s->task),
	    pct, s->ms / 1000, res == CANCEL_DONE ? "cancelled" :
	    "not cancelled");
	detail = jx_new_object();
	json_add(detail, "stall", stall_json(s));
	json_add_bool(detail, "cancelled", res == CANCEL_DONE);
	st.stalled++;
	finish_all(p, s->task, msg, 1, detail);
	free(msg);
	json_object_put(detail);
	json_object_put(s->task);
	free(s);
}

/*
 * --stall: the task has not changed for that long.  It is cancelled
 * where the server can (a task that might still finish must not be paid
 * for again), then given up with a retryable error.
 */
static void
stalled(struct pending *p, json_object *task)
{
	struct stall	*s = xcalloc(1, sizeof(*s));

	s->p = p;
	s->task = json_object_get(task);
	s->ms = loop_now() - p->changed;
	diag_info(1, "task %s: no change for %llds: cancelling",
	    pending_id(p), s->ms / 1000);
	p->inflight = 1;	/* not polled meanwhile */
	cancels_ask(st.cancels, pending_id(p), stall_cancelled, s);
}

/* A fresh read of a task. */
static void
task_read(struct pending *p, json_object *task)
{
	const char	*status = api_task_status(task);
	const char	*reason;
	int		 progress = api_task_progress(task);
	uint8_t		 cls = pending_status_class(status);
	int8_t		 pct = (int8_t)(progress > 100 ? 100 : progress);
	char		*msg;

	p->misses = p->notfound = 0;
	if (cls != p->status || progress != p->progress ||
	    api_status_terminal(status))
		events_note(st.events, pending_id(p), task, status, progress);
	/* in the server's own queue a task waits its turn, not stalled
	 * (api.md 8.7): --stall counts from when it leaves */
	if (cls != p->status || pct != p->progress ||
	    strcasecmp(status, "NOT_START") == 0)
		p->changed = loop_now();
	p->status = cls;
	p->progress = pct;
	if (!api_status_terminal(status)) {
		if (opt.stall > 0 && loop_now() - p->changed >= opt.stall) {
			stalled(p, task);
			return;
		}
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

/*
 * The poll timer: time out what has waited too long, then poll what is
 * due, pulling in what would be due within half an interval so that one
 * request serves many tasks.
 */
static void
scan(void *arg)
{
	struct pending	*p;
	long long	 now = loop_now(), horizon, next = LLONG_MAX;
	size_t		 i;
	char		*msg;

	(void)arg;
	st.timer = NULL;
	horizon = now + opt.interval / 2;
	for (i = 0; i < st.set.n; i++) {
		p = st.set.all[i];
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
		if (p->due > horizon || taskpoll_busy(st.poll)) {
			if (p->due < next)
				next = p->due;
			continue;
		}
		taskpoll_add(st.poll, p);
	}
	taskpoll_send(st.poll);
	if (next != LLONG_MAX)
		schedule_scan(next > now ? next : now + 50);
}

static void
hold(struct pending *p, int poll_now)
{
	p->seq = st.seq++;
	p->deadline = loop_now() + opt.timeout;
	p->changed = loop_now();
	progress_task_seen(&st.progress, loop_now());
	if (opt.keep_order)
		pending_order_push(&st.order, p);
	/* the same task twice: one poll, two records */
	if (!pendings_add(&st.set, p))
		return;
	p->due = loop_now() + (poll_now ? 0 : opt.interval);
	schedule_scan(p->due);
}

static void
pass_record(struct record *r)
{
	const char	*text;
	size_t		 len;

	if (!st.out_closed)
		metrics_add(st.metrics, METRIC_RECORDS_OUT,
		    record_is_error(r) ? "error" : "ok", 1);
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
		metrics_add(st.metrics, METRIC_RECORDS_IN, "ok", 1);
		p = pending_new(bare, "", 0, lineno);
		p->bare = 1;
		hold(p, 1);
		return;
	}
	r = record_parse(st.tok, line, len, lineno);
	if (commonopt_record_in(&co, r, lineno)) {
		st.failed++;
		st.status = MJ_EXIT_FAILED;
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
	taskpoll_cancel_all(st.poll);
	if (st.cancels != NULL)
		cancels_abort_all(st.cancels);
	if (st.seeds != NULL)
		seeds_finish_all(st.seeds);	/* finished: out as they are */
	while (st.set.n > 0)
		finish(st.set.all[0], NULL, why, 1);
	if (opt.keep_order)
		pending_order_flush(&st.order, emit_text);
}

/* The status row; an ETA once every task to wait for is known. */
static void
show_status(struct input *in)
{
	long long	left = input_done(in) ? (long long)st.set.n : -1;

	if (opt.stall > 0)
		progress_status(&st.progress, st.done + st.failed, left,
		    "%lu done, %zu waiting, %lu failed (%lu stalled)", st.done,
		    st.set.n, st.failed, st.stalled);
	else
		progress_status(&st.progress, st.done + st.failed, left,
		    "%lu done, %zu waiting, %lu failed", st.done, st.set.n,
		    st.failed);
}

static void
run(struct input *in)
{
	int	ev;

	for (;;) {
		if (input_done(in) && st.set.n == 0 &&
		    taskpoll_inflight(st.poll) == 0)
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
		if (taskpoll_auth_refused(st.poll)) {
			give_up_all("not waited for: the API refused the key");
			break;
		}
		if (taskpoll_refused(st.poll) != NULL) {
			give_up_all(taskpoll_refused(st.poll));
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
		show_status(in);
	}
	if (opt.stall > 0)
		progress_end(&st.progress, -1, "%lu done, %lu failed "
		    "(%lu stalled)", st.done, st.failed, st.stalled);
	else
		progress_end(&st.progress, -1, "%lu done, %lu failed", st.done,
		    st.failed);
}

/* --metrics: polls sent again after a failure */
static void
poll_retried(int n)
{
	metrics_add(st.metrics, METRIC_RETRIES, NULL, n);
}

int
main(int argc, char **argv)
{
	struct input	*in;
	int		 first, sig, auth_refused;

	commonopt_begin(&co);
	first = parse_options(argc, argv);
	if (commonopt_finish(&co, 1, 1) == -1)
		return MJ_EXIT_USAGE;
	if (opt.events_path != NULL &&
	    (st.events = events_open(opt.events_path)) == NULL) {
		diag_error("%s: %s", opt.events_path, strerror(errno));
		return MJ_EXIT_USAGE;
	}
	st.loop = loop_new();
	st.metrics = commonopt_metrics(&co);
	metrics_add(st.metrics, METRIC_RETRIES, NULL, 0);	/* from 0 */
	metrics_start(st.metrics, st.loop);
	progress_init(&st.progress, loop_now());
	st.http = http_new(st.loop, &opt.cfg);
	http_set_rate(st.http, HTTP_POLL, opt.rate);
	if (opt.seed)
		st.seeds = seeds_new(st.http, &opt.cfg);
	if (opt.stall > 0)
		st.cancels = cancels_new(st.http, &opt.cfg);
	pendings_init(&st.set);
	st.poll = taskpoll_new(st.http, &opt.cfg, &st.set, opt.interval,
	    opt.jobs, opt.no_list, &(struct taskpoll_ops){ .read = task_read,
	    .unknown = task_unknown, .schedule = schedule_scan,
	    .retried = poll_retried });
	st.tok = record_tokener_new();
	in = input_new(argv + first, argc - first);
	run(in);
	sig = loop_signal_status(st.loop);
	if (st.timer != NULL)
		loop_timer_cancel(st.loop, st.timer);
	input_free(in);
	auth_refused = taskpoll_auth_refused(st.poll);
	taskpoll_free(st.poll);
	cancels_free(st.cancels);
	seeds_free(st.seeds);
	http_free(st.http);
	metrics_stop(st.metrics);
	loop_free(st.loop);
	json_tokener_free(st.tok);
	pendings_free(&st.set);
	pending_order_free(&st.order);
	config_free(&opt.cfg);
	if (events_close(st.events) == -1)
		diag_error("%s: %s", opt.events_path, strerror(errno));
	if (out_close() == -1)
		st.status = MJ_EXIT_FAILED;
	return commonopt_end(&co, auth_refused ? MJ_EXIT_USAGE :
	    sig != 0 ? sig : st.status);
}
