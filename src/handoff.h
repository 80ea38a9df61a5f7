/*
 * handoff: a FastCGI request served by an accepting thread, in one go or,
 * when it needs DNS, in two: the thread answers what the cache has and
 * hands the rest, the request itself with its body kept, to the slow lane
 * (lane.h), which answers it and closes its connection.
 */
#ifndef NSCHECK_HANDOFF_H
#define NSCHECK_HANDOFF_H

#include <fcgiapp.h>

struct app;
struct lane;
struct waiter;
struct worker;

/* A request to accept into, on listen_fd; NULL when out of memory. */
FCGX_Request *handoff_request_new(int listen_fd);

/* Serves the request just accepted into *req with w, on this thread or,
 * when lane is not NULL and it needs DNS, in the lane: then *req is a new
 * request to accept into (the old one is the lane's). */
void handoff_serve(const struct app *app, struct worker *w,
		   struct lane *lane, FCGX_Request **req);

/* The lane's side (lane_serve_fn; ctx: the struct app). */
void handoff_lane_serve(void *ctx, void *job, struct worker *w,
			const struct waiter *wt);

#endif
