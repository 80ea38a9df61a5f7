/*
 * report: the delegation as the parent zone publishes it, beside what each
 * name server itself answers.
 *
 * report_run() walks down from the root hints to the zone above the domain,
 * asks every server of that parent zone for the domain's NS records (the
 * delegation, its TTL and glue), then asks every address of every name
 * server, with recursion off, for the domain's NS and SOA records, the SOA
 * once more over TCP, and, with recursion on, for the root's NS records
 * (the one recursive query: does it recurse for anyone?), and a few of
 * them for the A and AAAA records of the name servers named inside the
 * zone, to compare with the parent's glue. All
 * queries of one stage go out in parallel (probe), the whole report ends
 * by a deadline and within a query budget, and addresses that are loopback,
 * private or otherwise special are never queried unless the configuration
 * allows it. The checks read the result; the renderers show it.
 */
#ifndef NSCHECK_REPORT_H
#define NSCHECK_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dns/dnssec.h"

struct arena;
struct config;
struct hints;
struct ns_result;
struct probe;
struct providers;
struct resolver;

enum report_status {
	REPORT_DONE,          /* parent and name servers were asked */
	REPORT_NOT_DELEGATED, /* the name is inside its parent's zone */
	REPORT_NXDOMAIN,      /* the parent says the name does not exist */
	REPORT_FAILED,        /* the walk from the root did not get there */
};

enum ask_state {
	ASK_ANSWERED,
	ASK_TIMEOUT,   /* no reply in time */
	ASK_SKIPPED,   /* a special-purpose address: not queried */
	ASK_LIMIT,     /* not asked: the report's query budget was spent */
	ASK_FAILED,    /* could not be sent */
};

/* A name server's answer over TCP (the SOA, asked once more). */
enum over_tcp {
	OVER_TCP_NOT_ASKED,
	OVER_TCP_OK,       /* a whole answer came */
	OVER_TCP_REFUSED,  /* refused, or closed before answering */
	OVER_TCP_TIMEOUT,
};

/* What one recursive query (RD=1, for the root's NS records, a name
 * outside any zone a domain's servers serve) showed. */
enum recursion {
	RECURSION_NOT_ASKED,  /* or no reply */
	RECURSION_OFF,        /* refused, or answered without recursing */
	RECURSION_OPEN,       /* it recursed and answered for anyone */
};

/* The DS records at the parent, asked of one parent server. */
enum report_ds {
	DS_NOT_ASKED,   /* or no usable answer */
	DS_NONE,        /* the zone is not signed as far as the parent knows */
	DS_PRESENT,
};

/* A name server's DNSKEY set against the parent's DS (asked only then). */
enum key_match {
	KEYS_NOT_ASKED,  /* the budget ran out, or no DS to compare */
	KEYS_MATCH,      /* a zone key with a DS's tag and algorithm */
	KEYS_NO_MATCH,   /* no key any DS names (none at all, perhaps) */
	KEYS_NO_ANSWER,  /* asked, but no reply, an error, a reply without
			    authority or one cut short: it confirms nothing */
};

/* What the zone's own servers say about the addresses of a name server
 * named inside the zone (A or AAAA, asked with authority). */
enum host_answer {
	HOST_NOT_ASKED,   /* or no usable answer (no reply, a referral, ...) */
	HOST_FOUND,       /* addresses of this family */
	HOST_NODATA,      /* the name exists, no address of this family */
	HOST_NXDOMAIN,    /* the zone says the name does not exist */
	HOST_ALIAS,       /* the name is an alias (CNAME) in the zone */
};

/* One in-domain name server name of either NS set (RFC 9499 7) and the
 * zone's answers about it; its addresses are in report.host_addrs. */
struct report_host {
	const char *name;
	enum host_answer v4, v6;
};

/* One resolver of resolvers_view: the NS set it hands out now, and for
 * how much longer. */
struct report_view {
	const char *resolver;     /* as configured, "192.0.2.53" */
	enum ask_state state;
	int rcode;
	const char **ns;          /* sorted; none when it gave no NS records */
	size_t n_ns;
	uint32_t ttl;             /* what is left of its cached TTL */
};

/* An address record from DNS data (glue, or a name server's address). */
struct report_addr {
	const char *name;
	unsigned char addr[16];
	bool v6;
};

/* One server address asked one question (or two, for name servers). */
struct report_ask {
	const char *server;       /* the name server's name */
	unsigned char addr[16];
	bool v6;
	enum ask_state state;
	const char *skipped_why;  /* ASK_SKIPPED: the kind of address */
	uint32_t rtt_us;
	int rcode;                /* of the NS reply */
	bool aa;                  /* authoritative answer */
	bool referral;            /* parent: the NS came as a referral */
	const char **ns;          /* the NS set it gave, sorted */
	size_t n_ns;
	uint32_t ns_ttl;
	bool has_soa;             /* name servers: the SOA serial it gave */
	uint32_t serial;
	enum over_tcp tcp;        /* name servers: the SOA over TCP */
	enum recursion recursion; /* name servers: the recursive query */
	enum key_match keys;      /* name servers: DNSKEY against the DS */
	bool extra;               /* asked only as an expected new server: not
				     one of the domain's, left out of its checks */
	struct report_addr *glue; /* parent: addresses in its additional data */
	size_t n_glue;
};

struct report {
	enum report_status status;
	const char *why;            /* for REPORT_FAILED: what went wrong */
	const char *parent_zone;
	struct report_ask *parents; /* every address of every parent server */
	size_t n_parents;
	const char **deleg;         /* the delegation: NS set at the parent */
	size_t n_deleg;
	uint32_t deleg_ttl;
	struct report_addr *glue;   /* glue at the parent, all servers */
	size_t n_glue;
	const char **child;         /* NS set the zone's own servers give */
	size_t n_child;
	uint32_t child_ttl;
	uint32_t negative_ttl;      /* RFC 2308, from the servers' SOA (largest) */
	struct report_view *views;  /* resolvers_view, in configured order */
	size_t n_views;
	enum report_ds ds_state;
	struct dnssec_set ds;       /* DS_PRESENT: their tags and algorithms */
	struct report_ask *servers; /* every address of every name server */
	size_t n_servers;
	struct report_host *hosts;  /* in-domain name server names, sorted */
	size_t n_hosts;
	struct report_addr *host_addrs; /* the addresses the zone gives them */
	size_t n_host_addrs;
	const char *provider;       /* a known DNS provider, or NULL */
	uint32_t elapsed_us;        /* shown in ms: a report often takes < 1 ms */
	unsigned queries;
	unsigned timeouts;          /* of those, unanswered (not cached) */
	bool cut_short;             /* deadline or budget ended it early */
	bool cached;                /* served from the cache */
};

/* The servers of a zone above a domain (a TLD, say), as a referral from
 * the zone above it gave them, kept from one report to the next so that
 * a walk need not start at the root. */
struct report_zone {
	const char *zone;                  /* lower case, "com" */
	const struct report_addr *servers; /* addresses, with their names */
	size_t n;
	uint32_t ttl;                      /* the referral's, its glue's */
};

/* Where such zones are kept (the shared cache); thread-safe. */
struct report_zones {
	/* 0 and *out (memory from a) when zone's servers are kept, or -1 */
	int (*find)(void *ctx, const char *zone, struct arena *a,
		    struct report_zone *out);
	void (*keep)(void *ctx, const struct report_zone *z);
	void *ctx;
};

/* What a report needs besides the lookup: read-only, shared by threads. */
struct report_env {
	const struct config *cfg;
	const struct hints *roots;
	const struct providers *providers;
	const struct report_zones *zones; /* NULL: every walk from the root */
	uint16_t port;  /* the port every server is asked on; 0 is 53. Tests
			   point it at fake servers on loopback. */
};

/*
 * Builds the report for the domain of result (the name its NS records
 * belong to; the child side starts from its NS set and addresses). Memory
 * from a; never fails as a function: what went wrong is in the status.
 */
void report_run(struct probe *p, struct resolver *r,
		const struct report_env *env, struct arena *a,
		const struct ns_result *result, struct report *out);

/* The same with an explicit end (monotonic ms), asking also the name
 * servers a person expects (NULL: none; see expect.h). */
struct expect_list;
void report_run_until(struct probe *p, struct resolver *r,
		      const struct report_env *env, struct arena *a,
		      const struct ns_result *result,
		      const struct expect_list *expect, int64_t deadline_ms,
		      struct report *out);

/* The same in two steps, so that the first runs beside the lookup (see
 * probe_beside()): report_begin() needs only the domain's name, and finds
 * the parent's servers, asks them and the DS; report_finish() asks the
 * name servers, with the lookup that result (whose owner is domain) is,
 * by a deadline of its own (a lookup may have taken the first's time).
 * report_begin() returns NULL only when *out already says what failed. */
struct report_start;
/* Asked before anything goes to the parent's servers: false when the
 * report is not to be made after all (its lookup says the name does not
 * exist under a zone above, say); report_begin() then stops there. */
struct report_gate {
	bool (*open)(void *ctx);
	void *ctx;
};
struct report_start *report_begin(struct probe *p, struct resolver *r,
				  const struct report_env *env,
				  struct arena *a, const char *domain,
				  const struct expect_list *expect,
				  const struct report_gate *gate,
				  int64_t deadline_ms, struct report *out);
void report_finish(struct report_start *st, const struct ns_result *result,
		   int64_t deadline_ms);
/* false when the gate stopped it (or memory ran out): nothing to finish */
bool report_made(const struct report_start *st);

/*
 * Is a report worth making for this lookup? For names with name servers,
 * failed lookups (the report shows which server is at fault), and a "no
 * such name" or "no NS records" that may come from the domain's own
 * servers. Such a negative report is shown only when report_shown() says
 * the parent does delegate the name (rep NULL: none was made).
 */
bool report_wanted(const struct ns_result *result);
bool report_shown(const struct ns_result *result, const struct report *rep);

/* Of the domain's own server addresses that answered: how many deny the
 * zone (NXDOMAIN for it, or authority without its NS records), and into
 * *serving how many serve it with its NS records. */
size_t report_denials(const struct report *rep, size_t *serving);

/* The row's NS question got an answer with authority, not a referral,
 * without error: what the server holds, even if it lacks the NS set. */
bool report_authoritative(const struct report_ask *row);
/* The row serves the zone: an authoritative answer with its NS set. */
bool report_serves(const struct report_ask *row);

/* The ids of the report's status and of the zone's answers about its
 * hosts; a row's states have theirs, with their words, in cells.h. */
const char *host_answer_id(enum host_answer h); /* "found", "nxdomain", ... */
const char *report_status_id(enum report_status s);

#endif
