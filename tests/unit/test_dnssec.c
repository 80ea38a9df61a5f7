/*
 * Unit tests of dnssec: key tags (RFC 4034 Appendix B, carries included),
 * DS and DNSKEY sets read from packets built byte by byte (records of
 * other names and non-zone keys left out, malformed records refused), and
 * the match of a DS set against a key set.
 */
#include <string.h>

#include "dns/dnssec.h"
#include "suites.h"
#include "wire.h"

/* A reply header and the question name/type. */
static void reply(struct pkt *p, const char *qname, unsigned qtype,
		  unsigned answers)
{
	memset(p, 0, sizeof *p);
	pkt_u16(p, 0x1234);
	pkt_u16(p, 0x8400); /* QR, AA */
	pkt_u16(p, 1);
	pkt_u16(p, answers);
	pkt_u16(p, 0);
	pkt_u16(p, 0);
	pkt_name(p, qname);
	pkt_u16(p, qtype);
	pkt_u16(p, 1);
}

static void ds(struct pkt *p, const char *owner, unsigned tag, unsigned alg,
	       int adjust)
{
	pkt_name(p, owner);
	pkt_u16(p, 43);
	pkt_u16(p, 1);
	pkt_u32(p, 3600);
	size_t at = pkt_rdlen_begin(p);
	pkt_u16(p, tag);
	pkt_u8(p, alg);
	pkt_u8(p, 2);           /* SHA-256 */
	for (int i = 0; i < 32; i++)
		pkt_u8(p, (unsigned)i);
	pkt_rdlen_end(p, at, adjust);
}

/* A DNSKEY; returns its key tag as computed here, independently. */
static unsigned dnskey(struct pkt *p, const char *owner, unsigned flags,
		       unsigned alg, unsigned char seed)
{
	unsigned char rd[4 + 16];

	rd[0] = (unsigned char)(flags >> 8);
	rd[1] = (unsigned char)flags;
	rd[2] = 3;
	rd[3] = (unsigned char)alg;
	for (int i = 0; i < 16; i++)
		rd[4 + i] = (unsigned char)(seed * 37 + i * 11);
	pkt_name(p, owner);
	pkt_u16(p, 48);
	pkt_u16(p, 1);
	pkt_u32(p, 3600);
	size_t at = pkt_rdlen_begin(p);
	for (size_t i = 0; i < sizeof rd; i++)
		pkt_u8(p, rd[i]);
	pkt_rdlen_end(p, at, 0);
	unsigned long sum = 0;  /* RFC 4034 Appendix B, written out again */
	for (size_t i = 0; i < sizeof rd; i += 2)
		sum += (unsigned long)rd[i] << 8 | rd[i + 1];
	return (unsigned)((sum + (sum >> 16)) & 0xFFFF);
}

START_TEST(test_key_tag)
{
	static const unsigned char a[] = { 0x01, 0x01, 0x03, 0x0d, 0xAA, 0xBB };
	static const unsigned char b[] = { 0xFF, 0xFF, 0xFF, 0xFF };
	static const unsigned char odd[] = { 0x01, 0x00, 0x03 };

	ck_assert_uint_eq(dnssec_key_tag(a, sizeof a), 0xAEC9);
	/* 0xFFFF + 0xFFFF = 0x1FFFE; the carry folds back in */
	ck_assert_uint_eq(dnssec_key_tag(b, sizeof b), 0xFFFF);
	/* an odd length: the last byte is a high byte */
	ck_assert_uint_eq(dnssec_key_tag(odd, sizeof odd), 0x0400);
}
END_TEST

START_TEST(test_ds_set)
{
	struct pkt p;
	struct dnssec_set s;

	reply(&p, "signed.test", 43, 4);
	ds(&p, "signed.test", 1234, 13, 0);
	ds(&p, "Signed.TEST", 4321, 8, 0);   /* names compare without case */
	ds(&p, "other.test", 999, 13, 0);    /* another name: left out */
	ds(&p, "signed.test", 1234, 13, 0);  /* the same key twice: once */
	ck_assert_int_eq(dnssec_ds_set(p.b, p.n, "signed.test", &s), 0);
	ck_assert_uint_eq(s.n, 2);
	ck_assert_uint_eq(s.k[0].tag, 1234);
	ck_assert_uint_eq(s.k[0].alg, 13);
	ck_assert_uint_eq(s.k[1].tag, 4321);
	ck_assert_uint_eq(s.k[1].alg, 8);

	reply(&p, "signed.test", 43, 0);
	ck_assert_int_eq(dnssec_ds_set(p.b, p.n, "signed.test", &s), 0);
	ck_assert_uint_eq(s.n, 0);

	/* a DS too short to hold a digest, and a record cut off */
	reply(&p, "signed.test", 43, 1);
	pkt_name(&p, "signed.test");
	pkt_u16(&p, 43);
	pkt_u16(&p, 1);
	pkt_u32(&p, 3600);
	size_t at = pkt_rdlen_begin(&p);
	pkt_u16(&p, 1234);
	pkt_u8(&p, 13);
	pkt_rdlen_end(&p, at, 0);
	ck_assert_int_eq(dnssec_ds_set(p.b, p.n, "signed.test", &s), -1);
	reply(&p, "signed.test", 43, 1);
	ds(&p, "signed.test", 1234, 13, 5);
	ck_assert_int_eq(dnssec_ds_set(p.b, p.n, "signed.test", &s), -1);
}
END_TEST

START_TEST(test_dnskey_set_and_match)
{
	struct pkt p;
	struct dnssec_set keys, want = { .n = 1 };

	reply(&p, "signed.test", 48, 3);
	unsigned ksk = dnskey(&p, "signed.test", 257, 13, 1);
	unsigned zsk = dnskey(&p, "signed.test", 256, 13, 2);
	dnskey(&p, "signed.test", 0, 13, 3);  /* not a zone key: left out */
	ck_assert_int_eq(dnssec_dnskey_set(p.b, p.n, "signed.test", &keys), 0);
	ck_assert_uint_eq(keys.n, 2);
	ck_assert_uint_eq(keys.k[0].tag, ksk);
	ck_assert_uint_eq(keys.k[1].tag, zsk);
	ck_assert_uint_eq(keys.k[0].alg, 13);

	want.k[0] = (struct dnssec_key){ (uint16_t)ksk, 13 };
	ck_assert(dnssec_match(&want, &keys));
	want.k[0].alg = 8;      /* the tag alone is not enough */
	ck_assert(!dnssec_match(&want, &keys));
	want.k[0] = (struct dnssec_key){ (uint16_t)(ksk + 1), 13 };
	ck_assert(!dnssec_match(&want, &keys));
	keys.n = 0;
	ck_assert(!dnssec_match(&want, &keys));
}
END_TEST

Suite *dnssec_suite(void)
{
	Suite *s = suite_create("dnssec");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_key_tag);
	tcase_add_test(tc, test_ds_set);
	tcase_add_test(tc, test_dnskey_set_and_match);
	suite_add_tcase(s, tc);
	return s;
}
