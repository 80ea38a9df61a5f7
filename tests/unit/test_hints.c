/*
 * Unit tests of hints: the built-in root servers, and root hints files in
 * the usual format (named.root: TTLs, comments, NS lines, trailing dots)
 * written to temporary files; errors name the file and line.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "dns/hints.h"
#include "util/netaddr.h"
#include "suites.h"

static char dir[64];
static char path[96];
static struct hints hints;
static char err[512];

/*
 * One private directory for the whole test case, made and removed in the
 * runner's own process (an unchecked fixture), so a failed test leaves
 * nothing behind.
 */
static void setup(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof dir, "%s/nscheck-hints-XXXXXX",
		 tmp && *tmp && strlen(tmp) < 32 ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/root.hints", dir);
}

static void teardown(void)
{
	unlink(path);
	rmdir(dir);
}

static void write_file(const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_ge(fputs(text, f), 0);
	ck_assert_int_eq(fclose(f), 0);
}

/* The hint for name and family; fails when there is not exactly one. */
static const struct hint *find(const char *name, bool v6)
{
	const struct hint *found = NULL;

	for (size_t i = 0; i < hints.n; i++) {
		if (strcasecmp(hints.h[i].name, name) == 0 && hints.h[i].v6 == v6) {
			ck_assert_msg(!found, "%s twice", name);
			found = &hints.h[i];
		}
	}
	ck_assert_msg(found != NULL, "no %s address for %s", v6 ? "IPv6" : "IPv4",
		      name);
	return found;
}

static void has_addr(const struct hint *h, const char *text)
{
	unsigned char a[16] = { 0 };

	ck_assert_int_eq(inet_pton(h->v6 ? AF_INET6 : AF_INET, text, a), 1);
	ck_assert_mem_eq(h->addr, a, h->v6 ? 16 : 4);
}

/* Loading fails, and the message is "path:line: ...". */
static void fails_at(unsigned line)
{
	char want[128];

	err[0] = '\0';
	ck_assert_msg(hints_load(&hints, path, err, sizeof err) == -1,
		      "loaded %zu addresses; line %u should be an error",
		      hints.n, line);
	snprintf(want, sizeof want, "%s:%u: ", path, line);
	ck_assert_msg(strncmp(err, want, strlen(want)) == 0,
		      "\"%s\" does not start with \"%s\"", err, want);
	ck_assert_uint_gt(strlen(err), strlen(want));
}

/* The root servers' published addresses (IANA root hints, 2024). */
static const struct {
	const char *name, *v4, *v6;
} roots[] = {
	{ "a.root-servers.net", "198.41.0.4", "2001:503:ba3e::2:30" },
	{ "b.root-servers.net", "170.247.170.2", "2801:1b8:10::b" },
	{ "c.root-servers.net", "192.33.4.12", "2001:500:2::c" },
	{ "d.root-servers.net", "199.7.91.13", "2001:500:2d::d" },
	{ "e.root-servers.net", "192.203.230.10", "2001:500:a8::e" },
	{ "f.root-servers.net", "192.5.5.241", "2001:500:2f::f" },
	{ "g.root-servers.net", "192.112.36.4", "2001:500:12::d0d" },
	{ "h.root-servers.net", "198.97.190.53", "2001:500:1::53" },
	{ "i.root-servers.net", "192.36.148.17", "2001:7fe::53" },
	{ "j.root-servers.net", "192.58.128.30", "2001:503:c27::2:30" },
	{ "k.root-servers.net", "193.0.14.129", "2001:7fd::1" },
	{ "l.root-servers.net", "199.7.83.42", "2001:500:9f::42" },
	{ "m.root-servers.net", "202.12.27.33", "2001:dc3::35" },
};

START_TEST(test_builtin)
{
	ck_assert_int_eq(hints_load(&hints, NULL, err, sizeof err), 0);
	ck_assert_uint_eq(hints.n, 26);
	has_addr(find("a.root-servers.net", false), "198.41.0.4");

	/* a to m, each with one address of each family */
	for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++) {
		has_addr(find(roots[i].name, false), roots[i].v4);
		has_addr(find(roots[i].name, true), roots[i].v6);
	}
	/* ordinary public addresses: the report may query them */
	for (size_t i = 0; i < hints.n; i++)
		ck_assert_msg(netaddr_special(hints.h[i].addr, hints.h[i].v6) == NULL,
			      "%s has a special address", hints.h[i].name);

	/* "" is the built-in list too */
	memset(&hints, 0xAB, sizeof hints);
	ck_assert_int_eq(hints_load(&hints, "", err, sizeof err), 0);
	ck_assert_uint_eq(hints.n, 26);
	has_addr(find("a.root-servers.net", false), "198.41.0.4");
}
END_TEST

START_TEST(test_file)
{
	write_file(
		";       This file holds the information on root name servers needed to\n"
		";       initialize cache of Internet domain name servers\n"
		";\n"
		";       last update:     March 20, 2024\n"
		";\n"
		"; FORMERLY NS.INTERNIC.NET\n"
		";\n"
		".                        3600000      NS    A.ROOT-SERVERS.NET.\n"
		"A.ROOT-SERVERS.NET.      3600000      A     198.41.0.4\n"
		"A.ROOT-SERVERS.NET.      3600000      AAAA  2001:503:ba3e::2:30\n"
		";\n"
		"\n"
		".                        3600000      NS    B.ROOT-SERVERS.NET.\n"
		"B.ROOT-SERVERS.NET.\t3600000\tIN\tA\t170.247.170.2\n"
		"ns1.test.world.   IN   A   11.53.0.1   ; class, no TTL\n"
		"ns2.test.world a 11.53.0.2\r\n"
		"ns3.test.world 300 in aaaa 2600:53::3\r\n"
		"   \t  \n"
		"; End of file\n");
	ck_assert_int_eq(hints_load(&hints, path, err, sizeof err), 0);
	ck_assert_uint_eq(hints.n, 6);

	has_addr(find("a.root-servers.net", false), "198.41.0.4");
	has_addr(find("a.root-servers.net", true), "2001:503:ba3e::2:30");
	has_addr(find("b.root-servers.net", false), "170.247.170.2");
	has_addr(find("ns1.test.world", false), "11.53.0.1");
	has_addr(find("ns2.test.world", false), "11.53.0.2");
	has_addr(find("ns3.test.world", true), "2600:53::3");
	for (size_t i = 0; i < hints.n; i++)
		ck_assert_msg(hints.h[i].name[strlen(hints.h[i].name) - 1] != '.',
			      "%s keeps its dot", hints.h[i].name);
}
END_TEST

/* A file replaces the built-in list; it does not add to it. */
START_TEST(test_file_replaces_builtin)
{
	write_file("ns.test. 3600 A 11.53.0.1\n");
	ck_assert_int_eq(hints_load(&hints, path, err, sizeof err), 0);
	ck_assert_uint_eq(hints.n, 1);
	ck_assert_str_eq(hints.h[0].name, "ns.test");
	ck_assert(!hints.h[0].v6);
	has_addr(&hints.h[0], "11.53.0.1");
}
END_TEST

START_TEST(test_bad_address)
{
	write_file("; root\n"
		   ". 3600000 NS A.ROOT-SERVERS.NET.\n"
		   "A.ROOT-SERVERS.NET. 3600000 A 198.41.0.999\n"
		   "B.ROOT-SERVERS.NET. 3600000 A 170.247.170.2\n");
	fails_at(3);

	/* an IPv4 address in an AAAA record, and the reverse */
	write_file("a.root-servers.net. 3600000 A 198.41.0.4\n"
		   "a.root-servers.net. 3600000 AAAA 198.41.0.4\n");
	fails_at(2);
	write_file("a.root-servers.net. 3600000 A 2001:503:ba3e::2:30\n");
	fails_at(1);
	write_file("\n\n\n\na.root-servers.net. A not-an-address\n");
	fails_at(5);
}
END_TEST

START_TEST(test_bad_lines)
{
	/* too few fields for a record */
	write_file("a.root-servers.net. 3600000 A 198.41.0.4\n"
		   "b.root-servers.net. 170.247.170.2\n");
	fails_at(2);
	write_file("lonely\n");
	fails_at(1);
}
END_TEST

/* An address record that lost its address is an error, not skipped. */
START_TEST(test_missing_address)
{
	write_file("a.root-servers.net. 3600000 A 198.41.0.4\n"
		   "b.root-servers.net. 3600000 IN A\n");
	fails_at(2);
}
END_TEST

START_TEST(test_no_address_records)
{
	write_file("; only NS records and comments\n"
		   ".   3600000  NS  A.ROOT-SERVERS.NET.\n"
		   ".   3600000  NS  B.ROOT-SERVERS.NET.\n"
		   "\n");
	err[0] = '\0';
	ck_assert_int_eq(hints_load(&hints, path, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, path));
	ck_assert_uint_gt(strlen(err), strlen(path) + 2);

	write_file("");
	err[0] = '\0';
	ck_assert_int_eq(hints_load(&hints, path, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, path));
}
END_TEST

START_TEST(test_missing_file)
{
	char missing[128];

	snprintf(missing, sizeof missing, "%s.does-not-exist", path);
	err[0] = '\0';
	ck_assert_int_eq(hints_load(&hints, missing, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, missing));
	ck_assert_ptr_nonnull(strstr(err, "No such file"));
}
END_TEST

/* HINTS_MAX records fit; one more is an error at its line. */
START_TEST(test_too_many)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	for (int i = 0; i < HINTS_MAX; i++)
		fprintf(f, "ns%d.test. 3600 A 11.53.0.%d\n", i, i + 1);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(hints_load(&hints, path, err, sizeof err), 0);
	ck_assert_uint_eq(hints.n, HINTS_MAX);

	f = fopen(path, "a");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "one.more.test. 3600 A 11.53.1.1\n");
	ck_assert_int_eq(fclose(f), 0);
	fails_at(HINTS_MAX + 1);
}
END_TEST

Suite *hints_suite(void)
{
	Suite *s = suite_create("hints");
	TCase *tc = tcase_create("hints");

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_builtin);
	tcase_add_test(tc, test_file);
	tcase_add_test(tc, test_file_replaces_builtin);
	tcase_add_test(tc, test_bad_address);
	tcase_add_test(tc, test_bad_lines);
	tcase_add_test(tc, test_missing_address);
	tcase_add_test(tc, test_no_address_records);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_too_many);
	suite_add_tcase(s, tc);
	return s;
}
