/*
 * The image module: quadrants tile any grid (odd sizes too), a split
 * gives back exactly the grid's pixels in U1..U4 order and only the
 * quadrants asked for, WebP stays WebP, and truncated, corrupt and
 * bomb-sized images are refused with a message.  libvips is not linked
 * (vipsload.c): it is mapped only once image_init has run.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "image.h"
#include "tap.h"
#include "vipsload.h"

/* What only the test uses, found in the libvips image_init loaded. */
#define TEST_FUNCS(F) \
	F(vips_image_new_from_memory) F(vips_webpsave) F(vips_pngsave) \
	F(vips_image_new_from_buffer) F(vips_image_write_to_memory)
#define DECLARE(f)	static __typeof__(f) *t_##f;
TEST_FUNCS(DECLARE)
#undef DECLARE

static char	 dir[] = "/tmp/test_image.XXXXXX";
static char	 path[4][512];

/* Pixel (x, y) of the test grids: every one different, three bands. */
static unsigned char
value(int x, int y, int band)
{
	return (unsigned char)(band == 0 ? x : band == 1 ? y : x * 7 + y);
}

/* Save a w x h grid drawn by value() as file (its suffix: the format). */
static int
make_grid(const char *file, int w, int h)
{
	unsigned char	*px = malloc((size_t)w * h * 3);
	VipsImage	*img;
	int		 x, y, b, rc;

	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			for (b = 0; b < 3; b++)
				px[(y * w + x) * 3 + b] = value(x, y, b);
	img = t_vips_image_new_from_memory(px, (size_t)w * h * 3, w, h, 3,
	    VIPS_FORMAT_UCHAR);
	rc = strstr(file, ".webp") != NULL ?
	    t_vips_webpsave(img, file, "lossless", TRUE, NULL) :
	    t_vips_pngsave(img, file, NULL);
	vl.g_object_unref(img);
	free(px);
	return rc;
}

struct seen {
	int		 order[4], n;
	int		 exact, w, h;
	const char	*type;
};

/* Decode a part and compare it with the grid's pixels where it lies. */
static int
check_part(void *arg, const struct image_part *p)
{
	struct seen	*s = arg;
	VipsImage	*img;
	unsigned char	*px;
	size_t		 len = 0;
	int		 x0, y0, qw, qh, x, y, b, ok = 1;

	s->order[s->n++] = p->index;
	s->type = p->type;
	image_quadrant(s->w, s->h, p->index, &x0, &y0, &qw, &qh);
	img = t_vips_image_new_from_buffer(p->data, p->len, "", NULL);
	if (img == NULL || vl.vips_image_get_width(img) != qw ||
	    vl.vips_image_get_height(img) != qh || p->width != qw ||
	    p->height != qh) {
		s->exact = 0;
		if (img != NULL)
			vl.g_object_unref(img);
		return 0;
	}
	/* every pixel, rows of three bands of bytes (as made) */
	px = t_vips_image_write_to_memory(img, &len);
	if (px == NULL || len != (size_t)qw * qh * 3)
		ok = 0;
	for (y = 0; ok && y < qh; y++)
		for (x = 0; x < qw; x++)
			for (b = 0; b < 3; b++)
				if (px[((size_t)y * qw + x) * 3 + b] !=
				    value(x0 + x, y0 + y, b))
					ok = 0;
	if (!ok)
		s->exact = 0;
	vl.g_free(px);
	vl.g_object_unref(img);
	return 0;
}

static void
test_quadrants(void)
{
	static const int sizes[][2] = { { 2, 2 }, { 64, 48 }, { 33, 21 },
		{ 3, 100 }, { 2049, 2048 } };
	size_t	i;
	int	k, x, y, w, h, area, ok;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		area = 0;
		ok = 1;
		for (k = 1; k <= 4; k++) {
			image_quadrant(sizes[i][0], sizes[i][1], k, &x, &y, &w,
			    &h);
			area += w * h;
			/* right and bottom ones start where the others end */
			if ((k == 2 || k == 4) && x != sizes[i][0] / 2)
				ok = 0;
			if ((k == 1 || k == 3) && (x != 0 || w != sizes[i][0] / 2))
				ok = 0;
			if (k >= 3 && y + h != sizes[i][1])
				ok = 0;
		}
		TAP_OK(ok && area == sizes[i][0] * sizes[i][1],
		    "%dx%d: four quadrants tile the grid, extra pixels right "
		    "and down", sizes[i][0], sizes[i][1]);
	}
}

static void
test_split(const char *file, int w, int h, const char *type)
{
	struct seen	s = { .exact = 1, .w = w, .h = h };
	char		err[256] = "";
	int		gw = 0, gh = 0, rc;

	TAP_INT(make_grid(file, w, h), 0, "%dx%d %s grid made", w, h, type);
	rc = image_split(file, 0xf, check_part, &s, &gw, &gh, err, sizeof(err));
	TAP_INT(rc, 0, "%dx%d %s: split (%s)", w, h, type, err);
	TAP_OK(gw == w && gh == h, "... the grid's size");
	TAP_OK(s.n == 4 && s.order[0] == 1 && s.order[1] == 2 &&
	    s.order[2] == 3 && s.order[3] == 4, "... four parts, U1..U4 order");
	TAP_OK(s.exact, "... each exactly the grid's pixels where it lies");
	TAP_STR(s.type != NULL ? s.type : "", type, "... type %s", type);
}

static void
test_want(void)
{
	struct seen	s = { .exact = 1, .w = 33, .h = 21 };
	char		err[256];
	int		gw, gh;

	TAP_INT(image_split(path[0], 0x4 | 0x2, check_part, &s, &gw, &gh, err,
	    sizeof(err)), 0, "only U2 and U3 asked for");
	TAP_OK(s.n == 2 && s.order[0] == 2 && s.order[1] == 3 && s.exact,
	    "... only they are made, exact");
}

/* Write n bytes of data to file. */
static void
put(const char *file, const void *data, size_t n)
{
	FILE	*f = fopen(file, "wb");

	if (f == NULL || fwrite(data, 1, n, f) != n || fclose(f) != 0)
		printf("Bail out! cannot write %s\n", file), exit(1);
}

static int
never(void *arg, const struct image_part *p)
{
	(void)p;
	++*(int *)arg;
	return 0;
}

static void
test_refused(void)
{
	/* a PNG signature and an IHDR for 50000 x 50000 RGB, CRCs right */
	static const unsigned char bomb[] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
		0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0xc3, 0x50, 0, 0,
		0xc3, 0x50, 8, 2, 0, 0, 0, 0xc4, 0xcd, 0xaa, 0x9d,
		/* an IDAT of 64 zero bytes, and IEND */
		0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda,
		0x63, 0x60, 0xa0, 0x0c, 0x00, 0x00, 0x00, 0x40, 0x00, 0x01,
		0x89, 0xc9, 0xaf, 0x43, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
		0x4e, 0x44, 0xae, 0x42, 0x60, 0x82
	};
	char	 bad[600], err[256], *buf;
	FILE	*f;
	long	 len;
	int	 calls = 0, w, h;

	snprintf(bad, sizeof(bad), "%s/bomb.png", dir);
	put(bad, bomb, sizeof(bomb));
	err[0] = '\0';
	TAP_INT(image_split(bad, 0xf, never, &calls, &w, &h, err, sizeof(err)),
	    -1, "a 50000 x 50000 header: refused");
	TAP_OK(strstr(err, "50000 x 50000") != NULL && calls == 0,
	    "... from its header, nothing decoded (%s)", err);
	/* the 64x48 grid cut short */
	f = fopen(path[1], "rb");
	buf = malloc(1 << 20);
	len = f != NULL ? (long)fread(buf, 1, 1 << 20, f) : 0;
	if (f != NULL)
		fclose(f);
	snprintf(bad, sizeof(bad), "%s/cut.png", dir);
	put(bad, buf, (size_t)len * 2 / 3);
	err[0] = '\0';
	TAP_INT(image_split(bad, 0xf, never, &calls, &w, &h, err, sizeof(err)),
	    -1, "a truncated PNG: refused");
	TAP_OK(err[0] != '\0' && calls == 0, "... with a message, no part (%s)",
	    err);
	memset(buf + 40, 0x5a, (size_t)len - 40);
	snprintf(bad, sizeof(bad), "%s/junk.png", dir);
	put(bad, buf, (size_t)len);
	err[0] = '\0';
	TAP_INT(image_split(bad, 0xf, never, &calls, &w, &h, err, sizeof(err)),
	    -1, "a corrupt PNG: refused");
	TAP_OK(err[0] != '\0' && calls == 0, "... with a message (%s)", err);
	snprintf(bad, sizeof(bad), "%s/empty.png", dir);
	put(bad, "", 0);
	TAP_INT(image_size(bad, &w, &h, err, sizeof(err)), -1,
	    "an empty file: refused (%s)", err);
	TAP_OK(image_split_ext(bad, err, sizeof(err)) == NULL,
	    "... and has no format");
	free(buf);
}

/* libvips.so.42, if this process has it mapped, else NULL. */
static void *
vips_mapped(void)
{
	char	soname[32];

	snprintf(soname, sizeof(soname), "libvips.so.%d",
	    VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
	return dlopen(soname, RTLD_NOW | RTLD_NOLOAD);
}

static int
find_test_funcs(void)
{
	void	*h = vips_mapped();

	if (h == NULL)
		return -1;
#define FIND(f) \
	if ((*(void **)&t_##f = dlsym(h, #f)) == NULL) \
		return -1;
	TEST_FUNCS(FIND)
#undef FIND
	return 0;
}

int
main(void)
{
	char	err[256];
	int	i, w, h;

	/* a program that never splits never maps libvips's 100 libraries */
	TAP_OK(vips_mapped() == NULL, "libvips is not loaded before "
	    "image_init");
	if (mkdtemp(dir) == NULL || image_init(err, sizeof(err)) == -1) {
		printf("Bail out! %s\n", err);
		return 1;
	}
	if (!TAP_OK(find_test_funcs() == 0, "libvips is loaded by "
	    "image_init")) {
		printf("Bail out! libvips's functions not found\n");
		return 1;
	}
	snprintf(path[0], sizeof(path[0]), "%s/odd.png", dir);
	snprintf(path[1], sizeof(path[1]), "%s/even.png", dir);
	snprintf(path[2], sizeof(path[2]), "%s/odd.webp", dir);
	snprintf(path[3], sizeof(path[3]), "%s/tall.png", dir);
	test_quadrants();
	test_split(path[0], 33, 21, "image/png");
	test_split(path[1], 64, 48, "image/png");
	test_split(path[2], 41, 27, "image/webp");
	test_split(path[3], 30, 101, "image/png");
	test_want();
	TAP_STR(image_split_ext(path[2], err, sizeof(err)), "webp",
	    "a WebP grid gives WebP quadrants");
	TAP_STR(image_split_ext(path[0], err, sizeof(err)), "png",
	    "a PNG grid gives PNG quadrants");
	TAP_INT(image_size(path[3], &w, &h, err, sizeof(err)), 0,
	    "the size from the header");
	TAP_OK(w == 30 && h == 101, "... 30 x 101");
	test_refused();
	for (i = 0; i < 4; i++)
		(void)unlink(path[i]);
	for (i = 0; i < 4; i++) {
		static const char *const more[] = { "bomb.png", "cut.png",
			"junk.png", "empty.png" };
		snprintf(err, sizeof(err), "%s/%s", dir, more[i]);
		(void)unlink(err);
	}
	(void)rmdir(dir);
	image_shutdown();
	return tap_done();
}
