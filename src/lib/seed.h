/*
 * Seeds of finished tasks (mj-wait --seed): GET /mj/task/{id}/image-seed,
 * answered {"code":1,"result":"<seed>"}, put into the task as "seed", a
 * string.  Best effort: a server without the endpoint (404, 405) is
 * warned about once and not asked again; a task without a seed is warned
 * about once in the run (then at -v) and goes on without one.  The
 * requests are of class HTTP_POLL, so --rate counts them like polls.
 *
 *	s = seeds_new(http, &cfg);
 *	seeds_get(s, task, seed_done, p);	// later: seed_done(p, task)
 */
#ifndef MJ_SEED_H
#define MJ_SEED_H

#include <stddef.h>

#include <json-c/json.h>

struct config;
struct http;
struct seeds;

struct seeds	*seeds_new(struct http *, const struct config *);
/* Ends what is in flight first (seeds_finish_all). */
void		 seeds_free(struct seeds *);

/*
 * Add the seed to task, then call done(arg, task), from the loop (or at
 * once: the task has a seed already, or the server has no endpoint).
 * A reference to task is taken for the while; done borrows it.
 */
void		 seeds_get(struct seeds *, json_object *task,
		    void (*done)(void *arg, json_object *task), void *arg);

/* Stop waiting: every task asked about is done now, without a seed. */
void		 seeds_finish_all(struct seeds *);

#endif
