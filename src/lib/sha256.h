/*
 * SHA-256 (FIPS 180-4), streaming: computed while bytes arrive.
 */
#ifndef MJ_SHA256_H
#define MJ_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_LEN	32
#define SHA256_HEX_LEN		64

struct sha256 {
	uint32_t	state[8];
	uint64_t	bytes;
	unsigned char	block[64];
	size_t		used;
};

void	sha256_init(struct sha256 *);
void	sha256_update(struct sha256 *, const void *, size_t);
void	sha256_final(struct sha256 *, unsigned char digest[SHA256_DIGEST_LEN]);
/* Final digest as lower-case hex, NUL-terminated (65 bytes). */
void	sha256_final_hex(struct sha256 *, char hex[SHA256_HEX_LEN + 1]);
/* One shot. */
void	sha256_hex(const void *, size_t, char hex[SHA256_HEX_LEN + 1]);
/*
 * The hash of a file's bytes (not followed if a symbolic link), and how
 * many: 0, or -1 with errno.  Safe in any thread.
 */
int	sha256_file(const char *path, char hex[SHA256_HEX_LEN + 1],
	    long long *bytes);

#endif
