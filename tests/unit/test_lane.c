/*
 * lane: jobs handed from other threads, each served in a fiber with a
 * worker of its own, all at once. A job here waits on a pipe through the
 * lane's waiter; the test opens the pipes when it has seen every job
 * waiting, which only a lane that runs them side by side can reach.
 */
#include <check.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#include "app.h"
#include "lane.h"
#include "util/config.h"
#include "util/fiber.h"
#include "suites.h"

#define JOBS 40

struct job {
	int fd[2];
	_Atomic int served;      /* 1: with a worker; 2: without */
	bool holds_thread;       /* waits without yielding: nothing else runs */
};

static _Atomic int inside;   /* jobs waiting on their pipe now */
static _Atomic int most;     /* the most that ever waited at once */

static void serve(void *ctx, void *arg, struct worker *w,
		  const struct waiter *wt)
{
	struct job *j = arg;
	(void)ctx;

	int now = atomic_fetch_add(&inside, 1) + 1;
	int seen = atomic_load(&most);
	while (now > seen && !atomic_compare_exchange_weak(&most, &seen, now))
		;
	struct pollfd pfd = { j->fd[0], POLLIN, 0 };
	if (j->holds_thread)
		poll(&pfd, 1, 10000);
	else
		waiter_poll(wt, &pfd, 1, 10000);
	atomic_fetch_sub(&inside, 1);
	atomic_store(&j->served, w && w->resolver && w->probe ? 1 : 2);
}

static struct config cfg;

static void setup(void)
{
	char err[CONFIG_ERR_MAX];

	config_defaults(&cfg);
	/* workers are made for real: their resolvers need an address */
	ck_assert(config_set(&cfg, "resolver", "127.0.0.1", err, sizeof err) == 0);
	atomic_store(&inside, 0);
	atomic_store(&most, 0);
}

static void wait_inside(int n)
{
	for (int i = 0; i < 10000 && atomic_load(&inside) < n; i++)
		usleep(1000);
	ck_assert_int_eq(atomic_load(&inside), n);
}

/* n jobs, each with its pipe, none served yet. */
static void open_jobs(struct job *jobs, int n)
{
	for (int i = 0; i < n; i++) {
		ck_assert_int_eq(pipe(jobs[i].fd), 0);
		atomic_store(&jobs[i].served, 0);
		jobs[i].holds_thread = false;
	}
}

static void close_jobs(struct job *jobs, int n)
{
	for (int i = 0; i < n; i++) {
		close(jobs[i].fd[0]);
		close(jobs[i].fd[1]);
	}
}

/* The first n jobs' pipes written: they go on. */
static void release(struct job *jobs, int n)
{
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(write(jobs[i].fd[1], "x", 1), 1);
}

START_TEST(test_jobs_side_by_side)
{
	static struct job jobs[JOBS];
	char err[256];
	struct lane *l = lane_start(&cfg, JOBS, 0, FD_SETSIZE, serve, NULL, err, sizeof err);

	ck_assert_msg(l, "%s", err);
	open_jobs(jobs, JOBS);
	for (int i = 0; i < JOBS; i++)
		ck_assert_int_eq(lane_push(l, &jobs[i]), 0);
	wait_inside(JOBS);
	release(jobs, JOBS);
	lane_stop(l);
	ck_assert_int_eq(atomic_load(&most), JOBS);
	for (int i = 0; i < JOBS; i++)
		ck_assert_int_eq(atomic_load(&jobs[i].served), 1);
	close_jobs(jobs, JOBS);
}
END_TEST

/* A lane keeps as many jobs not yet started as its size (the service
 * bounds those running): one more is refused and stays the caller's. The
 * first job holds the lane's thread, so none that follow can start. */
START_TEST(test_full_lane_refuses)
{
	static struct job jobs[3];
	char err[256];
	struct lane *l = lane_start(&cfg, 1, 0, FD_SETSIZE, serve, NULL, err, sizeof err);

	ck_assert_msg(l, "%s", err);
	open_jobs(jobs, 3);
	jobs[0].holds_thread = true;
	ck_assert_int_eq(lane_push(l, &jobs[0]), 0);
	wait_inside(1);
	ck_assert_int_eq(lane_push(l, &jobs[1]), 0); /* queued behind it */
	ck_assert_int_eq(lane_push(l, &jobs[2]), -1);
	release(jobs, 2);
	lane_stop(l);
	/* one worker, made once, served both in turn */
	ck_assert_int_eq(atomic_load(&jobs[0].served), 1);
	ck_assert_int_eq(atomic_load(&jobs[1].served), 1);
	ck_assert_int_eq(atomic_load(&jobs[2].served), 0);
	ck_assert_int_eq(atomic_load(&most), 1);
	close_jobs(jobs, 3);
}
END_TEST

/* Stopping serves what was handed over before it. */
START_TEST(test_stop_serves_the_queue)
{
	static struct job jobs[5];
	char err[256];
	struct lane *l = lane_start(&cfg, 5, 0, FD_SETSIZE, serve, NULL, err, sizeof err);

	ck_assert_msg(l, "%s", err);
	open_jobs(jobs, 5);
	release(jobs, 5); /* nothing to wait for */
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(lane_push(l, &jobs[i]), 0);
	lane_stop(l);
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(atomic_load(&jobs[i].served), 1);
	close_jobs(jobs, 5);
}
END_TEST

/* Idle jobs get no worker and are bounded apart: a lane of one request
 * still takes two idle jobs beside it, and refuses a third. */
START_TEST(test_idle_jobs_apart)
{
	static struct job jobs[4];
	char err[256];
	struct lane *l = lane_start(&cfg, 1, 2, FD_SETSIZE, serve, NULL, err, sizeof err);

	ck_assert_msg(l, "%s", err);
	open_jobs(jobs, 4);
	ck_assert_int_eq(lane_push(l, &jobs[0]), 0);
	ck_assert_int_eq(lane_push_idle(l, &jobs[1]), 0);
	ck_assert_int_eq(lane_push_idle(l, &jobs[2]), 0);
	wait_inside(3);
	ck_assert_int_eq(lane_push_idle(l, &jobs[3]), -1);
	release(jobs, 3);
	lane_stop(l);
	ck_assert_int_eq(atomic_load(&jobs[0].served), 1);
	ck_assert_int_eq(atomic_load(&jobs[1].served), 2); /* no worker */
	ck_assert_int_eq(atomic_load(&jobs[2].served), 2);
	ck_assert_int_eq(atomic_load(&jobs[3].served), 0);
	close_jobs(jobs, 4);
}
END_TEST

/* A worker whose sockets would be numbered at or above the ceiling is not
 * kept: the job waits for one until its deadline, then is served with
 * none (and answered busy by the server). */
START_TEST(test_no_worker_above_ceiling)
{
	static struct job j;
	char err[CONFIG_ERR_MAX];

	ck_assert(config_set(&cfg, "deadline", "300ms", err, sizeof err) == 0);
	struct lane *l = lane_start(&cfg, 2, 0, 0, serve, NULL, err, sizeof err);
	ck_assert_msg(l, "%s", err);
	open_jobs(&j, 1);
	release(&j, 1);
	ck_assert_int_eq(lane_push(l, &j), 0);
	lane_stop(l);
	ck_assert_int_eq(atomic_load(&j.served), 2);
	close_jobs(&j, 1);
}
END_TEST

Suite *lane_suite(void)
{
	Suite *s = suite_create("lane");
	TCase *tc = tcase_create("lane");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_jobs_side_by_side);
	tcase_add_test(tc, test_full_lane_refuses);
	tcase_add_test(tc, test_stop_serves_the_queue);
	tcase_add_test(tc, test_idle_jobs_apart);
	tcase_add_test(tc, test_no_worker_above_ceiling);
	suite_add_tcase(s, tc);
	return s;
}
