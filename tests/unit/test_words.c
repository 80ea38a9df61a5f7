/*
 * Unit tests of words: durations in the two largest units, and
 * microseconds as milliseconds with two decimals, rounded; in English,
 * and in German and Spanish from the real catalogues.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/buf.h"
#include "util/catalog.h"
#include "util/lang.h"
#include "suites.h"
#include "tree.h"
#include "util/words.h"

static const char *duration_in(const struct lang *l, uint32_t secs)
{
	static struct buf b;

	buf_free(&b);
	buf_init(&b, 256);
	words_duration(l, secs, &b);
	return buf_str(&b);
}

static const char *duration(uint32_t secs)
{
	return duration_in(NULL, secs);
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

static const char *ms_in(const struct lang *l, uint32_t us)
{
	static struct buf b;

	buf_free(&b);
	buf_init(&b, 256);
	words_ms(l, us, &b);
	return buf_str(&b);
}

static const char *ms(uint32_t us)
{
	return ms_in(NULL, us);
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

START_TEST(test_german)
{
	struct catalog *c = tree_catalog("de");
	struct lang de = { "de", c };

	ck_assert_str_eq(duration_in(&de, 0), "0 Sekunden");
	ck_assert_str_eq(duration_in(&de, 1), "1 Sekunde");
	ck_assert_str_eq(duration_in(&de, 300), "5 Minuten");
	ck_assert_str_eq(duration_in(&de, 3599), "59 Minuten 59 Sekunden");
	ck_assert_str_eq(duration_in(&de, 3661), "1 Stunde 1 Minute");
	ck_assert_str_eq(duration_in(&de, 90000), "1 Tag 1 Stunde");
	ck_assert_str_eq(duration_in(&de, 518399), "5 Tage 23 Stunden");
	/* the decimal comma for people; NULL (JSON) keeps the point */
	ck_assert_str_eq(ms_in(&de, 210), "0,21");
	ck_assert_str_eq(ms_in(&de, 12345), "12,35");
	ck_assert_str_eq(ms_in(NULL, 12345), "12.35");
	catalog_free(c);
}
END_TEST

START_TEST(test_spanish)
{
	struct catalog *c = tree_catalog("es");
	struct lang es = { "es", c };

	ck_assert_str_eq(duration_in(&es, 0), "0 segundos");
	ck_assert_str_eq(duration_in(&es, 60), "1 minuto");
	ck_assert_str_eq(duration_in(&es, 9000), "2 horas y 30 minutos");
	ck_assert_str_eq(duration_in(&es, 90000), "1 día y 1 hora");
	ck_assert_str_eq(duration_in(&es, 172800), "2 días");
	ck_assert_str_eq(ms_in(&es, 999), "1,00");
	catalog_free(c);
}
END_TEST

Suite *words_suite(void)
{
	Suite *s = suite_create("words");
	TCase *tc = tcase_create("words");

	tcase_add_test(tc, test_durations);
	tcase_add_test(tc, test_ms);
	tcase_add_test(tc, test_german);
	tcase_add_test(tc, test_spanish);
	suite_add_tcase(s, tc);
	return s;
}
