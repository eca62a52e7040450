/*
 * libvips through dlopen() (vipsload.h says why).  It is loaded and
 * started once, under pthread_once, so that any thread may be the first
 * to want an image; a failure is kept and told to every caller.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "vipsload.h"

struct vipsload		 vl;

static pthread_once_t	 load_once = PTHREAD_ONCE_INIT;
static pthread_once_t	 start_once = PTHREAD_ONCE_INIT;
static int		 loaded;
static char		 loaderr[400];	/* why it could not be loaded */
static char		 why[512];	/* why it could not be started */
static int		 started;	/* libvips is up: shut it down */

/* libvips warns on stderr of what its errors say again: ours say it. */
static void
quiet(const gchar *domain, GLogLevelFlags level, const gchar *msg,
    gpointer arg)
{
	(void)domain;
	(void)level;
	(void)msg;
	(void)arg;
}

/* The library mjpipe was built against, and every function used. */
static void
load(void)
{
	char	 soname[32];
	void	*h;

	/* the ABI of the headers: libvips.so.42 */
	(void)snprintf(soname, sizeof(soname), "libvips.so.%d",
	    VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
	if ((h = dlopen(soname, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		(void)snprintf(loaderr, sizeof(loaderr), "%s (install the "
		    "Debian package libvips42)", dlerror());
		return;
	}
	/* glib's functions too: dlsym searches libvips's dependencies */
#define FIND(f) \
	if ((*(void **)&vl.f = dlsym(h, #f)) == NULL) { \
		(void)snprintf(loaderr, sizeof(loaderr), "%s has no %s " \
		    "(libvips %d.%d or later is needed)", soname, #f, \
		    VIPS_MAJOR_VERSION, VIPS_MINOR_VERSION); \
		return; \
	}
	VIPSLOAD_FUNCS(FIND)
#undef FIND
	*(void **)&vl.vips_block_untrusted_set = dlsym(h,
	    "vips_block_untrusted_set");
	/* never closed: libvips cannot be unloaded */
	loaded = 1;
}

static void
start(void)
{
	char	*msg;

	if (!loaded) {
		(void)snprintf(why, sizeof(why), "libvips cannot start: %s",
		    loaderr);
		return;
	}
	/* before vips_init, which may warn of modules it cannot load */
	(void)vl.g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING |
	    G_LOG_LEVEL_MESSAGE, quiet, NULL);
	if (vl.vips_init("mjpipe") != 0) {
		/* its message ends in a newline and may hold several lines */
		msg = vl.vips_error_buffer_copy();
		(void)snprintf(why, sizeof(why), "libvips cannot start%s%.*s",
		    *msg != '\0' ? ": " : "", (int)strcspn(msg, "\n"), msg);
		vl.g_free(msg);
		return;
	}
	vl.vips_cache_set_max(0);
	started = 1;
}

int
vipsload_start(char *err, size_t errlen)
{
	if (pthread_once(&load_once, load) != 0 ||
	    pthread_once(&start_once, start) != 0) {
		(void)snprintf(err, errlen, "libvips cannot start: "
		    "pthread_once failed");
		return -1;
	}
	if (!started) {
		(void)snprintf(err, errlen, "%s", why);
		return -1;
	}
	return 0;
}

const char *
vipsload_version(void)
{
	static char	 v[512];

	/* loading costs 30 to 60 ms, once: cheap for --version, which
	 * then names the very library images would use */
	if (pthread_once(&load_once, load) != 0)
		(void)snprintf(v, sizeof(v), "libvips %s (built with)",
		    VIPS_VERSION);
	else if (!loaded)
		(void)snprintf(v, sizeof(v), "libvips %s (built with; cannot "
		    "be loaded: %s)", VIPS_VERSION, loaderr);
	else
		(void)snprintf(v, sizeof(v), "libvips %s",
		    vl.vips_version_string());
	return v;
}

void
vipsload_thread_done(void)
{
	if (started)
		vl.vips_thread_shutdown();
}

void
vipsload_shutdown(void)
{
	/* called once every thread using images is done: no race */
	if (started)
		vl.vips_shutdown();
	started = 0;
	(void)snprintf(why, sizeof(why), "libvips was shut down");
}
