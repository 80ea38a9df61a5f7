/*
 * Unit tests of netaddr: every row of the IANA special-purpose registries
 * (and multicast) at its first and last address and just outside it,
 * each case written out with what it should be, apart from the tables in
 * netaddr.c, so that a changed or lost row fails here; ordinary public
 * addresses of both families; the /24 and /48 boundaries of
 * netaddr_same_net(); address text (compared with inet_ntop, which
 * netaddr_format replaces on the hot path).
 */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/netaddr.h"
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

enum kind { PUBLIC, SPECIAL };

/* What netaddr_special() must say of addr: NULL, or exactly what. */
struct addr_case {
	const char *addr;
	enum kind kind;
	const char *what;
};

static void cases(const struct addr_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char a[16];
		bool v6 = parse(c[i].addr, a);
		const char *got = netaddr_special(a, v6);

		if (c[i].kind == PUBLIC)
			ck_assert_msg(got == NULL, "%s is \"%s\", not public",
				      c[i].addr, got);
		else
			ck_assert_msg(got && strcmp(got, c[i].what) == 0,
				      "%s is \"%s\", not \"%s\"", c[i].addr,
				      got ? got : "public", c[i].what);
	}
}

#define CASES(c) cases(c, sizeof c / sizeof c[0])

/* The texts people read, once each. */
#define THIS_NET   "\"this network\" (RFC 791)"
#define THIS_HOST  "\"this host on this network\" (RFC 1122)"
#define PRIVATE    "private (RFC 1918)"
#define SHARED     "shared address space (RFC 6598)"
#define LOOP4      "loopback (RFC 1122)"
#define LINK4      "link-local (RFC 3927)"
#define IETF4      "IETF protocol assignments (RFC 6890)"
#define CONTINUITY "IPv4 service continuity prefix (RFC 7335)"
#define DUMMY4     "IPv4 dummy (RFC 7600)"
#define NAT64_DISC "NAT64/DNS64 discovery (RFC 8880)"
#define TEST_NET_1 "documentation (TEST-NET-1, RFC 5737)"
#define TEST_NET_2 "documentation (TEST-NET-2, RFC 5737)"
#define TEST_NET_3 "documentation (TEST-NET-3, RFC 5737)"
#define RELAY_6TO4 "deprecated 6to4 relay anycast (RFC 7526)"
#define RELAY_6A44 "6a44 relay anycast (RFC 6751)"
#define BENCH4     "benchmarking (RFC 2544)"
#define MULTI4     "multicast (RFC 5771)"
#define RESERVED4  "reserved (RFC 1112)"
#define BROADCAST  "limited broadcast (RFC 919)"

START_TEST(test_v4_registry)
{
	static const struct addr_case c[] = {
		/* 0.0.0.0/8 "This network"; 0.0.0.0/32 inside it */
		{ "0.0.0.0", SPECIAL, THIS_HOST },
		{ "0.0.0.1", SPECIAL, THIS_NET },
		{ "0.255.255.255", SPECIAL, THIS_NET },
		{ "1.0.0.0", PUBLIC, NULL },
		/* 10.0.0.0/8 Private-Use */
		{ "9.255.255.255", PUBLIC, NULL },
		{ "10.0.0.0", SPECIAL, PRIVATE },
		{ "10.255.255.255", SPECIAL, PRIVATE },
		{ "11.0.0.0", PUBLIC, NULL },
		/* 100.64.0.0/10 Shared Address Space */
		{ "100.63.255.255", PUBLIC, NULL },
		{ "100.64.0.0", SPECIAL, SHARED },
		{ "100.127.255.255", SPECIAL, SHARED },
		{ "100.128.0.0", PUBLIC, NULL },
		/* 127.0.0.0/8 Loopback */
		{ "126.255.255.255", PUBLIC, NULL },
		{ "127.0.0.0", SPECIAL, LOOP4 },
		{ "127.255.255.255", SPECIAL, LOOP4 },
		{ "128.0.0.0", PUBLIC, NULL },
		/* 169.254.0.0/16 Link Local */
		{ "169.253.255.255", PUBLIC, NULL },
		{ "169.254.0.0", SPECIAL, LINK4 },
		{ "169.254.255.255", SPECIAL, LINK4 },
		{ "169.255.0.0", PUBLIC, NULL },
		/* 172.16.0.0/12 Private-Use */
		{ "172.15.255.255", PUBLIC, NULL },
		{ "172.16.0.0", SPECIAL, PRIVATE },
		{ "172.31.255.255", SPECIAL, PRIVATE },
		{ "172.32.0.0", PUBLIC, NULL },
		/* 192.0.0.0/24 IETF Protocol Assignments, where no more
		 * specific entry says otherwise */
		{ "191.255.255.255", PUBLIC, NULL },
		{ "192.0.0.11", SPECIAL, IETF4 },
		{ "192.0.0.169", SPECIAL, IETF4 },
		{ "192.0.0.172", SPECIAL, IETF4 },
		{ "192.0.0.255", SPECIAL, IETF4 },
		{ "192.0.1.0", PUBLIC, NULL },
		/* 192.0.0.0/29 IPv4 Service Continuity Prefix */
		{ "192.0.0.0", SPECIAL, CONTINUITY },
		{ "192.0.0.7", SPECIAL, CONTINUITY },
		/* 192.0.0.8/32 IPv4 dummy address */
		{ "192.0.0.8", SPECIAL, DUMMY4 },
		/* 192.0.0.9/32 PCP Anycast, 192.0.0.10/32 TURN Anycast */
		{ "192.0.0.9", PUBLIC, NULL },
		{ "192.0.0.10", PUBLIC, NULL },
		/* 192.0.0.170/32, 192.0.0.171/32 NAT64/DNS64 Discovery */
		{ "192.0.0.170", SPECIAL, NAT64_DISC },
		{ "192.0.0.171", SPECIAL, NAT64_DISC },
		/* 192.0.2.0/24 Documentation (TEST-NET-1) */
		{ "192.0.1.255", PUBLIC, NULL },
		{ "192.0.2.0", SPECIAL, TEST_NET_1 },
		{ "192.0.2.255", SPECIAL, TEST_NET_1 },
		{ "192.0.3.0", PUBLIC, NULL },
		/* 192.31.196.0/24 AS112-v4 */
		{ "192.31.195.255", PUBLIC, NULL },
		{ "192.31.196.0", PUBLIC, NULL },
		{ "192.31.196.1", PUBLIC, NULL },
		{ "192.31.196.255", PUBLIC, NULL },
		{ "192.31.197.0", PUBLIC, NULL },
		/* 192.52.193.0/24 AMT */
		{ "192.52.192.255", PUBLIC, NULL },
		{ "192.52.193.0", PUBLIC, NULL },
		{ "192.52.193.1", PUBLIC, NULL },
		{ "192.52.193.255", PUBLIC, NULL },
		{ "192.52.194.0", PUBLIC, NULL },
		/* 192.88.99.0/24 Deprecated (6to4 Relay Anycast): no value
		 * since its termination, so not reachable */
		{ "192.88.98.255", PUBLIC, NULL },
		{ "192.88.99.0", SPECIAL, RELAY_6TO4 },
		{ "192.88.99.1", SPECIAL, RELAY_6TO4 },
		{ "192.88.99.3", SPECIAL, RELAY_6TO4 },
		{ "192.88.99.255", SPECIAL, RELAY_6TO4 },
		{ "192.88.100.0", PUBLIC, NULL },
		/* 192.88.99.2/32 6a44-relay anycast address */
		{ "192.88.99.2", SPECIAL, RELAY_6A44 },
		/* 192.168.0.0/16 Private-Use */
		{ "192.167.255.255", PUBLIC, NULL },
		{ "192.168.0.0", SPECIAL, PRIVATE },
		{ "192.168.255.255", SPECIAL, PRIVATE },
		{ "192.169.0.0", PUBLIC, NULL },
		/* 192.175.48.0/24 Direct Delegation AS112 Service */
		{ "192.175.47.255", PUBLIC, NULL },
		{ "192.175.48.0", PUBLIC, NULL },
		{ "192.175.48.1", PUBLIC, NULL },
		{ "192.175.48.255", PUBLIC, NULL },
		{ "192.175.49.0", PUBLIC, NULL },
		/* 198.18.0.0/15 Benchmarking */
		{ "198.17.255.255", PUBLIC, NULL },
		{ "198.18.0.0", SPECIAL, BENCH4 },
		{ "198.19.255.255", SPECIAL, BENCH4 },
		{ "198.20.0.0", PUBLIC, NULL },
		/* 198.51.100.0/24 Documentation (TEST-NET-2) */
		{ "198.51.99.255", PUBLIC, NULL },
		{ "198.51.100.0", SPECIAL, TEST_NET_2 },
		{ "198.51.100.255", SPECIAL, TEST_NET_2 },
		{ "198.51.101.0", PUBLIC, NULL },
		/* 203.0.113.0/24 Documentation (TEST-NET-3) */
		{ "203.0.112.255", PUBLIC, NULL },
		{ "203.0.113.0", SPECIAL, TEST_NET_3 },
		{ "203.0.113.255", SPECIAL, TEST_NET_3 },
		{ "203.0.114.0", PUBLIC, NULL },
		/* 224.0.0.0/4 multicast (not in the registry) */
		{ "223.255.255.255", PUBLIC, NULL },
		{ "224.0.0.0", SPECIAL, MULTI4 },
		{ "239.255.255.255", SPECIAL, MULTI4 },
		/* 240.0.0.0/4 Reserved; 255.255.255.255/32 inside it */
		{ "240.0.0.0", SPECIAL, RESERVED4 },
		{ "255.255.255.254", SPECIAL, RESERVED4 },
		{ "255.255.255.255", SPECIAL, BROADCAST },
	};

	CASES(c);
}
END_TEST

#define LOOP6     "loopback (RFC 4291)"
#define UNSPEC    "unspecified (RFC 4291)"
#define MAPPED    "IPv4-mapped (RFC 4291)"
#define LOCAL_USE "local-use IPv4/IPv6 translation (RFC 8215)"
#define DISCARD   "discard-only (RFC 6666)"
#define DUMMY6    "IPv6 dummy prefix (RFC 9780)"
#define IETF6     "IETF protocol assignments (RFC 2928)"
#define TEREDO    "Teredo (RFC 4380)"
#define BENCH6    "benchmarking (RFC 5180)"
#define ORCHID    "deprecated ORCHID (RFC 4843)"
#define DOC_DB8   "documentation (RFC 3849)"
#define SIX_TO_4  "6to4 (RFC 3056)"
#define DOC_3FFF  "documentation (RFC 9637)"
#define SRV6      "SRv6 segment identifiers (RFC 9602)"
#define ULA       "unique local (RFC 4193)"
#define LINK6     "link-local (RFC 4291)"
#define MULTI6    "multicast (RFC 4291)"
#define NOT_GUA   "not global unicast (outside 2000::/3)"
#define NAT64_SPECIAL "NAT64 of a special-purpose IPv4 address (RFC 6052)"

START_TEST(test_v6_registry)
{
	static const struct addr_case c[] = {
		/* ::1/128 Loopback Address, ::/128 Unspecified Address */
		{ "::", SPECIAL, UNSPEC },
		{ "::1", SPECIAL, LOOP6 },
		{ "::2", SPECIAL, NOT_GUA },
		/* ::ffff:0:0/96 IPv4-mapped Address */
		{ "::fffe:ffff:ffff", SPECIAL, NOT_GUA },
		{ "::ffff:0.0.0.0", SPECIAL, MAPPED },
		{ "::ffff:8.8.8.8", SPECIAL, MAPPED },
		{ "::ffff:255.255.255.255", SPECIAL, MAPPED },
		{ "::1:0:0:0", SPECIAL, NOT_GUA },
		/* 64:ff9b::/96 IPv4-IPv6 Translat. (RFC 6052): reachable,
		 * although outside 2000::/3, for global IPv4 inside only */
		{ "64:ff9a:ffff:ffff:ffff:ffff:ffff:ffff", SPECIAL, NOT_GUA },
		{ "64:ff9b::", SPECIAL, NAT64_SPECIAL },
		{ "64:ff9b::1", SPECIAL, NAT64_SPECIAL },
		{ "64:ff9b::100:0", PUBLIC, NULL },
		{ "64:ff9b::808:808", PUBLIC, NULL },
		{ "64:ff9b::a00:1", SPECIAL, NAT64_SPECIAL },
		{ "64:ff9b::7f00:1", SPECIAL, NAT64_SPECIAL },
		{ "64:ff9b::c000:9", PUBLIC, NULL },
		{ "64:ff9b::dfff:ffff", PUBLIC, NULL },
		{ "64:ff9b::ffff:ffff", SPECIAL, NAT64_SPECIAL },
		{ "64:ff9b::1:0:0", SPECIAL, NOT_GUA },
		/* 64:ff9b:1::/48 IPv4-IPv6 Translat. (RFC 8215) */
		{ "64:ff9b:0:ffff:ffff:ffff:ffff:ffff", SPECIAL, NOT_GUA },
		{ "64:ff9b:1::", SPECIAL, LOCAL_USE },
		{ "64:ff9b:1::1", SPECIAL, LOCAL_USE },
		{ "64:ff9b:1:ffff:ffff:ffff:ffff:ffff", SPECIAL, LOCAL_USE },
		{ "64:ff9b:2::", SPECIAL, NOT_GUA },
		/* 100::/64 Discard-Only Address Block */
		{ "ff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", SPECIAL, NOT_GUA },
		{ "100::", SPECIAL, DISCARD },
		{ "100::ffff:ffff:ffff:ffff", SPECIAL, DISCARD },
		/* 100:0:0:1::/64 Dummy IPv6 Prefix */
		{ "100:0:0:1::", SPECIAL, DUMMY6 },
		{ "100::1:ffff:ffff:ffff:ffff", SPECIAL, DUMMY6 },
		{ "100:0:0:2::", SPECIAL, NOT_GUA },
		/* 2001::/23 IETF Protocol Assignments, where no more specific
		 * entry says otherwise */
		{ "2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff", PUBLIC, NULL },
		{ "2001:1::", SPECIAL, IETF6 },
		{ "2001:1::4", SPECIAL, IETF6 },
		{ "2001:5::1", SPECIAL, IETF6 },
		{ "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", SPECIAL, IETF6 },
		{ "2001:200::", PUBLIC, NULL },
		/* 2001::/32 TEREDO: N/A, so not reachable */
		{ "2001::", SPECIAL, TEREDO },
		{ "2001:0:ffff:ffff:ffff:ffff:ffff:ffff", SPECIAL, TEREDO },
		/* 2001:1::1/128 PCP Anycast, 2001:1::2/128 TURN Anycast,
		 * 2001:1::3/128 DNS-SD SRP Anycast */
		{ "2001:1::1", PUBLIC, NULL },
		{ "2001:1::2", PUBLIC, NULL },
		{ "2001:1::3", PUBLIC, NULL },
		/* 2001:2::/48 Benchmarking */
		{ "2001:1:ffff:ffff:ffff:ffff:ffff:ffff", SPECIAL, IETF6 },
		{ "2001:2::", SPECIAL, BENCH6 },
		{ "2001:2::1", SPECIAL, BENCH6 },
		{ "2001:2:0:ffff:ffff:ffff:ffff:ffff", SPECIAL, BENCH6 },
		{ "2001:2:1::", SPECIAL, IETF6 },
		/* 2001:3::/32 AMT */
		{ "2001:2:ffff:ffff:ffff:ffff:ffff:ffff", SPECIAL, IETF6 },
		{ "2001:3::", PUBLIC, NULL },
		{ "2001:3::1", PUBLIC, NULL },
		{ "2001:3:ffff:ffff:ffff:ffff:ffff:ffff", PUBLIC, NULL },
		{ "2001:4::", SPECIAL, IETF6 },
		/* 2001:4:112::/48 AS112-v6 */
		{ "2001:4:111:ffff:ffff:ffff:ffff:ffff", SPECIAL, IETF6 },
		{ "2001:4:112::", PUBLIC, NULL },
		{ "2001:4:112::1", PUBLIC, NULL },
		{ "2001:4:112:ffff:ffff:ffff:ffff:ffff", PUBLIC, NULL },
		{ "2001:4:113::", SPECIAL, IETF6 },
		/* 2001:10::/28 Deprecated (previously ORCHID): terminated */
		{ "2001:f:ffff:ffff:ffff:ffff:ffff:ffff", SPECIAL, IETF6 },
		{ "2001:10::", SPECIAL, ORCHID },
		{ "2001:1f:ffff:ffff:ffff:ffff:ffff:ffff", SPECIAL, ORCHID },
		/* 2001:20::/28 ORCHIDv2 */
		{ "2001:20::", PUBLIC, NULL },
		{ "2001:20::1", PUBLIC, NULL },
		{ "2001:2f:ffff:ffff:ffff:ffff:ffff:ffff", PUBLIC, NULL },
		/* 2001:30::/28 Drone Remote ID Protocol Entity Tags */
		{ "2001:30::", PUBLIC, NULL },
		{ "2001:3f:ffff:ffff:ffff:ffff:ffff:ffff", PUBLIC, NULL },
		{ "2001:40::", SPECIAL, IETF6 },
		/* 2001:db8::/32 Documentation */
		{ "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", PUBLIC, NULL },
		{ "2001:db8::", SPECIAL, DOC_DB8 },
		{ "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", SPECIAL, DOC_DB8 },
		{ "2001:db9::", PUBLIC, NULL },
		/* 2002::/16 6to4: N/A, so not reachable */
		{ "2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff", PUBLIC, NULL },
		{ "2002::", SPECIAL, SIX_TO_4 },
		{ "2002:808:808::1", SPECIAL, SIX_TO_4 },
		{ "2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff", SPECIAL, SIX_TO_4 },
		{ "2003::", PUBLIC, NULL },
		/* 2620:4f:8000::/48 Direct Delegation AS112 Service */
		{ "2620:4f:7fff:ffff:ffff:ffff:ffff:ffff", PUBLIC, NULL },
		{ "2620:4f:8000::", PUBLIC, NULL },
		{ "2620:4f:8000:ffff:ffff:ffff:ffff:ffff", PUBLIC, NULL },
		{ "2620:4f:8001::", PUBLIC, NULL },
		/* 3fff::/20 Documentation */
		{ "3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff", PUBLIC, NULL },
		{ "3fff::", SPECIAL, DOC_3FFF },
		{ "3fff::1", SPECIAL, DOC_3FFF },
		{ "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", SPECIAL, DOC_3FFF },
		{ "3fff:1000::", PUBLIC, NULL },
		/* 5f00::/16 Segment Routing (SRv6) SIDs */
		{ "5eff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", SPECIAL, NOT_GUA },
		{ "5f00::", SPECIAL, SRV6 },
		{ "5f00::1", SPECIAL, SRV6 },
		{ "5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff", SPECIAL, SRV6 },
		{ "5f01::", SPECIAL, NOT_GUA },
		/* fc00::/7 Unique-Local */
		{ "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", SPECIAL, NOT_GUA },
		{ "fc00::", SPECIAL, ULA },
		{ "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", SPECIAL, ULA },
		{ "fe00::", SPECIAL, NOT_GUA },
		/* fe80::/10 Link-Local Unicast */
		{ "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", SPECIAL, NOT_GUA },
		{ "fe80::", SPECIAL, LINK6 },
		{ "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", SPECIAL, LINK6 },
		{ "fec0::", SPECIAL, NOT_GUA },
		/* ff00::/8 multicast (not in the registry) */
		{ "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", SPECIAL, NOT_GUA },
		{ "ff00::", SPECIAL, MULTI6 },
		{ "ff02::1", SPECIAL, MULTI6 },
		{ "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", SPECIAL, MULTI6 },
	};

	CASES(c);
}
END_TEST

/* IPv6 outside 2000::/3 is not (yet) global unicast. */
START_TEST(test_v6_not_global_unicast)
{
	static const struct addr_case c[] = {
		{ "1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", SPECIAL, NOT_GUA },
		{ "2000::", PUBLIC, NULL },
		{ "3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", PUBLIC, NULL },
		{ "4000::", SPECIAL, NOT_GUA },
		{ "8000::1", SPECIAL, NOT_GUA },
		{ "::192.0.2.1", SPECIAL, NOT_GUA },  /* IPv4-compatible */
	};

	CASES(c);
}
END_TEST

START_TEST(test_public)
{
	static const struct addr_case c[] = {
		{ "8.8.8.8", PUBLIC, NULL },
		{ "1.1.1.1", PUBLIC, NULL },
		{ "198.41.0.4", PUBLIC, NULL },
		{ "11.53.0.1", PUBLIC, NULL },
		{ "193.0.14.129", PUBLIC, NULL },
		{ "172.217.0.1", PUBLIC, NULL },
		{ "192.0.4.1", PUBLIC, NULL },
		{ "223.1.2.3", PUBLIC, NULL },
		{ "199.7.83.42", PUBLIC, NULL },
		{ "2001:4860:4860::8888", PUBLIC, NULL },
		{ "2606:4700:4700::1111", PUBLIC, NULL },
		{ "2001:503:ba3e::2:30", PUBLIC, NULL },
		{ "2001:500:2::c", PUBLIC, NULL },
		{ "2600:53::1", PUBLIC, NULL },
		{ "2a00::1", PUBLIC, NULL },
		{ "2a00:1450:4001::1", PUBLIC, NULL },
		{ "2c0f:fb50::1", PUBLIC, NULL },
		{ "3ffe::1", PUBLIC, NULL },
	};

	CASES(c);
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

static void same_as_inet_ntop(const unsigned char *a, bool v6)
{
	char ours[64], theirs[64];

	netaddr_format(a, v6, ours, sizeof ours);
	ck_assert_ptr_nonnull(inet_ntop(v6 ? AF_INET6 : AF_INET, a, theirs,
					sizeof theirs));
	ck_assert_str_eq(ours, theirs);
}

static void v6(const char *text)
{
	unsigned char a[16];

	ck_assert_int_eq(inet_pton(AF_INET6, text, a), 1);
	same_as_inet_ntop(a, true);
}

START_TEST(test_ipv6_edge_cases)
{
	/* zero runs: none, one group (not compressed), leading, trailing,
	 * the longer of two, the first of two equal ones, all zero */
	static const char *const cases[] = {
		"2001:db8:1:2:3:4:5:6", "2001:db8:0:1:1:1:1:1", "::1", "1::",
		"2001:0:0:1:0:0:0:1", "2001:db8:0:0:1:0:0:1", "::",
		"::ffff:192.0.2.1", "::192.0.2.1", "::ffff:0:1", "fe80::1:2",
		"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0:1:0:1:0:1:0:1",
		"1:0:0:0:0:0:0:0", "::fffe:1.2.3.4", "0:0:0:0:0:1:0:0",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		v6(cases[i]);
}
END_TEST

START_TEST(test_random_addresses)
{
	unsigned char a[16];

	srand(42);
	for (int k = 0; k < 100000; k++) {
		/* many zero and 0xff bytes, so that runs and IPv4 forms occur */
		for (int i = 0; i < 16; i++) {
			int r = rand() % 4;
			a[i] = (unsigned char)(r == 0 ? rand() : r == 1 ? 0 :
					       r == 2 ? 0xFF : rand() & 1);
		}
		if (k % 5 == 0)
			memset(a, 0, 10 + (k % 3));
		same_as_inet_ntop(a, true);
		same_as_inet_ntop(a, false);
	}
}
END_TEST

START_TEST(test_ipv4)
{
	static const unsigned char a[][4] = {
		{ 0, 0, 0, 0 }, { 255, 255, 255, 255 }, { 192, 0, 2, 1 },
		{ 10, 100, 9, 99 },
	};
	for (size_t i = 0; i < sizeof a / sizeof a[0]; i++)
		same_as_inet_ntop(a[i], false);
}
END_TEST

START_TEST(test_small_output_buffer)
{
	unsigned char a[16] = { 0x20, 0x01, 0x0d, 0xb8, 1, 2, 3, 4, 5, 6, 7, 8,
				9, 10, 11, 12 };
	char out[8] = "xxxxxxx";

	/* too small: an empty string, never a cut address */
	netaddr_format(a, true, out, sizeof out);
	ck_assert_str_eq(out, "");
}
END_TEST

Suite *netaddr_suite(void)
{
	Suite *s = suite_create("netaddr");
	TCase *tc = tcase_create("special");

	tcase_add_test(tc, test_v4_registry);
	tcase_add_test(tc, test_v6_registry);
	tcase_add_test(tc, test_v6_not_global_unicast);
	tcase_add_test(tc, test_public);
	tcase_add_test(tc, test_v4_ignores_rest);
	suite_add_tcase(s, tc);

	tc = tcase_create("same_net");
	tcase_add_test(tc, test_same_net_v4);
	tcase_add_test(tc, test_same_net_v6);
	tcase_add_test(tc, test_parse_bytes);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_test(tc, test_ipv6_edge_cases);
	tcase_add_test(tc, test_random_addresses);
	tcase_add_test(tc, test_ipv4);
	tcase_add_test(tc, test_small_output_buffer);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
