/*
 * libFuzzer target: the config file reader.  Whatever the bytes, it
 * either refuses them with a message or every lookup it offers works.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "conffile.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"api-key-file", "auth", "base-url", "metrics-dir", "mode",
		"settle"
	};
	static const char *const profiles[] = { NULL, "comet", "a", "p" };
	struct conffile	*cf;
	char		 err[256];
	size_t		 i, j;
	long		 line;

	(void)setenv("HOME", "/home/fuzz", 0);
	cf = conffile_parse("/etc/mjpipe/config", (const char *)data, size,
	    err, sizeof(err));
	if (cf == NULL)
		return 0;
	for (i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++) {
		if (profiles[i] != NULL)
			(void)conffile_has_profile(cf, profiles[i]);
		for (j = 0; j < sizeof(names) / sizeof(names[0]); j++)
			(void)conffile_get(cf, profiles[i], names[j], &line);
	}
	conffile_free(cf);
	return 0;
}
