/*
 * config: flags over the environment over the defaults for each setting,
 * key files, the base URL, which URLs count as the API host, and that the
 * key never shows in a message.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "diag.h"
#include "tap.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const env_names[] = { "MJ_BASE_URL", "MJ_API_KEY",
    "COMETAPI_KEY", "MJ_API_KEY_FILE", "MJ_AUTH", "MJ_MODE" };

static char	tmpdir[] = "/tmp/test_config.XXXXXX";

static void
clear_env(void)
{
	size_t	i;

	for (i = 0; i < NITEMS(env_names); i++)
		unsetenv(env_names[i]);
}

static void
set_env(const char *name, const char *value)
{
	if (value != NULL)
		setenv(name, value, 1);
	else
		unsetenv(name);
}

/* A file in tmpdir with this content and mode; the path is static. */
static const char *
key_file(const char *name, const char *content, size_t len, mode_t mode)
{
	static char	path[4][256];
	static int	next;
	char		*p = path[next++ % 4];
	int		 fd;

	snprintf(p, sizeof(path[0]), "%s/%s", tmpdir, name);
	unlink(p);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd == -1 || write(fd, content, len) != (ssize_t)len ||
	    fchmod(fd, mode) == -1 || close(fd) == -1)
		printf("# cannot write %s\n", p);
	return p;
}

struct finish_call {
	struct config	*c;
	int		 need_key, ret;
	char		*err;
	size_t		 errlen;
};

static void
finish_call(void *arg)
{
	struct finish_call	*f = arg;

	f->ret = config_finish(f->c, f->need_key, f->err, f->errlen);
}

/* config_finish, and what it wrote on stderr in out. */
static int
finish_capture(struct config *c, int need_key, char *err, size_t errlen,
    char *out, size_t outlen)
{
	struct finish_call	 f = { c, need_key, -2, err, errlen };

	(void)tap_stderr_of(finish_call, &f, out, outlen);
	return f.ret;
}

static const struct {
	const char	*flag;
	const char	*env;
	int		 ret;
	const char	*base;
	const char	*host;
	const char	*err;
} bases[] = {
	{ NULL, NULL, 0, "https://api.cometapi.com",
	    "https://api.cometapi.com:443", NULL },
	{ NULL, "http://127.0.0.1:8080/", 0, "http://127.0.0.1:8080",
	    "http://127.0.0.1:8080", NULL },
	{ "https://flag.example/mj-fast/", "http://env.example", 0,
	    "https://flag.example/mj-fast", "https://flag.example:443", NULL },
	{ NULL, "https://env.example/mj-relax", 0,
	    "https://env.example/mj-relax", "https://env.example:443", NULL },
	{ "HTTPS://API.Example.COM/mj-turbo//", NULL, 0,
	    "HTTPS://API.Example.COM/mj-turbo", "https://api.example.com:443",
	    NULL },
	{ "http://[::1]:9/", NULL, 0, "http://[::1]:9", "http://[::1]:9",
	    NULL },
	{ "http://h.example:80", NULL, 0, "http://h.example:80",
	    "http://h.example:80", NULL },
	{ "ftp://files.example", NULL, -1, NULL, NULL,
	    "base URL must start with http:// or https://: "
	    "ftp://files.example" },
	{ NULL, "api.cometapi.com", -1, NULL, NULL,
	    "base URL must start with http:// or https://: api.cometapi.com" },
	{ "", "https://env.example", -1, NULL, NULL,
	    "base URL must start with http:// or https://: " },
	{ "https://x.example/?a=1", NULL, -1, NULL, NULL,
	    "base URL must not have a query or fragment: "
	    "https://x.example/?a=1" },
	{ "https://x.example/#top", NULL, -1, NULL, NULL,
	    "base URL must not have a query or fragment: "
	    "https://x.example/#top" },
	{ "https://", NULL, -1, NULL, NULL,
	    "base URL must start with http:// or https://: https:" },
	{ "http://a b.example/", NULL, -1, NULL, NULL,
	    "bad base URL: http://a b.example: " },
	{ "http://bad\x1bhost/", NULL, -1, NULL, NULL,
	    "bad base URL: http://bad\\x1bhost" },
};

static void
test_bases(void)
{
	struct config	c;
	char		err[256];
	size_t		i;
	int		ret;

	for (i = 0; i < NITEMS(bases); i++) {
		clear_env();
		set_env("MJ_BASE_URL", bases[i].env);
		config_init(&c);
		if (bases[i].flag != NULL)
			config_set_base_url(&c, bases[i].flag);
		strcpy(err, "unset");
		ret = config_finish(&c, 0, err, sizeof(err));
		TAP_INT(ret, bases[i].ret, "base %zu: return", i);
		if (ret == 0) {
			TAP_STR(c.base_url, bases[i].base, "base %zu: url", i);
			TAP_STR(c.api_host, bases[i].host, "base %zu: host", i);
		} else
			TAP_OK(strncmp(err, bases[i].err,
			    strlen(bases[i].err)) == 0,
			    "base %zu: err '%s' starts '%s'", i, err,
			    bases[i].err);
		config_free(&c);
	}
}

static const struct {
	const char	*flag;
	int		 flag_ret;
	const char	*env;
	int		 ret;
	int		 auth;
	const char	*err;
} auths[] = {
	{ NULL, 0, NULL, 0, AUTH_BEARER, NULL },
	{ NULL, 0, "mj-api-secret", 0, AUTH_MJ_API_SECRET, NULL },
	{ NULL, 0, "MJ-API-SECRET", 0, AUTH_MJ_API_SECRET, NULL },
	{ NULL, 0, "Bearer", 0, AUTH_BEARER, NULL },
	{ "bearer", 0, "mj-api-secret", 0, AUTH_BEARER, NULL },
	{ "mj-api-secret", 0, "bearer", 0, AUTH_MJ_API_SECRET, NULL },
	{ "mj-api-secret", 0, "basic", 0, AUTH_MJ_API_SECRET, NULL },
	{ "basic", -1, NULL, 0, AUTH_BEARER, NULL },
	{ NULL, 0, "basic", -1, 0,
	    "MJ_AUTH must be bearer or mj-api-secret: basic" },
};

static void
test_auths(void)
{
	struct config	c;
	char		err[256], *h;
	size_t		i;
	int		ret;

	for (i = 0; i < NITEMS(auths); i++) {
		clear_env();
		set_env("MJ_AUTH", auths[i].env);
		setenv("MJ_API_KEY", "k-auth", 1);
		config_init(&c);
		if (auths[i].flag != NULL)
			TAP_INT(config_set_auth(&c, auths[i].flag),
			    auths[i].flag_ret, "auth %zu: flag", i);
		strcpy(err, "unset");
		ret = config_finish(&c, 1, err, sizeof(err));
		TAP_INT(ret, auths[i].ret, "auth %zu: return", i);
		if (ret == -1) {
			TAP_STR(err, auths[i].err, "auth %zu: err", i);
			config_free(&c);
			continue;
		}
		TAP_INT(c.auth, auths[i].auth, "auth %zu: style", i);
		h = config_auth_header(&c);
		TAP_STR(h, auths[i].auth == AUTH_BEARER ?
		    "Authorization: Bearer k-auth" : "mj-api-secret: k-auth",
		    "auth %zu: header", i);
		free(h);
		config_free(&c);
	}
}

static const struct {
	const char	*flag;
	int		 flag_ret;
	const char	*env;
	int		 ret;
	const char	*mode;
	const char	*err;
} modes[] = {
	{ NULL, 0, NULL, 0, NULL, NULL },
	{ NULL, 0, "fast", 0, "FAST", NULL },
	{ NULL, 0, "Relax", 0, "RELAX", NULL },
	{ NULL, 0, "TURBO", 0, "TURBO", NULL },
	{ "relax", 0, "turbo", 0, "RELAX", NULL },
	{ "turbo", 0, "slow", 0, "TURBO", NULL },
	{ "slow", -1, "fast", 0, "FAST", NULL },
	{ "", -1, NULL, 0, NULL, NULL },
	{ NULL, 0, "slow", -1, NULL,
	    "MJ_MODE must be fast, relax or turbo: slow" },
};

static void
test_modes(void)
{
	struct config	c;
	char		err[256];
	size_t		i;
	int		ret;

	for (i = 0; i < NITEMS(modes); i++) {
		clear_env();
		set_env("MJ_MODE", modes[i].env);
		config_init(&c);
		if (modes[i].flag != NULL)
			TAP_INT(config_set_mode(&c, modes[i].flag),
			    modes[i].flag_ret, "mode %zu: flag", i);
		strcpy(err, "unset");
		ret = config_finish(&c, 0, err, sizeof(err));
		TAP_INT(ret, modes[i].ret, "mode %zu: return", i);
		if (ret == 0)
			TAP_STR(c.mode, modes[i].mode, "mode %zu: mode", i);
		else
			TAP_STR(err, modes[i].err, "mode %zu: err", i);
		config_free(&c);
	}
}

/* Key files: F is the flag's file, E the one MJ_API_KEY_FILE names. */
static const struct {
	const char	*flag_file;	/* content, or NULL: no flag */
	const char	*env_file;	/* content, or NULL: not set */
	const char	*mj_api_key;
	const char	*cometapi_key;
	int		 need_key;
	int		 ret;
	const char	*key;
	const char	*err;		/* err ends with this */
} keys[] = {
	{ NULL, NULL, NULL, NULL, 1, -1, NULL,
	    "no API key: set MJ_API_KEY or use --api-key-file" },
	{ NULL, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ NULL, NULL, "k-env", NULL, 1, 0, "k-env", NULL },
	{ NULL, NULL, NULL, "k-comet", 1, 0, "k-comet", NULL },
	{ NULL, NULL, "k-env", "k-comet", 1, 0, "k-env", NULL },
	{ NULL, NULL, "", "k-comet", 1, 0, "k-comet", NULL },
	{ "k-flag\n", NULL, "k-env", "k-comet", 1, 0, "k-flag", NULL },
	{ NULL, "k-efile\n", "k-env", "k-comet", 1, 0, "k-efile", NULL },
	{ "k-flag\n", "k-efile\n", "k-env", NULL, 1, 0, "k-flag", NULL },
	{ "k-flag \t\r\nsecond line\n", NULL, NULL, NULL, 1, 0, "k-flag",
	    NULL },
	{ "k-flag\r\n", NULL, NULL, NULL, 1, 0, "k-flag", NULL },
	{ "k-no-newline", NULL, NULL, NULL, 1, 0, "k-no-newline", NULL },
	{ "k-flag", NULL, NULL, NULL, 0, 0, "k-flag", NULL },
	{ "\n", NULL, "k-env", NULL, 1, -1, NULL, ": the key is empty" },
	{ "", NULL, NULL, NULL, 0, -1, NULL, ": the key is empty" },
	{ " \r\n", NULL, NULL, NULL, 1, -1, NULL, ": the key is empty" },
	{ "k\x01y\n", NULL, NULL, NULL, 1, -1, NULL,
	    ": the key has control characters" },
	{ NULL, NULL, "k-env\n", NULL, 1, 0, "k-env", NULL },
	{ NULL, NULL, "a\rb", NULL, 1, -1, NULL,
	    "MJ_API_KEY: the key has control characters" },
	{ NULL, NULL, " ", NULL, 1, -1, NULL,
	    "MJ_API_KEY: the key is empty" },
};

static void
test_keys(void)
{
	struct config	 c;
	const char	*f;
	char		 err[512], out[512];
	size_t		 i;
	int		 ret;

	for (i = 0; i < NITEMS(keys); i++) {
		clear_env();
		set_env("MJ_API_KEY", keys[i].mj_api_key);
		set_env("COMETAPI_KEY", keys[i].cometapi_key);
		if (keys[i].env_file != NULL)
			setenv("MJ_API_KEY_FILE", key_file("efile",
			    keys[i].env_file, strlen(keys[i].env_file), 0600),
			    1);
		config_init(&c);
		if (keys[i].flag_file != NULL) {
			f = key_file("ffile", keys[i].flag_file,
			    strlen(keys[i].flag_file), 0600);
			config_set_key_file(&c, f);
		}
		strcpy(err, "unset");
		ret = finish_capture(&c, keys[i].need_key, err, sizeof(err),
		    out, sizeof(out));
		TAP_INT(ret, keys[i].ret, "key %zu: return", i);
		TAP_STR(c.api_key, keys[i].key, "key %zu: key", i);
		if (ret == -1)
			TAP_OK(strlen(err) >= strlen(keys[i].err) &&
			    strcmp(err + strlen(err) - strlen(keys[i].err),
			    keys[i].err) == 0, "key %zu: err '%s' ends '%s'",
			    i, err, keys[i].err);
		TAP_STR(out, "", "key %zu: nothing on stderr", i);
		config_free(&c);
	}
}

/* A NUL in the first line is refused; a long line is not a key. */
static void
test_key_file_edges(void)
{
	struct config	 c;
	char		 err[512], out[512], big[5000];

	clear_env();
	config_init(&c);
	config_set_key_file(&c, key_file("nul", "ab\0cd\n", 6, 0600));
	TAP_INT(finish_capture(&c, 1, err, sizeof(err), out, sizeof(out)),
	    -1, "NUL in key file: -1");
	TAP_OK(strstr(err, "control characters") != NULL,
	    "NUL in key file: err '%s'", err);
	config_free(&c);

	memset(big, 'k', sizeof(big));
	config_init(&c);
	config_set_key_file(&c, key_file("big", big, sizeof(big), 0600));
	TAP_INT(finish_capture(&c, 1, err, sizeof(err), out, sizeof(out)),
	    -1, "long key file line: -1");
	TAP_OK(strstr(err, "too long") != NULL && strstr(err, "kkkk") == NULL,
	    "long key file line: err '%s'", err);
	config_free(&c);

	config_init(&c);
	config_set_key_file(&c, "/nonexistent/key");
	TAP_INT(finish_capture(&c, 1, err, sizeof(err), out, sizeof(out)),
	    -1, "missing key file: -1");
	TAP_STR(err, "/nonexistent/key: No such file or directory",
	    "missing key file: err");
	config_free(&c);

	config_init(&c);
	config_set_key_file(&c, tmpdir);
	TAP_INT(finish_capture(&c, 1, err, sizeof(err), out, sizeof(out)),
	    -1, "key file is a directory: -1");
	TAP_OK(strstr(err, "Is a directory") != NULL,
	    "key file is a directory: err '%s'", err);
	config_free(&c);
}

static const struct {
	mode_t		 mode;
	int		 warns;
} perms[] = {
	{ 0600, 0 },
	{ 0400, 0 },
	{ 0700, 0 },
	{ 0640, 1 },
	{ 0604, 1 },
	{ 0644, 1 },
	{ 0620, 0 },
};

static void
test_key_file_perms(void)
{
	struct config	 c;
	const char	*f;
	char		 err[512], out[512], want[512];
	size_t		 i;

	for (i = 0; i < NITEMS(perms); i++) {
		clear_env();
		config_init(&c);
		f = key_file("perm", "k-perm\n", 7, perms[i].mode);
		config_set_key_file(&c, f);
		snprintf(want, sizeof(want), "test_config: warning: %s: key "
		    "file is readable by others; chmod 600 it\n", f);
		TAP_INT(finish_capture(&c, 1, err, sizeof(err), out,
		    sizeof(out)), 0, "mode %03o: return", perms[i].mode);
		TAP_STR(c.api_key, "k-perm", "mode %03o: key", perms[i].mode);
		TAP_STR(out, perms[i].warns ? want : "", "mode %03o: warning",
		    perms[i].mode);
		config_free(&c);
	}
}

static const struct {
	const char	*base;
	const char	*url;
	int		 same;
} hosts[] = {
	{ "https://api.x.com", "https://api.x.com/mj/image/1", 1 },
	{ "https://api.x.com", "https://api.x.com:443/mj/image/1", 1 },
	{ "https://api.x.com:443", "https://api.x.com/a", 1 },
	{ "https://api.x.com", "https://API.X.COM/a", 1 },
	{ "https://api.x.com", "HTTPS://api.x.com", 1 },
	{ "https://api.x.com/mj-fast", "https://api.x.com/mj/image/1", 1 },
	{ "https://api.x.com", "https://user:pw@api.x.com/a", 1 },
	{ "https://api.x.com", "http://api.x.com/a", 0 },
	{ "https://api.x.com", "https://api.x.com:8443/a", 0 },
	{ "https://api.x.com", "https://api.x.com.evil.com/a", 0 },
	{ "https://api.x.com", "https://evil.com.api.x.com/a", 0 },
	{ "https://api.x.com", "https://x.com/a", 0 },
	{ "https://api.x.com", "https://api.x.com@evil.com/", 0 },
	{ "https://api.x.com", "https://api.x.com:443@evil.com/", 0 },
	{ "https://api.x.com", "https://evil.com/?https://api.x.com", 0 },
	{ "https://api.x.com", "https://evil.com/https://api.x.com/", 0 },
	{ "https://api.x.com", "https://evil.com#@api.x.com/", 0 },
	{ "https://api.x.com", "ftp://api.x.com/", 0 },
	{ "https://api.x.com", "/mj/image/1", 0 },
	{ "https://api.x.com", "api.x.com/mj/image/1", 0 },
	{ "https://api.x.com", "", 0 },
	{ "https://api.x.com", NULL, 0 },
	{ "http://127.0.0.1:8080", "http://127.0.0.1:8080/x", 1 },
	{ "http://127.0.0.1:8080", "http://localhost:8080/x", 0 },
	{ "http://127.0.0.1:8080", "http://127.0.0.1/x", 0 },
	{ "http://127.0.0.1", "http://127.0.0.1:80/x", 1 },
	{ "http://[::1]:8080", "http://[::1]:8080/x", 1 },
	{ "http://[::1]:8080", "http://[::2]:8080/x", 0 },
};

static void
test_hosts(void)
{
	struct config	c;
	char		err[256];
	size_t		i;

	clear_env();
	config_init(&c);
	TAP_INT(config_is_api_host(&c, "https://api.cometapi.com/"), 0,
	    "api host: false before finish");
	config_free(&c);
	for (i = 0; i < NITEMS(hosts); i++) {
		config_init(&c);
		config_set_base_url(&c, hosts[i].base);
		TAP_INT(config_finish(&c, 0, err, sizeof(err)), 0,
		    "api host %zu: finish", i);
		TAP_INT(config_is_api_host(&c, hosts[i].url), hosts[i].same,
		    "api host %zu: %s vs %s", i, hosts[i].base,
		    hosts[i].url != NULL ? hosts[i].url : "(null)");
		config_free(&c);
	}
}

static void
test_urls(void)
{
	static const struct {
		const char	*base;
		const char	*path;
		const char	*url;
	} urls[] = {
		{ NULL, "/mj/submit/imagine",
		    "https://api.cometapi.com/mj/submit/imagine" },
		{ "https://h.example/mj-fast/", "/mj/task/1/fetch",
		    "https://h.example/mj-fast/mj/task/1/fetch" },
		{ "http://127.0.0.1:8080", "mj/x",
		    "http://127.0.0.1:8080/mj/x" },
		{ "http://127.0.0.1:8080", "", "http://127.0.0.1:8080" },
	};
	struct config	 c;
	char		 err[256], *u;
	size_t		 i;

	clear_env();
	for (i = 0; i < NITEMS(urls); i++) {
		config_init(&c);
		if (urls[i].base != NULL)
			config_set_base_url(&c, urls[i].base);
		TAP_INT(config_finish(&c, 0, err, sizeof(err)), 0,
		    "url %zu: finish", i);
		u = config_url(&c, urls[i].path);
		TAP_STR(u, urls[i].url, "url %zu", i);
		free(u);
		config_free(&c);
	}
	config_init(&c);
	TAP_OK(config_auth_header(&c) == NULL, "no key, no auth header");
	config_free(&c);
}

/* Every failure with a key around: the key is in no message. */
static void
test_key_not_in_err(void)
{
	static const char	 key[] = "sk-TOPSECRET-4242";
	static const struct {
		const char	*env;
		const char	*value;
		const char	*file;	/* a key file's content */
		size_t		 len;
	} fails[] = {
		{ "MJ_BASE_URL", "ftp://x", NULL, 0 },
		{ "MJ_BASE_URL", "https://sk-TOPSECRET-4242", "x\x01", 2 },
		{ "MJ_AUTH", "sk-TOPSECRET-4242-no", NULL, 0 },
		{ "MJ_MODE", "basic", NULL, 0 },
		{ "MJ_API_KEY", "sk-TOPSECRET\r4242", NULL, 0 },
		{ "MJ_API_KEY", "x", "sk-TOPSECRET-4242\x01\n", 19 },
		{ "MJ_API_KEY", "x", "sk-TOPSECRET-4242\0\n", 19 },
		{ "MJ_API_KEY", "x", "sk-TOPSECRET-4242\x7f\n", 19 },
	};
	struct config	 c;
	char		 err[512], out[512];
	size_t		 i;

	for (i = 0; i < NITEMS(fails); i++) {
		clear_env();
		setenv("MJ_API_KEY", key, 1);
		setenv("COMETAPI_KEY", key, 1);
		setenv(fails[i].env, fails[i].value, 1);
		config_init(&c);
		if (fails[i].file != NULL)
			config_set_key_file(&c, key_file("leak", fails[i].file,
			    fails[i].len, 0600));
		strcpy(err, key);
		TAP_INT(finish_capture(&c, 1, err, sizeof(err), out,
		    sizeof(out)), -1, "leak %zu: fails", i);
		TAP_OK(strstr(err, "TOPSECRET") == NULL &&
		    strstr(out, "TOPSECRET") == NULL,
		    "leak %zu: key not in '%s'", i, err);
		config_free(&c);
	}
}

/* What fn(c) wrote to stderr (diag writes to descriptor 2). */
static const char *
stderr_of(int (*fn)(struct config *), struct config *c, int *ret)
{
	static char	got[2048];
	FILE		*f = tmpfile();
	size_t		 n;
	int		 saved;

	got[0] = '\0';
	if (f == NULL || (saved = dup(2)) == -1 || dup2(fileno(f), 2) == -1)
		return got;
	*ret = fn(c);
	(void)dup2(saved, 2);
	(void)close(saved);
	rewind(f);
	n = fread(got, 1, sizeof(got) - 1, f);
	got[n] = '\0';
	(void)fclose(f);
	return got;
}

static int
finish(struct config *c)
{
	char	err[256];

	return config_finish(c, 1, err, sizeof(err));
}

/*
 * Where the config file is looked for without --config: a relative
 * XDG_CONFIG_HOME is ignored for HOME's; without HOME there is none (a
 * profile then cannot be found).  A metrics-dir from the file, and -v
 * saying where each setting came from.
 */
static void
test_default_file(void)
{
	struct config	 c;
	char		 err[512], want[700], dir[300];
	const char	*home = getenv("HOME"), *got;
	char		*saved = home != NULL ? strdup(home) : NULL, *u;
	int		 ret = -9;

	clear_env();
	setenv("MJ_API_KEY", "sk-default-file", 1);
	setenv("XDG_CONFIG_HOME", "relative/config", 1);
	setenv("HOME", tmpdir, 1);
	snprintf(dir, sizeof(dir), "%s/.config", tmpdir);
	(void)mkdir(dir, 0700);
	snprintf(dir, sizeof(dir), "%s/.config/mjpipe", tmpdir);
	(void)mkdir(dir, 0700);
	(void)key_file(".config/mjpipe/config", "metrics-dir = /m/d\n", 19,
	    0600);
	config_init(&c);
	diag_set_verbosity(1);
	got = stderr_of(finish, &c, &ret);
	diag_set_verbosity(0);
	TAP_INT(ret, 0, "a relative XDG_CONFIG_HOME: HOME's file read");
	TAP_STR(c.metrics_dir, "/m/d", "metrics-dir from the file");
	snprintf(want, sizeof(want), "%s/config:1", dir);
	TAP_STR(config_origin(&c, CONFIG_METRICS_DIR), want, "... its origin");
	snprintf(want, sizeof(want), "test_config: metrics-dir /m/d (%s/"
	    "config:1)\n", dir);
	TAP_OK(strstr(got, want) != NULL, "-v says where metrics-dir came "
	    "from");
	snprintf(want, sizeof(want), "test_config: config file: %s/config\n",
	    dir);
	TAP_OK(strncmp(got, want, strlen(want)) == 0,
	    "-v names the file read first");
	config_free(&c);

	unsetenv("HOME");
	unsetenv("XDG_CONFIG_HOME");
	config_init(&c);
	TAP_INT(config_finish(&c, 1, err, sizeof(err)), 0,
	    "no HOME, no XDG_CONFIG_HOME: no file, no error");
	TAP_STR(config_origin(&c, CONFIG_BASE_URL), "default", "... defaults");
	config_free(&c);
	config_init(&c);
	config_set_profile(&c, "p");
	TAP_INT(config_finish(&c, 1, err, sizeof(err)), -1,
	    "no HOME and a profile: an error");
	TAP_STR(err, "profile p: no config file: HOME is not set",
	    "... saying why");
	config_free(&c);
	config_free(NULL);
	config_init(&c);
	u = config_url(&c, NULL);
	TAP_STR(u, "https://api.cometapi.com", "before finish: the default "
	    "base, no path");
	free(u);
	if (saved != NULL)
		setenv("HOME", saved, 1);
	free(saved);
	unsetenv("MJ_API_KEY");
	setenv("MJ_CONFIG", "/nonexistent/mjpipe/config", 1);
	config_init(&c);
	TAP_INT(config_finish_local(&c, err, sizeof(err)), -1,
	    "a program without a key: a named file that is not there");
	TAP_STR(err, "/nonexistent/mjpipe/config: No such file or directory",
	    "... names it");
	config_free(&c);
	unsetenv("MJ_CONFIG");
}

/* MJ_SETTLE: a whole number of seconds, 0 to 86400. */
static const struct {
	const char	*env;
	long long	 settle;	/* -1: refused */
} settles[] = {
	{ "0", 0 }, { "86400", 86400 }, { "86401", -1 }, { "9x", -1 },
	{ ":", -1 }, { "-1", -1 }, { "", 30 },	/* empty: unset */
	{ "99999999999999999999999", -1 },
};

static void
test_settles(void)
{
	struct config	c;
	char		err[256], want[300];
	size_t		i;
	int		ret;

	for (i = 0; i < NITEMS(settles); i++) {
		clear_env();
		setenv("MJ_SETTLE", settles[i].env, 1);
		config_init(&c);
		ret = config_finish(&c, 0, err, sizeof(err));
		if (settles[i].settle >= 0) {
			TAP_INT(ret, 0, "MJ_SETTLE=%s taken", settles[i].env);
			TAP_INT(c.settle_s, settles[i].settle,
			    "MJ_SETTLE=%s: its value", settles[i].env);
		} else {
			TAP_INT(ret, -1, "MJ_SETTLE=%s refused",
			    settles[i].env);
			snprintf(want, sizeof(want), "MJ_SETTLE: must be 0 to "
			    "86400: %s", settles[i].env);
			TAP_STR(err, want, "MJ_SETTLE=%s: the message",
			    settles[i].env);
		}
		config_free(&c);
	}
	unsetenv("MJ_SETTLE");
}

/* A key read from a pipe (a process substitution): no warning. */
static void
test_key_from_pipe(void)
{
	struct config	 c;
	char		 path[64];
	const char	*got;
	int		 fds[2], ret = -9;

	if (pipe(fds) == -1 || write(fds[1], "sk-piped-key\n", 13) != 13) {
		TAP_OK(0, "a pipe");
		return;
	}
	(void)close(fds[1]);
	clear_env();
	snprintf(path, sizeof(path), "/dev/fd/%d", fds[0]);
	setenv("MJ_API_KEY_FILE", path, 1);
	config_init(&c);
	got = stderr_of(finish, &c, &ret);
	TAP_INT(ret, 0, "a key file that is a pipe");
	TAP_STR(c.api_key, "sk-piped-key", "... its key");
	TAP_STR(got, "", "... and no warning about its permissions");
	config_free(&c);
	(void)close(fds[0]);
	unsetenv("MJ_API_KEY_FILE");
}

int
main(void)
{
	char	path[300];

	diag_init("test_config");
	if (mkdtemp(tmpdir) == NULL) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	test_bases();
	test_auths();
	test_modes();
	test_keys();
	test_key_file_edges();
	test_key_file_perms();
	test_hosts();
	test_urls();
	test_key_not_in_err();
	test_default_file();
	test_settles();
	test_key_from_pipe();
	clear_env();
	snprintf(path, sizeof(path), "rm -rf '%s'", tmpdir);
	if (system(path) != 0)
		printf("# could not remove %s\n", tmpdir);
	return tap_done();
}
