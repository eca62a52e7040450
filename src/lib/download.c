/*
 * Downloads made durable (download.h): a file's life from its URL to its
 * final name, synced, with the threads that write and sync it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "download.h"
#include "filename.h"
#include "fsutil.h"
#include "http.h"
#include "loop.h"
#include "publish.h"
#include "syncq.h"
#include "xalloc.h"

#define CLAIMS_MAX	1000	/* names tried for one file */
#define EXT_MAX		8
#define SYNC_THREADS	2	/* on one disk, more add nothing */
#define WRITE_LANES	2	/* threads that hash and write the pieces */
#define PIECES_MAX	32	/* pieces in memory at once, at most */

/* Extensions a finished file may have, looked for before any request. */
static const char *const exts[] = { "png", "jpg", "webp", "gif", "avif",
	"mp4", "webm", "mov", "bmp", "tiff", "svg", "heic", "jxl" };

STAILQ_HEAD(download_list, download);

struct downloads {
	struct download_opts	 o;
	struct http		*http;
	struct nameset		*names;
	struct download_list	 queue;		/* waiting to start */
	size_t			 running;
	size_t			 syncing;	/* between download and name */
	struct syncq		*syncq;
	struct syncq		*lanes;		/* hash and write, in order */
	struct piecepool	*pieces;
	unsigned		 nfiles;	/* started: for the lane */
	int			 dirfd;
	int			 dir_ok;
	int			 dir_syncing;
	struct download_list	 dirwait;	/* named, for a dir sync */
	struct download_list	 dirsync;	/* in the dir sync under way */
	unsigned long		 fetched, found;
};

static void
wake_loop(void *arg)
{
	loop_wakeup(arg);
}

struct downloads *
downloads_new(const struct download_opts *o, struct loop *loop,
    struct http *http, struct nameset *names)
{
	struct downloads	*d = xcalloc(1, sizeof(*d));

	d->o = *o;
	d->http = http;
	d->names = names;
	d->dirfd = -1;
	STAILQ_INIT(&d->queue);
	STAILQ_INIT(&d->dirwait);
	STAILQ_INIT(&d->dirsync);
	d->syncq = syncq_new(o->jobs < SYNC_THREADS ? (unsigned)o->jobs :
	    SYNC_THREADS, wake_loop, loop);
	d->lanes = syncq_new_lanes(o->jobs < WRITE_LANES ? (unsigned)o->jobs :
	    WRITE_LANES, 1, wake_loop, loop);
	d->pieces = piecepool_new(d->lanes, o->jobs * 2 + 2 < PIECES_MAX ?
	    o->jobs * 2 + 2 : PIECES_MAX);
	return d;
}

void
downloads_free(struct downloads *d)
{
	if (d == NULL)
		return;
	syncq_free(d->lanes);
	syncq_free(d->syncq);
	piecepool_free(d->pieces);
	if (d->dirfd != -1)
		(void)close(d->dirfd);
	free(d);
}

void
download_init(struct download *f, const char *url, void *arg)
{
	memset(f, 0, sizeof(*f));
	f->arg = arg;
	f->pf.fd = -1;
	f->hold = -1;
	f->url = xstrdup(url);
}

void
download_release(struct download *f)
{
	free(f->url);
	free(f->name);
	free(f->part);
	free(f->path);
	free(f->type);
	free(f->error);
	piecefile_release(&f->pf);
}

void
downloads_queue(struct downloads *d, struct download *f)
{
	f->d = d;
	STAILQ_INSERT_TAIL(&d->queue, f, link);
}

unsigned long
downloads_fetched(const struct downloads *d)
{
	return d->fetched;
}

unsigned long
downloads_found(const struct downloads *d)
{
	return d->found;
}

size_t
downloads_running(const struct downloads *d)
{
	return d->running;
}

static void
file_done(struct download *f)
{
	f->done = 1;
	f->d->o.done(f);
}

void
downloads_fail(struct downloads *d, struct download *f, const char *msg,
    int retryable, long http)
{
	f->d = d;
	f->error = xstrdup(msg);
	f->retryable = retryable;
	f->http = http;
	file_done(f);
}

static void
fail_errno(struct download *f, const char *what, int err)
{
	char	*msg;

	msg = xasprintf("%s: %s", what, publish_strerror(err));
	downloads_fail(f->d, f, msg, publish_retryable(err), 0);
	free(msg);
}

static void
rename_file(struct download *f)
{
	char	*name = filename_claim(f->d->names, f->name);

	free(f->name);
	f->name = name;
}

/*
 * Is the file already there under its name, with any extension?  1 if
 * so (f->path set), 0 if not.  A name held by something that is not a
 * plain file (a directory, a link) is left alone: the next name is tried.
 */
static int
find_existing(struct download *f)
{
	struct stat	 sb;
	size_t		 i;
	unsigned	 tries;
	char		*path;

	for (tries = 0; tries < CLAIMS_MAX; tries++) {
		for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
			path = xasprintf("%s%s.%s", f->d->o.prefix, f->name,
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

/*
 * Give the verified .part its final name without replacing anything: a
 * name taken meanwhile makes it try the next one.  The directory is
 * synced after.
 */
static int
commit(struct download *f)
{
	char		ext[EXT_MAX + 1];
	unsigned	tries;

	fsutil_type_ext(f->type, ext, sizeof(ext));
	for (tries = 0; tries < CLAIMS_MAX; tries++) {
		free(f->path);
		f->path = xasprintf("%s%s.%s", f->d->o.prefix, f->name, ext);
		if (publish_file(f->part, f->path) == 0)
			return 0;
		if (errno != EEXIST)
			return -1;
		rename_file(f);
	}
	errno = EEXIST;
	return -1;
}

static void
drop_part(struct download *f)
{
	if (f->pf.fd != -1)
		(void)close(f->pf.fd);
	f->pf.fd = -1;
	piecefile_release(&f->pf);
	(void)unlink(f->part);
	publish_release(&f->hold);
	xalloc_tmp_remove(f->tmp);
	f->tmp = NULL;
}

static void	download_finish(struct download *);

/* The lane wrote every piece so far: the end, if the transfer ended. */
static void
pieces_written(struct piecefile *pf)
{
	struct download	*f = pf->arg;

	if (f->ended != NULL)
		download_finish(f);
}

/* A reply starts (again): the bytes so far go. */
static void
part_reset(struct download *f)
{
	f->bytes = 0;
	piecefile_restart(&f->pf);
}

static int
on_data(struct http_request *r, const char *p, size_t len)
{
	struct download	*f = r->arg;

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

/* Sync the directory for every file named since the last sync began. */
static void
dir_sync_start(struct downloads *d)
{
	if (d->dir_syncing || STAILQ_EMPTY(&d->dirwait))
		return;
	d->dir_syncing = 1;
	STAILQ_CONCAT(&d->dirsync, &d->dirwait);
	syncq_push(d->syncq, d->dirfd, 0, dir_synced, d);
}

/* A file complete under its name (and synced, unless no_sync). */
static void
file_named(struct download *f)
{
	struct downloads	*d = f->d;

	d->syncing--;
	if (!d->o.no_sha256)
		sha256_final_hex(&f->pf.sha, f->hex);
	d->fetched++;
	diag_info(1, "%s: %lld bytes", f->path, f->bytes);
	file_done(f);
}

/* The files of a directory sync are durable under their names: done. */
static void
dir_synced(void *arg, int err)
{
	struct downloads	*d = arg;
	struct download		*f;

	d->dir_syncing = 0;
	while ((f = STAILQ_FIRST(&d->dirsync)) != NULL) {
		STAILQ_REMOVE_HEAD(&d->dirsync, link);
		if (err != 0) {
			d->syncing--;
			fail_errno(f, d->o.dir, err);
		} else
			file_named(f);
	}
	dir_sync_start(d);
}

/* The .part is on disk: name it, then wait for the directory's sync. */
static void
file_synced(void *arg, int err)
{
	struct download		*f = arg;
	struct downloads	*d = f->d;

	f->pf.fd = -1;		/* closed by the sync thread */
	if (err == 0 && commit(f) == -1)
		err = errno;
	else if (err == 0) {
		xalloc_tmp_remove(f->tmp);	/* published: gone */
		f->tmp = NULL;
		publish_release(&f->hold);
	}
	if (err != 0) {
		d->syncing--;
		drop_part(f);
		fail_errno(f, f->path != NULL ? f->path : f->part, err);
		return;
	}
	if (d->o.no_sync) {
		file_named(f);
		return;
	}
	STAILQ_INSERT_TAIL(&d->dirwait, f, link);
	dir_sync_start(d);
}

/* A download ended: verify, then have it synced (file_synced). */
static void
verify(struct download *f, struct http_request *r)
{
	char	*msg;

	if (!fsutil_media_type(r->content_type)) {
		msg = xasprintf("%s: not an image or video (Content-Type %s)",
		    f->url, r->content_type != NULL ? r->content_type :
		    "missing");
		drop_part(f);
		downloads_fail(f->d, f, msg, 0, r->status);
		free(msg);
		return;
	}
	if ((r->content_length >= 0 && r->content_length != r->bytes) ||
	    r->bytes == 0 || f->bytes != r->bytes) {
		msg = r->bytes == 0 ? xasprintf("%s: an empty reply", f->url) :
		    xasprintf("%s: incomplete: %lld of %lld bytes", f->url,
		    f->bytes, r->content_length);
		drop_part(f);
		downloads_fail(f->d, f, msg, 1, r->status);
		free(msg);
		return;
	}
	f->type = fsutil_bare_type(r->content_type);
	f->d->syncing++;
	if (f->d->o.no_sync)
		file_synced(f, close(f->pf.fd) == -1 ? errno : 0);
	else
		syncq_push(f->d->syncq, f->pf.fd, 1, file_synced, f);
}

/* A transfer ended: its last piece to the lane, then download_finish. */
static void
transfer_done(struct http_request *r)
{
	struct download	*f = r->arg;

	f->d->running--;
	f->req = NULL;
	piecefile_flush(&f->pf);
	f->ended = r;
	if (f->pf.inflight == 0)
		download_finish(f);
}

void
downloads_relinked(struct downloads *d, struct download *f,
    const char *fresh)
{
	diag_info(1, "%s: stale; fetching %s", f->url, fresh);
	free(f->url);
	f->url = xstrdup(fresh);
	free(f->part);		/* file_start names it again */
	f->part = NULL;
	downloads_queue(d, f);
}

/* The transfer ended and its lane wrote every piece. */
static void
download_finish(struct download *f)
{
	struct http_request	*r = f->ended;
	char			*msg;

	f->ended = NULL;
	f->attempts += r->attempts;
	if (f->pf.err != 0) {
		drop_part(f);
		fail_errno(f, f->part, f->pf.err);
	} else if (r->verdict != RETRY_NONE) {
		drop_part(f);
		msg = xasprintf("%s: %s", f->url, r->error);
		if (f->d->o.stale == NULL ||
		    f->d->o.stale(f, msg, r->status) == -1)
			downloads_fail(f->d, f, msg, r->verdict != RETRY_NO,
			    r->status);
		free(msg);
	} else
		verify(f, r);
	http_request_free(r);
}

/* Already there under its name: read it instead of fetching it. */
static void
file_found(struct download *f)
{
	char	*part;

	/* a kill between link and unlink in publish_file() left it */
	part = xasprintf("%s%s.part", f->d->o.prefix, f->name);
	publish_remove_stale(part);
	free(part);
	/* without the hash, find_existing's size is all it needs */
	if (!f->d->o.no_sha256 &&
	    sha256_file(f->path, f->hex, &f->bytes) == -1) {
		fail_errno(f, f->path, errno);
		return;
	}
	f->type = xstrdup(fsutil_ext_mime(f->path));
	f->d->found++;
	diag_info(1, "%s: already there", f->path);
	file_done(f);
}

static void
file_start(struct downloads *d, struct download *f)
{
	struct http_request	*r;
	int			 fd;

	if (find_existing(f)) {
		file_found(f);
		return;
	}
	if (!d->dir_ok) {
		if (fsutil_mkdirs(d->o.dir, 0777) == -1 || (d->dirfd =
		    open(d->o.dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
			fail_errno(f, d->o.dir, errno);
			return;
		}
		d->dir_ok = 1;
	}
	f->part = xasprintf("%s%s.part", d->o.prefix, f->name);
	f->tmp = xalloc_tmp_add(f->part);
	if ((fd = publish_open(f->part, 0666, &f->hold)) == -1) {
		xalloc_tmp_remove(f->tmp);	/* errno kept: it sets none */
		f->tmp = NULL;
		fail_errno(f, f->part, errno);	/* held: left alone */
		return;
	}
	piecefile_init(&f->pf, d->pieces, fd, d->nfiles++, !d->o.no_sha256,
	    pieces_written, f);
	r = http_request_new(HTTP_DOWNLOAD, xstrdup(f->url), NULL);
	r->auth = 1;		/* http.c sends it to the API host only */
	r->retry_ambiguous = 1;	/* a GET of a file: safe to repeat */
	r->max_bytes = d->o.max_bytes;
	r->on_data = on_data;
	r->on_attempt = on_attempt;
	r->on_done = transfer_done;
	r->arg = f;
	f->req = r;
	d->running++;
	http_start(d->http, r);
}

void
downloads_start(struct downloads *d, const int *stop)
{
	struct download	*f;

	/* files waiting for their syncs hold descriptors too: bounded */
	while ((f = STAILQ_FIRST(&d->queue)) != NULL &&
	    d->running < d->o.jobs && d->syncing < d->o.jobs && !*stop) {
		STAILQ_REMOVE_HEAD(&d->queue, link);
		file_start(d, f);
	}
}

void
downloads_drain(struct downloads *d)
{
	(void)syncq_drain(d->lanes);
	(void)syncq_drain(d->syncq);
}

int
downloads_wait(struct downloads *d)
{
	if (syncq_pending(d->lanes) > 0)
		syncq_wait(d->lanes);
	else if (syncq_pending(d->syncq) > 0)
		syncq_wait(d->syncq);
	else
		return 0;
	return 1;
}

void
downloads_unqueue_all(struct downloads *d)
{
	STAILQ_INIT(&d->queue);
}

void
downloads_cancel(struct downloads *d, struct download *f)
{
	if (f->req == NULL)
		return;
	http_request_free(f->req);	/* cancels */
	f->req = NULL;
	d->running--;
	drop_part(f);
}
