/*
 * publish_file: a .part gets its name, never replacing a file, with hard
 * links and (link below failing with EPERM, as on FAT, or another errno
 * that says "no hard links here") without; link failing otherwise
 * (EACCES) is an error, and nothing is renamed.  publish_open: a .part
 * held by another open file (another run) is refused and left as it is;
 * one nobody holds is emptied, or removed by publish_remove_stale.
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "publish.h"
#include "tap.h"

static int	link_err;	/* link(2) fails with this errno (0: not) */
static int	links;		/* calls of link */

/* This link is the one publish.c calls: linked before libc's. */
int
link(const char *from, const char *to)
{
	links++;
	if (link_err != 0) {
		errno = link_err;
		return -1;
	}
	return linkat(AT_FDCWD, from, AT_FDCWD, to, 0);
}

static int	 flock_unlinks;	/* flock(2) first unlinks this many times */
static const char *flock_path;
static int	 flock_err;	/* flock(2) fails with this errno (0: not) */

/*
 * flock as publish.c calls it: it may first unlink the .part, as the run
 * that held it does once its file is published.
 */
int
flock(int fd, int op)
{
	if (flock_unlinks > 0) {
		flock_unlinks--;
		(void)unlink(flock_path);
	}
	if (flock_err != 0) {
		errno = flock_err;
		return -1;
	}
	return (int)syscall(SYS_flock, fd, op);
}

static void
put(const char *path, const char *text)
{
	FILE	*f = fopen(path, "w");

	if (f == NULL || fputs(text, f) == EOF || fclose(f) == EOF) {
		printf("Bail out! %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

static const char *
text_of(const char *path, char *buf, size_t size)
{
	FILE	*f = fopen(path, "r");
	size_t	 n;

	if (f == NULL)
		return "(none)";
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	(void)fclose(f);
	return buf;
}

static const struct {
	int	 link_err;	/* link(2) fails with it (0: works) */
	int	 taken;		/* the name holds a file already */
	int	 rc;		/* publish_file's answer */
	int	 err;		/* its errno when -1 */
	const char *name_holds;	/* the name's content after */
	int	 part_left;	/* the .part still there after */
} cases[] = {
	{ 0, 0, 0, 0, "new", 0 },
	{ 0, 1, -1, EEXIST, "old", 1 },
	{ EPERM, 0, 0, 0, "new", 0 },
	{ EPERM, 1, -1, EEXIST, "old", 1 },
	{ ENOTSUP, 0, 0, 0, "new", 0 },
	{ EXDEV, 0, 0, 0, "new", 0 },
	{ EMLINK, 0, 0, 0, "new", 0 },
	{ ENOSYS, 1, -1, EEXIST, "old", 1 },
	{ EACCES, 0, -1, EACCES, "(none)", 1 },
};

/* publish_open, _release and _remove_stale, on part. */
static void
test_open(const char *part)
{
	char	buf[16];
	int	fd, hold, other, err;

	put(part, "left by a kill");
	fd = publish_open(part, 0600, &hold);
	TAP_OK(fd != -1 && hold != -1 && hold != fd, "a stale .part: opened");
	TAP_STR(text_of(part, buf, sizeof(buf)), "", "... and emptied");
	TAP_OK(write(fd, "mine", 4) == 4, "... written");
	(void)close(fd);	/* as the sync thread does: hold keeps it */
	errno = 0;
	other = publish_open(part, 0600, &err);
	TAP_INT(other == -1 ? errno : 0, EWOULDBLOCK,
	    "held by another open file: EWOULDBLOCK");
	TAP_INT(err, -1, "... no hold given");
	TAP_STR(publish_strerror(EWOULDBLOCK), "another process is writing it",
	    "... which reads as such");
	TAP_STR(text_of(part, buf, sizeof(buf)), "mine", "... left as it was");
	publish_remove_stale(part);
	TAP_STR(text_of(part, buf, sizeof(buf)), "mine",
	    "held: not removed as stale");
	publish_release(&hold);
	TAP_INT(hold, -1, "released");
	publish_release(&hold);		/* twice: nothing */
	other = open(part, O_RDONLY);
	TAP_OK(other != -1 && flock(other, LOCK_EX | LOCK_NB) == 0,
	    "... the lock gone with it");
	if (other != -1)
		(void)close(other);
	publish_remove_stale(part);
	TAP_OK(access(part, F_OK) == -1 && errno == ENOENT,
	    "nobody holding it: removed as stale");
	publish_remove_stale(part);	/* none there: nothing */
	fd = publish_open(part, 0600, &hold);
	TAP_OK(fd != -1 && access(part, F_OK) == 0, "none there: created");
	if (fd != -1)
		(void)close(fd);
	publish_release(&hold);

	/* the holder published and removed it while we waited: a new one */
	flock_path = part;
	flock_unlinks = 1;
	fd = publish_open(part, 0600, &hold);
	TAP_OK(fd != -1 && access(part, F_OK) == 0,
	    "removed under us: a new one, named");
	if (fd != -1 && write(fd, "x", 1) == 1)
		TAP_STR(text_of(part, buf, sizeof(buf)), "x",
		    "... and written under its name");
	if (fd != -1)
		(void)close(fd);
	publish_release(&hold);
	flock_unlinks = 100;	/* ever replaced: someone has it */
	errno = 0;
	fd = publish_open(part, 0600, &hold);
	TAP_INT(fd == -1 ? errno : 0, EWOULDBLOCK,
	    "replaced at every try: EWOULDBLOCK");
	flock_unlinks = 0;

	/* a filesystem without locks: written unlocked, as before them */
	flock_err = ENOLCK;
	fd = publish_open(part, 0600, &hold);
	TAP_OK(fd != -1, "no locks on this filesystem: opened all the same");
	if (fd != -1)
		(void)close(fd);
	publish_release(&hold);
	flock_err = EIO;
	errno = 0;
	fd = publish_open(part, 0600, &hold);
	TAP_INT(fd == -1 ? errno : 0, EIO, "flock failing otherwise: its errno");
	flock_err = 0;
	(void)unlink(part);
}

int
main(void)
{
	char		dir[] = "/tmp/test_publish.XXXXXX", part[64], name[64];
	char		buf[16];
	struct stat	sb;
	size_t		i;
	int		rc, err;

	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	(void)snprintf(part, sizeof(part), "%s/x.part", dir);
	(void)snprintf(name, sizeof(name), "%s/x.png", dir);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		(void)unlink(name);
		put(part, "new");
		if (cases[i].taken)
			put(name, "old");
		link_err = cases[i].link_err;
		links = 0;
		errno = 0;
		rc = publish_file(part, name);
		err = rc == -1 ? errno : 0;
		TAP_INT(rc, cases[i].rc, "case %zu: publish_file's answer", i);
		TAP_INT(err, cases[i].err, "case %zu: errno", i);
		TAP_INT(links, 1, "case %zu: link tried once", i);
		TAP_STR(text_of(name, buf, sizeof(buf)), cases[i].name_holds,
		    "case %zu: the name holds", i);
		TAP_INT(lstat(part, &sb) == 0, cases[i].part_left,
		    "case %zu: the .part left", i);
		TAP_INT(stat(name, &sb) == 0 ? (int)sb.st_nlink : 0,
		    cases[i].rc == 0 || cases[i].taken,
		    "case %zu: one link to the file, if any", i);
	}
	(void)unlink(part);
	(void)unlink(name);
	test_open(part);
	(void)rmdir(dir);
	return tap_done();
}
