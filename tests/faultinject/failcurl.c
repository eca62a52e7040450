/*
 * failcurl.so: an LD_PRELOAD shim for the tests that makes a chosen
 * libcurl call fail, as a libcurl out of memory or one older than the
 * options mjpipe sets would, so that the paths only such a libcurl
 * reaches (a handle not made, an option refused, a transfer that cannot
 * be added, an answer libcurl cannot give) can be run and checked.
 *
 *	FAILCURL=CALL[=NAME]:N[+][,...]
 *			the Nth call of CALL (with NAME: of CALL for that
 *			option or info only) fails (N+: the Nth and every
 *			later one); N 0 never fails, only counts; each
 *			entry counts its own calls
 *	FAILCURL_LOG=FILE	append one line per fault made
 *			("failcurl: pid P: setopt 5 (CURLOPT_NOSIGNAL)"),
 *			and at exit one per entry ("failcurl: pid P:
 *			setopt: 22 calls")
 *
 * CALL is global_init, multi_init, multi_add_handle, multi_poll,
 * multi_perform, easy_init, setopt, getinfo, share_init, share_setopt or
 * slist_append.  NAME is an option (setopt: PROTOCOLS_STR, from
 * CURLOPT_PROTOCOLS_STR) or an info (getinfo: REQUEST_SIZE) mjpipe uses.
 * A failing call returns what libcurl returns for it: NULL for the
 * constructors and slist_append, CURLE_FAILED_INIT for global_init,
 * CURLE_UNKNOWN_OPTION for setopt and getinfo (an option or info this
 * libcurl does not know), CURLSHE_BAD_OPTION, CURLM_OUT_OF_MEMORY; it
 * does nothing else.  Only mjpipe's calls count, not libcurl's own.
 *
 * Without FAILCURL, or with one it cannot read, every call goes straight
 * through (a bad one is reported once on stderr).
 */
#define _GNU_SOURCE
#define CURL_DISABLE_TYPECHECK	/* the shim forwards any argument */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <curl/curl.h>

#define SHIM_NAME	"failcurl"
#include "shim.h"

enum call { C_GLOBAL_INIT, C_MULTI_INIT, C_MULTI_ADD_HANDLE, C_MULTI_POLL,
    C_MULTI_PERFORM, C_EASY_INIT, C_SETOPT, C_GETINFO, C_SHARE_INIT,
    C_SHARE_SETOPT, C_SLIST_APPEND, C_COUNT };

static const char *const call_names[C_COUNT] = {
	"global_init", "multi_init", "multi_add_handle", "multi_poll",
	"multi_perform", "easy_init", "setopt", "getinfo", "share_init",
	"share_setopt", "slist_append",
};

#define OPT(x)	{ #x, CURLOPT_##x }
#define INFO(x)	{ #x, CURLINFO_##x }

static const struct named {
	const char	*name;
	int		 value;
} options[] = {
	OPT(URL), OPT(PRIVATE), OPT(ERRORBUFFER), OPT(NOSIGNAL),
	OPT(PROTOCOLS_STR), OPT(REDIR_PROTOCOLS_STR), OPT(FOLLOWLOCATION),
	OPT(USERAGENT), OPT(CONNECTTIMEOUT_MS), OPT(TIMEOUT_MS),
	OPT(LOW_SPEED_LIMIT), OPT(LOW_SPEED_TIME), OPT(WRITEFUNCTION),
	OPT(WRITEDATA), OPT(HTTPHEADER), OPT(SHARE), OPT(CAINFO),
	OPT(PROXY_CAINFO), OPT(CAPATH), OPT(PROXY_CAPATH),
	OPT(ACCEPT_ENCODING), OPT(BUFFERSIZE), OPT(HTTP_VERSION),
	OPT(POSTFIELDS), OPT(POSTFIELDSIZE_LARGE), OPT(FRESH_CONNECT),
	OPT(FORBID_REUSE), OPT(MAXFILESIZE_LARGE), OPT(DEBUGFUNCTION),
	OPT(VERBOSE),
}, infos[] = {
	INFO(PRIVATE), INFO(RESPONSE_CODE), INFO(REQUEST_SIZE),
	INFO(HTTP_CONNECTCODE), INFO(CONTENT_TYPE),
	INFO(CONTENT_LENGTH_DOWNLOAD_T), INFO(RETRY_AFTER),
	INFO(REDIRECT_URL),
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define RULES_MAX	16

static struct {
	int		 ready;
	int		 n;
	const char	*log;
	struct rule {
		enum call	 call;
		int		 what;		/* option or info; -1: any */
		unsigned long	 nth;		/* 0: count only */
		int		 onward;	/* N+ */
		unsigned long	 seen;
	} rule[RULES_MAX];
} fc;

static const char *
name_of(enum call call, int what)
{
	const struct named	*t = call == C_SETOPT ? options : infos;
	size_t			 n = call == C_SETOPT ? NELEM(options) :
				    NELEM(infos), i;

	for (i = 0; i < n; i++)
		if (t[i].value == what)
			return t[i].name;
	return "?";
}

/* One "CALL[=NAME]:N[+]" of len bytes: 0, or -1 (complained). */
static int
rule_load(const char *s, size_t len)
{
	struct rule		*r = &fc.rule[fc.n];
	const struct named	*t;
	const char		*colon, *eq, *end = s + len;
	size_t			 i, n, nt;

	if ((colon = memchr(s, ':', len)) == NULL || fc.n == RULES_MAX)
		return -1;
	eq = memchr(s, '=', (size_t)(colon - s));
	n = (size_t)((eq != NULL ? eq : colon) - s);
	for (i = 0; i < C_COUNT; i++)
		if (strlen(call_names[i]) == n &&
		    strncmp(s, call_names[i], n) == 0)
			break;
	if (i == C_COUNT)
		return -1;
	r->call = (enum call)i;
	r->what = -1;
	if (eq != NULL) {
		if (r->call != C_SETOPT && r->call != C_GETINFO)
			return -1;
		t = r->call == C_SETOPT ? options : infos;
		nt = r->call == C_SETOPT ? NELEM(options) : NELEM(infos);
		n = (size_t)(colon - eq - 1);
		for (i = 0; i < nt; i++)
			if (strlen(t[i].name) == n &&
			    strncmp(eq + 1, t[i].name, n) == 0)
				break;
		if (i == nt)
			return -1;
		r->what = t[i].value;
	}
	if (shim_nth(colon + 1, (size_t)(end - colon - 1), &r->nth,
	    &r->onward) == -1)
		return -1;
	fc.n++;
	return 0;
}

static void
load(void)
{
	const char	*s = getenv("FAILCURL"), *comma;
	size_t		 len;

	fc.ready = 1;
	fc.log = getenv("FAILCURL_LOG");
	if (s == NULL || *s == '\0')
		return;
	for (; *s != '\0'; s = comma + 1) {
		comma = strchr(s, ',');
		len = comma != NULL ? (size_t)(comma - s) : strlen(s);
		if (rule_load(s, len) == -1) {
			shim_say(STDERR_FILENO, "failcurl: FAILCURL must be "
			    "CALL[=NAME]:N[+], at most 16 (see failcurl.c)\n");
			fc.n = 0;
			return;
		}
		if (comma == NULL)
			break;
	}
}

/*
 * Must this call fail?  Counts it in every rule for it, unless libcurl
 * made it itself (curl_multi_init makes an easy handle of its own).
 */
static int
fault_at(enum call call, int what, void *caller)
{
	struct rule	*r;
	Dl_info		 dl;
	unsigned long	 seen;
	int		 fail = 0, i;

	if (!fc.ready)
		load();
	if (dladdr(caller, &dl) != 0 && dl.dli_fname != NULL &&
	    strstr(dl.dli_fname, "libcurl") != NULL)
		return 0;
	for (i = 0; i < fc.n; i++) {
		r = &fc.rule[i];
		if (r->call != call || (r->what != -1 && r->what != what))
			continue;
		seen = __atomic_add_fetch(&r->seen, 1, __ATOMIC_SEQ_CST);
		if (fail || r->nth == 0 || seen < r->nth ||
		    (seen > r->nth && !r->onward))
			continue;
		fail = 1;
		shim_log(fc.log, "failcurl: pid %ld: %s %lu (%s)\n",
		    (long)getpid(), call_names[call],
		    seen, call == C_SETOPT ? name_of(call, what) :
		    call == C_GETINFO ? name_of(call, what) : "-");
	}
	return fail;
}

#define fault(call, what) \
	fault_at((call), (what), __builtin_return_address(0))

__attribute__((destructor)) static void
counts(void)
{
	int	i;

	for (i = 0; i < fc.n; i++)
		shim_log(fc.log, "failcurl: pid %ld: %s: %lu calls\n",
		    (long)getpid(), call_names[fc.rule[i].call],
		    fc.rule[i].seen);
}

CURLcode
curl_global_init(long flags)
{
	static CURLcode	(*real)(long);

	if (real == NULL)
		real = shim_next("curl_global_init");
	return fault(C_GLOBAL_INIT, -1) ? CURLE_FAILED_INIT : real(flags);
}

CURLM *
curl_multi_init(void)
{
	static CURLM	*(*real)(void);

	if (real == NULL)
		real = shim_next("curl_multi_init");
	return fault(C_MULTI_INIT, -1) ? NULL : real();
}

CURLMcode
curl_multi_add_handle(CURLM *m, CURL *e)
{
	static CURLMcode	(*real)(CURLM *, CURL *);

	if (real == NULL)
		real = shim_next("curl_multi_add_handle");
	return fault(C_MULTI_ADD_HANDLE, -1) ? CURLM_OUT_OF_MEMORY :
	    real(m, e);
}

CURLMcode
curl_multi_poll(CURLM *m, struct curl_waitfd *fds, unsigned n, int ms,
    int *ret)
{
	static CURLMcode	(*real)(CURLM *, struct curl_waitfd *,
				    unsigned, int, int *);

	if (real == NULL)
		real = shim_next("curl_multi_poll");
	return fault(C_MULTI_POLL, -1) ? CURLM_OUT_OF_MEMORY :
	    real(m, fds, n, ms, ret);
}

CURLMcode
curl_multi_perform(CURLM *m, int *running)
{
	static CURLMcode	(*real)(CURLM *, int *);

	if (real == NULL)
		real = shim_next("curl_multi_perform");
	return fault(C_MULTI_PERFORM, -1) ? CURLM_OUT_OF_MEMORY :
	    real(m, running);
}

CURL *
curl_easy_init(void)
{
	static CURL	*(*real)(void);

	if (real == NULL)
		real = shim_next("curl_easy_init");
	return fault(C_EASY_INIT, -1) ? NULL : real();
}

CURLcode
curl_easy_setopt(CURL *e, CURLoption o, ...)
{
	static CURLcode	(*real)(CURL *, CURLoption, ...);
	va_list		 ap;
	long		 l = 0;
	void		*p = NULL;
	void		(*f)(void) = NULL;
	curl_off_t	 off = 0;
	int		 type = (int)o / 10000;

	if (real == NULL)
		real = shim_next("curl_easy_setopt");
	/* libcurl's argument types by range: long, pointer, function,
	 * curl_off_t, blob */
	va_start(ap, o);
	if (type == 0)
		l = va_arg(ap, long);
	else if (type == 2)
		f = va_arg(ap, void (*)(void));
	else if (type == 3)
		off = va_arg(ap, curl_off_t);
	else
		p = va_arg(ap, void *);
	va_end(ap);
	if (fault(C_SETOPT, (int)o))
		return CURLE_UNKNOWN_OPTION;
	if (type == 0)
		return real(e, o, l);
	if (type == 2)
		return real(e, o, f);
	if (type == 3)
		return real(e, o, off);
	return real(e, o, p);
}

CURLcode
curl_easy_getinfo(CURL *e, CURLINFO info, ...)
{
	static CURLcode	(*real)(CURL *, CURLINFO, ...);
	va_list		 ap;
	void		*p;

	if (real == NULL)
		real = shim_next("curl_easy_getinfo");
	va_start(ap, info);
	p = va_arg(ap, void *);
	va_end(ap);
	if (fault(C_GETINFO, (int)info))
		return CURLE_UNKNOWN_OPTION;
	return real(e, info, p);
}

CURLSH *
curl_share_init(void)
{
	static CURLSH	*(*real)(void);

	if (real == NULL)
		real = shim_next("curl_share_init");
	return fault(C_SHARE_INIT, -1) ? NULL : real();
}

CURLSHcode
curl_share_setopt(CURLSH *sh, CURLSHoption o, ...)
{
	static CURLSHcode	(*real)(CURLSH *, CURLSHoption, ...);
	va_list			 ap;
	int			 v;

	if (real == NULL)
		real = shim_next("curl_share_setopt");
	/* mjpipe sets CURLSHOPT_SHARE only: a curl_lock_data, an int */
	va_start(ap, o);
	v = va_arg(ap, int);
	va_end(ap);
	if (fault(C_SHARE_SETOPT, -1))
		return CURLSHE_BAD_OPTION;
	return real(sh, o, v);
}

struct curl_slist *
curl_slist_append(struct curl_slist *list, const char *s)
{
	static struct curl_slist	*(*real)(struct curl_slist *,
					    const char *);

	if (real == NULL)
		real = shim_next("curl_slist_append");
	return fault(C_SLIST_APPEND, -1) ? NULL : real(list, s);
}
