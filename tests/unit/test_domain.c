/*
 * Unit tests of domain: every rejection rule with the label it names,
 * the clean-up of pasted input (blanks, case, URLs, e-mail addresses),
 * IDN conversion both ways, and the sentences of domain_problem_text, in
 * English and, from the catalogues make builds, in German and Spanish.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/catalog.h"
#include "util/lang.h"
#include "input/domain.h"
#include "suites.h"
#include "tree.h"

static struct domain dom;
static struct domain_problem why;

static enum domain_error norm_n(const char *s, size_t n)
{
	return domain_normalize(s, n, &dom, &why);
}

static enum domain_error norm(const char *s)
{
	return norm_n(s, strlen(s));
}

static void expect_ok(const char *in, const char *ascii)
{
	enum domain_error e = norm(in);

	ck_assert_msg(e == DOMAIN_OK, "'%s': %s", in, domain_error_id(e));
	ck_assert_str_eq(dom.ascii, ascii);
}

static void expect_fail_n(const char *in, size_t n, enum domain_error code,
			  unsigned label)
{
	enum domain_error e = norm_n(in, n);

	ck_assert_msg(e == code, "'%s': got %s, want %s", in, domain_error_id(e),
		      domain_error_id(code));
	ck_assert_int_eq(why.code, code);
	ck_assert_msg(why.label == label, "'%s': label %u, want %u", in,
		      why.label, label);
	/* nothing half-normalised is left behind */
	ck_assert_str_eq(dom.ascii, "");
}

static void expect_fail(const char *in, enum domain_error code, unsigned label)
{
	expect_fail_n(in, strlen(in), code, label);
}

/* A label of n octets. */
static char *label_of(char *out, size_t n)
{
	memset(out, 'a', n);
	out[n] = '\0';
	return out;
}

/* The sentence for the current problem must contain every needle. */
static void expect_text(const char *needle1, const char *needle2)
{
	struct buf b;

	buf_init(&b, 4096);
	domain_problem_text(NULL, &why, &b);
	ck_assert(!buf_failed(&b));
	ck_assert_msg(strstr(buf_str(&b), needle1) != NULL, "\"%s\" lacks \"%s\"",
		      buf_str(&b), needle1);
	if (needle2)
		ck_assert_msg(strstr(buf_str(&b), needle2) != NULL,
			      "\"%s\" lacks \"%s\"", buf_str(&b), needle2);
	buf_free(&b);
}

/* --- rejections ----------------------------------------------------- */

START_TEST(test_empty)
{
	expect_fail("", DOMAIN_EMPTY, 0);
	expect_fail("   ", DOMAIN_EMPTY, 0);
	expect_fail(" \t\r\n ", DOMAIN_EMPTY, 0);
	expect_fail("\xC2\xA0\xC2\xA0", DOMAIN_EMPTY, 0);
	expect_text("Enter a domain name", NULL);
}
END_TEST

START_TEST(test_leading_dot)
{
	expect_fail(".example.com", DOMAIN_EMPTY_LABEL, 1);
	expect_text("starts with a dot", NULL);
}
END_TEST

START_TEST(test_two_dots)
{
	expect_fail("www..example.com", DOMAIN_EMPTY_LABEL, 2);
	ck_assert_uint_eq(why.labels, 4);
	expect_text("Label 2", "two dots");
	expect_fail("a.b..c", DOMAIN_EMPTY_LABEL, 3);
}
END_TEST

START_TEST(test_label_length)
{
	char l[100], in[200];

	snprintf(in, sizeof in, "%s.example", label_of(l, 63));
	expect_ok(in, in);
	snprintf(in, sizeof in, "%s.example", label_of(l, 64));
	expect_fail(in, DOMAIN_LABEL_TOO_LONG, 1);
	ck_assert_uint_eq(why.length, 64);
	snprintf(in, sizeof in, "www.%s.example", label_of(l, 64));
	expect_fail(in, DOMAIN_LABEL_TOO_LONG, 2);
	ck_assert_uint_eq(why.length, 64);
	ck_assert_str_eq(why.text, l);
	expect_text("Label 2", "64 octets");
}
END_TEST

/* A name of exactly n octets: labels of 63 joined by dots, then the rest. */
static char *name_of(char *out, size_t n)
{
	size_t used = 0;

	while (n - used > 64) {
		memset(out + used, 'a', 63);
		out[used + 63] = '.';
		used += 64;
	}
	memset(out + used, 'b', n - used);
	out[n] = '\0';
	return out;
}

START_TEST(test_name_length)
{
	char in[300];

	name_of(in, 253);
	ck_assert_uint_eq(strlen(in), 253);
	expect_ok(in, in);
	/* with the trailing dot it is still 253 */
	memcpy(in + 253, ".", 2);
	ck_assert_int_eq(norm(in), DOMAIN_OK);
	ck_assert_uint_eq(strlen(dom.ascii), 253);

	name_of(in, 254);
	expect_fail(in, DOMAIN_NAME_TOO_LONG, 0);
	ck_assert_uint_eq(why.length, 254);
	expect_text("254 octets", "253");
}
END_TEST

START_TEST(test_bad_characters)
{
	expect_fail("exa mple.com", DOMAIN_BAD_CHAR, 1);
	ck_assert_uint_eq(why.ch, ' ');
	expect_text("Label 1", "a space");
	expect_fail("example.c<m", DOMAIN_BAD_CHAR, 2);
	ck_assert_uint_eq(why.ch, '<');
	expect_text("Label 2", "\"<\"");
	expect_fail("a\"b.example", DOMAIN_BAD_CHAR, 1);
	ck_assert_uint_eq(why.ch, '"');
	expect_fail("www.ex!ample.com", DOMAIN_BAD_CHAR, 2);
	ck_assert_uint_eq(why.ch, '!');
	expect_fail("a%41.example", DOMAIN_BAD_CHAR, 1);
	ck_assert_uint_eq(why.ch, '%');
	expect_fail("a\x01" "b.example", DOMAIN_BAD_CHAR, 1);
	ck_assert_uint_eq(why.ch, 0x01);
}
END_TEST

/* A NUL byte inside the input must not cut the name short. */
START_TEST(test_nul_byte)
{
	static const char in[] = "exa\0mple.com";

	expect_fail_n(in, sizeof in - 1, DOMAIN_BAD_CHAR, 1);
	ck_assert_uint_eq(why.ch, 0);
}
END_TEST

START_TEST(test_nul_byte_at_end)
{
	static const char in[] = "example.com\0";

	ck_assert_int_ne(norm_n(in, sizeof in - 1), DOMAIN_OK);
}
END_TEST

START_TEST(test_hyphens)
{
	expect_fail("-abc.example", DOMAIN_HYPHEN, 1);
	ck_assert(why.hyphen_at_start);
	expect_text("Label 1", "starts with a hyphen");
	expect_fail("abc-.example", DOMAIN_HYPHEN, 1);
	ck_assert(!why.hyphen_at_start);
	expect_text("Label 1", "ends with a hyphen");
	expect_fail("ok.-x.example", DOMAIN_HYPHEN, 2);
	expect_fail("example.com-", DOMAIN_HYPHEN, 2);
	/* inside a label a hyphen is fine */
	expect_ok("my-site.example", "my-site.example");
}
END_TEST

START_TEST(test_bad_alabel)
{
	/* valid punycode of a symbol IDNA2008 disallows (U+1F4A9): named,
	 * as when it is typed */
	expect_fail("xn--ls8h.example", DOMAIN_BAD_CHAR, 1);
	ck_assert_uint_eq(why.ch, 0x1F4A9);
	expect_text("Label 1", "U+1F4A9, which IDNA2008 does not allow");
	/* not punycode at all */
	expect_fail("www.xn--zz.example", DOMAIN_BAD_IDN, 2);
	expect_text("Label 2", "internationalized");
}
END_TEST

START_TEST(test_ip_addresses)
{
	expect_fail("192.0.2.1", DOMAIN_IP_ADDRESS, 0);
	ck_assert_str_eq(why.text, "192.0.2.1");
	expect_text("\"192.0.2.1\"", "IP address");
	expect_fail("2001:db8::1", DOMAIN_IP_ADDRESS, 0);
	expect_fail("[2001:db8::1]", DOMAIN_IP_ADDRESS, 0);
	expect_fail("::1", DOMAIN_IP_ADDRESS, 0);
	expect_fail("192.0.2.1.", DOMAIN_IP_ADDRESS, 0);
	expect_fail("http://192.0.2.1:8080/x", DOMAIN_IP_ADDRESS, 0);
	expect_fail("http://[2001:db8::1]/", DOMAIN_IP_ADDRESS, 0);
}
END_TEST

START_TEST(test_ipv6_url_with_port)
{
	/* RFC 3986 §3.2.2: an IPv6 host with a port, as browsers show it */
	expect_fail("http://[2001:db8::1]:8080/", DOMAIN_IP_ADDRESS, 0);
}
END_TEST

START_TEST(test_numeric_tld)
{
	expect_fail("example.123", DOMAIN_NUMERIC_TLD, 2);
	expect_text("Label 2", "all digits");
	expect_fail("1.2.3", DOMAIN_NUMERIC_TLD, 3);
	/* digits elsewhere are fine */
	expect_ok("123.example", "123.example");
	expect_ok("example.x123", "example.x123");
}
END_TEST

START_TEST(test_bad_utf8)
{
	expect_fail("b\xFF" "cher.example", DOMAIN_BAD_UTF8, 0);
	expect_text("UTF-8", NULL);
	expect_fail("\xC0\xAE" "example", DOMAIN_BAD_UTF8, 0);
	expect_fail("example.com\xE2\x82", DOMAIN_BAD_UTF8, 0);
	expect_fail("\xED\xA0\x80.example", DOMAIN_BAD_UTF8, 0);
}
END_TEST

START_TEST(test_input_too_long)
{
	char in[DOMAIN_INPUT_MAX + 2];

	/* exactly the limit: blanks around a short name are fine */
	memset(in, ' ', DOMAIN_INPUT_MAX);
	memcpy(in + 500, "example.com", 11);
	in[DOMAIN_INPUT_MAX] = '\0';
	expect_ok(in, "example.com");
	/* one more byte is refused before any parsing */
	in[DOMAIN_INPUT_MAX] = ' ';
	in[DOMAIN_INPUT_MAX + 1] = '\0';
	expect_fail(in, DOMAIN_INPUT_TOO_LONG, 0);
	ck_assert_uint_eq(why.length, DOMAIN_INPUT_MAX + 1);
	expect_text("1025 bytes", NULL);
}
END_TEST

/* --- normalisation -------------------------------------------------- */

START_TEST(test_trim)
{
	expect_ok("  example.com\t\r\n", "example.com");
	expect_ok("\xC2\xA0" "example.com\xC2\xA0", "example.com");
	expect_ok("\xEF\xBB\xBF" "example.com", "example.com");    /* BOM */
	expect_ok("example.com\xE2\x80\x8B", "example.com");       /* ZWSP */
	expect_ok(" \xC2\xA0 example.com \xC2\xA0 ", "example.com");
}
END_TEST

START_TEST(test_lower_case)
{
	expect_ok("WWW.Example.COM", "www.example.com");
	ck_assert_str_eq(dom.unicode, "www.example.com");
	ck_assert(!dom.idn);
}
END_TEST

START_TEST(test_trailing_dot)
{
	expect_ok("example.com.", "example.com");
	expect_fail("example.com..", DOMAIN_EMPTY_LABEL, 3);
	/* one dot only in a Unicode name too, ASCII or ideographic (U+3002) */
	expect_ok("\xC3\xBC.", "xn--tda");
	expect_ok("\xC3\xBC\xE3\x80\x82", "xn--tda");
	expect_fail("\xC3\xBC..", DOMAIN_EMPTY_LABEL, 2);
	expect_fail("\xC3\xBC\xE3\x80\x82.", DOMAIN_EMPTY_LABEL, 2);
	expect_fail("a\xE3\x80\x82.", DOMAIN_EMPTY_LABEL, 2);
}
END_TEST

START_TEST(test_urls)
{
	expect_ok("https://www.example.com/", "www.example.com");
	expect_ok("http://Example.com", "example.com");
	expect_ok("https://user:secret@www.example.com:8443/path/x?q=1#top",
		  "www.example.com");
	expect_ok("example.com/some/path", "example.com");
	expect_ok("https://example.com?x=1", "example.com");
	expect_ok("http://example.com#frag", "example.com");
	expect_ok("example.com/?x=1#frag", "example.com");
	expect_ok("  https://example.com/  ", "example.com");
	/* without a scheme, "?" and "#" are no URL syntax but characters of
	 * the name, which UTS #46 refuses (IdnaTestV2 has such rows) */
	expect_fail("example.com?x=1", DOMAIN_BAD_CHAR, 2);
	expect_fail("example.com#frag", DOMAIN_BAD_CHAR, 2);
}
END_TEST

START_TEST(test_url_path_with_scheme_inside)
{
	/* the "://" is in the query, not after a scheme: the host comes first */
	expect_ok("example.com/?next=http://other.example/", "example.com");
}
END_TEST

START_TEST(test_email_and_port)
{
	expect_ok("hostmaster@example.com", "example.com");
	expect_ok("example.com:443", "example.com");
	expect_ok("example.com:8080/", "example.com");
	expect_ok("mailto:user@Example.org", "example.org");
}
END_TEST

START_TEST(test_underscore)
{
	expect_ok("_dmarc.example.com", "_dmarc.example.com");
	expect_ok("_sip._tcp.example.com", "_sip._tcp.example.com");
}
END_TEST

START_TEST(test_root)
{
	expect_ok(".", ".");
	ck_assert_str_eq(dom.unicode, ".");
	expect_ok("  .  ", ".");
}
END_TEST

START_TEST(test_single_label)
{
	expect_ok("com", "com");
	expect_ok("COM.", "com");
}
END_TEST

/* --- IDN ------------------------------------------------------------ */

START_TEST(test_idn_to_ascii)
{
	expect_ok("B\xC3\xBC" "cher.example", "xn--bcher-kva.example");
	ck_assert_str_eq(dom.unicode, "b\xC3\xBC" "cher.example");
	ck_assert(dom.idn);
}
END_TEST

START_TEST(test_idn_uppercase)
{
	expect_ok("B\xC3\x9C" "CHER.EXAMPLE", "xn--bcher-kva.example");
	ck_assert_str_eq(dom.unicode, "b\xC3\xBC" "cher.example");
	ck_assert(dom.idn);
}
END_TEST

START_TEST(test_idn_from_alabel)
{
	expect_ok("xn--bcher-kva.example", "xn--bcher-kva.example");
	ck_assert_str_eq(dom.unicode, "b\xC3\xBC" "cher.example");
	ck_assert(dom.idn);
	expect_ok("XN--BCHER-KVA.Example", "xn--bcher-kva.example");
	ck_assert(dom.idn);
}
END_TEST

START_TEST(test_idn_dots)
{
	/* U+3002 ideographic full stop separates labels */
	expect_ok("b\xC3\xBC" "cher\xE3\x80\x82" "example", "xn--bcher-kva.example");
	ck_assert_str_eq(dom.unicode, "b\xC3\xBC" "cher.example");
	expect_ok("example\xE3\x80\x82" "com", "example.com");
	ck_assert(!dom.idn);
	/* U+FF0E fullwidth full stop */
	expect_ok("example\xEF\xBC\x8E" "com", "example.com");
	/* one trailing ideographic full stop is dropped like a dot */
	expect_ok("example.com\xE3\x80\x82", "example.com");
}
END_TEST

START_TEST(test_idn_mixed_labels)
{
	expect_ok("www.b\xC3\xBC" "cher.example", "www.xn--bcher-kva.example");
	ck_assert_str_eq(dom.unicode, "www.b\xC3\xBC" "cher.example");
}
END_TEST

START_TEST(test_idn_rejections)
{
	/* a symbol IDNA2008 disallows, named in the problem */
	expect_fail("ok.\xF0\x9F\x92\xA9.example", DOMAIN_BAD_CHAR, 2);
	ck_assert_uint_eq(why.ch, 0x1F4A9);
	expect_text("Label 2", "U+1F4A9");
	/* hyphen rules apply to Unicode labels too */
	expect_fail("-b\xC3\xBC" "cher.example", DOMAIN_HYPHEN, 1);
	ck_assert(why.hyphen_at_start);
	/* an empty label in a Unicode name */
	expect_fail("b\xC3\xBC" "cher..example", DOMAIN_EMPTY_LABEL, 2);
}
END_TEST

/* k x U+00FC then ".example"; 57 of them encode to exactly 63 octets */
static char *umlauts(char *out, int k)
{
	size_t n = 0;

	for (int i = 0; i < k; i++, n += 2)
		memcpy(out + n, "\xC3\xBC", 2);
	memcpy(out + n, ".example", 9);
	return out;
}

START_TEST(test_idn_label_63)
{
	char in[400];

	ck_assert_int_eq(norm(umlauts(in, 57)), DOMAIN_OK);
	ck_assert_uint_eq(strlen(dom.ascii), 63 + strlen(".example"));
	ck_assert(strncmp(dom.ascii, "xn--", 4) == 0);
	ck_assert(dom.idn);
}
END_TEST

/* The A-label would be longer than 63 octets: the label length rule. */
START_TEST(test_idn_label_too_long)
{
	char in[400];

	expect_fail(umlauts(in, 58), DOMAIN_LABEL_TOO_LONG, 1);
	/* the UTF-8 length says nothing: the message speaks of the A-label */
	ck_assert(why.ascii_form);
	expect_text("Label 1", "ASCII form (xn--...) would have more than 63 octets");
}
END_TEST

START_TEST(test_idn_problem_text_cut)
{
	char in[400];

	ck_assert_int_ne(norm(umlauts(in, 100)), DOMAIN_OK);
	ck_assert_uint_eq(why.label, 1);
	/* the label shown is cut, but never inside a UTF-8 sequence */
	ck_assert(why.text_cut);
	ck_assert_uint_le(strlen(why.text), DOMAIN_SHOWN_MAX);
	ck_assert_uint_eq(strlen(why.text) % 2, 0);
	expect_text("Label 1", NULL);
}
END_TEST

/* --- UTS #46 validity criteria ------------------------------------- */

/* CheckHyphens: "--" in positions 3 and 4 only in A-labels */
START_TEST(test_hyphens_34)
{
	expect_fail("a.bc--de.f", DOMAIN_HYPHEN_34, 2);
	expect_text("Label 2 (\"bc--de\")", "third and fourth positions");
	expect_fail("xn--4ca.bc--de.f", DOMAIN_HYPHEN_34, 2);
	expect_fail("R3---SN-ABC.example", DOMAIN_HYPHEN_34, 1);
	/* typed Unicode, refused by libidn2, same rule */
	expect_fail("ab--\xC3\xBC.example", DOMAIN_HYPHEN_34, 1);
	/* an A-label whose U-label is "ab--\u00FC" */
	expect_fail("www.xn--ab---3ra.example", DOMAIN_HYPHEN_34, 2);
	expect_text("Label 2 (\"ab--\xC3\xBC\")", "only xn-- (A-label)");
	/* hyphens elsewhere, and A-labels, are fine */
	expect_ok("a-b--c.example", "a-b--c.example");
	expect_ok("xn--bcher-kva.example", "xn--bcher-kva.example");
}
END_TEST

/* CheckHyphens on a decoded label: no hyphen at either end */
START_TEST(test_alabel_hyphen_edge)
{
	expect_fail("xn----eha.example", DOMAIN_HYPHEN, 1);
	ck_assert(why.hyphen_at_start);
	expect_text("Label 1 (\"-\xC3\xBC\")", "starts with a hyphen");
	expect_fail("xn----dha.example", DOMAIN_HYPHEN, 1);
	ck_assert(!why.hyphen_at_start);
}
END_TEST

START_TEST(test_leading_mark)
{
	/* U+0301 COMBINING ACUTE ACCENT before the letter */
	expect_fail("\xCC\x81" "a.example", DOMAIN_LEADING_MARK, 1);
	ck_assert_uint_eq(why.ch, 0x301);
	expect_text("Label 1", "starts with a combining mark (the character "
		    "U+0301)");
	expect_fail("ok.xn--a-wbb.example", DOMAIN_LEADING_MARK, 2);
	ck_assert_uint_eq(why.ch, 0x301);
	/* after a letter it is that letter's accent */
	expect_ok("a\xCC\x81.example", "xn--1ca.example");
}
END_TEST

/* UseSTD3ASCIIRules: characters that are, or map to, ASCII other than
 * letters, digits and '-' */
START_TEST(test_std3)
{
	expect_fail("\xE2\x89\xA0.example", DOMAIN_STD3, 1);   /* U+2260 */
	ck_assert_uint_eq(why.ch, 0x2260);
	expect_text("Label 1 (\"\xE2\x89\xA0\")", "U+2260, which cannot appear "
		    "in a host name once mapped");
	expect_fail("x.a\xE2\x89\xAE" "b.example", DOMAIN_STD3, 2); /* U+226E */
	ck_assert_uint_eq(why.ch, 0x226E);
	/* U+2474 stands for "(1)", U+2488 for "1.": named as typed, not
	 * as the ASCII they map to */
	expect_fail("\xE2\x91\xB4" "x.example", DOMAIN_STD3, 1);
	ck_assert_uint_eq(why.ch, 0x2474);
	expect_fail("a\xE2\x92\x88" "com", DOMAIN_STD3, 1);
	ck_assert_uint_eq(why.ch, 0x2488);
	/* the same characters decoded from A-labels */
	expect_fail("xn--1ch.example", DOMAIN_STD3, 1);
	ck_assert_uint_eq(why.ch, 0x2260);
	expect_fail("ok.xn--a-ecp.example", DOMAIN_STD3, 2);
	ck_assert_uint_eq(why.ch, 0x2488);
	/* ASCII punctuation typed in a Unicode label, named as it is */
	expect_fail("\xC3\xBC?", DOMAIN_STD3, 1);
	ck_assert_uint_eq(why.ch, '?');
	expect_text("\"?\", which cannot appear in a host name: host names "
		    "hold letters", NULL);
	expect_fail("b\xC3\xBC" "cher.a b", DOMAIN_STD3, 2);
	ck_assert_uint_eq(why.ch, ' ');
	expect_fail("\xC3\xBC=x.example", DOMAIN_STD3, 1);
	/* an A-label is judged the same whatever the other labels are */
	expect_fail("xn--1ch.\xC3\xBC", DOMAIN_STD3, 1);
	ck_assert_uint_eq(why.ch, 0x2260);
	expect_ok("\xC3\xBC.XN--BCHER-KVA.example", "xn--tda.xn--bcher-kva.example");
}
END_TEST

/* '_' in all-ASCII labels only */
START_TEST(test_std3_underscore)
{
	expect_fail("\xC3\xBC_x.example", DOMAIN_STD3, 1);
	ck_assert_uint_eq(why.ch, '_');
	expect_text("Label 1 (\"\xC3\xBC_x\")", "\"_\", which only labels that "
		    "are all ASCII");
	expect_fail("xn--_x-wka.example", DOMAIN_STD3, 1);
	/* an ASCII service label beside an internationalized one */
	expect_ok("_dmarc.b\xC3\xBC" "cher.example",
		  "_dmarc.xn--bcher-kva.example");
}
END_TEST

/* CheckJoiners: RFC 5892 Appendix A.1 and A.2 */
START_TEST(test_joiners)
{
	expect_fail("a\xE2\x80\x8D" "b.example", DOMAIN_JOINER, 1);
	ck_assert_uint_eq(why.ch, 0x200D);
	expect_text("Label 1", "invisible joiner (U+200D ZERO WIDTH JOINER) "
		    "where it cannot join letters");
	expect_fail("ok.a\xE2\x80\x8C" "b.example", DOMAIN_JOINER, 2);
	ck_assert_uint_eq(why.ch, 0x200C);
	expect_text("Label 2", "U+200C ZERO WIDTH NON-JOINER");
	/* the same from A-labels */
	expect_fail("xn--ab-m1t.example", DOMAIN_JOINER, 1);
	ck_assert_uint_eq(why.ch, 0x200D);
	expect_fail("xn--ab-j1t.example", DOMAIN_JOINER, 1);
	ck_assert_uint_eq(why.ch, 0x200C);
	/* after a virama (Devanagari U+094D), and ZWNJ between two
	 * dual-joining Arabic letters (U+0628) */
	expect_ok("\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D\xE0\xA4\xB7.example",
		  "xn--11b2ezcw70k.example");
	expect_ok("xn--11b2ezcw70k.example", "xn--11b2ezcw70k.example");
	expect_ok("\xD8\xA8\xE2\x80\x8C\xD8\xA8.example",
		  "xn--ngba799q.example");
	expect_ok("xn--ngba799q.example", "xn--ngba799q.example");
}
END_TEST

/* CheckBidi: RFC 5893 section 2 on every label of a Bidi domain name */
START_TEST(test_bidi)
{
	/* rule 1: "0\u00E0" starts with a digit, beside Hebrew U+05D0 */
	expect_fail("0\xC3\xA0.\xD7\x90", DOMAIN_BIDI, 1);
	ck_assert_uint_eq(why.bidi_rule, 1);
	expect_text("Label 1 (\"0\xC3\xA0\")", "breaks a rule for names that "
		    "mix right-to-left and left-to-right text, which can display "
		    "misleadingly");
	expect_text("starts with \"0\", not a letter", "(RFC 5893, rule 1).");
	/* ASCII labels too, and names given as A-labels */
	expect_fail("0a.xn--4db", DOMAIN_BIDI, 1);
	expect_fail("xn--0-sfa.xn--4db", DOMAIN_BIDI, 1);
	/* rule 4: European digit "0" and Arabic-Indic U+0660 */
	expect_fail("\xC3\xA0.\xD7\x90" "0\xD9\xA0\xD7\x90", DOMAIN_BIDI, 2);
	ck_assert_uint_eq(why.bidi_rule, 4);
	expect_text("mixes Arabic-Indic digits (U+0660 to U+0669) with European or "
		    "Extended Arabic-Indic ones", "rule 4");
	/* rule 6: ends with U+02C7 CARON, a neutral */
	expect_fail("\xC3\xA0\xCB\x87.\xD7\x90", DOMAIN_BIDI, 1);
	ck_assert_uint_eq(why.bidi_rule, 6);
	ck_assert_uint_eq(why.ch, 0x2C7);
	/* rule 2: a Latin letter in a right-to-left label */
	expect_fail("\xD7\x90" "a.example", DOMAIN_BIDI, 1);
	ck_assert_uint_eq(why.bidi_rule, 2);
	expect_text("right-to-left but contains \"a\"", "rule 2");
	/* rule 3: a right-to-left label ending with a neutral (U+02C7) */
	expect_fail("\xD7\x90\xCB\x87.example", DOMAIN_BIDI, 1);
	ck_assert_uint_eq(why.bidi_rule, 3);
	ck_assert_uint_eq(why.ch, 0x2C7);
	expect_fail("xn--xqa76m.example", DOMAIN_BIDI, 1);
	ck_assert_uint_eq(why.bidi_rule, 3);
	/* rule 5: Arabic-Indic U+0661 in a label that starts left-to-right */
	expect_fail("xn--a-bqc.example", DOMAIN_BIDI, 1);
	ck_assert_uint_eq(why.bidi_rule, 5);
	ck_assert_uint_eq(why.ch, 0x661);
	/* right-to-left labels beside well-formed left-to-right ones */
	expect_ok("\xD7\x90.example", "xn--4db.example");
	expect_ok("www.xn--4db.example", "www.xn--4db.example");
	/* underscore labels are no IDNA labels: CheckBidi leaves them */
	expect_ok("_dmarc.xn--4db.example", "_dmarc.xn--4db.example");
	/* without right-to-left text, no Bidi rule applies */
	expect_ok("0\xC3\xA0.example", "xn--0-sfa.example");
}
END_TEST

/* IDNA2008 disallows what UTS #46 marks NV8 (nscheck's policy) */
START_TEST(test_idna2008_symbols)
{
	expect_fail("\xC2\xA1.example", DOMAIN_BAD_CHAR, 1);       /* U+00A1 */
	ck_assert_uint_eq(why.ch, 0xA1);
	expect_fail("xn--7a.example", DOMAIN_BAD_CHAR, 1);
	ck_assert_uint_eq(why.ch, 0xA1);
	expect_fail("\xE2\x98\x95.example", DOMAIN_BAD_CHAR, 1);   /* U+2615 */
	ck_assert_uint_eq(why.ch, 0x2615);
	expect_text("U+2615, which IDNA2008 does not allow", NULL);
}
END_TEST

/* V1: a decoded A-label must be in NFC ("u" and U+0308, not U+00FC) */
START_TEST(test_alabel_not_nfc)
{
	expect_fail("xn--u-ccb.example", DOMAIN_BAD_IDN, 1);
	expect_text("Label 1 (\"xn--u-ccb\")", "NFC");
}
END_TEST

START_TEST(test_error_ids)
{
	ck_assert_str_eq(domain_error_id(DOMAIN_OK), "ok");
	ck_assert_str_eq(domain_error_id(DOMAIN_LABEL_TOO_LONG), "label_too_long");
	ck_assert_str_eq(domain_error_id(DOMAIN_BIDI), "bidi");
	for (int i = DOMAIN_OK; i <= DOMAIN_ERROR_LAST; i++)
		for (int k = i + 1; k <= DOMAIN_ERROR_LAST; k++)
			ck_assert_str_ne(domain_error_id((enum domain_error)i),
					 domain_error_id((enum domain_error)k));
}
END_TEST

/* --- sentences in other languages ----------------------------------- */

/* A language from its catalogue as make builds it ($NSCHECK_WWW/locale). */
static struct lang load_lang(const char *code, struct catalog **cat)
{
	struct lang l = { "", NULL };

	*cat = tree_catalog(code);
	l.cat = *cat;
	snprintf(l.code, sizeof l.code, "%s", code);
	return l;
}

/* The sentence for the current problem in l is want, n bytes (it may
 * hold a NUL). */
static void expect_said_n(const struct lang *l, const char *want, size_t n)
{
	struct buf b;

	buf_init(&b, 4096);
	domain_problem_text(l, &why, &b);
	ck_assert(!buf_failed(&b));
	ck_assert_msg(b.len == n && memcmp(b.data, want, n) == 0,
		      "\"%s\" is not \"%s\"", buf_str(&b), want);
	buf_free(&b);
}

static void expect_said(const struct lang *l, const char *want)
{
	expect_said_n(l, want, strlen(want));
}

/* The sentence for the current problem in l contains needle. */
static void expect_said_part(const struct lang *l, const char *needle)
{
	struct buf b;

	buf_init(&b, 4096);
	domain_problem_text(l, &why, &b);
	ck_assert_msg(strstr(buf_str(&b), needle) != NULL, "\"%s\" lacks \"%s\"",
		      buf_str(&b), needle);
	buf_free(&b);
}

START_TEST(test_text_german)
{
	struct catalog *cat;
	struct lang de = load_lang("de", &cat);
	char l[100], in[200], want[400];

	expect_fail("www..example.com", DOMAIN_EMPTY_LABEL, 2);
	expect_said(&de, "Label 2 ist leer: Der Name enthält zwei Punkte "
		    "hintereinander.");
	expect_fail("a b.example", DOMAIN_BAD_CHAR, 1);
	expect_said(&de, "Label 1 („a b“) enthält ein Leerzeichen, was in einem "
		    "Hostnamen nicht vorkommen darf: Verwenden Sie Buchstaben, "
		    "Ziffern und Bindestriche.");
	snprintf(in, sizeof in, "www.%s.example", label_of(l, 64));
	expect_fail(in, DOMAIN_LABEL_TOO_LONG, 2);
	snprintf(want, sizeof want, "Label 2 („%s“) ist 64 Oktette lang; ein "
		 "Label darf höchstens 63 haben.", l);
	expect_said(&de, want);
	/* a character after a preposition ("mit dem Zeichen"), and as the
	 * object ("enthält aber „a“") */
	expect_fail("\xC3\xA0\xCB\x87.\xD7\x90", DOMAIN_BIDI, 1);
	expect_said_part(&de, "denn es wird von links nach rechts geschrieben, "
			 "endet aber mit dem Zeichen U+02C7 statt mit einem "
			 "Buchstaben dieser Schreibrichtung oder einer Ziffer "
			 "(RFC 5893, Regel 6).");
	expect_fail("\xD7\x90" "a.example", DOMAIN_BIDI, 1);
	expect_said_part(&de, "enthält aber „a“, was in einem solchen Label nicht "
			 "vorkommen darf (RFC 5893, Regel 2).");
	catalog_free(cat);
}
END_TEST

/* A NUL in the label's text stays in the sentence, in any language. */
START_TEST(test_text_nul_kept)
{
	static const char in[] = "exa\0mple.com";
	static const char en[] = "Label 1 (\"exa\0mple\") contains the character "
				 "U+0000, which cannot appear in a host name: use "
				 "letters, digits and hyphens.";
	static const char de_text[] = "Label 1 („exa\0mple“) enthält das Zeichen "
				      "U+0000, was in einem Hostnamen nicht "
				      "vorkommen darf: Verwenden Sie Buchstaben, "
				      "Ziffern und Bindestriche.";
	struct catalog *cat;
	struct lang de = load_lang("de", &cat);

	expect_fail_n(in, sizeof in - 1, DOMAIN_BAD_CHAR, 1);
	expect_said_n(NULL, en, sizeof en - 1);
	expect_said_n(&de, de_text, sizeof de_text - 1);
	catalog_free(cat);
}
END_TEST

START_TEST(test_text_spanish)
{
	struct catalog *cat;
	struct lang es = load_lang("es", &cat);
	char in[DOMAIN_INPUT_MAX + 2];

	expect_fail("-abc.example", DOMAIN_HYPHEN, 1);
	expect_said(&es, "La etiqueta 1 («-abc») empieza por un guion, algo que "
		    "una etiqueta de un nombre de host no puede hacer.");
	expect_fail("192.0.2.1", DOMAIN_IP_ADDRESS, 0);
	expect_said(&es, "«192.0.2.1» es una dirección IP. Los registros NS "
		    "pertenecen a nombres de dominio: escriba un nombre como "
		    "example.com.");
	memset(in, 'a', DOMAIN_INPUT_MAX + 1);
	in[DOMAIN_INPUT_MAX + 1] = '\0';
	expect_fail(in, DOMAIN_INPUT_TOO_LONG, 0);
	expect_said(&es, "La entrada tiene 1025 bytes; un nombre de dominio nunca "
		    "necesita más de 1024.");
	expect_fail("\xD7\x90\xCB\x87.example", DOMAIN_BIDI, 1);
	expect_said_part(&es, "porque se escribe de derecha a izquierda pero "
			 "termina en el carácter U+02C7, que no es una letra de "
			 "derecha a izquierda ni una cifra (RFC 5893, regla 3).");
	catalog_free(cat);
}
END_TEST

Suite *domain_suite(void)
{
	Suite *s = suite_create("domain");
	TCase *tc = tcase_create("rules");

	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_leading_dot);
	tcase_add_test(tc, test_two_dots);
	tcase_add_test(tc, test_label_length);
	tcase_add_test(tc, test_name_length);
	tcase_add_test(tc, test_bad_characters);
	tcase_add_test(tc, test_nul_byte);
	tcase_add_test(tc, test_nul_byte_at_end);
	tcase_add_test(tc, test_hyphens);
	tcase_add_test(tc, test_bad_alabel);
	tcase_add_test(tc, test_ip_addresses);
	tcase_add_test(tc, test_ipv6_url_with_port);
	tcase_add_test(tc, test_numeric_tld);
	tcase_add_test(tc, test_bad_utf8);
	tcase_add_test(tc, test_input_too_long);
	suite_add_tcase(s, tc);

	tc = tcase_create("normalise");
	tcase_add_test(tc, test_trim);
	tcase_add_test(tc, test_lower_case);
	tcase_add_test(tc, test_trailing_dot);
	tcase_add_test(tc, test_urls);
	tcase_add_test(tc, test_url_path_with_scheme_inside);
	tcase_add_test(tc, test_email_and_port);
	tcase_add_test(tc, test_underscore);
	tcase_add_test(tc, test_root);
	tcase_add_test(tc, test_single_label);
	suite_add_tcase(s, tc);

	tc = tcase_create("idn");
	tcase_add_test(tc, test_idn_to_ascii);
	tcase_add_test(tc, test_idn_uppercase);
	tcase_add_test(tc, test_idn_from_alabel);
	tcase_add_test(tc, test_idn_dots);
	tcase_add_test(tc, test_idn_mixed_labels);
	tcase_add_test(tc, test_idn_rejections);
	tcase_add_test(tc, test_idn_label_63);
	tcase_add_test(tc, test_idn_label_too_long);
	tcase_add_test(tc, test_idn_problem_text_cut);
	tcase_add_test(tc, test_error_ids);
	suite_add_tcase(s, tc);

	tc = tcase_create("uts46");
	tcase_add_test(tc, test_hyphens_34);
	tcase_add_test(tc, test_alabel_hyphen_edge);
	tcase_add_test(tc, test_leading_mark);
	tcase_add_test(tc, test_std3);
	tcase_add_test(tc, test_std3_underscore);
	tcase_add_test(tc, test_joiners);
	tcase_add_test(tc, test_bidi);
	tcase_add_test(tc, test_idna2008_symbols);
	tcase_add_test(tc, test_alabel_not_nfc);
	suite_add_tcase(s, tc);

	tc = tcase_create("languages");
	tcase_add_test(tc, test_text_german);
	tcase_add_test(tc, test_text_nul_kept);
	tcase_add_test(tc, test_text_spanish);
	suite_add_tcase(s, tc);
	return s;
}
