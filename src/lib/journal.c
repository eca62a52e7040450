/*
 * The journal that makes "never pay twice" survive crashes: one line per
 * event, each written with one write(2) and fsync'ed before the caller
 * goes on.  A crash can tear only the last line; it is cut off on open.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"
#include "journal.h"
#include "sha256.h"
#include "table.h"
#include "xalloc.h"

#define JOURNAL_MAGIC	"# mjpipe journal 1\n"
#define JOURNAL_ID_MAX	200

struct entry {
	enum journal_state	 state;
	char			*task_id;	/* owned, for JOURNAL_DONE */
	/* JOURNAL_SENT with mjpipe's tag */
	long long		 tagged_at;
	/* owned: a U line's link, or NULL */
	char			*url;
	/* ... and when it was uploaded */
	long long		 url_at;
};

struct journal {
	int		 fd;
	off_t		 good;	/* the bytes of whole lines in the file */
	int		 torn;	/* a failed write may have left more */
	char		*path;
	struct table	*keys;
	char		 error[256];
};

static struct entry *
entry_of(struct journal *j, const char *key)
{
	struct entry	*e;

	if ((e = table_get(j->keys, key)) == NULL) {
		e = xcalloc(1, sizeof(*e));
		table_put(j->keys, key, e);
	}
	return e;
}

static int
valid_key(const char *k, size_t n)
{
	size_t	i;

	if (n != JOURNAL_KEY_LEN)
		return 0;
	for (i = 0; i < n; i++)
		if (!((k[i] >= '0' && k[i] <= '9') ||
		    (k[i] >= 'a' && k[i] <= 'f')))
			return 0;
	return 1;
}

/*
 * Why an entry could not be read back, or NULL if it can: what load()
 * refuses must never reach the file, or the journal cannot be reopened.
 */
static const char *
entry_fault(char kind, const char *key, const char *id)
{
	size_t	n;

	if (!valid_key(key, strlen(key)))
		return "not a journal key";
	if (kind == 'T' && id == NULL)
		return "no task id";
	if (id == NULL)
		return NULL;
	n = strlen(id);
	if (kind == 'S')
		return n > 0 && n <= 18 && strspn(id, "0123456789") == n ?
		    NULL : "a send time that is not a number";
	if (kind != 'T')
		return "a task id on a line that takes none";
	if (n == 0)
		return "empty task id";
	if (n > JOURNAL_ID_MAX)
		return "task id too long";
	if (strpbrk(id, " \n") != NULL)
		return "task id with a space or a newline";
	return NULL;
}

/* A U line's "<time> <url>": 0, or -1 if it does not parse. */
static int
apply_link(struct journal *j, char *key, char *rest)
{
	struct entry	*e;
	char		*url, *end;
	long long	 at;

	if (rest == NULL || !valid_key(key, strlen(key)) ||
	    (url = strchr(rest, ' ')) == NULL)
		return -1;
	*url++ = '\0';
	errno = 0;
	at = strtoll(rest, &end, 10);
	if (errno != 0 || end == rest || *end != '\0' || at <= 0 ||
	    *url == '\0' || strlen(url) > JOURNAL_URL_MAX ||
	    strpbrk(url, " \t\r\n") != NULL)
		return -1;
	e = entry_of(j, key);
	free(e->url);
	e->url = xstrdup(url);
	e->url_at = at;
	return 0;
}

/* Apply one line (without '\n'): 0, or -1 if it does not parse. */
static int
apply(struct journal *j, char *line)
{
	struct entry	*e;
	char		*key, *id;

	if (line[0] == '#')
		return 0;
	if (line[0] == 'U' && line[1] == ' ') {
		key = line + 2;
		if ((id = strchr(key, ' ')) != NULL)
			*id++ = '\0';
		return apply_link(j, key, id);
	}
	if ((line[0] != 'S' && line[0] != 'T' && line[0] != 'R') ||
	    line[1] != ' ')
		return -1;
	key = line + 2;
	id = strchr(key, ' ');
	if (id != NULL)
		*id++ = '\0';
	if (entry_fault(line[0], key, id) != NULL)
		return -1;
	e = entry_of(j, key);
	if (e->state == JOURNAL_DONE)
		return 0;	/* a task id, once known, stays */
	if (line[0] == 'S') {
		e->state = JOURNAL_SENT;
		e->tagged_at = id != NULL ? strtoll(id, NULL, 10) : 0;
	} else if (line[0] == 'R')
		e->state = JOURNAL_NEW;
	else {
		e->state = JOURNAL_DONE;
		e->task_id = xstrdup(id);
	}
	return 0;
}

static int
jfail(struct journal *j, char *err, size_t errlen, const char *what)
{
	(void)snprintf(err, errlen, "%s: %s", j->path, what);
	return -1;
}

static int
read_all(int fd, struct buf *b)
{
	char	chunk[65536];
	ssize_t	n;

	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		buf_append(b, chunk, (size_t)n);
	}
	return 0;
}

/* Load the lines; cut a torn last line off.  0 or -1 (err set). */
static int
load(struct journal *j, char *err, size_t errlen)
{
	struct buf	 b = BUF_INIT;
	char		*p, *nl;
	size_t		 good = 0;
	long		 lineno = 0;
	char		 what[64];

	if (read_all(j->fd, &b) == -1)
		return jfail(j, err, errlen, strerror(errno));
	/* killed while the header was written: nothing came after it */
	if (b.len > 0 && b.len < strlen(JOURNAL_MAGIC) &&
	    memcmp(b.data, JOURNAL_MAGIC, b.len) == 0) {
		if (ftruncate(j->fd, 0) == -1) {
			buf_free(&b);
			return jfail(j, err, errlen, strerror(errno));
		}
		b.len = 0;
	}
	if (b.len == 0) {
		buf_free(&b);
		if (fsutil_write_all(j->fd, JOURNAL_MAGIC,
		    strlen(JOURNAL_MAGIC)) == -1 || fsync(j->fd) == -1)
			return jfail(j, err, errlen, strerror(errno));
		j->good = (off_t)strlen(JOURNAL_MAGIC);
		return 0;
	}
	if (b.len < strlen(JOURNAL_MAGIC) ||
	    memcmp(b.data, JOURNAL_MAGIC, strlen(JOURNAL_MAGIC)) != 0) {
		buf_free(&b);
		return jfail(j, err, errlen, "not an mjpipe journal");
	}
	for (p = b.data; (nl = memchr(p, '\n', b.len - (size_t)(p - b.data)))
	    != NULL; p = nl + 1) {
		*nl = '\0';
		lineno++;
		if (apply(j, p) == -1) {
			(void)snprintf(what, sizeof(what),
			    "line %ld is corrupt", lineno);
			buf_free(&b);
			return jfail(j, err, errlen, what);
		}
		good = (size_t)(nl + 1 - b.data);
	}
	if (good < b.len &&
	    (ftruncate(j->fd, (off_t)good) == -1 || fsync(j->fd) == -1)) {
		buf_free(&b);
		return jfail(j, err, errlen, strerror(errno));
	}
	j->good = (off_t)good;
	buf_free(&b);
	return 0;
}

struct journal *
journal_open(const char *path, char *err, size_t errlen)
{
	struct journal	*j;

	j = xcalloc(1, sizeof(*j));
	j->path = xstrdup(path);
	j->keys = table_new();
	j->fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (j->fd == -1) {
		(void)jfail(j, err, errlen, strerror(errno));
		(void)journal_close(j, NULL, 0);
		return NULL;
	}
	if (flock(j->fd, LOCK_EX | LOCK_NB) == -1) {
		(void)jfail(j, err, errlen, errno == EWOULDBLOCK ?
		    "journal is in use by another process" : strerror(errno));
		(void)journal_close(j, NULL, 0);
		return NULL;
	}
	if (load(j, err, errlen) == -1) {
		(void)journal_close(j, NULL, 0);
		return NULL;
	}
	return j;
}

int
journal_close(struct journal *j, char *err, size_t errlen)
{
	struct entry	*e;
	const char	*key;
	void		*v;
	size_t		 pos = 0;
	int		 rc = 0;

	if (j == NULL)
		return 0;
	if (j->fd != -1 && close(j->fd) == -1) {
		if (err != NULL)
			(void)jfail(j, err, errlen, strerror(errno));
		rc = -1;
	}
	while (table_next(j->keys, &pos, &key, &v)) {
		e = v;
		free(e->task_id);
		free(e->url);
		free(e);
	}
	table_free(j->keys);
	free(j->path);
	free(j);
	return rc;
}

enum journal_state
journal_lookup(struct journal *j, const char *key, const char **task_id)
{
	struct entry	*e = table_get(j->keys, key);

	if (e == NULL)
		return JOURNAL_NEW;
	if (task_id != NULL)
		*task_id = e->task_id;
	return e->state;
}

/* Cut what a failed write left after the whole lines: 0 or -1 (errno). */
static int
cut_torn(struct journal *j)
{
	struct stat	sb;

	if (fstat(j->fd, &sb) == -1)
		return -1;
	if (sb.st_size > j->good && (ftruncate(j->fd, j->good) == -1 ||
	    fsync(j->fd) == -1))
		return -1;
	j->torn = 0;
	return 0;
}

/*
 * Write one line (with its '\n') and sync it: 0, or -1 (error set).  A
 * write cut short (a full disk) leaves a torn line, which the next line
 * must not be glued to: it is cut at once, or before the next line if it
 * cannot be now.  A torn S line promises nothing (its request did not
 * leave: the caller had -1), and the reader cuts it the same way; a line
 * written whole is kept even if its sync failed, since it may give the
 * task of a send (an S line so kept is taken back: journal_sent).
 */
static int
write_line(struct journal *j, const char *line, size_t n)
{
	struct stat	sb;
	int		saved;

	if (j->torn && cut_torn(j) == -1) {
		(void)snprintf(j->error, sizeof(j->error), "%s: a torn line "
		    "cannot be cut: %s", j->path, strerror(errno));
		return -1;
	}
	if (fsutil_write_all(j->fd, line, n) == -1 ||
	    fdatasync(j->fd) == -1) {
		saved = errno;
		if (fstat(j->fd, &sb) == 0 && sb.st_size == j->good + (off_t)n)
			j->good = sb.st_size;
		else {
			j->torn = 1;
			/* if it fails now, the next write tries again */
			(void)cut_torn(j);
		}
		(void)snprintf(j->error, sizeof(j->error), "%s: %s", j->path,
		    strerror(saved));
		return -1;
	}
	j->good += (off_t)n;
	return 0;
}

static int
append(struct journal *j, char kind, const char *key, const char *id)
{
	char		 line[JOURNAL_KEY_LEN + JOURNAL_ID_MAX + 8];
	const char	*fault;
	int		 n;

	/* check before writing: a line written cannot be taken back */
	if ((fault = entry_fault(kind, key, id)) != NULL) {
		(void)snprintf(j->error, sizeof(j->error), "%s: bad entry: %s",
		    j->path, fault);
		return -1;
	}
	n = snprintf(line, sizeof(line), "%c %s%s%s\n", kind, key,
	    id != NULL ? " " : "", id != NULL ? id : "");
	if (n < 0 || (size_t)n >= sizeof(line)) {
		(void)snprintf(j->error, sizeof(j->error), "%s: entry too long",
		    j->path);
		return -1;
	}
	/* on disk before the request leaves, and before we go on */
	if (write_line(j, line, (size_t)n) == -1)
		return -1;
	line[n - 1] = '\0';
	return apply(j, line);
}

int
journal_sent(struct journal *j, const char *key, long long tagged_at)
{
	char	at[32], saved[sizeof(j->error)];
	off_t	before = j->good;

	if (tagged_at > 0)
		(void)snprintf(at, sizeof(at), "%lld", tagged_at);
	if (append(j, 'S', key, tagged_at > 0 ? at : NULL) == 0)
		return 0;
	/*
	 * The S line is in the file, whole, but its sync failed: the caller
	 * sends nothing, and an R line says so, or a rerun would take the
	 * request as sent, its task as one that may exist (with no task list
	 * to settle it, never sent).  If the R line fails too, the rerun
	 * settles the S line as a lost reply.
	 */
	if (j->good > before) {
		memcpy(saved, j->error, sizeof(saved));
		(void)append(j, 'R', key, NULL);
		memcpy(j->error, saved, sizeof(saved));
	}
	return -1;
}

size_t
journal_each_tagged(struct journal *j, void (*fn)(const char *key,
    long long tagged_at, void *arg), void *arg)
{
	struct entry	*e;
	const char	*key;
	void		*v;
	size_t		 pos = 0, n = 0;

	while (table_next(j->keys, &pos, &key, &v)) {
		e = v;
		if (e->state != JOURNAL_SENT || e->tagged_at <= 0)
			continue;
		n++;
		fn(key, e->tagged_at, arg);
	}
	return n;
}

void
journal_tag(const char *key, char *out)
{
	(void)snprintf(out, JOURNAL_TAG_LEN + 1, "%s%.*s", JOURNAL_TAG_PREFIX,
	    JOURNAL_TAG_LEN - (int)strlen(JOURNAL_TAG_PREFIX), key);
}

int
journal_done(struct journal *j, const char *key, const char *task_id)
{
	return append(j, 'T', key, task_id);
}

int
journal_refused(struct journal *j, const char *key)
{
	return append(j, 'R', key, NULL);
}

int
journal_link(struct journal *j, const char *key, long long at, const char *url)
{
	char	*line;
	int	 rc;

	if (!valid_key(key, strlen(key)) || at <= 0 || *url == '\0' ||
	    strlen(url) > JOURNAL_URL_MAX || strpbrk(url, " \t\r\n") != NULL) {
		(void)snprintf(j->error, sizeof(j->error), "%s: bad entry: "
		    "not a link the journal can hold", j->path);
		return -1;
	}
	line = xasprintf("U %s %lld %s\n", key, at, url);
	if (write_line(j, line, strlen(line)) == -1) {
		free(line);
		return -1;
	}
	line[strlen(line) - 1] = '\0';
	rc = apply(j, line);
	free(line);
	return rc;
}

const char *
journal_link_get(struct journal *j, const char *key, long long *at)
{
	struct entry	*e = table_get(j->keys, key);

	if (e == NULL || e->url == NULL)
		return NULL;
	*at = e->url_at;
	return e->url;
}

const char *
journal_error(const struct journal *j)
{
	return j->error;
}

void
journal_key(const char *endpoint, const char *body, const char *record,
    unsigned long ordinal, char *out)
{
	struct sha256	c;
	char		n[32];

	sha256_init(&c);
	sha256_update(&c, endpoint, strlen(endpoint));
	sha256_update(&c, "\n", 1);
	sha256_update(&c, body, strlen(body));
	sha256_update(&c, "\n", 1);
	sha256_update(&c, record, strlen(record));
	(void)snprintf(n, sizeof(n), "\n%lu", ordinal);
	sha256_update(&c, n, strlen(n));
	sha256_final_hex(&c, out);
}
