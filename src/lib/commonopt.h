/*
 * The options every program takes, parsed in one place: -h, -q, -v,
 * --version, --config, --profile and --metrics; and for the programs that
 * talk to the API, --base-url, --auth and --api-key-file.  A program puts
 * COMMONOPT_LONGOPTS (and COMMONOPT_API_LONGOPTS) in its getopt_long
 * table and "hqv" in its short options (both named in its struct
 * commonopt), and reads its options with commonopt_next, which handles
 * these.  Around them, the plumbing of a run every program shares: its
 * start (commonopt_begin), the records it reads counted
 * (commonopt_record_in), its metrics written at the end (commonopt_end).
 */
#ifndef MJ_COMMONOPT_H
#define MJ_COMMONOPT_H

#include <getopt.h>
#include <limits.h>
#include <stdio.h>

struct config;
struct metrics;
struct record;

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

/* The --help lines of the API options (mj-fetch says more of the key). */
#define COMMONOPT_HELP_API \
"      --base-url URL      API base URL ($MJ_BASE_URL)\n" \
"      --api-key-file FILE read the API key from FILE\n" \
"      --auth STYLE        bearer or mj-api-secret ($MJ_AUTH)\n"

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
	const char	*shortopts;	/* the program's, with "hqv" */
	const struct option *longopts;	/* the program's, with the macros */
	const char	*metrics_path;	/* --metrics FILE (borrowed argv) */
	struct metrics	*metrics;	/* commonopt_metrics', or NULL */
};

/* The start of main: diagnostics as co->prog, the settings initialized. */
void	commonopt_begin(struct commonopt *);

/*
 * The next option of argv (getopt_long with co->shortopts and
 * co->longopts): the common options are handled here (-h and --version
 * print and exit 0, or 1 if stdout fails), a mistake is a usage error
 * said once (opt_bad; a bad --auth too: exit 2).  Returns the program's
 * own option, or -1 when there are no more (optind is then the first
 * operand).
 */
int	commonopt_next(struct commonopt *, int argc, char **argv);

/*
 * After the options: read the config file and the environment
 * (config_finish; api 0: only the file, its profile and metrics-dir, for
 * a program that sends nothing).  0, or -1 after printing the mistake:
 * the program then exits MJ_EXIT_USAGE, having sent nothing.
 */
int	commonopt_finish(struct commonopt *, int api, int need_key);

/*
 * The metrics of this run: --metrics FILE, else MJ_METRICS_DIR (or the
 * config file's metrics-dir)/PROG.prom, else NULL (no metrics).  Kept in
 * co->metrics, which owns it: commonopt_end writes and frees it (or the
 * caller frees it with metrics_free, if it never calls commonopt_end).
 */
struct metrics	*commonopt_metrics(struct commonopt *);

/*
 * A record read from line lineno: counted in co->metrics' records_in ("ok"
 * or "error"), and its input error, if it is one, said on stderr
 * (record_say_input_error).  Returns 1 for an input error, else 0.
 */
int	commonopt_record_in(struct commonopt *, const struct record *,
	    long lineno);

/*
 * The end of a run: co->metrics written with the exit status (a failure
 * is a warning) and freed.  Returns status, for main to return.
 */
int	commonopt_end(struct commonopt *, int status);

#endif
