/*
 * Unit tests of words: durations in the two largest units, and
 * microseconds as milliseconds with two decimals, rounded.
 */
#include <stdint.h>

#include "util/buf.h"
#include "suites.h"
#include "util/words.h"

static const char *duration(uint32_t secs)
{
	static struct buf b;

	buf_free(&b);
	buf_init(&b, 256);
	words_duration(NULL, secs, &b);
	return buf_str(&b);
}

START_TEST(test_durations)
{
	ck_assert_str_eq(duration(0), "0 seconds");
	ck_assert_str_eq(duration(1), "1 second");
	ck_assert_str_eq(duration(59), "59 seconds");
	ck_assert_str_eq(duration(60), "1 minute");
	ck_assert_str_eq(duration(300), "5 minutes");
	ck_assert_str_eq(duration(3599), "59 minutes 59 seconds");
	ck_assert_str_eq(duration(3600), "1 hour");
	/* the two largest units only, adjacent ones */
	ck_assert_str_eq(duration(3661), "1 hour 1 minute");
	ck_assert_str_eq(duration(86400), "1 day");
	ck_assert_str_eq(duration(90000), "1 day 1 hour");
	ck_assert_str_eq(duration(86401), "1 day");
	ck_assert_str_eq(duration(172800), "2 days");
	ck_assert_str_eq(duration(518399), "5 days 23 hours");
	ck_assert_str_eq(duration(2147483647), "24855 days 3 hours");
}
END_TEST

static const char *ms(uint32_t us)
{
	static struct buf b;

	buf_free(&b);
	buf_init(&b, 256);
	words_ms(NULL, us, &b);
	return buf_str(&b);
}

START_TEST(test_ms)
{
	ck_assert_str_eq(ms(0), "0.00");
	ck_assert_str_eq(ms(4), "0.00");
	ck_assert_str_eq(ms(5), "0.01");
	ck_assert_str_eq(ms(210), "0.21");
	ck_assert_str_eq(ms(999), "1.00");
	ck_assert_str_eq(ms(12345), "12.35");
	ck_assert_str_eq(ms(60000000), "60000.00");
}
END_TEST

Suite *words_suite(void)
{
	Suite *s = suite_create("words");
	TCase *tc = tcase_create("words");

	tcase_add_test(tc, test_durations);
	tcase_add_test(tc, test_ms);
	suite_add_tcase(s, tc);
	return s;
}
