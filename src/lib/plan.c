/*
 * The cost plan (plan.h): a few counters and a short list of (kind, mode)
 * lines, in the order they were first seen, with exact sums of money.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "buf.h"
#include "fsutil.h"
#include "jsonx.h"
#include "plan.h"
#include "prices.h"
#include "record.h"
#include "xalloc.h"

struct plan_line {
	char		*kind;
	char		*mode;
	uint64_t	 jobs;
	int64_t		 price;		/* -1: none */
};

struct plan {
	const struct prices	*prices;
	uint64_t		 rows, refused, jobs, held, unpriced;
	int64_t			 total;
	struct plan_line	*lines;
	size_t			 nlines;
};

struct plan *
plan_new(const struct prices *prices)
{
	struct plan	*p = xcalloc(1, sizeof(*p));

	p->prices = prices;
	return p;
}

void
plan_free(struct plan *p)
{
	size_t	i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nlines; i++) {
		free(p->lines[i].kind);
		free(p->lines[i].mode);
	}
	free(p->lines);
	free(p);
}

void
plan_row(struct plan *p)
{
	p->rows++;
}

void
plan_refused(struct plan *p)
{
	p->refused++;
}

void
plan_held(struct plan *p)
{
	p->held++;
}

int
plan_price(const struct plan *p, const char *kind, const char *mode,
    int64_t *micros)
{
	if (p->prices == NULL)
		return -1;
	return prices_lookup(p->prices, kind, mode, micros);
}

static struct plan_line *
line_of(struct plan *p, const char *kind, const char *mode)
{
	struct plan_line	*l;
	size_t			 i;

	for (i = 0; i < p->nlines; i++)
		if (strcmp(p->lines[i].kind, kind) == 0 &&
		    strcmp(p->lines[i].mode, mode) == 0)
			return &p->lines[i];
	p->lines = xreallocarray(p->lines, p->nlines + 1, sizeof(*p->lines));
	l = &p->lines[p->nlines++];
	l->kind = xstrdup(kind);
	l->mode = xstrdup(mode);
	l->jobs = 0;
	if (plan_price(p, kind, mode, &l->price) == -1)
		l->price = -1;
	return l;
}

void
plan_job(struct plan *p, const char *kind, const char *mode)
{
	struct plan_line	*l;

	l = line_of(p, kind != NULL ? kind : "unknown",
	    mode != NULL ? mode : "-");
	l->jobs++;
	p->jobs++;
	if (l->price >= 0)
		p->total += l->price;
	else
		p->unpriced++;
}

int64_t
plan_total(const struct plan *p)
{
	return p->total;
}

uint64_t
plan_jobs(const struct plan *p)
{
	return p->jobs;
}

/* An exact amount as a JSON number: the text is the decimal itself. */
static json_object *
amount(int64_t micros)
{
	char	text[PRICE_TEXT_MAX];

	price_format(micros, text, sizeof(text));
	return jx_new_double_s((double)micros / PRICE_SCALE, text);
}

static void
json_append(json_object *array, json_object *v)
{
	jx_array_add(array, v);
}

static json_object *
kind_json(const struct plan *p, const struct plan_line *l)
{
	json_object	*o = jx_new_object();

	json_add_string(o, "kind", l->kind);
	json_add_string(o, "mode", l->mode);
	json_add_int(o, "jobs", (long long)l->jobs);
	if (p->prices != NULL && l->price >= 0) {
		json_add(o, "price", amount(l->price));
		json_add(o, "cost", amount(l->price * (int64_t)l->jobs));
	} else if (p->prices != NULL) {
		json_add(o, "price", NULL);
	}
	return o;
}

char *
plan_json(const struct plan *p, int dry_run)
{
	json_object	*o = jx_new_object(), *kinds;
	char		*s;
	size_t		 i;

	json_add_bool(o, "dryRun", dry_run);
	json_add_int(o, "rows", (long long)p->rows);
	json_add_int(o, "rowsRefused", (long long)p->refused);
	json_add_int(o, "jobs", (long long)p->jobs);
	json_add_int(o, "jobsHeld", (long long)p->held);
	kinds = jx_new_array();
	for (i = 0; i < p->nlines; i++)
		json_append(kinds, kind_json(p, &p->lines[i]));
	json_add(o, "byKind", kinds);
	if (p->prices != NULL) {
		json_add(o, "total", amount(p->total));
		json_add_int(o, "unpricedJobs", (long long)p->unpriced);
	}
	s = xstrdup(json_line(o, NULL));
	json_object_put(o);
	return s;
}

static const char *
plural(uint64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

char *
plan_text(const struct plan *p, int dry_run)
{
	struct buf		 b = BUF_INIT;
	const struct plan_line	*l;
	char			 price[PRICE_TEXT_MAX];
	char			 cost[PRICE_TEXT_MAX];
	size_t			 i;

	buf_appendf(&b, "plan: %llu %s read, %llu refused; %llu %s%s",
	    (unsigned long long)p->rows, plural(p->rows, "row", "rows"),
	    (unsigned long long)p->refused, (unsigned long long)p->jobs,
	    plural(p->jobs, "job", "jobs"), dry_run ? "" : " submitted");
	if (p->held > 0)
		buf_appendf(&b, ", %llu not sent", (unsigned long long)p->held);
	buf_appendc(&b, '\n');
	for (i = 0; i < p->nlines; i++) {
		l = &p->lines[i];
		buf_appendf(&b, "  %s %s: %llu %s", l->kind, l->mode,
		    (unsigned long long)l->jobs,
		    plural(l->jobs, "job", "jobs"));
		if (p->prices != NULL && l->price >= 0) {
			price_format(l->price, price, sizeof(price));
			price_format(l->price * (int64_t)l->jobs, cost,
			    sizeof(cost));
			buf_appendf(&b, " at %s = %s", price, cost);
		} else if (p->prices != NULL) {
			buf_appends(&b, ", no price in the table");
		}
		buf_appendc(&b, '\n');
	}
	if (p->prices != NULL) {
		price_format(p->total, cost, sizeof(cost));
		buf_appendf(&b, "total: %s", cost);
		if (p->unpriced > 0)
			buf_appendf(&b, " (and %llu %s without a price)",
			    (unsigned long long)p->unpriced,
			    plural(p->unpriced, "job", "jobs"));
		buf_appendc(&b, '\n');
	}
	return buf_detach(&b, NULL);
}

int
plan_write(const struct plan *p, int dry_run, const char *path, char *err,
    size_t errlen)
{
	char	*text, *tmp;
	int	 fd, rc = -1;

	text = plan_json(p, dry_run);
	tmp = xasprintf("%s.part", path);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0666)) == -1)
		goto done;
	if (fsutil_write_all(fd, text, strlen(text)) == -1 ||
	    fsutil_write_all(fd, "\n", 1) == -1 || fsync(fd) == -1) {
		(void)close(fd);	/* the write's error is the one told */
		goto done;
	}
	if (close(fd) == -1 || fsutil_rename_durable(tmp, path) == -1)
		goto done;
	rc = 0;
done:
	if (rc == -1) {
		(void)snprintf(err, errlen, "%s: %s", path, strerror(errno));
		(void)unlink(tmp);	/* whatever it holds is not the plan */
	}
	free(tmp);
	free(text);
	return rc;
}
