/*
 * server: threads, worker processes, signals (see server.h).
 *
 * Signals: every thread blocks SIGTERM, SIGINT, SIGHUP, SIGUSR2 and
 * SIGUSR1; the main thread of a process takes the first four with
 * sigwaitinfo() (SIGUSR2: open the log file anew, nothing else). An
 * accepting thread unblocks SIGUSR1 (an empty handler, no SA_RESTART) only
 * while it waits for a request, so the SIGUSR1 sent at drain time ends
 * that wait and never interrupts a request being served.
 */
#include "server.h"

#include <errno.h>
#include <fcgiapp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cache/cache.h"
#include "cli.h"
#include "handoff.h"
#include "lane.h"
#include "util/clock.h"
#include "util/log.h"
#include "report/providers.h"
#include "input/request.h"
#include "supervisor.h"

#define MAX_THREADS 256
/* The lane within the descriptors below FD_SETSIZE: each thread holds
 * its connection and two udns sockets, a waiting refusal its connection,
 * a lane request its connection and its worker's two udns sockets, and
 * the report's sockets too (two UDP, a TCP one per server address: about
 * six in all, measured) when they cannot go above (more_descriptors()).
 * A few more are the process's own. */
#define LANE_MAX 256
#define LANE_REFUSALS 128
#define FDS_OWN 64
#define FDS_PER_THREAD 3
#define FDS_PER_LANE 3
#define FDS_PER_LANE_ALL_LOW 6
#define MAX_WORKERS 64
#define MAX_RETIRED (4 * MAX_WORKERS) /* old workers still draining */

struct pool {
	struct runtime *rt;
	int fd;
	atomic_bool stopping;
	struct lane *lane;       /* NULL: the threads wait on DNS themselves */
	atomic_uint running;
	pthread_t tid[MAX_THREADS];
	unsigned n;
	/* start-up: how many threads are ready and how many gave up */
	pthread_mutex_t lock;
	pthread_cond_t changed;
	unsigned ready, failed;
};

void runtime_free(struct runtime *rt)
{
	if (!rt)
		return;
	cache_close(rt->cache);
	providers_free(rt->providers);
	for (size_t i = 0; i < LANGS_MAX; i++)
		templates_free(&rt->tpl[i]);
	langs_free(&rt->langs);
	free(rt);
}

static void on_usr1(int sig)
{
	(void)sig; /* only there to interrupt accept() */
}

/* ---- one worker process: a pool of accepting threads ---- */

static void started(struct pool *p, bool ok)
{
	pthread_mutex_lock(&p->lock);
	if (ok)
		p->ready++;
	else
		p->failed++;
	pthread_cond_signal(&p->changed);
	pthread_mutex_unlock(&p->lock);
}

static sigset_t just(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	return set;
}

/* Waits for the next request: the only place SIGUSR1 gets through. */
static int next_request(struct pool *p, FCGX_Request *req)
{
	sigset_t usr1 = just(SIGUSR1);
	int rc = -EINTR;

	pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
	/* a SIGUSR1 pending from drain is taken here, before the test;
	 * one that comes after it is sent again until we are gone */
	if (!atomic_load(&p->stopping))
		rc = FCGX_Accept_r(req);
	pthread_sigmask(SIG_BLOCK, &usr1, NULL);
	return rc;
}

static void *serve_thread(void *arg)
{
	struct pool *p = arg;
	struct worker w;
	FCGX_Request *req = handoff_request_new(p->fd);
	char err[256];

	if (!req || worker_init(&w, &p->rt->cfg, err, sizeof err) < 0) {
		log_msg(LOG_ERROR, "thread cannot start: %s",
			req ? err : "out of memory");
		free(req);
		atomic_fetch_sub(&p->running, 1);
		started(p, false);
		return NULL;
	}
	started(p, true);
	while (!atomic_load(&p->stopping)) {
		/* every thread waits in accept() itself: Linux hands each
		 * connection to one of them (libfcgi is built without its
		 * own accept lock) */
		int rc = next_request(p, req);
		if (rc < 0) {
			if (!atomic_load(&p->stopping) && rc != -EINTR) {
				log_msg(LOG_WARN, "accept failed (%d)", rc);
				struct timespec ts = { 0, 20 * 1000000 };
				nanosleep(&ts, NULL); /* e.g. out of fds: do not spin */
			}
			continue;
		}
		handoff_serve(&p->rt->app, &w, p->lane, &req);
	}
	FCGX_Free(req, 1); /* and a connection the web server kept open */
	free(req);
	worker_free(&w);
	atomic_fetch_sub(&p->running, 1);
	return NULL;
}

static void pool_drain(struct pool *p);

/* How many requests the lane may hold: max_inflight, within LANE_MAX and
 * what the descriptors allow beside `threads` threads. */
static unsigned lane_size(const struct config *cfg, unsigned threads)
{
	struct rlimit rl;
	bool above = getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
		     rl.rlim_cur >= 2 * FD_SETSIZE;
	unsigned per = above ? FDS_PER_LANE : FDS_PER_LANE_ALL_LOW;
	unsigned used = FDS_OWN + FDS_PER_THREAD * threads + LANE_REFUSALS;
	unsigned fit = used < FD_SETSIZE ? (FD_SETSIZE - used) / per : 0;
	unsigned size = cfg->max_inflight < LANE_MAX ? cfg->max_inflight : LANE_MAX;

	return size < fit ? size : fit ? fit : 1;
}

/* Starts the threads and waits until each is ready or has given up:
 * -1 when none could start. */
static int pool_start(struct pool *p, struct runtime *rt, int fd)
{
	unsigned want = rt->cfg.threads > MAX_THREADS ? MAX_THREADS :
			rt->cfg.threads;

	memset(p, 0, sizeof *p);
	p->rt = rt;
	p->fd = fd;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->changed, NULL);
	if (rt->cache)
		cache_register_process(rt->cache); /* before any thread */
	/* requests that wait on DNS go to the lane, which may hold as many
	 * as may be upstream at once (within what its descriptors allow) */
	char err[256];
	unsigned size = lane_size(&rt->cfg, want);
	/* a worker whose udns sockets come above this would leave the
	 * connections too few numbers below FD_SETSIZE (a lane of an older
	 * configuration may still hold its own while it drains) */
	unsigned ceiling = FD_SETSIZE - (size + LANE_REFUSALS + want + FDS_OWN);
	p->lane = lane_start(&rt->cfg, size, LANE_REFUSALS, ceiling,
			     handoff_lane_serve, &rt->app, err, sizeof err);
	if (p->lane)
		service_set_slow(&rt->service, size);
	else
		log_msg(LOG_WARN, "no slow lane (%s): requests that need DNS "
			"wait on the threads", err);
	for (; p->n < want; p->n++) {
		atomic_fetch_add(&p->running, 1);
		if (pthread_create(&p->tid[p->n], NULL, serve_thread, p) != 0) {
			atomic_fetch_sub(&p->running, 1);
			log_msg(LOG_ERROR, "cannot start thread %u of %u", p->n,
				want);
			break;
		}
	}
	pthread_mutex_lock(&p->lock);
	while (p->ready + p->failed < p->n)
		pthread_cond_wait(&p->changed, &p->lock);
	unsigned ready = p->ready;
	pthread_mutex_unlock(&p->lock);
	if (ready < want)
		log_msg(LOG_WARN, "%u of %u threads running", ready, want);
	if (ready == 0) {
		pool_drain(p);
		return -1;
	}
	return 0;
}

/* Stops accepting, lets requests in flight finish, joins every thread. */
static void pool_drain(struct pool *p)
{
	atomic_store(&p->stopping, true);
	while (atomic_load(&p->running) > 0) {
		for (unsigned i = 0; i < p->n; i++)
			pthread_kill(p->tid[i], SIGUSR1);
		struct timespec ts = { 0, 50 * 1000000 };
		nanosleep(&ts, NULL);
	}
	for (unsigned i = 0; i < p->n; i++)
		pthread_join(p->tid[i], NULL);
	lane_stop(p->lane); /* no thread hands it more */
	p->lane = NULL;
	pthread_cond_destroy(&p->changed);
	pthread_mutex_destroy(&p->lock);
}

sigset_t server_signals(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGCHLD);
	return set;
}

/* The log file opened anew: on SIGUSR2 (logrotate), and on SIGHUP before
 * the configuration is read, so that a rotated file is let go of even
 * when the new configuration turns out to be bad (a good one opens its
 * own file itself). */
static void reopen_log(const struct config *cfg)
{
	char err[CONFIG_ERR_MAX];

	if (log_open_file(cfg->log_file, err, sizeof err) < 0)
		log_msg(LOG_ERROR, "%s", err);
	else if (cfg->log_file[0])
		log_msg(LOG_INFO, "log file opened anew");
}

/* A worker under a master: its pool runs until SIGTERM or SIGINT; a
 * SIGUSR2 opens its log file anew (SIGHUP is the master's). The caller
 * has blocked the control signals. ready_fd (-1: none) gets one byte once
 * the threads are up ('1') or could not start ('0'). */
static int worker_process(struct runtime *rt, int fd, int ready_fd)
{
	struct pool p;
	sigset_t set = server_signals();
	int sig;
	int r = pool_start(&p, rt, fd);

	if (ready_fd >= 0) {
		char c = r < 0 ? '0' : '1';
		if (write(ready_fd, &c, 1) < 0)
			log_msg(LOG_WARN, "cannot tell the master: %s",
				strerror(errno));
		close(ready_fd);
	}
	if (r < 0)
		return -1;
	while ((sig = sigwaitinfo(&set, NULL)) != SIGTERM && sig != SIGINT)
		if (sig == SIGUSR2)
			reopen_log(&rt->cfg);
	pool_drain(&p);
	return 0;
}

static void install_handlers(void)
{
	struct sigaction sa;
	sigset_t set = server_signals();

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1; /* no SA_RESTART: accept() must see EINTR */
	sigaction(SIGUSR1, &sa, NULL);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
}

/* The single-process model: on SIGHUP the new threads start before the
 * old ones drain, so the socket always has someone accepting. */
static int run_single(int fd, const char *where, struct runtime *rt,
		      runtime_load_fn *load, void *ctx)
{
	static struct pool pools[2]; /* big: off the stack */
	struct pool *cur = &pools[0], *spare = &pools[1];
	sigset_t set = server_signals();
	char err[CONFIG_ERR_MAX];

	if (pool_start(cur, rt, fd) < 0) {
		runtime_free(rt);
		return CLI_OSERR;
	}
	log_msg(LOG_INFO, "ready: serving FastCGI on %s (%u threads)", where,
		rt->cfg.threads);
	supervisor_state("READY=1", "serving FastCGI on %s", where);
	for (;;) {
		int sig = sigwaitinfo(&set, NULL);
		if (sig == SIGTERM || sig == SIGINT)
			break;
		if (sig == SIGUSR2)
			reopen_log(&rt->cfg);
		if (sig != SIGHUP)
			continue;
		supervisor_state("RELOADING=1", "reloading the configuration");
		reopen_log(&rt->cfg);
		struct runtime *next = load(ctx, err, sizeof err);
		if (!next || pool_start(spare, next, fd) < 0) {
			log_msg(LOG_ERROR, "reload failed, keeping the old "
				"configuration: %s", next ? "no thread could start" :
				err);
			runtime_free(next);
			supervisor_state("READY=1", "serving FastCGI on %s (the "
					 "last reload failed)", where);
			continue;
		}
		if (next->cache)
			cache_count(next->cache, CTR_RELOADS);
		log_msg(LOG_INFO, "configuration reloaded");
		supervisor_state("READY=1", "serving FastCGI on %s", where);
		pool_drain(cur);
		runtime_free(rt);
		rt = next;
		struct pool *t = cur;
		cur = spare;
		spare = t;
	}
	supervisor_state("STOPPING=1", "stopping: requests in flight finish");
	pool_drain(cur);
	runtime_free(rt);
	return 0;
}

/* ---- the master process ---- */

struct child {
	pid_t pid;
	int64_t started_ms;
	int64_t restart_at;  /* when a crashed worker may be started again */
};

/* The pipe on which workers started together say they are up. */
struct ready_pipe {
	int rd, wr;       /* -1 when there is none */
	unsigned started; /* workers given the write end */
};

static pid_t spawn_worker(struct runtime *rt, int fd, struct ready_pipe *rp)
{
	pid_t pid = fork();

	if (pid == 0) {
		/* a worker under a master leaves reloading, and talking to
		 * systemd, to the master */
		supervisor_forget();
		if (rp && rp->rd >= 0)
			close(rp->rd);
		int r = worker_process(rt, fd, rp ? rp->wr : -1);
		_exit(r < 0 ? 1 : 0);
	}
	if (pid > 0 && rp && rp->wr >= 0)
		rp->started++;
	if (pid < 0)
		log_msg(LOG_ERROR, "fork: %s", strerror(errno));
	return pid;
}

static unsigned alive(const struct child *c, unsigned n)
{
	unsigned a = 0;
	for (unsigned i = 0; i < n; i++)
		a += c[i].pid > 0;
	return a;
}

/* Reaps exited workers; a current one that died is started again later. */
static void reap(struct child *cur, unsigned n, struct child *old,
		 unsigned n_old, bool stopping, struct cache *counts)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (unsigned i = 0; i < n_old; i++)
			if (old[i].pid == pid)
				old[i].pid = 0;
		for (unsigned i = 0; i < n; i++) {
			if (cur[i].pid != pid)
				continue;
			cur[i].pid = 0;
			if (stopping)
				continue;
			int64_t now = clock_ms();
			log_msg(LOG_WARN, "worker %ld %s %d; starting another",
				(long)pid, WIFSIGNALED(status) ? "killed by signal" :
				"exited with", WIFSIGNALED(status) ?
				WTERMSIG(status) : WEXITSTATUS(status));
			if (counts)
				cache_count(counts, CTR_WORKER_RESTARTS);
			/* a worker that dies at once is not restarted in a loop */
			cur[i].restart_at = now - cur[i].started_ms < 1000 ?
					    now + 1000 : now;
		}
	}
}

static void start_missing(struct child *c, unsigned n, struct runtime *rt,
			  int fd, struct ready_pipe *rp)
{
	int64_t now = clock_ms();

	for (unsigned i = 0; i < n; i++) {
		if (c[i].pid > 0 || c[i].restart_at > now)
			continue;
		c[i].pid = spawn_worker(rt, fd, rp);
		c[i].started_ms = now;
	}
}

/*
 * Starts the missing workers and waits (at most READY_WAIT_MS) until each
 * has said whether its threads are up: the number that are. Without a
 * pipe the workers are started all the same, and counted as up.
 */
#define READY_WAIT_MS 10000
static unsigned start_and_wait(struct child *c, unsigned n,
			       struct runtime *rt, int fd)
{
	int ends[2];
	struct ready_pipe rp = { -1, -1, 0 };
	unsigned up = 0, told = 0;

	if (pipe(ends) == 0) {
		rp.rd = ends[0];
		rp.wr = ends[1];
	}
	start_missing(c, n, rt, fd, rp.rd >= 0 ? &rp : NULL);
	if (rp.rd < 0)
		return n;
	close(rp.wr); /* the read end sees EOF once every worker is done */
	int64_t limit = clock_ms() + READY_WAIT_MS;
	while (told < rp.started) {
		struct pollfd pfd = { rp.rd, POLLIN, 0 };
		int64_t left = limit - clock_ms();
		if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
			break;
		char c1;
		ssize_t r = read(rp.rd, &c1, 1);
		if (r <= 0)
			break;
		told++;
		up += c1 == '1';
	}
	close(rp.rd);
	return up;
}

static void signal_all(const struct child *c, unsigned n, int sig)
{
	for (unsigned i = 0; i < n; i++)
		if (c[i].pid > 0)
			kill(c[i].pid, sig);
}

static int next_wait_ms(const struct child *c, unsigned n)
{
	int64_t now = clock_ms(), best = 1000;

	for (unsigned i = 0; i < n; i++)
		if (c[i].pid == 0 && c[i].restart_at - now < best)
			best = c[i].restart_at - now;
	return best < 1 ? 1 : (int)best;
}

/* Adds the workers of cur to the old ones still draining; returns the
 * new count. Reloads faster than draining can overflow the list: those
 * workers are still told to stop, only not waited for. */
static unsigned retire(struct child *old, unsigned n_old,
		       const struct child *cur, unsigned n)
{
	unsigned k = 0;

	for (unsigned i = 0; i < n_old; i++)
		if (old[i].pid > 0)
			old[k++] = old[i];
	for (unsigned i = 0; i < n; i++) {
		if (cur[i].pid <= 0)
			continue;
		if (k < MAX_RETIRED)
			old[k++] = cur[i];
		else
			kill(cur[i].pid, SIGTERM);
	}
	return k;
}

/* What the master keeps track of. */
struct master {
	struct child cur[MAX_WORKERS], old[MAX_RETIRED];
	unsigned n, n_old;
	struct runtime *rt;
	int fd;
	const char *where;
};

static void kill_and_reap(struct child *c, unsigned n)
{
	signal_all(c, n, SIGKILL);
	for (unsigned i = 0; i < n; i++)
		if (c[i].pid > 0)
			waitpid(c[i].pid, NULL, 0);
}

/* SIGHUP: workers on the new configuration start first; only once at
 * least one of them is up do the old ones drain. Otherwise the old
 * configuration and workers stay, and they open the log anew. */
static void master_reload(struct master *m, runtime_load_fn *load, void *ctx)
{
	static struct child fresh[MAX_WORKERS]; /* big: off the stack */
	char err[CONFIG_ERR_MAX];
	unsigned n = 0, up = 0;

	supervisor_state("RELOADING=1", "reloading the configuration");
	reopen_log(&m->rt->cfg);
	memset(fresh, 0, sizeof fresh);
	struct runtime *next = load(ctx, err, sizeof err);
	if (next) {
		n = next->cfg.workers ? next->cfg.workers : 1;
		up = start_and_wait(fresh, n, next, m->fd);
		if (up == 0) {
			kill_and_reap(fresh, n);
			runtime_free(next);
			snprintf(err, sizeof err, "no worker could start");
		}
	}
	if (up == 0) {
		log_msg(LOG_ERROR, "reload failed, keeping the old "
			"configuration: %s", err);
		signal_all(m->cur, m->n, SIGUSR2);
		supervisor_state("READY=1", "serving FastCGI on %s (the last "
				 "reload failed)", m->where);
		return;
	}
	/* the old runtime lives on in the old workers' own memory */
	m->n_old = retire(m->old, m->n_old, m->cur, m->n);
	memcpy(m->cur, fresh, sizeof m->cur);
	runtime_free(m->rt);
	m->rt = next;
	m->n = n;
	signal_all(m->old, m->n_old, SIGTERM);
	if (next->cache)
		cache_count(next->cache, CTR_RELOADS);
	log_msg(LOG_INFO, "configuration reloaded (%u of %u workers up)", up, n);
	supervisor_state("READY=1", "serving FastCGI on %s (%u of %u workers)",
			 m->where, up, n);
}

/* SIGTERM: every worker drains within the deadline; then no mercy. */
static void master_stop(struct master *m)
{
	sigset_t set = server_signals();

	supervisor_state("STOPPING=1", "stopping: requests in flight finish");
	signal_all(m->cur, m->n, SIGTERM);
	signal_all(m->old, m->n_old, SIGTERM);
	int64_t limit = clock_ms() + m->rt->cfg.deadline_ms + 5000;
	while (alive(m->cur, m->n) + alive(m->old, m->n_old) > 0) {
		if (limit - clock_ms() <= 0) {
			signal_all(m->cur, m->n, SIGKILL);
			signal_all(m->old, m->n_old, SIGKILL);
			limit = clock_ms() + 1000;
		}
		struct timespec ts = { 0, 50 * 1000000 };
		sigtimedwait(&set, NULL, &ts);
		reap(m->cur, m->n, m->old, m->n_old, true, NULL);
	}
}

static int run_master(int fd, const char *where, struct runtime *rt,
		      runtime_load_fn *load, void *ctx)
{
	static struct master m; /* big: off the stack */
	sigset_t set = server_signals();

	memset(&m, 0, sizeof m);
	m.n = rt->cfg.workers;
	m.rt = rt;
	m.fd = fd;
	m.where = where;
	unsigned up = start_and_wait(m.cur, m.n, rt, fd);
	if (up == 0) {
		/* as a single process that cannot start: not ready */
		log_msg(LOG_ERROR, "no worker could start");
		kill_and_reap(m.cur, m.n);
		runtime_free(rt);
		return CLI_OSERR;
	}
	log_msg(LOG_INFO, "ready: serving FastCGI on %s (%u of %u workers up, "
		"%u threads each)", where, up, m.n, rt->cfg.threads);
	supervisor_state("READY=1", "serving FastCGI on %s (%u of %u workers)",
			 where, up, m.n);
	for (;;) {
		int ms = next_wait_ms(m.cur, m.n);
		struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
		int sig = sigtimedwait(&set, NULL, &ts);
		if (sig == SIGTERM || sig == SIGINT)
			break;
		if (sig == SIGHUP)
			master_reload(&m, load, ctx);
		if (sig == SIGUSR2) {
			reopen_log(&m.rt->cfg);
			signal_all(m.cur, m.n, SIGUSR2);
		}
		reap(m.cur, m.n, m.old, m.n_old, false, m.rt->cache);
		start_missing(m.cur, m.n, m.rt, fd, NULL);
	}
	master_stop(&m);
	runtime_free(m.rt);
	log_msg(LOG_INFO, "stopped");
	return 0;
}

/* Descriptors above FD_SETSIZE for the reports' sockets (the probe puts
 * them there), up to 65536 or the hard limit; the numbers below are the
 * connections' (libfcgi select()s on each one it accepts), the udns
 * sockets' and the process's own. */
static void more_descriptors(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return;
	rlim_t want = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > 65536 ?
		      65536 : rl.rlim_max;
	if (rl.rlim_cur < want) {
		rl.rlim_cur = want;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			log_msg(LOG_WARN, "cannot raise the descriptor limit: %s",
				strerror(errno));
	}
}

int server_run(int listen_fd, const char *where, struct runtime *rt,
	       runtime_load_fn *load, void *load_ctx)
{
	install_handlers();
	more_descriptors();
	if (rt->cfg.workers == 0) {
		/* run_single frees rt (and its successors) when it ends */
		int r = run_single(listen_fd, where, rt, load, load_ctx);
		log_msg(LOG_INFO, "stopped");
		return r;
	}
	return run_master(listen_fd, where, rt, load, load_ctx);
}
