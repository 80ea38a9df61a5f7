/*
 * Unit tests of the renderers (HTML, JSON, text) and of view's status
 * mapping. Views are built by hand for every state; the real templates
 * come from $NSCHECK_WWW. Hostile names check that each output context
 * escapes: nothing raw in HTML, valid JSON (checked by a small validator
 * below), no control bytes on a terminal. The page in German and Spanish
 * comes from the real catalogues ($NSCHECK_WWW/locale); one made here
 * with markup in its sentences shows that theirs is escaped too.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/catalog.h"
#include "report/checks.h"
#include "util/config.h"
#include "input/domain.h"
#include "report/drill.h"
#include "report/expect.h"
#include "util/lang.h"
#include "render/render.h"
#include "report/report.h"
#include "input/request.h"
#include "report/result.h"
#include "render/template.h"
#include "report/transfer.h"
#include "suites.h"
#include "tree.h"
#include "render/view.h"

/* --- a small JSON validator (RFC 8259), for "stays valid" checks ----- */

static const char *json_value(const char *p, int depth);

static const char *json_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static const char *json_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p != '"') {
		unsigned char c = (unsigned char)*p;
		unsigned long cp;
		if (c < 0x20) /* raw control characters, NUL included */
			return NULL;
		if (c == '\\') {
			p++;
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!isxdigit((unsigned char)p[i]))
						return NULL;
				p += 5;
			} else if (*p && strchr("\"\\/bfnrt", *p)) {
				p++;
			} else {
				return NULL;
			}
			continue;
		}
		size_t len = utf8_decode((const unsigned char *)p, strlen(p), &cp);
		if (len == 0)
			return NULL;
		p += len;
	}
	return p + 1;
}

static const char *json_number(const char *p)
{
	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return NULL;
	if (*p == '0' && isdigit((unsigned char)p[1]))
		return NULL;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.') {
		if (!isdigit((unsigned char)*++p))
			return NULL;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!isdigit((unsigned char)*p))
			return NULL;
		while (isdigit((unsigned char)*p))
			p++;
	}
	return p;
}

/* '{' members '}' or '[' elements ']' */
static const char *json_container(const char *p, int depth, bool object)
{
	char close = object ? '}' : ']';

	p = json_ws(p + 1);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (object) {
			p = json_string(p);
			if (!p)
				return NULL;
			p = json_ws(p);
			if (*p++ != ':')
				return NULL;
		}
		p = json_value(p, depth + 1);
		if (!p)
			return NULL;
		p = json_ws(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
		p = json_ws(p);
	}
}

static const char *json_value(const char *p, int depth)
{
	if (depth > 32)
		return NULL;
	p = json_ws(p);
	switch (*p) {
	case '{': return json_container(p, depth, true);
	case '[': return json_container(p, depth, false);
	case '"': return json_string(p);
	case 't': return strncmp(p, "true", 4) == 0 ? p + 4 : NULL;
	case 'f': return strncmp(p, "false", 5) == 0 ? p + 5 : NULL;
	case 'n': return strncmp(p, "null", 4) == 0 ? p + 4 : NULL;
	default: return json_number(p);
	}
}

static bool json_valid(const char *s)
{
	const char *end = json_value(s, 0);
	return end && *json_ws(end) == '\0';
}

START_TEST(test_json_validator)
{
	/* the validator itself must reject what it is there to catch */
	ck_assert(json_valid("{\"a\":[1,-2.5e3,\"x\\u00e9\",true,null],\"b\":{}}\n"));
	ck_assert(!json_valid("{\"a\":1,}"));
	ck_assert(!json_valid("{\"a\":\"x\ny\"}"));
	ck_assert(!json_valid("{\"a\":\"\\x41\"}"));
	ck_assert(!json_valid("{\"a\":\"\xFF\"}"));
	ck_assert(!json_valid("{\"a\":1} x"));
	ck_assert(!json_valid("{\"a\" 1}"));
	ck_assert(!json_valid("[01]"));
}
END_TEST

/* --- fixture: config, templates, output buffer ---------------------- */

static struct config cfg;
static struct templates tpl;
static struct buf out;

static void setup(void)
{
	char err[512];
	const char *www = getenv("NSCHECK_WWW");

	ck_assert_msg(www != NULL, "NSCHECK_WWW is not set (run through make)");
	config_defaults(&cfg);
	struct template_paths tp = { .www_dir = www };
	ck_assert_msg(templates_load(&tpl, &tp, err, sizeof err) == 0, "%s", err);
	buf_init(&out, 1 << 21);
}

static void teardown(void)
{
	templates_free(&tpl);
	buf_free(&out);
}

/* --- results built by hand ------------------------------------------ */

static unsigned char v4_one[1][16] = { { 192, 0, 2, 1 } };
static unsigned char v4_two[2][16] = { { 192, 0, 2, 2 }, { 198, 51, 100, 7 } };
static unsigned char v6_one[1][16] = {
	{ 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53 },
};

static struct ns_server servers[8];
static struct ns_result result;
static struct domain dom;

static void addrs(struct ns_addrs *a, unsigned char (*list)[16], size_t n,
		  uint32_t ttl)
{
	a->state = ADDR_FOUND;
	a->addr = list;
	a->n = n;
	a->ttl = ttl;
}

static void set_domain(const char *ascii, const char *unicode, bool idn)
{
	memset(&dom, 0, sizeof dom);
	snprintf(dom.ascii, sizeof dom.ascii, "%s", ascii);
	snprintf(dom.unicode, sizeof dom.unicode, "%s", unicode);
	dom.idn = idn;
}

static void base_result(enum lookup_status status, const char *qname)
{
	memset(&result, 0, sizeof result);
	memset(servers, 0, sizeof servers);
	result.status = status;
	result.qname = qname;
	result.owner = qname;
	result.elapsed_ms = 12;
	snprintf(result.resolver, sizeof result.resolver, "192.0.2.53");
	result.failure = "ok";
	set_domain(qname, qname, false);
}

/*
 * example.com with n name servers:
 *   ns1.example.net  TTL 3600    A 192.0.2.1            AAAA 2001:db8::53
 *   ns2.example.org  TTL 86400   A 192.0.2.2 198.51.100.7  no AAAA
 *   ns3.example.com  TTL 172800  A lookup timed out     AAAA 2001:db8::53
 */
static void found(size_t n)
{
	base_result(LOOKUP_FOUND, "example.com");
	servers[0].name = "ns1.example.net";
	servers[0].ttl = 3600;
	addrs(&servers[0].v4, v4_one, 1, 7200);
	addrs(&servers[0].v6, v6_one, 1, 7200);
	servers[1].name = "ns2.example.org";
	servers[1].ttl = 86400;
	addrs(&servers[1].v4, v4_two, 2, 86400);
	servers[1].v6.state = ADDR_NONE;
	servers[2].name = "ns3.example.com";
	servers[2].ttl = 172800;
	servers[2].v4.state = ADDR_TIMEOUT;
	addrs(&servers[2].v6, v6_one, 1, 86400);
	result.ns = servers;
	result.n_ns = n;
}

static struct view view_of(enum view_state state)
{
	struct view v = { .state = state, .cfg = &cfg, .tpl = &tpl };

	if (state == VIEW_RESULT) {
		v.result = &result;
		v.domain = &dom;
		v.input = dom.ascii;
		v.input_len = strlen(dom.ascii);
	}
	return v;
}

/* --- rendering helpers ---------------------------------------------- */

/* Renders as app.c does: the checks first, once, then the format. */
static const char *draw(const struct view *given, enum request_format f)
{
	static struct check_list checks;
	struct view with_checks = *given;
	const struct view *v = &with_checks;

	view_check(&with_checks, &checks);
	buf_reset(&out);
	switch (f) {
	case FORMAT_HTML: render_html(v, &out); break;
	case FORMAT_JSON: render_json(v, &out); break;
	case FORMAT_TEXT: render_text(v, &out); break;
	case FORMAT_FRAGMENT: render_html_fragment(v, &out); break;
	case FORMAT_EMBED: render_html_embed(v, &out); break;
	}
	ck_assert(!buf_failed(&out));
	ck_assert_uint_eq(strlen(buf_str(&out)), out.len); /* no NUL inside */
	if (f == FORMAT_JSON)
		ck_assert_msg(json_valid(buf_str(&out)), "invalid JSON: %.1500s",
			      buf_str(&out));
	return buf_str(&out);
}

/*
 * The part of the output worth showing when an assertion fails: check
 * limits message sizes, and a whole page is too long.
 */
static const char *excerpt(const char *needle)
{
	const char *s = buf_str(&out);
	const char *at = strstr(s, needle);
	const char *section = strstr(s, "<section id=\"result\"");

	if (at)
		return at > s + 200 ? at - 200 : s;
	return section ? section : s;
}

#define HAS(needle) \
	ck_assert_msg(strstr(buf_str(&out), (needle)) != NULL, \
		      "output lacks \"%s\":\n%.1500s", (needle), excerpt(needle))
#define LACKS(needle) \
	ck_assert_msg(strstr(buf_str(&out), (needle)) == NULL, \
		      "output has \"%s\":\n%.1500s", (needle), excerpt(needle))

/* JSON \u escapes may use either case: search case-insensitively. */
static bool has_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

#define HAS_CI(needle) \
	ck_assert_msg(has_ci(buf_str(&out), (needle)), \
		      "output lacks \"%s\":\n%.1500s", (needle), excerpt(needle))

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The column at which needle starts on the line that holds it. */
static long column_of(const char *text, const char *needle)
{
	const char *at = strstr(text, needle);

	if (!at)
		return -1;
	const char *line = at;
	while (line > text && line[-1] != '\n')
		line--;
	return at - line;
}

/* --- VIEW_FORM ------------------------------------------------------ */

START_TEST(test_form)
{
	struct view v = view_of(VIEW_FORM);

	draw(&v, FORMAT_HTML);
	ck_assert(starts_with(buf_str(&out), "<!DOCTYPE html>"));
	HAS("<title>NS lookup</title>");
	HAS("href=\"/nscheck/static/nscheck.css?v=");
	HAS("value=\"\"");
	HAS("About NS records"); /* the help text is in the page */
	HAS("<header class=\"site\">");  /* the shipped header and footer */
	HAS("<footer class=\"site\">");
	/* first in the body, before the site's header: the skip link */
	HAS("<body>\n<a class=\"skip\" href=\"#domain\">Skip to the form</a>\n"
	    "<header class=\"site\">");
	LACKS("aria-invalid");
	LACKS("id=\"result\"");
	LACKS("{{");

	draw(&v, FORMAT_JSON);
	ck_assert(starts_with(buf_str(&out), "{\"version\":1,\"status\":\"no_query\""));
	HAS("\"message\":\"Enter a domain name");

	draw(&v, FORMAT_TEXT);
	ck_assert_str_eq(buf_str(&out),
			 "Enter a domain name to see its name servers.\n");

	ck_assert_int_eq(view_http_status(&v), 200);
	ck_assert_uint_eq(view_max_age(&v), cfg.http_max_age);

	/* show_help = no: the operator's page carries its own explanations */
	cfg.show_help = false;
	draw(&v, FORMAT_HTML);
	LACKS("About NS records");
	HAS("<footer class=\"site\">");
	cfg.show_help = true;
}
END_TEST

/* --- VIEW_BAD_REQUEST ----------------------------------------------- */

START_TEST(test_bad_request)
{
	struct request_problem rp = { .code = REQUEST_BAD_FORMAT };
	struct view v = view_of(VIEW_BAD_REQUEST);

	snprintf(rp.value, sizeof rp.value, "xml");
	v.request_problem = &rp;

	draw(&v, FORMAT_HTML);
	HAS("The request could not be handled");
	HAS("The format &quot;xml&quot; is unknown");
	HAS("role=\"alert\"");

	draw(&v, FORMAT_JSON);
	ck_assert(starts_with(buf_str(&out),
			      "{\"version\":1,\"status\":\"bad_request\""));
	HAS("\"error\":{\"code\":\"unknown_format\"}");
	HAS("The format \\\"xml\\\" is unknown");

	draw(&v, FORMAT_TEXT);
	ck_assert(starts_with(buf_str(&out), "Error: The format \"xml\" is unknown"));

	ck_assert_int_eq(view_http_status(&v), 400);
	ck_assert_uint_eq(view_max_age(&v), 0);
}
END_TEST

START_TEST(test_request_statuses)
{
	static const struct {
		enum request_error e;
		int status;
	} map[] = {
		{ REQUEST_BAD_METHOD, 405 },       { REQUEST_QUERY_TOO_LONG, 414 },
		{ REQUEST_BODY_TOO_LARGE, 413 },   { REQUEST_LENGTH_REQUIRED, 411 },
		{ REQUEST_BAD_CONTENT_TYPE, 415 }, { REQUEST_BODY_INCOMPLETE, 400 },
		{ REQUEST_BAD_ENCODING, 400 },     { REQUEST_TOO_MANY_PARAMS, 400 },
		{ REQUEST_REPEATED_PARAM, 400 },   { REQUEST_BAD_FORMAT, 400 },
		{ REQUEST_NOMEM, 500 },
	};
	struct request_problem rp = { .where = "query string" };
	struct view v = view_of(VIEW_BAD_REQUEST);

	v.request_problem = &rp;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		rp.code = map[i].e;
		ck_assert_int_eq(view_http_status(&v), map[i].status);
		ck_assert_uint_eq(view_max_age(&v), 0);
		ck_assert_str_ne(http_reason(map[i].status), "Unknown");
		/* every one renders in every format */
		draw(&v, FORMAT_HTML);
		draw(&v, FORMAT_JSON);
		HAS(request_error_id(map[i].e));
		draw(&v, FORMAT_TEXT);
		ck_assert(starts_with(buf_str(&out), "Error: "));
	}
	ck_assert_str_eq(http_reason(200), "OK");
	ck_assert_str_eq(http_reason(405), "Method Not Allowed");
	ck_assert_str_eq(http_reason(502), "Bad Gateway");
	ck_assert_str_eq(http_reason(504), "Gateway Timeout");
}
END_TEST

START_TEST(test_bad_request_hostile_value)
{
	struct request_problem rp = { .code = REQUEST_BAD_METHOD };
	struct view v = view_of(VIEW_BAD_REQUEST);

	snprintf(rp.value, sizeof rp.value, "<script>x</script>\x1B");
	v.request_problem = &rp;
	draw(&v, FORMAT_HTML);
	LACKS("<script");
	LACKS("\x1B");
	HAS("&lt;script&gt;x&lt;/script&gt;");
	draw(&v, FORMAT_JSON);
	LACKS("<script");
	HAS_CI("\\u003cscript\\u003e");
	draw(&v, FORMAT_TEXT);
	LACKS("\x1B");
	HAS("\\x1B");
}
END_TEST

/* --- VIEW_BAD_DOMAIN ------------------------------------------------ */

START_TEST(test_bad_domain)
{
	static const char input[] = "example.c<m";
	struct domain_problem dp = {
		.code = DOMAIN_BAD_CHAR, .label = 2, .labels = 2, .ch = '<',
	};
	struct view v = view_of(VIEW_BAD_DOMAIN);

	snprintf(dp.text, sizeof dp.text, "c<m");
	dp.text_len = 3;
	v.domain_problem = &dp;
	v.input = input;
	v.input_len = sizeof input - 1;

	draw(&v, FORMAT_HTML);
	HAS("That is not a domain name we can look up");
	HAS("aria-invalid=\"true\"");
	HAS("value=\"example.c&lt;m\"");
	HAS("Label 2 (&quot;c&lt;m&quot;)");
	LACKS("c<m");

	draw(&v, FORMAT_JSON);
	ck_assert(starts_with(buf_str(&out), "{\"version\":1,\"status\":\"invalid\""));
	HAS("\"error\":{\"code\":\"bad_character\"}");
	HAS_CI("\"query\":{\"input\":\"example.c\\u003cm\"}");

	draw(&v, FORMAT_TEXT);
	ck_assert(starts_with(buf_str(&out), "Error: Label 2"));

	ck_assert_int_eq(view_http_status(&v), 400);
	ck_assert_uint_eq(view_max_age(&v), 0);
}
END_TEST

START_TEST(test_bad_domain_hostile_input)
{
	static const char input[] = "<script>\"'&\x1B\xFF";
	struct domain_problem dp = { .code = DOMAIN_BAD_UTF8 };
	struct view v = view_of(VIEW_BAD_DOMAIN);

	v.domain_problem = &dp;
	v.input = input;
	v.input_len = sizeof input - 1;

	draw(&v, FORMAT_HTML);
	LACKS("<script");
	LACKS("\x1B");
	HAS("value=\"&lt;script&gt;&quot;&#39;&amp;\xEF\xBF\xBD\xEF\xBF\xBD\"");

	draw(&v, FORMAT_JSON);
	LACKS("<script");
	HAS_CI("\"input\":\"\\u003cscript\\u003e\\\"'\\u0026\\u001b\\ufffd\"");

	draw(&v, FORMAT_TEXT);
	LACKS("\x1B");
}
END_TEST

/* --- VIEW_RESULT: found --------------------------------------------- */

START_TEST(test_found_one_ns)
{
	struct view v;

	found(1);
	v = view_of(VIEW_RESULT);

	draw(&v, FORMAT_HTML);
	HAS("<section id=\"result\" class=\"result found\"");
	HAS("example.com has 1 name server.");
	HAS("<li class=\"check fail\" id=\"result-ns_count\">");
	HAS("Only one name server (ns1.example.net)");
	HAS("href=\"#check-ns_count\"");
	/* each link its own name for a screen reader's list of links */
	HAS(">What this means<span class=\"visually-hidden\"> (Number of "
	    "name servers)</span></a>");
	HAS(">What this means<span class=\"visually-hidden\"> (Name servers "
	    "have addresses)</span></a>");
	/* the skip link leads to the result, which can take the focus */
	HAS("<a class=\"skip\" href=\"#result\">Skip to the result</a>");
	HAS("class=\"result found\" tabindex=\"-1\"");

	draw(&v, FORMAT_JSON);
	HAS("\"checks\":[{\"id\":\"ns_count\",\"status\":\"fail\"");

	draw(&v, FORMAT_TEXT);
	HAS("Problem [ns_count]: Only one name server (ns1.example.net)");

	ck_assert_int_eq(view_http_status(&v), 200);
}
END_TEST

START_TEST(test_found_html)
{
	struct view v;

	found(3);
	v = view_of(VIEW_RESULT);
	draw(&v, FORMAT_HTML);
	HAS("<title>example.com · NS lookup</title>");
	HAS("value=\"example.com\"");
	HAS("example.com has 3 name servers.");
	HAS("<th scope=\"col\">Host</th>");
	HAS("<th scope=\"col\">Name server</th>");
	HAS("<th scope=\"col\">TTL");
	HAS("<th scope=\"col\">IPv4</th>");
	HAS("<th scope=\"col\">IPv6</th>");
	HAS("<td class=\"host\">example.com</td>");
	HAS("ns1.example.net</th>");
	HAS("ns2.example.org</th>");
	HAS(">3600</span> <span class=\"human\">(1 hour)</span>");
	HAS(">86400</span> <span class=\"human\">(1 day)</span>");
	HAS(">172800</span> <span class=\"human\">(2 days)</span>");
	HAS("<li>192.0.2.1</li>");
	HAS("<li>192.0.2.2</li><li>198.51.100.7</li>");
	HAS("<li>2001:db8::53</li>");
	HAS("no IPv6 address");
	HAS("lookup timed out");
	HAS("<li class=\"check pass\" id=\"result-ns_count\">");
	HAS("<li class=\"check pass\" id=\"result-ns_resolves\">");
	HAS("Answered by resolver <code>192.0.2.53</code>");
	HAS(" in 12 ms.");
	/* links: the value URL-escaped, the attribute HTML-escaped */
	HAS("href=\"?domain=example.com\" rel=\"bookmark\"");
	HAS("href=\"?domain=example.com&amp;format=json\"");
	HAS("href=\"?domain=example.com&amp;format=text\"");
	LACKS("&format=");
	LACKS("class=\"names\""); /* not an IDN */
}
END_TEST

/* The result block alone, with links that lead back to the tool. */
START_TEST(test_fragment)
{
	struct view v;

	found(3);
	v = view_of(VIEW_RESULT);
	v.format = FORMAT_FRAGMENT;
	draw(&v, FORMAT_FRAGMENT);
	ck_assert(starts_with(buf_str(&out), "<section id=\"result\""));
	HAS("example.com has 3 name servers.");
	HAS("<td class=\"host\">example.com</td>");
	LACKS("<html");
	LACKS("<form");
	LACKS("About NS records"); /* no help text */
	HAS("href=\"/nscheck/?domain=example.com\" rel=\"bookmark\"");
	HAS("href=\"/nscheck/?domain=example.com&amp;format=json\"");
	HAS("href=\"/nscheck/#check-ns_count\"");
	LACKS("href=\"?");
	LACKS("href=\"#");

	/* the page itself keeps relative links */
	v.format = FORMAT_HTML;
	draw(&v, FORMAT_HTML);
	HAS("href=\"#check-ns_count\"");

	/* without the help text there is nothing to link to */
	cfg.show_help = false;
	draw(&v, FORMAT_HTML);
	LACKS("What this means");
	LACKS("#check-");
	HAS("id=\"result-ns_count\"");
	cfg.show_help = true;

	/* an error is a block too; the form alone is nothing */
	v = view_of(VIEW_FORM);
	v.format = FORMAT_FRAGMENT;
	draw(&v, FORMAT_FRAGMENT);
	ck_assert_str_eq(buf_str(&out), "");
}
END_TEST

/* A document for a frame: the form stays in it, the links go to the top
 * window's tool. */
START_TEST(test_embed)
{
	struct view v;

	found(3);
	v = view_of(VIEW_RESULT);
	v.format = FORMAT_EMBED;
	draw(&v, FORMAT_EMBED);
	ck_assert(starts_with(buf_str(&out), "<!DOCTYPE html>\n<html lang=\"en\">"));
	HAS("<title>example.com · NS lookup</title>");
	HAS("<link rel=\"stylesheet\" href=\"/nscheck/static/nscheck.css");
	HAS("<base target=\"_top\">");
	HAS("<form class=\"lookup\" method=\"get\" role=\"search\" "
	    "target=\"_self\">");
	HAS("<input type=\"hidden\" name=\"format\" value=\"embed\">");
	HAS("value=\"example.com\"");
	HAS("example.com has 3 name servers.");
	HAS("href=\"/nscheck/?domain=example.com&amp;format=json\"");
	HAS("href=\"/nscheck/#check-ns_count\"");
	HAS("<a href=\"/nscheck/?domain=example.com\">Open in the full NS "
	    "lookup</a>");
	LACKS("href=\"?");
	LACKS("href=\"#");
	LACKS("About NS records"); /* no help text, header or footer */
	LACKS("class=\"site\"");
	LACKS("style=");

	/* the form alone, and a name refused with the reason */
	v = view_of(VIEW_FORM);
	v.format = FORMAT_EMBED;
	draw(&v, FORMAT_EMBED);
	HAS("<a href=\"/nscheck/\">Open in the full NS lookup</a>");
	LACKS("<section id=\"result\"");
}
END_TEST

START_TEST(test_found_json)
{
	struct view v;

	found(3);
	v = view_of(VIEW_RESULT);
	draw(&v, FORMAT_JSON);
	ck_assert(starts_with(buf_str(&out), "{\"version\":1,\"status\":\"found\""));
	HAS("\"message\":\"example.com has 3 name servers.\"");
	HAS("\"query\":{\"input\":\"example.com\",\"name\":\"example.com\","
	    "\"ascii\":\"example.com\"}");
	HAS("\"owner\":\"example.com\"");
	HAS("\"resolver\":\"192.0.2.53\"");
	HAS("\"query_time_ms\":12");
	HAS("\"ttl\":3600,"); /* the smallest TTL of the answer */
	HAS("\"zone\":null");
	HAS("\"ns\":[{\"name\":\"ns1.example.net\",\"ttl\":3600,"
	    "\"ipv4\":[\"192.0.2.1\"],\"ipv6\":[\"2001:db8::53\"],"
	    "\"ipv4_status\":\"found\",\"ipv6_status\":\"found\"}");
	HAS("{\"name\":\"ns2.example.org\",\"ttl\":86400,"
	    "\"ipv4\":[\"192.0.2.2\",\"198.51.100.7\"],\"ipv6\":[],"
	    "\"ipv4_status\":\"found\",\"ipv6_status\":\"none\"}");
	HAS("\"ipv4_status\":\"timeout\"");
	HAS("{\"id\":\"ns_count\",\"status\":\"pass\"");
	HAS("{\"id\":\"ns_resolves\",\"status\":\"pass\"");
	ck_assert_str_eq(buf_str(&out) + out.len - 2, "}\n");
}
END_TEST

START_TEST(test_found_text)
{
	struct view v;

	found(3);
	v = view_of(VIEW_RESULT);
	const char *t = draw(&v, FORMAT_TEXT);
	ck_assert(starts_with(t, "NS lookup: example.com\nStatus: found\n"
			      "Resolver: 192.0.2.53, 12 ms\n"));
	HAS("example.com has 3 name servers.\n");
	HAS("HOST");
	HAS("NAME SERVER");
	HAS("TTL");
	HAS("IPV4");
	HAS("IPV6");
	HAS("3600 (1 hour)");
	HAS("86400 (1 day)");
	HAS("172800 (2 days)");
	HAS("192.0.2.1");
	HAS("198.51.100.7");
	HAS("2001:db8::53");
	HAS("(no IPv6 address)");
	HAS("Passed [ns_count]: 3 name servers");
	/* columns line up: each value starts where its heading does */
	ck_assert_int_eq(column_of(t, "NAME SERVER"), column_of(t, "ns1.example.net"));
	ck_assert_int_eq(column_of(t, "NAME SERVER"), column_of(t, "ns2.example.org"));
	ck_assert_int_eq(column_of(t, "IPV4"), column_of(t, "192.0.2.1"));
	ck_assert_int_eq(column_of(t, "IPV4"), column_of(t, "198.51.100.7"));
	/* no line ends in a blank */
	LACKS(" \n");
}
END_TEST

START_TEST(test_found_max_age)
{
	struct view v;

	/* an address lookup that timed out makes the answer incomplete:
	 * nothing may keep it */
	found(3);
	v = view_of(VIEW_RESULT);
	ck_assert_uint_eq(view_max_age(&v), 0);
	/* answers to a POST are never cached either */
	found(2);
	v.post = true;
	ck_assert_uint_eq(view_max_age(&v), 0);
	v.post = false;
	/* capped by http_max_age */
	ck_assert_uint_eq(view_max_age(&v), cfg.http_max_age);
	/* otherwise the smallest TTL, addresses included */
	cfg.http_max_age = 86400;
	ck_assert_uint_eq(view_max_age(&v), 3600);
	servers[1].v4.ttl = 30;
	ck_assert_uint_eq(view_max_age(&v), 30);
	cfg.http_max_age = 0;
	ck_assert_uint_eq(view_max_age(&v), 0);
}
END_TEST

START_TEST(test_found_idn)
{
	struct view v;

	found(2);
	result.qname = result.owner = "xn--bcher-kva.example";
	set_domain("xn--bcher-kva.example", "b\xC3\xBC" "cher.example", true);
	v = view_of(VIEW_RESULT);

	draw(&v, FORMAT_HTML);
	HAS("<title>b\xC3\xBC" "cher.example · NS lookup</title>");
	HAS("Unicode: <span>b\xC3\xBC" "cher.example</span>");
	HAS("ASCII: <code>xn--bcher-kva.example</code>");
	HAS("href=\"?domain=xn--bcher-kva.example\"");

	draw(&v, FORMAT_JSON);
	HAS("\"name\":\"b\xC3\xBC" "cher.example\",\"ascii\":\"xn--bcher-kva.example\"");

	draw(&v, FORMAT_TEXT);
	HAS("NS lookup: b\xC3\xBC" "cher.example (xn--bcher-kva.example)\n");
}
END_TEST

START_TEST(test_found_cname)
{
	struct view v;

	found(2);
	result.qname = "www.example.com";
	result.owner = "alias.example.net";
	set_domain("www.example.com", "www.example.com", false);
	v = view_of(VIEW_RESULT);

	draw(&v, FORMAT_HTML);
	HAS("alias (CNAME) of alias.example.net");
	HAS("<td class=\"host\">alias.example.net</td>");
	draw(&v, FORMAT_JSON);
	HAS("\"owner\":\"alias.example.net\"");
	draw(&v, FORMAT_TEXT);
	HAS("alias (CNAME) of alias.example.net");
}
END_TEST

/* --- VIEW_RESULT: negative answers ---------------------------------- */

START_TEST(test_nxdomain)
{
	struct view v;

	base_result(LOOKUP_NXDOMAIN, "nope.example.com");
	result.zone = "example.com";
	result.negative_ttl = 900;
	v = view_of(VIEW_RESULT);

	draw(&v, FORMAT_HTML);
	HAS("class=\"result nxdomain\"");
	HAS("nope.example.com does not exist.");
	/* the advice names the zone that answered */
	HAS("zone example.com");
	HAS("no such name");
	HAS("<a href=\"?domain=example.com\">example.com</a>");
	LACKS("<table");
	LACKS("class=\"checks\"");

	draw(&v, FORMAT_JSON);
	ck_assert(starts_with(buf_str(&out), "{\"version\":1,\"status\":\"nxdomain\""));
	HAS("\"zone\":\"example.com\"");
	HAS("\"ttl\":900");
	HAS("\"ns\":[]");
	HAS("\"checks\":[]");

	draw(&v, FORMAT_TEXT);
	HAS("Status: nxdomain\n");
	HAS("nope.example.com does not exist.\n");
	LACKS("NAME SERVER");

	ck_assert_int_eq(view_http_status(&v), 200);
	ck_assert_uint_eq(view_max_age(&v), 300); /* capped */
	cfg.http_max_age = 3600;
	ck_assert_uint_eq(view_max_age(&v), 900);
	/* without an SOA there is no lifetime to trust */
	result.zone = NULL;
	ck_assert_uint_eq(view_max_age(&v), 0);
}
END_TEST

START_TEST(test_no_ns)
{
	struct view v;

	base_result(LOOKUP_NO_NS, "www.example.com");
	result.zone = "example.com";
	result.negative_ttl = 60;
	v = view_of(VIEW_RESULT);

	draw(&v, FORMAT_HTML);
	HAS("class=\"result no_ns\"");
	HAS("www.example.com exists but has no NS records.");
	HAS("www.example.com belongs to the zone example.com");
	HAS("<p class=\"zone-link\">");
	HAS("href=\"?domain=example.com\"");

	draw(&v, FORMAT_JSON);
	HAS("\"status\":\"no_ns\"");
	HAS("\"zone\":\"example.com\"");

	draw(&v, FORMAT_TEXT);
	HAS("Status: no_ns\n");
	HAS("belongs to the zone example.com");

	ck_assert_int_eq(view_http_status(&v), 200);
	ck_assert_uint_eq(view_max_age(&v), 60);

	/* the zone is the name itself: no link to the same page */
	result.qname = "example.com";
	set_domain("example.com", "example.com", false);
	draw(&v, FORMAT_HTML);
	LACKS("zone-link");
}
END_TEST

START_TEST(test_no_ns_hostile_zone)
{
	struct view v;

	base_result(LOOKUP_NO_NS, "www.example.com");
	result.zone = "<x>\"&.example";
	v = view_of(VIEW_RESULT);
	draw(&v, FORMAT_HTML);
	LACKS("<x>");
	HAS("<a href=\"?domain=%3Cx%3E%22%26.example\">&lt;x&gt;&quot;&amp;.example</a>");
	draw(&v, FORMAT_JSON);
	HAS_CI("\"zone\":\"\\u003cx\\u003e\\\"\\u0026.example\"");
}
END_TEST

/* --- VIEW_RESULT: failures ------------------------------------------ */

START_TEST(test_servfail)
{
	struct view v;

	base_result(LOOKUP_SERVFAIL, "example.com");
	result.failure = "servfail";
	v = view_of(VIEW_RESULT);

	draw(&v, FORMAT_HTML);
	HAS("class=\"result servfail\"");
	HAS("The resolver could not get an answer for example.com.");
	HAS("The resolver (192.0.2.53) reported a failure.");
	LACKS("<table");

	draw(&v, FORMAT_JSON);
	HAS("\"status\":\"servfail\"");
	HAS("\"resolver\":\"192.0.2.53\"");

	draw(&v, FORMAT_TEXT);
	HAS("Status: servfail\n");
	HAS("Resolver: 192.0.2.53");

	ck_assert_int_eq(view_http_status(&v), 502);
	ck_assert_uint_eq(view_max_age(&v), 0);

	result.failure = "refused";
	draw(&v, FORMAT_HTML);
	HAS("refused the query");
}
END_TEST

START_TEST(test_timeout)
{
	struct view v;

	base_result(LOOKUP_TIMEOUT, "example.com");
	result.resolver[0] = '\0';
	result.elapsed_ms = 5001;
	v = view_of(VIEW_RESULT);

	draw(&v, FORMAT_HTML);
	HAS("class=\"result timeout\"");
	HAS("No answer for example.com arrived in time.");
	HAS("within 5.0 seconds");
	HAS("No reply from the resolver in 5001 ms.");

	draw(&v, FORMAT_JSON);
	HAS("\"status\":\"timeout\"");
	HAS("\"resolver\":null");
	HAS("\"query_time_ms\":5001");

	draw(&v, FORMAT_TEXT);
	HAS("Status: timeout\nResolver: (no reply), 5001 ms\n");

	ck_assert_int_eq(view_http_status(&v), 504);
	ck_assert_uint_eq(view_max_age(&v), 0);
}
END_TEST

START_TEST(test_lookup_error)
{
	struct view v;

	base_result(LOOKUP_ERROR, "example.com");
	v = view_of(VIEW_RESULT);
	draw(&v, FORMAT_HTML);
	HAS("could not be completed");
	draw(&v, FORMAT_JSON);
	HAS("\"status\":\"error\"");
	draw(&v, FORMAT_TEXT);
	ck_assert_int_eq(view_http_status(&v), 500);
	ck_assert_uint_eq(view_max_age(&v), 0);
}
END_TEST

/* --- hostile data in a found result --------------------------------- */

/* --- the delegation report's tables --------------------------------- */

static const char *report_deleg[] = { "ns1.example.net", "ns2.example.org" };
static struct report_ask report_servers[6];
static struct report_ask report_parents[1];
static struct report_view report_views[1];
static struct report report_fixture;

/*
 * The report on example.com: one server of each unanswered state, one
 * that refuses (and recurses for anyone, with TCP but without the key),
 * one that serves the zone; a resolver that gives no NS records.
 */
static void with_report(struct view *v)
{
	static const enum ask_state silent[] = {
		ASK_TIMEOUT, ASK_SKIPPED, ASK_LIMIT, ASK_FAILED,
	};
	struct report *rep = &report_fixture;

	memset(report_servers, 0, sizeof report_servers);
	for (size_t i = 0; i < 4; i++) {
		struct report_ask *a = &report_servers[i];
		a->server = "ns1.example.net";
		a->addr[0] = 192;
		a->addr[3] = (unsigned char)(10 + i);
		a->state = silent[i];
		a->skipped_why = a->state == ASK_SKIPPED ? "loopback" : NULL;
	}
	report_servers[4] = (struct report_ask){
		.server = "ns2.example.org", .addr = { 198, 51, 100, 7 },
		.state = ASK_ANSWERED, .rtt_us = 1234, .rcode = 5,
		.tcp = OVER_TCP_OK, .recursion = RECURSION_OPEN,
		.keys = KEYS_NO_MATCH,
	};
	report_servers[5] = (struct report_ask){
		.server = "ns2.example.org", .addr = { 198, 51, 100, 8 },
		.state = ASK_ANSWERED, .rtt_us = 2100, .aa = true,
		.ns = report_deleg, .n_ns = 2, .has_soa = true, .serial = 7,
		.tcp = OVER_TCP_REFUSED, .recursion = RECURSION_OFF,
		.keys = KEYS_MATCH,
	};
	report_parents[0] = (struct report_ask){
		.server = "a.nic.example", .addr = { 203, 0, 113, 1 },
		.state = ASK_ANSWERED, .rtt_us = 500, .referral = true,
		.ns = report_deleg, .n_ns = 2, .ns_ttl = 86400,
	};
	report_views[0] = (struct report_view){
		.resolver = "192.0.2.53", .state = ASK_ANSWERED, .rcode = 3,
	};
	memset(rep, 0, sizeof *rep);
	rep->status = REPORT_DONE;
	rep->parent_zone = "com";
	rep->parents = report_parents;
	rep->n_parents = 1;
	rep->deleg = report_deleg;
	rep->n_deleg = 2;
	rep->deleg_ttl = 86400;
	rep->servers = report_servers;
	rep->n_servers = 6;
	rep->views = report_views;
	rep->n_views = 1;
	rep->ds_state = DS_PRESENT;
	rep->ds.n = 1;
	rep->ds.k[0].tag = 12345;
	rep->ds.k[0].alg = 13;
	rep->queries = 20;
	v->report = rep;
}

/* example.com with two name servers and that report, drawn as f. */
static const char *draw_report(enum request_format f)
{
	struct view v;

	found(2);
	v = view_of(VIEW_RESULT);
	with_report(&v);
	return draw(&v, f);
}

START_TEST(test_report_html)
{
	draw_report(FORMAT_HTML);
	HAS("<td class=\"rtt\"><span class=\"bad\">no answer</span></td>");
	HAS("<td class=\"rtt\"><span class=\"none\">not asked: loopback "
	    "address</span></td>");
	HAS("<td class=\"rtt\"><span class=\"none\">not asked (query "
	    "limit)</span></td>");
	HAS("<td class=\"rtt\"><span class=\"bad\">could not be sent</span>"
	    "</td>");
	/* the refusing server, cell by cell */
	HAS("<td class=\"rtt\">1.23 ms</td><td class=\"aa\"><span class=\"bad\">"
	    "no: REFUSED</span></td><td class=\"serial\"><span class=\"none\">"
	    "\u2014</span></td><td class=\"tcp\">yes</td><td class=\"recursion\">"
	    "<span class=\"bad\">open to anyone</span></td><td class=\"dnskey\">"
	    "<span class=\"bad\">no key for the DS</span></td>");
	/* the serving one */
	HAS("<td class=\"aa\">yes</td><td class=\"serial\">7</td><td "
	    "class=\"tcp\"><span class=\"bad\">refused</span></td><td "
	    "class=\"recursion\">no</td><td class=\"dnskey\">key for the DS</td>"
	    "<td class=\"nsset\">same as the parent</td>");
	/* a silent server's other cells: a muted dash */
	HAS("<td class=\"aa\"><span class=\"none\">\u2014</span></td>");
	HAS("<td class=\"tcp\"><span class=\"none\">\u2014</span></td>");
	HAS("<td class=\"nsset\"><span class=\"bad\">no NS records (NXDOMAIN)"
	    "</span></td>");
}
END_TEST

START_TEST(test_report_text)
{
	const char *t = draw_report(FORMAT_TEXT);

	/* the words of the page */
	HAS("  no answer\n");
	HAS("  not asked: loopback address\n");
	HAS("  not asked (query limit)\n");
	HAS("  could not be sent\n");
	HAS("  no: REFUSED  ");
	HAS("  open to anyone  ");
	HAS("  no key for the DS\n");
	HAS("  key for the DS  ");
	HAS("192.0.2.53  no NS records (NXDOMAIN)\n");
	LACKS("not asked (limit)");
	LACKS("not sent");
	/* each value starts where its heading does, the longer words too */
	const char *table = strstr(t, "\nNAME SERVER ");
	ck_assert_ptr_nonnull(table);
	table++;
	ck_assert_int_eq(column_of(table, "ANSWERED"),
			 column_of(table, "not asked: loopback address"));
	ck_assert_int_eq(column_of(table, "AUTHORITATIVE"),
			 column_of(table, "no: REFUSED"));
	ck_assert_int_eq(column_of(table, "TCP"), column_of(table, "refused"));
	ck_assert_int_eq(column_of(table, "RECURSION"),
			 column_of(table, "open to anyone"));
	ck_assert_int_eq(column_of(table, "DNSSEC"),
			 column_of(table, "no key for the DS"));
	LACKS(" \n");
}
END_TEST

/* The column on screen (one a code point) at which needle starts on the
 * line that holds it. */
static long screen_column_of(const char *text, const char *needle)
{
	const char *at = strstr(text, needle);
	long col = 0;

	if (!at)
		return -1;
	const char *line = at;
	while (line > text && line[-1] != '\n')
		line--;
	for (; line < at; line++)
		col += ((unsigned char)*line & 0xC0) != 0x80;
	return col;
}

START_TEST(test_report_text_german)
{
	struct catalog *c = tree_catalog("de");
	struct lang de = { "de", c };
	struct expect_list want = { { "ns1.example.net", "ns2.example.org" }, 2 };
	struct transfer verdict = { .verdict = TRANSFER_UNKNOWN };
	struct view v;

	found(2);
	result.cached = true;
	result.age_s = 30;
	result.stale = true;
	result.stale_s = 5;
	v = view_of(VIEW_RESULT);
	with_report(&v);
	report_servers[5].extra = true;
	v.lang = &de;
	v.expect = &want;
	v.transfer = &verdict;
	const char *t = draw(&v, FORMAT_TEXT);
	ck_assert(starts_with(t, "NS-Abfrage: example.com\nStatus: found\n"
			      "Resolver: 192.0.2.53, 12 ms (aus dem Cache, vor 30 s "
			      "gespeichert)\nVeraltet: vor 5 s abgelaufen; die "
			      "NS-Abfrage ist gerade zu ausgelastet, um erneut "
			      "nachzufragen\n"));
	HAS("\nUmzug zu ns1.example.net, ns2.example.org: Ob die Änderung "
	    "abgeschlossen ist, lässt sich nicht sagen: Die Delegation konnte "
	    "nicht geprüft werden.\n");
	HAS("3600 (1 Stunde)");
	HAS("86400 (1 Tag)");
	HAS("\nDelegation: done, Elternzone com; DS (Key-Tag/Algorithmus) "
	    "12345/13 (20 Anfragen, 0,00 ms)\n");
	HAS("ns2.example.org (erwartet)");
	HAS("  1,23 ms  ");
	LACKS("1.23");
	LACKS("(expected)");
	LACKS("ANSWERED");
	LACKS("NAME SERVER");
	LACKS(" queries");
	/* every heading translated, each value under its heading */
	const char *table = strstr(t, "\nNAMESERVER                  ADRESSE  "
				      "     ANTWORT  ");
	ck_assert_msg(table != NULL, "%.1500s", t);
	table++;
	ck_assert_int_eq(column_of(table, "ANTWORT"), column_of(table, "1,23 ms"));
	ck_assert_int_eq(screen_column_of(table, "AUTORITATIV"),
			 screen_column_of(table, "nein: REFUSED"));
	ck_assert_int_eq(screen_column_of(table, "REKURSION"),
			 screen_column_of(table, "offen für alle"));
	HAS("  SERIENNUMMER  TCP ");
	HAS("  DNSSEC  ");
	HAS("  NS-RECORDS\n");
	HAS("\nSERVER DER ELTERNZONE  ADRESSE      ANTWORT  DELEGATION       TTL"
	    "    GLUE\n");
	HAS("\nRESOLVER    NS-RECORDS");
	HAS("  REST-TTL\n");
	HAS("\nHOST         NAMESERVER       TTL");
	LACKS(" \n");

	/* an error */
	struct request_problem rp = { .code = REQUEST_BAD_FORMAT };
	struct view e = view_of(VIEW_BAD_REQUEST);
	snprintf(rp.value, sizeof rp.value, "xml");
	e.request_problem = &rp;
	e.lang = &de;
	ck_assert(starts_with(draw(&e, FORMAT_TEXT), "Fehler: "));
	LACKS("Error");
	catalog_free(c);
}
END_TEST

START_TEST(test_report_text_spanish)
{
	struct catalog *c = tree_catalog("es");
	struct lang es = { "es", c };
	struct view v;

	found(2);
	result.resolver[0] = '\0';
	v = view_of(VIEW_RESULT);
	with_report(&v);
	v.lang = &es;
	const char *t = draw(&v, FORMAT_TEXT);
	ck_assert(starts_with(t, "Consulta NS: example.com\nEstado: found\n"
			      "Resolutor: (sin respuesta), 12 ms\n"));
	HAS("3600 (1 hora)");
	HAS("86400 (1 día)");
	HAS("\nDelegación: done, zona padre com; DS (etiqueta de clave/algoritmo) "
	    "12345/13 (20 consultas, 0,00 ms)\n");
	/* headings of more bytes than letters: measured on the screen */
	const char *table = strstr(t, "\nSERVIDOR DE NOMBRES  DIRECCIÓN");
	ck_assert_msg(table != NULL, "%.1500s", t);
	table++;
	HAS("  NÚMERO DE SERIE  TCP ");
	HAS("\nSERVIDOR DE NOMBRES  DIRECCIÓN     RESPUESTA  ");
	ck_assert_int_eq(screen_column_of(table, "RESPUESTA"),
			 screen_column_of(table, "1,23 ms"));
	ck_assert_int_eq(screen_column_of(table, "RECURSIÓN"),
			 screen_column_of(table, "abierta a cualquiera"));
	HAS("\nSERVIDOR DE LA ZONA PADRE  DIRECCIÓN    RESPUESTA  DELEGACIÓN");
	HAS("\nRESOLUTOR   CONJUNTO NS");
	HAS("  TTL RESTANTE\n");
	LACKS(" \n");
	catalog_free(c);
}
END_TEST

START_TEST(test_report_json)
{
	draw_report(FORMAT_JSON);
	/* the ids are an API: the same as ever */
	HAS("\"state\":\"timeout\"");
	HAS("\"state\":\"skipped\",\"skipped_why\":\"loopback\"");
	HAS("\"state\":\"not_asked\"");
	HAS("\"state\":\"failed\"");
	HAS("\"rcode\":\"REFUSED\",\"authoritative\":false");
	HAS("\"rcode\":\"NOERROR\",\"authoritative\":true");
	HAS("\"tcp\":\"ok\",\"recursion\":\"open\",\"dnskey\":\"no_match\"");
	HAS("\"tcp\":\"refused\",\"recursion\":\"off\",\"dnskey\":\"match\"");
	HAS("\"tcp\":\"not_asked\",\"recursion\":\"not_asked\","
	    "\"dnskey\":\"not_asked\"");
	HAS("{\"resolver\":\"192.0.2.53\",\"state\":\"answered\","
	    "\"rcode\":\"NXDOMAIN\"");
}
END_TEST

static const char evil_ns[] = "<script>alert(1)</script>\"'&\x1B[2J.example";

START_TEST(test_hostile_ns_html)
{
	struct view v;

	found(2);
	servers[0].name = evil_ns;
	servers[1].name = "bad\xFF" "byte.example";
	v = view_of(VIEW_RESULT);
	draw(&v, FORMAT_HTML);
	LACKS("<script");
	LACKS("\x1B");
	LACKS("\xFF");
	HAS("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;\xEF\xBF\xBD[2J.example");
	HAS("bad\xEF\xBF\xBD" "byte.example");
}
END_TEST

START_TEST(test_hostile_ns_one_server_check)
{
	struct view v;

	/* the name also reaches the checks' sentence */
	found(1);
	servers[0].name = evil_ns;
	v = view_of(VIEW_RESULT);
	draw(&v, FORMAT_HTML);
	LACKS("<script");
	HAS("Only one name server (&lt;script&gt;");
	draw(&v, FORMAT_JSON);
	LACKS("<script");
	draw(&v, FORMAT_TEXT);
	LACKS("\x1B");
	HAS("Only one name server (<script>alert(1)</script>\"'&\\x1B[2J.example)");
}
END_TEST

START_TEST(test_hostile_ns_json)
{
	struct view v;

	found(2);
	servers[0].name = evil_ns;
	servers[1].name = "back\\slash\x01\xFF.example";
	v = view_of(VIEW_RESULT);
	draw(&v, FORMAT_JSON); /* draw() checks that it is valid JSON */
	LACKS("<script");
	LACKS("\x1B");
	HAS_CI("\"name\":\"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"
	       "\\\"'\\u0026\\u001b[2J.example\"");
	HAS_CI("\"name\":\"back\\\\slash\\u0001\\ufffd.example\"");
}
END_TEST

START_TEST(test_hostile_ns_text)
{
	struct view v;

	found(2);
	servers[0].name = evil_ns;
	servers[1].name = "c1\xC2\x9B" "x\xFF.example";
	v = view_of(VIEW_RESULT);
	draw(&v, FORMAT_TEXT);
	LACKS("\x1B");
	LACKS("\xC2\x9B");
	LACKS("\xFF");
	HAS("<script>alert(1)</script>\"'&\\x1B[2J.example");
	HAS("c1\\xC2\\x9Bx\\xFF.example");
}
END_TEST

START_TEST(test_hostile_input_in_result)
{
	static const char input[] = "\"><script>x</script>";
	struct view v;

	found(2);
	v = view_of(VIEW_RESULT);
	v.input = input;
	v.input_len = sizeof input - 1;
	draw(&v, FORMAT_HTML);
	LACKS("<script");
	HAS("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\"");
	draw(&v, FORMAT_JSON);
	LACKS("<script");
}
END_TEST

/* --- one server's replies (server=) --------------------------------- */

static struct dissect_rr drill_rr[2] = {
	{ DNSMSG_ANSWER, "<script>x.example.", 3600, "IN", "NS",
	  "\"'&<img src=x onerror=1>.example." },
	{ DNSMSG_ADDITIONAL, "ns.example.", 60, "IN", "TXT",
	  "\"\x1B[2J</pre>\"" },
};
static const unsigned char drill_pkt[] = { 0xBE, 0xEF, 0x84, 0x00, '<', '>' };

static void drill_of(struct drill *d, enum drill_status st)
{
	memset(d, 0, sizeof *d);
	d->status = st;
	d->domain = "example.com";
	d->server = "ns1.example.net";
	memcpy(d->addr, "\xc0\x00\x02\x35", 4);
	d->name_server = true;
	d->n = 2;
	d->answer[0] = (struct drill_answer){ .query = DRILL_NS,
		.outcome = PROBE_ANSWERED, .rtt_us = 1234, .pkt = drill_pkt,
		.len = sizeof drill_pkt };
	d->answer[0].msg = (struct dissect){ .id = 0xBEEF, .flags = "qr aa",
		.count = { 1, 1, 0, 1 }, .edns = true, .udp_size = 1232,
		.dnssec_ok = true, .rr = drill_rr, .n_rr = 2 };
	d->answer[1] = (struct drill_answer){ .query = DRILL_SOA_TCP,
		.outcome = PROBE_REFUSED, .tcp = true };
}

START_TEST(test_drill_views)
{
	struct drill d;
	struct view v;

	found(2);
	drill_of(&d, DRILL_DONE);
	v = view_of(VIEW_RESULT);
	v.drill = &d;
	ck_assert_int_eq(view_http_status(&v), 200);
	ck_assert_uint_eq(view_max_age(&v), 0);  /* what it says now */
	draw(&v, FORMAT_HTML);
	HAS("What ns1.example.net (192.0.2.53) answers for example.com.");
	HAS("<h3>NS of example.com, recursion off</h3>");
	HAS("NOERROR, id 48879, flags: qr aa; 1.23 ms, 6 bytes over UDP; "
	    "EDNS version 0, UDP size 1232, DO.");
	HAS("the TCP connection was refused");
	HAS("&lt;script&gt;x.example.");
	HAS("&quot;&#39;&amp;&lt;img src=x onerror=1&gt;.example.");
	HAS("0000  be ef 84 00 3c 3e");
	HAS("  ....&lt;&gt;\n");
	LACKS("<script");
	LACKS("<img");
	LACKS("\x1B");
	LACKS("</pre>\"");
	/* the lookup's own table and report give way to the server's replies */
	LACKS("<table class=\"ns\"><caption>NS records of");
	draw(&v, FORMAT_JSON);
	HAS("\"status\":\"answers\"");
	HAS("\"flags\":[\"qr\",\"aa\"]");
	HAS("\"packet\":\"beef84003c3e\"");
	HAS("\"outcome\":\"refused\",\"transport\":\"tcp\"}");
	HAS_CI("\"name\":\"\\u003cscript\\u003ex.example.\"");
	LACKS("<script");
	LACKS("\"ns\":[");
	draw(&v, FORMAT_TEXT);
	HAS(";; ANSWER SECTION:\n<script>x.example.\t3600\tIN\tNS\t");
	HAS(";; ADDITIONAL SECTION:\n");
	LACKS("\x1B");
	HAS("\\x1B[2J");

	drill_of(&d, DRILL_NOT_ASKED);
	ck_assert_int_eq(view_http_status(&v), 404);
	draw(&v, FORMAT_HTML);
	HAS("192.0.2.53 is not a server the report on example.com asked.");
	LACKS("<section class=\"answer");
	draw(&v, FORMAT_JSON);
	HAS("\"status\":\"server_not_asked\"");
	drill_of(&d, DRILL_NO_REPORT);
	ck_assert_int_eq(view_http_status(&v), 404);
	draw(&v, FORMAT_TEXT);
	HAS("there is no delegation report on example.com");
	HAS("has no name servers of its own");
	/* a report or lookup that failed is not "not found" */
	struct report failed = { .status = REPORT_FAILED, .why = "no parent" };
	v.report = &failed;
	ck_assert_int_eq(view_http_status(&v), 502);
	draw(&v, FORMAT_TEXT);
	HAS("The report could not be made (no parent). Try again");
	v.report = NULL;
	result.status = LOOKUP_TIMEOUT;
	ck_assert_int_eq(view_http_status(&v), 504);
	draw(&v, FORMAT_TEXT);
	HAS("The lookup failed");
	result.status = LOOKUP_FOUND;
	/* waited for another request's replies, in vain */
	drill_of(&d, DRILL_DONE);
	d.n = 0;
	ck_assert_int_eq(view_http_status(&v), 504);
}
END_TEST

START_TEST(test_render_dispatch)
{
	struct view v = view_of(VIEW_FORM);

	v.format = FORMAT_JSON;
	buf_reset(&out);
	ck_assert_str_eq(render(&v, &out), "application/json; charset=utf-8");
	ck_assert(starts_with(buf_str(&out), "{\"version\":1"));
	v.format = FORMAT_TEXT;
	buf_reset(&out);
	ck_assert_str_eq(render(&v, &out), "text/plain; charset=utf-8");
	ck_assert(starts_with(buf_str(&out), "Enter a domain name"));
	v.format = FORMAT_HTML;
	buf_reset(&out);
	ck_assert_str_eq(render(&v, &out), "text/html; charset=utf-8");
	ck_assert(starts_with(buf_str(&out), "<!DOCTYPE html>"));
}
END_TEST

/* --- other languages ------------------------------------------------ */

static struct catalog *cat_de, *cat_es;
static struct lang de, es;

static void setup_langs(void)
{
	setup();
	cat_de = tree_catalog("de");
	cat_es = tree_catalog("es");
	de = (struct lang){ "de", cat_de };
	es = (struct lang){ "es", cat_es };
}

static void teardown_langs(void)
{
	catalog_free(cat_de);
	catalog_free(cat_es);
	teardown();
}

START_TEST(test_german_page)
{
	struct view v = view_of(VIEW_FORM);

	v.lang = &de;
	draw(&v, FORMAT_HTML);
	HAS("<title>NS-Abfrage</title>");
	HAS("<a class=\"skip\" href=\"#domain\">Zum Formular springen</a>");
	LACKS("Skip to the form");

	found(3);
	v = view_of(VIEW_RESULT);
	v.lang = &de;
	draw(&v, FORMAT_HTML);
	HAS("<title>example.com · NS-Abfrage</title>");
	HAS("<a class=\"skip\" href=\"#result\">Zum Ergebnis springen</a>");
	HAS("<caption>NS-Records von example.com</caption><thead><tr>"
	    "<th scope=\"col\">Host</th><th scope=\"col\">Nameserver</th>"
	    "<th scope=\"col\">TTL (Sekunden)</th><th scope=\"col\">IPv4</th>"
	    "<th scope=\"col\">IPv6</th></tr>");
	HAS("<h3>Prüfungen</h3>");
	HAS("\">Was das bedeutet<span class=\"visually-hidden\"> (");
	HAS("Beantwortet vom Resolver <code>192.0.2.53</code> in 12 ms.");
	HAS("rel=\"bookmark\">Permalink</a> · <a ");
	HAS("format=json\">JSON</a> · <a ");
	LACKS("What this means");
	LACKS("<caption>NS records of");
	LACKS("Answered by");
	LACKS("Skip to the result");

	result.cached = true;
	result.age_s = 30;
	result.stale = true;
	result.stale_s = 5;
	result.resolver[0] = '\0';
	draw(&v, FORMAT_HTML);
	HAS("Keine Antwort vom Resolver in 12 ms. Aus dem Cache von nscheck, "
	    "vor 30 s gespeichert: Die TTLs zählen ab diesem Zeitpunkt "
	    "herunter. <strong>Diese Antwort ist vor 5 s abgelaufen</strong>: "
	    "nscheck ist gerade zu ausgelastet");
	LACKS("From nscheck's cache");

	/* a name with no NS records: the zone above it, in German */
	base_result(LOOKUP_NO_NS, "www.example.com");
	result.zone = "example.com";
	v = view_of(VIEW_RESULT);
	v.lang = &de;
	draw(&v, FORMAT_HTML);
	HAS("<p class=\"zone-link\">Die übergeordnete Zone abfragen: "
	    "<a href=\"?domain=example.com\">example.com</a></p>");
}
END_TEST

START_TEST(test_german_errors)
{
	struct request_problem rp = { .code = REQUEST_BAD_FORMAT };
	struct domain_problem dp = { .code = DOMAIN_EMPTY_LABEL, .label = 1,
				     .labels = 2 };
	struct view v = view_of(VIEW_BUSY);

	v.lang = &de;
	v.retry_after = 5;
	draw(&v, FORMAT_HTML);
	HAS("<h2 id=\"result-title\">nscheck ist ausgelastet</h2>");
	v.state = VIEW_LIMITED;
	draw(&v, FORMAT_HTML);
	HAS("<h2 id=\"result-title\">Bitte etwas langsamer</h2>");
	v.state = VIEW_BAD_REQUEST;
	snprintf(rp.value, sizeof rp.value, "xml");
	v.request_problem = &rp;
	draw(&v, FORMAT_HTML);
	HAS("<h2 id=\"result-title\">Die Anfrage konnte nicht bearbeitet "
	    "werden</h2>");
	v.state = VIEW_BAD_DOMAIN;
	v.domain_problem = &dp;
	v.input = "a..b";
	v.input_len = 4;
	draw(&v, FORMAT_HTML);
	HAS("<h2 id=\"result-title\">Das ist kein Domainname, den wir abfragen "
	    "können</h2>");
	HAS("<a class=\"skip\" href=\"#result\">Zum Ergebnis springen</a>");

	v.lang = &es;
	draw(&v, FORMAT_HTML);
	HAS("<h2 id=\"result-title\">Ese no es un nombre de dominio que podamos "
	    "consultar</h2>");
	HAS("<a class=\"skip\" href=\"#result\">Ir al resultado</a>");
}
END_TEST

/* The report on example.com (with_report) in the language l. */
static struct view report_view_in(const struct lang *l)
{
	struct view v;

	found(2);
	v = view_of(VIEW_RESULT);
	with_report(&v);
	v.lang = l;
	return v;
}

START_TEST(test_german_report)
{
	struct view v = report_view_in(&de);

	draw(&v, FORMAT_HTML);
	HAS("<h3 id=\"report-title\">Delegation</h3><p class=\"summary\">Die "
	    "Elternzone <code>com</code> delegiert die Domain an 2 Nameserver. "
	    "DS in der Elternzone für den Schlüssel 12345 (Algorithmus 13). "
	    "20 Anfragen in ");
	HAS(" ms.</p>");
	HAS("<caption>Jeder Nameserver, direkt angefragt</caption><thead><tr>"
	    "<th scope=\"col\">Nameserver</th><th scope=\"col\">Adresse</th>"
	    "<th scope=\"col\">Antwort in</th><th scope=\"col\">Autoritativ</th>"
	    "<th scope=\"col\">SOA-Seriennummer</th><th scope=\"col\">TCP</th>"
	    "<th scope=\"col\">Rekursion</th><th scope=\"col\">DNSSEC</th>"
	    "<th scope=\"col\">NS-Satz</th></tr>");
	HAS("<td class=\"rtt\"><span class=\"bad\">keine Antwort</span></td>");
	HAS("<td class=\"rtt\"><span class=\"none\">nicht angefragt: Adresstyp "
	    "loopback</span></td>");
	HAS("<td class=\"rtt\"><span class=\"none\">nicht angefragt "
	    "(Anfragelimit)</span></td>");
	HAS("<td class=\"rtt\"><span class=\"bad\">konnte nicht gesendet "
	    "werden</span></td>");
	HAS("<td class=\"aa\"><span class=\"bad\">nein: REFUSED</span></td>");
	HAS("<td class=\"tcp\">ja</td><td class=\"recursion\"><span "
	    "class=\"bad\">offen für alle</span></td><td class=\"dnskey\">"
	    "<span class=\"bad\">kein Schlüssel zum DS</span></td>");
	HAS("<td class=\"aa\">ja</td><td class=\"serial\">7</td><td "
	    "class=\"tcp\"><span class=\"bad\">abgelehnt</span></td><td "
	    "class=\"recursion\">nein</td><td class=\"dnskey\">Schlüssel zum "
	    "DS</td><td class=\"nsset\">wie bei der Elternzone</td>");
	HAS(" rel=\"nofollow\" title=\"Was dieser Server antwortet\">");
	HAS("<caption>Die Server der Elternzone com</caption><thead><tr>"
	    "<th scope=\"col\">Server der Elternzone</th>"
	    "<th scope=\"col\">Adresse</th><th scope=\"col\">Antwort in</th>"
	    "<th scope=\"col\">Delegation (NS-Satz)</th>"
	    "<th scope=\"col\">TTL (Sekunden)</th>"
	    "<th scope=\"col\">Glue-Records</th></tr>");
	HAS("<caption>Was Resolver jetzt ausliefern</caption><thead><tr>"
	    "<th scope=\"col\">Resolver</th><th scope=\"col\">NS-Satz</th>"
	    "<th scope=\"col\">Rest-TTL</th></tr>");
	HAS("<td class=\"nsset\"><span class=\"bad\">keine NS-Records "
	    "(NXDOMAIN)</span></td>");
	LACKS("same as the parent");
	LACKS("no answer");
	LACKS("not asked");
	LACKS("Each name server, asked");
	LACKS("</code> delegates the domain");
	LACKS("queries in");
	LACKS("<p class=\"summary\">The parent zone");

	/* more keys, a provider, cut short, a server that differs */
	static const char *other[] = { "ns9.example.net" };
	report_fixture.ds.n = 2;
	report_fixture.ds.k[1].tag = 2345;
	report_fixture.ds.k[1].alg = 8;
	report_fixture.provider = "Example <DNS>";
	report_fixture.cut_short = true;
	report_fixture.queries = 1;
	report_servers[5].ns = other;
	report_servers[5].n_ns = 1;
	draw(&v, FORMAT_HTML);
	HAS(" DNS-Anbieter: <strong>Example &lt;DNS&gt;</strong>. DS in der "
	    "Elternzone für die Schlüssel 12345 (Algorithmus 13), 2345 "
	    "(Algorithmus 8). 1 Anfrage in ");
	HAS(" ms, vorzeitig beendet durch das Zeit- oder Anfragelimit.</p>");
	HAS("<td class=\"nsset\"><span class=\"bad\">weicht ab:</span> <ul");

	report_fixture.ds_state = DS_NONE;
	draw(&v, FORMAT_HTML);
	HAS(" Kein DS-Record in der Elternzone (nicht signiert). 1 Anfrage in ");

	report_fixture.status = REPORT_NXDOMAIN;
	draw(&v, FORMAT_HTML);
	HAS("<p class=\"summary\">Laut der Elternzone <code>com</code> "
	    "existiert der Name nicht. 1 Anfrage in ");
	report_fixture.status = REPORT_NOT_DELEGATED;
	draw(&v, FORMAT_HTML);
	HAS("<p class=\"summary\">Der Name ist nicht delegiert: Er gehört zur "
	    "Zone <code>com</code>. 1 Anfrage in ");
	report_fixture.status = REPORT_FAILED;
	draw(&v, FORMAT_HTML);
	HAS("<p class=\"summary\">Die Delegation konnte nicht geprüft werden: "
	    "unbekannter Grund. 1 Anfrage in ");
}
END_TEST

/* A move to other name servers: the heading and the parent's set. */
START_TEST(test_german_transfer)
{
	static struct expect_list expect = {
		{ "ns1.new.test", "ns2.new.test" }, 2,
	};
	struct transfer t = { .verdict = TRANSFER_WAITING_REGISTRY };
	struct view v = report_view_in(&de);

	v.expect = &expect;
	v.transfer = &t;
	report_servers[5].extra = true;
	draw(&v, FORMAT_HTML);
	HAS("<h3 id=\"transfer-title\">Umzug zu <code>ns1.new.test</code>, "
	    "<code>ns2.new.test</code></h3>");
	HAS("<td class=\"nsset\"><span class=\"bad\">nicht der erwartete "
	    "NS-Satz:</span> <ul");
	HAS("ns2.example.org <span class=\"new\">(erwartet)</span></th>");
	LACKS("Moving to <code>");
	LACKS("(expected)");

	static struct expect_list same = {
		{ "ns1.example.net", "ns2.example.org" }, 2,
	};
	v.expect = &same;
	draw(&v, FORMAT_HTML);
	HAS("<td class=\"nsset\"><span class=\"new\">erwarteter NS-Satz:</span> "
	    "<ul");

	v.lang = &es;
	draw(&v, FORMAT_HTML);
	HAS("<h3 id=\"transfer-title\">Traslado a <code>ns1.example.net</code>, "
	    "<code>ns2.example.org</code></h3>");
	HAS("<span class=\"new\">conjunto esperado:</span>");
	HAS("ns2.example.org <span class=\"new\">(esperado)</span></th>");
}
END_TEST

START_TEST(test_spanish_report)
{
	struct view v = report_view_in(&es);

	draw(&v, FORMAT_HTML);
	HAS("<title>example.com · Consulta NS</title>");
	HAS("<a class=\"skip\" href=\"#result\">Ir al resultado</a>");
	HAS("<caption>Registros NS de example.com</caption>");
	HAS("<h3>Comprobaciones</h3>");
	HAS("\">Qué significa<span class=\"visually-hidden\"> (");
	HAS("<p class=\"summary\">La zona padre <code>com</code> delega el "
	    "dominio a 2 servidores de nombres. DS en la zona padre para la "
	    "clave 12345 (algoritmo 13). 20 consultas en ");
	HAS("<caption>Cada servidor de nombres, consultado directamente"
	    "</caption>");
	HAS("<span class=\"none\">no consultado: dirección loopback</span>");
	HAS("<td class=\"tcp\">sí</td>");
	HAS("<td class=\"nsset\">igual que en la zona padre</td>");
	HAS("<caption>Los servidores de la zona padre com</caption>");
	HAS("<span class=\"bad\">sin registros NS (NXDOMAIN)</span>");
	HAS("Respondido por el resolutor <code>192.0.2.53</code> en 12 ms.");
	HAS(">Enlace permanente</a>");
	HAS("format=text\">Texto</a></p>");
	LACKS("same as the parent");
	LACKS("</code> delegates the domain");
	LACKS("Each name server, asked");
}
END_TEST

/* --- a catalogue with markup in its sentences ----------------------- */

struct mo_entry {
	const char *id, *str;
	size_t id_len, str_len;
};

static void put32le(unsigned char *p, size_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static int by_id(const void *a, const void *b)
{
	return strcmp(((const struct mo_entry *)a)->id,
		      ((const struct mo_entry *)b)->id);
}

/* A .mo file of the n entries (sorted here), parsed. */
static struct catalog *catalog_made(struct mo_entry *e, size_t n)
{
	size_t strings = 0, head = 28, at = head + 16 * n;
	enum catalog_error err = CATALOG_OK;

	qsort(e, n, sizeof *e, by_id);
	for (size_t i = 0; i < n; i++)
		strings += e[i].id_len + 1 + e[i].str_len + 1;
	unsigned char *m = calloc(1, at + strings);
	ck_assert_ptr_nonnull(m);
	put32le(m, 0x950412de);
	put32le(m + 8, n);
	put32le(m + 12, head);
	put32le(m + 16, head + 8 * n);
	for (size_t i = 0; i < n; i++) {
		put32le(m + head + 8 * i, e[i].id_len);
		put32le(m + head + 8 * i + 4, at);
		memcpy(m + at, e[i].id, e[i].id_len);
		at += e[i].id_len + 1;
	}
	for (size_t i = 0; i < n; i++) {
		put32le(m + head + 8 * n + 8 * i, e[i].str_len);
		put32le(m + head + 8 * n + 8 * i + 4, at);
		memcpy(m + at, e[i].str, e[i].str_len);
		at += e[i].str_len + 1;
	}
	struct catalog *c = catalog_parse(m, at, &err);
	free(m);
	ck_assert_msg(c != NULL, "refused: %s", catalog_strerror(err));
	return c;
}

#define MO(id, str) { id, str, sizeof id - 1, sizeof str - 1 }

START_TEST(test_catalogue_escaped)
{
	struct mo_entry e[] = {
		MO("", "Language: xx\nPlural-Forms: nplurals=2; plural=(n != 1);\n"),
		MO("%s \xC2\xB7 NS lookup", "%s <b>NS</b>"),
		MO("What this means", "<script>alert(1)</script>"),
		MO("no: %s", "<b>%s</b>"),
		MO("same as the parent", "\"><img src=x>"),
		MO("Skip to the result", "</a><script>"),
		MO("The parent zone %s delegates the domain to %lu name server."
		   "\0The parent zone %s delegates the domain to %lu name servers.",
		   "<i>%s</i>\x01\x02 %lu\0<i>%s</i>\x01\x02 %lu"),
		MO("Answered by resolver %s in %lu ms.",
		   "<u>%s</u> & %lu <u>"),
		MO("open to anyone", "'onmouseover='x"),
	};
	struct catalog *cat = catalog_made(e, sizeof e / sizeof e[0]);
	const struct lang xx = { "xx", cat };
	struct view v = report_view_in(&xx);

	draw(&v, FORMAT_HTML);
	HAS("<title>example.com &lt;b&gt;NS&lt;/b&gt;</title>");
	HAS(">&lt;script&gt;alert(1)&lt;/script&gt;<span");
	HAS("<span class=\"bad\">&lt;b&gt;REFUSED&lt;/b&gt;</span>");
	HAS("<td class=\"nsset\">&quot;&gt;&lt;img src=x&gt;</td>");
	HAS("<a class=\"skip\" href=\"#result\">&lt;/a&gt;&lt;script&gt;</a>");
	/* the value in its markup, once; the catalogue's own control
	 * bytes are text */
	HAS("<p class=\"summary\">&lt;i&gt;<code>com</code>&lt;/i&gt;"
	    "\xEF\xBF\xBD\xEF\xBF\xBD 2 ");
	HAS("&lt;u&gt;<code>192.0.2.53</code>&lt;/u&gt; &amp; 12 &lt;u&gt;");
	HAS("<span class=\"bad\">&#39;onmouseover=&#39;x</span>");
	LACKS("<script");
	LACKS("<b>");
	LACKS("<i>");
	LACKS("<u>");
	LACKS("<img");
	LACKS("\x01");
	LACKS("\x02");
	catalog_free(cat);
}
END_TEST

START_TEST(test_overflow_sets_error)
{
	struct view v;
	struct buf small;

	/* a page that does not fit must fail, not be cut */
	found(3);
	v = view_of(VIEW_RESULT);
	buf_init(&small, 512);
	render_html(&v, &small);
	ck_assert(buf_failed(&small));
	buf_free(&small);
}
END_TEST

Suite *render_suite(void)
{
	Suite *s = suite_create("render");
	TCase *tc = tcase_create("states");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_json_validator);
	tcase_add_test(tc, test_form);
	tcase_add_test(tc, test_bad_request);
	tcase_add_test(tc, test_request_statuses);
	tcase_add_test(tc, test_bad_request_hostile_value);
	tcase_add_test(tc, test_bad_domain);
	tcase_add_test(tc, test_bad_domain_hostile_input);
	tcase_add_test(tc, test_found_one_ns);
	tcase_add_test(tc, test_found_html);
	tcase_add_test(tc, test_fragment);
	tcase_add_test(tc, test_embed);
	tcase_add_test(tc, test_found_json);
	tcase_add_test(tc, test_found_text);
	tcase_add_test(tc, test_found_max_age);
	tcase_add_test(tc, test_found_idn);
	tcase_add_test(tc, test_found_cname);
	tcase_add_test(tc, test_nxdomain);
	tcase_add_test(tc, test_no_ns);
	tcase_add_test(tc, test_no_ns_hostile_zone);
	tcase_add_test(tc, test_servfail);
	tcase_add_test(tc, test_timeout);
	tcase_add_test(tc, test_lookup_error);
	tcase_add_test(tc, test_report_html);
	tcase_add_test(tc, test_report_text);
	tcase_add_test(tc, test_report_text_german);
	tcase_add_test(tc, test_report_text_spanish);
	tcase_add_test(tc, test_report_json);
	suite_add_tcase(s, tc);

	tc = tcase_create("hostile");
	tcase_add_test(tc, test_drill_views);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_hostile_ns_html);
	tcase_add_test(tc, test_hostile_ns_one_server_check);
	tcase_add_test(tc, test_hostile_ns_json);
	tcase_add_test(tc, test_hostile_ns_text);
	tcase_add_test(tc, test_hostile_input_in_result);
	tcase_add_test(tc, test_render_dispatch);
	tcase_add_test(tc, test_overflow_sets_error);
	suite_add_tcase(s, tc);

	tc = tcase_create("languages");
	tcase_add_checked_fixture(tc, setup_langs, teardown_langs);
	tcase_add_test(tc, test_german_page);
	tcase_add_test(tc, test_german_errors);
	tcase_add_test(tc, test_german_report);
	tcase_add_test(tc, test_german_transfer);
	tcase_add_test(tc, test_spanish_report);
	tcase_add_test(tc, test_catalogue_escaped);
	suite_add_tcase(s, tc);
	return s;
}
