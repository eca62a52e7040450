/*
 * The common options of the four programs, once: what each did in its
 * own switch before, so that they cannot drift apart again.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commonopt.h"
#include "config.h"
#include "diag.h"
#include "metrics.h"
#include "opt.h"
#include "record.h"
#include "version.h"
#include "xalloc.h"

/*
 * -h and --version: stdout must take it all, or the status says so, and
 * stderr says why (a reader gone, EPIPE, quietly, as out.c does)
 */
static void
exit_printed(int ok)
{
	int	 err;

	if (ok && fflush(stdout) == 0)
		exit(MJ_EXIT_OK);
	err = errno;
	if (err != EPIPE)
		diag_error("stdout: %s", strerror(err));
	exit(MJ_EXIT_FAILED);
}

/* Option c with its argument: 1 if it was a common one, else 0. */
static int
commonopt_handle(struct commonopt *co, int c, const char *arg)
{
	switch (c) {
	case 'h':
		co->usage(stdout);
		exit_printed(1);
		break;
	case 'q':
		diag_set_quiet(1);
		break;
	case 'v':
		diag_set_verbosity(diag_verbosity() + 1);
		break;
	case COMMONOPT_VERSION:
		exit_printed(version_print(stdout, co->prog,
		    co->version_more != NULL ? co->version_more() : NULL) == 0);
		break;
	case COMMONOPT_CONFIG:
		config_set_conf_path(co->cfg, arg);
		break;
	case COMMONOPT_PROFILE:
		config_set_profile(co->cfg, arg);
		break;
	case COMMONOPT_METRICS:
		co->metrics_path = arg;
		break;
	case COMMONOPT_API_KEY_FILE:
		config_set_key_file(co->cfg, arg);
		break;
	case COMMONOPT_AUTH:
		if (config_set_auth(co->cfg, arg) == -1)
			diag_usage_error("--auth: must be bearer or "
			    "mj-api-secret: %s", arg);
		break;
	case COMMONOPT_BASE_URL:
		config_set_base_url(co->cfg, arg);
		break;
	default:
		return 0;
	}
	return 1;
}

void
commonopt_begin(struct commonopt *co)
{
	diag_init(co->prog);
	config_init(co->cfg);
}

int
commonopt_next(struct commonopt *co, int argc, char **argv)
{
	int	c;

	opterr = 0;	/* opt_bad says what was wrong, once */
	while ((c = getopt_long(argc, argv, co->shortopts, co->longopts,
	    NULL)) != -1) {
		if (commonopt_handle(co, c, optarg))
			continue;
		if (c == '?' || c == ':')
			opt_bad(co->shortopts, argv);
		return c;
	}
	return -1;
}

int
commonopt_finish(struct commonopt *co, int api, int need_key)
{
	char	err[1024];
	int	ret;

	if (api)
		ret = config_finish(co->cfg, need_key, err, sizeof(err));
	else
		ret = config_finish_local(co->cfg, err, sizeof(err));
	if (ret == -1)
		diag_error("%s", err);
	return ret;
}

struct metrics *
commonopt_metrics(struct commonopt *co)
{
	char	*path;

	if (co->metrics_path != NULL)
		co->metrics = metrics_new(co->prog, co->metrics_path);
	else if (co->cfg->metrics_dir == NULL)
		co->metrics = NULL;
	else {
		path = xasprintf("%s/%s.prom", co->cfg->metrics_dir, co->prog);
		co->metrics = metrics_new(co->prog, path);
		free(path);
	}
	return co->metrics;
}

int
commonopt_record_in(struct commonopt *co, const struct record *r,
    long lineno)
{
	metrics_add(co->metrics, METRIC_RECORDS_IN,
	    record_is_input_error(r, lineno) ? "error" : "ok", 1);
	return record_say_input_error(r, lineno);
}

int
commonopt_end(struct commonopt *co, int status)
{
	char	err[512];

	if (metrics_finish(co->metrics, status, err, sizeof(err)) == -1)
		diag_warn("metrics: %s", err);
	metrics_free(co->metrics);
	co->metrics = NULL;
	return status;
}
