#ifndef MJ_HTTPTRACE_H
#define MJ_HTTPTRACE_H

#include <stddef.h>

#include <curl/curl.h>

/* A CURLOPT_DEBUGFUNCTION: the trace at verbosity 2; always 0. */
int	http_trace(CURL *, curl_infotype, char *, size_t, void *);

#endif
