/*
 * Unit tests of form: x-www-form-urlencoded decoding, the field limit,
 * bad escapes with their offsets, and binary-safe values.
 */
#include <stdio.h>
#include <string.h>

#include "util/arena.h"
#include "input/form.h"
#include "suites.h"

static struct arena *arena;
static struct form form;

static void setup(void)
{
	arena = arena_new(1 << 20);
	memset(&form, 0, sizeof form);
}

static void teardown(void)
{
	arena_free(arena);
}

static enum form_error parse(const char *s, struct form_problem *why)
{
	return form_parse(arena, s, strlen(s), &form, why);
}

/* The value of the only field named key; fails the test otherwise. */
static const struct form_field *only(const char *key)
{
	size_t count = 99;
	const struct form_field *f = form_get(&form, key, &count);

	ck_assert_msg(f != NULL, "no field '%s'", key);
	ck_assert_uint_eq(count, 1);
	return f;
}

START_TEST(test_simple)
{
	struct form_problem why;

	ck_assert_int_eq(parse("domain=example.com&format=json", &why), FORM_OK);
	ck_assert_int_eq(why.code, FORM_OK);
	ck_assert_uint_eq(form.n, 2);
	ck_assert_str_eq(only("domain")->value, "example.com");
	ck_assert_uint_eq(only("domain")->value_len, 11);
	ck_assert_str_eq(only("format")->value, "json");
	ck_assert_str_eq(form.field[0].key, "domain");
	ck_assert_uint_eq(form.field[0].key_len, 6);
}
END_TEST

START_TEST(test_empty_input)
{
	struct form_problem why;

	ck_assert_int_eq(parse("", &why), FORM_OK);
	ck_assert_uint_eq(form.n, 0);
}
END_TEST

START_TEST(test_percent_escapes)
{
	struct form_problem why;

	ck_assert_int_eq(parse("k=%41%62%6a%4A%2f%2F&%64omain=x", &why), FORM_OK);
	ck_assert_str_eq(only("k")->value, "AbjJ//");
	ck_assert_uint_eq(only("k")->value_len, 6);
	/* keys are decoded too */
	ck_assert_str_eq(only("domain")->value, "x");
	/* UTF-8 comes through as bytes */
	ck_assert_int_eq(parse("u=b%C3%BCcher", &why), FORM_OK);
	ck_assert_str_eq(only("u")->value, "b\xC3\xBC" "cher");
}
END_TEST

START_TEST(test_plus)
{
	struct form_problem why;

	ck_assert_int_eq(parse("a=x+y+&b=%2B&c=1%2b1&d+e=f", &why), FORM_OK);
	ck_assert_str_eq(only("a")->value, "x y ");
	ck_assert_str_eq(only("b")->value, "+");
	ck_assert_str_eq(only("c")->value, "1+1");
	ck_assert_str_eq(only("d e")->value, "f");
}
END_TEST

START_TEST(test_empty_pieces)
{
	struct form_problem why;

	ck_assert_int_eq(parse("&&a=1&&&b=2&", &why), FORM_OK);
	ck_assert_uint_eq(form.n, 2);
	ck_assert_str_eq(only("a")->value, "1");
	ck_assert_str_eq(only("b")->value, "2");
	ck_assert_int_eq(parse("&", &why), FORM_OK);
	ck_assert_uint_eq(form.n, 2);
}
END_TEST

START_TEST(test_key_without_value)
{
	struct form_problem why;

	ck_assert_int_eq(parse("flag&x=1&empty=", &why), FORM_OK);
	ck_assert_uint_eq(form.n, 3);
	ck_assert_str_eq(only("flag")->value, "");
	ck_assert_uint_eq(only("flag")->value_len, 0);
	ck_assert_str_eq(only("empty")->value, "");
	ck_assert_uint_eq(only("empty")->value_len, 0);
	ck_assert_str_eq(only("x")->value, "1");
}
END_TEST

START_TEST(test_value_with_equals)
{
	struct form_problem why;

	ck_assert_int_eq(parse("a=b=c&=v", &why), FORM_OK);
	ck_assert_str_eq(only("a")->value, "b=c");
	ck_assert_str_eq(only("")->value, "v");
}
END_TEST

START_TEST(test_repeated_keys)
{
	struct form_problem why;
	size_t count = 0;

	ck_assert_int_eq(parse("k=1&other=0&k=2&k=3", &why), FORM_OK);
	const struct form_field *f = form_get(&form, "k", &count);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(count, 3);
	ck_assert_str_eq(f->value, "1"); /* the first one */
	/* a prefix of a key is another key */
	ck_assert_ptr_null(form_get(&form, "oth", &count));
	ck_assert_uint_eq(count, 0);
	/* count may be NULL */
	ck_assert_ptr_nonnull(form_get(&form, "other", NULL));
}
END_TEST

START_TEST(test_missing_key)
{
	struct form_problem why;
	size_t count = 5;

	ck_assert_int_eq(parse("a=1", &why), FORM_OK);
	ck_assert_ptr_null(form_get(&form, "domain", &count));
	ck_assert_uint_eq(count, 0);
}
END_TEST

/* The offset must point at the '%' of the broken escape. */
static void expect_bad(const char *s, size_t offset)
{
	struct form_problem why;

	memset(&form, 0, sizeof form);
	ck_assert_int_eq(parse(s, &why), FORM_BAD_ESCAPE);
	ck_assert_int_eq(why.code, FORM_BAD_ESCAPE);
	ck_assert_msg(why.offset == offset, "'%s': offset %zu, want %zu", s,
		      why.offset, offset);
	ck_assert_int_eq(s[why.offset], '%');
}

START_TEST(test_bad_escapes)
{
	expect_bad("a=%zz", 2);
	expect_bad("a=%4", 2);
	expect_bad("a=%", 2);
	expect_bad("a=%4&b=1", 2);
	expect_bad("a=%g1", 2);
	expect_bad("a=%1g", 2);
	expect_bad("x=1&y=ab%g1", 8);   /* in a later value */
	expect_bad("x=1&y%zz=2", 5);    /* in a key */
	expect_bad("%=1", 0);
	expect_bad("a=%41%", 5);        /* after a good escape */
}
END_TEST

START_TEST(test_nul_in_value)
{
	struct form_problem why;

	ck_assert_int_eq(parse("v=a%00b&k%00=1", &why), FORM_OK);
	const struct form_field *f = only("v");
	ck_assert_uint_eq(f->value_len, 3);
	ck_assert(memcmp(f->value, "a\0b", 4) == 0);
	/* a key holding NUL is not the key before it */
	ck_assert_ptr_null(form_get(&form, "k", NULL));
	ck_assert_uint_eq(form.field[1].key_len, 2);
}
END_TEST

/* "f0=0&f1=1&..." with n fields */
static char *fields(char *out, size_t size, int n)
{
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; i < n; i++)
		used += (size_t)snprintf(out + used, size - used, "%sf%d=%d",
					 i ? "&" : "", i, i);
	return out;
}

START_TEST(test_max_fields)
{
	struct form_problem why;
	char s[2048];

	ck_assert_int_eq(parse(fields(s, sizeof s, FORM_MAX_FIELDS), &why),
			 FORM_OK);
	ck_assert_uint_eq(form.n, FORM_MAX_FIELDS);
	ck_assert_str_eq(only("f63")->value, "63");
	/* empty pieces do not count */
	memset(&form, 0, sizeof form);
	size_t len = strlen(s);
	memcpy(s + len, "&&&", 4);
	ck_assert_int_eq(parse(s, &why), FORM_OK);
	ck_assert_uint_eq(form.n, FORM_MAX_FIELDS);
}
END_TEST

START_TEST(test_too_many_fields)
{
	struct form_problem why;
	char s[2048];

	fields(s, sizeof s, FORM_MAX_FIELDS + 1);
	ck_assert_int_eq(parse(s, &why), FORM_TOO_MANY_FIELDS);
	ck_assert_int_eq(why.code, FORM_TOO_MANY_FIELDS);
	ck_assert_uint_eq(form.n, FORM_MAX_FIELDS);
	/* the offset is where the field that did not fit starts */
	ck_assert(strncmp(s + why.offset, "f64=64", 6) == 0);
}
END_TEST

START_TEST(test_append_second_parse)
{
	struct form_problem why;

	ck_assert_int_eq(parse("format=json&k=1", &why), FORM_OK);
	ck_assert_int_eq(parse("domain=example.com&k=2", &why), FORM_OK);
	ck_assert_uint_eq(form.n, 4);
	ck_assert_str_eq(only("format")->value, "json");
	ck_assert_str_eq(only("domain")->value, "example.com");
	size_t count;
	ck_assert_str_eq(form_get(&form, "k", &count)->value, "1");
	ck_assert_uint_eq(count, 2);
}
END_TEST

START_TEST(test_append_hits_limit)
{
	struct form_problem why;
	char s[2048];

	/* the limit counts the fields of both parses */
	ck_assert_int_eq(parse(fields(s, sizeof s, FORM_MAX_FIELDS - 1), &why),
			 FORM_OK);
	ck_assert_int_eq(parse("a=1", &why), FORM_OK);
	ck_assert_int_eq(parse("b=2", &why), FORM_TOO_MANY_FIELDS);
	ck_assert_uint_eq(why.offset, 0);
}
END_TEST

START_TEST(test_length_bound)
{
	struct form_problem why;
	const char s[] = "a=1&b=2";

	/* only len bytes are read: "a=1&b" */
	ck_assert_int_eq(form_parse(arena, s, 5, &form, &why), FORM_OK);
	ck_assert_uint_eq(form.n, 2);
	ck_assert_str_eq(only("b")->value, "");
}
END_TEST

START_TEST(test_nomem)
{
	struct form_problem why;
	struct arena *tiny = arena_new(32);
	char s[200];

	memset(s, 'x', sizeof s);
	memcpy(s, "k=", 2);
	ck_assert_int_eq(form_parse(tiny, s, sizeof s, &form, &why), FORM_NOMEM);
	ck_assert_int_eq(why.code, FORM_NOMEM);
	arena_free(tiny);
}
END_TEST

START_TEST(test_error_str)
{
	ck_assert_ptr_nonnull(strstr(form_error_str(FORM_BAD_ESCAPE), "%"));
	ck_assert_str_ne(form_error_str(FORM_TOO_MANY_FIELDS),
			 form_error_str(FORM_NOMEM));
}
END_TEST

Suite *form_suite(void)
{
	Suite *s = suite_create("form");
	TCase *tc = tcase_create("form");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_simple);
	tcase_add_test(tc, test_empty_input);
	tcase_add_test(tc, test_percent_escapes);
	tcase_add_test(tc, test_plus);
	tcase_add_test(tc, test_empty_pieces);
	tcase_add_test(tc, test_key_without_value);
	tcase_add_test(tc, test_value_with_equals);
	tcase_add_test(tc, test_repeated_keys);
	tcase_add_test(tc, test_missing_key);
	tcase_add_test(tc, test_bad_escapes);
	tcase_add_test(tc, test_nul_in_value);
	tcase_add_test(tc, test_max_fields);
	tcase_add_test(tc, test_too_many_fields);
	tcase_add_test(tc, test_append_second_parse);
	tcase_add_test(tc, test_append_hits_limit);
	tcase_add_test(tc, test_length_bound);
	tcase_add_test(tc, test_nomem);
	tcase_add_test(tc, test_error_str);
	suite_add_tcase(s, tc);
	return s;
}
