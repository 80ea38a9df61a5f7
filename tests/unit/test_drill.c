/*
 * Unit tests of drill: which address may be looked at (only one the
 * report asked: answered or timed out, never skipped, over budget or
 * unsent), with which roles and questions; the questions' table. The
 * queries themselves go to real servers in tests/integration/t27-drill.sh.
 */
#include <string.h>

#include "report/drill.h"
#include "report/report.h"
#include "suites.h"

static struct report_ask parents[2], servers[4];
static struct report rep;

static void row(struct report_ask *r, const char *server, unsigned last,
		enum ask_state st)
{
	memset(r, 0, sizeof *r);
	r->server = server;
	r->addr[0] = 11;
	r->addr[1] = 53;
	r->addr[3] = (unsigned char)last;
	r->state = st;
}

static void world(void)
{
	memset(&rep, 0, sizeof rep);
	rep.status = REPORT_DONE;
	row(&parents[0], "ns1.nic.test", 1, ASK_ANSWERED);
	row(&parents[1], "ns2.nic.test", 2, ASK_TIMEOUT);
	row(&servers[0], "ns1.alpha.test", 10, ASK_ANSWERED);
	row(&servers[1], "ns2.alpha.test", 11, ASK_SKIPPED);
	row(&servers[2], "ns3.alpha.test", 12, ASK_LIMIT);
	row(&servers[3], "both.test", 1, ASK_ANSWERED); /* also a parent */
	servers[1].skipped_why = "private";
	rep.parents = parents;
	rep.n_parents = 2;
	rep.servers = servers;
	rep.n_servers = 4;
}

static enum drill_status find(unsigned last, struct drill *d)
{
	unsigned char addr[4] = { 11, 53, 0, (unsigned char)last };
	return drill_find(&rep, "two.test", addr, false, false, d);
}

START_TEST(test_find)
{
	struct drill d;

	world();
	ck_assert_int_eq(find(10, &d), DRILL_DONE);
	ck_assert_str_eq(d.server, "ns1.alpha.test");
	ck_assert_str_eq(d.domain, "two.test");
	ck_assert(d.name_server && !d.parent && !d.ask_dnskey);
	ck_assert_int_eq(find(2, &d), DRILL_DONE);  /* no answer: asked all the same */
	ck_assert(!d.name_server && d.parent);
	ck_assert_int_eq(find(1, &d), DRILL_DONE);
	ck_assert(d.name_server && d.parent);
	ck_assert_str_eq(d.server, "both.test");
	/* never asked: a special address, the budget spent, not there */
	ck_assert_int_eq(find(11, &d), DRILL_NOT_ASKED);
	ck_assert_int_eq(find(12, &d), DRILL_NOT_ASKED);
	ck_assert_int_eq(find(99, &d), DRILL_NOT_ASKED);
	/* the same bytes as IPv6 are another address */
	unsigned char v6[16] = { 11, 53, 0, 10 };
	ck_assert_int_eq(drill_find(&rep, "two.test", v6, true, false, &d), DRILL_NOT_ASKED);
	/* a private address the report asked (it was allowed then) is
	 * asked again only while the configuration allows it */
	servers[2].state = ASK_ANSWERED;
	servers[2].addr[0] = 10;
	unsigned char ten[4] = { 10, 53, 0, 12 };
	ck_assert_int_eq(drill_find(&rep, "two.test", ten, false, false, &d),
			 DRILL_NOT_ASKED);
	ck_assert_int_eq(drill_find(&rep, "two.test", ten, false, true, &d),
			 DRILL_DONE);
	/* DS at the parent: name servers are asked for their keys */
	rep.ds_state = DS_PRESENT;
	ck_assert_int_eq(find(10, &d), DRILL_DONE);
	ck_assert(d.ask_dnskey);
	/* no finished report: nothing to take an address from */
	rep.status = REPORT_FAILED;
	ck_assert_int_eq(find(10, &d), DRILL_NO_REPORT);
	ck_assert_int_eq(drill_find(NULL, "two.test", v6, false, false, &d), DRILL_NO_REPORT);
	ck_assert_uint_eq(d.n, 0);
}
END_TEST

START_TEST(test_questions)
{
	const struct drill_question *q;

	q = drill_question(DRILL_SOA_TCP);
	ck_assert(q->tcp && !q->rd && !q->dnssec && !q->root);
	ck_assert_str_eq(q->id, "soa_tcp");
	q = drill_question(DRILL_RECURSION);
	ck_assert(q->rd && q->root && !q->tcp);
	q = drill_question(DRILL_DS);
	ck_assert(q->dnssec && q->qtype == 43);
	q = drill_question(DRILL_DNSKEY);
	ck_assert(q->dnssec && q->qtype == 48);
	/* only recursion desired where the report asks for it */
	for (int i = 0; i < DRILL_QUERIES; i++)
		ck_assert(drill_question((enum drill_query)i)->rd == (i == DRILL_RECURSION));
	/* the questions follow the roles */
	struct drill d = { .parent = true };
	ck_assert_uint_eq(drill_questions(&d), 1u << DRILL_NS | 1u << DRILL_DS);
	d = (struct drill){ .name_server = true };
	ck_assert_uint_eq(drill_questions(&d), 1u << DRILL_NS | 1u << DRILL_SOA |
			  1u << DRILL_SOA_TCP | 1u << DRILL_RECURSION);
	d.ask_dnskey = true;
	ck_assert(drill_questions(&d) & 1u << DRILL_DNSKEY);
	d.name_server = false;
	ck_assert(!(drill_questions(&d) & 1u << DRILL_DNSKEY));
	ck_assert_str_eq(drill_outcome_id(PROBE_REFUSED), "refused");
	ck_assert_str_eq(drill_outcome_id(PROBE_LIMIT), "not_sent");
}
END_TEST

Suite *drill_suite(void)
{
	Suite *s = suite_create("drill");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_find);
	tcase_add_test(tc, test_questions);
	suite_add_tcase(s, tc);
	return s;
}
