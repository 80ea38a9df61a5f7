/*
 * Unit tests of expect: reading the expected name servers (case, trailing
 * dots, duplicates, IDN, separators), a bad name and one too many.
 */
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "report/expect.h"
#include "suites.h"

static struct arena *a;

static void setup(void)
{
	a = arena_new(1 << 20);
	ck_assert_ptr_nonnull(a);
}

static void teardown(void)
{
	arena_free(a);
}

static enum expect_error parse(const char *s, struct expect_list *e,
			       char *bad)
{
	return expect_parse(a, s, strlen(s), e, bad, 64);
}

START_TEST(test_parse)
{
	struct expect_list e;
	char bad[64] = "";

	ck_assert_int_eq(parse(" NS2.Example.NET,ns1.example.net  ns2.example.net.,", &e, bad),
			 EXPECT_OK);
	ck_assert_uint_eq(e.n, 2);
	ck_assert_str_eq(e.names[0], "ns1.example.net");
	ck_assert_str_eq(e.names[1], "ns2.example.net");
	ck_assert_int_eq(parse("ns1.bücher.example", &e, bad), EXPECT_OK);
	ck_assert_str_eq(e.names[0], "ns1.xn--bcher-kva.example");
	ck_assert_int_eq(parse(" , ", &e, bad), EXPECT_OK);
	ck_assert_uint_eq(e.n, 0);
	ck_assert_int_eq(parse("ns1.example.net, bad..name", &e, bad),
			 EXPECT_BAD_NAME);
	ck_assert_str_eq(bad, "bad..name");
	ck_assert_int_eq(parse("a.x b.x c.x d.x e.x f.x g.x h.x i.x j.x k.x l.x m.x n.x",
			       &e, bad), EXPECT_TOO_MANY);
}
END_TEST

Suite *expect_suite(void)
{
	Suite *s = suite_create("expect");
	TCase *tc = tcase_create("parse");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_parse);
	suite_add_tcase(s, tc);
	return s;
}
