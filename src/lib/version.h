/*
 * --version: the program's version, then the libraries actually loaded.
 */
#ifndef MJ_VERSION_H
#define MJ_VERSION_H

#include <stdio.h>

/*
 * Writes to out; returns 0, or -1 if the write failed.  more: a line of
 * the program's own libraries (libvips: image_version(),
 * thumbnail_version()), or NULL; this file links none of them, so that
 * mj-submit and mj-wait stay without.
 */
int	version_print(FILE *out, const char *progname, const char *more);

#endif
