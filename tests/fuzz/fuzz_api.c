/*
 * libFuzzer target: the API reply parsers (envelope, task, task list) and
 * what the programs read from a task: buttons, URLs, progress, status.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "api.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
walk_task(json_object *task)
{
	const char	*urls[16];
	char		*names;

	(void)api_task_id(task);
	(void)api_status_terminal(api_task_status(task));
	(void)api_task_progress(task);
	(void)api_task_urls(task, urls, 16);
	(void)api_find_button(task, "U1");
	(void)api_find_button(task, "Zoom Out 2x");
	(void)api_find_button(task, "reroll");
	names = api_button_names(task);
	free(names);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*body = (const char *)data;
	struct api_reply	 rep;
	json_object		*task, *list;
	char			 err[256];
	int			 notfound;
	size_t			 i;

	if (api_parse_reply(body, size, &rep, err, sizeof(err)) == 0)
		api_reply_free(&rep);
	if ((task = api_parse_task(body, size, &notfound, err,
	    sizeof(err))) != NULL) {
		walk_task(task);
		json_object_put(task);
	}
	if ((list = api_parse_task_list(body, size, err, sizeof(err))) != NULL) {
		for (i = 0; i < json_object_array_length(list); i++)
			walk_task(json_object_array_get_idx(list, i));
		json_object_put(list);
	}
	return 0;
}
