/*
 * mj-pack: pack the files of fetched records, with the records, into
 * archives (design.md "mj-pack").  Files are added as their records
 * arrive; the records themselves are spooled to a temporary file, not
 * held in memory, and written into the archive as manifest.jsonl (and
 * read back for the gallery) when it closes.  An archive is written to
 * FILE.part and renamed when complete; only then are its records printed.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "api.h"
#include "buf.h"
#include "diag.h"
#include "fsutil.h"
#include "input.h"
#include "loop.h"
#include "nameset.h"
#include "opt.h"
#include "record.h"
#include "version.h"
#include "xalloc.h"

#define CHUNK		(256 * 1024)
#define WRITEBACK_STEP	(8 << 20)	/* start writing back every 8 MiB */

static char	*chunk;		/* the copy buffer */

struct format {
	const char	*suffix;
	const char	*name;
	int		 zip, sevenzip;
	int		(*filter)(struct archive *);
};

static const struct format formats[] = {
	{ ".tar.gz",	"tar.gz",	0, 0, archive_write_add_filter_gzip },
	{ ".tgz",	"tgz",		0, 0, archive_write_add_filter_gzip },
	{ ".tar.xz",	"tar.xz",	0, 0, archive_write_add_filter_xz },
	{ ".tar.zst",	"tar.zst",	0, 0, archive_write_add_filter_zstd },
	{ ".tar",	"tar",		0, 0, NULL },
	{ ".zip",	"zip",		1, 0, NULL },
	{ ".7z",	"7z",		0, 1, NULL },
};
#define NFORMATS	(sizeof(formats) / sizeof(formats[0]))

/* The archive being written. */
struct pack {
	struct archive	*a;
	char		*path;		/* as printed in archive.path */
	char		*part;		/* path.part, or NULL for stdout */
	int		 fd;
	FILE		*spool;		/* the records, one per line */
	FILE		*removals;	/* paths to remove, NUL-terminated */
	struct nameset	 names;
	unsigned long	 records;
	uint64_t	 bytes;		/* file bytes added */
	off_t		 flushed;	/* archive bytes whose writeback began */
	char		*failed;	/* why the archive cannot be used */
};

static struct {
	const char	*output;
	const struct format *format;
	const char	*prefix;	/* "" or "dir/" */
	int		 gallery;
	unsigned long	 split_count;
	uint64_t	 split_size;
	int		 remove_files;
	int		 no_sync;	/* --no-sync: the archive not synced */
	int		 have_mtime;
	time_t		 mtime;
} opt = { .prefix = "" };

static struct {
	struct loop	*loop;
	json_tokener	*tok;
	struct pack	*pack;
	unsigned	 seq;		/* archives opened */
	int		 status;
	int		 out_closed;
	unsigned long	 done, failed;
} st;

static void
usage(FILE *out)
{
	fprintf(out,
"usage: mj-pack [-qv] -o file [--format fmt] [--prefix dir/] [--gallery]\n"
"               [--split-count n] [--split-size size] [--remove-files]\n"
"               [--mtime time] [--no-sync] [file ...]\n"
"Pack the files of fetched records, and the records, into archives.\n"
"  -o, --output FILE       the archive; - for stdout\n"
"      --format FMT        tar, tar.gz, tgz, tar.xz, tar.zst, zip or 7z\n"
"                          (default: from the suffix of FILE)\n"
"      --prefix DIR/       put the files under DIR/ inside the archive\n"
"      --gallery           add index.html, a page showing every image\n"
"      --split-count N     at most N records per archive (FILE-001...)\n"
"      --split-size SIZE   at most SIZE bytes of files per archive\n"
"      --remove-files      delete the packed files once the archive is safe\n"
"      --mtime TIME        entry time (epoch seconds); else SOURCE_DATE_EPOCH\n"
"      --no-sync           do not wait for the archive to reach the disk\n"
"  -q, --quiet             errors only\n"
"  -v, --verbose           more messages (repeatable)\n"
"  -h, --help              this help\n"
"      --version           version and libraries\n"
"See mj-pack(1).\n");
}

enum {
	OPT_FORMAT = CHAR_MAX + 1, OPT_GALLERY, OPT_MTIME, OPT_NO_SYNC,
	OPT_PREFIX, OPT_REMOVE_FILES, OPT_SPLIT_COUNT, OPT_SPLIT_SIZE, OPT_VERSION
};

static const struct option longopts[] = {
	{ "format",		required_argument, NULL, OPT_FORMAT },
	{ "gallery",		no_argument,	   NULL, OPT_GALLERY },
	{ "help",		no_argument,	   NULL, 'h' },
	{ "mtime",		required_argument, NULL, OPT_MTIME },
	{ "no-sync",		no_argument,	   NULL, OPT_NO_SYNC },
	{ "output",		required_argument, NULL, 'o' },
	{ "prefix",		required_argument, NULL, OPT_PREFIX },
	{ "quiet",		no_argument,	   NULL, 'q' },
	{ "remove-files",	no_argument,	   NULL, OPT_REMOVE_FILES },
	{ "split-count",	required_argument, NULL, OPT_SPLIT_COUNT },
	{ "split-size",		required_argument, NULL, OPT_SPLIT_SIZE },
	{ "verbose",		no_argument,	   NULL, 'v' },
	{ "version",		no_argument,	   NULL, OPT_VERSION },
	{ NULL,			0,		   NULL, 0 }
};

static const struct format *
format_by_name(const char *name)
{
	size_t	i;

	for (i = 0; i < NFORMATS; i++)
		if (strcasecmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}

static const struct format *
format_by_suffix(const char *path)
{
	size_t	i, len = strlen(path), slen;

	for (i = 0; i < NFORMATS; i++) {
		slen = strlen(formats[i].suffix);
		if (len > slen &&
		    strcasecmp(path + len - slen, formats[i].suffix) == 0)
			return &formats[i];
	}
	return NULL;
}

static time_t
parse_time(const char *name, const char *arg)
{
	char		*end;
	long long	 v;

	if (*arg == '@')
		arg++;
	errno = 0;
	v = strtoll(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < 0)
		diag_usage_error("%s: not a time in seconds since 1970: %s",
		    name, arg);
	return (time_t)v;
}

/* A prefix is a relative path of safe components, ending in '/'. */
static const char *
clean_prefix(const char *arg)
{
	struct buf	 b = BUF_INIT;
	char		*copy = xstrdup(arg), *comp, *save = NULL, *safe;

	for (comp = strtok_r(copy, "/", &save); comp != NULL;
	    comp = strtok_r(NULL, "/", &save)) {
		if (strcmp(comp, ".") == 0)
			continue;
		safe = fsutil_safe_name(comp, 0);
		buf_appends(&b, safe);
		buf_appendc(&b, '/');
		free(safe);
	}
	free(copy);
	return b.data != NULL ? buf_detach(&b, NULL) : "";
}

static int
parse_options(int argc, char **argv)
{
	const char	*format = NULL, *sde;
	int		 c;

	opterr = 0;	/* opt_bad says what was wrong, once */
	while ((c = getopt_long(argc, argv, "ho:qv", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			exit(fflush(stdout) == 0 ? MJ_EXIT_OK : MJ_EXIT_FAILED);
		case 'o':
			opt.output = optarg;
			break;
		case 'q':
			diag_set_quiet(1);
			break;
		case 'v':
			diag_set_verbosity(diag_verbosity() + 1);
			break;
		case OPT_FORMAT:
			format = optarg;
			break;
		case OPT_GALLERY:
			opt.gallery = 1;
			break;
		case OPT_MTIME:
			opt.mtime = parse_time("--mtime", optarg);
			opt.have_mtime = 1;
			break;
		case OPT_NO_SYNC:
			opt.no_sync = 1;
			break;
		case OPT_PREFIX:
			opt.prefix = clean_prefix(optarg);
			break;
		case OPT_REMOVE_FILES:
			opt.remove_files = 1;
			break;
		case OPT_SPLIT_COUNT:
			opt.split_count = opt_uint("--split-count", optarg, 1,
			    ULONG_MAX);
			break;
		case OPT_SPLIT_SIZE:
			opt.split_size = opt_size("--split-size", optarg);
			if (opt.split_size == 0)
				diag_usage_error("--split-size: must be more "
				    "than 0");
			break;
		case OPT_VERSION:
			exit(version_print(stdout, "mj-pack") == 0 &&
			    fflush(stdout) == 0 ? MJ_EXIT_OK : MJ_EXIT_FAILED);
		default:
			opt_bad("ho:qv", argv);
		}
	}
	if (opt.output == NULL)
		diag_usage_error("-o FILE is required (- for stdout)");
	if (format != NULL && (opt.format = format_by_name(format)) == NULL)
		diag_usage_error("--format: must be tar, tar.gz, tgz, tar.xz, "
		    "tar.zst, zip or 7z: %s", format);
	if (opt.format == NULL && strcmp(opt.output, "-") == 0)
		opt.format = format_by_name("tar");
	if (opt.format == NULL &&
	    (opt.format = format_by_suffix(opt.output)) == NULL)
		diag_usage_error("-o %s: cannot tell the format from the name;"
		    " use --format", opt.output);
	if (opt.no_sync && opt.remove_files)
		diag_usage_error("--no-sync and --remove-files: the files would "
		    "be deleted before their archive is on disk");
	if (strcmp(opt.output, "-") == 0 &&
	    (opt.split_count > 0 || opt.split_size > 0))
		diag_usage_error("--split-count and --split-size need a file, "
		    "not -o -");
	if (!opt.have_mtime && (sde = getenv("SOURCE_DATE_EPOCH")) != NULL &&
	    *sde != '\0') {
		opt.mtime = parse_time("SOURCE_DATE_EPOCH", sde);
		opt.have_mtime = 1;
	}
	return optind;
}

static void
emit_line(const char *line, size_t len)
{
	if (st.out_closed || strcmp(opt.output, "-") == 0)
		return;
	if (fwrite(line, 1, len, stdout) != len || fflush(stdout) == EOF) {
		if (errno != EPIPE)
			diag_error("stdout: %s", strerror(errno));
		st.out_closed = 1;
		st.status = MJ_EXIT_FAILED;
	}
}

/* out-001.tar.gz: the number goes before the format's suffix. */
static char *
archive_name(unsigned seq)
{
	size_t	len = strlen(opt.output), slen = strlen(opt.format->suffix);

	if (opt.split_count == 0 && opt.split_size == 0)
		return xstrdup(opt.output);
	if (len > slen && strcasecmp(opt.output + len - slen,
	    opt.format->suffix) == 0)
		return xasprintf("%.*s-%03u%s", (int)(len - slen), opt.output,
		    seq, opt.output + len - slen);
	return xasprintf("%s-%03u", opt.output, seq);
}

static void
pack_fail(struct pack *p, const char *what)
{
	if (p->failed == NULL)
		p->failed = xasprintf("%s: %s", what, p->a != NULL &&
		    archive_error_string(p->a) != NULL ?
		    archive_error_string(p->a) : strerror(errno));
}

static struct pack *
pack_open(void)
{
	struct pack	*p = xcalloc(1, sizeof(*p));
	struct archive	*a;

	p->path = archive_name(++st.seq);
	p->fd = -1;
	if ((p->spool = tmpfile()) == NULL ||
	    (p->removals = tmpfile()) == NULL)
		diag_fatal(MJ_EXIT_FAILED, "a temporary file: %s",
		    strerror(errno));
	if ((a = p->a = archive_write_new()) == NULL)
		diag_fatal(MJ_EXIT_FAILED, "out of memory");
	if (opt.format->zip)
		archive_write_set_format_zip(a);
	else if (opt.format->sevenzip)
		archive_write_set_format_7zip(a);
	else
		archive_write_set_format_pax_restricted(a);
	if (opt.format->filter != NULL && opt.format->filter(a) != ARCHIVE_OK &&
	    archive_errno(a) != 0)
		pack_fail(p, p->path);
	/* reproducible gzip: no name, no time in its header */
	if (opt.format->filter == archive_write_add_filter_gzip)
		(void)archive_write_set_options(a, "gzip:!timestamp");
	if (strcmp(opt.output, "-") == 0)
		p->fd = STDOUT_FILENO;
	else {
		p->part = xasprintf("%s.part", p->path);
		if ((p->fd = open(p->part, O_WRONLY | O_CREAT | O_TRUNC |
		    O_CLOEXEC, 0644)) == -1) {
			p->failed = xasprintf("%s: %s", p->part,
			    strerror(errno));
			return p;
		}
	}
	if (p->failed == NULL && archive_write_open_fd(a, p->fd) != ARCHIVE_OK)
		pack_fail(p, p->path);
	diag_info(1, "writing %s", p->path);
	return p;
}

static struct archive_entry *
new_entry(const char *name, int64_t size, time_t mtime)
{
	struct archive_entry	*e = archive_entry_new();

	if (e == NULL)
		diag_fatal(MJ_EXIT_FAILED, "out of memory");
	archive_entry_set_pathname_utf8(e, name);
	archive_entry_set_size(e, size);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_mtime(e, opt.have_mtime ? opt.mtime : mtime, 0);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	return e;
}

/*
 * Have the kernel start writing what the archive has so far, without
 * waiting for it: the sync at the end then finds little left to do,
 * instead of the whole archive (1.5 s a GiB on the bench's disk).
 */
static void
start_writeback(struct pack *p)
{
#ifdef SYNC_FILE_RANGE_WRITE
	off_t	end;

	if (p->part == NULL || opt.no_sync ||
	    (end = lseek(p->fd, 0, SEEK_CUR)) == -1 ||
	    end - p->flushed < WRITEBACK_STEP)
		return;
	/* advice only: a failure here is found by the fsync at the end */
	(void)sync_file_range(p->fd, p->flushed, end - p->flushed,
	    SYNC_FILE_RANGE_WRITE);
	p->flushed = end;
#else
	(void)p;
#endif
}

/* Add size bytes read from fd as member name.  0, or -1 (why in err). */
static int
add_fd(struct pack *p, const char *name, int fd, int64_t size, time_t mtime,
    char *err, size_t errlen)
{
	struct archive_entry	*e = new_entry(name, size, mtime);
	int64_t			 left = size;
	ssize_t			 n;

	if (chunk == NULL)
		chunk = xmalloc(CHUNK);
	if (archive_write_header(p->a, e) != ARCHIVE_OK) {
		archive_entry_free(e);
		pack_fail(p, p->path);
		snprintf(err, errlen, "%s", p->failed);
		return -1;
	}
	archive_entry_free(e);
	while (left > 0) {
		n = read(fd, chunk, left < CHUNK ? (size_t)left : CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* the header promised size bytes: the archive is lost */
			snprintf(err, errlen, "%s", n < 0 ? strerror(errno) :
			    "the file shrank while it was packed");
			p->failed = xasprintf("%s: a file could not be read "
			    "whole", p->path);
			return -1;
		}
		if (archive_write_data(p->a, chunk, (size_t)n) != n) {
			pack_fail(p, p->path);
			snprintf(err, errlen, "%s", p->failed);
			return -1;
		}
		left -= n;
	}
	p->bytes += (uint64_t)size;
	start_writeback(p);
	return 0;
}

/* A member name for path: safe, unique in this archive, under --prefix. */
static char *
member_name(struct pack *p, const char *path)
{
	const char	*base = strrchr(path, '/');
	char		*safe, *name, *dot;
	unsigned	 i;

	safe = fsutil_safe_name(base != NULL ? base + 1 : path, 0);
	name = xasprintf("%s%s", opt.prefix, safe);
	for (i = 2; !nameset_add(&p->names, name) ||
	    strcmp(name, "manifest.jsonl") == 0 ||
	    strcmp(name, "index.html") == 0; i++) {
		free(name);
		dot = strrchr(safe, '.');
		if (dot != NULL && dot != safe)
			name = xasprintf("%s%.*s-%u%s", opt.prefix,
			    (int)(dot - safe), safe, i, dot);
		else
			name = xasprintf("%s%s-%u", opt.prefix, safe, i);
	}
	free(safe);
	return name;
}

static int
add_file(struct pack *p, const char *path, char **member, char *err,
    size_t errlen)
{
	struct stat	sb;
	int		fd, rc;

	*member = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	*member = member_name(p, path);
	rc = add_fd(p, *member, fd, (int64_t)sb.st_size, sb.st_mtime, err,
	    errlen);
	close(fd);
	if (rc == -1) {
		free(*member);
		*member = NULL;
	}
	return rc;
}

/* Add a temporary file (the manifest, the gallery) as a member. */
static void
add_spooled(struct pack *p, const char *name, FILE *f)
{
	char	 err[256];
	long	 size;

	if (p->failed != NULL)
		return;
	if (fflush(f) == EOF || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		p->failed = xasprintf("%s: %s", name, strerror(errno));
		return;
	}
	if (add_fd(p, name, fileno(f), size, time(NULL), err,
	    sizeof(err)) == -1 && p->failed == NULL)
		p->failed = xasprintf("%s: %s", name, err);
	(void)fseek(f, 0, SEEK_END);
}

/* HTML text: every character that could mean markup is escaped. */
static void
html_escape(FILE *f, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '&':  fputs("&amp;", f); break;
		case '<':  fputs("&lt;", f); break;
		case '>':  fputs("&gt;", f); break;
		case '"':  fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:   fputc(*s, f); break;
		}
	}
}

/* A member name as a relative URL: each path component percent-encoded. */
static void
html_href(FILE *f, const char *member)
{
	char	*copy = xstrdup(member), *comp, *save = NULL, *enc;
	int	 first = 1;

	for (comp = strtok_r(copy, "/", &save); comp != NULL;
	    comp = strtok_r(NULL, "/", &save)) {
		enc = api_percent_encode(comp);
		fprintf(f, "%s%s", first ? "" : "/", enc);
		free(enc);
		first = 0;
	}
	free(copy);
}

static const char gallery_head[] =
"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
"<title>mjpipe gallery</title>\n<style>\n"
"body{font-family:system-ui,sans-serif;margin:0;padding:1rem;"
"background:#f4f4f2;color:#222}\n"
"h1{font-size:1.3rem;margin:0 0 1rem}\n"
".grid{display:grid;gap:1rem;"
"grid-template-columns:repeat(auto-fill,minmax(220px,1fr))}\n"
"figure{margin:0;background:#fff;border-radius:8px;overflow:hidden;"
"box-shadow:0 1px 3px rgba(0,0,0,.15)}\n"
"figure img,figure video{display:block;width:100%;height:auto;"
"aspect-ratio:1/1;object-fit:cover;background:#ddd}\n"
"figcaption{padding:.6rem;font-size:.85rem;overflow-wrap:anywhere}\n"
".prompt{margin:0 0 .4rem;white-space:pre-wrap}\n"
".meta{color:#666;font-size:.75rem}\n"
".err{color:#a00}\n"
"@media (max-width:480px){.grid{grid-template-columns:1fr 1fr}}\n"
"</style>\n</head>\n<body>\n<h1>mjpipe gallery</h1>\n<main class=\"grid\">\n";

static void
gallery_card(FILE *f, json_object *rec, const char *member)
{
	json_object	*task = json_object_object_get(rec, "task");
	json_object	*err = json_object_object_get(rec, "error");
	const char	*type = member != NULL ? fsutil_ext_mime(member) : NULL;
	const char	*prompt = json_get_string(rec, "prompt");

	if (prompt == NULL && task != NULL)
		prompt = json_get_string(task, "prompt");
	fputs("<figure>", f);
	if (member != NULL) {
		fputs("<a href=\"", f);
		html_href(f, member);
		fputs("\">", f);
		if (type != NULL && strncmp(type, "video/", 6) == 0) {
			fputs("<video controls preload=\"metadata\" src=\"", f);
			html_href(f, member);
			fputs("\"></video>", f);
		} else {
			fputs("<img loading=\"lazy\" src=\"", f);
			html_href(f, member);
			fputs("\" alt=\"", f);
			html_escape(f, prompt != NULL ? prompt : member);
			fputs("\">", f);
		}
		fputs("</a>", f);
	}
	fputs("<figcaption><p class=\"prompt\">", f);
	html_escape(f, prompt != NULL ? prompt : "(no prompt)");
	fputs("</p><div class=\"meta\">", f);
	if (task != NULL) {
		fputs("task ", f);
		html_escape(f, json_get_string(task, "id"));
		fputs(" &middot; ", f);
		html_escape(f, json_get_string(task, "status"));
	}
	if (err != NULL) {
		fputs(" <span class=\"err\">", f);
		html_escape(f, json_get_string(err, "message"));
		fputs("</span>", f);
	}
	fputs("</div></figcaption></figure>\n", f);
}

/* index.html from the spooled records: one card per file, or per record. */
static void
write_gallery(struct pack *p, FILE *out)
{
	char		*line = NULL;
	size_t		 cap = 0, i, n;
	ssize_t		 len;
	json_object	*rec, *members, *m;

	fputs(gallery_head, out);
	rewind(p->spool);
	while ((len = getline(&line, &cap, p->spool)) > 0) {
		if ((rec = json_tokener_parse(line)) == NULL)
			continue;
		members = json_object_object_get(json_object_object_get(rec,
		    "archive"), "members");
		n = json_object_is_type(members, json_type_array) ?
		    json_object_array_length(members) : 0;
		if (n == 0)
			gallery_card(out, rec, NULL);
		for (i = 0; i < n; i++) {
			m = json_object_array_get_idx(members, i);
			gallery_card(out, rec, json_object_get_string(m));
		}
		json_object_put(rec);
	}
	free(line);
	fputs("</main>\n</body>\n</html>\n", out);
	(void)fseek(p->spool, 0, SEEK_END);
}

/* Print the spooled records, with an error added if the archive failed. */
static void
print_records(struct pack *p, const char *why, int retryable)
{
	struct json_tokener	*tok = record_tokener_new();
	struct record		*r;
	const char		*text;
	char			*line = NULL;
	size_t			 cap = 0, len;
	ssize_t			 n;

	rewind(p->spool);
	while ((n = getline(&line, &cap, p->spool)) > 0) {
		if (why == NULL) {
			emit_line(line, (size_t)n);
			continue;
		}
		r = record_parse(tok, line, (size_t)n - 1, 0);
		if (!record_is_error(r))
			st.failed++;
		record_del(r, "archive");
		(void)record_set_error(r, "pack", why, retryable);
		text = record_serialize(r, &len);
		emit_line(text, len);
		emit_line("\n", 1);
		record_free(r);
	}
	free(line);
	json_tokener_free(tok);
}

static void
remove_packed(struct pack *p)
{
	char	*path = NULL;
	size_t	 cap = 0;

	rewind(p->removals);
	while (getdelim(&path, &cap, '\0', p->removals) > 0)
		if (unlink(path) == -1 && errno != ENOENT)
			diag_warn("%s: %s", path, strerror(errno));
	free(path);
}

static void
pack_free(struct pack *p)
{
	if (p->a != NULL)
		archive_write_free(p->a);
	if (p->spool != NULL)
		fclose(p->spool);
	if (p->removals != NULL)
		fclose(p->removals);
	nameset_free(&p->names);
	free(p->path);
	free(p->part);
	free(p->failed);
	free(p);
}

/* Close the archive: manifest, gallery, rename; then print the records. */
static void
pack_close(struct pack *p, const char *interrupted)
{
	FILE	*html;

	if (interrupted == NULL) {
		add_spooled(p, "manifest.jsonl", p->spool);
		if (opt.gallery && p->failed == NULL) {
			if ((html = tmpfile()) == NULL)
				p->failed = xasprintf("a temporary file: %s",
				    strerror(errno));
			else {
				write_gallery(p, html);
				add_spooled(p, "index.html", html);
				fclose(html);
			}
		}
		if (p->failed == NULL && archive_write_close(p->a) != ARCHIVE_OK)
			pack_fail(p, p->path);
		if (p->failed == NULL && p->part != NULL &&
		    ((!opt.no_sync && fsync(p->fd) == -1) ||
		    close(p->fd) == -1)) {
			p->fd = -1;
			p->failed = xasprintf("%s: %s", p->part, strerror(errno));
		} else if (p->part != NULL)
			p->fd = -1;
		if (p->failed == NULL && p->part != NULL && (opt.no_sync ?
		    rename(p->part, p->path) : fsutil_rename_durable(p->part,
		    p->path)) == -1)
			p->failed = xasprintf("%s: %s", p->path, strerror(errno));
	}
	if (p->fd >= 0 && p->part != NULL)
		close(p->fd);
	if (interrupted != NULL || p->failed != NULL) {
		if (p->part != NULL)
			(void)unlink(p->part);
		if (p->failed != NULL)
			diag_error("%s", p->failed);
		print_records(p, interrupted != NULL ? interrupted : p->failed,
		    1);
		st.status = MJ_EXIT_FAILED;
	} else {
		diag_info(1, "%s: %lu records", p->path, p->records);
		print_records(p, NULL, 0);
		if (opt.remove_files)
			remove_packed(p);
	}
	pack_free(p);
}

static void
spool_record(struct pack *p, struct record *r)
{
	const char	*text;
	size_t		 len;

	text = record_serialize(r, &len);
	if (fwrite(text, 1, len, p->spool) != len ||
	    fputc('\n', p->spool) == EOF)
		diag_fatal(MJ_EXIT_FAILED, "a temporary file: %s",
		    strerror(errno));
	p->records++;
}

/* The files of a record that exist, with their sizes (for --split-size). */
static uint64_t
files_size(json_object *files)
{
	struct stat	sb;
	uint64_t	sum = 0;
	size_t		i;
	const char	*path;

	for (i = 0; json_object_is_type(files, json_type_array) &&
	    i < json_object_array_length(files); i++)
		if ((path = json_get_string(json_object_array_get_idx(files,
		    i), "path")) != NULL && stat(path, &sb) == 0)
			sum += (uint64_t)sb.st_size;
	return sum;
}

static void
split_if_due(json_object *files)
{
	struct pack	*p = st.pack;

	if (p == NULL)
		return;
	if ((opt.split_count > 0 && p->records >= opt.split_count) ||
	    (opt.split_size > 0 && p->records > 0 &&
	    p->bytes + files_size(files) > opt.split_size)) {
		pack_close(p, NULL);
		st.pack = NULL;
	}
}

static void
take_record(struct record *r)
{
	json_object	*files = record_get(r, "files"), *archive, *members;
	const char	*path;
	char		 err[512], *member, *first_err = NULL;
	size_t		 i, n, nfailed = 0;
	int		 incoming = record_is_error(r);

	split_if_due(files);
	if (st.pack == NULL)
		st.pack = pack_open();
	members = json_object_new_array();
	n = json_object_is_type(files, json_type_array) ?
	    json_object_array_length(files) : 0;
	for (i = 0; i < n; i++) {
		path = json_get_string(json_object_array_get_idx(files, i),
		    "path");
		if (path == NULL || st.pack->failed != NULL) {
			snprintf(err, sizeof(err), "%s", path == NULL ?
			    "a file without a path" : st.pack->failed);
			member = NULL;
		} else
			(void)add_file(st.pack, path, &member, err, sizeof(err));
		if (member == NULL) {
			if (nfailed++ == 0)
				first_err = xstrdup(err);
			continue;
		}
		json_object_array_add(members, json_object_new_string(member));
		if (opt.remove_files &&
		    fwrite(path, 1, strlen(path) + 1, st.pack->removals) !=
		    strlen(path) + 1)
			diag_fatal(MJ_EXIT_FAILED, "a temporary file: %s",
			    strerror(errno));
		free(member);
	}
	archive = json_object_new_object();
	json_add_string(archive, "path", st.pack->path);
	json_add(archive, "members", members);
	record_set(r, "archive", archive);
	if (nfailed > 0) {
		char *msg = nfailed == 1 ? xstrdup(first_err) :
		    xasprintf("%s (and %zu more)", first_err, nfailed - 1);

		if (!incoming) {
			(void)record_set_error(r, "pack", msg, 0);
			diag_error("line %ld: %s", r->line, msg);
			st.failed++;
			st.status = MJ_EXIT_FAILED;
		}
		free(msg);
		free(first_err);
	} else if (!incoming)
		st.done++;
	spool_record(st.pack, r);
}

static void
take_line(const char *line, size_t len, long lineno)
{
	struct record	*r;

	r = record_parse(st.tok, line, len, lineno);
	if (record_is_error(r) && record_get(r, "input") != NULL) {
		json_object *e = record_get(r, "error"), *l;

		if (json_object_object_get_ex(e, "line", &l) &&
		    json_object_get_int64(l) == lineno) {
			diag_error("line %ld: %s", lineno,
			    json_get_string(e, "message"));
			st.failed++;
			st.status = MJ_EXIT_FAILED;
		}
	}
	take_record(r);
	record_free(r);
}

static int
run(struct input *in)
{
	const char	*line;
	size_t		 len;
	int		 ev;

	while (!input_done(in)) {
		ev = loop_turn(st.loop, input_fd(in), -1);
		if (ev & LOOP_SIGNAL)
			return loop_signal_status(st.loop);
		if (!(ev & LOOP_READABLE))
			continue;
		if (input_fill(in) < 0) {
			diag_error("%s: %s", input_name(in), strerror(errno));
			st.status = MJ_EXIT_FAILED;
		}
		while (input_next(in, &line, &len)) {
			if (len == 0 || (len == 1 && line[0] == '\r'))
				continue;
			take_line(line, len, input_lineno(in));
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct input	*in;
	int		 first, sig;

	diag_init("mj-pack");
	first = parse_options(argc, argv);
	st.loop = loop_new();
	st.tok = record_tokener_new();
	in = input_new(argv + first, argc - first);
	sig = run(in);
	if (st.pack != NULL)
		pack_close(st.pack, sig != 0 ? "interrupted" : NULL);
	else if (sig == 0 && st.seq == 0) {
		/* no records: still an archive, with an empty manifest */
		st.pack = pack_open();
		pack_close(st.pack, NULL);
	}
	free(chunk);
	input_free(in);
	json_tokener_free(st.tok);
	loop_free(st.loop);
	if (*opt.prefix != '\0')
		free((void *)opt.prefix);
	if (fclose(stdout) != 0 && !st.out_closed &&
	    strcmp(opt.output, "-") != 0) {
		diag_error("stdout: %s", strerror(errno));
		st.status = MJ_EXIT_FAILED;
	}
	return sig != 0 ? sig : st.status;
}
