/*
 * publish_file: a .part gets its name, never replacing a file, with hard
 * links and (link below failing with EPERM, as on FAT, or another errno
 * that says "no hard links here") without; link failing otherwise
 * (EACCES) is an error, and nothing is renamed.
 */
#include <sys/stat.h>

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
	(void)rmdir(dir);
	return tap_done();
}
