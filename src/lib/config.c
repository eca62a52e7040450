/*
 * Where to send requests and with which key: flags over the environment
 * over the defaults, checked once before anything is sent, and the
 * origin of the base URL kept so the key never goes to another host.
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

#include <curl/curl.h>

#include "buf.h"
#include "config.h"
#include "diag.h"
#include "xalloc.h"

#define KEY_MAX		4096	/* bytes of a key file's first line */

static const struct {
	const char	*name;
	const char	*value;
} modes[] = {
	{ "fast", "FAST" },
	{ "relax", "RELAX" },
	{ "turbo", "TURBO" },
};

static int
fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	ap;

	if (err != NULL && errlen > 0) {
		va_start(ap, fmt);
		/* a long message is cut short: that is all truncation costs */
		(void)vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static const char *
env(const char *name)
{
	const char	*s = getenv(name);

	return s != NULL && *s != '\0' ? s : NULL;
}

static void
wipe_free(char *s)
{
	if (s == NULL)
		return;
	explicit_bzero(s, strlen(s));
	free(s);
}

void
config_init(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->auth = -1;
}

void
config_free(struct config *c)
{
	if (c == NULL)
		return;
	free(c->base_url);
	free(c->key_file);
	free(c->mode);
	wipe_free(c->api_key);
	free(c->api_host);
	config_init(c);
}

int
config_set_auth(struct config *c, const char *s)
{
	if (strcasecmp(s, "bearer") == 0)
		c->auth = AUTH_BEARER;
	else if (strcasecmp(s, "mj-api-secret") == 0)
		c->auth = AUTH_MJ_API_SECRET;
	else
		return -1;
	return 0;
}

int
config_set_mode(struct config *c, const char *s)
{
	size_t	i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		if (strcasecmp(s, modes[i].name) == 0) {
			free(c->mode);
			c->mode = xstrdup(modes[i].value);
			return 0;
		}
	}
	return -1;
}

void
config_set_base_url(struct config *c, const char *s)
{
	free(c->base_url);
	c->base_url = xstrdup(s);
}

void
config_set_key_file(struct config *c, const char *s)
{
	free(c->key_file);
	c->key_file = xstrdup(s);
}

static void
lower(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

/*
 * "scheme://host:port" of an http or https URL, host in lower case and
 * the default port filled in; caller frees.  NULL (and why in err) for
 * anything else.
 */
static char *
origin(const char *url, char *err, size_t errlen)
{
	CURLU		*u;
	CURLUcode	 rc;
	char		*scheme = NULL, *host = NULL, *port = NULL, *o = NULL;

	if ((u = curl_url()) == NULL)
		xalloc_oom();
	if ((rc = curl_url_set(u, CURLUPART_URL, url, 0)) != CURLUE_OK ||
	    (rc = curl_url_get(u, CURLUPART_SCHEME, &scheme, 0)) != CURLUE_OK ||
	    (rc = curl_url_get(u, CURLUPART_HOST, &host, 0)) != CURLUE_OK ||
	    (rc = curl_url_get(u, CURLUPART_PORT, &port,
	    CURLU_DEFAULT_PORT)) != CURLUE_OK)
		(void)fail(err, errlen, "%s", curl_url_strerror(rc));
	else if (strcasecmp(scheme, "http") != 0 &&
	    strcasecmp(scheme, "https") != 0)
		(void)fail(err, errlen, "not http or https");
	else {
		lower(scheme);
		lower(host);
		o = xasprintf("%s://%s:%s", scheme, host, port);
	}
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return o;
}

/* A base URL with a query or a fragment cannot have paths appended. */
static int
has_query(const char *url)
{
	return strchr(url, '?') != NULL || strchr(url, '#') != NULL;
}

static int
finish_base_url(struct config *c, char *err, size_t errlen)
{
	char	 why[128], *show;
	size_t	 len;
	int	 ret = 0;

	if (c->base_url == NULL)
		c->base_url = xstrdup(env("MJ_BASE_URL") != NULL ?
		    env("MJ_BASE_URL") : CONFIG_DEFAULT_BASE_URL);
	len = strlen(c->base_url);
	while (len > 0 && c->base_url[len - 1] == '/')
		c->base_url[--len] = '\0';
	free(c->api_host);
	c->api_host = NULL;
	show = diag_escape(c->base_url);
	if (strncasecmp(c->base_url, "http://", 7) != 0 &&
	    strncasecmp(c->base_url, "https://", 8) != 0)
		ret = fail(err, errlen, "base URL must start with http:// or "
		    "https://: %s", show);
	else if (has_query(c->base_url))
		ret = fail(err, errlen, "base URL must not have a query or "
		    "fragment: %s", show);
	else if ((c->api_host = origin(c->base_url, why,
	    sizeof(why))) == NULL)
		ret = fail(err, errlen, "bad base URL: %s: %s", show, why);
	free(show);
	return ret;
}

static int
finish_auth(struct config *c, char *err, size_t errlen)
{
	const char	*s = env("MJ_AUTH");
	char		*show;

	if (c->auth != -1)
		return 0;
	c->auth = AUTH_BEARER;
	if (s == NULL || config_set_auth(c, s) == 0)
		return 0;
	show = diag_escape(s);
	(void)fail(err, errlen, "MJ_AUTH must be bearer or mj-api-secret: %s",
	    show);
	free(show);
	return -1;
}

static int
finish_mode(struct config *c, char *err, size_t errlen)
{
	const char	*s = env("MJ_MODE");
	char		*show;

	if (c->mode != NULL || s == NULL || config_set_mode(c, s) == 0)
		return 0;
	show = diag_escape(s);
	(void)fail(err, errlen, "MJ_MODE must be fast, relax or turbo: %s",
	    show);
	free(show);
	return -1;
}

/*
 * A key as it goes into a header: trailing white space dropped; no
 * control characters, which would let it end the header line.  Never put
 * the key into err.
 */
static int
check_key(char *key, const char *from, char *err, size_t errlen)
{
	size_t	len = strlen(key), i;

	while (len > 0 && isspace((unsigned char)key[len - 1]))
		key[--len] = '\0';
	if (len == 0)
		return fail(err, errlen, "%s: the key is empty", from);
	for (i = 0; i < len; i++)
		if (iscntrl((unsigned char)key[i]))
			return fail(err, errlen, "%s: the key has control "
			    "characters", from);
	return 0;
}

/* The first line of fd, up to KEY_MAX bytes, into line. */
static int
read_line(int fd, char *line, size_t size, size_t *lenp)
{
	ssize_t	 n;
	size_t	 len = 0;

	while (len + 1 < size) {
		n = read(fd, line + len, size - 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		if (n == 0 || memchr(line + len, '\n', (size_t)n) != NULL) {
			len += (size_t)n;
			break;
		}
		len += (size_t)n;
	}
	line[len] = '\0';
	*lenp = len;
	return 0;
}

/* The key from the first line of a key file (len bytes in line). */
static int
key_from_line(struct config *c, char *line, size_t len,
    const struct stat *st, const char *show, char *err, size_t errlen)
{
	char	*nl;

	if ((nl = memchr(line, '\n', len)) != NULL)
		len = (size_t)(nl - line);
	else if (len == KEY_MAX)
		return fail(err, errlen, "%s: the first line is too long for "
		    "a key", show);
	if (memchr(line, '\0', len) != NULL)
		return fail(err, errlen, "%s: the key has control characters",
		    show);
	line[len] = '\0';
	if (check_key(line, show, err, errlen) == -1)
		return -1;
	/* a pipe (<(pass show key)) has no permissions to speak of */
	if (S_ISREG(st->st_mode) && (st->st_mode & (S_IRGRP | S_IROTH)))
		diag_warn("%s: key file is readable by others; chmod 600 it",
		    show);
	c->api_key = xstrdup(line);
	return 0;
}

static int
read_key_file(struct config *c, const char *path, char *err, size_t errlen)
{
	char		 line[KEY_MAX + 1], *show;
	struct stat	 st;
	size_t		 len;
	int		 fd, ret;

	show = diag_escape(path);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1 ||
	    read_line(fd, line, sizeof(line), &len) == -1)
		ret = fail(err, errlen, "%s: %s", show, strerror(errno));
	else
		ret = key_from_line(c, line, len, &st, show, err, errlen);
	if (fd != -1)
		(void)close(fd);	/* read-only: nothing to lose */
	explicit_bzero(line, sizeof(line));
	free(show);
	return ret;
}

static int
key_from_env(struct config *c, const char *name, char *err, size_t errlen)
{
	const char	*s = env(name);

	if (s == NULL)
		return 0;
	c->api_key = xstrdup(s);
	if (check_key(c->api_key, name, err, errlen) == -1) {
		wipe_free(c->api_key);
		c->api_key = NULL;
		return -1;
	}
	return 0;
}

/* --api-key-file, MJ_API_KEY_FILE, MJ_API_KEY, COMETAPI_KEY: the first. */
static int
finish_key(struct config *c, int need_key, char *err, size_t errlen)
{
	wipe_free(c->api_key);
	c->api_key = NULL;
	if (c->key_file == NULL && env("MJ_API_KEY_FILE") != NULL)
		c->key_file = xstrdup(env("MJ_API_KEY_FILE"));
	if (c->key_file != NULL) {
		if (read_key_file(c, c->key_file, err, errlen) == -1)
			return -1;
	} else if (key_from_env(c, "MJ_API_KEY", err, errlen) == -1 ||
	    (c->api_key == NULL &&
	    key_from_env(c, "COMETAPI_KEY", err, errlen) == -1))
		return -1;
	if (c->api_key == NULL)
		return need_key ? fail(err, errlen, "no API key: set "
		    "MJ_API_KEY or use --api-key-file") : 0;
	diag_add_secret(c->api_key);
	return 0;
}

/* A key pasted into the wrong variable must not come back in err. */
static int
redacted(const struct config *c, char *err, size_t errlen)
{
	struct buf	 b = BUF_INIT;
	const char	*p, *hit;

	if (err == NULL || errlen == 0 || c->api_key == NULL)
		return -1;
	for (p = err; (hit = diag_find_secret(p, c->api_key)) != NULL;
	    p = hit + strlen(c->api_key)) {
		buf_append(&b, p, (size_t)(hit - p));
		buf_appends(&b, "***");
	}
	buf_appends(&b, p);
	/* cut short like any message; the key is gone either way */
	(void)snprintf(err, errlen, "%s", buf_str(&b));
	buf_free(&b);
	return -1;
}

int
config_finish(struct config *c, int need_key, char *err, size_t errlen)
{
	/* the key first: once known, diag can redact it */
	if (finish_key(c, need_key, err, errlen) == -1 ||
	    finish_base_url(c, err, errlen) == -1 ||
	    finish_auth(c, err, errlen) == -1 ||
	    finish_mode(c, err, errlen) == -1)
		return redacted(c, err, errlen);
	return 0;
}

char *
config_auth_header(const struct config *c)
{
	if (c->api_key == NULL)
		return NULL;
	if (c->auth == AUTH_MJ_API_SECRET)
		return xasprintf("mj-api-secret: %s", c->api_key);
	return xasprintf("Authorization: Bearer %s", c->api_key);
}

char *
config_url(const struct config *c, const char *path)
{
	const char	*base = c->base_url != NULL ? c->base_url :
			    CONFIG_DEFAULT_BASE_URL;

	if (path == NULL)
		path = "";
	return xasprintf("%s%s%s", base, *path == '/' || *path == '\0' ?
	    "" : "/", path);
}

int
config_is_api_host(const struct config *c, const char *url)
{
	char	*o;
	int	 same;

	if (c->api_host == NULL || url == NULL ||
	    (o = origin(url, NULL, 0)) == NULL)
		return 0;
	same = strcmp(o, c->api_host) == 0;
	free(o);
	return same;
}
