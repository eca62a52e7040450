/*
 * The price table (prices.h): a small fixed grid of kinds by modes, read
 * from "kind mode price" lines, and decimals read by hand into integers
 * so that no sum of money ever goes through floating point.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "prices.h"
#include "xalloc.h"

/* CometAPI's model names (mj-fast-KIND) where it has one. */
const char *const prices_kinds[] = {
	"imagine", "upscale", "upscale-subtle", "upscale-creative",
	"variation", "low-variation", "high-variation", "reroll", "zoom",
	"custom-zoom", "pan", "inpaint", "modal", "blend", "describe",
	"shorten", "video", "extend", "edit", "retexture", NULL
};
#define NKINDS	(sizeof(prices_kinds) / sizeof(prices_kinds[0]) - 1)

static const char *const modes[] = { "fast", "relax", "turbo", "*" };
#define NMODES	(sizeof(modes) / sizeof(modes[0]))
#define ANY	(NMODES - 1)

#define FIELD_MAX	64
#define INT_DIGITS	10
#define FRAC_DIGITS	6

struct prices {
	int64_t	price[NKINDS][NMODES];	/* -1: no line */
	size_t	line[NKINDS][NMODES];
};

static int
kind_index(const char *name, size_t len)
{
	size_t	k;

	for (k = 0; k < NKINDS; k++)
		if (strlen(prices_kinds[k]) == len &&
		    strncasecmp(prices_kinds[k], name, len) == 0)
			return (int)k;
	return -1;
}

int
prices_kind_known(const char *name)
{
	return kind_index(name, strlen(name)) >= 0;
}

static int
mode_index(const char *name, size_t len)
{
	size_t	m;

	for (m = 0; m < NMODES; m++)
		if (strlen(modes[m]) == len &&
		    strncasecmp(modes[m], name, len) == 0)
			return (int)m;
	return -1;
}

int
price_parse(const char *s, size_t len, int64_t *micros)
{
	int64_t	 units = 0, frac = 0;
	size_t	 i = 0, idigits = 0, fdigits = 0;

	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, idigits++) {
		if (idigits == INT_DIGITS)
			return -1;
		units = units * 10 + (s[i] - '0');
	}
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
			if (++fdigits > FRAC_DIGITS)
				return -1;
			frac = frac * 10 + (s[i] - '0');
		}
	if (i != len || idigits + fdigits == 0)
		return -1;
	for (; fdigits < FRAC_DIGITS; fdigits++)
		frac *= 10;
	if (units > PRICE_MAX / PRICE_SCALE ||
	    units * PRICE_SCALE + frac > PRICE_MAX)
		return -1;
	*micros = units * PRICE_SCALE + frac;
	return 0;
}

void
price_format(int64_t micros, char *buf, size_t size)
{
	const char	*sign = micros < 0 ? "-" : "";
	uint64_t	 m = micros < 0 ? (uint64_t)-(micros + 1) + 1 :
			    (uint64_t)micros;
	int		 n;

	n = snprintf(buf, size, "%s%llu.%06llu", sign,
	    (unsigned long long)(m / PRICE_SCALE),
	    (unsigned long long)(m % PRICE_SCALE));
	if (n < 0 || (size_t)n >= size)
		return;
	/* keep two places: money reads "0.50", not "0.5" */
	while (n > 3 && buf[n - 1] == '0' && buf[n - 3] != '.')
		buf[--n] = '\0';
}

static int
line_fail(char *err, size_t errlen, const char *name, size_t lineno,
    const char *fmt, const char *what, size_t wlen)
{
	char	msg[256];

	(void)snprintf(msg, sizeof(msg), fmt, (int)wlen, what);
	(void)snprintf(err, errlen, "%s:%zu: %s", name, lineno, msg);
	return -1;
}

/* Split a line into at most 4 blank-separated fields; the count. */
static size_t
fields(const char *s, size_t len, const char **f, size_t *flen)
{
	size_t	 i = 0, n = 0, start;

	while (i < len) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == len || s[i] == '#')
			break;
		start = i;
		while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '#')
			i++;
		if (n < 4) {
			f[n] = s + start;
			flen[n] = i - start;
		}
		n++;
	}
	return n;
}

static int
parse_line(struct prices *p, const char *s, size_t len, const char *name,
    size_t lineno, char *err, size_t errlen)
{
	const char	*f[4];
	size_t		 flen[4], n;
	int		 k, m;
	int64_t		 micros;

	if (len > 0 && s[len - 1] == '\r')
		len--;
	if ((n = fields(s, len, f, flen)) == 0)
		return 0;
	if (n != 3)
		return line_fail(err, errlen, name, lineno, "expected 'kind "
		    "mode price', as in 'imagine fast 0.05'", "", 0);
	if ((k = kind_index(f[0], flen[0])) < 0)
		return line_fail(err, errlen, name, lineno, "unknown kind "
		    "'%.*s' (see mj-submit(1), COST)", f[0],
		    flen[0] > FIELD_MAX ? FIELD_MAX : flen[0]);
	if ((m = mode_index(f[1], flen[1])) < 0)
		return line_fail(err, errlen, name, lineno, "unknown mode "
		    "'%.*s': fast, relax, turbo or *", f[1],
		    flen[1] > FIELD_MAX ? FIELD_MAX : flen[1]);
	if (price_parse(f[2], flen[2], &micros) == -1)
		return line_fail(err, errlen, name, lineno, "not a price: "
		    "'%.*s' (a decimal with at most 6 places, as 0.05)", f[2],
		    flen[2] > FIELD_MAX ? FIELD_MAX : flen[2]);
	if (p->price[k][m] >= 0) {
		(void)snprintf(err, errlen, "%s:%zu: %s %s has a price on line "
		    "%zu already", name, lineno, prices_kinds[k], modes[m],
		    p->line[k][m]);
		return -1;
	}
	p->price[k][m] = micros;
	p->line[k][m] = lineno;
	return 0;
}

struct prices *
prices_parse(const char *text, size_t len, const char *name, char *err,
    size_t errlen)
{
	struct prices	*p;
	const char	*nl, *end = text + len;
	size_t		 k, m, lineno = 0;

	p = xmalloc(sizeof(*p));
	for (k = 0; k < NKINDS; k++)
		for (m = 0; m < NMODES; m++)
			p->price[k][m] = -1;
	while (text < end) {
		nl = memchr(text, '\n', (size_t)(end - text));
		if (nl == NULL)
			nl = end;
		if (parse_line(p, text, (size_t)(nl - text), name, ++lineno,
		    err, errlen) == -1) {
			free(p);
			return NULL;
		}
		text = nl + 1;
	}
	return p;
}

struct prices *
prices_load(const char *path, char *err, size_t errlen)
{
	struct prices	*p = NULL;
	FILE		*f;
	char		*text;
	size_t		 len;

	if ((f = fopen(path, "r")) == NULL) {
		(void)snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	text = xmalloc(PRICES_FILE_MAX + 1);
	len = fread(text, 1, PRICES_FILE_MAX + 1, f);
	if (ferror(f))
		(void)snprintf(err, errlen, "%s: %s", path, strerror(errno));
	else if (len > PRICES_FILE_MAX)
		(void)snprintf(err, errlen, "%s: larger than %d bytes", path,
		    PRICES_FILE_MAX);
	else
		p = prices_parse(text, len, path, err, errlen);
	free(text);
	if (fclose(f) != 0 && p != NULL) {
		(void)snprintf(err, errlen, "%s: %s", path, strerror(errno));
		prices_free(p);
		p = NULL;
	}
	return p;
}

void
prices_free(struct prices *p)
{
	free(p);
}

int
prices_lookup(const struct prices *p, const char *kind, const char *mode,
    int64_t *micros)
{
	int	k, m;

	if (kind == NULL || (k = kind_index(kind, strlen(kind))) < 0)
		return -1;
	m = mode != NULL ? mode_index(mode, strlen(mode)) : (int)ANY;
	if (m >= 0 && p->price[k][m] >= 0) {
		*micros = p->price[k][m];
		return 0;
	}
	if (p->price[k][ANY] >= 0) {
		*micros = p->price[k][ANY];
		return 0;
	}
	return -1;
}

/* Names as --action and the buttons give them (api.c, button_kinds). */
static const struct {
	const char	*name;
	const char	*kind;
} action_names[] = {
	{ "U1", "upscale" }, { "U2", "upscale" }, { "U3", "upscale" },
	{ "U4", "upscale" }, { "upscale", "upscale" },
	{ "V1", "variation" }, { "V2", "variation" }, { "V3", "variation" },
	{ "V4", "variation" }, { "vary", "variation" },
	{ "reroll", "reroll" }, { "\U0001F504", "reroll" },
	{ "Upscale (Subtle)", "upscale-subtle" },
	{ "Upscale (Creative)", "upscale-creative" },
	{ "Vary (Subtle)", "low-variation" },
	{ "Vary (Strong)", "high-variation" },
	{ "Vary (Region)", "inpaint" },
	{ "Zoom Out 2x", "zoom" }, { "Zoom Out 1.5x", "zoom" },
	{ "Make Square", "zoom" }, { "Custom Zoom", "custom-zoom" },
	{ "Pan Left", "pan" }, { "Pan Right", "pan" }, { "Pan Up", "pan" },
	{ "Pan Down", "pan" }, { "left", "pan" }, { "right", "pan" },
	{ "up", "pan" }, { "down", "pan" },
	{ "\u2B05\uFE0F", "pan" }, { "\u27A1\uFE0F", "pan" },
	{ "\u2B06\uFE0F", "pan" }, { "\u2B07\uFE0F", "pan" },
	{ "extend", "extend" }, { "extend1", "extend" },
	{ "extend2", "extend" }, { "extend3", "extend" },
	{ "extend4", "extend" },
	{ "Animate (High motion)", "video" },
	{ "Animate (Low motion)", "video" },
};

/* The customId's first part after "MJ::" and "JOB::", as a prefix. */
static const struct {
	const char	*prefix;
	const char	*suffix;	/* of the same part, or NULL */
	const char	*kind;
} custom_ids[] = {
	{ "upsample::", NULL, "upscale" },
	{ "upsample_", "subtle", "upscale-subtle" },
	{ "upsample_", "creative", "upscale-creative" },
	{ "variation::", NULL, "variation" },
	{ "low_variation", NULL, "low-variation" },
	{ "high_variation", NULL, "high-variation" },
	{ "reroll", NULL, "reroll" },
	{ "Outpaint", NULL, "zoom" },
	{ "CustomZoom", NULL, "custom-zoom" },
	{ "pan_", NULL, "pan" },
	{ "Inpaint", NULL, "inpaint" },
	{ "animate", NULL, "video" },
};

static const char *
kind_of_custom_id(const char *cid)
{
	const char	*end;
	size_t		 i, plen, slen, len;

	if (strncmp(cid, "MJ::", 4) == 0)
		cid += 4;
	if (strncmp(cid, "JOB::", 5) == 0)
		cid += 5;
	end = strstr(cid, "::");
	len = end != NULL ? (size_t)(end - cid) : strlen(cid);
	for (i = 0; i < sizeof(custom_ids) / sizeof(custom_ids[0]); i++) {
		plen = strlen(custom_ids[i].prefix);
		if (strncasecmp(cid, custom_ids[i].prefix, plen) != 0)
			continue;
		if (custom_ids[i].suffix == NULL)
			return custom_ids[i].kind;
		slen = strlen(custom_ids[i].suffix);
		if (len >= plen + slen && strncasecmp(cid + len - slen,
		    custom_ids[i].suffix, slen) == 0)
			return custom_ids[i].kind;
	}
	return NULL;
}

const char *
prices_kind_of_action(const char *name, const char *custom_id)
{
	size_t	i;

	for (i = 0; name != NULL &&
	    i < sizeof(action_names) / sizeof(action_names[0]); i++)
		if (strcasecmp(name, action_names[i].name) == 0)
			return action_names[i].kind;
	return custom_id != NULL ? kind_of_custom_id(custom_id) : NULL;
}

const char *
prices_kind_of_endpoint(const char *endpoint)
{
	static const struct {
		const char	*endpoint;
		const char	*kind;
	} e[] = {
		{ "/mj/submit/imagine", "imagine" },
		{ "/mj/submit/blend", "blend" },
		{ "/mj/submit/describe", "describe" },
		{ "/mj/submit/shorten", "shorten" },
		{ "/mj/submit/video", "video" },
		{ "/mj/submit/modal", "modal" },
		{ "/mj/submit/edits", "edit" },
		{ "/mj/submit/edit", "edit" },
		{ "/mj/submit/retexture", "retexture" },
	};
	size_t	i;

	for (i = 0; endpoint != NULL && i < sizeof(e) / sizeof(e[0]); i++)
		if (strcmp(endpoint, e[i].endpoint) == 0)
			return e[i].kind;
	return NULL;
}
