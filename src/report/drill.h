/*
 * drill: the drill-down view of one server of a delegation report, the
 * raw answers it gives to the report's own questions, for the person who
 * wants to see the packets: header flags, rcode, time, every record.
 *
 * Only an address the report itself asked is asked again (so the view
 * cannot be aimed at any other host), only the report's questions, and
 * through the same probe, deadline and query budget.
 */
#ifndef NSCHECK_DRILL_H
#define NSCHECK_DRILL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dns/dissect.h"
#include "dns/probe.h"

struct arena;
struct report;

enum drill_query {
	DRILL_NS,         /* the domain's NS, recursion off */
	DRILL_SOA,        /* name servers: its SOA */
	DRILL_SOA_TCP,    /* name servers: the SOA over TCP */
	DRILL_DNSKEY,     /* name servers, when the parent has DS: DO set */
	DRILL_RECURSION,  /* name servers: ". NS" with recursion desired */
	DRILL_DS,         /* parent servers: the domain's DS, DO set */
	DRILL_QUERIES
};

struct drill_question {
	const char *id;     /* "soa_tcp", for JSON; render_drill says what
			       each question is for */
	int qtype;
	bool root;          /* asks for "." rather than the domain */
	bool rd, dnssec, tcp;
};

struct drill_answer {
	enum drill_query query;
	enum probe_outcome outcome;
	uint32_t rtt_us;
	bool tcp;                  /* it went over TCP (asked, or after TC) */
	const unsigned char *pkt;  /* PROBE_ANSWERED: the reply */
	size_t len;
	struct dissect msg;        /* the reply taken apart (drill_dissect) */
};

enum drill_status {
	DRILL_DONE,       /* the server was asked again: answers below */
	DRILL_NO_REPORT,  /* no finished report to take the server from */
	DRILL_NOT_ASKED,  /* the report did not ask that address */
};

struct drill {
	enum drill_status status;
	const char *domain;
	const char *server;        /* its name in the report */
	unsigned char addr[16];
	bool v6;
	bool name_server, parent;  /* which of the report's tables it is in */
	bool ask_dnskey;           /* the parent has DS for the domain */
	struct drill_answer answer[DRILL_QUERIES];
	size_t n;
	uint32_t elapsed_us;
	bool cached;
	uint32_t age_s;
};

const struct drill_question *drill_question(enum drill_query q);
/* "answered", "timeout", ... for JSON (render_drill has the words). */
const char *drill_outcome_id(enum probe_outcome o);

/* Where the address (4 or 16 bytes) stands in rep: out->status, and on
 * DRILL_DONE the server's name and roles. rep may be NULL. A special-
 * purpose address (netaddr.h) is never found unless allow_special. */
enum drill_status drill_find(const struct report *rep, const char *domain,
			     const unsigned char *addr, bool v6,
			     bool allow_special, struct drill *out);

/* The questions for its roles, as bits (1 << DRILL_NS, ...). */
unsigned drill_questions(const struct drill *d);

/* Asks the questions of its roles, in parallel, by deadline_ms; the
 * replies are copied into a. */
void drill_run(struct probe *p, struct arena *a, int64_t deadline_ms,
	       struct drill *d);

/* Fills each answer's msg from its packet. */
void drill_dissect(struct arena *a, struct drill *d);

#endif
