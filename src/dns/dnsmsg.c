/*
 * dnsmsg: NS answer parsing and negative-answer SOA extraction (dnsmsg.h).
 */
#include "dns/dnsmsg.h"

#include <stdlib.h>
#include <string.h>

uint32_t dnsmsg_ttl(uint32_t raw)
{
	return raw > 0x7FFFFFFFu ? 0 : raw;
}

int dnsmsg_rcode(const unsigned char *pkt, size_t len)
{
	if (len < DNS_HSIZE)
		return -1;
	return dns_rcode(pkt);
}

const char *dnsmsg_rcode_name(int rcode)
{
	static const char *const names[] = {
		"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
		"YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE",
	};
	if (rcode >= 0 && (size_t)rcode < sizeof names / sizeof names[0])
		return names[rcode];
	return "an unknown rcode";
}

int dnsmsg_parse_ns(dnscc_t *qdn, dnscc_t *pkt, dnscc_t *cur, dnscc_t *end,
		    void **result)
{
	struct dns_parse p;
	struct dns_rr rr;
	dnsc_t dn[DNS_MAXDN];
	size_t names = 0;
	int r;

	/* pass 1: every NS record must hold exactly one valid name */
	dns_initparse(&p, qdn, pkt, cur, end);
	while ((r = dns_nextrr(&p, &rr)) > 0) {
		dnscc_t *d = rr.dnsrr_dptr;
		if (dns_getdn(pkt, &d, end, dn, sizeof dn) <= 0 ||
		    d != rr.dnsrr_dend)
			return DNS_E_PROTOCOL;
		names += dns_dntop_size(dn);
	}
	if (r < 0)
		return DNS_E_PROTOCOL;
	if (p.dnsp_nrr == 0)
		return DNS_E_NODATA;

	size_t count = (size_t)p.dnsp_nrr;
	size_t head = sizeof(struct dnsmsg_ns) + count * sizeof(struct dnsmsg_ns_rr);
	size_t owner = dns_dntop_size(p.dnsp_qdn);
	size_t query = dns_dntop_size(qdn);
	struct dnsmsg_ns *ns = malloc(head + names + owner + query);
	if (!ns)
		return DNS_E_NOMEM;

	/* pass 2: fill; the packet was validated above */
	char *text = (char *)ns + head;
	ns->n = 0;
	dns_rewind(&p, qdn);
	while (dns_nextrr(&p, &rr) > 0) {
		dnscc_t *d = rr.dnsrr_dptr;
		dns_getdn(pkt, &d, end, dn, sizeof dn);
		ns->rr[ns->n].name = text;
		ns->rr[ns->n].ttl = dnsmsg_ttl(rr.dnsrr_ttl);
		text += dns_dntop(dn, text, DNS_MAXNAME);
		ns->n++;
	}
	ns->owner = text;
	text += dns_dntop(p.dnsp_qdn, text, DNS_MAXNAME);
	ns->qname = text;
	dns_dntop(qdn, text, DNS_MAXNAME);
	*result = ns;
	return 0;
}

int dnsmsg_alias_target(const unsigned char *pkt, size_t len, char *out,
			size_t outlen)
{
	dnsc_t qdn[DNS_MAXDN];
	dnscc_t *cur, *end = pkt + len;
	struct dns_parse p;
	struct dns_rr rr;
	int r;

	if (len < DNS_HSIZE || dns_numqd(pkt) != 1)
		return -1;
	cur = dns_payload(pkt);
	if (dns_getdn(pkt, &cur, end, qdn, sizeof qdn) <= 0 || end - cur < 4)
		return -1;
	/* dns_nextrr follows CNAMEs from qdn while looking for the type */
	dns_initparse(&p, qdn, pkt, cur, end);
	while ((r = dns_nextrr(&p, &rr)) > 0)
		;
	if (r < 0)
		return -1;
	if (p.dnsp_qdn == qdn || dns_dnequal(p.dnsp_qdn, qdn))
		return 0;
	return dns_dntop(p.dnsp_qdn, out, (unsigned)outlen) > 0 ? 1 : -1;
}

/* Skips one resource record (or a question when question is set). */
static dnscc_t *skip_rr(dnscc_t *cur, dnscc_t *end, int question)
{
	cur = dns_skipdn(cur, end);
	if (!cur)
		return NULL;
	if (question)
		return end - cur >= 4 ? cur + 4 : NULL;
	if (end - cur < 10)
		return NULL;
	size_t rdlen = dns_get16(cur + 8);
	cur += 10;
	if ((size_t)(end - cur) < rdlen)
		return NULL;
	return cur + rdlen;
}

/* Where the answer section starts, or NULL for a short packet. */
static dnscc_t *after_questions(dnscc_t *pkt, size_t len)
{
	if (len < DNS_HSIZE)
		return NULL;
	dnscc_t *cur = dns_payload(pkt), *end = pkt + len;
	for (unsigned i = 0, n = dns_numqd(pkt); i < n && cur; i++)
		cur = skip_rr(cur, end, 1);
	return cur;
}

static int read_soa(dnscc_t *pkt, dnscc_t *rd, dnscc_t *rdend, dnscc_t *end,
		    struct dnsmsg_soa *out)
{
	dnsc_t dn[DNS_MAXDN];
	dnscc_t *d = rd;

	if (dns_getdn(pkt, &d, end, dn, sizeof dn) <= 0 ||  /* MNAME */
	    dns_getdn(pkt, &d, end, dn, sizeof dn) <= 0 ||  /* RNAME */
	    rdend - d != 20)
		return -1;
	out->serial = dns_get32(d);
	out->minimum = dnsmsg_ttl(dns_get32(d + 16));
	return 1;
}

int dnsmsg_find_soa(const unsigned char *pkt, size_t len,
		    struct dnsmsg_soa *out)
{
	dnscc_t *end = pkt + len;
	dnscc_t *cur;
	dnsc_t dn[DNS_MAXDN];

	if (!(cur = after_questions(pkt, len)))
		return -1;
	for (unsigned i = 0, n = dns_numan(pkt); i < n; i++)
		if (!(cur = skip_rr(cur, end, 0)))
			return -1;
	for (unsigned i = 0, n = dns_numns(pkt); i < n; i++) {
		dnscc_t *rr = cur;
		if (dns_getdn(pkt, &rr, end, dn, sizeof dn) <= 0 || end - rr < 10)
			return -1;
		if (dns_get16(rr) == DNS_T_SOA && dns_get16(rr + 2) == DNS_C_IN) {
			size_t rdlen = dns_get16(rr + 8);
			if ((size_t)(end - rr - 10) < rdlen)
				return -1;
			if (dns_dntop(dn, out->zone, sizeof out->zone) <= 0)
				return -1;
			out->ttl = dnsmsg_ttl(dns_get32(rr + 4));
			return read_soa(pkt, rr + 10, rr + 10 + rdlen, end, out);
		}
		if (!(cur = skip_rr(cur, end, 0)))
			return -1;
	}
	return 0;
}

uint32_t dnsmsg_negative_ttl(const struct dnsmsg_soa *soa)
{
	return soa->ttl < soa->minimum ? soa->ttl : soa->minimum;
}

int dnsmsg_build_query(unsigned char *out, size_t size, unsigned id,
		       const char *qname, int qtype, unsigned flags,
		       unsigned udp_size)
{
	dnsc_t dn[DNS_MAXDN];
	int n = dns_ptodn(qname, 0, dn, sizeof dn, NULL);
	size_t need;

	if (n <= 0)
		return -1;
	need = DNS_HSIZE + (size_t)n + 4 + (udp_size > DNS_MAXPACKET ? 11 : 0);
	if (need > size)
		return -1;
	memset(out, 0, DNS_HSIZE);
	dns_put16(out, id & 0xFFFF);
	out[DNS_H_F1] = flags & DNSMSG_RD ? DNS_HF1_RD : 0;
	out[DNS_H_QDCNT2] = 1;
	unsigned char *p = out + DNS_HSIZE;
	memcpy(p, dn, (size_t)n);
	p = dns_put16(p + n, (unsigned)qtype);
	p = dns_put16(p, DNS_C_IN);
	if (udp_size > DNS_MAXPACKET) {
		/* RFC 6891 OPT: root owner, type, payload size, and in the
		 * TTL's place the DO bit (RFC 3225) or nothing */
		*p++ = 0;
		p = dns_put16(p, DNS_T_OPT);
		p = dns_put16(p, udp_size);
		p = dns_put32(p, flags & DNSMSG_DO ? 0x8000u : 0);
		p = dns_put16(p, 0);
		out[DNS_H_ARCNT2] = 1;
	}
	return (int)(p - out);
}

bool dnsmsg_answers(const unsigned char *reply, size_t rlen,
		    const unsigned char *query, size_t qlen)
{
	dnsc_t a[DNS_MAXDN], b[DNS_MAXDN];
	dnscc_t *rc, *qc;

	if (rlen < DNS_HSIZE || qlen < DNS_HSIZE || !dns_qr(reply) ||
	    dns_qid(reply) != dns_qid(query) || dns_numqd(reply) != 1)
		return false;
	rc = dns_payload(reply);
	qc = dns_payload(query);
	if (dns_getdn(reply, &rc, reply + rlen, a, sizeof a) <= 0 ||
	    dns_getdn(query, &qc, query + qlen, b, sizeof b) <= 0 ||
	    reply + rlen - rc < 4 || query + qlen - qc < 4)
		return false;
	return dns_dnequal(a, b) && memcmp(rc, qc, 4) == 0;
}

int dnsmsg_each_rr(const unsigned char *pkt, size_t len,
		   void (*fn)(const struct dnsmsg_rr *rr, const unsigned char *pkt,
			      size_t len, void *ctx),
		   void *ctx)
{
	dnscc_t *end = pkt + len, *cur;
	struct dnsmsg_rr rr;

	if (!(cur = after_questions(pkt, len)))
		return -1;
	const unsigned counts[3] = { dns_numan(pkt), dns_numns(pkt),
				     dns_numar(pkt) };
	for (int sec = 0; sec < 3; sec++) {
		for (unsigned i = 0; i < counts[sec]; i++) {
			if (dns_getdn(pkt, &cur, end, rr.owner, sizeof rr.owner) <= 0 ||
			    end - cur < 10)
				return -1;
			rr.section = (enum dnsmsg_section)sec;
			rr.type = (int)dns_get16(cur);
			rr.cls = (int)dns_get16(cur + 2);
			rr.raw_ttl = dns_get32(cur + 4);
			rr.ttl = dnsmsg_ttl(rr.raw_ttl);
			rr.rdlen = dns_get16(cur + 8);
			rr.rdata = cur + 10;
			if ((size_t)(end - rr.rdata) < rr.rdlen)
				return -1;
			cur = rr.rdata + rr.rdlen;
			fn(&rr, pkt, len, ctx);
		}
	}
	return 0;
}

int dnsmsg_rdata_name(const unsigned char *pkt, size_t len,
		      const struct dnsmsg_rr *rr, char *out, size_t outlen)
{
	dnsc_t dn[DNS_MAXDN];
	dnscc_t *d = rr->rdata;

	if (dns_getdn(pkt, &d, pkt + len, dn, sizeof dn) <= 0 ||
	    d != rr->rdata + rr->rdlen)
		return -1;
	if (dn[0] == 0) {
		if (outlen < 2)
			return -1;
		memcpy(out, ".", 2);
		return 0;
	}
	return dns_dntop(dn, out, (unsigned)outlen) > 0 ? 0 : -1;
}

int dnsmsg_rdata_soa(const unsigned char *pkt, size_t len,
		     const struct dnsmsg_rr *rr, struct dnsmsg_soa *out)
{
	return read_soa(pkt, rr->rdata, rr->rdata + rr->rdlen, pkt + len, out) == 1 ?
	       0 : -1;
}
