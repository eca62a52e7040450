/*
 * libFuzzer target: the server's task list as reconcile.c reads it, a
 * stream split into elements (arraysplit.c), fed in pieces of every size
 * the input's first byte chooses; each element parsed as a task.
 */
#include <stddef.h>
#include <stdint.h>

#include "api.h"
#include "arraysplit.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
element(const char *text, size_t len, void *arg)
{
	json_object	*task;
	char		 err[256];
	int		 notfound;

	(void)arg;
	if ((task = api_parse_task(text, len, &notfound, err,
	    sizeof(err))) != NULL) {
		(void)api_task_id(task);
		(void)api_task_status(task);
		json_object_put(task);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct array_split	 as;
	size_t			 piece, at, n;

	if (size == 0)
		return 0;
	piece = (size_t)data[0] % 64 + 1;
	data++;
	size--;
	array_split_init(&as, 4096);
	for (at = 0; at < size; at += n) {
		n = size - at < piece ? size - at : piece;
		if (array_split_feed(&as, (const char *)data + at, n, element,
		    NULL) == -1)
			break;
	}
	(void)array_split_finish(&as);
	array_split_free(&as);
	return 0;
}
