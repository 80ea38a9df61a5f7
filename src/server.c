/*
 * server: threads, worker processes, signals (see server.h).
 *
 * Signals: every thread blocks SIGTERM, SIGINT and SIGHUP; the main thread
 * of a process takes them with sigwaitinfo(). Accepting threads leave
 * SIGUSR1 unblocked with an empty handler installed without SA_RESTART, so
 * a SIGUSR1 sent at drain time makes a blocked accept() return.
 */
#include "server.h"

#include <errno.h>
#include <fcgiapp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "clock.h"
#include "log.h"
#include "providers.h"
#include "request.h"

#define MAX_THREADS 256
#define MAX_WORKERS 64

struct pool {
	struct runtime *rt;
	int fd;
	atomic_bool stopping;
	atomic_uint running;
	pthread_t tid[MAX_THREADS];
	unsigned n;
};

void runtime_free(struct runtime *rt)
{
	if (!rt)
		return;
	cache_close(rt->cache);
	providers_free(rt->providers);
	templates_free(&rt->tpl);
	free(rt);
}

static void on_usr1(int sig)
{
	(void)sig; /* only there to interrupt accept() */
}

/* ---- FastCGI I/O of one request ---- */

static const char *fcgi_param(void *ctx, const char *name)
{
	FCGX_Request *r = ctx;
	return FCGX_GetParam(name, r->envp);
}

static ssize_t fcgi_read(void *ctx, char *buf, size_t n)
{
	FCGX_Request *r = ctx;
	int want = n > 65536 ? 65536 : (int)n;
	return FCGX_GetStr(buf, want, r->in);
}

static void fcgi_send(FCGX_Request *r, const struct response *resp)
{
	FCGX_PutStr(resp->head->data, (int)resp->head->len, r->out);
	if (!resp->head_only && resp->body->len)
		FCGX_PutStr(resp->body->data, (int)resp->body->len, r->out);
}

/* ---- one worker process: a pool of accepting threads ---- */

static void *serve_thread(void *arg)
{
	struct pool *p = arg;
	struct worker w;
	FCGX_Request req;
	char err[256];

	if (worker_init(&w, &p->rt->cfg, err, sizeof err) < 0) {
		log_msg(LOG_ERROR, "thread cannot start: %s", err);
		atomic_fetch_sub(&p->running, 1);
		return NULL;
	}
	FCGX_InitRequest(&req, p->fd, FCGI_FAIL_ACCEPT_ON_INTR);
	while (!atomic_load(&p->stopping)) {
		/* every thread waits in accept() itself: Linux hands each
		 * connection to one of them (libfcgi is built without its
		 * own accept lock) */
		int rc = FCGX_Accept_r(&req);
		if (rc < 0) {
			if (!atomic_load(&p->stopping) && rc != -EINTR) {
				log_msg(LOG_WARN, "accept failed (%d)", rc);
				struct timespec ts = { 0, 20 * 1000000 };
				nanosleep(&ts, NULL); /* e.g. out of fds: do not spin */
			}
			continue;
		}
		struct request_io io = { fcgi_param, fcgi_read, &req };
		struct response resp;
		app_handle(&p->rt->app, &w, &io, &resp);
		fcgi_send(&req, &resp);
		FCGX_Finish_r(&req);
	}
	FCGX_Free(&req, 0);
	worker_free(&w);
	atomic_fetch_sub(&p->running, 1);
	return NULL;
}

static int pool_start(struct pool *p, struct runtime *rt, int fd)
{
	memset(p, 0, sizeof *p);
	p->rt = rt;
	p->fd = fd;
	if (rt->cache)
		cache_register_process(rt->cache); /* before any thread */
	p->n = rt->cfg.threads > MAX_THREADS ? MAX_THREADS : rt->cfg.threads;
	for (unsigned i = 0; i < p->n; i++) {
		atomic_fetch_add(&p->running, 1);
		if (pthread_create(&p->tid[i], NULL, serve_thread, p) != 0) {
			atomic_fetch_sub(&p->running, 1);
			log_msg(LOG_ERROR, "cannot start thread %u", i);
			p->n = i;
			return i ? 0 : -1;
		}
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
}

static sigset_t control_signals(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGCHLD);
	return set;
}

/*
 * Runs a pool until SIGTERM (returns 0) or, when reload is allowed, SIGHUP
 * (returns 1). The caller has blocked the control signals.
 */
static int worker_process(struct runtime *rt, int fd, bool reload)
{
	struct pool p;
	sigset_t set = control_signals();
	int sig, result = 0;

	if (pool_start(&p, rt, fd) < 0)
		return -1;
	for (;;) {
		sig = sigwaitinfo(&set, NULL);
		if (sig == SIGTERM || sig == SIGINT)
			break;
		if (sig == SIGHUP && reload) {
			result = 1;
			break;
		}
	}
	pool_drain(&p);
	return result;
}

static void install_handlers(void)
{
	struct sigaction sa;
	sigset_t set = control_signals();

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1; /* no SA_RESTART: accept() must see EINTR */
	sigaction(SIGUSR1, &sa, NULL);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
}

/* The single-process model: reload in place on SIGHUP. */
static int run_single(int fd, const char *where, struct runtime *rt,
		      runtime_load_fn *load, void *ctx)
{
	char err[CONFIG_ERR_MAX];

	log_msg(LOG_INFO, "ready: serving FastCGI on %s (%u threads)", where,
		rt->cfg.threads);
	for (;;) {
		int r = worker_process(rt, fd, true);
		if (r <= 0) {
			runtime_free(rt);
			return r < 0 ? 1 : 0;
		}
		struct runtime *next = load(ctx, err, sizeof err);
		if (!next) {
			log_msg(LOG_ERROR, "reload failed, keeping the old "
				"configuration: %s", err);
			continue;
		}
		runtime_free(rt);
		rt = next;
		log_msg(LOG_INFO, "configuration reloaded");
	}
}

/* ---- the master process ---- */

struct child {
	pid_t pid;
	int64_t started_ms;
	int64_t restart_at;  /* when a crashed worker may be started again */
};

static pid_t spawn_worker(struct runtime *rt, int fd)
{
	pid_t pid = fork();

	if (pid == 0) {
		/* a worker under a master leaves reloading to the master */
		int r = worker_process(rt, fd, false);
		_exit(r < 0 ? 1 : 0);
	}
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
		 unsigned n_old, bool stopping)
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
			/* a worker that dies at once is not restarted in a loop */
			cur[i].restart_at = now - cur[i].started_ms < 1000 ?
					    now + 1000 : now;
		}
	}
}

static void start_missing(struct child *c, unsigned n, struct runtime *rt,
			  int fd)
{
	int64_t now = clock_ms();

	for (unsigned i = 0; i < n; i++) {
		if (c[i].pid > 0 || c[i].restart_at > now)
			continue;
		c[i].pid = spawn_worker(rt, fd);
		c[i].started_ms = now;
	}
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

static int run_master(int fd, const char *where, struct runtime *rt,
		      runtime_load_fn *load, void *ctx)
{
	struct child cur[MAX_WORKERS] = { 0 }, old[MAX_WORKERS] = { 0 };
	unsigned n = rt->cfg.workers, n_old = 0;
	sigset_t set = control_signals();
	char err[CONFIG_ERR_MAX];

	start_missing(cur, n, rt, fd);
	log_msg(LOG_INFO, "ready: serving FastCGI on %s (%u workers, %u "
		"threads each)", where, n, rt->cfg.threads);
	for (;;) {
		int ms = next_wait_ms(cur, n);
		struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
		int sig = sigtimedwait(&set, NULL, &ts);
		if (sig == SIGTERM || sig == SIGINT)
			break;
		if (sig == SIGHUP) {
			struct runtime *next = load(ctx, err, sizeof err);
			if (!next) {
				log_msg(LOG_ERROR, "reload failed, keeping the old "
					"configuration: %s", err);
				continue;
			}
			/* new workers first, then the old ones drain; the
			 * old runtime lives on in their own memory */
			signal_all(old, n_old, SIGTERM);
			memcpy(old, cur, sizeof cur);
			n_old = n;
			memset(cur, 0, sizeof cur);
			runtime_free(rt);
			rt = next;
			n = rt->cfg.workers ? rt->cfg.workers : 1;
			start_missing(cur, n, rt, fd);
			signal_all(old, n_old, SIGTERM);
			log_msg(LOG_INFO, "configuration reloaded (%u workers)", n);
		}
		reap(cur, n, old, n_old, false);
		start_missing(cur, n, rt, fd);
	}
	signal_all(cur, n, SIGTERM);
	signal_all(old, n_old, SIGTERM);
	/* in-flight requests end within the deadline; then no mercy */
	int64_t limit = clock_ms() + rt->cfg.deadline_ms + 5000;
	while (alive(cur, n) + alive(old, n_old) > 0) {
		int64_t left = limit - clock_ms();
		if (left <= 0) {
			signal_all(cur, n, SIGKILL);
			signal_all(old, n_old, SIGKILL);
			left = 1000;
		}
		struct timespec ts = { 0, 50 * 1000000 };
		sigtimedwait(&set, NULL, &ts);
		reap(cur, n, old, n_old, true);
	}
	runtime_free(rt);
	log_msg(LOG_INFO, "stopped");
	return 0;
}

int server_run(int listen_fd, const char *where, struct runtime *rt,
	       runtime_load_fn *load, void *load_ctx)
{
	install_handlers();
	if (rt->cfg.workers == 0) {
		/* run_single frees rt (and its successors) when it ends */
		int r = run_single(listen_fd, where, rt, load, load_ctx);
		log_msg(LOG_INFO, "stopped");
		return r;
	}
	return run_master(listen_fd, where, rt, load, load_ctx);
}
