/*
 * Unit tests of etag: the tag changes with the body and only with it, and
 * If-None-Match matches a list, "*", a weak tag, and nothing malformed.
 */
#include <check.h>
#include <string.h>

#include "util/etag.h"
#include "suites.h"

START_TEST(test_tag)
{
	char a[ETAG_SIZE], b[ETAG_SIZE], c[ETAG_SIZE];

	etag_of("page", 4, a);
	etag_of("page", 4, b);
	etag_of("pagf", 4, c);
	ck_assert_str_eq(a, b);
	ck_assert_str_ne(a, c);
	ck_assert_uint_eq(strlen(a), ETAG_SIZE - 1);
	ck_assert_int_eq(a[0], '"');
	ck_assert_int_eq(a[ETAG_SIZE - 2], '"');
	ck_assert_uint_eq(strspn(a + 1, "0123456789abcdef"), 16);
}
END_TEST

START_TEST(test_matches)
{
	const char *t = "\"0123456789abcdef\"";

	ck_assert(etag_matches("\"0123456789abcdef\"", t));
	ck_assert(etag_matches("W/\"0123456789abcdef\"", t));
	ck_assert(etag_matches("\"aaaa\", \"0123456789abcdef\"", t));
	ck_assert(etag_matches("\"aaaa\",W/\"0123456789abcdef\" ", t));
	ck_assert(etag_matches("*", t));
	ck_assert(!etag_matches(NULL, t));
	ck_assert(!etag_matches("", t));
	ck_assert(!etag_matches("\"0123456789abcdee\"", t));
	ck_assert(!etag_matches("\"0123456789abcdef", t));     /* unclosed */
	ck_assert(!etag_matches("0123456789abcdef", t));       /* unquoted */
	ck_assert(!etag_matches("\"0123456789abcdef0\"", t));  /* longer */
	ck_assert(!etag_matches("\"x\" junk \"0123456789abcdef\"", t));
}
END_TEST

Suite *etag_suite(void)
{
	Suite *s = suite_create("etag");
	TCase *tc = tcase_create("etag");

	tcase_add_test(tc, test_tag);
	tcase_add_test(tc, test_matches);
	suite_add_tcase(s, tc);
	return s;
}
