/*
 * Option value parsers: durations and sizes, valid and invalid; then the
 * exiting parsers and opt_bad, each in a child: what it prints on stderr
 * and its exit status for a bad value, the value for a good one.
 */
#include <getopt.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "opt.h"
#include "tap.h"

#define TRY	"prog: try 'prog --help' for more information\n"

static const struct {
	const char	*arg;
	int		 ok;
	long long	 ms;
} durations[] = {
	{ "500ms", 1, 500 }, { "3s", 1, 3000 }, { "3", 1, 3000 },
	{ "2.5s", 1, 2500 }, { "30m", 1, 1800000 }, { "1h", 1, 3600000 },
	{ "1d", 1, 86400000 }, { "0", 1, 0 }, { "0.1", 1, 100 },
	{ "", 0, 0 }, { "s", 0, 0 }, { "-1s", 0, 0 }, { "3x", 0, 0 },
	{ "3 s", 0, 0 }, { "0x10", 0, 0 }, { "nan", 0, 0 }, { "1e300h", 0, 0 },
	{ "0X10", 0, 0 }, { "1e999", 0, 0 },
};

static const struct {
	const char	*arg;
	int		 ok;
	uint64_t	 bytes;
} sizes[] = {
	{ "512", 1, 512 }, { "10k", 1, 10240 }, { "10K", 1, 10240 },
	{ "5M", 1, 5242880 }, { "1G", 1, 1073741824 }, { "1MB", 1, 1048576 },
	{ "1MiB", 1, 1048576 }, { "1.5k", 1, 1536 }, { "0", 1, 0 },
	{ "", 0, 0 }, { "k", 0, 0 }, { "-5", 0, 0 }, { "5Q", 0, 0 },
	{ "5MBx", 0, 0 }, { "0x10", 0, 0 }, { "0X10", 0, 0 }, { "nan", 0, 0 },
	{ "5Mz", 0, 0 }, { "1e999", 0, 0 }, { "16777216T", 0, 0 },
	{ "16777215T", 1, 18446742974197923840u }, { "2t", 1, 2199023255552 },
};

/* What a parser does with one value: its output and exit status. */
struct run {
	int		 status;	/* exit status, -1 if it died */
	const char	*err;		/* stderr, or "=VALUE" on success */
};

enum kind { UINT, DOUBLE, DURATION, SIZE };

static const struct {
	enum kind	 kind;
	const char	*arg;
	int		 status;
	const char	*err;
} values[] = {
	{ UINT, "8", 0, "=8" },
	{ UINT, "1", 0, "=1" },
	{ UINT, "1000", 0, "=1000" },
	{ UINT, "", 2, "prog: -j: must be 1 to 1000: \n" TRY },
	{ UINT, "-1", 2, "prog: -j: must be 1 to 1000: -1\n" TRY },
	{ UINT, "8x", 2, "prog: -j: must be 1 to 1000: 8x\n" TRY },
	{ UINT, "99999999999999999999999", 2,
	    "prog: -j: must be 1 to 1000: 99999999999999999999999\n" TRY },
	{ UINT, "0", 2, "prog: -j: must be 1 to 1000: 0\n" TRY },
	{ UINT, "1001", 2, "prog: -j: must be 1 to 1000: 1001\n" TRY },
	{ DOUBLE, "2.5", 0, "=2.5" },
	{ DOUBLE, "", 2, "prog: --rate: must be a number from 0 to 100: \n"
	    TRY },
	{ DOUBLE, "1x", 2, "prog: --rate: must be a number from 0 to 100: "
	    "1x\n" TRY },
	{ DOUBLE, "1e999", 2, "prog: --rate: must be a number from 0 to 100: "
	    "1e999\n" TRY },
	{ DOUBLE, "nan", 2, "prog: --rate: must be a number from 0 to 100: "
	    "nan\n" TRY },
	{ DOUBLE, "-0.5", 2, "prog: --rate: must be a number from 0 to 100: "
	    "-0.5\n" TRY },
	{ DOUBLE, "100.5", 2, "prog: --rate: must be a number from 0 to "
	    "100: 100.5\n" TRY },
	{ DURATION, "1.5s", 0, "=1500" },
	{ DURATION, "5 min", 2, "prog: --timeout: not a duration (like "
	    "500ms, 3s, 30m, 1h): 5 min\n" TRY },
	{ SIZE, "10M", 0, "=10485760" },
	{ SIZE, "10 MB", 2, "prog: --max-filesize: not a size (like 512, "
	    "10K, 5M, 1G): 10 MB\n" TRY },
};

/*
 * A getopt_long loop over argv, as the programs have: '?' goes to
 * opt_bad.  -j takes a value, -q not; --jobs and --help likewise.
 */
static const struct {
	const char	*argv[3];
	const char	*err;
} bad[] = {
	{ { "--foo" }, "prog: unknown option '--foo'\n" TRY },
	{ { "--foo=1" }, "prog: unknown option '--foo'\n" TRY },
	{ { "--jobs" }, "prog: option '--jobs' needs a value\n" TRY },
	{ { "--help=3" }, "prog: option '--help' takes no value\n" TRY },
	{ { "-j" }, "prog: option '-j' needs a value\n" TRY },
	{ { "-q", "-z" }, "prog: unknown option '-z'\n" TRY },
	{ { "-qz" }, "prog: unknown option '-z'\n" TRY },
	{ { "-:" }, "prog: unknown option '-:'\n" TRY },
	{ { "-\x01" }, "prog: unknown option '-\\x01'\n" TRY },
	{ { "-\x01q" }, "prog: unknown option '-\\x01'\n" TRY },
	/* getopt works by bytes: the first of the character */
	{ { "-\xc3\xa9" }, "prog: unknown option '-\\xc3'\n" TRY },
};

static void
parse(enum kind kind, const char *arg)
{
	switch (kind) {
	case UINT:
		fprintf(stderr, "=%lu", opt_uint("-j", arg, 1, 1000));
		break;
	case DOUBLE:
		fprintf(stderr, "=%g", opt_double("--rate", arg, 0, 100));
		break;
	case DURATION:
		fprintf(stderr, "=%lld", opt_duration_ms("--timeout", arg));
		break;
	case SIZE:
		fprintf(stderr, "=%llu", (unsigned long long)
		    opt_size("--max-filesize", arg));
		break;
	}
}

static void
getopt_loop(const char *const *args)
{
	static const struct option	longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "jobs", required_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	static const char		shortopts[] = "hj:q";
	char				*argv[5] = { "prog" };
	int				 argc = 1, c;

	while (argc < 4 && args[argc - 1] != NULL) {
		argv[argc] = (char *)args[argc - 1];
		argc++;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1)
		if (c == '?')
			opt_bad(shortopts, argv);
	fprintf(stderr, "=no error");
}

/* '?' with no option byte (getopt_long's -W): the argument is named. */
static void
no_byte(void)
{
	char	*argv[] = { "prog", "-Wfoo", NULL };

	optind = 2;
	optopt = 0;
	opt_bad("hj:q", argv);
}

/* In a child with stderr on a pipe: values[vi], bad[bi] or no_byte(). */
static struct run
run(size_t vi, size_t bi)
{
	static struct buf	 got;
	struct run		 r = { -1, "" };
	char			 chunk[512];
	ssize_t			 n;
	pid_t			 pid;
	int			 fds[2], status;

	buf_reset(&got);
	if (pipe(fds) == -1 || (pid = fork()) == -1)
		return r;
	if (pid == 0) {
		if (dup2(fds[1], STDERR_FILENO) == -1)
			_exit(99);
		(void)close(fds[0]);
		(void)close(fds[1]);
		diag_init("prog");
		if (vi != (size_t)-1)
			parse(values[vi].kind, values[vi].arg);
		else if (bi != (size_t)-1)
			getopt_loop(bad[bi].argv);
		else
			no_byte();
		exit(0);	/* as the usage error does: gcov's counts */
	}
	(void)close(fds[1]);
	while ((n = read(fds[0], chunk, sizeof(chunk))) > 0)
		buf_append(&got, chunk, (size_t)n);
	(void)close(fds[0]);
	if (waitpid(pid, &status, 0) == pid && WIFEXITED(status))
		r.status = WEXITSTATUS(status);
	r.err = buf_str(&got);
	return r;
}

int
main(void)
{
	struct run	r;
	long long	ms;
	uint64_t	b;
	size_t		i;
	int		rc;

	for (i = 0; i < sizeof(durations) / sizeof(durations[0]); i++) {
		ms = -1;
		rc = parse_duration_ms(durations[i].arg, &ms);
		TAP_INT(rc == 0, durations[i].ok, "duration '%s' %s",
		    durations[i].arg, durations[i].ok ? "accepted" : "refused");
		if (durations[i].ok)
			TAP_INT(ms, durations[i].ms, "duration '%s' value",
			    durations[i].arg);
	}
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		b = 0;
		rc = parse_size(sizes[i].arg, &b);
		TAP_INT(rc == 0, sizes[i].ok, "size '%s' %s", sizes[i].arg,
		    sizes[i].ok ? "accepted" : "refused");
		if (sizes[i].ok)
			TAP_INT(b, sizes[i].bytes, "size '%s' value",
			    sizes[i].arg);
	}
	fflush(stdout);		/* the children must not print it again */
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		r = run(i, 0);
		TAP_STR(r.err, values[i].err, "value '%s': what it says",
		    values[i].arg);
		TAP_INT(r.status, values[i].status, "value '%s': status",
		    values[i].arg);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = run((size_t)-1, i);
		/* the case number: some arguments hold control bytes */
		TAP_STR(r.err, bad[i].err, "bad option %zu: the message", i);
		TAP_INT(r.status, 2, "bad option %zu: status 2", i);
	}
	r = run((size_t)-1, (size_t)-1);
	TAP_STR(r.err, "prog: unknown option '-Wfoo'\n" TRY,
	    "no option byte: the argument named");
	TAP_INT(r.status, 2, "no option byte: status 2");
	return tap_done();
}
