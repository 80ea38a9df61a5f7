/*
 * Unit tests of zones: a zone's servers through the cache value and back,
 * and values that must not decode.
 */
#include <arpa/inet.h>
#include <string.h>

#include "cache/cache.h"
#include "cache/zones.h"
#include "util/arena.h"
#include "suites.h"

static struct report_addr addr_of(const char *name, const char *ip)
{
	struct report_addr a = { .name = name, .v6 = strchr(ip, ':') != NULL };

	ck_assert_int_eq(inet_pton(a.v6 ? AF_INET6 : AF_INET, ip, a.addr), 1);
	return a;
}

START_TEST(test_round_trip)
{
	struct arena *a = arena_new(1 << 16);
	struct report_addr s[3] = { addr_of("a.nic.test", "192.0.2.1"),
				    addr_of("a.nic.test", "2001:db8::1"),
				    addr_of("b.nic.test", "198.51.100.7") };
	struct report_zone z = { "test", s, 3, 3600 }, back;
	unsigned char v[CACHE_SLOT_SIZE];

	size_t len = zones_encode(&z, v, sizeof v);
	ck_assert_uint_eq(len, 2 + 3 * 2 + 4 + 16 + 4 + 3 * 10);
	ck_assert_int_eq(zones_decode(v, len, "test", a, &back), 0);
	ck_assert_str_eq(back.zone, "test");
	ck_assert_uint_eq(back.n, 3);
	for (size_t i = 0; i < 3; i++) {
		ck_assert_str_eq(back.servers[i].name, s[i].name);
		ck_assert_int_eq(back.servers[i].v6, s[i].v6);
		ck_assert_mem_eq(back.servers[i].addr, s[i].addr, 16);
	}
	/* cut anywhere, or one byte too many: refused */
	for (size_t cut = 0; cut < len; cut++)
		ck_assert_int_eq(zones_decode(v, cut, "test", a, &back), -1);
	ck_assert_int_eq(zones_decode(v, len + 1, "test", a, &back), -1);
	/* another version, a family byte that is neither */
	v[0] = 9;
	ck_assert_int_eq(zones_decode(v, len, "test", a, &back), -1);
	v[0] = 1;
	v[2] = 2;
	ck_assert_int_eq(zones_decode(v, len, "test", a, &back), -1);
	/* no room: nothing encoded */
	ck_assert_uint_eq(zones_encode(&z, v, 20), 0);
	arena_free(a);
}
END_TEST

Suite *zones_suite(void)
{
	Suite *s = suite_create("zones");
	TCase *tc = tcase_create("zones");

	tcase_add_test(tc, test_round_trip);
	suite_add_tcase(s, tc);
	return s;
}
