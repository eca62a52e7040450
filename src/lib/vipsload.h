/*
 * libvips, loaded with dlopen() when an image is first worked on, not
 * linked: with the hundred libraries it pulls in, merely starting a
 * program linked with it costs 12 MiB of memory and tens of
 * milliseconds, which every mj-fetch and mj-pack run would pay for the
 * sake of --split and --gallery.  The headers still give the types and
 * the ABI version, which names the library to load (libvips.so.42).
 *
 * Callers (image.c, thumbnail.c) call libvips and glib through the
 * pointers in vl, named as the functions: vl.g_object_unref(img).  Every
 * function either needs is in VIPSLOAD_FUNCS; a new one goes there.
 */
#ifndef MJ_VIPSLOAD_H
#define MJ_VIPSLOAD_H

#include <stddef.h>

#include <vips/vips.h>

#define VIPSLOAD_FUNCS(F) \
	F(vips_version_string) F(vips_init) F(vips_shutdown) \
	F(vips_thread_shutdown) \
	F(vips_cache_set_max) F(vips_concurrency_set) \
	F(vips_error_buffer_copy) F(g_log_set_handler) \
	F(g_object_unref) F(g_free) \
	F(vips_foreign_find_load) F(vips_image_new_from_file) \
	F(vips_image_get_width) F(vips_image_get_height) \
	F(vips_image_get_typeof) F(vips_image_get_string) \
	F(vips_image_copy_memory) F(vips_extract_area) \
	F(vips_pngsave_buffer) F(vips_webpsave_buffer) \
	F(vips_thumbnail) F(vips_jpegsave_buffer)

#define VIPSLOAD_MEMBER(f)	__typeof__(f) *f;
struct vipsload {
	VIPSLOAD_FUNCS(VIPSLOAD_MEMBER)
	/* since libvips 8.13; NULL where the library is older */
	void	(*vips_block_untrusted_set)(gboolean);
};
#undef VIPSLOAD_MEMBER

/* Filled by vipsload_start(); read-only afterwards. */
extern struct vipsload vl;

/*
 * Load and start libvips once per process (any thread, any number of
 * calls): 0, or -1 with why in err ("libvips cannot start: ...", naming
 * the Debian package when the library is missing).  Started without
 * its operation cache, which would keep every image opened so far (and
 * its file) alive for a later call that never comes, and with its
 * warnings on stderr silenced: our errors carry its messages.  Call it
 * before starting threads where possible (image.h says why).
 */
int	vipsload_start(char *err, size_t errlen);
/*
 * "libvips X.Y.Z", the library images would use (for --version): loaded
 * to ask it, not started; if it cannot be loaded, the version built
 * against and why.
 */
const char *vipsload_version(void);
/* A thread that used libvips ends: free libvips's buffers for it. */
void	vipsload_thread_done(void);
/* Stop libvips if it was started (at exit, every image call returned;
 * for leak checkers).  It cannot be started again. */
void	vipsload_shutdown(void);

#endif
