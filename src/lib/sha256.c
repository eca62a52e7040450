/*
 * SHA-256 (FIPS 180-4), streaming, so that mj-fetch hashes images as
 * their bytes arrive instead of reading them back.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sha256.h"
#include "xalloc.h"

#define SHA256_FILE_BLOCK	65536

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROR(x, n)	(((x) >> (n)) | ((x) << (32 - (n))))

static void
compress_portable(uint32_t s[8], const unsigned char *p)
{
	uint32_t	w[64], a, b, c, d, e, f, g, h, t1, t2;
	int		i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (i = 16; i < 64; i++)
		w[i] = (ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^
		    (w[i - 2] >> 10)) +
		    w[i - 7] + (ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^
		    (w[i - 15] >> 3)) + w[i - 16];
	a = s[0]; b = s[1]; c = s[2]; d = s[3];
	e = s[4]; f = s[5]; g = s[6]; h = s[7];
	for (i = 0; i < 64; i++) {
		t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
		    ((e & f) ^ (~e & g)) + K[i] + w[i];
		t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
		    ((a & b) ^ (a & c) ^ (b & c));
		h = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	s[0] += a; s[1] += b; s[2] += c; s[3] += d;
	s[4] += e; s[5] += f; s[6] += g; s[7] += h;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#define HAVE_SHA_NI	1

/* CPUID: SHA (leaf 7, EBX bit 29), SSSE3 and SSE4.1 (leaf 1, ECX 9, 19) */
static int
cpu_has_sha_ni(void)
{
	unsigned int	a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 9)) ||
	    !(c & (1u << 19)))
		return 0;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return 0;
	return (b & (1u << 29)) != 0;
}

/*
 * The x86 SHA extensions (SHA-NI), when the CPU has them: about six times
 * the portable code, which matters because mj-fetch hashes every byte it
 * downloads.  Two rounds per sha256rnds2; state kept as ABEF and CDGH.
 */
__attribute__((target("sha,ssse3,sse4.1")))
static void
compress_ni(uint32_t s[8], const unsigned char *p, size_t nblocks)
{
	const __m128i	 mask = _mm_set_epi64x(0x0c0d0e0f08090a0bULL,
			    0x0405060700010203ULL);
	__m128i		 st0, st1, tmp, msg, w[4], abef, cdgh, t;
	int		 g;

	tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&s[0]), 0xb1);
	st1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&s[4]), 0x1b);
	st0 = _mm_alignr_epi8(tmp, st1, 8);		/* ABEF */
	st1 = _mm_blend_epi16(st1, tmp, 0xf0);		/* CDGH */
	/* the state stays in registers from one block to the next */
	for (; nblocks > 0; nblocks--, p += 64) {
		abef = st0;
		cdgh = st1;
		/* unrolled, so that w[] lives in registers: +25% */
#pragma GCC unroll 16
		for (g = 0; g < 16; g++) {
			if (g < 4)
				w[g] = _mm_shuffle_epi8(_mm_loadu_si128(
				    (const __m128i *)(p + 16 * g)), mask);
			else {
				t = _mm_sha256msg1_epu32(w[g & 3],
				    w[(g + 1) & 3]);
				t = _mm_add_epi32(t, _mm_alignr_epi8(
				    w[(g + 3) & 3], w[(g + 2) & 3], 4));
				w[g & 3] = _mm_sha256msg2_epu32(t,
				    w[(g + 3) & 3]);
			}
			msg = _mm_add_epi32(w[g & 3],
			    _mm_loadu_si128((const __m128i *)&K[4 * g]));
			st1 = _mm_sha256rnds2_epu32(st1, st0, msg);
			msg = _mm_shuffle_epi32(msg, 0x0e);
			st0 = _mm_sha256rnds2_epu32(st0, st1, msg);
		}
		st0 = _mm_add_epi32(st0, abef);
		st1 = _mm_add_epi32(st1, cdgh);
	}
	tmp = _mm_shuffle_epi32(st0, 0x1b);		/* FEBA */
	st1 = _mm_shuffle_epi32(st1, 0xb1);		/* DCHG */
	_mm_storeu_si128((__m128i *)&s[0], _mm_blend_epi16(tmp, st1, 0xf0));
	_mm_storeu_si128((__m128i *)&s[4], _mm_alignr_epi8(st1, tmp, 8));
}
#endif

/* nblocks blocks of 64 bytes at p. */
static void
compress(uint32_t s[8], const unsigned char *p, size_t nblocks)
{
#ifdef HAVE_SHA_NI
	static int	have = -1;

	if (have < 0)
		have = cpu_has_sha_ni() && getenv("MJ_SHA256_PORTABLE") == NULL;
	if (have) {
		compress_ni(s, p, nblocks);
		return;
	}
#endif
	for (; nblocks > 0; nblocks--, p += 64)
		compress_portable(s, p);
}

void
sha256_init(struct sha256 *c)
{
	static const uint32_t iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
	};

	memcpy(c->state, iv, sizeof(iv));
	c->bytes = 0;
	c->used = 0;
}

void
sha256_update(struct sha256 *c, const void *data, size_t n)
{
	const unsigned char	*p = data;
	size_t			 take;

	c->bytes += n;
	if (c->used > 0) {
		take = 64 - c->used < n ? 64 - c->used : n;
		memcpy(c->block + c->used, p, take);
		c->used += take;
		p += take;
		n -= take;
		if (c->used < 64)
			return;
		compress(c->state, c->block, 1);
		c->used = 0;
	}
	compress(c->state, p, n / 64);
	p += n / 64 * 64;
	n %= 64;
	memcpy(c->block, p, n);
	c->used = n;
}

void
sha256_final(struct sha256 *c, unsigned char digest[SHA256_DIGEST_LEN])
{
	uint64_t	bits = c->bytes * 8;
	int		i;

	c->block[c->used++] = 0x80;
	if (c->used > 56) {
		memset(c->block + c->used, 0, 64 - c->used);
		compress(c->state, c->block, 1);
		c->used = 0;
	}
	memset(c->block + c->used, 0, 56 - c->used);
	for (i = 0; i < 8; i++)
		c->block[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	compress(c->state, c->block, 1);
	for (i = 0; i < 32; i++)
		digest[i] = (unsigned char)(c->state[i / 4] >>
		    (24 - 8 * (i % 4)));
}

void
sha256_final_hex(struct sha256 *c, char hex[SHA256_HEX_LEN + 1])
{
	static const char	 digits[] = "0123456789abcdef";
	unsigned char		 d[SHA256_DIGEST_LEN];
	int			 i;

	sha256_final(c, d);
	for (i = 0; i < SHA256_DIGEST_LEN; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[SHA256_HEX_LEN] = '\0';
}

void
sha256_hex(const void *data, size_t n, char hex[SHA256_HEX_LEN + 1])
{
	struct sha256	c;

	sha256_init(&c);
	sha256_update(&c, data, n);
	sha256_final_hex(&c, hex);
}

int
sha256_file(const char *path, char hex[SHA256_HEX_LEN + 1], long long *bytes)
{
	char		*blk = xmalloc(SHA256_FILE_BLOCK);
	struct sha256	 c;
	ssize_t		 n;
	int		 fd, saved;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		free(blk);
		return -1;
	}
	sha256_init(&c);
	*bytes = 0;
	while ((n = read(fd, blk, SHA256_FILE_BLOCK)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			saved = errno;
			(void)close(fd);
			free(blk);
			errno = saved;
			return -1;
		}
		sha256_update(&c, blk, (size_t)n);
		*bytes += n;
	}
	(void)close(fd);	/* read only: nothing to lose */
	free(blk);
	sha256_final_hex(&c, hex);
	return 0;
}
