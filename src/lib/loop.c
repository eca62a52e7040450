/*
 * The event loop: curl_multi_poll() waits on the transfers, the input, a
 * self-pipe written by the signal handlers and the nearest timer.  Signal
 * handlers do nothing but set a flag and write a byte (style.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "diag.h"
#include "loop.h"
#include "xalloc.h"

#define LOOP_MAX_WAIT_MS	1000

struct timer {
	long long	  due;
	unsigned long	  seq;		/* equal due times run in order */
	void		(*fn)(void *);	/* NULL once cancelled */
	void		 *arg;
};

struct loop {
	CURLM		 *multi;
	struct timer	**heap;
	size_t		  nheap;
	size_t		  capheap;
	size_t		  live;		/* timers not run nor cancelled */
	unsigned long	  seq;
	void		(*done)(void *, CURL *, CURLcode);
	void		 *done_arg;
};

static volatile sig_atomic_t	got_signal;
static int			sigpipe_fds[2] = { -1, -1 };

static void
on_signal(int sig)
{
	int	saved = errno;
	char	c = (char)sig;
	ssize_t	n;

	if (got_signal == 0)
		got_signal = sig;
	/* a full pipe already says that a signal came: n is not needed */
	n = write(sigpipe_fds[1], &c, 1);
	(void)n;
	errno = saved;
}

static void
signals_install(void)
{
	struct sigaction	sa;
	int			i;

	if (pipe(sigpipe_fds) == -1)
		diag_fatal(1, "pipe: %s", strerror(errno));
	for (i = 0; i < 2; i++)
		if (fcntl(sigpipe_fds[i], F_SETFL, O_NONBLOCK) == -1 ||
		    fcntl(sigpipe_fds[i], F_SETFD, FD_CLOEXEC) == -1)
			diag_fatal(1, "fcntl: %s", strerror(errno));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* a second Ctrl-C ends the program at once */
	sa.sa_flags = SA_RESETHAND;
	if (sigaction(SIGINT, &sa, NULL) == -1 ||
	    sigaction(SIGTERM, &sa, NULL) == -1)
		diag_fatal(1, "sigaction: %s", strerror(errno));
	/* EPIPE on stdout says the reader is gone; we stop quietly then */
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = 0;
	if (sigaction(SIGPIPE, &sa, NULL) == -1 ||
	    /* past a file size limit, write(2) fails with EFBIG: an error
	     * record for that file, not the end of the program */
	    sigaction(SIGXFSZ, &sa, NULL) == -1)
		diag_fatal(1, "sigaction: %s", strerror(errno));
}

struct loop *
loop_new(void)
{
	struct loop	*l;

	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		diag_fatal(1, "libcurl initialization failed");
	l = xcalloc(1, sizeof(*l));
	if ((l->multi = curl_multi_init()) == NULL)
		diag_fatal(1, "libcurl: cannot create a multi handle");
	signals_install();
	return l;
}

void
loop_free(struct loop *l)
{
	size_t	i;

	if (l == NULL)
		return;
	for (i = 0; i < l->nheap; i++)
		free(l->heap[i]);
	free(l->heap);
	(void)curl_multi_cleanup(l->multi);	/* handles are gone by now */
	free(l);
	curl_global_cleanup();
}

CURLM *
loop_multi(struct loop *l)
{
	return l->multi;
}

long long
loop_now(void)
{
	struct timespec	ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		diag_fatal(1, "clock_gettime: %s", strerror(errno));
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
timer_before(const struct timer *a, const struct timer *b)
{
	return a->due < b->due || (a->due == b->due && a->seq < b->seq);
}

static void
heap_swap(struct loop *l, size_t i, size_t j)
{
	struct timer	*t = l->heap[i];

	l->heap[i] = l->heap[j];
	l->heap[j] = t;
}

static void
heap_up(struct loop *l, size_t i)
{
	while (i > 0 && timer_before(l->heap[i], l->heap[(i - 1) / 2])) {
		heap_swap(l, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static void
heap_down(struct loop *l, size_t i)
{
	size_t	c;

	for (;;) {
		c = 2 * i + 1;
		if (c >= l->nheap)
			return;
		if (c + 1 < l->nheap &&
		    timer_before(l->heap[c + 1], l->heap[c]))
			c++;
		if (!timer_before(l->heap[c], l->heap[i]))
			return;
		heap_swap(l, i, c);
		i = c;
	}
}

static struct timer *
heap_pop(struct loop *l)
{
	struct timer	*t = l->heap[0];

	l->heap[0] = l->heap[--l->nheap];
	heap_down(l, 0);
	return t;
}

struct timer *
loop_timer_at(struct loop *l, long long due, void (*fn)(void *), void *arg)
{
	struct timer	*t;

	t = xmalloc(sizeof(*t));
	t->due = due;
	t->seq = l->seq++;
	t->fn = fn;
	t->arg = arg;
	if (l->nheap == l->capheap) {
		l->capheap = l->capheap == 0 ? 64 : l->capheap * 2;
		l->heap = xreallocarray(l->heap, l->capheap, sizeof(*l->heap));
	}
	l->heap[l->nheap++] = t;
	heap_up(l, l->nheap - 1);
	l->live++;
	return t;
}

void
loop_timer_cancel(struct loop *l, struct timer *t)
{
	/* freed when it reaches the top of the heap */
	if (t != NULL && t->fn != NULL) {
		t->fn = NULL;
		l->live--;
	}
}

size_t
loop_timer_count(const struct loop *l)
{
	return l->live;
}

static void
timers_run(struct loop *l)
{
	struct timer	*t;
	long long	 now = loop_now();

	while (l->nheap > 0 && l->heap[0]->due <= now) {
		t = heap_pop(l);
		if (t->fn != NULL) {
			l->live--;
			t->fn(t->arg);
		}
		free(t);
	}
	/* drop cancelled timers at the top so they do not shorten waits */
	while (l->nheap > 0 && l->heap[0]->fn == NULL)
		free(heap_pop(l));
}

void
loop_on_transfer_done(struct loop *l, void (*fn)(void *, CURL *, CURLcode),
    void *arg)
{
	l->done = fn;
	l->done_arg = arg;
}

static int
wait_ms(struct loop *l, long long max_wait_ms)
{
	long long	ms, now;

	ms = max_wait_ms < 0 || max_wait_ms > LOOP_MAX_WAIT_MS ?
	    LOOP_MAX_WAIT_MS : max_wait_ms;
	if (l->nheap > 0) {
		now = loop_now();
		if (l->heap[0]->due - now < ms)
			ms = l->heap[0]->due - now;
	}
	return ms < 0 ? 0 : (int)ms;
}

static void
transfers_finish(struct loop *l)
{
	CURLMsg	*msg;
	int	 left;

	while ((msg = curl_multi_info_read(l->multi, &left)) != NULL)
		if (msg->msg == CURLMSG_DONE && l->done != NULL)
			l->done(l->done_arg, msg->easy_handle,
			    msg->data.result);
}

/*
 * curl reports POLLIN only; a pipe whose writer has gone shows POLLHUP
 * alone, and that is our end of input: ask poll(2) directly.
 */
static int
fd_ready(int fd)
{
	struct pollfd	pfd;

	pfd.fd = fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	if (poll(&pfd, 1, 0) <= 0)
		return 0;
	return (pfd.revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)) != 0;
}

int
loop_turn(struct loop *l, int input_fd, long long max_wait_ms)
{
	struct curl_waitfd	fds[2];
	CURLMcode		mc;
	char			drain[64];
	int			n = 1, running, ev = 0;

	fds[0].fd = sigpipe_fds[0];
	fds[0].events = CURL_WAIT_POLLIN;
	fds[0].revents = 0;
	if (input_fd >= 0) {
		fds[1].fd = input_fd;
		fds[1].events = CURL_WAIT_POLLIN;
		fds[1].revents = 0;
		n = 2;
	}
	mc = curl_multi_poll(l->multi, fds, (unsigned)n,
	    input_fd == LOOP_INPUT_READY ? 0 : wait_ms(l, max_wait_ms), NULL);
	if (mc == CURLM_OK)
		mc = curl_multi_perform(l->multi, &running);
	if (mc != CURLM_OK)
		diag_fatal(1, "libcurl: %s", curl_multi_strerror(mc));
	transfers_finish(l);
	timers_run(l);
	/* the pipe holds a byte only after got_signal was set */
	if (got_signal != 0) {
		while (read(sigpipe_fds[0], drain, sizeof(drain)) > 0)
			continue;
		ev |= LOOP_SIGNAL;
	}
	if (input_fd == LOOP_INPUT_READY || (input_fd >= 0 &&
	    (fds[1].revents != 0 || fd_ready(input_fd))))
		ev |= LOOP_READABLE;
	return ev;
}

void
loop_wakeup(struct loop *l)
{
	(void)curl_multi_wakeup(l->multi);
}

int
loop_signal(const struct loop *l)
{
	(void)l;	/* the flag is process-wide, as signals are */
	return got_signal;
}

int
loop_signal_status(const struct loop *l)
{
	switch (loop_signal(l)) {
	case SIGINT:
		return MJ_EXIT_SIGINT;
	case SIGTERM:
		return MJ_EXIT_SIGTERM;
	default:
		return 0;
	}
}
