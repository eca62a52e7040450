/*
 * The cost plan of an mj-submit run (mj-submit(1), COST): rows read, rows
 * refused, jobs by kind and mode, and with a price table the estimated
 * total, counted exactly (prices.h).  Written as one JSON object for
 * --plan FILE and as lines of text for stderr.  No I/O but plan_write.
 */
#ifndef MJ_PLAN_H
#define MJ_PLAN_H

#include <stddef.h>
#include <stdint.h>

struct prices;
struct plan;

/* prices is borrowed for the plan's life, and may be NULL. */
struct plan	*plan_new(const struct prices *);
void		 plan_free(struct plan *);

void		 plan_row(struct plan *);	/* a row was read */
void		 plan_refused(struct plan *);	/* one refused whole */
/*
 * The price of one job of kind in mode (plan_new's table): 0 with
 * *micros set, or -1 (no table, or no line for it).
 */
int		 plan_price(const struct plan *, const char *kind,
		    const char *mode, int64_t *micros);
/*
 * A job of kind in mode counted (sent, or in a dry run planned); its
 * price, if it has one, added to the total.  kind and mode are copied.
 */
void		 plan_job(struct plan *, const char *kind,
		    const char *mode);
/* A job that was not sent (a budget, --max-tasks, a stop). */
void		 plan_held(struct plan *);
/* The total of the counted jobs that have a price, in millionths
 * (tested alone). */
int64_t		 plan_total(const struct plan *);
/* The jobs counted (tested alone). */
uint64_t	 plan_jobs(const struct plan *);

/*
 * (Tested alone; plan_write writes it.)
 * {"dryRun":true,"rows":3,"rowsRefused":1,"jobs":8,"jobsHeld":0,
 *  "byKind":[{"kind":"imagine","mode":"fast","jobs":8,"price":0.05,
 *  "cost":0.40}],"total":0.40,"unpricedJobs":0}: price, cost, total and
 * unpricedJobs only with a table; amounts are JSON numbers written
 * exactly.  No newline; the caller frees it.
 */
char		*plan_json(const struct plan *, int dry_run);
/*
 * The same for a person, one line each, '\n' after each:
 *	plan: 3 rows read, 1 refused; 8 jobs
 *	  imagine fast: 8 jobs at 0.05 = 0.40
 *	total: 0.40
 * The caller frees it.
 */
char		*plan_text(const struct plan *, int dry_run);
/*
 * plan_json and a newline into path, whole or not at all (a temporary
 * file renamed over it).  0, or -1 with err set.
 */
int		 plan_write(const struct plan *, int dry_run, const char *path,
		    char *err, size_t errlen);

#endif
