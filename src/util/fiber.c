/*
 * fiber: ucontext stacks and one epoll set (see fiber.h).
 *
 * A fiber that waits adds its descriptors to the loop's epoll set, each
 * pointing back at it, and swaps to the loop; the loop takes them out
 * again before the fiber goes on, so no registration outlives the wait
 * that made it (a descriptor may be closed right after). Deadlines are
 * kept on the fibers themselves: a loop has at most a few hundred, and a
 * scan per turn is cheaper than keeping a heap in order.
 */
#define _GNU_SOURCE
#include "util/fiber.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "util/clock.h"

#if defined(__SANITIZE_ADDRESS__)
#define FIBER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FIBER_ASAN 1
#endif
#endif
#ifdef FIBER_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

#define EVENTS_MAX 256

struct watch {               /* one descriptor of a wait, in epoll */
	struct fiber *f;
	nfds_t i;
};

struct fiber {
	struct fiber_loop *loop;
	ucontext_t ctx;
	char *map;               /* the mapping: guard page, then stack */
	size_t map_len;
	void (*fn)(void *arg);
	void *arg;
	bool done;
	bool queued;             /* on the ready list */
	bool waiting;            /* on the waiting list */
	struct pollfd *fds;      /* the wait's descriptors, */
	nfds_t n;
	struct watch *watch;     /* their epoll entries (grown) */
	nfds_t watch_cap;
	int64_t until_ms;        /* INT64_MAX: no time limit */
	struct fiber *next;      /* ready, or spare, list */
	struct fiber *wprev, *wnext; /* waiting list */
	void *fake_stack;        /* ASan's, while switched away */
};

struct fiber_loop {
	int ep;
	size_t stack_size, page;
	ucontext_t main;
	struct fiber *current;
	struct fiber *ready, *ready_tail;
	struct fiber *waiting;
	struct fiber *spare;     /* ended fibers: stacks kept for reuse */
	unsigned alive;
	const void *main_bottom; /* the thread's stack, for ASan */
	size_t main_size;
};

int waiter_poll(const struct waiter *w, struct pollfd *fds, nfds_t n,
		int timeout_ms)
{
	return w ? w->poll(w->ctx, fds, n, timeout_ms) :
	       poll(fds, n, timeout_ms);
}

struct fiber_loop *fiber_loop_new(size_t stack_size, char *err,
				  size_t errlen)
{
	struct fiber_loop *l = calloc(1, sizeof *l);
	long page = sysconf(_SC_PAGESIZE);

	if (!l) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	l->page = page > 0 ? (size_t)page : 4096;
	l->stack_size = (stack_size + l->page - 1) / l->page * l->page;
	l->ep = epoll_create1(EPOLL_CLOEXEC);
	if (l->ep < 0) {
		snprintf(err, errlen, "epoll: %s", strerror(errno));
		free(l);
		return NULL;
	}
	return l;
}

static void fiber_free(struct fiber *f)
{
	munmap(f->map, f->map_len);
	free(f->watch);
	free(f);
}

void fiber_loop_free(struct fiber_loop *l)
{
	if (!l)
		return;
	while (l->spare) {
		struct fiber *f = l->spare;
		l->spare = f->next;
		fiber_free(f);
	}
	close(l->ep);
	free(l);
}

unsigned fiber_count(const struct fiber_loop *l)
{
	return l->alive;
}

/* ---- switching, with ASan told which stack is which ---- */

static void switch_in(struct fiber_loop *l, struct fiber *f)
{
#ifdef FIBER_ASAN
	void *fake = NULL;
	__sanitizer_start_switch_fiber(&fake, f->map + l->page, l->stack_size);
#endif
	l->current = f;
	swapcontext(&l->main, &f->ctx);
	l->current = NULL;
#ifdef FIBER_ASAN
	__sanitizer_finish_switch_fiber(fake, NULL, NULL);
#endif
}

static void switch_out(struct fiber *f)
{
	struct fiber_loop *l = f->loop;
#ifdef FIBER_ASAN
	/* an ended fiber's fake stack goes with it (NULL) */
	__sanitizer_start_switch_fiber(f->done ? NULL : &f->fake_stack,
				       l->main_bottom, l->main_size);
#endif
	swapcontext(&f->ctx, &l->main);
#ifdef FIBER_ASAN
	__sanitizer_finish_switch_fiber(f->fake_stack, &l->main_bottom,
					&l->main_size);
#endif
}

/* makecontext() passes ints: the fiber's address in two halves. */
static void entry(unsigned hi, unsigned lo)
{
	struct fiber *f = (struct fiber *)(((uintptr_t)hi << 32) | lo);

#ifdef FIBER_ASAN
	__sanitizer_finish_switch_fiber(NULL, &f->loop->main_bottom,
					&f->loop->main_size);
#endif
	f->fn(f->arg);
	f->done = true;
	switch_out(f);
}

/* ---- the ready and waiting lists ---- */

static void make_ready(struct fiber_loop *l, struct fiber *f)
{
	if (f->queued)
		return;
	if (f->waiting) {
		if (f->wprev)
			f->wprev->wnext = f->wnext;
		else
			l->waiting = f->wnext;
		if (f->wnext)
			f->wnext->wprev = f->wprev;
		f->waiting = false;
	}
	f->queued = true;
	f->next = NULL;
	if (l->ready_tail)
		l->ready_tail->next = f;
	else
		l->ready = f;
	l->ready_tail = f;
}

static struct fiber *take_ready(struct fiber_loop *l)
{
	struct fiber *f = l->ready;

	if (f) {
		l->ready = f->next;
		if (!l->ready)
			l->ready_tail = NULL;
		f->queued = false;
	}
	return f;
}

static struct fiber *fiber_get(struct fiber_loop *l)
{
	struct fiber *f = l->spare;

	if (f) {
		l->spare = f->next;
		return f;
	}
	f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	f->map_len = l->stack_size + l->page;
	f->map = mmap(NULL, f->map_len, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (f->map == MAP_FAILED) {
		free(f);
		return NULL;
	}
	/* below the stack, which grows down: an overflow faults */
	mprotect(f->map, l->page, PROT_NONE);
	f->loop = l;
	return f;
}

/* getcontext() returns twice as far as the compiler knows: what is used
 * after it is read back through a volatile. */
static void prepare(struct fiber *f)
{
	struct fiber *volatile vf = f;

	getcontext(&f->ctx);
	f = vf;
	f->ctx.uc_stack.ss_sp = f->map + f->loop->page;
	f->ctx.uc_stack.ss_size = f->loop->stack_size;
	f->ctx.uc_link = NULL;
	uintptr_t p = (uintptr_t)f;
	makecontext(&f->ctx, (void (*)(void))entry, 2,
		    (unsigned)(p >> 32), (unsigned)(p & 0xffffffffu));
}

int fiber_spawn(struct fiber_loop *l, void (*fn)(void *arg), void *arg)
{
	struct fiber *f = fiber_get(l);

	if (!f)
		return -1;
	f->fn = fn;
	f->arg = arg;
	f->done = false;
	f->n = 0;
	prepare(f);
	l->alive++;
	make_ready(l, f);
	return 0;
}

/* ---- waiting ---- */

static uint32_t to_epoll(short events)
{
	return (events & POLLIN ? EPOLLIN : 0u) |
	       (events & POLLOUT ? EPOLLOUT : 0u) |
	       (events & POLLPRI ? EPOLLPRI : 0u);
}

static short from_epoll(uint32_t ev)
{
	return (short)((ev & EPOLLIN ? POLLIN : 0) |
		       (ev & EPOLLOUT ? POLLOUT : 0) |
		       (ev & EPOLLPRI ? POLLPRI : 0) |
		       (ev & EPOLLERR ? POLLERR : 0) |
		       (ev & EPOLLHUP ? POLLHUP : 0));
}

static void unwatch(struct fiber_loop *l, struct fiber *f, nfds_t upto)
{
	for (nfds_t i = 0; i < upto; i++)
		if (f->fds[i].fd >= 0)
			epoll_ctl(l->ep, EPOLL_CTL_DEL, f->fds[i].fd, NULL);
}

/* poll(), as the waiter of the running fiber: yields to the loop. */
static int fiber_poll(void *ctx, struct pollfd *fds, nfds_t n, int timeout_ms)
{
	struct fiber *f = ctx;
	struct fiber_loop *l = f->loop;

	if (n > f->watch_cap) {
		struct watch *w = realloc(f->watch, n * sizeof *w);
		if (!w) {
			errno = ENOMEM;
			return -1;
		}
		f->watch = w;
		f->watch_cap = n;
	}
	f->fds = fds;
	f->n = n;
	for (nfds_t i = 0; i < n; i++) {
		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		f->watch[i] = (struct watch){ f, i };
		struct epoll_event ev = { .events = to_epoll(fds[i].events),
					  .data.ptr = &f->watch[i] };
		if (epoll_ctl(l->ep, EPOLL_CTL_ADD, fds[i].fd, &ev) < 0) {
			int e = errno;
			unwatch(l, f, i);
			errno = e;
			return -1;
		}
	}
	f->until_ms = timeout_ms < 0 ? INT64_MAX : clock_ms() + timeout_ms;
	f->waiting = true;
	f->wprev = NULL;
	f->wnext = l->waiting;
	if (l->waiting)
		l->waiting->wprev = f;
	l->waiting = f;
	if (timeout_ms == 0)
		make_ready(l, f); /* a yield: others first */
	switch_out(f);
	unwatch(l, f, n);
	f->n = 0;
	int ready = 0;
	for (nfds_t i = 0; i < n; i++)
		ready += fds[i].fd >= 0 && fds[i].revents != 0;
	return ready;
}

struct waiter fiber_waiter(struct fiber_loop *l)
{
	return (struct waiter){ fiber_poll, l->current };
}

/* How long the loop may sleep: until the first deadline, within cap. */
static int sleep_ms(const struct fiber_loop *l, int cap, int64_t now)
{
	int64_t first = INT64_MAX;

	if (l->ready)
		return 0;
	for (const struct fiber *f = l->waiting; f; f = f->wnext)
		if (f->until_ms < first)
			first = f->until_ms;
	if (first == INT64_MAX)
		return cap;
	int64_t left = first > now ? first - now : 0;
	return cap >= 0 && left > cap ? cap : (int)(left > INT32_MAX ? INT32_MAX : left);
}

static void run_ready(struct fiber_loop *l)
{
	/* only those ready now: one that yields again waits for the next
	 * turn, after the network has been looked at */
	struct fiber *last = l->ready_tail, *f;

	while (last && (f = take_ready(l))) {
		switch_in(l, f);
		if (f->done) {
			l->alive--;
			f->next = l->spare;
			l->spare = f;
		}
		if (f == last)
			break;
	}
}

unsigned fiber_loop_run(struct fiber_loop *l, int timeout_ms)
{
	struct epoll_event ev[EVENTS_MAX];

	run_ready(l);
	int n = epoll_wait(l->ep, ev, EVENTS_MAX,
			   sleep_ms(l, timeout_ms, clock_ms()));
	for (int i = 0; i < n; i++) {
		struct watch *w = ev[i].data.ptr;
		w->f->fds[w->i].revents = from_epoll(ev[i].events);
		make_ready(l, w->f);
	}
	int64_t now = clock_ms();
	for (struct fiber *f = l->waiting, *next; f; f = next) {
		next = f->wnext;
		if (f->until_ms <= now)
			make_ready(l, f);
	}
	run_ready(l);
	return l->alive;
}
