/*
 * Unit tests of checks: ns_count and ns_resolves over hand-built results,
 * the cap on names listed in a sentence, and no findings for answers
 * that are not a list of name servers.
 */
#include <stdio.h>
#include <string.h>

#include "checks.h"
#include "result.h"
#include "suites.h"

static unsigned char v4[1][16] = { { 192, 0, 2, 1 } };
static unsigned char v6[1][16] = { { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 } };

static struct ns_server servers[8];
static char names[8][300];
static struct ns_result result;
static struct finding found[CHECKS_MAX];

/* n servers "nsI.example.net", each with an IPv4 and an IPv6 address. */
static void make(size_t n)
{
	memset(&result, 0, sizeof result);
	memset(servers, 0, sizeof servers);
	memset(found, 0, sizeof found);
	for (size_t i = 0; i < n; i++) {
		snprintf(names[i], sizeof names[i], "ns%zu.example.net", i + 1);
		servers[i].name = names[i];
		servers[i].ttl = 3600;
		servers[i].v4 = (struct ns_addrs){ ADDR_FOUND, 1, v4, 3600 };
		servers[i].v6 = (struct ns_addrs){ ADDR_FOUND, 1, v6, 3600 };
	}
	result.status = LOOKUP_FOUND;
	result.qname = result.owner = "example.com";
	result.ns = servers;
	result.n_ns = n;
}

/* Server i has no address; each family ends in state s. */
static void no_address(size_t i, enum addr_state s4, enum addr_state s6)
{
	servers[i].v4 = (struct ns_addrs){ .state = s4 };
	servers[i].v6 = (struct ns_addrs){ .state = s6 };
}

static size_t run(void)
{
	return checks_run(&result, NULL, found, CHECKS_MAX);
}

/* The finding with this id; fails the test when there is none. */
static const struct finding *get(size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(found[i].id, id) == 0)
			return &found[i];
	ck_abort_msg("no finding '%s'", id);
	return NULL;
}

#define MSG_HAS(f, needle) \
	ck_assert_msg(strstr((f)->message, (needle)) != NULL, \
		      "\"%s\" lacks \"%s\"", (f)->message, (needle))
#define MSG_LACKS(f, needle) \
	ck_assert_msg(strstr((f)->message, (needle)) == NULL, \
		      "\"%s\" has \"%s\"", (f)->message, (needle))

START_TEST(test_one_ns)
{
	make(1);
	size_t n = run();
	ck_assert_uint_eq(n, 2);
	const struct finding *f = get(n, "ns_count");
	ck_assert_int_eq(f->status, CHECK_FAIL);
	MSG_HAS(f, "ns1.example.net");
	ck_assert_int_eq(get(n, "ns_resolves")->status, CHECK_PASS);
}
END_TEST

START_TEST(test_two_ns)
{
	make(2);
	size_t n = run();
	ck_assert_uint_eq(n, 2);
	const struct finding *f = get(n, "ns_count");
	ck_assert_int_eq(f->status, CHECK_PASS);
	MSG_HAS(f, "2 name servers");
	f = get(n, "ns_resolves");
	ck_assert_int_eq(f->status, CHECK_PASS);
	ck_assert_uint_gt(strlen(f->message), 0);
}
END_TEST

START_TEST(test_one_family_is_enough)
{
	make(2);
	servers[0].v6 = (struct ns_addrs){ .state = ADDR_NONE };
	servers[1].v4 = (struct ns_addrs){ .state = ADDR_NONE };
	size_t n = run();
	ck_assert_int_eq(get(n, "ns_resolves")->status, CHECK_PASS);
}
END_TEST

START_TEST(test_some_without_address)
{
	make(3);
	no_address(1, ADDR_NONE, ADDR_NONE);
	size_t n = run();
	const struct finding *f = get(n, "ns_resolves");
	ck_assert_int_eq(f->status, CHECK_WARN);
	MSG_HAS(f, "ns2.example.net");
	MSG_HAS(f, "no A or AAAA record");
	MSG_LACKS(f, "ns1.example.net");
	MSG_LACKS(f, "ns3.example.net");
	/* the count check is not affected */
	ck_assert_int_eq(get(n, "ns_count")->status, CHECK_PASS);
}
END_TEST

START_TEST(test_all_without_address)
{
	make(2);
	no_address(0, ADDR_NONE, ADDR_NONE);
	no_address(1, ADDR_NXDOMAIN, ADDR_NXDOMAIN);
	size_t n = run();
	const struct finding *f = get(n, "ns_resolves");
	ck_assert_int_eq(f->status, CHECK_FAIL);
	MSG_HAS(f, "ns1.example.net");
	MSG_HAS(f, "ns2.example.net");
	MSG_HAS(f, "does not exist");
}
END_TEST

START_TEST(test_reasons)
{
	make(4);
	no_address(0, ADDR_TIMEOUT, ADDR_NONE);
	no_address(1, ADDR_FAILED, ADDR_FAILED);
	no_address(2, ADDR_NONE, ADDR_NXDOMAIN);
	size_t n = run();
	const struct finding *f = get(n, "ns_resolves");
	ck_assert_int_eq(f->status, CHECK_WARN);
	MSG_HAS(f, "ns1.example.net (the address lookup timed out)");
	MSG_HAS(f, "ns2.example.net (the address lookup failed)");
	MSG_HAS(f, "ns3.example.net (its name does not exist)");
	MSG_LACKS(f, "more");
}
END_TEST

START_TEST(test_names_listed_cap)
{
	char more[32];

	make(6);
	for (size_t i = 0; i < 5; i++)
		no_address(i, ADDR_NONE, ADDR_NONE);
	size_t n = run();
	const struct finding *f = get(n, "ns_resolves");
	ck_assert_int_eq(f->status, CHECK_WARN);
	for (size_t i = 0; i < CHECKS_NAMES_LISTED; i++)
		MSG_HAS(f, names[i]);
	for (size_t i = CHECKS_NAMES_LISTED; i < 6; i++)
		MSG_LACKS(f, names[i]);
	snprintf(more, sizeof more, "and %d more", 5 - CHECKS_NAMES_LISTED);
	MSG_HAS(f, more);
}
END_TEST

START_TEST(test_names_listed_exactly)
{
	make(CHECKS_NAMES_LISTED + 1);
	for (size_t i = 0; i < CHECKS_NAMES_LISTED; i++)
		no_address(i, ADDR_NONE, ADDR_NONE);
	size_t n = run();
	const struct finding *f = get(n, "ns_resolves");
	for (size_t i = 0; i < CHECKS_NAMES_LISTED; i++)
		MSG_HAS(f, names[i]);
	MSG_LACKS(f, "more");

	/* one more than the cap: "and 1 more" */
	make(CHECKS_NAMES_LISTED + 2);
	for (size_t i = 0; i <= CHECKS_NAMES_LISTED; i++)
		no_address(i, ADDR_NONE, ADDR_NONE);
	n = run();
	MSG_HAS(get(n, "ns_resolves"), "and 1 more");
}
END_TEST

START_TEST(test_long_names_fit)
{
	make(5);
	/* names of 253 octets: the sentence still ends properly */
	for (size_t i = 0; i < 5; i++) {
		memset(names[i], 'a' + (int)i, 253);
		names[i][253] = '\0';
		no_address(i, ADDR_NONE, ADDR_NONE);
	}
	size_t n = run();
	const struct finding *f = get(n, "ns_resolves");
	ck_assert_int_eq(f->status, CHECK_FAIL);
	MSG_HAS(f, names[0]);
	MSG_HAS(f, names[2]);
	MSG_HAS(f, "and 2 more");
	MSG_HAS(f, "cannot resolve");
}
END_TEST

START_TEST(test_skipped_not_counted)
{
	/* name servers past max_ns were not looked up: no verdict on them */
	make(3);
	servers[2].v4 = (struct ns_addrs){ .state = ADDR_SKIPPED };
	servers[2].v6 = (struct ns_addrs){ .state = ADDR_SKIPPED };
	size_t n = run();
	const struct finding *f = get(n, "ns_resolves");
	ck_assert_int_eq(f->status, CHECK_PASS);
	MSG_LACKS(f, "ns3.example.net");

	/* every server looked up has no address: a failure */
	no_address(0, ADDR_NONE, ADDR_NONE);
	no_address(1, ADDR_NONE, ADDR_NONE);
	n = run();
	ck_assert_int_eq(get(n, "ns_resolves")->status, CHECK_FAIL);
}
END_TEST

START_TEST(test_not_found_statuses)
{
	static const enum lookup_status other[] = {
		LOOKUP_NXDOMAIN, LOOKUP_NO_NS, LOOKUP_SERVFAIL, LOOKUP_TIMEOUT,
		LOOKUP_ERROR,
	};

	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
		make(2);
		result.status = other[i];
		ck_assert_uint_eq(run(), 0);
	}
	make(0);
	ck_assert_uint_eq(run(), 0);
}
END_TEST

START_TEST(test_respects_max)
{
	struct finding two[2];

	make(2);
	memset(two, 0, sizeof two);
	two[1].id = "canary";
	size_t n = checks_run(&result, NULL, two, 1);
	ck_assert_uint_le(n, 1);
	ck_assert_str_eq(two[1].id, "canary");
	ck_assert_uint_eq(checks_run(&result, NULL, two, 0), 0);
}
END_TEST

START_TEST(test_status_names)
{
	ck_assert_str_eq(check_status_id(CHECK_PASS), "pass");
	ck_assert_str_eq(check_status_id(CHECK_INFO), "info");
	ck_assert_str_eq(check_status_id(CHECK_WARN), "warn");
	ck_assert_str_eq(check_status_id(CHECK_FAIL), "fail");
	ck_assert_str_eq(check_status_word(CHECK_PASS), "Passed");
	ck_assert_str_eq(check_status_word(CHECK_WARN), "Warning");
	ck_assert_str_ne(check_status_word(CHECK_FAIL),
			 check_status_word(CHECK_INFO));
}
END_TEST

Suite *checks_suite(void)
{
	Suite *s = suite_create("checks");
	TCase *tc = tcase_create("checks");

	tcase_add_test(tc, test_one_ns);
	tcase_add_test(tc, test_two_ns);
	tcase_add_test(tc, test_one_family_is_enough);
	tcase_add_test(tc, test_some_without_address);
	tcase_add_test(tc, test_all_without_address);
	tcase_add_test(tc, test_reasons);
	tcase_add_test(tc, test_names_listed_cap);
	tcase_add_test(tc, test_names_listed_exactly);
	tcase_add_test(tc, test_long_names_fit);
	tcase_add_test(tc, test_skipped_not_counted);
	tcase_add_test(tc, test_not_found_statuses);
	tcase_add_test(tc, test_respects_max);
	tcase_add_test(tc, test_status_names);
	suite_add_tcase(s, tc);
	return s;
}
