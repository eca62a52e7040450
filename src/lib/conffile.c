/*
 * Reading the config file: one pass over the lines, each checked as it is
 * read, into a flat list of (section, name, value, line).  Lookups walk
 * the list backwards, so the last line of a name wins.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "conffile.h"
#include "diag.h"
#include "xalloc.h"

#define SECTION_MAX	64	/* bytes of a profile name */
#define SETTLE_MAX	86400	/* seconds, as --settle */

enum kind { KIND_PATH, KIND_ENUM, KIND_URL, KIND_SECONDS };

static const struct setting {
	const char	*name;
	enum kind	 kind;
	const char	*values[4];	/* KIND_ENUM: the allowed ones */
} settings[] = {
	{ "api-key-file",	KIND_PATH,	{ NULL } },
	{ "auth",		KIND_ENUM,	{ "bearer", "mj-api-secret" } },
	{ "base-url",		KIND_URL,	{ NULL } },
	{ "metrics-dir",	KIND_PATH,	{ NULL } },
	{ "mode",		KIND_ENUM,	{ "fast", "relax", "turbo" } },
	{ "settle",		KIND_SECONDS,	{ NULL } },
};
#define NSETTINGS	(sizeof(settings) / sizeof(settings[0]))

/* Names people give the key itself: refused with the reason. */
static const char *const key_names[] = {
	"key", "api-key", "api_key", "apikey", "token", "secret"
};

struct entry {
	char			*section;	/* NULL: the top of the file */
	const struct setting	*setting;
	char			*value;
	long			 line;
};

struct conffile {
	char		*path;
	char		*dir;		/* for relative paths */
	struct entry	*entries;
	size_t		 n, cap;
	char		**sections;
	size_t		 nsections;
	char		*section;	/* current, borrowed from sections */
};

struct parse {
	struct conffile	*cf;
	long		 line;
	char		*err;
	size_t		 errlen;
};

static int
fail(struct parse *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "PATH:LINE: why" into err; -1. */
static int
fail(struct parse *p, const char *fmt, ...)
{
	char	 why[256], *show;
	va_list	 ap;

	if (p->err == NULL || p->errlen == 0)
		return -1;
	va_start(ap, fmt);
	/* a long message is cut short: that is all truncation costs */
	(void)vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	show = diag_escape(p->cf->path);
	(void)snprintf(p->err, p->errlen, "%s:%ld: %s", show, p->line, why);
	free(show);
	return -1;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* s[0..*len) without blanks at both ends. */
static const char *
trim(const char *s, size_t *len)
{
	while (*len > 0 && is_blank(*s)) {
		s++;
		(*len)--;
	}
	while (*len > 0 && is_blank(s[*len - 1]))
		(*len)--;
	return s;
}

static int
check_text(struct parse *p, const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\t')
			return fail(p, "a control character (\\x%02x)",
			    (unsigned char)s[i]);
		else if (s[i] == 0x7f)
			return fail(p, "a control character (\\x7f)");
	return 0;
}

static int
section_line(struct parse *p, const char *s, size_t len)
{
	struct conffile	*cf = p->cf;
	const char	*name;
	size_t		 i, n;

	if (s[len - 1] != ']')
		return fail(p, "a section is [name]");
	n = len - 2;
	name = trim(s + 1, &n);
	if (n == 0 || n > SECTION_MAX)
		return fail(p, "a profile name is 1 to %d characters",
		    SECTION_MAX);
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)name[i]) &&
		    strchr("-_.", name[i]) == NULL)
			return fail(p, "a profile name is letters, digits, "
			    "'-', '_' and '.'");
	for (i = 0; i < cf->nsections; i++)
		if (strlen(cf->sections[i]) == n &&
		    memcmp(cf->sections[i], name, n) == 0) {
			cf->section = cf->sections[i];
			return 0;
		}
	cf->sections = xreallocarray(cf->sections, cf->nsections + 1,
	    sizeof(*cf->sections));
	cf->section = cf->sections[cf->nsections++] = xstrndup(name, n);
	return 0;
}

static const struct setting *
find_setting(const char *name, size_t len)
{
	size_t	i;

	for (i = 0; i < NSETTINGS; i++)
		if (strlen(settings[i].name) == len &&
		    memcmp(settings[i].name, name, len) == 0)
			return &settings[i];
	return NULL;
}

static int
is_key_name(const char *name, size_t len)
{
	size_t	i;

	for (i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++)
		if (strlen(key_names[i]) == len &&
		    strncasecmp(key_names[i], name, len) == 0)
			return 1;
	return 0;
}

static int
check_enum(struct parse *p, const struct setting *s, const char *v)
{
	size_t	i;

	for (i = 0; s->values[i] != NULL; i++)
		if (strcasecmp(v, s->values[i]) == 0)
			return 0;
	if (s->values[2] != NULL)
		return fail(p, "%s must be %s, %s or %s: %s", s->name,
		    s->values[0], s->values[1], s->values[2], v);
	return fail(p, "%s must be %s or %s: %s", s->name, s->values[0],
	    s->values[1], v);
}

static int
check_seconds(struct parse *p, const struct setting *s, const char *v)
{
	char		*end;
	unsigned long	 n;

	errno = 0;
	n = strtoul(v, &end, 10);
	if (*v < '0' || *v > '9' || *end != '\0' || errno != 0 ||
	    n > SETTLE_MAX)
		return fail(p, "%s must be 0 to %d seconds: %s", s->name,
		    SETTLE_MAX, v);
	return 0;
}

static int
check_url(struct parse *p, const struct setting *s, const char *v)
{
	if (strncasecmp(v, "http://", 7) != 0 &&
	    strncasecmp(v, "https://", 8) != 0)
		return fail(p, "%s must start with http:// or https://",
		    s->name);
	if (strchr(v, '?') != NULL || strchr(v, '#') != NULL)
		return fail(p, "%s must not have a query or fragment",
		    s->name);
	return 0;
}

/* A path as written: "~/x" from $HOME, "x" from the file's directory. */
static char *
resolve(struct parse *p, const char *v)
{
	const char	*home = getenv("HOME");

	if (strncmp(v, "~/", 2) == 0) {
		if (home == NULL || *home == '\0') {
			(void)fail(p, "~ in a path, and HOME is not set");
			return NULL;
		}
		return xasprintf("%s%s", home, v + 1);
	}
	if (*v == '/')
		return xstrdup(v);
	return xasprintf("%s/%s", p->cf->dir, v);
}

static int
add(struct parse *p, const struct setting *s, const char *v, size_t len)
{
	struct conffile	*cf = p->cf;
	char		*value = xstrndup(v, len), *path;
	int		 ret = 0;

	if (s->kind == KIND_ENUM)
		ret = check_enum(p, s, value);
	else if (s->kind == KIND_SECONDS)
		ret = check_seconds(p, s, value);
	else if (s->kind == KIND_URL)
		ret = check_url(p, s, value);
	else if ((path = resolve(p, value)) == NULL)
		ret = -1;
	else {
		free(value);
		value = path;
	}
	if (ret == -1) {
		free(value);
		return -1;
	}
	if (cf->n == cf->cap) {
		cf->cap = cf->cap != 0 ? cf->cap * 2 : 8;
		cf->entries = xreallocarray(cf->entries, cf->cap,
		    sizeof(*cf->entries));
	}
	cf->entries[cf->n].section = cf->section;
	cf->entries[cf->n].setting = s;
	cf->entries[cf->n].value = value;
	cf->entries[cf->n].line = p->line;
	cf->n++;
	return 0;
}

static int
setting_line(struct parse *p, const char *s, size_t len)
{
	const struct setting	*set;
	const char		*eq, *name, *value;
	size_t			 nlen, vlen;

	if ((eq = memchr(s, '=', len)) == NULL)
		return fail(p, "expected 'name = value'");
	nlen = (size_t)(eq - s);
	name = trim(s, &nlen);
	vlen = len - (size_t)(eq - s) - 1;
	value = trim(eq + 1, &vlen);
	if (is_key_name(name, nlen))
		return fail(p, "the API key is never read from the config "
		    "file, which is shared and copied more than a key should "
		    "be: put it in a file of its own (chmod 600) and name "
		    "that file with api-key-file");
	if ((set = find_setting(name, nlen)) == NULL)
		return fail(p, "unknown setting '%.*s' (known: api-key-file, "
		    "auth, base-url, metrics-dir, mode, settle)",
		    (int)(nlen > 40 ? 40 : nlen), name);
	if (vlen == 0)
		return fail(p, "%s has no value", set->name);
	return add(p, set, value, vlen);
}

static int
parse_line(struct parse *p, const char *s, size_t len)
{
	if (memchr(s, '\0', len) != NULL)
		return fail(p, "a NUL byte");
	/* a file written on Windows ends its lines with \r\n */
	if (len > 0 && s[len - 1] == '\r')
		len--;
	if (check_text(p, s, len) == -1)
		return -1;
	s = trim(s, &len);
	if (len == 0 || *s == '#')
		return 0;
	if (*s == '[')
		return section_line(p, s, len);
	return setting_line(p, s, len);
}

static char *
dir_of(const char *path)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("");	/* resolve() adds the '/': not "//x" */
	return xstrndup(path, (size_t)(slash - path));
}

struct conffile *
conffile_parse(const char *path, const char *text, size_t len, char *err,
    size_t errlen)
{
	struct parse	 p = { NULL, 0, err, errlen };
	const char	*end = text + len, *nl;
	size_t		 n;

	p.cf = xcalloc(1, sizeof(*p.cf));
	p.cf->path = xstrdup(path);
	p.cf->dir = dir_of(path);
	while (text < end) {
		nl = memchr(text, '\n', (size_t)(end - text));
		n = nl != NULL ? (size_t)(nl - text) : (size_t)(end - text);
		p.line++;
		if (parse_line(&p, text, n) == -1) {
			conffile_free(p.cf);
			return NULL;
		}
		text += n + (nl != NULL);
	}
	p.cf->section = NULL;
	return p.cf;
}

/* The whole of fd, at most CONFFILE_MAX bytes; caller frees. */
static char *
read_all(int fd, size_t *lenp)
{
	char	*text = xmalloc(CONFFILE_MAX + 1);
	size_t	 len = 0;
	ssize_t	 n;

	while (len <= CONFFILE_MAX) {
		n = read(fd, text + len, CONFFILE_MAX + 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			free(text);
			return NULL;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	*lenp = len;
	return text;
}

static int
load_fd(const char *path, const char *show, int fd, struct conffile **out,
    char *err, size_t errlen)
{
	struct stat	 st;
	char		*text;
	size_t		 len;

	if (fstat(fd, &st) == -1 || (text = read_all(fd, &len)) == NULL) {
		(void)snprintf(err, errlen, "%s: %s", show, strerror(errno));
		return -1;
	}
	if (S_ISREG(st.st_mode) && (st.st_mode & (S_IWGRP | S_IWOTH))) {
		(void)snprintf(err, errlen, "%s: writable by group or others, "
		    "who could send the key elsewhere: chmod go-w it", show);
		free(text);
		return -1;
	}
	if (len > CONFFILE_MAX) {
		(void)snprintf(err, errlen, "%s: over %d bytes: not a config "
		    "file", show, CONFFILE_MAX);
		free(text);
		return -1;
	}
	*out = conffile_parse(path, text, len, err, errlen);
	free(text);
	return *out != NULL ? 0 : -1;
}

int
conffile_load(const char *path, int missing_ok, struct conffile **out,
    char *err, size_t errlen)
{
	char	*show = diag_escape(path);
	int	 fd, ret;

	*out = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		ret = missing_ok && errno == ENOENT ? 0 : -1;
		if (ret == -1)
			(void)snprintf(err, errlen, "%s: %s", show,
			    strerror(errno));
		free(show);
		return ret;
	}
	ret = load_fd(path, show, fd, out, err, errlen);
	(void)close(fd);	/* read-only: nothing to lose */
	free(show);
	return ret;
}

void
conffile_free(struct conffile *cf)
{
	size_t	i;

	if (cf == NULL)
		return;
	for (i = 0; i < cf->n; i++)
		free(cf->entries[i].value);
	for (i = 0; i < cf->nsections; i++)
		free(cf->sections[i]);
	free(cf->entries);
	free(cf->sections);
	free(cf->path);
	free(cf->dir);
	free(cf);
}

const char *
conffile_path(const struct conffile *cf)
{
	return cf->path;
}

int
conffile_has_profile(const struct conffile *cf, const char *name)
{
	size_t	i;

	for (i = 0; i < cf->nsections; i++)
		if (strcmp(cf->sections[i], name) == 0)
			return 1;
	return 0;
}

const char *
conffile_get(const struct conffile *cf, const char *profile,
    const char *name, long *lineno)
{
	const struct entry	*e;
	size_t			 i;

	for (i = cf->n; i > 0; i--) {
		e = &cf->entries[i - 1];
		if (strcmp(e->setting->name, name) != 0)
			continue;
		if (profile == NULL ? e->section != NULL :
		    e->section == NULL || strcmp(e->section, profile) != 0)
			continue;
		if (lineno != NULL)
			*lineno = e->line;
		return e->value;
	}
	return NULL;
}
