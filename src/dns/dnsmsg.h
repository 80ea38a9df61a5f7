/*
 * dnsmsg: pure functions over DNS messages, built on udns's packet helpers.
 *
 * Nothing here does I/O or keeps state, so every function can be fed
 * packets built by hand in the unit tests. Names come out
 * in presentation form (dns_dntop: odd bytes as \DDD), which is what the
 * renderers show after escaping for their own context.
 */
#ifndef NSCHECK_DNSMSG_H
#define NSCHECK_DNSMSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <udns.h>

/* One NS record of the answer. */
struct dnsmsg_ns_rr {
	char *name;   /* the name server's host name */
	uint32_t ttl; /* already passed through dnsmsg_ttl() */
};

/* Every NS record for the queried name, in the order of the answer. */
struct dnsmsg_ns {
	char *qname;  /* the name asked for */
	char *owner;  /* the name the records belong to (the end of any CNAME chain) */
	unsigned n;
	struct dnsmsg_ns_rr rr[];
};

/*
 * A dns_parse_fn for NS queries, in udns's two-pass shape: validate and
 * size, one malloc, fill. On success *result is one block the caller frees
 * with free(). Returns 0, DNS_E_PROTOCOL, DNS_E_NODATA or DNS_E_NOMEM.
 */
int dnsmsg_parse_ns(dnscc_t *qdn, dnscc_t *pkt, dnscc_t *cur, dnscc_t *end,
		    void **result);

/*
 * Where the CNAME chain in a reply's answer section leads, starting from
 * the question's name: 1 with the target in out (presentation form), 0 when
 * the question's name is not an alias, -1 when the packet is malformed. A
 * negative answer after a CNAME is about the target (RFC 6604).
 */
int dnsmsg_alias_target(const unsigned char *pkt, size_t len, char *out,
			size_t outlen);

/* The SOA record of a negative reply's authority section (RFC 2308 §3). */
struct dnsmsg_soa {
	char zone[DNS_MAXNAME];  /* owner of the SOA: the enclosing zone */
	uint32_t ttl;
	uint32_t serial;
	uint32_t minimum;
};

/* 1 when found, 0 when the reply has none, -1 when the packet is malformed. */
int dnsmsg_find_soa(const unsigned char *pkt, size_t len,
		    struct dnsmsg_soa *out);

/* RFC 2308 §5: a negative answer lives min(SOA TTL, SOA MINIMUM). */
uint32_t dnsmsg_negative_ttl(const struct dnsmsg_soa *soa);

#define DNSMSG_RD 1u  /* recursion desired */
#define DNSMSG_DO 2u  /* DNSSEC OK (EDNS0): send DNSSEC records too */

/*
 * A query packet for qname (presentation form) and qtype with the given
 * id; flags: DNSMSG_RD, DNSMSG_DO (true for RD alone); udp_size > 512 adds
 * an EDNS0 OPT record, which DO needs. Returns its length, or -1 when the
 * name is invalid or size too small.
 */
int dnsmsg_build_query(unsigned char *out, size_t size, unsigned id,
		       const char *qname, int qtype, unsigned flags,
		       unsigned udp_size);

/* The reply answers the query: same id, QR set, the same question. */
bool dnsmsg_answers(const unsigned char *reply, size_t rlen,
		    const unsigned char *query, size_t qlen);

/* One resource record, as dnsmsg_each_rr() hands it out. */
enum dnsmsg_section { DNSMSG_ANSWER, DNSMSG_AUTHORITY, DNSMSG_ADDITIONAL };
struct dnsmsg_rr {
	enum dnsmsg_section section;
	dnsc_t owner[DNS_MAXDN];  /* wire form, decompressed */
	int type;
	int cls;
	uint32_t ttl;             /* after dnsmsg_ttl() */
	uint32_t raw_ttl;         /* as sent (an OPT record's flags) */
	const unsigned char *rdata;
	size_t rdlen;
};

/*
 * Calls fn for every record of every section, in order. Returns 0, or -1
 * when the packet is malformed (fn may have been called for the records
 * before the damage).
 */
int dnsmsg_each_rr(const unsigned char *pkt, size_t len,
		   void (*fn)(const struct dnsmsg_rr *rr, const unsigned char *pkt,
			      size_t len, void *ctx),
		   void *ctx);

/* The name in an NS or CNAME record's data, in presentation form (the
 * root as "."). -1 when malformed. */
int dnsmsg_rdata_name(const unsigned char *pkt, size_t len,
		      const struct dnsmsg_rr *rr, char *out, size_t outlen);

/* The serial and minimum of an SOA record's data (zone and ttl are not
 * touched). -1 when malformed. */
int dnsmsg_rdata_soa(const unsigned char *pkt, size_t len,
		     const struct dnsmsg_rr *rr, struct dnsmsg_soa *out);

/* RFC 2181 §8: a TTL with the top bit set is treated as zero. */
uint32_t dnsmsg_ttl(uint32_t raw);

/* The rcode of a reply (0-15), or -1 when it is shorter than a header. */
int dnsmsg_rcode(const unsigned char *pkt, size_t len);
/* A DNS rcode by its name: "SERVFAIL", "REFUSED", ... */
const char *dnsmsg_rcode_name(int rcode);

#endif
