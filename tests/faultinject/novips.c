/*
 * novips.so: a stand-in for libvips.so.42 for the tests, found first
 * through LD_LIBRARY_PATH (as libvips.so.42 in a directory of its own):
 * it has every function src/lib/vipsload.c looks up, and its vips_init
 * fails as a broken libvips install does, so that "libvips cannot start"
 * is what mj-pack --gallery and mj-fetch --split meet.  Only the
 * functions called before that failure do anything.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#define STUB(f)	void f(void); void f(void) { abort(); }
STUB(vips_shutdown) STUB(vips_thread_shutdown) STUB(vips_cache_set_max)
STUB(vips_concurrency_set) STUB(g_object_unref)
STUB(vips_foreign_find_load) STUB(vips_image_new_from_file)
STUB(vips_image_get_width) STUB(vips_image_get_height)
STUB(vips_image_get_typeof) STUB(vips_image_get_string)
STUB(vips_image_copy_memory) STUB(vips_extract_area)
STUB(vips_pngsave_buffer) STUB(vips_webpsave_buffer) STUB(vips_thumbnail)
STUB(vips_jpegsave_buffer)

const char *vips_version_string(void);
int vips_init(const char *argv0);
char *vips_error_buffer_copy(void);
unsigned g_log_set_handler(const char *, int, void *, void *);
void g_free(void *);

const char *
vips_version_string(void)
{
	return "0.0.0-novips";
}

int
vips_init(const char *argv0)
{
	(void)argv0;
	return -1;
}

char *
vips_error_buffer_copy(void)
{
	return strdup("novips: no loaders in this install\nsecond line\n");
}

unsigned
g_log_set_handler(const char *domain, int levels, void *fn, void *arg)
{
	(void)domain;
	(void)levels;
	(void)fn;
	(void)arg;
	return 1;
}

void
g_free(void *p)
{
	free(p);
}
