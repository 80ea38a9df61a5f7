/*
 * Unit tests of describe: the words for address states, how long a
 * change of name servers takes to reach everyone, and the headline and
 * advice for a delegated name whose servers deny it.
 */
#include <string.h>

#include "util/buf.h"
#include "render/describe.h"
#include "input/domain.h"
#include "report/report.h"
#include "suites.h"
#include "render/view.h"

/* The wait after a change made "now" (a fixed date): the longer TTL,
 * as a UTC time and in words, and the negative TTL when there is one. */
START_TEST(test_wait)
{
	static const char *child[] = { "ns1.example.test" };
	struct report rep = { .status = REPORT_DONE, .parent_zone = "test",
			      .deleg_ttl = 172800, .child = child, .n_child = 1,
			      .child_ttl = 3600, .negative_ttl = 900 };
	struct view v = { .report = &rep, .now_s = 1795600000 }; /* 2026-11-25 09:46:40 UTC */
	struct buf b;

	buf_init(&b, 4096);
	describe_wait(&v, &b);
	ck_assert_str_eq(buf_str(&b),
		"If the name servers were changed now, resolvers could still "
		"hand out the old set until 27 Nov 2026 09:46 UTC (2 days from "
		"now): the longer of the delegation's TTL at test (2 days) and "
		"the zone's own NS TTL (1 hour). A resolver that was told a name "
		"did not exist (a new server's name, say) keeps that answer for "
		"15 minutes, the SOA's negative TTL (RFC 2308).");
	ck_assert_uint_eq(describe_wait_s(&rep), 172800);
	/* the zone's own TTL can be the longer one; no negative TTL known */
	rep.child_ttl = 259200;
	rep.negative_ttl = 0;
	buf_reset(&b);
	describe_wait(&v, &b);
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "until 28 Nov 2026 09:46 UTC (3 days"));
	ck_assert_ptr_null(strstr(buf_str(&b), "negative"));
	/* servers that deny the zone give no NS set: only the parent's TTL */
	rep.n_child = 0;
	rep.child_ttl = 0;
	buf_reset(&b);
	describe_wait(&v, &b);
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "now): the delegation's TTL at "
				     "test (2 days)."));
	ck_assert_ptr_null(strstr(buf_str(&b), "zone's own"));
	/* no finished report: nothing to say */
	rep.status = REPORT_FAILED;
	buf_reset(&b);
	describe_wait(&v, &b);
	ck_assert_uint_eq(b.len, 0);
	buf_free(&b);
}
END_TEST

START_TEST(test_addr_states)
{
	ck_assert_str_eq(describe_addr_state(NULL, ADDR_NONE, true), "no IPv6 address");
	ck_assert_str_eq(describe_addr_state(NULL, ADDR_NONE, false), "no IPv4 address");
	ck_assert_str_eq(describe_addr_state(NULL, ADDR_NXDOMAIN, false),
			 "name does not exist");
	ck_assert_str_eq(describe_addr_state(NULL, ADDR_TIMEOUT, true), "lookup timed out");
	ck_assert_str_eq(describe_addr_state(NULL, ADDR_FAILED, true), "lookup failed");
	ck_assert_str_eq(describe_addr_state(NULL, ADDR_SKIPPED, true), "not looked up");
	ck_assert_str_eq(describe_addr_state(NULL, ADDR_FOUND, true), "");
}
END_TEST

/* ---- a delegated name whose servers deny it ---- */

static struct domain denied_dom = { .ascii = "gone.test", .unicode = "gone.test" };
static struct ns_result denied_res;
static struct report denied_rep;
static struct report_ask denied_asks[2];
static const char *denied_deleg[] = { "ns1.gone.test", "ns2.gone.test" };
static const char *denied_set[] = { "ns1.gone.test" };

/* Both servers answer rcode: 3 for NXDOMAIN, 0 with authority and no NS
 * records; -1 leaves the row serving the zone. */
static void denied(enum lookup_status st, int rc0, int rc1)
{
	int rc[2] = { rc0, rc1 };

	memset(&denied_res, 0, sizeof denied_res);
	denied_res.status = st;
	denied_res.qname = denied_res.owner = "gone.test";
	memset(&denied_rep, 0, sizeof denied_rep);
	denied_rep.status = REPORT_DONE;
	denied_rep.parent_zone = "test";
	denied_rep.deleg = denied_deleg;
	denied_rep.n_deleg = 2;
	denied_rep.negative_ttl = 300;
	for (int i = 0; i < 2; i++) {
		struct report_ask *a = &denied_asks[i];
		*a = (struct report_ask){ .server = denied_deleg[i],
					  .state = ASK_ANSWERED, .aa = true };
		if (rc[i] < 0) {
			a->ns = denied_set;
			a->n_ns = 1;
		} else {
			a->rcode = rc[i];
		}
	}
	denied_rep.servers = denied_asks;
	denied_rep.n_servers = 2;
}

static const char *said(void (*fn)(const struct view *, struct buf *),
			const struct report *rep)
{
	static char mem[2048];
	struct buf b;
	struct view v = { .state = VIEW_RESULT, .domain = &denied_dom,
			  .result = &denied_res, .report = rep };

	buf_init_fixed(&b, mem, sizeof mem);
	fn(&v, &b);
	return buf_str(&b);
}

#define SAYS(fn, rep, text) \
	ck_assert_msg(strstr(said(fn, rep), text) != NULL, "\"%s\" lacks \"%s\"", \
		      said(fn, rep), text)

START_TEST(test_denied_headline)
{
	/* every server denies it */
	denied(LOOKUP_NXDOMAIN, 3, 3);
	SAYS(describe_headline, &denied_rep, "gone.test is delegated by the parent "
	     "zone test, but its name servers say it does not exist.");
	SAYS(describe_advice, &denied_rep, "The parent zone test delegates "
	     "gone.test to ns1.gone.test and ns2.gone.test, but those servers "
	     "answer that there is no such name");
	denied(LOOKUP_NO_NS, 0, 0);
	SAYS(describe_headline, &denied_rep, "but its name servers give no NS "
	     "records for it.");
	SAYS(describe_advice, &denied_rep, "Add the NS records to the zone.");
	/* one of two */
	denied(LOOKUP_NXDOMAIN, 3, -1);
	SAYS(describe_headline, &denied_rep, "but some of its name servers say "
	     "it does not exist.");
	SAYS(describe_advice, &denied_rep, "but some of those servers answer");
	/* none any more: the resolver's earlier answer */
	denied(LOOKUP_NXDOMAIN, -1, -1);
	SAYS(describe_headline, &denied_rep, "the resolver still holds an earlier "
	     "answer that it does not exist.");
	SAYS(describe_advice, &denied_rep, "up to 5 minutes");
	/* no report (the parent's own answer): as before */
	SAYS(describe_headline, NULL, "gone.test does not exist.");
	/* an alias: the report is its target's */
	denied(LOOKUP_NXDOMAIN, 3, 3);
	denied_res.owner = "target.test";
	SAYS(describe_headline, &denied_rep, "gone.test is an alias (CNAME) of "
	     "target.test, and target.test is delegated by the parent zone "
	     "test, but its name servers say it does not exist.");
	SAYS(describe_advice, &denied_rep, "delegates target.test to");
	SAYS(describe_headline, NULL, "gone.test is an alias (CNAME) of "
	     "target.test, which does not exist.");
}
END_TEST

/* When a report is made, and when it is shown, for each kind of lookup. */
START_TEST(test_report_wanted)
{
	denied(LOOKUP_FOUND, -1, -1);
	ck_assert(report_wanted(&denied_res));
	denied_res.status = LOOKUP_SERVFAIL;
	ck_assert(report_wanted(&denied_res));
	denied_res.status = LOOKUP_ERROR;
	ck_assert(!report_wanted(&denied_res));
	/* a negative answer under the SOA of a zone above: no delegation */
	denied_res.status = LOOKUP_NXDOMAIN;
	denied_res.zone = "test";
	ck_assert(!report_wanted(&denied_res));
	/* ... under the name's own SOA, or none: perhaps its own servers */
	denied_res.zone = "GONE.test";
	ck_assert(report_wanted(&denied_res));
	denied_res.zone = NULL;
	ck_assert(report_wanted(&denied_res));
	denied_res.status = LOOKUP_NO_NS;
	ck_assert(report_wanted(&denied_res));
	/* shown only when the parent delegates the name */
	ck_assert(report_shown(&denied_res, &denied_rep));
	ck_assert(!report_shown(&denied_res, NULL));
	denied_rep.status = REPORT_NXDOMAIN;
	ck_assert(!report_shown(&denied_res, &denied_rep));
	denied_rep.status = REPORT_NOT_DELEGATED;
	ck_assert(!report_shown(&denied_res, &denied_rep));
	denied_rep.status = REPORT_DONE;
	denied_rep.n_deleg = 0;
	ck_assert(!report_shown(&denied_res, &denied_rep));
	/* a found name's report is always shown */
	denied_res.status = LOOKUP_FOUND;
	ck_assert(report_shown(&denied_res, &denied_rep));
	ck_assert(report_shown(&denied_res, NULL));
}
END_TEST

START_TEST(test_report_denials)
{
	size_t serving;

	denied(LOOKUP_NXDOMAIN, 3, -1);
	ck_assert_uint_eq(report_denials(&denied_rep, &serving), 1);
	ck_assert_uint_eq(serving, 1);
	/* silence, a referral, an expected server or REFUSED: no denial */
	denied_asks[0].state = ASK_TIMEOUT;
	ck_assert_uint_eq(report_denials(&denied_rep, &serving), 0);
	denied(LOOKUP_NXDOMAIN, 0, 5);
	denied_asks[0].referral = true;
	ck_assert_uint_eq(report_denials(&denied_rep, &serving), 0);
	ck_assert_uint_eq(serving, 0);
	denied(LOOKUP_NXDOMAIN, 3, 3);
	denied_asks[1].extra = true;
	ck_assert_uint_eq(report_denials(&denied_rep, &serving), 1);
}
END_TEST

Suite *describe_suite(void)
{
	Suite *s = suite_create("describe");
	TCase *tc = tcase_create("describe");

	tcase_add_test(tc, test_addr_states);
	tcase_add_test(tc, test_wait);
	tcase_add_test(tc, test_denied_headline);
	tcase_add_test(tc, test_report_wanted);
	tcase_add_test(tc, test_report_denials);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
