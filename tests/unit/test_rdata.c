/*
 * Unit tests of rdata: each type's zone-file form from data built byte by
 * byte (names compressed into the packet included), the generic RFC 3597
 * form for unknown types and for data that does not fit its type, the
 * quoting of character strings, and the base64/hex encoders against the
 * RFC 4648 test vectors.
 */
#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "dns/dnsmsg.h"
#include "dns/rdata.h"
#include "suites.h"
#include "wire.h"

static struct pkt p;
static char text[8192];

/* A reply for "example.test" holding one record of type with the data
 * written by the caller between rr_begin() and rr_text(). */
static size_t rr_begin(unsigned type)
{
	memset(&p, 0, sizeof p);
	pkt_u16(&p, 1);
	pkt_u16(&p, 0x8400);
	pkt_u16(&p, 1);
	pkt_u16(&p, 1);
	pkt_u16(&p, 0);
	pkt_u16(&p, 0);
	pkt_name(&p, "example.test");  /* at offset 12: pointers aim here */
	pkt_u16(&p, type);
	pkt_u16(&p, 1);
	pkt_ptr(&p, 12);
	pkt_u16(&p, type);
	pkt_u16(&p, 1);
	pkt_u32(&p, 300);
	return pkt_rdlen_begin(&p);
}

static void each(const struct dnsmsg_rr *rr, const unsigned char *pkt,
		 size_t len, void *ctx)
{
	struct buf b;

	(void)ctx;
	buf_init_fixed(&b, text, sizeof text);
	rdata_text(&b, pkt, len, rr);
	ck_assert(!buf_failed(&b));
}

static const char *rr_text(size_t at)
{
	pkt_rdlen_end(&p, at, 0);
	text[0] = '\0';
	ck_assert_int_eq(dnsmsg_each_rr(p.b, p.n, each, NULL), 0);
	return text;
}

static void bytes(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		pkt_u8(&p, (unsigned char)s[i]);
}

START_TEST(test_addresses_and_names)
{
	size_t at = rr_begin(1);
	bytes("\x0b\x35\x0a\x01", 4);
	ck_assert_str_eq(rr_text(at), "11.53.10.1");

	at = rr_begin(28);
	bytes("\x26\x00\x00\x53\x00\x10\0\0\0\0\0\0\0\0\0\x01", 16);
	ck_assert_str_eq(rr_text(at), "2600:53:10::1");

	at = rr_begin(2);
	pkt_labels(&p, "ns1");
	pkt_ptr(&p, 12);  /* compressed into the question's name */
	ck_assert_str_eq(rr_text(at), "ns1.example.test.");

	at = rr_begin(5);
	pkt_name(&p, "");
	ck_assert_str_eq(rr_text(at), ".");

	at = rr_begin(15);
	pkt_u16(&p, 10);
	pkt_name(&p, "mail.example.test");
	ck_assert_str_eq(rr_text(at), "10 mail.example.test.");

	at = rr_begin(33);
	pkt_u16(&p, 1);
	pkt_u16(&p, 2);
	pkt_u16(&p, 443);
	pkt_name(&p, "web.example.test");
	ck_assert_str_eq(rr_text(at), "1 2 443 web.example.test.");

	/* an odd byte in a label comes out as \DDD, never raw */
	at = rr_begin(2);
	pkt_u8(&p, 3);
	bytes("a<\x07", 3);
	pkt_name(&p, "");
	ck_assert_str_eq(rr_text(at), "a<\\007.");
}
END_TEST

START_TEST(test_soa)
{
	size_t at = rr_begin(6);
	pkt_labels(&p, "ns1");
	pkt_ptr(&p, 12);
	pkt_name(&p, "hostmaster.example.test");
	pkt_u32(&p, 2024010101);
	pkt_u32(&p, 3600);
	pkt_u32(&p, 900);
	pkt_u32(&p, 604800);
	pkt_u32(&p, 600);
	ck_assert_str_eq(rr_text(at), "ns1.example.test. hostmaster.example.test. "
			 "2024010101 3600 900 604800 600");
}
END_TEST

START_TEST(test_txt_quoting)
{
	size_t at = rr_begin(16);
	pkt_u8(&p, 9);
	bytes("a \"b\"\\<\n", 8);
	pkt_u8(&p, 0xFF);
	pkt_u8(&p, 0);  /* an empty string is still a string */
	ck_assert_str_eq(rr_text(at), "\"a \\\"b\\\"\\\\<\\010\\255\" \"\"");
}
END_TEST

START_TEST(test_dnssec_types)
{
	size_t at = rr_begin(43);
	pkt_u16(&p, 13002);
	pkt_u8(&p, 13);
	pkt_u8(&p, 2);
	bytes("\x01\xab\xff", 3);
	ck_assert_str_eq(rr_text(at), "13002 13 2 01ABFF");

	/* key tag of flags 257, protocol 3, algorithm 13, key "foo" */
	at = rr_begin(48);
	pkt_u16(&p, 257);
	pkt_u8(&p, 3);
	pkt_u8(&p, 13);
	bytes("foo", 3);
	unsigned long sum = 0x0101 + 0x030d + ('f' << 8 | 'o') + ('o' << 8);
	sum += sum >> 16;
	char want[64];
	snprintf(want, sizeof want, "257 3 13 Zm9v ; key tag %lu", sum & 0xFFFF);
	ck_assert_str_eq(rr_text(at), want);

	at = rr_begin(46);
	pkt_u16(&p, 48);          /* covers DNSKEY */
	pkt_u8(&p, 13);
	pkt_u8(&p, 2);
	pkt_u32(&p, 3600);
	pkt_u32(&p, 1798761600);  /* 2027-01-01 00:00:00 UTC */
	pkt_u32(&p, 1764547200);  /* 2025-12-01 00:00:00 UTC */
	pkt_u16(&p, 13002);
	pkt_name(&p, "example.test");
	bytes("foobar", 6);
	ck_assert_str_eq(rr_text(at), "DNSKEY 13 2 3600 20270101000000 "
			 "20251201000000 13002 example.test. Zm9vYmFy");

	/* NSEC: A NS SOA RRSIG NSEC DNSKEY, and TYPE1234 in window 4 */
	at = rr_begin(47);
	pkt_name(&p, "z.example.test");
	bytes("\x00\x07\x62\x00\x00\x00\x00\x03\x80", 9);
	bytes("\x04\x1b", 2);
	for (int i = 0; i < 0x1a; i++)
		pkt_u8(&p, 0);
	pkt_u8(&p, 0x20);  /* bit 210 of window 4: 4 * 256 + 210 = 1234 */
	ck_assert_str_eq(rr_text(at), "z.example.test. A NS SOA RRSIG NSEC DNSKEY "
			 "TYPE1234");

	/* NSEC3: SHA-1, opt-out, 0 iterations, no salt; the hash "foobar"
	 * in base32hex (RFC 4648 §10: CPNMUOJ1E8) */
	at = rr_begin(50);
	pkt_u8(&p, 1);
	pkt_u8(&p, 1);
	pkt_u16(&p, 0);
	pkt_u8(&p, 0);
	pkt_u8(&p, 6);
	bytes("foobar", 6);
	bytes("\x00\x01\x40", 3);
	ck_assert_str_eq(rr_text(at), "1 1 0 - cpnmuoj1e8 A");

	at = rr_begin(51);
	pkt_u8(&p, 1);
	pkt_u8(&p, 0);
	pkt_u16(&p, 10);
	pkt_u8(&p, 2);
	bytes("\xab\xcd", 2);
	ck_assert_str_eq(rr_text(at), "1 0 10 ABCD");

	at = rr_begin(257);
	pkt_u8(&p, 0);
	pkt_u8(&p, 5);
	bytes("issueca.test", 12);
	ck_assert_str_eq(rr_text(at), "0 issue \"ca.test\"");
}
END_TEST

START_TEST(test_generic_form)
{
	/* an unknown type */
	size_t at = rr_begin(65280);
	bytes("\x01\x02", 2);
	ck_assert_str_eq(rr_text(at), "\\# 2 0102");
	at = rr_begin(65280);
	ck_assert_str_eq(rr_text(at), "\\# 0");

	/* data that does not fit its type: too short, too long, a name
	 * that runs past the data, a bad bitmap, a DS without a digest */
	at = rr_begin(1);
	bytes("\x0b\x35\x0a", 3);
	ck_assert_str_eq(rr_text(at), "\\# 3 0B350A");
	at = rr_begin(1);
	bytes("\x0b\x35\x0a\x01\x02", 5);
	ck_assert_str_eq(rr_text(at), "\\# 5 0B350A0102");
	at = rr_begin(2);
	pkt_u8(&p, 5);
	bytes("ab", 2);
	ck_assert_str_eq(rr_text(at), "\\# 3 056162");
	at = rr_begin(47);
	pkt_name(&p, "");
	bytes("\x00\x00", 2);
	ck_assert_str_eq(rr_text(at), "\\# 3 000000");
	at = rr_begin(43);
	pkt_u16(&p, 1);
	pkt_u8(&p, 13);
	pkt_u8(&p, 2);
	ck_assert_str_eq(rr_text(at), "\\# 4 00010D02");
	at = rr_begin(16);
	ck_assert_str_eq(rr_text(at), "\\# 0");
	at = rr_begin(16);
	pkt_u8(&p, 4);
	bytes("ab", 2);
	ck_assert_str_eq(rr_text(at), "\\# 3 046162");
}
END_TEST

START_TEST(test_compression_where_forbidden)
{
	/* MX may point into the packet; SRV, DNAME, NSEC and RRSIG may not */
	size_t at = rr_begin(15);
	pkt_u16(&p, 10);
	pkt_ptr(&p, 12);
	ck_assert_str_eq(rr_text(at), "10 example.test.");
	at = rr_begin(33);
	pkt_u16(&p, 1);
	pkt_u16(&p, 2);
	pkt_u16(&p, 443);
	pkt_labels(&p, "web");
	pkt_ptr(&p, 12);
	ck_assert_str_eq(rr_text(at), "\\# 12 0001000201BB03776562C00C");
	at = rr_begin(39);
	pkt_ptr(&p, 12);
	ck_assert_str_eq(rr_text(at), "\\# 2 C00C");
	at = rr_begin(47);
	pkt_ptr(&p, 12);
	bytes("\x00\x01\x40", 3);
	ck_assert_str_eq(rr_text(at), "\\# 5 C00C000140");
	at = rr_begin(46);
	pkt_u16(&p, 2);
	pkt_u8(&p, 13);
	pkt_u8(&p, 2);
	pkt_u32(&p, 3600);
	pkt_u32(&p, 0);
	pkt_u32(&p, 0);
	pkt_u16(&p, 1);
	pkt_ptr(&p, 12);
	bytes("sig", 3);
	ck_assert(strncmp(rr_text(at), "\\# 23 ", 6) == 0);
	/* the same RRSIG with its signer written out is read */
	at = rr_begin(46);
	pkt_u16(&p, 2);
	pkt_u8(&p, 13);
	pkt_u8(&p, 2);
	pkt_u32(&p, 3600);
	pkt_u32(&p, 0);
	pkt_u32(&p, 0);
	pkt_u16(&p, 1);
	pkt_name(&p, "example.test");
	bytes("sig", 3);
	ck_assert_str_eq(rr_text(at), "NS 13 2 3600 19700101000000 19700101000000 "
			 "1 example.test. c2ln");
	/* a label running past the data is refused too */
	at = rr_begin(39);
	pkt_u8(&p, 9);
	bytes("ab", 2);
	ck_assert_str_eq(rr_text(at), "\\# 3 096162");
}
END_TEST

START_TEST(test_names_and_encoders)
{
	char mem[128];
	struct buf b;
	static const struct { const char *in, *out; } b64[] = {
		{ "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" }, { "foo", "Zm9v" },
		{ "foob", "Zm9vYg==" }, { "fooba", "Zm9vYmE=" },
		{ "foobar", "Zm9vYmFy" },
	};

	for (size_t i = 0; i < sizeof b64 / sizeof b64[0]; i++) {
		buf_init_fixed(&b, mem, sizeof mem);
		rdata_base64(&b, (const unsigned char *)b64[i].in, strlen(b64[i].in));
		ck_assert_str_eq(buf_str(&b), b64[i].out);
	}
	buf_init_fixed(&b, mem, sizeof mem);
	rdata_type(&b, 48);
	buf_putc(&b, ' ');
	rdata_type(&b, 65280);
	buf_putc(&b, ' ');
	rdata_class(&b, 1);
	buf_putc(&b, ' ');
	rdata_class(&b, 3);
	buf_putc(&b, ' ');
	rdata_class(&b, 254);
	ck_assert_str_eq(buf_str(&b), "DNSKEY TYPE65280 IN CH CLASS254");
}
END_TEST

Suite *rdata_suite(void)
{
	Suite *s = suite_create("rdata");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_addresses_and_names);
	tcase_add_test(tc, test_soa);
	tcase_add_test(tc, test_txt_quoting);
	tcase_add_test(tc, test_dnssec_types);
	tcase_add_test(tc, test_generic_form);
	tcase_add_test(tc, test_compression_where_forbidden);
	tcase_add_test(tc, test_names_and_encoders);
	suite_add_tcase(s, tc);
	return s;
}
