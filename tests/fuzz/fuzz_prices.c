/*
 * libFuzzer target: the price table and the decimals in it.  A table
 * either parses or says which line is wrong; every price read is printed
 * and read back to the same number of millionths.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "prices.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
round_trip(int64_t m)
{
	char	text[PRICE_TEXT_MAX];
	int64_t	again;

	price_format(m, text, sizeof(text));
	if (price_parse(text, strlen(text), &again) != 0 || again != m)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char	*const modes[] = { "fast", "relax", "turbo",
				    NULL };
	struct prices		*p;
	char			 err[256];
	int64_t			 m;
	size_t			 k, i;

	if (price_parse((const char *)data, size, &m) == 0) {
		if (m < 0 || m > PRICE_MAX)
			abort();
		round_trip(m);
	}
	err[0] = '\0';
	p = prices_parse((const char *)data, size, "f", err, sizeof(err));
	if (p == NULL) {
		if (strncmp(err, "f:", 2) != 0)
			abort();	/* the message names the line */
		return 0;
	}
	for (k = 0; prices_kinds[k] != NULL; k++)
		for (i = 0; i < 4; i++)
			if (prices_lookup(p, prices_kinds[k], modes[i],
			    &m) == 0)
				round_trip(m);
	prices_free(p);
	return 0;
}
