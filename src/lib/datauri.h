/*
 * Image files as data: URIs ("data:image/png;base64,...").
 */
#ifndef MJ_DATAURI_H
#define MJ_DATAURI_H

#include <stddef.h>

/*
 * The PNG, JPEG, GIF or WebP file at path as a data: URI; caller frees.
 * NULL with err set when it cannot be read, is over 32 MiB or is not one
 * of those images.
 */
char	*datauri_file(const char *path, char *err, size_t errlen);

#endif
