/*
 * The options every program takes, parsed in one place: -h, -q, -v,
 * --version, --config, --profile and --metrics; and for the programs that
 * talk to the API, --base-url, --auth and --api-key-file.  A program puts
 * COMMONOPT_LONGOPTS (and COMMONOPT_API_LONGOPTS) in its getopt_long
 * table and "hqv" in its short options, and hands every option its own
 * switch does not know to commonopt_handle.
 */
#ifndef MJ_COMMONOPT_H
#define MJ_COMMONOPT_H

#include <getopt.h>
#include <limits.h>
#include <stdio.h>

struct config;
struct metrics;

/* getopt_long values, above any program's own OPT_* constants */
enum {
	COMMONOPT_API_KEY_FILE = CHAR_MAX + 200, COMMONOPT_AUTH,
	COMMONOPT_BASE_URL, COMMONOPT_CONFIG, COMMONOPT_METRICS,
	COMMONOPT_PROFILE, COMMONOPT_VERSION
};

#define COMMONOPT_LONGOPTS \
	{ "config",	required_argument, NULL, COMMONOPT_CONFIG }, \
	{ "help",	no_argument,	   NULL, 'h' }, \
	{ "metrics",	required_argument, NULL, COMMONOPT_METRICS }, \
	{ "profile",	required_argument, NULL, COMMONOPT_PROFILE }, \
	{ "quiet",	no_argument,	   NULL, 'q' }, \
	{ "verbose",	no_argument,	   NULL, 'v' }, \
	{ "version",	no_argument,	   NULL, COMMONOPT_VERSION }

#define COMMONOPT_API_LONGOPTS \
	{ "api-key-file", required_argument, NULL, COMMONOPT_API_KEY_FILE }, \
	{ "auth",	required_argument, NULL, COMMONOPT_AUTH }, \
	{ "base-url",	required_argument, NULL, COMMONOPT_BASE_URL }

/* The --help lines of the options all programs take. */
#define COMMONOPT_HELP_FILES \
"      --config FILE       settings from FILE ($MJ_CONFIG,\n" \
"                          ~/.config/mjpipe/config)\n" \
"      --profile NAME      the [NAME] section of the config file too\n" \
"      --metrics FILE      write Prometheus metrics to FILE\n"
#define COMMONOPT_HELP_TAIL \
"  -q, --quiet             errors only, no status line\n" \
"  -v, --verbose           more messages (repeatable)\n" \
"  -h, --help              this help\n" \
"      --version           version and libraries\n"

struct commonopt {
	const char	*prog;		/* "mj-wait" */
	void		(*usage)(FILE *);
	const char	*(*version_more)(void);	/* or NULL: see version.h */
	struct config	*cfg;		/* borrowed: where settings go */
	const char	*metrics_path;	/* --metrics FILE (borrowed argv) */
};

/*
 * Handle option c (getopt_long's return) with argument arg.  Returns 1 if
 * it was a common option, 0 if not (the caller reports it).  -h and
 * --version print and exit (0, or 1 if stdout fails); a bad --auth is a
 * usage error (exit 2).
 */
int	commonopt_handle(struct commonopt *, int c, const char *arg);

/*
 * After the options: read the config file and the environment
 * (config_finish; api 0: only the file, its profile and metrics-dir, for
 * a program that sends nothing).  0, or -1 after printing the mistake:
 * the program then exits MJ_EXIT_USAGE, having sent nothing.
 */
int	commonopt_finish(struct commonopt *, int api, int need_key);

/*
 * The metrics of this run: --metrics FILE, else MJ_METRICS_DIR (or the
 * config file's metrics-dir)/PROG.prom, else NULL (no metrics).  Caller
 * frees with metrics_free.
 */
struct metrics	*commonopt_metrics(const struct commonopt *);

#endif
