/*
 * Option values: one checked parser per kind, bounds always given, a bad
 * value a usage error naming the option (style.md "Options and --help").
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "opt.h"

unsigned long
opt_uint(const char *name, const char *arg, unsigned long min,
    unsigned long max)
{
	unsigned long	 v;
	char		*end;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (*arg == '\0' || *arg == '-' || *end != '\0' || errno != 0 ||
	    v < min || v > max)
		diag_usage_error("%s: must be %lu to %lu: %s", name, min, max,
		    arg);
	return v;
}

double
opt_double(const char *name, const char *arg, double min, double max)
{
	double	 v;
	char	*end;

	errno = 0;
	v = strtod(arg, &end);
	if (*arg == '\0' || *end != '\0' || errno != 0 || isnan(v) ||
	    v < min || v > max)
		diag_usage_error("%s: must be a number from %g to %g: %s",
		    name, min, max, arg);
	return v;
}

int
parse_duration_ms(const char *arg, long long *out)
{
	static const struct {
		const char	*suffix;
		double		 ms;
	} units[] = {
		{ "ms", 1 }, { "s", 1000 }, { "", 1000 }, { "m", 60000 },
		{ "h", 3600000 }, { "d", 86400000 }
	};
	double	 v;
	char	*end;
	size_t	 i;

	errno = 0;
	v = strtod(arg, &end);
	if (end == arg || errno != 0 || isnan(v) || v < 0 ||
	    strchr(arg, 'x') != NULL || strchr(arg, 'X') != NULL)
		return -1;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(end, units[i].suffix) != 0)
			continue;
		v *= units[i].ms;
		if (v > 1e15)
			return -1;
		*out = (long long)llround(v);
		return 0;
	}
	return -1;
}

long long
opt_duration_ms(const char *name, const char *arg)
{
	long long	ms;

	if (parse_duration_ms(arg, &ms) == -1)
		diag_usage_error("%s: not a duration (like 500ms, 3s, 30m, "
		    "1h): %s", name, arg);
	return ms;
}

int
parse_size(const char *arg, uint64_t *out)
{
	static const char	 units[] = "KMGT";
	double			 v, mult = 1;
	char			*end;
	const char		*u;

	errno = 0;
	v = strtod(arg, &end);
	if (end == arg || errno != 0 || isnan(v) || v < 0 ||
	    strchr(arg, 'x') != NULL || strchr(arg, 'X') != NULL)
		return -1;
	if (*end != '\0') {
		if ((u = strchr(units, end[0] & ~0x20)) == NULL)
			return -1;
		mult = pow(1024, (double)(u - units + 1));
		end++;
		if (strcasecmp(end, "b") == 0 || strcasecmp(end, "ib") == 0)
			end += strlen(end);
		if (*end != '\0')
			return -1;
	}
	v *= mult;
	if (v >= 18446744073709551615.0)
		return -1;
	*out = (uint64_t)v;
	return 0;
}

uint64_t
opt_size(const char *name, const char *arg)
{
	uint64_t	v;

	if (parse_size(arg, &v) == -1)
		diag_usage_error("%s: not a size (like 512, 10K, 5M, 1G): %s",
		    name, arg);
	return v;
}

void
opt_bad(const char *optstring, char *const *argv)
{
	const char	*arg = argv[optind > 0 ? optind - 1 : 0], *s;
	int		 len;

	s = strchr(arg, '=');
	len = (int)(s != NULL ? (size_t)(s - arg) : strlen(arg));
	if (strncmp(arg, "--", 2) == 0 && arg[2] != '\0') {
		if (optopt == 0)
			diag_usage_error("unknown option '%.*s'", len, arg);
		diag_usage_error("option '%.*s' %s", len, arg, s != NULL ?
		    "takes no value" : "needs a value");
	}
	if (optopt > 0 && optopt != ':' &&
	    (s = strchr(optstring, optopt)) != NULL && s[1] == ':')
		diag_usage_error("option '-%c' needs a value", optopt);
	/*
	 * A short option's byte, even when more of its group follows and
	 * optind still names the one before; diag escapes a control or
	 * non-ASCII byte (glibc gives those negative).
	 */
	if (optopt != 0)
		diag_usage_error("unknown option '-%c'", optopt & 0xff);
	diag_usage_error("unknown option '%.*s'", len, arg);
}
