/*
 * fiber: many waits on one thread.
 *
 * A fiber is a function run on a stack of its own by a loop on one
 * thread. Where code would block in poll(), a fiber hands its descriptors
 * to the loop (fiber_poll) and the loop runs other fibers until one of
 * them is ready or its time is up; so hundreds of lookups can wait on the
 * network at once with one thread, while the code that makes them stays
 * written as plain calls one after the other.
 *
 * Code that may run either way takes a struct waiter: NULL waits in
 * poll() as a thread does; a fiber's waiter yields to its loop.
 */
#ifndef NSCHECK_FIBER_H
#define NSCHECK_FIBER_H

#include <poll.h>
#include <stddef.h>

/* How to wait for descriptors: poll(2)'s arguments and result. */
struct waiter {
	int (*poll)(void *ctx, struct pollfd *fds, nfds_t n, int timeout_ms);
	void *ctx;
};

/* poll() itself when w is NULL, else w's wait. */
int waiter_poll(const struct waiter *w, struct pollfd *fds, nfds_t n,
		int timeout_ms);

struct fiber_loop;
struct fiber;

/* A loop whose fibers get stack_size bytes each (a guard page below).
 * NULL with err. */
struct fiber_loop *fiber_loop_new(size_t stack_size, char *err,
				  size_t errlen);
/* Only once every fiber has ended. */
void fiber_loop_free(struct fiber_loop *l);

/* fn(arg) in a new fiber, started by the next fiber_loop_run(); -1 when
 * no stack can be had. From the loop's thread only (a fiber may spawn). */
int fiber_spawn(struct fiber_loop *l, void (*fn)(void *arg), void *arg);

/* Runs every fiber that is ready, then waits up to timeout_ms (-1: no
 * limit) for one to become ready, and runs those. Returns how many fibers
 * are alive. */
unsigned fiber_loop_run(struct fiber_loop *l, int timeout_ms);

/* The fibers alive (running, ready or waiting). */
unsigned fiber_count(const struct fiber_loop *l);

/* The waiter of the fiber now running on l: poll() by yielding. Only
 * valid inside that fiber. */
struct waiter fiber_waiter(struct fiber_loop *l);

#endif
