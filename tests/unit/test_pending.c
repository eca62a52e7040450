/*
 * The tasks mj-wait holds: status classes, records of the same task kept
 * in input order behind the first, removal keeping the scan array whole,
 * and the --keep-order queue writing only a finished head.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pending.h"
#include "tap.h"
#include "xalloc.h"

static const struct {
	const char	*status;
	int		 cls;
} classes[] = {
	{ "", ST_UNKNOWN },
	{ "NOT_START", ST_QUEUED },
	{ "submitted", ST_QUEUED },
	{ "IN_PROGRESS", ST_RUNNING },
	{ "SUCCESS", ST_OTHER },
	{ "MODAL", ST_OTHER },
};

static char	written[256];

static void
out(const char *text, size_t len)
{
	(void)strncat(written, text, len);
	(void)strcat(written, ";");
}

/* A finished record for the order queue. */
static void
finish(struct pending *p, const char *text)
{
	p->out = xstrdup(text);
	p->done = 1;
}

static int	next_out, out_of_order;

static void
out_seq(const char *text, size_t len)
{
	(void)len;
	out_of_order |= atoi(text) != next_out++;
}

/*
 * A long queue: the first ten written while the rest wait, so that the
 * next push finds the array full at its end and room at its start.
 */
static void
long_queue(void)
{
	struct pending_order	 order = { 0 };
	struct pending		*p[80];
	char			 id[16], text[16];
	int			 i;

	for (i = 0; i < 80; i++) {
		snprintf(id, sizeof(id), "%d", i);
		p[i] = pending_new(id, "", 0, i + 1);
	}
	for (i = 0; i < 64; i++)
		pending_order_push(&order, p[i]);
	for (i = 0; i < 10; i++) {
		snprintf(text, sizeof(text), "%d", i);
		finish(p[i], text);
	}
	pending_order_flush(&order, out_seq);
	TAP_INT(next_out, 10, "the ten at the head written");
	for (i = 64; i < 80; i++)
		pending_order_push(&order, p[i]);
	for (i = 79; i >= 10; i--) {
		snprintf(text, sizeof(text), "%d", i);
		finish(p[i], text);
	}
	pending_order_flush(&order, out_seq);
	TAP_INT(next_out, 80, "then all eighty");
	TAP_OK(!out_of_order, "in input order, across the move");
	TAP_OK(pending_order_empty(&order), "the queue is empty");
	pending_order_free(&order);
}

int
main(void)
{
	struct pendings		 set;
	struct pending_order	 order = { 0 };
	struct pending		*a, *b, *a2, *a3, *d;
	size_t			 i;
	char			 seen[64] = "";

	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		TAP_INT(pending_status_class(classes[i].status),
		    classes[i].cls, "class of \"%s\"", classes[i].status);

	a = pending_new("111", "{\"x\":1}", 7, 1);
	TAP_STR(pending_id(a), "111", "the id");
	TAP_STR(pending_line(a), "{\"x\":1}", "the line");
	TAP_INT(a->progress, -1, "progress unknown at first");
	b = pending_new("222", "", 0, 2);
	TAP_STR(pending_line(b), "", "a bare id has an empty line");
	a2 = pending_new("111", "{\"x\":2}", 7, 3);
	a3 = pending_new("111", "{\"x\":3}", 7, 4);

	pendings_init(&set);
	TAP_INT(pendings_add(&set, a), 1, "the first of an id is new");
	TAP_INT(pendings_add(&set, b), 1, "another id is new");
	TAP_INT(pendings_add(&set, a2), 0, "the same task again: a dup");
	TAP_INT(pendings_add(&set, a3), 0, "and again");
	TAP_INT(set.n, 2, "two tasks to poll");
	TAP_OK(pendings_get(&set, "111") == a, "found by id: the first");
	SLIST_FOREACH(d, &a->dups, dup)
		(void)strcat(seen, pending_line(d));
	TAP_STR(seen, "{\"x\":2}{\"x\":3}", "dups in input order");

	pendings_remove(&set, a);
	TAP_INT(set.n, 1, "removed from the scan array");
	TAP_OK(set.all[0] == b && b->slot == 0, "the last moved into its slot");
	TAP_OK(pendings_get(&set, "111") == NULL, "and from the table");
	pendings_remove(&set, b);
	TAP_INT(set.n, 0, "empty");
	pendings_free(&set);

	/* order: a b a2; b ends first, then a, then a2 */
	pending_order_push(&order, a);
	pending_order_push(&order, b);
	pending_order_push(&order, a2);
	finish(b, "B");
	pending_order_flush(&order, out);
	TAP_STR(written, "", "a later record waits for the head");
	finish(a, "A");
	pending_order_flush(&order, out);
	TAP_STR(written, "A;B;", "the head ends: it and the next go");
	TAP_OK(!pending_order_empty(&order), "one still waits");
	finish(a2, "A2");
	pending_order_flush(&order, out);
	TAP_STR(written, "A;B;A2;", "all in input order");
	TAP_OK(pending_order_empty(&order), "the queue is empty");
	pending_order_free(&order);
	free(a3);
	long_queue();
	return tap_done();
}
