/*
 * Downloads made durable (mj-fetch, design.md "mj-fetch").  Each file is
 * written to DIR/NAME.part while its bytes arrive, hashed on the way
 * (unless told not to), and gets its final name only once verified
 * (publish.c): so a file found under its final name is complete, and a
 * rerun fetches nothing twice.
 *
 * The event loop only receives: the bytes go in pieces to one of two
 * lanes (threads) that hash and write them in order (piecefile.c), so
 * that neither the hash nor a slow disk stalls the transfers.  The syncs
 * that make a file durable run in threads too (syncq): a downloaded file
 * is synced, published under its name, and done once a sync of the
 * directory that began after that has finished.  One directory sync
 * serves every file published before it began.
 *
 *	d = downloads_new(&o, loop, http, &names);
 *	download_init(f, url, job);  f->name = claimed name;
 *	downloads_queue(d, f);
 *	downloads_start(d, &stop);	// after each loop turn, with
 *	downloads_drain(d);		// o.done(f) once each file ends
 */
#ifndef MJ_DOWNLOAD_H
#define MJ_DOWNLOAD_H

#include <sys/queue.h>

#include "piecefile.h"
#include "sha256.h"

struct downloads;
struct http;
struct http_request;
struct loop;
struct nameset;
struct xalloc_tmp;

struct download {
	/* the caller's */
	void		*arg;
	char		*url;		/* owned */
	char		*name;		/* NAME: sanitized, claimed; owned */
	/* once done: path and the rest, or error */
	char		*path;		/* DIR/NAME.EXT */
	char		*type;		/* its media type */
	char		 hex[SHA256_HEX_LEN + 1];	/* if hashed */
	long long	 bytes;
	char		*error;		/* why it failed, or NULL */
	long		 http;		/* the HTTP status of the failure */
	int		 retryable;	/* may a rerun do better */
	int		 done;
	int		 attempts;	/* HTTP attempts; 0: found, unfetched */
	/* the module's */
	struct downloads *d;
	STAILQ_ENTRY(download) link;	/* to start, or for a dir sync */
	struct http_request *req;
	struct http_request *ended;	/* the finished transfer, until the
					   lane has written every piece */
	char		*part;		/* DIR/NAME.part */
	struct xalloc_tmp *tmp;		/* the .part, for xalloc_oom */
	struct piecefile pf;		/* the .part, written by a lane */
	int		 hold;		/* the .part's lock (publish_open) */
};

struct download_opts {
	const char	*dir;
	const char	*prefix;	/* "DIR/" (borrowed) */
	unsigned long	 jobs;		/* transfers, and syncs waiting */
	long long	 max_bytes;	/* 0: no limit */
	int		 no_sha256;
	int		 no_sync;
	/* f ended: f->error NULL (f->path and the rest set) or not */
	void		(*done)(struct download *f);
	/*
	 * f's transfer failed with status http: 0 if the caller will call
	 * downloads_relinked or downloads_fail later, -1 to fail it now
	 * with msg.  May be NULL.
	 */
	int		(*stale)(struct download *f, const char *msg,
			    long http);
};

/* Names claimed go in names (borrowed); o is copied. */
struct downloads *downloads_new(const struct download_opts *o,
		    struct loop *, struct http *, struct nameset *names);
/* After every download is done or cancelled. */
void		 downloads_free(struct downloads *);

/* f zeroed, then url copied; arg is the caller's. */
void		 download_init(struct download *f, const char *url, void *arg);
/* Free what f holds (not f). */
void		 download_release(struct download *f);

/* f (named) waits for its turn. */
void		 downloads_queue(struct downloads *, struct download *f);
/* Start queued files while there is room and *stop is 0. */
void		 downloads_start(struct downloads *, const int *stop);
/* f failed before or instead of its transfer: f->error is msg; done. */
void		 downloads_fail(struct downloads *, struct download *f,
		    const char *msg, int retryable, long http);
/* The stale link of f has a fresh one: fetched again (queued). */
void		 downloads_relinked(struct downloads *, struct download *f,
		    const char *fresh);

/* Hand on what the threads finished (calls done); after each turn. */
void		 downloads_drain(struct downloads *);
/* Wait for one thing of the threads: 1, or 0 when none is pending. */
int		 downloads_wait(struct downloads *);
/* A stop: nothing more starts; f's transfer (if any) cancelled. */
void		 downloads_unqueue_all(struct downloads *);
void		 downloads_cancel(struct downloads *, struct download *f);

/* Files downloaded, found already there, and transfers running. */
unsigned long	 downloads_fetched(const struct downloads *);
unsigned long	 downloads_found(const struct downloads *);
size_t		 downloads_running(const struct downloads *);

#endif
