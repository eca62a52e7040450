/*
 * Publishing a finished file: NAME.part, complete and verified, gets its
 * final name without ever replacing a file, so that a file found under
 * its final name is whole (mj-fetch's downloads, gridsplit's quadrants).
 */
#ifndef MJ_PUBLISH_H
#define MJ_PUBLISH_H

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
