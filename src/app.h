/*
 * app: one request from start to finish, independent of how it arrived.
 *
 * request_io in, response out: parse the request, normalise the domain,
 * look it up, build the view, render the body, then the headers (after
 * the body, so Content-Length is always right). FastCGI, CGI and the tests
 * all call app_handle(); main only moves bytes.
 */
#ifndef NSCHECK_APP_H
#define NSCHECK_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "input/client.h"
#include "render/view.h"
#include "report/drill.h"
#include "report/report.h"
#include "report/result.h"
#include "report/transfer.h"
#include "util/buf.h"

struct arena;
struct cache;
struct check_list;
struct config;
struct langs;
struct request_io;
struct probe;
struct resolver;
struct service;
struct templates;
struct waiter;

/* Shared by every request of a process; read-only while serving (the
 * service's counters are atomic). */
struct app {
	const struct config *cfg;
	const struct templates *tpl; /* one set per language of langs */
	const struct langs *langs;   /* NULL: English alone */
	struct service *service;
	struct cache *cache;     /* for the status view; may be NULL */
	bool quiet;              /* no request line in the log: a command
				    typed in a shell, not a visitor */
	const char *version;     /* for the status view ("" when unknown) */
	int64_t started_s;       /* when this process started (wall clock) */
};

/* What the last request came to, for a caller that acts on it rather
 * than on its page (the command line's exit code, the monitoring plugin).
 * Copies, whose names point into the worker's arena (or into the outcome
 * itself): valid until the worker's next request. */
struct app_outcome {
	enum view_state state;
	bool overflowed;            /* the page did not fit: a 500 instead */
	bool has_result;            /* VIEW_RESULT: result is the lookup */
	struct ns_result result;
	bool has_report;            /* a finished report was shown */
	struct report report;
	bool judged;                /* expect= was asked: the verdict */
	struct transfer transfer;
	bool drilled;               /* server= was asked: how it went */
	enum drill_status drill;
};

/* What one thread of work owns and reuses from request to request. */
struct worker {
	struct resolver *resolver;
	struct resolver *report_resolver; /* a report's, beside a lookup */
	struct probe *probe;     /* the report's direct queries */
	struct arena *arena;
	struct buf body;
	struct buf head;
	struct check_list *checks; /* the findings of the current request */
	struct app_outcome outcome; /* ... and what it came to */
};

/* How the worker's lookups and reports wait: NULL, this thread blocks;
 * a fiber's waiter. */
void worker_set_waiter(struct worker *w, const struct waiter *wt);

/* NULL-free worker or -1 with err. */
int worker_init(struct worker *w, const struct config *cfg, char *err,
		size_t errlen);
void worker_free(struct worker *w);

struct response {
	int status;
	bool head_only;          /* HEAD: headers, no body */
	const struct buf *head;  /* CGI-style header lines and blank line */
	const struct buf *body;
	uint32_t retry_after;    /* seconds, with a 429 or 503; else 0 */
};

/* A request served in two goes: first by a thread that answers only
 * what needs no DNS (hits_only), which hands the rest on (deferred);
 * then again (again) where it may wait, with what the first go kept. */
struct app_pass {
	bool hits_only;              /* in: the first go's thread */
	const struct waiter *waiter; /* in: how the second go waits */
	bool again;                  /* in: this is the second go */
	bool deferred;               /* out: no answer yet; go again */
	int64_t start;               /* kept: when the request came (ms), */
	int64_t start_us;            /* ... and in microseconds, */
	uint32_t limited;            /* what its client's charge said, */
	bool known;                  /* and who the client is */
	struct client id;
};

/* The log line and the busy count of a deferred request the lane could
 * not serve (no worker free in time): it was answered `status`. */
void app_log_unserved(const struct app *app, const struct request_io *io,
		      const struct app_pass *pass, int status);

/* pass NULL: one go, which may wait. A deferred request has no response
 * and no log line yet; its second go has both. */
void app_handle(const struct app *app, struct worker *w,
		const struct request_io *io, struct app_pass *pass,
		struct response *out);

#endif
