/*
 * commonopt: each common option lands where the programs read it, an
 * option of the program's own is left to the program, and the metrics
 * file is --metrics, else PROG.prom in the metrics directory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commonopt.h"
#include "config.h"
#include "diag.h"
#include "metrics.h"
#include "tap.h"

static void
usage(FILE *out)
{
	fprintf(out, "usage: test\n");
}

static void
test_handle(void)
{
	struct config		 cfg;
	struct commonopt	 co = { "mj-test", usage, NULL, &cfg, NULL };

	config_init(&cfg);
	TAP_INT(commonopt_handle(&co, 'q', NULL), 1, "-q is common");
	TAP_INT(commonopt_handle(&co, 'v', NULL), 1, "-v is common");
	TAP_INT(commonopt_handle(&co, 'v', NULL), 1, "-v again");
	TAP_INT(diag_verbosity(), 2, "-v twice: verbosity 2");
	diag_set_verbosity(0);
	TAP_INT(commonopt_handle(&co, COMMONOPT_CONFIG, "c.conf"), 1,
	    "--config");
	TAP_STR(cfg.conf_path, "c.conf", "--config: the path");
	TAP_INT(commonopt_handle(&co, COMMONOPT_PROFILE, "comet"), 1,
	    "--profile");
	TAP_STR(cfg.profile, "comet", "--profile: the name");
	TAP_INT(commonopt_handle(&co, COMMONOPT_METRICS, "m.prom"), 1,
	    "--metrics");
	TAP_STR(co.metrics_path, "m.prom", "--metrics: the file");
	TAP_INT(commonopt_handle(&co, COMMONOPT_BASE_URL, "http://h"), 1,
	    "--base-url");
	TAP_STR(cfg.base_url, "http://h", "--base-url: the URL");
	TAP_INT(commonopt_handle(&co, COMMONOPT_AUTH, "MJ-API-SECRET"), 1,
	    "--auth");
	TAP_INT(cfg.auth, AUTH_MJ_API_SECRET, "--auth: the style");
	TAP_INT(commonopt_handle(&co, COMMONOPT_API_KEY_FILE, "k"), 1,
	    "--api-key-file");
	TAP_STR(cfg.key_file, "k", "--api-key-file: the file");
	TAP_INT(commonopt_handle(&co, 'j', "4"), 0,
	    "-j is the program's own");
	TAP_INT(commonopt_handle(&co, '?', NULL), 0,
	    "getopt's '?' is the program's to report");
	config_free(&cfg);
}

static void
test_metrics_path(void)
{
	struct config		 cfg;
	struct commonopt	 co = { "mj-test", usage, NULL, &cfg, NULL };
	struct metrics		*m;
	char			*text;

	config_init(&cfg);
	TAP_OK(commonopt_metrics(&co) == NULL, "no --metrics, no dir: none");
	cfg.metrics_dir = strdup("/nonexistent/dir");
	m = commonopt_metrics(&co);
	TAP_OK(m != NULL, "a metrics dir: metrics");
	text = metrics_text(m);
	TAP_OK(strstr(text, "{program=\"mj-test\"}") != NULL,
	    "labelled with the program");
	free(text);
	metrics_free(m);
	config_free(&cfg);
}

int
main(void)
{
	diag_init("test_commonopt");
	test_handle();
	test_metrics_path();
	return tap_done();
}
