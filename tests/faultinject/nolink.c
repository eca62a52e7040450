/*
 * nolink.so: an LD_PRELOAD shim for the tests that makes link(2) and
 * linkat(2) fail with EPERM, as they do on filesystems without hard
 * links (FAT, exFAT, some network and FUSE filesystems), so that the
 * rename fallback of src/lib/publish.c runs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <unistd.h>

int
link(const char *from, const char *to)
{
	(void)from;
	(void)to;
	errno = EPERM;
	return -1;
}

int
linkat(int fromfd, const char *from, int tofd, const char *to, int flags)
{
	(void)fromfd;
	(void)from;
	(void)tofd;
	(void)to;
	(void)flags;
	errno = EPERM;
	return -1;
}
