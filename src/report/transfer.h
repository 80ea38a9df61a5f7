/*
 * transfer: "I moved my domain to these name servers: is it done?"
 *
 * Given the name servers a person expects (the form's second field, or
 * expect= in the URL), the lookup and the delegation report, one verdict
 * in plain words and the facts behind it: which parent servers publish
 * the expected set already, whether every expected server answers for the
 * zone with authority and one serial (ready before the switch), and
 * whether resolvers still hand out the old set, and for how long.
 */
#ifndef NSCHECK_TRANSFER_H
#define NSCHECK_TRANSFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report/checks.h"
#include "report/expect.h"

struct lang;

struct buf;
struct ns_result;
struct report;
struct report_ask;

enum transfer_verdict {
	TRANSFER_DONE,              /* parent, servers and resolvers agree */
	TRANSFER_NOT_READY,         /* an expected server does not serve it */
	TRANSFER_WRONG_SERVERS,     /* the parent publishes another set */
	TRANSFER_WAITING_REGISTRY,  /* some parent servers have it, some not */
	TRANSFER_WAITING_CACHES,    /* published; resolvers still hold the old */
	TRANSFER_UNKNOWN,           /* no report to judge by */
};

/* Why an expected server is not ready, the first reason that holds. */
enum not_ready_why {
	NOT_READY_NO_ADDRESS,     /* no address of it could be found */
	NOT_READY_NO_ANSWER,      /* no address answered */
	NOT_READY_NO_AUTHORITY,   /* answers, but not for the zone */
	NOT_READY_OLD_SERIAL,     /* serves the zone, an older version */
};

struct transfer {
	enum transfer_verdict verdict;
	size_t parents_asked;          /* parent addresses that gave a set */
	size_t parents_new;            /* ... the expected one */
	const char *not_ready[EXPECT_MAX];
	enum not_ready_why why[EXPECT_MAX];  /* for each of not_ready */
	size_t n_not_ready;
	const char *old_holder;        /* a resolver that holds another set */
	uint32_t wait_s;               /* WAITING_CACHES: its TTL left */
};

void transfer_judge(const struct expect_list *e, const struct ns_result *r,
		    const struct report *rep, struct transfer *out);

/* The parent server's answer is exactly the expected set. */
bool transfer_parent_matches(const struct expect_list *e,
			     const struct report_ask *a);

/* How a verdict counts beside the checks, into *st: a pass when done, a
 * warning while it waits, a failure when the set is wrong or not ready.
 * false: no verdict (no report to judge by). */
bool transfer_weight(enum transfer_verdict v, enum check_status *st);

const char *transfer_verdict_id(enum transfer_verdict v); /* "done", ... */
const char *not_ready_id(enum not_ready_why w);           /* "no_answer", ... */
/* The verdict as a headline and what to do; raw text. */
void transfer_text(const struct lang *l, const struct transfer *t, const struct report *rep,
		   struct buf *out);

#endif
