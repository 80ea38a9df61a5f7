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

#include "util/buf.h"

struct arena;
struct cache;
struct check_list;
struct config;
struct request_io;
struct probe;
struct resolver;
struct service;
struct templates;

/* Shared by every request of a process; read-only while serving (the
 * service's counters are atomic). */
struct app {
	const struct config *cfg;
	const struct templates *tpl;
	struct service *service;
	struct cache *cache;     /* for the status view; may be NULL */
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
};

/* NULL-free worker or -1 with err. */
int worker_init(struct worker *w, const struct config *cfg, char *err,
		size_t errlen);
void worker_free(struct worker *w);

struct response {
	int status;
	bool head_only;          /* HEAD: headers, no body */
	const struct buf *head;  /* CGI-style header lines and blank line */
	const struct buf *body;
};

void app_handle(const struct app *app, struct worker *w,
		const struct request_io *io, struct response *out);

#endif
