/*
 * Configuration shared by the programs that talk to the API: flags win
 * over the environment, which wins over the config file's profile, then
 * its top section, then the defaults (design.md).  The key is never taken
 * from the command line or the config file, only from a key file or the
 * environment, and is registered with diag for redaction.
 */
#ifndef MJ_CONFIG_H
#define MJ_CONFIG_H

#include <stddef.h>

#define CONFIG_DEFAULT_BASE_URL	"https://api.cometapi.com"
#define CONFIG_DEFAULT_SETTLE	30	/* seconds */

struct conffile;

/* The settings whose origin config_origin tells. */
enum config_setting {
	CONFIG_BASE_URL, CONFIG_KEY, CONFIG_AUTH, CONFIG_MODE, CONFIG_SETTLE,
	CONFIG_METRICS_DIR, CONFIG_NSETTINGS
};

enum auth_style {
	AUTH_BEARER,		/* Authorization: Bearer KEY */
	AUTH_MJ_API_SECRET	/* mj-api-secret: KEY */
};

struct config {
	/* From flags (NULL / -1: not given); config_finish fills them in. */
	char		*base_url;	/* owned; no trailing '/' when done */
	char		*key_file;	/* owned */
	int		 auth;		/* enum auth_style, -1 unset */
	char		*mode;		/* owned: FAST, RELAX, TURBO or NULL */
	long long	 settle_s;	/* -1 unset; then MJ_SETTLE, file, 30 */
	char		*conf_path;	/* owned: --config, else MJ_CONFIG */
	char		*profile;	/* owned: --profile, else MJ_PROFILE */
	/* Filled by config_finish. */
	char		*metrics_dir;	/* owned: MJ_METRICS_DIR, file, NULL */
	char		*api_key;	/* owned; never printed */
	char		*api_host;	/* owned: scheme://host:port */
	struct conffile	*file;		/* owned: the file read, or NULL */
	char		*origin[CONFIG_NSETTINGS];	/* owned: see below */
};

void	 config_init(struct config *);
void	 config_free(struct config *);

/*
 * Flag setters: 0, or -1 when the value is not one of the allowed ones
 * (auth: bearer|mj-api-secret; mode: fast|relax|turbo; any case).
 */
int	 config_set_auth(struct config *, const char *);
int	 config_set_mode(struct config *, const char *);
void	 config_set_base_url(struct config *, const char *);
void	 config_set_key_file(struct config *, const char *);
void	 config_set_settle(struct config *, long long seconds);
void	 config_set_conf_path(struct config *, const char *);
void	 config_set_profile(struct config *, const char *);


/*
 * Read the config file (--config, MJ_CONFIG, else the default path, which
 * may be missing) and its profile (--profile, MJ_PROFILE), apply the
 * environment (MJ_BASE_URL, MJ_API_KEY, COMETAPI_KEY, MJ_AUTH, MJ_MODE,
 * MJ_API_KEY_FILE, MJ_SETTLE, MJ_METRICS_DIR) under the flags and the file
 * under the environment, read the key file, check the base URL.  The key
 * comes from the first of: --api-key-file, MJ_API_KEY_FILE (the first
 * line of the file, trailing white space dropped), MJ_API_KEY,
 * COMETAPI_KEY, the file's api-key-file; it is registered with
 * diag_add_secret and never appears in err.  need_key: a missing key is
 * an error.  Returns 0, or -1 with a message in err (for "prog: MESSAGE",
 * exit 2; a mistake in the config file is "PATH:LINE: why").  Warns
 * (diag_warn) if the key file is readable by group or others.  With -v,
 * says where each setting came from (diag_info 1).
 */
int	 config_finish(struct config *, int need_key, char *err, size_t errlen);

/*
 * For a program that sends nothing: only the config file and its profile
 * (as config_finish reads them) and metrics-dir.  0, or -1 with the
 * message in err.
 */
int	 config_finish_local(struct config *, char *err, size_t errlen);

/*
 * Tested alone (-v prints them):
 * where a setting came from after config_finish: "--base-url",
 * "MJ_BASE_URL", "/home/u/.config/mjpipe/config:3 [comet]", "default";
 * NULL if the setting has no value.  Borrowed.
 */
const char *config_origin(const struct config *, enum config_setting);

/*
 * The auth header line ("Authorization: Bearer KEY" or "mj-api-secret:
 * KEY"); caller frees; NULL if there is no key.
 */
char	*config_auth_header(const struct config *);
/* base_url + path (path starts with '/'); caller frees. */
char	*config_url(const struct config *, const char *path);
/*
 * True if url has the same scheme, host and port as the base URL (host
 * case-insensitive, default ports filled in); false for anything that is
 * not an absolute http or https URL, or before config_finish.
 */
int	 config_is_api_host(const struct config *, const char *url);

#endif
