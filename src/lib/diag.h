/*
 * Diagnostics: the one module that writes to stderr.  Messages read
 * "prog: what went wrong"; the API key is redacted from every one; the
 * live status line (only on a terminal, never with -q) is erased first.
 */
#ifndef MJ_DIAG_H
#define MJ_DIAG_H

#include <stdarg.h>

/* The exit statuses of every program (design.md). */
enum {
	MJ_EXIT_OK = 0,		/* every record handled succeeded */
	MJ_EXIT_FAILED = 1,	/* at least one record got an error */
	MJ_EXIT_USAGE = 2,	/* usage or configuration error; nothing sent */
	MJ_EXIT_SIGINT = 130,
	MJ_EXIT_SIGTERM = 143
};

/* Call first in main: progname is borrowed for the program's lifetime. */
void	 diag_init(const char *progname);
/*
 * 1 if descriptor fd (0, 1 or 2) was closed when diag_init ran: it is
 * held by /dev/null since, so that nothing else takes its number.
 */
int	 diag_std_closed(int fd);

/* 0 is quiet (errors and warnings only); each -v adds one. */
void	 diag_set_verbosity(int);
int	 diag_verbosity(void);
/* -q: no status line, no warnings, errors only. */
void	 diag_set_quiet(int);

/*
 * Register a secret (the API key): every message has each occurrence
 * replaced by "***".  The string is copied.  Several may be registered.
 */
void	 diag_add_secret(const char *);
/*
 * Where secret occurs in s, or NULL.  A secret of DIAG_SECRET_ANYWHERE
 * bytes or more is found anywhere; a shorter one, which could be part of
 * any text, only as a word of its own (the key "x" is not in "x-ray").
 */
#define DIAG_SECRET_ANYWHERE	8
const char *diag_find_secret(const char *s, const char *secret);
/*
 * Copy of s with every registered secret replaced by "***"; caller frees.
 * Tested alone.
 */
char	*diag_redact(const char *s);

void	 diag_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 diag_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Printed only when the verbosity is at least level. */
void	 diag_info(int level, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 diag_fatal(int status, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3), noreturn));
/* A usage error: the message, then "try 'prog --help'", exit 2. */
void	 diag_usage_error(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

/*
 * Text from the network or from input, made safe for a terminal by the
 * one rule of utf8_escape (utf8.h): controls (C0, C1), bad UTF-8 and
 * bidirectional overrides become \xNN.  Every message and status row goes
 * through the same rule as well.  Caller frees.
 */
char	*diag_escape(const char *s);

/*
 * The live status row (design.md): drawn on stderr only when stderr is a
 * terminal and not quiet, redrawn at most a few times a second, in one
 * block with the rows of the other programs on the terminal
 * (statusblock.h).  Messages print above the block.
 */
int	 diag_status_enabled(void);
void	 diag_status(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));
/* The row leaves the block, with no summary. */
void	 diag_status_clear(void);
/* The row leaves the block; the summary line "prog: ..." stays above. */
void	 diag_status_end(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));
/*
 * Force the status line on or off; -1 means decide by isatty.  For tests,
 * which cannot be a terminal (tested alone).
 */
void	 diag_status_force(int);

#endif
