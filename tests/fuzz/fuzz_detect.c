/*
 * libFuzzer target: what reads the first line of an input to choose its
 * format (-f auto: JSON-lines, CSV with the prompt column, a header that
 * lacks it, or lines), the column a --template names first, and the
 * option values people type: durations (500ms, 3s, 30m) and sizes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "detect.h"
#include "opt.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv	*probe = csv_new();
	char		*text, *refusal, col[64];
	long long	 ms;
	uint64_t	 bytes;

	if (detect_first((const char *)data, size, "prompt", probe) ==
	    DETECT_HEADER) {
		refusal = detect_refusal(probe, "prompt");
		free(refusal);
	}
	csv_free(probe);
	/* the option parsers take C strings */
	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	(void)parse_duration_ms(text, &ms);
	(void)parse_size(text, &bytes);
	/* with --template, the column the first {field} names */
	(void)detect_column(NULL, text, col, sizeof(col));
	free(text);
	return 0;
}
