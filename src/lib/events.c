/*
 * The --events file of mj-wait (events.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "events.h"
#include "jsonx.h"
#include "record.h"
#include "xalloc.h"

struct events {
	FILE	*f;
	char	*path;
	int	 failed;	/* a write failed: said once, no more tried */
};

struct events *
events_open(const char *path)
{
	struct events	*ev;
	FILE		*f;

	if ((f = fopen(path, "a")) == NULL)
		return NULL;
	ev = xcalloc(1, sizeof(*ev));
	ev->f = f;
	ev->path = xstrdup(path);
	return ev;
}

int
events_close(struct events *ev)
{
	int	rc;

	if (ev == NULL)
		return 0;
	rc = fclose(ev->f) == EOF ? -1 : 0;
	free(ev->path);
	free(ev);
	return rc;
}

void
events_note(struct events *ev, const char *id, json_object *task,
    const char *status, int progress)
{
	json_object	*o;
	char		 now[32];

	if (ev == NULL || ev->failed)
		return;
	o = jx_new_object();
	rfc3339_now(now, sizeof(now));
	json_add_string(o, "at", now);
	json_add_string(o, "id", id);
	json_add_string(o, "status", status);
	if (progress >= 0)
		json_add_int(o, "progress", progress);
	if (json_get_string(task, "failReason") != NULL)
		json_add_string(o, "failReason",
		    json_get_string(task, "failReason"));
	if (fprintf(ev->f, "%s\n", json_line(o, NULL)) < 0 ||
	    fflush(ev->f) == EOF) {
		/* a full disk fails every line: one warning, not thousands */
		diag_warn("%s: %s; no more events written", ev->path,
		    strerror(errno));
		ev->failed = 1;
	}
	json_object_put(o);
}
