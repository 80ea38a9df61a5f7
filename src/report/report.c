/*
 * report: parent walk, parent servers, name servers (see report.h).
 *
 * Flow: walk() follows referrals from the root hints down to the zone
 * whose servers delegate the domain; ask_parents() puts the question to
 * every address of those servers; ask_ds() asks one of them for the DS;
 * ask_children() asks every address of every name server (from the
 * delegation and from the zone's own NS set) for NS and SOA, the SOA over
 * TCP, one recursive query, and the DNSKEY when there is a DS; and
 * ask_hosts() asks a few of them for the addresses of the name servers
 * named inside the zone. Names without an address at hand are resolved
 * through the ordinary resolver.
 * Everything lands in the arena.
 */
#include "report/report.h"

#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <udns.h>

#include "util/arena.h"
#include "util/clock.h"
#include "util/config.h"
#include "dns/deleg.h"
#include "dns/dnsmsg.h"
#include "report/expect.h"
#include "dns/hints.h"
#include "util/names.h"
#include "util/lang.h"
#include "util/netaddr.h"
#include "dns/probe.h"
#include "report/providers.h"
#include "dns/resolver.h"
#include "report/result.h"

#define WALK_DEPTH 16
#define ASK_AT_ONCE 3

struct addrs {
	struct report_addr *v;
	size_t n, cap;
};

struct rctx {
	struct probe *p;
	struct resolver *r;
	const struct config *cfg;
	const struct report_env *env;
	struct arena *a;
	const struct ns_result *res;
	struct report *out;
	const char *domain;
	int64_t deadline;
	const struct expect_list *expect;  /* also asked, or NULL */
	uint16_t port;                     /* servers are asked on it */
	size_t ds_row;                     /* the parent row asked for the DS */
	const struct report_gate *gate;    /* or NULL */
	bool closed;                       /* the gate said no */
};

static bool push_addr(struct rctx *c, struct addrs *l, const char *name,
		      const unsigned char *addr, bool v6)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].v6 == v6 && strcmp(l->v[i].name, name) == 0 &&
		    memcmp(l->v[i].addr, addr, v6 ? 16 : 4) == 0)
			return true; /* already there */
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		struct report_addr *v = arena_array(c->a, cap, sizeof *v);
		if (!v)
			return false;
		if (l->n)
			memcpy(v, l->v, l->n * sizeof *v);
		l->v = v;
		l->cap = cap;
	}
	struct report_addr *e = &l->v[l->n++];
	e->name = name;
	memset(e->addr, 0, sizeof e->addr);
	memcpy(e->addr, addr, v6 ? 16 : 4);
	e->v6 = v6;
	return true;
}

/* May we send our own query to this address? Not when the IANA
 * special-purpose registries do not call it globally reachable (netaddr.h). */
static const char *forbidden(const struct rctx *c, const struct report_addr *t)
{
	return c->cfg->allow_private_targets ? NULL : netaddr_special(t->addr, t->v6);
}

static struct probe_target target_of(const struct report_addr *a, uint16_t port)
{
	struct probe_target t = { .v6 = a->v6, .port = port };
	memcpy(t.addr, a->addr, sizeof t.addr);
	return t;
}

/* ---- resolving names that came without an address ---- */

struct name_job {
	struct rctx *c;
	struct addrs *into;
	const char *name;
	bool v6;
};

static void on_name(const struct res_reply *reply, void *data)
{
	struct name_job *j = data;

	if (reply->outcome == RES_OK) {
		const struct dns_rr_a4 *a4 = reply->parsed;
		const struct dns_rr_a6 *a6 = reply->parsed;
		int n = j->v6 ? a6->dnsa6_nrr : a4->dnsa4_nrr;
		for (int i = 0; i < n; i++)
			push_addr(j->c, j->into, j->name,
				  j->v6 ? (const unsigned char *)&a6->dnsa6_addr[i] :
					  (const unsigned char *)&a4->dnsa4_addr[i],
				  j->v6);
	}
	free(reply->parsed);
}

static void resolve_names(struct rctx *c, const char **names, size_t n,
			  struct addrs *into)
{
	for (size_t i = 0; i < n; i++) {
		for (int v6 = 0; v6 < 2; v6++) {
			struct name_job *j = arena_alloc(c->a, sizeof *j);
			/* these lookups count against the report's budget */
			if (!j || !probe_take(c->p))
				goto run;
			*j = (struct name_job){ c, into, names[i], v6 };
			resolver_submit(c->r, names[i], v6 ? DNS_T_AAAA : DNS_T_A,
					v6 ? dns_parse_a6 : dns_parse_a4, on_name, j);
		}
	}
run:
	resolver_run(c->r, c->deadline);
}

/* ---- the walk down from the root ---- */

struct level {
	struct rctx *c;
	const char *zone;  /* whose servers are asked */
	struct deleg best;
	bool have;
};

/* A referral that does not lead below the zone asked (upwards, sideways,
 * to the zone itself), or a "no such name" from another zone's SOA, comes
 * from a server that is lame for it. */
static bool useful(const struct level *l, const struct deleg *d)
{
	if (d->kind == DELEG_OTHER)
		return false;
	if (d->kind == DELEG_ANSWER)
		return true;
	if (d->kind != DELEG_REFERRAL) /* NXDOMAIN, NODATA: whose SOA? */
		return d->zone && deleg_under(d->zone, l->zone);
	return deleg_under(d->zone, l->zone) && strcasecmp(d->zone, l->zone) != 0;
}

/* The level's first useful answer becomes its verdict: true then. */
static bool judge_level(const struct probe_reply *rep, struct level *l)
{
	struct deleg d;

	if (l->have || rep->outcome != PROBE_ANSWERED)
		return false;
	if (deleg_parse(rep->pkt, rep->len, l->c->domain, l->c->a, &d) < 0 ||
	    !useful(l, &d))
		return false;
	l->best = d;
	l->have = true;
	return true;
}

static void on_level(const struct probe_reply *rep, void *data)
{
	struct level *l = data;

	if (judge_level(rep, l))
		probe_stop(l->c->p); /* one good answer per level is enough */
}

/* Asks the servers of a zone, a few at a time, until one answers well.
 * trusted: the addresses are the root hints (built in or the operator's
 * file), not DNS data, so special-purpose ones are asked too. */
static bool ask_level(struct rctx *c, const char *zone,
		      const struct addrs *servers, bool trusted,
		      struct level *l)
{
	size_t i = 0;

	memset(l, 0, sizeof *l);
	l->c = c;
	l->zone = zone;
	while (!l->have && i < servers->n && clock_ms() < c->deadline) {
		for (size_t k = 0; k < ASK_AT_ONCE && i < servers->n; i++) {
			if (!trusted && forbidden(c, &servers->v[i]))
				continue;
			struct probe_target t = target_of(&servers->v[i],
							  c->port);
			probe_submit(c->p, &t, c->domain, DNS_T_NS, false,
				     on_level, l);
			k++;
		}
		probe_run(c->p, c->deadline);
	}
	return l->have;
}

/* The addresses of the next zone's servers: glue, else resolved. */
static void next_servers(struct rctx *c, const struct deleg *d,
			 struct addrs *next)
{
	const char *need[64];
	size_t n_need = 0;

	memset(next, 0, sizeof *next);
	for (size_t i = 0; i < d->n_ns; i++) {
		bool glued = false;
		for (size_t g = 0; g < d->n_glue; g++) {
			if (strcmp(d->glue[g].name, d->ns[i]) == 0) {
				push_addr(c, next, d->ns[i], d->glue[g].addr,
					  d->glue[g].v6);
				glued = true;
			}
		}
		if (!glued && n_need < 64)
			need[n_need++] = d->ns[i];
	}
	if (n_need)
		resolve_names(c, need, n_need, next);
}

static void forget_parents(struct rctx *c);
static bool ask_as_parents(struct rctx *c, const struct addrs *servers,
			   bool trusted, struct level *l);

/* May the parent's servers be asked? */
static bool gate_open(struct rctx *c)
{
	if (c->gate && !c->closed && !c->gate->open(c->gate->ctx))
		c->closed = true;
	return !c->closed;
}

static bool fail(struct rctx *c, enum report_status st, const char *why)
{
	c->out->status = st;
	c->out->why = why;
	forget_parents(c);
	return false;
}

/* The name without its first label ("b.c" of "a.b.c"; "" after the
 * last), minding escaped dots. */
static const char *after_label(const char *name)
{
	for (const char *p = name; *p; p++) {
		if (*p == '\\' && p[1])
			p++;
		else if (*p == '.')
			return p + 1;
	}
	return name + strlen(name);
}

/* The deepest zone above the domain whose servers are kept: into *zone
 * and *servers. false: none, the walk starts at the root. */
static bool kept_zone(struct rctx *c, const char **zone, struct addrs *servers)
{
	const struct report_zones *z = c->env->zones;

	for (const char *p = after_label(c->domain); z && *p; p = after_label(p)) {
		struct report_zone kz;
		struct addrs got = { 0 };
		if (z->find(z->ctx, p, c->a, &kz) < 0)
			continue;
		for (size_t i = 0; i < kz.n; i++)
			push_addr(c, &got, kz.servers[i].name, kz.servers[i].addr,
				  kz.servers[i].v6);
		if (got.n) {
			*zone = kz.zone;
			*servers = got;
			return true;
		}
	}
	return false;
}

/* Keeps the servers of the zone a referral led to, when every one of its
 * name servers has an address: a partial list is not worth keeping. */
static void keep_zone(struct rctx *c, const struct deleg *d,
		      const struct addrs *servers)
{
	const struct report_zones *z = c->env->zones;
	uint32_t ttl = d->ttl;

	if (!z || !servers->n)
		return;
	for (size_t i = 0; i < d->n_ns; i++) {
		bool found = false;
		for (size_t k = 0; k < servers->n && !found; k++)
			found = strcmp(servers->v[k].name, d->ns[i]) == 0;
		if (!found)
			return;
	}
	for (size_t g = 0; g < d->n_glue; g++)
		if (d->glue[g].ttl < ttl)
			ttl = d->glue[g].ttl;
	struct report_zone kz = { d->zone, servers->v, servers->n, ttl };
	z->keep(z->ctx, &kz);
}

/* Is zone the name just above the domain? Then its servers are most
 * likely the parent's, and are asked as such at once. */
static bool likely_parent(const char *zone, const char *domain)
{
	const char *up = after_label(domain);

	return strcasecmp(zone, *up ? up : ".") == 0;
}

/* Fills parent_zone and *parents (the servers that delegate the domain).
 * The level just above the domain is asked as the parent (every address,
 * and the DS) in the same round: its answers are the parent's rows when
 * it delegates the domain, and are set aside when it refers further down. */
static bool walk_from(struct rctx *c, struct addrs *parents, bool use_kept,
		      bool *from_kept)
{
	struct addrs servers = { 0 };
	const char *zone = ".";
	bool trusted = !(use_kept && kept_zone(c, &zone, &servers));
	struct level l;

	*from_kept = !trusted;

	for (size_t i = 0; trusted && i < c->env->roots->n; i++)
		push_addr(c, &servers, c->env->roots->h[i].name,
			  c->env->roots->h[i].addr, c->env->roots->h[i].v6);
	for (int depth = 0; depth < WALK_DEPTH; depth++) {
		c->out->parent_zone = zone;
		bool parent = likely_parent(zone, c->domain);
		if (parent && !gate_open(c))
			return fail(c, REPORT_FAILED, N_("not made"));
		bool asked = parent ? ask_as_parents(c, &servers, trusted, &l) :
				      ask_level(c, zone, &servers, trusted, &l);
		trusted = false;
		if (!asked)
			return fail(c, REPORT_FAILED,
				    probe_sent(c->p) >= c->cfg->report_max_queries ?
				    N_("the query limit was reached before the "
				       "zone above the domain was found") :
				    N_("no server of the zone above the domain "
				       "answered usefully"));
		switch (l.best.kind) {
		case DELEG_NXDOMAIN:
			return fail(c, REPORT_NXDOMAIN, NULL);
		case DELEG_NODATA:
			return fail(c, REPORT_NOT_DELEGATED, NULL);
		case DELEG_ANSWER: /* these servers hold the domain's zone too */
			*parents = servers;
			return true;
		default:
			break;
		}
		if (strcasecmp(l.best.zone, c->domain) == 0) {
			*parents = servers;
			return true;
		}
		forget_parents(c); /* not the parent after all */
		zone = l.best.zone; /* below zone: useful() saw to that */
		next_servers(c, &l.best, &servers);
		keep_zone(c, &l.best, &servers);
	}
	return fail(c, REPORT_FAILED, N_("too many zones between the root and "
					 "the domain"));
}

/* A walk that started at a kept zone and got nowhere (its servers gone
 * since, say) starts again from the root. */
static bool walk(struct rctx *c, struct addrs *parents)
{
	bool from_kept;

	if (walk_from(c, parents, true, &from_kept))
		return true;
	if (!from_kept || c->closed || c->out->status != REPORT_FAILED ||
	    clock_ms() >= c->deadline)
		return false;
	c->out->status = REPORT_DONE;
	c->out->why = NULL;
	return walk_from(c, parents, false, &from_kept);
}

/* ---- asking every server ---- */

static void fill_ask(struct report_ask *row, const struct report_addr *a)
{
	memset(row, 0, sizeof *row);
	row->server = a->name;
	memcpy(row->addr, a->addr, sizeof row->addr);
	row->v6 = a->v6;
	row->state = ASK_TIMEOUT;
}

static enum ask_state state_of(enum probe_outcome o)
{
	switch (o) {
	case PROBE_ANSWERED: return ASK_ANSWERED;
	case PROBE_TIMEOUT: return ASK_TIMEOUT;
	case PROBE_LIMIT: return ASK_LIMIT;
	case PROBE_FAILED:
	case PROBE_REFUSED: return ASK_FAILED;
	}
	return ASK_FAILED;
}

enum question { Q_NS, Q_SOA, Q_TCP, Q_RECURSION, Q_DNSKEY };

/* A reply that can say what DS or DNSKEY records exist: whole (not cut),
 * with authority, without error. Anything else says nothing about them. */
static bool usable_dnssec(const struct probe_reply *rep)
{
	return rep->outcome == PROBE_ANSWERED && rep->len >= DNS_HSIZE &&
	       dns_aa(rep->pkt) && !dns_tc(rep->pkt) &&
	       dns_rcode(rep->pkt) == DNS_R_NOERROR;
}

struct asked {
	struct rctx *c;
	struct report_ask *row;
	enum question q;
	struct level *level; /* a walk's level asked as the parent, or NULL */
};

/* The SOA over TCP: did a whole answer come? */
static enum over_tcp tcp_of(enum probe_outcome o)
{
	switch (o) {
	case PROBE_ANSWERED: return OVER_TCP_OK;
	case PROBE_TIMEOUT: return OVER_TCP_TIMEOUT;
	case PROBE_REFUSED:
	case PROBE_FAILED: return OVER_TCP_REFUSED;
	case PROBE_LIMIT: return OVER_TCP_NOT_ASKED;
	}
	return OVER_TCP_NOT_ASKED;
}

/* Recursion available and used: RA, no error, an answer that is not
 * the server's own (a root server answers "." with authority). */
static enum recursion recursion_of(const struct probe_reply *rep)
{
	if (rep->outcome != PROBE_ANSWERED || rep->len < DNS_HSIZE)
		return RECURSION_NOT_ASKED;
	const unsigned char *h = rep->pkt;
	bool open = dns_ra(h) && dns_rcode(h) == DNS_R_NOERROR &&
		    dns_numan(h) > 0 && !dns_aa(h);
	return open ? RECURSION_OPEN : RECURSION_OFF;
}

static void on_asked(const struct probe_reply *rep, void *data)
{
	struct asked *q = data;
	struct report_ask *row = q->row;
	struct deleg d;

	if (q->level && q->q == Q_NS)
		judge_level(rep, q->level);
	if (q->q == Q_TCP) {
		row->tcp = tcp_of(rep->outcome);
		return;
	}
	if (q->q == Q_RECURSION) {
		row->recursion = recursion_of(rep);
		return;
	}
	if (q->q == Q_DNSKEY) {
		struct dnssec_set keys;
		/* submit() said KEYS_NO_ANSWER: asked, nothing usable yet */
		if (rep->outcome == PROBE_LIMIT)
			row->keys = KEYS_NOT_ASKED;
		else if (usable_dnssec(rep) &&
			 dnssec_dnskey_set(rep->pkt, rep->len, q->c->domain,
					   &keys) == 0)
			row->keys = dnssec_match(&q->c->out->ds, &keys) ?
				    KEYS_MATCH : KEYS_NO_MATCH;
		return;
	}
	/* the row's state is the NS question's: an SOA reply that comes after
	 * the NS question timed out must not make the row look answered */
	if (rep->outcome != PROBE_ANSWERED) {
		if (q->q == Q_NS)
			row->state = state_of(rep->outcome);
		return;
	}
	if (deleg_parse(rep->pkt, rep->len, q->c->domain, q->c->a, &d) < 0) {
		/* unusable, but what the header says still stands */
		d.rcode = dnsmsg_rcode(rep->pkt, rep->len);
		d.aa = rep->len >= DNS_HSIZE && dns_aa(rep->pkt);
	}
	if (q->q == Q_SOA) {
		row->has_soa = d.has_soa;
		row->serial = d.serial;
		/* the longest any server hands out: the worst case */
		if (d.has_soa && d.negative_ttl > q->c->out->negative_ttl)
			q->c->out->negative_ttl = d.negative_ttl;
		return;
	}
	row->state = ASK_ANSWERED;
	row->rtt_us = rep->rtt_us;
	row->rcode = d.rcode;
	row->aa = d.aa;
	row->referral = d.kind == DELEG_REFERRAL;
	/* only the domain's own NS set: a referral upwards or elsewhere says
	 * nothing about the delegation */
	if (d.kind == DELEG_ANSWER || (d.kind == DELEG_REFERRAL &&
				       strcasecmp(d.zone, q->c->domain) == 0)) {
		row->ns = d.ns;
		row->n_ns = d.n_ns;
		row->ns_ttl = d.ttl;
		row->n_glue = 0;
		row->glue = arena_array(q->c->a, d.n_glue ? d.n_glue : 1,
					sizeof *row->glue);
		for (size_t i = 0; row->glue && i < d.n_glue; i++) {
			row->glue[i].name = d.glue[i].name;
			memcpy(row->glue[i].addr, d.glue[i].addr, 16);
			row->glue[i].v6 = d.glue[i].v6;
			row->n_glue++;
		}
	}
}

static void submit(struct rctx *c, struct report_ask *row,
		   const struct probe_target *t, enum question k,
		   struct level *level)
{
	struct asked *q = arena_alloc(c->a, sizeof *q);

	if (!q)
		return;
	*q = (struct asked){ c, row, k, level };
	switch (k) {
	case Q_NS:
	case Q_SOA:
		probe_submit(c->p, t, c->domain, k == Q_SOA ? DNS_T_SOA : DNS_T_NS,
			     false, on_asked, q);
		break;
	case Q_TCP:
		probe_submit_tcp(c->p, t, c->domain, DNS_T_SOA, false, on_asked, q);
		break;
	case Q_RECURSION:
		probe_submit(c->p, t, ".", DNS_T_NS, true, on_asked, q);
		break;
	case Q_DNSKEY:
		row->keys = KEYS_NO_ANSWER;
		probe_submit_dnssec(c->p, t, c->domain, DNS_T_DNSKEY, on_asked, q);
		break;
	}
}

/* Puts to every address in list the question for the NS records;
 * servers (the domain's name servers): also the SOA, then (so that a
 * query budget running out costs these first) the SOA over TCP, one
 * recursive query, and the DNSKEY when the parent has a DS; trusted: the
 * root hints, asked whatever their addresses; level: the NS answers also
 * judge that walk level. The caller runs the probe. */
static struct report_ask *ask_all(struct rctx *c, const struct addrs *list,
				  bool servers, bool trusted, struct level *level)
{
	struct report_ask *rows = arena_array(c->a, list->n ? list->n : 1,
					      sizeof *rows);
	if (!rows)
		return NULL;
	enum question last = !servers ? Q_NS :
			     c->out->ds_state == DS_PRESENT ? Q_DNSKEY :
			     Q_RECURSION;
	/* first pass: NS (and SOA) of every address; second: the rest */
	const enum question from[2] = { Q_NS, Q_TCP };
	const enum question to[2] = { last < Q_SOA ? last : Q_SOA, last };
	for (size_t i = 0; i < list->n; i++) {
		fill_ask(&rows[i], &list->v[i]);
		const char *why = trusted ? NULL : forbidden(c, &list->v[i]);
		if (why) {
			rows[i].state = ASK_SKIPPED;
			rows[i].skipped_why = why;
		}
	}
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < list->n; i++) {
			if (rows[i].state == ASK_SKIPPED)
				continue;
			struct probe_target t = target_of(&list->v[i], c->port);
			for (enum question k = from[pass]; k <= to[pass]; k++)
				submit(c, &rows[i], &t, k, level);
		}
	}
	return rows;
}

/* ---- sets of names ---- */

/* Adds the names of add to *set (sorted, unique, in the arena). */
static void merge(struct rctx *c, const char ***set, size_t *n,
		  const char **add, size_t n_add)
{
	const char **v = arena_array(c->a, *n + n_add + 1, sizeof *v);
	size_t m = *n;

	if (!v)
		return;
	if (*n)
		memcpy(v, *set, *n * sizeof *v);
	for (size_t i = 0; i < n_add; i++)
		if (!names_has(v, m, add[i]))
			v[m++] = add[i];
	names_sort(v, m);
	*set = v;
	*n = m;
}

/* ---- the stages ---- */

static void on_ds(const struct probe_reply *rep, void *data);

/* Queues the NS question to every address of the parent's servers, and
 * the DS to the first that may be asked (c->ds_row): both in one round. */
static void submit_parents(struct rctx *c, const struct addrs *parents,
			   bool trusted, struct level *level)
{
	struct report *out = c->out;

	out->parents = ask_all(c, parents, false, trusted, level);
	out->n_parents = out->parents ? parents->n : 0;
	c->ds_row = SIZE_MAX;
	for (size_t i = 0; i < out->n_parents; i++) {
		if (out->parents[i].state == ASK_SKIPPED)
			continue;
		struct probe_target t = target_of(&parents->v[i], c->port);
		c->ds_row = i;
		probe_submit_dnssec(c->p, &t, c->domain, DNS_T_DS, on_ds, c);
		return;
	}
}

/* A walk's level was not the parent after all: its rows and DS go. */
static void forget_parents(struct rctx *c)
{
	c->out->parents = NULL;
	c->out->n_parents = 0;
	c->out->ds_state = DS_NOT_ASKED;
	memset(&c->out->ds, 0, sizeof c->out->ds);
	c->ds_row = SIZE_MAX;
}

/* The walk's level just above the domain, asked as the parent. */
static bool ask_as_parents(struct rctx *c, const struct addrs *servers,
			   bool trusted, struct level *l)
{
	memset(l, 0, sizeof *l);
	l->c = c;
	l->zone = c->out->parent_zone;
	submit_parents(c, servers, trusted, l);
	probe_run(c->p, c->deadline);
	return l->have;
}

/* The delegation (NS set, TTL, glue) from the parent's rows. */
static void sum_parents(struct rctx *c)
{
	struct report *out = c->out;
	bool first = true;
	for (size_t i = 0; i < out->n_parents; i++) {
		const struct report_ask *row = &out->parents[i];
		if (row->state != ASK_ANSWERED || !row->n_ns)
			continue;
		merge(c, &out->deleg, &out->n_deleg, row->ns, row->n_ns);
		if (first || row->ns_ttl < out->deleg_ttl)
			out->deleg_ttl = row->ns_ttl;
		first = false;
		for (size_t g = 0; g < row->n_glue; g++) {
			struct addrs glue = { out->glue, out->n_glue, out->n_glue };
			push_addr(c, &glue, row->glue[g].name, row->glue[g].addr,
				  row->glue[g].v6);
			out->glue = glue.v;
			out->n_glue = glue.n;
		}
	}
}

static void on_ds(const struct probe_reply *rep, void *data)
{
	struct rctx *c = data;

	if (!usable_dnssec(rep) ||
	    dnssec_ds_set(rep->pkt, rep->len, c->domain, &c->out->ds) < 0)
		return; /* ds stays empty, DS_NOT_ASKED */
	c->out->ds_state = c->out->ds.n ? DS_PRESENT : DS_NONE;
}

/* The DS records, from one parent server that gave the delegation: the
 * parent's servers publish one zone, and DS changes reach them together
 * with the NS records the report compares already. The first address was
 * asked beside the NS question; when that one did not give the
 * delegation, its DS answer does not count and one that did is asked. */
static void ask_ds(struct rctx *c)
{
	struct report *out = c->out;

	if (c->ds_row < out->n_parents &&
	    out->parents[c->ds_row].state == ASK_ANSWERED &&
	    out->parents[c->ds_row].n_ns)
		return;
	out->ds_state = DS_NOT_ASKED;
	memset(&out->ds, 0, sizeof out->ds);

	for (size_t i = 0; i < out->n_parents; i++) {
		const struct report_ask *row = &out->parents[i];
		if (row->state != ASK_ANSWERED || !row->n_ns)
			continue;
		struct report_addr a = { row->server, { 0 }, row->v6 };
		memcpy(a.addr, row->addr, 16);
		struct probe_target t = target_of(&a, c->port);
		probe_submit_dnssec(c->p, &t, c->domain, DNS_T_DS, on_ds, c);
		probe_run(c->p, c->deadline);
		return;
	}
}

/* The addresses of every name server, from the lookup, the glue, or else
 * the resolver. */
static void child_addresses(struct rctx *c, const char **names, size_t n,
			    struct addrs *list)
{
	const struct ns_result *res = c->res;
	const char *need[64];
	size_t n_need = 0;

	for (size_t i = 0; i < n; i++) {
		size_t before = list->n;
		for (size_t k = 0; k < res->n_ns; k++) {
			const struct ns_server *s = &res->ns[k];
			if (strcasecmp(s->name, names[i]) != 0)
				continue;
			for (size_t a = 0; a < s->v4.n; a++)
				push_addr(c, list, names[i], s->v4.addr[a], false);
			for (size_t a = 0; a < s->v6.n; a++)
				push_addr(c, list, names[i], s->v6.addr[a], true);
		}
		for (size_t g = 0; g < c->out->n_glue; g++)
			if (strcmp(c->out->glue[g].name, names[i]) == 0)
				push_addr(c, list, names[i], c->out->glue[g].addr,
					  c->out->glue[g].v6);
		if (list->n == before && n_need < 64)
			need[n_need++] = names[i];
	}
	if (n_need)
		resolve_names(c, need, n_need, list);
}

/* ---- the zone's addresses of its in-domain name servers ---- */

/* Each name's A and AAAA go to this many of the zone's addresses: enough
 * to get past one that is down, few enough for thirteen servers. */
#define HOST_ASKED_OF 2

struct host_job {
	struct rctx *c;
	struct report_host *h;
	bool v6;
	dnsc_t owner[DNS_MAXDN];
	size_t found;
	size_t answers;
	bool alias;      /* a CNAME for the name itself */
	bool zone_soa;   /* an SOA of the domain (or below) in the authority */
};

static void on_host_rr(const struct dnsmsg_rr *rr, const unsigned char *pkt,
		       size_t len, void *ctx)
{
	struct host_job *j = ctx;
	int want = j->v6 ? DNS_T_AAAA : DNS_T_A;
	size_t size = j->v6 ? 16 : 4;
	char soa_owner[DNS_MAXNAME];

	(void)pkt;
	(void)len;
	if (rr->section == DNSMSG_AUTHORITY && rr->type == DNS_T_SOA &&
	    dns_dntop(rr->owner, soa_owner, sizeof soa_owner) > 0 &&
	    deleg_under(soa_owner, j->c->domain))
		j->zone_soa = true;
	if (rr->section != DNSMSG_ANSWER)
		return;
	j->answers++;
	if (rr->type == DNS_T_CNAME && dns_dnequal(rr->owner, j->owner))
		j->alias = true;
	if (rr->type != want || rr->rdlen != size ||
	    !dns_dnequal(rr->owner, j->owner))
		return;
	struct addrs l = { j->c->out->host_addrs, j->c->out->n_host_addrs,
			   j->c->out->n_host_addrs };
	if (push_addr(j->c, &l, j->h->name, rr->rdata, j->v6))
		j->found++;
	j->c->out->host_addrs = l.v;
	j->c->out->n_host_addrs = l.n;
}

/* An authoritative answer, whole, NOERROR or NXDOMAIN, says what the zone
 * holds; an address from any server outweighs "none" from another, and a
 * denial counts only under the domain's own SOA (RFC 2308 2), not from a
 * server answering for some other zone. A referral to a zone below is no
 * answer here: the glue check then goes by the resolver's lookup. */
static void on_host(const struct probe_reply *rep, void *data)
{
	struct host_job *j = data;
	enum host_answer *st = j->v6 ? &j->h->v6 : &j->h->v4;

	if (rep->outcome != PROBE_ANSWERED || rep->len < DNS_HSIZE ||
	    !dns_aa(rep->pkt) || dns_tc(rep->pkt))
		return;
	int rcode = dns_rcode(rep->pkt);
	if ((rcode != DNS_R_NOERROR && rcode != DNS_R_NXDOMAIN) ||
	    dns_ptodn(j->h->name, 0, j->owner, sizeof j->owner, NULL) <= 0)
		return;
	j->found = j->answers = 0;
	j->alias = j->zone_soa = false;
	if (dnsmsg_each_rr(rep->pkt, rep->len, on_host_rr, j) < 0)
		return;
	if (j->found)
		*st = HOST_FOUND;
	else if (*st == HOST_FOUND)
		return;
	else if (j->alias)
		*st = HOST_ALIAS;
	else if (!j->zone_soa || j->answers)
		return; /* not a denial we can read */
	else if (rcode == DNS_R_NXDOMAIN && *st == HOST_NOT_ASKED)
		*st = HOST_NXDOMAIN;
	else if (rcode == DNS_R_NOERROR && *st != HOST_ALIAS)
		*st = HOST_NODATA;
}

/* Up to HOST_ASKED_OF addresses that may be asked, of different servers
 * first. */
static size_t host_targets(const struct addrs *list, const struct report_ask *rows,
			   size_t out[HOST_ASKED_OF])
{
	size_t n = 0;

	for (int round = 0; round < 2; round++) {
		for (size_t i = 0; i < list->n && n < HOST_ASKED_OF; i++) {
			if (rows[i].state == ASK_SKIPPED || rows[i].extra)
				continue;
			bool taken = false, same_server = false;
			for (size_t k = 0; k < n; k++) {
				taken = taken || out[k] == i;
				same_server = same_server ||
					strcmp(rows[out[k]].server, rows[i].server) == 0;
			}
			if (!taken && (round == 1 || !same_server))
				out[n++] = i;
		}
	}
	return n;
}

/* Queues the A and AAAA questions for every in-domain name of names (the
 * delegation's and the zone's) to a few of the zone's addresses. */
static void ask_hosts(struct rctx *c, const char **names, size_t n,
		      const struct addrs *list, const struct report_ask *rows)
{
	struct report *out = c->out;
	size_t at[HOST_ASKED_OF], n_at = host_targets(list, rows, at);

	out->hosts = arena_array(c->a, n ? n : 1, sizeof *out->hosts);
	if (!out->hosts)
		return;
	for (size_t i = 0; i < n; i++) {
		if (!deleg_under(names[i], c->domain))
			continue;
		struct report_host *h = &out->hosts[out->n_hosts++];
		*h = (struct report_host){ .name = names[i] };
		for (size_t k = 0; k < n_at; k++) {
			struct probe_target t = target_of(&list->v[at[k]],
							  c->port);
			for (int v6 = 0; v6 < 2; v6++) {
				struct host_job *j = arena_alloc(c->a, sizeof *j);
				if (!j)
					return;
				*j = (struct host_job){ .c = c, .h = h, .v6 = v6 };
				probe_submit(c->p, &t, names[i],
					     v6 ? DNS_T_AAAA : DNS_T_A, false,
					     on_host, j);
			}
		}
	}
}

/* ---- what resolvers hold (resolvers_view) ---- */

struct view_job {
	struct rctx *c;
	struct report_view *row;
};

struct ns_collect {
	struct rctx *c;
	dnsc_t owner[DNS_MAXDN];
	const char *v[64];
	size_t n;
	uint32_t ttl;
};

static void on_view_rr(const struct dnsmsg_rr *rr, const unsigned char *pkt,
		       size_t len, void *ctx)
{
	struct ns_collect *k = ctx;
	char name[DNS_MAXNAME];

	if (rr->section != DNSMSG_ANSWER || rr->type != DNS_T_NS ||
	    !dns_dnequal(rr->owner, k->owner) || k->n == 64 ||
	    dnsmsg_rdata_name(pkt, len, rr, name, sizeof name) < 0)
		return;
	const char *low = deleg_lower(k->c->a, name);
	if (!low)
		return;
	if (k->n == 0 || rr->ttl < k->ttl)
		k->ttl = rr->ttl;
	k->v[k->n++] = low;
}

static void on_view(const struct probe_reply *rep, void *data)
{
	struct view_job *j = data;
	struct report_view *row = j->row;
	struct ns_collect k = { .c = j->c };

	row->state = state_of(rep->outcome);
	if (rep->outcome != PROBE_ANSWERED)
		return;
	row->rcode = dnsmsg_rcode(rep->pkt, rep->len);
	if (dns_ptodn(j->c->domain, 0, k.owner, sizeof k.owner, NULL) <= 0 ||
	    dnsmsg_each_rr(rep->pkt, rep->len, on_view_rr, &k) < 0)
		return;
	merge(j->c, &row->ns, &row->n_ns, k.v, k.n);
	row->ttl = k.ttl;
}

/* Queues the question to every resolver of resolvers_view; the answers
 * come in with the name servers' (one probe_run for both). These
 * addresses are the operator's, asked whatever they are. */
static void ask_views(struct rctx *c)
{
	const struct config *cfg = c->cfg;
	struct report *out = c->out;

	if (!cfg->n_view_resolvers)
		return;
	out->views = arena_array(c->a, cfg->n_view_resolvers, sizeof *out->views);
	if (!out->views)
		return;
	for (size_t i = 0; i < cfg->n_view_resolvers; i++) {
		const struct config_server *s = &cfg->view_resolver[i];
		struct report_view *row = &out->views[out->n_views++];
		struct view_job *j = arena_alloc(c->a, sizeof *j);
		struct probe_target t = { .v6 = s->addr.ss_family == AF_INET6 };
		*row = (struct report_view){ .resolver = s->text,
					     .state = ASK_TIMEOUT };
		if (!j)
			continue;
		*j = (struct view_job){ c, row };
		if (t.v6) {
			const struct sockaddr_in6 *a = (const void *)&s->addr;
			memcpy(t.addr, &a->sin6_addr, 16);
			t.port = ntohs(a->sin6_port);
		} else {
			const struct sockaddr_in *a = (const void *)&s->addr;
			memcpy(t.addr, &a->sin_addr, 4);
			t.port = ntohs(a->sin_port);
		}
		probe_submit(c->p, &t, c->domain, DNS_T_NS, true, on_view, j);
	}
}

static void ask_children(struct rctx *c)
{
	struct report *out = c->out;
	const char **names = NULL, **child = NULL;
	size_t n = 0, n_child = 0;
	struct addrs list = { 0 };

	for (size_t i = 0; i < c->res->n_ns; i++) {
		const char *name = deleg_lower(c->a, c->res->ns[i].name);
		if (name)
			merge(c, &child, &n_child, &name, 1);
	}
	merge(c, &names, &n, out->deleg, out->n_deleg);
	merge(c, &names, &n, child, n_child);
	if (c->expect) /* servers a change is to move to: asked the same */
		merge(c, &names, &n, (const char **)c->expect->names,
		      c->expect->n);
	child_addresses(c, names, n, &list);
	ask_views(c);
	out->servers = ask_all(c, &list, true, false, NULL);
	out->n_servers = out->servers ? list.n : 0;
	for (size_t i = 0; i < out->n_servers; i++) {
		struct report_ask *row = &out->servers[i];
		row->extra = !names_has(out->deleg, out->n_deleg, row->server) &&
			     !names_has(child, n_child, row->server);
	}
	/* the domain's own names only: expected servers are not its own */
	const char **own = NULL;
	size_t n_own = 0;
	merge(c, &own, &n_own, out->deleg, out->n_deleg);
	merge(c, &own, &n_own, child, n_child);
	if (out->servers)
		ask_hosts(c, own, n_own, &list, out->servers);
	probe_run(c->p, c->deadline);
	/* the zone's own NS set: what its servers say with authority */
	bool first = true;
	for (size_t i = 0; i < out->n_servers; i++) {
		const struct report_ask *row = &out->servers[i];
		if (row->state != ASK_ANSWERED || !row->aa || !row->n_ns ||
		    row->extra)
			continue;
		merge(c, &out->child, &out->n_child, row->ns, row->n_ns);
		if (first || row->ns_ttl < out->child_ttl)
			out->child_ttl = row->ns_ttl;
		first = false;
	}
	if (out->n_child == 0) { /* nobody answered: the resolver's view */
		out->child = child;
		out->n_child = n_child;
		out->child_ttl = c->res->n_ns ? c->res->ns[0].ttl : 0;
	}
}

static void find_provider(struct rctx *c)
{
	const char **set = c->out->n_child ? c->out->child : c->out->deleg;
	size_t n = c->out->n_child ? c->out->n_child : c->out->n_deleg;

	for (size_t i = 0; i < n && !c->out->provider; i++)
		c->out->provider = providers_find(c->env->providers, set[i]);
}

static int cmp_ask(const void *a, const void *b)
{
	const struct report_ask *x = a, *y = b;
	int r = strcmp(x->server, y->server);
	if (r)
		return r;
	if (x->v6 != y->v6)
		return x->v6 ? 1 : -1;
	return memcmp(x->addr, y->addr, 16);
}

void report_run(struct probe *p, struct resolver *r,
		const struct report_env *env, struct arena *a,
		const struct ns_result *result, struct report *out)
{
	report_run_until(p, r, env, a, result, NULL,
			 clock_ms() + env->cfg->report_deadline_ms, out);
}

struct report_start {
	struct rctx c;
	struct addrs parents;
	bool walked;     /* the parent's servers were found */
	int64_t start_us;
};

struct report_start *report_begin(struct probe *p, struct resolver *r,
				  const struct report_env *env,
				  struct arena *a, const char *domain,
				  const struct expect_list *expect,
				  const struct report_gate *gate,
				  int64_t deadline_ms, struct report *out)
{
	struct report_start *st = arena_alloc(a, sizeof *st);

	memset(out, 0, sizeof *out);
	out->status = REPORT_DONE;
	if (!st) {
		out->status = REPORT_FAILED;
		out->why = N_("out of memory");
		return NULL;
	}
	*st = (struct report_start){
		.c = { p, r, env->cfg, env, a, NULL, out, domain, deadline_ms,
		       expect, env->port ? env->port : 53, SIZE_MAX, gate, false },
		.start_us = clock_us(),
	};
	struct rctx *c = &st->c;
	probe_reset(p);
	st->walked = walk(c, &st->parents);
	if (st->walked && !out->parents && !gate_open(c))
		st->walked = fail(c, REPORT_FAILED, N_("not made"));
	if (st->walked && !out->parents) { /* the walk found it another way */
		submit_parents(c, &st->parents, strcmp(out->parent_zone, ".") == 0,
			       NULL);
		probe_run(p, c->deadline);
	}
	if (st->walked) {
		sum_parents(c);
		ask_ds(c);
	}
	return st;
}

void report_finish(struct report_start *st, const struct ns_result *result,
		   int64_t deadline_ms)
{
	if (!st)
		return;
	struct rctx *c = &st->c;
	struct report *out = c->out;

	c->res = result;
	c->deadline = deadline_ms;
	if (st->walked) {
		ask_children(c);
		find_provider(c);
		qsort(out->parents, out->n_parents, sizeof *out->parents, cmp_ask);
		qsort(out->servers, out->n_servers, sizeof *out->servers, cmp_ask);
	}
	out->queries = probe_sent(c->p);
	out->timeouts = probe_timeouts(c->p);
	out->cut_short = clock_ms() >= c->deadline ||
			 probe_sent(c->p) >= c->cfg->report_max_queries;
	out->elapsed_us = (uint32_t)(clock_us() - st->start_us);
}

bool report_made(const struct report_start *st)
{
	return st && !st->c.closed;
}

void report_run_until(struct probe *p, struct resolver *r,
		      const struct report_env *env, struct arena *a,
		      const struct ns_result *result,
		      const struct expect_list *expect, int64_t deadline_ms,
		      struct report *out)
{
	report_finish(report_begin(p, r, env, a, result->owner, expect, NULL,
				   deadline_ms, out), result, deadline_ms);
}

static bool negative(const struct ns_result *r)
{
	return r->status == LOOKUP_NXDOMAIN || r->status == LOOKUP_NO_NS;
}

bool report_wanted(const struct ns_result *r)
{
	if (r->status == LOOKUP_FOUND || r->status == LOOKUP_SERVFAIL ||
	    r->status == LOOKUP_TIMEOUT)
		return true;
	/* a negative answer under the SOA of a zone above the name came from
	 * that zone's own servers: they would have referred a delegation */
	return negative(r) && (!r->zone || strcasecmp(r->zone, r->owner) == 0);
}

bool report_authoritative(const struct report_ask *row)
{
	return row->state == ASK_ANSWERED && row->rcode == DNS_R_NOERROR &&
	       row->aa && !row->referral;
}

bool report_serves(const struct report_ask *row)
{
	return report_authoritative(row) && row->n_ns > 0;
}

size_t report_denials(const struct report *rep, size_t *serving)
{
	size_t denied = 0;

	*serving = 0;
	for (size_t i = 0; i < rep->n_servers; i++) {
		const struct report_ask *a = &rep->servers[i];
		if (a->extra || a->state != ASK_ANSWERED)
			continue;
		if (report_serves(a))
			(*serving)++;
		else if (a->rcode == DNS_R_NXDOMAIN || report_authoritative(a))
			denied++;
	}
	return denied;
}

bool report_shown(const struct ns_result *r, const struct report *rep)
{
	return !negative(r) ||
	       (rep && rep->status == REPORT_DONE && rep->n_deleg > 0);
}

const char *host_answer_id(enum host_answer h)
{
	switch (h) {
	case HOST_NOT_ASKED: return "not_asked";
	case HOST_FOUND: return "found";
	case HOST_NODATA: return "nodata";
	case HOST_NXDOMAIN: return "nxdomain";
	case HOST_ALIAS: return "alias";
	}
	return "unknown";
}

const char *report_status_id(enum report_status s)
{
	switch (s) {
	case REPORT_DONE: return "done";
	case REPORT_NOT_DELEGATED: return "not_delegated";
	case REPORT_NXDOMAIN: return "nxdomain";
	case REPORT_FAILED: return "failed";
	}
	return "unknown";
}
