/*
 * Replies lost in this run, looked for in the server's task list once
 * they have settled (lostreply.h).
 */
#include <stdlib.h>

#include "lostreply.h"
#include "xalloc.h"

struct lost_replies {
	struct loop		*loop;
	struct http		*http;
	const struct config	*cfg;
	long long		 settle_s;
	void			(*settled)(void *, const char *,
				    const struct lost_verdict *);
	struct reconcile	*earlier;	/* the start-up's read */
	TAILQ_HEAD(, lost_reply) list;	/* oldest first */
	size_t			 n;
	struct timer		*timer;		/* the next read of the list */
	struct reconcile	*check;		/* the read under way */
	char			*no_list;	/* why the server has none */
};

void
lost_verdict(struct reconcile *rc, const char *key, struct lost_verdict *v)
{
	v->task_id = v->why = NULL;
	v->earlier = 0;
	v->verdict = reconcile_verdict(rc, key, &v->task_id, &v->why);
	v->in_modal = v->verdict == RECON_FOUND &&
	    reconcile_in_modal(rc, key);
}

struct lost_replies *
lost_replies_new(struct loop *loop, struct http *http,
    const struct config *cfg, long long settle_s,
    void (*settled)(void *, const char *, const struct lost_verdict *))
{
	struct lost_replies	*lr = xcalloc(1, sizeof(*lr));

	lr->loop = loop;
	lr->http = http;
	lr->cfg = cfg;
	lr->settle_s = settle_s;
	lr->settled = settled;
	lr->earlier = reconcile_new();
	TAILQ_INIT(&lr->list);
	return lr;
}

void
lost_replies_free(struct lost_replies *lr)
{
	if (lr == NULL)
		return;
	lost_replies_stop(lr);
	reconcile_free(lr->earlier);
	free(lr->no_list);
	free(lr);
}

static void
push(struct lost_replies *lr, struct lost_reply *l)
{
	TAILQ_INSERT_TAIL(&lr->list, l, link);
	lr->n++;
}

static void
unlink_reply(struct lost_replies *lr, struct lost_reply *l)
{
	TAILQ_REMOVE(&lr->list, l, link);
	lr->n--;
}

static void	check_lost(void *);

/* The next read of the task list, for the oldest reply lost. */
static void
schedule_check(struct lost_replies *lr)
{
	if (lr->timer != NULL || lr->check != NULL || TAILQ_EMPTY(&lr->list))
		return;
	lr->timer = loop_timer_at(lr->loop, TAILQ_FIRST(&lr->list)->lost_at +
	    lr->settle_s * 1000,
	    check_lost, lr);
}

/* The list is read (or failed): each reply looked for gets its verdict. */
static void
check_done(void *arg)
{
	struct lost_replies	*lr = arg;
	struct lost_reply	*l, *next;
	struct lost_verdict	 v;
	const char		*none;

	if ((none = reconcile_no_list(lr->check)) != NULL &&
	    lr->no_list == NULL)
		lr->no_list = xstrdup(none);
	for (l = TAILQ_FIRST(&lr->list); l != NULL; l = next) {
		next = TAILQ_NEXT(l, link);
		if (!l->in_check)
			continue;
		l->in_check = 0;
		unlink_reply(lr, l);
		lost_verdict(lr->check, l->key, &v);
		lr->settled(l->arg, l->why, &v);	/* may free l */
	}
	reconcile_free(lr->check);
	lr->check = NULL;
	schedule_check(lr);
}

/* Look for the tasks of the replies lost at least the settle time ago. */
static void
check_lost(void *arg)
{
	struct lost_replies	*lr = arg;
	struct lost_reply	*l;
	long long		 now = loop_now();

	lr->timer = NULL;
	lr->check = reconcile_new();
	TAILQ_FOREACH(l, &lr->list, link)
		if (l->lost_at + lr->settle_s * 1000 <= now) {
			l->in_check = 1;
			reconcile_add(lr->check, l->key, l->sent_at);
		}
	reconcile_start(lr->check, lr->http, lr->cfg, check_done, lr);
}

int
lost_replies_resume(struct lost_replies *lr, struct journal *j)
{
	reconcile_add_journal(lr->earlier, j);
	return reconcile_run(lr->earlier, lr->loop, lr->http, lr->cfg,
	    lr->settle_s);
}

void
lost_replies_earlier(struct lost_replies *lr, const char *key,
    struct lost_verdict *v)
{
	lost_verdict(lr->earlier, key, v);
	v->earlier = 1;
}

int
lost_replies_add(struct lost_replies *lr, struct lost_reply *l,
    const char *why, int code, long http)
{
	char	*copy;

	if (l->sent_at == 0 || lr->no_list != NULL)
		return -1;
	copy = xstrdup(why);	/* why may be l->why */
	free(l->why);
	l->why = copy;
	l->code = code;
	l->http = http;
	l->lost_at = loop_now();
	push(lr, l);
	schedule_check(lr);
	return 0;
}

const char *
lost_replies_no_list(const struct lost_replies *lr)
{
	return lr->no_list;
}

size_t
lost_replies_count(const struct lost_replies *lr)
{
	return lr->n;
}

void
lost_replies_stop(struct lost_replies *lr)
{
	if (lr->timer != NULL)
		loop_timer_cancel(lr->loop, lr->timer);
	lr->timer = NULL;
	reconcile_free(lr->check);
	lr->check = NULL;
}

struct lost_reply *
lost_replies_take(struct lost_replies *lr)
{
	struct lost_reply	*l = TAILQ_FIRST(&lr->list);

	if (l != NULL) {
		l->in_check = 0;
		unlink_reply(lr, l);
	}
	return l;
}
