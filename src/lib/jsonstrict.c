/*
 * Strict JSON (RFC 8259): one recursive-descent reader that either only
 * checks a text (jsonstrict_valid) or also builds the json-c value
 * (jsonstrict_parse), so that what is checked is what is built.  Strings
 * are scanned once to find their end and check them; only a string that
 * holds escapes is decoded in a second pass.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonstrict.h"
#include "jsonx.h"
#include "utf8.h"
#include "xalloc.h"

struct jp {
	const unsigned char	*s;	/* the text's first byte */
	const unsigned char	*p;	/* the next byte to read */
	const unsigned char	*end;
	int			 build;	/* build values, not only check */
	int			 depth;
	struct jsonstrict_error	*err;
};

static int	value(struct jp *, json_object **);

static int
fail(struct jp *jp, const unsigned char *at, const char *fmt, ...)
{
	va_list	ap;

	if (jp->err != NULL) {
		jp->err->offset = (size_t)(at - jp->s);
		va_start(ap, fmt);
		(void)vsnprintf(jp->err->msg, sizeof(jp->err->msg), fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* "'x'" for a printable byte, else "byte 0xNN"; for messages. */
static const char *
show(const unsigned char *p, const unsigned char *end, char *out, size_t size)
{
	if (p >= end)
		(void)snprintf(out, size, "the end of the line");
	else if (*p > ' ' && *p < 0x7f)
		(void)snprintf(out, size, "'%c'", *p);
	else
		(void)snprintf(out, size, "byte 0x%02x", *p);
	return out;
}

static void
skip_space(struct jp *jp)
{
	while (jp->p < jp->end && (*jp->p == ' ' || *jp->p == '\t' ||
	    *jp->p == '\n' || *jp->p == '\r'))
		jp->p++;
}

static int
is_digit(const unsigned char *p, const unsigned char *end)
{
	return p < end && *p >= '0' && *p <= '9';
}

static int
hex4(const unsigned char *p, const unsigned char *end, unsigned *out)
{
	unsigned	v = 0, d;
	int		i;

	if (end - p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			d = p[i] - '0';
		else if ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'f')
			d = (p[i] | 0x20) - 'a' + 10;
		else
			return -1;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

/*
 * Scan p just past "\u": checks the escape (and the low half of a pair)
 * and returns the bytes it spans after the backslash, code point in *cp.
 * A lone surrogate gives its own value in *cp and sets *lone.
 */
static int
unicode_escape(struct jp *jp, const unsigned char *p, unsigned *cp, int *lone)
{
	unsigned	hi, lo;

	*lone = 0;
	if (hex4(p + 1, jp->end, &hi) == -1)
		return fail(jp, p - 1, "\\u needs four hex digits");
	*cp = hi;
	if (hi < 0xd800 || hi > 0xdfff)
		return 5;
	if (hi <= 0xdbff && jp->end - p >= 11 && p[5] == '\\' &&
	    p[6] == 'u' && hex4(p + 7, jp->end, &lo) == 0 &&
	    lo >= 0xdc00 && lo <= 0xdfff) {
		*cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
		return 11;
	}
	*lone = 1;
	return 5;
}

static size_t
put_utf8(unsigned char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xc0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xe0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * The bytes of the 8 at p that end or escape a string, are control
 * characters or start a UTF-8 sequence, as the high bit of each (the
 * "has a byte less than n" tricks); 0 when the word is plain text, which
 * is then checked a word at a time.  The lowest bit set is exact.
 */
static uint64_t
special8(const unsigned char *p)
{
	const uint64_t	ones = 0x0101010101010101ULL;
	const uint64_t	high = 0x8080808080808080ULL;
	uint64_t	w, q, b;

	memcpy(&w, p, sizeof(w));
	q = w ^ (ones * '"');
	b = w ^ (ones * '\\');
	return (w | ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) |
	    ((b - ones) & ~b)) & high;
}

/* Skip the plain text at p: to the first byte that needs a look. */
static const unsigned char *
skip_plain(const unsigned char *p, const unsigned char *end)
{
	uint64_t	m;

	while (end - p >= 8) {
		if ((m = special8(p)) == 0) {
			p += 8;
			continue;
		}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		p += __builtin_ctzll(m) >> 3;	/* the first byte in memory */
#endif
		break;
	}
	return p;
}

/*
 * Check the string whose opening quote is at jp->p; leave jp->p past the
 * closing quote.  *escaped tells whether it holds escapes.  A lone
 * surrogate in a key refuses the line: no UTF-8 holds it, and written
 * back as an escape it would stop the next reader (jq 1.6 refuses it).
 */
static int
scan_string(struct jp *jp, int is_key, int *escaped)
{
	const unsigned char	*p = jp->p + 1, *end = jp->end;
	unsigned		 cp;
	size_t			 n;
	int			 lone, k;

	*escaped = 0;
	for (;;) {
		p = skip_plain(p, end);
		if (p >= end)
			return fail(jp, p, "unexpected end of input inside a "
			    "string");
		if (*p == '"')
			break;
		if (*p == '\\') {
			*escaped = 1;
			if (p + 1 >= end)
				return fail(jp, p, "unexpected end of input "
				    "inside a string");
			switch (p[1]) {
			case '"': case '\\': case '/': case 'b': case 'f':
			case 'n': case 'r': case 't':
				p += 2;
				continue;
			case 'u':
				if ((k = unicode_escape(jp, p + 1, &cp,
				    &lone)) == -1)
					return -1;
				if (is_key && lone)
					return fail(jp, p, "a key holds a lone "
					    "surrogate (\\u%.4s), which is no "
					    "character", p + 2);
				p += 1 + k;
				continue;
			default:
				if (p[1] < 0x80 && p[1] > ' ')
					return fail(jp, p, "invalid escape "
					    "'\\%c' in a string", p[1]);
				return fail(jp, p, "invalid escape in a "
				    "string");
			}
		}
		if (*p < 0x20)
			return fail(jp, p, "a raw control character (U+%04X) "
			    "in a string: write it as an escape", *p);
		if (*p < 0x80) {
			p++;
			continue;
		}
		if ((n = utf8_seq_len(p, (size_t)(end - p))) == 0)
			return fail(jp, p, "not valid UTF-8");
		p += n;
	}
	jp->p = p + 1;
	return 0;
}

/*
 * Decode the checked string between the quotes at a and b into out.  In
 * a value a lone surrogate becomes U+FFFD.  In a key, U+0000, which a C
 * string cannot hold, becomes the marked escape 0xFF "u0000", which
 * json_line() writes back as "\\u0000": keys are never changed.
 */
static size_t
decode(const unsigned char *a, const unsigned char *b, unsigned char *out,
    int is_key, struct jp *jp)
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		*o = out;
	unsigned		 cp;
	int			 k, lone;

	while (a < b) {
		if (*a != '\\') {
			*o++ = *a++;
			continue;
		}
		switch (a[1]) {
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u':
			k = unicode_escape(jp, a + 1, &cp, &lone);
			a += 1 + k;
			if (is_key && cp == 0) {
				*o++ = JSONSTRICT_KEY_MARK;
				*o++ = 'u';
				*o++ = (unsigned char)hex[cp >> 12 & 0xf];
				*o++ = (unsigned char)hex[cp >> 8 & 0xf];
				*o++ = (unsigned char)hex[cp >> 4 & 0xf];
				*o++ = (unsigned char)hex[cp & 0xf];
				continue;
			}
			o += put_utf8(o, lone ? 0xfffd : cp);
			if (lone && jp->err != NULL)
				jp->err->replaced++;
			continue;
		default: *o++ = a[1]; break;	/* " \\ / */
		}
		a += 2;
	}
	return (size_t)(o - out);
}

/*
 * A string at jp->p.  With build: a key gets a NUL-ended copy in *key
 * (the caller frees it), a value a json-c string in *out.
 */
static int
string(struct jp *jp, int is_key, char **key, json_object **out)
{
	const unsigned char	*a = jp->p + 1, *b;
	unsigned char		 small[256], *text;
	size_t			 n;
	int			 escaped;

	if (scan_string(jp, is_key, &escaped) == -1)
		return -1;
	if (!jp->build)
		return 0;
	b = jp->p - 1;
	if (!escaped && !is_key) {
		*out = jx_new_string_len((const char *)a, (int)(b - a));
		return 0;
	}
	/* decoded text is never longer than its escaped form */
	n = (size_t)(b - a);
	text = is_key || n >= sizeof(small) ? xmalloc(n + 1) : small;
	n = escaped ? decode(a, b, text, is_key, jp) : (memcpy(text, a, n), n);
	text[n] = '\0';
	if (is_key) {
		*key = (char *)text;
		return 0;
	}
	*out = jx_new_string_len((const char *)text, (int)n);
	if (text != small)
		free(text);
	return 0;
}

/* An integer of 64 bits, or -1: the caller keeps the text instead. */
static int
int64_of(const unsigned char *a, const unsigned char *b, int64_t *out)
{
	uint64_t	v = 0, lim;
	int		neg = *a == '-';

	if (neg)
		a++;
	if (b - a > 19 || (neg && b - a == 1 && *a == '0'))
		return -1;	/* too long, or "-0": its sign would be lost */
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; a < b; a++) {
		if (v > (lim - (uint64_t)(*a - '0')) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*a - '0');
	}
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
}

static int
number(struct jp *jp, json_object **out)
{
	const unsigned char	*a = jp->p, *p = jp->p, *end = jp->end;
	char			 small[64], *text;
	int64_t			 i;
	size_t			 n;
	int			 integral = 1;

	if (*p == '-')
		p++;
	if (p < end && *p == 'I')
		return fail(jp, a, "NaN and Infinity are not JSON numbers");
	if (!is_digit(p, end))
		return fail(jp, a, "a '-' must be followed by a digit");
	if (*p == '0') {
		p++;
		if (is_digit(p, end))
			return fail(jp, a, "a number cannot have leading "
			    "zeros");
	} else
		while (is_digit(p, end))
			p++;
	if (p < end && *p == '.') {
		integral = 0;
		if (!is_digit(++p, end))
			return fail(jp, a, "a number needs a digit after '.'");
		while (is_digit(p, end))
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		integral = 0;
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (!is_digit(p, end))
			return fail(jp, a, "a number needs a digit in its "
			    "exponent");
		while (is_digit(p, end))
			p++;
	}
	jp->p = p;
	if (!jp->build)
		return 0;
	if (integral && int64_of(a, p, &i) == 0) {
		*out = jx_new_int64(i);
		return 0;
	}
	/* a double that is written back as it was read */
	n = (size_t)(p - a);
	text = n < sizeof(small) ? small : xmalloc(n + 1);
	memcpy(text, a, n);
	text[n] = '\0';
	*out = jx_new_double_s(strtod(text, NULL), text);
	if (text != small)
		free(text);
	return 0;
}

static int
word(struct jp *jp, json_object **out)
{
	static const char *const words[] = { "true", "false", "null" };
	size_t			 i, n;

	for (i = 0; i < 3; i++) {
		n = strlen(words[i]);
		if ((size_t)(jp->end - jp->p) >= n &&
		    memcmp(jp->p, words[i], n) == 0) {
			jp->p += n;
			if (jp->build)
				*out = i == 2 ? NULL :
				    jx_new_boolean(i == 0);
			return 0;
		}
	}
	return fail(jp, jp->p, "expected a value (true, false and null are "
	    "written in lower case)");
}

static int
enter(struct jp *jp)
{
	if (++jp->depth > JSONSTRICT_MAX_DEPTH)
		return fail(jp, jp->p, "nesting deeper than %d levels",
		    JSONSTRICT_MAX_DEPTH);
	jp->p++;
	skip_space(jp);
	return 0;
}

/* The closing byte next: taken, and the level left. */
static int
closes(struct jp *jp, unsigned char close)
{
	if (jp->p >= jp->end || *jp->p != close)
		return 0;
	jp->p++;
	jp->depth--;
	return 1;
}

/* After a member or an element: ',' or the closing byte. */
static int
next_item(struct jp *jp, unsigned char close, int *more)
{
	char	what[24];

	skip_space(jp);
	if (jp->p < jp->end && *jp->p == ',') {
		jp->p++;
		skip_space(jp);
		if (jp->p < jp->end && *jp->p == close)
			return fail(jp, jp->p - 1, "a comma before '%c'",
			    close);
		*more = 1;
		return 0;
	}
	if (closes(jp, close)) {
		*more = 0;
		return 0;
	}
	if (jp->p >= jp->end)
		return fail(jp, jp->p, "unexpected end of input");
	return fail(jp, jp->p, "expected ',' or '%c', got %s", close,
	    show(jp->p, jp->end, what, sizeof(what)));
}

static int
member(struct jp *jp, json_object *obj)
{
	json_object	*v = NULL;
	char		*key = NULL, what[24];

	if (jp->p >= jp->end)
		return fail(jp, jp->p, "unexpected end of input");
	if (*jp->p == '\'')
		return fail(jp, jp->p, "strings take double quotes, not "
		    "single");
	if (*jp->p != '"')
		return fail(jp, jp->p, "expected a key in double quotes, got "
		    "%s", show(jp->p, jp->end, what, sizeof(what)));
	if (string(jp, 1, &key, NULL) == -1)
		return -1;
	skip_space(jp);
	if (jp->p >= jp->end || *jp->p != ':') {
		free(key);
		return fail(jp, jp->p, jp->p >= jp->end ? "unexpected end of "
		    "input" : "expected ':' after a key");
	}
	jp->p++;
	skip_space(jp);
	if (value(jp, &v) == -1) {
		free(key);
		return -1;
	}
	if (jp->build) {
		/* a key given twice: the last value wins, as in most readers */
		if (json_object_object_add(obj, key, v) != 0)
			xalloc_oom();
		free(key);
	}
	return 0;
}

static int
element(struct jp *jp, json_object *arr)
{
	json_object	*v = NULL;

	if (value(jp, &v) == -1)
		return -1;
	if (jp->build)
		jx_array_add(arr, v);
	return 0;
}

/* An object ('}' closes it) or an array (']'): its items, then close. */
static int
container(struct jp *jp, json_object **out, unsigned char close)
{
	json_object	*c = NULL;
	int		 more;

	if (enter(jp) == -1)
		return -1;
	if (jp->build)
		c = close == '}' ? jx_new_object() : jx_new_array();
	more = !closes(jp, close);
	while (more)
		if ((close == '}' ? member(jp, c) : element(jp, c)) == -1 ||
		    next_item(jp, close, &more) == -1) {
			json_object_put(c);
			return -1;
		}
	if (jp->build)
		*out = c;
	return 0;
}

static int
value(struct jp *jp, json_object **out)
{
	char	what[24];

	if (jp->p >= jp->end)
		return fail(jp, jp->p, "unexpected end of input");
	switch (*jp->p) {
	case '{':
		return container(jp, out, '}');
	case '[':
		return container(jp, out, ']');
	case '"':
		return string(jp, 0, NULL, out);
	case '-': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return number(jp, out);
	case 't': case 'f': case 'n':
		return word(jp, out);
	case 'N': case 'I':
		return fail(jp, jp->p, "NaN and Infinity are not JSON numbers");
	case '\'':
		return fail(jp, jp->p, "strings take double quotes, not "
		    "single");
	case '+':
		return fail(jp, jp->p, "a number cannot start with '+'");
	case '.':
		return fail(jp, jp->p, "a number needs a digit before '.'");
	default:
		return fail(jp, jp->p, "expected a value, got %s",
		    show(jp->p, jp->end, what, sizeof(what)));
	}
}

static int
text(struct jp *jp, json_object **out)
{
	skip_space(jp);
	if (jp->p >= jp->end)
		return fail(jp, jp->p, "no JSON value on the line");
	if (value(jp, out) == -1)
		return -1;
	skip_space(jp);
	if (jp->p < jp->end) {
		if (jp->build)
			json_object_put(*out);
		return fail(jp, jp->p, "text after the JSON value");
	}
	return 0;
}

static void
jp_init(struct jp *jp, const char *s, size_t len, int build,
    struct jsonstrict_error *err)
{
	jp->s = jp->p = (const unsigned char *)s;
	jp->end = jp->s + len;
	jp->build = build;
	jp->depth = 0;
	jp->err = err;
}

json_object *
jsonstrict_parse(const char *s, size_t len, struct jsonstrict_error *err)
{
	struct jp	 jp;
	json_object	*v = NULL;

	jp_init(&jp, s, len, 1, err);
	err->offset = 0;
	err->msg[0] = '\0';
	err->replaced = 0;
	if (text(&jp, &v) == -1)
		return NULL;
	return v;
}

int
jsonstrict_valid(const char *s, size_t len)
{
	struct jp	jp;

	jp_init(&jp, s, len, 0, NULL);
	return text(&jp, NULL) == 0;
}

int
jsonstrict_number(const char *s, size_t len)
{
	struct jp	jp;

	jp_init(&jp, s, len, 0, NULL);
	if (len == 0 || !(*s == '-' || (*s >= '0' && *s <= '9')))
		return 0;
	return number(&jp, NULL) == 0 && jp.p == jp.end;
}
