/*
 * The status block shared between processes, on a pseudo-terminal of its
 * own: a second program draws the first one's row too, in pipeline order;
 * the row of a program killed with SIGKILL goes with the next frame; a
 * summary leaves the block; and once every program is gone, the next one
 * starts a fresh block (nothing was left behind).
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "statusblock.h"
#include "tap.h"

struct child {
	pid_t	pid;
	int	cmd;		/* we write commands here */
	int	reply;		/* and read "." when one is done */
};

static int	 master = -1;
static char	*slave;

/* In the child: "r TEXT" a row, "e TEXT" the end with a summary. */
static void
serve(const char *name, int cmd, int reply)
{
	char	line[512];
	ssize_t	n;
	int	fd;

	if ((fd = open(slave, O_RDWR | O_NOCTTY)) == -1 ||
	    dup2(fd, STDERR_FILENO) == -1)
		_exit(1);
	(void)setenv("TERM", "xterm", 1);
	(void)setenv("NO_COLOR", "1", 1);
	statusblock_init(name);
	while ((n = read(cmd, line, sizeof(line) - 1)) > 0) {
		line[n] = '\0';
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == 'r')
			statusblock_row(line + 2);
		else
			statusblock_end(line + 2);
		if (write(reply, ".", 1) != 1)
			_exit(1);
	}
	_exit(0);
}

static struct child
start(const char *name)
{
	struct child	c = { -1, -1, -1 };
	int		to[2], from[2];

	if (pipe(to) == -1 || pipe(from) == -1)
		return c;
	if ((c.pid = fork()) == 0) {
		(void)close(to[1]);
		(void)close(from[0]);
		(void)close(master);
		serve(name, to[0], from[1]);
	}
	(void)close(to[0]);
	(void)close(from[1]);
	c.cmd = to[1];
	c.reply = from[0];
	return c;
}

/* What the terminal got while c did cmd (its frame, whole). */
static const char *
say(struct child *c, const char *cmd)
{
	static struct buf	got;
	struct pollfd		pfd = { master, POLLIN, 0 };
	char			chunk[4096], dot;
	ssize_t			n;

	buf_reset(&got);
	if (write(c->cmd, cmd, strlen(cmd)) != (ssize_t)strlen(cmd) ||
	    read(c->reply, &dot, 1) != 1)
		return "(the child is gone)";
	/* the frame is one write: what is there now is all of it */
	while (poll(&pfd, 1, 100) > 0 &&
	    (n = read(master, chunk, sizeof(chunk))) > 0)
		buf_append(&got, chunk, (size_t)n);
	return buf_str(&got);
}

static void
stop(struct child *c, int sig)
{
	int	status;

	if (sig != 0)
		(void)kill(c->pid, sig);
	(void)close(c->cmd);
	(void)close(c->reply);
	(void)waitpid(c->pid, &status, 0);
}

int
main(void)
{
	struct child	wait1, submit, wait2;

	if ((master = posix_openpt(O_RDWR | O_NOCTTY)) == -1 ||
	    grantpt(master) == -1 || unlockpt(master) == -1 ||
	    (slave = ptsname(master)) == NULL) {
		printf("1..0 # SKIP no pseudo-terminal\n");
		return 0;
	}
	signal(SIGPIPE, SIG_IGN);
	wait1 = start("mj-wait");
	TAP_STR(say(&wait1, "r mj-wait: 1 done\n"),
	    "\rmj-wait: 1 done\033[J", "alone: one row, as a \\r status line");
	submit = start("mj-submit");
	TAP_STR(say(&submit, "r mj-submit: 2 submitted\n"),
	    "\rmj-submit: 2 submitted\033[K\r\nmj-wait: 1 done\033[J",
	    "a second program draws both rows, its own first (pipeline "
	    "order), below where the first was");
	TAP_STR(say(&wait1, "r mj-wait: 2 done\n"),
	    "\033[1A\rmj-submit: 2 submitted\033[K\r\nmj-wait: 2 done\033[J",
	    "the first redraws the block in place, the other's row too");
	stop(&wait1, SIGKILL);
	TAP_STR(say(&submit, "r mj-submit: 3 submitted\n"),
	    "\033[1A\rmj-submit: 3 submitted\033[J",
	    "kill -9 of one: its row goes with the next frame");
	TAP_STR(say(&submit, "e mj-submit: 3 submitted, 0 failed in 1.0s\n"),
	    "\rmj-submit: 3 submitted, 0 failed in 1.0s\033[K\r\n\033[J",
	    "the end: the summary where the row was, nothing below");
	stop(&submit, 0);
	wait2 = start("mj-wait");
	TAP_STR(say(&wait2, "r mj-wait: 0 done\n"),
	    "\rmj-wait: 0 done\033[J",
	    "all gone: the next program starts a fresh block");
	stop(&wait2, 0);
	(void)close(master);
	return tap_done();
}
