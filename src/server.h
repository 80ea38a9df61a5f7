/*
 * server: the FastCGI process model.
 *
 * A worker process runs `threads` threads, each with its own FCGX_Request
 * and its own struct worker (udns context, arena, buffers), all accepting
 * on one listening socket and answering from the cache; a request that
 * needs DNS goes on to the process's slow lane (lane.h, handoff.h), so
 * that no thread waits on a name server. SIGTERM drains: no new requests,
 * the ones in flight (the lane's too) finish, then the process exits.
 * SIGHUP reloads the configuration.
 *
 * With workers > 0 a master process forks that many worker processes on
 * the same socket, restarts any that die, forwards SIGTERM, and on SIGHUP
 * starts workers with the new configuration before retiring the old ones.
 * With workers = 0 the process itself is the one worker, which is what
 * spawn-fcgi -F N and mod_fcgid expect.
 */
#ifndef NSCHECK_SERVER_H
#define NSCHECK_SERVER_H

#include <signal.h>
#include <stddef.h>

#include "app.h"
#include "util/config.h"
#include "dns/hints.h"
#include "report/report.h"
#include "cache/service.h"
#include "render/template.h"
#include "util/lang.h"

struct cache;

/* Everything one configuration generation needs, shared by its threads. */
struct runtime {
	struct config cfg;
	struct langs langs;
	struct templates tpl[LANGS_MAX]; /* one set per language of langs */
	struct cache *cache;     /* NULL when disabled or unavailable */
	struct hints roots;
	struct providers *providers;
	struct report_env env;
	struct service service;
	struct app app;
};

/* Builds a runtime from the configuration (again on SIGHUP). */
typedef struct runtime *runtime_load_fn(void *ctx, char *err, size_t errlen);
void runtime_free(struct runtime *rt);

/* The signals the server takes itself (SIGTERM, SIGINT, SIGHUP,
 * SIGCHLD): blocked from the start, so one sent while the configuration
 * loads waits for the server instead of killing it half started. */
sigset_t server_signals(void);

/* Serves on listen_fd until SIGTERM; returns the exit status. Takes rt
 * (and frees it and any reloaded successor). */
int server_run(int listen_fd, const char *where, struct runtime *rt,
	       runtime_load_fn *load, void *load_ctx);

#endif
