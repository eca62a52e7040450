/*
 * A grid's quadrants as files (gridsplit.h).  The quadrants are written
 * the way mj-fetch writes downloads, and published by the same code
 * (publish.c), so that the same rule holds: a file under its final name
 * is whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "gridsplit.h"
#include "image.h"
#include "jsonx.h"
#include "publish.h"
#include "record.h"
#include "xalloc.h"

/* Actions whose image is a 2x2 grid (api.md section 4, and variants). */
static const char *const grid_actions[] = {
	"IMAGINE", "VARIATION", "HIGH_VARIATION", "LOW_VARIATION", "REROLL",
	"ZOOM", "OUTPAINT", "CUSTOM_ZOOM", "PAN", "PAN_LEFT", "PAN_RIGHT",
	"PAN_UP", "PAN_DOWN", "BLEND", "INPAINT"
};

int
gridsplit_is_grid(json_object *task, size_t nurls)
{
	json_object	*a;
	const char	*action;
	size_t		 i;

	if (nurls != 1 || task == NULL ||
	    !json_object_object_get_ex(task, "action", &a) ||
	    !json_object_is_type(a, json_type_string))
		return 0;
	action = json_object_get_string(a);
	for (i = 0; i < sizeof(grid_actions) / sizeof(grid_actions[0]); i++)
		if (strcasecmp(action, grid_actions[i]) == 0)
			return 1;
	return 0;
}

struct gridsplit *
gridsplit_new(char *bases[], int hash, int sync)
{
	struct gridsplit	*g = xcalloc(1, sizeof(*g));
	int			 i;

	g->hash = hash;
	g->sync = sync;
	for (i = 0; i < GRIDSPLIT_PARTS; i++)
		g->part[i].base = bases[i];
	return g;
}

void
gridsplit_free(struct gridsplit *g)
{
	int	i;

	if (g == NULL)
		return;
	for (i = 0; i < GRIDSPLIT_PARTS; i++) {
		free(g->part[i].base);
		free(g->part[i].path);
	}
	free(g->grid);
	free(g);
}

static int
fail_errno(struct gridsplit *g, const char *path, int err)
{
	(void)snprintf(g->err, sizeof(g->err), "%s: %s", path,
	    publish_strerror(err));
	g->retryable = publish_retryable(err);
	return -1;
}

static void
discard_part(const struct gridsplit_part *p)
{
	char	*part = xasprintf("%s.part", p->base);

	publish_remove_stale(part);
	free(part);
}

/*
 * Is quadrant p already there, under its name: 1 (its size and hash
 * read), 0 if not, -1 on an error (a name held by something else).
 */
static int
find_part(struct gridsplit *g, struct gridsplit_part *p)
{
	struct stat	sb;
	char		err[256];

	if (lstat(p->path, &sb) == -1)
		return errno == ENOENT ? 0 : fail_errno(g, p->path, errno);
	if (!S_ISREG(sb.st_mode))
		return fail_errno(g, p->path, EEXIST);
	discard_part(p);	/* a kill between link and unlink left it */
	p->bytes = (long long)sb.st_size;
	if (g->hash && sha256_file(p->path, p->hex, &p->bytes) == -1)
		return fail_errno(g, p->path, errno);
	if (image_size(p->path, &p->width, &p->height, err, sizeof(err))
	    == -1) {
		(void)snprintf(g->err, sizeof(g->err), "%s: %s", p->path, err);
		return -1;
	}
	p->found = 1;
	return 1;
}

/* Write one encoded quadrant: NAME.part, synced, linked to NAME.EXT. */
static int
write_part(void *arg, const struct image_part *ip)
{
	struct gridsplit	*g = arg;
	struct gridsplit_part	*p = &g->part[ip->index - 1];
	char			*part = xasprintf("%s.part", p->base);
	struct xalloc_tmp	*tmp = xalloc_tmp_add(part);
	int			 fd, hold, err = 0;

	if ((fd = publish_open(part, 0666, &hold)) == -1)
		err = errno;
	else if (fsutil_write_all(fd, ip->data, ip->len) == -1 ||
	    (g->sync && fsync(fd) == -1))
		err = errno;
	if (fd != -1 && close(fd) == -1 && err == 0)
		err = errno;
	/* never replaces a file that appeared meanwhile */
	if (err == 0 && publish_file(part, p->path) == -1)
		err = errno;
	if (err != 0 && fd != -1)
		(void)unlink(part);	/* failed: it goes */
	publish_release(&hold);
	xalloc_tmp_remove(tmp);	/* gone, or published */
	free(part);
	if (err != 0)
		return fail_errno(g, p->path, err);
	p->type = ip->type;
	p->bytes = (long long)ip->len;
	p->width = ip->width;
	p->height = ip->height;
	if (g->hash)
		sha256_hex(ip->data, ip->len, p->hex);
	g->made++;
	return 0;
}

int
gridsplit_run(void *arg)
{
	struct gridsplit	*g = arg;
	const char		*ext;
	unsigned		 want = 0;
	char			 err[384];
	int			 i, rc;

	if ((ext = image_split_ext(g->grid, err, sizeof(err))) == NULL) {
		(void)snprintf(g->err, sizeof(g->err), "%s: %s", g->grid, err);
		return -1;
	}
	for (i = 0; i < GRIDSPLIT_PARTS; i++) {
		g->part[i].path = xasprintf("%s.%s", g->part[i].base, ext);
		g->part[i].type = fsutil_ext_mime(g->part[i].path);
		if ((rc = find_part(g, &g->part[i])) == -1)
			return -1;
		if (rc == 0)
			want |= 1u << i;
	}
	rc = want == 0 ? image_size(g->grid, &g->width, &g->height, err,
	    sizeof(err)) : image_split(g->grid, want, write_part, g,
	    &g->width, &g->height, err, sizeof(err));
	if (rc == -1 && g->err[0] == '\0')
		(void)snprintf(g->err, sizeof(g->err), "%s: %s", g->grid, err);
	if (rc == 0 && g->made > 0 && g->sync &&
	    fsutil_fsync_parent(g->grid) == -1)
		return fail_errno(g, g->grid, errno);
	return rc;
}

void
gridsplit_mark_grid(const struct gridsplit *g, json_object *o)
{
	json_add_bool(o, "grid", 1);
	json_add_int(o, "width", g->width);
	json_add_int(o, "height", g->height);
}

json_object *
gridsplit_part_json(const struct gridsplit *g, int i)
{
	const struct gridsplit_part	*p = &g->part[i];
	json_object			*o = jx_new_object();

	json_add_string(o, "path", p->path);
	json_add_int(o, "bytes", p->bytes);
	if (g->hash)
		json_add_string(o, "sha256", p->hex);
	json_add_string(o, "type", p->type);
	json_add_int(o, "width", p->width);
	json_add_int(o, "height", p->height);
	json_add_int(o, "index", i + 1);
	return o;
}
