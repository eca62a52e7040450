/*
 * Cancelling a task on the server: POST /mj/task/{id}/cancel, which
 * trueai-org's midjourney-proxy has for admin keys (api.md 7b): HTTP 200
 * with an empty body, and the task becomes FAILURE.  Other keys get
 * HTTP 400, servers without the route (CometAPI, novicezk) 404: both
 * mean "cannot cancel", which is remembered: until a first answer,
 * one request at a time, so that such a server is asked once a run.
 */
#ifndef MJ_CANCEL_H
#define MJ_CANCEL_H

struct cancels;
struct config;
struct http;

enum cancel_result {
	CANCEL_DONE,		/* the server took it: the task ends */
	CANCEL_REFUSED,		/* 400 or 404: the server cannot cancel */
	CANCEL_FAILED,		/* another failure, after the retries */
	CANCEL_ABORTED		/* cancels_abort_all: no answer */
};

/* why: for people (borrowed for the call), NULL when CANCEL_DONE. */
typedef void	cancel_done(void *arg, enum cancel_result, const char *why);

/* Cancels through http with cfg's base URL and key (both borrowed). */
struct cancels	*cancels_new(struct http *, const struct config *);
/* Stop the requests under way: done(arg, CANCEL_ABORTED, NULL) each. */
void		 cancels_abort_all(struct cancels *);
/* Free, after cancels_abort_all (or with nothing under way). */
void		 cancels_free(struct cancels *);
/*
 * Ask the server to cancel task id; done(arg, ...) is called later.
 * Once the server has said it cannot, the answer is CANCEL_REFUSED at
 * once, without a request (done is called before this returns).
 */
void		 cancels_ask(struct cancels *, const char *id, cancel_done *,
		    void *arg);

#endif
