/*
 * Checked parsing of option values.  A bad value is a usage error: the
 * function prints "prog: -j: must be 1 to 1000: 0" and exits 2.
 */
#ifndef MJ_OPT_H
#define MJ_OPT_H

#include <stdint.h>

unsigned long	 opt_uint(const char *name, const char *arg,
		    unsigned long min, unsigned long max);
double		 opt_double(const char *name, const char *arg,
		    double min, double max);
/* "500ms", "3s", "2.5s", "30m", "1h", "1d"; a bare number is seconds. */
long long	 opt_duration_ms(const char *name, const char *arg);
/* "512", "10k", "10K", "5M", "1G" (powers of 1024), "1MB" too. */
uint64_t	 opt_size(const char *name, const char *arg);

/*
 * The usage error for getopt_long's '?' (the caller sets opterr to 0, so
 * that this is the one message): names the option and what was wrong,
 * "prog: unknown option '--foo'" or "prog: option '-j' needs a value".
 */
void		 opt_bad(const char *optstring, char *const *argv)
		    __attribute__((noreturn));

/*
 * The same parsers without exiting: 0 on success, -1 if arg is invalid.
 * Tested alone.
 */
int	 parse_duration_ms(const char *arg, long long *out);
int	 parse_size(const char *arg, uint64_t *out);	/* tested alone */

#endif
