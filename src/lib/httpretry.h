/*
 * Whether a failed request may be sent again: a pure function of
 * libcurl's result, the HTTP status and whether the request left
 * (tests/unit/test_retry.c walks its table).
 */
#ifndef MJ_HTTPRETRY_H
#define MJ_HTTPRETRY_H

#include <curl/curl.h>

/* May a failed request be sent again?  (design.md, api.md section 8) */
enum retry_verdict {
	RETRY_NONE,		/* it succeeded (2xx) */
	/* provably not processed: refused, 429, never sent */
	RETRY_SAFE,
	/* sent, reply lost or 5xx: it may have been processed */
	RETRY_AMBIGUOUS,
	/* a definite answer that another try will not change */
	RETRY_NO
};

/*
 * The one function that decides: from libcurl's result, the HTTP status
 * (0 when none) and whether any byte of the request was sent.
 */
enum retry_verdict http_classify(CURLcode, long status, int sent);
/*
 * A refusal that a retry in this run would meet again: the server's
 * certificate not trusted, a bad CA file, a proxy asking for credentials
 * (status or connect_status 407).  Safe to send after the cause is fixed
 * (the record says retryable), but not retried now.
 */
int		 http_refusal_lasts(CURLcode, long status, long connect_status);
/* The TLS handshake failed on trust (certificate, CA file, pinning). */
int		 http_trust_failure(CURLcode);

#endif
