/*
 * The -vv trace of libcurl: what it says, and the headers both ways, one
 * line each on stderr, escaped; diag keeps the key out of it.
 */
#include "autoconf.h"

#include <stdlib.h>

#include <curl/curl.h>

#include "diag.h"
#include "httptrace.h"
#include "xalloc.h"

int
http_trace(CURL *easy, curl_infotype type, char *data, size_t size, void *arg)
{
	const char	*what;
	char		*text, *safe;
	size_t		 len = size;

	(void)easy;
	(void)arg;
	switch (type) {
	case CURLINFO_TEXT:
		what = "*";
		break;
	case CURLINFO_HEADER_IN:
		what = "<";
		break;
	case CURLINFO_HEADER_OUT:
		what = ">";
		break;
	default:
		return 0;
	}
	while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r'))
		len--;
	text = xstrndup(data, len);
	safe = diag_escape(text);
	diag_info(2, "%s %s", what, safe);	/* diag redacts the key */
	free(safe);
	free(text);
	return 0;
}
