/*
 * novips.so: a stand-in for libvips.so.42 for the tests, found first
 * through LD_LIBRARY_PATH (as libvips.so.42 in a directory of its own).
 * Built as it is, it has every function src/lib/vipsload.c looks up,
 * and its vips_init fails as a broken libvips install does, so that
 * "libvips cannot start" is what mj-pack --gallery and mj-fetch --split
 * meet.  Built with -DNOVIPS_UPTO=N, it has only the first N of them, in
 * the order of VIPSLOAD_FUNCS (src/lib/vipsload.h), as an older or
 * broken library might: the (N+1)th is the one found missing.  Only the
 * functions called before vips_init fails do anything.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#ifndef NOVIPS_UPTO
#define NOVIPS_UPTO	99
#endif

#define STUB(f)	void f(void); void f(void) { abort(); }

#if NOVIPS_UPTO > 0
const char *vips_version_string(void);
const char *
vips_version_string(void)
{
	return "0.0.0-novips";
}
#endif
#if NOVIPS_UPTO > 1
int vips_init(const char *argv0);
int
vips_init(const char *argv0)
{
	(void)argv0;
	return -1;
}
#endif
#if NOVIPS_UPTO > 2
STUB(vips_shutdown)
#endif
#if NOVIPS_UPTO > 3
STUB(vips_thread_shutdown)
#endif
#if NOVIPS_UPTO > 4
STUB(vips_cache_set_max)
#endif
#if NOVIPS_UPTO > 5
STUB(vips_concurrency_set)
#endif
#if NOVIPS_UPTO > 6
char *vips_error_buffer_copy(void);
char *
vips_error_buffer_copy(void)
{
	return strdup("novips: no loaders in this install\nsecond line\n");
}
#endif
#if NOVIPS_UPTO > 7
unsigned g_log_set_handler(const char *, int, void *, void *);
unsigned
g_log_set_handler(const char *domain, int levels, void *fn, void *arg)
{
	(void)domain;
	(void)levels;
	(void)fn;
	(void)arg;
	return 1;
}
#endif
#if NOVIPS_UPTO > 8
STUB(g_object_unref)
#endif
#if NOVIPS_UPTO > 9
void g_free(void *);
void
g_free(void *p)
{
	free(p);
}
#endif
#if NOVIPS_UPTO > 10
STUB(vips_foreign_find_load)
#endif
#if NOVIPS_UPTO > 11
STUB(vips_image_new_from_file)
#endif
#if NOVIPS_UPTO > 12
STUB(vips_image_get_width)
#endif
#if NOVIPS_UPTO > 13
STUB(vips_image_get_height)
#endif
#if NOVIPS_UPTO > 14
STUB(vips_image_get_typeof)
#endif
#if NOVIPS_UPTO > 15
STUB(vips_image_get_string)
#endif
#if NOVIPS_UPTO > 16
STUB(vips_image_copy_memory)
#endif
#if NOVIPS_UPTO > 17
STUB(vips_extract_area)
#endif
#if NOVIPS_UPTO > 18
STUB(vips_pngsave_buffer)
#endif
#if NOVIPS_UPTO > 19
STUB(vips_webpsave_buffer)
#endif
#if NOVIPS_UPTO > 20
STUB(vips_thumbnail)
#endif
#if NOVIPS_UPTO > 21
STUB(vips_jpegsave_buffer)
#endif

#if NOVIPS_UPTO == 0
int novips_nothing;	/* not an empty translation unit */
#endif
