/*
 * lookup: NS query, then A/AAAA of every name server (see lookup.h).
 *
 * Flow: lookup_run() submits the NS query and runs the resolver until the
 * deadline. on_ns() fills the name server list and submits the address
 * queries; on_addr() fills their addresses. Everything lands in the arena.
 */
#include "report/lookup.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/arena.h"
#include "util/clock.h"
#include "util/config.h"
#include "dns/dnsmsg.h"
#include "dns/resolver.h"
#include "report/result.h"

struct lookup_job {
	struct resolver *r;
	const struct config *cfg;
	struct arena *a;
	struct ns_result *out;
	int64_t start;
	bool answered;  /* the NS query has ended */
	unsigned open;  /* its queries not yet ended */
};

struct addr_job {
	struct lookup_job *job;
	struct ns_server *server;
	struct ns_addrs *dst;
	size_t size; /* 4 or 16 */
};

/* dns_dntop() writes the root as "": people know it as "." */
static const char *root_dot(const char *name)
{
	return name[0] ? name : ".";
}

static int cmp_ns(const void *a, const void *b)
{
	const struct ns_server *x = a, *y = b;
	return strcasecmp(x->name, y->name);
}

static int cmp_addr16(const void *a, const void *b)
{
	return memcmp(a, b, 16);
}

/* The lookup's time is its own queries', not that of the other work the
 * resolver's loop ran meanwhile (a report begun beside it). */
static void query_ended(struct lookup_job *job)
{
	if (--job->open == 0)
		job->out->elapsed_ms = (uint32_t)(clock_ms() - job->start);
}

static void on_addr(const struct res_reply *reply, void *data)
{
	struct addr_job *aj = data;
	struct ns_addrs *dst = aj->dst;
	char target[DNS_MAXNAME];

	/* RFC 2181 §10.3: an NS record must not name an alias */
	if (reply->pkt && !aj->server->alias &&
	    dnsmsg_alias_target(reply->pkt, reply->pkt_len, target,
				sizeof target) == 1)
		aj->server->alias = arena_strdup(aj->job->a, target);

	switch (reply->outcome) {
	case RES_OK: {
		/* struct dns_rr_a4 and dns_rr_a6 share this layout */
		const struct dns_rr_a4 *a4 = reply->parsed;
		const struct dns_rr_a6 *a6 = reply->parsed;
		size_t n = (size_t)(aj->size == 4 ? a4->dnsa4_nrr : a6->dnsa6_nrr);
		const unsigned char *src = aj->size == 4 ?
			(const unsigned char *)a4->dnsa4_addr :
			(const unsigned char *)a6->dnsa6_addr;
		dst->addr = arena_array(aj->job->a, n, 16);
		if (!dst->addr) {
			dst->state = ADDR_FAILED;
			break;
		}
		for (size_t i = 0; i < n; i++)
			memcpy(dst->addr[i], src + i * aj->size, aj->size);
		qsort(dst->addr, n, 16, cmp_addr16);
		dst->n = n;
		dst->ttl = dnsmsg_ttl(aj->size == 4 ? a4->dnsa4_ttl : a6->dnsa6_ttl);
		dst->state = ADDR_FOUND;
		break;
	}
	case RES_NODATA: dst->state = ADDR_NONE; break;
	case RES_NXDOMAIN: dst->state = ADDR_NXDOMAIN; break;
	case RES_TIMEOUT: dst->state = ADDR_TIMEOUT; break;
	default: dst->state = ADDR_FAILED; break;
	}
	free(reply->parsed);
	query_ended(aj->job);
}

static void submit_addr(struct lookup_job *job, struct ns_server *s, int qtype)
{
	struct addr_job *aj = arena_alloc(job->a, sizeof *aj);
	bool v4 = qtype == DNS_T_A;
	struct ns_addrs *dst = v4 ? &s->v4 : &s->v6;
	const char *name = s->name;

	dst->state = ADDR_FAILED;
	if (!aj)
		return;
	aj->job = job;
	aj->server = s;
	aj->dst = dst;
	aj->size = v4 ? 4 : 16;
	dst->state = ADDR_TIMEOUT; /* until the answer says otherwise */
	if (resolver_submit(job->r, name, qtype, v4 ? dns_parse_a4 : dns_parse_a6,
			    on_addr, aj) < 0)
		dst->state = ADDR_FAILED;
	else
		job->open++;
}

/*
 * A negative reply: the enclosing zone and RFC 2308 lifetime from its SOA,
 * and the alias target when the name was a CNAME (the answer is about it).
 */
static void read_negative(struct lookup_job *job, const struct res_reply *reply)
{
	struct dnsmsg_soa soa;
	char target[DNS_MAXNAME];

	if (!reply->pkt)
		return;
	if (dnsmsg_find_soa(reply->pkt, reply->pkt_len, &soa) == 1) {
		job->out->zone = arena_strdup(job->a, root_dot(soa.zone));
		job->out->negative_ttl = dnsmsg_negative_ttl(&soa);
	}
	if (dnsmsg_alias_target(reply->pkt, reply->pkt_len, target,
				sizeof target) == 1) {
		const char *owner = arena_strdup(job->a, root_dot(target));
		if (owner)
			job->out->owner = owner;
	}
}

static void fill_servers(struct lookup_job *job, const struct dnsmsg_ns *ns)
{
	struct ns_result *out = job->out;

	out->ns = arena_array(job->a, ns->n, sizeof *out->ns);
	out->owner = arena_strdup(job->a, root_dot(ns->owner));
	if (!out->ns || !out->owner) {
		out->status = LOOKUP_ERROR;
		return;
	}
	for (unsigned i = 0; i < ns->n; i++) {
		out->ns[i].name = arena_strdup(job->a, root_dot(ns->rr[i].name));
		out->ns[i].ttl = ns->rr[i].ttl;
		if (!out->ns[i].name) {
			out->status = LOOKUP_ERROR;
			return;
		}
	}
	out->n_ns = ns->n;
	out->status = LOOKUP_FOUND;
	qsort(out->ns, out->n_ns, sizeof *out->ns, cmp_ns);
	for (size_t i = 0; i < out->n_ns; i++) {
		struct ns_server *s = &out->ns[i];
		if (i >= job->cfg->max_ns) {
			s->v4.state = s->v6.state = ADDR_SKIPPED;
			continue;
		}
		submit_addr(job, s, DNS_T_A);
		submit_addr(job, s, DNS_T_AAAA);
	}
}

static void on_ns(const struct res_reply *reply, void *data)
{
	struct lookup_job *job = data;
	struct ns_result *out = job->out;

	job->answered = true;
	memcpy(out->resolver, reply->server, sizeof out->resolver);
	out->failure = res_outcome_str(reply->outcome);
	switch (reply->outcome) {
	case RES_OK:
		fill_servers(job, reply->parsed);
		break;
	case RES_NXDOMAIN:
		out->status = LOOKUP_NXDOMAIN;
		read_negative(job, reply);
		break;
	case RES_NODATA:
		out->status = LOOKUP_NO_NS;
		read_negative(job, reply);
		break;
	case RES_TIMEOUT:
		out->status = LOOKUP_TIMEOUT;
		break;
	case RES_NOMEM:
		out->status = LOOKUP_ERROR;
		break;
	default:
		out->status = LOOKUP_SERVFAIL;
		break;
	}
	free(reply->parsed);
	query_ended(job); /* after the address queries it made */
}

void lookup_run(struct resolver *r, const struct config *cfg, struct arena *a,
		const char *ascii_name, struct ns_result *out)
{
	lookup_run_until(r, cfg, a, ascii_name, clock_ms() + cfg->deadline_ms, out);
}

struct lookup_job *lookup_start(struct resolver *r, const struct config *cfg,
				struct arena *a, const char *ascii_name,
				struct ns_result *out)
{
	struct lookup_job *job = arena_alloc(a, sizeof *job);

	memset(out, 0, sizeof *out);
	out->qname = ascii_name;
	out->owner = ascii_name;
	out->status = LOOKUP_TIMEOUT;
	if (!job) {
		out->status = LOOKUP_ERROR;
		out->failure = "out of memory";
		return NULL;
	}
	*job = (struct lookup_job){ .r = r, .cfg = cfg, .a = a, .out = out,
				    .start = clock_ms(), .open = 1 };
	if (resolver_submit(r, ascii_name, DNS_T_NS, dnsmsg_parse_ns, on_ns,
			    job) < 0) {
		out->status = LOOKUP_ERROR;
		out->failure = "could not send the query";
		return NULL;
	}
	return job;
}

bool lookup_answered(const struct lookup_job *job)
{
	return !job || job->answered;
}

void lookup_finish(struct lookup_job *job, int64_t deadline_ms)
{
	if (!job)
		return;
	resolver_run(job->r, deadline_ms);
	/* resolver_run() ends every query it holds: this is for one it lost */
	if (job->open)
		job->out->elapsed_ms = (uint32_t)(clock_ms() - job->start);
}

void lookup_run_until(struct resolver *r, const struct config *cfg,
		      struct arena *a, const char *ascii_name,
		      int64_t deadline_ms, struct ns_result *out)
{
	lookup_finish(lookup_start(r, cfg, a, ascii_name, out), deadline_ms);
}
