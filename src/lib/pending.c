/*
 * The tasks mj-wait waits for (pending.h): a table by id, and an array
 * of them all for the poll timer's scans.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pending.h"
#include "table.h"
#include "xalloc.h"

struct pending *
pending_new(const char *id, const char *line, size_t len, long lineno)
{
	size_t		 idlen = strlen(id);
	struct pending	*p;

	p = xcalloc(1, sizeof(*p) + idlen + len + 2);
	memcpy(p->text, id, idlen);
	memcpy(p->text + idlen + 1, line, len);
	p->line = lineno;
	p->progress = -1;
	SLIST_INIT(&p->dups);
	return p;
}

const char *
pending_id(const struct pending *p)
{
	return p->text;
}

const char *
pending_line(const struct pending *p)
{
	return p->text + strlen(p->text) + 1;
}

uint8_t
pending_status_class(const char *s)
{
	if (*s == '\0')
		return ST_UNKNOWN;
	if (strcasecmp(s, "NOT_START") == 0 || strcasecmp(s, "SUBMITTED") == 0)
		return ST_QUEUED;
	if (strcasecmp(s, "IN_PROGRESS") == 0)
		return ST_RUNNING;
	return ST_OTHER;
}

void
pendings_init(struct pendings *set)
{
	memset(set, 0, sizeof(*set));
	set->byid = table_new();
}

void
pendings_free(struct pendings *set)
{
	table_free(set->byid);
	free(set->all);
}

int
pendings_add(struct pendings *set, struct pending *p)
{
	struct pending	*first, *last;

	if ((first = table_get(set->byid, pending_id(p))) != NULL) {
		/* the same task twice: one poll, two records, in order */
		if (SLIST_EMPTY(&first->dups)) {
			SLIST_INSERT_HEAD(&first->dups, p, dup);
			return 0;
		}
		SLIST_FOREACH(last, &first->dups, dup)
			if (SLIST_NEXT(last, dup) == NULL)
				break;
		SLIST_INSERT_AFTER(last, p, dup);
		return 0;
	}
	(void)table_put(set->byid, pending_id(p), p);
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 64;
		set->all = xreallocarray(set->all, set->cap, sizeof(*set->all));
	}
	p->slot = set->n;
	set->all[set->n++] = p;
	return 1;
}

struct pending *
pendings_get(const struct pendings *set, const char *id)
{
	return table_get(set->byid, id);
}

void
pendings_remove(struct pendings *set, struct pending *p)
{
	struct pending	*last = set->all[--set->n];

	(void)table_del(set->byid, pending_id(p));
	set->all[p->slot] = last;
	last->slot = p->slot;
}

void
pending_order_push(struct pending_order *o, struct pending *p)
{
	if (o->head > 0 && o->tail == o->cap) {
		memmove(o->q, o->q + o->head, (o->tail - o->head) *
		    sizeof(*o->q));
		o->tail -= o->head;
		o->head = 0;
	}
	if (o->tail == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->q = xreallocarray(o->q, o->cap, sizeof(*o->q));
	}
	o->q[o->tail++] = p;
}

void
pending_order_flush(struct pending_order *o,
    void (*out)(const char *text, size_t len))
{
	struct pending	*p;

	while (o->head < o->tail && (p = o->q[o->head])->done) {
		out(p->out, strlen(p->out));
		free(p->out);
		free(p);
		o->head++;
	}
	if (o->head == o->tail)
		o->head = o->tail = 0;
}

int
pending_order_empty(const struct pending_order *o)
{
	return o->head == o->tail;
}

void
pending_order_free(struct pending_order *o)
{
	free(o->q);
}
