/*
 * Unit tests of cli and plugin: the question as a query string, the exit
 * code of every outcome, and the monitoring plugin's states, status line,
 * rules and performance data, from outcomes and findings built here.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "plugin.h"
#include "suites.h"

static struct app_outcome found(size_t n_ns)
{
	struct app_outcome o;

	memset(&o, 0, sizeof o);
	o.state = VIEW_RESULT;
	o.has_result = true;
	o.result.status = LOOKUP_FOUND;
	o.result.n_ns = n_ns;
	return o;
}

static void add(struct check_list *c, const char *id, enum check_status st,
		const char *msg)
{
	c->f[c->n].id = id;
	c->f[c->n].status = st;
	snprintf(c->f[c->n].message, sizeof c->f[c->n].message, "%s", msg);
	c->n++;
}

START_TEST(test_query_string)
{
	struct buf b;
	struct cli_question q = { "bücher.test", NULL, "ns1.a.test,ns2.a.test",
				  "2001:db8::1" };

	buf_init(&b, 1024);
	cli_query_string(&q, &b);
	ck_assert_str_eq(buf_str(&b), "format=text&domain=b%C3%BCcher.test"
			 "&expect=ns1.a.test%2Cns2.a.test&server=2001%3Adb8%3A%3A1");
	buf_reset(&b);
	struct cli_question j = { "a&b=c", "json", NULL, NULL };
	cli_query_string(&j, &b);
	ck_assert_str_eq(buf_str(&b), "format=json&domain=a%26b%3Dc");
	ck_assert(cli_name_fits("two.test"));
	char big[1100];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	ck_assert(!cli_name_fits(big));
	buf_free(&b);
}
END_TEST

START_TEST(test_exit_codes)
{
	struct check_list c = { 0 };
	struct app_outcome o = found(2);

	add(&c, "ns_count", CHECK_PASS, "");
	add(&c, "propagation", CHECK_INFO, "");
	ck_assert_int_eq(cli_exit_code(&o, &c), CLI_OK);
	add(&c, "ipv6", CHECK_WARN, "");
	ck_assert_int_eq(cli_exit_code(&o, &c), CLI_WARNINGS);
	add(&c, "tcp", CHECK_FAIL, "");
	add(&c, "glue", CHECK_WARN, "");
	ck_assert_int_eq(cli_exit_code(&o, &c), CLI_FAILURES);

	struct check_list none = { 0 };
	o.result.status = LOOKUP_NXDOMAIN;
	ck_assert_int_eq(cli_exit_code(&o, &none), CLI_NO_DOMAIN);
	o.result.status = LOOKUP_NO_NS;
	ck_assert_int_eq(cli_exit_code(&o, &none), CLI_NO_DOMAIN);
	o.result.status = LOOKUP_SERVFAIL;
	ck_assert_int_eq(cli_exit_code(&o, &none), CLI_LOOKUP_FAILED);
	o.result.status = LOOKUP_TIMEOUT;
	ck_assert_int_eq(cli_exit_code(&o, &none), CLI_LOOKUP_FAILED);
	o.result.status = LOOKUP_ERROR;
	ck_assert_int_eq(cli_exit_code(&o, &none), CLI_SOFTWARE);

	struct app_outcome other = { .state = VIEW_BAD_DOMAIN };
	ck_assert_int_eq(cli_exit_code(&other, &none), CLI_BAD_NAME);
	other.state = VIEW_BAD_REQUEST;
	ck_assert_int_eq(cli_exit_code(&other, &none), CLI_USAGE);
	other.state = VIEW_BUSY;
	ck_assert_int_eq(cli_exit_code(&other, &none), CLI_TEMPFAIL);
	other.state = VIEW_LIMITED;
	ck_assert_int_eq(cli_exit_code(&other, &none), CLI_TEMPFAIL);
}
END_TEST

START_TEST(test_exit_codes_move_and_drill)
{
	struct check_list c = { 0 };
	struct app_outcome o = found(2);

	add(&c, "ipv6", CHECK_WARN, "");
	o.judged = true;
	o.transfer.verdict = TRANSFER_DONE;
	ck_assert_int_eq(cli_exit_code(&o, &c), CLI_WARNINGS);
	o.transfer.verdict = TRANSFER_WAITING_CACHES;
	ck_assert_int_eq(cli_exit_code(&o, &c), CLI_WARNINGS);
	o.transfer.verdict = TRANSFER_WRONG_SERVERS;
	ck_assert_int_eq(cli_exit_code(&o, &c), CLI_FAILURES);
	o.transfer.verdict = TRANSFER_NOT_READY;
	ck_assert_int_eq(cli_exit_code(&o, &c), CLI_FAILURES);
	o.transfer.verdict = TRANSFER_UNKNOWN;
	/* no verdict says less than the warning */
	ck_assert_int_eq(cli_exit_code(&o, &c), CLI_WARNINGS);
	struct check_list clean = { 0 };
	ck_assert_int_eq(cli_exit_code(&o, &clean), CLI_LOOKUP_FAILED);

	struct app_outcome d = found(2);
	d.drilled = true;
	d.drill = DRILL_DONE;
	ck_assert_int_eq(cli_exit_code(&d, &c), CLI_OK);
	d.drill = DRILL_NOT_ASKED;
	ck_assert_int_eq(cli_exit_code(&d, &c), CLI_BAD_NAME);
	d.drill = DRILL_NO_REPORT;
	ck_assert_int_eq(cli_exit_code(&d, &c), CLI_LOOKUP_FAILED);
}
END_TEST

static enum plugin_state judge(const struct app_outcome *o,
			       const struct check_list *c,
			       const struct plugin_rules *r, char *out,
			       size_t size)
{
	struct buf b;
	struct plugin_rules none = { 0 };

	buf_init_fixed(&b, out, size);
	return plugin_report("x.test", o, c, r ? r : &none, 1234, &b);
}

START_TEST(test_plugin_states)
{
	char out[4096];
	struct check_list c = { 0 };
	struct app_outcome o = found(2);

	add(&c, "ns_count", CHECK_PASS, "2 name servers");
	add(&c, "propagation", CHECK_INFO, "a note");
	ck_assert_int_eq(judge(&o, &c, NULL, out, sizeof out), PLUGIN_OK);
	ck_assert_str_eq(out, "NSCHECK OK - x.test: 2 name servers, 2 checks "
			 "passed |time=1.234s;;;0 ns=2;;;0 queries=0;;;0 "
			 "answered=0;;;0\n");
	add(&c, "ipv6", CHECK_WARN, "no IPv6");
	ck_assert_int_eq(judge(&o, &c, NULL, out, sizeof out), PLUGIN_WARNING);
	ck_assert_ptr_nonnull(strstr(out, "NSCHECK WARNING - x.test: 2 name "
				     "servers, 1 warning (ipv6) |"));
	ck_assert_ptr_nonnull(strstr(out, "\nWARNING ipv6: no IPv6\n"));
	add(&c, "tcp", CHECK_FAIL, "no | TCP\nat all");
	ck_assert_int_eq(judge(&o, &c, NULL, out, sizeof out), PLUGIN_CRITICAL);
	ck_assert_ptr_nonnull(strstr(out, "NSCHECK CRITICAL - x.test: 2 name "
				     "servers, 1 failed (tcp), 1 warning (ipv6) |"));
	/* a finding's '|' and newline cannot break the line's form */
	ck_assert_ptr_nonnull(strstr(out, "\nCRITICAL tcp: no / TCP at all\n"));
	ck_assert_ptr_null(strchr(strchr(out, '|') + 1, '|'));

	struct plugin_rules r = { 0 };
	char bad[80];
	ck_assert_int_eq(plugin_add_ids("tcp", r.warn_only, &r.n_warn_only,
					bad, sizeof bad), 0);
	ck_assert_int_eq(judge(&o, &c, &r, out, sizeof out), PLUGIN_WARNING);
	ck_assert_ptr_nonnull(strstr(out, "2 warnings (ipv6, tcp)"));
	ck_assert_int_eq(plugin_add_ids("tcp,ipv6", r.ignore, &r.n_ignore,
					bad, sizeof bad), 0);
	ck_assert_int_eq(judge(&o, &c, &r, out, sizeof out), PLUGIN_OK);
	ck_assert_ptr_nonnull(strstr(out, ": 2 name servers, 2 checks passed |"));
}
END_TEST

START_TEST(test_plugin_lookups)
{
	char out[4096];
	struct check_list none = { 0 };
	struct app_outcome o = found(0);

	o.result.status = LOOKUP_NXDOMAIN;
	ck_assert_int_eq(judge(&o, &none, NULL, out, sizeof out), PLUGIN_CRITICAL);
	ck_assert_ptr_nonnull(strstr(out, "CRITICAL - x.test: the name does not exist"));
	o.result.status = LOOKUP_TIMEOUT;
	o.result.failure = "no answer";
	ck_assert_int_eq(judge(&o, &none, NULL, out, sizeof out), PLUGIN_CRITICAL);
	ck_assert_ptr_nonnull(strstr(out, "the lookup failed: no answer |"));
	o.result.status = LOOKUP_ERROR;
	ck_assert_int_eq(judge(&o, &none, NULL, out, sizeof out), PLUGIN_UNKNOWN);
	struct app_outcome bad = { .state = VIEW_BAD_DOMAIN };
	ck_assert_int_eq(judge(&bad, &none, NULL, out, sizeof out), PLUGIN_UNKNOWN);

	struct app_outcome m = found(2);
	m.judged = true;
	m.transfer.verdict = TRANSFER_WAITING_REGISTRY;
	ck_assert_int_eq(judge(&m, &none, NULL, out, sizeof out), PLUGIN_WARNING);
	ck_assert_ptr_nonnull(strstr(out, "; waiting for the registry |"));
	m.transfer.verdict = TRANSFER_WRONG_SERVERS;
	ck_assert_int_eq(judge(&m, &none, NULL, out, sizeof out), PLUGIN_CRITICAL);
	m.transfer.verdict = TRANSFER_UNKNOWN;
	ck_assert_int_eq(judge(&m, &none, NULL, out, sizeof out), PLUGIN_UNKNOWN);
	/* CRITICAL is worse than UNKNOWN, UNKNOWN than OK */
	struct check_list failing = { 0 };
	add(&failing, "tcp", CHECK_FAIL, "no TCP");
	ck_assert_int_eq(judge(&m, &failing, NULL, out, sizeof out), PLUGIN_CRITICAL);
	struct check_list warning = { 0 };
	add(&warning, "ipv6", CHECK_WARN, "no IPv6");
	ck_assert_int_eq(judge(&m, &warning, NULL, out, sizeof out), PLUGIN_WARNING);
}
END_TEST

START_TEST(test_plugin_ids_and_perf)
{
	struct plugin_rules r = { 0 };
	char bad[80];
	struct buf b;
	char mem[256];

	ck_assert_int_eq(plugin_add_ids("tcp,ipv6,tcp", r.ignore, &r.n_ignore,
					bad, sizeof bad), 0);
	ck_assert_uint_eq(r.n_ignore, 2);
	ck_assert_int_eq(plugin_add_ids("tcp,tc", r.ignore, &r.n_ignore, bad,
					sizeof bad), -1);
	ck_assert_str_eq(bad, "tc");
	ck_assert_int_eq(plugin_add_ids("", r.ignore, &r.n_ignore, bad,
					sizeof bad), -1);

	buf_init_fixed(&b, mem, sizeof mem);
	buf_puts(&b, "|");
	plugin_perf(&b, "time", "0.5", "s");
	plugin_perf(&b, "two words", "3", "");
	plugin_perf(&b, "it's", "1", "");
	ck_assert_str_eq(buf_str(&b), "|time=0.5s;;;0 'two words'=3;;;0 "
			 "'it''s'=1;;;0");
	buf_reset(&b);
	plugin_unknown("a\nb | c", &b);
	ck_assert_str_eq(buf_str(&b), "NSCHECK UNKNOWN - a b / c\n");
}
END_TEST

Suite *cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("cli");

	tcase_add_test(tc, test_query_string);
	tcase_add_test(tc, test_exit_codes);
	tcase_add_test(tc, test_exit_codes_move_and_drill);
	tcase_add_test(tc, test_plugin_states);
	tcase_add_test(tc, test_plugin_lookups);
	tcase_add_test(tc, test_plugin_ids_and_perf);
	suite_add_tcase(s, tc);
	return s;
}
