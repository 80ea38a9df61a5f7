/*
 * Unit tests of dnsmsg: DNS replies are built byte by byte with a small
 * packet builder (header, question, records, compression pointers), so
 * malformed packets (pointer loops, pointers past the end, wrong RDATA
 * lengths, truncation) are as easy to make as good ones.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns/dnsmsg.h"
#include "suites.h"
#include "wire.h"

/* --- packet builder ------------------------------------------------- */

static void put_header(struct pkt *p, unsigned rcode, unsigned qd,
		       unsigned an, unsigned ns, unsigned ar)
{
	memset(p, 0, sizeof *p);
	pkt_u16(p, 0x1234);            /* id */
	pkt_u16(p, 0x8180 | rcode);    /* QR RD RA */
	pkt_u16(p, qd);
	pkt_u16(p, an);
	pkt_u16(p, ns);
	pkt_u16(p, ar);
}

/* The question; its name starts at offset 12 (DNS_HSIZE). */
static void put_question(struct pkt *p, const char *qname, unsigned qtype)
{
	pkt_name(p, qname);
	p->qname_end = p->n;
	pkt_u16(p, qtype);
	pkt_u16(p, DNS_C_IN);
	p->qend = p->n;
}

/* Type, class, TTL and a placeholder RDLENGTH; the owner is already
 * written. Returns where RDLENGTH goes, for pkt_rdlen_end(). */
static size_t rr_begin(struct pkt *p, unsigned type, unsigned cls, uint32_t ttl)
{
	pkt_u16(p, type);
	pkt_u16(p, cls);
	pkt_u32(p, ttl);
	return pkt_rdlen_begin(p);
}


/* An NS record owned by the question name (a pointer to offset 12). */
static void put_ns(struct pkt *p, const char *target, uint32_t ttl)
{
	pkt_ptr(p, DNS_HSIZE);
	size_t at = rr_begin(p, DNS_T_NS, DNS_C_IN, ttl);
	pkt_name(p, target);
	pkt_rdlen_end(p, at, 0);
}

/*
 * Calls the parser the way udns does (udns_resolver.c, dns_ioevent): cur
 * points just past the question's name, at its QTYPE; dns_initparse()
 * reads type and class there and starts at the answer section.
 */
static int parse_as(const struct pkt *p, const char *qname,
		    struct dnsmsg_ns **out)
{
	dnsc_t qdn[DNS_MAXDN];
	void *result = NULL;

	ck_assert_int_gt(dns_sptodn(qname, qdn, sizeof qdn), 0);
	int r = dnsmsg_parse_ns(qdn, p->b, p->b + p->qname_end, p->b + p->n,
				&result);
	*out = result;
	if (r != 0)
		ck_assert_ptr_null(result);
	return r;
}

/* --- dnsmsg_parse_ns ------------------------------------------------ */

START_TEST(test_two_ns)
{
	struct pkt p;
	struct dnsmsg_ns *ns;

	put_header(&p, 0, 1, 2, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	put_ns(&p, "ns1.example.net", 3600);
	put_ns(&p, "ns2.example.org", 7200);
	ck_assert_int_eq(parse_as(&p, "example.com", &ns), 0);
	ck_assert_uint_eq(ns->n, 2);
	ck_assert_str_eq(ns->rr[0].name, "ns1.example.net");
	ck_assert_uint_eq(ns->rr[0].ttl, 3600);
	ck_assert_str_eq(ns->rr[1].name, "ns2.example.org");
	ck_assert_uint_eq(ns->rr[1].ttl, 7200);
	ck_assert_str_eq(ns->qname, "example.com");
	ck_assert_str_eq(ns->owner, "example.com");
	free(ns);
}
END_TEST

START_TEST(test_compression)
{
	struct pkt p;
	struct dnsmsg_ns *ns;

	put_header(&p, 0, 1, 3, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	/* "ns1" + pointer into the question */
	pkt_ptr(&p, DNS_HSIZE);
	size_t at = rr_begin(&p, DNS_T_NS, DNS_C_IN, 300);
	size_t rdata1 = p.n;
	pkt_labels(&p, "ns1");
	pkt_ptr(&p, DNS_HSIZE);
	pkt_rdlen_end(&p, at, 0);
	/* "ns2" + pointer to the pointer inside the first RDATA */
	pkt_ptr(&p, DNS_HSIZE);
	at = rr_begin(&p, DNS_T_NS, DNS_C_IN, 300);
	pkt_labels(&p, "ns2");
	pkt_ptr(&p, rdata1 + 4);
	pkt_rdlen_end(&p, at, 0);
	/* "x" + pointer to the start of the first RDATA */
	pkt_ptr(&p, DNS_HSIZE);
	at = rr_begin(&p, DNS_T_NS, DNS_C_IN, 300);
	pkt_labels(&p, "x");
	pkt_ptr(&p, rdata1);
	pkt_rdlen_end(&p, at, 0);

	ck_assert_int_eq(parse_as(&p, "example.com", &ns), 0);
	ck_assert_uint_eq(ns->n, 3);
	ck_assert_str_eq(ns->rr[0].name, "ns1.example.com");
	ck_assert_str_eq(ns->rr[1].name, "ns2.example.com");
	ck_assert_str_eq(ns->rr[2].name, "x.ns1.example.com");
	free(ns);
}
END_TEST

START_TEST(test_ttls)
{
	static const uint32_t raw[] = { 0, 1, 0x7FFFFFFFu, 0x80000000u,
					0xFFFFFFFFu };
	static const uint32_t want[] = { 0, 1, 0x7FFFFFFFu, 0, 0 };
	struct pkt p;
	struct dnsmsg_ns *ns;

	put_header(&p, 0, 1, 5, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	for (int i = 0; i < 5; i++) {
		char name[32];
		snprintf(name, sizeof name, "ns%d.example.com", i);
		put_ns(&p, name, raw[i]);
	}
	ck_assert_int_eq(parse_as(&p, "example.com", &ns), 0);
	ck_assert_uint_eq(ns->n, 5);
	for (int i = 0; i < 5; i++)
		ck_assert_uint_eq(ns->rr[i].ttl, want[i]);
	free(ns);
}
END_TEST

START_TEST(test_thirteen_in_answer_order)
{
	struct pkt p;
	struct dnsmsg_ns *ns;
	char name[32];

	put_header(&p, 0, 1, 13, 0, 0);
	put_question(&p, "", DNS_T_NS);
	/* m..a: the parser must keep this order, not sort */
	for (int i = 12; i >= 0; i--) {
		snprintf(name, sizeof name, "%c.root-servers.net", 'a' + i);
		put_ns(&p, name, 518400);
	}
	ck_assert_int_eq(parse_as(&p, ".", &ns), 0);
	ck_assert_uint_eq(ns->n, 13);
	for (int i = 0; i < 13; i++) {
		snprintf(name, sizeof name, "%c.root-servers.net", 'a' + 12 - i);
		ck_assert_str_eq(ns->rr[i].name, name);
		ck_assert_uint_eq(ns->rr[i].ttl, 518400);
	}
	free(ns);
}
END_TEST

START_TEST(test_cname_then_ns)
{
	struct pkt p;
	struct dnsmsg_ns *ns;

	put_header(&p, 0, 1, 3, 0, 0);
	put_question(&p, "www.example.com", DNS_T_NS);
	pkt_ptr(&p, DNS_HSIZE);
	size_t at = rr_begin(&p, DNS_T_CNAME, DNS_C_IN, 600);
	size_t target = p.n;
	pkt_name(&p, "alias.example.net");
	pkt_rdlen_end(&p, at, 0);
	for (int i = 1; i <= 2; i++) {
		char name[32];
		snprintf(name, sizeof name, "ns%d.example.net", i);
		pkt_ptr(&p, target); /* owner: the CNAME's target */
		at = rr_begin(&p, DNS_T_NS, DNS_C_IN, 1800);
		pkt_name(&p, name);
		pkt_rdlen_end(&p, at, 0);
	}
	ck_assert_int_eq(parse_as(&p, "www.example.com", &ns), 0);
	ck_assert_uint_eq(ns->n, 2);
	ck_assert_str_eq(ns->qname, "www.example.com");
	ck_assert_str_eq(ns->owner, "alias.example.net");
	ck_assert_str_eq(ns->rr[0].name, "ns1.example.net");
	ck_assert_str_eq(ns->rr[1].name, "ns2.example.net");
	free(ns);
}
END_TEST

START_TEST(test_cname_chain_of_two)
{
	struct pkt p;
	struct dnsmsg_ns *ns;

	put_header(&p, 0, 1, 3, 0, 0);
	put_question(&p, "www.example.com", DNS_T_NS);
	pkt_ptr(&p, DNS_HSIZE);
	size_t at = rr_begin(&p, DNS_T_CNAME, DNS_C_IN, 600);
	pkt_name(&p, "a.example.net");
	pkt_rdlen_end(&p, at, 0);
	pkt_name(&p, "a.example.net");
	at = rr_begin(&p, DNS_T_CNAME, DNS_C_IN, 600);
	pkt_name(&p, "b.example.org");
	pkt_rdlen_end(&p, at, 0);
	pkt_name(&p, "b.example.org");
	at = rr_begin(&p, DNS_T_NS, DNS_C_IN, 600);
	pkt_name(&p, "ns.example.org");
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(parse_as(&p, "www.example.com", &ns), 0);
	ck_assert_uint_eq(ns->n, 1);
	ck_assert_str_eq(ns->owner, "b.example.org");
	ck_assert_str_eq(ns->qname, "www.example.com");
	ck_assert_str_eq(ns->rr[0].name, "ns.example.org");
	free(ns);
}
END_TEST

START_TEST(test_only_cname)
{
	struct pkt p;
	struct dnsmsg_ns *ns;

	put_header(&p, 0, 1, 1, 0, 0);
	put_question(&p, "www.example.com", DNS_T_NS);
	pkt_ptr(&p, DNS_HSIZE);
	size_t at = rr_begin(&p, DNS_T_CNAME, DNS_C_IN, 600);
	pkt_name(&p, "alias.example.net");
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(parse_as(&p, "www.example.com", &ns), DNS_E_NODATA);
}
END_TEST

START_TEST(test_empty_answer)
{
	struct pkt p;
	struct dnsmsg_ns *ns;

	put_header(&p, 0, 1, 0, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	ck_assert_int_eq(parse_as(&p, "example.com", &ns), DNS_E_NODATA);
}
END_TEST

/* NS records in the authority section are a referral, not an answer. */
START_TEST(test_ns_in_authority_only)
{
	struct pkt p;
	struct dnsmsg_ns *ns;

	put_header(&p, 0, 1, 0, 1, 0);
	put_question(&p, "example.com", DNS_T_NS);
	put_ns(&p, "ns1.example.net", 3600);
	ck_assert_int_eq(parse_as(&p, "example.com", &ns), DNS_E_NODATA);
}
END_TEST

START_TEST(test_other_owner_ignored)
{
	struct pkt p;
	struct dnsmsg_ns *ns;

	put_header(&p, 0, 1, 4, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	pkt_name(&p, "other.example");
	size_t at = rr_begin(&p, DNS_T_NS, DNS_C_IN, 60);
	pkt_name(&p, "ns.other.example");
	pkt_rdlen_end(&p, at, 0);
	put_ns(&p, "ns1.example.com", 60);
	pkt_name(&p, "www.example.com");
	at = rr_begin(&p, DNS_T_NS, DNS_C_IN, 60);
	pkt_name(&p, "ns.www.example.com");
	pkt_rdlen_end(&p, at, 0);
	/* an A record of the right owner is not an NS record either */
	pkt_ptr(&p, DNS_HSIZE);
	at = rr_begin(&p, DNS_T_A, DNS_C_IN, 60);
	pkt_u32(&p, 0xC0000201);
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(parse_as(&p, "example.com", &ns), 0);
	ck_assert_uint_eq(ns->n, 1);
	ck_assert_str_eq(ns->rr[0].name, "ns1.example.com");
	free(ns);

	/* and with only other owners there is no data */
	put_header(&p, 0, 1, 1, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	pkt_name(&p, "other.example");
	at = rr_begin(&p, DNS_T_NS, DNS_C_IN, 60);
	pkt_name(&p, "ns.other.example");
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(parse_as(&p, "example.com", &ns), DNS_E_NODATA);
}
END_TEST

START_TEST(test_owner_case_insensitive)
{
	struct pkt p;
	struct dnsmsg_ns *ns;

	put_header(&p, 0, 1, 1, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	pkt_name(&p, "EXAMPLE.Com");
	size_t at = rr_begin(&p, DNS_T_NS, DNS_C_IN, 60);
	pkt_name(&p, "NS1.Example.net");
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(parse_as(&p, "example.com", &ns), 0);
	ck_assert_uint_eq(ns->n, 1);
	ck_assert_str_eq(ns->rr[0].name, "NS1.Example.net"); /* as spelled */
	free(ns);
}
END_TEST

START_TEST(test_odd_bytes_in_name)
{
	struct pkt p;
	struct dnsmsg_ns *ns;

	put_header(&p, 0, 1, 1, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	pkt_ptr(&p, DNS_HSIZE);
	size_t at = rr_begin(&p, DNS_T_NS, DNS_C_IN, 60);
	/* one label "a.b<\x01>" then example.com */
	pkt_u8(&p, 5);
	pkt_u8(&p, 'a');
	pkt_u8(&p, '.');
	pkt_u8(&p, 'b');
	pkt_u8(&p, '<');
	pkt_u8(&p, 1);
	pkt_ptr(&p, DNS_HSIZE);
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(parse_as(&p, "example.com", &ns), 0);
	/* presentation form: the dot and the control byte escaped */
	ck_assert_str_eq(ns->rr[0].name, "a\\.b<\\001.example.com");
	free(ns);
}
END_TEST

START_TEST(test_pointer_loop)
{
	struct pkt p;
	struct dnsmsg_ns *ns;

	/* RDATA is a pointer to itself */
	put_header(&p, 0, 1, 1, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	pkt_ptr(&p, DNS_HSIZE);
	size_t at = rr_begin(&p, DNS_T_NS, DNS_C_IN, 60);
	pkt_ptr(&p, p.n);
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(parse_as(&p, "example.com", &ns), DNS_E_PROTOCOL);

	/* two labels pointing at each other */
	put_header(&p, 0, 1, 1, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	pkt_ptr(&p, DNS_HSIZE);
	at = rr_begin(&p, DNS_T_NS, DNS_C_IN, 60);
	size_t a = p.n;
	pkt_labels(&p, "x");
	pkt_ptr(&p, a + 4);
	pkt_labels(&p, "y");
	pkt_ptr(&p, a);
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(parse_as(&p, "example.com", &ns), DNS_E_PROTOCOL);

	/* the owner name of the record loops */
	put_header(&p, 0, 1, 1, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	pkt_ptr(&p, p.n);
	at = rr_begin(&p, DNS_T_NS, DNS_C_IN, 60);
	pkt_name(&p, "ns1.example.com");
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(parse_as(&p, "example.com", &ns), DNS_E_PROTOCOL);
}
END_TEST

START_TEST(test_pointer_past_end)
{
	struct pkt p;
	struct dnsmsg_ns *ns;

	put_header(&p, 0, 1, 1, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	pkt_ptr(&p, DNS_HSIZE);
	size_t at = rr_begin(&p, DNS_T_NS, DNS_C_IN, 60);
	pkt_labels(&p, "ns1");
	pkt_ptr(&p, 0x3FFF);
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(parse_as(&p, "example.com", &ns), DNS_E_PROTOCOL);

	/* exactly one past the last byte */
	put_header(&p, 0, 1, 1, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	pkt_ptr(&p, DNS_HSIZE);
	at = rr_begin(&p, DNS_T_NS, DNS_C_IN, 60);
	pkt_ptr(&p, p.n + 2);
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(parse_as(&p, "example.com", &ns), DNS_E_PROTOCOL);

	/* in the owner name */
	put_header(&p, 0, 1, 1, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	pkt_ptr(&p, 0x3FFF);
	at = rr_begin(&p, DNS_T_NS, DNS_C_IN, 60);
	pkt_name(&p, "ns1.example.com");
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(parse_as(&p, "example.com", &ns), DNS_E_PROTOCOL);
}
END_TEST

START_TEST(test_rdlength_mismatch)
{
	struct pkt p;
	struct dnsmsg_ns *ns;

	/* RDLENGTH longer than the name: trailing bytes in the RDATA */
	put_header(&p, 0, 1, 1, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	pkt_ptr(&p, DNS_HSIZE);
	size_t at = rr_begin(&p, DNS_T_NS, DNS_C_IN, 60);
	pkt_name(&p, "ns1.example.com");
	pkt_u16(&p, 0xABCD);
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(parse_as(&p, "example.com", &ns), DNS_E_PROTOCOL);

	/* RDLENGTH shorter than the name */
	put_header(&p, 0, 1, 1, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	pkt_ptr(&p, DNS_HSIZE);
	at = rr_begin(&p, DNS_T_NS, DNS_C_IN, 60);
	pkt_name(&p, "ns1.example.com");
	pkt_rdlen_end(&p, at, -5);
	ck_assert_int_eq(parse_as(&p, "example.com", &ns), DNS_E_PROTOCOL);

	/* a bad record after a good one spoils the whole answer */
	put_header(&p, 0, 1, 2, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	put_ns(&p, "ns1.example.com", 60);
	pkt_ptr(&p, DNS_HSIZE);
	at = rr_begin(&p, DNS_T_NS, DNS_C_IN, 60);
	pkt_name(&p, "ns2.example.com");
	pkt_u8(&p, 0);
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(parse_as(&p, "example.com", &ns), DNS_E_PROTOCOL);
}
END_TEST

START_TEST(test_truncated)
{
	struct pkt p;
	struct dnsmsg_ns *ns;

	/* the header promises two records, the packet holds one */
	put_header(&p, 0, 1, 2, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	put_ns(&p, "ns1.example.com", 60);
	ck_assert_int_eq(parse_as(&p, "example.com", &ns), DNS_E_PROTOCOL);

	/* cut inside the RDATA */
	put_header(&p, 0, 1, 1, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	put_ns(&p, "ns1.example.com", 60);
	p.n -= 4;
	ck_assert_int_eq(parse_as(&p, "example.com", &ns), DNS_E_PROTOCOL);

	/* cut inside the fixed part of the record */
	put_header(&p, 0, 1, 1, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	pkt_ptr(&p, DNS_HSIZE);
	pkt_u16(&p, DNS_T_NS);
	pkt_u16(&p, DNS_C_IN);
	ck_assert_int_eq(parse_as(&p, "example.com", &ns), DNS_E_PROTOCOL);
}
END_TEST

/* --- dnsmsg_find_soa ------------------------------------------------ */

/* SOA RDATA: MNAME and RNAME under the name at zone_off, five numbers. */
static void put_soa_rdata(struct pkt *p, size_t zone_off, uint32_t serial,
			  uint32_t minimum)
{
	pkt_labels(p, "ns1");
	pkt_ptr(p, zone_off);
	pkt_labels(p, "hostmaster");
	pkt_ptr(p, zone_off);
	pkt_u32(p, serial);
	pkt_u32(p, 7200);     /* refresh */
	pkt_u32(p, 3600);     /* retry */
	pkt_u32(p, 1209600);  /* expire */
	pkt_u32(p, minimum);
}

/* NXDOMAIN for nope.example.com with the SOA of example.com. */
static void nxdomain_reply(struct pkt *p, uint32_t ttl, uint32_t minimum)
{
	put_header(p, DNS_R_NXDOMAIN, 1, 0, 1, 0);
	put_question(p, "nope.example.com", DNS_T_NS);
	size_t zone = DNS_HSIZE + 5; /* "example.com" inside the question */
	pkt_ptr(p, zone);
	size_t at = rr_begin(p, DNS_T_SOA, DNS_C_IN, ttl);
	put_soa_rdata(p, zone, 2024010101u, minimum);
	pkt_rdlen_end(p, at, 0);
}

START_TEST(test_soa_nxdomain)
{
	struct pkt p;
	struct dnsmsg_soa soa;

	nxdomain_reply(&p, 3600, 300);
	memset(&soa, 0xFF, sizeof soa);
	ck_assert_int_eq(dnsmsg_find_soa(p.b, p.n, &soa), 1);
	ck_assert_str_eq(soa.zone, "example.com");
	ck_assert_uint_eq(soa.ttl, 3600);
	ck_assert_uint_eq(soa.serial, 2024010101u);
	ck_assert_uint_eq(soa.minimum, 300);
	ck_assert_uint_eq(dnsmsg_negative_ttl(&soa), 300);
	ck_assert_int_eq(dnsmsg_rcode(p.b, p.n), DNS_R_NXDOMAIN);
}
END_TEST

START_TEST(test_soa_nodata)
{
	struct pkt p;
	struct dnsmsg_soa soa;

	/* NODATA after a CNAME: an answer record, then NS and SOA in authority */
	put_header(&p, 0, 1, 1, 2, 0);
	put_question(&p, "www.example.com", DNS_T_NS);
	pkt_ptr(&p, DNS_HSIZE);
	size_t at = rr_begin(&p, DNS_T_CNAME, DNS_C_IN, 600);
	size_t target = p.n;
	pkt_name(&p, "web.example.org");
	pkt_rdlen_end(&p, at, 0);
	pkt_ptr(&p, target + 4); /* example.org */
	at = rr_begin(&p, DNS_T_NS, DNS_C_IN, 600);
	pkt_name(&p, "ns.example.org");
	pkt_rdlen_end(&p, at, 0);
	pkt_ptr(&p, target + 4);
	at = rr_begin(&p, DNS_T_SOA, DNS_C_IN, 60);
	put_soa_rdata(&p, target + 4, 7, 300);
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(dnsmsg_find_soa(p.b, p.n, &soa), 1);
	ck_assert_str_eq(soa.zone, "example.org");
	ck_assert_uint_eq(soa.ttl, 60);
	ck_assert_uint_eq(soa.serial, 7);
	ck_assert_uint_eq(soa.minimum, 300);
	ck_assert_uint_eq(dnsmsg_negative_ttl(&soa), 60);
	ck_assert_int_eq(dnsmsg_rcode(p.b, p.n), 0);
}
END_TEST

START_TEST(test_soa_absent)
{
	struct pkt p;
	struct dnsmsg_soa soa;

	put_header(&p, DNS_R_NXDOMAIN, 1, 0, 0, 0);
	put_question(&p, "nope.example.com", DNS_T_NS);
	ck_assert_int_eq(dnsmsg_find_soa(p.b, p.n, &soa), 0);

	/* authority holds only NS records */
	put_header(&p, 0, 1, 0, 1, 0);
	put_question(&p, "example.com", DNS_T_NS);
	put_ns(&p, "ns1.example.com", 60);
	ck_assert_int_eq(dnsmsg_find_soa(p.b, p.n, &soa), 0);

	/* an SOA of another class does not count */
	put_header(&p, DNS_R_NXDOMAIN, 1, 0, 1, 0);
	put_question(&p, "nope.example.com", DNS_T_NS);
	pkt_ptr(&p, DNS_HSIZE + 5);
	size_t at = rr_begin(&p, DNS_T_SOA, DNS_C_CH, 60);
	put_soa_rdata(&p, DNS_HSIZE + 5, 1, 60);
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(dnsmsg_find_soa(p.b, p.n, &soa), 0);

	/* an SOA in the answer section is not the negative answer's SOA */
	put_header(&p, 0, 1, 1, 0, 0);
	put_question(&p, "example.com", DNS_T_SOA);
	pkt_ptr(&p, DNS_HSIZE);
	at = rr_begin(&p, DNS_T_SOA, DNS_C_IN, 60);
	put_soa_rdata(&p, DNS_HSIZE, 1, 60);
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(dnsmsg_find_soa(p.b, p.n, &soa), 0);
}
END_TEST

START_TEST(test_soa_truncated)
{
	struct pkt p;
	struct dnsmsg_soa soa;

	nxdomain_reply(&p, 3600, 300);
	size_t full = p.n;
	ck_assert_int_eq(dnsmsg_find_soa(p.b, full - 1, &soa), -1);
	ck_assert_int_eq(dnsmsg_find_soa(p.b, full - 10, &soa), -1);
	ck_assert_int_eq(dnsmsg_find_soa(p.b, p.qend - 1, &soa), -1);
	ck_assert_int_eq(dnsmsg_find_soa(p.b, DNS_HSIZE - 1, &soa), -1);
	ck_assert_int_eq(dnsmsg_find_soa(p.b, 0, &soa), -1);
}
END_TEST

START_TEST(test_soa_bad_rdata)
{
	struct pkt p;
	struct dnsmsg_soa soa;

	/* one byte too many in the RDATA */
	put_header(&p, DNS_R_NXDOMAIN, 1, 0, 1, 0);
	put_question(&p, "nope.example.com", DNS_T_NS);
	pkt_ptr(&p, DNS_HSIZE + 5);
	size_t at = rr_begin(&p, DNS_T_SOA, DNS_C_IN, 60);
	put_soa_rdata(&p, DNS_HSIZE + 5, 1, 60);
	pkt_u8(&p, 0);
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(dnsmsg_find_soa(p.b, p.n, &soa), -1);

	/* a looping MNAME */
	put_header(&p, DNS_R_NXDOMAIN, 1, 0, 1, 0);
	put_question(&p, "nope.example.com", DNS_T_NS);
	pkt_ptr(&p, DNS_HSIZE + 5);
	at = rr_begin(&p, DNS_T_SOA, DNS_C_IN, 60);
	pkt_ptr(&p, p.n);
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(dnsmsg_find_soa(p.b, p.n, &soa), -1);
}
END_TEST

START_TEST(test_soa_ttl_top_bit)
{
	struct pkt p;
	struct dnsmsg_soa soa;

	nxdomain_reply(&p, 0x80000000u, 0xFFFFFFFFu);
	ck_assert_int_eq(dnsmsg_find_soa(p.b, p.n, &soa), 1);
	ck_assert_uint_eq(soa.ttl, 0);
	ck_assert_uint_eq(soa.minimum, 0);
	ck_assert_uint_eq(dnsmsg_negative_ttl(&soa), 0);
}
END_TEST

START_TEST(test_negative_ttl)
{
	struct dnsmsg_soa soa = { .ttl = 100, .minimum = 50 };

	ck_assert_uint_eq(dnsmsg_negative_ttl(&soa), 50);
	soa.ttl = 50;
	soa.minimum = 100;
	ck_assert_uint_eq(dnsmsg_negative_ttl(&soa), 50);
	soa.ttl = 0;
	ck_assert_uint_eq(dnsmsg_negative_ttl(&soa), 0);
	soa.ttl = 86400;
	soa.minimum = 86400;
	ck_assert_uint_eq(dnsmsg_negative_ttl(&soa), 86400);
}
END_TEST

START_TEST(test_ttl_and_rcode)
{
	unsigned char h[DNS_HSIZE] = { 0x12, 0x34, 0x81, 0x82 };

	ck_assert_uint_eq(dnsmsg_ttl(0), 0);
	ck_assert_uint_eq(dnsmsg_ttl(3600), 3600);
	ck_assert_uint_eq(dnsmsg_ttl(0x7FFFFFFFu), 0x7FFFFFFFu);
	ck_assert_uint_eq(dnsmsg_ttl(0x80000000u), 0);
	ck_assert_uint_eq(dnsmsg_ttl(0xFFFFFFFFu), 0);
	ck_assert_int_eq(dnsmsg_rcode(h, sizeof h), DNS_R_SERVFAIL);
	ck_assert_int_eq(dnsmsg_rcode(h, sizeof h - 1), -1);
	h[3] = 0x85;
	ck_assert_int_eq(dnsmsg_rcode(h, sizeof h), DNS_R_REFUSED);
}
END_TEST

/* Names for 0-10 (RFC 1035, RFC 2136), words for anything else. */
START_TEST(test_rcode_name)
{
	ck_assert_str_eq(dnsmsg_rcode_name(0), "NOERROR");
	ck_assert_str_eq(dnsmsg_rcode_name(DNS_R_SERVFAIL), "SERVFAIL");
	ck_assert_str_eq(dnsmsg_rcode_name(DNS_R_REFUSED), "REFUSED");
	ck_assert_str_eq(dnsmsg_rcode_name(10), "NOTZONE");
	ck_assert_str_eq(dnsmsg_rcode_name(11), "an unknown rcode");
	ck_assert_str_eq(dnsmsg_rcode_name(-1), "an unknown rcode");
}
END_TEST

Suite *dnsmsg_suite(void)
{
	Suite *s = suite_create("dnsmsg");
	TCase *tc = tcase_create("parse_ns");

	tcase_add_test(tc, test_two_ns);
	tcase_add_test(tc, test_compression);
	tcase_add_test(tc, test_ttls);
	tcase_add_test(tc, test_thirteen_in_answer_order);
	tcase_add_test(tc, test_cname_then_ns);
	tcase_add_test(tc, test_cname_chain_of_two);
	tcase_add_test(tc, test_only_cname);
	tcase_add_test(tc, test_empty_answer);
	tcase_add_test(tc, test_ns_in_authority_only);
	tcase_add_test(tc, test_other_owner_ignored);
	tcase_add_test(tc, test_owner_case_insensitive);
	tcase_add_test(tc, test_odd_bytes_in_name);
	tcase_add_test(tc, test_pointer_loop);
	tcase_add_test(tc, test_pointer_past_end);
	tcase_add_test(tc, test_rdlength_mismatch);
	tcase_add_test(tc, test_truncated);
	suite_add_tcase(s, tc);

	tc = tcase_create("soa");
	tcase_add_test(tc, test_soa_nxdomain);
	tcase_add_test(tc, test_soa_nodata);
	tcase_add_test(tc, test_soa_absent);
	tcase_add_test(tc, test_soa_truncated);
	tcase_add_test(tc, test_soa_bad_rdata);
	tcase_add_test(tc, test_soa_ttl_top_bit);
	tcase_add_test(tc, test_negative_ttl);
	tcase_add_test(tc, test_ttl_and_rcode);
	tcase_add_test(tc, test_rcode_name);
	suite_add_tcase(s, tc);
	return s;
}
