/*
 * lane: one thread, one fiber per request, workers kept (see lane.h).
 *
 * Jobs come in through a ring under a lock and an eventfd; a dispatcher
 * fiber waits on the eventfd like any other wait, so the lane's thread
 * does nothing but run its fibers. The ring has a place for every job
 * the lane can hold: each request has taken one of the service's max_slow
 * places, which the lane's size bounds, and idle jobs are counted apart
 * until they end.
 */
#include "lane.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "app.h"
#include "dns/probe.h"
#include "dns/resolver.h"
#include "util/clock.h"
#include "util/config.h"
#include "util/fiber.h"
#include "util/log.h"

/* app_handle() and what it calls: some tens of KB deep at most (buffers
 * of a cache slot and a key on the way); the rest is margin */
#define STACK_SIZE (256u << 10)
#define RETRY_WORKER_MS 10

struct kept {                /* a worker between jobs */
	struct worker w;
	struct kept *next;
};

struct entry {
	void *job;
	bool idle;               /* needs no worker */
};

struct lane {
	const struct config *cfg;
	unsigned size;           /* requests with a worker */
	unsigned idle_max;
	lane_serve_fn *serve;
	void *ctx;
	pthread_t tid;
	int efd;
	struct fiber_loop *loop;
	pthread_mutex_t lock;    /* ring, count, idle_jobs, stopping */
	struct entry *ring;      /* size + idle_max places */
	unsigned head, count;
	unsigned idle_jobs;      /* pushed and not yet ended */
	bool stopping;
	struct kept *spare;      /* the lane's thread alone: */
	unsigned made;
	int fd_ceiling;
	bool said_no_worker;
};

struct run {
	struct lane *l;
	struct entry e;
};

static unsigned ring_size(const struct lane *l)
{
	return l->size + l->idle_max;
}

/* An idle worker, or a new one while the lane has made fewer than its
 * size; NULL: none now. */
static struct kept *worker_take(struct lane *l)
{
	struct kept *k = l->spare;
	char err[256];

	if (k) {
		l->spare = k->next;
		return k;
	}
	if (l->made >= l->size)
		return NULL;
	k = malloc(sizeof *k);
	bool ok = k && worker_init(&k->w, l->cfg, err, sizeof err) == 0;
	if (!k)
		snprintf(err, sizeof err, "out of memory");
	if (ok && (resolver_socket(k->w.resolver) >= l->fd_ceiling ||
		   resolver_socket(k->w.report_resolver) >= l->fd_ceiling)) {
		worker_free(&k->w);
		ok = false;
		snprintf(err, sizeof err, "its sockets would leave the web "
			 "server's connections too few descriptors");
	}
	if (!ok) {
		/* once until one can be made again: the jobs waiting for a
		 * worker ask every few milliseconds */
		if (!l->said_no_worker)
			log_msg(LOG_WARN, "slow lane: no new worker: %s", err);
		l->said_no_worker = true;
		free(k);
		return NULL;
	}
	l->said_no_worker = false;
	l->made++;
	return k;
}

/* An idle job has ended: its place is free again. */
static void idle_end(struct lane *l)
{
	pthread_mutex_lock(&l->lock);
	l->idle_jobs--;
	pthread_mutex_unlock(&l->lock);
}

static bool stopping(struct lane *l)
{
	pthread_mutex_lock(&l->lock);
	bool s = l->stopping;
	pthread_mutex_unlock(&l->lock);
	return s;
}

static void free_spare(struct lane *l)
{
	while (l->spare) {
		struct kept *k = l->spare;
		l->spare = k->next;
		worker_free(&k->w);
		free(k);
		l->made--;
	}
}

static void serve_one(void *arg)
{
	struct run *r = arg;
	struct lane *l = r->l;
	struct entry e = r->e;
	struct waiter me = fiber_waiter(l->loop);
	int64_t until = clock_ms() + l->cfg->deadline_ms;
	struct kept *k;

	free(r);
	if (e.idle) {
		l->serve(l->ctx, e.job, NULL, &me);
		idle_end(l);
		return;
	}
	void *job = e.job;
	while (!(k = worker_take(l)) && clock_ms() < until)
		waiter_poll(&me, NULL, 0, RETRY_WORKER_MS);
	if (k)
		worker_set_waiter(&k->w, &me);
	l->serve(l->ctx, job, k ? &k->w : NULL, &me);
	if (k && stopping(l)) {
		/* a lane that drains gives its descriptors back at once: the
		 * lane of the next configuration may be growing beside it */
		worker_free(&k->w);
		free(k);
		l->made--; /* a job still queued may make one anew */
	} else if (k) {
		worker_set_waiter(&k->w, NULL);
		/* an idle worker keeps only its udns sockets: the report's
		 * are opened anew by the next report anyway */
		probe_reset(k->w.probe);
		k->next = l->spare;
		l->spare = k;
	}
}

/* The next job of the ring (false: none); *last: the lane stops after
 * it. */
static bool next_job(struct lane *l, struct entry *e, bool *last)
{
	bool got = false;

	pthread_mutex_lock(&l->lock);
	if (l->count) {
		*e = l->ring[l->head];
		l->head = (l->head + 1) % ring_size(l);
		l->count--;
		got = true;
	}
	*last = l->stopping && l->count == 0;
	pthread_mutex_unlock(&l->lock);
	return got;
}

static void start_job(struct lane *l, struct entry e)
{
	struct run *r = malloc(sizeof *r);

	if (r) {
		*r = (struct run){ l, e };
		if (fiber_spawn(l->loop, serve_one, r) == 0)
			return;
		free(r);
	}
	log_msg(LOG_WARN, "slow lane: no fiber for a request");
	/* answered at once, waiting for nothing: as busy, or a refusal
	 * without its wait */
	l->serve(l->ctx, e.job, NULL, NULL);
	if (e.idle) {
		idle_end(l);
	}
}

static void dispatch(void *arg)
{
	struct lane *l = arg;
	struct waiter me = fiber_waiter(l->loop);
	bool last = false;

	while (!last) {
		struct pollfd pfd = { l->efd, POLLIN, 0 };
		uint64_t n;
		waiter_poll(&me, &pfd, 1, -1);
		if (read(l->efd, &n, sizeof n) < 0 && errno != EAGAIN)
			log_msg(LOG_WARN, "slow lane: eventfd: %s", strerror(errno));
		struct entry e;
		while (next_job(l, &e, &last))
			start_job(l, e);
	}
	free_spare(l);
}

static void *lane_thread(void *arg)
{
	struct lane *l = arg;

	while (fiber_loop_run(l->loop, -1) > 0)
		;
	return NULL;
}

static void lane_free(struct lane *l)
{
	free_spare(l);
	fiber_loop_free(l->loop);
	if (l->efd >= 0)
		close(l->efd);
	pthread_mutex_destroy(&l->lock);
	free(l->ring);
	free(l);
}

struct lane *lane_start(const struct config *cfg, unsigned size,
			unsigned idle, int fd_ceiling, lane_serve_fn *serve,
			void *ctx, char *err, size_t errlen)
{
	struct lane *l = calloc(1, sizeof *l);

	size = size ? size : 1;
	if (!l || !(l->ring = calloc(size + idle, sizeof *l->ring))) {
		free(l);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	l->cfg = cfg;
	l->size = size;
	l->idle_max = idle;
	l->fd_ceiling = fd_ceiling;
	l->serve = serve;
	l->ctx = ctx;
	pthread_mutex_init(&l->lock, NULL);
	l->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (l->efd < 0) {
		snprintf(err, errlen, "eventfd: %s", strerror(errno));
		lane_free(l);
		return NULL;
	}
	l->loop = fiber_loop_new(STACK_SIZE, err, errlen);
	if (!l->loop) {
		lane_free(l);
		return NULL;
	}
	if (fiber_spawn(l->loop, dispatch, l) < 0) {
		snprintf(err, errlen, "no stack for the dispatcher");
		lane_free(l);
		return NULL;
	}
	int rc = pthread_create(&l->tid, NULL, lane_thread, l);
	if (rc != 0) {
		snprintf(err, errlen, "cannot start its thread: %s", strerror(rc));
		/* the dispatcher never ran: ending it needs the loop */
		l->stopping = true;
		while (fiber_loop_run(l->loop, 0) > 0)
			eventfd_write(l->efd, 1);
		lane_free(l);
		return NULL;
	}
	return l;
}

static int push(struct lane *l, void *job, bool idle)
{
	int rc = -1;

	pthread_mutex_lock(&l->lock);
	/* requests are bounded by the service's places, idle jobs here; the
	 * test on count is what keeps the ring from overflowing either way */
	if (!l->stopping && l->count < ring_size(l) &&
	    (!idle || l->idle_jobs < l->idle_max)) {
		l->ring[(l->head + l->count) % ring_size(l)] =
			(struct entry){ job, idle };
		l->count++;
		l->idle_jobs += idle;
		rc = 0;
	}
	pthread_mutex_unlock(&l->lock);
	if (rc == 0)
		eventfd_write(l->efd, 1);
	return rc;
}

int lane_push(struct lane *l, void *job)
{
	return push(l, job, false);
}

int lane_push_idle(struct lane *l, void *job)
{
	return push(l, job, true);
}

void lane_stop(struct lane *l)
{
	if (!l)
		return;
	pthread_mutex_lock(&l->lock);
	l->stopping = true;
	pthread_mutex_unlock(&l->lock);
	eventfd_write(l->efd, 1);
	pthread_join(l->tid, NULL);
	lane_free(l);
}
