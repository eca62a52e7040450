/*
 * SHA-256: the FIPS 180-4 examples, and streaming in any chunks equal to
 * one shot, around the block boundaries.
 */
#include <stdlib.h>
#include <string.h>

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
};

int
main(int argc, char **argv)
{
	struct sha256	 s;
	char		 hex[SHA256_HEX_LEN + 1], one[SHA256_HEX_LEN + 1];
	unsigned char	 data[200];
	size_t		 i, len, chunk, done;
	char		*a;
	int		 all = 1;

	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		sha256_hex(vectors[i].in, strlen(vectors[i].in), hex);
		TAP_STR(hex, vectors[i].hex, "FIPS 180-4 example %zu", i + 1);
	}
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
