/*
 * The event loop: one per process.  It waits, in curl_multi_poll(), on the
 * transfers, the input descriptor, a self-pipe for SIGINT/SIGTERM and the
 * nearest timer; finished transfers and due timers run their callbacks
 * inside loop_turn().  Programs write their own short main loop:
 *
 *	while (!finished) {
 *		start_what_can_start();
 *		ev = loop_turn(l, want_input ? input_fd(in) : -1, -1);
 *		if (ev & LOOP_SIGNAL) ...;
 *		if (ev & LOOP_READABLE) read_input();
 *	}
 */
#ifndef MJ_LOOP_H
#define MJ_LOOP_H

#include <curl/curl.h>

enum {
	/* the input descriptor is readable (or at EOF) */
	LOOP_READABLE = 1,
	/* SIGINT or SIGTERM arrived (see loop_signal) */
	LOOP_SIGNAL = 2
};

struct loop;
struct timer;

/*
 * Create the loop: curl_global_init, the multi handle, SIGINT/SIGTERM
 * handlers (SA_RESETHAND: a second signal ends the program at once),
 * SIGPIPE ignored.  Fatal on failure.
 */
struct loop	*loop_new(void);
void		 loop_free(struct loop *);
CURLM		*loop_multi(struct loop *);

/*
 * fn(arg, easy, result) is called inside loop_turn for each transfer that
 * finished (http.c registers itself); the easy handle is still in the
 * multi.  One per loop; a later call replaces it.
 */
void		 loop_on_transfer_done(struct loop *,
		    void (*fn)(void *, CURL *, CURLcode), void *arg);

/*
 * Make the current or next loop_turn return at once.  Safe to call from
 * any thread (curl_multi_wakeup): the sync threads of syncq use it.
 */
void		 loop_wakeup(struct loop *);

/* Milliseconds from a monotonic clock. */
long long	 loop_now(void);

/*
 * An input_fd that needs no poll: it is readable now (input.c: a file
 * that could not be opened, perhaps for want of a descriptor, whose
 * failure input_fill reports).
 */
#define LOOP_INPUT_READY	(-2)

/*
 * One turn.  input_fd -1: do not watch input.  max_wait_ms < 0: wait
 * until something happens (at most 1 s, so that nothing is missed).
 * Returns LOOP_* bits.
 */
int		 loop_turn(struct loop *, int input_fd, long long max_wait_ms);

/* 0, or the signal number (SIGINT, SIGTERM) first received. */
int		 loop_signal(const struct loop *);
/* The exit status for that signal: 130 or 143 (0 if none). */
int		 loop_signal_status(const struct loop *);

/*
 * Call fn(arg) once, inside a loop_turn at or after time due (loop_now()
 * clock).  The handle is valid until fn runs or loop_timer_cancel.
 */
struct timer	*loop_timer_at(struct loop *, long long due, void (*fn)(void *),
		    void *arg);
void		 loop_timer_cancel(struct loop *, struct timer *);
/* Number of timers still to run (tested alone: nothing else asks). */
size_t		 loop_timer_count(const struct loop *);

#endif
