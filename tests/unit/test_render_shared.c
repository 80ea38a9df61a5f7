/*
 * Unit tests of render_shared: the lookup link (relative, or to page_url
 * in a fragment; the expected servers kept only on links to the same
 * name; server and format escaped for the URL, '&' for HTML) and the
 * JSON string.
 */
#include <string.h>

#include "util/buf.h"
#include "util/config.h"
#include "input/domain.h"
#include "report/expect.h"
#include "render/render_shared.h"
#include "suites.h"
#include "render/view.h"

static struct config cfg;
static struct domain dom = { .ascii = "example.test", .unicode = "example.test" };
static struct expect_list expect = { { "ns1.new.test", "ns2.new.test" }, 2 };

static const char *href(const struct view *v, const char *name,
			const char *server, const char *format)
{
	static struct buf b;

	buf_free(&b);
	buf_init(&b, 1024);
	render_shared_html_link(&b, v, name, server, format);
	return buf_str(&b);
}

START_TEST(test_link)
{
	struct view v = { .format = FORMAT_HTML, .cfg = &cfg, .domain = &dom };

	ck_assert_str_eq(href(&v, "example.test", NULL, NULL),
			 "href=\"?domain=example.test\"");
	ck_assert_str_eq(href(&v, "example.test", "2001:db8::1", "json"),
			 "href=\"?domain=example.test&amp;server=2001%3Adb8%3A%3A1"
			 "&amp;format=json\"");
	v.expect = &expect;
	ck_assert_str_eq(href(&v, "example.test", NULL, NULL),
			 "href=\"?domain=example.test&amp;expect=ns1.new.test,"
			 "ns2.new.test\"");
	ck_assert_str_eq(href(&v, "other.test", NULL, NULL),
			 "href=\"?domain=other.test\"");
}
END_TEST

START_TEST(test_fragment_base)
{
	struct view v = { .format = FORMAT_FRAGMENT, .cfg = &cfg, .domain = &dom };

	memcpy(cfg.page_url, "https://tool.test/ns", 21);
	ck_assert_str_eq(render_shared_link_base(&v), "https://tool.test/ns");
	ck_assert_str_eq(href(&v, "a&b", NULL, NULL),
			 "href=\"https://tool.test/ns?domain=a%26b\"");
	v.format = FORMAT_JSON;
	ck_assert_str_eq(render_shared_link_base(&v), "");
	cfg.page_url[0] = '\0';
}
END_TEST

START_TEST(test_json_str)
{
	char mem[64];
	struct buf b;

	buf_init_fixed(&b, mem, sizeof mem);
	render_shared_json_str(&b, "say \"hi\"\n</");
	ck_assert_str_eq(buf_str(&b), "\"say \\\"hi\\\"\\n\\u003c/\"");
}
END_TEST

Suite *render_shared_suite(void)
{
	Suite *s = suite_create("render_shared");
	TCase *tc = tcase_create("render_shared");

	tcase_add_test(tc, test_link);
	tcase_add_test(tc, test_fragment_base);
	tcase_add_test(tc, test_json_str);
	suite_add_tcase(s, tc);
	return s;
}
