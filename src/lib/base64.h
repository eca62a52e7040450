/*
 * Base64 encoding (RFC 4648 section 4, padded), the one encoder.
 */
#ifndef MJ_BASE64_H
#define MJ_BASE64_H

#include <stddef.h>

#include "buf.h"

/* Append the encoding of the n bytes at data to b. */
void	base64_append(struct buf *b, const void *data, size_t n);

#endif
