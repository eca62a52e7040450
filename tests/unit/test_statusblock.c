/*
 * The status block shared between processes, on a pseudo-terminal of its
 * own: a second program draws the first one's row too, in pipeline order;
 * the row of a program killed with SIGKILL goes with the next frame; a
 * summary leaves the block; and once every program is gone, the next one
 * starts a fresh block (nothing was left behind).  Then the edges: no
 * terminal or a dumb one, color, widths, a resize, a drawing lock held by
 * a stopped program, blocks a program must not join, a full block, and
 * locks lost when a program closes a descriptor of its terminal.
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "statusblock.h"
#include "tap.h"

#define SPAN	((off_t)1 << 20)	/* statusblock.c's lock bytes */
#define ADVERT	64

/* How a child's stderr is set up. */
struct spec {
	const char	*name;
	const char	*term;		/* NULL: unset */
	const char	*nocolor;	/* NULL: unset */
	const char	*columns;	/* NULL: unset */
	int		 mode;		/* O_RDWR, O_WRONLY, or -1: a pipe */
};

struct child {
	pid_t	pid;
	int	cmd;		/* we write commands here */
	int	reply;		/* and read one byte when one is done */
	int	out;		/* what its stderr shows */
	char	last;		/* that byte */
};

static int	 master = -1;
static char	*slave;

/* One command; the byte to reply. */
static char
command(const char *line)
{
	int	fd;

	switch (line[0]) {
	case 'r':
		statusblock_row(line + 2);
		break;
	case 'e':
		statusblock_end(line + 2);
		break;
	case 'E':
		statusblock_end(NULL);
		break;
	case 'm': {
		struct buf	b = BUF_INIT;

		buf_appendf(&b, "%s\n", line + 2);
		statusblock_message(b.data, b.len);
		buf_free(&b);
		break;
	}
	case 'w':
		return statusblock_resized() ? '1' : '0';
	case 'c':
		/* any descriptor of the terminal closed: our locks go */
		if ((fd = open(slave, O_RDWR | O_NOCTTY)) == -1 ||
		    close(fd) == -1)
			return '!';
		break;
	}
	return '.';
}

/* In the child: "r TEXT" a row, "e TEXT" the end with a summary, ... */
static void
serve(const struct spec *sp, int cmd, int reply, int err)
{
	char	line[1024], c;
	ssize_t	n;
	int	fd = err, i;

	/* the other children's pipes: their ends must reach them alone */
	for (i = 3; i < 256; i++)
		if (i != cmd && i != reply && i != err)
			(void)close(i);
	if (fd == -1 && (fd = open(slave, sp->mode | O_NOCTTY)) == -1)
		_exit(1);
	if (dup2(fd, STDERR_FILENO) == -1)
		_exit(1);
	(void)unsetenv("TERM");
	(void)unsetenv("NO_COLOR");
	(void)unsetenv("COLUMNS");
	if ((sp->term != NULL && setenv("TERM", sp->term, 1) == -1) ||
	    (sp->nocolor != NULL && setenv("NO_COLOR", sp->nocolor, 1) ==
	    -1) || (sp->columns != NULL && setenv("COLUMNS", sp->columns,
	    1) == -1))
		_exit(1);
	statusblock_init(sp->name);
	while ((n = read(cmd, line, sizeof(line) - 1)) > 0) {
		line[n] = '\0';
		line[strcspn(line, "\n")] = '\0';
		c = command(line);
		if (write(reply, &c, 1) != 1)
			_exit(1);
	}
	exit(0);	/* as a program ends: its row goes (atexit) */
}

static struct child
spawn(const struct spec *sp)
{
	struct child	c = { -1, -1, -1, -1, 0 };
	int		to[2], from[2], err[2] = { -1, -1 };

	if (pipe(to) == -1 || pipe(from) == -1 ||
	    (sp->mode == -1 && pipe(err) == -1))
		return c;
	if ((c.pid = fork()) == 0) {
		(void)close(to[1]);
		(void)close(from[0]);
		(void)close(master);
		if (err[0] != -1)
			(void)close(err[0]);
		serve(sp, to[0], from[1], err[1]);
	}
	(void)close(to[0]);
	(void)close(from[1]);
	if (err[1] != -1)
		(void)close(err[1]);
	c.cmd = to[1];
	c.reply = from[0];
	c.out = err[0] != -1 ? err[0] : master;
	return c;
}

static struct child
start(const char *name)
{
	struct spec	sp = { name, "xterm", "1", NULL, O_RDWR };

	return spawn(&sp);
}

/* What the terminal (or pipe) got until it is quiet for ms. */
static const char *
drain(int fd, int ms)
{
	static struct buf	got;
	struct pollfd		pfd = { fd, POLLIN, 0 };
	char			chunk[4096];
	ssize_t			n;

	buf_reset(&got);
	while (poll(&pfd, 1, ms) > 0 &&
	    (n = read(fd, chunk, sizeof(chunk))) > 0)
		buf_append(&got, chunk, (size_t)n);
	return buf_str(&got);
}

/* What the terminal got while c did cmd (its frame, whole). */
static const char *
say(struct child *c, const char *cmd)
{
	c->last = 0;
	if (write(c->cmd, cmd, strlen(cmd)) != (ssize_t)strlen(cmd) ||
	    read(c->reply, &c->last, 1) != 1)
		return "(the child is gone)";
	/* the frame is one write: what is there now is all of it */
	return drain(c->out, 100);
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
	if (c->out != master)
		(void)close(c->out);
	(void)drain(master, 20);	/* its last frame, if any */
}

static void
set_width(unsigned short cols)
{
	struct winsize	ws = { 24, cols, 0, 0 };

	(void)ioctl(master, TIOCSWINSZ, &ws);
}

/* A lock of ours on the terminal, as another member of the group. */
static int
hold(int fd, short type, off_t at)
{
	struct flock	fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	fl.l_start = (off_t)getpgrp() * SPAN + at;
	fl.l_len = 1;
	return fcntl(fd, F_SETLK, &fl);
}

static void
test_shared(void)
{
	struct child	wait1, submit, wait2;

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
}

/* TERM unset, empty or dumb: no rows; messages and summaries whole. */
static void
test_dumb(void)
{
	static const char	*terms[] = { NULL, "", "dumb" };
	struct spec		 sp = { "mj-wait", NULL, NULL, NULL, O_RDWR };
	struct child		 c;
	size_t			 i;

	for (i = 0; i < sizeof(terms) / sizeof(terms[0]); i++) {
		sp.term = terms[i];
		c = spawn(&sp);
		TAP_STR(say(&c, "r mj-wait: 1 done\n"), "",
		    "TERM %s: no row", terms[i] ? terms[i] : "unset");
		TAP_STR(say(&c, "m mj-wait: line 3: bad\n"),
		    "mj-wait: line 3: bad\r\n",
		    "TERM %s: a message as it is",
		    terms[i] ? terms[i] : "unset");
		TAP_STR(say(&c, "e mj-wait: 1 done in 1s\n"),
		    "mj-wait: 1 done in 1s\r\n",
		    "TERM %s: the summary as it is",
		    terms[i] ? terms[i] : "unset");
		stop(&c, 0);
	}
}

/* The name in bold unless NO_COLOR is set (empty counts as unset). */
static void
test_color(void)
{
	struct spec	sp = { "mj-fetch", "xterm", NULL, NULL, O_RDWR };
	struct child	c;

	c = spawn(&sp);
	TAP_STR(say(&c, "r mj-fetch: 2 files\n"),
	    "\r\033[1mmj-fetch\033[0m: 2 files\033[J",
	    "NO_COLOR unset: the name in bold");
	stop(&c, 0);
	sp.nocolor = "";
	c = spawn(&sp);
	TAP_STR(say(&c, "r mj-fetch: 2 files\n"),
	    "\r\033[1mmj-fetch\033[0m: 2 files\033[J",
	    "NO_COLOR empty: the name in bold");
	stop(&c, 0);
}

/* A row cut to the terminal's width; a long one to the row's room. */
static void
test_width(void)
{
	char		cmd[512], want[512];
	struct child	c;

	set_width(20);
	c = start("mj-wait");
	TAP_STR(say(&c, "r mj-wait: 12 done, 3 running, 1 failed\n"),
	    "\rmj-wait: 12 done, 3\033[J",
	    "20 columns: the row cut to 19");
	TAP_STR(say(&c, "w\n"), "", "no resize yet: nothing drawn");
	TAP_INT(c.last, '0', "no resize yet: none reported");
	set_width(30);
	(void)kill(c.pid, SIGWINCH);
	(void)say(&c, "w\n");
	TAP_INT(c.last, '1', "SIGWINCH: a resize reported");
	(void)say(&c, "w\n");
	TAP_INT(c.last, '0', "reported once");
	TAP_STR(say(&c, "r mj-wait: 12 done, 3 running, 1 failed\n"),
	    "\rmj-wait: 12 done, 3 running, \033[J",
	    "30 columns: the row cut to 29");
	stop(&c, 0);

	set_width(1000);
	c = start("mj-wait");
	memset(cmd, 'x', sizeof(cmd));
	memcpy(cmd, "r ", 2);
	cmd[2 + 400] = '\n';
	cmd[2 + 400 + 1] = '\0';
	memset(want, 'x', sizeof(want));
	want[0] = '\r';
	(void)snprintf(want + 1 + 319, sizeof(want) - 1 - 319, "\033[J");
	TAP_STR(say(&c, cmd), want,
	    "a row of 400 bytes on 1000 columns: its first 319");
	stop(&c, 0);
	set_width(0);
}

/* stderr not a terminal (rows forced): a block of its own, COLUMNS wide. */
static void
test_pipe(void)
{
	struct spec	sp = { "mj-wait", "xterm", NULL, "12", -1 };
	struct child	c;

	c = spawn(&sp);
	TAP_STR(say(&c, "m mj-wait: first\n"), "mj-wait: first\n",
	    "a pipe, no row yet: a message as it is");
	TAP_STR(say(&c, "r mj-wait: 5 done\n"), "\rmj-wait: 5 \033[J",
	    "a pipe: COLUMNS 12 cuts the row to 11, no bold");
	TAP_STR(say(&c, "m mj-wait: hello\n"),
	    "\rmj-wait: hello\033[K\nmj-wait: 5 \033[J",
	    "a message where the row was, the row below");
	(void)close(c.out);
	c.out = master;
	TAP_STR(say(&c, "r mj-wait: 6 done\n"), "",
	    "nobody reading (EPIPE): the row is dropped");
	TAP_INT(c.last, '.', "and the program goes on");
	stop(&c, 0);
	sp.columns = "1";
	c = spawn(&sp);
	TAP_STR(say(&c, "r mj-wait: 5 done\n"), "\rmj-wait: 5 done\033[J",
	    "COLUMNS 1 is no width: 80");
	stop(&c, 0);
}

/*
 * A program stopped while it holds the drawing lock: rows are skipped,
 * messages and the summary written as they are, and all is drawn again
 * once it lets go.
 */
static void
test_lock_held(void)
{
	struct child	c;
	int		fd;

	if ((fd = open(slave, O_RDWR | O_NOCTTY)) == -1) {
		TAP_OK(0, "open %s", slave);
		return;
	}
	c = start("mj-wait");
	TAP_OK(hold(fd, F_WRLCK, 0) == 0, "the drawing lock taken");
	TAP_STR(say(&c, "r mj-wait: 1 done\n"), "",
	    "lock held: the first row is skipped");
	TAP_STR(say(&c, "m mj-wait: first\n"), "mj-wait: first\r\n",
	    "lock held, no block yet: a message as it is");
	TAP_OK(hold(fd, F_UNLCK, 0) == 0, "the drawing lock let go");
	TAP_STR(say(&c, "r mj-wait: 2 done\n"), "\rmj-wait: 2 done\033[J",
	    "let go: the row is drawn");
	TAP_OK(hold(fd, F_WRLCK, 0) == 0, "the drawing lock taken again");
	TAP_STR(say(&c, "r mj-wait: 3 done\n"), "",
	    "lock held: a frame skipped");
	TAP_STR(say(&c, "m mj-wait: second\n"), "mj-wait: second\r\n",
	    "lock held: a message is never lost");
	TAP_STR(say(&c, "e mj-wait: 3 done in 1s\n"),
	    "mj-wait: 3 done in 1s\r\n",
	    "lock held: the summary is never lost");
	TAP_OK(hold(fd, F_UNLCK, 0) == 0, "let go again");
	TAP_STR(say(&c, "r mj-wait: 4 done\n"), "\rmj-wait: 4 done\033[J",
	    "a row after the end: a block again");
	TAP_OK(hold(fd, F_WRLCK, 0) == 0, "taken again");
	TAP_STR(say(&c, "E\n"), "", "lock held: an end without a summary");
	(void)close(fd);	/* our locks go */
	stop(&c, 0);
}

/* The size of a real block, from a program drawing one; 0 if unknown. */
static off_t
block_size(void)
{
	struct child	a;
	struct stat	st;
	char		p[96], l[96];
	ssize_t		n;
	int		fd;

	a = start("mj-submit");
	(void)say(&a, "r mj-submit: 1 submitted\n");
	st.st_size = 0;
	for (fd = 3; fd < 64 && st.st_size == 0; fd++) {
		(void)snprintf(p, sizeof(p), "/proc/%ld/fd/%d", (long)a.pid,
		    fd);
		if ((n = readlink(p, l, sizeof(l) - 1)) <= 0)
			continue;
		l[n] = '\0';
		if (strncmp(l, "/memfd:mjpipe-status", 20) == 0 &&
		    stat(p, &st) == -1)
			st.st_size = 0;
	}
	stop(&a, 0);
	return st.st_size;
}

/*
 * Locks that look like a block's advertisement but are not one of ours:
 * a file that is no memfd, a memfd of the name but the wrong size, and a
 * block of another version (another magic).  The program keeps apart and
 * draws its row alone.
 */
static void
test_foreign(void)
{
	struct child	a, b;
	off_t		size = block_size();
	int		tty, fd, memfd;
	uint32_t	magic = 0;

	if ((tty = open(slave, O_RDWR | O_NOCTTY)) == -1 ||
	    (fd = open("/dev/null", O_RDONLY)) == -1) {
		TAP_OK(0, "open %s", slave);
		return;
	}
	TAP_OK(hold(tty, F_RDLCK, ADVERT + fd) == 0, "a file advertised");
	a = start("mj-wait");
	TAP_STR(say(&a, "r mj-wait: 1 done\n"), "\rmj-wait: 1 done\033[J",
	    "a file that is no memfd: a block of its own");
	stop(&a, 0);
	TAP_OK(hold(tty, F_UNLCK, ADVERT + fd) == 0, "no more");

	memfd = memfd_create("mjpipe-status", MFD_CLOEXEC);
	TAP_OK(memfd != -1 && ftruncate(memfd, 3) == 0 &&
	    hold(tty, F_RDLCK, ADVERT + memfd) == 0,
	    "a memfd of the name, 3 bytes, advertised");
	a = start("mj-wait");
	TAP_STR(say(&a, "r mj-wait: 1 done\n"), "\rmj-wait: 1 done\033[J",
	    "the wrong size: a block of its own");
	stop(&a, 0);
	TAP_OK(hold(tty, F_UNLCK, ADVERT + memfd) == 0, "no more");

	TAP_OK(size > 0 && ftruncate(memfd, size) == 0 &&
	    pwrite(memfd, &magic, sizeof(magic), 0) == sizeof(magic) &&
	    hold(tty, F_RDLCK, ADVERT + memfd) == 0,
	    "a block of another version advertised");
	b = start("mj-wait");
	TAP_STR(say(&b, "r mj-wait: 1 done\n"), "\rmj-wait: 1 done\033[J",
	    "another version: a block of its own");
	TAP_STR(say(&b, "e mj-wait: 1 done in 1s\n"),
	    "\rmj-wait: 1 done in 1s\033[K\r\n\033[J",
	    "and its summary");
	stop(&b, 0);
	(void)close(memfd);
	(void)close(fd);
	(void)close(tty);
}

/* Eight rows at most: the ninth program draws alone. */
static void
test_full(void)
{
	struct child	c[9];
	char		cmd[64];
	int		i;

	for (i = 0; i < 9; i++) {
		c[i] = start("mj-pack");
		(void)snprintf(cmd, sizeof(cmd), "r mj-pack: %d\n", i);
		(void)say(&c[i], cmd);
	}
	TAP_STR(say(&c[8], "r mj-pack: 9\n"), "\rmj-pack: 9\033[J",
	    "a full block: the ninth draws its own row alone");
	TAP_STR(say(&c[7], "E\n"),
	    "\033[7A\r"
	    "mj-pack: 0\033[K\r\nmj-pack: 1\033[K\r\nmj-pack: 2\033[K\r\n"
	    "mj-pack: 3\033[K\r\nmj-pack: 4\033[K\r\nmj-pack: 5\033[K\r\n"
	    "mj-pack: 6\033[J",
	    "the eighth leaves: seven rows stay");
	for (i = 8; i >= 0; i--)
		stop(&c[i], 0);
}

/*
 * A program that closes a descriptor of its terminal loses its locks:
 * the others take its row for a dead one's, and it takes a row again at
 * its next frame.  A program whose stderr is open for writing only opens
 * the terminal for its locks, and closes it when it leaves.
 */
static void
test_locks_lost(void)
{
	struct spec	sp = { "mj-wait", "xterm", "1", NULL, O_WRONLY };
	struct child	w, s;

	w = spawn(&sp);
	TAP_STR(say(&w, "m mj-wait: no block yet\n"),
	    "mj-wait: no block yet\r\n", "write-only stderr: a message");
	TAP_STR(say(&w, "m mj-wait: again\n"), "mj-wait: again\r\n",
	    "and another");
	TAP_STR(say(&w, "r mj-wait: 1 done\n"), "\rmj-wait: 1 done\033[J",
	    "write-only stderr: the row");
	s = start("mj-submit");
	TAP_STR(say(&s, "m mj-submit: warning: slow\n"),
	    "\rmj-submit: warning: slow\033[K\r\nmj-wait: 1 done\033[J",
	    "a message of a program with no row yet: above the block");
	TAP_STR(say(&s, "r mj-submit: 1 submitted\n"),
	    "\rmj-submit: 1 submitted\033[K\r\nmj-wait: 1 done\033[J",
	    "both rows");
	TAP_STR(say(&w, "c\n"), "", "mj-wait closes a terminal descriptor");
	TAP_INT(w.last, '.', "closed");
	TAP_STR(say(&s, "r mj-submit: 2 submitted\n"),
	    "\033[1A\rmj-submit: 2 submitted\033[J",
	    "its locks gone: its row dropped as a dead one's");
	TAP_STR(say(&w, "r mj-wait: 2 done\n"),
	    "\rmj-submit: 2 submitted\033[K\r\nmj-wait: 2 done\033[J",
	    "its next frame: its row back");
	stop(&s, 0);
	stop(&w, 0);
}

/*
 * A program that lost its locks while the block filled up draws nothing
 * until a row is free; its summary still goes above the block.
 */
static void
test_lost_full(void)
{
	struct child	w, o[8];
	char		cmd[64];
	const char	*got;
	int		i;

	w = start("mj-wait");
	(void)say(&w, "r mj-wait: 1 done\n");
	for (i = 0; i < 7; i++) {
		o[i] = start("mj-fetch");
		(void)snprintf(cmd, sizeof(cmd), "r mj-fetch: %d\n", i);
		(void)say(&o[i], cmd);
	}
	(void)say(&w, "c\n");
	o[7] = start("mj-pack");
	got = say(&o[7], "r mj-pack: 7\n");
	TAP_OK(strstr(got, "mj-pack: 7") != NULL &&
	    strstr(got, "mj-wait") == NULL,
	    "its locks gone, a newcomer takes its row");
	TAP_STR(say(&w, "r mj-wait: 2 done\n"), "",
	    "the block full: its row is not drawn");
	TAP_STR(say(&w, "r mj-wait: 3 done\n"), "", "nor the next one");
	TAP_STR(say(&w, "e mj-wait: 3 done in 1s\n"),
	    "\033[7A\rmj-wait: 3 done in 1s\033[K\r\n"
	    "mj-fetch: 0\033[K\r\nmj-fetch: 1\033[K\r\nmj-fetch: 2\033[K\r\n"
	    "mj-fetch: 3\033[K\r\nmj-fetch: 4\033[K\r\nmj-fetch: 5\033[K\r\n"
	    "mj-fetch: 6\033[K\r\nmj-pack: 7\033[J",
	    "its summary above the block, the block below");
	stop(&w, 0);
	for (i = 7; i >= 0; i--)
		stop(&o[i], 0);
}

int
main(void)
{
	if ((master = posix_openpt(O_RDWR | O_NOCTTY)) == -1 ||
	    grantpt(master) == -1 || unlockpt(master) == -1 ||
	    (slave = ptsname(master)) == NULL) {
		printf("1..0 # SKIP no pseudo-terminal\n");
		return 0;
	}
	signal(SIGPIPE, SIG_IGN);
	test_shared();
	test_dumb();
	test_color();
	test_width();
	test_pipe();
	test_lock_held();
	test_foreign();
	test_full();
	test_locks_lost();
	test_lost_full();
	(void)close(master);
	return tap_done();
}
