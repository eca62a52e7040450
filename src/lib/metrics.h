/*
 * Run metrics in Prometheus' text exposition format (version 0.0.4), for
 * node_exporter's textfile collector: counters and gauges, each with a
 * program label, written to a file atomically (a temporary file in the
 * same directory, then rename) every 15 seconds and at the end of the run.
 * Every function accepts a NULL struct metrics and does nothing, so a
 * program counts without asking whether metrics were wanted.
 */
#ifndef MJ_METRICS_H
#define MJ_METRICS_H

#include <stddef.h>

#define METRICS_INTERVAL_MS	15000	/* MJ_METRICS_INTERVAL_MS overrides */
/* label values a counter keeps apart; the rest count as "other" */
#define METRICS_SERIES_MAX	64

struct loop;
struct metrics;

enum metric {
	METRIC_RECORDS_IN,	/* mjpipe_records_in_total{outcome} */
	METRIC_RECORDS_OUT,	/* mjpipe_records_out_total{outcome} */
	METRIC_TASKS,		/* mjpipe_tasks_total{status}: final status */
	METRIC_SUBMISSIONS,	/* mjpipe_submissions_total{code}: API code */
	METRIC_RETRIES,		/* mjpipe_retries_total */
	METRIC_DOWNLOADED_BYTES,	/* mjpipe_downloaded_bytes_total */
	METRIC_NCOUNTERS
};

/*
 * Metrics of program (the program label) to be written to path; both
 * copied.  The start time is now.  Caller frees with metrics_free.
 */
struct metrics	*metrics_new(const char *program, const char *path);
void		 metrics_free(struct metrics *);

/*
 * Add n to a counter; label is the value of its second label (outcome,
 * status, code), NULL for the counters without one.  Copied; escaped on
 * output.  After METRICS_SERIES_MAX values, new ones count as "other".
 */
void		 metrics_add(struct metrics *, enum metric, const char *label,
		    double n);

/* Tested alone: the exposition text as it would be written now; caller
 * frees. */
char		*metrics_text(const struct metrics *);

/*
 * Write now and then every METRICS_INTERVAL_MS on a timer of the loop;
 * a failed write is a warning (diag_warn, once per run), not an error.
 */
void		 metrics_start(struct metrics *, struct loop *);

/* Stop the timer (before the loop is freed); the counters stay. */
void		 metrics_stop(struct metrics *);

/*
 * The end of the run: stop the timer, record the end time and exit
 * status, write the file.  0, or -1 with "PATH: why" in err.
 */
int		 metrics_finish(struct metrics *, int exit_status, char *err,
		    size_t errlen);

#endif
