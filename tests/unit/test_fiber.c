/*
 * fiber: fibers that wait on descriptors and deadlines, on one thread.
 * Pipes stand for sockets: a fiber waits for its pipe to be written, and
 * the order in which they go on is the order of the writes.
 */
#include <check.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/fiber.h"
#include "suites.h"

#define MANY 300

struct waits {
	struct fiber_loop *loop;
	int fd[MANY][2];
	int order[MANY];      /* who went on, in turn */
	unsigned n_done;
	int got[MANY];        /* what fiber_poll returned */
	short revents[MANY];
};

struct one {
	struct waits *w;
	int i;
};

static void wait_for_pipe(void *arg)
{
	struct one *o = arg;
	struct waits *w = o->w;
	struct waiter me = fiber_waiter(w->loop);
	struct pollfd pfd = { w->fd[o->i][0], POLLIN, 0 };

	w->got[o->i] = waiter_poll(&me, &pfd, 1, 10000);
	w->revents[o->i] = pfd.revents;
	w->order[w->n_done++] = o->i;
}

static void setup_pipes(struct waits *w, int n)
{
	char err[128];

	memset(w, 0, sizeof *w);
	w->loop = fiber_loop_new(64 << 10, err, sizeof err);
	ck_assert_msg(w->loop, "%s", err);
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(pipe(w->fd[i]), 0);
}

static void close_pipes(struct waits *w, int n)
{
	for (int i = 0; i < n; i++) {
		close(w->fd[i][0]);
		close(w->fd[i][1]);
	}
	fiber_loop_free(w->loop);
}

START_TEST(test_order_of_readiness)
{
	static struct waits w;
	struct one o[3];

	setup_pipes(&w, 3);
	for (int i = 0; i < 3; i++) {
		o[i] = (struct one){ &w, i };
		ck_assert_int_eq(fiber_spawn(w.loop, wait_for_pipe, &o[i]), 0);
	}
	ck_assert_uint_eq(fiber_count(w.loop), 3);
	/* all three start and wait: nothing is ready yet */
	ck_assert_uint_eq(fiber_loop_run(w.loop, 0), 3);
	ck_assert_uint_eq(w.n_done, 0);
	ck_assert_int_eq(write(w.fd[2][1], "x", 1), 1);
	ck_assert_uint_eq(fiber_loop_run(w.loop, 1000), 2);
	ck_assert_int_eq(write(w.fd[0][1], "x", 1), 1);
	ck_assert_uint_eq(fiber_loop_run(w.loop, 1000), 1);
	ck_assert_int_eq(write(w.fd[1][1], "x", 1), 1);
	ck_assert_uint_eq(fiber_loop_run(w.loop, 1000), 0);
	ck_assert_int_eq(w.order[0], 2);
	ck_assert_int_eq(w.order[1], 0);
	ck_assert_int_eq(w.order[2], 1);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(w.got[i], 1);
		ck_assert(w.revents[i] & POLLIN);
	}
	close_pipes(&w, 3);
}
END_TEST

/* Hundreds wait at once, each on its own descriptor; woken in reverse. */
START_TEST(test_many_at_once)
{
	static struct waits w;
	static struct one o[MANY];

	setup_pipes(&w, MANY);
	for (int i = 0; i < MANY; i++) {
		o[i] = (struct one){ &w, i };
		ck_assert_int_eq(fiber_spawn(w.loop, wait_for_pipe, &o[i]), 0);
	}
	fiber_loop_run(w.loop, 0);
	ck_assert_uint_eq(fiber_count(w.loop), MANY);
	for (int i = MANY - 1; i >= 0; i--) {
		ck_assert_int_eq(write(w.fd[i][1], "x", 1), 1);
		fiber_loop_run(w.loop, 1000);
		ck_assert_uint_eq(w.n_done, (unsigned)(MANY - i));
		ck_assert_int_eq(w.order[MANY - 1 - i], i);
	}
	ck_assert_uint_eq(fiber_count(w.loop), 0);
	close_pipes(&w, MANY);
}
END_TEST

struct sleeper {
	struct fiber_loop *loop;
	int ms;
	int got;
	int64_t waited;
};

static void sleep_in_fiber(void *arg)
{
	struct sleeper *s = arg;
	struct waiter me = fiber_waiter(s->loop);
	int64_t t0 = clock_ms();

	s->got = waiter_poll(&me, NULL, 0, s->ms);
	s->waited = clock_ms() - t0;
}

/* A wait with nothing to wait for ends at its deadline, returning 0; the
 * shorter of two ends first. */
START_TEST(test_deadline)
{
	char err[128];
	struct fiber_loop *l = fiber_loop_new(64 << 10, err, sizeof err);
	struct sleeper a = { l, 60, -1, 0 }, b = { l, 20, -1, 0 };

	ck_assert_ptr_nonnull(l);
	fiber_spawn(l, sleep_in_fiber, &a);
	fiber_spawn(l, sleep_in_fiber, &b);
	while (fiber_loop_run(l, -1) == 2)
		;
	ck_assert_int_eq(b.got, 0);
	ck_assert_int_ge(b.waited, 20);
	ck_assert_int_eq(a.got, -1); /* still waiting */
	while (fiber_loop_run(l, -1) > 0)
		;
	ck_assert_int_eq(a.got, 0);
	ck_assert_int_ge(a.waited, 60);
	fiber_loop_free(l);
}
END_TEST

struct reuse {
	struct fiber_loop *loop;
	int rounds;
	int ok;
};

/* Opens a pipe, waits on it, closes it, again: the same descriptor
 * number each time, which the loop must have let go of after each wait. */
static void reuse_fd(void *arg)
{
	struct reuse *r = arg;
	struct waiter me = fiber_waiter(r->loop);

	for (int i = 0; i < r->rounds; i++) {
		int fd[2];
		if (pipe(fd) != 0)
			return;
		if (write(fd[1], "y", 1) != 1)
			return;
		struct pollfd pfd = { fd[0], POLLIN, 0 };
		if (waiter_poll(&me, &pfd, 1, 1000) == 1 && (pfd.revents & POLLIN))
			r->ok++;
		close(fd[0]);
		close(fd[1]);
	}
}

START_TEST(test_descriptor_let_go)
{
	char err[128];
	struct fiber_loop *l = fiber_loop_new(64 << 10, err, sizeof err);
	struct reuse r = { l, 50, 0 };

	ck_assert_ptr_nonnull(l);
	fiber_spawn(l, reuse_fd, &r);
	while (fiber_loop_run(l, 1000) > 0)
		;
	ck_assert_int_eq(r.ok, 50);
	fiber_loop_free(l);
}
END_TEST

struct spawner {
	struct fiber_loop *loop;
	int children;
	int ran;
};

static void child(void *arg)
{
	struct spawner *s = arg;
	struct waiter me = fiber_waiter(s->loop);

	waiter_poll(&me, NULL, 0, 0); /* a yield */
	s->ran++;
}

static void parent(void *arg)
{
	struct spawner *s = arg;

	for (int i = 0; i < s->children; i++)
		if (fiber_spawn(s->loop, child, s) < 0)
			return;
}

/* A fiber may start others; stacks of ended fibers are used again. */
START_TEST(test_spawn_from_fiber)
{
	char err[128];
	struct fiber_loop *l = fiber_loop_new(64 << 10, err, sizeof err);
	struct spawner s = { l, 20, 0 };

	ck_assert_ptr_nonnull(l);
	for (int round = 0; round < 3; round++) {
		fiber_spawn(l, parent, &s);
		while (fiber_loop_run(l, 1000) > 0)
			;
	}
	ck_assert_int_eq(s.ran, 60);
	fiber_loop_free(l);
}
END_TEST

/* No waiter: poll() itself. */
START_TEST(test_no_waiter_is_poll)
{
	int fd[2];
	ck_assert_int_eq(pipe(fd), 0);
	struct pollfd pfd = { fd[0], POLLIN, 0 };
	ck_assert_int_eq(waiter_poll(NULL, &pfd, 1, 0), 0);
	ck_assert_int_eq(write(fd[1], "z", 1), 1);
	ck_assert_int_eq(waiter_poll(NULL, &pfd, 1, 0), 1);
	ck_assert(pfd.revents & POLLIN);
	close(fd[0]);
	close(fd[1]);
}
END_TEST

Suite *fiber_suite(void)
{
	Suite *s = suite_create("fiber");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_order_of_readiness);
	tcase_add_test(tc, test_many_at_once);
	tcase_add_test(tc, test_deadline);
	tcase_add_test(tc, test_descriptor_let_go);
	tcase_add_test(tc, test_spawn_from_fiber);
	tcase_add_test(tc, test_no_waiter_is_poll);
	suite_add_tcase(s, tc);
	return s;
}
