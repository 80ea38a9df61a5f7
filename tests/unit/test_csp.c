/*
 * Unit tests of csp: the sources the config accepts and refuses for each
 * directive, and the policy headers they make, strict by default.
 */
#include <check.h>
#include <string.h>

#include "util/buf.h"
#include "util/config.h"
#include "util/csp.h"
#include "suites.h"

static struct config cfg;
static char err[CONFIG_ERR_MAX];
static char mem[4096];
static struct buf out;

static void setup(void)
{
	config_defaults(&cfg);
	buf_init_fixed(&out, mem, sizeof mem);
}

static const char *headers(const char *static_origin)
{
	buf_reset(&out);
	csp_headers(&cfg, static_origin, &out);
	ck_assert(!buf_failed(&out));
	buf_putc(&out, '\0');
	return out.data;
}

static void set_ok(const char *key, const char *value)
{
	ck_assert_msg(config_set(&cfg, key, value, err, sizeof err) == 0,
		      "%s = %s: %s", key, value, err);
}

/* Refused, with a reason that names the key, and the old value kept. */
static void set_bad(const char *key, const char *value)
{
	char before[CONFIG_SOURCES_MAX];
	const char *field = strcmp(key, "frame_ancestors") == 0 ?
			    cfg.frame_ancestors : cfg.csp_script_src;

	memcpy(before, field, sizeof before);
	ck_assert_msg(config_set(&cfg, key, value, err, sizeof err) < 0,
		      "%s = %s was accepted", key, value);
	ck_assert_msg(strncmp(err, key, strlen(key)) == 0, "%s", err);
	ck_assert_str_eq(field, before);
}

START_TEST(test_default_is_strict)
{
	ck_assert_str_eq(headers(""),
		"Content-Security-Policy: default-src 'none'; style-src 'self'; "
		"img-src 'self' data:; form-action 'self'; base-uri 'none'; "
		"frame-ancestors 'self'\r\nX-Frame-Options: SAMEORIGIN\r\n");
}
END_TEST

START_TEST(test_widened)
{
	set_ok("csp_style_src", "https://cdn.example.com");
	set_ok("csp_img_src", "https://cdn.example.com, https://*.img.example");
	set_ok("csp_font_src", "https://fonts.example.net:8443");
	set_ok("csp_script_src", "'self'");
	set_ok("csp_connect_src", "  'self'\thttp://127.0.0.1:8081 ,");
	set_ok("frame_ancestors", "'self' https://help.example.com");
	ck_assert_str_eq(cfg.csp_connect_src, "'self' http://127.0.0.1:8081");
	ck_assert_str_eq(headers("https://static.example.org"),
		"Content-Security-Policy: default-src 'none'; style-src 'self' "
		"https://static.example.org https://cdn.example.com; "
		"img-src 'self' data: https://cdn.example.com "
		"https://*.img.example; font-src https://fonts.example.net:8443; "
		"script-src 'self'; connect-src 'self' http://127.0.0.1:8081; "
		"form-action 'self'; base-uri 'none'; "
		"frame-ancestors 'self' https://help.example.com\r\n");
}
END_TEST

START_TEST(test_frames)
{
	set_ok("frame_ancestors", "'none'");
	ck_assert(strstr(headers(""), "frame-ancestors 'none'\r\n"
			 "X-Frame-Options: DENY\r\n"));
	/* other sites: no X-Frame-Options, which could only forbid them */
	set_ok("frame_ancestors", "https://help.example.com");
	ck_assert(!strstr(headers(""), "X-Frame-Options"));
	set_bad("frame_ancestors", "'none' 'self'");
	set_bad("frame_ancestors", "");
	set_bad("frame_ancestors", "*");
	set_bad("frame_ancestors", "https:");
	ck_assert_str_eq(cfg.frame_ancestors, "https://help.example.com");
}
END_TEST

/* Nothing that runs inline script, nothing that lets every site in,
 * nothing that ends the header. */
START_TEST(test_refused)
{
	static const char *const bad[] = {
		"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'",
		"'strict-dynamic'", "'nonce-abc'", "'sha256-abc='",
		"'wasm-unsafe-eval'", "'none'", "'self", "self", "*", "data:",
		"blob:", "https:", "javascript:alert(1)", "cdn.example.com",
		"https://", "https://*.", "https://*", "https://a b",
		"https://cdn.example.com/path", "https://a:123456",
		"https://a;script-src *", "https://a\r\nSet-Cookie: x=1",
		"ftp://cdn.example.com", "'self' 'unsafe-inline'",
		"https://*.*.example.com",
	};

	set_ok("csp_script_src", "'self'");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		set_bad("csp_script_src", bad[i]);
	ck_assert_str_eq(cfg.csp_script_src, "'self'");
	set_ok("csp_script_src", "");
	ck_assert(!strstr(headers(""), "script-src"));
}
END_TEST

START_TEST(test_too_long)
{
	char list[CONFIG_SOURCES_MAX + 64] = "";

	while (strlen(list) < CONFIG_SOURCES_MAX)
		strcat(list, "https://cdn.example.com ");
	set_bad("csp_script_src", list);
}
END_TEST

Suite *csp_suite(void)
{
	Suite *s = suite_create("csp");
	TCase *tc = tcase_create("csp");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_default_is_strict);
	tcase_add_test(tc, test_widened);
	tcase_add_test(tc, test_frames);
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_too_long);
	suite_add_tcase(s, tc);
	return s;
}
