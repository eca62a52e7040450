/*
 * piecefile: bytes appended in any chunks land in the file whole and in
 * order, with their SHA-256, through lanes and a pool smaller than the
 * pieces in flight; a restart starts the file and the hash over; a failed
 * write is reported; without hashing the hash is left alone; a released
 * piece goes back to the pool.  alarm() bounds a pool that would hang.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "piecefile.h"
#include "sha256.h"
#include "syncq.h"
#include "tap.h"

static char	dir[] = "/tmp/test_piecefile.XXXXXX";
static int	idle_calls;

static void
nowake(void *arg)
{
	(void)arg;
}

static void
on_idle(struct piecefile *pf)
{
	(void)pf;
	idle_calls++;
}

static void
drain_all(struct syncq *q)
{
	while (syncq_pending(q) > 0) {
		syncq_wait(q);
		(void)syncq_drain(q);
	}
}

static char *
pattern(size_t n, unsigned seed)
{
	char	*p = malloc(n > 0 ? n : 1);
	size_t	 i;

	if (p == NULL)
		abort();
	for (i = 0; i < n; i++)
		p[i] = (char)((i * 31 + seed * 7 + i / 4099) & 0xff);
	return p;
}

static int
open_new(const char *name, int flags)
{
	char	path[256];
	int	fd;

	(void)snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
		abort();
	if (flags == O_RDONLY) {
		(void)close(fd);
		fd = open(path, O_RDONLY);
	}
	return fd;
}

/* The file holds exactly want. */
static int
holds(const char *name, const char *want, size_t n)
{
	char		 path[256];
	struct stat	 sb;
	char		*got;
	FILE		*fp;
	int		 same;

	(void)snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (stat(path, &sb) == -1 || (size_t)sb.st_size != n)
		return 0;
	if ((fp = fopen(path, "rb")) == NULL || (got = malloc(n + 1)) == NULL)
		abort();
	same = fread(got, 1, n, fp) == n && memcmp(got, want, n) == 0;
	(void)fclose(fp);
	free(got);
	return same;
}

static void
append_chunks(struct piecefile *pf, const char *p, size_t n, size_t chunk)
{
	size_t	k;

	for (; n > 0; p += k, n -= k) {
		k = n < chunk ? n : chunk;
		piecefile_append(pf, p, k);
	}
}

/*
 * Three files at once, two lanes, two pieces in memory at most: each
 * time the third needs one, another's half-filled piece goes early.
 */
static void
test_files(struct syncq *lanes, struct piecepool *pool)
{
	static const size_t	 sizes[] = { 1, PIECE_SIZE,
		3 * PIECE_SIZE + 12345 };
	struct piecefile	 pf[3];
	char			*data[3], name[16], hex[SHA256_HEX_LEN + 1];
	char			 want[SHA256_HEX_LEN + 1];
	size_t			 i, off, k;

	for (i = 0; i < 3; i++) {
		(void)snprintf(name, sizeof(name), "f%zu", i);
		data[i] = pattern(sizes[i], (unsigned)i);
		piecefile_init(&pf[i], pool, open_new(name, O_WRONLY),
		    (unsigned)i, 1, on_idle, data[i]);
	}
	/* interleaved, 16 KiB and 7 bytes at a time, as from transfers */
	for (off = 0; off < sizes[2]; off += 16391)
		for (i = 0; i < 3; i++)
			if (off < sizes[i]) {
				k = sizes[i] - off < 16391 ? sizes[i] - off :
				    16391;
				piecefile_append(&pf[i], data[i] + off, k);
			}
	for (i = 0; i < 3; i++)
		piecefile_flush(&pf[i]);
	idle_calls = 0;
	drain_all(lanes);
	TAP_OK(idle_calls >= 1, "idle called once the pieces are written");
	for (i = 0; i < 3; i++) {
		(void)snprintf(name, sizeof(name), "f%zu", i);
		TAP_INT(pf[i].inflight, 0, "file %zu: no piece in flight", i);
		TAP_INT(pf[i].err, 0, "file %zu: no error", i);
		TAP_OK(holds(name, data[i], sizes[i]),
		    "file %zu: %zu bytes in order", i, sizes[i]);
		sha256_final_hex(&pf[i].sha, hex);
		sha256_hex(data[i], sizes[i], want);
		TAP_STR(hex, want, "file %zu: its sha256", i);
		(void)close(pf[i].fd);
		free(data[i]);
	}
}

/* A restart (a retry) truncates and starts the hash over. */
static void
test_restart(struct syncq *lanes, struct piecepool *pool)
{
	struct piecefile	 pf;
	char			*a = pattern(200000, 1), *b = pattern(150001, 2);
	char			 hex[SHA256_HEX_LEN + 1], want[SHA256_HEX_LEN + 1];

	piecefile_init(&pf, pool, open_new("r", O_WRONLY), 1, 1, on_idle,
	    NULL);
	append_chunks(&pf, a, 200000, 16384);
	piecefile_restart(&pf);
	append_chunks(&pf, b, 150001, 16384);
	piecefile_flush(&pf);
	drain_all(lanes);
	TAP_OK(holds("r", b, 150001), "restart: only the second reply's bytes");
	sha256_final_hex(&pf.sha, hex);
	sha256_hex(b, 150001, want);
	TAP_STR(hex, want, "restart: the second reply's sha256");
	(void)close(pf.fd);
	free(a);
	free(b);
}

static void
test_no_hash(struct syncq *lanes, struct piecepool *pool)
{
	struct piecefile	 pf;
	char			*a = pattern(300000, 3);
	char			 hex[SHA256_HEX_LEN + 1], want[SHA256_HEX_LEN + 1];

	piecefile_init(&pf, pool, open_new("n", O_WRONLY), 0, 0, on_idle,
	    NULL);
	append_chunks(&pf, a, 300000, 16384);
	piecefile_flush(&pf);
	drain_all(lanes);
	TAP_OK(holds("n", a, 300000), "no hash: the bytes written");
	sha256_final_hex(&pf.sha, hex);
	sha256_hex("", 0, want);
	TAP_STR(hex, want, "no hash: the hash untouched");
	(void)close(pf.fd);
	free(a);
}

static void
test_write_error(struct syncq *lanes, struct piecepool *pool)
{
	struct piecefile	 pf;
	char			*a = pattern(PIECE_SIZE + 10, 4);

	piecefile_init(&pf, pool, open_new("e", O_RDONLY), 0, 1, on_idle,
	    NULL);
	append_chunks(&pf, a, PIECE_SIZE + 10, 16384);
	piecefile_flush(&pf);
	drain_all(lanes);
	TAP_INT(pf.err, EBADF, "a failed write: its errno");
	TAP_INT(pf.inflight, 0, "a failed write: no piece left in flight");
	(void)close(pf.fd);
	free(a);
}

/* With one piece in the pool, a piece not given back would hang here. */
static void
test_release(struct syncq *lanes)
{
	struct piecepool	*one = piecepool_new(lanes, 1);
	struct piecefile	 pf;
	char			*a = pattern(1000, 5);

	piecefile_init(&pf, one, open_new("d", O_WRONLY), 0, 1, on_idle,
	    NULL);
	piecefile_append(&pf, a, 1000);
	piecefile_release(&pf);
	TAP_OK(pf.buf == NULL && pf.len == 0, "release: no piece held");
	piecefile_append(&pf, a, 1000);
	piecefile_flush(&pf);
	drain_all(lanes);
	TAP_OK(holds("d", a, 1000), "release: the piece went back to the pool");
	(void)close(pf.fd);
	piecepool_free(one);
	free(a);
}

int
main(void)
{
	struct syncq		*lanes;
	struct piecepool	*pool;
	char			 cmd[300];

	(void)alarm(60);
	if (mkdtemp(dir) == NULL)
		abort();
	lanes = syncq_new_lanes(2, 1, nowake, NULL);
	pool = piecepool_new(lanes, 2);
	test_files(lanes, pool);
	test_restart(lanes, pool);
	test_no_hash(lanes, pool);
	test_write_error(lanes, pool);
	test_release(lanes);
	syncq_free(lanes);
	piecepool_free(pool);
	(void)snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		TAP_OK(0, "remove %s", dir);
	return tap_done();
}
