/*
 * Unit tests of config: the defaults, every key through config_set at and
 * past its bounds, the file parser (comments, errors with file:line) and
 * the resolv.conf fallback of config_finish. Files go to mkstemp() names
 * in /tmp and are removed as soon as they have been read.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/config.h"
#include "suites.h"
#include "tree.h"

static struct config cfg;
static char err[CONFIG_ERR_MAX];
static char tmp_path[64]; /* the last temporary file, already removed */

static void setup(void)
{
	config_defaults(&cfg);
	err[0] = '\0';
}

/*
 * Writes text to a new mkstemp() file in /tmp and returns its name. The
 * caller removes it as soon as it has been read, before any assertion:
 * a failed assertion ends the test without running a teardown.
 */
static const char *temp_file(const char *text, size_t len)
{
	snprintf(tmp_path, sizeof tmp_path, "/tmp/nscheck-unit-XXXXXX");
	int fd = mkstemp(tmp_path);
	ck_assert_int_ge(fd, 0);
	ssize_t w = write(fd, text, len);
	close(fd);
	if (w != (ssize_t)len)
		unlink(tmp_path);
	ck_assert_int_eq(w, (ssize_t)len);
	return tmp_path;
}

/* config_load() of a file holding text[0..len); the file is gone after. */
static int load_temp(const char *text, size_t len)
{
	const char *path = temp_file(text, len);
	int r = config_load(&cfg, path, false, err, sizeof err);

	unlink(path);
	return r;
}

static int load_text(const char *text)
{
	return load_temp(text, strlen(text));
}

/* config_finish() with resolv_conf pointing at a file holding text. */
static int finish_text(const char *text)
{
	const char *path = temp_file(text, strlen(text));
	snprintf(cfg.resolv_conf, sizeof cfg.resolv_conf, "%s", path);
	int r = config_finish(&cfg, err, sizeof err);

	unlink(path);
	return r;
}

static int set(const char *key, const char *value)
{
	err[0] = '\0';
	int r = config_set(&cfg, key, value, err, sizeof err);
	/* an error starts with the key it is about */
	if (r < 0)
		ck_assert_msg(strncmp(err, key, strlen(key)) == 0,
			      "error '%s' does not name '%s'", err, key);
	return r;
}

static void expect_ok(const char *key, const char *value)
{
	ck_assert_msg(set(key, value) == 0, "%s = '%s': %s", key, value, err);
}

static void expect_bad(const char *key, const char *value)
{
	ck_assert_msg(set(key, value) == -1, "%s = '%s' accepted", key, value);
	ck_assert_uint_gt(strlen(err), strlen(key));
}

static unsigned port_of(const struct config_server *s)
{
	if (s->addr.ss_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)&s->addr)->sin_port);
	return ntohs(((const struct sockaddr_in6 *)&s->addr)->sin6_port);
}

/* --- defaults and config_set ---------------------------------------- */

START_TEST(test_defaults)
{
	ck_assert_uint_eq(cfg.deadline_ms, 5000);
	ck_assert_uint_eq(cfg.query_timeout, 2);
	ck_assert_uint_eq(cfg.query_tries, 2);
	ck_assert_uint_eq(cfg.udp_size, 1232);
	ck_assert_uint_eq(cfg.max_ns, 20);
	ck_assert_uint_eq(cfg.http_max_age, 300);
	ck_assert_uint_eq(cfg.socket_mode, 0660);
	ck_assert_int_eq(cfg.log_level, LOG_INFO);
	ck_assert_str_eq(cfg.static_url, "/nscheck/static/");
	ck_assert_str_eq(cfg.resolv_conf, "/etc/resolv.conf");
	ck_assert_uint_eq(cfg.n_resolvers, 0);
	ck_assert_str_eq(cfg.path, "");
	size_t n = strlen(cfg.www_dir);
	ck_assert(n > 4 && strcmp(cfg.www_dir + n - 4, "/www") == 0);
}
END_TEST

START_TEST(test_unknown_key)
{
	ck_assert_int_eq(config_set(&cfg, "deadlines", "5s", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "unknown key"));
	ck_assert_ptr_nonnull(strstr(err, "deadlines"));
}
END_TEST

START_TEST(test_query_timeout)
{
	expect_ok("query_timeout", "1");
	ck_assert_uint_eq(cfg.query_timeout, 1);
	expect_ok("query_timeout", "300");
	ck_assert_uint_eq(cfg.query_timeout, 300);
	expect_ok("query_timeout", "5s");
	ck_assert_uint_eq(cfg.query_timeout, 5);
	expect_ok("query_timeout", "3000ms");
	ck_assert_uint_eq(cfg.query_timeout, 3);
	expect_bad("query_timeout", "0");
	expect_bad("query_timeout", "301");
	/* udns counts whole seconds */
	expect_bad("query_timeout", "1.5s");
	ck_assert_ptr_nonnull(strstr(err, "1.5s"));
	expect_bad("query_timeout", "1500ms");
	expect_bad("query_timeout", "5x");
	expect_bad("query_timeout", "");
	expect_bad("query_timeout", "-1");
	expect_bad("query_timeout", "s");
	ck_assert_uint_eq(cfg.query_timeout, 3); /* failures change nothing */
}
END_TEST

START_TEST(test_deadline)
{
	expect_ok("deadline", "1.5s");
	ck_assert_uint_eq(cfg.deadline_ms, 1500);
	expect_ok("deadline", "250ms");
	ck_assert_uint_eq(cfg.deadline_ms, 250);
	expect_ok("deadline", "100ms");
	ck_assert_uint_eq(cfg.deadline_ms, 100);
	expect_ok("deadline", "60s");
	ck_assert_uint_eq(cfg.deadline_ms, 60000);
	expect_ok("deadline", "7");
	ck_assert_uint_eq(cfg.deadline_ms, 7000);
	expect_ok("deadline", "0.125s");
	ck_assert_uint_eq(cfg.deadline_ms, 125);
	expect_bad("deadline", "99ms");
	expect_bad("deadline", "60001ms");
	expect_bad("deadline", "60.001s");
	expect_bad("deadline", "5x");
	expect_bad("deadline", "5 s");
	expect_bad("deadline", "1.5ms");
	expect_bad("deadline", "1.2345s");
	expect_bad("deadline", "1.s");
	expect_bad("deadline", "1..5s");
	expect_bad("deadline", "99999999999999999999999s");
	ck_assert_uint_eq(cfg.deadline_ms, 125);
}
END_TEST

START_TEST(test_query_tries)
{
	expect_ok("query_tries", "1");
	ck_assert_uint_eq(cfg.query_tries, 1);
	expect_ok("query_tries", "10");
	ck_assert_uint_eq(cfg.query_tries, 10);
	expect_bad("query_tries", "0");
	expect_bad("query_tries", "11");
	expect_bad("query_tries", "1x");
	expect_bad("query_tries", "+1");
	expect_bad("query_tries", " 1");
	expect_bad("query_tries", "99999999999999999999999999");
	expect_bad("query_tries", "4294967297"); /* 2^32 + 1 must not wrap */
	ck_assert_uint_eq(cfg.query_tries, 10);
}
END_TEST

START_TEST(test_udp_size_and_max_ns)
{
	expect_ok("udp_size", "512");
	expect_ok("udp_size", "4096");
	ck_assert_uint_eq(cfg.udp_size, 4096);
	expect_bad("udp_size", "511");
	expect_bad("udp_size", "4097");
	expect_ok("max_ns", "1");
	expect_ok("max_ns", "64");
	ck_assert_uint_eq(cfg.max_ns, 64);
	expect_bad("max_ns", "0");
	expect_bad("max_ns", "65");
	ck_assert_ptr_nonnull(strstr(err, "65"));
}
END_TEST

START_TEST(test_http_max_age)
{
	expect_ok("http_max_age", "0");
	ck_assert_uint_eq(cfg.http_max_age, 0);
	expect_ok("http_max_age", "86400");
	ck_assert_uint_eq(cfg.http_max_age, 86400);
	expect_ok("http_max_age", "60s");
	ck_assert_uint_eq(cfg.http_max_age, 60);
	expect_bad("http_max_age", "86401");
	expect_bad("http_max_age", "1.5s");
	expect_bad("http_max_age", "1d");
}
END_TEST

START_TEST(test_socket_mode)
{
	expect_ok("socket_mode", "0600");
	ck_assert_uint_eq(cfg.socket_mode, 0600);
	expect_ok("socket_mode", "777");
	ck_assert_uint_eq(cfg.socket_mode, 0777);
	expect_bad("socket_mode", "1000");
	expect_bad("socket_mode", "0680");
	expect_bad("socket_mode", "0x1ff");
	expect_bad("socket_mode", "");
}
END_TEST

START_TEST(test_log_level)
{
	static const char *const names[] = { "error", "warn", "info", "debug" };

	for (int i = 0; i < 4; i++) {
		expect_ok("log_level", names[i]);
		ck_assert_int_eq(cfg.log_level, i);
	}
	expect_bad("log_level", "verbose");
	expect_bad("log_level", "");
	ck_assert_int_eq(cfg.log_level, LOG_DEBUG);
}
END_TEST

START_TEST(test_resolver_forms)
{
	char text[512];

	expect_ok("resolver", "192.0.2.1");
	ck_assert_uint_eq(cfg.n_resolvers, 1);
	ck_assert_int_eq(cfg.resolver[0].addr.ss_family, AF_INET);
	ck_assert_uint_eq(port_of(&cfg.resolver[0]), 53);
	ck_assert_str_eq(cfg.resolver[0].text, "192.0.2.1");

	expect_ok("resolver", "2001:db8::1");
	ck_assert_uint_eq(cfg.n_resolvers, 1);
	ck_assert_int_eq(cfg.resolver[0].addr.ss_family, AF_INET6);
	ck_assert_uint_eq(port_of(&cfg.resolver[0]), 53);

	expect_ok("resolver", "192.0.2.1:5353, [2001:db8::1]:5353 2001:db8::2");
	ck_assert_uint_eq(cfg.n_resolvers, 3);
	ck_assert_int_eq(cfg.resolver[0].addr.ss_family, AF_INET);
	ck_assert_uint_eq(port_of(&cfg.resolver[0]), 5353);
	ck_assert_str_eq(cfg.resolver[0].text, "192.0.2.1:5353");
	ck_assert_int_eq(cfg.resolver[1].addr.ss_family, AF_INET6);
	ck_assert_uint_eq(port_of(&cfg.resolver[1]), 5353);
	ck_assert_str_eq(cfg.resolver[1].text, "[2001:db8::1]:5353");
	struct in6_addr want;
	inet_pton(AF_INET6, "2001:db8::1", &want);
	ck_assert(memcmp(&((struct sockaddr_in6 *)&cfg.resolver[1].addr)->sin6_addr,
			 &want, sizeof want) == 0);
	ck_assert_uint_eq(port_of(&cfg.resolver[2]), 53);

	config_resolvers_text(&cfg, text, sizeof text);
	ck_assert_str_eq(text, "192.0.2.1:5353, [2001:db8::1]:5353, 2001:db8::2");
	/* a small buffer is cut, never overrun */
	char small[8];
	config_resolvers_text(&cfg, small, sizeof small);
	ck_assert_uint_lt(strlen(small), sizeof small);
}
END_TEST

START_TEST(test_resolver_count)
{
	expect_ok("resolver", "192.0.2.1 192.0.2.2 192.0.2.3 192.0.2.4 "
		  "192.0.2.5 192.0.2.6");
	ck_assert_uint_eq(cfg.n_resolvers, CONFIG_MAX_RESOLVERS);
	expect_bad("resolver", "192.0.2.1 192.0.2.2 192.0.2.3 192.0.2.4 "
		   "192.0.2.5 192.0.2.6 192.0.2.7");
	ck_assert_ptr_nonnull(strstr(err, "6"));
	ck_assert_uint_eq(cfg.n_resolvers, CONFIG_MAX_RESOLVERS);
	/* an empty list is allowed: resolv.conf is used then */
	expect_ok("resolver", "");
	ck_assert_uint_eq(cfg.n_resolvers, 0);
}
END_TEST

START_TEST(test_resolver_garbage)
{
	static const char *const bad[] = {
		"dns.example", "192.0.2.1:0", "192.0.2.1:65536", "192.0.2.1:",
		":53", "[2001:db8::1", "[2001:db8::1]x", "[2001:db8::1]:",
		"256.0.0.1", "192.0.2.1:53x", "[]:53", "192.0.2.1, nope",
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		expect_bad("resolver", bad[i]);
		ck_assert_uint_eq(cfg.n_resolvers, 0);
	}
	expect_ok("resolver", "192.0.2.1:65535");
	ck_assert_uint_eq(port_of(&cfg.resolver[0]), 65535);
}
END_TEST

START_TEST(test_static_url)
{
	expect_ok("static_url", "/static/");
	ck_assert_str_eq(cfg.static_url, "/static/");
	expect_ok("static_url", "https://cdn.example/nscheck/");
	expect_ok("static_url", "http://cdn.example/");
	expect_bad("static_url", "/static");
	expect_bad("static_url", "static/");
	expect_bad("static_url", "");
	expect_bad("static_url", "/a b/");
	expect_bad("static_url", "/a\"b/");
	expect_bad("static_url", "/a'b/");
	expect_bad("static_url", "/<x>/");
	expect_bad("static_url", "javascript:alert(1)/");
	ck_assert_str_eq(cfg.static_url, "http://cdn.example/");
}
END_TEST

/* Both go into headers or attributes as they are. */
START_TEST(test_page_url_and_cors_origin)
{
	ck_assert_str_eq(cfg.page_url, "/nscheck/");
	ck_assert_str_eq(cfg.cors_origin, "");
	expect_ok("page_url", "https://tools.example/ns/");
	expect_bad("page_url", "/ns");
	expect_bad("page_url", "/a\"b/");
	expect_ok("cors_origin", "*");
	ck_assert_str_eq(cfg.cors_origin, "*");
	expect_ok("cors_origin", "https://help.example.com");
	expect_ok("cors_origin", "http://localhost:8080");
	expect_ok("cors_origin", "");
	expect_bad("cors_origin", "https://help.example.com/");  /* a path */
	expect_bad("cors_origin", "help.example.com");
	expect_bad("cors_origin", "https://");
	expect_bad("cors_origin", "https://a b");
	expect_bad("cors_origin", "https://a\r\nSet-Cookie: x=1");
	expect_bad("cors_origin", "http://a:123456");
	expect_bad("cors_origin", "**");
	ck_assert_str_eq(cfg.cors_origin, "");
}
END_TEST

START_TEST(test_paths)
{
	char long_path[PATH_MAX + 10];

	expect_ok("www_dir", "/srv/nscheck/www");
	ck_assert_str_eq(cfg.www_dir, "/srv/nscheck/www");
	expect_bad("www_dir", "");
	memset(long_path, 'a', sizeof long_path - 1);
	long_path[0] = '/';
	long_path[sizeof long_path - 1] = '\0';
	expect_bad("www_dir", long_path);
	ck_assert_str_eq(cfg.www_dir, "/srv/nscheck/www");
	expect_ok("resolv_conf", "/tmp/resolv.conf");
	ck_assert_str_eq(cfg.resolv_conf, "/tmp/resolv.conf");
}
END_TEST

/* --- config_load ---------------------------------------------------- */

START_TEST(test_load_file)
{
	int r = load_text(
		"# nscheck settings\n"
		"\n"
		"   \t\n"
		"deadline = 2.5s   # a comment after a blank\n"
		"query_tries=3\n"
		"  resolver =  192.0.2.1, [2001:db8::1]:5353\r\n"
		"# max_ns = 1\n"
		"www_dir = /s#x/\n"
		"log_level = debug");  /* no newline at the end */

	ck_assert_msg(r == 0, "%s", err);
	ck_assert_uint_eq(cfg.deadline_ms, 2500);
	ck_assert_uint_eq(cfg.query_tries, 3);
	ck_assert_uint_eq(cfg.n_resolvers, 2);
	ck_assert_str_eq(cfg.resolver[1].text, "[2001:db8::1]:5353");
	ck_assert_uint_eq(cfg.max_ns, 20); /* commented out */
	/* '#' inside a value is not a comment */
	ck_assert_str_eq(cfg.www_dir, "/s#x/");
	ck_assert_int_eq(cfg.log_level, LOG_DEBUG);
	ck_assert_uint_eq(cfg.query_timeout, 2); /* untouched: default */
	ck_assert_str_eq(cfg.path, tmp_path);
}
END_TEST

/* err must start with "FILE:LINE:" */
static void expect_load_error(const char *text, unsigned line,
			      const char *needle)
{
	char prefix[128];

	config_defaults(&cfg);
	ck_assert_int_eq(load_text(text), -1);
	snprintf(prefix, sizeof prefix, "%s:%u: ", tmp_path, line);
	ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0,
		      "'%s' does not start with '%s'", err, prefix);
	ck_assert_msg(strstr(err, needle) != NULL, "'%s' lacks '%s'", err, needle);
	ck_assert_str_eq(cfg.path, "");
}

START_TEST(test_load_unknown_key)
{
	expect_load_error("# comment\ndeadline = 5s\ncolour = blue\n", 3,
			  "colour");
}
END_TEST

START_TEST(test_load_duplicate_key)
{
	expect_load_error("query_tries = 2\n\n# again\nquery_tries = 3\n", 4,
			  "line 1");
}
END_TEST

START_TEST(test_load_bad_value)
{
	expect_load_error("\n\nquery_timeout = 1.5s\n", 3, "query_timeout");
	expect_load_error("max_ns = 65\n", 1, "max_ns");
}
END_TEST

START_TEST(test_load_malformed_line)
{
	expect_load_error("deadline = 5s\njust words\n", 2, "key = value");
}
END_TEST

START_TEST(test_load_nul_byte)
{
	static const char text[] = "deadline = 5s\nmax_ns = 2\0 0\n";
	char prefix[128];

	/* the rest of line 2 must not be dropped silently */
	ck_assert_int_eq(load_temp(text, sizeof text - 1), -1);
	snprintf(prefix, sizeof prefix, "%s:2:", tmp_path);
	ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0, "%s", err);
}
END_TEST

START_TEST(test_load_long_line)
{
	static char text[6000];
	char prefix[128];

	memcpy(text, "www_dir = /", 11);
	memset(text + 11, 'a', sizeof text - 13);
	text[sizeof text - 2] = '\n';
	ck_assert_int_eq(load_text(text), -1);
	snprintf(prefix, sizeof prefix, "%s:1:", tmp_path);
	ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0, "%s", err);
}
END_TEST

START_TEST(test_load_missing_file)
{
	const char *missing = "/tmp/nscheck-unit-does-not-exist/nscheck.conf";

	ck_assert_int_eq(config_load(&cfg, missing, true, err, sizeof err), 0);
	ck_assert_str_eq(cfg.path, "");
	ck_assert_uint_eq(cfg.deadline_ms, 5000);
	ck_assert_int_eq(config_load(&cfg, missing, false, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, missing));
}
END_TEST

/* --- config_finish -------------------------------------------------- */

START_TEST(test_finish_reads_resolv_conf)
{
	int r = finish_text(
		"# generated\n"
		"search example.com\n"
		"nameserver 192.0.2.53\n"
		"nameserver\t2001:db8::53\n"
		"nameserver fe80::1%eth0\n"
		"options ndots:2\n"
		"nameserver 198.51.100.53   \n");

	ck_assert_msg(r == 0, "%s", err);
	ck_assert_uint_eq(cfg.n_resolvers, 3);
	ck_assert_str_eq(cfg.resolver[0].text, "192.0.2.53");
	ck_assert_int_eq(cfg.resolver[1].addr.ss_family, AF_INET6);
	ck_assert_str_eq(cfg.resolver[2].text, "198.51.100.53");
	ck_assert_uint_eq(port_of(&cfg.resolver[2]), 53);
}
END_TEST

START_TEST(test_finish_at_most_six)
{
	int r = finish_text(
		"nameserver 192.0.2.1\nnameserver 192.0.2.2\nnameserver 192.0.2.3\n"
		"nameserver 192.0.2.4\nnameserver 192.0.2.5\nnameserver 192.0.2.6\n"
		"nameserver 192.0.2.7\n");

	ck_assert_int_eq(r, 0);
	ck_assert_uint_eq(cfg.n_resolvers, CONFIG_MAX_RESOLVERS);
	ck_assert_str_eq(cfg.resolver[5].text, "192.0.2.6");
}
END_TEST

START_TEST(test_finish_no_nameserver)
{
	int r = finish_text("# nothing here\nsearch example.com\n"
			    "nameserver not-an-address\n");

	ck_assert_int_eq(r, -1);
	ck_assert_ptr_nonnull(strstr(err, tmp_path));
	ck_assert_uint_eq(cfg.n_resolvers, 0);

	snprintf(cfg.resolv_conf, sizeof cfg.resolv_conf,
		 "/tmp/nscheck-unit-does-not-exist/resolv.conf");
	ck_assert_int_eq(config_finish(&cfg, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "resolv.conf"));
}
END_TEST

START_TEST(test_finish_keeps_configured)
{
	expect_ok("resolver", "192.0.2.9");
	snprintf(cfg.resolv_conf, sizeof cfg.resolv_conf,
		 "/tmp/nscheck-unit-does-not-exist/resolv.conf");
	ck_assert_int_eq(config_finish(&cfg, err, sizeof err), 0);
	ck_assert_uint_eq(cfg.n_resolvers, 1);
	ck_assert_str_eq(cfg.resolver[0].text, "192.0.2.9");
}
END_TEST

/* --- rate limit, proxies, user ------------------------------------- */

START_TEST(test_rate_limit_settings)
{
	ck_assert(cfg.rate_limit);
	ck_assert_uint_eq(cfg.rate_requests_ms, 200);
	ck_assert_uint_eq(cfg.rate_burst, 60);
	ck_assert_uint_eq(cfg.rate_lookups_ms, 500);
	ck_assert_uint_eq(cfg.rate_lookup_burst, 40);
	expect_ok("rate_limit", "off");
	ck_assert(!cfg.rate_limit);
	expect_ok("rate_requests", "30/min");
	ck_assert_uint_eq(cfg.rate_requests_ms, 2000);
	expect_ok("rate_lookups", "100/h");
	ck_assert_uint_eq(cfg.rate_lookups_ms, 36000);
	expect_ok("rate_requests", "1000/s");
	ck_assert_uint_eq(cfg.rate_requests_ms, 1);
	expect_ok("rate_requests", "1/h");
	ck_assert_uint_eq(cfg.rate_requests_ms, 3600000);
	static const char *const bad[] = {
		"", "5", "5/", "/s", "0/s", "1001/s", "5/sec", "-5/s", "5 /s",
		"5/s ", "99999999999999999999/s", "5/d",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect_bad("rate_requests", bad[i]);
	expect_bad("rate_burst", "0");
	expect_bad("rate_lookup_burst", "100001");
	expect_bad("rate_limit", "maybe");
}
END_TEST

START_TEST(test_client_header_and_proxies)
{
	expect_ok("client_header", "X-Forwarded-For");
	ck_assert_str_eq(cfg.client_header, "HTTP_X_FORWARDED_FOR");
	expect_ok("client_header", "x-real-ip");
	ck_assert_str_eq(cfg.client_header, "HTTP_X_REAL_IP");
	expect_bad("client_header", "X-Forwarded-For:");
	expect_bad("client_header", "X Real IP");
	expect_bad("client_header", "X-\xff");
	expect_ok("trusted_proxies", "127.0.0.1, ::1 10.0.0.0/8,2001:db8::/32");
	ck_assert_uint_eq(cfg.n_trusted_proxies, 4);
	ck_assert_uint_eq(cfg.trusted_proxy[2].bits, 8);
	expect_bad("trusted_proxies", "10.0.0.1/8");
	expect_bad("trusted_proxies", "proxy.example.net");
	expect_bad("trusted_proxies", "1.1.1.1 2.2.2.2 3.3.3.3 4.4.4.4 5.5.5.5 "
		   "6.6.6.6 7.7.7.7 8.8.8.8 9.9.9.9 1.0.0.1 1.0.0.2 1.0.0.3 "
		   "1.0.0.4 1.0.0.5 1.0.0.6 1.0.0.7 1.0.0.8");
	/* a bad list leaves the last good one */
	ck_assert_uint_eq(cfg.n_trusted_proxies, 4);
	expect_ok("trusted_proxies", "");
	ck_assert_uint_eq(cfg.n_trusted_proxies, 0);
	/* a header from anyone would let every client choose its address */
	expect_ok("resolver", "192.0.2.9");
	ck_assert_int_eq(config_finish(&cfg, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "trusted_proxies"));
	expect_ok("trusted_proxies", "127.0.0.1");
	ck_assert_int_eq(config_finish(&cfg, err, sizeof err), 0);
}
END_TEST

START_TEST(test_resolvers_view)
{
	ck_assert_uint_eq(cfg.n_view_resolvers, 0);
	expect_ok("resolvers_view", "192.0.2.53, [2001:db8::53]:5353");
	ck_assert_uint_eq(cfg.n_view_resolvers, 2);
	ck_assert_str_eq(cfg.view_resolver[1].text, "[2001:db8::53]:5353");
	ck_assert_uint_eq(cfg.n_resolvers, 0); /* the resolver list is apart */
	expect_bad("resolvers_view", "resolver.example");
	expect_ok("resolvers_view", "");
	ck_assert_uint_eq(cfg.n_view_resolvers, 0);
}
END_TEST

START_TEST(test_user)
{
	ck_assert_str_eq(cfg.user, "");
	expect_ok("user", "www-data");
	ck_assert_str_eq(cfg.user, "www-data");
	expect_ok("user", "_nscheck.1");
	expect_bad("user", "-rf");
	expect_bad("user", "a b");
	expect_bad("user", "root;id");
	expect_bad("user", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
}
END_TEST

START_TEST(test_socket_group_and_log_file)
{
	ck_assert_str_eq(cfg.socket_group, "");
	expect_ok("socket_group", "www-data");
	ck_assert_str_eq(cfg.socket_group, "www-data");
	expect_bad("socket_group", "a b");
	expect_bad("socket_group", "-x");
	ck_assert_str_eq(cfg.log_file, "");
	expect_ok("log_file", "/var/log/nscheck/nscheck.log");
	ck_assert_str_eq(cfg.log_file, "/var/log/nscheck/nscheck.log");
	expect_bad("log_file", "nscheck.log");
	expect_bad("log_file", "./log");
	expect_ok("log_file", "");
	ck_assert_str_eq(cfg.log_file, "");
}
END_TEST

/* line occurs in text as a whole line. */
static bool has_line(const char *text, const char *line)
{
	size_t n = strlen(line);

	for (const char *p = text; (p = strstr(p, line)) != NULL; p += n)
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == ' '))
			return true;
	return false;
}

/* Every key of the settings table is documented in the reference file
 * (as "#key = default") and in nscheck.conf(5) (as a ".B key" tag). */
START_TEST(test_every_key_documented)
{
	char *conf = tree_file("conf/nscheck.conf");
	char *man = tree_file("docs/nscheck.conf.5");
	char line[128];
	size_t i = 0;

	for (const char *key; (key = config_key(i)) != NULL; i++) {
		snprintf(line, sizeof line, "#%s =", key);
		ck_assert_msg(has_line(conf, line), "conf/nscheck.conf lacks '%s'",
			      line);
		snprintf(line, sizeof line, ".B %s", key);
		ck_assert_msg(has_line(man, line), "docs/nscheck.conf.5 lacks "
			      "'%s'", line);
	}
	ck_assert_uint_ge(i, 40); /* the table was walked at all */
	ck_assert_ptr_null(config_key(i));
	free(conf);
	free(man);
}
END_TEST

Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("set");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_unknown_key);
	tcase_add_test(tc, test_query_timeout);
	tcase_add_test(tc, test_deadline);
	tcase_add_test(tc, test_query_tries);
	tcase_add_test(tc, test_udp_size_and_max_ns);
	tcase_add_test(tc, test_http_max_age);
	tcase_add_test(tc, test_socket_mode);
	tcase_add_test(tc, test_log_level);
	tcase_add_test(tc, test_resolver_forms);
	tcase_add_test(tc, test_resolver_count);
	tcase_add_test(tc, test_resolver_garbage);
	tcase_add_test(tc, test_static_url);
	tcase_add_test(tc, test_page_url_and_cors_origin);
	tcase_add_test(tc, test_paths);
	suite_add_tcase(s, tc);

	tc = tcase_create("load");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_load_file);
	tcase_add_test(tc, test_load_unknown_key);
	tcase_add_test(tc, test_load_duplicate_key);
	tcase_add_test(tc, test_load_bad_value);
	tcase_add_test(tc, test_load_malformed_line);
	tcase_add_test(tc, test_load_nul_byte);
	tcase_add_test(tc, test_load_long_line);
	tcase_add_test(tc, test_load_missing_file);
	suite_add_tcase(s, tc);

	tc = tcase_create("finish");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_finish_reads_resolv_conf);
	tcase_add_test(tc, test_finish_at_most_six);
	tcase_add_test(tc, test_finish_no_nameserver);
	tcase_add_test(tc, test_finish_keeps_configured);
	tcase_add_test(tc, test_rate_limit_settings);
	tcase_add_test(tc, test_client_header_and_proxies);
	tcase_add_test(tc, test_user);
	tcase_add_test(tc, test_resolvers_view);
	tcase_add_test(tc, test_socket_group_and_log_file);
	tcase_add_test(tc, test_every_key_documented);
	suite_add_tcase(s, tc);
	return s;
}
