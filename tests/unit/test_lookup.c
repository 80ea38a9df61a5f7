/*
 * Unit tests of lookup: lookup_run() against fakedns, a scripted DNS
 * server on loopback, so the NS query, the address queries of every name
 * server and their outcomes all travel as real packets through udns. The
 * script below is a small world under "test."; a question it does not
 * name gets no reply.
 */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/clock.h"
#include "util/config.h"
#include "fakedns.h"
#include "report/lookup.h"
#include "dns/dnsmsg.h"
#include "dns/resolver.h"
#include "report/result.h"
#include "suites.h"

/* RFC 2308 §5: these negative answers live min(SOA TTL, MINIMUM). */
#define SOA_TEST "ns.test hostmaster.test 1 3600 600 86400 300"
#define SOA_FOUND "ns1.found.test hostmaster.found.test 7 3600 600 86400 3600"

static const struct fakedns_answer world[] = {
	/* NS in reverse order, addresses unsorted: lookup sorts both */
	{ .qname = "found.test", .qtype = DNS_T_NS, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_NS, NULL, 7200, "ns2.found.test" },
		  { DNS_T_NS, NULL, 3600, "ns1.found.test" } } },
	{ .qname = "ns1.found.test", .qtype = DNS_T_A,
	  .an = { { DNS_T_A, NULL, 300, "192.0.2.20" },
		  { DNS_T_A, NULL, 300, "192.0.2.3" } } },
	{ .qname = "ns1.found.test", .qtype = DNS_T_AAAA,
	  .an = { { DNS_T_AAAA, NULL, 600, "2001:db8::20" },
		  { DNS_T_AAAA, NULL, 600, "2001:db8::3" } } },
	{ .qname = "ns2.found.test", .qtype = DNS_T_A,
	  .an = { { DNS_T_A, NULL, 900, "198.51.100.1" } } },
	{ .qname = "ns2.found.test", .qtype = DNS_T_AAAA,
	  .ns = { { DNS_T_SOA, "found.test", 120, SOA_FOUND } } },

	/* a name server whose name does not exist */
	{ .qname = "gone.test", .qtype = DNS_T_NS,
	  .an = { { DNS_T_NS, NULL, 3600, "ns.nowhere.test" } } },
	{ .qname = "ns.nowhere.test", .qtype = DNS_T_A, .rcode = DNS_R_NXDOMAIN,
	  .ns = { { DNS_T_SOA, "test", 900, SOA_TEST } } },
	{ .qname = "ns.nowhere.test", .qtype = DNS_T_AAAA,
	  .rcode = DNS_R_NXDOMAIN,
	  .ns = { { DNS_T_SOA, "test", 900, SOA_TEST } } },

	/* a name server whose address queries fail */
	{ .qname = "brokenaddr.test", .qtype = DNS_T_NS,
	  .an = { { DNS_T_NS, NULL, 3600, "ns.broken.test" } } },
	{ .qname = "ns.broken.test", .qtype = DNS_T_A,
	  .rcode = DNS_R_SERVFAIL },
	{ .qname = "ns.broken.test", .qtype = DNS_T_AAAA,
	  .rcode = DNS_R_REFUSED },

	/* a name server whose A query goes unanswered */
	{ .qname = "slowaddr.test", .qtype = DNS_T_NS,
	  .an = { { DNS_T_NS, NULL, 3600, "ns.slow.test" } } },
	{ .qname = "ns.slow.test", .qtype = DNS_T_AAAA,
	  .ns = { { DNS_T_SOA, "test", 900, SOA_TEST } } },

	/* negative answers */
	{ .qname = "nx.test", .qtype = DNS_T_NS, .rcode = DNS_R_NXDOMAIN,
	  .ns = { { DNS_T_SOA, "test", 900, SOA_TEST } } },
	{ .qname = "www.found.test", .qtype = DNS_T_NS,
	  .ns = { { DNS_T_SOA, "found.test", 120, SOA_FOUND } } },

	{ .qname = "nosoa.test", .qtype = DNS_T_NS },

	/* aliases: the answer is about the CNAME target */
	{ .qname = "alias.test", .qtype = DNS_T_NS,
	  .an = { { DNS_T_CNAME, NULL, 60, "found.test" },
		  { DNS_T_NS, "found.test", 7200, "ns2.found.test" },
		  { DNS_T_NS, "found.test", 3600, "ns1.found.test" } } },
	{ .qname = "aliasnx.test", .qtype = DNS_T_NS, .rcode = DNS_R_NXDOMAIN,
	  .an = { { DNS_T_CNAME, NULL, 60, "nothing.found.test" } },
	  .ns = { { DNS_T_SOA, "found.test", 120, SOA_FOUND } } },
	{ .qname = "aliasnd.test", .qtype = DNS_T_NS,
	  .an = { { DNS_T_CNAME, NULL, 60, "www.found.test" } },
	  .ns = { { DNS_T_SOA, "found.test", 120, SOA_FOUND } } },

	/* failures */
	{ .qname = "servfail.test", .qtype = DNS_T_NS, .rcode = DNS_R_SERVFAIL },
	{ .qname = "refused.test", .qtype = DNS_T_NS, .rcode = DNS_R_REFUSED },
	{ .qname = "garbage.test", .qtype = DNS_T_NS,
	  .an = { { FAKEDNS_T_NSLOOP, NULL, 3600, NULL } } },
	{ .qname = "tc.test", .qtype = DNS_T_NS, .flags = FAKEDNS_TC },

	/* the root */
	{ .qname = "", .qtype = DNS_T_NS, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_NS, NULL, 518400, "b.root.test" },
		  { DNS_T_NS, NULL, 518400, "a.root.test" } } },
	{ .qname = "a.root.test", .qtype = DNS_T_A,
	  .an = { { DNS_T_A, NULL, 3600, "192.0.2.101" } } },
	{ .qname = "a.root.test", .qtype = DNS_T_AAAA,
	  .an = { { DNS_T_AAAA, NULL, 3600, "2001:db8::101" } } },
	{ .qname = "b.root.test", .qtype = DNS_T_A,
	  .an = { { DNS_T_A, NULL, 3600, "192.0.2.102" } } },
	{ .qname = "b.root.test", .qtype = DNS_T_AAAA,
	  .an = { { DNS_T_AAAA, NULL, 3600, "2001:db8::102" } } },
	{ .qname = NULL },
};

/* --- fixture: the fake server, a config, an arena --------------------- */

static struct fakedns dns;
static struct config cfg;
static struct arena *arena;
static struct ns_result out;

static void set(const char *key, const char *value)
{
	char err[CONFIG_ERR_MAX];

	ck_assert_msg(config_set(&cfg, key, value, err, sizeof err) == 0,
		      "%s = %s: %s", key, value, err);
}

static void setup(void)
{
	arena = arena_new(1 << 20);
	ck_assert_ptr_nonnull(arena);
	fakedns_open(&dns);
	fakedns_start(&dns, world);
	config_defaults(&cfg);
	set("resolver", dns.addr);
	set("query_timeout", "1s");
	set("query_tries", "2");
	set("deadline", "1500ms");
}

static void teardown(void)
{
	fakedns_stop(&dns);
	arena_free(arena);
	arena = NULL;
}

/* One lookup of name with the current cfg, into out. */
static void run(const char *name)
{
	char err[256] = "";
	struct resolver *r = resolver_new(&cfg, err, sizeof err);

	ck_assert_msg(r != NULL, "resolver_new: %s", err);
	lookup_run(r, &cfg, arena, name, &out);
	resolver_free(r);
}

static void assert_addr(const unsigned char *got, int family, const char *want)
{
	unsigned char w[16] = { 0 }; /* IPv4: 4 bytes, then zeros */

	ck_assert_int_eq(inet_pton(family, want, w), 1);
	ck_assert_msg(memcmp(got, w, 16) == 0, "address is not %s", want);
}

/* --- found ----------------------------------------------------------- */

START_TEST(test_found)
{
	run("found.test");
	ck_assert_int_eq(out.status, LOOKUP_FOUND);
	ck_assert_str_eq(out.qname, "found.test");
	ck_assert_str_eq(out.owner, "found.test");
	ck_assert_ptr_null(out.zone);
	ck_assert_str_eq(out.resolver, dns.addr);
	ck_assert_uint_lt(out.elapsed_ms, 1500);
	ck_assert_uint_eq(out.n_ns, 2);

	/* sorted by name, each with its own TTL */
	const struct ns_server *ns1 = &out.ns[0], *ns2 = &out.ns[1];
	ck_assert_str_eq(ns1->name, "ns1.found.test");
	ck_assert_uint_eq(ns1->ttl, 3600);
	ck_assert_str_eq(ns2->name, "ns2.found.test");
	ck_assert_uint_eq(ns2->ttl, 7200);

	/* addresses sorted, with the RRset's TTL */
	ck_assert_int_eq(ns1->v4.state, ADDR_FOUND);
	ck_assert_uint_eq(ns1->v4.n, 2);
	ck_assert_uint_eq(ns1->v4.ttl, 300);
	assert_addr(ns1->v4.addr[0], AF_INET, "192.0.2.3");
	assert_addr(ns1->v4.addr[1], AF_INET, "192.0.2.20");
	ck_assert_int_eq(ns1->v6.state, ADDR_FOUND);
	ck_assert_uint_eq(ns1->v6.n, 2);
	ck_assert_uint_eq(ns1->v6.ttl, 600);
	assert_addr(ns1->v6.addr[0], AF_INET6, "2001:db8::3");
	assert_addr(ns1->v6.addr[1], AF_INET6, "2001:db8::20");

	ck_assert_int_eq(ns2->v4.state, ADDR_FOUND);
	ck_assert_uint_eq(ns2->v4.n, 1);
	ck_assert_uint_eq(ns2->v4.ttl, 900);
	assert_addr(ns2->v4.addr[0], AF_INET, "198.51.100.1");
}
END_TEST

START_TEST(test_ns_without_aaaa)
{
	run("found.test");
	ck_assert_int_eq(out.status, LOOKUP_FOUND);
	ck_assert_uint_eq(out.n_ns, 2);
	ck_assert_str_eq(out.ns[1].name, "ns2.found.test");
	ck_assert_int_eq(out.ns[1].v4.state, ADDR_FOUND);
	ck_assert_int_eq(out.ns[1].v6.state, ADDR_NONE);
	ck_assert_uint_eq(out.ns[1].v6.n, 0);
}
END_TEST

START_TEST(test_ns_name_nxdomain)
{
	run("gone.test");
	ck_assert_int_eq(out.status, LOOKUP_FOUND);
	ck_assert_uint_eq(out.n_ns, 1);
	ck_assert_str_eq(out.ns[0].name, "ns.nowhere.test");
	ck_assert_int_eq(out.ns[0].v4.state, ADDR_NXDOMAIN);
	ck_assert_int_eq(out.ns[0].v6.state, ADDR_NXDOMAIN);
	ck_assert_uint_eq(out.ns[0].v4.n, 0);
}
END_TEST

START_TEST(test_address_failures)
{
	run("brokenaddr.test");
	ck_assert_int_eq(out.status, LOOKUP_FOUND);
	ck_assert_uint_eq(out.n_ns, 1);
	ck_assert_int_eq(out.ns[0].v4.state, ADDR_FAILED); /* SERVFAIL */
	ck_assert_int_eq(out.ns[0].v6.state, ADDR_FAILED); /* REFUSED */
	ck_assert_uint_eq(out.ns[0].v4.n, 0);
}
END_TEST

/* The NS answer stands even when an address query runs out of time. */
START_TEST(test_address_timeout)
{
	set("deadline", "400ms");
	run("slowaddr.test");
	ck_assert_int_eq(out.status, LOOKUP_FOUND);
	ck_assert_uint_eq(out.n_ns, 1);
	ck_assert_str_eq(out.ns[0].name, "ns.slow.test");
	ck_assert_int_eq(out.ns[0].v4.state, ADDR_TIMEOUT);
	ck_assert_int_eq(out.ns[0].v6.state, ADDR_NONE);
	ck_assert_uint_lt(out.elapsed_ms, 2000);
}
END_TEST

START_TEST(test_max_ns)
{
	set("max_ns", "1");
	run("found.test");
	ck_assert_int_eq(out.status, LOOKUP_FOUND);
	ck_assert_uint_eq(out.n_ns, 2);
	ck_assert_str_eq(out.ns[0].name, "ns1.found.test");
	ck_assert_int_eq(out.ns[0].v4.state, ADDR_FOUND);
	ck_assert_int_eq(out.ns[0].v6.state, ADDR_FOUND);
	ck_assert_str_eq(out.ns[1].name, "ns2.found.test");
	ck_assert_int_eq(out.ns[1].v4.state, ADDR_SKIPPED);
	ck_assert_int_eq(out.ns[1].v6.state, ADDR_SKIPPED);
	ck_assert_uint_eq(out.ns[1].v4.n, 0);
}
END_TEST

START_TEST(test_root)
{
	run(".");
	ck_assert_int_eq(out.status, LOOKUP_FOUND);
	ck_assert_str_eq(out.qname, ".");
	ck_assert_str_eq(out.owner, ".");
	ck_assert_uint_eq(out.n_ns, 2);
	ck_assert_str_eq(out.ns[0].name, "a.root.test");
	ck_assert_str_eq(out.ns[1].name, "b.root.test");
	ck_assert_uint_eq(out.ns[0].ttl, 518400);
	ck_assert_int_eq(out.ns[0].v4.state, ADDR_FOUND);
	assert_addr(out.ns[0].v4.addr[0], AF_INET, "192.0.2.101");
	ck_assert_int_eq(out.ns[1].v6.state, ADDR_FOUND);
	assert_addr(out.ns[1].v6.addr[0], AF_INET6, "2001:db8::102");
}
END_TEST

/* --- negative answers and aliases ------------------------------------ */

START_TEST(test_nxdomain)
{
	run("nx.test");
	ck_assert_int_eq(out.status, LOOKUP_NXDOMAIN);
	ck_assert_str_eq(out.owner, "nx.test");
	ck_assert_ptr_nonnull(out.zone);
	ck_assert_str_eq(out.zone, "test");
	ck_assert_uint_eq(out.negative_ttl, 300); /* MINIMUM < TTL 900 */
	ck_assert_uint_eq(out.n_ns, 0);
	ck_assert_str_eq(out.resolver, dns.addr);
}
END_TEST

START_TEST(test_nodata)
{
	run("www.found.test");
	ck_assert_int_eq(out.status, LOOKUP_NO_NS);
	ck_assert_str_eq(out.owner, "www.found.test");
	ck_assert_ptr_nonnull(out.zone);
	ck_assert_str_eq(out.zone, "found.test");
	ck_assert_uint_eq(out.negative_ttl, 120); /* TTL < MINIMUM 3600 */
	ck_assert_uint_eq(out.n_ns, 0);
}
END_TEST

/* Without an SOA there is no zone and no RFC 2308 lifetime to tell. */
START_TEST(test_nodata_without_soa)
{
	run("nosoa.test");
	ck_assert_int_eq(out.status, LOOKUP_NO_NS);
	ck_assert_ptr_null(out.zone);
	ck_assert_uint_eq(out.negative_ttl, 0);
}
END_TEST

START_TEST(test_cname_then_ns)
{
	run("alias.test");
	ck_assert_int_eq(out.status, LOOKUP_FOUND);
	ck_assert_str_eq(out.qname, "alias.test");
	ck_assert_str_eq(out.owner, "found.test");
	ck_assert_uint_eq(out.n_ns, 2);
	ck_assert_str_eq(out.ns[0].name, "ns1.found.test");
	ck_assert_int_eq(out.ns[0].v4.state, ADDR_FOUND);
}
END_TEST

/* RFC 6604: a negative answer after a CNAME is about the target. */
START_TEST(test_cname_then_nodata)
{
	run("aliasnd.test");
	ck_assert_int_eq(out.status, LOOKUP_NO_NS);
	ck_assert_str_eq(out.qname, "aliasnd.test");
	ck_assert_str_eq(out.owner, "www.found.test");
	ck_assert_ptr_nonnull(out.zone);
	ck_assert_str_eq(out.zone, "found.test");
	ck_assert_uint_eq(out.negative_ttl, 120);
}
END_TEST

/* RFC 6604 §3: NXDOMAIN after a CNAME says the target does not exist. */
START_TEST(test_cname_then_nxdomain)
{
	run("aliasnx.test");
	ck_assert_int_eq(out.status, LOOKUP_NXDOMAIN);
	ck_assert_str_eq(out.qname, "aliasnx.test");
	ck_assert_str_eq(out.owner, "nothing.found.test");
	ck_assert_ptr_nonnull(out.zone);
	ck_assert_str_eq(out.zone, "found.test");
}
END_TEST

/* --- failures -------------------------------------------------------- */

/* A name udns cannot even put on the wire: an outcome, not a crash. */
START_TEST(test_unsendable_name)
{
	char name[80];

	memset(name, 'a', 64); /* a 64-octet label, RFC 1035 §2.3.4 */
	memcpy(name + 64, ".test", 6);
	run(name);
	ck_assert_int_eq(out.status, LOOKUP_ERROR);
	ck_assert_ptr_nonnull(out.failure);
	ck_assert_uint_eq(out.n_ns, 0);
	ck_assert_str_eq(out.resolver, "");
}
END_TEST

START_TEST(test_servfail)
{
	run("servfail.test");
	ck_assert_int_eq(out.status, LOOKUP_SERVFAIL);
	ck_assert_ptr_nonnull(out.failure);
	ck_assert_str_eq(out.failure, "servfail");
	ck_assert_str_eq(out.resolver, dns.addr);
	ck_assert_uint_eq(out.n_ns, 0);
}
END_TEST

START_TEST(test_refused)
{
	run("refused.test");
	ck_assert_int_eq(out.status, LOOKUP_SERVFAIL);
	ck_assert_ptr_nonnull(out.failure);
	ck_assert_str_eq(out.failure, "refused");
	ck_assert_str_eq(out.resolver, dns.addr);
}
END_TEST

START_TEST(test_malformed)
{
	run("garbage.test");
	ck_assert_int_eq(out.status, LOOKUP_SERVFAIL);
	ck_assert_ptr_nonnull(out.failure);
	ck_assert_str_eq(out.failure, "protocol");
	ck_assert_uint_eq(out.n_ns, 0);
}
END_TEST

START_TEST(test_truncated)
{
	run("tc.test");
	ck_assert_int_eq(out.status, LOOKUP_SERVFAIL);
	ck_assert_ptr_nonnull(out.failure);
	ck_assert_str_eq(out.failure, "truncated");
}
END_TEST

/* A lookup whose resolver's loop also runs other work (a report begun
 * beside it) takes its own queries' time, not the loop's: here the other
 * work is a query nobody answers, open until the deadline. */
static void other_done(const struct res_reply *reply, void *data)
{
	*(int *)data = reply->outcome;
	free(reply->parsed);
}

START_TEST(test_time_is_the_lookups_own)
{
	char err[256] = "";
	struct resolver *r = resolver_new(&cfg, err, sizeof err);
	int other = -1;

	ck_assert_msg(r != NULL, "resolver_new: %s", err);
	struct lookup_job *job = lookup_start(r, &cfg, arena, "found.test", &out);
	ck_assert_ptr_nonnull(job);
	ck_assert_int_eq(resolver_submit(r, "silent.test", DNS_T_NS, dnsmsg_parse_ns,
					 other_done, &other), 0);
	int64_t t0 = clock_ms();
	lookup_finish(job, t0 + 600);
	int64_t took = clock_ms() - t0;
	resolver_free(r);
	ck_assert_int_eq(out.status, LOOKUP_FOUND);
	ck_assert_int_eq(out.ns[0].v4.state, ADDR_FOUND);
	ck_assert_int_eq(other, RES_TIMEOUT);
	ck_assert_int_ge(took, 500); /* the loop ran until the deadline */
	ck_assert_uint_lt(out.elapsed_ms, 300);
}
END_TEST

START_TEST(test_timeout)
{
	set("deadline", "300ms");
	run("silent.test");
	ck_assert_int_eq(out.status, LOOKUP_TIMEOUT);
	ck_assert_str_eq(out.qname, "silent.test");
	ck_assert_str_eq(out.resolver, "");
	ck_assert_uint_eq(out.n_ns, 0);
	ck_assert_uint_lt(out.elapsed_ms, 2000);
}
END_TEST

static bool addrs_sane(const struct ns_addrs *a)
{
	switch (a->state) {
	case ADDR_FOUND: return a->addr != NULL && a->n > 0;
	case ADDR_NONE:
	case ADDR_FAILED: return a->n == 0;
	default: return false;
	}
}

/* Our own out-of-memory, at every point of the lookup: a status, never a
 * crash or a half-filled server. */
START_TEST(test_arena_exhausted)
{
	struct arena *full = arena;
	int found = 0, errors = 0;

	for (size_t limit = 0; limit <= 1024; limit += 8) {
		arena = arena_new(limit);
		ck_assert_ptr_nonnull(arena);
		run("found.test");
		if (out.status == LOOKUP_ERROR) {
			errors++;
			ck_assert_uint_eq(out.n_ns, 0);
		} else {
			found++;
			ck_assert_msg(out.status == LOOKUP_FOUND, "limit %zu: %s",
				      limit, lookup_status_id(out.status));
			ck_assert_uint_eq(out.n_ns, 2);
			for (size_t i = 0; i < out.n_ns; i++) {
				ck_assert_ptr_nonnull(out.ns[i].name);
				ck_assert_msg(addrs_sane(&out.ns[i].v4) &&
					      addrs_sane(&out.ns[i].v6),
					      "limit %zu: %s %s/%s", limit,
					      out.ns[i].name,
					      addr_state_id(out.ns[i].v4.state),
					      addr_state_id(out.ns[i].v6.state));
			}
		}
		arena_free(arena);
	}
	arena = full;
	ck_assert_int_gt(errors, 0);
	ck_assert_int_gt(found, 0);
}
END_TEST

Suite *lookup_suite(void)
{
	Suite *s = suite_create("lookup");
	TCase *tc = tcase_create("found");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 15);
	tcase_add_test(tc, test_found);
	tcase_add_test(tc, test_time_is_the_lookups_own);
	tcase_add_test(tc, test_ns_without_aaaa);
	tcase_add_test(tc, test_ns_name_nxdomain);
	tcase_add_test(tc, test_address_failures);
	tcase_add_test(tc, test_address_timeout);
	tcase_add_test(tc, test_max_ns);
	tcase_add_test(tc, test_root);
	suite_add_tcase(s, tc);

	tc = tcase_create("negative");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 15);
	tcase_add_test(tc, test_nxdomain);
	tcase_add_test(tc, test_nodata);
	tcase_add_test(tc, test_nodata_without_soa);
	tcase_add_test(tc, test_cname_then_ns);
	tcase_add_test(tc, test_cname_then_nodata);
	tcase_add_test(tc, test_cname_then_nxdomain);
	suite_add_tcase(s, tc);

	tc = tcase_create("failure");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 15);
	tcase_add_test(tc, test_servfail);
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_malformed);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_timeout);
	tcase_add_test(tc, test_unsendable_name);
	tcase_add_test(tc, test_arena_exhausted);
	suite_add_tcase(s, tc);
	return s;
}
