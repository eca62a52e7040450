/*
 * metrics: the exposition text (names, types, labels, escaping, the cap on
 * label values), the atomic write and its failure, the periodic write on
 * the loop's timer, and promtool's verdict on the file when it is there.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "loop.h"
#include "metrics.h"
#include "tap.h"

static char	tmpdir[] = "/tmp/test_metrics.XXXXXX";

static char *
slurp(const char *path)
{
	static char	 text[65536];
	FILE		*f;
	size_t		 n = 0;

	text[0] = '\0';
	if ((f = fopen(path, "r")) != NULL) {
		n = fread(text, 1, sizeof(text) - 1, f);
		fclose(f);
	}
	text[n] = '\0';
	return text;
}

static void
test_text(void)
{
	static const char want[] =
	    "# HELP mjpipe_records_in_total Records read, by outcome "
	    "(ok, or error for input errors).\n"
	    "# TYPE mjpipe_records_in_total counter\n"
	    "mjpipe_records_in_total{program=\"mj-x\",outcome=\"ok\"} 3\n"
	    "mjpipe_records_in_total{program=\"mj-x\",outcome=\"error\"} 1\n"
	    "# HELP mjpipe_records_out_total Records written, by outcome "
	    "(ok, or error with an error object).\n"
	    "# TYPE mjpipe_records_out_total counter\n"
	    "mjpipe_records_out_total{program=\"mj-x\",outcome=\"ok\"} 0\n"
	    "mjpipe_records_out_total{program=\"mj-x\",outcome=\"error\"} 0\n"
	    "# HELP mjpipe_tasks_total Tasks ended, by final status.\n"
	    "# TYPE mjpipe_tasks_total counter\n"
	    "mjpipe_tasks_total{program=\"mj-x\",status=\"SUCCESS\"} 2\n"
	    "mjpipe_tasks_total{program=\"mj-x\",status=\"a\\\"b\\\\c\\nd\"} 1\n"
	    "# HELP mjpipe_downloaded_bytes_total Bytes of files downloaded.\n"
	    "# TYPE mjpipe_downloaded_bytes_total counter\n"
	    "mjpipe_downloaded_bytes_total{program=\"mj-x\"} 1048576\n";
	struct metrics	*m = metrics_new("mj-x", "/nonexistent/m.prom");
	char		*text;

	metrics_add(m, METRIC_RECORDS_IN, "ok", 1);
	metrics_add(m, METRIC_RECORDS_IN, "ok", 2);
	metrics_add(m, METRIC_RECORDS_IN, "error", 1);
	metrics_add(m, METRIC_TASKS, "SUCCESS", 2);
	metrics_add(m, METRIC_TASKS, "a\"b\\c\nd", 1);
	metrics_add(m, METRIC_DOWNLOADED_BYTES, "ignored", 1048576);
	metrics_add(NULL, METRIC_RETRIES, NULL, 1);
	text = metrics_text(m);
	TAP_OK(strncmp(text, want, strlen(want)) == 0,
	    "counters, labels and escaping");
	if (strncmp(text, want, strlen(want)) != 0)
		printf("# got:\n%s", text);
	TAP_OK(strstr(text, "# TYPE mjpipe_start_time_seconds gauge\n"
	    "mjpipe_start_time_seconds{program=\"mj-x\"} ") != NULL,
	    "the start time");
	TAP_OK(strstr(text, "mjpipe_end_time_seconds") == NULL,
	    "no end time while running");
	TAP_OK(strstr(text, "mjpipe_retries_total") == NULL,
	    "a counter never added is not written");
	free(text);
	metrics_free(m);
}

static void
test_cap(void)
{
	struct metrics	*m = metrics_new("mj-x", "/x");
	char		 code[16], *text;
	int		 i;

	for (i = 0; i < METRICS_SERIES_MAX + 10; i++) {
		snprintf(code, sizeof(code), "%d", i);
		metrics_add(m, METRIC_SUBMISSIONS, code, 1);
	}
	text = metrics_text(m);
	TAP_OK(strstr(text, "code=\"63\"} 1\n") != NULL, "the 64th code");
	TAP_OK(strstr(text, "code=\"64\"}") == NULL, "not the 65th");
	TAP_OK(strstr(text, "code=\"other\"} 10\n") != NULL,
	    "the rest count as other");
	free(text);
	metrics_free(m);
}

static void
test_write(void)
{
	struct metrics	*m;
	struct stat	 st;
	char		 path[300], err[512], want[600], cmd[700];
	const char	*text;

	snprintf(path, sizeof(path), "%s/mj-x.prom", tmpdir);
	m = metrics_new("mj-x", path);
	metrics_add(m, METRIC_SUBMISSIONS, "1", 4);
	metrics_add(m, METRIC_SUBMISSIONS, "23", 1);
	metrics_add(m, METRIC_RETRIES, NULL, 1);
	TAP_INT(metrics_finish(m, 1, err, sizeof(err)), 0, "finish writes");
	text = slurp(path);
	TAP_OK(strstr(text, "mjpipe_exit_status{program=\"mj-x\"} 1\n") !=
	    NULL, "the exit status");
	TAP_OK(strstr(text, "# TYPE mjpipe_end_time_seconds gauge\n") !=
	    NULL, "the end time");
	TAP_OK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644,
	    "readable by the collector");
	snprintf(cmd, sizeof(cmd), "ls '%s' | wc -l | grep -qx 1", tmpdir);
	TAP_OK(system(cmd) == 0, "no temporary file left");
	if (system("command -v promtool >/dev/null 2>&1") == 0) {
		snprintf(cmd, sizeof(cmd), "promtool check metrics < '%s'",
		    path);
		TAP_OK(system(cmd) == 0, "promtool check metrics");
	} else
		TAP_OK(1, "promtool check metrics # SKIP promtool not found");
	metrics_free(m);
	unlink(path);
	snprintf(path, sizeof(path), "%s/no/mj-x.prom", tmpdir);
	m = metrics_new("mj-x", path);
	TAP_INT(metrics_finish(m, 0, err, sizeof(err)), -1, "no directory");
	snprintf(want, sizeof(want), "%s: No such file or directory", path);
	TAP_STR(err, want, "says so");
	metrics_free(m);
}

/* Started, the file is there at once and changes on the timer. */
static void
test_timer(void)
{
	struct metrics	*m;
	struct loop	*l;
	char		 path[300];
	long long	 deadline;
	int		 seen = 0;

	setenv("MJ_METRICS_INTERVAL_MS", "50", 1);
	snprintf(path, sizeof(path), "%s/timer.prom", tmpdir);
	l = loop_new();
	m = metrics_new("mj-x", path);
	metrics_start(m, l);
	TAP_OK(strstr(slurp(path), "outcome=\"ok\"} 0\n") != NULL,
	    "written at the start");
	metrics_add(m, METRIC_RECORDS_OUT, "ok", 5);
	deadline = loop_now() + 5000;
	while (!seen && loop_now() < deadline) {
		(void)loop_turn(l, -1, 20);
		seen = strstr(slurp(path), "outcome=\"ok\"} 5\n") != NULL;
	}
	TAP_OK(seen, "written again on the timer");
	TAP_INT(loop_timer_count(l), 1, "one timer while running");
	TAP_INT(metrics_finish(m, 0, NULL, 0), 0, "finish");
	TAP_INT(loop_timer_count(l), 0, "and its timer gone");
	metrics_free(m);
	loop_free(l);
	unlink(path);
}

/* A file that cannot be written while running: one warning, not one a
 * tick; the timer keeps going and goes with metrics_free. */
static void
unwritable_run(void *unused)
{
	struct metrics	*m;
	struct loop	*l;
	char		 path[300];
	long long	 deadline;

	(void)unused;
	setenv("MJ_METRICS_INTERVAL_MS", "20", 1);
	snprintf(path, sizeof(path), "%s/no/run.prom", tmpdir);
	l = loop_new();
	m = metrics_new("mj-x", path);
	metrics_start(m, l);
	deadline = loop_now() + 200;
	while (loop_now() < deadline)
		(void)loop_turn(l, -1, 20);
	TAP_INT(loop_timer_count(l), 1, "still ticking");
	metrics_free(m);
	TAP_INT(loop_timer_count(l), 0, "freed while running: its timer gone");
	loop_free(l);
}

static void
test_failures(void)
{
	struct metrics	*m;
	char		 path[300], err[512], want[700], cmd[700], *text;
	const char	*got;
	char		 out[2048];

	/* the file's place taken by a directory: the rename fails */
	snprintf(path, sizeof(path), "%s/dir.prom", tmpdir);
	(void)mkdir(path, 0700);
	m = metrics_new("mj-x", path);
	TAP_INT(metrics_finish(m, 0, err, sizeof(err)), -1,
	    "a directory in the file's place");
	snprintf(want, sizeof(want), "%s: Is a directory", path);
	TAP_STR(err, want, "... says so");
	snprintf(cmd, sizeof(cmd), "ls '%s' | wc -l | grep -qx 1", tmpdir);
	TAP_OK(system(cmd) == 0, "... no temporary file left");
	metrics_free(m);
	(void)rmdir(path);

	/* a full disk (a file size limit of 8 bytes): the write fails */
	snprintf(path, sizeof(path), "%s/full.prom", tmpdir);
	m = metrics_new("mj-x", path);
	if (tap_full_disk(1) == 0) {
		TAP_INT(metrics_finish(m, 0, err, sizeof(err)), -1,
		    "a full disk");
		(void)tap_full_disk(0);
		snprintf(want, sizeof(want), "%s: File too large", path);
		TAP_STR(err, want, "... says so");
		snprintf(cmd, sizeof(cmd), "ls '%s' | wc -l | grep -qx 0",
		    tmpdir);
		TAP_OK(system(cmd) == 0, "... no file, no temporary file left");
	}
	metrics_free(m);

	got = tap_stderr_of(unwritable_run, NULL, out, sizeof(out));
	snprintf(want, sizeof(want), "test_metrics: warning: metrics: %s/no/"
	    "run.prom: No such file or directory\n", tmpdir);
	TAP_STR(got, want, "an unwritable file while running: one warning");

	/* a labelled family given no label: the empty one */
	m = metrics_new("mj-x", path);
	metrics_add(m, METRIC_TASKS, NULL, 2);
	text = metrics_text(m);
	TAP_OK(strstr(text, "mjpipe_tasks_total{program=\"mj-x\","
	    "status=\"\"} 2\n") != NULL, "no label: the empty label");
	free(text);
	metrics_free(m);
}

int
main(void)
{
	diag_init("test_metrics");
	if (mkdtemp(tmpdir) == NULL) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	test_text();
	test_cap();
	test_write();
	test_timer();
	test_failures();
	(void)rmdir(tmpdir);
	return tap_done();
}
