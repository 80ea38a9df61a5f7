/*
 * Unit tests of names: membership without regard to case, subsets,
 * equality in any order, the count of names missing, and the sort.
 */
#include <stdbool.h>
#include <stddef.h>

#include "util/names.h"
#include "suites.h"

#define N(a) (sizeof (a) / sizeof (a)[0])

static const char *const deleg[] = { "ns1.example.net", "ns2.example.org" };
static const char *const spelled[] = { "NS2.Example.ORG", "ns1.example.NET" };
static const char *const more[] = { "ns1.example.net", "ns2.example.org",
				    "ns3.example.com" };
static const char *const other[] = { "ns1.example.net", "ns3.example.com" };

START_TEST(test_has)
{
	ck_assert(names_has(deleg, N(deleg), "ns2.example.org"));
	ck_assert(names_has(deleg, N(deleg), "NS1.EXAMPLE.NET"));
	ck_assert(!names_has(deleg, N(deleg), "ns3.example.com"));
	/* a name is not its parent or its child */
	ck_assert(!names_has(deleg, N(deleg), "example.net"));
	ck_assert(!names_has(deleg, N(deleg), "a.ns1.example.net"));
	ck_assert(!names_has(deleg, 0, "ns1.example.net"));
	ck_assert(!names_has(NULL, 0, "ns1.example.net"));
}
END_TEST

START_TEST(test_subset_and_equal)
{
	ck_assert(names_subset(deleg, N(deleg), more, N(more)));
	ck_assert(!names_subset(more, N(more), deleg, N(deleg)));
	ck_assert(names_subset(NULL, 0, deleg, N(deleg)));
	ck_assert(names_equal(deleg, N(deleg), deleg, N(deleg)));
	/* another order and other case: the same set */
	ck_assert(names_equal(deleg, N(deleg), spelled, N(spelled)));
	ck_assert(names_equal(spelled, N(spelled), deleg, N(deleg)));
	ck_assert(!names_equal(deleg, N(deleg), more, N(more)));
	ck_assert(!names_equal(more, N(more), deleg, N(deleg)));
	ck_assert(!names_equal(deleg, N(deleg), other, N(other)));
	ck_assert(names_equal(NULL, 0, NULL, 0));
	ck_assert(!names_equal(NULL, 0, deleg, N(deleg)));
	/* alike at the start, then in another order, or then not alike */
	static const char *const three[] = { "a.example", "b.example", "c.example" };
	static const char *const swapped[] = { "a.example", "C.example", "b.example" };
	static const char *const changed[] = { "a.example", "b.example", "d.example" };
	ck_assert(names_equal(three, N(three), swapped, N(swapped)));
	ck_assert(!names_equal(three, N(three), changed, N(changed)));
	ck_assert(!names_equal(changed, N(changed), swapped, N(swapped)));
}
END_TEST

START_TEST(test_missing)
{
	ck_assert_uint_eq(names_missing(more, N(more), deleg, N(deleg)), 1);
	ck_assert_uint_eq(names_missing(deleg, N(deleg), more, N(more)), 0);
	ck_assert_uint_eq(names_missing(deleg, N(deleg), other, N(other)), 1);
	ck_assert_uint_eq(names_missing(other, N(other), NULL, 0), 2);
	ck_assert_uint_eq(names_missing(spelled, N(spelled), deleg, N(deleg)), 0);
}
END_TEST

START_TEST(test_sort)
{
	const char *v[] = { "ns2.example.org", "a.example", "ns1.example.net",
			    "ns10.example.net" };

	names_sort(v, N(v));
	ck_assert_str_eq(v[0], "a.example");
	ck_assert_str_eq(v[1], "ns1.example.net");
	ck_assert_str_eq(v[2], "ns10.example.net");
	ck_assert_str_eq(v[3], "ns2.example.org");
	names_sort(NULL, 0); /* nothing to sort, no pointer needed */
	names_sort(v, 1);
	ck_assert_str_eq(v[0], "a.example");
}
END_TEST

Suite *names_suite(void)
{
	Suite *s = suite_create("names");
	TCase *tc = tcase_create("sets");

	tcase_add_test(tc, test_has);
	tcase_add_test(tc, test_subset_and_equal);
	tcase_add_test(tc, test_missing);
	tcase_add_test(tc, test_sort);
	suite_add_tcase(s, tc);
	return s;
}
