/*
 * Unit tests of deleg: replies to "NAME NS?" asked with recursion off,
 * built byte by byte (the packet writer of wire.h, with the AA
 * and TC bits and records of any owner), classified as referral, answer,
 * NXDOMAIN, no data or other; malformed replies refused; deleg_under()
 * and deleg_lower(). Packets are parsed from copies of exactly their
 * length, so the sanitizer build catches any read past the end.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "dns/deleg.h"
#include "dns/dnsmsg.h"
#include "suites.h"
#include "wire.h"

/* --- packet builder ------------------------------------------------- */

#define F_AA 0x04 /* header byte 2 */
#define F_TC 0x02
#define QNAME_AT DNS_HSIZE

/* A reply header without RD (the question was non-recursive). */
static void put_header(struct pkt *p, unsigned flags, unsigned rcode,
		       unsigned an, unsigned ns, unsigned ar)
{
	memset(p, 0, sizeof *p);
	pkt_u16(p, 0x1234);
	pkt_u8(p, 0x80 | flags);  /* QR, AA, TC */
	pkt_u8(p, rcode);
	pkt_u16(p, 1);
	pkt_u16(p, an);
	pkt_u16(p, ns);
	pkt_u16(p, ar);
}

/* The question; its name starts at QNAME_AT. */
static void put_question(struct pkt *p, const char *qname, unsigned qtype)
{
	pkt_name(p, qname);
	pkt_u16(p, qtype);
	pkt_u16(p, DNS_C_IN);
}

/* Owner (NULL: a pointer to the question's name), type, class, TTL and a
 * placeholder RDLENGTH. Returns where RDLENGTH goes, for pkt_rdlen_end(). */
static size_t rr_begin(struct pkt *p, const char *owner, unsigned type,
		       uint32_t ttl)
{
	if (owner)
		pkt_name(p, owner);
	else
		pkt_ptr(p, QNAME_AT);
	pkt_u16(p, type);
	pkt_u16(p, DNS_C_IN);
	pkt_u32(p, ttl);
	return pkt_rdlen_begin(p);
}


static void put_ns(struct pkt *p, const char *owner, const char *target,
		   uint32_t ttl)
{
	size_t at = rr_begin(p, owner, DNS_T_NS, ttl);
	pkt_name(p, target);
	pkt_rdlen_end(p, at, 0);
}

/* An A or AAAA record, by the family of the address text. */
static void put_addr(struct pkt *p, const char *owner, const char *text,
		     uint32_t ttl)
{
	unsigned char a[16];
	bool v6 = strchr(text, ':') != NULL;

	ck_assert_int_eq(inet_pton(v6 ? AF_INET6 : AF_INET, text, a), 1);
	size_t at = rr_begin(p, owner, v6 ? DNS_T_AAAA : DNS_T_A, ttl);
	for (size_t i = 0; i < (v6 ? 16u : 4u); i++)
		pkt_u8(p, a[i]);
	pkt_rdlen_end(p, at, 0);
}

static void put_soa(struct pkt *p, const char *owner, uint32_t serial)
{
	size_t at = rr_begin(p, owner, DNS_T_SOA, 3600);
	pkt_name(p, "ns1.example.com");
	pkt_name(p, "hostmaster.example.com");
	pkt_u32(p, serial);
	pkt_u32(p, 7200);
	pkt_u32(p, 3600);
	pkt_u32(p, 1209600);
	pkt_u32(p, 300);
	pkt_rdlen_end(p, at, 0);
}

/* --- running the parser --------------------------------------------- */

static struct arena *arena;

static void setup(void)
{
	arena = arena_new(1 << 20);
	ck_assert_ptr_nonnull(arena);
}

static void teardown(void)
{
	arena_free(arena);
}

/* deleg_parse on a private copy of exactly len bytes. */
static int parse_len(const struct pkt *p, size_t len, const char *qname,
		     struct deleg *out)
{
	unsigned char *copy = malloc(len ? len : 1);
	int rc;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, p->b, len);
	memset(out, 0x5A, sizeof *out);
	rc = deleg_parse(copy, len, qname, arena, out);
	free(copy);
	ck_assert(rc == 0 || rc == -1);
	if (rc < 0)
		ck_assert_int_eq(out->kind, DELEG_OTHER);
	return rc;
}

static void parse_ok(const struct pkt *p, const char *qname, struct deleg *out)
{
	ck_assert_int_eq(parse_len(p, p->n, qname, out), 0);
}

/* The one glue record of this name and family. */
static const struct deleg_addr *glue_of(const struct deleg *d, const char *name,
					bool v6)
{
	const struct deleg_addr *found = NULL;

	for (size_t i = 0; i < d->n_glue; i++) {
		if (strcmp(d->glue[i].name, name) == 0 && d->glue[i].v6 == v6) {
			ck_assert_msg(!found, "two glue records for %s", name);
			found = &d->glue[i];
		}
	}
	ck_assert_msg(found != NULL, "no %s glue for %s", v6 ? "AAAA" : "A",
		      name);
	return found;
}

static void assert_addr(const struct deleg_addr *g, const char *text)
{
	unsigned char a[16] = { 0 };

	ck_assert_int_eq(inet_pton(g->v6 ? AF_INET6 : AF_INET, text, a), 1);
	ck_assert_mem_eq(g->addr, a, g->v6 ? 16 : 4);
}

/*
 * The com servers' referral for example.com: three NS records (one a
 * duplicate in other case, TTLs differing) and glue, some of it for
 * names outside the NS set.
 */
static void referral(struct pkt *p, const char *qname)
{
	put_header(p, 0, 0, 0, 3, 5);
	put_question(p, qname, DNS_T_NS);
	put_ns(p, "example.com", "NS2.Example.NET", 172800);
	put_ns(p, "Example.COM", "ns1.example.com", 86400);
	put_ns(p, "example.com", "NS1.EXAMPLE.COM", 172800);
	put_addr(p, "ns1.example.com", "11.53.0.1", 3600);
	put_addr(p, "NS1.Example.Com", "2600:53::1", 7200);
	put_addr(p, "other.example.org", "11.53.0.9", 3600);
	put_addr(p, "ns2.example.net", "11.53.0.2", 3600);
	put_addr(p, "ns3.example.com", "11.53.0.3", 3600);
}

/* --- referrals ------------------------------------------------------ */

START_TEST(test_referral)
{
	struct pkt p;
	struct deleg d;

	referral(&p, "example.com");
	parse_ok(&p, "example.com", &d);
	ck_assert_int_eq(d.kind, DELEG_REFERRAL);
	ck_assert_int_eq(d.rcode, 0);
	ck_assert(!d.aa);
	ck_assert(!d.tc);
	ck_assert_str_eq(d.zone, "example.com");
	ck_assert_uint_eq(d.n_ns, 2);
	ck_assert_str_eq(d.ns[0], "ns1.example.com");
	ck_assert_str_eq(d.ns[1], "ns2.example.net");
	ck_assert_uint_eq(d.ttl, 86400);
	ck_assert(!d.has_soa);

	/* glue of the names in the set only, in lower case */
	ck_assert_uint_eq(d.n_glue, 3);
	const struct deleg_addr *g = glue_of(&d, "ns1.example.com", false);
	assert_addr(g, "11.53.0.1");
	ck_assert_uint_eq(g->ttl, 3600);
	g = glue_of(&d, "ns1.example.com", true);
	assert_addr(g, "2600:53::1");
	ck_assert_uint_eq(g->ttl, 7200);
	assert_addr(glue_of(&d, "ns2.example.net", false), "11.53.0.2");
	for (size_t i = 0; i < d.n_glue; i++) {
		ck_assert_str_ne(d.glue[i].name, "other.example.org");
		ck_assert_str_ne(d.glue[i].name, "ns3.example.com");
	}
}
END_TEST

/* Below the zone cut: the referral is to the zone above the name. */
START_TEST(test_referral_for_name_below)
{
	struct pkt p;
	struct deleg d;

	referral(&p, "www.Example.com");
	parse_ok(&p, "www.example.com", &d);
	ck_assert_int_eq(d.kind, DELEG_REFERRAL);
	ck_assert_str_eq(d.zone, "example.com");
	ck_assert_uint_eq(d.n_ns, 2);

	/* the root's referral to com, on the way down */
	put_header(&p, 0, 0, 0, 2, 1);
	put_question(&p, "example.com", DNS_T_NS);
	put_ns(&p, "com", "a.gtld-servers.net", 172800);
	put_ns(&p, "com", "b.gtld-servers.net", 172800);
	put_addr(&p, "a.gtld-servers.net", "192.5.6.30", 172800);
	parse_ok(&p, "example.com", &d);
	ck_assert_int_eq(d.kind, DELEG_REFERRAL);
	ck_assert_str_eq(d.zone, "com");
	ck_assert_uint_eq(d.n_ns, 2);
	ck_assert_str_eq(d.ns[0], "a.gtld-servers.net");
	ck_assert_str_eq(d.ns[1], "b.gtld-servers.net");
	ck_assert_uint_eq(d.ttl, 172800);
	ck_assert_uint_eq(d.n_glue, 1);
}
END_TEST

/* NS records of a zone the name is not in are no referral for it. */
START_TEST(test_referral_elsewhere)
{
	struct pkt p;
	struct deleg d;

	put_header(&p, 0, 0, 0, 1, 0);
	put_question(&p, "example.com", DNS_T_NS);
	put_ns(&p, "example.org", "ns1.example.org", 3600);
	parse_ok(&p, "example.com", &d);
	ck_assert_int_eq(d.kind, DELEG_OTHER);
	ck_assert_int_eq(d.rcode, 0);

	/* nor a zone below the name */
	put_header(&p, 0, 0, 0, 1, 0);
	put_question(&p, "example.com", DNS_T_NS);
	put_ns(&p, "sub.example.com", "ns1.example.org", 3600);
	parse_ok(&p, "example.com", &d);
	ck_assert_int_eq(d.kind, DELEG_OTHER);

	/* nor one that only ends in the same letters */
	put_header(&p, 0, 0, 0, 1, 0);
	put_question(&p, "notexample.com", DNS_T_NS);
	put_ns(&p, "example.com", "ns1.example.org", 3600);
	parse_ok(&p, "notexample.com", &d);
	ck_assert_int_eq(d.kind, DELEG_OTHER);
}
END_TEST

/* The first owner in the authority section is the one taken. */
START_TEST(test_referral_one_owner)
{
	struct pkt p;
	struct deleg d;

	put_header(&p, 0, 0, 0, 3, 0);
	put_question(&p, "www.example.com", DNS_T_NS);
	put_ns(&p, "example.com", "ns1.example.com", 600);
	put_ns(&p, "com", "a.gtld-servers.net", 60);
	put_ns(&p, "example.com", "ns2.example.com", 900);
	parse_ok(&p, "www.example.com", &d);
	ck_assert_int_eq(d.kind, DELEG_REFERRAL);
	ck_assert_str_eq(d.zone, "example.com");
	ck_assert_uint_eq(d.n_ns, 2);
	ck_assert_str_eq(d.ns[0], "ns1.example.com");
	ck_assert_str_eq(d.ns[1], "ns2.example.com");
	ck_assert_uint_eq(d.ttl, 600);
}
END_TEST

/* Glue that is not an address (wrong length) is left out, not fatal. */
START_TEST(test_referral_odd_glue)
{
	struct pkt p;
	struct deleg d;

	put_header(&p, 0, 0, 0, 1, 2);
	put_question(&p, "example.com", DNS_T_NS);
	put_ns(&p, "example.com", "ns1.example.com", 600);
	size_t at = rr_begin(&p, "ns1.example.com", DNS_T_A, 600);
	pkt_u32(&p, 0x0B350001);
	pkt_u8(&p, 1);
	pkt_rdlen_end(&p, at, 0);
	put_addr(&p, "ns1.example.com", "2600:53::1", 600);
	parse_ok(&p, "example.com", &d);
	ck_assert_int_eq(d.kind, DELEG_REFERRAL);
	ck_assert_uint_eq(d.n_glue, 1);
	ck_assert(d.glue[0].v6);
}
END_TEST

/* More NS and glue records than anyone publishes: no overflow. */
START_TEST(test_referral_many)
{
	struct pkt p;
	struct deleg d;
	char name[32];

	put_header(&p, 0, 0, 0, 100, 150);
	put_question(&p, "example.com", DNS_T_NS);
	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof name, "ns%d", 100 + i);
		size_t at = rr_begin(&p, NULL, DNS_T_NS, 3600);
		pkt_labels(&p, name);
		pkt_ptr(&p, QNAME_AT);
		pkt_rdlen_end(&p, at, 0);
	}
	for (int i = 0; i < 150; i++) {
		pkt_ptr(&p, QNAME_AT);
		pkt_u16(&p, DNS_T_A);
		pkt_u16(&p, DNS_C_IN);
		pkt_u32(&p, 3600);
		pkt_u16(&p, 4);
		pkt_u32(&p, 0x0B350000u + (uint32_t)i);
	}
	parse_ok(&p, "example.com", &d);
	ck_assert_int_eq(d.kind, DELEG_REFERRAL);
	ck_assert_uint_gt(d.n_ns, 0);
	ck_assert_uint_le(d.n_ns, 100);
	for (size_t i = 1; i < d.n_ns; i++)
		ck_assert_int_lt(strcmp(d.ns[i - 1], d.ns[i]), 0);
	ck_assert_uint_eq(d.n_glue, 0); /* example.com is not in the set */
}
END_TEST

/* --- authoritative answers ------------------------------------------ */

START_TEST(test_answer)
{
	struct pkt p;
	struct deleg d;

	put_header(&p, F_AA, 0, 3, 0, 2);
	put_question(&p, "example.com", DNS_T_NS);
	put_ns(&p, NULL, "ns2.example.net", 3600);
	put_ns(&p, NULL, "ns1.example.com", 1800);
	put_ns(&p, NULL, "Ns2.Example.Net", 3600);
	put_addr(&p, "ns1.example.com", "11.53.0.1", 3600);
	put_addr(&p, "ns9.example.com", "11.53.0.9", 3600);
	parse_ok(&p, "example.com", &d);
	ck_assert_int_eq(d.kind, DELEG_ANSWER);
	ck_assert(d.aa);
	ck_assert_int_eq(d.rcode, 0);
	ck_assert_str_eq(d.zone, "example.com");
	ck_assert_uint_eq(d.n_ns, 2);
	ck_assert_str_eq(d.ns[0], "ns1.example.com");
	ck_assert_str_eq(d.ns[1], "ns2.example.net");
	ck_assert_uint_eq(d.ttl, 1800);
	ck_assert_uint_eq(d.n_glue, 1);
	assert_addr(glue_of(&d, "ns1.example.com", false), "11.53.0.1");
	ck_assert(!d.has_soa);
}
END_TEST

/* The answer's owner in another case; NS in both answer and authority. */
START_TEST(test_answer_case_and_authority)
{
	struct pkt p;
	struct deleg d;

	put_header(&p, F_AA, 0, 1, 1, 0);
	put_question(&p, "example.com", DNS_T_NS);
	put_ns(&p, "EXAMPLE.COM", "ns1.example.com", 3600);
	put_ns(&p, "example.com", "ns1.example.com", 3600);
	parse_ok(&p, "Example.Com", &d);
	ck_assert_int_eq(d.kind, DELEG_ANSWER);
	ck_assert_str_eq(d.zone, "example.com");
	ck_assert_uint_eq(d.n_ns, 1);

	/* the root zone's own NS set */
	put_header(&p, F_AA, 0, 2, 0, 0);
	put_question(&p, "", DNS_T_NS);
	put_ns(&p, NULL, "b.root-servers.net", 518400);
	put_ns(&p, NULL, "a.root-servers.net", 518400);
	parse_ok(&p, ".", &d);
	ck_assert_int_eq(d.kind, DELEG_ANSWER);
	ck_assert_str_eq(d.zone, ".");
	ck_assert_uint_eq(d.n_ns, 2);
	ck_assert_str_eq(d.ns[0], "a.root-servers.net");
}
END_TEST

/* Without AA an answer is hearsay (a cache, a lame server). */
START_TEST(test_answer_without_aa)
{
	struct pkt p;
	struct deleg d;

	put_header(&p, 0, 0, 1, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	put_ns(&p, NULL, "ns1.example.com", 3600);
	parse_ok(&p, "example.com", &d);
	ck_assert_int_eq(d.kind, DELEG_OTHER);
	ck_assert(!d.aa);
	ck_assert_int_eq(d.rcode, 0);

	/* nor is an NS set of another owner in the answer an answer */
	put_header(&p, F_AA, 0, 1, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	put_ns(&p, "www.example.com", "ns1.example.com", 3600);
	parse_ok(&p, "example.com", &d);
	ck_assert_int_ne(d.kind, DELEG_ANSWER);
}
END_TEST

START_TEST(test_nxdomain)
{
	struct pkt p;
	struct deleg d;

	put_header(&p, F_AA, DNS_R_NXDOMAIN, 0, 1, 0);
	put_question(&p, "nope.example.com", DNS_T_NS);
	put_soa(&p, "example.com", 5);
	parse_ok(&p, "nope.example.com", &d);
	ck_assert_int_eq(d.kind, DELEG_NXDOMAIN);
	ck_assert_int_eq(d.rcode, DNS_R_NXDOMAIN);
	ck_assert(d.aa);
	ck_assert(!d.has_soa); /* the SOA is the zone's, in authority */
	ck_assert_str_eq(d.zone, "example.com"); /* who says so */

	/* not authoritative: not to be believed */
	put_header(&p, 0, DNS_R_NXDOMAIN, 0, 1, 0);
	put_question(&p, "nope.example.com", DNS_T_NS);
	put_soa(&p, "example.com", 5);
	parse_ok(&p, "nope.example.com", &d);
	ck_assert_int_eq(d.kind, DELEG_OTHER);
	ck_assert_int_eq(d.rcode, DNS_R_NXDOMAIN);
}
END_TEST

START_TEST(test_nodata)
{
	struct pkt p;
	struct deleg d;

	/* the zone's NS set in authority beside the SOA: still no data */
	put_header(&p, F_AA, 0, 0, 2, 0);
	put_question(&p, "www.example.com", DNS_T_NS);
	put_ns(&p, "example.com", "ns1.example.com", 3600);
	put_soa(&p, "example.com", 5);
	parse_ok(&p, "www.example.com", &d);
	ck_assert_int_eq(d.kind, DELEG_NODATA);

	/* authoritative with an NS set in authority is no referral */
	put_header(&p, F_AA, 0, 0, 1, 0);
	put_question(&p, "www.example.com", DNS_T_NS);
	put_ns(&p, "example.com", "ns1.example.com", 3600);
	parse_ok(&p, "www.example.com", &d);
	ck_assert_int_eq(d.kind, DELEG_OTHER);

	put_header(&p, F_AA, 0, 0, 1, 0);
	put_question(&p, "www.example.com", DNS_T_NS);
	put_soa(&p, "example.com", 5);
	parse_ok(&p, "www.example.com", &d);
	ck_assert_int_eq(d.kind, DELEG_NODATA);
	ck_assert_int_eq(d.rcode, 0);
	ck_assert_uint_eq(d.n_ns, 0);

	ck_assert_str_eq(d.zone, "example.com");

	/* authoritative, empty and without SOA: nothing to go on */
	put_header(&p, F_AA, 0, 0, 0, 0);
	put_question(&p, "www.example.com", DNS_T_NS);
	parse_ok(&p, "www.example.com", &d);
	ck_assert_int_eq(d.kind, DELEG_OTHER);

	/* the SOA of a zone that is not above the name: a lame server
	 * speaking for some other zone it holds */
	put_header(&p, F_AA, 0, 0, 1, 0);
	put_question(&p, "www.example.com", DNS_T_NS);
	put_soa(&p, "other.org", 5);
	parse_ok(&p, "www.example.com", &d);
	ck_assert_int_eq(d.kind, DELEG_OTHER);
	put_header(&p, F_AA, 0, 0, 1, 0);
	put_question(&p, "www.example.com", DNS_T_NS);
	put_soa(&p, "sub.www.example.com", 5); /* below: not its zone either */
	parse_ok(&p, "www.example.com", &d);
	ck_assert_int_eq(d.kind, DELEG_OTHER);
}
END_TEST

/* Glue for names outside the NS set takes no room, so a reply stuffed
 * with such records cannot push the real glue out. */
START_TEST(test_glue_only_for_the_set)
{
	struct pkt p;
	struct deleg d;
	char owner[64];
	enum { JUNK = 200 };
	struct arena *a = arena_new(2048);

	ck_assert_ptr_nonnull(a);
	put_header(&p, 0, 0, 0, 1, JUNK + 1);
	put_question(&p, "example.com", DNS_T_NS);
	put_ns(&p, "example.com", "ns1.example.com", 3600);
	for (int i = 0; i < JUNK; i++) {
		snprintf(owner, sizeof owner, "junk%d.example.org", i);
		put_addr(&p, owner, "11.53.0.9", 3600);
	}
	put_addr(&p, "ns1.example.com", "11.53.0.1", 3600);
	ck_assert_int_eq(deleg_parse(p.b, p.n, "example.com", a, &d), 0);
	ck_assert_int_eq(d.kind, DELEG_REFERRAL);
	ck_assert_uint_eq(d.n_glue, 1);
	ck_assert_str_eq(d.glue[0].name, "ns1.example.com");
	arena_free(a);
}
END_TEST

/* The reply to "NAME SOA?": the serial of the zone's version. */
START_TEST(test_soa_in_answer)
{
	struct pkt p;
	struct deleg d;

	put_header(&p, F_AA, 0, 1, 0, 0);
	put_question(&p, "example.com", DNS_T_SOA);
	put_soa(&p, NULL, 2024010101u);
	parse_ok(&p, "example.com", &d);
	ck_assert(d.has_soa);
	ck_assert_uint_eq(d.serial, 2024010101u);

	/* owner in another case */
	put_header(&p, F_AA, 0, 1, 0, 0);
	put_question(&p, "example.com", DNS_T_SOA);
	put_soa(&p, "EXAMPLE.COM", 7);
	parse_ok(&p, "example.com", &d);
	ck_assert(d.has_soa);
	ck_assert_uint_eq(d.serial, 7);

	/* an SOA of another name is not the zone's */
	put_header(&p, F_AA, 0, 1, 0, 0);
	put_question(&p, "www.example.com", DNS_T_SOA);
	put_soa(&p, "example.com", 7);
	parse_ok(&p, "www.example.com", &d);
	ck_assert(!d.has_soa);

	/* NS answer and SOA together */
	put_header(&p, F_AA, 0, 2, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	put_ns(&p, NULL, "ns1.example.com", 3600);
	put_soa(&p, NULL, 42);
	parse_ok(&p, "example.com", &d);
	ck_assert_int_eq(d.kind, DELEG_ANSWER);
	ck_assert(d.has_soa);
	ck_assert_uint_eq(d.serial, 42);
}
END_TEST

START_TEST(test_error_rcodes)
{
	static const unsigned rcodes[] = { DNS_R_SERVFAIL, DNS_R_REFUSED,
					   DNS_R_NOTIMPL, DNS_R_FORMERR };
	struct pkt p;
	struct deleg d;

	for (size_t i = 0; i < sizeof rcodes / sizeof rcodes[0]; i++) {
		for (unsigned aa = 0; aa < 2; aa++) {
			/* an NS set alongside does not make it a referral */
			put_header(&p, aa ? F_AA : 0, rcodes[i], 0, 1, 0);
			put_question(&p, "example.com", DNS_T_NS);
			put_ns(&p, "example.com", "ns1.example.com", 3600);
			parse_ok(&p, "example.com", &d);
			ck_assert_int_eq(d.kind, DELEG_OTHER);
			ck_assert_int_eq(d.rcode, (int)rcodes[i]);
			ck_assert(d.aa == (aa != 0));
		}
	}
}
END_TEST

/* A lame server: no AA, no records at all. */
START_TEST(test_empty_not_authoritative)
{
	struct pkt p;
	struct deleg d;

	put_header(&p, 0, 0, 0, 0, 0);
	put_question(&p, "example.com", DNS_T_NS);
	parse_ok(&p, "example.com", &d);
	ck_assert_int_eq(d.kind, DELEG_OTHER);
	ck_assert_int_eq(d.rcode, 0);
	ck_assert(!d.aa);
	ck_assert_uint_eq(d.n_ns, 0);
}
END_TEST

START_TEST(test_truncated_bit)
{
	struct pkt p;
	struct deleg d;

	referral(&p, "example.com");
	p.b[2] |= F_TC;
	parse_ok(&p, "example.com", &d);
	ck_assert(d.tc);
	ck_assert_int_eq(d.kind, DELEG_REFERRAL);
}
END_TEST

/* --- malformed ------------------------------------------------------ */

START_TEST(test_malformed_every_prefix)
{
	struct pkt p;
	struct deleg d;

	referral(&p, "example.com");
	for (size_t n = 0; n < p.n; n++)
		ck_assert_msg(parse_len(&p, n, "example.com", &d) == -1,
			      "a prefix of %zu of %zu bytes parsed", n, p.n);
	parse_ok(&p, "example.com", &d);

	put_header(&p, F_AA, 0, 1, 0, 0);
	put_question(&p, "example.com", DNS_T_SOA);
	put_soa(&p, NULL, 1);
	for (size_t n = 0; n < p.n; n++)
		ck_assert_int_eq(parse_len(&p, n, "example.com", &d), -1);
}
END_TEST

START_TEST(test_malformed_names)
{
	struct pkt p;
	struct deleg d;

	/* an NS target that points at itself */
	put_header(&p, 0, 0, 0, 1, 0);
	put_question(&p, "example.com", DNS_T_NS);
	size_t at = rr_begin(&p, "example.com", DNS_T_NS, 60);
	pkt_ptr(&p, p.n);
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(parse_len(&p, p.n, "example.com", &d), -1);

	/* an owner pointing past the end */
	put_header(&p, 0, 0, 0, 1, 0);
	put_question(&p, "example.com", DNS_T_NS);
	pkt_ptr(&p, 0x3FFF);
	pkt_u16(&p, DNS_T_NS);
	pkt_u16(&p, DNS_C_IN);
	pkt_u32(&p, 60);
	pkt_u16(&p, 2);
	pkt_ptr(&p, QNAME_AT);
	ck_assert_int_eq(parse_len(&p, p.n, "example.com", &d), -1);

	/* RDLENGTH longer than the NS target */
	put_header(&p, 0, 0, 0, 1, 0);
	put_question(&p, "example.com", DNS_T_NS);
	at = rr_begin(&p, "example.com", DNS_T_NS, 60);
	pkt_name(&p, "ns1.example.com");
	pkt_u16(&p, 0);
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(parse_len(&p, p.n, "example.com", &d), -1);

	/* an SOA of the name whose data is cut short */
	put_header(&p, F_AA, 0, 1, 0, 0);
	put_question(&p, "example.com", DNS_T_SOA);
	at = rr_begin(&p, NULL, DNS_T_SOA, 60);
	pkt_name(&p, "ns1.example.com");
	pkt_name(&p, "hostmaster.example.com");
	pkt_u32(&p, 1);
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(parse_len(&p, p.n, "example.com", &d), -1);

	/* more records promised than present */
	referral(&p, "example.com");
	p.b[11] = 6;
	ck_assert_int_eq(parse_len(&p, p.n, "example.com", &d), -1);
}
END_TEST

/* Out of arena memory: -1, never a half-filled result. */
START_TEST(test_out_of_memory)
{
	struct pkt p;
	struct deleg d;
	struct arena *small = arena_new(8);

	ck_assert_ptr_nonnull(small);
	referral(&p, "example.com");
	memset(&d, 0x5A, sizeof d);
	ck_assert_int_eq(deleg_parse(p.b, p.n, "example.com", small, &d), -1);
	ck_assert_int_eq(d.kind, DELEG_OTHER);
	arena_free(small);
}
END_TEST

/* Room running out at any point of the parse: the reply is refused or
 * complete, never half-filled with missing names. */
START_TEST(test_out_of_memory_part_way)
{
	struct pkt p;
	int refused = 0, parsed = 0;

	referral(&p, "example.com");
	for (size_t limit = 8; limit < 8192; limit += 8) {
		struct arena *a = arena_new(limit);
		struct deleg d;
		ck_assert_ptr_nonnull(a);
		if (deleg_parse(p.b, p.n, "example.com", a, &d) < 0) {
			ck_assert_int_eq(d.kind, DELEG_OTHER);
			refused++;
		} else if (d.kind == DELEG_OTHER) {
			refused++; /* the set could not be taken */
		} else {
			ck_assert_int_eq(d.kind, DELEG_REFERRAL);
			ck_assert_ptr_nonnull(d.zone);
			ck_assert_uint_eq(d.n_ns, 2);
			for (size_t i = 0; i < d.n_ns; i++)
				ck_assert_ptr_nonnull(d.ns[i]);
			for (size_t i = 0; i < d.n_glue; i++)
				ck_assert_ptr_nonnull(d.glue[i].name);
			parsed++;
		}
		arena_free(a);
	}
	ck_assert_int_gt(refused, 0); /* both sides were reached */
	ck_assert_int_gt(parsed, 0);
}
END_TEST

/* Thousands of records the parse does not keep cost no arena room: a
 * hostile reply cannot spend the request's memory with them. */
START_TEST(test_ignored_records_cost_nothing)
{
	struct pkt p;
	struct deleg d;
	char owner[64];
	enum { FILLER = 300 };
	struct arena *a = arena_new(1024);

	ck_assert_ptr_nonnull(a);
	put_header(&p, 0, 0, FILLER, 2 + FILLER, 0);
	put_question(&p, "example.com", DNS_T_NS);
	for (int i = 0; i < FILLER; i++) {
		snprintf(owner, sizeof owner, "soa%d.example.org", i);
		put_soa(&p, owner, 1);                         /* not the name */
	}
	put_ns(&p, "example.com", "ns1.example.com", 3600);
	put_ns(&p, "example.com", "ns2.example.com", 3600);
	for (int i = 0; i < FILLER; i++) {
		snprintf(owner, sizeof owner, "other%d.example.org", i);
		put_ns(&p, owner, "ns.example.org", 3600);     /* other owner */
	}
	ck_assert_int_eq(deleg_parse(p.b, p.n, "example.com", a, &d), 0);
	ck_assert_int_eq(d.kind, DELEG_REFERRAL);
	ck_assert_uint_eq(d.n_ns, 2);
	ck_assert_uint_eq(d.n_glue, 0);
	arena_free(a);
}
END_TEST

/* --- deleg_under, deleg_lower --------------------------------------- */

START_TEST(test_under)
{
	static const struct {
		const char *name, *zone;
		bool under;
	} cases[] = {
		{ "example.com", "example.com", true },
		{ "www.example.com", "example.com", true },
		{ "a.b.c.example.com", "example.com", true },
		{ "example.com", "com", true },
		{ "WWW.Example.COM", "example.com", true },
		{ "www.example.com", "EXAMPLE.COM", true },
		{ "Example.Com", "example.com", true },
		{ "example.com", ".", true },
		{ "com", ".", true },
		{ ".", ".", true },
		{ "com", "example.com", false },
		{ "example.com", "www.example.com", false },
		{ "notexample.com", "example.com", false },
		{ "ns1.notexample.com", "example.com", false },
		{ "example.org", "example.com", false },
		{ "ample.com", "example.com", false },
		{ "example.com", "xample.com", false },
		{ "example.co", "example.com", false },
		{ ".", "com", false },
		{ "xcom", "com", false },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ck_assert_msg(deleg_under(cases[i].name, cases[i].zone) ==
			      cases[i].under, "deleg_under(\"%s\", \"%s\") is not %s",
			      cases[i].name, cases[i].zone,
			      cases[i].under ? "true" : "false");
}
END_TEST

START_TEST(test_lower)
{
	const char *in = "NS1.Example-2.NET";
	char *s = deleg_lower(arena, in);

	ck_assert_str_eq(s, "ns1.example-2.net");
	ck_assert_str_eq(in, "NS1.Example-2.NET");
	ck_assert_ptr_ne(s, in);
	ck_assert_str_eq(deleg_lower(arena, ""), "");
	ck_assert_str_eq(deleg_lower(arena, "."), ".");
	ck_assert_str_eq(deleg_lower(arena, "already.lower"), "already.lower");
	/* only ASCII letters change; escapes and other bytes stay */
	ck_assert_str_eq(deleg_lower(arena, "A\\065\xC3\x89Z@[`{"),
			 "a\\065\xC3\x89z@[`{");

	struct arena *small = arena_new(4);
	ck_assert_ptr_nonnull(small);
	ck_assert_ptr_null(deleg_lower(small, "LONGER.THAN.FOUR"));
	arena_free(small);
}
END_TEST

Suite *deleg_suite(void)
{
	Suite *s = suite_create("deleg");
	TCase *tc = tcase_create("parse");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_referral);
	tcase_add_test(tc, test_referral_for_name_below);
	tcase_add_test(tc, test_referral_elsewhere);
	tcase_add_test(tc, test_referral_one_owner);
	tcase_add_test(tc, test_referral_odd_glue);
	tcase_add_test(tc, test_referral_many);
	tcase_add_test(tc, test_answer);
	tcase_add_test(tc, test_answer_case_and_authority);
	tcase_add_test(tc, test_answer_without_aa);
	tcase_add_test(tc, test_nxdomain);
	tcase_add_test(tc, test_nodata);
	tcase_add_test(tc, test_soa_in_answer);
	tcase_add_test(tc, test_error_rcodes);
	tcase_add_test(tc, test_empty_not_authoritative);
	tcase_add_test(tc, test_truncated_bit);
	suite_add_tcase(s, tc);

	tc = tcase_create("malformed");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_malformed_every_prefix);
	tcase_add_test(tc, test_malformed_names);
	tcase_add_test(tc, test_out_of_memory);
	tcase_add_test(tc, test_out_of_memory_part_way);
	tcase_add_test(tc, test_ignored_records_cost_nothing);
	tcase_add_test(tc, test_glue_only_for_the_set);
	suite_add_tcase(s, tc);

	tc = tcase_create("names");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_under);
	tcase_add_test(tc, test_lower);
	suite_add_tcase(s, tc);
	return s;
}
