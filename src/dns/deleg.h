/*
 * deleg: what one reply to "NAME NS?" (asked with recursion off) says
 * about the delegation of NAME. Pure: a packet in, a struct deleg out
 * (strings in an arena), so it is unit-tested on hand-built packets.
 */
#ifndef NSCHECK_DELEG_H
#define NSCHECK_DELEG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

enum deleg_kind {
	DELEG_REFERRAL,  /* NS records of a zone at or above NAME, not authoritative */
	DELEG_ANSWER,    /* an authoritative answer with NAME's NS records */
	DELEG_NXDOMAIN,  /* authoritative: NAME does not exist */
	DELEG_NODATA,    /* authoritative, with the SOA of a zone at or above
			    NAME: NAME exists, no NS records */
	DELEG_OTHER,     /* anything else: refused, failed, lame, garbage */
};

struct deleg_addr {
	const char *name;
	unsigned char addr[16];
	bool v6;
	uint32_t ttl;
};

struct deleg {
	enum deleg_kind kind;
	int rcode;
	bool aa, tc;
	const char *zone;         /* REFERRAL/ANSWER: the owner of the NS set;
				     NXDOMAIN/NODATA: the owner of the SOA
				     (NULL without one) */
	const char **ns;          /* its NS names, lower case, sorted, unique */
	size_t n_ns;
	uint32_t ttl;             /* of the NS set (the smallest) */
	struct deleg_addr *glue;  /* A/AAAA of those names in the additional data */
	size_t n_glue;
	bool has_soa;             /* an SOA for NAME in the answer section */
	uint32_t serial;
	uint32_t negative_ttl;    /* of that SOA: min(its TTL, MINIMUM) */
};

/* 0, or -1 when the packet is malformed or memory ran out (out->kind is
 * then DELEG_OTHER). qname: the name asked, presentation form. */
int deleg_parse(const unsigned char *pkt, size_t len, const char *qname,
		struct arena *a, struct deleg *out);

/* name equals zone or lies below it (case-insensitive, "." is the root). */
bool deleg_under(const char *name, const char *zone);

/* Lower-case copy of a presentation-form name in a. */
char *deleg_lower(struct arena *a, const char *name);

#endif
