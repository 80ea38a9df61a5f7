/*
 * resolver: one udns context, its poll loop and the request deadline.
 *
 * A caller submits queries (name, type, parse function, callback), then
 * calls resolver_run(), which returns when every query has ended or the
 * deadline has passed; queries still open then end as RES_TIMEOUT. Every
 * callback runs inside resolver_run() and may submit further queries.
 *
 * udns folds several failures into DNS_E_TEMPFAIL; the raw replies seen
 * through dns_set_dbgfn() tell SERVFAIL, REFUSED, truncation and silence
 * apart, and keep the last reply for callers that need more of it (the SOA
 * of a negative answer). One resolver per thread; make it after fork().
 */
#ifndef NSCHECK_RESOLVER_H
#define NSCHECK_RESOLVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <udns.h>

struct config;
struct resolver;

enum res_outcome {
	RES_OK,
	RES_NXDOMAIN,
	RES_NODATA,
	RES_SERVFAIL,   /* the resolver answered SERVFAIL */
	RES_REFUSED,    /* the resolver refused the query */
	RES_TRUNCATED,  /* only truncated replies came back */
	RES_PROTOCOL,   /* the reply was malformed */
	RES_TIMEOUT,    /* no usable reply before the deadline or retries ran out */
	RES_UNREACHABLE,/* the query could not even be sent */
	RES_NOMEM,
};

struct res_reply {
	enum res_outcome outcome;
	void *parsed;              /* from the parse function; callback frees */
	const unsigned char *pkt;  /* the last reply received, or NULL */
	size_t pkt_len;
	char server[64];           /* who sent that reply, "" if nobody did */
	uint32_t elapsed_ms;       /* from submission to the end */
};

typedef void res_done_fn(const struct res_reply *reply, void *data);

/* NULL on failure with a reason in err. */
struct resolver *resolver_new(const struct config *cfg, char *err,
			      size_t errlen);
void resolver_free(struct resolver *r);

/* 0, or -1 when the query could not be queued (done is then not called). */
int resolver_submit(struct resolver *r, const char *name, int qtype,
		    dns_parse_fn *parse, res_done_fn *done, void *data);

/* Runs until no query is open or the monotonic clock reaches deadline_ms. */
void resolver_run(struct resolver *r, int64_t deadline_ms);

/* For the poll loop of another module (probe_beside()), which runs these
 * queries while it waits for its own: resolver_due() sends what is queued
 * and retries what timed out, and says when to call it again (monotonic
 * ms; INT64_MAX: no query is open); resolver_fd() is the socket to wait
 * on for input (-1: none open), resolver_input() reads what came. Their
 * deadline is still the next resolver_run()'s. */
int64_t resolver_due(struct resolver *r, int64_t now_ms);
/* The UDP socket itself, open or not (for counting descriptors). */
int resolver_socket(const struct resolver *r);
int resolver_fd(const struct resolver *r);
void resolver_input(struct resolver *r);

/* Runs the queries until until(ctx) holds or the clock reaches
 * deadline_ms; nothing is ended (the next resolver_run() does that). */
void resolver_wait(struct resolver *r, int64_t deadline_ms,
		   bool (*until)(void *ctx), void *ctx);

/* How resolver_run() and resolver_wait() wait (NULL: in poll(), the
 * default); a fiber's waiter lets other fibers run meanwhile. w must
 * outlive its use. */
struct waiter;
void resolver_set_waiter(struct resolver *r, const struct waiter *w);

const char *res_outcome_str(enum res_outcome o);

#endif
