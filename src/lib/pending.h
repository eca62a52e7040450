/*
 * The tasks mj-wait waits for (design.md "mj-wait").  Tasks are paid
 * for, so every pending task is held, compactly: its id and its input
 * line as text, not a parsed tree.  Records of the same task share one
 * poll: the first is in the set, the others hang off it (dups).
 */
#ifndef MJ_PENDING_H
#define MJ_PENDING_H

#include <stddef.h>
#include <stdint.h>
#include <sys/queue.h>

struct table;

enum { ST_UNKNOWN, ST_QUEUED, ST_RUNNING, ST_OTHER };

/* One task being waited for.  text holds "id\0line\0" (line may be ""). */
struct pending {
	long long	 due;		/* next poll (loop_now clock) */
	long long	 deadline;	/* --timeout */
	long long	 changed;	/* status or progress last changed */
	uint64_t	 seq;		/* input order, for --keep-order */
	SLIST_HEAD(, pending) dups;	/* other records of the same task */
	SLIST_ENTRY(pending) dup;
	char		*out;		/* --keep-order: the finished line */
	size_t		 slot;		/* index in the set's all */
	long		 line;
	uint8_t		 status;	/* ST_* */
	int8_t		 progress;	/* -1 unknown */
	uint8_t		 misses, notfound;
	uint8_t		 inflight;	/* 1 polled, 2 found in a reply */
	uint8_t		 fetch_alone, done, bare;
	char		 text[];
};

struct pendings {
	struct table	 *byid;		/* id -> first pending of that id */
	struct pending	**all;		/* every first pending, for scans */
	size_t		  n, cap;
};

/* A pending of id and line[len] (copied); the caller frees it. */
struct pending	*pending_new(const char *id, const char *line, size_t len,
		    long lineno);
const char	*pending_id(const struct pending *);
const char	*pending_line(const struct pending *);
/* ST_* of a task status. */
uint8_t		 pending_status_class(const char *status);

void		 pendings_init(struct pendings *);
void		 pendings_free(struct pendings *);	/* not the tasks */
/*
 * Hold p: 1 if it is the first of its id (now in all), 0 if another
 * record of the same task is there (p goes after its dups).
 */
int		 pendings_add(struct pendings *, struct pending *p);
/* The first pending of id, or NULL. */
struct pending	*pendings_get(const struct pendings *, const char *id);
/* Out of the set (p itself, and its dups, stay the caller's). */
void		 pendings_remove(struct pendings *, struct pending *p);

/*
 * --keep-order: records go out in input order.  Each record, once read,
 * joins the queue; a finished one (done, its text in out) waits there
 * until those before it are finished too.
 */
struct pending_order {
	struct pending	**q;
	size_t		  head, tail, cap;
};

/* p joins the queue (the queue takes it: freed once written out). */
void		 pending_order_push(struct pending_order *, struct pending *p);
/* Write out the finished records at the head with out, and free them. */
void		 pending_order_flush(struct pending_order *,
		    void (*out)(const char *text, size_t len));
int		 pending_order_empty(const struct pending_order *);
/* The queue itself (the caller has flushed what it could). */
void		 pending_order_free(struct pending_order *);

#endif
