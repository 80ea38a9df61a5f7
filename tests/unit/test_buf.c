/*
 * Unit tests of buf: growth, the hard limit with its sticky error bit,
 * buf_printf, and each escaper (HTML, JSON, URL, text) plus utf8_decode.
 * Every escaper test compares the exact bytes written.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "suites.h"

/* Runs one escaper over s[0..n) and compares the output byte for byte. */
typedef void escaper_fn(struct buf *b, const char *s, size_t n);

static void expect_escape(escaper_fn *fn, const char *in, size_t n,
			  const char *want)
{
	struct buf b;

	buf_init(&b, 4096);
	fn(&b, in, n);
	ck_assert(!buf_failed(&b));
	ck_assert_uint_eq(b.len, strlen(want));
	ck_assert_msg(memcmp(buf_str(&b), want, b.len) == 0,
		      "escaped \"%s\", want \"%s\"", buf_str(&b), want);
	buf_free(&b);
}

#define EXPECT(fn, lit, want) expect_escape(fn, lit, sizeof(lit) - 1, want)

/* JSON allows \u escapes in either case: compare case-insensitively. */
static void expect_json(const char *in, size_t n, const char *want)
{
	struct buf b;

	buf_init(&b, 4096);
	buf_json(&b, in, n);
	ck_assert(!buf_failed(&b));
	ck_assert_msg(strcasecmp(buf_str(&b), want) == 0 &&
		      b.len == strlen(want),
		      "json \"%s\", want \"%s\"", buf_str(&b), want);
	buf_free(&b);
}

#define EXPECT_JSON(lit, want) expect_json(lit, sizeof(lit) - 1, want)

/* --- the builder ----------------------------------------------------- */

START_TEST(test_empty)
{
	struct buf b;

	buf_init(&b, 100);
	ck_assert_str_eq(buf_str(&b), "");
	ck_assert_uint_eq(b.len, 0);
	ck_assert(!buf_failed(&b));
	buf_free(&b);
}
END_TEST

START_TEST(test_growth)
{
	struct buf b;

	buf_init(&b, 1 << 20);
	for (int i = 0; i < 10000; i++)
		buf_putc(&b, (char)('a' + i % 26));
	ck_assert(!buf_failed(&b));
	ck_assert_uint_eq(b.len, 10000);
	ck_assert_uint_ge(b.cap, 10001);
	ck_assert_uint_eq(strlen(buf_str(&b)), 10000);
	for (int i = 0; i < 10000; i++)
		ck_assert_int_eq(b.data[i], 'a' + i % 26);
	/* a large single append after many small ones */
	char big[50000];
	memset(big, 'z', sizeof big);
	buf_put(&b, big, sizeof big);
	ck_assert(!buf_failed(&b));
	ck_assert_uint_eq(b.len, 60000);
	ck_assert_int_eq(b.data[59999], 'z');
	ck_assert_int_eq(b.data[60000], '\0');
	buf_free(&b);
}
END_TEST

START_TEST(test_put_binary)
{
	struct buf b;

	buf_init(&b, 100);
	buf_put(&b, "a\0b", 3);
	buf_puts(&b, "cd");
	ck_assert_uint_eq(b.len, 5);
	ck_assert(memcmp(b.data, "a\0bcd", 6) == 0);
	buf_free(&b);
}
END_TEST

START_TEST(test_limit_exact)
{
	struct buf b;

	buf_init(&b, 16);
	buf_put(&b, "0123456789abcdef", 16); /* exactly the limit */
	ck_assert(!buf_failed(&b));
	ck_assert_uint_eq(b.len, 16);
	ck_assert_str_eq(buf_str(&b), "0123456789abcdef");
	buf_putc(&b, 'X'); /* limit + 1 */
	ck_assert(buf_failed(&b));
	ck_assert_uint_eq(b.len, 16);
	ck_assert_str_eq(buf_str(&b), "0123456789abcdef");
	buf_free(&b);
}
END_TEST

START_TEST(test_limit_one_append)
{
	struct buf b;

	buf_init(&b, 16);
	buf_put(&b, "0123456789abcdefg", 17);
	ck_assert(buf_failed(&b));
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(buf_str(&b), "");
	buf_free(&b);
}
END_TEST

START_TEST(test_sticky_error)
{
	struct buf b;

	buf_init(&b, 16);
	buf_puts(&b, "0123456789");
	buf_puts(&b, "0123456789"); /* does not fit */
	ck_assert(buf_failed(&b));
	/* later appends that would fit change nothing: the page is lost */
	buf_putc(&b, 'x');
	buf_printf(&b, "%d", 7);
	buf_htmls(&b, "y");
	ck_assert(buf_failed(&b));
	ck_assert_uint_eq(b.len, 10);
	ck_assert_str_eq(buf_str(&b), "0123456789");
	/* reset clears the bit and empties the buf */
	buf_reset(&b);
	ck_assert(!buf_failed(&b));
	ck_assert_str_eq(buf_str(&b), "");
	buf_puts(&b, "ok");
	ck_assert_str_eq(buf_str(&b), "ok");
	buf_free(&b);
}
END_TEST

START_TEST(test_escaper_respects_limit)
{
	struct buf b;

	/* "<" becomes 4 bytes: 4 of them are 16, a 5th passes the limit */
	buf_init(&b, 16);
	buf_htmls(&b, "<<<<");
	ck_assert(!buf_failed(&b));
	ck_assert_uint_eq(b.len, 16);
	buf_htmls(&b, "<");
	ck_assert(buf_failed(&b));
	ck_assert_uint_eq(b.len, 16);
	buf_free(&b);
}
END_TEST

START_TEST(test_printf_small)
{
	struct buf b;

	buf_init(&b, 100);
	buf_puts(&b, "n=");
	buf_printf(&b, "%d,%lu,%s", -5, 42ul, "x");
	ck_assert_str_eq(buf_str(&b), "n=-5,42,x");
	buf_free(&b);
}
END_TEST

START_TEST(test_printf_large)
{
	struct buf b;
	char s[3000];

	memset(s, 'q', sizeof s - 1);
	s[sizeof s - 1] = '\0';
	buf_init(&b, 1 << 16);
	buf_puts(&b, "head:");
	buf_printf(&b, "[%s]%d", s, 12345);
	ck_assert(!buf_failed(&b));
	ck_assert_uint_eq(b.len, 5 + 1 + 2999 + 1 + 5);
	ck_assert(strncmp(b.data, "head:[qqq", 9) == 0);
	ck_assert_str_eq(b.data + b.len - 6, "]12345");
	ck_assert_uint_eq(strlen(buf_str(&b)), b.len);
	/* and appending after the large path still works */
	buf_putc(&b, '!');
	ck_assert_int_eq(b.data[b.len - 1], '!');
	ck_assert_uint_eq(strlen(buf_str(&b)), b.len);
	buf_free(&b);
}
END_TEST

/* Output lengths around any internal small-buffer boundary. */
START_TEST(test_printf_sizes)
{
	for (size_t n = 250; n <= 262; n++) {
		struct buf b;
		char s[300];

		memset(s, 'a', n);
		s[n] = '\0';
		buf_init(&b, 1000);
		buf_printf(&b, "%s", s);
		ck_assert(!buf_failed(&b));
		ck_assert_uint_eq(b.len, n);
		ck_assert_str_eq(buf_str(&b), s);
		buf_free(&b);
	}
}
END_TEST

START_TEST(test_printf_over_limit)
{
	struct buf b;
	char s[600];

	memset(s, 'a', sizeof s - 1);
	s[sizeof s - 1] = '\0';
	buf_init(&b, 500);
	buf_puts(&b, "keep");
	buf_printf(&b, "%s", s);
	ck_assert(buf_failed(&b));
	ck_assert_str_eq(buf_str(&b), "keep");
	buf_free(&b);
}
END_TEST

/* --- buf_html ------------------------------------------------------- */

START_TEST(test_html_specials)
{
	EXPECT(buf_html, "a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	EXPECT(buf_html, "<script>alert('x')</script>",
	       "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
	EXPECT(buf_html, "plain text 123", "plain text 123");
	EXPECT(buf_html, "", "");
}
END_TEST

START_TEST(test_html_utf8)
{
	/* valid UTF-8 of every length passes unchanged */
	EXPECT(buf_html, "b\xC3\xBC" "cher \xE2\x82\xAC \xF0\x9F\x98\x80",
	       "b\xC3\xBC" "cher \xE2\x82\xAC \xF0\x9F\x98\x80");
	/* invalid bytes: one U+FFFD each */
	EXPECT(buf_html, "a\xFF" "b", "a\xEF\xBF\xBD" "b");
	EXPECT(buf_html, "\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD");
	EXPECT(buf_html, "\xED\xA0\x80", /* a surrogate */
	       "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	EXPECT(buf_html, "x\xE2\x82", "x\xEF\xBF\xBD\xEF\xBF\xBD");
}
END_TEST

START_TEST(test_html_controls)
{
	EXPECT(buf_html, "a\tb\nc", "a\tb\nc");
	EXPECT(buf_html, "a\x01" "b", "a\xEF\xBF\xBD" "b");
	EXPECT(buf_html, "\x1B[2J", "\xEF\xBF\xBD[2J");
	EXPECT(buf_html, "a\rb", "a\xEF\xBF\xBD" "b");
	EXPECT(buf_html, "\x7F", "\xEF\xBF\xBD");
	EXPECT(buf_html, "\xC2\x85", "\xEF\xBF\xBD"); /* C1 control NEL */
	EXPECT(buf_html, "a\0b", "a\xEF\xBF\xBD" "b");
}
END_TEST

START_TEST(test_htmls)
{
	struct buf b;

	buf_init(&b, 100);
	buf_htmls(&b, "<&>");
	ck_assert_str_eq(buf_str(&b), "&lt;&amp;&gt;");
	buf_free(&b);
}
END_TEST

/* --- buf_json ------------------------------------------------------- */

START_TEST(test_json_basic)
{
	EXPECT_JSON("plain", "plain");
	EXPECT_JSON("say \"hi\"", "say \\\"hi\\\"");
	EXPECT_JSON("a\\b", "a\\\\b");
	EXPECT_JSON("a\nb\tc\rd", "a\\nb\\tc\\rd");
	EXPECT_JSON("", "");
}
END_TEST

START_TEST(test_json_controls)
{
	EXPECT_JSON("\x01", "\\u0001");
	EXPECT_JSON("\x1F", "\\u001f");
	EXPECT_JSON("\x1B[2J", "\\u001b[2J");
	EXPECT_JSON("\x08\x0C", "\\u0008\\u000c");
	EXPECT_JSON("a\0b", "a\\u0000b");
	EXPECT_JSON("\x7F", "\\u007f");
}
END_TEST

START_TEST(test_json_html_safe)
{
	EXPECT_JSON("</script>", "\\u003c/script\\u003e");
	EXPECT_JSON("a&b", "a\\u0026b");
	EXPECT_JSON("\xE2\x80\xA8", "\\u2028");
	EXPECT_JSON("\xE2\x80\xA9", "\\u2029");
	/* other non-ASCII is valid JSON as it is */
	EXPECT_JSON("b\xC3\xBC" "cher", "b\xC3\xBC" "cher");
}
END_TEST

START_TEST(test_json_invalid_utf8)
{
	EXPECT_JSON("a\xFF" "b", "a\\ufffdb");
	EXPECT_JSON("\xC0\x80", "\\ufffd\\ufffd");
	EXPECT_JSON("\xF4\x90\x80\x80", "\\ufffd\\ufffd\\ufffd\\ufffd");
}
END_TEST

/* --- buf_url -------------------------------------------------------- */

START_TEST(test_url)
{
	EXPECT(buf_url, "AZaz09-._~", "AZaz09-._~");
	EXPECT(buf_url, "a b", "a%20b");
	EXPECT(buf_url, "/?&=+#%\"<>'", "%2F%3F%26%3D%2B%23%25%22%3C%3E%27");
	EXPECT(buf_url, "b\xC3\xBC" "cher", "b%C3%BCcher");
	EXPECT(buf_url, "\xE2\x82\xAC", "%E2%82%AC");
	EXPECT(buf_url, "\xFF\xFE\x7F", "%FF%FE%7F");
	EXPECT(buf_url, "a\0b", "a%00b");
	EXPECT(buf_url, "\n", "%0A");
}
END_TEST

START_TEST(test_urls)
{
	struct buf b;

	buf_init(&b, 100);
	buf_urls(&b, "example.com&x=1");
	ck_assert_str_eq(buf_str(&b), "example.com%26x%3D1");
	buf_free(&b);
}
END_TEST

/* --- buf_text ------------------------------------------------------- */

START_TEST(test_text)
{
	EXPECT(buf_text, "plain text", "plain text");
	EXPECT(buf_text, "b\xC3\xBC" "cher \xF0\x9F\x98\x80",
	       "b\xC3\xBC" "cher \xF0\x9F\x98\x80");
	EXPECT(buf_text, "\x1B[31mred", "\\x1B[31mred");
	EXPECT(buf_text, "a\nb", "a\\x0Ab");
	EXPECT(buf_text, "a\tb\r", "a\\x09b\\x0D");
	EXPECT(buf_text, "\x7F", "\\x7F");
	EXPECT(buf_text, "a\0b", "a\\x00b");
	/* < > & are harmless on a terminal */
	EXPECT(buf_text, "<&>", "<&>");
}
END_TEST

/* quotes and backslashes too, for a quoted field of a log line; what
 * buf_text does with the rest is unchanged */
START_TEST(test_quoted)
{
	EXPECT(buf_quoted, "two.test", "two.test");
	EXPECT(buf_quoted, "a\"b\\c", "a\\x22b\\x5Cc");
	EXPECT(buf_quoted, "\" -> 200\n", "\\x22 -> 200\\x0A");
	EXPECT(buf_quoted, "b\xC3\xBC\xFF<", "b\xC3\xBC\\xFF<");
	EXPECT(buf_text, "a\"b\\c", "a\"b\\c");
}
END_TEST

START_TEST(test_text_invalid_and_c1)
{
	EXPECT(buf_text, "\xFF", "\\xFF");
	EXPECT(buf_text, "a\xC0\xAF" "b", "a\\xC0\\xAFb");
	EXPECT(buf_text, "x\xE2\x82", "x\\xE2\\x82");
	/* C1 controls (U+0080..U+009F) are shown byte by byte */
	EXPECT(buf_text, "\xC2\x9B" "2J", "\\xC2\\x9B2J");
	EXPECT(buf_text, "\xC2\x85", "\\xC2\\x85");
	/* U+00A0 is not a control */
	EXPECT(buf_text, "\xC2\xA0", "\xC2\xA0");
}
END_TEST

/* --- utf8_decode ---------------------------------------------------- */

static size_t decode(const char *s, size_t n, unsigned long *cp)
{
	*cp = 0xDEADBEEF;
	return utf8_decode((const unsigned char *)s, n, cp);
}

START_TEST(test_utf8_valid)
{
	unsigned long cp;

	ck_assert_uint_eq(decode("A", 1, &cp), 1);
	ck_assert_uint_eq(cp, 0x41);
	ck_assert_uint_eq(decode("\xC3\xA9", 2, &cp), 2);
	ck_assert_uint_eq(cp, 0xE9);
	ck_assert_uint_eq(decode("\xC2\x80", 2, &cp), 2);
	ck_assert_uint_eq(cp, 0x80);
	ck_assert_uint_eq(decode("\xE2\x82\xAC", 3, &cp), 3);
	ck_assert_uint_eq(cp, 0x20AC);
	ck_assert_uint_eq(decode("\xED\x9F\xBF", 3, &cp), 3); /* U+D7FF */
	ck_assert_uint_eq(cp, 0xD7FF);
	ck_assert_uint_eq(decode("\xEE\x80\x80", 3, &cp), 3); /* U+E000 */
	ck_assert_uint_eq(cp, 0xE000);
	ck_assert_uint_eq(decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	ck_assert_uint_eq(cp, 0x1F600);
	ck_assert_uint_eq(decode("\xF4\x8F\xBF\xBF", 4, &cp), 4);
	ck_assert_uint_eq(cp, 0x10FFFF);
	/* only the first sequence is read */
	ck_assert_uint_eq(decode("\xC3\xA9xyz", 5, &cp), 2);
}
END_TEST

START_TEST(test_utf8_overlong)
{
	unsigned long cp;

	ck_assert_uint_eq(decode("\xC0\x80", 2, &cp), 0);
	ck_assert_uint_eq(decode("\xC1\xBF", 2, &cp), 0);
	ck_assert_uint_eq(decode("\xE0\x80\x80", 3, &cp), 0);
	ck_assert_uint_eq(decode("\xE0\x9F\xBF", 3, &cp), 0);
	ck_assert_uint_eq(decode("\xF0\x80\x80\x80", 4, &cp), 0);
	ck_assert_uint_eq(decode("\xF0\x8F\xBF\xBF", 4, &cp), 0);
}
END_TEST

START_TEST(test_utf8_surrogates_and_range)
{
	unsigned long cp;

	ck_assert_uint_eq(decode("\xED\xA0\x80", 3, &cp), 0); /* U+D800 */
	ck_assert_uint_eq(decode("\xED\xBF\xBF", 3, &cp), 0); /* U+DFFF */
	ck_assert_uint_eq(decode("\xF4\x90\x80\x80", 4, &cp), 0); /* 0x110000 */
	ck_assert_uint_eq(decode("\xF5\x80\x80\x80", 4, &cp), 0);
	ck_assert_uint_eq(decode("\xFF", 1, &cp), 0);
	ck_assert_uint_eq(decode("\xFE", 1, &cp), 0);
	ck_assert_uint_eq(decode("\x80", 1, &cp), 0); /* lone continuation */
	ck_assert_uint_eq(decode("\xBF", 1, &cp), 0);
}
END_TEST

START_TEST(test_utf8_truncated)
{
	unsigned long cp;

	ck_assert_uint_eq(decode("\xC3", 1, &cp), 0);
	ck_assert_uint_eq(decode("\xE2\x82", 2, &cp), 0);
	ck_assert_uint_eq(decode("\xF0\x9F\x98", 3, &cp), 0);
	/* n is the bound, not the terminator: the rest is not read */
	ck_assert_uint_eq(decode("\xE2\x82\xAC", 2, &cp), 0);
	/* a non-continuation byte inside the sequence */
	ck_assert_uint_eq(decode("\xE2\x28\xA1", 3, &cp), 0);
	ck_assert_uint_eq(decode("\xC3" "A", 2, &cp), 0);
}
END_TEST

/* A buf over caller memory: holds size - 1 bytes, then fails for good,
 * without touching memory past its end or the heap. */
START_TEST(test_fixed)
{
	char mem[8 + 4];
	struct buf b;

	memset(mem, 'Z', sizeof mem);
	buf_init_fixed(&b, mem, 8);
	ck_assert_str_eq(buf_str(&b), "");
	buf_puts(&b, "1234567");
	ck_assert(!buf_failed(&b));
	ck_assert_ptr_eq(b.data, mem);
	ck_assert_str_eq(mem, "1234567");
	buf_putc(&b, '8');
	ck_assert(buf_failed(&b));
	ck_assert_str_eq(mem, "1234567");
	ck_assert_mem_eq(mem + 8, "ZZZZ", 4);
	buf_reset(&b);
	buf_uint(&b, 42);
	ck_assert_str_eq(buf_str(&b), "42");
	buf_free(&b); /* must not free the caller's memory */
	ck_assert_ptr_null(b.data);
}
END_TEST

START_TEST(test_uint)
{
	struct buf b;

	buf_init(&b, 64);
	buf_uint(&b, 0);
	buf_putc(&b, ' ');
	buf_uint(&b, 4294967295u);
	buf_putc(&b, ' ');
	buf_uint(&b, 18446744073709551615ull);
	ck_assert_str_eq(buf_str(&b), "0 4294967295 18446744073709551615");
	buf_free(&b);
}
END_TEST

START_TEST(test_hex)
{
	char mem[16];
	struct buf b;

	buf_init_fixed(&b, mem, sizeof mem);
	buf_hex(&b, "\x00\x9f\xff", 3, true);
	buf_putc(&b, ' ');
	buf_hex(&b, "\xbe\xef", 2, false);
	buf_hex(&b, "", 0, false);
	ck_assert_str_eq(buf_str(&b), "009FFF beef");
	/* the sticky error: a digit pair that does not fit is not half written */
	buf_init_fixed(&b, mem, 4);
	buf_hex(&b, "\x01\x02", 2, true);
	ck_assert(buf_failed(&b));
	ck_assert_str_eq(buf_str(&b), "01");
}
END_TEST

/* buf_say: values filled in, positional ones too, then the whole
 * escaped for its context; long sentences as well as short ones. */
START_TEST(test_say)
{
	struct buf b;
	char big[3000];

	buf_init(&b, 1 << 16);
	buf_say(&b, BUF_RAW, "%2$s, then %1$s (%3$lu)", "first", "second", 3ul);
	ck_assert_str_eq(buf_str(&b), "second, then first (3)");
	buf_reset(&b);
	buf_say(&b, BUF_HTML, "<%s> & \"%s\"", "<b>", "x'y");
	ck_assert_str_eq(buf_str(&b),
			 "&lt;&lt;b&gt;&gt; &amp; &quot;x&#39;y&quot;");
	buf_reset(&b);
	buf_say(&b, BUF_JSON, "%s", "a\"b\n");
	ck_assert_str_eq(buf_str(&b), "a\\\"b\\n");
	buf_reset(&b);
	buf_say(&b, BUF_TEXT, "%s", "a\033[2Jb");
	ck_assert_str_eq(buf_str(&b), "a\\x1B[2Jb");
	buf_reset(&b);
	memset(big, '<', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	buf_say(&b, BUF_HTML, "[%s]", big);
	ck_assert_uint_eq(b.len, 2 + 4 * (sizeof big - 1));
	ck_assert_int_eq(b.data[0], '[');
	ck_assert_int_eq(b.data[b.len - 1], ']');
	buf_free(&b);

	char mem[8];
	buf_init_fixed(&b, mem, sizeof mem);
	buf_say(&b, BUF_RAW, "%s", "longer than eight");
	ck_assert(buf_failed(&b));
}
END_TEST

/* The conversions buf_say writes itself give what printf gives, and the
 * others go to printf: the same text either way, escaped the same. */
START_TEST(test_say_same_as_printf)
{
	struct buf b, want;
	char text[512];

	buf_init(&b, 1 << 16);
	buf_init(&want, 1 << 16);
#define SAME(fmt, ...) do { \
	buf_reset(&b); \
	buf_say(&b, BUF_RAW, fmt, __VA_ARGS__); \
	snprintf(text, sizeof text, fmt, __VA_ARGS__); \
	ck_assert_str_eq(buf_str(&b), text); \
	buf_reset(&b); \
	buf_reset(&want); \
	buf_say(&b, BUF_HTML, fmt, __VA_ARGS__); \
	buf_htmls(&want, text); \
	ck_assert_str_eq(buf_str(&b), buf_str(&want)); \
} while (0)
	SAME("%s has %lu name servers.", "a<b>.test", 13ul);
	SAME("%d, %d, %u, %zu, 100%%", -42, 0, 4000000000u, (size_t)7);
	SAME("%lu%s%u", 18446744073709551615ul, "&", 0u);
	SAME("%s", "");
	SAME("no conversion at all, 'quoted'%s", "");
	SAME("%2$s %1$s", "second", "first");     /* printf's own */
	SAME("%5u|%-3s|%.2s", 42u, "ab", "xyz");   /* flags, widths */
	SAME("%x %lx %ld", 255u, 4096ul, -5l);
	SAME("%s%%", "100");
#undef SAME
	buf_free(&b);
	buf_free(&want);
}
END_TEST

Suite *buf_suite(void)
{
	Suite *s = suite_create("buf");
	TCase *tc = tcase_create("builder");

	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_fixed);
	tcase_add_test(tc, test_uint);
	tcase_add_test(tc, test_growth);
	tcase_add_test(tc, test_put_binary);
	tcase_add_test(tc, test_limit_exact);
	tcase_add_test(tc, test_limit_one_append);
	tcase_add_test(tc, test_sticky_error);
	tcase_add_test(tc, test_escaper_respects_limit);
	tcase_add_test(tc, test_printf_small);
	tcase_add_test(tc, test_printf_large);
	tcase_add_test(tc, test_printf_sizes);
	tcase_add_test(tc, test_printf_over_limit);
	suite_add_tcase(s, tc);

	tc = tcase_create("escapers");
	tcase_add_test(tc, test_html_specials);
	tcase_add_test(tc, test_html_utf8);
	tcase_add_test(tc, test_html_controls);
	tcase_add_test(tc, test_htmls);
	tcase_add_test(tc, test_json_basic);
	tcase_add_test(tc, test_json_controls);
	tcase_add_test(tc, test_json_html_safe);
	tcase_add_test(tc, test_json_invalid_utf8);
	tcase_add_test(tc, test_url);
	tcase_add_test(tc, test_urls);
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_quoted);
	tcase_add_test(tc, test_text_invalid_and_c1);
	suite_add_tcase(s, tc);

	tc = tcase_create("utf8");
	tcase_add_test(tc, test_utf8_valid);
	tcase_add_test(tc, test_utf8_overlong);
	tcase_add_test(tc, test_utf8_surrogates_and_range);
	tcase_add_test(tc, test_utf8_truncated);
	tcase_add_test(tc, test_hex);
	tcase_add_test(tc, test_say);
	tcase_add_test(tc, test_say_same_as_printf);
	suite_add_tcase(s, tc);
	return s;
}
