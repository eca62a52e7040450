/*
 * Strict UTF-8 (RFC 3629, Unicode table 3-7): no overlong forms, no UTF-16
 * surrogates, nothing past U+10FFFF.  One validator for every module that
 * lets text through, so that what one accepts the next one can read.
 */
#ifndef MJ_UTF8_H
#define MJ_UTF8_H

#include <stddef.h>

#include "buf.h"

/*
 * Length (1 to 4) of the well-formed sequence that starts at p, looking at
 * no more than avail bytes; 0 if there is none (a bad or truncated
 * sequence, or avail 0).  A NUL byte is a sequence of 1: callers that
 * cannot carry one check for it themselves.
 */
size_t	 utf8_seq_len(const unsigned char *p, size_t avail);
/* 1 if the len bytes at s are all well-formed sequences, else 0. */
int	 utf8_valid(const char *s, size_t len);
/*
 * A copy of the len bytes at s in which each byte that starts no
 * well-formed sequence becomes U+FFFD (and so does a NUL byte when
 * no_nul is set); NUL-ended, *outlen (if not NULL) gets its length.
 * The caller frees it.
 */
char	*utf8_fix(const char *s, size_t len, size_t *outlen, int no_nul);

/*
 * The one rule for text put on a terminal (diag's messages, the status
 * block): the len bytes at s appended to out, with every byte that could
 * steer a terminal or is not well-formed UTF-8 written as \xNN: C0
 * controls and DEL, C1 controls (U+0080..U+009F, each of their two
 * bytes), each byte of a bad sequence (overlong, surrogate, past U+10FFFF,
 * truncated), and each byte of a bidirectional override or isolate
 * (U+202A..U+202E, U+2066..U+2069).  Backslashes pass as they are, so
 * escaping escaped text changes nothing.
 */
void	 utf8_escape(struct buf *out, const char *s, size_t len);

#endif
