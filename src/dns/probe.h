/*
 * probe: DNS queries sent straight to chosen servers, with recursion off,
 * for the delegation report.
 *
 * udns cannot be used here: it hides referrals (a reply without answers
 * ends as "no data" before any parse function sees it), drops truncated
 * replies, has no TCP and picks its servers itself. So the report asks
 * each server on sockets of its own and reads the whole reply with
 * dnsmsg. Queries run in parallel in one poll loop, each retried once, all
 * inside one deadline, and never more than a set number of packets in
 * all. A truncated UDP reply is asked again over TCP.
 */
#ifndef NSCHECK_PROBE_H
#define NSCHECK_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct probe;

struct probe_target {
	unsigned char addr[16];
	bool v6;
	uint16_t port;          /* 53 unless a test says otherwise */
};

enum probe_outcome {
	PROBE_ANSWERED,   /* a reply came (any rcode; see pkt) */
	PROBE_TIMEOUT,    /* no reply to any try */
	PROBE_FAILED,     /* could not send */
	PROBE_LIMIT,      /* not sent: the report's query budget was spent */
	PROBE_REFUSED,    /* TCP: refused, or closed before a whole answer */
};

struct probe_reply {
	enum probe_outcome outcome;
	const unsigned char *pkt;   /* the reply, when answered */
	size_t len;
	uint32_t rtt_us;            /* from the last send to the reply */
	bool tcp;                   /* it went over TCP (asked, or after TC) */
};

typedef void probe_done_fn(const struct probe_reply *reply, void *data);

/* timeout_ms: per try; max_queries: budget of packets (tries) between two
 * probe_reset() calls. */
struct probe *probe_new(unsigned timeout_ms, unsigned max_queries, char *err,
			size_t errlen);
void probe_free(struct probe *p);
/* Forgets the budget spent and closes the sockets (a new report begins
 * on new source ports). */
void probe_reset(struct probe *p);

/* Queues a query; done is called exactly once, inside probe_run() (or at
 * once with PROBE_LIMIT or PROBE_FAILED). rd: set the RD bit. */
void probe_submit(struct probe *p, const struct probe_target *to,
		  const char *qname, int qtype, bool rd, probe_done_fn *done,
		  void *data);

/* With the DNSSEC OK bit, recursion off: for DS and DNSKEY records. */
void probe_submit_dnssec(struct probe *p, const struct probe_target *to,
			 const char *qname, int qtype, probe_done_fn *done,
			 void *data);

/* The same over TCP: one connection for this one query. */
void probe_submit_tcp(struct probe *p, const struct probe_target *to,
		      const char *qname, int qtype, bool rd,
		      probe_done_fn *done, void *data);

/* Runs until every query has ended or the monotonic clock passes
 * deadline_ms; what is still open then ends as PROBE_TIMEOUT. */
void probe_run(struct probe *p, int64_t deadline_ms);

/* While probe_run() waits, it also runs the queries of r (NULL: none),
 * so that a lookup through the resolver goes on beside the probe's. */
struct resolver;
void probe_beside(struct probe *p, struct resolver *r);

/* How probe_run() waits (NULL: in poll(), the default); see
 * resolver_set_waiter(). */
struct waiter;
void probe_set_waiter(struct probe *p, const struct waiter *w);

/* From a callback: end probe_run() now; what is open ends as
 * PROBE_TIMEOUT. For "the first good answer is enough". */
void probe_stop(struct probe *p);

/* Packets sent since the last reset (a retry is one more). */
unsigned probe_sent(const struct probe *p);
/* Queries since the last reset that ended as PROBE_TIMEOUT. */
unsigned probe_timeouts(const struct probe *p);
/* Counts one query sent another way (through the resolver) against the
 * budget; false, and nothing counted, when the budget is spent. */
bool probe_take(struct probe *p);

#endif
