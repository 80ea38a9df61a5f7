/*
 * Unit tests of report: whole delegation reports, from the root hints down
 * to the zone's own servers, against a small world of fakedns servers.
 *
 * Each server of the world is a fakedns process on its own loopback
 * address (127.0.0.2 the root, .3 and .4 the "test." servers, .5, .6 and
 * ::1 the zone servers, .7 a lame one, .9 one that never answers, .1 the
 * resolver), all on one port, which report_env.port points the report at;
 * UDP and TCP both. The root hints name 127.0.0.2, and allow_private_targets
 * lets the report ask loopback addresses. The ns_result a report starts
 * from (the lookup's) is written by hand. A question a script does not name
 * goes unanswered, so the scripts name everything a good report asks, and
 * only the cases about silence wait for a timeout. The tests of one row
 * (report_authoritative, report_serves) need no servers.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/arena.h"
#include "render/cells.h"
#include "util/clock.h"
#include "util/config.h"
#include "dns/dnssec.h"
#include "fakedns.h"
#include "dns/hints.h"
#include "report/lookup.h"
#include "dns/probe.h"
#include "report/report.h"
#include "dns/resolver.h"
#include "report/result.h"
#include "suites.h"

#define SOA_NIC "ns1.nic.test hostmaster.nic.test 1 1800 900 604800 86400"
/* negative TTLs (RFC 2308 5): min(SOA TTL, MINIMUM): 300 here, 600 at B */
#define SOA_OK_A "ns1.ok.test hostmaster.ok.test 5 3600 600 86400 300"
#define SOA_OK_B "ns1.ok.test hostmaster.ok.test 4 3600 600 86400 900"
#define SOA_ZONE(z) "ns1." z " hostmaster." z " 7 3600 600 86400 300"

/* A zone key (flags 257: zone key, SEP; protocol 3; algorithm 13) and its
 * RFC 4034 key tag, asserted below; B has another key. */
#define KEY_A "257 3 13 0102030405060708"
#define KEY_A_TAG 5154
#define KEY_B "257 3 13 0a0b0c0d"
#define DS_DIGEST "00112233445566778899aabbccddeeff" \
		  "00112233445566778899aabbccddeeff"

#define REFUSE_ALL { .qname = "*", .qtype = FAKEDNS_Q_ANY, \
		     .rcode = DNS_R_REFUSED }

/* The root: every name is under test., served by two servers. */
static const struct fakedns_answer root_script[] = {
	{ .qname = "*", .qtype = DNS_T_NS,
	  .ns = { { DNS_T_NS, "test", 172800, "ns1.nic.test" },
		  { DNS_T_NS, "test", 172800, "ns2.nic.test" } },
	  .ar = { { DNS_T_A, "ns1.nic.test", 172800, "127.0.0.3" },
		  { DNS_T_A, "ns2.nic.test", 172800, "127.0.0.4" } } },
	{ .qname = NULL },
};

/* test.: the parent of every domain of the world. */
static const struct fakedns_answer nic_script[] = {
	/* glue for both names, and both families of ns2 */
	{ .qname = "ok.test", .qtype = DNS_T_NS,
	  .ns = { { DNS_T_NS, "ok.test", 86400, "ns1.ok.test" },
		  { DNS_T_NS, "ok.test", 86400, "ns2.ok.test" } },
	  .ar = { { DNS_T_A, "ns1.ok.test", 86400, "127.0.0.5" },
		  { DNS_T_A, "ns2.ok.test", 86400, "127.0.0.6" },
		  { DNS_T_AAAA, "ns2.ok.test", 86400, "::1" } } },
	/* below a delegation: the referral to ok.test */
	{ .qname = "www.ok.test", .qtype = DNS_T_NS,
	  .ns = { { DNS_T_NS, "ok.test", 86400, "ns1.ok.test" } },
	  .ar = { { DNS_T_A, "ns1.ok.test", 86400, "127.0.0.5" } } },
	{ .qname = "lame.test", .qtype = DNS_T_NS,
	  .ns = { { DNS_T_NS, "lame.test", 86400, "ns1.lame.test" },
		  { DNS_T_NS, "lame.test", 86400, "ns2.lame.test" },
		  { DNS_T_NS, "lame.test", 86400, "ns3.lame.test" } },
	  .ar = { { DNS_T_A, "ns1.lame.test", 86400, "127.0.0.5" },
		  { DNS_T_A, "ns2.lame.test", 86400, "127.0.0.6" },
		  { DNS_T_A, "ns3.lame.test", 86400, "127.0.0.7" } } },
	{ .qname = "silent.test", .qtype = DNS_T_NS,
	  .ns = { { DNS_T_NS, "silent.test", 86400, "ns1.silent.test" },
		  { DNS_T_NS, "silent.test", 86400, "ns2.silent.test" } },
	  .ar = { { DNS_T_A, "ns1.silent.test", 86400, "127.0.0.5" },
		  { DNS_T_A, "ns2.silent.test", 86400, "127.0.0.9" } } },
	{ .qname = "deadline.test", .qtype = DNS_T_NS,
	  .ns = { { DNS_T_NS, "deadline.test", 86400, "ns1.deadline.test" } },
	  .ar = { { DNS_T_A, "ns1.deadline.test", 86400, "127.0.0.9" } } },
	{ .qname = "signed.test", .qtype = DNS_T_NS,
	  .ns = { { DNS_T_NS, "signed.test", 86400, "ns1.signed.test" },
		  { DNS_T_NS, "signed.test", 86400, "ns2.signed.test" } },
	  .ar = { { DNS_T_A, "ns1.signed.test", 86400, "127.0.0.5" },
		  { DNS_T_A, "ns2.signed.test", 86400, "127.0.0.6" } } },
	{ .qname = "signed.test", .qtype = DNS_T_DS, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_DS, NULL, 86400, "5154 13 2 " DS_DIGEST } } },
	/* out of zone: no glue, the resolver finds the addresses */
	{ .qname = "glueless.test", .qtype = DNS_T_NS,
	  .ns = { { DNS_T_NS, "glueless.test", 86400, "ns1.ok.test" },
		  { DNS_T_NS, "glueless.test", 86400, "ns2.ok.test" } } },
	{ .qname = "nx.test", .qtype = DNS_T_NS, .flags = FAKEDNS_AA,
	  .rcode = DNS_R_NXDOMAIN,
	  .ns = { { DNS_T_SOA, "test", 900, SOA_NIC } } },
	/* no DS for any other name */
	{ .qname = "*", .qtype = DNS_T_DS, .flags = FAKEDNS_AA,
	  .ns = { { DNS_T_SOA, "test", 900, SOA_NIC } } },
	{ .qname = NULL },
};

/* Zone server A (127.0.0.5): serves every zone it is named for, and the
 * root; does not recurse. */
static const struct fakedns_answer a_script[] = {
	{ .qname = "ok.test", .qtype = DNS_T_NS, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_NS, NULL, 3600, "ns1.ok.test" },
		  { DNS_T_NS, NULL, 3600, "ns2.ok.test" } } },
	{ .qname = "ok.test", .qtype = DNS_T_SOA, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_SOA, NULL, 3600, SOA_OK_A } } },
	{ .qname = "ns1.ok.test", .qtype = DNS_T_A, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_A, NULL, 3600, "127.0.0.5" } } },
	{ .qname = "ns1.ok.test", .qtype = DNS_T_AAAA, .flags = FAKEDNS_AA,
	  .ns = { { DNS_T_SOA, "ok.test", 3600, SOA_OK_A } } },
	{ .qname = "ns2.ok.test", .qtype = DNS_T_A, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_A, NULL, 3600, "127.0.0.6" } } },
	{ .qname = "ns2.ok.test", .qtype = DNS_T_AAAA, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_AAAA, NULL, 3600, "::1" } } },
	{ .qname = "www.ok.test", .qtype = DNS_T_NS, .flags = FAKEDNS_AA,
	  .ns = { { DNS_T_SOA, "ok.test", 3600, SOA_OK_A } } },
	{ .qname = "lame.test", .qtype = DNS_T_NS, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_NS, NULL, 3600, "ns1.lame.test" },
		  { DNS_T_NS, NULL, 3600, "ns2.lame.test" },
		  { DNS_T_NS, NULL, 3600, "ns3.lame.test" } } },
	{ .qname = "lame.test", .qtype = DNS_T_SOA, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_SOA, NULL, 3600, SOA_ZONE("lame.test") } } },
	{ .qname = "silent.test", .qtype = DNS_T_NS, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_NS, NULL, 3600, "ns1.silent.test" },
		  { DNS_T_NS, NULL, 3600, "ns2.silent.test" } } },
	{ .qname = "silent.test", .qtype = DNS_T_SOA, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_SOA, NULL, 3600, SOA_ZONE("silent.test") } } },
	{ .qname = "ns1.silent.test", .qtype = DNS_T_A, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_A, NULL, 3600, "127.0.0.5" } } },
	{ .qname = "ns2.silent.test", .qtype = DNS_T_A, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_A, NULL, 3600, "127.0.0.9" } } },
	{ .qname = "signed.test", .qtype = DNS_T_NS, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_NS, NULL, 3600, "ns1.signed.test" },
		  { DNS_T_NS, NULL, 3600, "ns2.signed.test" } } },
	{ .qname = "signed.test", .qtype = DNS_T_SOA, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_SOA, NULL, 3600, SOA_ZONE("signed.test") } } },
	{ .qname = "signed.test", .qtype = DNS_T_DNSKEY, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_DNSKEY, NULL, 3600, KEY_A } } },
	{ .qname = "glueless.test", .qtype = DNS_T_NS, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_NS, NULL, 3600, "ns1.ok.test" },
		  { DNS_T_NS, NULL, 3600, "ns2.ok.test" } } },
	{ .qname = "glueless.test", .qtype = DNS_T_SOA, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_SOA, NULL, 3600, SOA_ZONE("glueless.test") } } },
	/* the recursive query: answered from its own data (it serves the
	 * root too), so no sign of recursion */
	{ .qname = "", .qtype = DNS_T_NS, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_NS, NULL, 518400, "a.root.test" } } },
	REFUSE_ALL,
	{ .qname = NULL },
};

/* Zone server B (127.0.0.6 and ::1): an older serial of ok.test, another
 * key for signed.test, lame for lame.test, and open to recursion. */
static const struct fakedns_answer b_script[] = {
	{ .qname = "ok.test", .qtype = DNS_T_NS, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_NS, NULL, 1800, "ns1.ok.test" },
		  { DNS_T_NS, NULL, 1800, "ns2.ok.test" } } },
	{ .qname = "ok.test", .qtype = DNS_T_SOA, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_SOA, NULL, 600, SOA_OK_B } } },
	{ .qname = "ns1.ok.test", .qtype = DNS_T_A, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_A, NULL, 3600, "127.0.0.5" } } },
	{ .qname = "ns1.ok.test", .qtype = DNS_T_AAAA, .flags = FAKEDNS_AA,
	  .ns = { { DNS_T_SOA, "ok.test", 600, SOA_OK_B } } },
	{ .qname = "ns2.ok.test", .qtype = DNS_T_A, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_A, NULL, 3600, "127.0.0.6" } } },
	{ .qname = "ns2.ok.test", .qtype = DNS_T_AAAA, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_AAAA, NULL, 3600, "::1" } } },
	{ .qname = "signed.test", .qtype = DNS_T_NS, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_NS, NULL, 3600, "ns1.signed.test" },
		  { DNS_T_NS, NULL, 3600, "ns2.signed.test" } } },
	{ .qname = "signed.test", .qtype = DNS_T_SOA, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_SOA, NULL, 3600, SOA_ZONE("signed.test") } } },
	{ .qname = "signed.test", .qtype = DNS_T_DNSKEY, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_DNSKEY, NULL, 3600, KEY_B } } },
	{ .qname = "glueless.test", .qtype = DNS_T_NS, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_NS, NULL, 3600, "ns1.ok.test" },
		  { DNS_T_NS, NULL, 3600, "ns2.ok.test" } } },
	{ .qname = "glueless.test", .qtype = DNS_T_SOA, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_SOA, NULL, 3600, SOA_ZONE("glueless.test") } } },
	/* the recursive query: answered, not from its own data */
	{ .qname = "", .qtype = DNS_T_NS,
	  .an = { { DNS_T_NS, NULL, 518400, "a.root.test" } } },
	REFUSE_ALL, /* lame.test among them */
	{ .qname = NULL },
};

/* 127.0.0.7: answers everything without authority, with a referral up to
 * the root (a server that does not know the zone). */
static const struct fakedns_answer lame_script[] = {
	{ .qname = "*", .qtype = FAKEDNS_Q_ANY,
	  .ns = { { DNS_T_NS, "", 518400, "a.root.test" } } },
	{ .qname = NULL },
};

/* The resolver, for names that came without an address. */
static const struct fakedns_answer resolver_script[] = {
	/* the lookup a report goes with (test_lookup_beside) */
	{ .qname = "ok.test", .qtype = DNS_T_NS,
	  .an = { { DNS_T_NS, NULL, 3600, "ns1.ok.test" },
		  { DNS_T_NS, NULL, 3600, "ns2.ok.test" } } },
	{ .qname = "ns1.ok.test", .qtype = DNS_T_A,
	  .an = { { DNS_T_A, NULL, 3600, "127.0.0.5" } } },
	{ .qname = "ns1.ok.test", .qtype = DNS_T_AAAA,
	  .ns = { { DNS_T_SOA, "ok.test", 600, SOA_OK_A } } },
	{ .qname = "ns2.ok.test", .qtype = DNS_T_A,
	  .an = { { DNS_T_A, NULL, 3600, "127.0.0.6" } } },
	{ .qname = "ns2.ok.test", .qtype = DNS_T_AAAA,
	  .ns = { { DNS_T_SOA, "ok.test", 600, SOA_OK_A } } },
	{ .qname = NULL },
};

enum server { RESOLVER, ROOT, NIC1, NIC2, ZONE_A, ZONE_B, ZONE_B6, LAME,
	      SILENT, N_SERVERS };

static const struct {
	const char *ip;
	const struct fakedns_answer *script; /* NULL: bound, never answers */
} world[N_SERVERS] = {
	[RESOLVER] = { "127.0.0.1", resolver_script },
	[ROOT] = { "127.0.0.2", root_script },
	[NIC1] = { "127.0.0.3", nic_script },
	[NIC2] = { "127.0.0.4", nic_script },
	[ZONE_A] = { "127.0.0.5", a_script },
	[ZONE_B] = { "127.0.0.6", b_script },
	[ZONE_B6] = { "::1", b_script },
	[LAME] = { "127.0.0.7", lame_script },
	[SILENT] = { "127.0.0.9", NULL },
};

/* --- fixture: the world, a config, the root hints, an arena ---------- */

static struct fakedns dns[N_SERVERS];
static struct config cfg;
static struct hints roots;
static struct arena *arena;
static struct report rep;
static const struct report_zones *zones; /* run()'s; NULL: none kept */

static void set(const char *key, const char *value)
{
	char err[CONFIG_ERR_MAX];

	ck_assert_msg(config_set(&cfg, key, value, err, sizeof err) == 0,
		      "%s = %s: %s", key, value, err);
}

/* Binds every server on one port: the first the kernel gives that is free
 * on each address too. */
static void world_up(void)
{
	for (int attempt = 0; attempt < 50; attempt++) {
		unsigned port = 0;
		int i, err = 0;
		for (i = 0; i < N_SERVERS; i++) {
			if (fakedns_bind(&dns[i], world[i].ip, port,
					 i != RESOLVER) != 0) {
				err = errno;
				break;
			}
			port = dns[i].port;
		}
		if (i == N_SERVERS) {
			for (i = 0; i < N_SERVERS; i++)
				if (world[i].script)
					fakedns_start(&dns[i], world[i].script);
			return;
		}
		for (int k = 0; k < i; k++)
			fakedns_stop(&dns[k]);
		ck_assert_msg(err == EADDRINUSE, "fakedns on %s: %s",
			      world[i].ip, strerror(err));
	}
	ck_abort_msg("no port free on every address of the world");
}

static void setup(void)
{
	arena = arena_new(1 << 20);
	ck_assert_ptr_nonnull(arena);
	world_up();
	config_defaults(&cfg);
	set("resolver", dns[RESOLVER].addr);
	set("query_timeout", "1s");
	set("deadline", "1500ms");
	set("allow_private_targets", "yes");
	set("probe_timeout", "1s");
	set("report_deadline", "5s");
	memset(&roots, 0, sizeof roots);
	snprintf(roots.h[0].name, sizeof roots.h[0].name, "a.root.test");
	ck_assert_int_eq(inet_pton(AF_INET, world[ROOT].ip, roots.h[0].addr),
			 1);
	roots.n = 1;
	memset(&rep, 0, sizeof rep);
	zones = NULL;
}

static void teardown(void)
{
	for (int i = 0; i < N_SERVERS; i++)
		fakedns_stop(&dns[i]);
	arena_free(arena);
	arena = NULL;
}

/* A name server of the lookup: its name, and an address of each family
 * (NULL: none known). */
struct ns_spec {
	const char *name;
	const char *v4, *v6;
};

static void addrs_of(struct ns_addrs *out, int family, const char *text)
{
	memset(out, 0, sizeof *out);
	out->state = text ? ADDR_FOUND : ADDR_NONE;
	if (!text)
		return;
	out->addr = arena_array(arena, 1, sizeof *out->addr);
	ck_assert_ptr_nonnull(out->addr);
	memset(out->addr[0], 0, sizeof out->addr[0]);
	ck_assert_int_eq(inet_pton(family, text, out->addr[0]), 1);
	out->n = 1;
	out->ttl = 3600;
}

/* The report of domain, from a lookup that found ns (n of them; none: the
 * lookup said NXDOMAIN), with the current cfg. */
static void run(const char *domain, const struct ns_spec *ns, size_t n)
{
	char err[256] = "";
	struct ns_result res = { .status = n ? LOOKUP_FOUND : LOOKUP_NXDOMAIN,
				 .qname = domain, .owner = domain };
	struct report_env env = { .cfg = &cfg, .roots = &roots, .zones = zones,
				  .port = (uint16_t)dns[ROOT].port };

	res.ns = arena_array(arena, n ? n : 1, sizeof *res.ns);
	ck_assert_ptr_nonnull(res.ns);
	for (size_t i = 0; i < n; i++) {
		res.ns[i] = (struct ns_server){ .name = ns[i].name,
						.ttl = 3600 };
		addrs_of(&res.ns[i].v4, AF_INET, ns[i].v4);
		addrs_of(&res.ns[i].v6, AF_INET6, ns[i].v6);
	}
	res.n_ns = n;
	struct resolver *r = resolver_new(&cfg, err, sizeof err);
	ck_assert_msg(r != NULL, "resolver_new: %s", err);
	struct probe *p = probe_new(cfg.probe_timeout_ms,
				    cfg.report_max_queries, err, sizeof err);
	ck_assert_msg(p != NULL, "probe_new: %s", err);
	report_run(p, r, &env, arena, &res, &rep);
	probe_free(p);
	resolver_free(r);
}

static bool same_addr(const unsigned char *got, bool v6, const char *want)
{
	unsigned char w[16] = { 0 };
	bool want6 = strchr(want, ':') != NULL;

	ck_assert_int_eq(inet_pton(want6 ? AF_INET6 : AF_INET, want, w), 1);
	return v6 == want6 && memcmp(got, w, 16) == 0;
}

/* The row of the server at address ip; fails when there is none. */
static const struct report_ask *row_at(const struct report_ask *rows,
				       size_t n, const char *ip)
{
	for (size_t i = 0; i < n; i++)
		if (same_addr(rows[i].addr, rows[i].v6, ip))
			return &rows[i];
	ck_abort_msg("no row for %s", ip);
	return NULL;
}

static const struct report_ask *server_at(const char *ip)
{
	return row_at(rep.servers, rep.n_servers, ip);
}

static bool has_glue(const struct report_addr *v, size_t n, const char *name,
		     const char *ip)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0 &&
		    same_addr(v[i].addr, v[i].v6, ip))
			return true;
	return false;
}

static const struct report_host *host(const char *name)
{
	for (size_t i = 0; i < rep.n_hosts; i++)
		if (strcmp(rep.hosts[i].name, name) == 0)
			return &rep.hosts[i];
	ck_abort_msg("no host %s", name);
	return NULL;
}

static void assert_serves(const struct report_ask *row, const char *server,
			  size_t n_ns)
{
	ck_assert_str_eq(row->server, server);
	ck_assert_int_eq(row->state, ASK_ANSWERED);
	ck_assert_int_eq(row->rcode, DNS_R_NOERROR);
	ck_assert(row->aa);
	ck_assert(!row->referral);
	ck_assert_uint_eq(row->n_ns, n_ns);
	ck_assert(row->has_soa);
	ck_assert(report_serves(row));
	ck_assert(!row->extra);
}

/* the lookup knew only the IPv6 address of ns2; the glue adds the other */
static const struct ns_spec ok_ns[] = {
	{ "ns1.ok.test", "127.0.0.5", NULL },
	{ "ns2.ok.test", NULL, "::1" },
};

/* --- tests ----------------------------------------------------------- */

/* Root, test., the zone: every part of a good report. */
START_TEST(test_done)
{
	run("ok.test", ok_ns, 2);
	ck_assert_int_eq(rep.status, REPORT_DONE);
	ck_assert_ptr_null(rep.why);
	ck_assert_str_eq(rep.parent_zone, "test");

	/* both parent servers referred, with the glue */
	ck_assert_uint_eq(rep.n_parents, 2);
	ck_assert_str_eq(rep.parents[0].server, "ns1.nic.test");
	ck_assert_str_eq(rep.parents[1].server, "ns2.nic.test");
	for (size_t i = 0; i < 2; i++) {
		const struct report_ask *row = &rep.parents[i];
		ck_assert_int_eq(row->state, ASK_ANSWERED);
		ck_assert(row->referral);
		ck_assert(!row->aa);
		ck_assert_uint_eq(row->n_ns, 2);
		ck_assert_uint_eq(row->ns_ttl, 86400);
		ck_assert_uint_eq(row->n_glue, 3);
	}
	ck_assert(same_addr(rep.parents[0].addr, false, "127.0.0.3"));
	ck_assert(same_addr(rep.parents[1].addr, false, "127.0.0.4"));
	ck_assert_uint_eq(rep.n_deleg, 2);
	ck_assert_str_eq(rep.deleg[0], "ns1.ok.test");
	ck_assert_str_eq(rep.deleg[1], "ns2.ok.test");
	ck_assert_uint_eq(rep.deleg_ttl, 86400);
	ck_assert_uint_eq(rep.n_glue, 3);
	ck_assert(has_glue(rep.glue, rep.n_glue, "ns1.ok.test", "127.0.0.5"));
	ck_assert(has_glue(rep.glue, rep.n_glue, "ns2.ok.test", "127.0.0.6"));
	ck_assert(has_glue(rep.glue, rep.n_glue, "ns2.ok.test", "::1"));
	ck_assert_int_eq(rep.ds_state, DS_NONE);

	/* every address of every name server, sorted: name, IPv4 first */
	ck_assert_uint_eq(rep.n_servers, 3);
	const struct report_ask *a = &rep.servers[0], *b = &rep.servers[1],
				*b6 = &rep.servers[2];
	ck_assert(same_addr(a->addr, a->v6, "127.0.0.5"));
	ck_assert(same_addr(b->addr, b->v6, "127.0.0.6"));
	ck_assert(same_addr(b6->addr, b6->v6, "::1"));
	assert_serves(a, "ns1.ok.test", 2);
	assert_serves(b, "ns2.ok.test", 2);
	assert_serves(b6, "ns2.ok.test", 2);
	ck_assert_uint_eq(a->ns_ttl, 3600);
	ck_assert_uint_eq(b->ns_ttl, 1800);
	ck_assert_uint_eq(a->serial, 5);
	ck_assert_uint_eq(b->serial, 4);
	ck_assert_uint_eq(b6->serial, 4);
	ck_assert_str_eq(a->ns[0], "ns1.ok.test");
	ck_assert_str_eq(a->ns[1], "ns2.ok.test");
	for (size_t i = 0; i < 3; i++) {
		ck_assert_int_eq(rep.servers[i].tcp, OVER_TCP_OK);
		ck_assert_int_eq(rep.servers[i].keys, KEYS_NOT_ASKED);
	}
	ck_assert_int_eq(a->recursion, RECURSION_OFF);
	ck_assert_int_eq(b->recursion, RECURSION_OPEN);
	ck_assert_int_eq(b6->recursion, RECURSION_OPEN);

	/* the zone's own NS set, with the smallest TTL; the largest
	 * negative TTL of the servers' SOA */
	ck_assert_uint_eq(rep.n_child, 2);
	ck_assert_str_eq(rep.child[0], "ns1.ok.test");
	ck_assert_str_eq(rep.child[1], "ns2.ok.test");
	ck_assert_uint_eq(rep.child_ttl, 1800);
	ck_assert_uint_eq(rep.negative_ttl, 600);
	size_t serving;
	ck_assert_uint_eq(report_denials(&rep, &serving), 0);
	ck_assert_uint_eq(serving, 3);

	/* what the zone says about its in-domain name servers */
	ck_assert_uint_eq(rep.n_hosts, 2);
	ck_assert_int_eq(host("ns1.ok.test")->v4, HOST_FOUND);
	ck_assert_int_eq(host("ns1.ok.test")->v6, HOST_NODATA);
	ck_assert_int_eq(host("ns2.ok.test")->v4, HOST_FOUND);
	ck_assert_int_eq(host("ns2.ok.test")->v6, HOST_FOUND);
	ck_assert_uint_eq(rep.n_host_addrs, 3);
	ck_assert(has_glue(rep.host_addrs, rep.n_host_addrs, "ns2.ok.test",
			   "::1"));

	/* root 1; test. asked as the parent at once: its 2 servers and the
	 * DS 1; NS, SOA, TCP and recursion to 3 addresses; A and AAAA of 2
	 * names at 2 */
	ck_assert_uint_eq(rep.queries, 1 + 2 + 1 + 3 * 4 + 2 * 2 * 2);
	ck_assert(!rep.cut_short);
	ck_assert_uint_lt(rep.elapsed_us, 5000000);
	ck_assert_ptr_null(rep.provider);
}
END_TEST

/* A server that refuses, and one that answers without authority with a
 * referral up to the root: answered, lame, not serving the zone. */
START_TEST(test_lame)
{
	static const struct ns_spec ns[] = {
		{ "ns1.lame.test", "127.0.0.5", NULL },
		{ "ns2.lame.test", "127.0.0.6", NULL },
		{ "ns3.lame.test", "127.0.0.7", NULL },
	};

	run("lame.test", ns, 3);
	ck_assert_int_eq(rep.status, REPORT_DONE);
	ck_assert_uint_eq(rep.n_deleg, 3);
	ck_assert_uint_eq(rep.n_servers, 3);
	assert_serves(server_at("127.0.0.5"), "ns1.lame.test", 3);

	const struct report_ask *refused = server_at("127.0.0.6");
	ck_assert_str_eq(refused->server, "ns2.lame.test");
	ck_assert_int_eq(refused->state, ASK_ANSWERED);
	ck_assert_int_eq(refused->rcode, DNS_R_REFUSED);
	ck_assert(!refused->aa);
	ck_assert_uint_eq(refused->n_ns, 0);
	ck_assert(!refused->has_soa);
	ck_assert(!report_serves(refused));

	const struct report_ask *upward = server_at("127.0.0.7");
	ck_assert_str_eq(upward->server, "ns3.lame.test");
	ck_assert_int_eq(upward->state, ASK_ANSWERED);
	ck_assert_int_eq(upward->rcode, DNS_R_NOERROR);
	ck_assert(!upward->aa);
	ck_assert(upward->referral);
	ck_assert_uint_eq(upward->n_ns, 0); /* the root's, not the zone's */
	ck_assert(!upward->has_soa);
	ck_assert(!report_serves(upward));
	ck_assert_int_eq(upward->recursion, RECURSION_OFF);

	/* neither denies the zone; the NS set is the authoritative one */
	size_t serving;
	ck_assert_uint_eq(report_denials(&rep, &serving), 0);
	ck_assert_uint_eq(serving, 1);
	ck_assert_uint_eq(rep.n_child, 3);
	ck_assert_uint_eq(rep.child_ttl, 3600);
	ck_assert(!rep.cut_short);
}
END_TEST

/* A server that never answers: a timeout on every question, while the
 * report goes on with the others and ends long before its deadline. */
START_TEST(test_silent_server)
{
	static const struct ns_spec ns[] = {
		{ "ns1.silent.test", "127.0.0.5", NULL },
		{ "ns2.silent.test", "127.0.0.9", NULL },
	};

	set("probe_timeout", "500ms");
	run("silent.test", ns, 2);
	ck_assert_int_eq(rep.status, REPORT_DONE);
	ck_assert_uint_eq(rep.n_servers, 2);
	assert_serves(server_at("127.0.0.5"), "ns1.silent.test", 2);
	ck_assert_int_eq(server_at("127.0.0.5")->tcp, OVER_TCP_OK);

	const struct report_ask *silent = server_at("127.0.0.9");
	ck_assert_str_eq(silent->server, "ns2.silent.test");
	ck_assert_int_eq(silent->state, ASK_TIMEOUT);
	ck_assert_uint_eq(silent->n_ns, 0);
	ck_assert(!silent->has_soa);
	ck_assert_int_eq(silent->tcp, OVER_TCP_TIMEOUT);
	ck_assert_int_eq(silent->recursion, RECURSION_NOT_ASKED);
	ck_assert(!report_serves(silent));

	/* the other server's answers stand for the zone */
	ck_assert_uint_eq(rep.n_child, 2);
	ck_assert_int_eq(host("ns2.silent.test")->v4, HOST_FOUND);
	/* two tries of 500 ms were waited for, not the 5 s deadline */
	ck_assert_uint_ge(rep.elapsed_us, 2 * 500 * 1000);
	ck_assert_uint_lt(rep.elapsed_us, 5000 * 1000);
	ck_assert(!rep.cut_short);
}
END_TEST

/* The budget runs out among the name servers: those asked first are
 * answered, the rest are marked as not asked, and the report says so. */
START_TEST(test_query_budget)
{
	/* a third name from the lookup, with an address of its own */
	static const struct ns_spec ns[] = {
		{ "ns1.ok.test", "127.0.0.5", NULL },
		{ "ns2.ok.test", NULL, "::1" },
		{ "ns3.ok.test", "127.0.0.7", NULL },
	};

	set("report_max_queries", "10");
	run("ok.test", ns, 3);
	ck_assert_int_eq(rep.status, REPORT_DONE);
	ck_assert_uint_eq(rep.queries, 10);
	ck_assert(rep.cut_short);
	ck_assert_uint_eq(rep.n_deleg, 2);
	ck_assert_int_eq(rep.ds_state, DS_NONE);

	/* the root 1, then the parents 2 with the DS 1 beside them: NS and
	 * SOA of the first three addresses (by name; of one name the
	 * lookup's before the glue's) */
	ck_assert_uint_eq(rep.n_servers, 4);
	const struct report_ask *a = server_at("127.0.0.5"),
				*b = server_at("127.0.0.6"),
				*b6 = server_at("::1"),
				*c = server_at("127.0.0.7");
	assert_serves(a, "ns1.ok.test", 2);
	assert_serves(b6, "ns2.ok.test", 2);
	assert_serves(b, "ns2.ok.test", 2);
	ck_assert_int_eq(c->state, ASK_LIMIT);
	ck_assert(!c->has_soa);
	ck_assert_str_eq(cell_ask(c->state).id, "not_asked");
	for (size_t i = 0; i < 4; i++) {
		ck_assert_int_eq(rep.servers[i].tcp, OVER_TCP_NOT_ASKED);
		ck_assert_int_eq(rep.servers[i].recursion, RECURSION_NOT_ASKED);
	}
	ck_assert_int_eq(host("ns1.ok.test")->v4, HOST_NOT_ASKED);
	ck_assert_int_eq(host("ns2.ok.test")->v6, HOST_NOT_ASKED);
	ck_assert_uint_eq(rep.n_host_addrs, 0);
}
END_TEST

/* The deadline ends the report while its only server is still being
 * waited for (a try would last 5 s): on time, cut short, timed out. */
START_TEST(test_deadline)
{
	static const struct ns_spec ns[] = {
		{ "ns1.deadline.test", "127.0.0.9", NULL },
	};

	set("probe_timeout", "5s");
	set("report_deadline", "1s");
	int64_t t0 = clock_ms();
	run("deadline.test", ns, 1);
	int64_t took = clock_ms() - t0;
	ck_assert_int_eq(rep.status, REPORT_DONE);
	ck_assert_uint_eq(rep.n_deleg, 1);
	ck_assert_uint_eq(rep.n_servers, 1);
	ck_assert_int_eq(rep.servers[0].state, ASK_TIMEOUT);
	ck_assert_int_eq(rep.servers[0].tcp, OVER_TCP_TIMEOUT);
	ck_assert(rep.cut_short);
	ck_assert_uint_ge(rep.elapsed_us, 990 * 1000);
	ck_assert_int_lt(took, 1000 + 2000);
	/* the zone's NS set comes from the lookup when no server gave one */
	ck_assert_uint_eq(rep.n_child, 1);
	ck_assert_str_eq(rep.child[0], "ns1.deadline.test");
}
END_TEST

/* --- zones kept between reports --------------------------------------- */

/* One kept zone, copied out of the report's arena as a cache would. */
static struct {
	char zone[64];
	struct report_addr servers[8];
	char names[8][64];
	size_t n, kept;
	uint32_t ttl;
} kept;

static void keep_one(void *ctx, const struct report_zone *z)
{
	(void)ctx;
	ck_assert_uint_le(z->n, 8);
	snprintf(kept.zone, sizeof kept.zone, "%s", z->zone);
	for (size_t i = 0; i < z->n; i++) {
		kept.servers[i] = z->servers[i];
		snprintf(kept.names[i], sizeof kept.names[i], "%s",
			 z->servers[i].name);
		kept.servers[i].name = kept.names[i];
	}
	kept.n = z->n;
	kept.ttl = z->ttl;
	kept.kept++;
}

static int find_one(void *ctx, const char *zone, struct arena *a,
		    struct report_zone *out)
{
	(void)ctx;
	(void)a;
	if (!kept.n || strcmp(zone, kept.zone) != 0)
		return -1;
	*out = (struct report_zone){ kept.zone, kept.servers, kept.n, kept.ttl };
	return 0;
}

static const struct report_zones kept_zones = { find_one, keep_one, NULL };

/* The walk keeps the zone a referral led to, and the next report below
 * it starts there: with the root gone, it is still made, without the
 * root's query. */
START_TEST(test_kept_zone)
{
	memset(&kept, 0, sizeof kept);
	zones = &kept_zones;
	run("ok.test", ok_ns, 2);
	ck_assert_int_eq(rep.status, REPORT_DONE);
	ck_assert_uint_eq(kept.kept, 1);
	ck_assert_str_eq(kept.zone, "test");
	ck_assert_uint_eq(kept.n, 2);
	ck_assert_uint_eq(kept.ttl, 172800);
	ck_assert(same_addr(kept.servers[0].addr, kept.servers[0].v6, "127.0.0.3") ||
		  same_addr(kept.servers[1].addr, kept.servers[1].v6, "127.0.0.3"));
	unsigned first = rep.queries;

	fakedns_stop(&dns[ROOT]);
	memset(&rep, 0, sizeof rep);
	run("nx.test", NULL, 0);
	ck_assert_int_eq(rep.status, REPORT_NXDOMAIN);
	ck_assert_str_eq(rep.parent_zone, "test");
	ck_assert_uint_eq(rep.queries, 2 + 1); /* test.'s two, the DS */

	memset(&rep, 0, sizeof rep);
	run("ok.test", ok_ns, 2);
	ck_assert_int_eq(rep.status, REPORT_DONE);
	ck_assert_uint_eq(rep.n_parents, 2);
	ck_assert_uint_eq(rep.queries, first - 1);
	ck_assert_uint_eq(kept.kept, 1); /* nothing new on the way */

	/* a zone not kept: from the root, which is gone now */
	zones = NULL;
	memset(&rep, 0, sizeof rep);
	run("ok.test", ok_ns, 2);
	ck_assert_int_eq(rep.status, REPORT_FAILED);
}
END_TEST

/* A kept zone whose servers no longer answer: the walk starts again from
 * the root, and the report is made. */
START_TEST(test_kept_zone_gone)
{
	memset(&kept, 0, sizeof kept);
	snprintf(kept.zone, sizeof kept.zone, "test");
	snprintf(kept.names[0], sizeof kept.names[0], "ns1.gone.test");
	kept.servers[0].name = kept.names[0];
	ck_assert_int_eq(inet_pton(AF_INET, world[SILENT].ip, kept.servers[0].addr), 1);
	kept.n = 1;
	zones = &kept_zones;
	set("probe_timeout", "100ms");
	run("ok.test", ok_ns, 2);
	ck_assert_int_eq(rep.status, REPORT_DONE);
	ck_assert_str_eq(rep.parent_zone, "test");
	ck_assert_uint_eq(rep.n_parents, 2);
	ck_assert_uint_eq(rep.n_deleg, 2);
}
END_TEST

/* --- the lookup beside the report ------------------------------------ */

static bool closed_gate(void *ctx)
{
	(*(int *)ctx)++;
	return false;
}

/* A gate that says no stops the report before the parent's servers:
 * only the root was asked, and there is nothing to finish. */
START_TEST(test_gate_closed)
{
	char err[256] = "";
	int asked = 0;
	struct report_gate gate = { closed_gate, &asked };
	struct report_env env = { .cfg = &cfg, .roots = &roots,
				  .port = (uint16_t)dns[ROOT].port };
	struct probe *p = probe_new(cfg.probe_timeout_ms,
				    cfg.report_max_queries, err, sizeof err);
	struct resolver *r = resolver_new(&cfg, err, sizeof err);
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(r);

	struct report_start *st = report_begin(p, r, &env, arena, "ok.test",
					       NULL, &gate, clock_ms() + 5000, &rep);
	ck_assert_int_eq(asked, 1);
	ck_assert(!report_made(st));
	ck_assert_uint_eq(probe_sent(p), 1);
	ck_assert_uint_eq(rep.n_parents, 0);
	probe_free(p);
	resolver_free(r);
}
END_TEST

static void ignore(const struct probe_reply *reply, void *data)
{
	(void)reply;
	(void)data;
}

/* probe_run() waiting on a server that never answers, by a deadline. */
static void wait_on_silence(struct probe *p, int ms)
{
	struct probe_target t = { .port = (uint16_t)dns[SILENT].port };

	ck_assert_int_eq(inet_pton(AF_INET, world[SILENT].ip, t.addr), 1);
	probe_submit(p, &t, "ok.test", DNS_T_NS, false, ignore, NULL);
	probe_run(p, clock_ms() + ms);
}

/* A lookup through the resolver goes on while probe_run() waits, with
 * probe_beside(), and only then; and a report made in two steps with the
 * lookup beside the first is the one made in one after it. */
START_TEST(test_lookup_beside)
{
	char err[256] = "";
	struct ns_result res, again;
	struct report one;
	struct report_env env = { .cfg = &cfg, .roots = &roots,
				  .port = (uint16_t)dns[ROOT].port };
	struct resolver *r = resolver_new(&cfg, err, sizeof err);
	ck_assert_msg(r != NULL, "resolver_new: %s", err);
	struct probe *p = probe_new(cfg.probe_timeout_ms,
				    cfg.report_max_queries, err, sizeof err);
	ck_assert_msg(p != NULL, "probe_new: %s", err);

	struct lookup_job *job = lookup_start(r, &cfg, arena, "ok.test", &res);
	ck_assert_ptr_nonnull(job);
	probe_beside(p, r);
	wait_on_silence(p, 400);
	ck_assert_int_eq(res.status, LOOKUP_FOUND);
	ck_assert_uint_eq(res.n_ns, 2);
	ck_assert_uint_eq(res.ns[0].v4.n, 1);
	ck_assert_uint_eq(res.ns[1].v4.n, 1);
	lookup_finish(job, clock_ms() + 1000);

	probe_beside(p, NULL);
	job = lookup_start(r, &cfg, arena, "ok.test", &again);
	wait_on_silence(p, 200);
	ck_assert_int_eq(again.status, LOOKUP_TIMEOUT); /* nothing read yet */
	lookup_finish(job, clock_ms() + 1000);
	ck_assert_int_eq(again.status, LOOKUP_FOUND);

	report_run(p, r, &env, arena, &res, &one);
	job = lookup_start(r, &cfg, arena, "ok.test", &again);
	probe_beside(p, r);
	struct report_start *st = report_begin(p, r, &env, arena, "ok.test",
					       NULL, NULL, clock_ms() + 5000, &rep);
	probe_beside(p, NULL);
	lookup_finish(job, clock_ms() + 1000);
	report_finish(st, &again, clock_ms() + 5000);
	ck_assert_int_eq(rep.status, REPORT_DONE);
	ck_assert_int_eq(rep.status, one.status);
	ck_assert_str_eq(rep.parent_zone, one.parent_zone);
	ck_assert_uint_eq(rep.n_parents, one.n_parents);
	ck_assert_uint_eq(rep.n_deleg, one.n_deleg);
	ck_assert_uint_eq(rep.n_child, one.n_child);
	ck_assert_int_eq(rep.ds_state, one.ds_state);
	ck_assert_uint_eq(rep.queries, one.queries);
	ck_assert_uint_eq(rep.n_servers, 3);
	ck_assert_uint_eq(rep.n_servers, one.n_servers);
	for (size_t i = 0; i < rep.n_servers; i++) {
		ck_assert(same_addr(rep.servers[i].addr, rep.servers[i].v6,
				    i == 0 ? "127.0.0.5" : i == 1 ? "127.0.0.6" : "::1"));
		ck_assert_int_eq(rep.servers[i].state, one.servers[i].state);
		ck_assert_uint_eq(rep.servers[i].serial, one.servers[i].serial);
		ck_assert_int_eq(rep.servers[i].tcp, one.servers[i].tcp);
	}
	probe_free(p);
	resolver_free(r);
}
END_TEST

/* A DS at the parent: the DNSKEY of each name server asked and compared. */
START_TEST(test_ds_present)
{
	static const struct ns_spec ns[] = {
		{ "ns1.signed.test", "127.0.0.5", NULL },
		{ "ns2.signed.test", "127.0.0.6", NULL },
	};
	/* KEY_A's RDATA, whose tag the DS names */
	static const unsigned char key_a[] = { 0x01, 0x01, 3, 13, 1, 2, 3, 4,
					       5, 6, 7, 8 };

	ck_assert_uint_eq(dnssec_key_tag(key_a, sizeof key_a), KEY_A_TAG);
	run("signed.test", ns, 2);
	ck_assert_int_eq(rep.status, REPORT_DONE);
	ck_assert_int_eq(rep.ds_state, DS_PRESENT);
	ck_assert_uint_eq(rep.ds.n, 1);
	ck_assert_uint_eq(rep.ds.k[0].tag, KEY_A_TAG);
	ck_assert_uint_eq(rep.ds.k[0].alg, 13);
	ck_assert_int_eq(server_at("127.0.0.5")->keys, KEYS_MATCH);
	ck_assert_int_eq(server_at("127.0.0.6")->keys, KEYS_NO_MATCH);
	/* the root, the parents and the DS, then one query more per
	 * address: the DNSKEY */
	ck_assert_uint_eq(rep.queries, 1 + 2 + 1 + 2 * 5 + 2 * 2 * 2);
	ck_assert(!rep.cut_short);
}
END_TEST

/* The parent says the name does not exist: no server of the zone asked. */
START_TEST(test_nxdomain_at_parent)
{
	run("nx.test", NULL, 0);
	ck_assert_int_eq(rep.status, REPORT_NXDOMAIN);
	ck_assert_str_eq(rep.parent_zone, "test");
	ck_assert_uint_eq(rep.n_parents, 0);
	ck_assert_uint_eq(rep.n_servers, 0);
	ck_assert_uint_eq(rep.n_deleg, 0);
	/* the root, then test.'s two servers as the parent, with the DS */
	ck_assert_uint_eq(rep.queries, 1 + 2 + 1);
	ck_assert(!rep.cut_short);
}
END_TEST

/* A name inside a zone, three levels down: not delegated. */
START_TEST(test_not_delegated)
{
	run("www.ok.test", NULL, 0);
	ck_assert_int_eq(rep.status, REPORT_NOT_DELEGATED);
	ck_assert_str_eq(rep.parent_zone, "ok.test");
	ck_assert_uint_eq(rep.n_parents, 0);
	ck_assert_uint_eq(rep.n_servers, 0);
}
END_TEST

/* Name servers without glue or an address from the lookup: found through
 * the resolver, and those lookups count against the budget. */
START_TEST(test_glueless)
{
	static const struct ns_spec ns[] = {
		{ "ns1.ok.test", NULL, NULL },
		{ "ns2.ok.test", NULL, NULL },
	};

	run("glueless.test", ns, 2);
	ck_assert_int_eq(rep.status, REPORT_DONE);
	ck_assert_uint_eq(rep.n_deleg, 2);
	ck_assert_uint_eq(rep.n_glue, 0);
	ck_assert_uint_eq(rep.n_servers, 2);
	assert_serves(server_at("127.0.0.5"), "ns1.ok.test", 2);
	assert_serves(server_at("127.0.0.6"), "ns2.ok.test", 2);
	ck_assert_uint_eq(rep.n_hosts, 0); /* none inside glueless.test */
	/* the root 1, parents 2 and DS 1, A and AAAA of 2 names, 4 to 2
	 * addresses */
	ck_assert_uint_eq(rep.queries, 1 + 2 + 1 + 2 * 2 + 2 * 4);
}
END_TEST

/* The glue is DNS data: its loopback addresses are not asked unless the
 * configuration allows it (the root hints are, as the operator's). */
START_TEST(test_private_targets)
{
	set("allow_private_targets", "no");
	run("ok.test", ok_ns, 2);
	ck_assert_int_eq(rep.status, REPORT_FAILED);
	ck_assert_str_eq(rep.parent_zone, "test");
	ck_assert_ptr_nonnull(rep.why);
	ck_assert_uint_eq(rep.queries, 1);
	ck_assert_uint_eq(rep.n_servers, 0);
}
END_TEST

/* An answer with authority, not a referral, without error; serving the
 * zone also takes its NS set. */
START_TEST(test_report_authoritative)
{
	static const char *ns[] = { "ns1.gone.test" };
	static const struct {
		enum ask_state state;
		int rcode;
		bool aa, referral;
		size_t n_ns;
		bool authoritative, serves;
	} rows[] = {
		{ ASK_ANSWERED, 0, true, false, 1, true, true },
		{ ASK_ANSWERED, 0, true, false, 0, true, false },  /* no NS set */
		{ ASK_ANSWERED, 0, false, false, 1, false, false }, /* no AA */
		{ ASK_ANSWERED, 0, false, true, 1, false, false },  /* referral */
		{ ASK_ANSWERED, 0, true, true, 1, false, false },   /* AA on one */
		{ ASK_ANSWERED, 3, true, false, 0, false, false },  /* NXDOMAIN */
		{ ASK_ANSWERED, 2, true, false, 1, false, false },  /* SERVFAIL */
		{ ASK_ANSWERED, 5, false, false, 0, false, false }, /* REFUSED */
		{ ASK_TIMEOUT, 0, true, false, 1, false, false },
		{ ASK_SKIPPED, 0, true, false, 1, false, false },
		{ ASK_LIMIT, 0, true, false, 1, false, false },
		{ ASK_FAILED, 0, true, false, 1, false, false },
	};

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct report_ask a = {
			.server = "ns1.gone.test", .state = rows[i].state,
			.rcode = rows[i].rcode, .aa = rows[i].aa,
			.referral = rows[i].referral, .ns = ns,
			.n_ns = rows[i].n_ns,
		};
		ck_assert_msg(report_authoritative(&a) == rows[i].authoritative,
			      "row %zu", i);
		ck_assert_msg(report_serves(&a) == rows[i].serves, "row %zu", i);
	}
}
END_TEST

Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("report");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_done);
	tcase_add_test(tc, test_lame);
	tcase_add_test(tc, test_silent_server);
	tcase_add_test(tc, test_query_budget);
	tcase_add_test(tc, test_deadline);
	tcase_add_test(tc, test_ds_present);
	tcase_add_test(tc, test_kept_zone);
	tcase_add_test(tc, test_lookup_beside);
	tcase_add_test(tc, test_kept_zone_gone);
	tcase_add_test(tc, test_gate_closed);
	tcase_add_test(tc, test_nxdomain_at_parent);
	tcase_add_test(tc, test_not_delegated);
	tcase_add_test(tc, test_glueless);
	tcase_add_test(tc, test_private_targets);
	suite_add_tcase(s, tc);

	tc = tcase_create("rows");
	tcase_add_test(tc, test_report_authoritative);
	suite_add_tcase(s, tc);
	return s;
}
