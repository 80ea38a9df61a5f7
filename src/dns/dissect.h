/*
 * dissect: a DNS reply taken apart for people, as the drill-down view
 * shows it: header and flags, the question, the EDNS pseudo-record, and
 * every record of every section in zone-file form (rdata.h).
 *
 * Pure: packet in, strings in an arena out. A packet damaged part way
 * keeps what was read before the damage, and says where it stopped.
 */
#ifndef NSCHECK_DISSECT_H
#define NSCHECK_DISSECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dns/dnsmsg.h"

struct arena;
struct buf;

struct dissect_rr {
	enum dnsmsg_section section;
	const char *owner;   /* absolute: "two.test." */
	uint32_t ttl;        /* as sent */
	const char *cls;     /* "IN" */
	const char *type;    /* "NS" */
	const char *data;    /* rdata_text() */
};

struct dissect {
	const char *damage;  /* NULL, or what could not be read */
	unsigned id;
	unsigned opcode;
	int rcode;           /* with EDNS's upper bits (RFC 6891 §6.1.3) */
	const char *flags;   /* "qr aa rd", in header order */
	unsigned count[4];   /* QDCOUNT ANCOUNT NSCOUNT ARCOUNT as sent */
	const char *qname;   /* the first question, or NULL */
	const char *qtype;
	bool edns;
	unsigned edns_version;
	unsigned udp_size;
	bool dnssec_ok;
	unsigned edns_options;
	struct dissect_rr *rr;  /* the OPT record not among them */
	size_t n_rr;
};

/* 0, or -1 when pkt is shorter than a header (out says so in damage). */
int dissect_message(struct arena *a, const unsigned char *pkt, size_t len,
		    struct dissect *out);

/* "NOERROR", "BADVERS", or "RCODE23". */
void dissect_rcode(struct buf *out, int rcode);
/* "answer", "authority", "additional". */
const char *dissect_section_id(enum dnsmsg_section s);

#endif
