/*
 * Unit tests of resolver: real udns queries over loopback to fakedns, a
 * scripted server forked by the fixture, so every outcome (answers,
 * NXDOMAIN, NODATA, SERVFAIL, REFUSED, truncation, garbage, silence) comes
 * from actual packets. Time is only checked against loose upper bounds
 * that prove a deadline or the retry limit ended a query.
 */
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/config.h"
#include "dns/dnsmsg.h"
#include "fakedns.h"
#include "dns/resolver.h"
#include "suites.h"

#define SOA_TEST "ns.test hostmaster.test 2024010101 3600 600 86400 300"

/* What the first server (dns1) says. Names not listed get no reply. */
static const struct fakedns_answer world[] = {
	{ .qname = "ok.test", .qtype = DNS_T_NS, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_NS, NULL, 3600, "ns2.ok.test" },
		  { DNS_T_NS, NULL, 7200, "ns1.ok.test" } } },
	{ .qname = "ok.test", .qtype = DNS_T_A,
	  .an = { { DNS_T_A, NULL, 300, "192.0.2.1" },
		  { DNS_T_A, NULL, 300, "192.0.2.2" } } },
	{ .qname = "ns1.ok.test", .qtype = DNS_T_A,
	  .an = { { DNS_T_A, NULL, 60, "192.0.2.11" } } },
	{ .qname = "ns2.ok.test", .qtype = DNS_T_A,
	  .an = { { DNS_T_A, NULL, 60, "192.0.2.12" } } },
	{ .qname = "ns1.ok.test", .qtype = DNS_T_AAAA,
	  .an = { { DNS_T_AAAA, NULL, 60, "2001:db8::11" } } },
	{ .qname = "nx.test", .qtype = DNS_T_NS, .rcode = DNS_R_NXDOMAIN,
	  .ns = { { DNS_T_SOA, "test", 900, SOA_TEST } } },
	{ .qname = "nodata.test", .qtype = DNS_T_NS,
	  .ns = { { DNS_T_SOA, "test", 900, SOA_TEST } } },
	{ .qname = "servfail.test", .qtype = DNS_T_NS, .rcode = DNS_R_SERVFAIL },
	{ .qname = "refused.test", .qtype = DNS_T_NS, .rcode = DNS_R_REFUSED },
	/* udns drops a truncated reply whatever it holds */
	{ .qname = "tc.test", .qtype = DNS_T_NS, .flags = FAKEDNS_TC,
	  .an = { { DNS_T_NS, NULL, 3600, "ns1.tc.test" } } },
	{ .qname = "loop.test", .qtype = DNS_T_NS,
	  .an = { { FAKEDNS_T_NSLOOP, NULL, 3600, NULL } } },
	{ .qname = "yxdomain.test", .qtype = DNS_T_NS, .rcode = 6 }, /* RFC 2136 */
	{ .qname = "notauth.test", .qtype = DNS_T_NS, .rcode = 9 },  /* RFC 2136 */
	/* the second server answers these; dns1 fails them */
	{ .qname = "fallback.test", .qtype = DNS_T_NS, .rcode = DNS_R_SERVFAIL },
	{ .qname = "fallback2.test", .qtype = DNS_T_NS, .rcode = DNS_R_REFUSED },
	{ .qname = "bothfail.test", .qtype = DNS_T_NS, .rcode = DNS_R_SERVFAIL },
	{ .qname = NULL },
};

/* What the second server (dns2) says. */
static const struct fakedns_answer world2[] = {
	{ .qname = "fallback.test", .qtype = DNS_T_NS,
	  .an = { { DNS_T_NS, NULL, 3600, "ns.fallback.test" } } },
	{ .qname = "fallback2.test", .qtype = DNS_T_NS,
	  .an = { { DNS_T_NS, NULL, 3600, "ns.fallback2.test" } } },
	{ .qname = "bothfail.test", .qtype = DNS_T_NS, .rcode = DNS_R_SERVFAIL },
	{ .qname = NULL },
};

/* --- fixture: two fake servers, a config, the resolver -------------- */

static struct fakedns dns1, dns2;
static struct config cfg;
static struct resolver *res;

static void set(const char *key, const char *value)
{
	char err[CONFIG_ERR_MAX];

	ck_assert_msg(config_set(&cfg, key, value, err, sizeof err) == 0,
		      "%s = %s: %s", key, value, err);
}

static void setup(void)
{
	res = NULL;
	fakedns_open(&dns1);
	fakedns_open(&dns2);
	fakedns_start(&dns1, world);
	fakedns_start(&dns2, world2);
	config_defaults(&cfg);
	set("resolver", dns1.addr);
	set("query_timeout", "1s");
	set("query_tries", "2");
	set("deadline", "1500ms");
}

static void teardown(void)
{
	resolver_free(res);
	res = NULL;
	fakedns_stop(&dns1);
	fakedns_stop(&dns2);
}

/* The resolver for the current cfg. */
static struct resolver *start(void)
{
	char err[256] = "";

	resolver_free(res);
	res = resolver_new(&cfg, err, sizeof err);
	ck_assert_msg(res != NULL, "resolver_new: %s", err);
	return res;
}

/* --- what a callback saw --------------------------------------------- */

struct seen {
	int calls;
	enum res_outcome outcome;
	void *parsed;
	unsigned char *pkt;
	size_t pkt_len;
	char server[64];
	uint32_t elapsed_ms;
};

static void record(const struct res_reply *reply, void *data)
{
	struct seen *s = data;

	s->calls++;
	free(s->parsed);
	free(s->pkt);
	s->outcome = reply->outcome;
	s->parsed = reply->parsed;
	s->pkt = NULL;
	s->pkt_len = reply->pkt_len;
	if (reply->pkt) {
		s->pkt = malloc(reply->pkt_len);
		ck_assert_ptr_nonnull(s->pkt);
		memcpy(s->pkt, reply->pkt, reply->pkt_len);
	}
	memcpy(s->server, reply->server, sizeof s->server);
	s->elapsed_ms = reply->elapsed_ms;
}

static void seen_free(struct seen *s)
{
	free(s->parsed);
	free(s->pkt);
	memset(s, 0, sizeof *s);
}

static int parse_calls;

/* dnsmsg_parse_ns, counting its calls */
static int counting_parse_ns(dnscc_t *qdn, dnscc_t *pkt, dnscc_t *cur,
			     dnscc_t *end, void **result)
{
	parse_calls++;
	return dnsmsg_parse_ns(qdn, pkt, cur, end, result);
}

/* One query through a fresh resolver, run to cfg's deadline. */
static void ask(const char *name, int qtype, dns_parse_fn *parse,
		struct seen *s)
{
	struct resolver *r = start();

	memset(s, 0, sizeof *s);
	ck_assert_int_eq(resolver_submit(r, name, qtype, parse, record, s), 0);
	resolver_run(r, clock_ms() + cfg.deadline_ms);
	ck_assert_int_eq(s->calls, 1);
}

static void ask_ns(const char *name, struct seen *s)
{
	ask(name, DNS_T_NS, dnsmsg_parse_ns, s);
}

/* --- answers --------------------------------------------------------- */

START_TEST(test_ok_ns)
{
	struct seen s;

	ask_ns("ok.test", &s);
	ck_assert_int_eq(s.outcome, RES_OK);
	const struct dnsmsg_ns *ns = s.parsed;
	ck_assert_ptr_nonnull(ns);
	ck_assert_uint_eq(ns->n, 2);
	ck_assert_str_eq(ns->qname, "ok.test");
	ck_assert_str_eq(ns->owner, "ok.test");
	ck_assert_str_eq(ns->rr[0].name, "ns2.ok.test");
	ck_assert_uint_eq(ns->rr[0].ttl, 3600);
	ck_assert_str_eq(ns->rr[1].name, "ns1.ok.test");
	ck_assert_uint_eq(ns->rr[1].ttl, 7200);
	ck_assert_str_eq(s.server, dns1.addr);
	ck_assert_ptr_nonnull(s.pkt);
	ck_assert_uint_gt(s.pkt_len, DNS_HSIZE);
	ck_assert_int_eq(dnsmsg_rcode(s.pkt, s.pkt_len), DNS_R_NOERROR);
	ck_assert_uint_lt(s.elapsed_ms, 2000);
	seen_free(&s);
}
END_TEST

START_TEST(test_ok_a)
{
	struct seen s;

	ask("ok.test", DNS_T_A, dns_parse_a4, &s);
	ck_assert_int_eq(s.outcome, RES_OK);
	const struct dns_rr_a4 *a4 = s.parsed;
	ck_assert_ptr_nonnull(a4);
	ck_assert_int_eq(a4->dnsa4_nrr, 2);
	ck_assert_uint_eq(a4->dnsa4_ttl, 300);
	const unsigned char *b = (const unsigned char *)&a4->dnsa4_addr[0];
	ck_assert_uint_eq(b[0], 192);
	ck_assert_uint_eq(b[3], 1);
	b = (const unsigned char *)&a4->dnsa4_addr[1];
	ck_assert_uint_eq(b[3], 2);
	ck_assert_str_eq(s.server, dns1.addr);
	seen_free(&s);
}
END_TEST

/* --- negative answers ------------------------------------------------ */

START_TEST(test_nxdomain_keeps_packet)
{
	struct seen s;
	struct dnsmsg_soa soa;

	ask_ns("nx.test", &s);
	ck_assert_int_eq(s.outcome, RES_NXDOMAIN);
	ck_assert_ptr_null(s.parsed);
	ck_assert_ptr_nonnull(s.pkt);
	ck_assert_int_eq(dnsmsg_rcode(s.pkt, s.pkt_len), DNS_R_NXDOMAIN);
	ck_assert_int_eq(dnsmsg_find_soa(s.pkt, s.pkt_len, &soa), 1);
	ck_assert_str_eq(soa.zone, "test");
	ck_assert_uint_eq(soa.ttl, 900);
	ck_assert_uint_eq(soa.minimum, 300);
	ck_assert_str_eq(s.server, dns1.addr);
	seen_free(&s);
}
END_TEST

START_TEST(test_nodata_without_parsing)
{
	struct seen s;
	struct dnsmsg_soa soa;

	parse_calls = 0;
	ask("nodata.test", DNS_T_NS, counting_parse_ns, &s);
	ck_assert_int_eq(s.outcome, RES_NODATA);
	ck_assert_int_eq(parse_calls, 0); /* udns ends it on ANCOUNT 0 */
	ck_assert_ptr_null(s.parsed);
	ck_assert_ptr_nonnull(s.pkt);
	ck_assert_int_eq(dnsmsg_find_soa(s.pkt, s.pkt_len, &soa), 1);
	ck_assert_str_eq(soa.zone, "test");
	seen_free(&s);
}
END_TEST

/* --- failures -------------------------------------------------------- */

START_TEST(test_servfail)
{
	struct seen s;

	ask_ns("servfail.test", &s);
	ck_assert_int_eq(s.outcome, RES_SERVFAIL);
	ck_assert_ptr_null(s.parsed);
	ck_assert_ptr_nonnull(s.pkt);
	ck_assert_int_eq(dnsmsg_rcode(s.pkt, s.pkt_len), DNS_R_SERVFAIL);
	ck_assert_str_eq(s.server, dns1.addr);
	/* it ended on the reply, not on the deadline */
	ck_assert_uint_lt(s.elapsed_ms, 1000);
	seen_free(&s);
}
END_TEST

START_TEST(test_refused)
{
	struct seen s;

	ask_ns("refused.test", &s);
	ck_assert_int_eq(s.outcome, RES_REFUSED);
	ck_assert_ptr_null(s.parsed);
	ck_assert_int_eq(dnsmsg_rcode(s.pkt, s.pkt_len), DNS_R_REFUSED);
	ck_assert_str_eq(s.server, dns1.addr);
	seen_free(&s);
}
END_TEST

START_TEST(test_truncated)
{
	struct seen s;

	parse_calls = 0;
	ask("tc.test", DNS_T_NS, counting_parse_ns, &s);
	ck_assert_int_eq(s.outcome, RES_TRUNCATED);
	ck_assert_int_eq(parse_calls, 0);
	ck_assert_ptr_null(s.parsed);
	ck_assert_ptr_nonnull(s.pkt);
	ck_assert_str_eq(s.server, dns1.addr);
	seen_free(&s);
}
END_TEST

START_TEST(test_malformed_answer)
{
	struct seen s;

	ask_ns("loop.test", &s);
	ck_assert_int_eq(s.outcome, RES_PROTOCOL);
	ck_assert_ptr_null(s.parsed);
	ck_assert_ptr_nonnull(s.pkt);
	seen_free(&s);
}
END_TEST

/* An rcode udns does not know (YXDOMAIN, NOTAUTH) is a failure the server
 * reported, not silence. */
START_TEST(test_yxdomain_is_not_timeout)
{
	struct seen s;

	ask_ns("yxdomain.test", &s);
	ck_assert_int_ne(s.outcome, RES_TIMEOUT);
	ck_assert_int_ne(s.outcome, RES_OK);
	ck_assert_ptr_null(s.parsed);
	ck_assert_ptr_nonnull(s.pkt);
	ck_assert_int_eq(dnsmsg_rcode(s.pkt, s.pkt_len), 6);
	seen_free(&s);
}
END_TEST

START_TEST(test_notauth_is_not_timeout)
{
	struct seen s;

	ask_ns("notauth.test", &s);
	ck_assert_int_ne(s.outcome, RES_TIMEOUT);
	ck_assert_int_ne(s.outcome, RES_OK);
	ck_assert_ptr_null(s.parsed);
	ck_assert_int_eq(dnsmsg_rcode(s.pkt, s.pkt_len), 9);
	seen_free(&s);
}
END_TEST

START_TEST(test_silence_ends_at_deadline)
{
	struct seen s;

	set("deadline", "300ms");
	int64_t t0 = clock_ms();
	ask_ns("silent.test", &s);
	ck_assert_int_lt(clock_ms() - t0, 2000);
	ck_assert_int_eq(s.outcome, RES_TIMEOUT);
	ck_assert_ptr_null(s.parsed);
	ck_assert_ptr_null(s.pkt);
	ck_assert_str_eq(s.server, "");
	seen_free(&s);
}
END_TEST

/* udns gives up after query_tries before our deadline does. */
START_TEST(test_silence_ends_after_tries)
{
	struct seen s;

	set("query_tries", "1");
	set("deadline", "8s");
	int64_t t0 = clock_ms();
	ask_ns("silent.test", &s);
	ck_assert_int_lt(clock_ms() - t0, 4000);
	ck_assert_int_eq(s.outcome, RES_TIMEOUT);
	ck_assert_ptr_null(s.pkt);
	seen_free(&s);
}
END_TEST

/* --- several servers ------------------------------------------------- */

START_TEST(test_next_server_after_failure)
{
	struct seen s;
	char both[80];

	snprintf(both, sizeof both, "%s, %s", dns1.addr, dns2.addr);
	set("resolver", both);

	ask_ns("fallback.test", &s);
	ck_assert_int_eq(s.outcome, RES_OK);
	ck_assert_str_eq(s.server, dns2.addr);
	ck_assert_str_eq(((struct dnsmsg_ns *)s.parsed)->rr[0].name,
			 "ns.fallback.test");
	ck_assert_uint_lt(s.elapsed_ms, 1000); /* no wait between servers */
	seen_free(&s);

	ask_ns("fallback2.test", &s);
	ck_assert_int_eq(s.outcome, RES_OK);
	ck_assert_str_eq(s.server, dns2.addr);
	seen_free(&s);

	ask_ns("bothfail.test", &s);
	ck_assert_int_eq(s.outcome, RES_SERVFAIL);
	ck_assert_str_eq(s.server, dns2.addr);
	seen_free(&s);
}
END_TEST

/* --- the run loop ---------------------------------------------------- */

struct chain;

/* One address query of the chain: which slot its answer goes to. */
struct chain_link {
	struct chain *c;
	int i;
};

struct chain {
	struct resolver *r;
	struct seen ns;
	struct seen a[2];
	struct seen aaaa;
	struct chain_link link[2];
	int submit_failures;
};

static void on_chain_a(const struct res_reply *reply, void *data)
{
	struct chain_link *l = data;
	struct chain *c = l->c;

	record(reply, &c->a[l->i]);
	/* a second level: the first address answer asks for an AAAA */
	if (l->i == 0 &&
	    resolver_submit(c->r, "ns1.ok.test", DNS_T_AAAA, dns_parse_a6,
			    record, &c->aaaa) < 0)
		c->submit_failures++;
}

static void on_chain_ns(const struct res_reply *reply, void *data)
{
	struct chain *c = data;
	const struct dnsmsg_ns *ns = reply->parsed;

	if (reply->outcome == RES_OK) {
		for (unsigned i = 0; i < ns->n && i < 2; i++) {
			c->link[i].c = c;
			c->link[i].i = (int)i;
			if (resolver_submit(c->r, ns->rr[i].name, DNS_T_A,
					    dns_parse_a4, on_chain_a,
					    &c->link[i]) < 0)
				c->submit_failures++;
		}
	}
	record(reply, &c->ns); /* takes reply->parsed */
}

START_TEST(test_submit_from_callback)
{
	struct chain c;

	memset(&c, 0, sizeof c);
	c.r = start();
	ck_assert_int_eq(resolver_submit(c.r, "ok.test", DNS_T_NS,
					 dnsmsg_parse_ns, on_chain_ns, &c), 0);
	resolver_run(c.r, clock_ms() + cfg.deadline_ms);
	ck_assert_int_eq(c.submit_failures, 0);
	ck_assert_int_eq(c.ns.calls, 1);
	ck_assert_int_eq(c.ns.outcome, RES_OK);
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(c.a[i].calls, 1);
		ck_assert_int_eq(c.a[i].outcome, RES_OK);
		ck_assert_int_eq(((struct dns_rr_a4 *)c.a[i].parsed)->dnsa4_nrr, 1);
	}
	/* a[0] asked for ns2.ok.test (answer order), a[1] for ns1.ok.test */
	ck_assert_str_eq(((struct dns_rr_a4 *)c.a[0].parsed)->dnsa4_qname,
			 "ns2.ok.test");
	ck_assert_int_eq(c.aaaa.calls, 1);
	ck_assert_int_eq(c.aaaa.outcome, RES_OK);
	ck_assert_int_eq(((struct dns_rr_a6 *)c.aaaa.parsed)->dnsa6_nrr, 1);
	seen_free(&c.ns);
	seen_free(&c.a[0]);
	seen_free(&c.a[1]);
	seen_free(&c.aaaa);
}
END_TEST

/* Every outcome at once, in one run, each to its own callback. */
START_TEST(test_mixed_outcomes_in_one_run)
{
	static const struct {
		const char *name;
		enum res_outcome want;
	} q[] = {
		{ "ok.test", RES_OK },
		{ "nx.test", RES_NXDOMAIN },
		{ "nodata.test", RES_NODATA },
		{ "servfail.test", RES_SERVFAIL },
		{ "refused.test", RES_REFUSED },
		{ "tc.test", RES_TRUNCATED },
		{ "loop.test", RES_PROTOCOL },
		{ "silent.test", RES_TIMEOUT },
		{ "ok.test", RES_OK },
	};
	enum { N = sizeof q / sizeof q[0] };
	struct seen s[N];
	struct resolver *r;

	set("deadline", "400ms");
	r = start();
	memset(s, 0, sizeof s);
	for (size_t i = 0; i < N; i++)
		ck_assert_int_eq(resolver_submit(r, q[i].name, DNS_T_NS,
						 dnsmsg_parse_ns, record, &s[i]), 0);
	resolver_run(r, clock_ms() + cfg.deadline_ms);
	for (size_t i = 0; i < N; i++) {
		ck_assert_msg(s[i].calls == 1, "%s: %d calls", q[i].name,
			      s[i].calls);
		ck_assert_msg(s[i].outcome == q[i].want, "%s: %s, not %s",
			      q[i].name, res_outcome_str(s[i].outcome),
			      res_outcome_str(q[i].want));
		seen_free(&s[i]);
	}
}
END_TEST

START_TEST(test_deadline_already_passed)
{
	static const char *const names[] = { "ok.test", "nx.test", "silent.test" };
	struct seen s[3];
	struct resolver *r = start();

	memset(s, 0, sizeof s);
	for (size_t i = 0; i < 3; i++)
		ck_assert_int_eq(resolver_submit(r, names[i], DNS_T_NS,
						 dnsmsg_parse_ns, record, &s[i]), 0);
	int64_t t0 = clock_ms();
	resolver_run(r, t0 - 1);
	ck_assert_int_lt(clock_ms() - t0, 500);
	for (size_t i = 0; i < 3; i++) {
		ck_assert_int_eq(s[i].calls, 1);
		/* nothing went out: the time ran out, nothing was unreachable */
		ck_assert_int_eq(s[i].outcome, RES_TIMEOUT);
		ck_assert_ptr_null(s[i].parsed);
		ck_assert_ptr_null(s[i].pkt);
		ck_assert_str_eq(s[i].server, "");
	}
	/* a later run has nothing left to end */
	resolver_run(r, clock_ms() + 200);
	for (size_t i = 0; i < 3; i++) {
		ck_assert_int_eq(s[i].calls, 1);
		seen_free(&s[i]);
	}
}
END_TEST

/* A query submitted by a callback while the deadline ends the run is
 * ended in that run too, not left for the next one. */
struct late {
	struct resolver *r;
	struct seen first, second;
	int submit_failures;
};

static void on_late_first(const struct res_reply *reply, void *data)
{
	struct late *l = data;

	record(reply, &l->first);
	if (resolver_submit(l->r, "ok.test", DNS_T_A, dns_parse_a4, record,
			    &l->second) < 0)
		l->submit_failures++;
}

START_TEST(test_submit_during_expiry)
{
	struct late l;

	memset(&l, 0, sizeof l);
	l.r = start();
	ck_assert_int_eq(resolver_submit(l.r, "silent.test", DNS_T_NS,
					 dnsmsg_parse_ns, on_late_first, &l), 0);
	resolver_run(l.r, clock_ms() - 1);
	ck_assert_int_eq(l.submit_failures, 0);
	ck_assert_int_eq(l.first.calls, 1);
	ck_assert_int_eq(l.first.outcome, RES_TIMEOUT);
	ck_assert_int_eq(l.second.calls, 1);
	ck_assert_int_eq(l.second.outcome, RES_TIMEOUT);
	resolver_run(l.r, clock_ms() + 200);
	ck_assert_int_eq(l.first.calls, 1);
	ck_assert_int_eq(l.second.calls, 1);
	seen_free(&l.first);
	seen_free(&l.second);
}
END_TEST

/* The resolver stays usable after a run that hit its deadline. */
START_TEST(test_reuse_after_deadline)
{
	struct seen s1, s2;
	struct resolver *r;

	set("deadline", "300ms");
	r = start();
	memset(&s1, 0, sizeof s1);
	memset(&s2, 0, sizeof s2);
	ck_assert_int_eq(resolver_submit(r, "silent.test", DNS_T_NS,
					 dnsmsg_parse_ns, record, &s1), 0);
	resolver_run(r, clock_ms() + 300);
	ck_assert_int_eq(s1.calls, 1);
	ck_assert_int_eq(s1.outcome, RES_TIMEOUT);
	ck_assert_int_eq(resolver_submit(r, "ok.test", DNS_T_NS,
					 dnsmsg_parse_ns, record, &s2), 0);
	resolver_run(r, clock_ms() + 1500);
	ck_assert_int_eq(s1.calls, 1);
	ck_assert_int_eq(s2.calls, 1);
	ck_assert_int_eq(s2.outcome, RES_OK);
	seen_free(&s1);
	seen_free(&s2);
}
END_TEST

START_TEST(test_bad_name_not_queued)
{
	struct seen s;
	char name[80];
	struct resolver *r = start();

	memset(&s, 0, sizeof s);
	memset(name, 'a', 64); /* one label of 64 octets: RFC 1035 §2.3.4 */
	memcpy(name + 64, ".test", 6);
	ck_assert_int_eq(resolver_submit(r, name, DNS_T_NS, dnsmsg_parse_ns,
					 record, &s), -1);
	resolver_run(r, clock_ms() + 200);
	ck_assert_int_eq(s.calls, 0);
}
END_TEST

/* --- lifetime -------------------------------------------------------- */

START_TEST(test_free_without_queries)
{
	resolver_free(start());
	res = NULL;
	resolver_free(NULL);
}
END_TEST

/* Queries never run end silently: no callback, nothing leaked. */
START_TEST(test_free_with_open_queries)
{
	struct seen s[2];
	struct resolver *r = start();

	memset(s, 0, sizeof s);
	ck_assert_int_eq(resolver_submit(r, "ok.test", DNS_T_NS,
					 dnsmsg_parse_ns, record, &s[0]), 0);
	ck_assert_int_eq(resolver_submit(r, "silent.test", DNS_T_A,
					 dns_parse_a4, record, &s[1]), 0);
	resolver_free(r);
	res = NULL;
	ck_assert_int_eq(s[0].calls, 0);
	ck_assert_int_eq(s[1].calls, 0);
}
END_TEST

START_TEST(test_outcome_strings)
{
	static const enum res_outcome all[] = {
		RES_OK, RES_NXDOMAIN, RES_NODATA, RES_SERVFAIL, RES_REFUSED,
		RES_TRUNCATED, RES_PROTOCOL, RES_TIMEOUT, RES_UNREACHABLE,
		RES_NOMEM,
	};
	enum { N = sizeof all / sizeof all[0] };

	for (size_t i = 0; i < N; i++) {
		const char *s = res_outcome_str(all[i]);
		ck_assert_str_ne(s, "unknown");
		for (size_t j = 0; j < i; j++)
			ck_assert_str_ne(s, res_outcome_str(all[j]));
	}
	ck_assert_str_eq(res_outcome_str(RES_SERVFAIL), "servfail");
	ck_assert_str_eq(res_outcome_str(RES_REFUSED), "refused");
	ck_assert_str_eq(res_outcome_str(RES_TIMEOUT), "timeout");
}
END_TEST

Suite *resolver_suite(void)
{
	Suite *s = suite_create("resolver");
	TCase *tc = tcase_create("outcomes");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 15);
	tcase_add_test(tc, test_ok_ns);
	tcase_add_test(tc, test_ok_a);
	tcase_add_test(tc, test_nxdomain_keeps_packet);
	tcase_add_test(tc, test_nodata_without_parsing);
	tcase_add_test(tc, test_servfail);
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_malformed_answer);
	tcase_add_test(tc, test_yxdomain_is_not_timeout);
	tcase_add_test(tc, test_notauth_is_not_timeout);
	tcase_add_test(tc, test_silence_ends_at_deadline);
	tcase_add_test(tc, test_silence_ends_after_tries);
	tcase_add_test(tc, test_next_server_after_failure);
	suite_add_tcase(s, tc);

	tc = tcase_create("run");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 15);
	tcase_add_test(tc, test_submit_from_callback);
	tcase_add_test(tc, test_mixed_outcomes_in_one_run);
	tcase_add_test(tc, test_deadline_already_passed);
	tcase_add_test(tc, test_submit_during_expiry);
	tcase_add_test(tc, test_reuse_after_deadline);
	tcase_add_test(tc, test_bad_name_not_queued);
	tcase_add_test(tc, test_free_without_queries);
	tcase_add_test(tc, test_free_with_open_queries);
	tcase_add_test(tc, test_outcome_strings);
	suite_add_tcase(s, tc);
	return s;
}
