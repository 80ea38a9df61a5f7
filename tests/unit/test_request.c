/*
 * Unit tests of request: a fake request_io serves CGI variables from a
 * small table and the body from memory, in chunks as small as we like,
 * so every method, length and content-type rule runs without a server.
 * The sentences are checked in English, and in Spanish and German from
 * the catalogues make builds.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/catalog.h"
#include "util/lang.h"
#include "input/request.h"
#include "suites.h"
#include "tree.h"

#define FAKE_VARS 8

struct fake {
	const char *var[FAKE_VARS][2];
	const char *body;
	size_t body_len;
	size_t pos;
	size_t chunk;      /* most bytes one read returns; 0: no limit */
	bool read_error;   /* fail once the body is used up */
};

static const char *fake_param(void *ctx, const char *name)
{
	struct fake *f = ctx;

	for (int i = 0; i < FAKE_VARS && f->var[i][0]; i++)
		if (strcmp(f->var[i][0], name) == 0)
			return f->var[i][1];
	return NULL;
}

static ssize_t fake_read(void *ctx, char *out, size_t n)
{
	struct fake *f = ctx;
	size_t left = f->body_len - f->pos;

	if (left == 0)
		return f->read_error ? -1 : 0;
	if (n > left)
		n = left;
	if (f->chunk && n > f->chunk)
		n = f->chunk;
	memcpy(out, f->body + f->pos, n);
	f->pos += n;
	return (ssize_t)n;
}

static void set_var(struct fake *f, const char *name, const char *value)
{
	for (int i = 0; i < FAKE_VARS; i++) {
		if (!f->var[i][0] || strcmp(f->var[i][0], name) == 0) {
			f->var[i][0] = name;
			f->var[i][1] = value;
			return;
		}
	}
	ck_abort_msg("fake: too many variables");
}

static void set_body(struct fake *f, const char *body, size_t chunk)
{
	f->body = body;
	f->body_len = strlen(body);
	f->chunk = chunk;
}

static struct arena *arena;
static struct request req;
static struct request_problem why;

static void setup(void)
{
	arena = arena_new(1 << 20);
}

static void teardown(void)
{
	arena_free(arena);
}

static enum request_error run(struct fake *f)
{
	struct request_io io = { fake_param, fake_read, f };
	return request_parse(arena, &io, &req, &why);
}

static enum request_error get(const char *query)
{
	struct fake f = { 0 };

	set_var(&f, "REQUEST_METHOD", "GET");
	set_var(&f, "QUERY_STRING", query);
	return run(&f);
}

/* A form POST with a correct Content-Length. */
static enum request_error post(const char *query, const char *body,
			       size_t chunk)
{
	static char length[32];
	struct fake f = { 0 };

	snprintf(length, sizeof length, "%zu", strlen(body));
	set_var(&f, "REQUEST_METHOD", "POST");
	set_var(&f, "QUERY_STRING", query);
	set_var(&f, "CONTENT_TYPE", "application/x-www-form-urlencoded");
	set_var(&f, "CONTENT_LENGTH", length);
	set_body(&f, body, chunk);
	return run(&f);
}

/* The text of the current problem, for "mentions the value" checks. */
static const char *problem_text(struct buf *b)
{
	buf_init(b, 4096);
	request_problem_text(NULL, &why, b);
	ck_assert(!buf_failed(b));
	return buf_str(b);
}

static void expect_text_has(const char *needle)
{
	struct buf b;
	const char *text = problem_text(&b);

	ck_assert_msg(strstr(text, needle) != NULL, "\"%s\" lacks \"%s\"", text,
		      needle);
	buf_free(&b);
}

/* --- methods -------------------------------------------------------- */

START_TEST(test_get)
{
	struct fake f = { 0 };

	set_var(&f, "REQUEST_METHOD", "GET");
	set_var(&f, "QUERY_STRING", "domain=example.com");
	set_var(&f, "REMOTE_ADDR", "192.0.2.7");
	ck_assert_int_eq(run(&f), REQUEST_OK);
	ck_assert_int_eq(why.code, REQUEST_OK);
	ck_assert_int_eq(req.method, METHOD_GET);
	ck_assert_int_eq(req.format, FORMAT_HTML);
	ck_assert(req.has_domain);
	ck_assert_uint_eq(req.domain_len, 11);
	ck_assert(memcmp(req.domain, "example.com", 11) == 0);
	ck_assert_str_eq(req.remote_addr, "192.0.2.7");
	/* a GET never reads a body */
	ck_assert_uint_eq(f.pos, 0);
}
END_TEST

START_TEST(test_get_without_domain)
{
	ck_assert_int_eq(get(""), REQUEST_OK);
	ck_assert(!req.has_domain);
	ck_assert_int_eq(req.format, FORMAT_HTML);

	ck_assert_int_eq(get("utm_source=x"), REQUEST_OK); /* unknown: ignored */
	ck_assert(!req.has_domain);
}
END_TEST

START_TEST(test_no_query_string)
{
	struct fake f = { 0 };

	set_var(&f, "REQUEST_METHOD", "GET");
	ck_assert_int_eq(run(&f), REQUEST_OK);
	ck_assert(!req.has_domain);
}
END_TEST

START_TEST(test_head)
{
	struct fake f = { 0 };

	set_var(&f, "REQUEST_METHOD", "HEAD");
	set_var(&f, "QUERY_STRING", "domain=example.org&format=text");
	ck_assert_int_eq(run(&f), REQUEST_OK);
	ck_assert_int_eq(req.method, METHOD_HEAD);
	ck_assert_int_eq(req.format, FORMAT_TEXT);
	ck_assert(req.has_domain);
}
END_TEST

START_TEST(test_post)
{
	ck_assert_int_eq(post("", "domain=example.net&format=json", 0),
			 REQUEST_OK);
	ck_assert_int_eq(req.method, METHOD_POST);
	ck_assert_int_eq(req.format, FORMAT_JSON);
	ck_assert(req.has_domain);
	ck_assert_uint_eq(req.domain_len, 11);
	ck_assert(memcmp(req.domain, "example.net", 11) == 0);
}
END_TEST

START_TEST(test_post_small_chunks)
{
	/* the body arrives a few bytes at a time */
	for (size_t chunk = 1; chunk <= 4; chunk++) {
		ck_assert_int_eq(post("", "domain=b%C3%BCcher.example", chunk),
				 REQUEST_OK);
		ck_assert_uint_eq(req.domain_len, 15);
		ck_assert(memcmp(req.domain, "b\xC3\xBC" "cher.example", 15) == 0);
	}
}
END_TEST

START_TEST(test_post_empty_body)
{
	ck_assert_int_eq(post("", "", 0), REQUEST_OK);
	ck_assert(!req.has_domain);
}
END_TEST

START_TEST(test_bad_method)
{
	static const char *const methods[] = { "PUT", "DELETE", "OPTIONS",
					       "get", "" };

	for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
		struct fake f = { 0 };
		set_var(&f, "REQUEST_METHOD", methods[i]);
		set_var(&f, "QUERY_STRING", "domain=example.com");
		ck_assert_int_eq(run(&f), REQUEST_BAD_METHOD);
		ck_assert_int_eq(why.code, REQUEST_BAD_METHOD);
		ck_assert_int_eq(req.method, METHOD_OTHER);
	}
	struct fake f = { 0 };
	set_var(&f, "REQUEST_METHOD", "PATCH");
	ck_assert_int_eq(run(&f), REQUEST_BAD_METHOD);
	expect_text_has("\"PATCH\"");
}
END_TEST

START_TEST(test_missing_method)
{
	struct fake f = { 0 };

	set_var(&f, "QUERY_STRING", "domain=example.com");
	ck_assert_int_eq(run(&f), REQUEST_BAD_METHOD);
}
END_TEST

/* --- query string length -------------------------------------------- */

static char *query_of_length(char *out, size_t len)
{
	memcpy(out, "domain=", 7);
	memset(out + 7, 'a', len - 7);
	out[len] = '\0';
	return out;
}

START_TEST(test_query_max)
{
	static char q[REQUEST_QUERY_MAX + 2];

	ck_assert_int_eq(get(query_of_length(q, REQUEST_QUERY_MAX)), REQUEST_OK);
	ck_assert_uint_eq(req.domain_len, REQUEST_QUERY_MAX - 7);
	ck_assert_int_eq(get(query_of_length(q, REQUEST_QUERY_MAX + 1)),
			 REQUEST_QUERY_TOO_LONG);
	ck_assert_int_eq(why.code, REQUEST_QUERY_TOO_LONG);
}
END_TEST

/* --- POST rules ----------------------------------------------------- */

static enum request_error post_with(const char *type, const char *length,
				    const char *body)
{
	struct fake f = { 0 };

	set_var(&f, "REQUEST_METHOD", "POST");
	set_var(&f, "QUERY_STRING", "");
	if (type)
		set_var(&f, "CONTENT_TYPE", type);
	if (length)
		set_var(&f, "CONTENT_LENGTH", length);
	set_body(&f, body, 0);
	return run(&f);
}

START_TEST(test_content_type)
{
	ck_assert_int_eq(post_with("text/plain", "8", "domain=x"),
			 REQUEST_BAD_CONTENT_TYPE);
	expect_text_has("text/plain");
	ck_assert_int_eq(post_with(NULL, "8", "domain=x"),
			 REQUEST_BAD_CONTENT_TYPE);
	ck_assert_int_eq(post_with("", "8", "domain=x"),
			 REQUEST_BAD_CONTENT_TYPE);
	ck_assert_int_eq(post_with("multipart/form-data; boundary=x", "8",
				   "domain=x"), REQUEST_BAD_CONTENT_TYPE);
	expect_text_has("multipart/form-data");
	ck_assert_int_eq(post_with("application/x-www-form-urlencodedx", "8",
				   "domain=x"), REQUEST_BAD_CONTENT_TYPE);
	ck_assert_int_eq(post_with("application/json", "8", "domain=x"),
			 REQUEST_BAD_CONTENT_TYPE);
}
END_TEST

START_TEST(test_content_type_parameters)
{
	ck_assert_int_eq(post_with("application/x-www-form-urlencoded; "
				   "charset=UTF-8", "8", "domain=x"), REQUEST_OK);
	ck_assert(req.has_domain);
	ck_assert_int_eq(post_with("application/x-www-form-urlencoded;charset=utf-8",
				   "8", "domain=x"), REQUEST_OK);
	/* media types are case-insensitive (RFC 9110 §8.3.1) */
	ck_assert_int_eq(post_with("Application/X-WWW-Form-URLEncoded", "8",
				   "domain=x"), REQUEST_OK);
}
END_TEST

START_TEST(test_length_required)
{
	ck_assert_int_eq(post_with("application/x-www-form-urlencoded", NULL,
				   "domain=x"), REQUEST_LENGTH_REQUIRED);
	ck_assert_int_eq(why.code, REQUEST_LENGTH_REQUIRED);
	ck_assert_int_eq(post_with("application/x-www-form-urlencoded", "",
				   "domain=x"), REQUEST_LENGTH_REQUIRED);
	ck_assert_int_eq(post_with("application/x-www-form-urlencoded", "abc",
				   "domain=x"), REQUEST_LENGTH_REQUIRED);
	ck_assert_int_eq(post_with("application/x-www-form-urlencoded", "-8",
				   "domain=x"), REQUEST_LENGTH_REQUIRED);
	ck_assert_int_eq(post_with("application/x-www-form-urlencoded", "8x",
				   "domain=x"), REQUEST_LENGTH_REQUIRED);
	ck_assert_int_eq(post_with("application/x-www-form-urlencoded", "0x8",
				   "domain=x"), REQUEST_LENGTH_REQUIRED);
}
END_TEST

START_TEST(test_body_max)
{
	static char body[REQUEST_BODY_MAX + 1];
	char length[32];

	memcpy(body, "domain=", 7);
	memset(body + 7, 'b', REQUEST_BODY_MAX - 7);
	body[REQUEST_BODY_MAX] = '\0';
	snprintf(length, sizeof length, "%d", REQUEST_BODY_MAX);
	ck_assert_int_eq(post_with("application/x-www-form-urlencoded", length,
				   body), REQUEST_OK);
	ck_assert_uint_eq(req.domain_len, REQUEST_BODY_MAX - 7);

	snprintf(length, sizeof length, "%d", REQUEST_BODY_MAX + 1);
	ck_assert_int_eq(post_with("application/x-www-form-urlencoded", length,
				   body), REQUEST_BODY_TOO_LARGE);
	ck_assert_int_eq(why.code, REQUEST_BODY_TOO_LARGE);
	/* a length that would overflow any integer is still just too large */
	ck_assert_int_eq(post_with("application/x-www-form-urlencoded",
				   "184467440737095516160000", body),
			 REQUEST_BODY_TOO_LARGE);
}
END_TEST

START_TEST(test_body_incomplete)
{
	ck_assert_int_eq(post_with("application/x-www-form-urlencoded", "20",
				   "domain=x"), REQUEST_BODY_INCOMPLETE);
	ck_assert_int_eq(why.code, REQUEST_BODY_INCOMPLETE);

	struct fake f = { 0 };
	set_var(&f, "REQUEST_METHOD", "POST");
	set_var(&f, "CONTENT_TYPE", "application/x-www-form-urlencoded");
	set_var(&f, "CONTENT_LENGTH", "20");
	set_body(&f, "domain=x", 3);
	f.read_error = true;
	ck_assert_int_eq(run(&f), REQUEST_BODY_INCOMPLETE);
}
END_TEST

START_TEST(test_body_longer_than_length)
{
	/* only Content-Length bytes are read */
	ck_assert_int_eq(post_with("application/x-www-form-urlencoded", "8",
				   "domain=xyz&format=json"), REQUEST_OK);
	ck_assert_uint_eq(req.domain_len, 1);
	ck_assert_int_eq(req.format, FORMAT_HTML);
}
END_TEST

START_TEST(test_body_bad_encoding)
{
	ck_assert_int_eq(post("", "domain=%zz", 0), REQUEST_BAD_ENCODING);
	ck_assert_str_eq(why.where, "form body");
	ck_assert_uint_eq(why.offset, 7);
	expect_text_has("form body");
}
END_TEST

/* --- format and parameters ----------------------------------------- */

START_TEST(test_formats)
{
	ck_assert_int_eq(get("domain=a.example&format=json"), REQUEST_OK);
	ck_assert_int_eq(req.format, FORMAT_JSON);
	ck_assert_int_eq(get("domain=a.example&format=text"), REQUEST_OK);
	ck_assert_int_eq(req.format, FORMAT_TEXT);
	ck_assert_int_eq(get("domain=a.example&format=html"), REQUEST_OK);
	ck_assert_int_eq(req.format, FORMAT_HTML);
	ck_assert_int_eq(get("format=json"), REQUEST_OK);
	ck_assert_int_eq(req.format, FORMAT_JSON);
	ck_assert_int_eq(get("format="), REQUEST_OK); /* empty: the default */
	ck_assert_int_eq(req.format, FORMAT_HTML);
	ck_assert(req.negotiated);
	ck_assert_int_eq(get("domain=a.example&format=fragment"), REQUEST_OK);
	ck_assert_int_eq(req.format, FORMAT_FRAGMENT);
	ck_assert(!req.negotiated);
	ck_assert_int_eq(get("format=embed&domain=a.example"), REQUEST_OK);
	ck_assert_int_eq(req.format, FORMAT_EMBED);
	ck_assert_int_eq(get("format=embedded"), REQUEST_BAD_FORMAT);
	/* a bad name in a frame gets its error in the frame's document */
	ck_assert_int_eq(get("format=embed&domain=a.example&domain=b"),
			 REQUEST_REPEATED_PARAM);
	ck_assert_int_eq(req.format, FORMAT_EMBED);
}
END_TEST

/* Without a format parameter, the Accept header decides. */
START_TEST(test_accept)
{
	static const struct {
		const char *accept;
		enum request_format want;
	} cases[] = {
		{ NULL, FORMAT_HTML },
		{ "", FORMAT_HTML },
		{ "*/*", FORMAT_HTML },                          /* curl */
		{ "text/html,application/xhtml+xml,application/xml;q=0.9,"
		  "image/avif,image/webp,*/*;q=0.8", FORMAT_HTML }, /* a browser */
		{ "text/plain", FORMAT_TEXT },
		{ "TEXT/PLAIN", FORMAT_TEXT },
		{ "text/plain, */*;q=0.1", FORMAT_TEXT },
		{ "text/*", FORMAT_HTML },                       /* a tie: HTML */
		{ "text/html;q=0.5, text/plain", FORMAT_TEXT },
		{ "text/plain;q=0.5, text/html", FORMAT_HTML },
		{ "application/json", FORMAT_JSON },
		{ "application/json;q=0.9, text/html;q=0.8", FORMAT_JSON },
		{ "text/plain; charset=utf-8; q=0.7, text/html; q=0.3", FORMAT_TEXT },
		{ "text/plain;q=0", FORMAT_HTML },               /* refused */
		{ "text/plain;q=0.000", FORMAT_HTML },
		{ "image/png", FORMAT_HTML },                    /* nothing we have */
		{ "text/plain;level=1;q=0.4, text/html;q=0.2", FORMAT_TEXT },
		{ ",,;q=,text/plain", FORMAT_TEXT },             /* junk survives */
		{ "application/json;q=.5, text/html;q=.4", FORMAT_JSON }, /* q=.5 */
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ck_assert_msg(request_accept_format(cases[i].accept) == cases[i].want,
			      "Accept: %s", cases[i].accept ? cases[i].accept : "(none)");

	/* through a request: only without a format parameter */
	struct fake f = { 0 };
	set_var(&f, "REQUEST_METHOD", "GET");
	set_var(&f, "QUERY_STRING", "domain=a.example");
	set_var(&f, "HTTP_ACCEPT", "text/plain");
	ck_assert_int_eq(run(&f), REQUEST_OK);
	ck_assert_int_eq(req.format, FORMAT_TEXT);
	ck_assert(req.negotiated);
	set_var(&f, "QUERY_STRING", "domain=a.example&format=html");
	ck_assert_int_eq(run(&f), REQUEST_OK);
	ck_assert_int_eq(req.format, FORMAT_HTML);
	ck_assert(!req.negotiated);
}
END_TEST

START_TEST(test_unknown_format)
{
	ck_assert_int_eq(get("domain=a.example&format=xml"), REQUEST_BAD_FORMAT);
	ck_assert_int_eq(why.code, REQUEST_BAD_FORMAT);
	expect_text_has("\"xml\"");
	ck_assert_int_eq(get("format=jsonx"), REQUEST_BAD_FORMAT);
	ck_assert_int_eq(get("format=jso"), REQUEST_BAD_FORMAT);
	/* a NUL after a valid name must not pass as that name */
	ck_assert_int_eq(get("format=json%00"), REQUEST_BAD_FORMAT);
	ck_assert_int_eq(get("format=text%00x"), REQUEST_BAD_FORMAT);
}
END_TEST

START_TEST(test_server)
{
	ck_assert_int_eq(get("domain=a.example&server=192.0.2.53"), REQUEST_OK);
	ck_assert(req.has_server && !req.server.v6);
	ck_assert_mem_eq(req.server.addr, "\xc0\x00\x02\x35", 4);
	ck_assert_int_eq(get("domain=a.example&server=2001%3Adb8%3A%3A53"), REQUEST_OK);
	ck_assert(req.has_server && req.server.v6);
	ck_assert_uint_eq(req.server.addr[15], 0x53);
	/* an IPv4-mapped address is the IPv4 address */
	ck_assert_int_eq(get("domain=a.example&server=::ffff:192.0.2.53"), REQUEST_OK);
	ck_assert(!req.server.v6);
	ck_assert_int_eq(get("domain=a.example"), REQUEST_OK);
	ck_assert(!req.has_server);

	/* not an address: a name, a network, a NUL, nothing */
	static const char *const bad[] = {
		"server=ns1.example", "server=192.0.2.0/24", "server=192.0.2.53%00",
		"server=", "server=192.0.2.256",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char q[128];
		snprintf(q, sizeof q, "domain=a.example&%s", bad[i]);
		ck_assert_int_eq(get(q), REQUEST_BAD_SERVER);
		expect_text_has("is not an IP address");
	}
	/* the address alone: which domain's report is it from? */
	ck_assert_int_eq(get("server=192.0.2.53"), REQUEST_BAD_SERVER);
	expect_text_has("needs the domain");
	ck_assert_int_eq(get("domain=a.example&server=192.0.2.1&server=192.0.2.2"),
			 REQUEST_REPEATED_PARAM);
	ck_assert_str_eq(request_error_id(REQUEST_BAD_SERVER), "bad_server");
}
END_TEST

START_TEST(test_repeated_domain)
{
	ck_assert_int_eq(get("domain=a.example&domain=b.example"),
			 REQUEST_REPEATED_PARAM);
	ck_assert_int_eq(why.code, REQUEST_REPEATED_PARAM);
	ck_assert_str_eq(why.name, "domain");
	ck_assert_uint_eq(why.count, 2);
	expect_text_has("\"domain\"");
	expect_text_has("2 times");
	ck_assert_int_eq(get("format=json&format=json&format=text"),
			 REQUEST_REPEATED_PARAM);
	ck_assert_str_eq(why.name, "format");
	ck_assert_uint_eq(why.count, 3);
}
END_TEST

START_TEST(test_repeated_across_query_and_body)
{
	ck_assert_int_eq(post("domain=a.example", "domain=b.example", 0),
			 REQUEST_REPEATED_PARAM);
	ck_assert_str_eq(why.name, "domain");
}
END_TEST

START_TEST(test_query_and_body_merge)
{
	ck_assert_int_eq(post("format=json", "domain=example.com", 2),
			 REQUEST_OK);
	ck_assert_int_eq(req.format, FORMAT_JSON);
	ck_assert(req.has_domain);
	ck_assert(memcmp(req.domain, "example.com", 11) == 0);
}
END_TEST

START_TEST(test_query_bad_encoding)
{
	ck_assert_int_eq(get("format=json&domain=%4"), REQUEST_BAD_ENCODING);
	ck_assert_int_eq(why.code, REQUEST_BAD_ENCODING);
	ck_assert_str_eq(why.where, "query string");
	ck_assert_uint_eq(why.offset, 19);
	expect_text_has("query string");
	expect_text_has("byte 20"); /* people count from 1 */
}
END_TEST

START_TEST(test_too_many_params)
{
	char q[1024];
	size_t used = 0;

	for (int i = 0; i <= FORM_MAX_FIELDS; i++)
		used += (size_t)snprintf(q + used, sizeof q - used, "%sp%d=1",
					 i ? "&" : "", i);
	ck_assert_int_eq(get(q), REQUEST_TOO_MANY_PARAMS);
	ck_assert_int_eq(why.code, REQUEST_TOO_MANY_PARAMS);
}
END_TEST

START_TEST(test_domain_binary)
{
	ck_assert_int_eq(get("domain=a%00b+c"), REQUEST_OK);
	ck_assert_uint_eq(req.domain_len, 5);
	ck_assert(memcmp(req.domain, "a\0b c", 5) == 0);
}
END_TEST

START_TEST(test_error_ids)
{
	ck_assert_str_eq(request_error_id(REQUEST_OK), "ok");
	ck_assert_str_eq(request_error_id(REQUEST_BAD_FORMAT), "unknown_format");
	ck_assert_str_eq(request_error_id(REQUEST_BAD_METHOD),
			 "method_not_allowed");
	/* every error has its own id */
	for (int i = REQUEST_OK; i <= REQUEST_NOMEM; i++)
		for (int k = i + 1; k <= REQUEST_NOMEM; k++)
			ck_assert_str_ne(request_error_id((enum request_error)i),
					 request_error_id((enum request_error)k));
}
END_TEST

START_TEST(test_problem_text_every_error)
{
	/* every error has a sentence, and the OK state has none */
	for (int i = REQUEST_OK; i <= REQUEST_NOMEM; i++) {
		struct buf b;
		memset(&why, 0, sizeof why);
		why.code = (enum request_error)i;
		why.where = "query string";
		const char *text = problem_text(&b);
		if (i == REQUEST_OK)
			ck_assert_str_eq(text, "");
		else
			ck_assert_uint_gt(strlen(text), 10);
		buf_free(&b);
	}
}
END_TEST

START_TEST(test_problem_value_cut)
{
	char method[200];

	/* a long method is cut to the problem's buffer, never overflowing */
	memset(method, 'M', sizeof method - 1);
	method[sizeof method - 1] = '\0';
	struct fake f = { 0 };
	set_var(&f, "REQUEST_METHOD", method);
	ck_assert_int_eq(run(&f), REQUEST_BAD_METHOD);
	ck_assert_uint_eq(strlen(why.value), sizeof why.value - 1);
	expect_text_has("MMMM");
}
END_TEST

/* --- sentences in other languages ----------------------------------- */

/* A language from its catalogue as make builds it ($NSCHECK_WWW/locale). */
static struct lang load_lang(const char *code, struct catalog **cat)
{
	struct lang l = { "", NULL };

	*cat = tree_catalog(code);
	l.cat = *cat;
	snprintf(l.code, sizeof l.code, "%s", code);
	return l;
}

static void expect_said(const struct lang *l, const char *want)
{
	struct buf b;

	buf_init(&b, 4096);
	request_problem_text(l, &why, &b);
	ck_assert(!buf_failed(&b));
	ck_assert_str_eq(buf_str(&b), want);
	buf_free(&b);
}

START_TEST(test_text_spanish)
{
	struct catalog *cat;
	struct lang es = load_lang("es", &cat);

	ck_assert_int_eq(get("domain=a.example&domain=b.example"),
			 REQUEST_REPEATED_PARAM);
	expect_said(&es, "El parámetro «domain» aparece 2 veces; indíquelo solo "
		    "una vez.");
	ck_assert_int_eq(get("domain=a.example&format=xml"), REQUEST_BAD_FORMAT);
	expect_said(&es, "El formato «xml» es desconocido: use html, json o text.");
	ck_assert_int_eq(post("", "domain=%zz", 0), REQUEST_BAD_ENCODING);
	expect_said(&es, "En el cuerpo del formulario, en el byte 8, un «%» no va "
		    "seguido de dos dígitos hexadecimales.");
	ck_assert_int_eq(get("server=192.0.2.53"), REQUEST_BAD_SERVER);
	expect_said(&es, "Para examinar un servidor hace falta el dominio en cuyo "
		    "informe aparece.");
	catalog_free(cat);
}
END_TEST

START_TEST(test_text_german)
{
	struct catalog *cat;
	struct lang de = load_lang("de", &cat);

	ck_assert_int_eq(get("domain=%zz"), REQUEST_BAD_ENCODING);
	expect_said(&de, "Im Query-String folgen bei Byte 8 auf ein „%“ nicht "
		    "zwei Hexadezimalziffern.");
	ck_assert_int_eq(get("lang=d%20e"), REQUEST_BAD_LANG);
	expect_said(&de, "Die Sprache „d e“ ist kein Sprach-Tag: Verwenden Sie "
		    "einen Code wie de oder es.");
	/* and English without a language */
	ck_assert_int_eq(get("domain=a.example&format=xml"), REQUEST_BAD_FORMAT);
	expect_said(NULL, "The format \"xml\" is unknown: use html, json or text.");
	catalog_free(cat);
}
END_TEST

Suite *request_suite(void)
{
	Suite *s = suite_create("request");
	TCase *tc = tcase_create("methods");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_get);
	tcase_add_test(tc, test_get_without_domain);
	tcase_add_test(tc, test_no_query_string);
	tcase_add_test(tc, test_head);
	tcase_add_test(tc, test_post);
	tcase_add_test(tc, test_post_small_chunks);
	tcase_add_test(tc, test_post_empty_body);
	tcase_add_test(tc, test_bad_method);
	tcase_add_test(tc, test_missing_method);
	tcase_add_test(tc, test_query_max);
	suite_add_tcase(s, tc);

	tc = tcase_create("post");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_content_type);
	tcase_add_test(tc, test_content_type_parameters);
	tcase_add_test(tc, test_length_required);
	tcase_add_test(tc, test_body_max);
	tcase_add_test(tc, test_body_incomplete);
	tcase_add_test(tc, test_body_longer_than_length);
	tcase_add_test(tc, test_body_bad_encoding);
	suite_add_tcase(s, tc);

	tc = tcase_create("params");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_formats);
	tcase_add_test(tc, test_accept);
	tcase_add_test(tc, test_unknown_format);
	tcase_add_test(tc, test_repeated_domain);
	tcase_add_test(tc, test_repeated_across_query_and_body);
	tcase_add_test(tc, test_query_and_body_merge);
	tcase_add_test(tc, test_query_bad_encoding);
	tcase_add_test(tc, test_too_many_params);
	tcase_add_test(tc, test_domain_binary);
	tcase_add_test(tc, test_error_ids);
	tcase_add_test(tc, test_server);
	tcase_add_test(tc, test_problem_text_every_error);
	tcase_add_test(tc, test_problem_value_cut);
	suite_add_tcase(s, tc);

	tc = tcase_create("languages");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_text_spanish);
	tcase_add_test(tc, test_text_german);
	suite_add_tcase(s, tc);
	return s;
}
