/* An error message into a caller's buffer (errf.h). */
#include <stdarg.h>
#include <stdio.h>

#include "errf.h"

int
errf(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	ap;

	if (err == NULL || errlen == 0)
		return -1;
	va_start(ap, fmt);
	(void)vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}
