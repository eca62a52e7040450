/*
 * --version: the program's version, then the libraries actually loaded.
 */
#ifndef MJ_VERSION_H
#define MJ_VERSION_H

#include <stdio.h>

/* Writes to out; returns 0, or -1 if the write failed. */
int	version_print(FILE *out, const char *progname);

#endif
