/*
 * drill: one server's raw answers (see drill.h).
 */
#include "report/drill.h"

#include <string.h>
#include <udns.h>

#include "util/arena.h"
#include "util/clock.h"
#include "util/netaddr.h"
#include "report/report.h"

static const struct drill_question questions[DRILL_QUERIES] = {
	[DRILL_NS] = { "ns", DNS_T_NS, false, false, false, false },
	[DRILL_SOA] = { "soa", DNS_T_SOA, false, false, false, false },
	[DRILL_SOA_TCP] = { "soa_tcp", DNS_T_SOA, false, false, false, true },
	[DRILL_DNSKEY] = { "dnskey", DNS_T_DNSKEY, false, false, true, false },
	[DRILL_RECURSION] = { "recursion", DNS_T_NS, true, true, false, false },
	[DRILL_DS] = { "ds", DNS_T_DS, false, false, true, false },
};

const struct drill_question *drill_question(enum drill_query q)
{
	return &questions[q < DRILL_QUERIES ? q : DRILL_NS];
}

const char *drill_outcome_id(enum probe_outcome o)
{
	switch (o) {
	case PROBE_ANSWERED: return "answered";
	case PROBE_TIMEOUT: return "timeout";
	case PROBE_FAILED: return "failed";
	case PROBE_LIMIT: return "not_sent";
	case PROBE_REFUSED: return "refused";
	}
	return "unknown";
}

/* The report sent its questions to this row's address. */
static bool asked(const struct report_ask *row, const unsigned char *addr,
		  bool v6)
{
	return (row->state == ASK_ANSWERED || row->state == ASK_TIMEOUT) &&
	       row->v6 == v6 && memcmp(row->addr, addr, v6 ? 16 : 4) == 0;
}

static const struct report_ask *find(const struct report_ask *rows, size_t n,
				     const unsigned char *addr, bool v6)
{
	for (size_t i = 0; i < n; i++)
		if (asked(&rows[i], addr, v6))
			return &rows[i];
	return NULL;
}

enum drill_status drill_find(const struct report *rep, const char *domain,
			     const unsigned char *addr, bool v6,
			     bool allow_special, struct drill *out)
{
	memset(out, 0, sizeof *out);
	out->domain = domain;
	memcpy(out->addr, addr, v6 ? 16 : 4);
	out->v6 = v6;
	if (!rep || rep->status != REPORT_DONE)
		return out->status = DRILL_NO_REPORT;
	const struct report_ask *ns = find(rep->servers, rep->n_servers, addr, v6);
	const struct report_ask *up = find(rep->parents, rep->n_parents, addr, v6);
	/* the report came from the cache: whatever it holds, a special
	 * address is not asked unless the configuration says so now */
	if ((!ns && !up) || (!allow_special && netaddr_special(addr, v6)))
		return out->status = DRILL_NOT_ASKED;
	out->server = ns ? ns->server : up->server;
	out->name_server = ns != NULL;
	out->parent = up != NULL;
	out->ask_dnskey = rep->ds_state == DS_PRESENT;
	return out->status = DRILL_DONE;
}

struct pending {
	struct drill_answer *ans;
	struct arena *a;
};

static void on_reply(const struct probe_reply *r, void *data)
{
	const struct pending *w = data;
	struct drill_answer *ans = w->ans;

	ans->outcome = r->outcome;
	ans->rtt_us = r->rtt_us;
	ans->tcp = r->tcp;
	if (r->outcome != PROBE_ANSWERED)
		return;
	/* the probe reuses its buffers: the reply is copied */
	unsigned char *copy = arena_alloc(w->a, r->len ? r->len : 1);
	if (!copy) {
		ans->outcome = PROBE_FAILED;
		return;
	}
	memcpy(copy, r->pkt, r->len);
	ans->pkt = copy;
	ans->len = r->len;
}

unsigned drill_questions(const struct drill *d)
{
	unsigned q = 1u << DRILL_NS;

	if (d->parent)
		q |= 1u << DRILL_DS;
	if (d->name_server)
		q |= 1u << DRILL_SOA | 1u << DRILL_SOA_TCP | 1u << DRILL_RECURSION;
	if (d->name_server && d->ask_dnskey)
		q |= 1u << DRILL_DNSKEY;
	return q;
}

void drill_run(struct probe *p, struct arena *a, int64_t deadline_ms,
	       struct drill *d)
{
	struct probe_target to = { .v6 = d->v6, .port = 53 };
	struct pending wait[DRILL_QUERIES];
	int64_t start = clock_us();

	memcpy(to.addr, d->addr, d->v6 ? 16 : 4);
	probe_reset(p);
	d->n = 0;
	unsigned wanted = drill_questions(d);
	for (int q = 0; q < DRILL_QUERIES; q++) {
		if (!(wanted & 1u << q))
			continue;
		struct drill_answer *ans = &d->answer[d->n];
		memset(ans, 0, sizeof *ans);
		ans->query = (enum drill_query)q;
		ans->outcome = PROBE_TIMEOUT;
		wait[d->n] = (struct pending){ ans, a };
		const struct drill_question *k = &questions[q];
		const char *name = k->root ? "." : d->domain;
		if (k->tcp)
			probe_submit_tcp(p, &to, name, k->qtype, k->rd, on_reply,
					 &wait[d->n]);
		else if (k->dnssec)
			probe_submit_dnssec(p, &to, name, k->qtype, on_reply,
					    &wait[d->n]);
		else
			probe_submit(p, &to, name, k->qtype, k->rd, on_reply,
				     &wait[d->n]);
		d->n++;
	}
	probe_run(p, deadline_ms);
	d->elapsed_us = (uint32_t)(clock_us() - start);
}

void drill_dissect(struct arena *a, struct drill *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->answer[i].pkt)
			dissect_message(a, d->answer[i].pkt, d->answer[i].len,
					&d->answer[i].msg);
}
