/*
 * mj-wait --events FILE: one JSON line appended to FILE (and flushed) on
 * each status or progress change of a task, for people and dashboards
 * to follow a run: {"at", "id", "status", "progress", "failReason"}.
 */
#ifndef MJ_EVENTS_H
#define MJ_EVENTS_H

#include <json-c/json.h>

struct events;

/* Open path for appending: NULL with errno set when it cannot be. */
struct events	*events_open(const char *path);
/* Close: 0, or -1 with errno (the last writes failed). NULL is fine. */
int		 events_close(struct events *);
/*
 * Task id is now status (progress -1: unknown); failReason taken from
 * task.  A failed write is one warning, and the last event written:
 * the run goes on.
 */
void		 events_note(struct events *, const char *id, json_object *task,
		    const char *status, int progress);

#endif
