/*
 * SHA-256: the FIPS 180-4 examples, and streaming in any chunks equal to
 * one shot, around the block boundaries; sha256_file on a file, and on
 * what it refuses: nothing there, a symbolic link, a directory.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sha256.h"
#include "tap.h"

static const struct {
	const char	*in;
	const char	*hex;
} vectors[] = {
	{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
};

/* n times 'a' around the padding boundaries (from sha256sum(1)). */
static const struct {
	size_t		 n;
	const char	*hex;
} runs[] = {
	{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
	{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
	{ 57, "f13b2d724659eb3bf47f2dd6af1accc87b81f09f59f2b75e5c0bed6589dfe8c6" },
	{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
	{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
	{ 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0" },
	{ 119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb" },
	{ 120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c" },
	{ 127, "c57e9278af78fa3cab38667bef4ce29d783787a2f731d4e12200270f0c32320a" },
	{ 128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e" },
};

/* Bytes that are not text. */
static const struct {
	const char	*in;
	size_t		 len;
	const char	*hex;
} binary[] = {
	{ "\0", 1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d" },
	{ "\xff\0\x80", 3, "ef192b7af54e943f206ab27075ec1805384c972c9959fc5820f1fa7d5268fcef" },
};

/* sha256_file: hash and size, or -1 with errno. */
static void
files(void)
{
	char		 dir[] = "/tmp/test_sha256.XXXXXX", path[64], lnk[64];
	char		 hex[SHA256_HEX_LEN + 1];
	long long	 bytes = -1;
	FILE		*f;

	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		exit(1);
	}
	(void)snprintf(path, sizeof(path), "%s/abc", dir);
	(void)snprintf(lnk, sizeof(lnk), "%s/link", dir);
	f = fopen(path, "w");
	TAP_OK(f != NULL && fputs("abc", f) >= 0 && fclose(f) == 0, "a file");
	TAP_OK(sha256_file(path, hex, &bytes) == 0 && bytes == 3 &&
	    strcmp(hex, vectors[1].hex) == 0, "sha256_file: its hash, 3 bytes");
	errno = 0;
	TAP_OK(sha256_file(lnk, hex, &bytes) == -1 && errno == ENOENT,
	    "nothing there: -1, ENOENT");
	TAP_INT(symlink("abc", lnk), 0, "a symbolic link to it");
	errno = 0;
	TAP_OK(sha256_file(lnk, hex, &bytes) == -1 && errno == ELOOP,
	    "... not followed: -1, ELOOP");
	errno = 0;
	TAP_OK(sha256_file(dir, hex, &bytes) == -1 && errno == EISDIR,
	    "a directory: -1, EISDIR");
	(void)unlink(lnk);
	(void)unlink(path);
	(void)rmdir(dir);
}

int
main(int argc, char **argv)
{
	struct sha256	 s;
	char		 hex[SHA256_HEX_LEN + 1], one[SHA256_HEX_LEN + 1];
	unsigned char	 data[200], digest[SHA256_DIGEST_LEN];
	size_t		 i, len, chunk, done;
	char		*a;
	int		 all = 1;

	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		sha256_hex(vectors[i].in, strlen(vectors[i].in), hex);
		TAP_STR(hex, vectors[i].hex, "FIPS 180-4 example %zu", i + 1);
	}
	for (i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		memset(data, 'a', runs[i].n);
		sha256_hex(data, runs[i].n, hex);
		TAP_STR(hex, runs[i].hex, "%zu 'a' in one go", runs[i].n);
		sha256_init(&s);
		for (done = 0; done < runs[i].n; done++)
			sha256_update(&s, data + done, 1);
		sha256_final_hex(&s, hex);
		TAP_STR(hex, runs[i].hex, "%zu 'a' one byte at a time", runs[i].n);
	}
	for (i = 0; i < sizeof(binary) / sizeof(binary[0]); i++) {
		sha256_hex(binary[i].in, binary[i].len, hex);
		TAP_STR(hex, binary[i].hex, "binary input %zu", i + 1);
	}
	/* the digest and its hex agree */
	sha256_init(&s);
	sha256_update(&s, "abc", 3);
	sha256_final(&s, digest);
	for (i = 0; i < SHA256_DIGEST_LEN; i++)
		snprintf(one + 2 * i, 3, "%02x", digest[i]);
	TAP_STR(one, vectors[1].hex, "sha256_final: the same digest in bytes");
	/* a context can be used again after init */
	sha256_init(&s);
	sha256_update(&s, "abc", 3);
	sha256_final_hex(&s, hex);
	TAP_STR(hex, vectors[1].hex, "a context used again after sha256_init");

	/* one million 'a', in chunks of 997 */
	a = malloc(1000000);
	memset(a, 'a', 1000000);
	sha256_init(&s);
	for (done = 0; done < 1000000; done += chunk) {
		chunk = 1000000 - done < 997 ? 1000000 - done : 997;
		sha256_update(&s, a + done, chunk);
	}
	sha256_final_hex(&s, hex);
	TAP_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	    "one million 'a' in odd chunks");
	free(a);

	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 37 + 11);
	for (len = 0; len <= 130; len++) {
		sha256_hex(data, len, one);
		for (chunk = 1; chunk <= 65; chunk += 7) {
			sha256_init(&s);
			for (done = 0; done < len; done += chunk)
				sha256_update(&s, data + done,
				    len - done < chunk ? len - done : chunk);
			sha256_final_hex(&s, hex);
			if (strcmp(hex, one) != 0)
				all = 0;
		}
	}
	TAP_OK(all, "chunked equals one shot, lengths 0 to 130, many chunk sizes");
	files();
	/* the same cases through the portable code, where SHA-NI is used */
	if (argc == 1 && getenv("MJ_SHA256_PORTABLE") == NULL) {
		char	*cmd;

		if (asprintf(&cmd, "MJ_SHA256_PORTABLE=1 '%s' quiet >/dev/null",
		    argv[0]) == -1)
			return 1;
		TAP_INT(system(cmd), 0, "the portable code passes the same cases");
		free(cmd);
	}
	return tap_done();
}
