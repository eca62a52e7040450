/*
 * mj-fetch: download what finished tasks produced (design.md "mj-fetch").
 * Each record's files are named in input order, so that a rerun of the
 * same input gives every record the same name again, also where names
 * collided; download.c makes each file durable under its name, and the
 * record goes out once all of its files (and its grid's quadrants, with
 * --split) are done.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/queue.h>
#include <unistd.h>

#include "api.h"
#include "commonopt.h"
#include "config.h"
#include "diag.h"
#include "download.h"
#include "filename.h"
#include "gridsplit.h"
#include "http.h"
#include "image.h"
#include "input.h"
#include "jsonx.h"
#include "loop.h"
#include "metrics.h"
#include "nameset.h"
#include "opt.h"
#include "out.h"
#include "progress.h"
#include "record.h"
#include "relink.h"
#include "syncq.h"
#include "xalloc.h"

#define URLS_MAX	64	/* media files of one task */

/* A record in flight and its files. */
struct job {
	struct record	*rec;
	LIST_ENTRY(job)	 link;		/* held */
	struct gridsplit *split;	/* --split and a grid: its quadrants */
	int		 split_rc;	/* 0 done, -1 failed, 1 not run */
	size_t		 n, ndone;
	struct relink	*relink;	/* its task read again, or NULL */
	struct download	 files[];
};

static struct {
	struct config	 cfg;
	const char	*dir;
	const char	*name;
	unsigned long	 jobs;
	uint64_t	 max_bytes;
	int		 no_sync;
	int		 no_sha256;
	int		 split;
} opt = { .dir = ".", .jobs = 8 };

static struct {
	struct loop	*loop;
	struct http	*http;
	struct nameset	 names;		/* names taken in this run */
	json_tokener	*tok;
	char		*prefix;	/* "DIR/" */
	LIST_HEAD(, job) held;
	size_t		 nheld, maxheld;
	size_t		 nfiles_left;	/* of the records held */
	struct progress	 progress;
	struct downloads *downloads;
	struct syncq	*splitq;	/* cut grids (--split) */
	unsigned long	 failed;
	int		 status;
	int		 out_closed;
	struct metrics	*metrics;	/* --metrics, or NULL */
} st;

static void
usage(FILE *out)
{
	fprintf(out,
"usage: mj-fetch [-qv] [-d dir] [-j jobs] [--name template] [--split]\n"
"                [--max-filesize size] [--no-sha256] [--no-sync] [file ...]\n"
"Download the images and videos of finished tasks; add \"files\" to records.\n"
"  -d, --dir DIR           write files into DIR, created if missing (.)\n"
"      --name TEMPLATE     file name from record fields ({id}, {id}-{n})\n"
"  -j, --jobs N            downloads in flight (8)\n"
"      --max-filesize SIZE refuse files larger than SIZE (no limit)\n"
"      --no-sha256         do not hash files: no \"sha256\" in \"files\", and\n"
"                          files already there are not read\n"
"      --no-sync           do not wait for files to reach the disk (faster;\n"
"                          a system crash may then leave a file damaged)\n"
"      --split             also cut each grid into its four images ({n}: 1-4)\n"
"      --base-url URL      API base URL: the key goes to its host only\n"
"      --api-key-file FILE read the API key from FILE (optional)\n"
"      --auth STYLE        bearer or mj-api-secret ($MJ_AUTH)\n"
COMMONOPT_HELP_FILES
COMMONOPT_HELP_TAIL
"See mj-fetch(1).\n");
}

enum {
	OPT_MAX_FILESIZE = CHAR_MAX + 1, OPT_NAME, OPT_NO_SHA256, OPT_NO_SYNC,
	OPT_SPLIT
};

static const struct option longopts[] = {
	COMMONOPT_LONGOPTS,
	COMMONOPT_API_LONGOPTS,
	{ "dir",		required_argument, NULL, 'd' },
	{ "jobs",		required_argument, NULL, 'j' },
	{ "max-filesize",	required_argument, NULL, OPT_MAX_FILESIZE },
	{ "name",		required_argument, NULL, OPT_NAME },
	{ "no-sha256",		no_argument,	   NULL, OPT_NO_SHA256 },
	{ "no-sync",		no_argument,	   NULL, OPT_NO_SYNC },
	{ "split",		no_argument,	   NULL, OPT_SPLIT },
	{ NULL,			0,		   NULL, 0 }
};

static struct commonopt co = { .prog = "mj-fetch", .usage = usage,
    .version_more = image_version, .cfg = &opt.cfg,
    .shortopts = "d:hj:qv", .longopts = longopts };

static int
parse_options(int argc, char **argv)
{
	int	c;

	while ((c = commonopt_next(&co, argc, argv)) != -1) {
		switch (c) {
		case 'd':
			if (*optarg == '\0')
				diag_usage_error("-d: an empty directory name");
			opt.dir = optarg;
			break;
		case 'j':
			opt.jobs = opt_uint("-j", optarg, 1, 1000);
			break;
		case OPT_MAX_FILESIZE:
			opt.max_bytes = opt_size("--max-filesize", optarg);
			if (opt.max_bytes == 0 || opt.max_bytes > LLONG_MAX)
				diag_usage_error("--max-filesize: must be from "
				    "1 to %lld bytes: %s", LLONG_MAX, optarg);
			break;
		case OPT_NAME:
			if (*optarg == '\0' || !filename_template_ok(optarg))
				diag_usage_error("--name: a bad template: %s",
				    optarg);
			opt.name = optarg;
			break;
		case OPT_NO_SHA256:
			opt.no_sha256 = 1;
			break;
		case OPT_NO_SYNC:
			opt.no_sync = 1;
			break;
		case OPT_SPLIT:
			opt.split = 1;
			break;
		}
	}
	return optind;
}

/* ---- output --------------------------------------------------------- */

static void
emit(struct record *rec)
{
	if (st.out_closed)
		return;
	metrics_add(st.metrics, METRIC_RECORDS_OUT, record_is_error(rec) ?
	    "error" : "ok", 1);
	if (out_record(rec) == -1) {
		st.out_closed = 1;
		st.status = MJ_EXIT_FAILED;
	}
}

static void
emit_raw(const char *line, size_t len)
{
	if (st.out_closed)
		return;
	if (out_line(line, len) == -1) {
		st.out_closed = 1;
		st.status = MJ_EXIT_FAILED;
	}
}

/*
 * A file from the task's videoUrls, or else its imageUrls, carries its
 * place there as "index" (a link given twice: its first place); a
 * quadrant's has no "url".
 */
static json_object *
file_json(const struct job *j, const struct download *f)
{
	json_object	*o = jx_new_object();
	json_object	*task = record_task(j->rec);
	size_t		 place;

	json_add_string(o, "path", f->path);
	json_add_string(o, "url", f->url);
	json_add_int(o, "bytes", f->bytes);
	if (!opt.no_sha256)
		json_add_string(o, "sha256", f->hex);
	json_add_string(o, "type", f->type);
	if (task != NULL && j->split == NULL &&
	    ((place = api_task_url_place(task, "videoUrls", f->url)) > 0 ||
	    (place = api_task_url_place(task, "imageUrls", f->url)) > 0))
		json_add_int(o, "index", (long long)place);
	return o;
}

/* The record's error: the first failure, how many more, retryable if all. */
static void
set_job_error(struct job *j, const char *why)
{
	json_object	*err;
	struct download	*first = NULL;
	size_t		 i, nfail = 0;
	int		 retryable = 1;
	char		*msg;

	for (i = 0; i < j->n; i++) {
		if (j->files[i].error == NULL)
			continue;
		if (nfail++ == 0)
			first = &j->files[i];
		retryable &= j->files[i].retryable;
	}
	if (why != NULL) {
		(void)record_set_error(j->rec, "fetch", why, 1);
		return;
	}
	if (first == NULL)
		return;
	if (nfail > 1)
		msg = xasprintf("%s (and %zu more of %zu files failed)",
		    first->error, nfail - 1, j->n);
	else
		msg = xstrdup(first->error);
	err = record_set_error(j->rec, "fetch", msg, retryable);
	if (first->http > 0)
		json_add_int(err, "http", first->http);
	free(msg);
}

static void
job_free(struct job *j)
{
	size_t	i;

	for (i = 0; i < j->n; i++)
		download_release(&j->files[i]);
	relink_free(j->relink);
	gridsplit_free(j->split);
	record_free(j->rec);
	free(j);
}

/* The grid marked as such, and its quadrants after it. */
static void
split_files(const struct gridsplit *g, json_object *arr)
{
	int	i;

	gridsplit_mark_grid(g, json_object_array_get_idx(arr, 0));
	for (i = 0; i < GRIDSPLIT_PARTS; i++)
		jx_array_add(arr, gridsplit_part_json(g, i));
}

/* Write out a record whose files are all done (why: interrupted). */
static void
job_finish(struct job *j, const char *why)
{
	json_object	*arr = jx_new_array();
	size_t		 i;

	LIST_REMOVE(j, link);
	st.nheld--;
	for (i = 0; i < j->n; i++)
		if (j->files[i].error == NULL && j->files[i].path != NULL)
			jx_array_add(arr, file_json(j, &j->files[i]));
	if (j->split_rc == 0)
		split_files(j->split, arr);
	record_set(j->rec, "files", arr);
	set_job_error(j, why);
	if (j->split_rc == -1 && why == NULL)
		(void)record_set_error(j->rec, "fetch", j->split->err,
		    j->split->retryable);
	if (record_is_error(j->rec))
		st.status = MJ_EXIT_FAILED;
	emit(j->rec);
	job_free(j);
}

/* The grid is cut (or not): the record goes out. */
static void
split_done(void *arg, int rc)
{
	struct job	*j = ((struct gridsplit *)arg)->arg;
	char		*msg;

	j->split_rc = rc;
	if (rc == -1) {
		st.failed++;
		msg = diag_escape(j->split->err);
		diag_error("line %ld: %s", j->rec->line, msg);
		free(msg);
	} else
		diag_info(1, "%s: %d quadrants written", j->split->grid,
		    j->split->made);
	job_finish(j, NULL);
}

/* A file of a job is done (downloaded, found or failed). */
static void
file_done(struct download *f)
{
	struct job	*j = f->arg;
	char		*safe;

	st.nfiles_left--;
	if (f->error == NULL && f->attempts > 0)
		metrics_add(st.metrics, METRIC_DOWNLOADED_BYTES, NULL,
		    (double)f->bytes);
	if (f->attempts > 1)
		metrics_add(st.metrics, METRIC_RETRIES, NULL, f->attempts - 1);
	if (f->error != NULL) {
		st.failed++;
		safe = diag_escape(f->error);
		if (j->rec->line > 0)
			diag_error("line %ld: %s", j->rec->line, safe);
		else
			diag_error("%s", safe);
		free(safe);
	}
	if (++j->ndone < j->n)
		return;
	if (j->split != NULL && f->error == NULL) {
		/* a worker thread cuts it; the loop goes on meanwhile */
		j->split->grid = xstrdup(f->path);
		j->split->arg = j;
		syncq_push_work(st.splitq, 0, gridsplit_run, split_done,
		    j->split);
	} else
		job_finish(j, NULL);
}

/* A stale link's task read again: its fresh link, or the error as it was. */
static void
relinked(void *arg, const char *fresh, const char *why, long http)
{
	struct download	*f = arg;

	if (fresh == NULL)
		downloads_fail(st.downloads, f, why, 0, http);
	else
		downloads_relinked(st.downloads, f, fresh);
}

/* A transfer failed: a stale link's task is read again (relink.c). */
static int
stale(struct download *f, const char *msg, long http)
{
	struct job	*j = f->arg;

	return relink_ask(&j->relink, st.http, &opt.cfg, j->rec, f->url, http,
	    msg, relinked, f);
}

/* ---- records -------------------------------------------------------- */

static int
http_url(const char *url)
{
	return strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0;
}

/* The names of a grid's quadrants, {n} 1 to 4; NULL if one has none. */
static struct gridsplit *
split_names(const struct record *rec)
{
	char	*bases[GRIDSPLIT_PARTS], err[512], n[2] = "1", *name;
	int	 i, k;

	for (i = 0; i < GRIDSPLIT_PARTS; i++, n[0]++) {
		if ((name = filename_make(opt.name, rec, n, 1, err,
		    sizeof(err))) == NULL) {
			for (k = 0; k < i; k++)
				free(bases[k]);
			return NULL;	/* the grid's name fails the same */
		}
		bases[i] = filename_claim(&st.names, name);
		free(name);
		name = bases[i];
		bases[i] = xasprintf("%s%s", st.prefix, name);
		free(name);
	}
	return gridsplit_new(bases, !opt.no_sha256, !opt.no_sync);
}

/*
 * Hold a record with n media URLs: name its files now, in input order.
 * A grid to split (n is 1) is named with {n} "grid", its quadrants 1-4.
 */
static void
hold(struct record *rec, const char **urls, size_t n, int split)
{
	struct job	*j;
	struct download	*f;
	char		 err[512], num[24], *name, *msg;
	size_t		 i;

	j = xcalloc(1, sizeof(*j) + n * sizeof(j->files[0]));
	j->rec = rec;
	j->n = n;
	st.nfiles_left += n;
	LIST_INSERT_HEAD(&st.held, j, link);
	st.nheld++;
	for (i = 0; i < n; i++)
		download_init(&j->files[i], urls[i], j);
	j->split_rc = 1;
	if (split)
		j->split = split_names(rec);
	/* failures may finish (free) the job: nothing touches j after */
	for (i = 0; i < n; i++) {
		f = &j->files[i];
		if (!http_url(f->url)) {
			msg = xasprintf("%s: only http and https URLs are "
			    "fetched", f->url);
			downloads_fail(st.downloads, f, msg, 0, 0);
			free(msg);
		} else if ((name = filename_make(opt.name, rec, split ? "grid" :
		    (snprintf(num, sizeof(num), "%zu", i + 1), num),
		    !split && n > 1, err, sizeof(err))) == NULL)
			downloads_fail(st.downloads, f, err, 0, 0);
		else {
			f->name = filename_claim(&st.names, name);
			free(name);
			downloads_queue(st.downloads, f);
		}
	}
}

/*
 * The first of each link, in order: n without repeats.  trueai-org gives
 * a video's imageUrl, videoUrl, imageUrls[0] and videoUrls[0] the same
 * mp4, and a file is fetched once.
 */
static size_t
unique_urls(const char **urls, size_t n)
{
	size_t	i, j, k = 0;

	for (i = 0; i < n; i++) {
		for (j = 0; j < k && strcmp(urls[j], urls[i]) != 0; j++)
			continue;
		if (j == k)
			urls[k++] = urls[i];
	}
	return k;
}

static void
take_line(const char *line, size_t len, long lineno)
{
	struct record	*r;
	json_object	*task;
	const char	*urls[URLS_MAX];
	size_t		 n = 0;

	if (record_blank(line, len))
		return;
	if (len > 0 && line[len - 1] == '\r')
		len--;
	r = record_parse(st.tok, line, len, lineno);
	if (commonopt_record_in(&co, r, lineno)) {
		st.status = MJ_EXIT_FAILED;
		emit(r);
		record_free(r);
		return;
	}
	task = record_task(r);
	if (!record_is_error(r) && task != NULL &&
	    strcasecmp(api_task_status(task), "SUCCESS") == 0)
		n = unique_urls(urls, api_task_urls(task, urls, URLS_MAX));
	if (n == 0) {
		/* nothing to do: untouched, unless a lone surrogate was read */
		if (r->mended)
			emit(r);
		else {
			if (!st.out_closed)
				metrics_add(st.metrics, METRIC_RECORDS_OUT,
				    record_is_error(r) ? "error" : "ok", 1);
			emit_raw(line, len);
		}
		record_free(r);
		return;
	}
	hold(r, urls, n, opt.split && gridsplit_is_grid(task, n));
}

/* Take lines while there is room; the number taken. */
static size_t
take_lines(struct input *in)
{
	const char	*line;
	size_t		 len, n = 0;

	while (st.nheld < st.maxheld && !st.out_closed &&
	    input_next(in, &line, &len)) {
		take_line(line, len, input_lineno(in));
		n++;
	}
	return n;
}

static void
drain_all(void)
{
	downloads_drain(st.downloads);
	if (st.splitq != NULL)
		(void)syncq_drain(st.splitq);
}

/* Let the pieces, syncs and splits under way finish: records go out. */
static void
finish_syncs(void)
{
	for (;;) {
		if (!downloads_wait(st.downloads)) {
			if (st.splitq == NULL || syncq_pending(st.splitq) == 0)
				break;
			syncq_wait(st.splitq);
		}
		drain_all();
	}
}

/* A stop: transfers cancelled, .part files removed, records written. */
static void
give_up_all(const char *why)
{
	struct job	*j;
	struct download	*f;
	size_t		 i;

	downloads_unqueue_all(st.downloads);
	finish_syncs();
	while ((j = LIST_FIRST(&st.held)) != NULL) {
		for (i = 0; i < j->n; i++) {
			f = &j->files[i];
			if (f->done)
				continue;
			downloads_cancel(st.downloads, f);
			f->error = xstrdup(why != NULL ? why : "stopped");
			f->retryable = 1;
			f->done = 1;
			st.nfiles_left--;
		}
		job_finish(j, why);
	}
}

/* The status line: files, and files of the records held if all read. */
static void
show_status(struct input *in)
{
	unsigned long	fetched = downloads_fetched(st.downloads);
	unsigned long	found = downloads_found(st.downloads);

	progress_status(&st.progress, fetched + found + st.failed,
	    input_done(in) ? (long long)st.nfiles_left : -1,
	    "%lu fetched, %lu found, %zu running, %lu failed", fetched,
	    found, downloads_running(st.downloads), st.failed);
}

static void
run(struct input *in)
{
	int	ev;

	for (;;) {
		downloads_start(st.downloads, &st.out_closed);
		while (take_lines(in) > 0)
			downloads_start(st.downloads, &st.out_closed);
		if (st.out_closed) {
			give_up_all(NULL);
			break;
		}
		if (input_done(in) && LIST_EMPTY(&st.held))
			break;
		ev = loop_turn(st.loop, !input_done(in) &&
		    st.nheld < st.maxheld ? input_fd(in) : -1, -1);
		drain_all();
		if (ev & LOOP_SIGNAL) {
			give_up_all("interrupted");
			break;
		}
		if ((ev & LOOP_READABLE) && input_fill(in) < 0) {
			diag_error("%s: %s", input_name(in), strerror(errno));
			st.status = MJ_EXIT_FAILED;
		}
		show_status(in);
	}
	progress_end(&st.progress, http_received(st.http), "%lu fetched, "
	    "%lu found, %lu failed", downloads_fetched(st.downloads),
	    downloads_found(st.downloads), st.failed);
}

static char *
dir_prefix(const char *dir)
{
	size_t	len = strlen(dir);

	while (len > 1 && dir[len - 1] == '/')
		len--;
	if (dir[len - 1] == '/')
		return xstrndup(dir, len);
	return xasprintf("%.*s/", (int)len, dir);
}

static void
wake_loop(void *arg)
{
	loop_wakeup(arg);
}

/*
 * libvips, and the threads that cut grids: one a core, at most -j, so
 * that memory grows with -j (half a grid each), not with the input.
 */
static int
split_init(void)
{
	char	err[512];
	long	cores = sysconf(_SC_NPROCESSORS_ONLN);

	if (image_init(err, sizeof(err)) == -1) {
		diag_error("%s", err);
		return -1;
	}
	if (cores < 1)
		cores = 1;
	st.splitq = syncq_new((unsigned)(opt.jobs < (unsigned long)cores ?
	    opt.jobs : (unsigned long)cores), wake_loop, st.loop);
	return 0;
}

int
main(int argc, char **argv)
{
	struct input	*in;
	int		 first, sig;

	commonopt_begin(&co);
	first = parse_options(argc, argv);
	/* the key is only needed for files on the API's own host */
	if (commonopt_finish(&co, 1, 0) == -1)
		return MJ_EXIT_USAGE;
	/* a file size limit (ulimit -f) must be an error, not a death */
	(void)signal(SIGXFSZ, SIG_IGN);
	if (opt.name == NULL)
		opt.name = "{id}";
	st.prefix = dir_prefix(opt.dir);
	/* records downloading, waiting to start, and waiting for syncs */
	st.maxheld = opt.jobs * 3;
	st.loop = loop_new();
	st.metrics = commonopt_metrics(&co);
	/* this program's counters from 0: rate() needs the start */
	metrics_add(st.metrics, METRIC_DOWNLOADED_BYTES, NULL, 0);
	metrics_add(st.metrics, METRIC_RETRIES, NULL, 0);
	metrics_start(st.metrics, st.loop);
	progress_init(&st.progress, loop_now());
	st.http = http_new(st.loop, &opt.cfg);
	http_set_rate(st.http, HTTP_POLL, RELINK_RATE);
	if (opt.split && split_init() == -1)
		return MJ_EXIT_USAGE;
	LIST_INIT(&st.held);
	st.downloads = downloads_new(&(struct download_opts){ .dir = opt.dir,
	    .prefix = st.prefix, .jobs = opt.jobs,
	    .max_bytes = (long long)opt.max_bytes, .no_sha256 = opt.no_sha256,
	    .no_sync = opt.no_sync, .done = file_done, .stale = stale },
	    st.loop, st.http, &st.names);
	st.tok = record_tokener_new();
	in = input_new(argv + first, argc - first);
	run(in);
	sig = loop_signal_status(st.loop);
	if (st.splitq != NULL) {
		syncq_free(st.splitq);
		image_shutdown();
	}
	downloads_free(st.downloads);
	input_free(in);
	http_free(st.http);
	metrics_stop(st.metrics);
	loop_free(st.loop);
	json_tokener_free(st.tok);
	nameset_free(&st.names);
	free(st.prefix);
	config_free(&opt.cfg);
	if (out_close() == -1)
		st.status = MJ_EXIT_FAILED;
	return commonopt_end(&co, sig != 0 ? sig : st.status);
}
