/*
 * mj-fetch: download what finished tasks produced (design.md "mj-fetch").
 * Each file is written to NAME.part while its bytes arrive, hashed on the
 * way (unless --no-sha256), and gets its final name only once verified:
 * so a file found under its final name is complete, and a rerun fetches
 * nothing twice.  Names are taken in input order, so that a rerun of the
 * same input gives every record the same name again, also where names
 * collided.
 *
 * The event loop only receives: each file's bytes go in 128 KiB pieces
 * to one of two lanes (threads) that hash and write them in order
 * (piecefile.c), so that neither the hash nor a write held up by the disk
 * stalls the transfers.  The syncs that make a file durable run in
 * threads too (syncq), so that the transfers go on meanwhile: a
 * downloaded file is synced, linked to its name, and its record goes out
 * once a sync of the directory that began after the link has finished.
 * One directory sync serves every file linked before it began.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api.h"
#include "buf.h"
#include "config.h"
#include "diag.h"
#include "filename.h"
#include "fsutil.h"
#include "gridsplit.h"
#include "http.h"
#include "image.h"
#include "input.h"
#include "loop.h"
#include "nameset.h"
#include "opt.h"
#include "piecefile.h"
#include "progress.h"
#include "record.h"
#include "relink.h"
#include "sha256.h"
#include "syncq.h"
#include "version.h"
#include "xalloc.h"

#define URLS_MAX	64	/* media files of one task */
#define CLAIMS_MAX	1000	/* names tried for one file */
#define EXT_MAX		8
#define SYNC_THREADS	2	/* on one disk, more add nothing */
#define WRITE_LANES	2	/* threads that hash and write the pieces */
#define PIECES_MAX	32	/* pieces in memory at once, at most */

/* Extensions a finished file may have, looked for before any request. */
static const char *const exts[] = { "png", "jpg", "webp", "gif", "avif",
	"mp4", "webm", "mov", "bmp", "tiff", "svg", "heic", "jxl" };

struct job;

struct file {
	struct job	*job;
	struct file	*qnext;		/* waiting to start, or for a dir sync */
	struct http_request *req;
	char		*url;
	char		*name;		/* NAME: sanitized, claimed */
	char		*part;		/* DIR/NAME.part */
	char		*path;		/* DIR/NAME.ext once complete */
	char		*type;
	char		*error;
	struct piecefile pf;		/* the .part, written by a lane */
	char		 hex[SHA256_HEX_LEN + 1];
	long long	 bytes;
	long		 http;
	struct http_request *ended;	/* the finished transfer, until the
					   lane has written every piece */
	int		 retryable;
	int		 done;
};

/* Files in order, through their qnext. */
struct file_list {
	struct file	*head, *tail;
};

/* A record in flight and its files. */
struct job {
	struct record	*rec;
	struct job	*next, *prev;
	struct gridsplit *split;	/* --split and a grid: its quadrants */
	int		 split_rc;	/* 0 done, -1 failed, 1 not run */
	size_t		 n, ndone;
	struct relink	*relink;	/* its task read again, or NULL */
	struct file	 files[];
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
	struct job	*held;
	size_t		 nheld, maxheld;
	struct file_list queue;		/* files waiting to start */
	size_t		 running;
	size_t		 nfiles_left;	/* of the records held */
	struct progress	 progress;
	struct syncq	*syncq;
	struct syncq	*lanes;		/* hash and write, in order per file */
	struct syncq	*splitq;	/* cut grids (--split) */
	struct piecepool *pieces;
	unsigned	 nfiles;	/* started: for the lane of each */
	size_t		 syncing;	/* files between download and name */
	int		 dirfd;
	int		 dir_syncing;
	struct file_list dirwait;	/* linked, for a dir sync */
	unsigned long	 fetched, found, failed;
	int		 dir_ok;
	int		 status;
	int		 out_closed;
} st;

static void
file_list_put(struct file_list *l, struct file *f)
{
	f->qnext = NULL;
	if (l->tail != NULL)
		l->tail->qnext = f;
	else
		l->head = f;
	l->tail = f;
}

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
"  -q, --quiet             errors only, no status line\n"
"  -v, --verbose           more messages (repeatable)\n"
"  -h, --help              this help\n"
"      --version           version and libraries\n"
"See mj-fetch(1).\n");
}

enum {
	OPT_API_KEY_FILE = CHAR_MAX + 1, OPT_AUTH, OPT_BASE_URL,
	OPT_MAX_FILESIZE, OPT_NAME, OPT_NO_SHA256, OPT_NO_SYNC, OPT_SPLIT,
	OPT_VERSION
};

static const struct option longopts[] = {
	{ "api-key-file",	required_argument, NULL, OPT_API_KEY_FILE },
	{ "auth",		required_argument, NULL, OPT_AUTH },
	{ "base-url",		required_argument, NULL, OPT_BASE_URL },
	{ "dir",		required_argument, NULL, 'd' },
	{ "help",		no_argument,	   NULL, 'h' },
	{ "jobs",		required_argument, NULL, 'j' },
	{ "max-filesize",	required_argument, NULL, OPT_MAX_FILESIZE },
	{ "name",		required_argument, NULL, OPT_NAME },
	{ "no-sha256",		no_argument,	   NULL, OPT_NO_SHA256 },
	{ "no-sync",		no_argument,	   NULL, OPT_NO_SYNC },
	{ "quiet",		no_argument,	   NULL, 'q' },
	{ "split",		no_argument,	   NULL, OPT_SPLIT },
	{ "verbose",		no_argument,	   NULL, 'v' },
	{ "version",		no_argument,	   NULL, OPT_VERSION },
	{ NULL,			0,		   NULL, 0 }
};

static int
parse_options(int argc, char **argv)
{
	int	c;

	opterr = 0;	/* opt_bad says what was wrong, once */
	while ((c = getopt_long(argc, argv, "d:hj:qv", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (*optarg == '\0')
				diag_usage_error("-d: an empty directory name");
			opt.dir = optarg;
			break;
		case 'h':
			usage(stdout);
			exit(fflush(stdout) == 0 ? MJ_EXIT_OK : MJ_EXIT_FAILED);
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
		case OPT_MAX_FILESIZE:
			opt.max_bytes = opt_size("--max-filesize", optarg);
			if (opt.max_bytes == 0 || opt.max_bytes > LLONG_MAX)
				diag_usage_error("--max-filesize: must be more "
				    "than 0: %s", optarg);
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
		case OPT_VERSION:
			exit(version_print(stdout, "mj-fetch", image_version())
			    == 0 ? MJ_EXIT_OK : MJ_EXIT_FAILED);
		default:
			opt_bad("d:hj:qv", argv);
		}
	}
	return optind;
}

/* ---- names ---------------------------------------------------------- */

static void
rename_file(struct file *f)
{
	char	*name = filename_claim(&st.names, f->name);

	free(f->name);
	f->name = name;
}

/* ---- output --------------------------------------------------------- */

static void
emit(struct record *rec)
{
	if (st.out_closed)
		return;
	if (record_write(rec, stdout) == -1) {
		if (errno != EPIPE)
			diag_error("stdout: %s", strerror(errno));
		st.out_closed = 1;
		st.status = MJ_EXIT_FAILED;
	}
}

static void
emit_raw(const char *line, size_t len)
{
	if (st.out_closed)
		return;
	if (fwrite(line, 1, len, stdout) != len || putchar('\n') == EOF ||
	    fflush(stdout) == EOF) {
		if (errno != EPIPE)
			diag_error("stdout: %s", strerror(errno));
		st.out_closed = 1;
		st.status = MJ_EXIT_FAILED;
	}
}

static json_object *
file_json(const struct file *f)
{
	json_object	*o = json_object_new_object();

	json_add_string(o, "path", f->path);
	json_add_string(o, "url", f->url);
	json_add_int(o, "bytes", f->bytes);
	if (!opt.no_sha256)
		json_add_string(o, "sha256", f->hex);
	json_add_string(o, "type", f->type);
	return o;
}

/* The record's error: the first failure, how many more, retryable if all. */
static void
set_job_error(struct job *j, const char *why)
{
	json_object	*err;
	struct file	*first = NULL;
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

	for (i = 0; i < j->n; i++) {
		free(j->files[i].url);
		free(j->files[i].name);
		free(j->files[i].part);
		free(j->files[i].path);
		free(j->files[i].type);
		free(j->files[i].error);
		piecefile_release(&j->files[i].pf);
	}
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
		(void)json_object_array_add(arr, gridsplit_part_json(g, i));
}

/* Write out a record whose files are all done (why: interrupted). */
static void
job_finish(struct job *j, const char *why)
{
	json_object	*arr = json_object_new_array();
	size_t		 i;

	if (j->prev != NULL)
		j->prev->next = j->next;
	else
		st.held = j->next;
	if (j->next != NULL)
		j->next->prev = j->prev;
	st.nheld--;
	for (i = 0; i < j->n; i++)
		if (j->files[i].error == NULL && j->files[i].path != NULL)
			(void)json_object_array_add(arr,
			    file_json(&j->files[i]));
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

static void
file_done(struct file *f)
{
	struct job	*j = f->job;

	f->done = 1;
	st.nfiles_left--;
	if (f->error != NULL)
		st.failed++;
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

static void
file_fail(struct file *f, const char *msg, int retryable, long http)
{
	char	*safe;

	safe = diag_escape(msg);
	if (f->job->rec->line > 0)
		diag_error("line %ld: %s", f->job->rec->line, safe);
	else
		diag_error("%s", safe);
	free(safe);
	f->error = xstrdup(msg);
	f->retryable = retryable;
	f->http = http;
	file_done(f);
}

static void
file_fail_errno(struct file *f, const char *what, int err)
{
	char	*msg;

	msg = xasprintf("%s: %s", what, strerror(err));
	/* a full disk can be freed and the run repeated */
	file_fail(f, msg, err == ENOSPC || err == EDQUOT || err == EIO, 0);
	free(msg);
}

/* ---- the files ------------------------------------------------------ */

/*
 * Is the file already there under its name, with any extension?  1 if
 * so (f->path set), 0 if not.  A name held by something that is not a
 * plain file (a directory, a link) is left alone: the next name is tried.
 */
static int
find_existing(struct file *f)
{
	struct stat	 sb;
	size_t		 i;
	unsigned	 tries;
	char		*path;

	for (tries = 0; tries < CLAIMS_MAX; tries++) {
		for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
			path = xasprintf("%s%s.%s", st.prefix, f->name,
			    exts[i]);
			if (lstat(path, &sb) == 0)
				break;
			free(path);
		}
		if (i == sizeof(exts) / sizeof(exts[0]))
			return 0;
		if (S_ISREG(sb.st_mode)) {
			f->path = path;
			f->bytes = (long long)sb.st_size;
			return 1;
		}
		free(path);
		rename_file(f);
	}
	return 0;
}

static const char *
ext_of(const struct file *f, char ext[EXT_MAX + 1])
{
	fsutil_type_ext(f->type, ext, EXT_MAX + 1);
	return ext;
}

static int
link_unsupported(int err)
{
	return err == EPERM || err == ENOTSUP || err == EOPNOTSUPP ||
	    err == EXDEV || err == EMLINK || err == ENOSYS;
}

/*
 * Give the verified .part its final name without replacing anything:
 * link(2) fails where rename(2) would overwrite.  Filesystems without
 * hard links get a rename after a check.  The directory is synced after.
 */
static int
commit(struct file *f, const char *ext)
{
	struct stat	sb;
	unsigned	tries;

	for (tries = 0; tries < CLAIMS_MAX; tries++) {
		free(f->path);
		f->path = xasprintf("%s%s.%s", st.prefix, f->name, ext);
		if (link(f->part, f->path) == 0)
			return unlink(f->part);
		if (errno == EEXIST ||
		    (link_unsupported(errno) && lstat(f->path, &sb) == 0)) {
			rename_file(f);
			continue;
		}
		if (!link_unsupported(errno))
			return -1;
		return rename(f->part, f->path);
	}
	errno = EEXIST;
	return -1;
}

static void
drop_part(struct file *f)
{
	if (f->pf.fd != -1)
		(void)close(f->pf.fd);
	f->pf.fd = -1;
	piecefile_release(&f->pf);
	(void)unlink(f->part);
}

static void	download_finish(struct file *);

/* The lane wrote every piece so far: the end, if the transfer ended. */
static void
pieces_written(struct piecefile *pf)
{
	struct file	*f = pf->arg;

	if (f->ended != NULL)
		download_finish(f);
}

/* A reply starts (again): the bytes so far go. */
static void
part_reset(struct file *f)
{
	f->bytes = 0;
	piecefile_restart(&f->pf);
}

static int
on_data(struct http_request *r, const char *p, size_t len)
{
	struct file	*f = r->arg;

	/* the first bytes of a reply: after a redirect or a retry too */
	if (r->bytes == (long long)len)
		part_reset(f);
	if (f->pf.err != 0)
		return -1;
	f->bytes += (long long)len;
	piecefile_append(&f->pf, p, len);
	return 0;
}

static void
on_attempt(struct http_request *r)
{
	part_reset(r->arg);
}

static void	dir_synced(void *, int);

/* Sync the directory for every file linked since the last sync began. */
static void
dir_sync_start(void)
{
	if (st.dir_syncing || st.dirwait.head == NULL)
		return;
	st.dir_syncing = 1;
	syncq_push(st.syncq, st.dirfd, 0, dir_synced, st.dirwait.head);
	st.dirwait.head = st.dirwait.tail = NULL;
}

/* A file complete under its name (and synced, unless --no-sync). */
static void
file_named(struct file *f)
{
	st.syncing--;
	if (!opt.no_sha256)
		sha256_final_hex(&f->pf.sha, f->hex);
	st.fetched++;
	diag_info(1, "%s: %lld bytes", f->path, f->bytes);
	file_done(f);
}

/* The files of a directory sync are durable under their names: done. */
static void
dir_synced(void *arg, int err)
{
	struct file	*f, *next;

	st.dir_syncing = 0;
	for (f = arg; f != NULL; f = next) {
		next = f->qnext;
		if (err != 0) {
			st.syncing--;
			file_fail_errno(f, opt.dir, err);
		} else
			file_named(f);
	}
	dir_sync_start();
}

/* The .part is on disk: name it, then wait for the directory's sync. */
static void
file_synced(void *arg, int err)
{
	struct file	*f = arg;
	char		 ext[EXT_MAX + 1];

	f->pf.fd = -1;		/* closed by the sync thread */
	if (err == 0 && commit(f, ext_of(f, ext)) == -1)
		err = errno;
	if (err != 0) {
		st.syncing--;
		drop_part(f);
		file_fail_errno(f, f->path != NULL ? f->path : f->part, err);
		return;
	}
	if (opt.no_sync) {
		file_named(f);
		return;
	}
	file_list_put(&st.dirwait, f);
	dir_sync_start();
}

/* A download ended: verify, then have it synced (file_synced). */
static void
verify(struct file *f, struct http_request *r)
{
	char	*msg;

	if (!fsutil_media_type(r->content_type)) {
		msg = xasprintf("%s: not an image or video (Content-Type %s)",
		    f->url, r->content_type != NULL ? r->content_type :
		    "missing");
		drop_part(f);
		file_fail(f, msg, 0, r->status);
		free(msg);
		return;
	}
	if ((r->content_length >= 0 && r->content_length != r->bytes) ||
	    r->bytes == 0 || f->bytes != r->bytes) {
		msg = r->bytes == 0 ? xasprintf("%s: an empty reply", f->url) :
		    xasprintf("%s: incomplete: %lld of %lld bytes", f->url,
		    f->bytes, r->content_length);
		drop_part(f);
		file_fail(f, msg, 1, r->status);
		free(msg);
		return;
	}
	f->type = fsutil_bare_type(r->content_type);
	st.syncing++;
	if (opt.no_sync)
		file_synced(f, close(f->pf.fd) == -1 ? errno : 0);
	else
		syncq_push(st.syncq, f->pf.fd, 1, file_synced, f);
}

/* A transfer ended: its last piece to the lane, then download_finish. */
static void
download_done(struct http_request *r)
{
	struct file	*f = r->arg;

	st.running--;
	f->req = NULL;
	piecefile_flush(&f->pf);
	f->ended = r;
	if (f->pf.inflight == 0)
		download_finish(f);
}

/* A stale link's task read again: its fresh link, or the error as it was. */
static void
relinked(void *arg, const char *fresh, const char *why, long http)
{
	struct file	*f = arg;

	if (fresh == NULL) {
		file_fail(f, why, 0, http);
		return;
	}
	diag_info(1, "%s: stale; fetching %s", f->url, fresh);
	free(f->url);
	f->url = xstrdup(fresh);
	free(f->part);		/* file_start names it again */
	f->part = NULL;
	file_list_put(&st.queue, f);
}

/* The transfer ended and its lane wrote every piece. */
static void
download_finish(struct file *f)
{
	struct http_request	*r = f->ended;
	char			*msg;

	f->ended = NULL;
	if (f->pf.err != 0) {
		drop_part(f);
		file_fail_errno(f, f->part, f->pf.err);
	} else if (r->verdict != RETRY_NONE) {
		drop_part(f);
		msg = xasprintf("%s: %s", f->url, r->error);
		if (relink_ask(&f->job->relink, st.http, &opt.cfg, f->job->rec,
		    f->url, r->status, msg, relinked, f) == -1)
			file_fail(f, msg, r->verdict != RETRY_NO, r->status);
		free(msg);
	} else
		verify(f, r);
	http_request_free(r);
}

static int
http_url(const char *url)
{
	return strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0;
}

static void
file_start(struct file *f)
{
	struct http_request	*r;
	char			*part;
	int			 fd;

	if (find_existing(f)) {
		/* a kill between link and unlink in commit() left it */
		part = xasprintf("%s%s.part", st.prefix, f->name);
		(void)unlink(part);
		free(part);
		/* without the hash, find_existing's size is all it needs */
		if (!opt.no_sha256 &&
		    sha256_file(f->path, f->hex, &f->bytes) == -1) {
			file_fail_errno(f, f->path, errno);
			return;
		}
		f->type = xstrdup(fsutil_ext_mime(f->path));
		st.found++;
		diag_info(1, "%s: already there", f->path);
		file_done(f);
		return;
	}
	if (!st.dir_ok) {
		if (fsutil_mkdirs(opt.dir, 0777) == -1 || (st.dirfd =
		    open(opt.dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
			file_fail_errno(f, opt.dir, errno);
			return;
		}
		st.dir_ok = 1;
	}
	f->part = xasprintf("%s%s.part", st.prefix, f->name);
	fd = open(f->part, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, 0666);
	if (fd == -1) {
		file_fail_errno(f, f->part, errno);
		return;
	}
	piecefile_init(&f->pf, st.pieces, fd, st.nfiles++, !opt.no_sha256,
	    pieces_written, f);
	r = http_request_new(HTTP_DOWNLOAD, xstrdup(f->url), NULL);
	r->auth = 1;		/* http.c sends it to the API host only */
	r->retry_ambiguous = 1;	/* a GET of a file: safe to repeat */
	r->max_bytes = (long long)opt.max_bytes;
	r->on_data = on_data;
	r->on_attempt = on_attempt;
	r->on_done = download_done;
	r->arg = f;
	f->req = r;
	st.running++;
	http_start(st.http, r);
}

static void
start_files(void)
{
	struct file	*f;

	/* files waiting for their syncs hold descriptors too: bounded */
	while (st.queue.head != NULL && st.running < opt.jobs &&
	    st.syncing < opt.jobs && !st.out_closed) {
		f = st.queue.head;
		if ((st.queue.head = f->qnext) == NULL)
			st.queue.tail = NULL;
		file_start(f);
	}
}

/* ---- records -------------------------------------------------------- */

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
	struct file	*f;
	char		 err[512], num[24], *name, *msg;
	size_t		 i;

	j = xcalloc(1, sizeof(*j) + n * sizeof(j->files[0]));
	j->rec = rec;
	j->n = n;
	st.nfiles_left += n;
	j->next = st.held;
	if (st.held != NULL)
		st.held->prev = j;
	st.held = j;
	st.nheld++;
	for (i = 0; i < n; i++) {
		f = &j->files[i];
		f->job = j;
		f->pf.fd = -1;
		f->url = xstrdup(urls[i]);
	}
	j->split_rc = 1;
	if (split)
		j->split = split_names(rec);
	/* failures may finish (free) the job: nothing touches j after */
	for (i = 0; i < n; i++) {
		f = &j->files[i];
		if (!http_url(f->url)) {
			msg = xasprintf("%s: only http and https URLs are "
			    "fetched", f->url);
			file_fail(f, msg, 0, 0);
			free(msg);
		} else if ((name = filename_make(opt.name, rec, split ? "grid" :
		    (snprintf(num, sizeof(num), "%zu", i + 1), num),
		    !split && n > 1, err, sizeof(err))) == NULL)
			file_fail(f, err, 0, 0);
		else {
			f->name = filename_claim(&st.names, name);
			free(name);
			file_list_put(&st.queue, f);
		}
	}
}

/*
 * A line record_parse could not read (its "input" is this very line): an
 * error this program added.  1 if so.
 */
static int
input_error(struct record *r, const char *line, size_t len, long lineno)
{
	json_object	*e = record_get(r, "error");
	const char	*input = record_get_string(r, "input");
	char		*msg;

	if (input == NULL || strlen(input) != len ||
	    memcmp(input, line, len) != 0)
		return 0;
	msg = diag_escape(json_get_string(e, "message") != NULL ?
	    json_get_string(e, "message") : "unreadable");
	diag_error("line %ld: %s", lineno, msg);
	free(msg);
	st.status = MJ_EXIT_FAILED;
	return 1;
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
	if (record_is_error(r) && input_error(r, line, len, lineno)) {
		emit(r);
		record_free(r);
		return;
	}
	task = record_task(r);
	if (!record_is_error(r) && task != NULL &&
	    strcasecmp(api_task_status(task), "SUCCESS") == 0)
		n = api_task_urls(task, urls, URLS_MAX);
	if (n == 0) {
		/* nothing to do: untouched, unless a lone surrogate was read */
		if (r->mended)
			emit(r);
		else
			emit_raw(line, len);
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
	(void)syncq_drain(st.lanes);
	(void)syncq_drain(st.syncq);
	if (st.splitq != NULL)
		(void)syncq_drain(st.splitq);
}

/* Let the pieces, syncs and splits under way finish: records go out. */
static void
finish_syncs(void)
{
	for (;;) {
		if (syncq_pending(st.lanes) > 0)
			syncq_wait(st.lanes);
		else if (syncq_pending(st.syncq) > 0)
			syncq_wait(st.syncq);
		else if (st.splitq != NULL && syncq_pending(st.splitq) > 0)
			syncq_wait(st.splitq);
		else
			break;
		drain_all();
	}
}

/* A stop: transfers cancelled, .part files removed, records written. */
static void
give_up_all(const char *why)
{
	struct job	*j;
	struct file	*f;
	size_t		 i;

	st.queue.head = st.queue.tail = NULL;
	finish_syncs();
	while ((j = st.held) != NULL) {
		for (i = 0; i < j->n; i++) {
			f = &j->files[i];
			if (f->done)
				continue;
			if (f->req != NULL) {
				http_request_free(f->req);	/* cancels */
				f->req = NULL;
				st.running--;
				drop_part(f);
			}
			f->error = xstrdup(why != NULL ? why : "stopped");
			f->retryable = 1;
			f->done = 1;
			st.nfiles_left--;
		}
		job_finish(j, why);
	}
}

static void
run(struct input *in)
{
	int	ev;

	for (;;) {
		start_files();
		while (take_lines(in) > 0)
			start_files();
		if (st.out_closed) {
			give_up_all(NULL);
			break;
		}
		if (input_done(in) && st.held == NULL)
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
		progress_status(&st.progress, st.fetched + st.found + st.failed,
		    input_done(in) ? (long long)st.nfiles_left : -1,
		    "%lu fetched, %lu found, %zu running, %lu failed", st.fetched,
		    st.found, st.running, st.failed);
	}
	progress_end(&st.progress, http_received(st.http), "%lu fetched, "
	    "%lu found, %lu failed", st.fetched, st.found, st.failed);
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
	char		 err[512];
	int		 first, sig;

	diag_init("mj-fetch");
	config_init(&opt.cfg);
	first = parse_options(argc, argv);
	/* the key is only needed for files on the API's own host */
	if (config_finish(&opt.cfg, 0, err, sizeof(err)) == -1) {
		diag_error("%s", err);
		return MJ_EXIT_USAGE;
	}
	/* a file size limit (ulimit -f) must be an error, not a death */
	(void)signal(SIGXFSZ, SIG_IGN);
	if (opt.name == NULL)
		opt.name = "{id}";
	st.prefix = dir_prefix(opt.dir);
	/* records downloading, waiting to start, and waiting for syncs */
	st.maxheld = opt.jobs * 3;
	st.loop = loop_new();
	progress_init(&st.progress, loop_now());
	st.http = http_new(st.loop, &opt.cfg);
	http_set_rate(st.http, HTTP_POLL, RELINK_RATE);
	st.dirfd = -1;
	if (opt.split && split_init() == -1)
		return MJ_EXIT_USAGE;
	st.syncq = syncq_new(opt.jobs < SYNC_THREADS ? (unsigned)opt.jobs :
	    SYNC_THREADS, wake_loop, st.loop);
	st.lanes = syncq_new_lanes(opt.jobs < WRITE_LANES ? (unsigned)opt.jobs :
	    WRITE_LANES, 1, wake_loop, st.loop);
	st.pieces = piecepool_new(st.lanes, opt.jobs * 2 + 2 < PIECES_MAX ?
	    opt.jobs * 2 + 2 : PIECES_MAX);
	st.tok = record_tokener_new();
	in = input_new(argv + first, argc - first);
	run(in);
	sig = loop_signal_status(st.loop);
	syncq_free(st.lanes);
	syncq_free(st.syncq);
	if (st.splitq != NULL) {
		syncq_free(st.splitq);
		image_shutdown();
	}
	piecepool_free(st.pieces);
	if (st.dirfd != -1)
		(void)close(st.dirfd);
	input_free(in);
	http_free(st.http);
	loop_free(st.loop);
	json_tokener_free(st.tok);
	nameset_free(&st.names);
	free(st.prefix);
	config_free(&opt.cfg);
	if (fclose(stdout) != 0 && !st.out_closed) {
		diag_error("stdout: %s", strerror(errno));
		st.status = MJ_EXIT_FAILED;
	}
	return sig != 0 ? sig : st.status;
}
