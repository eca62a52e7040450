/*
 * The error message of a function that fills a caller's buffer: one
 * helper instead of a static copy in each module.
 */
#ifndef MJ_ERRF_H
#define MJ_ERRF_H

#include <stddef.h>

/*
 * Format into err (errlen bytes; a long message is cut short, which is all
 * truncation costs); err may be NULL or errlen 0: nothing is written.
 * Returns -1, so that "return errf(err, errlen, ...)" fails the caller.
 */
int	errf(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
