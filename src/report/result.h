/*
 * result: what one NS lookup found, the single value every renderer reads.
 *
 * Produced by lookup (later also by the cache), consumed read-only by the
 * renderers. Strings are raw (DNS names in presentation form); arrays and
 * strings live in the request's arena.
 */
#ifndef NSCHECK_RESULT_H
#define NSCHECK_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum lookup_status {
	LOOKUP_FOUND,     /* NS records came back */
	LOOKUP_NXDOMAIN,  /* the name does not exist */
	LOOKUP_NO_NS,     /* the name exists but has no NS records */
	LOOKUP_SERVFAIL,  /* the resolver failed, refused or sent garbage */
	LOOKUP_TIMEOUT,   /* no answer within the deadline */
	LOOKUP_ERROR,     /* our own failure (out of memory) */
};

enum addr_state {
	ADDR_FOUND,
	ADDR_NONE,       /* the name exists, no address of this family */
	ADDR_NXDOMAIN,   /* the name server's name does not exist */
	ADDR_FAILED,     /* the resolver failed for this name */
	ADDR_TIMEOUT,
	ADDR_SKIPPED,    /* not looked up: more name servers than max_ns */
};

struct ns_addrs {
	enum addr_state state;
	size_t n;
	unsigned char (*addr)[16]; /* IPv4 uses the first 4 bytes */
	uint32_t ttl;
};

struct ns_server {
	const char *name;  /* presentation form, as the answer spelled it */
	uint32_t ttl;
	struct ns_addrs v4, v6;
	const char *alias; /* the CNAME target when the name is an alias */
};

struct ns_result {
	enum lookup_status status;
	const char *qname;      /* the ASCII name asked for */
	const char *owner;      /* whose NS records these are (differs after a CNAME) */
	const char *zone;       /* enclosing zone of a negative answer, or NULL */
	uint32_t negative_ttl;  /* RFC 2308 lifetime, when zone is set */
	const char *failure;    /* what the resolver did, for failure pages */
	char resolver[64];      /* the server that answered, "" if none */
	uint32_t elapsed_ms;
	bool cached;            /* served from the cache ... */
	uint32_t age_s;         /* ... stored this long ago; TTLs are aged */
	bool stale;             /* expired, shown because nscheck was busy */
	uint32_t stale_s;       /* expired this long ago */
	size_t n_ns;
	struct ns_server *ns;   /* sorted by name */
};

/* Seconds the whole answer may be reused: the smallest TTL in it. */
uint32_t result_min_ttl(const struct ns_result *r);

/* A stable identifier for machines: "found", "nxdomain", ... */
const char *lookup_status_id(enum lookup_status s);
const char *addr_state_id(enum addr_state s);

/* Some address lookup failed or timed out: the answer is incomplete and
 * must not be kept long anywhere. */
bool result_partial(const struct ns_result *r);

#endif
