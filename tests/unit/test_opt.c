/*
 * Option value parsers: durations and sizes, valid and invalid.
 */
#include <stdint.h>

#include "opt.h"
#include "tap.h"

static const struct {
	const char	*arg;
	int		 ok;
	long long	 ms;
} durations[] = {
	{ "500ms", 1, 500 }, { "3s", 1, 3000 }, { "3", 1, 3000 },
	{ "2.5s", 1, 2500 }, { "30m", 1, 1800000 }, { "1h", 1, 3600000 },
	{ "1d", 1, 86400000 }, { "0", 1, 0 }, { "0.1", 1, 100 },
	{ "", 0, 0 }, { "s", 0, 0 }, { "-1s", 0, 0 }, { "3x", 0, 0 },
	{ "3 s", 0, 0 }, { "0x10", 0, 0 }, { "nan", 0, 0 }, { "1e300h", 0, 0 },
};

static const struct {
	const char	*arg;
	int		 ok;
	uint64_t	 bytes;
} sizes[] = {
	{ "512", 1, 512 }, { "10k", 1, 10240 }, { "10K", 1, 10240 },
	{ "5M", 1, 5242880 }, { "1G", 1, 1073741824 }, { "1MB", 1, 1048576 },
	{ "1MiB", 1, 1048576 }, { "1.5k", 1, 1536 }, { "0", 1, 0 },
	{ "", 0, 0 }, { "k", 0, 0 }, { "-5", 0, 0 }, { "5Q", 0, 0 },
	{ "5MBx", 0, 0 }, { "0x10", 0, 0 },
};

int
main(void)
{
	long long	ms;
	uint64_t	b;
	size_t		i;
	int		rc;

	for (i = 0; i < sizeof(durations) / sizeof(durations[0]); i++) {
		ms = -1;
		rc = parse_duration_ms(durations[i].arg, &ms);
		TAP_INT(rc == 0, durations[i].ok, "duration '%s' %s",
		    durations[i].arg, durations[i].ok ? "accepted" : "refused");
		if (durations[i].ok)
			TAP_INT(ms, durations[i].ms, "duration '%s' value",
			    durations[i].arg);
	}
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		b = 0;
		rc = parse_size(sizes[i].arg, &b);
		TAP_INT(rc == 0, sizes[i].ok, "size '%s' %s", sizes[i].arg,
		    sizes[i].ok ? "accepted" : "refused");
		if (sizes[i].ok)
			TAP_INT(b, sizes[i].bytes, "size '%s' value",
			    sizes[i].arg);
	}
	return tap_done();
}
