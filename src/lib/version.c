/*
 * Versions of mjpipe and of the libcurl, json-c and libarchive it runs
 * with, and of what the program adds (libvips).
 */
#include "autoconf.h"

#include <stdio.h>

#include <archive.h>
#include <curl/curl.h>
#include <json-c/json.h>

#include "version.h"

int
version_print(FILE *out, const char *progname, const char *more)
{
	const curl_version_info_data *cv;

	cv = curl_version_info(CURLVERSION_NOW);
	if (fprintf(out, "%s %s\nlibcurl %s (%s)\njson-c %s\n%s\n", progname,
	    PACKAGE_VERSION, cv->version, cv->ssl_version != NULL ?
	    cv->ssl_version : "no TLS", json_c_version(),
	    archive_version_details()) < 0)
		return -1;
	if (more != NULL && fprintf(out, "%s\n", more) < 0)
		return -1;
	return fflush(out) == 0 ? 0 : -1;
}
