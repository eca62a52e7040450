/*
 * May a failed request be sent again?  The one place that decides, from
 * what libcurl and the server said (design.md, api.md section 8).
 */
#include <curl/curl.h>

#include "httpretry.h"

enum retry_verdict
http_classify(CURLcode rc, long status, int sent)
{
	if (rc == CURLE_OK) {
		if (status >= 200 && status < 300)
			return RETRY_NONE;
		if (status == 429)
			/* a refusal: nothing was done */
			return RETRY_SAFE;
		if (status == 407)
			/* the proxy did not pass it on */
			return RETRY_SAFE;
		if (status == 408 || status >= 500)
			/* a gateway may have passed it on */
			return RETRY_AMBIGUOUS;
		return RETRY_NO;
	}
	if (http_trust_failure(rc))
		return RETRY_SAFE;	/* the handshake failed: nothing left */
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
	case CURLE_SSL_CONNECT_ERROR:
		return RETRY_SAFE;	/* no byte of the request left */
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_WEIRD_SERVER_REPLY:
	case CURLE_HTTP3:
	case CURLE_QUIC_CONNECT_ERROR:
		return sent ? RETRY_AMBIGUOUS : RETRY_SAFE;
	default:
		return RETRY_NO;
	}
}

int
http_trust_failure(CURLcode rc)
{
	switch (rc) {
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_ENGINE_INITFAILED:
	case CURLE_USE_SSL_FAILED:
		return 1;
	default:
		return 0;
	}
}

int
http_refusal_lasts(CURLcode rc, long status, long connect_status)
{
	if (connect_status == 407 || (rc == CURLE_OK && status == 407))
		return 1;	/* the proxy wants credentials we do not have */
	return http_trust_failure(rc);	/* not fixed by waiting */
}
