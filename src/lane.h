/*
 * lane: the slow lane of a worker process.
 *
 * The accepting threads answer what the cache has; a request that needs
 * DNS (a lookup or report to make, or another request's to wait for) is
 * handed here, and one thread runs every such request of the process,
 * each in a fiber of its own with a struct worker of its own, so that
 * hundreds wait on the network at once and none holds a thread. Workers
 * are made as the lane needs them, up to its size, and kept.
 */
#ifndef NSCHECK_LANE_H
#define NSCHECK_LANE_H

#include <stddef.h>

struct config;
struct worker;

/* What the lane does with a job, in the job's fiber: serve it with w
 * (whose waits yield to the other fibers; so does wt, for any other
 * wait), then free it. w is NULL when no worker could be had in time, or
 * for an idle job: the job must still be answered. wt is NULL when there
 * is no fiber to wait in: answer at once. */
struct waiter;
typedef void lane_serve_fn(void *ctx, void *job, struct worker *w,
			   const struct waiter *wt);

struct lane;

/* A lane of up to size requests at once, and idle jobs besides; a new
 * worker whose sockets are numbered fd_ceiling or more is not kept (the
 * job waits for another). NULL with err. */
struct lane *lane_start(const struct config *cfg, unsigned size,
			unsigned idle, int fd_ceiling, lane_serve_fn *serve,
			void *ctx, char *err, size_t errlen);

/* Hands a job to the lane (any thread): 0, or -1 when it cannot take it
 * (stopping, or size + idle jobs handed over and not yet started), and
 * the caller keeps the job. The caller bounds the requests running. */
int lane_push(struct lane *l, void *job);

/* A job that needs no worker, only to wait (a refusal sent later): its
 * serve gets w NULL. At most `idle` of them at once, apart from the
 * lane's size: 0, or -1 as for lane_push(). */
int lane_push_idle(struct lane *l, void *job);

/* After the last lane_push(): serves what is there, waits for every job
 * to end, and frees the lane. */
void lane_stop(struct lane *l);

#endif
