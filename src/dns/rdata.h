/*
 * rdata: a resource record's type, class and data in the presentation
 * form of zone files (RFC 1035 §5 and the RFC of each type), for the
 * drill-down view that shows what a server sent.
 *
 * Pure and total: any bytes come out as some text. Data that does not
 * parse as its type, and types without a form of their own here, are
 * written in RFC 3597's generic form, "\# LENGTH HEX"; so is a name
 * compressed where its type forbids it (SRV, DNAME, RRSIG, NSEC). Names come out in
 * dns_dntop's form (odd bytes as \DDD), character strings quoted with \"
 * \\ and \DDD, so the result is plain ASCII; renderers still escape it.
 */
#ifndef NSCHECK_RDATA_H
#define NSCHECK_RDATA_H

#include <stddef.h>

struct buf;
struct dnsmsg_rr;

/* "NS", "DNSKEY", or "TYPE65280" for one without a name here (RFC 3597). */
void rdata_type(struct buf *out, int type);
/* "IN", "CH", or "CLASS7". */
void rdata_class(struct buf *out, int cls);
/* The record's data; compressed names are read from pkt. A DNSKEY ends
 * with its key tag as a zone-file comment ("; key tag 12345"). */
void rdata_text(struct buf *out, const unsigned char *pkt, size_t len,
		const struct dnsmsg_rr *rr);
/* Standard base64 (RFC 4648 §4), for key and signature data. */
void rdata_base64(struct buf *out, const unsigned char *p, size_t n);
/* A wire-form name, absolute: "ns1.example.", "." for the root; -1,
 * and nothing written, when it cannot be shown. */
int rdata_name(struct buf *out, const unsigned char *dn);

#endif
