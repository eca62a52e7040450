/*
 * The shared status block (statusblock.h says how programs agree).  Every
 * change to the screen is one frame (statuslayout.c) written under the
 * drawing lock, from the rows in the shared memory; so whoever draws last
 * draws every row, a dead program's row is dropped by the next frame, and
 * the geometry on screen is known to all.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "statusblock.h"
#include "statuslayout.h"

#define SB_MAGIC	0x6d6a7301u	/* "mjs" and the layout's version */
#define SB_NAME		"mjpipe-status"
#define SB_TEXT		320		/* bytes of a row, cut to fit */
#define SB_SPAN		((off_t)1 << 20)	/* lock bytes per group */
#define SB_SLOT_LOCK	1		/* + slot: held by the row's owner */
#define SB_ADVERT	64		/* + memfd number: where to find it */
#define SB_WAIT_ROW	5		/* tries, 2 ms apart, for a row */
#define SB_WAIT_MESSAGE	250		/* for a message: half a second */

struct sb_slot {
	int32_t		 pid;		/* 0: free */
	uint32_t	 rank;
	uint32_t	 seq;
	char		 text[SB_TEXT];	/* "": no row yet */
};

struct sb_shared {
	uint32_t		 magic;
	uint32_t		 seq;
	struct status_geom	 drawn;
	struct sb_slot		 slot[STATUS_ROWS_MAX];
};

static struct {
	const char		*name;
	int			 decided;
	int			 tty;		/* stderr is a terminal */
	int			 dumb;		/* no cursor movement */
	int			 color;
	int			 joined;
	int			 lockfd;	/* -1: a private block */
	int			 ownfd;		/* lockfd opened by us */
	int			 memfd;
	off_t			 base;		/* our group's lock bytes */
	int			 slot;
	struct sb_shared	*sh;
	struct sb_shared	 priv;
} sb = { .name = "mjpipe", .lockfd = -1, .ownfd = -1, .memfd = -1 };

static volatile sig_atomic_t	resized;
/* the sync threads print too */
static pthread_mutex_t		mutex = PTHREAD_MUTEX_INITIALIZER;

void
statusblock_init(const char *progname)
{
	sb.name = progname;
}

static void
on_winch(int sig)
{
	(void)sig;
	resized = 1;
}

int
statusblock_resized(void)
{
	if (!resized)
		return 0;
	resized = 0;
	return 1;
}

static void
decide(void)
{
	const char	*term = getenv("TERM"), *nc = getenv("NO_COLOR");

	if (sb.decided)
		return;
	sb.decided = 1;
	sb.tty = isatty(STDERR_FILENO);
	sb.dumb = term == NULL || *term == '\0' || strcmp(term, "dumb") == 0;
	sb.color = sb.tty && (nc == NULL || *nc == '\0');
}

/* Everything, through EINTR and short writes; nowhere to report to. */
static void
write_all(const char *p, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		n = write(STDERR_FILENO, p, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		p += n;
		len -= (size_t)n;
	}
}

static int
lock_op(int cmd, short type, off_t start, off_t len, struct flock *fl)
{
	memset(fl, 0, sizeof(*fl));
	fl->l_type = type;
	fl->l_whence = SEEK_SET;
	fl->l_start = start;
	fl->l_len = len;
	return fcntl(sb.lockfd, cmd, fl);
}

/*
 * The drawing lock, waited for a bounded time: a program stopped while
 * holding it must not stop the others.  A row waits little (the next row
 * comes soon), a message longer.  0 when taken.
 */
static int
draw_lock(int tries)
{
	struct flock	fl;
	struct timespec	ts = { 0, 2000000 };
	int		i;

	if (sb.lockfd == -1)
		return 0;
	for (i = 0; i < tries; i++) {
		if (lock_op(F_SETLK, F_WRLCK, sb.base, 1, &fl) == 0)
			return 0;
		if (errno != EAGAIN && errno != EACCES && errno != EINTR)
			return -1;
		(void)nanosleep(&ts, NULL);
	}
	return -1;
}

static void
draw_unlock(void)
{
	struct flock	fl;

	if (sb.lockfd != -1)
		(void)lock_op(F_SETLK, F_UNLCK, sb.base, 1, &fl);
}

/* The memfd another member holds (under the drawing lock), or -1. */
static int
find_block(void)
{
	struct flock	fl;
	struct stat	st;
	char		path[64], link[64];
	ssize_t		n;
	int		fd, tries;

	for (tries = 0; tries < 4; tries++) {
		if (lock_op(F_GETLK, F_WRLCK, sb.base + SB_ADVERT,
		    SB_SPAN - SB_ADVERT, &fl) == -1 || fl.l_type == F_UNLCK)
			return -1;
		/* a block of our own user only: its rows reach our terminal */
		(void)snprintf(path, sizeof(path), "/proc/%ld", (long)fl.l_pid);
		if (stat(path, &st) == -1)
			continue;
		if (st.st_uid != geteuid())
			return -1;
		(void)snprintf(path, sizeof(path), "/proc/%ld/fd/%lld",
		    (long)fl.l_pid, (long long)(fl.l_start - sb.base -
		    SB_ADVERT));
		/* it is ours only if it is a memfd of that name */
		n = readlink(path, link, sizeof(link) - 1);
		if (n < 0)
			continue;	/* gone meanwhile: ask again */
		link[n] = '\0';
		if (strncmp(link, "/memfd:" SB_NAME, strlen("/memfd:" SB_NAME))
		    != 0)
			return -1;
		if ((fd = open(path, O_RDWR | O_CLOEXEC)) == -1)
			continue;
		if (fstat(fd, &st) == 0 &&
		    st.st_size == (off_t)sizeof(struct sb_shared))
			return fd;
		(void)close(fd);
		return -1;
	}
	return -1;
}

/*
 * The terminal descriptor for the locks, open for reading (read locks
 * need it), and the group's lock bytes.  -1 when the terminal cannot be
 * shared.
 */
static int
share_setup(void)
{
	int	flags = fcntl(STDERR_FILENO, F_GETFL);
	char	*tty;

	if (!sb.tty || sizeof(off_t) < 8)
		return -1;
	sb.base = (off_t)getpgrp() * SB_SPAN;
	if (flags != -1 && (flags & O_ACCMODE) == O_RDWR)
		sb.lockfd = STDERR_FILENO;
	else if (sb.ownfd != -1)
		sb.lockfd = sb.ownfd;
	else if ((tty = ttyname(STDERR_FILENO)) != NULL)
		sb.lockfd = sb.ownfd = open(tty, O_RDWR | O_NOCTTY |
		    O_CLOEXEC);
	return sb.lockfd == -1 ? -1 : 0;
}

/* Drop the group's block, and every lock but the drawing lock on it. */
static void
go_private(void)
{
	struct flock	fl;

	if (sb.lockfd != -1)
		(void)lock_op(F_SETLK, F_UNLCK, sb.base + SB_SLOT_LOCK,
		    SB_SPAN - SB_SLOT_LOCK, &fl);
	if (sb.ownfd != -1)
		(void)close(sb.ownfd);	/* our locks go with it */
	if (sb.memfd != -1)
		(void)close(sb.memfd);
	if (sb.sh != &sb.priv)	/* set by join(), before any go_private() */
		(void)munmap(sb.sh, sizeof(*sb.sh));
	sb.ownfd = sb.memfd = sb.lockfd = -1;
	memset(&sb.priv, 0, sizeof(sb.priv));
	sb.sh = &sb.priv;
}

/* Map the group's block, or a new one; under the drawing lock. */
static int
map_block(void)
{
	struct flock	 fl;
	void		*p;
	int		 fresh = 0;

	if ((sb.memfd = find_block()) == -1) {
		fresh = 1;
		if ((sb.memfd = memfd_create(SB_NAME, MFD_CLOEXEC)) == -1 ||
		    ftruncate(sb.memfd, sizeof(struct sb_shared)) == -1)
			return -1;
	}
	if (sb.memfd >= SB_SPAN - SB_ADVERT)
		return -1;
	p = mmap(NULL, sizeof(struct sb_shared), PROT_READ | PROT_WRITE,
	    MAP_SHARED, sb.memfd, 0);
	if (p == MAP_FAILED)
		return -1;
	sb.sh = p;
	if (fresh)
		sb.sh->magic = SB_MAGIC;	/* the rest is zero */
	else if (sb.sh->magic != SB_MAGIC)
		return -1;	/* another version of mjpipe: keep apart */
	return lock_op(F_SETLK, F_RDLCK, sb.base + SB_ADVERT + sb.memfd, 1,
	    &fl);
}

/* 1 if slot i is free or its owner is gone (its lock byte is free). */
static int
slot_free(int i)
{
	struct flock	fl;

	if (sb.sh->slot[i].pid == 0)
		return 1;
	if (sb.lockfd == -1 || i == sb.slot)
		return 0;
	if (lock_op(F_GETLK, F_WRLCK, sb.base + SB_SLOT_LOCK + i, 1, &fl)
	    == -1)
		return 0;
	return fl.l_type == F_UNLCK;
}

/* Take a row (under the drawing lock); none when the block is full. */
static int
take_slot(void)
{
	struct flock	fl;
	int		i;

	sb.slot = -1;
	for (i = 0; i < STATUS_ROWS_MAX; i++) {
		if (!slot_free(i))
			continue;
		if (sb.lockfd != -1 && lock_op(F_SETLK, F_WRLCK,
		    sb.base + SB_SLOT_LOCK + i, 1, &fl) == -1)
			continue;
		memset(&sb.sh->slot[i], 0, sizeof(sb.sh->slot[i]));
		sb.sh->slot[i].pid = (int32_t)getpid();
		sb.sh->slot[i].rank = status_rank(sb.name);
		sb.sh->slot[i].seq = ++sb.sh->seq;
		sb.slot = i;
		return 0;
	}
	return -1;
}

static void
watch_resize(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_winch;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	(void)sigaction(SIGWINCH, &sa, NULL);
}

static void
at_exit(void)
{
	statusblock_end(NULL);
}

/*
 * Join the group's block: sb.lockfd -1 for a private one, else with the
 * drawing lock held.  A block that cannot be shared becomes private.
 */
static void
join(void)
{
	static int	registered;

	sb.joined = 1;
	sb.slot = -1;
	sb.sh = &sb.priv;
	if (sb.lockfd == -1 || map_block() == -1 || take_slot() == -1) {
		draw_unlock();
		go_private();
		(void)take_slot();
	}
	if (sb.tty)
		watch_resize();
	if (!registered++)
		(void)atexit(at_exit);	/* diag_fatal, exit: the row goes */
}

/* The terminal's size, with sane defaults. */
static void
term_size(unsigned *cols, unsigned *lines)
{
	struct winsize	ws;
	const char	*c;

	*cols = 80;
	*lines = 0;
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
		*cols = ws.ws_col;
		*lines = ws.ws_row;
	} else if ((c = getenv("COLUMNS")) != NULL && atoi(c) > 1)
		*cols = (unsigned)atoi(c);
}

/* One frame from the shared rows (the drawing lock held). */
static void
draw(const char *above)
{
	struct status_row	rows[STATUS_ROWS_MAX];
	char			text[STATUS_ROWS_MAX][SB_TEXT];
	struct buf		out = BUF_INIT;
	unsigned		cols, lines;
	size_t			n = 0;
	int			i;

	for (i = 0; i < STATUS_ROWS_MAX; i++) {
		if (sb.sh->slot[i].pid != 0 && slot_free(i))
			memset(&sb.sh->slot[i], 0, sizeof(sb.sh->slot[i]));
		if (sb.sh->slot[i].pid == 0 || sb.sh->slot[i].text[0] == '\0')
			continue;
		/* a copy, ended: a program killed while writing its row
		 * may have left it without its NUL */
		memcpy(text[n], sb.sh->slot[i].text, SB_TEXT - 1);
		text[n][SB_TEXT - 1] = '\0';
		rows[n].text = text[n];
		rows[n].rank = sb.sh->slot[i].rank;
		rows[n].seq = sb.sh->slot[i].seq;
		n++;
	}
	status_sort(rows, n);
	term_size(&cols, &lines);
	status_frame(&out, &sb.sh->drawn, above, rows, n, cols, lines,
	    sb.color, &sb.sh->drawn);
	write_all(out.data, out.len);
	buf_free(&out);
}

/* Our slot is still ours (a closed terminal descriptor drops locks). */
static void
own_slot(void)
{
	if (sb.slot == -1 || sb.sh->slot[sb.slot].pid != (int32_t)getpid())
		(void)take_slot();
}

static void
row(const char *text)
{
	size_t	len;

	decide();
	if (sb.dumb)
		return;
	if (!sb.joined) {
		if (share_setup() == -1)
			sb.lockfd = -1;
		else if (draw_lock(SB_WAIT_ROW) == -1)
			return;		/* try again with the next row */
		join();
	} else if (draw_lock(SB_WAIT_ROW) == -1)
		return;		/* skip a frame, draw the next one */
	own_slot();
	if (sb.slot != -1) {
		len = strlen(text);
		if (len >= SB_TEXT)
			len = SB_TEXT - 1;
		memcpy(sb.sh->slot[sb.slot].text, text, len);
		sb.sh->slot[sb.slot].text[len] = '\0';
		draw(NULL);
	}
	draw_unlock();
}

/* 1 if a program of the group draws a block here (drawing lock held). */
static int
block_exists(void)
{
	struct flock	fl;

	return lock_op(F_GETLK, F_WRLCK, sb.base + SB_ADVERT,
	    SB_SPAN - SB_ADVERT, &fl) == 0 && fl.l_type != F_UNLCK;
}

static void
message(const char *text, size_t len)
{
	struct buf	b = BUF_INIT;

	decide();
	if (!sb.joined) {
		if (sb.dumb || share_setup() == -1 ||
		    draw_lock(SB_WAIT_MESSAGE) == -1) {
			write_all(text, len);	/* never lose a message */
			return;
		}
		if (!block_exists()) {
			write_all(text, len);
			draw_unlock();
			return;
		}
		join();
	} else if (draw_lock(SB_WAIT_MESSAGE) == -1) {
		write_all(text, len);
		return;
	}
	buf_append(&b, text, len);
	draw(b.data);
	draw_unlock();
	buf_free(&b);
}

/* Our row and locks go; the memfd is freed with its last holder. */
static void
leave(void)
{
	struct flock	fl;

	sb.joined = 0;
	/* the row's lock and the memfd's before the drawing lock */
	if (sb.lockfd != -1)
		(void)lock_op(F_SETLK, F_UNLCK, sb.base + SB_SLOT_LOCK,
		    SB_SPAN - SB_SLOT_LOCK, &fl);
	draw_unlock();
	go_private();
	sb.slot = -1;
}

static void
end(const char *summary)
{
	struct buf	b = BUF_INIT;

	decide();
	if (summary != NULL)
		buf_appendf(&b, "%s\n", summary);
	if (!sb.joined) {
		if (summary != NULL)
			message(b.data, b.len);
		buf_free(&b);
		return;
	}
	if (draw_lock(SB_WAIT_MESSAGE) == 0) {
		own_slot();
		if (sb.slot != -1)
			memset(&sb.sh->slot[sb.slot], 0,
			    sizeof(sb.sh->slot[sb.slot]));
		draw(b.data);
	} else if (summary != NULL)
		write_all(b.data, b.len);
	leave();
	buf_free(&b);
}

void
statusblock_row(const char *text)
{
	(void)pthread_mutex_lock(&mutex);
	row(text);
	(void)pthread_mutex_unlock(&mutex);
}

void
statusblock_message(const char *text, size_t len)
{
	(void)pthread_mutex_lock(&mutex);
	message(text, len);
	(void)pthread_mutex_unlock(&mutex);
}

void
statusblock_end(const char *summary)
{
	(void)pthread_mutex_lock(&mutex);
	end(summary);
	(void)pthread_mutex_unlock(&mutex);
}
