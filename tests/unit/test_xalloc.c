/*
 * xalloc_oom, run in a child: one "out of memory" message, exit 1, and
 * the temporary files in flight (xalloc_tmp_add) unlinked, those removed
 * from the list kept; with more files than a block of slots, and with two
 * threads out of memory at once.
 */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "xalloc.h"

#define NFILES	150	/* more than two blocks of slots */

static void
touch(const char *path)
{
	int	fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666)) == -1 ||
	    close(fd) == -1) {
		printf("Bail out! %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

/* Named for the test's pid: the child's parent. */
static void
file_name(char *buf, size_t size, pid_t test, int i)
{
	(void)snprintf(buf, size, "test_xalloc.%d.%d.part", (int)test, i);
}

/* The child: files in flight, some removed from the list, then out. */
static void
child_files(void)
{
	struct xalloc_tmp	*t[NFILES];
	char			 path[64];
	int			 i;

	for (i = 0; i < NFILES; i++) {
		file_name(path, sizeof(path), getppid(), i);
		t[i] = xalloc_tmp_add(path);
		touch(path);
	}
	/* every third published, as a writer would: no longer its to undo */
	for (i = 0; i < NFILES; i += 3)
		xalloc_tmp_remove(t[i]);
	xalloc_tmp_remove(NULL);
	xalloc_oom();
}

static void *
oom_thread(void *arg)
{
	(void)arg;
	xalloc_oom();
}

/* The child: two threads out of memory at once, one message. */
static void
child_threads(void)
{
	pthread_t	th[2];
	int		i;

	for (i = 0; i < 2; i++)
		if (pthread_create(&th[i], NULL, oom_thread, NULL) != 0)
			_exit(3);
	for (i = 0; i < 2; i++)
		(void)pthread_join(th[i], NULL);
	_exit(4);	/* not reached: the first thread exits */
}

/* Run fn in a child, its stderr to err.txt; its exit status, or -1. */
static int
run_child(void (*fn)(void), char *err, size_t errsize)
{
	FILE	*f;
	pid_t	 pid;
	size_t	 n;
	int	 status, fd;

	(void)fflush(stdout);
	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		fd = open("err.txt", O_WRONLY | O_CREAT | O_TRUNC, 0666);
		if (fd == -1 || dup2(fd, STDERR_FILENO) == -1)
			_exit(5);
		fn();
		_exit(6);
	}
	if (waitpid(pid, &status, 0) == -1)
		return -1;
	err[0] = '\0';
	if ((f = fopen("err.txt", "r")) != NULL) {
		n = fread(err, 1, errsize - 1, f);
		err[n] = '\0';
		(void)fclose(f);
	}
	(void)unlink("err.txt");
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int
main(void)
{
	static char	 longpath[PATH_MAX + 1];
	char		 err[256], path[64];
	int		 i, left, wrong;

	xalloc_init("/usr/bin/test_xalloc");
	TAP_INT(run_child(child_files, err, sizeof(err)), 1,
	    "out of memory: exit 1");
	TAP_STR(err, "test_xalloc: out of memory\n", "one message");
	left = wrong = 0;
	for (i = 0; i < NFILES; i++) {
		file_name(path, sizeof(path), getpid(), i);
		if (access(path, F_OK) == 0) {
			left++;
			wrong += i % 3 != 0;
			(void)unlink(path);
		} else
			wrong += i % 3 == 0;
	}
	TAP_INT(left, (NFILES + 2) / 3, "the files removed from the list kept");
	TAP_INT(wrong, 0, "the files in flight unlinked, and only those");
	memset(longpath, 'a', PATH_MAX);
	TAP_OK(xalloc_tmp_add(longpath) == NULL,
	    "a path of PATH_MAX bytes is not listed");
	TAP_INT(run_child(child_threads, err, sizeof(err)), 1,
	    "two threads out of memory: exit 1");
	TAP_STR(err, "test_xalloc: out of memory\n",
	    "two threads out of memory: one message");
	return tap_done();
}
