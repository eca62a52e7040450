/*
 * conffile: what a config file may hold and the message for each mistake
 * (file and line); and through config_finish, the precedence flag,
 * environment, profile, top section, default, with each setting's origin.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conffile.h"
#include "config.h"
#include "diag.h"
#include "tap.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

static char	tmpdir[] = "/tmp/test_conffile.XXXXXX";

static const struct {
	const char	*text;
	const char	*err;	/* NULL: parses */
} parses[] = {
	{ "", NULL },
	{ "# nothing\n\n   \t\n", NULL },
	{ "base-url = http://h:1\n", NULL },
	{ "base-url=http://h:1", NULL },
	{ "  auth\t=\tMJ-API-SECRET  \r\n", NULL },
	{ "[comet]\nmode = relax\n[proxy]\nsettle = 0\n", NULL },
	{ "[ a.b_c-1 ]\n", NULL },
	{ "colour = blue\n", "c:1: unknown setting 'colour' (known: "
	    "api-key-file, auth, base-url, metrics-dir, mode, settle)" },
	{ "\n\nkey = sk-123\n", "c:3: the API key is never read from the "
	    "config file, which is shared and copied more than a key should "
	    "be: put it in a file of its own (chmod 600) and name that file "
	    "with api-key-file" },
	{ "[p]\nAPI_KEY = sk-123\n", "c:2: the API key is never read" },
	{ "auth = basic\n", "c:1: auth must be bearer or mj-api-secret: basic" },
	{ "mode = slow\n", "c:1: mode must be fast, relax or turbo: slow" },
	{ "settle = 86401\n", "c:1: settle must be 0 to 86400 seconds" },
	{ "settle = -1\n", "c:1: settle must be 0 to 86400 seconds" },
	{ "settle = 3s\n", "c:1: settle must be 0 to 86400 seconds: 3s" },
	{ "base-url = ftp://x\n", "c:1: base-url must start with http:// "
	    "or https://" },
	{ "base-url = http://x/?a\n", "c:1: base-url must not have a query "
	    "or fragment" },
	{ "mode =\n", "c:1: mode has no value" },
	{ "just words\n", "c:1: expected 'name = value'" },
	{ "[open\n", "c:1: a section is [name]" },
	{ "[]\n", "c:1: a profile name is 1 to 64 characters" },
	{ "[a b]\n", "c:1: a profile name is letters, digits, '-', '_' "
	    "and '.'" },
	{ "mode = fast\x1b\n", "c:1: a control character (\\x1b)" },
	{ "mode = fast\x7f\n", "c:1: a control character (\\x7f)" },
	{ "[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa]\n",
	    NULL },
	{ "[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa]"
	    "\n", "c:1: a profile name is 1 to 64 characters" },
	/* sections met again by name, among others of the same length */
	{ "[ab]\n[abc]\n[ac]\n[ab]\nmode = fast\n[abc]\n", NULL },
	/* more sections than the first allocation holds */
	{ "[s1]\n[s2]\n[s3]\n[s4]\n[s5]\n[s6]\n[s7]\n[s8]\n[s9]\n[s10]\n",
	    NULL },
	{ "settle = x\n", "c:1: settle must be 0 to 86400 seconds: x" },
	{ "settle = :\n", "c:1: settle must be 0 to 86400 seconds: :" },
	{ "settle = 99999999999999999999999\n", "c:1: settle must be 0 to "
	    "86400 seconds: 99999999999999999999999" },
	{ "settle = 86400\n", NULL },
	{ "base-url = HTTPS://H.example\n", NULL },
	{ "base-url = Http://h\n", NULL },
	{ "base-url = https://h/#top\n", "c:1: base-url must not have a "
	    "query or fragment" },
	/* a long unknown name is cut at 40 bytes in the message */
	{ "a-setting-whose-name-goes-on-and-on-and-on-and-on = 1\n",
	    "c:1: unknown setting 'a-setting-whose-name-goes-on-and-on-and-' "
	    "(known:" },
};

static void
test_parses(void)
{
	struct conffile	*cf;
	char		 err[512];
	size_t		 i;

	for (i = 0; i < NITEMS(parses); i++) {
		err[0] = '\0';
		cf = conffile_parse("c", parses[i].text, strlen(parses[i].text),
		    err, sizeof(err));
		if (parses[i].err == NULL)
			TAP_OK(cf != NULL, "parses %zu (%s)", i, err);
		else
			TAP_OK(cf == NULL && strncmp(err, parses[i].err,
			    strlen(parses[i].err)) == 0,
			    "refused %zu: %s", i, err);
		conffile_free(cf);
	}
	cf = conffile_parse("c", "mode = fast\0\n", 12, err, sizeof(err));
	TAP_OK(cf == NULL, "a NUL byte is refused");
	TAP_STR(err, "c:1: a NUL byte", "the NUL's message");
	cf = conffile_parse("c", "mode = slow\n", 12, NULL, 0);
	TAP_OK(cf == NULL, "refused with nowhere to say why");
	cf = conffile_parse("c", "mode = slow\n", 12, err, 0);
	TAP_OK(cf == NULL, "refused with no room to say why");
}

/* Paths in the file: "~/" without HOME; a file at the root. */
static void
test_paths(void)
{
	struct conffile	*cf;
	char		 err[256];
	const char	*home = getenv("HOME");
	char		*saved = home != NULL ? strdup(home) : NULL;

	unsetenv("HOME");
	cf = conffile_parse("c", "api-key-file = ~/key\n", 21, err,
	    sizeof(err));
	TAP_OK(cf == NULL, "~/ without HOME is refused");
	TAP_STR(err, "c:1: ~ in a path, and HOME is not set", "and says why");
	setenv("HOME", "", 1);
	cf = conffile_parse("c", "metrics-dir = ~/m\n", 18, err,
	    sizeof(err));
	TAP_OK(cf == NULL, "~/ with HOME empty is refused too");
	if (saved != NULL)
		setenv("HOME", saved, 1);
	free(saved);
	cf = conffile_parse("/config", "api-key-file = key\n", 19, err,
	    sizeof(err));
	TAP_STR(cf != NULL ? conffile_get(cf, NULL, "api-key-file", NULL) :
	    err, "/key", "a file at the root: its relative path from /");
	conffile_free(cf);
	cf = conffile_parse("config", "api-key-file = key\n", 19, err,
	    sizeof(err));
	TAP_STR(cf != NULL ? conffile_get(cf, NULL, "api-key-file", NULL) :
	    err, "./key", "a path without a directory: from .");
	conffile_free(cf);
}

static void
test_lookups(void)
{
	static const char text[] =
	    "mode = fast\n"
	    "api-key-file = key\n"
	    "[comet]\n"
	    "mode = relax\n"
	    "metrics-dir = ~/m\n"
	    "[proxy]\n"
	    "auth = mj-api-secret\n"
	    "[comet]\n"
	    "mode = turbo\n"
	    "api-key-file = /abs/key\n";
	struct conffile	*cf;
	char		 err[256], want[512];
	long		 line = 0;

	setenv("HOME", "/home/u", 1);
	cf = conffile_parse("/etc/x/config", text, strlen(text), err,
	    sizeof(err));
	if (cf == NULL) {
		TAP_OK(0, "lookups file parses: %s", err);
		return;
	}
	TAP_STR(conffile_get(cf, NULL, "mode", &line), "fast", "top mode");
	TAP_INT(line, 1, "top mode's line");
	TAP_STR(conffile_get(cf, "comet", "mode", &line), "turbo",
	    "the last line of a reopened section wins");
	TAP_INT(line, 9, "its line");
	TAP_OK(conffile_get(cf, "proxy", "mode", NULL) == NULL,
	    "a profile does not see the top section by itself");
	TAP_STR(conffile_get(cf, NULL, "api-key-file", NULL), "/etc/x/key",
	    "a relative path is from the file's directory");
	TAP_STR(conffile_get(cf, "comet", "api-key-file", NULL), "/abs/key",
	    "an absolute path stays");
	snprintf(want, sizeof(want), "%s/m", "/home/u");
	TAP_STR(conffile_get(cf, "comet", "metrics-dir", NULL), want,
	    "~/ is HOME");
	TAP_OK(conffile_has_profile(cf, "proxy"), "has [proxy]");
	TAP_OK(!conffile_has_profile(cf, "prox"), "has no [prox]");
	conffile_free(cf);
}

/* A file in tmpdir; the path is static. */
static const char *
write_file(const char *name, const char *content, mode_t mode)
{
	static char	path[256];
	int		fd;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd == -1 || write(fd, content, strlen(content)) !=
	    (ssize_t)strlen(content) || fchmod(fd, mode) == -1 ||
	    close(fd) == -1)
		printf("# cannot write %s\n", path);
	return path;
}

/* A file of comment lines over CONFFILE_MAX bytes; its path in path. */
static void
big_file(char *path, size_t size)
{
	FILE	*f;
	int	 i;

	snprintf(path, size, "%s/big", tmpdir);
	if ((f = fopen(path, "w")) == NULL)
		return;
	for (i = 0; i < 1100; i++)
		fprintf(f, "# %060d\n", i);
	if (fclose(f) != 0)
		printf("# cannot write %s\n", path);
}

static void
test_load(void)
{
	struct conffile	*cf;
	char		 err[512], want[700], missing[300], big[200];
	const char	*p;

	p = write_file("open", "mode = fast\n", 0620);
	TAP_INT(conffile_load(p, 0, &cf, err, sizeof(err)), -1,
	    "a group-writable file is refused");
	snprintf(want, sizeof(want), "%s: writable by group or others, who "
	    "could send the key elsewhere: chmod go-w it", p);
	TAP_STR(err, want, "and says why");
	p = write_file("fine", "mode = fast\n", 0644);
	TAP_INT(conffile_load(p, 0, &cf, err, sizeof(err)), 0,
	    "a file others may read is fine");
	TAP_OK(cf != NULL && strcmp(conffile_path(cf), p) == 0, "its path");
	conffile_free(cf);
	snprintf(missing, sizeof(missing), "%s/none", tmpdir);
	TAP_INT(conffile_load(missing, 1, &cf, err, sizeof(err)), 0,
	    "the default file may be missing");
	TAP_OK(cf == NULL, "and then there is none");
	TAP_INT(conffile_load(missing, 0, &cf, err, sizeof(err)), -1,
	    "a file named must exist");
	snprintf(want, sizeof(want), "%s: No such file or directory",
	    missing);
	TAP_STR(err, want, "and the message names it");
	TAP_INT(conffile_load(tmpdir, 0, &cf, err, sizeof(err)), -1,
	    "a directory is refused");
	snprintf(want, sizeof(want), "%s: Is a directory", tmpdir);
	TAP_STR(err, want, "and the message says so");
	big_file(big, sizeof(big));
	TAP_INT(conffile_load(big, 0, &cf, err, sizeof(err)), -1,
	    "a file over 64 KiB is refused");
	snprintf(want, sizeof(want), "%s: over 65536 bytes: not a config "
	    "file", big);
	TAP_STR(err, want, "and the message says so");
	snprintf(missing, sizeof(missing), "%s/config", big);
	TAP_INT(conffile_load(missing, 1, &cf, err, sizeof(err)), -1,
	    "the default file may be missing, not unreachable");
	snprintf(want, sizeof(want), "%s: Not a directory", missing);
	TAP_STR(err, want, "and the message says why");
	TAP_INT(conffile_load("/dev/null", 0, &cf, err, sizeof(err)), 0,
	    "not a regular file: no permissions to check");
	conffile_free(cf);
}

static const char *const env_names[] = { "MJ_BASE_URL", "MJ_API_KEY",
    "COMETAPI_KEY", "MJ_API_KEY_FILE", "MJ_AUTH", "MJ_MODE", "MJ_SETTLE",
    "MJ_CONFIG", "MJ_PROFILE", "MJ_METRICS_DIR", "XDG_CONFIG_HOME" };

static void
clear_env(void)
{
	size_t	i;

	for (i = 0; i < NITEMS(env_names); i++)
		unsetenv(env_names[i]);
}

static const struct {
	const char	*flag;		/* --base-url */
	const char	*env;		/* MJ_BASE_URL */
	const char	*profile;	/* --profile */
	const char	*base;
	const char	*origin;	/* after the file's path */
} precedence[] = {
	{ "http://flag", "http://env", "p", "http://flag", "--base-url" },
	{ NULL, "http://env", "p", "http://env", "MJ_BASE_URL" },
	{ NULL, NULL, "p", "http://profile", ":5 [p]" },
	{ NULL, NULL, "q", "http://top", ":2" },
	{ NULL, NULL, NULL, "http://top", ":2" },
};

static void
test_precedence(void)
{
	static const char text[] =
	    "# top\n"
	    "base-url = http://top\n"
	    "auth = mj-api-secret\n"
	    "[p]\n"
	    "base-url = http://profile\n"
	    "settle = 7\n"
	    "api-key-file = key\n"
	    "[q]\n";
	struct config	 c;
	char		 err[512], want[600], conf[300];
	const char	*o;
	size_t		 i;

	snprintf(conf, sizeof(conf), "%s", write_file("config", text, 0600));
	(void)write_file("key", "sk-from-file\n", 0600);
	for (i = 0; i < NITEMS(precedence); i++) {
		clear_env();
		setenv("MJ_API_KEY", "sk-env", 1);
		config_init(&c);
		config_set_conf_path(&c, conf);
		if (precedence[i].flag != NULL)
			config_set_base_url(&c, precedence[i].flag);
		if (precedence[i].env != NULL)
			setenv("MJ_BASE_URL", precedence[i].env, 1);
		if (precedence[i].profile != NULL)
			config_set_profile(&c, precedence[i].profile);
		TAP_INT(config_finish(&c, 1, err, sizeof(err)), 0,
		    "precedence %zu finishes", i);
		TAP_STR(c.base_url, precedence[i].base, "precedence %zu", i);
		o = config_origin(&c, CONFIG_BASE_URL);
		if (precedence[i].origin[0] == ':')
			snprintf(want, sizeof(want), "%s%s", conf,
			    precedence[i].origin);
		else
			snprintf(want, sizeof(want), "%s",
			    precedence[i].origin);
		TAP_STR(o, want, "origin %zu", i);
		TAP_INT(c.auth, AUTH_MJ_API_SECRET, "auth from the top %zu", i);
		config_free(&c);
	}
	/* the key: the environment's over the profile's key file */
	clear_env();
	setenv("MJ_PROFILE", "p", 1);
	setenv("MJ_CONFIG", conf, 1);
	config_init(&c);
	TAP_INT(config_finish(&c, 1, err, sizeof(err)), 0, "profile p");
	TAP_STR(c.api_key, "sk-from-file", "the profile's key file");
	snprintf(want, sizeof(want), "%s:7 [p]", conf);
	TAP_STR(config_origin(&c, CONFIG_KEY), want, "its origin");
	TAP_INT(c.settle_s, 7, "the profile's settle");
	TAP_STR(config_origin(&c, CONFIG_MODE), NULL, "no mode: no origin");
	config_free(&c);
	setenv("MJ_API_KEY", "sk-env", 1);
	setenv("MJ_SETTLE", "9", 1);
	config_init(&c);
	TAP_INT(config_finish(&c, 1, err, sizeof(err)), 0, "env over file");
	TAP_STR(c.api_key, "sk-env", "MJ_API_KEY over the profile's file");
	TAP_STR(config_origin(&c, CONFIG_KEY), "MJ_API_KEY", "its origin");
	TAP_INT(c.settle_s, 9, "MJ_SETTLE over the profile's settle");
	config_free(&c);
	setenv("MJ_SETTLE", "soon", 1);
	config_init(&c);
	TAP_INT(config_finish(&c, 1, err, sizeof(err)), -1, "bad MJ_SETTLE");
	TAP_STR(err, "MJ_SETTLE: must be 0 to 86400: soon", "its message");
	config_free(&c);
}

static void
test_failures(void)
{
	struct config	 c;
	char		 err[512], want[600], conf[300];

	clear_env();
	setenv("MJ_API_KEY", "sk-env", 1);
	snprintf(conf, sizeof(conf), "%s",
	    write_file("config", "[a]\nmode = fast\n", 0600));
	config_init(&c);
	config_set_conf_path(&c, conf);
	config_set_profile(&c, "b");
	TAP_INT(config_finish(&c, 1, err, sizeof(err)), -1, "no profile b");
	snprintf(want, sizeof(want), "%s: no profile [b]", conf);
	TAP_STR(err, want, "the message names the file and the profile");
	config_free(&c);
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
	config_init(&c);
	config_set_profile(&c, "a");
	TAP_INT(config_finish(&c, 1, err, sizeof(err)), -1,
	    "a profile without a file");
	snprintf(want, sizeof(want), "profile a: no config file %s/mjpipe/"
	    "config", tmpdir);
	TAP_STR(err, want, "the message names the file looked for");
	config_free(&c);
	config_init(&c);
	TAP_INT(config_finish(&c, 1, err, sizeof(err)), 0,
	    "no default file: no error");
	TAP_STR(config_origin(&c, CONFIG_BASE_URL), "default", "defaults");
	TAP_INT(c.settle_s, CONFIG_DEFAULT_SETTLE, "settle's default");
	config_free(&c);
	unsetenv("MJ_API_KEY");
	snprintf(conf, sizeof(conf), "%s",
	    write_file("config", "api-key-file = nokey\n", 0600));
	config_init(&c);
	config_set_conf_path(&c, conf);
	TAP_INT(config_finish(&c, 1, err, sizeof(err)), -1,
	    "a missing key file named in the file");
	snprintf(want, sizeof(want), "%s:1: %s/nokey: No such file or "
	    "directory", conf, tmpdir);
	TAP_STR(err, want, "says where it was named");
	config_free(&c);
}

int
main(void)
{
	char	cmd[300];

	diag_init("test_conffile");
	if (mkdtemp(tmpdir) == NULL) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	test_parses();
	test_lookups();
	test_paths();
	test_load();
	test_precedence();
	test_failures();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	return tap_done();
}
