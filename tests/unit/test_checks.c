/*
 * Unit tests of checks: every check of the table over hand-built lookup results
 * and delegation reports.
 *
 * The fixture is a healthy delegation (every check passes); each test
 * breaks one thing and looks at one finding: its status, the servers its
 * sentence names and the cap on names listed ("and N more"). Also which
 * checks run when: the report's checks only for a finished report, and a
 * failed lookup gets checks only when the report got through. Then the
 * findings in German and Spanish from the real catalogues, and the
 * message ids and arguments beside each sentence.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/checks.h"
#include "report/report.h"
#include "report/result.h"
#include "suites.h"
#include "tree.h"
#include "util/catalog.h"
#include "util/lang.h"

#define NS_MAX 8
#define ASK_MAX (2 * NS_MAX)
#define SERIAL 2024010101u

/* ---- the fixture: a lookup result and a finished report ---- */

static unsigned char v4[NS_MAX][2][16];
static unsigned char v6[NS_MAX][2][16];
static struct ns_server servers[NS_MAX];
static char names[NS_MAX][300];
static struct ns_result result;

static struct report rep;
static struct report_ask asks[ASK_MAX];
static const char *deleg[NS_MAX + 8], *child[NS_MAX + 8];
static struct report_addr glue[NS_MAX];

static struct check_list list;
static struct finding *const found = list.f;
static size_t n_found;

/* Ids in the order the page shows them. */
static const char *const all_ids[CHECKS_MAX] = {
	"ns_count", "parent_child_match", "ns_resolves", "ns_not_cname",
	"lame", "responds", "soa_serial", "glue", "tcp", "open_recursion",
	"ds_matches_dnskey", "subnet_diversity", "ipv6", "public_addresses",
	"propagation",
};
static const char *const lookup_ids[] = {
	"ns_count", "ns_resolves", "ns_not_cname", "subnet_diversity", "ipv6",
	"public_addresses", "propagation",
};
#define N_LOOKUP_IDS (sizeof lookup_ids / sizeof lookup_ids[0])

static void set_v4(unsigned char *a, unsigned b0, unsigned b1, unsigned b2,
		   unsigned b3)
{
	memset(a, 0, 16);
	a[0] = (unsigned char)b0;
	a[1] = (unsigned char)b1;
	a[2] = (unsigned char)b2;
	a[3] = (unsigned char)b3;
}

/* 2600:53:NET::HOST, one /48 per NET */
static void set_v6(unsigned char *a, unsigned net, unsigned host)
{
	memset(a, 0, 16);
	a[0] = 0x26;
	a[3] = 0x53;
	a[4] = (unsigned char)(net >> 8);
	a[5] = (unsigned char)net;
	a[15] = (unsigned char)host;
}

/*
 * n servers "nsI.example.net", each with one public IPv4 address in a
 * /24 of its own (11.53.I.1) and one IPv6 address in a /48 of its own
 * (2600:53:I::1): nothing for any check to complain about.
 */
static void make(size_t n)
{
	ck_assert_uint_le(n, NS_MAX);
	memset(&result, 0, sizeof result);
	memset(servers, 0, sizeof servers);
	memset(&rep, 0, sizeof rep);
	memset(asks, 0, sizeof asks);
	memset(found, 0, sizeof found);
	n_found = 0;
	for (size_t i = 0; i < n; i++) {
		snprintf(names[i], sizeof names[i], "ns%zu.example.net", i + 1);
		set_v4(v4[i][0], 11, 53, (unsigned)i + 1, 1);
		set_v6(v6[i][0], (unsigned)i + 1, 1);
		servers[i].name = names[i];
		servers[i].ttl = 3600;
		servers[i].v4 = (struct ns_addrs){ ADDR_FOUND, 1, v4[i], 3600 };
		servers[i].v6 = (struct ns_addrs){ ADDR_FOUND, 1, v6[i], 3600 };
	}
	result.status = LOOKUP_FOUND;
	result.qname = result.owner = "example.com";
	result.ns = servers;
	result.n_ns = n;
}

/* The same servers named inside the zone: "nsI.example.com". */
static void make_inside(size_t n)
{
	make(n);
	for (size_t i = 0; i < n; i++)
		snprintf(names[i], sizeof names[i], "ns%zu.example.com", i + 1);
}

/* Server i has no address; each family ends in state s. */
static void no_address(size_t i, enum addr_state s4, enum addr_state s6)
{
	servers[i].v4 = (struct ns_addrs){ .state = s4 };
	servers[i].v6 = (struct ns_addrs){ .state = s6 };
}

/*
 * The finished report that goes with the result: the parent "com" and the
 * servers list the same NS set, and every address of every server answered
 * authoritatively with the same SOA serial. Asks are server by server,
 * IPv4 then IPv6 (ask(i, v6)).
 */
static void make_report(void)
{
	size_t n = result.n_ns;

	memset(&rep, 0, sizeof rep);
	memset(asks, 0, sizeof asks);
	rep.status = REPORT_DONE;
	rep.parent_zone = "com";
	for (size_t i = 0; i < n; i++)
		deleg[i] = child[i] = names[i];
	rep.deleg = deleg;
	rep.n_deleg = n;
	rep.deleg_ttl = 172800;
	rep.child = child;
	rep.n_child = n;
	rep.child_ttl = 3600;
	rep.glue = glue;
	rep.ds_state = DS_PRESENT;
	rep.ds.n = 1;
	rep.ds.k[0] = (struct dnssec_key){ 12345, 13 };
	for (size_t i = 0; i < n; i++) {
		for (int fam = 0; fam < 2; fam++) {
			struct report_ask *a = &asks[2 * i + (size_t)fam];
			a->server = names[i];
			memcpy(a->addr, fam ? v6[i][0] : v4[i][0], 16);
			a->v6 = fam;
			a->state = ASK_ANSWERED;
			a->rtt_us = 1500;
			a->rcode = 0;
			a->aa = true;
			a->ns = child;
			a->n_ns = n;
			a->ns_ttl = 3600;
			a->has_soa = true;
			a->serial = SERIAL;
			a->tcp = OVER_TCP_OK;
			a->recursion = RECURSION_OFF;
			a->keys = KEYS_MATCH;
		}
	}
	rep.servers = asks;
	rep.n_servers = 2 * n;
}

static struct report_ask *ask(size_t server, bool is_v6)
{
	return &asks[2 * server + (is_v6 ? 1 : 0)];
}

/* The message's id names its check ("<id>.<variant>"), and every
 * argument has a name and a value inside the finding's argtext. */
static void well_formed_args(const struct finding *f)
{
	size_t len = strlen(f->id);

	ck_assert_msg(f->msg_id != NULL, "%s: no msg_id for \"%s\"", f->id,
		      f->message);
	ck_assert_msg(strncmp(f->msg_id, f->id, len) == 0 &&
		      f->msg_id[len] == '.' && f->msg_id[len + 1] != '\0',
		      "%s: msg_id %s", f->id, f->msg_id);
	ck_assert_uint_le(f->n_args, FINDING_ARGS);
	ck_assert_uint_le(f->argtext_used, sizeof f->argtext);
	for (size_t i = 0; i < f->n_args; i++) {
		const struct finding_arg *a = &f->arg[i];
		ck_assert_ptr_nonnull(a->name);
		ck_assert_ptr_nonnull(a->value);
		ck_assert(a->value >= f->argtext &&
			  a->value + strlen(a->value) < f->argtext + f->argtext_used);
		if (a->number)
			ck_assert_uint_eq(strspn(a->value, "0123456789"),
					  strlen(a->value));
	}
}

/* Runs the checks; every finding must be well formed. */
static size_t run(const struct report *r)
{
	memset(&list, 0, sizeof list);
	checks_run(NULL, &result, r, &list);
	n_found = list.n;
	ck_assert_uint_le(n_found, CHECKS_MAX);
	for (size_t i = 0; i < n_found; i++) {
		const struct finding *f = &found[i];
		size_t len = strnlen(f->message, sizeof f->message);
		ck_assert_ptr_nonnull(f->id);
		ck_assert_uint_lt(len, sizeof f->message);
		ck_assert_msg(len > 0, "%s: empty message", f->id);
		ck_assert_msg(f->message[len - 1] == '.',
			      "%s: \"%s\" is not a sentence", f->id, f->message);
		ck_assert_int_ge(f->status, CHECK_PASS);
		ck_assert_int_le(f->status, CHECK_FAIL);
		for (size_t k = 0; k < i; k++)
			ck_assert_str_ne(found[k].id, f->id);
		well_formed_args(f);
	}
	return n_found;
}

/* The finding with this id; fails the test when there is none. */
static const struct finding *get(const char *id)
{
	for (size_t i = 0; i < n_found; i++)
		if (strcmp(found[i].id, id) == 0)
			return &found[i];
	ck_abort_msg("no finding '%s'", id);
	return NULL;
}

static void absent(const char *id)
{
	for (size_t i = 0; i < n_found; i++)
		ck_assert_msg(strcmp(found[i].id, id) != 0,
			      "unexpected finding '%s'", id);
}

/* The finding id has status st; returns it. */
static const struct finding *expect(const char *id, enum check_status st)
{
	const struct finding *f = get(id);
	ck_assert_msg(f->status == st, "%s is %s, not %s: \"%s\"", id,
		      check_status_id(f->status), check_status_id(st),
		      f->message);
	return f;
}

#define MSG_HAS(f, needle) \
	ck_assert_msg(strstr((f)->message, (needle)) != NULL, \
		      "\"%s\" lacks \"%s\"", (f)->message, (needle))
#define MSG_LACKS(f, needle) \
	ck_assert_msg(strstr((f)->message, (needle)) == NULL, \
		      "\"%s\" has \"%s\"", (f)->message, (needle))

/* "and N more" */
static void more(const struct finding *f, size_t n)
{
	char text[32];

	snprintf(text, sizeof text, "and %zu more", n);
	MSG_HAS(f, text);
}

/* ---- which checks run ---- */

START_TEST(test_lookup_only)
{
	make(2);
	ck_assert_uint_eq(run(NULL), N_LOOKUP_IDS);
	for (size_t i = 0; i < N_LOOKUP_IDS; i++)
		ck_assert_str_eq(found[i].id, lookup_ids[i]);
	for (size_t i = 0; i + 1 < N_LOOKUP_IDS; i++)
		expect(lookup_ids[i], CHECK_PASS);
	expect("propagation", CHECK_INFO);
}
END_TEST

START_TEST(test_with_report_all_pass)
{
	make(2);
	make_report();
	ck_assert_uint_eq(run(&rep), CHECKS_MAX);
	for (size_t i = 0; i < CHECKS_MAX; i++)
		ck_assert_str_eq(found[i].id, all_ids[i]);
	for (size_t i = 0; i + 1 < CHECKS_MAX; i++)
		expect(all_ids[i], CHECK_PASS);
	expect("propagation", CHECK_INFO);
}
END_TEST

/* A report that did not get through adds nothing and takes nothing. */
START_TEST(test_report_not_done)
{
	static const enum report_status other[] = {
		REPORT_NOT_DELEGATED, REPORT_NXDOMAIN, REPORT_FAILED,
	};

	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
		make(2);
		make_report();
		rep.status = other[i];
		rep.why = "the walk from the root did not get there";
		/* data a DONE report would be judged by */
		rep.n_child = 1;
		ask(0, false)->state = ASK_TIMEOUT;
		ask(1, false)->serial = 1;
		ck_assert_uint_eq(run(&rep), N_LOOKUP_IDS);
		for (size_t k = 0; k < N_LOOKUP_IDS; k++)
			ck_assert_str_eq(found[k].id, lookup_ids[k]);
		expect("ns_count", CHECK_PASS);
		absent("lame");
		absent("responds");
		absent("soa_serial");
		absent("glue");
		absent("parent_child_match");
		MSG_LACKS(get("propagation"), "delegation");
	}
}
END_TEST

/* SERVFAIL or timeout: the lookup has nothing to judge, the report may. */
START_TEST(test_failed_lookup)
{
	static const enum lookup_status failed[] = {
		LOOKUP_SERVFAIL, LOOKUP_TIMEOUT,
	};
	static const enum report_status not_done[] = {
		REPORT_NOT_DELEGATED, REPORT_NXDOMAIN, REPORT_FAILED,
	};

	for (size_t i = 0; i < sizeof failed / sizeof failed[0]; i++) {
		make(2);
		make_report();
		result.status = failed[i];
		result.failure = "SERVFAIL from 127.0.0.53";
		result.ns = NULL;
		result.n_ns = 0;
		ck_assert_uint_eq(run(NULL), 0);
		for (size_t k = 0; k < sizeof not_done / sizeof not_done[0]; k++) {
			rep.status = not_done[k];
			ck_assert_uint_eq(run(&rep), 0);
		}
		rep.status = REPORT_DONE;
		ck_assert_uint_eq(run(&rep), CHECKS_MAX);
		for (size_t k = 0; k < CHECKS_MAX; k++)
			ck_assert_str_eq(found[k].id, all_ids[k]);
		/* judged by the report's lists and addresses */
		MSG_HAS(expect("ns_count", CHECK_PASS), "2 name servers");
		expect("parent_child_match", CHECK_PASS);
		expect("ns_resolves", CHECK_PASS);
		expect("lame", CHECK_PASS);
		expect("responds", CHECK_PASS);
		expect("subnet_diversity", CHECK_PASS);
		MSG_HAS(expect("ipv6", CHECK_PASS), "2 IPv6 addresses");
		expect("public_addresses", CHECK_PASS);
		MSG_HAS(expect("propagation", CHECK_INFO), "2 days");

		/* the report's servers can still be broken */
		ask(0, false)->state = ASK_TIMEOUT;
		ask(1, true)->state = ASK_TIMEOUT;
		run(&rep);
		MSG_HAS(expect("responds", CHECK_WARN), "ns1.example.net (11.53.1.1)");
		MSG_HAS(get("responds"), "ns2.example.net (2600:53:2::1)");
	}
}
END_TEST

/*
 * A failed lookup and a report cut short before any server named the
 * domain's NS set: there is no list to count, so no sentence may claim
 * "only one name server" (naming none). No findings at all is fine too.
 */
START_TEST(test_failed_lookup_empty_report)
{
	make(2);
	make_report();
	result.status = LOOKUP_SERVFAIL;
	result.ns = NULL;
	result.n_ns = 0;
	rep.n_deleg = rep.n_child = rep.n_servers = 0;
	rep.cut_short = true;
	/* a failed lookup with a report is judged from the report */
	ck_assert_uint_gt(run(&rep), 0);
	const struct finding *f = get("ns_count");
	MSG_LACKS(f, "()");
	MSG_LACKS(f, "Only one");
}
END_TEST

START_TEST(test_not_found_statuses)
{
	static const enum lookup_status other[] = {
		LOOKUP_NXDOMAIN, LOOKUP_NO_NS, LOOKUP_SERVFAIL, LOOKUP_TIMEOUT,
		LOOKUP_ERROR,
	};

	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
		make(2);
		result.status = other[i];
		ck_assert_uint_eq(run(NULL), 0);
	}
	/* found, but an empty list */
	make(0);
	ck_assert_uint_eq(run(NULL), 0);
}
END_TEST

/* The table is the one list: its size is CHECKS_MAX, its ids are
 * distinct and in the page's order, and the checks that need the report
 * are the ones that are left out without it. */
START_TEST(test_table)
{
	size_t on_lookup = 0;

	for (size_t i = 0; i < CHECKS_MAX; i++) {
		ck_assert_str_eq(check_id(i), all_ids[i]);
		bool lookup = false;
		for (size_t k = 0; k < N_LOOKUP_IDS; k++)
			lookup |= strcmp(lookup_ids[k], all_ids[i]) == 0;
		ck_assert_int_eq(check_needs(i),
				 lookup ? CHECK_ON_LOOKUP : CHECK_ON_REPORT);
		on_lookup += lookup;
	}
	ck_assert_uint_eq(on_lookup, N_LOOKUP_IDS);
	ck_assert_ptr_null(check_id(CHECKS_MAX));
	ck_assert_ptr_null(check_title(CHECKS_MAX));
	ck_assert_uint_eq(sizeof list.f / sizeof list.f[0], CHECKS_MAX);
}
END_TEST

/* Each id has its explanation in the help text (the page links
 * "What this means" to #check-<id>, named by the check's title, the
 * heading there) and a row in README's table. */
START_TEST(test_every_check_explained)
{
	char *help = tree_file("www/templates/help.html");
	char *readme = tree_file("README.md");
	char want[128];

	for (size_t i = 0; i < CHECKS_MAX; i++) {
		snprintf(want, sizeof want, "<dt id=\"check-%s\">%s (<code>%s</code>)</dt>",
			 check_id(i), check_title(i), check_id(i));
		ck_assert_msg(strstr(help, want) != NULL,
			      "help.html has no %s", want);
		snprintf(want, sizeof want, "\n| `%s` | ", check_id(i));
		ck_assert_msg(strstr(readme, want) != NULL,
			      "README.md has no table row for %s", check_id(i));
	}
	free(help);
	free(readme);
}
END_TEST

START_TEST(test_status_names)
{
	ck_assert_str_eq(check_status_id(CHECK_PASS), "pass");
	ck_assert_str_eq(check_status_id(CHECK_INFO), "info");
	ck_assert_str_eq(check_status_id(CHECK_WARN), "warn");
	ck_assert_str_eq(check_status_id(CHECK_FAIL), "fail");
	ck_assert_str_eq(check_status_word(NULL, CHECK_PASS), "Passed");
	ck_assert_str_eq(check_status_word(NULL, CHECK_INFO), "Note");
	ck_assert_str_eq(check_status_word(NULL, CHECK_WARN), "Warning");
	ck_assert_str_eq(check_status_word(NULL, CHECK_FAIL), "Problem");
	ck_assert_str_eq(check_status_id((enum check_status)99), "unknown");
}
END_TEST

/* ---- ns_count ---- */

START_TEST(test_ns_count)
{
	make(1);
	run(NULL);
	MSG_HAS(expect("ns_count", CHECK_FAIL), "ns1.example.net");

	make(2);
	run(NULL);
	MSG_HAS(expect("ns_count", CHECK_PASS), "2 name servers");

	make(5);
	run(NULL);
	MSG_HAS(expect("ns_count", CHECK_PASS), "5 name servers");
}
END_TEST

/* With a report, the zone's own list counts, else the parent's. */
START_TEST(test_ns_count_from_report)
{
	make(2);
	make_report();
	rep.n_child = 1;
	rep.child = (const char *[]){ "only.example.org" };
	run(&rep);
	MSG_HAS(expect("ns_count", CHECK_FAIL), "only.example.org");

	/* one at the parent, two in the zone: resolvers start from one */
	make(1);
	make_report();
	child[1] = "ns9.example.org";
	rep.n_child = 2;
	run(&rep);
	const struct finding *f = expect("ns_count", CHECK_FAIL);
	MSG_HAS(f, "The parent zone com delegates to only one name server "
		   "(ns1.example.net), although the zone lists 2");
	MSG_HAS(f, "Give the registrar every name server");
	/* two at the parent, one in the zone */
	make(2);
	make_report();
	rep.n_child = 1;
	run(&rep);
	f = expect("ns_count", CHECK_FAIL);
	MSG_HAS(f, "The zone lists only one name server (ns1.example.net), "
		   "although the parent delegates to 2");
	/* two on both sides */
	make(2);
	make_report();
	run(&rep);
	MSG_HAS(expect("ns_count", CHECK_PASS), "2 name servers");

	/* no answer from the zone: the parent's list */
	make(2);
	make_report();
	rep.n_child = 0;
	rep.n_deleg = 1;
	run(&rep);
	MSG_HAS(expect("ns_count", CHECK_FAIL), "ns1.example.net");
}
END_TEST

/* ---- ns_resolves ---- */

START_TEST(test_resolves_one_family_is_enough)
{
	make(2);
	servers[0].v6 = (struct ns_addrs){ .state = ADDR_NONE };
	servers[1].v4 = (struct ns_addrs){ .state = ADDR_NONE };
	run(NULL);
	expect("ns_resolves", CHECK_PASS);
}
END_TEST

START_TEST(test_resolves_some_without_address)
{
	make(3);
	no_address(1, ADDR_NONE, ADDR_NONE);
	run(NULL);
	const struct finding *f = expect("ns_resolves", CHECK_WARN);
	MSG_HAS(f, "ns2.example.net");
	MSG_HAS(f, "no A or AAAA record");
	MSG_LACKS(f, "ns1.example.net");
	MSG_LACKS(f, "ns3.example.net");
	expect("ns_count", CHECK_PASS);
}
END_TEST

START_TEST(test_resolves_none_with_address)
{
	make(2);
	no_address(0, ADDR_NONE, ADDR_NONE);
	no_address(1, ADDR_NXDOMAIN, ADDR_NXDOMAIN);
	run(NULL);
	/* the lookup found the NS records: the servers answered it, so
	 * some address, cached or glue, still leads to them */
	const struct finding *f = expect("ns_resolves", CHECK_FAIL);
	MSG_HAS(f, "ns1.example.net");
	MSG_HAS(f, "ns2.example.net");
	MSG_HAS(f, "does not exist");
	MSG_LACKS(f, "cannot resolve");
	MSG_HAS(f, "once those expire, the domain stops resolving");

	/* a failed lookup, and the report's servers silent: it cannot */
	result.status = LOOKUP_SERVFAIL;
	make_report();
	for (size_t i = 0; i < rep.n_servers; i++)
		asks[i].state = ASK_TIMEOUT;
	run(&rep);
	MSG_HAS(expect("ns_resolves", CHECK_FAIL), "cannot resolve");
}
END_TEST

/* Glue at the parent for server i: its addresses from the zone. */
static void add_glue(size_t i, bool with_v6)
{
	glue[rep.n_glue].name = names[i];
	memcpy(glue[rep.n_glue].addr, v4[i][0], 16);
	glue[rep.n_glue++].v6 = false;
	if (with_v6) {
		glue[rep.n_glue].name = names[i];
		memcpy(glue[rep.n_glue].addr, v6[i][0], 16);
		glue[rep.n_glue++].v6 = true;
	}
}

/* No server name has an address in the zone, but the parent's glue leads
 * to servers that answer: the domain resolves, and the sentence says so. */
START_TEST(test_resolves_through_glue)
{
	make_inside(2);
	make_report();
	add_glue(0, true);
	add_glue(1, true);
	no_address(0, ADDR_NXDOMAIN, ADDR_NXDOMAIN);
	no_address(1, ADDR_NXDOMAIN, ADDR_NXDOMAIN);
	run(&rep);
	const struct finding *f = expect("ns_resolves", CHECK_FAIL);
	MSG_HAS(f, "No address for ns1.example.com (its name does not exist; "
		   "only the parent's glue gives one)");
	MSG_HAS(f, "only through the addresses the parent publishes");
	MSG_LACKS(f, "cannot resolve");

	/* no glue, but the servers the report found answered */
	rep.n_glue = 0;
	run(&rep);
	f = expect("ns_resolves", CHECK_FAIL);
	MSG_LACKS(f, "cannot resolve");
	MSG_LACKS(f, "only the parent's glue gives one");
	/* nothing answered, the lookup failed, and no glue: it cannot */
	result.status = LOOKUP_SERVFAIL;
	for (size_t i = 0; i < rep.n_servers; i++)
		asks[i].state = ASK_TIMEOUT;
	run(&rep);
	MSG_HAS(expect("ns_resolves", CHECK_FAIL), "cannot resolve");
	/* glue for one of two names: the glue sentence would overstate */
	result.status = LOOKUP_FOUND;
	make_report();
	add_glue(0, true);
	run(&rep);
	f = expect("ns_resolves", CHECK_FAIL);
	MSG_LACKS(f, "only through the addresses the parent publishes");
	MSG_HAS(f, "addresses they already hold");
}
END_TEST

START_TEST(test_resolves_reasons)
{
	make(4);
	no_address(0, ADDR_TIMEOUT, ADDR_NONE);
	no_address(1, ADDR_FAILED, ADDR_FAILED);
	no_address(2, ADDR_NONE, ADDR_NXDOMAIN);
	run(NULL);
	const struct finding *f = expect("ns_resolves", CHECK_WARN);
	MSG_HAS(f, "ns1.example.net (the address lookup timed out)");
	MSG_HAS(f, "ns2.example.net (the address lookup failed)");
	MSG_HAS(f, "ns3.example.net (its name does not exist)");
	MSG_LACKS(f, "ns4.example.net");
	MSG_LACKS(f, "more");
}
END_TEST

START_TEST(test_resolves_names_cap)
{
	make(6);
	for (size_t i = 0; i < 5; i++)
		no_address(i, ADDR_NONE, ADDR_NONE);
	run(NULL);
	const struct finding *f = expect("ns_resolves", CHECK_WARN);
	for (size_t i = 0; i < CHECKS_NAMES_LISTED; i++)
		MSG_HAS(f, names[i]);
	for (size_t i = CHECKS_NAMES_LISTED; i < 6; i++)
		MSG_LACKS(f, names[i]);
	more(f, 5 - CHECKS_NAMES_LISTED);
}
END_TEST

START_TEST(test_resolves_names_cap_exact)
{
	make(CHECKS_NAMES_LISTED + 1);
	for (size_t i = 0; i < CHECKS_NAMES_LISTED; i++)
		no_address(i, ADDR_NONE, ADDR_NONE);
	run(NULL);
	const struct finding *f = get("ns_resolves");
	for (size_t i = 0; i < CHECKS_NAMES_LISTED; i++)
		MSG_HAS(f, names[i]);
	MSG_LACKS(f, "more");

	/* one past the cap: "and 1 more" */
	make(CHECKS_NAMES_LISTED + 2);
	for (size_t i = 0; i <= CHECKS_NAMES_LISTED; i++)
		no_address(i, ADDR_NONE, ADDR_NONE);
	run(NULL);
	more(get("ns_resolves"), 1);
}
END_TEST

START_TEST(test_resolves_long_names_fit)
{
	make(5);
	/* names of 253 octets: the sentence still ends properly */
	for (size_t i = 0; i < 5; i++) {
		memset(names[i], 'a' + (int)i, 253);
		names[i][253] = '\0';
		no_address(i, ADDR_NONE, ADDR_NONE);
	}
	run(NULL);
	const struct finding *f = expect("ns_resolves", CHECK_FAIL);
	MSG_HAS(f, names[0]);
	MSG_HAS(f, names[2]);
	more(f, 2);
	MSG_HAS(f, "Publish an A or AAAA record for each name server.");
}
END_TEST

START_TEST(test_resolves_skipped_not_counted)
{
	/* name servers past max_ns were not looked up: no verdict on them */
	make(3);
	servers[2].v4 = (struct ns_addrs){ .state = ADDR_SKIPPED };
	servers[2].v6 = (struct ns_addrs){ .state = ADDR_SKIPPED };
	run(NULL);
	MSG_LACKS(expect("ns_resolves", CHECK_PASS), "ns3.example.net");

	/* every server looked up has no address: a failure */
	no_address(0, ADDR_NONE, ADDR_NONE);
	no_address(1, ADDR_NONE, ADDR_NONE);
	run(NULL);
	expect("ns_resolves", CHECK_FAIL);
}
END_TEST

/* A server only the parent names: judged by the report's addresses. */
START_TEST(test_resolves_parent_only)
{
	make(2);
	make_report();
	deleg[2] = "ns3.example.org";
	rep.n_deleg = 3;
	run(&rep);
	const struct finding *f = expect("ns_resolves", CHECK_WARN);
	MSG_HAS(f, "ns3.example.org (named by the parent only)");
	MSG_LACKS(f, "ns1.example.net");

	/* the report found an address for it */
	asks[4] = asks[0];
	asks[4].server = "NS3.example.org";
	rep.n_servers = 5;
	run(&rep);
	expect("ns_resolves", CHECK_PASS);
}
END_TEST

/* ---- ns_not_cname ---- */

START_TEST(test_not_cname)
{
	make(3);
	run(NULL);
	expect("ns_not_cname", CHECK_PASS);

	servers[1].alias = "host.example.org";
	run(NULL);
	const struct finding *f = expect("ns_not_cname", CHECK_FAIL);
	MSG_HAS(f, "ns2.example.net is an alias (CNAME) of host.example.org");
	MSG_LACKS(f, "ns1.example.net");
	MSG_LACKS(f, "ns3.example.net");
	MSG_LACKS(f, "more");
}
END_TEST

START_TEST(test_not_cname_cap)
{
	make(6);
	for (size_t i = 1; i < 6; i++)
		servers[i].alias = "host.example.org";
	run(NULL);
	const struct finding *f = expect("ns_not_cname", CHECK_FAIL);
	MSG_LACKS(f, "ns1.example.net");
	for (size_t i = 1; i <= CHECKS_NAMES_LISTED; i++)
		MSG_HAS(f, names[i]);
	for (size_t i = CHECKS_NAMES_LISTED + 1; i < 6; i++)
		MSG_LACKS(f, names[i]);
	more(f, 5 - CHECKS_NAMES_LISTED);
}
END_TEST

/* ---- parent_child_match ---- */

START_TEST(test_match)
{
	make(2);
	make_report();
	run(&rep);
	const struct finding *f = expect("parent_child_match", CHECK_PASS);
	MSG_HAS(f, "com");
	MSG_HAS(f, "2 servers");

	/* names compare without regard to case */
	child[0] = "NS1.Example.NET";
	run(&rep);
	expect("parent_child_match", CHECK_PASS);
}
END_TEST

START_TEST(test_match_differs)
{
	/* one only at the parent */
	make(2);
	make_report();
	deleg[2] = "old.example.org";
	rep.n_deleg = 3;
	run(&rep);
	const struct finding *f = expect("parent_child_match", CHECK_WARN);
	MSG_HAS(f, "Only at the parent zone com: old.example.org.");
	MSG_LACKS(f, "Only at the name servers");
	MSG_LACKS(f, "ns1.example.net");

	/* one only at the name servers */
	make(2);
	make_report();
	child[2] = "new.example.org";
	rep.n_child = 3;
	run(&rep);
	f = expect("parent_child_match", CHECK_WARN);
	MSG_HAS(f, "Only at the name servers: new.example.org.");
	MSG_LACKS(f, "Only at the parent");

	/* both */
	deleg[2] = "old.example.org";
	rep.n_deleg = 3;
	run(&rep);
	f = expect("parent_child_match", CHECK_WARN);
	MSG_HAS(f, "old.example.org");
	MSG_HAS(f, "new.example.org");
	ck_assert(strstr(f->message, "old.example.org") <
		  strstr(f->message, "new.example.org"));
}
END_TEST

START_TEST(test_match_cap)
{
	static const char *const parent_only[] = {
		"p1.example.org", "p2.example.org", "p3.example.org",
		"p4.example.org", "p5.example.org",
	};

	make(2);
	make_report();
	for (size_t i = 0; i < 5; i++)
		deleg[2 + i] = parent_only[i];
	rep.n_deleg = 7;
	run(&rep);
	const struct finding *f = expect("parent_child_match", CHECK_WARN);
	for (size_t i = 0; i < CHECKS_NAMES_LISTED; i++)
		MSG_HAS(f, parent_only[i]);
	for (size_t i = CHECKS_NAMES_LISTED; i < 5; i++)
		MSG_LACKS(f, parent_only[i]);
	more(f, 5 - CHECKS_NAMES_LISTED);
}
END_TEST

/* No server gave its NS set: nothing to compare with. */
START_TEST(test_match_no_child_set)
{
	make(2);
	make_report();
	rep.n_child = 0;
	run(&rep);
	expect("parent_child_match", CHECK_INFO);
}
END_TEST

/* ---- lame ---- */

START_TEST(test_lame)
{
	make(3);
	make_report();
	run(&rep);
	expect("lame", CHECK_PASS);

	ask(1, false)->aa = false;
	run(&rep);
	const struct finding *f = expect("lame", CHECK_FAIL);
	MSG_HAS(f, "ns2.example.net (11.53.2.1) answers without authority");
	MSG_LACKS(f, "ns1.example.net");
	MSG_LACKS(f, "ns3.example.net");
	MSG_LACKS(f, "2600:53:2::1");

	/* an error rcode, by name */
	make_report();
	ask(2, true)->rcode = 5;
	run(&rep);
	f = expect("lame", CHECK_FAIL);
	MSG_HAS(f, "ns3.example.net (2600:53:3::1) answers REFUSED");

	/* a referral, even with AA set, is not the zone */
	make_report();
	ask(0, false)->referral = true;
	run(&rep);
	MSG_HAS(expect("lame", CHECK_FAIL), "ns1.example.net (11.53.1.1)");

	/* authoritative "no data": a server of some other zone */
	make_report();
	ask(1, true)->n_ns = 0;
	ask(1, true)->has_soa = false;
	run(&rep);
	f = expect("lame", CHECK_FAIL);
	MSG_HAS(f, "ns2.example.net (2600:53:2::1) answers with authority but "
		   "without the zone's NS or SOA records");
	/* the SOA without NS records: the zone is there, its apex broken */
	ask(1, true)->has_soa = true;
	run(&rep);
	f = expect("lame", CHECK_FAIL);
	MSG_HAS(f, "Not serving the zone: ns2.example.net (2600:53:2::1) "
		   "answers for the zone, but it has no NS records");
	MSG_HAS(f, "Add the NS records to the zone");
	MSG_LACKS(f, "Load the zone on it");
	/* the zone itself does not exist there */
	make_report();
	ask(0, false)->rcode = 3;
	ask(0, false)->n_ns = 0;
	run(&rep);
	MSG_HAS(expect("lame", CHECK_FAIL), "ns1.example.net (11.53.1.1) answers "
		"NXDOMAIN");
	MSG_HAS(get("lame"), "for the zone itself");
}
END_TEST

/* Only servers that answered are judged. */
START_TEST(test_lame_only_answers)
{
	make(2);
	make_report();
	ask(0, false)->state = ASK_TIMEOUT;
	ask(0, false)->aa = false;
	ask(0, false)->rcode = 2;
	ask(1, true)->state = ASK_SKIPPED;
	ask(1, true)->aa = false;
	run(&rep);
	expect("lame", CHECK_PASS);

	for (size_t i = 0; i < rep.n_servers; i++)
		asks[i].state = ASK_TIMEOUT;
	run(&rep);
	/* nothing judged: information, not a pass */
	MSG_HAS(expect("lame", CHECK_INFO), "No server answered");
}
END_TEST

START_TEST(test_lame_cap)
{
	make(3);
	make_report();
	for (size_t i = 0; i < rep.n_servers; i++)
		asks[i].aa = false;
	run(&rep);
	const struct finding *f = expect("lame", CHECK_FAIL);
	MSG_HAS(f, "ns1.example.net (11.53.1.1)");
	MSG_HAS(f, "ns1.example.net (2600:53:1::1)");
	MSG_HAS(f, "ns2.example.net (11.53.2.1)");
	MSG_LACKS(f, "ns3.example.net");
	more(f, 6 - CHECKS_NAMES_LISTED);
}
END_TEST

/* ---- responds ---- */

START_TEST(test_responds)
{
	make(2);
	make_report();
	run(&rep);
	MSG_HAS(expect("responds", CHECK_PASS), "4 addresses answered");

	ask(1, true)->state = ASK_TIMEOUT;
	run(&rep);
	const struct finding *f = expect("responds", CHECK_WARN);
	MSG_HAS(f, "ns2.example.net (2600:53:2::1)");
	MSG_LACKS(f, "ns1.example.net");
	MSG_LACKS(f, "11.53.2.1");

	/* could not be sent: no answer either */
	ask(0, false)->state = ASK_FAILED;
	run(&rep);
	MSG_HAS(expect("responds", CHECK_WARN), "ns1.example.net (11.53.1.1)");

	for (size_t i = 0; i < rep.n_servers; i++)
		asks[i].state = ASK_TIMEOUT;
	run(&rep);
	expect("responds", CHECK_FAIL);
}
END_TEST

START_TEST(test_tcp)
{
	make(2);
	make_report();
	run(&rep);
	MSG_HAS(expect("tcp", CHECK_PASS), "answers over TCP too");

	ask(1, false)->tcp = OVER_TCP_REFUSED;
	ask(0, true)->tcp = OVER_TCP_TIMEOUT;
	run(&rep);
	const struct finding *f = expect("tcp", CHECK_FAIL);
	MSG_HAS(f, "ns2.example.net (11.53.2.1): connection refused");
	MSG_HAS(f, "ns1.example.net (2600:53:1::1): timed out");
	MSG_HAS(f, "RFC 7766");
	MSG_LACKS(f, "11.53.1.1");

	/* silent over UDP: that is for "responds", not for this check */
	for (size_t i = 0; i < rep.n_servers; i++) {
		asks[i].state = ASK_TIMEOUT;
		asks[i].tcp = OVER_TCP_TIMEOUT;
	}
	run(&rep);
	MSG_HAS(expect("tcp", CHECK_INFO), "No server could be asked over TCP");
}
END_TEST

START_TEST(test_ds_matches_dnskey)
{
	make(2);
	make_report();
	run(&rep);
	MSG_HAS(expect("ds_matches_dnskey", CHECK_PASS), "every server asked has");

	ask(0, true)->keys = KEYS_NO_MATCH;
	ask(1, false)->keys = KEYS_NOT_ASKED; /* the budget: no verdict */
	run(&rep);
	const struct finding *f = expect("ds_matches_dnskey", CHECK_FAIL);
	MSG_HAS(f, "ns1.example.net (2600:53:1::1)");
	MSG_LACKS(f, "ns2.example.net");
	MSG_HAS(f, "remove the DS at the registrar");

	/* asked, no usable answer (silence, REFUSED, no authority): it
	 * confirms nothing, beside servers that do */
	make_report();
	ask(1, true)->keys = KEYS_NO_ANSWER;
	run(&rep);
	f = expect("ds_matches_dnskey", CHECK_WARN);
	MSG_HAS(f, "No usable answer to the DNSKEY query from ns2.example.net "
		   "(2600:53:2::1)");
	MSG_LACKS(f, "ns1.example.net");
	/* ... and when no server confirms the key, it cannot pass */
	for (size_t i = 0; i < rep.n_servers; i++)
		asks[i].keys = KEYS_NO_ANSWER;
	run(&rep);
	f = expect("ds_matches_dnskey", CHECK_FAIL);
	MSG_HAS(f, "No server confirmed a key");
	/* one server without a key outweighs the rest */
	ask(0, false)->keys = KEYS_NO_MATCH;
	run(&rep);
	MSG_HAS(expect("ds_matches_dnskey", CHECK_FAIL), "No key for the "
		"parent's DS on ns1.example.net (11.53.1.1)");

	/* silent or lame servers are for "responds" and "lame": their
	 * missing keys count for nothing here */
	make_report();
	ask(1, false)->keys = ask(1, true)->keys = KEYS_NO_ANSWER;
	ask(1, false)->state = ASK_TIMEOUT;
	ask(1, true)->aa = false;
	run(&rep);
	MSG_HAS(expect("ds_matches_dnskey", CHECK_PASS), "every server asked has");
	for (size_t i = 0; i < rep.n_servers; i++) {
		asks[i].keys = KEYS_NO_ANSWER;
		asks[i].state = ASK_TIMEOUT;
	}
	run(&rep);
	MSG_HAS(expect("ds_matches_dnskey", CHECK_INFO), "could be asked for its "
		"DNSKEY records");
	/* a report cut short before any key came: no verdict of failure */
	make_report();
	for (size_t i = 0; i < rep.n_servers; i++)
		asks[i].keys = KEYS_NO_ANSWER;
	rep.cut_short = true;
	run(&rep);
	MSG_HAS(expect("ds_matches_dnskey", CHECK_WARN), "cut short");
	rep.cut_short = false;

	for (size_t i = 0; i < rep.n_servers; i++)
		asks[i].keys = KEYS_NOT_ASKED;
	run(&rep);
	MSG_HAS(expect("ds_matches_dnskey", CHECK_INFO), "could be asked for its "
		"DNSKEY records");

	rep.ds_state = DS_NONE;
	rep.ds.n = 0;
	run(&rep);
	MSG_HAS(expect("ds_matches_dnskey", CHECK_INFO), "not signed");
	rep.ds_state = DS_NOT_ASKED;
	run(&rep);
	MSG_HAS(expect("ds_matches_dnskey", CHECK_INFO), "could not be asked");
}
END_TEST

START_TEST(test_open_recursion)
{
	make(2);
	make_report();
	run(&rep);
	MSG_HAS(expect("open_recursion", CHECK_PASS), "No server answered a recursive");

	ask(1, true)->recursion = RECURSION_OPEN;
	run(&rep);
	const struct finding *f = expect("open_recursion", CHECK_FAIL);
	MSG_HAS(f, "ns2.example.net (2600:53:2::1)");
	MSG_HAS(f, "RFC 5358");
	MSG_LACKS(f, "ns1.example.net");

	for (size_t i = 0; i < rep.n_servers; i++)
		asks[i].recursion = RECURSION_NOT_ASKED;
	run(&rep);
	expect("open_recursion", CHECK_INFO);
}
END_TEST

/* Addresses not asked (special-purpose, budget spent) are no verdict. */
START_TEST(test_responds_not_asked)
{
	make(2);
	make_report();
	ask(0, false)->state = ASK_SKIPPED;
	ask(0, false)->skipped_why = "private (RFC 1918)";
	ask(1, false)->state = ASK_LIMIT;
	run(&rep);
	const struct finding *f = expect("responds", CHECK_PASS);
	MSG_HAS(f, "2 addresses answered");
	/* each kind of not asking is said apart */
	MSG_HAS(f, "1 not asked: special-purpose");
	MSG_HAS(f, "1 not asked: the report's query limit");

	/* the only address asked did not answer */
	ask(0, true)->state = ASK_TIMEOUT;
	ask(1, true)->state = ASK_LIMIT;
	run(&rep);
	MSG_HAS(expect("responds", CHECK_FAIL), "ns1.example.net (2600:53:1::1)");
}
END_TEST

START_TEST(test_responds_cap)
{
	make(3);
	make_report();
	for (size_t i = 1; i < rep.n_servers; i++)
		asks[i].state = ASK_TIMEOUT;
	run(&rep);
	const struct finding *f = expect("responds", CHECK_WARN);
	MSG_LACKS(f, "11.53.1.1");
	MSG_HAS(f, "ns1.example.net (2600:53:1::1)");
	MSG_HAS(f, "ns2.example.net (11.53.2.1)");
	MSG_HAS(f, "ns2.example.net (2600:53:2::1)");
	MSG_LACKS(f, "ns3.example.net");
	more(f, 5 - CHECKS_NAMES_LISTED);
}
END_TEST

/* ---- soa_serial ---- */

START_TEST(test_serial)
{
	make(2);
	make_report();
	run(&rep);
	MSG_HAS(expect("soa_serial", CHECK_PASS), "2024010101");

	ask(1, false)->serial = SERIAL - 1;
	run(&rep);
	const struct finding *f = expect("soa_serial", CHECK_WARN);
	MSG_HAS(f, "ns1.example.net (11.53.1.1) has 2024010101");
	MSG_HAS(f, "ns2.example.net (11.53.2.1) has 2024010100");

	/* servers without an SOA are not compared */
	make_report();
	ask(1, false)->serial = 7;
	ask(1, false)->has_soa = false;
	run(&rep);
	expect("soa_serial", CHECK_PASS);

	for (size_t i = 0; i < rep.n_servers; i++)
		asks[i].has_soa = false;
	run(&rep);
	MSG_HAS(expect("soa_serial", CHECK_INFO), "No server");
}
END_TEST

START_TEST(test_serial_cap)
{
	make(3);
	make_report();
	for (size_t i = 0; i < rep.n_servers; i++)
		asks[i].serial = 100 + (uint32_t)i;
	run(&rep);
	const struct finding *f = expect("soa_serial", CHECK_WARN);
	MSG_HAS(f, "ns1.example.net (11.53.1.1) has 100");
	MSG_HAS(f, "ns1.example.net (2600:53:1::1) has 101");
	MSG_HAS(f, "ns2.example.net (11.53.2.1) has 102");
	MSG_LACKS(f, "has 103");
	MSG_LACKS(f, "ns3.example.net");
	more(f, 6 - CHECKS_NAMES_LISTED);
}
END_TEST

/* ---- glue ---- */

START_TEST(test_glue_not_needed)
{
	make(2);
	make_report();
	run(&rep);
	MSG_HAS(expect("glue", CHECK_PASS), "No name server is inside the zone");
}
END_TEST

START_TEST(test_glue)
{
	make_inside(2);
	make_report();
	add_glue(0, true);
	add_glue(1, true);
	run(&rep);
	MSG_HAS(expect("glue", CHECK_PASS), "every name server");
	MSG_HAS(get("glue"), "equals the zone's own addresses");

	/* a glue name in another case is the same name */
	glue[0].name = "NS1.EXAMPLE.COM";
	run(&rep);
	expect("glue", CHECK_PASS);
}
END_TEST

/* The zone's own answers about its in-domain names (the report's A and
 * AAAA questions), as the lookup found them unless changed after. */
static struct report_host hosts[NS_MAX];
static struct report_addr host_addrs[2 * NS_MAX];

static void add_hosts(void)
{
	rep.hosts = hosts;
	rep.host_addrs = host_addrs;
	rep.n_hosts = rep.n_host_addrs = 0;
	for (size_t i = 0; i < result.n_ns; i++) {
		hosts[rep.n_hosts++] = (struct report_host){ names[i], HOST_FOUND,
							      HOST_FOUND };
		for (int fam = 0; fam < 2; fam++) {
			struct report_addr *a = &host_addrs[rep.n_host_addrs++];
			a->name = names[i];
			memcpy(a->addr, fam ? v6[i][0] : v4[i][0], 16);
			a->v6 = fam;
		}
	}
}

/* Glue is a strict part of the zone's addresses: a warning, naming each
 * address left out (Zonemaster's EXTRA_ADDR_CHILD). */
START_TEST(test_glue_subset)
{
	make_inside(2);
	make_report();
	add_glue(0, false);             /* ns1: only its A */
	glue[rep.n_glue].name = names[1]; /* ns2: only its AAAA */
	memcpy(glue[rep.n_glue].addr, v6[1][0], 16);
	glue[rep.n_glue++].v6 = true;
	run(&rep);
	const struct finding *f = expect("glue", CHECK_WARN);
	MSG_HAS(f, "The zone gives ns1.example.com also 2600:53:1::1, which the "
		   "parent has no glue for");
	MSG_HAS(f, "The zone gives ns2.example.com also 11.53.2.1");
	MSG_HAS(f, "glue of one family only");
	MSG_LACKS(f, "matching");

	/* the zone's own servers publish one more address for ns2 */
	make_inside(2);
	make_report();
	add_glue(0, true);
	add_glue(1, true);
	add_hosts();
	set_v4(host_addrs[rep.n_host_addrs].addr, 11, 53, 9, 9);
	host_addrs[rep.n_host_addrs].name = names[1];
	host_addrs[rep.n_host_addrs++].v6 = false;
	run(&rep);
	f = expect("glue", CHECK_WARN);
	MSG_HAS(f, "The zone gives ns2.example.com also 11.53.9.9");
	MSG_LACKS(f, "ns1.example.com");
}
END_TEST

/* The zone says an in-domain name does not exist: a failure, whether the
 * parent has glue for it or the zone's own NS records name it. */
START_TEST(test_glue_name_denied)
{
	make_inside(2);
	make_report();
	add_glue(0, true);
	add_glue(1, true);
	add_hosts();
	hosts[1].v4 = hosts[1].v6 = HOST_NXDOMAIN;
	rep.n_host_addrs = 2; /* ns1's only */
	run(&rep);
	const struct finding *f = expect("glue", CHECK_FAIL);
	MSG_HAS(f, "The zone says ns2.example.com does not exist, but the parent "
		   "has glue for it");
	MSG_LACKS(f, "ns1.example.com");

	/* the lookup's NXDOMAIN counts the same when the zone was not asked */
	rep.n_hosts = 0;
	rep.n_host_addrs = 0;
	no_address(1, ADDR_NXDOMAIN, ADDR_NXDOMAIN);
	run(&rep);
	MSG_HAS(expect("glue", CHECK_FAIL), "The zone says ns2.example.com does "
		"not exist");

	/* a name only the zone's NS set has, and the zone denies */
	make_inside(2);
	make_report();
	add_glue(0, true);
	add_glue(1, true);
	add_hosts();
	child[2] = "ns3.example.com";
	rep.n_child = 3;
	hosts[rep.n_hosts++] = (struct report_host){ "ns3.example.com",
						      HOST_NXDOMAIN, HOST_NXDOMAIN };
	run(&rep);
	MSG_HAS(expect("glue", CHECK_FAIL), "The zone says ns3.example.com does "
		"not exist, but its own NS records name it");
}
END_TEST

/* An in-domain name that is an alias in the zone: no glue can stand for
 * it (Consistency05 takes only A and AAAA of the name itself). */
START_TEST(test_glue_alias)
{
	make_inside(2);
	make_report();
	add_glue(0, true);
	add_glue(1, true);
	add_hosts();
	hosts[1].v4 = HOST_ALIAS;
	run(&rep);
	MSG_HAS(expect("glue", CHECK_FAIL), "ns2.example.com is an alias (CNAME) "
		"in the zone");
}
END_TEST

/* A server only the parent names: the zone's answer about it counts. */
START_TEST(test_glue_parent_only)
{
	make_inside(2);
	make_report();
	add_glue(0, true);
	add_glue(1, true);
	add_hosts();
	/* the lookup (the zone's NS set) has ns1 only; the zone gives ns2
	 * another address than the parent's glue */
	result.n_ns = 1;
	rep.n_child = 1;
	set_v4(host_addrs[2].addr, 11, 53, 7, 7);
	set_v6(host_addrs[3].addr, 7, 7);
	run(&rep);
	const struct finding *f = expect("glue", CHECK_FAIL);
	MSG_HAS(f, "Glue for ns2.example.com at the parent is 11.53.2.1, an "
		   "address the zone does not give it");
	MSG_HAS(f, "Glue for ns2.example.com at the parent is 2600:53:2::1");
	/* and the zone has no such name at all */
	hosts[1].v4 = hosts[1].v6 = HOST_NXDOMAIN;
	rep.n_host_addrs = 2;
	run(&rep);
	MSG_HAS(expect("glue", CHECK_FAIL), "The zone says ns2.example.com does "
		"not exist");
}
END_TEST

START_TEST(test_glue_missing)
{
	make_inside(2);
	make_report();
	add_glue(0, true);
	run(&rep);
	const struct finding *f = expect("glue", CHECK_FAIL);
	MSG_HAS(f, "ns2.example.com is inside the zone but the parent has no glue");
	MSG_LACKS(f, "ns1.example.com");

	/* a server of another zone needs no glue */
	make(2);
	snprintf(names[0], sizeof names[0], "ns1.example.com");
	make_report();
	run(&rep);
	f = expect("glue", CHECK_FAIL);
	MSG_HAS(f, "ns1.example.com");
	MSG_LACKS(f, "ns2.example.net");

	/* a name that only ends like the zone is not inside it */
	make(2);
	snprintf(names[0], sizeof names[0], "ns1.notexample.com");
	make_report();
	run(&rep);
	expect("glue", CHECK_PASS);
}
END_TEST

START_TEST(test_glue_wrong_address)
{
	make_inside(2);
	make_report();
	add_glue(0, true);
	add_glue(1, true);
	glue[0].addr[3] = 99;
	run(&rep);
	const struct finding *f = expect("glue", CHECK_FAIL);
	MSG_HAS(f, "Glue for ns1.example.com at the parent is 11.53.1.99, an "
		   "address the zone does not give it");
	MSG_LACKS(f, "ns2.example.com");

	/* the zone's own lookup of the name failed: nothing to compare with */
	make_inside(2);
	make_report();
	add_glue(0, true);
	add_glue(1, true);
	glue[0].addr[3] = 99;
	servers[0].v4 = (struct ns_addrs){ .state = ADDR_TIMEOUT };
	run(&rep);
	expect("glue", CHECK_PASS);
	/* but "no IPv4 address" is an answer: glue the zone does not give */
	servers[0].v4 = (struct ns_addrs){ .state = ADDR_NONE };
	run(&rep);
	MSG_HAS(expect("glue", CHECK_FAIL), "Glue for ns1.example.com at the "
		"parent is 11.53.1.99");

	/* a server the lookup does not list, and no server of the zone
	 * answered about it: its glue cannot be compared, nor can it pass */
	make_inside(2);
	make_report();
	add_glue(0, true);
	add_glue(1, false);
	result.n_ns = 1;
	glue[2].addr[3] = 99;
	run(&rep);
	f = expect("glue", CHECK_INFO);
	MSG_HAS(f, "The glue for ns2.example.com could not be compared");
	MSG_LACKS(f, "equals");
}
END_TEST

START_TEST(test_glue_cap)
{
	make_inside(5);
	make_report();
	run(&rep);
	const struct finding *f = expect("glue", CHECK_FAIL);
	for (size_t i = 0; i < CHECKS_NAMES_LISTED; i++)
		MSG_HAS(f, names[i]);
	for (size_t i = CHECKS_NAMES_LISTED; i < 5; i++)
		MSG_LACKS(f, names[i]);
	more(f, 5 - CHECKS_NAMES_LISTED);
}
END_TEST

/* ---- subnet_diversity ---- */

START_TEST(test_subnets)
{
	make(3);
	run(NULL);
	expect("subnet_diversity", CHECK_PASS);

	/* every IPv4 address in 11.53.1.0/24 */
	for (size_t i = 0; i < 3; i++)
		set_v4(v4[i][0], 11, 53, 1, (unsigned)(10 + i));
	run(NULL);
	const struct finding *f = expect("subnet_diversity", CHECK_WARN);
	MSG_HAS(f, "/24");
	MSG_HAS(f, "11.53.1.");
	MSG_LACKS(f, "/48");

	/* one address in another /24 is enough */
	set_v4(v4[2][0], 11, 53, 2, 10);
	run(NULL);
	expect("subnet_diversity", CHECK_PASS);
}
END_TEST

START_TEST(test_subnets_one_v4_address)
{
	make(2);
	servers[1].v4 = (struct ns_addrs){ .state = ADDR_NONE };
	run(NULL);
	MSG_HAS(expect("subnet_diversity", CHECK_WARN), "11.53.1.1");
}
END_TEST

START_TEST(test_subnets_v6)
{
	make(2);
	/* both in 2600:53:1::/48 */
	set_v6(v6[1][0], 1, 2);
	run(NULL);
	const struct finding *f = expect("subnet_diversity", CHECK_WARN);
	MSG_HAS(f, "All IPv6 addresses are in one /48 (2600:53:1::1/48)");
	MSG_LACKS(f, "/24");

	/* and IPv4 too */
	set_v4(v4[1][0], 11, 53, 1, 2);
	run(NULL);
	f = expect("subnet_diversity", CHECK_WARN);
	MSG_HAS(f, "/48");
	MSG_HAS(f, "/24");
}
END_TEST

/* One IPv6 address is one network, as one IPv4 address is. */
START_TEST(test_subnets_one_v6_address)
{
	make(2);
	servers[1].v6 = (struct ns_addrs){ .state = ADDR_NONE };
	run(NULL);
	const struct finding *f = expect("subnet_diversity", CHECK_WARN);
	MSG_HAS(f, "The only IPv6 address is 2600:53:1::1");
	MSG_LACKS(f, "IPv4");
	/* the IPv4 servers still answer: only that family is at risk */
	MSG_HAS(f, "every server of that address family");
	MSG_LACKS(f, "take every server away");

	/* both families each in one network: every server */
	set_v4(v4[1][0], 11, 53, 1, 2);
	run(NULL);
	MSG_HAS(expect("subnet_diversity", CHECK_WARN), "take every server away");
}
END_TEST

/* With a report, the report's addresses are the ones that count. */
START_TEST(test_subnets_from_report)
{
	make(2);
	make_report();
	set_v4(ask(1, false)->addr, 11, 53, 1, 77);
	run(&rep);
	expect("subnet_diversity", CHECK_WARN);
	run(NULL);
	expect("subnet_diversity", CHECK_PASS);
}
END_TEST

/* ---- ipv6 ---- */

START_TEST(test_ipv6)
{
	make(2);
	run(NULL);
	MSG_HAS(expect("ipv6", CHECK_PASS), "2 IPv6 addresses");

	servers[1].v6 = (struct ns_addrs){ .state = ADDR_NONE };
	run(NULL);
	MSG_HAS(expect("ipv6", CHECK_PASS), "1 IPv6 address");

	servers[0].v6 = (struct ns_addrs){ .state = ADDR_NONE };
	run(NULL);
	MSG_HAS(expect("ipv6", CHECK_WARN), "No name server has an IPv6 address");

	/* special-purpose IPv6 addresses reach nobody */
	make(2);
	for (size_t i = 0; i < 2; i++) {
		memset(v6[i][0], 0, 16);
		v6[i][0][0] = 0xfe;
		v6[i][0][1] = 0x80;
		v6[i][0][15] = (unsigned char)(i + 1);
	}
	run(NULL);
	MSG_HAS(expect("ipv6", CHECK_WARN), "No name server has a public IPv6 "
		"address");

	/* the report's addresses */
	make(2);
	make_report();
	ask(0, true)->v6 = false;
	ask(1, true)->v6 = false;
	run(&rep);
	expect("ipv6", CHECK_WARN);
}
END_TEST

/* ---- public_addresses ---- */

START_TEST(test_public)
{
	make(3);
	run(NULL);
	expect("public_addresses", CHECK_PASS);

	set_v4(v4[1][0], 10, 1, 2, 3);
	run(NULL);
	const struct finding *f = expect("public_addresses", CHECK_FAIL);
	MSG_HAS(f, "ns2.example.net has 10.1.2.3 (private");
	MSG_LACKS(f, "ns1.example.net");
	MSG_LACKS(f, "ns3.example.net");

	memset(v6[2][0], 0, 16);
	v6[2][0][15] = 1;
	run(NULL);
	f = expect("public_addresses", CHECK_FAIL);
	MSG_HAS(f, "ns2.example.net has 10.1.2.3");
	MSG_HAS(f, "ns3.example.net has ::1 (loopback");
}
END_TEST

/* Special-purpose blocks the IANA registries mark globally reachable are
 * ordinary name server addresses; their neighbours are not. */
START_TEST(test_public_registry)
{
	/* 64:ff9b::808:808, 8.8.8.8 through the well-known NAT64 prefix */
	static const unsigned char nat64[16] = { 0, 0x64, 0xff, 0x9b, [12] = 8,
						 8, 8, 8 };
	static const unsigned char amt[16] = { 0x20, 0x01, 0, 3, [15] = 1 };
	static const unsigned char bench[16] = { 0x20, 0x01, 0, 2, [15] = 1 };

	make(3);
	set_v4(v4[0][0], 192, 0, 0, 9);
	set_v4(v4[1][0], 192, 175, 48, 1);
	memcpy(v6[1][0], nat64, 16);
	memcpy(v6[2][0], amt, 16);
	run(NULL);
	expect("public_addresses", CHECK_PASS);
	/* the NAT64 address is no IPv6 reach: a translator is needed */
	MSG_HAS(expect("ipv6", CHECK_PASS), "2 IPv6 addresses");

	set_v4(v4[0][0], 192, 0, 0, 11);
	memcpy(v6[2][0], bench, 16);
	run(NULL);
	const struct finding *f = expect("public_addresses", CHECK_FAIL);
	MSG_HAS(f, "ns1.example.net has 192.0.0.11 (IETF protocol "
		"assignments (RFC 6890))");
	MSG_HAS(f, "ns3.example.net has 2001:2::1 (benchmarking (RFC 5180))");
	MSG_LACKS(f, "ns2.example.net");
	MSG_HAS(expect("ipv6", CHECK_PASS), "1 IPv6 address");
	/* only the NAT64 one left: no IPv6 reach at all */
	memcpy(v6[0][0], bench, 16);
	run(NULL);
	expect("ipv6", CHECK_WARN);
}
END_TEST

START_TEST(test_public_cap)
{
	make(5);
	for (size_t i = 0; i < 5; i++)
		set_v4(v4[i][0], 192, 168, 0, (unsigned)i + 1);
	run(NULL);
	const struct finding *f = expect("public_addresses", CHECK_FAIL);
	for (size_t i = 0; i < CHECKS_NAMES_LISTED; i++)
		MSG_HAS(f, names[i]);
	for (size_t i = CHECKS_NAMES_LISTED; i < 5; i++)
		MSG_LACKS(f, names[i]);
	more(f, 5 - CHECKS_NAMES_LISTED);
}
END_TEST

/* The report's addresses, skipped ones included. */
START_TEST(test_public_from_report)
{
	make(2);
	make_report();
	set_v4(ask(1, false)->addr, 127, 0, 0, 1);
	ask(1, false)->state = ASK_SKIPPED;
	ask(1, false)->skipped_why = "loopback";
	run(&rep);
	MSG_HAS(expect("public_addresses", CHECK_FAIL),
		"ns2.example.net has 127.0.0.1 (loopback (RFC 1122))");
}
END_TEST

/* ---- propagation ---- */

START_TEST(test_propagation)
{
	make(2);
	servers[0].ttl = 7200;
	run(NULL);
	const struct finding *f = expect("propagation", CHECK_INFO);
	MSG_HAS(f, "up to 2 hours");
	MSG_LACKS(f, "delegation");

	/* the longer of the delegation's and the zone's TTL */
	make_report();
	run(&rep);
	f = expect("propagation", CHECK_INFO);
	MSG_HAS(f, "up to 2 days");
	MSG_HAS(f, "live 1 hour");
	MSG_HAS(f, "com");
	MSG_HAS(f, "lives 2 days");

	rep.child_ttl = 3 * 86400;
	rep.deleg_ttl = 600;
	run(&rep);
	f = expect("propagation", CHECK_INFO);
	MSG_HAS(f, "up to 3 days");
	MSG_HAS(f, "lives 10 minutes");
}
END_TEST

/* ---- the findings in other languages ---- */

/* The real catalogues, as www/locale holds them (make compiles them). */
static struct catalog *cat_de, *cat_es;
static struct lang de, es;

static void langs_setup(void)
{
	cat_de = tree_catalog("de");
	cat_es = tree_catalog("es");
	de = (struct lang){ "de", cat_de };
	es = (struct lang){ "es", cat_es };
}

static void langs_teardown(void)
{
	catalog_free(cat_de);
	catalog_free(cat_es);
}

static struct check_list list_en;

/*
 * Runs the checks in language l: the same findings as in English (ids,
 * statuses, message ids and arguments do not depend on the language),
 * each message a sentence that is not the English one.
 */
static size_t run_in(const struct lang *l, const struct report *r)
{
	run(r);
	memset(&list_en, 0, sizeof list_en);
	checks_run(NULL, &result, r, &list_en);
	memset(&list, 0, sizeof list);
	checks_run(l, &result, r, &list);
	n_found = list.n;
	ck_assert_uint_eq(list.n, list_en.n);
	for (size_t i = 0; i < list.n; i++) {
		const struct finding *f = &list.f[i], *e = &list_en.f[i];
		size_t len = strnlen(f->message, sizeof f->message);
		ck_assert_str_eq(f->id, e->id);
		ck_assert_int_eq(f->status, e->status);
		ck_assert_str_eq(f->msg_id, e->msg_id);
		ck_assert_msg(len > 0 && f->message[len - 1] == '.',
			      "%s: \"%s\" is not a sentence", f->id, f->message);
		ck_assert_msg(strcmp(f->message, e->message) != 0,
			      "%s (%s): \"%s\" is English", f->id, l->code,
			      f->message);
		ck_assert_uint_eq(f->n_args, e->n_args);
		ck_assert_int_eq(f->args_cut, e->args_cut);
		for (size_t k = 0; k < f->n_args; k++) {
			ck_assert_str_eq(f->arg[k].name, e->arg[k].name);
			ck_assert_str_eq(f->arg[k].value, e->arg[k].value);
			ck_assert_int_eq(f->arg[k].number, e->arg[k].number);
			ck_assert_int_eq(f->arg[k].item, e->arg[k].item);
		}
	}
	return list.n;
}

#define MSG_IS(f, text) \
	ck_assert_msg(strcmp((f)->message, (text)) == 0, \
		      "\"%s\" is not \"%s\"", (f)->message, (text))

START_TEST(test_lang_ns_count)
{
	make(1);
	run_in(&de, NULL);
	MSG_IS(get("ns_count"), "Nur ein Nameserver (ns1.example.net). Fällt er "
	       "aus, lässt sich die ganze Domain nicht mehr auflösen: Fügen Sie "
	       "mindestens einen weiteren hinzu, idealerweise in einem anderen "
	       "Netz.");
	make(2);
	run_in(&es, NULL);
	MSG_IS(get("ns_count"), "2 servidores de nombres: si uno falla, responden "
	       "los demás.");

	/* one at the parent, two in the zone */
	make(1);
	make_report();
	child[1] = "ns9.example.org";
	rep.n_child = 2;
	run_in(&de, &rep);
	MSG_HAS(get("ns_count"), "Die Elternzone com delegiert an nur einen "
		"Nameserver (ns1.example.net), obwohl die Zone 2 nennt.");
	run_in(&es, &rep);
	MSG_HAS(get("ns_count"), "La zona padre com delega en un solo servidor "
		"de nombres (ns1.example.net), aunque la zona indica 2.");
}
END_TEST

START_TEST(test_lang_match)
{
	make(2);
	make_report();
	run_in(&es, &rep);
	MSG_IS(get("parent_child_match"), "La zona padre com y los servidores de "
	       "nombres indican los mismos 2 servidores.");
	deleg[2] = "old.example.org";
	rep.n_deleg = 3;
	child[2] = "new.example.org";
	rep.n_child = 3;
	run_in(&de, &rep);
	const struct finding *f = get("parent_child_match");
	MSG_HAS(f, "Nur in der Elternzone com: old.example.org. Nur auf den "
		   "Nameservern: new.example.org. Resolver verwenden ");
	MSG_HAS(f, "Gleichen Sie beide Listen an: die der Elternzone beim "
		   "Registrar, die der Zone in ihren NS-Records.");
	run_in(&es, &rep);
	MSG_HAS(get("parent_child_match"), "Solo en la zona padre com: "
		"old.example.org. Solo en los servidores de nombres: "
		"new.example.org. ");
}
END_TEST

START_TEST(test_lang_resolves)
{
	/* five of six without an address: three listed, "2 more" */
	make(6);
	for (size_t i = 0; i < 5; i++)
		no_address(i, ADDR_NONE, ADDR_NONE);
	run_in(&de, NULL);
	MSG_IS(get("ns_resolves"), "Keine Adresse für ns1.example.net (er hat "
	       "keinen A- oder AAAA-Record); ns2.example.net (er hat keinen A- "
	       "oder AAAA-Record); ns3.example.net (er hat keinen A- oder "
	       "AAAA-Record) und 2 weitere Einträge. Resolver verlieren Zeit "
	       "mit Servern, die sie nicht erreichen können.");
	run_in(&es, NULL);
	MSG_HAS(get("ns_resolves"), "No hay dirección para ns1.example.net (no "
		"tiene ningún registro A ni AAAA); ns2.example.net");
	MSG_HAS(get("ns_resolves"), " y 2 más. Los resolutores pierden tiempo");

	/* one more: the singular */
	make(CHECKS_NAMES_LISTED + 2);
	for (size_t i = 0; i <= CHECKS_NAMES_LISTED; i++)
		no_address(i, ADDR_NXDOMAIN, ADDR_TIMEOUT);
	run_in(&de, NULL);
	MSG_HAS(get("ns_resolves"), "ns1.example.net (sein Name existiert "
		"nicht)");
	MSG_HAS(get("ns_resolves"), " und 1 weiterer Eintrag. ");

	/* only glue leads to them */
	make_inside(2);
	make_report();
	add_glue(0, true);
	add_glue(1, true);
	no_address(0, ADDR_NXDOMAIN, ADDR_NXDOMAIN);
	no_address(1, ADDR_TIMEOUT, ADDR_NONE);
	run_in(&es, &rep);
	MSG_HAS(get("ns_resolves"), "No hay dirección para ns1.example.com (su "
		"nombre no existe; solo los registros de pegamento de la zona "
		"padre le dan una); ns2.example.com (la consulta de su dirección "
		"agotó el tiempo de espera; solo");
	MSG_HAS(get("ns_resolves"), "Publique un registro A o AAAA para cada "
		"servidor de nombres.");
	run_in(&de, &rep);
	MSG_HAS(get("ns_resolves"), "Resolver erreichen diese Server nur über "
		"die Adressen, die die Elternzone mit der Delegation "
		"veröffentlicht (Glue)");
}
END_TEST

START_TEST(test_lang_not_cname)
{
	make(3);
	servers[1].alias = "host.example.org";
	run_in(&de, NULL);
	MSG_IS(get("ns_not_cname"), "ns2.example.net ist ein Alias (CNAME) von "
	       "host.example.org. Ein NS-Record muss den Server selbst nennen "
	       "(RFC 2181, Abschnitt 10.3): Manche Resolver lehnen solche Server "
	       "ab. Tragen Sie den Zielnamen in den NS-Record ein.");
	run_in(&es, NULL);
	MSG_HAS(get("ns_not_cname"), "ns2.example.net es un alias (CNAME) de "
		"host.example.org. Un registro NS debe indicar el propio servidor");
}
END_TEST

START_TEST(test_lang_lame)
{
	make(3);
	make_report();
	ask(2, true)->rcode = 5;
	ask(1, false)->aa = false;
	run_in(&de, &rep);
	const struct finding *f = get("lame");
	MSG_HAS(f, "Server, die die Zone nicht ausliefern: ns2.example.net "
		   "(11.53.2.1) antwortet nicht autoritativ; ns3.example.net "
		   "(2600:53:3::1) antwortet REFUSED. Ein „lame“ Server ist in der "
		   "Delegation eingetragen");
	run_in(&es, &rep);
	MSG_HAS(get("lame"), "No sirven la zona: ns2.example.net (11.53.2.1) "
		"responde sin autoridad; ns3.example.net (2600:53:3::1) responde "
		"REFUSED. ");

	/* the zone itself does not exist there */
	make_report();
	ask(0, false)->rcode = 3;
	ask(0, false)->n_ns = 0;
	run_in(&de, &rep);
	MSG_HAS(get("lame"), "ns1.example.net (11.53.1.1) antwortet NXDOMAIN für "
		"die Zone selbst.");
	/* authority and SOA, no NS records */
	make_report();
	ask(1, true)->n_ns = 0;
	run_in(&es, &rep);
	MSG_HAS(get("lame"), "ns2.example.net (2600:53:2::1) responde por la "
		"zona, pero esta no tiene registros NS. Una zona debe indicar");
}
END_TEST

START_TEST(test_lang_responds)
{
	make(2);
	make_report();
	run_in(&de, &rep);
	MSG_IS(get("responds"), "4 Adressen haben rechtzeitig geantwortet.");
	ask(1, false)->state = ASK_SKIPPED;
	ask(0, true)->state = ASK_LIMIT;
	run_in(&es, &rep);
	MSG_IS(get("responds"), "2 direcciones respondieron a tiempo. 1 sin "
	       "preguntar: de uso especial (véase public_addresses). 1 sin "
	       "preguntar: se alcanzó el límite de consultas del informe.");
	make_report();
	ask(1, true)->state = ASK_TIMEOUT;
	run_in(&de, &rep);
	MSG_HAS(get("responds"), "Keine Antwort von ns2.example.net "
		"(2600:53:2::1). Resolver warten auf einen Server");
	run_in(&es, &rep);
	MSG_HAS(get("responds"), "Sin respuesta de ns2.example.net "
		"(2600:53:2::1). ");
}
END_TEST

START_TEST(test_lang_serial)
{
	make(2);
	make_report();
	run_in(&es, &rep);
	MSG_IS(get("soa_serial"), "Todos los servidores tienen la zona con el "
	       "número de serie 2024010101.");
	ask(1, true)->serial = 7;
	run_in(&de, &rep);
	MSG_HAS(get("soa_serial"), "Die Seriennummern unterscheiden sich: "
		"ns1.example.net (11.53.1.1) hat 2024010101; ns1.example.net "
		"(2600:53:1::1) hat 2024010101; ns2.example.net (11.53.2.1) hat "
		"2024010101 und 1 weiterer Eintrag. Die Server halten");
}
END_TEST

START_TEST(test_lang_glue)
{
	make_inside(2);
	make_report();
	add_glue(0, true);
	run_in(&de, &rep);
	MSG_HAS(get("glue"), "ns2.example.com liegt innerhalb der Zone, doch die "
		"Elternzone hat keinen Glue (keine Adresse) dafür. Ein Server, "
		"dessen Name in seiner eigenen Zone liegt");
	add_glue(1, true);
	glue[0].addr[3] = 99;
	run_in(&es, &rep);
	MSG_HAS(get("glue"), "El registro de pegamento de ns1.example.com en la "
		"zona padre es 11.53.1.99, una dirección que la zona no le da; "
		"La zona da a ns1.example.com también 11.53.1.1, para la que la "
		"zona padre no tiene registro de pegamento. Un servidor cuyo");
	make_inside(2);
	make_report();
	add_glue(0, true);
	add_glue(1, true);
	run_in(&es, &rep);
	MSG_IS(get("glue"), "La zona padre tiene registros de pegamento para cada "
	       "servidor de nombres dentro de la zona, y coinciden con las "
	       "direcciones propias de la zona.");
	make(2);
	make_report();
	run_in(&de, &rep);
	MSG_IS(get("glue"), "Kein Nameserver liegt innerhalb der Zone, daher "
	       "braucht keiner Glue.");
}
END_TEST

START_TEST(test_lang_tcp_recursion_ds)
{
	make(2);
	make_report();
	run_in(&es, &rep);
	MSG_IS(get("tcp"), "Todos los servidores que respondieron por UDP "
	       "responden también por TCP.");
	MSG_IS(get("ds_matches_dnskey"), "El registro DS de la zona padre "
	       "identifica una clave (por etiqueta y algoritmo) que tienen todos "
	       "los servidores consultados.");
	ask(1, false)->tcp = OVER_TCP_REFUSED;
	ask(0, true)->tcp = OVER_TCP_TIMEOUT;
	ask(0, false)->recursion = RECURSION_OPEN;
	ask(1, true)->keys = KEYS_NO_MATCH;
	run_in(&de, &rep);
	MSG_HAS(get("tcp"), "Keine Antwort über TCP von ns1.example.net "
		"(2600:53:1::1): Zeitlimit überschritten; ns2.example.net "
		"(11.53.2.1): Verbindung abgelehnt oder geschlossen. ");
	MSG_HAS(get("open_recursion"), "Rekursion für jeden offen auf "
		"ns1.example.net (11.53.1.1): Er hat für nscheck einen Namen "
		"außerhalb seiner Zonen nachgeschlagen.");
	MSG_HAS(get("ds_matches_dnskey"), "Kein Schlüssel für den DS der "
		"Elternzone auf ns2.example.net (2600:53:2::1). ");
	run_in(&es, &rep);
	MSG_HAS(get("tcp"), "(11.53.2.1): conexión rechazada o cerrada. ");
	MSG_HAS(get("open_recursion"), "Recursión abierta a cualquiera en "
		"ns1.example.net (11.53.1.1): ");

	make_report();
	rep.ds_state = DS_NONE;
	for (size_t i = 0; i < rep.n_servers; i++)
		asks[i].recursion = RECURSION_NOT_ASKED;
	run_in(&es, &rep);
	MSG_IS(get("ds_matches_dnskey"), "No hay ningún registro DS en la zona "
	       "padre: la zona no está firmada con DNSSEC, o su firma no está "
	       "publicada allí.");
	MSG_IS(get("open_recursion"), "No se pudo preguntar a ningún servidor si "
	       "hace recursión.");

	/* no usable answer, and none confirms */
	make_report();
	for (size_t i = 0; i < rep.n_servers; i++)
		asks[i].keys = KEYS_NO_ANSWER;
	run_in(&de, &rep);
	MSG_HAS(get("ds_matches_dnskey"), "Keine verwertbare Antwort auf die "
		"DNSKEY-Anfrage von ns1.example.net (11.53.1.1); ");
	MSG_HAS(get("ds_matches_dnskey"), "Kein Server hat einen Schlüssel für "
		"den DS der Elternzone bestätigt");
}
END_TEST

START_TEST(test_lang_addresses)
{
	make(2);
	servers[1].v6 = (struct ns_addrs){ .state = ADDR_NONE };
	run_in(&de, NULL);
	MSG_IS(get("subnet_diversity"), "Die einzige IPv6-Adresse ist "
	       "2600:53:1::1. Ein einziger Netzausfall oder Routing-Fehler kann "
	       "alle Server dieser Adressfamilie unerreichbar machen und damit "
	       "die Domain für Resolver, die nur diese eine Adressfamilie haben: "
	       "Verteilen Sie sie auf verschiedene Netze.");
	MSG_IS(get("ipv6"), "1 IPv6-Adresse: Resolver, die nur IPv6 haben, "
	       "können die Zone erreichen.");
	for (size_t i = 0; i < 2; i++)
		set_v4(v4[i][0], 11, 53, 1, (unsigned)(10 + i));
	servers[0].v6 = (struct ns_addrs){ .state = ADDR_NONE };
	run_in(&es, NULL);
	MSG_HAS(get("subnet_diversity"), "Todas las direcciones IPv4 están en una "
		"misma red /24 (11.53.1.10/24). Una sola avería de red");
	MSG_IS(get("ipv6"), "Ningún servidor de nombres tiene una dirección IPv6: "
	       "los resolutores que solo tienen IPv6 no pueden llegar a la zona. "
	       "Pida a su proveedor de DNS servidores de nombres con registros "
	       "AAAA.");

	make(3);
	set_v4(v4[1][0], 10, 1, 2, 3);
	run_in(&de, NULL);
	/* the kind of address is the registry's (netaddr) */
	MSG_HAS(get("public_addresses"), "ns2.example.net hat 10.1.2.3 (");
	MSG_HAS(get("public_addresses"), "). Solche Adressen sind aus dem "
		"Internet nicht erreichbar (oder führen zum falschen Host)");
	make(3);
	run_in(&es, NULL);
	MSG_IS(get("public_addresses"), "Todas las direcciones son direcciones "
	       "públicas normales.");
}
END_TEST

/* The spans of time are words_duration's; the sentences around them are
 * these. */
START_TEST(test_lang_propagation)
{
	make(2);
	make_report();
	rep.negative_ttl = 900;
	run_in(&de, &rep);
	const struct finding *f = get("propagation");
	MSG_HAS(f, "Nach einem Wechsel der Nameserver können Resolver das alte "
		   "Set bis zu ");
	MSG_HAS(f, ", die Delegation in com bleibt ");
	MSG_HAS(f, "(die negative TTL des SOA). Senken Sie die TTLs einen Tag vor "
		   "einer geplanten Änderung.");
	rep.n_child = 0;
	run_in(&es, &rep);
	f = get("propagation");
	MSG_HAS(f, "Tras un cambio de servidores de nombres, los resolutores "
		   "pueden seguir usando el conjunto antiguo hasta ");
	MSG_HAS(f, ": la delegación en com dura ");
	MSG_LACKS(f, "registros NS propios");
	MSG_HAS(f, "Reduzca los TTL un día antes de un cambio planificado.");
}
END_TEST

/* The status words, and the titles as the help text of each language
 * names the checks. */
START_TEST(test_lang_words_and_titles)
{
	static const struct { const struct lang *l; const char *path; } help[] = {
		{ &de, "www/templates/de/help.html" },
		{ &es, "www/templates/es/help.html" },
	};
	char want[256];

	ck_assert_str_eq(check_status_word(&de, CHECK_PASS), "In Ordnung");
	ck_assert_str_eq(check_status_word(&de, CHECK_INFO), "Hinweis");
	ck_assert_str_eq(check_status_word(&de, CHECK_WARN), "Warnung");
	ck_assert_str_eq(check_status_word(&de, CHECK_FAIL), "Fehler");
	ck_assert_str_eq(check_status_word(&es, CHECK_PASS), "Correcto");
	ck_assert_str_eq(check_status_word(&es, CHECK_INFO), "Nota");
	ck_assert_str_eq(check_status_word(&es, CHECK_WARN), "Aviso");
	ck_assert_str_eq(check_status_word(&es, CHECK_FAIL), "Error");
	ck_assert_str_eq(check_status_word(&es, (enum check_status)99),
			 "Desconocido");
	for (size_t h = 0; h < sizeof help / sizeof help[0]; h++) {
		char *text = tree_file(help[h].path);
		for (size_t i = 0; i < CHECKS_MAX; i++) {
			snprintf(want, sizeof want,
				 "<dt id=\"check-%s\">%s (<code>%s</code>)</dt>",
				 check_id(i), tr(help[h].l, check_title(i)),
				 check_id(i));
			ck_assert_msg(strstr(text, want) != NULL, "%s has no %s",
				      help[h].path, want);
		}
		free(text);
	}
	/* English stays the table's */
	ck_assert_str_eq(tr(NULL, check_title(0)), "Number of name servers");
}
END_TEST

/* ---- message ids and arguments ---- */

/* The value of the argument name (not a list), or NULL. */
static const char *arg_of(const struct finding *f, const char *name)
{
	for (size_t i = 0; i < f->n_args; i++)
		if (!f->arg[i].item && strcmp(f->arg[i].name, name) == 0)
			return f->arg[i].value;
	return NULL;
}

/* The items of the list name, in order: how many (at most max kept). */
static size_t items_of(const struct finding *f, const char *name,
		       const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < f->n_args; i++)
		if (f->arg[i].item && strcmp(f->arg[i].name, name) == 0) {
			if (n < max)
				out[n] = f->arg[i].value;
			n++;
		}
	return n;
}

static bool is_number(const struct finding *f, const char *name)
{
	for (size_t i = 0; i < f->n_args; i++)
		if (strcmp(f->arg[i].name, name) == 0)
			return f->arg[i].number;
	ck_abort_msg("%s: no argument %s", f->id, name);
	return false;
}

#define MSG_ID(f, want) ck_assert_str_eq((f)->msg_id, (want))
#define ARG_IS(f, name, want) do { \
	const char *v_ = arg_of((f), (name)); \
	ck_assert_msg(v_ != NULL, "%s: no argument %s", (f)->msg_id, (name)); \
	ck_assert_str_eq(v_, (want)); \
} while (0)

START_TEST(test_ids_ns_count)
{
	make(2);
	run(NULL);
	const struct finding *f = get("ns_count");
	MSG_ID(f, "ns_count.ok");
	ARG_IS(f, "count", "2");
	ck_assert(is_number(f, "count"));
	ck_assert_uint_eq(f->n_args, 1);

	make(1);
	make_report();
	child[1] = "ns9.example.org";
	rep.n_child = 2;
	run(&rep);
	f = get("ns_count");
	MSG_ID(f, "ns_count.parent_one");
	ARG_IS(f, "parent_zone", "com");
	ARG_IS(f, "server", "ns1.example.net");
	ARG_IS(f, "zone_count", "2");
	ck_assert(!is_number(f, "server"));

	make(2);
	make_report();
	rep.n_child = 1;
	run(&rep);
	f = get("ns_count");
	MSG_ID(f, "ns_count.zone_one");
	ARG_IS(f, "server", "ns1.example.net");
	ARG_IS(f, "parent_count", "2");

	make(1);
	run(NULL);
	MSG_ID(get("ns_count"), "ns_count.single");
	ARG_IS(get("ns_count"), "server", "ns1.example.net");
}
END_TEST

/* A list's arguments hold every item, not only the ones the sentence
 * names. */
START_TEST(test_ids_list_all_items)
{
	const char *v[NS_MAX];

	make(6);
	for (size_t i = 0; i < 5; i++)
		no_address(i, ADDR_NONE, ADDR_NONE);
	no_address(4, ADDR_NXDOMAIN, ADDR_NONE);
	run(NULL);
	const struct finding *f = get("ns_resolves");
	MSG_ID(f, "ns_resolves.missing_some");
	more(f, 2);
	ck_assert_uint_eq(items_of(f, "servers", v, NS_MAX), 5);
	for (size_t i = 0; i < 5; i++)
		ck_assert_str_eq(v[i], names[i]);
	ck_assert_uint_eq(items_of(f, "problems", v, NS_MAX), 5);
	ck_assert_str_eq(v[0], "no_records");
	ck_assert_str_eq(v[4], "nxdomain");
	ck_assert(!f->args_cut);

	/* the same in German: the arguments are data, never words */
	cat_de = tree_catalog("de");
	de = (struct lang){ "de", cat_de };
	run_in(&de, NULL);
	ck_assert_uint_eq(items_of(get("ns_resolves"), "problems", v, NS_MAX), 5);
	ck_assert_str_eq(v[0], "no_records");
	catalog_free(cat_de);

	/* servers and addresses in parallel, the serials as numbers */
	make(3);
	make_report();
	ask(2, true)->serial = 7;
	run(&rep);
	f = get("soa_serial");
	MSG_ID(f, "soa_serial.differ");
	more(f, 3);
	ck_assert_uint_eq(items_of(f, "servers", v, NS_MAX), 6);
	ck_assert_str_eq(v[5], "ns3.example.net");
	ck_assert_uint_eq(items_of(f, "addresses", v, NS_MAX), 6);
	ck_assert_str_eq(v[0], "11.53.1.1");
	ck_assert_str_eq(v[5], "2600:53:3::1");
	ck_assert_uint_eq(items_of(f, "serials", v, NS_MAX), 6);
	ck_assert_str_eq(v[5], "7");
	ck_assert(is_number(f, "serials"));

	/* every lame answer, with why */
	make(3);
	make_report();
	for (size_t i = 0; i < rep.n_servers; i++)
		asks[i].aa = false;
	ask(2, true)->rcode = 5;
	run(&rep);
	f = get("lame");
	MSG_ID(f, "lame.lame");
	ck_assert_uint_eq(items_of(f, "servers", v, NS_MAX), 6);
	ck_assert_uint_eq(items_of(f, "problems", v, NS_MAX), 6);
	ck_assert_str_eq(v[0], "not_authoritative");
	ck_assert_str_eq(v[5], "rcode");
	ck_assert_uint_eq(items_of(f, "rcodes", v, NS_MAX), 6);
	ck_assert_str_eq(v[0], "0");
	ck_assert_str_eq(v[5], "5");
}
END_TEST

START_TEST(test_ids_variants)
{
	const char *v[NS_MAX];

	make(2);
	make_report();
	rep.negative_ttl = 900;
	run(&rep);
	const struct finding *f = get("propagation");
	MSG_ID(f, "propagation.zone_and_delegation");
	ARG_IS(f, "longest_ttl", "172800");
	ARG_IS(f, "zone_ttl", "3600");
	ARG_IS(f, "parent_zone", "com");
	ARG_IS(f, "delegation_ttl", "172800");
	ARG_IS(f, "negative_ttl", "900");
	MSG_ID(get("parent_child_match"), "parent_child_match.ok");
	ARG_IS(get("parent_child_match"), "count", "2");
	MSG_ID(get("ds_matches_dnskey"), "ds_matches_dnskey.ok");
	MSG_ID(get("glue"), "glue.not_needed");
	MSG_ID(get("responds"), "responds.ok");
	ARG_IS(get("responds"), "count", "4");
	ck_assert_ptr_null(arg_of(get("responds"), "skipped"));
	MSG_ID(get("soa_serial"), "soa_serial.ok");
	ARG_IS(get("soa_serial"), "serial", "2024010101");

	rep.n_child = 0;
	run(&rep);
	f = get("propagation");
	MSG_ID(f, "propagation.delegation");
	ck_assert_ptr_null(arg_of(f, "zone_ttl"));
	MSG_ID(get("parent_child_match"), "parent_child_match.no_zone_set");
	run(NULL);
	MSG_ID(get("propagation"), "propagation.zone");
	ck_assert_ptr_null(arg_of(get("propagation"), "parent_zone"));

	/* one list at each side */
	make(2);
	make_report();
	deleg[2] = "old.example.org";
	rep.n_deleg = 3;
	child[2] = "new.example.org";
	rep.n_child = 3;
	run(&rep);
	f = get("parent_child_match");
	MSG_ID(f, "parent_child_match.only_both");
	ck_assert_uint_eq(items_of(f, "parent_only", v, NS_MAX), 1);
	ck_assert_str_eq(v[0], "old.example.org");
	ck_assert_uint_eq(items_of(f, "zone_only", v, NS_MAX), 1);
	ck_assert_str_eq(v[0], "new.example.org");
	rep.n_deleg = 2;
	run(&rep);
	MSG_ID(get("parent_child_match"), "parent_child_match.only_zone");

	/* one family in one network */
	make(2);
	servers[1].v6 = (struct ns_addrs){ .state = ADDR_NONE };
	run(NULL);
	f = get("subnet_diversity");
	MSG_ID(f, "subnet_diversity.one_network_family");
	ARG_IS(f, "ipv6_address", "2600:53:1::1");
	ARG_IS(f, "ipv6_count", "1");
	ck_assert_ptr_null(arg_of(f, "ipv4_address"));
	MSG_ID(get("ipv6"), "ipv6.ok");
	ARG_IS(get("ipv6"), "count", "1");

	/* special addresses: server, address and kind, item by item */
	make(3);
	set_v4(v4[1][0], 10, 1, 2, 3);
	run(NULL);
	f = get("public_addresses");
	MSG_ID(f, "public_addresses.special");
	ck_assert_uint_eq(items_of(f, "servers", v, NS_MAX), 1);
	ck_assert_str_eq(v[0], "ns2.example.net");
	ck_assert_uint_eq(items_of(f, "addresses", v, NS_MAX), 1);
	ck_assert_str_eq(v[0], "10.1.2.3");
	ck_assert_uint_eq(items_of(f, "kinds", v, NS_MAX), 1);
	ck_assert_ptr_nonnull(strstr(v[0], "RFC 1918"));

	/* glue: what is wrong, name by name, with the address concerned */
	make_inside(2);
	make_report();
	add_glue(0, true);
	glue[0].addr[3] = 99;
	run(&rep);
	f = get("glue");
	MSG_ID(f, "glue.wrong");
	ck_assert_uint_eq(items_of(f, "problems", v, NS_MAX), 3);
	ck_assert_str_eq(v[0], "glue_not_in_zone");
	ck_assert_str_eq(v[1], "no_glue");
	ck_assert_str_eq(v[2], "address_not_in_glue");
	ck_assert_uint_eq(items_of(f, "addresses", v, NS_MAX), 3);
	ck_assert_str_eq(v[0], "11.53.1.99");
	ck_assert_str_eq(v[1], "");
	ck_assert_str_eq(v[2], "11.53.1.1");
	ck_assert_uint_eq(items_of(f, "servers", v, NS_MAX), 3);
	ck_assert_str_eq(v[1], "ns2.example.com");
	ck_assert_str_eq(v[2], "ns1.example.com");
}
END_TEST

/* Names of 253 octets fill the store: the arguments stop at a whole
 * item, and say so. */
START_TEST(test_ids_args_cut)
{
	const char *s[NS_MAX], *p[NS_MAX];

	make(NS_MAX);
	for (size_t i = 0; i < NS_MAX; i++) {
		memset(names[i], 'a' + (int)i, 253);
		names[i][253] = '\0';
		no_address(i, ADDR_NONE, ADDR_NONE);
	}
	run(NULL);
	const struct finding *f = get("ns_resolves");
	MSG_ID(f, "ns_resolves.missing_all_cached");
	ck_assert(f->args_cut);
	size_t ns = items_of(f, "servers", s, NS_MAX);
	ck_assert_uint_gt(ns, 0);
	ck_assert_uint_lt(ns, NS_MAX);
	ck_assert_uint_eq(items_of(f, "problems", p, NS_MAX), ns);
	for (size_t i = 0; i < ns; i++)
		ck_assert_str_eq(s[i], names[i]);
	/* the sentence is whole all the same */
	more(f, NS_MAX - CHECKS_NAMES_LISTED);
	MSG_HAS(f, "Publish an A or AAAA record for each name server.");
}
END_TEST

/* Every message id the code sets is in checks.h's list, every id of the
 * list is one the code sets, and JSON's schema knows each of them. */
START_TEST(test_ids_documented)
{
	char *code = tree_file("src/report/checks.c");
	char *header = tree_file("src/report/checks.h");
	char *schema = tree_file("docs/nscheck.schema.json");
	char want[128];
	size_t seen = 0;

	for (size_t i = 0; i < CHECKS_MAX; i++) {
		size_t n = 0;
		snprintf(want, sizeof want, "\"%s.", check_id(i));
		for (const char *c = strstr(code, want); c;
		     c = strstr(c + 1, want)) {
			size_t len = strcspn(c + 1, "\"");
			char line[128];
			snprintf(line, sizeof line, "\n * %.*s ", (int)len, c + 1);
			ck_assert_msg(strstr(header, line) != NULL,
				      "checks.h does not list %.*s", (int)len,
				      c + 1);
			n++;
		}
		ck_assert_msg(n > 0, "no message id for %s", check_id(i));
		snprintf(want, sizeof want, "\n * %s.", check_id(i));
		for (const char *h = strstr(header, want); h;
		     h = strstr(h + 1, want)) {
			size_t len = strcspn(h + 4, " ");
			char quoted[128];
			snprintf(quoted, sizeof quoted, "\"%.*s\"", (int)len, h + 4);
			ck_assert_msg(strstr(code, quoted) != NULL,
				      "checks.h lists %s, checks.c sets none",
				      quoted);
			ck_assert_msg(strstr(schema, quoted) != NULL,
				      "docs/nscheck.schema.json lacks %s", quoted);
			seen++;
		}
	}
	ck_assert_uint_ge(seen, 2 * CHECKS_MAX);
	free(code);
	free(header);
	free(schema);
}
END_TEST

/* ---- a wide set of cases ---- */

static unsigned long long wide_seed;

static unsigned wide(unsigned n)
{
	wide_seed = wide_seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((wide_seed >> 33) % n);
}

/* Some address of the family: mostly public, in few networks, now and
 * then special-purpose or NAT64. */
static void wide_addr(unsigned char *a, bool is_v6)
{
	unsigned k = wide(10);

	memset(a, 0, 16);
	if (!is_v6) {
		set_v4(a, k == 0 ? 10 : k == 1 ? 127 : 11, 53, wide(3), wide(4));
	} else if (k == 0) {
		a[0] = 0xfe;
		a[1] = 0x80;
		a[15] = 1;
	} else if (k == 1) {
		a[1] = 0x64;
		a[2] = 0xff;
		a[3] = 0x9b;
		a[15] = 8;
	} else {
		set_v6(a, wide(3), wide(4));
	}
}

static struct report_host wide_hosts[NS_MAX + 2];
static struct report_addr wide_host_addrs[2 * (NS_MAX + 2)];
static struct report_addr wide_glue[2 * (NS_MAX + 2)];
static unsigned char wide_v4[NS_MAX][2][16], wide_v6[NS_MAX][2][16];

/* Case i: the fixture broken at random in every way the checks look at
 * (names inside the zone or not, address states, aliases, asks that time
 * out, lame or different answers, glue, the zone's own answers). */
static const struct report *wide_case(unsigned long i)
{
	wide_seed = i * 7919 + 1;
	size_t n = 1 + wide(NS_MAX - 2);
	bool inside = wide(2);
	make(n);
	for (size_t k = 0; k < n + 2; k++)
		snprintf(names[k], sizeof names[k], "ns%zu.example.%s", k + 1,
			 inside && wide(3) ? "com" : "net");
	for (size_t k = 0; k < n; k++) {
		servers[k].ttl = wide(3) ? 3600 : wide(200000);
		for (int fam = 0; fam < 2; fam++) {
			struct ns_addrs *s = fam ? &servers[k].v6 : &servers[k].v4;
			unsigned st = wide(10);
			*s = (struct ns_addrs){ .state = st < 6 ? ADDR_FOUND :
						(enum addr_state)(st - 5) };
			if (s->state != ADDR_FOUND)
				continue;
			s->n = 1 + wide(2);
			s->addr = fam ? wide_v6[k] : wide_v4[k];
			for (size_t a = 0; a < s->n; a++)
				wide_addr(s->addr[a], fam);
		}
		if (wide(8) == 0)
			servers[k].alias = "host.example.org";
	}
	if (wide(6) == 0)
		result.status = LOOKUP_SERVFAIL;
	if (wide(4) == 0)
		return NULL;
	make_report();
	size_t nd = 0, nc = 0;
	for (size_t k = 0; k < n + 2; k++) {
		if (k < n ? wide(6) != 0 : wide(3) == 0)
			deleg[nd++] = names[k];
		if (k < n ? wide(6) != 0 : wide(3) == 0)
			child[nc++] = names[k];
	}
	rep.n_deleg = wide(8) == 0 ? 1 : nd;
	rep.n_child = wide(5) == 0 ? 0 : nc;
	rep.deleg_ttl = wide(2) ? 172800 : wide(100000);
	rep.negative_ttl = wide(2) ? 0 : wide(10000);
	rep.ds_state = (enum report_ds)wide(3);
	rep.cut_short = wide(4) == 0;
	for (size_t k = 0; k < rep.n_servers; k++) {
		struct report_ask *a = &asks[k];
		wide_addr(a->addr, a->v6);
		a->state = wide(4) ? ASK_ANSWERED : (enum ask_state)wide(5);
		a->rcode = wide(5) ? 0 : (int)wide(13);
		a->aa = wide(6) != 0;
		a->referral = wide(10) == 0;
		a->n_ns = wide(6) ? rep.n_child : 0;
		a->has_soa = wide(5) != 0;
		a->serial = wide(4) ? SERIAL : SERIAL + wide(3);
		a->tcp = (enum over_tcp)(wide(4) ? OVER_TCP_OK : wide(4));
		a->recursion = (enum recursion)(wide(4) ? RECURSION_OFF : wide(3));
		a->keys = (enum key_match)(wide(4) ? KEYS_MATCH : wide(4));
		a->extra = wide(15) == 0;
	}
	rep.glue = wide_glue;
	rep.hosts = wide_hosts;
	rep.host_addrs = wide_host_addrs;
	for (size_t k = 0; k < n + 2; k++) {
		for (int fam = 0; fam < 2; fam++) {
			if (wide(3) == 0)
				continue;
			struct report_addr *g = &wide_glue[rep.n_glue++];
			g->name = names[k];
			wide_addr(g->addr, fam);
			g->v6 = fam;
		}
		if (wide(2))
			continue;
		struct report_host *h = &wide_hosts[rep.n_hosts++];
		h->name = names[k];
		h->v4 = (enum host_answer)wide(5);
		h->v6 = (enum host_answer)wide(5);
		for (int fam = 0; fam < 2; fam++) {
			if ((fam ? h->v6 : h->v4) != HOST_FOUND)
				continue;
			struct report_addr *a = &wide_host_addrs[rep.n_host_addrs++];
			a->name = names[k];
			wide_addr(a->addr, fam);
			a->v6 = fam;
		}
	}
	return &rep;
}

/*
 * Every finding of many cases has a message id of its check that
 * checks.h lists, and in German and Spanish the same findings with
 * sentences of their own (run_in).
 */
START_TEST(test_wide_ids)
{
	char *header = tree_file("src/report/checks.h");
	char line[128];
	size_t findings = 0;

	for (unsigned long i = 0; i < 600; i++) {
		const struct report *r = wide_case(i);
		run_in(i % 2 ? &de : &es, r);
		for (size_t k = 0; k < n_found; k++) {
			const struct finding *f = &found[k];
			well_formed_args(f);
			ck_assert_ptr_nonnull(strstr(f->msg_id, f->id));
			snprintf(line, sizeof line, "\n * %s ", f->msg_id);
			ck_assert_msg(strstr(header, line) != NULL,
				      "checks.h does not list %s", f->msg_id);
			findings++;
		}
	}
	ck_assert_uint_gt(findings, 3000);
	free(header);
}
END_TEST

Suite *checks_suite(void)
{
	Suite *s = suite_create("checks");
	TCase *tc = tcase_create("which");

	tcase_add_test(tc, test_lookup_only);
	tcase_add_test(tc, test_with_report_all_pass);
	tcase_add_test(tc, test_report_not_done);
	tcase_add_test(tc, test_failed_lookup);
	tcase_add_test(tc, test_failed_lookup_empty_report);
	tcase_add_test(tc, test_not_found_statuses);
	tcase_add_test(tc, test_table);
	tcase_add_test(tc, test_every_check_explained);
	tcase_add_test(tc, test_status_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("lookup");
	tcase_add_test(tc, test_ns_count);
	tcase_add_test(tc, test_ns_count_from_report);
	tcase_add_test(tc, test_resolves_one_family_is_enough);
	tcase_add_test(tc, test_resolves_some_without_address);
	tcase_add_test(tc, test_resolves_none_with_address);
	tcase_add_test(tc, test_resolves_through_glue);
	tcase_add_test(tc, test_resolves_reasons);
	tcase_add_test(tc, test_resolves_names_cap);
	tcase_add_test(tc, test_resolves_names_cap_exact);
	tcase_add_test(tc, test_resolves_long_names_fit);
	tcase_add_test(tc, test_resolves_skipped_not_counted);
	tcase_add_test(tc, test_resolves_parent_only);
	tcase_add_test(tc, test_not_cname);
	tcase_add_test(tc, test_not_cname_cap);
	suite_add_tcase(s, tc);

	tc = tcase_create("report");
	tcase_add_test(tc, test_match);
	tcase_add_test(tc, test_match_differs);
	tcase_add_test(tc, test_match_cap);
	tcase_add_test(tc, test_match_no_child_set);
	tcase_add_test(tc, test_lame);
	tcase_add_test(tc, test_lame_only_answers);
	tcase_add_test(tc, test_lame_cap);
	tcase_add_test(tc, test_responds);
	tcase_add_test(tc, test_responds_not_asked);
	tcase_add_test(tc, test_responds_cap);
	tcase_add_test(tc, test_tcp);
	tcase_add_test(tc, test_open_recursion);
	tcase_add_test(tc, test_ds_matches_dnskey);
	tcase_add_test(tc, test_serial);
	tcase_add_test(tc, test_serial_cap);
	tcase_add_test(tc, test_glue_not_needed);
	tcase_add_test(tc, test_glue);
	tcase_add_test(tc, test_glue_missing);
	tcase_add_test(tc, test_glue_subset);
	tcase_add_test(tc, test_glue_name_denied);
	tcase_add_test(tc, test_glue_parent_only);
	tcase_add_test(tc, test_glue_alias);
	tcase_add_test(tc, test_glue_wrong_address);
	tcase_add_test(tc, test_glue_cap);
	suite_add_tcase(s, tc);

	tc = tcase_create("addresses");
	tcase_add_test(tc, test_subnets);
	tcase_add_test(tc, test_subnets_one_v4_address);
	tcase_add_test(tc, test_subnets_v6);
	tcase_add_test(tc, test_subnets_one_v6_address);
	tcase_add_test(tc, test_subnets_from_report);
	tcase_add_test(tc, test_ipv6);
	tcase_add_test(tc, test_public);
	tcase_add_test(tc, test_public_registry);
	tcase_add_test(tc, test_public_cap);
	tcase_add_test(tc, test_public_from_report);
	tcase_add_test(tc, test_propagation);
	suite_add_tcase(s, tc);

	tc = tcase_create("languages");
	tcase_add_checked_fixture(tc, langs_setup, langs_teardown);
	tcase_add_test(tc, test_lang_ns_count);
	tcase_add_test(tc, test_lang_match);
	tcase_add_test(tc, test_lang_resolves);
	tcase_add_test(tc, test_lang_not_cname);
	tcase_add_test(tc, test_lang_lame);
	tcase_add_test(tc, test_lang_responds);
	tcase_add_test(tc, test_lang_serial);
	tcase_add_test(tc, test_lang_glue);
	tcase_add_test(tc, test_lang_tcp_recursion_ds);
	tcase_add_test(tc, test_lang_addresses);
	tcase_add_test(tc, test_lang_propagation);
	tcase_add_test(tc, test_lang_words_and_titles);
	tcase_add_test(tc, test_wide_ids);
	suite_add_tcase(s, tc);

	tc = tcase_create("ids");
	tcase_add_test(tc, test_ids_ns_count);
	tcase_add_test(tc, test_ids_list_all_items);
	tcase_add_test(tc, test_ids_variants);
	tcase_add_test(tc, test_ids_args_cut);
	tcase_add_test(tc, test_ids_documented);
	suite_add_tcase(s, tc);
	return s;
}
