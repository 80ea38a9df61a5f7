/*
 * Unit tests of the rate limit's parts: the token buckets (burst, refill,
 * the wait they report, which entry a new client takes, times left by a
 * crash), who a request is from (REMOTE_ADDR, trusted proxies' headers,
 * IPv6 /64s) and the address parser they rest on.
 */
#include <string.h>

#include "input/client.h"
#include "util/config.h"
#include "util/netaddr.h"
#include "cache/ratelimit.h"
#include "suites.h"

#define T0 1000000

static struct rate_entry set[RATE_WAYS];

static void clear_set(void)
{
	memset(set, 0, sizeof set);
}

/* How many charges in a row client gets at now. */
static unsigned allowed(uint64_t client, enum rate_kind kind,
			const struct rate_rule *r, int64_t now)
{
	unsigned n = 0;

	while (n < 100000 && rate_charge(set, client, kind, r, now) == 0)
		n++;
	return n;
}

START_TEST(test_burst_then_refill)
{
	struct rate_rule r = { .interval_ms = 200, .burst = 10 };

	clear_set();
	ck_assert_uint_eq(allowed(7, RATE_REQUESTS, &r, T0), 10);
	/* empty: the next token comes one interval later */
	ck_assert_uint_eq(rate_charge(set, 7, RATE_REQUESTS, &r, T0), 200);
	ck_assert_uint_eq(rate_charge(set, 7, RATE_REQUESTS, &r, T0 + 150), 50);
	ck_assert_uint_eq(rate_charge(set, 7, RATE_REQUESTS, &r, T0 + 200), 0);
	ck_assert_uint_eq(rate_charge(set, 7, RATE_REQUESTS, &r, T0 + 200), 200);
	/* a second refills five tokens; a long pause never more than burst */
	ck_assert_uint_eq(allowed(7, RATE_REQUESTS, &r, T0 + 1200), 5);
	ck_assert_uint_eq(allowed(7, RATE_REQUESTS, &r, T0 + 3600000), 10);
}
END_TEST

START_TEST(test_steady_rate)
{
	struct rate_rule r = { .interval_ms = 250, .burst = 3 };
	unsigned ok = 0;

	clear_set();
	/* asking every 50 ms for a minute: the burst, then four a second */
	for (int64_t t = 0; t < 60000; t += 50)
		ok += rate_charge(set, 9, RATE_REQUESTS, &r, T0 + t) == 0;
	ck_assert_uint_eq(ok, 3 + 60000 / 250 - 1);
}
END_TEST

START_TEST(test_kinds_and_clients_apart)
{
	struct rate_rule r = { .interval_ms = 1000, .burst = 2 };

	clear_set();
	ck_assert_uint_eq(allowed(1, RATE_REQUESTS, &r, T0), 2);
	ck_assert_uint_eq(allowed(1, RATE_LOOKUPS, &r, T0), 2);
	ck_assert_uint_eq(allowed(2, RATE_REQUESTS, &r, T0), 2);
	ck_assert_uint_ne(rate_charge(set, 1, RATE_REQUESTS, &r, T0), 0);
}
END_TEST

START_TEST(test_no_limit)
{
	struct rate_rule r = { .interval_ms = 0, .burst = 1 };

	clear_set();
	ck_assert_uint_eq(allowed(1, RATE_REQUESTS, &r, T0), 100000);
}
END_TEST

/* A new client takes a free entry first, then the one idle longest; the
 * clients that keep asking keep their (empty) buckets. */
START_TEST(test_new_client_takes_idlest)
{
	struct rate_rule r = { .interval_ms = 1000, .burst = 1 };

	clear_set();
	for (uint64_t c = 1; c <= RATE_WAYS; c++)
		ck_assert_uint_eq(rate_charge(set, c, RATE_REQUESTS, &r,
					      T0 + (int64_t)c), 0);
	/* client 1 asked first: it is the one pushed out */
	ck_assert_uint_eq(rate_charge(set, 100, RATE_REQUESTS, &r, T0 + 20), 0);
	for (uint64_t c = 2; c <= RATE_WAYS; c++)
		ck_assert_uint_ne(rate_charge(set, c, RATE_REQUESTS, &r, T0 + 20), 0);
	ck_assert_uint_ne(rate_charge(set, 100, RATE_REQUESTS, &r, T0 + 20), 0);
	ck_assert_uint_eq(rate_charge(set, 1, RATE_REQUESTS, &r, T0 + 20), 0);
}
END_TEST

/* A time far in the future (a crashed writer, a larger limit before a
 * restart) costs a client at most one empty bucket's wait. */
START_TEST(test_future_time_is_bounded)
{
	struct rate_rule r = { .interval_ms = 100, .burst = 5 };

	clear_set();
	set[3].client = 42;
	set[3].full_at[RATE_REQUESTS] = INT64_C(1) << 60;
	ck_assert_uint_eq(rate_charge(set, 42, RATE_REQUESTS, &r, T0), 100);
	ck_assert_uint_eq(rate_charge(set, 42, RATE_REQUESTS, &r, T0 + 100), 0);
}
END_TEST

/* ---- netaddr_parse ---- */

START_TEST(test_parse_addresses)
{
	struct netprefix p;

	ck_assert_int_eq(netaddr_parse("192.0.2.7", 9, false, &p), 0);
	ck_assert(!p.v6);
	ck_assert_uint_eq(p.bits, 32);
	ck_assert_int_eq(p.addr[3], 7);
	ck_assert_int_eq(netaddr_parse("10.0.0.0/8", 10, true, &p), 0);
	ck_assert_uint_eq(p.bits, 8);
	ck_assert_int_eq(netaddr_parse("2001:db8::/32", 13, true, &p), 0);
	ck_assert(p.v6);
	ck_assert_uint_eq(p.bits, 32);
	/* IPv4-mapped IPv6 is the IPv4 address */
	ck_assert_int_eq(netaddr_parse("::ffff:198.51.100.1", 19, false, &p), 0);
	ck_assert(!p.v6);
	ck_assert_int_eq(p.addr[0], 198);
	/* only the n bytes given are read */
	ck_assert_int_eq(netaddr_parse("192.0.2.1junk", 9, false, &p), 0);

	static const char *const bad[] = {
		"", "192.0.2", "192.0.2.1/24", "10.0.0.0/33", "10.0.0.0/", "::1/129",
		"10.0.0.0/8x", "1.2.3.4 ", "example.com", "[::1]", "fe80::1%lo",
		"10.0.0.0/-1",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(netaddr_parse(bad[i], strlen(bad[i]), true, &p) < 0,
			      "'%s' was accepted", bad[i]);
	ck_assert_int_lt(netaddr_parse("10.0.0.0/8", 10, false, &p), 0);
}
END_TEST

START_TEST(test_prefix_membership)
{
	struct netprefix net, a;

	ck_assert_int_eq(netaddr_parse("172.16.0.0/12", 13, true, &net), 0);
	ck_assert_int_eq(netaddr_parse("172.31.255.255", 14, false, &a), 0);
	ck_assert(netaddr_in(&net, a.addr, false));
	ck_assert_int_eq(netaddr_parse("172.32.0.0", 10, false, &a), 0);
	ck_assert(!netaddr_in(&net, a.addr, false));
	ck_assert_int_eq(netaddr_parse("::ac10:1", 8, false, &a), 0);
	ck_assert(!netaddr_in(&net, a.addr, true)); /* other family */
}
END_TEST

/* ---- client_identify ---- */

static struct config cfg;

static void proxies(const char *header, const char *list)
{
	char err[CONFIG_ERR_MAX];

	config_defaults(&cfg);
	ck_assert_int_eq(config_set(&cfg, "client_header", header, err,
				    sizeof err), 0);
	ck_assert_int_eq(config_set(&cfg, "trusted_proxies", list, err,
				    sizeof err), 0);
}

/* The key of client_identify() equals the one of addr alone. */
static void is_client(const char *remote, const char *header,
		      const char *expect)
{
	struct client got, want;
	struct config plain;

	ck_assert_msg(client_identify(&cfg, remote, header, &got),
		      "no client for %s", remote);
	config_defaults(&plain);
	ck_assert(client_identify(&plain, expect, NULL, &want));
	ck_assert_msg(got.key_len == want.key_len &&
		      memcmp(got.key, want.key, got.key_len) == 0,
		      "REMOTE_ADDR %s with header '%s' is not %s", remote,
		      header ? header : "(none)", expect);
}

START_TEST(test_client_remote_addr)
{
	struct client c;

	config_defaults(&cfg);
	is_client("192.0.2.1", NULL, "192.0.2.1");
	/* no proxy is trusted: the header is ignored */
	is_client("192.0.2.1", "198.51.100.9", "192.0.2.1");
	ck_assert(!client_identify(&cfg, NULL, NULL, &c));
	ck_assert(!client_identify(&cfg, "", NULL, &c));
	ck_assert(!client_identify(&cfg, "unix:", NULL, &c));
}
END_TEST

START_TEST(test_client_ipv6_by_64)
{
	struct client a, b, d;

	config_defaults(&cfg);
	ck_assert(client_identify(&cfg, "2001:db8:1:2::1", NULL, &a));
	ck_assert(client_identify(&cfg, "2001:db8:1:2:ffff::9", NULL, &b));
	ck_assert(client_identify(&cfg, "2001:db8:1:3::1", NULL, &d));
	ck_assert_uint_eq(a.key_len, b.key_len);
	ck_assert(memcmp(a.key, b.key, a.key_len) == 0);
	ck_assert(memcmp(a.key, d.key, a.key_len) != 0);
	/* IPv4-mapped IPv6 is the IPv4 client */
	is_client("::ffff:192.0.2.1", NULL, "192.0.2.1");
	/* an IPv4 address and an IPv6 one with the same first bytes differ */
	ck_assert(client_identify(&cfg, "192.0.2.1", NULL, &a));
	ck_assert(client_identify(&cfg, "c000:201::", NULL, &b));
	ck_assert(a.key_len != b.key_len ||
		  memcmp(a.key, b.key, a.key_len) != 0);
	ck_assert(memcmp(a.key + 1, b.key + 1, 4) == 0); /* same bytes */
}
END_TEST

START_TEST(test_client_trusted_proxies)
{
	proxies("X-Forwarded-For", "127.0.0.1, 10.0.0.0/8");
	is_client("127.0.0.1", "203.0.113.5", "203.0.113.5");
	/* the rightmost address that is not a proxy: earlier ones may be
	 * made up by the client */
	is_client("127.0.0.1", "1.1.1.1, 203.0.113.5, 10.1.2.3",
		  "203.0.113.5");
	is_client("127.0.0.1", " 203.0.113.5 ,10.0.0.2 ", "203.0.113.5");
	/* from an address that is not a proxy, the header counts for nothing */
	is_client("192.0.2.80", "203.0.113.5", "192.0.2.80");
	/* no header, or one that is not an address: the proxy itself */
	is_client("127.0.0.1", NULL, "127.0.0.1");
	is_client("127.0.0.1", "<script>", "127.0.0.1");
	is_client("127.0.0.1", "203.0.113.5, unknown", "127.0.0.1");
	is_client("127.0.0.1", "203.0.113.5,", "127.0.0.1");
	/* all proxies: the leftmost */
	is_client("127.0.0.1", "10.9.9.9", "10.9.9.9");
}
END_TEST

Suite *ratelimit_suite(void)
{
	Suite *s = suite_create("ratelimit");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_burst_then_refill);
	tcase_add_test(tc, test_steady_rate);
	tcase_add_test(tc, test_kinds_and_clients_apart);
	tcase_add_test(tc, test_no_limit);
	tcase_add_test(tc, test_new_client_takes_idlest);
	tcase_add_test(tc, test_future_time_is_bounded);
	tcase_add_test(tc, test_parse_addresses);
	tcase_add_test(tc, test_prefix_membership);
	tcase_add_test(tc, test_client_remote_addr);
	tcase_add_test(tc, test_client_ipv6_by_64);
	tcase_add_test(tc, test_client_trusted_proxies);
	suite_add_tcase(s, tc);
	return s;
}
