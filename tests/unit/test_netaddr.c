/*
 * Unit tests of netaddr: every special-purpose range at its first and last
 * address and just outside it, ordinary public addresses of both families,
 * and the /24 and /48 boundaries of netaddr_same_net().
 */
#include <arpa/inet.h>
#include <stdbool.h>
#include <string.h>

#include "netaddr.h"
#include "suites.h"

/* An address from its text; the family from the text. */
static bool parse(const char *text, unsigned char a[16])
{
	bool v6 = strchr(text, ':') != NULL;

	memset(a, 0, 16);
	ck_assert_msg(inet_pton(v6 ? AF_INET6 : AF_INET, text, a) == 1,
		      "bad test address %s", text);
	return v6;
}

static const char *special(const char *text)
{
	unsigned char a[16];
	bool v6 = parse(text, a);

	return netaddr_special(a, v6);
}

/* text is special, and what it is contains word. */
static void is(const char *text, const char *word)
{
	const char *what = special(text);

	ck_assert_msg(what != NULL, "%s is not special", text);
	ck_assert_msg(strstr(what, word) != NULL, "%s is \"%s\", not %s", text,
		      what, word);
}

static void is_public(const char *text)
{
	const char *what = special(text);

	ck_assert_msg(what == NULL, "%s is \"%s\"", text, what);
}

/* Outside the range whose word is given: public, or something else. */
static void is_not(const char *text, const char *word)
{
	const char *what = special(text);

	ck_assert_msg(what == NULL || strstr(what, word) == NULL,
		      "%s is \"%s\"", text, what);
}

/* Each range: first address, last address, the neighbours outside. */
struct range_case {
	const char *first, *last, *below, *above, *word;
};

static void ranges(const struct range_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		is(c[i].first, c[i].word);
		is(c[i].last, c[i].word);
		if (c[i].below)
			is_not(c[i].below, c[i].word);
		if (c[i].above)
			is_not(c[i].above, c[i].word);
	}
}

START_TEST(test_v4_ranges)
{
	static const struct range_case c[] = {
		{ "0.0.0.0", "0.255.255.255", NULL, "1.0.0.0", "this network" },
		{ "10.0.0.0", "10.255.255.255", "9.255.255.255", "11.0.0.0",
		  "private" },
		{ "100.64.0.0", "100.127.255.255", "100.63.255.255",
		  "100.128.0.0", "shared" },
		{ "127.0.0.0", "127.255.255.255", "126.255.255.255",
		  "128.0.0.0", "loopback" },
		{ "169.254.0.0", "169.254.255.255", "169.253.255.255",
		  "169.255.0.0", "link-local" },
		{ "172.16.0.0", "172.31.255.255", "172.15.255.255",
		  "172.32.0.0", "private" },
		{ "192.0.0.0", "192.0.0.255", "191.255.255.255", "192.0.1.0",
		  "IETF" },
		{ "192.0.2.0", "192.0.2.255", "192.0.1.255", "192.0.3.0",
		  "documentation" },
		{ "192.88.99.0", "192.88.99.255", "192.88.98.255",
		  "192.88.100.0", "6to4" },
		{ "192.168.0.0", "192.168.255.255", "192.167.255.255",
		  "192.169.0.0", "private" },
		{ "198.18.0.0", "198.19.255.255", "198.17.255.255",
		  "198.20.0.0", "benchmarking" },
		{ "198.51.100.0", "198.51.100.255", "198.51.99.255",
		  "198.51.101.0", "documentation" },
		{ "203.0.113.0", "203.0.113.255", "203.0.112.255",
		  "203.0.114.0", "documentation" },
		{ "224.0.0.0", "239.255.255.255", "223.255.255.255",
		  "240.0.0.0", "multicast" },
		{ "240.0.0.0", "255.255.255.255", "239.255.255.255", NULL,
		  "reserved" },
	};

	ranges(c, sizeof c / sizeof c[0]);
	/* the neighbours that are ordinary addresses */
	static const char *const outside[] = {
		"1.0.0.0", "9.255.255.255", "11.0.0.0", "100.63.255.255",
		"100.128.0.0", "126.255.255.255", "128.0.0.0", "169.253.255.255",
		"169.255.0.0", "172.15.255.255", "172.32.0.0", "191.255.255.255",
		"192.0.1.0", "192.0.1.255", "192.0.3.0", "192.88.98.255",
		"192.88.100.0", "192.167.255.255", "192.169.0.0",
		"198.17.255.255", "198.20.0.0", "198.51.99.255", "198.51.101.0",
		"203.0.112.255", "203.0.114.0", "223.255.255.255",
	};
	for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++)
		is_public(outside[i]);
}
END_TEST

START_TEST(test_v6_ranges)
{
	static const struct range_case c[] = {
		{ "::", "::", NULL, NULL, "unspecified" },
		{ "::1", "::1", NULL, NULL, "loopback" },
		{ "::ffff:0.0.0.0", "::ffff:255.255.255.255",
		  "::fffe:ffff:ffff", "::1:0:0:0", "IPv4-mapped" },
		{ "::2", "::255.255.255.255", "::1", "::1:0:0", "compatible" },
		{ "100::", "100::ffff:ffff:ffff:ffff", "ff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
		  "100:0:0:1::", "discard" },
		{ "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
		  "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db9::",
		  "documentation" },
		{ "2001::", "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff",
		  "2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "2001:200::",
		  "IETF" },
		{ "2002::", "2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
		  "2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "2003::", "6to4" },
		{ "3fff::", "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff",
		  "3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "3fff:1000::",
		  "documentation" },
		{ "fc00::", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
		  "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe00::",
		  "unique local" },
		{ "fe80::", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
		  "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fec0::",
		  "link-local" },
		{ "fec0::", "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
		  "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ff00::",
		  "site-local" },
		{ "ff00::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
		  "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", NULL, "multicast" },
	};

	ranges(c, sizeof c / sizeof c[0]);
	/* neighbours inside 2000::/3, the global unicast space */
	static const char *const outside[] = {
		"2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db9::",
		"2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "2001:200::",
		"2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "2003::",
		"3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "3fff:1000::",
	};
	for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++)
		is_public(outside[i]);
}
END_TEST

/* IPv6 outside 2000::/3 is not (yet) global unicast. */
START_TEST(test_v6_not_global_unicast)
{
	is("1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "global unicast");
	is("4000::", "global unicast");
	is("::1:0:0:0", "global unicast");
	is("8000::1", "global unicast");
	is_public("2000::");
	is_public("3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
}
END_TEST

START_TEST(test_public)
{
	static const char *const v4[] = {
		"8.8.8.8", "1.1.1.1", "198.41.0.4", "11.53.0.1", "193.0.14.129",
		"100.63.0.1", "172.217.0.1", "192.0.4.1", "223.1.2.3",
		"199.7.83.42",
	};
	static const char *const v6[] = {
		"2001:4860:4860::8888", "2606:4700:4700::1111",
		"2001:503:ba3e::2:30", "2001:500:2::c", "2600:53::1",
		"2a00:1450:4001::1", "2c0f:fb50::1", "3ffe::1",
	};

	for (size_t i = 0; i < sizeof v4 / sizeof v4[0]; i++)
		is_public(v4[i]);
	for (size_t i = 0; i < sizeof v6 / sizeof v6[0]; i++)
		is_public(v6[i]);
}
END_TEST

/* An IPv4 address reads only its 4 bytes, whatever follows them. */
START_TEST(test_v4_ignores_rest)
{
	unsigned char a[16];

	memset(a, 0xFF, sizeof a);
	a[0] = 8;
	a[1] = 8;
	a[2] = 8;
	a[3] = 8;
	ck_assert_ptr_null(netaddr_special(a, false));
	a[0] = 10;
	ck_assert_ptr_nonnull(netaddr_special(a, false));
}
END_TEST

static bool same(const char *x, const char *y)
{
	unsigned char a[16], b[16];
	bool v6 = parse(x, a);

	ck_assert(parse(y, b) == v6);
	bool r = netaddr_same_net(a, b, v6);
	ck_assert(netaddr_same_net(b, a, v6) == r);
	return r;
}

START_TEST(test_same_net_v4)
{
	ck_assert(same("11.53.1.1", "11.53.1.1"));
	ck_assert(same("11.53.1.0", "11.53.1.255"));
	ck_assert(!same("11.53.1.255", "11.53.2.0"));
	ck_assert(!same("11.53.1.1", "11.54.1.1"));
	ck_assert(!same("11.53.1.1", "12.53.1.1"));
	ck_assert(!same("11.53.1.1", "11.53.0.1"));

	/* only the first 4 bytes are an IPv4 address */
	unsigned char a[16] = { 11, 53, 1, 1 }, b[16] = { 11, 53, 1, 2 };
	memset(b + 4, 0xEE, 12);
	ck_assert(netaddr_same_net(a, b, false));
}
END_TEST

START_TEST(test_same_net_v6)
{
	ck_assert(same("2600:53:1::1", "2600:53:1::1"));
	ck_assert(same("2600:53:1::", "2600:53:1:ffff:ffff:ffff:ffff:ffff"));
	ck_assert(same("2600:53:1:1::1", "2600:53:1:2::1"));
	ck_assert(!same("2600:53:1:ffff:ffff:ffff:ffff:ffff", "2600:53:2::"));
	ck_assert(!same("2600:53:1::1", "2600:53:101::1"));
	ck_assert(!same("2600:53:1::1", "2600:54:1::1"));
	ck_assert(!same("2600:53:1::1", "2601:53:1::1"));
}
END_TEST

START_TEST(test_parse_bytes)
{
	struct netprefix p;

	ck_assert_int_eq(netaddr_parse("192.0.2.1", 9, false, &p), 0);
	ck_assert(!p.v6 && p.addr[3] == 1);
	/* the length counts, not a NUL: a NUL inside is refused */
	ck_assert_int_eq(netaddr_parse("192.0.2.1\0junk", 14, false, &p), -1);
	ck_assert_int_eq(netaddr_parse("192.0.2.10", 9, false, &p), 0);
	ck_assert_uint_eq(p.addr[3], 1);
	ck_assert_int_eq(netaddr_parse("", 0, false, &p), -1);
	ck_assert_int_eq(netaddr_parse("192.0.2.0/24", 12, false, &p), -1);
	ck_assert_int_eq(netaddr_parse("192.0.2.0/24", 12, true, &p), 0);
	ck_assert_uint_eq(p.bits, 24);
}
END_TEST

Suite *netaddr_suite(void)
{
	Suite *s = suite_create("netaddr");
	TCase *tc = tcase_create("special");

	tcase_add_test(tc, test_v4_ranges);
	tcase_add_test(tc, test_v6_ranges);
	tcase_add_test(tc, test_v6_not_global_unicast);
	tcase_add_test(tc, test_public);
	tcase_add_test(tc, test_v4_ignores_rest);
	suite_add_tcase(s, tc);

	tc = tcase_create("same_net");
	tcase_add_test(tc, test_same_net_v4);
	tcase_add_test(tc, test_same_net_v6);
	tcase_add_test(tc, test_parse_bytes);
	suite_add_tcase(s, tc);
	return s;
}
