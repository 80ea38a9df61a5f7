/*
 * Unit tests of dissect: header fields and flags, the question, EDNS
 * (kept out of the records, with its upper rcode bits, version, DO bit
 * and options), records of every section, and damaged packets: too
 * short, a record cut off (the ones before it kept), counts that claim
 * more records than the bytes hold.
 */
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "dns/dissect.h"
#include "suites.h"
#include "wire.h"

static struct pkt p;

static void header(unsigned f1f2, unsigned an, unsigned ns, unsigned ar)
{
	memset(&p, 0, sizeof p);
	pkt_u16(&p, 0xBEEF);
	pkt_u16(&p, f1f2);
	pkt_u16(&p, 1);
	pkt_u16(&p, an);
	pkt_u16(&p, ns);
	pkt_u16(&p, ar);
	pkt_name(&p, "two.test");
	pkt_u16(&p, 2);
	pkt_u16(&p, 1);
}

static void ns_rr(const char *target, uint32_t ttl)
{
	pkt_ptr(&p, 12);
	pkt_u16(&p, 2);
	pkt_u16(&p, 1);
	pkt_u32(&p, ttl);
	size_t at = pkt_rdlen_begin(&p);
	pkt_name(&p, target);
	pkt_rdlen_end(&p, at, 0);
}

/* OPT: UDP size 1232, TTL = ext rcode, version, DO; one option. */
static void opt_rr(unsigned ext, unsigned version, bool dnssec_ok)
{
	pkt_u8(&p, 0);
	pkt_u16(&p, 41);
	pkt_u16(&p, 1232);
	pkt_u8(&p, ext);
	pkt_u8(&p, version);
	pkt_u16(&p, dnssec_ok ? 0x8000 : 0);
	size_t at = pkt_rdlen_begin(&p);
	pkt_u16(&p, 10);  /* COOKIE */
	pkt_u16(&p, 8);
	pkt_u32(&p, 1);
	pkt_u32(&p, 2);
	pkt_rdlen_end(&p, at, 0);
}

START_TEST(test_header_and_records)
{
	struct arena *a = arena_new(1 << 20);
	struct dissect d;

	/* QR AA RD, RA AD; rcode 0 */
	header(0x8500 | 0xA0, 2, 1, 2);
	ns_rr("ns1.alpha.test", 3600);
	ns_rr("ns2.alpha.test", 0x80000000u); /* shown as sent */
	ns_rr("ns3.alpha.test", 60);
	pkt_name(&p, "ns1.alpha.test");
	pkt_u16(&p, 1);
	pkt_u16(&p, 1);
	pkt_u32(&p, 60);
	size_t at = pkt_rdlen_begin(&p);
	pkt_u32(&p, 0x0B350A01);
	pkt_rdlen_end(&p, at, 0);
	opt_rr(0, 0, true);
	ck_assert_int_eq(dissect_message(a, p.b, p.n, &d), 0);
	ck_assert_ptr_null(d.damage);
	ck_assert_uint_eq(d.id, 0xBEEF);
	ck_assert_uint_eq(d.opcode, 0);
	ck_assert_int_eq(d.rcode, 0);
	ck_assert_str_eq(d.flags, "qr aa rd ra ad");
	ck_assert_uint_eq(d.count[0], 1);
	ck_assert_uint_eq(d.count[3], 2);
	ck_assert_str_eq(d.qname, "two.test.");
	ck_assert_str_eq(d.qtype, "NS");
	ck_assert(d.edns);
	ck_assert(d.dnssec_ok);
	ck_assert_uint_eq(d.udp_size, 1232);
	ck_assert_uint_eq(d.edns_options, 1);
	ck_assert_uint_eq(d.n_rr, 4);  /* the OPT record is not one */
	ck_assert_int_eq(d.rr[0].section, DNSMSG_ANSWER);
	ck_assert_str_eq(d.rr[0].owner, "two.test.");
	ck_assert_str_eq(d.rr[0].data, "ns1.alpha.test.");
	ck_assert_uint_eq(d.rr[1].ttl, 0x80000000u);
	ck_assert_int_eq(d.rr[2].section, DNSMSG_AUTHORITY);
	ck_assert_int_eq(d.rr[3].section, DNSMSG_ADDITIONAL);
	ck_assert_str_eq(d.rr[3].type, "A");
	ck_assert_str_eq(d.rr[3].cls, "IN");
	ck_assert_str_eq(d.rr[3].data, "11.53.10.1");
	arena_free(a);
}
END_TEST

START_TEST(test_rcodes)
{
	struct arena *a = arena_new(1 << 20);
	struct dissect d;
	char mem[32];
	struct buf b;

	/* REFUSED, opcode 2 (STATUS), no flags at all but QR */
	header(0x9005, 0, 0, 0);
	ck_assert_int_eq(dissect_message(a, p.b, p.n, &d), 0);
	ck_assert_int_eq(d.rcode, 5);
	ck_assert_uint_eq(d.opcode, 2);
	ck_assert_str_eq(d.flags, "qr");
	ck_assert(!d.edns);
	/* BADVERS: 16 = upper bits 1 in OPT, 0 in the header */
	header(0x8000, 0, 0, 1);
	opt_rr(1, 1, false);
	ck_assert_int_eq(dissect_message(a, p.b, p.n, &d), 0);
	ck_assert_int_eq(d.rcode, 16);
	ck_assert_uint_eq(d.edns_version, 1);
	ck_assert(!d.dnssec_ok);
	/* no question at all; an EDNS option cut short is not counted */
	memset(&p, 0, sizeof p);
	pkt_u16(&p, 1);
	pkt_u16(&p, 0x8000);
	pkt_u16(&p, 0);
	pkt_u16(&p, 0);
	pkt_u16(&p, 0);
	pkt_u16(&p, 1);
	pkt_u8(&p, 0);
	pkt_u16(&p, 41);
	pkt_u16(&p, 512);
	pkt_u32(&p, 0);
	size_t at = pkt_rdlen_begin(&p);
	pkt_u16(&p, 10);
	pkt_u16(&p, 8);   /* says 8 bytes, has 2 */
	pkt_u16(&p, 0);
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(dissect_message(a, p.b, p.n, &d), 0);
	ck_assert_ptr_null(d.damage);
	ck_assert_ptr_null(d.qname);
	ck_assert(d.edns);
	ck_assert_uint_eq(d.edns_options, 0);
	ck_assert_uint_eq(d.n_rr, 0);
	buf_init_fixed(&b, mem, sizeof mem);
	dissect_rcode(&b, 16);
	buf_putc(&b, ' ');
	dissect_rcode(&b, 3);
	buf_putc(&b, ' ');
	dissect_rcode(&b, 23);
	ck_assert_str_eq(buf_str(&b), "BADVERS NXDOMAIN RCODE23");
	ck_assert_str_eq(dissect_section_id(DNSMSG_AUTHORITY), "authority");
	arena_free(a);
}
END_TEST

START_TEST(test_damage)
{
	struct arena *a = arena_new(1 << 20);
	struct dissect d;

	ck_assert_int_eq(dissect_message(a, p.b, 11, &d), -1);
	ck_assert_ptr_nonnull(d.damage);

	/* two records claimed, the second cut off: the first is kept */
	header(0x8400, 2, 0, 0);
	ns_rr("ns1.alpha.test", 3600);
	ns_rr("ns2.alpha.test", 3600);
	ck_assert_int_eq(dissect_message(a, p.b, p.n - 3, &d), 0);
	ck_assert_ptr_nonnull(d.damage);
	ck_assert_uint_eq(d.n_rr, 1);
	ck_assert_str_eq(d.rr[0].data, "ns1.alpha.test.");

	/* 65535 records claimed in a short packet: no more room than the
	 * bytes could hold is taken, and the damage is said */
	header(0x8400, 0xFFFF, 0xFFFF, 0xFFFF);
	ns_rr("ns1.alpha.test", 3600);
	ck_assert_int_eq(dissect_message(a, p.b, p.n, &d), 0);
	ck_assert_ptr_nonnull(d.damage);
	ck_assert_uint_eq(d.n_rr, 1);
	ck_assert(arena_used(a) < 64 * 1024);

	/* a question that runs off the end */
	header(0x8400, 0, 0, 0);
	ck_assert_int_eq(dissect_message(a, p.b, 16, &d), 0);
	ck_assert_ptr_nonnull(d.damage);
	ck_assert_ptr_null(d.qname);
	arena_free(a);
}
END_TEST

Suite *dissect_suite(void)
{
	Suite *s = suite_create("dissect");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_header_and_records);
	tcase_add_test(tc, test_rcodes);
	tcase_add_test(tc, test_damage);
	suite_add_tcase(s, tc);
	return s;
}
