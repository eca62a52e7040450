/*
 * http_classify: which failures may be sent again (design.md "Never pay
 * twice").  One row per case: libcurl's result, HTTP status, bytes sent.
 */
#include <curl/curl.h>

#include "http.h"
#include "tap.h"

static const struct {
	CURLcode		 rc;
	long			 status;
	int			 sent;
	enum retry_verdict	 want;
	const char		*why;
} cases[] = {
	{ CURLE_OK, 200, 1, RETRY_NONE, "200 is success" },
	{ CURLE_OK, 201, 1, RETRY_NONE, "201 is success" },
	{ CURLE_OK, 429, 1, RETRY_SAFE, "429 is a refusal" },
	{ CURLE_OK, 500, 1, RETRY_AMBIGUOUS, "500 may have created it" },
	{ CURLE_OK, 502, 1, RETRY_AMBIGUOUS, "502 from a gateway" },
	{ CURLE_OK, 503, 1, RETRY_AMBIGUOUS, "503 from a gateway" },
	{ CURLE_OK, 504, 1, RETRY_AMBIGUOUS, "504 gateway timeout" },
	{ CURLE_OK, 408, 1, RETRY_AMBIGUOUS, "408 after the body" },
	{ CURLE_OK, 400, 1, RETRY_NO, "400 will not change" },
	{ CURLE_OK, 401, 1, RETRY_NO, "401 bad key" },
	{ CURLE_OK, 403, 1, RETRY_NO, "403 forbidden" },
	{ CURLE_OK, 404, 1, RETRY_NO, "404 not found" },
	{ CURLE_OK, 405, 1, RETRY_NO, "405 method not allowed" },
	{ CURLE_OK, 302, 1, RETRY_NO, "unfollowed redirect" },
	{ CURLE_OK, 101, 1, RETRY_NO, "1xx is no final answer" },
	{ CURLE_COULDNT_CONNECT, 0, 0, RETRY_SAFE, "connection refused" },
	{ CURLE_COULDNT_RESOLVE_HOST, 0, 0, RETRY_SAFE, "DNS failure" },
	{ CURLE_SSL_CONNECT_ERROR, 0, 0, RETRY_SAFE, "TLS handshake failed" },
	{ CURLE_OPERATION_TIMEDOUT, 0, 0, RETRY_SAFE, "connect timeout" },
	{ CURLE_OPERATION_TIMEDOUT, 0, 1, RETRY_AMBIGUOUS, "reply timeout" },
	{ CURLE_SEND_ERROR, 0, 0, RETRY_SAFE, "send failed before a byte" },
	{ CURLE_SEND_ERROR, 0, 1, RETRY_AMBIGUOUS, "send failed midway" },
	{ CURLE_RECV_ERROR, 0, 1, RETRY_AMBIGUOUS, "reset after sending" },
	{ CURLE_GOT_NOTHING, 0, 1, RETRY_AMBIGUOUS, "empty reply" },
	{ CURLE_PARTIAL_FILE, 200, 1, RETRY_AMBIGUOUS, "truncated reply" },
	{ CURLE_HTTP2_STREAM, 0, 1, RETRY_AMBIGUOUS, "stream reset" },
	{ CURLE_WEIRD_SERVER_REPLY, 0, 1, RETRY_AMBIGUOUS, "garbage reply" },
	{ CURLE_UNSUPPORTED_PROTOCOL, 0, 0, RETRY_NO, "file:// refused" },
	{ CURLE_URL_MALFORMAT, 0, 0, RETRY_NO, "bad URL" },
	{ CURLE_PEER_FAILED_VERIFICATION, 0, 0, RETRY_SAFE,
	    "untrusted certificate or wrong host name: before sending" },
	{ CURLE_SSL_CACERT_BADFILE, 0, 0, RETRY_SAFE, "no CA file: before sending" },
	{ CURLE_SSL_CERTPROBLEM, 0, 0, RETRY_SAFE, "client cert problem" },
	{ CURLE_SSL_ISSUER_ERROR, 0, 0, RETRY_SAFE, "issuer check failed" },
	{ CURLE_SSL_PINNEDPUBKEYNOTMATCH, 0, 0, RETRY_SAFE, "pinned key" },
	{ CURLE_OK, 407, 1, RETRY_SAFE, "a proxy's 407: not passed on" },
	{ CURLE_RECV_ERROR, 0, 0, RETRY_SAFE,
	    "CONNECT refused by the proxy (sent cleared)" },
	{ CURLE_WRITE_ERROR, 200, 1, RETRY_NO, "we stopped it" },
	{ CURLE_FILESIZE_EXCEEDED, 200, 1, RETRY_NO, "too large" },
	{ CURLE_TOO_MANY_REDIRECTS, 0, 1, RETRY_NO, "redirect loop" },
};

/* http_created_nothing: which failures of a submission cost nothing. */
static void
created_nothing(void)
{
	static const struct {
		enum retry_verdict	 verdict;
		long			 status;
		int			 sent, want;
		const char		*why;
	} c[] = {
		{ RETRY_SAFE, 429, 1, 1, "a refusal safe to resend" },
		{ RETRY_SAFE, 0, 0, 1, "not connected" },
		{ RETRY_NO, 0, 0, 1, "a failure before sending" },
		{ RETRY_NO, 400, 1, 1, "a 400 that will not change" },
		{ RETRY_NO, 499, 1, 1, "any 4xx" },
		{ RETRY_NO, 302, 1, 0, "an unfollowed redirect after sending" },
		{ RETRY_NO, 200, 1, 0, "a reply we stopped reading" },
		{ RETRY_NO, 500, 1, 0, "a 500 too big to read may have" },
		{ RETRY_AMBIGUOUS, 500, 1, 0, "a 500 may have created it" },
		{ RETRY_AMBIGUOUS, 0, 1, 0, "a reply timeout may have" },
	};
	struct http_request	r;
	size_t			i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		memset(&r, 0, sizeof(r));
		r.verdict = c[i].verdict;
		r.status = c[i].status;
		r.sent = c[i].sent;
		TAP_INT(http_created_nothing(&r), c[i].want,
		    "created nothing: %s", c[i].why);
	}
}

/* A verdict named, for the TAP lines. */
static const char *
verdict_name(enum retry_verdict v)
{
	switch (v) {
	case RETRY_NONE:
		return "none";
	case RETRY_SAFE:
		return "safe";
	case RETRY_AMBIGUOUS:
		return "ambiguous";
	default:
		return "no";
	}
}

int
main(void)
{
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		TAP_STR(verdict_name(http_classify(cases[i].rc,
		    cases[i].status, cases[i].sent)),
		    verdict_name(cases[i].want), "%s (curl %d, HTTP %ld, "
		    "sent %d)", cases[i].why, (int)cases[i].rc, cases[i].status,
		    cases[i].sent);
	/* refusals that a retry within the run would only meet again */
	TAP_OK(http_refusal_lasts(CURLE_PEER_FAILED_VERIFICATION, 0, 0),
	    "an untrusted certificate is not retried in the run");
	TAP_OK(http_refusal_lasts(CURLE_SSL_CACERT_BADFILE, 0, 0),
	    "a missing CA file is not retried in the run");
	TAP_OK(http_refusal_lasts(CURLE_RECV_ERROR, 0, 407),
	    "a proxy's 407 to CONNECT is not retried in the run");
	TAP_OK(http_refusal_lasts(CURLE_OK, 407, 0),
	    "a proxy's 407 is not retried in the run");
	TAP_OK(!http_refusal_lasts(CURLE_RECV_ERROR, 0, 502),
	    "a proxy's 502 to CONNECT is retried");
	TAP_OK(!http_refusal_lasts(CURLE_SSL_CONNECT_ERROR, 0, 0),
	    "a handshake cut short is retried");
	TAP_OK(!http_refusal_lasts(CURLE_COULDNT_CONNECT, 0, 0),
	    "a refused connection is retried");
	TAP_OK(http_trust_failure(CURLE_PEER_FAILED_VERIFICATION),
	    "a certificate failure is a trust failure");
	TAP_OK(!http_trust_failure(CURLE_OK), "success is not");
	created_nothing();
	return tap_done();
}
