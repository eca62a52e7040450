/*
 * failvips.so: libvips with chosen operations failing, for the tests.
 * Found first through LD_LIBRARY_PATH as libvips.so.42 in a directory of
 * its own, it forwards every function src/lib/vipsload.c looks up to
 * the real library (FAILVIPS_REAL, its path), except that the Nth call
 * of one operation fails as libvips fails: -1 (or NULL) and a message in
 * libvips's error buffer ("failvips: OP failed").  So the paths where
 * libvips decodes a header but then cannot decode, cut or encode the
 * image (a bad disk, memory, a codec bug) can be run.
 *
 *	FAILVIPS=OP:N[+]	the Nth call of OP fails (N+: and every later
 *			one); OP is copy_memory, extract_area,
 *			pngsave_buffer, webpsave_buffer, thumbnail or
 *			jpegsave_buffer
 *	FAILVIPS_REAL=PATH	the real libvips.so.42; required
 *
 * Only the argument lists mjpipe passes are forwarded: the option pairs
 * of the variadic calls are (name, int), at most four, then NULL.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <vips/vips.h>

#define PAIRS_MAX	4

static void *
real_sym(const char *name)
{
	static void	*h;
	const char	*path = getenv("FAILVIPS_REAL");
	void		*p;

	if (h == NULL && (path == NULL ||
	    (h = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL)) {
		(void)fprintf(stderr, "failvips: set FAILVIPS_REAL to the "
		    "real libvips.so.42 (%s)\n", path != NULL ? dlerror() :
		    "unset");
		abort();
	}
	if ((p = dlsym(h, name)) == NULL) {
		(void)fprintf(stderr, "failvips: no %s\n", name);
		abort();
	}
	return p;
}

#define REAL(f)	((__typeof__(&f))real_sym(#f))

/* Must this call of op fail?  Counts the calls of the op FAILVIPS names. */
static int
fails(const char *op)
{
	static unsigned long	 seen;
	const char		*s = getenv("FAILVIPS"), *c;
	unsigned long		 n, nth;
	char			*end;

	if (s == NULL || (c = strchr(s, ':')) == NULL ||
	    (size_t)(c - s) != strlen(op) || strncmp(s, op, strlen(op)) != 0)
		return 0;
	nth = strtoul(c + 1, &end, 10);
	n = __atomic_add_fetch(&seen, 1, __ATOMIC_SEQ_CST);
	if (n != nth && !(*end == '+' && n > nth))
		return 0;
	REAL(vips_error)("failvips", "%s failed", op);
	return 1;
}

/* The (name, int) option pairs up to NULL: how many. */
static int
pairs(va_list ap, const char **name, int *val)
{
	int	n = 0;

	while (n < PAIRS_MAX && (name[n] = va_arg(ap, const char *)) != NULL)
		val[n++] = va_arg(ap, int);
	return n;
}

#define WITH_PAIRS(call, ...) do { \
	switch (n) { \
	case 0: return call(__VA_ARGS__, NULL); \
	case 1: return call(__VA_ARGS__, nm[0], v[0], NULL); \
	case 2: return call(__VA_ARGS__, nm[0], v[0], nm[1], v[1], NULL); \
	case 3: return call(__VA_ARGS__, nm[0], v[0], nm[1], v[1], nm[2], \
	    v[2], NULL); \
	default: return call(__VA_ARGS__, nm[0], v[0], nm[1], v[1], nm[2], \
	    v[2], nm[3], v[3], NULL); \
	} \
} while (0)

#define GET_PAIRS(last) \
	const char	*nm[PAIRS_MAX]; \
	int		 v[PAIRS_MAX], n; \
	va_list		 ap; \
	va_start(ap, last); \
	n = pairs(ap, nm, v); \
	va_end(ap)

const char *
vips_version_string(void)
{
	return REAL(vips_version_string)();
}

int
vips_init(const char *argv0)
{
	return REAL(vips_init)(argv0);
}

void
vips_shutdown(void)
{
	REAL(vips_shutdown)();
}

void
vips_thread_shutdown(void)
{
	REAL(vips_thread_shutdown)();
}

void
vips_cache_set_max(int max)
{
	REAL(vips_cache_set_max)(max);
}

void
vips_concurrency_set(int concurrency)
{
	REAL(vips_concurrency_set)(concurrency);
}

char *
vips_error_buffer_copy(void)
{
	return REAL(vips_error_buffer_copy)();
}

guint
g_log_set_handler(const gchar *domain, GLogLevelFlags levels,
    GLogFunc fn, gpointer arg)
{
	return REAL(g_log_set_handler)(domain, levels, fn, arg);
}

void
g_object_unref(gpointer object)
{
	REAL(g_object_unref)(object);
}

void
g_free(gpointer mem)
{
	REAL(g_free)(mem);
}

const char *
vips_foreign_find_load(const char *filename)
{
	return REAL(vips_foreign_find_load)(filename);
}

int
vips_image_get_width(const VipsImage *image)
{
	return REAL(vips_image_get_width)(image);
}

int
vips_image_get_height(const VipsImage *image)
{
	return REAL(vips_image_get_height)(image);
}

GType
vips_image_get_typeof(const VipsImage *image, const char *name)
{
	return REAL(vips_image_get_typeof)(image, name);
}

int
vips_image_get_string(const VipsImage *image, const char *name,
    const char **out)
{
	return REAL(vips_image_get_string)(image, name, out);
}

void
vips_block_untrusted_set(gboolean state)
{
	REAL(vips_block_untrusted_set)(state);
}

VipsImage *
vips_image_copy_memory(VipsImage *image)
{
	if (fails("copy_memory"))
		return NULL;
	return REAL(vips_image_copy_memory)(image);
}

VipsImage *
vips_image_new_from_file(const char *name, ...)
{
	GET_PAIRS(name);
	WITH_PAIRS(REAL(vips_image_new_from_file), name);
}

int
vips_extract_area(VipsImage *in, VipsImage **out, int left, int top,
    int width, int height, ...)
{
	GET_PAIRS(height);
	if (fails("extract_area"))
		return -1;
	WITH_PAIRS(REAL(vips_extract_area), in, out, left, top, width,
	    height);
}

int
vips_pngsave_buffer(VipsImage *in, void **buf, size_t *len, ...)
{
	GET_PAIRS(len);
	if (fails("pngsave_buffer"))
		return -1;
	WITH_PAIRS(REAL(vips_pngsave_buffer), in, buf, len);
}

int
vips_webpsave_buffer(VipsImage *in, void **buf, size_t *len, ...)
{
	GET_PAIRS(len);
	if (fails("webpsave_buffer"))
		return -1;
	WITH_PAIRS(REAL(vips_webpsave_buffer), in, buf, len);
}

int
vips_jpegsave_buffer(VipsImage *in, void **buf, size_t *len, ...)
{
	GET_PAIRS(len);
	if (fails("jpegsave_buffer"))
		return -1;
	WITH_PAIRS(REAL(vips_jpegsave_buffer), in, buf, len);
}

int
vips_thumbnail(const char *filename, VipsImage **out, int width, ...)
{
	GET_PAIRS(width);
	if (fails("thumbnail"))
		return -1;
	WITH_PAIRS(REAL(vips_thumbnail), filename, out, width);
}
