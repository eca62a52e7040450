/*
 * Counters kept as a small array of (metric, label value, value) series,
 * turned into Prometheus' text format on each write.  Few series: the
 * labels are outcomes, task statuses and API codes, capped per counter.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "fsutil.h"
#include "loop.h"
#include "metrics.h"
#include "xalloc.h"

static const struct family {
	const char	*name;
	const char	*label;		/* the second label, or NULL */
	const char	*help;
} families[METRIC_NCOUNTERS] = {
	{ "mjpipe_records_in_total", "outcome",
	    "Records read, by outcome (ok, or error for input errors)." },
	{ "mjpipe_records_out_total", "outcome",
	    "Records written, by outcome (ok, or error with an error "
	    "object)." },
	{ "mjpipe_tasks_total", "status",
	    "Tasks ended, by final status." },
	{ "mjpipe_submissions_total", "code",
	    "Submissions answered, by the API's code." },
	{ "mjpipe_retries_total", NULL,
	    "Requests sent again after a failure or a refusal." },
	{ "mjpipe_downloaded_bytes_total", NULL,
	    "Bytes of files downloaded." },
};

struct series {
	enum metric	 metric;
	char		*label;		/* NULL for a family without one */
	double		 value;
};

struct metrics {
	char		*program;
	char		*path;
	struct series	*series;
	size_t		 n, cap;
	double		 start, end;	/* Unix time; end 0 while running */
	int		 exit_status;	/* -1 while running */
	struct loop	*loop;
	struct timer	*timer;
	long long	 interval_ms;
	int		 warned;
};

static double
now_unix(void)
{
	struct timespec	ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) == -1)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct series *
find(struct metrics *m, enum metric which, const char *label)
{
	size_t	i;

	for (i = 0; i < m->n; i++)
		if (m->series[i].metric == which &&
		    (label == NULL ? m->series[i].label == NULL :
		    m->series[i].label != NULL &&
		    strcmp(m->series[i].label, label) == 0))
			return &m->series[i];
	return NULL;
}

static size_t
count(const struct metrics *m, enum metric which)
{
	size_t	i, n = 0;

	for (i = 0; i < m->n; i++)
		n += m->series[i].metric == which;
	return n;
}

static struct series *
add_series(struct metrics *m, enum metric which, const char *label)
{
	struct series	*s;

	if (m->n == m->cap) {
		m->cap = m->cap != 0 ? m->cap * 2 : 16;
		m->series = xreallocarray(m->series, m->cap,
		    sizeof(*m->series));
	}
	s = &m->series[m->n++];
	s->metric = which;
	s->label = label != NULL ? xstrdup(label) : NULL;
	s->value = 0;
	return s;
}

struct metrics *
metrics_new(const char *program, const char *path)
{
	struct metrics	*m = xcalloc(1, sizeof(*m));
	const char	*iv = getenv("MJ_METRICS_INTERVAL_MS");

	m->program = xstrdup(program);
	m->path = xstrdup(path);
	m->start = now_unix();
	m->exit_status = -1;
	/* a test hook, as MJ_RETRY_BASE_MS: the tests cannot wait 15s */
	m->interval_ms = iv != NULL && atoll(iv) > 0 ? atoll(iv) :
	    METRICS_INTERVAL_MS;
	/* both outcomes from the start: rate() needs the zero */
	(void)add_series(m, METRIC_RECORDS_IN, "ok");
	(void)add_series(m, METRIC_RECORDS_IN, "error");
	(void)add_series(m, METRIC_RECORDS_OUT, "ok");
	(void)add_series(m, METRIC_RECORDS_OUT, "error");
	return m;
}

void
metrics_free(struct metrics *m)
{
	size_t	i;

	if (m == NULL)
		return;
	if (m->timer != NULL)
		loop_timer_cancel(m->loop, m->timer);
	for (i = 0; i < m->n; i++)
		free(m->series[i].label);
	free(m->series);
	free(m->program);
	free(m->path);
	free(m);
}

void
metrics_add(struct metrics *m, enum metric which, const char *label,
    double n)
{
	struct series	*s;

	if (m == NULL || which >= METRIC_NCOUNTERS)
		return;
	if (families[which].label == NULL)
		label = NULL;
	else if (label == NULL)
		label = "";
	if ((s = find(m, which, label)) == NULL) {
		if (label != NULL && count(m, which) >= METRICS_SERIES_MAX &&
		    (s = find(m, which, "other")) == NULL)
			s = add_series(m, which, "other");
		else if (s == NULL)
			s = add_series(m, which, label);
	}
	s->value += n;
}

/* A label value as the format wants it: \\, \" and \n escaped. */
static void
append_label(struct buf *b, const char *name, const char *value, int first)
{
	const char	*p;

	buf_appendf(b, "%s%s=\"", first ? "" : ",", name);
	for (p = value; *p != '\0'; p++) {
		if (*p == '\\')
			buf_appends(b, "\\\\");
		else if (*p == '"')
			buf_appends(b, "\\\"");
		else if (*p == '\n')
			buf_appends(b, "\\n");
		else
			buf_appendc(b, *p);
	}
	buf_appendc(b, '"');
}

static void
append_head(struct buf *b, const char *name, const char *type,
    const char *help)
{
	buf_appendf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name,
	    type);
}

static void
append_gauge(struct buf *b, const struct metrics *m, const char *name,
    const char *help, const char *value)
{
	append_head(b, name, "gauge", help);
	buf_appendf(b, "%s{", name);
	append_label(b, "program", m->program, 1);
	buf_appendf(b, "} %s\n", value);
}

static void
append_family(struct buf *b, const struct metrics *m, enum metric which)
{
	const struct family	*f = &families[which];
	size_t			 i;

	if (count(m, which) == 0)
		return;
	append_head(b, f->name, "counter", f->help);
	for (i = 0; i < m->n; i++) {
		if (m->series[i].metric != which)
			continue;
		buf_appendf(b, "%s{", f->name);
		append_label(b, "program", m->program, 1);
		if (f->label != NULL)
			append_label(b, f->label, m->series[i].label, 0);
		buf_appendf(b, "} %.17g\n", m->series[i].value);
	}
}

char *
metrics_text(const struct metrics *m)
{
	struct buf	 b = BUF_INIT;
	char		 v[64];
	size_t		 i;

	for (i = 0; i < METRIC_NCOUNTERS; i++)
		append_family(&b, m, (enum metric)i);
	(void)snprintf(v, sizeof(v), "%.3f", m->start);
	append_gauge(&b, m, "mjpipe_start_time_seconds",
	    "When the run started, in seconds since the epoch.", v);
	if (m->exit_status >= 0) {
		(void)snprintf(v, sizeof(v), "%.3f", m->end);
		append_gauge(&b, m, "mjpipe_end_time_seconds",
		    "When the run ended, in seconds since the epoch.", v);
		(void)snprintf(v, sizeof(v), "%d", m->exit_status);
		append_gauge(&b, m, "mjpipe_exit_status",
		    "The run's exit status (0: every record succeeded).", v);
	}
	return buf_detach(&b, NULL);
}

/* "PATH: strerror(errno)" into err; -1. */
static int
fail(const struct metrics *m, char *err, size_t errlen)
{
	int	 saved = errno;
	char	*show = diag_escape(m->path);

	if (err != NULL && errlen > 0)
		(void)snprintf(err, errlen, "%s: %s", show, strerror(saved));
	free(show);
	errno = saved;
	return -1;
}

/* Write the file now: 0, or -1 with "PATH: why" in err. */
static int
metrics_write(struct metrics *m, char *err, size_t errlen)
{
	struct xalloc_tmp	*inflight;
	char			*tmp, *text;
	int			 fd, saved, ret = 0;

	if (m == NULL)
		return 0;
	tmp = xasprintf("%s.XXXXXX", m->path);
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1) {
		ret = fail(m, err, errlen);
		free(tmp);
		return ret;
	}
	/* its name is known only now; an out-of-memory exit unlinks it
	 * (adding allocates only when 64 temporary files are in flight) */
	inflight = xalloc_tmp_add(tmp);
	text = metrics_text(m);
	/* mkstemp makes 0600; the collector may run as another user */
	if (fchmod(fd, 0644) == -1 ||
	    fsutil_write_all(fd, text, strlen(text)) == -1)
		ret = fail(m, err, errlen);
	saved = errno;
	if (close(fd) == -1 && ret == 0)
		ret = fail(m, err, errlen);
	errno = saved;
	if (ret == 0 && rename(tmp, m->path) == -1)
		ret = fail(m, err, errlen);
	if (ret == -1)
		(void)unlink(tmp);	/* failed already: nothing to add */
	xalloc_tmp_remove(inflight);
	free(text);
	free(tmp);
	return ret;
}

static void
tick(void *arg)
{
	struct metrics	*m = arg;
	char		 err[512];

	m->timer = loop_timer_at(m->loop, loop_now() + m->interval_ms, tick,
	    m);
	if (metrics_write(m, err, sizeof(err)) == -1 && !m->warned) {
		diag_warn("metrics: %s", err);
		m->warned = 1;
	}
}

void
metrics_start(struct metrics *m, struct loop *l)
{
	if (m == NULL)
		return;
	m->loop = l;
	tick(m);
}

void
metrics_stop(struct metrics *m)
{
	if (m == NULL || m->timer == NULL)
		return;
	loop_timer_cancel(m->loop, m->timer);
	m->timer = NULL;
}

int
metrics_finish(struct metrics *m, int exit_status, char *err,
    size_t errlen)
{
	if (m == NULL)
		return 0;
	metrics_stop(m);
	m->end = now_unix();
	m->exit_status = exit_status;
	return metrics_write(m, err, errlen);
}
