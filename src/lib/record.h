/*
 * Records: one JSON object per line (design.md "The record").
 *
 * Ownership (json-c), kept everywhere:
 *  - json_object_new_* and a parse give you one reference: put it or hand
 *    it on.  record_set() and record_new() take the reference they are
 *    given (also on failure, which is fatal).
 *  - record_get() and json_object_object_get_ex() lend: the value lives
 *    while the record does and the key is not replaced.
 *  - serialized text from record_serialize() is borrowed until the next
 *    call on the record.
 */
#ifndef MJ_RECORD_H
#define MJ_RECORD_H

#include <stddef.h>
#include <stdio.h>

#include <json-c/json.h>

struct record {
	json_object	*obj;	/* a JSON object; owned */
	long		 line;	/* input line number, 0 if unknown */
	int		 mended;	/* record_parse changed a value: the raw
					   line is not what it read (lone
					   surrogates became U+FFFD) */
	int		 unread;	/* made by record_input_error: this
					   reader's, not an earlier program's */
};

/* The reserved top-level fields; record_reserved() tells if name is one. */
extern const char *const record_reserved_fields[];
int		 record_reserved(const char *name);

/* Takes obj, which must be an object. */
struct record	*record_new(json_object *obj, long line);
void		 record_free(struct record *);

/*
 * Parse one line.  Never NULL: a line that is not a JSON object gives
 * {"error":{"stage":"input","line":N,"message":"...","retryable":false},
 *  "input":"<raw line>"} (record_is_error() is then true).  The line is
 * read by jsonstrict (exactly RFC 8259 in UTF-8; jsonstrict.h says what
 * is refused and what is kept); tok is no longer used by it and is kept
 * for the callers that hold one.  A trailing '\r' is ignored.
 */
struct record	*record_parse(struct json_tokener *tok, const char *line,
		    size_t len, long lineno);
/* 1 if the line holds nothing but spaces, tabs and a CR: no record. */
int		 record_blank(const char *line, size_t len);
/*
 * The error record for input that cannot be used: {"error":{"stage":
 * "input","line":lineno,"message":msg,"retryable":false},"input":"<text>"},
 * the text kept as it was except that bytes which are not UTF-8 become
 * U+FFFD.  The caller owns the result.
 */
struct record	*record_input_error(const char *text, size_t len, long lineno,
		    const char *msg);
/*
 * mj-wait's bare task id (design.md): a line that is not a JSON object
 * but one word, as text, into id (size bytes): a JSON string's text, or
 * the word itself (a number keeps its digits: ids pass 2^53).  -1 if the
 * line is not one: it starts with '{' or '[' (JSON was meant: record_parse
 * says what is wrong), it is true, false or null, or it holds spaces,
 * quotes, braces, brackets, commas, backslashes or bytes that are not
 * UTF-8.
 */
int		 record_bare_id(const char *line, size_t len, char *id,
		    size_t size);
/* A tokener configured as record_parse wants it; json_tokener_free it. */
struct json_tokener *record_tokener_new(void);

/* Takes val; replaces any old value of key. */
void		 record_set(struct record *, const char *key, json_object *val);
/* The same with a new string holding a copy of val (tested alone). */
void		 record_set_string(struct record *, const char *key,
		    const char *val);
/* Borrowed, or NULL if absent. */
json_object	*record_get(const struct record *, const char *key);
/*
 * The string value of a top-level key, or NULL if absent / not a string.
 * Tested alone: the unit tests read records with it.
 */
const char	*record_get_string(const struct record *, const char *key);
void		 record_del(struct record *, const char *key);

/* True if the record carries an "error" object. */
int		 record_is_error(const struct record *);
/*
 * Set "error": {"stage":stage,"message":msg,"retryable":retryable}
 * plus "line" when rec->line > 0.  Returns the error object (borrowed) so
 * that callers can add "code" or "http" with json_add_int().
 */
json_object	*record_set_error(struct record *, const char *stage,
		    const char *msg, int retryable);

/*
 * Is this error record one that this reader made of input line lineno
 * (record_input_error: stage "input", that line, the raw "input")?  As
 * opposed to a record that came with an error of an earlier program, even
 * one of the same line number.  The one check every program makes.
 */
int		 record_is_input_error(const struct record *, long lineno);
/* If it is one, name it on stderr ("line N: why") and return 1; else 0. */
int		 record_say_input_error(const struct record *, long lineno);

/* task.id as text (numbers are turned into their digits), or NULL. */
const char	*record_task_id(const struct record *);
/* "task" object, or NULL. */
json_object	*record_task(const struct record *);

/*
 * One compact line, without a newline (no slash escaping); borrowed
 * until the next call on rec.  *lenp gets its length.  Always RFC 8259
 * in UTF-8: a value that would not be (read leniently from a server) is
 * mended first, in place (jsonmend.h).
 */
const char	*record_serialize(struct record *, size_t *lenp);
/* The same for any json-c value that is written out as a line. */
const char	*json_line(json_object *, size_t *lenp);
/* Serialize, one fwrite, fflush.  0, or -1 with errno (EPIPE: reader gone). */
int		 record_write(struct record *, FILE *);

/* Small json-c helpers that abort on failure (out of memory). */
void		 json_add(json_object *obj, const char *key, json_object *val);
void		 json_add_string(json_object *obj, const char *key,
		    const char *s);
void		 json_add_int(json_object *obj, const char *key, long long v);
void		 json_add_bool(json_object *obj, const char *key, int v);
/*
 * A value written out as the given JSON text, unparsed: parsing a body
 * again cost a quarter of mj-submit -n's time (json-c makes a new locale
 * for every parse).
 */
json_object	*json_raw(const char *text);
/* String value of obj[key] (numbers as digits), or NULL; borrowed. */
const char	*json_get_string(json_object *obj, const char *key);
/* RFC 3339 UTC time "2026-11-24T10:00:00Z" into out (at least 21 bytes). */
void		 rfc3339_now(char *out, size_t size);

#endif
