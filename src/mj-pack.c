/*
 * mj-pack: pack the files of fetched records, with the records, into
 * archives (design.md "mj-pack"), in a layout (src/lib/layout.c: files,
 * webdataset, imagefolder), with a gallery if asked (src/lib/gallery.c).
 * Files are added as their records arrive; the records themselves are
 * spooled to a temporary file, not held in memory, and written into the
 * archive as manifest.jsonl when it closes (the gallery's cards and
 * metadata.jsonl are spooled likewise).  An archive is written to
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
#include "archwrite.h"
#include "buf.h"
#include "commonopt.h"
#include "config.h"
#include "diag.h"
#include "fsutil.h"
#include "gallery.h"
#include "input.h"
#include "jsonx.h"
#include "layout.h"
#include "loop.h"
#include "metrics.h"
#include "nameset.h"
#include "opt.h"
#include "out.h"
#include "progress.h"
#include "publish.h"
#include "record.h"
#include "thumbnail.h"
#include "version.h"
#include "xalloc.h"

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
	struct archwrite w;		/* w.failed: why it cannot be used */
	struct layout_out lo;		/* how records become members */
	char		*path;		/* as printed in archive.path */
	char		*part;		/* path.part, or NULL for stdout */
	struct xalloc_tmp *tmp;		/* the part, for xalloc_oom */
	int		 fd, hold;	/* hold: part's lock (publish.h) */
	FILE		*spool;		/* the records, one per line */
	FILE		*removals;	/* paths to remove, NUL-terminated */
	FILE		*metadata;	/* imagefolder: metadata.jsonl */
	struct gallery	*gallery;	/* --gallery: index.html */
	struct nameset	 names;
	unsigned long	 records, samples;
	unsigned long	 errors;	/* records spooled with an error */
};

static struct {
	const char	*output;
	const struct format *format;
	const char	*prefix;	/* "" or "dir/" */
	enum layout	 layout;
	int		 with_grid;
	int		 gallery;
	unsigned long	 split_count;
	uint64_t	 split_size;
	int		 remove_files;
	int		 no_sync;	/* --no-sync: the archive not synced */
	int		 have_mtime;
	time_t		 mtime;
	struct config	 cfg;		/* the config file: metrics-dir */
} opt = { .prefix = "" };

static struct {
	struct loop	*loop;
	json_tokener	*tok;
	struct pack	*pack;
	unsigned	 seq;		/* archives opened */
	int		 status;
	int		 out_closed;
	unsigned long	 done, failed;
	long long	 bytes;		/* member bytes packed, manifests too */
	struct progress	 progress;
	struct metrics	*metrics;	/* --metrics, or NULL */
} st;

/*
 * A temporary file (the spooled records, the files to remove) failed:
 * the run cannot go on.  The .part goes, as at the out-of-memory exit.
 */
static void tmp_fatal(void) __attribute__((noreturn));
static void
tmp_fatal(void)
{
	int	err = errno;

	if (st.pack != NULL && st.pack->part != NULL)
		(void)unlink(st.pack->part);
	/* a stream whose write failed before fails again without errno */
	diag_fatal(MJ_EXIT_FAILED, "a temporary file: %s", err != 0 ?
	    strerror(err) : "a write to it failed");
}

static void
usage(FILE *out)
{
	fprintf(out,
"usage: mj-pack [-qv] -o file [--format fmt] [--layout layout] [--with-grid]\n"
"               [--prefix dir/] [--gallery] [--split-count n]\n"
"               [--split-size size] [--remove-files] [--mtime time]\n"
"               [--no-sync] [file ...]\n"
"Pack the files of fetched records, and the records, into archives.\n"
"  -o, --output FILE       the archive; - for stdout\n"
"      --format FMT        tar, tar.gz, tgz, tar.xz, tar.zst, zip or 7z\n"
"                          (default: from the suffix of FILE)\n"
"      --layout LAYOUT     files (the default: the files and manifest.jsonl),\n"
"                          webdataset (a sample per image: KEY.png, KEY.json,\n"
"                          KEY.txt; tar formats only) or imagefolder (the\n"
"                          images and metadata.jsonl)\n"
"      --with-grid         webdataset, imagefolder: a split grid's own image\n"
"                          too, not only its four quadrants\n"
"      --prefix DIR/       put the files under DIR/ inside the archive\n"
"      --gallery           add index.html, a page showing every image, with\n"
"                          thumbnails in thumbs/ (layout files)\n"
"      --split-count N     at most N records per archive (FILE-001...); with\n"
"                          webdataset, N samples a shard (FILE-000000...)\n"
"      --split-size SIZE   at most SIZE bytes of files per archive\n"
"      --remove-files      delete the packed files once the archive is safe\n"
"      --mtime TIME        entry time (epoch seconds); else SOURCE_DATE_EPOCH\n"
"      --no-sync           do not wait for the archive to reach the disk\n"
COMMONOPT_HELP_FILES
COMMONOPT_HELP_TAIL
"See mj-pack(1).\n");
}

enum {
	OPT_FORMAT = CHAR_MAX + 1, OPT_GALLERY, OPT_MTIME, OPT_NO_SYNC,
	OPT_PREFIX, OPT_REMOVE_FILES, OPT_SPLIT_COUNT, OPT_SPLIT_SIZE,
	OPT_LAYOUT, OPT_WITH_GRID
};

static const char *
version_more(void)
{
	return thumbnail_version();
}

static const struct option longopts[] = {
	COMMONOPT_LONGOPTS,
	{ "format",		required_argument, NULL, OPT_FORMAT },
	{ "gallery",		no_argument,	   NULL, OPT_GALLERY },
	{ "layout",		required_argument, NULL, OPT_LAYOUT },
	{ "mtime",		required_argument, NULL, OPT_MTIME },
	{ "no-sync",		no_argument,	   NULL, OPT_NO_SYNC },
	{ "output",		required_argument, NULL, 'o' },
	{ "prefix",		required_argument, NULL, OPT_PREFIX },
	{ "remove-files",	no_argument,	   NULL, OPT_REMOVE_FILES },
	{ "split-count",	required_argument, NULL, OPT_SPLIT_COUNT },
	{ "split-size",		required_argument, NULL, OPT_SPLIT_SIZE },
	{ "with-grid",		no_argument,	   NULL, OPT_WITH_GRID },
	{ NULL,			0,		   NULL, 0 }
};

static struct commonopt co = { .prog = "mj-pack", .usage = usage,
    .version_more = version_more, .cfg = &opt.cfg,
    .shortopts = "ho:qv", .longopts = longopts };

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

static void
check_layout(void)
{
	if (opt.layout == LAYOUT_WEBDATASET &&
	    (opt.format->zip || opt.format->sevenzip))
		diag_usage_error("--layout webdataset: shards are tar files "
		    "(tar, tar.gz, tgz, tar.xz, tar.zst), not %s",
		    opt.format->name);
	if (opt.gallery && opt.layout != LAYOUT_FILES)
		diag_usage_error("--gallery: only with --layout files (its "
		    "thumbnails would be samples to a dataset loader)");
	if (opt.with_grid && opt.layout == LAYOUT_FILES)
		diag_usage_error("--with-grid: only with --layout webdataset "
		    "or imagefolder (files packs every file)");
}

static int
parse_options(int argc, char **argv)
{
	const char	*format = NULL, *sde;
	int		 c;

	while ((c = commonopt_next(&co, argc, argv)) != -1) {
		switch (c) {
		case 'o':
			opt.output = optarg;
			break;
		case OPT_FORMAT:
			format = optarg;
			break;
		case OPT_GALLERY:
			opt.gallery = 1;
			break;
		case OPT_LAYOUT:
			if (layout_parse(optarg, &opt.layout) == -1)
				diag_usage_error("--layout: must be files, "
				    "webdataset or imagefolder: %s", optarg);
			break;
		case OPT_WITH_GRID:
			opt.with_grid = 1;
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
	check_layout();
	if (opt.no_sync && opt.remove_files)
		diag_usage_error("--no-sync and --remove-files: the files "
		    "would be deleted before their archive is on disk");
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
	if (out_text(line, len) == -1) {
		st.out_closed = 1;
		st.status = MJ_EXIT_FAILED;
	}
}

/*
 * out-001.tar.gz: the number goes before the format's suffix.  WebDataset
 * shards are numbered as that world does: data-000000.tar, from 0.
 */
static char *
archive_name(unsigned seq)
{
	size_t		 len = strlen(opt.output);
	size_t		 slen = strlen(opt.format->suffix);
	const char	*fmt = "%.*s-%03u%s";

	if (opt.split_count == 0 && opt.split_size == 0)
		return xstrdup(opt.output);
	if (opt.layout == LAYOUT_WEBDATASET) {
		fmt = "%.*s-%06u%s";
		seq--;
	}
	if (len <= slen || strcasecmp(opt.output + len - slen,
	    opt.format->suffix) != 0)
		slen = 0;
	return xasprintf(fmt, (int)(len - slen), opt.output, seq,
	    opt.output + len - slen);
}

static struct pack *
pack_open(void)
{
	struct pack	*p = xcalloc(1, sizeof(*p));
	struct archive	*a;

	p->path = archive_name(++st.seq);
	p->fd = p->hold = -1;
	if ((p->spool = tmpfile()) == NULL ||
	    (p->removals = tmpfile()) == NULL ||
	    (opt.layout == LAYOUT_IMAGEFOLDER &&
	    (p->metadata = tmpfile()) == NULL))
		tmp_fatal();
	if ((a = p->a = archive_write_new()) == NULL)
		xalloc_oom();
	p->w.a = a;
	p->w.label = p->path;
	p->w.have_mtime = opt.have_mtime;
	p->w.mtime = opt.mtime;
	p->lo = (struct layout_out){ opt.layout, opt.with_grid, opt.prefix,
	    &p->w, &p->names, p->metadata };
	if (opt.gallery)
		p->gallery = gallery_new();
	if (opt.format->zip)
		archive_write_set_format_zip(a);
	else if (opt.format->sevenzip)
		archive_write_set_format_7zip(a);
	else
		archive_write_set_format_pax_restricted(a);
	if (opt.format->filter != NULL && opt.format->filter(a) != ARCHIVE_OK &&
	    archive_errno(a) != 0)
		archwrite_fail(&p->w, p->path);
	/* reproducible gzip: no name, no time in its header */
	if (opt.format->filter == archive_write_add_filter_gzip)
		(void)archive_write_set_options(a, "gzip:!timestamp");
	if (strcmp(opt.output, "-") == 0)
		p->fd = STDOUT_FILENO;
	else {
		p->part = xasprintf("%s.part", p->path);
		p->tmp = xalloc_tmp_add(p->part);
		if ((p->fd = publish_open(p->part, 0644, &p->hold)) == -1) {
			xalloc_tmp_remove(p->tmp);
			p->tmp = NULL;
			p->w.failed = xasprintf("%s: %s", p->part,
			    publish_strerror(errno));
			free(p->part);	/* not ours: never removed */
			p->part = NULL;
			return p;
		}
		p->w.fd = p->fd;
		p->w.writeback = !opt.no_sync;
	}
	if (p->w.failed == NULL &&
	    archive_write_open_fd(a, p->fd) != ARCHIVE_OK)
		archwrite_fail(&p->w, p->path);
	diag_info(1, "writing %s", p->path);
	return p;
}

/* Back to the start of a temporary file, whose last write must not fail */
static void
spool_rewind(FILE *f)
{
	if (fflush(f) == EOF || fseek(f, 0, SEEK_SET) == -1)
		tmp_fatal();
}

/* A temporary file's next line, to delim: -1 at its end, and only there */
static ssize_t
spool_getdelim(char **line, size_t *cap, int delim, FILE *f)
{
	ssize_t	n;

	errno = 0;
	if ((n = getdelim(line, cap, delim, f)) == -1 && errno == ENOMEM)
		xalloc_oom();
	if (n == -1 && ferror(f))
		tmp_fatal();
	return n;
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

	if (!st.out_closed && strcmp(opt.output, "-") != 0) {
		metrics_add(st.metrics, METRIC_RECORDS_OUT, "error",
		    why != NULL ? p->records : p->errors);
		metrics_add(st.metrics, METRIC_RECORDS_OUT, "ok",
		    why != NULL ? 0 : p->records - p->errors);
	}
	spool_rewind(p->spool);
	while ((n = spool_getdelim(&line, &cap, '\n', p->spool)) > 0) {
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

	spool_rewind(p->removals);
	while (spool_getdelim(&path, &cap, '\0', p->removals) > 0)
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
	if (p->metadata != NULL)
		fclose(p->metadata);
	gallery_free(p->gallery);
	nameset_free(&p->names);
	free(p->path);
	publish_release(&p->hold);	/* its part renamed or removed */
	free(p->part);
	archwrite_free(&p->w);
	free(p);
}

/*
 * Close the archive: the manifest (a webdataset shard has samples only),
 * metadata.jsonl, the gallery, rename; then print the records.
 */
static void
pack_close(struct pack *p, const char *interrupted)
{
	st.bytes += (long long)p->w.bytes;
	if (interrupted == NULL) {
		if (opt.layout != LAYOUT_WEBDATASET)
			(void)archwrite_add_tmp(&p->w, "manifest.jsonl",
			    p->spool);
		if (p->metadata != NULL)
			(void)archwrite_add_tmp(&p->w, "metadata.jsonl",
			    p->metadata);
		if (p->gallery != NULL)
			(void)gallery_add_page(p->gallery, &p->w);
		if (p->w.failed == NULL &&
		    archive_write_close(p->a) != ARCHIVE_OK)
			archwrite_fail(&p->w, p->path);
		if (p->w.failed == NULL && p->part != NULL &&
		    ((!opt.no_sync && fsync(p->fd) == -1) ||
		    close(p->fd) == -1)) {
			p->fd = -1;
			p->w.failed = xasprintf("%s: %s", p->part,
			    strerror(errno));
		} else if (p->part != NULL)
			p->fd = -1;
		if (p->w.failed == NULL && p->part != NULL && (opt.no_sync ?
		    rename(p->part, p->path) : fsutil_rename_durable(p->part,
		    p->path)) == -1)
			p->w.failed = xasprintf("%s: %s", p->path,
			    strerror(errno));
	}
	if (p->fd >= 0 && p->part != NULL)
		close(p->fd);
	if (interrupted != NULL || p->w.failed != NULL) {
		if (p->part != NULL)
			(void)unlink(p->part);
		xalloc_tmp_remove(p->tmp);
		p->tmp = NULL;
		if (p->w.failed != NULL)
			diag_error("%s", p->w.failed);
		print_records(p, interrupted != NULL ? interrupted :
		    p->w.failed, 1);
		st.status = MJ_EXIT_FAILED;
	} else {
		xalloc_tmp_remove(p->tmp);	/* renamed */
		p->tmp = NULL;
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
		tmp_fatal();
	p->records++;
	p->errors += record_is_error(r) != 0;
}

/* The files of a record that exist and go in, with their sizes. */
static uint64_t
files_size(const struct layout_out *lo, json_object *files)
{
	struct stat	sb;
	uint64_t	sum = 0;
	size_t		i;
	const char	*path;

	for (i = 0; json_object_is_type(files, json_type_array) &&
	    i < json_object_array_length(files); i++)
		if (layout_takes(lo, files, i) &&
		    (path = json_get_string(json_object_array_get_idx(files,
		    i), "path")) != NULL && stat(path, &sb) == 0)
			sum += (uint64_t)sb.st_size;
	return sum;
}

/*
 * --split-count counts records, or the samples of a dataset layout; a
 * record's files never straddle two archives.
 */
static void
split_if_due(json_object *files)
{
	struct pack	*p = st.pack;
	int		 full;

	if (p == NULL)
		return;
	if (opt.layout == LAYOUT_FILES)
		full = p->records >= opt.split_count;
	else
		full = p->samples > 0 &&
		    p->samples + layout_count(&p->lo, files) > opt.split_count;
	if ((opt.split_count > 0 && full) ||
	    (opt.split_size > 0 && p->records > 0 &&
	    p->w.bytes + files_size(&p->lo, files) > opt.split_size)) {
		pack_close(p, NULL);
		st.pack = NULL;
	}
}

static void
take_record(struct record *r)
{
	json_object	*files = record_get(r, "files"), *archive, *members;
	json_object	*file;
	const char	*path;
	char		 err[512], *member, *first_err = NULL;
	size_t		 i, n, nfailed = 0;
	int		 incoming = record_is_error(r);

	split_if_due(files);
	if (st.pack == NULL)
		st.pack = pack_open();
	members = jx_new_array();
	n = json_object_is_type(files, json_type_array) ?
	    json_object_array_length(files) : 0;
	for (i = 0; i < n; i++) {
		if (!layout_takes(&st.pack->lo, files, i))
			continue;
		file = json_object_array_get_idx(files, i);
		path = json_get_string(file, "path");
		member = layout_add(&st.pack->lo, r->obj, file, members, err,
		    sizeof(err));
		if (member == NULL) {
			if (nfailed++ == 0)
				first_err = xstrdup(err);
			continue;
		}
		st.pack->samples++;
		if (st.pack->gallery != NULL)
			gallery_file(st.pack->gallery, files, file, member,
			    r->line);
		if (opt.remove_files &&
		    fwrite(path, 1, strlen(path) + 1, st.pack->removals) !=
		    strlen(path) + 1)
			tmp_fatal();
		free(member);
	}
	if (st.pack->gallery != NULL)
		gallery_record(st.pack->gallery, &st.pack->w, r->obj);
	archive = jx_new_object();
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
	if (commonopt_record_in(&co, r, lineno)) {
		st.failed++;
		st.status = MJ_EXIT_FAILED;
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
		progress_status(&st.progress, st.done + st.failed, -1,
		    "%lu packed, %lu failed", st.done, st.failed);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct input	*in;
	int		 first, sig, status;

	commonopt_begin(&co);
	first = parse_options(argc, argv);
	if (commonopt_finish(&co, 0, 0) == -1)
		return MJ_EXIT_USAGE;
	st.loop = loop_new();
	st.metrics = commonopt_metrics(&co);
	metrics_start(st.metrics, st.loop);
	progress_init(&st.progress, loop_now());
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
	progress_end(&st.progress, st.bytes, "%lu packed, %lu failed", st.done,
	    st.failed);
	input_free(in);
	json_tokener_free(st.tok);
	thumbnail_shutdown();
	if (*opt.prefix != '\0')
		free((void *)opt.prefix);
	/* with -o -, stdout is the archive: its writer said what failed */
	if (out_close() == -1 && strcmp(opt.output, "-") != 0)
		st.status = MJ_EXIT_FAILED;
	status = commonopt_end(&co, sig != 0 ? sig : st.status);
	loop_free(st.loop);
	config_free(&opt.cfg);
	return status;
}
