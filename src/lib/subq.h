/*
 * mj-submit's submissions and where each one is (design.md "mj-submit").
 * One input record gives one or more submissions (an item); each is in
 * exactly one state, and the states that wait for a turn keep their
 * submissions in order on a queue:
 *
 *	NEW -journal-> READY -slot-> IN_FLIGHT -answer (verdict.h)->
 *	    DONE	  a task, or an error record
 *	    BACKOFF	  refused for now (queue full): a timer, then READY
 *	    PARENT_FETCH  a stale customId: its parent is read again,
 *	    PARENT_WAIT	    or it waits for that read; then READY
 *	    LOST	  its reply lost: looked for in the task list
 *			    (lostreply.h), then DONE or READY
 *
 * An action whose answer opened a modal goes on as that modal (its step
 * is SUB_STEP_MODAL) from NEW again, with a journal key of its own.
 * What moves a submission is subrun.c; this module keeps the states,
 * the queues, the counts and the run's output.
 */
#ifndef MJ_SUBQ_H
#define MJ_SUBQ_H

#include <sys/queue.h>

#include <stddef.h>
#include <stdint.h>

#include "account.h"
#include "config.h"
#include "congestion.h"
#include "http.h"
#include "journal.h"
#include "loop.h"
#include "lostreply.h"
#include "metrics.h"
#include "parentfetch.h"
#include "record.h"
#include "submission.h"
#include "table.h"
#include "upload.h"

#define SUBQ_DRAIN_MS	15000	/* after a stop, how long replies are awaited */

enum sub_state {
	SUB_NEW,		/* built; the journal not yet asked */
	SUB_READY,		/* to be sent when a slot is free */
	SUB_BACKOFF,		/* refused for now: its timer runs */
	SUB_PARENT_FETCH,	/* its parent task is being read again */
	SUB_PARENT_WAIT,	/* waits for the parent read of another */
	SUB_IN_FLIGHT,		/* its request is on the wire */
	SUB_LOST,		/* its reply lost: on the lost replies' list */
	SUB_DONE,		/* written out */
	SUB_NSTATES
};

enum sub_step {
	SUB_STEP_REQUEST,	/* the submission the record asked for */
	SUB_STEP_MODAL		/* the modal its action opened */
};

struct subitem;

/* One submission of one input record, from NEW to DONE. */
struct sub {
	struct subitem	*item;
	size_t		 i;		/* its index in item->subs */
	enum sub_state	 state;
	enum sub_step	 step;
	char		 key[JOURNAL_KEY_LEN + 1];	/* "": no journal */
	int		 refusals;	/* queue-full refusals so far */
	int		 refetched;	/* this one had the parent read again */
	unsigned	 gen;		/* built from the parent's read gen */
	int		 resends;	/* after the task list showed no task */
	unsigned	 epoch;		/* congestion epoch when sent */
	int64_t		 cost;		/* counted against --max-cost */
	struct timer	*timer;		/* SUB_BACKOFF */
	struct http_request *req;	/* SUB_IN_FLIGHT, SUB_PARENT_FETCH */
	struct lost_reply lost;		/* SUB_LOST (lostreply.h) */
	TAILQ_ENTRY(sub) link;		/* on its state's queue */
};

TAILQ_HEAD(sub_queue, sub);

/* One input record and the submissions it gave. */
struct subitem {
	struct subq	*q;		/* the run it is part of */
	struct record	*rec;
	struct submission *subs;
	struct sub	*s;		/* nsubs of them */
	size_t		 nsubs;
	size_t		 left;		/* not yet written out */
	struct parent_fetch parent;	/* read again after a stale customId */
	char		*dry_text;	/* -n: the input's text, once (owned) */
};

/* What the run was asked to do (borrowed from the options). */
struct subq_opts {
	const struct config *cfg;
	const struct submit_opts *so;
	unsigned long	 jobs;		/* -j */
	unsigned long	 max_tasks;	/* 0: no limit */
	int		 retry_unsafe;
	int		 dry_run;
	const char	*journal_path;
	long long	 settle_s;
	struct plan	*plan;		/* the cost plan (plan.h), never NULL */
	const char	*mode;		/* the jobs' speed mode, for prices */
	int64_t		 max_cost;	/* --max-cost in millionths; -1: none */
};

struct subq {
	struct subq_opts opt;
	struct loop	*loop;		/* borrowed */
	struct http	*http;		/* borrowed */
	struct journal	*journal;	/* borrowed, or NULL */
	struct upload	*upload;	/* borrowed: --upload's links or NULL */
	struct table	*ordinals;	/* identity -> count (journal keys) */
	struct lost_replies *lost;
	struct sub_queue ready;		/* SUB_READY */
	struct sub_queue waiting;	/* BACKOFF, PARENT_FETCH, PARENT_WAIT */
	struct sub_queue running;	/* SUB_IN_FLIGHT */
	struct congestion cwnd;		/* how many may be in flight */
	size_t		 n[SUB_NSTATES];	/* how many are in each */
	unsigned long	 started;	/* sent in this run (--max-tasks) */
	int64_t		 spent;		/* the price of those (--max-cost) */
	unsigned long	 done, failed;
	int		 status;	/* the exit status so far */
	enum account_refusal refused;	/* quota or key: send no more */
	char		*stop_msg;	/* why nothing more is sent, or NULL */
	int		 accepted;	/* the server took one in this run */
	int		 stopping;	/* send nothing more */
	int		 out_closed;	/* stdout's reader is gone */
	long long	 drain_until;	/* stopping: replies awaited until */
	struct metrics	*metrics;	/* borrowed: --metrics, or NULL */
};

void		 subq_init(struct subq *, const struct subq_opts *,
		    struct loop *, struct http *, struct journal *);
void		 subq_clear(struct subq *);

/* Move s to state (off its queue, onto the new one's, at the end). */
void		 sub_to(struct subq *, struct sub *, enum sub_state);
/* Submissions waiting in a state (SUB_LOST: see lostreply.h). */
size_t		 subq_count(const struct subq *, enum sub_state);
/* The submissions not yet written out, lost replies included. */
size_t		 subq_pending(const struct subq *);

/* A new item of r's n submissions (both taken), each SUB_NEW. */
struct subitem	*subitem_new(struct subq *, struct record *r,
		    struct submission *subs, size_t n);
void		 subitem_free(struct subitem *);

/*
 * Write a record to stdout.  A reader gone (EPIPE) or a full stdout:
 * nothing more can be reported, so nothing more is sent; the replies
 * already due are awaited so that the journal gets their task ids.
 */
void		 subq_write(struct subq *, struct record *);
/* Count a record that failed (an input error): the status becomes 1. */
void		 subq_failed(struct subq *);

/* Write s out: its task (submit: its submit object, taken). */
void		 sub_succeed(struct subq *, struct sub *, const char *task_id,
		    const char *status, json_object *submit);
/* Write s out as failed, saying why on stderr. */
void		 sub_fail(struct subq *, struct sub *, const char *msg,
		    int retryable, int code, long http);
/* ... and on stderr only if say. */
void		 sub_fail_say(struct subq *, struct sub *, const char *msg,
		    int retryable, int code, long http, int say);
/* Write s out for a dry run: the request that would be sent. */
void		 sub_dry_run(struct subq *, struct sub *);
/* Write s out: its reply was lost (how), its task may exist (why). */
void		 sub_may_exist(struct subq *, struct sub *, const char *lost,
		    const char *why, int code, long http);
/* The journal could not be written: s is not sent. */
void		 sub_journal_failed(struct subq *, struct sub *);
/* s was refused, nothing was created: the journal and the count say so. */
void		 sub_refused(struct subq *, struct sub *);
/* The price kind of s (prices.h): its button's or endpoint's, or modal. */
const char	*sub_kind(const struct sub *);
/* The submission object of s's record (subrecord.h). */
json_object	*sub_outcome(const struct sub *, const struct api_reply *);

/*
 * A refusal that every further submission would meet (a spent quota, a
 * refused key, an untrusted certificate, a failed --upload): nothing more
 * is sent; s (NULL if none) and every record not sent are written out
 * retryable with record_msg, and advice goes to stderr once for them all.
 */
void		 subq_stop_run(struct subq *, struct sub *,
		    const char *record_msg, const char *advice, int code,
		    long http);

#endif
