/*
 * Where to send requests and with which key: flags over the environment
 * over the config file over the defaults, checked once before anything
 * is sent, and the origin of the base URL kept so the key never goes to
 * another host.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <curl/curl.h>

#include "buf.h"
#include "conffile.h"
#include "config.h"
#include "diag.h"
#include "errf.h"
#include "xalloc.h"

#define KEY_MAX		4096	/* bytes of a key file's first line */
#define SETTLE_MAX	86400	/* seconds */

static const struct {
	const char	*name;
	const char	*value;
} modes[] = {
	{ "fast", "FAST" },
	{ "relax", "RELAX" },
	{ "turbo", "TURBO" },
};


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
	c->settle_s = -1;
}

void
config_free(struct config *c)
{
	size_t	i;

	if (c == NULL)
		return;
	free(c->base_url);
	free(c->key_file);
	free(c->mode);
	free(c->conf_path);
	free(c->profile);
	free(c->metrics_dir);
	wipe_free(c->api_key);
	free(c->api_host);
	conffile_free(c->file);
	for (i = 0; i < CONFIG_NSETTINGS; i++)
		free(c->origin[i]);
	config_init(c);
}

static void
set_origin(struct config *c, enum config_setting which, const char *from)
{
	free(c->origin[which]);
	c->origin[which] = from != NULL ? xstrdup(from) : NULL;
}

const char *
config_origin(const struct config *c, enum config_setting which)
{
	return c->origin[which];
}

/*
 * The config file's value for name: its profile's, else its top
 * section's.  *from gets "PATH:LINE [profile]" (caller frees) or NULL.
 */
static const char *
file_value(const struct config *c, const char *name, char **from)
{
	const char	*v = NULL;
	char		*show;
	long		 line = 0;

	*from = NULL;
	if (c->file == NULL)
		return NULL;
	show = diag_escape(conffile_path(c->file));
	if (c->profile != NULL &&
	    (v = conffile_get(c->file, c->profile, name, &line)) != NULL)
		*from = xasprintf("%s:%ld [%s]", show, line, c->profile);
	else if ((v = conffile_get(c->file, NULL, name, &line)) != NULL)
		*from = xasprintf("%s:%ld", show, line);
	free(show);
	return v;
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

void
config_set_settle(struct config *c, long long seconds)
{
	c->settle_s = seconds;
}

void
config_set_conf_path(struct config *c, const char *s)
{
	free(c->conf_path);
	c->conf_path = xstrdup(s);
}

void
config_set_profile(struct config *c, const char *s)
{
	free(c->profile);
	c->profile = xstrdup(s);
}

/*
 * The config file's path when neither --config nor MJ_CONFIG names one:
 * $XDG_CONFIG_HOME/mjpipe/config, else ~/.config/mjpipe/config; caller
 * frees; NULL if neither variable is set.
 */
static char *
config_default_path(void)
{
	const char	*xdg = env("XDG_CONFIG_HOME"), *home = env("HOME");

	/* the XDG base directory spec: a relative value is to be ignored */
	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/mjpipe/config", xdg);
	if (home != NULL)
		return xasprintf("%s/.config/mjpipe/config", home);
	return NULL;
}

static int
no_profile(struct config *c, const char *path, char *err, size_t errlen)
{
	char	*show = diag_escape(path), *name = diag_escape(c->profile);
	int	 ret;

	if (c->file == NULL)
		ret = errf(err, errlen, "profile %s: no config file %s", name,
		    show);
	else
		ret = errf(err, errlen, "%s: no profile [%s]", show, name);
	free(show);
	free(name);
	return ret;
}

/* --config, MJ_CONFIG or the default path; --profile or MJ_PROFILE. */
static int
load_file(struct config *c, char *err, size_t errlen)
{
	char	*path;
	int	 ret;

	if (c->conf_path == NULL && env("MJ_CONFIG") != NULL)
		c->conf_path = xstrdup(env("MJ_CONFIG"));
	if (c->profile == NULL && env("MJ_PROFILE") != NULL)
		c->profile = xstrdup(env("MJ_PROFILE"));
	conffile_free(c->file);
	c->file = NULL;
	path = c->conf_path != NULL ? xstrdup(c->conf_path) :
	    config_default_path();
	if (path == NULL)
		return c->profile != NULL ? errf(err, errlen, "profile %s: "
		    "no config file: HOME is not set", c->profile) : 0;
	/* the default file is optional; one named is not */
	ret = conffile_load(path, c->conf_path == NULL, &c->file, err,
	    errlen);
	if (ret == 0 && c->profile != NULL && (c->file == NULL ||
	    !conffile_has_profile(c->file, c->profile)))
		ret = no_profile(c, path, err, errlen);
	free(path);
	return ret;
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
		(void)errf(err, errlen, "%s", curl_url_strerror(rc));
	else if (strcasecmp(scheme, "http") != 0 &&
	    strcasecmp(scheme, "https") != 0)
		(void)errf(err, errlen, "not http or https");
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

/* The base URL from flag, environment, file, default; its origin. */
static void
pick_base_url(struct config *c, char **in_file)
{
	const char	*v;
	char		*from;

	*in_file = NULL;
	if (c->base_url != NULL)
		set_origin(c, CONFIG_BASE_URL, "--base-url");
	else if (env("MJ_BASE_URL") != NULL) {
		c->base_url = xstrdup(env("MJ_BASE_URL"));
		set_origin(c, CONFIG_BASE_URL, "MJ_BASE_URL");
	} else if ((v = file_value(c, "base-url", &from)) != NULL) {
		c->base_url = xstrdup(v);
		set_origin(c, CONFIG_BASE_URL, from);
		*in_file = from;
	} else {
		c->base_url = xstrdup(CONFIG_DEFAULT_BASE_URL);
		set_origin(c, CONFIG_BASE_URL, "default");
	}
}

static int
finish_base_url(struct config *c, char *err, size_t errlen)
{
	char	 why[128], *show, *in_file;
	size_t	 len;
	int	 ret = 0;

	pick_base_url(c, &in_file);
	len = strlen(c->base_url);
	while (len > 0 && c->base_url[len - 1] == '/')
		c->base_url[--len] = '\0';
	free(c->api_host);
	c->api_host = NULL;
	show = diag_escape(c->base_url);
	if (strncasecmp(c->base_url, "http://", 7) != 0 &&
	    strncasecmp(c->base_url, "https://", 8) != 0)
		ret = errf(err, errlen, "base URL must start with http:// or "
		    "https://: %s", show);
	else if (has_query(c->base_url))
		ret = errf(err, errlen, "base URL must not have a query or "
		    "fragment: %s", show);
	else if ((c->api_host = origin(c->base_url, why,
	    sizeof(why))) == NULL)
		ret = errf(err, errlen, "%s%sbad base URL: %s: %s",
		    in_file != NULL ? in_file : "", in_file != NULL ? ": " : "",
		    show, why);
	free(show);
	free(in_file);
	return ret;
}

static int
finish_auth(struct config *c, char *err, size_t errlen)
{
	const char	*s = env("MJ_AUTH"), *v;
	char		*show, *from;

	if (c->auth != -1) {
		set_origin(c, CONFIG_AUTH, "--auth");
		return 0;
	}
	c->auth = AUTH_BEARER;
	set_origin(c, CONFIG_AUTH, "default");
	if (s == NULL && (v = file_value(c, "auth", &from)) != NULL) {
		/* conffile checked the value */
		(void)config_set_auth(c, v);
		set_origin(c, CONFIG_AUTH, from);
		free(from);
		return 0;
	}
	if (s != NULL)
		set_origin(c, CONFIG_AUTH, "MJ_AUTH");
	if (s == NULL || config_set_auth(c, s) == 0)
		return 0;
	show = diag_escape(s);
	(void)errf(err, errlen, "MJ_AUTH must be bearer or mj-api-secret: %s",
	    show);
	free(show);
	return -1;
}

static int
finish_mode(struct config *c, char *err, size_t errlen)
{
	const char	*s = env("MJ_MODE"), *v;
	char		*show, *from;

	if (c->mode != NULL) {
		set_origin(c, CONFIG_MODE, "--mode");
		return 0;
	}
	if (s == NULL && (v = file_value(c, "mode", &from)) != NULL) {
		/* conffile checked the value */
		(void)config_set_mode(c, v);
		set_origin(c, CONFIG_MODE, from);
		free(from);
		return 0;
	}
	if (s == NULL)
		return 0;
	set_origin(c, CONFIG_MODE, "MJ_MODE");
	if (config_set_mode(c, s) == 0)
		return 0;
	show = diag_escape(s);
	(void)errf(err, errlen, "MJ_MODE must be fast, relax or turbo: %s",
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
		return errf(err, errlen, "%s: the key is empty", from);
	for (i = 0; i < len; i++)
		if (iscntrl((unsigned char)key[i]))
			return errf(err, errlen, "%s: the key has control "
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
		return errf(err, errlen, "%s: the first line is too long for "
		    "a key", show);
	if (memchr(line, '\0', len) != NULL)
		return errf(err, errlen, "%s: the key has control characters",
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
		ret = errf(err, errlen, "%s: %s", show, strerror(errno));
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
	set_origin(c, CONFIG_KEY, name);
	c->api_key = xstrdup(s);
	if (check_key(c->api_key, name, err, errlen) == -1) {
		wipe_free(c->api_key);
		c->api_key = NULL;
		return -1;
	}
	return 0;
}

/* A key file named in the config file: its errors say where. */
static int
key_from_conf(struct config *c, char *err, size_t errlen)
{
	const char	*v;
	char		 why[512], *from;
	int		 ret = 0;

	if ((v = file_value(c, "api-key-file", &from)) == NULL)
		return 0;
	c->key_file = xstrdup(v);
	set_origin(c, CONFIG_KEY, from);
	if (read_key_file(c, c->key_file, why, sizeof(why)) == -1)
		ret = errf(err, errlen, "%s: %s", from, why);
	free(from);
	return ret;
}

/*
 * --api-key-file, MJ_API_KEY_FILE, MJ_API_KEY, COMETAPI_KEY, the config
 * file's api-key-file: the first.
 */
static int
finish_key(struct config *c, int need_key, char *err, size_t errlen)
{
	wipe_free(c->api_key);
	c->api_key = NULL;
	if (c->key_file != NULL)
		set_origin(c, CONFIG_KEY, "--api-key-file");
	else if (env("MJ_API_KEY_FILE") != NULL) {
		c->key_file = xstrdup(env("MJ_API_KEY_FILE"));
		set_origin(c, CONFIG_KEY, "MJ_API_KEY_FILE");
	}
	if (c->key_file != NULL) {
		if (read_key_file(c, c->key_file, err, errlen) == -1)
			return -1;
	} else if (key_from_env(c, "MJ_API_KEY", err, errlen) == -1 ||
	    (c->api_key == NULL &&
	    key_from_env(c, "COMETAPI_KEY", err, errlen) == -1) ||
	    (c->api_key == NULL && key_from_conf(c, err, errlen) == -1))
		return -1;
	if (c->api_key == NULL)
		return need_key ? errf(err, errlen, "no API key: set "
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

static int
finish_settle(struct config *c, char *err, size_t errlen)
{
	const char	*s = env("MJ_SETTLE"), *v;
	char		*end, *show, *from;
	unsigned long	 n;

	if (c->settle_s != -1) {
		set_origin(c, CONFIG_SETTLE, "--settle");
		return 0;
	}
	if (s == NULL && (v = file_value(c, "settle", &from)) != NULL) {
		/* conffile checked the value */
		c->settle_s = strtoll(v, NULL, 10);
		set_origin(c, CONFIG_SETTLE, from);
		free(from);
		return 0;
	}
	c->settle_s = CONFIG_DEFAULT_SETTLE;
	set_origin(c, CONFIG_SETTLE, s != NULL ? "MJ_SETTLE" : "default");
	if (s == NULL)
		return 0;
	errno = 0;
	n = strtoul(s, &end, 10);
	if (*s >= '0' && *s <= '9' && *end == '\0' && errno == 0 &&
	    n <= SETTLE_MAX) {
		c->settle_s = (long long)n;
		return 0;
	}
	show = diag_escape(s);
	(void)errf(err, errlen, "MJ_SETTLE: must be 0 to %d: %s", SETTLE_MAX,
	    show);
	free(show);
	return -1;
}

static void
finish_metrics_dir(struct config *c)
{
	const char	*v;
	char		*from;

	free(c->metrics_dir);
	c->metrics_dir = NULL;
	if (env("MJ_METRICS_DIR") != NULL) {
		c->metrics_dir = xstrdup(env("MJ_METRICS_DIR"));
		set_origin(c, CONFIG_METRICS_DIR, "MJ_METRICS_DIR");
	} else if ((v = file_value(c, "metrics-dir", &from)) != NULL) {
		c->metrics_dir = xstrdup(v);
		set_origin(c, CONFIG_METRICS_DIR, from);
		free(from);
	}
}

static const char *
or_none(const char *s)
{
	return s != NULL ? s : "none";
}

/* -v: the config file read and the profile. */
static void
say_file(const struct config *c)
{
	char	*show;

	if (diag_verbosity() < 1)
		return;
	show = diag_escape(c->file != NULL ? conffile_path(c->file) :
	    "none");
	diag_info(1, "config file: %s%s%s", show, c->profile != NULL ?
	    ", profile " : "", c->profile != NULL ? c->profile : "");
	free(show);
}

/* -v: each setting and where it came from. */
static void
say_origins(const struct config *c)
{
	char	*show;

	if (diag_verbosity() < 1)
		return;
	say_file(c);
	show = diag_escape(c->base_url);
	diag_info(1, "base-url %s (%s)", show, c->origin[CONFIG_BASE_URL]);
	free(show);
	diag_info(1, "key from %s", or_none(c->origin[CONFIG_KEY]));
	diag_info(1, "auth %s (%s)", c->auth == AUTH_MJ_API_SECRET ?
	    "mj-api-secret" : "bearer", c->origin[CONFIG_AUTH]);
	diag_info(1, "mode %s (%s)", c->mode != NULL ? c->mode :
	    "the account's default", or_none(c->origin[CONFIG_MODE]));
	diag_info(1, "settle %llds (%s)", c->settle_s,
	    c->origin[CONFIG_SETTLE]);
	if (c->metrics_dir != NULL) {
		show = diag_escape(c->metrics_dir);
		diag_info(1, "metrics-dir %s (%s)", show,
		    c->origin[CONFIG_METRICS_DIR]);
		free(show);
	}
}

int
config_finish(struct config *c, int need_key, char *err, size_t errlen)
{
	/* the file first: a mistake in it is found before anything else */
	if (load_file(c, err, errlen) == -1)
		return -1;
	/* the key next: once known, diag can redact it */
	if (finish_key(c, need_key, err, errlen) == -1 ||
	    finish_base_url(c, err, errlen) == -1 ||
	    finish_auth(c, err, errlen) == -1 ||
	    finish_mode(c, err, errlen) == -1 ||
	    finish_settle(c, err, errlen) == -1)
		return redacted(c, err, errlen);
	finish_metrics_dir(c);
	say_origins(c);
	return 0;
}

int
config_finish_local(struct config *c, char *err, size_t errlen)
{
	if (load_file(c, err, errlen) == -1)
		return -1;
	finish_metrics_dir(c);
	say_file(c);
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
