/*
 * Publishing a finished file: NAME.part, complete and verified, gets its
 * final name without ever replacing a file, so that a file found under
 * its final name is whole (mj-fetch's downloads, gridsplit's quadrants).
 */
#ifndef MJ_PUBLISH_H
#define MJ_PUBLISH_H

#include <sys/types.h>

/*
 * Open part to write it from its start (created with mode, emptied), and
 * lock it: two runs writing the same part (last night's mj-fetch still
 * going when tonight's starts in the same directory) would otherwise
 * write into one file, and publish what the other truncated.  The write
 * descriptor, with *hold set to a second one that keeps the lock: it goes
 * with publish_release(hold), once the part is published or removed.
 * -1 with errno, nothing changed; EWOULDBLOCK: another process holds it.
 * Where the filesystem keeps no locks, the part is opened unlocked.
 */
int	publish_open(const char *part, mode_t mode, int *hold);
/* Let go of publish_open's lock (*hold -1 after; -1 before: nothing). */
void	publish_release(int *hold);
/* strerror(err), or what EWOULDBLOCK from publish_open means. */
const char *publish_strerror(int err);
/* May writing a file again succeed after err: a full disk can be freed,
 * the other run holding the part ends. */
int	publish_retryable(int err);
/* Remove a part a killed run left, unless a live one holds it. */
void	publish_remove_stale(const char *part);

/*
 * Give part the name path: link(2), then part is unlinked.  Where the
 * filesystem has no hard links (link fails with EPERM, ENOTSUP, EXDEV,
 * EMLINK or ENOSYS: FAT, some network and FUSE filesystems), rename(2)
 * after a check that path is free.  0, or -1 with errno; EEXIST: path is
 * taken (by anything), part is left as it was.  Syncing the directory
 * afterwards is the caller's.
 */
int	publish_file(const char *part, const char *path);

#endif
