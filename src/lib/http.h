/*
 * The HTTP engine: requests on the loop's multi handle, many in flight,
 * connections reused (HTTP/2 where offered for polls; HTTP/1.1 for
 * downloads, one connection per file in flight) except for submissions,
 * which always go on a fresh connection that is never reused: libcurl
 * re-sends a POST by itself when a reused connection dies before the reply
 * (design.md).  TLS sessions are cached for all requests, so a fresh
 * connection resumes one; the CAs trusted are curl(1)'s: CURL_CA_BUNDLE,
 * SSL_CERT_FILE, the system's.  It retries what is safe to retry
 * (httpretry.h), with exponential backoff and full jitter (backoff.h),
 * honouring Retry-After; it follows redirects itself so that the API key
 * never goes to another host.
 */
#ifndef MJ_HTTP_H
#define MJ_HTTP_H

#include <stddef.h>

#include <curl/curl.h>

#include "buf.h"
#include "config.h"
#include "httpretry.h"
#include "loop.h"

enum http_class {
	HTTP_SUBMIT,	/* POST that may create a paid task: fresh connection */
	HTTP_POLL,	/* task queries: idempotent, reused connections */
	HTTP_DOWNLOAD,	/* image and video files: idempotent, reused */
	HTTP_NCLASS
};

struct http_request {
	/* Set by the caller before http_start. */
	enum http_class	 klass;
	char		*url;		/* owned by the request */
	/* owned; NULL for GET, else POSTed as JSON */
	char		*body;
	/* add the API key (sent only to the API host) */
	int		 auth;
	/* re-send after RETRY_AMBIGUOUS too */
	int		 retry_ambiguous;
	int		 max_attempts;	/* 0: the class default */
	long		 timeout_ms;	/* per attempt; 0: the class default */
	/* reply size limit; 0: 16 MiB in memory, none with on_data */
	long long	 max_bytes;
	/* Streaming: reply bytes go here, not in `reply`; -1 aborts. */
	int		(*on_data)(struct http_request *, const char *, size_t);
	/* Before each attempt (after the first): reset what on_data wrote. */
	void		(*on_attempt)(struct http_request *);
	/* Required.  Once, at the end: success or final failure.  May
	 * http_retry(). */
	void		(*on_done)(struct http_request *);
	void		*arg;

	/* Results, valid in on_done. */
	CURLcode	 curl_result;
	/* HTTP status of the last attempt, 0 if none */
	long		 status;
	/* a proxy's answer to CONNECT, 0 if none */
	long		 connect_status;
	struct buf	 reply;		/* the body, unless on_data */
	char		*content_type;	/* owned, or NULL */
	long long	 content_length; /* announced, -1 if unknown */
	long long	 bytes;		/* body bytes received */
	enum retry_verdict verdict;	/* RETRY_NONE on success */
	int		 attempts;
	/* the last attempt sent request bytes */
	int		 sent;
	long long	 retry_after_ms; /* from the last reply, -1 if none */
	char		*final_url;	/* owned: after redirects */
	char		 error[256];	/* why it failed, for people */

	/* Private to http.c. */
	struct http	*http;
	CURL		*easy;
	struct curl_slist *headers;
	struct timer	*timer;
	char		 errbuf[CURL_ERROR_SIZE];
	int		 redirects;
	int		 state;	/* idle, waiting, queued, running */
	int		 too_big;
	long long	 started;
	struct http_request *qnext;	/* rate-limit queue */
};

struct http;

/* The engine for a loop; cfg (borrowed) gives the key and the API host. */
struct http	*http_new(struct loop *, const struct config *);
void		 http_free(struct http *);

/* A new request (zeroed, content_length -1); free with http_request_free. */
struct http_request *http_request_new(enum http_class, char *url, char *body);
void		 http_request_free(struct http_request *);

/*
 * Start (or queue behind the rate limit) a request.  on_done will run in a
 * later loop_turn.  The request must not be freed before on_done, except
 * after http_cancel.
 */
void		 http_start(struct http *, struct http_request *);
/* From on_done: send it again after delay_ms (counts as an attempt). */
void		 http_retry(struct http_request *, long long delay_ms);
/* Stop it now; on_done is not called. */
void		 http_cancel(struct http_request *);

/* At most per_second requests of the class start per second; 0: no limit. */
void		 http_set_rate(struct http *, enum http_class,
		    double per_second);
/* The retries' backoff base in ms (MJ_RETRY_BASE_MS, else 1000). */
long long	 http_backoff_base(const struct http *);
/* Started but not yet sent at all: waiting for its turn (the rate limit). */
int		 http_never_sent(const struct http_request *);
/*
 * A request that failed surely created nothing: it was refused (a 4xx, or
 * a refusal safe to send again) or never sent.  Otherwise it may have.
 */
int		 http_created_nothing(const struct http_request *);
/* Reply body bytes received since start, by every request (retries too). */
long long	 http_received(const struct http *);

/* The HTTP status seen so far (from on_data), or 0. */
long		 http_peek_status(struct http_request *);

#endif
