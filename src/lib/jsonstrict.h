/*
 * Strict JSON: exactly RFC 8259 in strict UTF-8 (utf8.h), at every
 * boundary where mjpipe reads or writes a record line.
 *
 * The reader builds json-c values itself rather than through json-c's
 * tokener, which lets through what RFC 8259 forbids ("-2.", "-01",
 * single quotes, raw control characters, NaN) and changes what it reads
 * (a key cut at U+0000, "-0" read as 0, integers past 2^64 clamped).
 * Numbers keep their text: what is read is written back byte for byte.
 *
 * The writer's side: jsonstrict_valid() checks a serialized line, and
 * jsonmend.h mends a value that would not serialize as JSON (a server's
 * reply, read leniently): see mjpipe(7), "Strict JSON".
 */
#ifndef MJ_JSONSTRICT_H
#define MJ_JSONSTRICT_H

#include <stddef.h>

#include <json-c/json.h>

/*
 * Deeper nesting is refused (RFC 8259 section 9 lets a parser set a
 * limit): jq 1.6, as Debian 12 has it, reads no deeper, and what mjpipe
 * writes must be read by the next program.
 */
#define JSONSTRICT_MAX_DEPTH	255

struct jsonstrict_error {
	size_t	offset;		/* the byte (0-based) where reading stopped */
	char	msg[96];	/* what was wrong there */
	size_t	replaced;	/* lone surrogates read as U+FFFD */
};

/*
 * One JSON text of len bytes (a value between optional whitespace) as a
 * json-c value the caller owns.  NULL on error, err filled in; a JSON
 * null is returned as NULL too, with err->msg[0] == '\0'.
 *  - Keys are never changed: U+0000 in a key, which a C string cannot
 *    hold, is kept as the marked escape JSONSTRICT_KEY_MARK "u0000",
 *    which json_line() (record.h) writes back as \u0000
 *    (jsonmend_unmark); a key holding a lone UTF-16 surrogate (\ud800),
 *    which is no character, is an error.
 *  - In a string value, U+0000 is kept; a lone surrogate becomes U+FFFD.
 *  - An integer that fits 64 bits (other than "-0") is an int; any other
 *    number is a double that keeps its text.
 */
#define JSONSTRICT_KEY_MARK	0xff	/* never in UTF-8 */
json_object	*jsonstrict_parse(const char *s, size_t len,
		    struct jsonstrict_error *err);
/* 1 if the len bytes are one JSON text (RFC 8259) in valid UTF-8. */
int		 jsonstrict_valid(const char *s, size_t len);
/* 1 if the len bytes are one JSON number (RFC 8259 section 6). */
int		 jsonstrict_number(const char *s, size_t len);
#endif
