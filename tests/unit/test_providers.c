/*
 * Unit tests of providers: suffixes match on label boundaries, names in
 * any case and with a trailing dot, '*' patterns, the first matching line
 * wins, comments and blank lines, errors with file:line; and the shipped
 * conf/providers.txt (make unit runs from the project root).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/providers.h"
#include "suites.h"

#define SHIPPED "conf/providers.txt"

static char dir[64];
static char path[96];
static char err[512];
static struct providers *prov;

/*
 * One private directory for the whole test case, made and removed in the
 * runner's own process (an unchecked fixture), so a failed test leaves
 * nothing behind.
 */
static void setup(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof dir, "%s/nscheck-prov-XXXXXX",
		 tmp && *tmp && strlen(tmp) < 32 ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/providers.txt", dir);
}

static void teardown(void)
{
	unlink(path);
	rmdir(dir);
}

/* Each test owns the table it loaded (a checked fixture). */
static void forget(void)
{
	prov = NULL;
}

static void release(void)
{
	providers_free(prov);
	prov = NULL;
}

/* Writes text to the temporary file and loads it. */
static void load(const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_ge(fputs(text, f), 0);
	ck_assert_int_eq(fclose(f), 0);
	providers_free(prov);
	err[0] = '\0';
	prov = providers_load(path, err, sizeof err);
	ck_assert_msg(prov != NULL, "%s", err);
}

static void maps(const char *name, const char *want)
{
	const char *got = providers_find(prov, name);

	if (!want)
		ck_assert_msg(got == NULL, "%s maps to \"%s\"", name, got);
	else
		ck_assert_msg(got && strcmp(got, want) == 0,
			      "%s maps to \"%s\", not \"%s\"", name,
			      got ? got : "(none)", want);
}

/* Loading text fails with "path:line: ...". */
static void fails_at(const char *text, unsigned line)
{
	char want[128];
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_ge(fputs(text, f), 0);
	ck_assert_int_eq(fclose(f), 0);
	err[0] = '\0';
	ck_assert_ptr_null(providers_load(path, err, sizeof err));
	snprintf(want, sizeof want, "%s:%u: ", path, line);
	ck_assert_msg(strncmp(err, want, strlen(want)) == 0,
		      "\"%s\" does not start with \"%s\"", err, want);
	ck_assert_uint_gt(strlen(err), strlen(want));
}

START_TEST(test_suffix)
{
	load("example.com Example DNS\n");
	maps("example.com", "Example DNS");
	maps("ns1.example.com", "Example DNS");
	maps("a.b.ns1.example.com", "Example DNS");
	/* label boundaries */
	maps("notexample.com", NULL);
	maps("ns1.notexample.com", NULL);
	maps("xample.com", NULL);
	maps("example.com.evil.org", NULL);
	maps("example.co", NULL);
	maps("com", NULL);
	maps("example.org", NULL);
	maps("", NULL);
}
END_TEST

START_TEST(test_case_and_dot)
{
	load("example.com Example DNS\n");
	maps("NS1.EXAMPLE.COM", "Example DNS");
	maps("Ns1.Example.Com.", "Example DNS");
	maps("ns1.example.com.", "Example DNS");
	maps("example.com.", "Example DNS");
	maps("notexample.com.", NULL);
	maps(".", NULL);
}
END_TEST

START_TEST(test_patterns)
{
	load("*.awsdns-*.com   Amazon Route 53\n"
	     "*.awsdns-*.co.uk Amazon Route 53 (UK)\n");
	maps("ns-123.awsdns-45.com", "Amazon Route 53");
	maps("NS-123.AWSDNS-45.COM.", "Amazon Route 53");
	maps("ns-1.awsdns-1.co.uk", "Amazon Route 53 (UK)");
	maps("awsdns-45.com", NULL);       /* needs a label before it */
	maps("ns-1.awsdns-1.net", NULL);
	maps("ns-1.awsdns-1.com.au", NULL); /* the whole name */
	maps("ns-1.notawsdns-1.com", NULL);
	maps("ns-1.example.com", NULL);
}
END_TEST

START_TEST(test_first_match_wins)
{
	load("ns.hetzner.com Hetzner\n"
	     "hetzner.com    Hetzner Online (other)\n"
	     "*.hetzner.com  Never\n");
	maps("hydrogen.ns.hetzner.com", "Hetzner");
	maps("ns.hetzner.com", "Hetzner");
	maps("www.hetzner.com", "Hetzner Online (other)");

	/* the general line first shadows the specific one */
	load("hetzner.com    General\n"
	     "ns.hetzner.com Specific\n");
	maps("hydrogen.ns.hetzner.com", "General");

	/* a pattern before a suffix */
	load("*.awsdns-*.com Pattern\n"
	     "awsdns-1.com   Suffix\n");
	maps("ns-1.awsdns-1.com", "Pattern");
	maps("awsdns-1.com", "Suffix");
}
END_TEST

START_TEST(test_comments_and_blanks)
{
	load("# DNS providers\n"
	     "\n"
	     "   # indented comment\n"
	     " \t \n"
	     "\texample.com\t\tExample   DNS  \t\n"
	     "example.org Org # trailing comment\n"
	     "example.net Net\r\n"
	     "# example.edu Commented out\n");
	maps("ns.example.com", "Example   DNS");
	maps("ns.example.org", "Org");
	maps("ns.example.net", "Net");
	maps("ns.example.edu", NULL);
}
END_TEST

START_TEST(test_empty_file)
{
	load("");
	maps("ns1.example.com", NULL);
	load("# nothing but comments\n\n");
	maps("ns1.example.com", NULL);
}
END_TEST

START_TEST(test_malformed)
{
	fails_at("example.com Example\n"
		 "# comment\n"
		 "\n"
		 "lonely.example.org\n"
		 "example.net Net\n", 4);
	fails_at("pattern-only   \t \n", 1);
	fails_at("example.com Example\nexample.org    # name commented out\n", 2);
}
END_TEST

START_TEST(test_missing_file)
{
	char missing[128];

	snprintf(missing, sizeof missing, "%s.does-not-exist", path);
	err[0] = '\0';
	ck_assert_ptr_null(providers_load(missing, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, missing));
	ck_assert_ptr_nonnull(strstr(err, "No such file"));
}
END_TEST

/* No table, or a name longer than any DNS name: no provider. */
START_TEST(test_edge_names)
{
	char longname[2100];

	ck_assert_ptr_null(providers_find(NULL, "ns1.example.com"));
	load("example.com Example\n");
	memset(longname, 'a', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	memcpy(longname + sizeof longname - 1 - strlen(".example.com"),
	       ".example.com", strlen(".example.com"));
	ck_assert_ptr_null(providers_find(prov, longname));
	providers_free(NULL);
}
END_TEST

START_TEST(test_shipped_file)
{
	prov = providers_load(SHIPPED, err, sizeof err);
	ck_assert_msg(prov != NULL, "%s", err);
	maps("ns-123.awsdns-45.com", "Amazon Route 53");
	maps("ns-1536.awsdns-00.co.uk", "Amazon Route 53");
	maps("kim.ns.cloudflare.com", "Cloudflare");
	maps("KIM.NS.CLOUDFLARE.COM.", "Cloudflare");
	maps("ns1.notcloudflare.com", NULL);
	maps("a.iana-servers.net", NULL);
}
END_TEST

Suite *providers_suite(void)
{
	Suite *s = suite_create("providers");
	TCase *tc = tcase_create("providers");

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_checked_fixture(tc, forget, release);
	tcase_add_test(tc, test_suffix);
	tcase_add_test(tc, test_case_and_dot);
	tcase_add_test(tc, test_patterns);
	tcase_add_test(tc, test_first_match_wins);
	tcase_add_test(tc, test_comments_and_blanks);
	tcase_add_test(tc, test_empty_file);
	tcase_add_test(tc, test_malformed);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_edge_names);
	tcase_add_test(tc, test_shipped_file);
	suite_add_tcase(s, tc);
	return s;
}
