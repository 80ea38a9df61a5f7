/*
 * Unit tests of idna: the property tables at their edges, and each rule
 * of idna_check_label and idna_check_bidi with the code point it names,
 * beside inputs that keep to the rule.
 */
#include <string.h>

#include "input/idna.h"
#include "suites.h"

static struct idna_problem ip;

static enum idna_rule label(const char *s)
{
	return idna_check_label(s, strlen(s), &ip);
}

static enum idna_rule bidi(const char *s)
{
	return idna_check_bidi(s, strlen(s), &ip);
}

static void expect_label(const char *s, enum idna_rule r, unsigned long ch)
{
	ck_assert_msg(label(s) == r, "\"%s\": rule %d, want %d", s, ip.rule, r);
	ck_assert_msg(ip.ch == ch, "\"%s\": U+%04lX, want U+%04lX", s, ip.ch, ch);
}

static void expect_bidi(const char *s, unsigned rule, unsigned long ch)
{
	enum idna_rule r = bidi(s);

	if (rule == 0) {
		ck_assert_msg(r == IDNA_OK, "\"%s\": rule %u", s, ip.bidi_rule);
		return;
	}
	ck_assert_msg(r == IDNA_BIDI && ip.bidi_rule == rule,
		      "\"%s\": rule %u, want %u", s, ip.bidi_rule, rule);
	ck_assert_msg(ip.ch == ch, "\"%s\": U+%04lX, want U+%04lX", s, ip.ch, ch);
}

START_TEST(test_tables)
{
	ck_assert_str_eq(idna_unicode_version(), "15.0.0");
	/* U+2260, U+226E, U+226F are "=", "<", ">" with a stroke */
	ck_assert(idna_std3_disallowed(0x2260));
	ck_assert(!idna_std3_disallowed(0x2261));
	ck_assert(!idna_std3_disallowed(0x226D));
	ck_assert(idna_std3_disallowed(0x226E));
	ck_assert(idna_std3_disallowed(0x226F));
	ck_assert(!idna_std3_disallowed(0x2270));
	ck_assert(idna_std3_disallowed(0x2474));   /* "(1)" */
	ck_assert(idna_std3_disallowed(0xFF01));   /* fullwidth "!" */
	ck_assert(idna_std3_disallowed(0xA0));     /* a space */
	ck_assert(!idna_std3_disallowed(0xFF0E));  /* a label separator */
	ck_assert(!idna_std3_disallowed(0xFF21));  /* fullwidth "A" */
	ck_assert(!idna_std3_disallowed('_'));     /* ASCII: not this table */
	ck_assert(!idna_std3_disallowed(0x10FFFF));
	/* Bidi classes through idna_label_rtl: R, AL, AN */
	ck_assert(idna_label_rtl("\xD7\x90", 2));        /* U+05D0 R */
	ck_assert(idna_label_rtl("\xD8\xA8", 2));        /* U+0628 AL */
	ck_assert(idna_label_rtl("a\xD9\xA1", 3));       /* U+0661 AN */
	ck_assert(idna_label_rtl("\xF0\x9E\xA4\x80", 4)); /* U+1E900 R */
	ck_assert(!idna_label_rtl("abc", 3));
	ck_assert(!idna_label_rtl("\xDB\xB0", 2));       /* U+06F0 EN */
}
END_TEST

START_TEST(test_hyphens)
{
	expect_label("-\xC3\xBC", IDNA_HYPHEN_EDGE, '-');
	expect_label("\xC3\xBC-", IDNA_HYPHEN_EDGE, '-');
	expect_label("ab--\xC3\xBC", IDNA_HYPHEN_34, '-');
	/* code points count, not octets */
	expect_label("\xC3\xBC--a", IDNA_OK, 0);
	expect_label("\xC3\xBC" "a--b", IDNA_HYPHEN_34, '-');
	expect_label("a-b--c", IDNA_OK, 0);
}
END_TEST

START_TEST(test_leading_mark)
{
	expect_label("\xCC\x81" "a", IDNA_LEADING_MARK, 0x301);   /* Mn */
	expect_label("\xE0\xA4\x83" "a", IDNA_LEADING_MARK, 0x903); /* Mc */
	expect_label("\xE2\x83\x9D" "a", IDNA_LEADING_MARK, 0x20DD); /* Me */
	expect_label("a\xCC\x81", IDNA_OK, 0);
}
END_TEST

START_TEST(test_std3)
{
	expect_label("a_b", IDNA_STD3, '_');
	expect_label("a\xE2\x89\xA0", IDNA_STD3, 0x2260);
	expect_label("a b", IDNA_STD3, ' ');
	expect_label("\xC3\xBC" "b-1", IDNA_OK, 0);
}
END_TEST

/* RFC 5892 A.2: ZWJ only right after a virama */
START_TEST(test_zwj)
{
	expect_label("a\xE2\x80\x8D" "b", IDNA_JOINER, 0x200D);
	expect_label("\xE2\x80\x8D" "a", IDNA_JOINER, 0x200D);
	/* U+0915 U+094D (virama) U+200D U+0937 */
	expect_label("\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D\xE0\xA4\xB7",
		     IDNA_OK, 0);
	expect_label("\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D", IDNA_OK, 0);
	/* a mark between the virama and the joiner breaks the rule */
	expect_label("\xE0\xA4\x95\xE0\xA5\x8D\xCC\x81\xE2\x80\x8D",
		     IDNA_JOINER, 0x200D);
}
END_TEST

/* RFC 5892 A.1: ZWNJ after a virama, or between (L|D) T* and T* (R|D) */
START_TEST(test_zwnj)
{
	/* U+0628 BEH is dual-joining (D) */
	expect_label("\xD8\xA8\xE2\x80\x8C\xD8\xA8", IDNA_OK, 0);
	/* with transparent marks (U+064B, T) on both sides */
	expect_label("\xD8\xA8\xD9\x8B\xE2\x80\x8C\xD9\x8B\xD8\xA8", IDNA_OK, 0);
	/* U+0627 ALEF joins to the right only (R): nothing to join before */
	expect_label("\xD8\xA7\xE2\x80\x8C\xD8\xA8", IDNA_JOINER, 0x200C);
	/* and before a non-joining Latin letter */
	expect_label("\xD8\xA8\xE2\x80\x8C" "a", IDNA_JOINER, 0x200C);
	expect_label("a\xE2\x80\x8C" "b", IDNA_JOINER, 0x200C);
	expect_label("\xE2\x80\x8C", IDNA_JOINER, 0x200C);
	expect_label("\xD8\xA8\xE2\x80\x8C", IDNA_JOINER, 0x200C);
	/* after a virama it may end the label */
	expect_label("\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8C", IDNA_OK, 0);
}
END_TEST

/* RFC 5893 section 2, rules 1 to 6 */
START_TEST(test_bidi_rules)
{
	expect_bidi("abc", 0, 0);
	expect_bidi("a1", 0, 0);
	expect_bidi("a\xCC\x81", 0, 0);               /* L then NSM */
	expect_bidi("\xD7\x90", 0, 0);                /* U+05D0 */
	expect_bidi("\xD7\x90" "1", 0, 0);            /* R, EN at the end */
	expect_bidi("\xD7\x90\xD6\xB9", 0, 0);        /* R, NSM U+05B9 */
	expect_bidi("\xD8\xA8\xD9\xA1", 0, 0);        /* AL, AN */
	expect_bidi("1\xD7\x90", 1, '1');
	expect_bidi("-a", 1, '-');
	expect_bidi("\xCC\x81" "a", 1, 0x301);
	expect_bidi("\xD7\x90" "a", 2, 'a');
	expect_bidi("\xD7\x90\xCB\x87", 3, 0x2C7);    /* ends with ON */
	expect_bidi("\xD7\x90\xCB\x87\xD6\xB9", 3, 0x2C7); /* marks aside */
	expect_bidi("\xD7\x90" "0\xD9\xA0", 4, 0x660);
	expect_bidi("\xD7\x90\xD9\xA0" "0", 4, '0');
	expect_bidi("a\xD7\x90", 5, 0x5D0);
	expect_bidi("a\xD9\xA1", 5, 0x661);
	expect_bidi("a\xCB\x87", 6, 0x2C7);
	expect_bidi("", 0, 0);
}
END_TEST

Suite *idna_suite(void)
{
	Suite *s = suite_create("idna");
	TCase *tc = tcase_create("rules");

	tcase_add_test(tc, test_tables);
	tcase_add_test(tc, test_hyphens);
	tcase_add_test(tc, test_leading_mark);
	tcase_add_test(tc, test_std3);
	tcase_add_test(tc, test_zwj);
	tcase_add_test(tc, test_zwnj);
	tcase_add_test(tc, test_bidi_rules);
	suite_add_tcase(s, tc);
	return s;
}
