/*
 * commonopt: each common option lands where the programs read it, an
 * option of the program's own is left to the program, a mistake is a
 * usage error (status 2), and the metrics file is --metrics, else
 * PROG.prom in the metrics directory.
 */
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commonopt.h"
#include "config.h"
#include "diag.h"
#include "metrics.h"
#include "tap.h"

static void
usage(FILE *out)
{
	fprintf(out, "usage: test\n");
}

static const struct option longopts[] = {
	COMMONOPT_LONGOPTS,
	COMMONOPT_API_LONGOPTS,
	{ "jobs",	required_argument, NULL, 'j' },
	{ NULL,		0,		   NULL, 0 }
};

/* Each option alone: commonopt_next takes it (-1: none left for us). */
static const struct {
	const char	*opt, *arg, *desc;
} common[] = {
	{ "-q", NULL, "-q is common" },
	{ "-v", NULL, "-v is common" },
	{ "-v", NULL, "-v again" },
	{ "--config", "c.conf", "--config" },
	{ "--profile", "comet", "--profile" },
	{ "--metrics", "m.prom", "--metrics" },
	{ "--base-url", "http://h", "--base-url" },
	{ "--auth", "MJ-API-SECRET", "--auth" },
	{ "--api-key-file", "k", "--api-key-file" },
};

static void
test_next(void)
{
	struct config		 cfg;
	struct commonopt	 co = { .prog = "mj-test", .usage = usage,
	    .cfg = &cfg, .shortopts = "hj:qv", .longopts = longopts };
	char			*argv[4] = { "mj-test" };
	char			*own[] = { "mj-test", "-j", "4", "file", NULL };
	size_t			 i;

	config_init(&cfg);
	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++) {
		argv[1] = (char *)common[i].opt;
		argv[2] = (char *)common[i].arg;
		optind = 1;
		TAP_INT(commonopt_next(&co, common[i].arg != NULL ? 3 : 2,
		    argv), -1, "%s", common[i].desc);
	}
	TAP_INT(diag_verbosity(), 2, "-v twice: verbosity 2");
	diag_set_verbosity(0);
	TAP_STR(cfg.conf_path, "c.conf", "--config: the path");
	TAP_STR(cfg.profile, "comet", "--profile: the name");
	TAP_STR(co.metrics_path, "m.prom", "--metrics: the file");
	TAP_STR(cfg.base_url, "http://h", "--base-url: the URL");
	TAP_INT(cfg.auth, AUTH_MJ_API_SECRET, "--auth: the style");
	TAP_STR(cfg.key_file, "k", "--api-key-file: the file");
	optind = 1;
	TAP_INT(commonopt_next(&co, 4, own), 'j', "-j is the program's own");
	TAP_STR(optarg, "4", "... with its value");
	TAP_INT(commonopt_next(&co, 4, own), -1, "then no more options");
	TAP_STR(own[optind], "file", "... optind at the operand");
	config_free(&cfg);
}

/* argv's options read in a child: its exit status */
static int
next_status(char **argv, int argc)
{
	struct config		 cfg;
	struct commonopt	 co = { .prog = "mj-test", .usage = usage,
	    .cfg = &cfg, .shortopts = "hj:qv", .longopts = longopts };
	pid_t			 pid;
	int			 st;

	(void)fflush(stdout);	/* the child's exit must not print it twice */
	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		config_init(&cfg);
		optind = 1;
		while (commonopt_next(&co, argc, argv) != -1)
			continue;
		_exit(0);
	}
	if (waitpid(pid, &st, 0) == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static void
test_mistakes(void)
{
	char	*unknown[] = { "mj-test", "--nope", NULL };
	char	*novalue[] = { "mj-test", "-j", NULL };
	char	*auth[] = { "mj-test", "--auth", "basic", NULL };

	TAP_INT(next_status(unknown, 2), 2,
	    "getopt's '?' (an unknown option): a usage error, status 2");
	TAP_INT(next_status(novalue, 2), 2,
	    "an option without its value: a usage error, status 2");
	TAP_INT(next_status(auth, 3), 2, "a bad --auth: status 2");
}

static void
test_metrics_path(void)
{
	struct config		 cfg;
	struct commonopt	 co = { .prog = "mj-test", .usage = usage,
	    .cfg = &cfg };
	struct metrics		*m;
	char			*text;

	config_init(&cfg);
	TAP_OK(commonopt_metrics(&co) == NULL, "no --metrics, no dir: none");
	cfg.metrics_dir = strdup("/nonexistent/dir");
	m = commonopt_metrics(&co);
	TAP_OK(m != NULL, "a metrics dir: metrics");
	text = metrics_text(m);
	TAP_OK(strstr(text, "{program=\"mj-test\"}") != NULL,
	    "labelled with the program");
	free(text);
	metrics_free(m);
	config_free(&cfg);
}

int
main(void)
{
	diag_init("test_commonopt");
	test_next();
	test_mistakes();
	test_metrics_path();
	return tap_done();
}
