/*
 * The HTTP engine: requests on the loop's multi handle; retries as timers;
 * a pacing rate limit per class; redirects followed by hand so that the
 * key goes to the API host only.  Whether a failure may be retried is
 * decided in one place, http_classify().
 */
#include "autoconf.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <curl/curl.h>

#include "backoff.h"
#include "buf.h"
#include "config.h"
#include "diag.h"
#include "http.h"
#include "httptrace.h"
#include "loop.h"
#include "xalloc.h"

#define HTTP_REDIRECTS_MAX	5
#define HTTP_REPLY_MAX		(16LL * 1024 * 1024)
#define HTTP_CONNECT_TIMEOUT_MS	10000L
#define HTTP_LOW_SPEED_TIME_S	30L
#define HTTP_RETRY_AFTER_MAX_MS	(10LL * 60 * 1000)

enum { REQ_IDLE, REQ_WAITING, REQ_QUEUED, REQ_RUNNING };

struct http_pace {
	double			 interval_ms;	/* 0: no limit */
	double			 next_start;	/* loop_now() clock */
	struct http_request	*head, *tail;
	struct timer		*timer;
};

struct http {
	struct loop		*loop;
	const struct config	*cfg;
	char			*auth_header;
	struct http_pace	 pace[HTTP_NCLASS];
	long long		 received;	/* reply body bytes, in all */
	long long		 backoff_base;
	long long		 backoff_max;
	/* MJ_REQUEST_TIMEOUT_MS, 0: defaults */
	long			 timeout_ms;
	/* TLS sessions and DNS, for all */
	CURLSH			*share;
	/* from the environment, or NULL */
	const char		*ca_file;
	const char		*ca_dir;
	/* where ca_file came from, for people */
	const char		*ca_from;
};

static const struct {
	int	 attempts;
	long	 timeout_ms;	/* whole attempt; 0: only the low-speed limit */
} class_defaults[HTTP_NCLASS] = {
	[HTTP_SUBMIT] = { 8, 120000 },
	[HTTP_POLL] = { 10, 30000 },
	[HTTP_DOWNLOAD] = { 6, 0 },
};

static void	send_now(struct http_request *);
static void	pace_enqueue(struct http_request *);
static void	finish(struct http_request *);

static long long
env_ms(const char *name, long long dflt)
{
	const char	*s = getenv(name);
	char		*end;
	long long	 v;

	if (s == NULL || *s == '\0')
		return dflt;
	v = strtoll(s, &end, 10);
	return *end == '\0' && v >= 0 ? v : dflt;
}

/* The first non-empty one of the variables, or NULL. */
static const char *
env_path(const char *first, const char *second)
{
	const char	*s;

	if ((s = getenv(first)) != NULL && *s != '\0')
		return s;
	if (second != NULL && (s = getenv(second)) != NULL && *s != '\0')
		return s;
	return NULL;
}

/*
 * One cache of TLS sessions (and of DNS answers) for every handle: a
 * submission's fresh connection then resumes a session instead of a full
 * handshake.  Resuming sends no request data twice: the request goes out
 * only after the handshake, resumed or not.
 */
static CURLSH *
share_new(void)
{
	CURLSH	*sh;

#ifdef MJ_NO_TLS_SESSION_SHARE	/* to measure what the cache saves */
	return NULL;
#endif
	if ((sh = curl_share_init()) == NULL)
		diag_fatal(1, "libcurl: cannot create a share handle");
	if (curl_share_setopt(sh, CURLSHOPT_SHARE,
	    CURL_LOCK_DATA_SSL_SESSION) != CURLSHE_OK ||
	    curl_share_setopt(sh, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS) !=
	    CURLSHE_OK)
		diag_fatal(1, "libcurl: cannot share TLS sessions");
	return sh;
}

static void	transfer_done(void *, CURL *, CURLcode);

struct http *
http_new(struct loop *l, const struct config *cfg)
{
	struct http	*h;

	h = xcalloc(1, sizeof(*h));
	h->loop = l;
	h->cfg = cfg;
	h->auth_header = config_auth_header(cfg);
	h->backoff_base = env_ms("MJ_RETRY_BASE_MS", 1000);
	h->backoff_max = 60000;
	h->timeout_ms = (long)env_ms("MJ_REQUEST_TIMEOUT_MS", 0);
	/*
	 * The trust store as curl(1) finds it (libcurl itself reads none of
	 * these): CURL_CA_BUNDLE, then SSL_CERT_FILE (and SSL_CERT_DIR), then
	 * the system's.
	 */
	h->ca_file = env_path("CURL_CA_BUNDLE", "SSL_CERT_FILE");
	h->ca_dir = env_path("SSL_CERT_DIR", NULL);
	h->ca_from = h->ca_file == NULL ? "the system's CAs; set "
	    "CURL_CA_BUNDLE to trust others" : env_path("CURL_CA_BUNDLE",
	    NULL) != NULL ? "CURL_CA_BUNDLE" : "SSL_CERT_FILE";
	h->share = share_new();
	loop_on_transfer_done(l, transfer_done, h);
	return h;
}

void
http_free(struct http *h)
{
	int	c;

	if (h == NULL)
		return;
	for (c = 0; c < HTTP_NCLASS; c++)
		loop_timer_cancel(h->loop, h->pace[c].timer);
	/* NULL (MJ_NO_TLS_SESSION_SHARE) is refused harmlessly */
	(void)curl_share_cleanup(h->share);
	free(h->auth_header);
	free(h);
}

struct http_request *
http_request_new(enum http_class klass, char *url, char *body)
{
	struct http_request	*r;

	r = xcalloc(1, sizeof(*r));
	r->klass = klass;
	r->url = url;
	r->body = body;
	r->content_length = -1;
	r->retry_after_ms = -1;
	return r;
}

void
http_request_free(struct http_request *r)
{
	if (r == NULL)
		return;
	if (r->state != REQ_IDLE)
		http_cancel(r);
	free(r->url);
	free(r->body);
	buf_free(&r->reply);
	free(r->content_type);
	free(r->final_url);
	free(r);
}

void
http_set_rate(struct http *h, enum http_class c, double per_second)
{
	/* a hair over the interval keeps any 1-second window within R */
	h->pace[c].interval_ms = per_second > 0 ?
	    1000.0 / per_second * 1.01 : 0;
}

long long
http_received(const struct http *h)
{
	return h->received;
}

/* The most of a reply r takes: 0 for no limit. */
static long long
reply_max(const struct http_request *r)
{
	return r->max_bytes > 0 ? r->max_bytes :
	    (r->on_data != NULL ? 0 : HTTP_REPLY_MAX);
}

static size_t
on_write(char *p, size_t size, size_t n, void *arg)
{
	struct http_request	*r = arg;
	size_t			 len = size * n;
	long long		 max = reply_max(r);

	if (max > 0 && r->bytes + (long long)len > max) {
		r->too_big = 1;
		return CURL_WRITEFUNC_ERROR;
	}
	r->bytes += (long long)len;
	r->http->received += (long long)len;
	if (r->on_data != NULL)
		return r->on_data(r, p, len) == 0 ? len : CURL_WRITEFUNC_ERROR;
	buf_append(&r->reply, p, len);
	return len;
}

static int
wants_auth(struct http_request *r)
{
	const struct config	*cfg = r->http->cfg;

	return r->auth && r->http->auth_header != NULL &&
	    config_is_api_host(cfg, r->url);
}

/* libcurl's copy of a header line: out of memory if it cannot make one */
static struct curl_slist *
header_add(struct curl_slist *h, const char *line)
{
	struct curl_slist	*t;

	/* a request without its Content-Type or key is not one to send */
	if ((t = curl_slist_append(h, line)) == NULL)
		xalloc_oom();
	return t;
}

static void
set_headers(struct http_request *r)
{
	struct curl_slist	*h = NULL;

	curl_slist_free_all(r->headers);
	if (r->body != NULL) {
		h = header_add(h, "Content-Type: application/json");
		/* big base64 bodies must not wait for a 100-continue */
		h = header_add(h, "Expect:");
	}
	if (r->klass != HTTP_DOWNLOAD)
		h = header_add(h, "Accept: application/json");
	if (wants_auth(r))
		h = header_add(h, r->http->auth_header);
	r->headers = h;
}

static long
attempt_timeout(struct http_request *r)
{
	if (r->timeout_ms > 0)
		return r->timeout_ms;
	if (r->http->timeout_ms > 0 && r->klass != HTTP_DOWNLOAD)
		return r->http->timeout_ms;
	return class_defaults[r->klass].timeout_ms;
}

/* Why libcurl would not take the request (out of memory, or older than
 * an option: 7.85 added CURLOPT_PROTOCOLS_STR), in r->errbuf: -1. */
static int
refused_by_libcurl(struct http_request *r, CURLcode rc, const char *what,
    const char *why)
{
	r->curl_result = rc;
	(void)snprintf(r->errbuf, sizeof(r->errbuf), "libcurl: %s: %s", what,
	    why != NULL ? why : curl_easy_strerror(rc));
	return -1;
}

#define SETOPT(e, o, v) do {						\
	CURLcode	rc_;						\
									\
	if ((rc_ = curl_easy_setopt((e), (o), (v))) != CURLE_OK)	\
		return refused_by_libcurl(r, rc_, "cannot set " #o, NULL); \
} while (0)

static int
easy_setup(struct http_request *r, CURL *e)
{
	SETOPT(e, CURLOPT_URL, r->url);
	SETOPT(e, CURLOPT_PRIVATE, r);
	SETOPT(e, CURLOPT_ERRORBUFFER, r->errbuf);
	SETOPT(e, CURLOPT_NOSIGNAL, 1L);
	SETOPT(e, CURLOPT_PROTOCOLS_STR, "http,https");
	SETOPT(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	SETOPT(e, CURLOPT_FOLLOWLOCATION, 0L);
	SETOPT(e, CURLOPT_USERAGENT, PACKAGE_NAME "/" PACKAGE_VERSION);
	SETOPT(e, CURLOPT_CONNECTTIMEOUT_MS, HTTP_CONNECT_TIMEOUT_MS);
	SETOPT(e, CURLOPT_TIMEOUT_MS, attempt_timeout(r));
	SETOPT(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	SETOPT(e, CURLOPT_LOW_SPEED_TIME, HTTP_LOW_SPEED_TIME_S);
	SETOPT(e, CURLOPT_WRITEFUNCTION, on_write);
	SETOPT(e, CURLOPT_WRITEDATA, r);
	SETOPT(e, CURLOPT_HTTPHEADER, r->headers);
	SETOPT(e, CURLOPT_SHARE, r->http->share);	/* NULL: none */
	/* and for an https:// proxy, as curl(1) does */
	if (r->http->ca_file != NULL) {
		SETOPT(e, CURLOPT_CAINFO, r->http->ca_file);
		SETOPT(e, CURLOPT_PROXY_CAINFO, r->http->ca_file);
	}
	if (r->http->ca_dir != NULL) {
		SETOPT(e, CURLOPT_CAPATH, r->http->ca_dir);
		SETOPT(e, CURLOPT_PROXY_CAPATH, r->http->ca_dir);
	}
	if (r->klass != HTTP_DOWNLOAD)
		SETOPT(e, CURLOPT_ACCEPT_ENCODING, "");
	else {
		/* images are megabytes: 16 KiB reads cost a turn of the loop
		 * and a write(2) each */
		SETOPT(e, CURLOPT_BUFFERSIZE, 256L * 1024);
		/*
		 * Files, one per connection at a time: over HTTPS, -j
		 * streams multiplexed on one HTTP/2 connection cost more CPU
		 * and time than as many HTTP/1.1 connections (bench/README.md)
		 */
		SETOPT(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
	}
	if (r->body != NULL) {
		SETOPT(e, CURLOPT_POSTFIELDS, r->body);
		SETOPT(e, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)strlen(r->body));
	}
	if (r->klass == HTTP_SUBMIT) {
		/*
		 * libcurl re-sends a request whose reused connection died
		 * before the reply; for a paid POST that is a second task.
		 */
		SETOPT(e, CURLOPT_FRESH_CONNECT, 1L);
		SETOPT(e, CURLOPT_FORBID_REUSE, 1L);
		/*
		 * One request per connection gains nothing from HTTP/2, and
		 * over h2 libcurl 7.88 resumed no TLS session (the server
		 * made a full handshake each time): HTTP/1.1 resumes one.
		 */
		SETOPT(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
	}
	/* a declared length over it is refused before a byte is kept */
	if (reply_max(r) > 0)
		SETOPT(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)reply_max(r));
	if (diag_verbosity() >= 2) {
		SETOPT(e, CURLOPT_DEBUGFUNCTION, http_trace);
		SETOPT(e, CURLOPT_VERBOSE, 1L);
	}
	return 0;
}

/* A handle for r, on the loop's multi handle: 0, or -1 (r->errbuf). */
static int
easy_new(struct http_request *r)
{
	CURLMcode	mc;
	int		rc;

	if ((r->easy = curl_easy_init()) == NULL)
		return refused_by_libcurl(r, CURLE_OUT_OF_MEMORY,
		    "cannot create a handle", NULL);
	if ((rc = easy_setup(r, r->easy)) == 0 && (mc = curl_multi_add_handle(
	    loop_multi(r->http->loop), r->easy)) != CURLM_OK)
		rc = refused_by_libcurl(r, CURLE_FAILED_INIT,
		    "cannot start a transfer", curl_multi_strerror(mc));
	if (rc == -1) {
		curl_easy_cleanup(r->easy);
		r->easy = NULL;
	}
	return rc;
}

static void
attempt_reset(struct http_request *r)
{
	buf_reset(&r->reply);
	r->bytes = 0;
	r->too_big = 0;
	r->status = 0;
	r->sent = 0;
	r->errbuf[0] = '\0';
	r->error[0] = '\0';
	r->content_length = -1;
	r->retry_after_ms = -1;
	free(r->content_type);
	r->content_type = NULL;
	if (r->attempts > 0 && r->on_attempt != NULL)
		r->on_attempt(r);
}

static void
unsent_fire(void *arg)
{
	struct http_request	*r = arg;

	r->timer = NULL;
	r->verdict = RETRY_SAFE;
	finish(r);
}

static void
send_now(struct http_request *r)
{
	attempt_reset(r);
	set_headers(r);
	r->attempts++;
	r->started = loop_now();
	if (easy_new(r) == 0) {
		r->state = REQ_RUNNING;
		return;
	}
	/* libcurl would not take it: nothing left, so nothing was made; not
	 * again in this run (the same libcurl); on_done in the next turn */
	curl_slist_free_all(r->headers);
	r->headers = NULL;
	r->state = REQ_WAITING;
	r->timer = loop_timer_at(r->http->loop, loop_now(), unsent_fire, r);
}

/* The next start is one interval after this one, never in a burst. */
static void
pace_advance(struct http_pace *p, long long now)
{
	if (p->next_start < (double)now)
		p->next_start = (double)now;
	p->next_start += p->interval_ms;
}

static void
pace_fire(void *arg)
{
	struct http_pace	*p = arg;
	struct http_request	*r;

	p->timer = NULL;
	if ((r = p->head) == NULL)
		return;
	p->head = r->qnext;
	if (p->head == NULL)
		p->tail = NULL;
	r->qnext = NULL;
	pace_advance(p, loop_now());
	send_now(r);
	if (p->head != NULL)
		p->timer = loop_timer_at(r->http->loop,
		    (long long)(p->next_start + 0.999), pace_fire, p);
}

/* Start now if the class's pace allows, else wait in its queue. */
static void
pace_enqueue(struct http_request *r)
{
	struct http		*h = r->http;
	struct http_pace	*p = &h->pace[r->klass];
	long long		 now = loop_now();

	if (p->interval_ms <= 0) {
		send_now(r);
		return;
	}
	if (p->head == NULL && now >= p->next_start) {
		pace_advance(p, now);
		send_now(r);
		return;
	}
	r->state = REQ_QUEUED;
	r->qnext = NULL;
	if (p->tail != NULL)
		p->tail->qnext = r;
	else
		p->head = r;
	p->tail = r;
	if (p->timer == NULL)
		p->timer = loop_timer_at(h->loop,
		    (long long)(p->next_start + 0.999), pace_fire, p);
}

static void
wait_fire(void *arg)
{
	struct http_request	*r = arg;

	r->timer = NULL;
	pace_enqueue(r);
}

static void
schedule(struct http_request *r, long long delay_ms)
{
	if (delay_ms <= 0) {
		pace_enqueue(r);
		return;
	}
	r->state = REQ_WAITING;
	r->timer = loop_timer_at(r->http->loop, loop_now() + delay_ms,
	    wait_fire, r);
}

void
http_start(struct http *h, struct http_request *r)
{
	r->http = h;
	r->attempts = 0;
	r->redirects = 0;
	schedule(r, 0);
}

void
http_retry(struct http_request *r, long long delay_ms)
{
	schedule(r, delay_ms);
}

static void
pace_remove(struct http_request *r)
{
	struct http_pace	*p = &r->http->pace[r->klass];
	struct http_request	**pp, *prev = NULL;

	/* a queued request is in its class's queue, always */
	for (pp = &p->head; *pp != r; pp = &(*pp)->qnext)
		prev = *pp;
	*pp = r->qnext;
	if (p->tail == r)
		p->tail = prev;
	r->qnext = NULL;
}

/* Only a running request has a handle. */
static void
easy_release(struct http_request *r)
{
	(void)curl_multi_remove_handle(loop_multi(r->http->loop), r->easy);
	curl_easy_cleanup(r->easy);
	r->easy = NULL;
	curl_slist_free_all(r->headers);
	r->headers = NULL;
}

void
http_cancel(struct http_request *r)
{
	switch (r->state) {
	case REQ_WAITING:
		loop_timer_cancel(r->http->loop, r->timer);
		r->timer = NULL;
		break;
	case REQ_QUEUED:
		pace_remove(r);
		break;
	case REQ_RUNNING:
		easy_release(r);
		break;
	default:
		return;
	}
	r->state = REQ_IDLE;
}

long long
http_backoff_base(const struct http *h)
{
	return h->backoff_base;
}

int
http_never_sent(const struct http_request *r)
{
	return r != NULL && r->state != REQ_IDLE && r->attempts == 0;
}

int
http_created_nothing(const struct http_request *r)
{
	return r->verdict == RETRY_SAFE ||
	    (r->verdict == RETRY_NO && !r->sent) ||
	    (r->verdict == RETRY_NO && r->status >= 400 && r->status < 500);
}

long
http_peek_status(struct http_request *r)
{
	long	status = 0;

	if (r->easy == NULL || curl_easy_getinfo(r->easy,
	    CURLINFO_RESPONSE_CODE, &status) != CURLE_OK)
		return 0;
	return status;
}

static void
read_results(struct http_request *r, CURLcode rc)
{
	curl_off_t	 cl = -1, ra = -1;
	long		 reqsize = 0;
	char		*ct = NULL, *url = NULL;

	r->curl_result = rc;
	if (rc == CURLE_FILESIZE_EXCEEDED)
		r->too_big = 1;
	(void)curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &r->status);
	/* not knowing whether it left, it may have: never sent twice */
	r->sent = curl_easy_getinfo(r->easy, CURLINFO_REQUEST_SIZE,
	    &reqsize) != CURLE_OK || reqsize > 0;
	/*
	 * A proxy that refused the tunnel (CONNECT answered 407, 502, 503...)
	 * saw only the CONNECT: the request itself never left, whatever
	 * libcurl counts as sent (it reports CURLE_RECV_ERROR).
	 */
	r->connect_status = 0;
	(void)curl_easy_getinfo(r->easy, CURLINFO_HTTP_CONNECTCODE,
	    &r->connect_status);
	if (r->connect_status >= 300)
		r->sent = 0;
	if (curl_easy_getinfo(r->easy, CURLINFO_CONTENT_TYPE, &ct) ==
	    CURLE_OK && ct != NULL)
		r->content_type = xstrdup(ct);
	if (curl_easy_getinfo(r->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T,
	    &cl) == CURLE_OK)
		r->content_length = cl;
	if (curl_easy_getinfo(r->easy, CURLINFO_RETRY_AFTER, &ra) ==
	    CURLE_OK && ra > 0)
		r->retry_after_ms = ra * 1000 > HTTP_RETRY_AFTER_MAX_MS ?
		    HTTP_RETRY_AFTER_MAX_MS : ra * 1000;
	free(r->final_url);
	r->final_url = NULL;
	if (r->status >= 300 && r->status < 400 &&
	    curl_easy_getinfo(r->easy, CURLINFO_REDIRECT_URL, &url) ==
	    CURLE_OK && url != NULL)
		r->final_url = xstrdup(url);
}

static void
describe_failure(struct http_request *r)
{
	if (r->too_big)
		(void)snprintf(r->error, sizeof(r->error),
		    "reply larger than %lld bytes", reply_max(r));
	else if (r->connect_status >= 300)
		(void)snprintf(r->error, sizeof(r->error), "the proxy refused "
		    "the tunnel (HTTP %ld to CONNECT)%s", r->connect_status,
		    r->connect_status == 407 ? ": it wants credentials (give "
		    "them in the proxy's URL)" : "");
	else if (r->curl_result != CURLE_OK && http_trust_failure(
	    r->curl_result))
		(void)snprintf(r->error, sizeof(r->error), "TLS: %.160s "
		    "(trusting %s)", r->errbuf[0] != '\0' ? r->errbuf :
		    curl_easy_strerror(r->curl_result), r->http->ca_from);
	else if (r->curl_result != CURLE_OK)
		(void)snprintf(r->error, sizeof(r->error), "%s",
		    r->errbuf[0] != '\0' ? r->errbuf :
		    curl_easy_strerror(r->curl_result));
	else if (r->status == 407)
		(void)snprintf(r->error, sizeof(r->error), "HTTP 407: the "
		    "proxy wants credentials (give them in the proxy's URL)");
	else
		(void)snprintf(r->error, sizeof(r->error), "HTTP %ld",
		    r->status);
}

static void
finish(struct http_request *r)
{
	r->state = REQ_IDLE;
	if (r->verdict != RETRY_NONE)
		describe_failure(r);
	r->on_done(r);
}

/* A redirect: only for GETs, only to http(s), the key only to the API host. */
static int
follow_redirect(struct http_request *r)
{
	if (r->final_url == NULL || r->body != NULL)
		return 0;
	if (++r->redirects > HTTP_REDIRECTS_MAX) {
		r->verdict = RETRY_NO;
		return 0;
	}
	if (strncasecmp(r->final_url, "http://", 7) != 0 &&
	    strncasecmp(r->final_url, "https://", 8) != 0) {
		r->verdict = RETRY_NO;
		return 0;
	}
	diag_info(1, "redirected to %s", r->final_url);
	free(r->url);
	r->url = r->final_url;
	r->final_url = NULL;
	r->attempts--;	/* a redirect is not a failed attempt */
	pace_enqueue(r);
	return 1;
}

static int
should_retry(struct http_request *r)
{
	int	max;

	max = r->max_attempts > 0 ? r->max_attempts :
	    class_defaults[r->klass].attempts;
	if (r->attempts >= max)
		return 0;
	/* refused before sending, but the same would happen again now */
	if (http_refusal_lasts(r->curl_result, r->status, r->connect_status))
		return 0;
	return r->verdict == RETRY_SAFE ||
	    (r->verdict == RETRY_AMBIGUOUS && r->retry_ambiguous);
}

/* The loop's completion callback (loop_on_transfer_done). */
static void
transfer_done(void *arg, CURL *easy, CURLcode rc)
{
	struct http_request	*r = NULL;
	long long		 delay;

	(void)arg;	/* the request knows its http */
	/* every handle is given its request (easy_setup) */
	if (curl_easy_getinfo(easy, CURLINFO_PRIVATE, (char **)&r) !=
	    CURLE_OK)
		diag_fatal(1, "libcurl: a transfer lost its request");
	read_results(r, rc);
	easy_release(r);
	r->verdict = r->too_big ? RETRY_NO :
	    http_classify(rc, r->status, r->sent);
	if (rc == CURLE_OK)
		diag_info(1, "%s %s: HTTP %ld (%lld ms)", r->body != NULL ?
		    "POST" : "GET", r->url, r->status, loop_now() - r->started);
	else
		diag_info(1, "%s %s: %s (%lld ms)", r->body != NULL ? "POST" :
		    "GET", r->url, curl_easy_strerror(rc),
		    loop_now() - r->started);
	if (rc == CURLE_OK && r->status >= 300 && r->status < 400 &&
	    follow_redirect(r))
		return;
	if (r->verdict != RETRY_NONE && should_retry(r)) {
		describe_failure(r);
		delay = backoff_full_jitter_ms((unsigned)(r->attempts - 1),
		    (long)r->http->backoff_base, (long)r->http->backoff_max);
		if (r->retry_after_ms > delay)
			delay = r->retry_after_ms;
		diag_info(1, "%s: %s; retrying in %lld ms", r->url, r->error,
		    delay);
		schedule(r, delay);
		return;
	}
	finish(r);
}
