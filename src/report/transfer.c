/*
 * transfer: the verdict on a change of name servers (see transfer.h).
 */
#include "report/transfer.h"

#include <string.h>

#include "util/buf.h"
#include "util/lang.h"
#include "util/names.h"
#include "report/report.h"
#include "report/result.h"
#include "util/words.h"

/* The holder when the lookup's resolver has no address to name; JSON
 * writes it as it is, transfer_text in the page's language. */
/* TRANSLATORS: stands where a resolver's address would, after "the
 * resolver": "the resolver nscheck's resolver still hands out ..." */
static const char own_resolver[] = N_("nscheck's resolver");

bool transfer_parent_matches(const struct expect_list *e,
			     const struct report_ask *a)
{
	return a->state == ASK_ANSWERED && a->n_ns &&
	       names_equal(a->ns, a->n_ns, e->names, e->n);
}

/* Every expected server answers for the zone with authority, and they
 * all give one serial (the newest among them); the others are listed. */
static void readiness(const struct expect_list *e, const struct report *rep,
		      struct transfer *out)
{
	uint32_t newest = 0;
	bool any = false;

	for (size_t i = 0; i < rep->n_servers; i++) {
		const struct report_ask *a = &rep->servers[i];
		if (a->has_soa && (!any || a->serial > newest) &&
		    names_has(e->names, e->n, a->server)) {
			newest = a->serial;
			any = true;
		}
	}
	for (size_t k = 0; k < e->n; k++) {
		/* the best any of its addresses did: 0 none asked, 1 asked,
		 * 2 answered, 3 with authority, 4 ready */
		int best = 0;
		for (size_t i = 0; i < rep->n_servers; i++) {
			const struct report_ask *a = &rep->servers[i];
			if (strcmp(a->server, e->names[k]) != 0)
				continue;
			int got = a->state != ASK_ANSWERED ? 1 :
				  !(report_authoritative(a) && a->has_soa) ? 2 :
				  a->serial != newest ? 3 : 4;
			if (got > best)
				best = got;
		}
		if (best == 4)
			continue;
		out->why[out->n_not_ready] = (enum not_ready_why)best;
		out->not_ready[out->n_not_ready++] = e->names[k];
	}
}

/* The first resolver still handing out another set: the lookup's own
 * resolver, then those of resolvers_view. */
static void caches(const struct expect_list *e, const struct ns_result *r,
		   const struct report *rep, struct transfer *out)
{
	if (r->status == LOOKUP_FOUND) {
		const char *set[EXPECT_MAX + 1];
		size_t n = 0;
		bool fits = r->n_ns <= EXPECT_MAX;
		for (size_t i = 0; fits && i < r->n_ns; i++)
			set[n++] = r->ns[i].name;
		/* the lookup's names are as the answer spelled them */
		if (!fits || !names_equal(set, n, e->names, e->n)) {
			out->old_holder = r->resolver[0] ? r->resolver :
					  own_resolver;
			/* the NS records' TTL left: when they go, so does
			 * the old set */
			out->wait_s = r->n_ns ? r->ns[0].ttl : 0;
			for (size_t i = 1; i < r->n_ns; i++)
				if (r->ns[i].ttl < out->wait_s)
					out->wait_s = r->ns[i].ttl;
			return;
		}
	}
	for (size_t i = 0; i < rep->n_views; i++) {
		const struct report_view *w = &rep->views[i];
		if (w->state == ASK_ANSWERED && w->n_ns &&
		    !names_equal(w->ns, w->n_ns, e->names, e->n)) {
			out->old_holder = w->resolver;
			out->wait_s = w->ttl;
			return;
		}
	}
}

void transfer_judge(const struct expect_list *e, const struct ns_result *r,
		    const struct report *rep, struct transfer *out)
{
	memset(out, 0, sizeof *out);
	out->verdict = TRANSFER_UNKNOWN;
	if (!rep || rep->status != REPORT_DONE || e->n == 0)
		return;
	for (size_t i = 0; i < rep->n_parents; i++) {
		const struct report_ask *a = &rep->parents[i];
		if (a->state != ASK_ANSWERED || !a->n_ns)
			continue;
		out->parents_asked++;
		out->parents_new += transfer_parent_matches(e, a);
	}
	readiness(e, rep, out);
	if (out->n_not_ready)
		out->verdict = TRANSFER_NOT_READY;
	else if (out->parents_asked == 0)
		out->verdict = TRANSFER_UNKNOWN;
	else if (out->parents_new == 0)
		out->verdict = TRANSFER_WRONG_SERVERS;
	else if (out->parents_new < out->parents_asked)
		out->verdict = TRANSFER_WAITING_REGISTRY;
	else {
		caches(e, r, rep, out);
		out->verdict = out->old_holder ? TRANSFER_WAITING_CACHES :
			       TRANSFER_DONE;
	}
}

bool transfer_weight(enum transfer_verdict v, enum check_status *st)
{
	switch (v) {
	case TRANSFER_DONE:
		*st = CHECK_PASS;
		return true;
	case TRANSFER_WAITING_REGISTRY:
	case TRANSFER_WAITING_CACHES:
		*st = CHECK_WARN;
		return true;
	case TRANSFER_NOT_READY:
	case TRANSFER_WRONG_SERVERS:
		*st = CHECK_FAIL;
		return true;
	case TRANSFER_UNKNOWN:
		break;
	}
	return false;
}

const char *transfer_verdict_id(enum transfer_verdict v)
{
	switch (v) {
	case TRANSFER_DONE: return "done";
	case TRANSFER_NOT_READY: return "new_servers_not_ready";
	case TRANSFER_WRONG_SERVERS: return "wrong_servers_at_registry";
	case TRANSFER_WAITING_REGISTRY: return "waiting_for_registry";
	case TRANSFER_WAITING_CACHES: return "waiting_for_caches";
	case TRANSFER_UNKNOWN: return "unknown";
	}
	return "unknown";
}

/* One not-ready server in words, raw text. */
static void say_not_ready(const struct lang *l, const char *server,
			  enum not_ready_why w, struct buf *out)
{
	switch (w) {
	case NOT_READY_NO_ADDRESS:
		/* TRANSLATORS: %s is a name server's host name */
		buf_say(out, BUF_RAW, tr(l, "%s has no address that could be found"),
			server);
		return;
	case NOT_READY_NO_ANSWER:
		/* TRANSLATORS: %s is a name server's host name */
		buf_say(out, BUF_RAW, tr(l, "%s does not answer"), server);
		return;
	case NOT_READY_NO_AUTHORITY:
		/* TRANSLATORS: %s is a name server's host name */
		buf_say(out, BUF_RAW, tr(l, "%s does not serve the zone "
					    "(no authoritative answer)"), server);
		return;
	case NOT_READY_OLD_SERIAL:
		/* TRANSLATORS: %s is a name server's host name */
		buf_say(out, BUF_RAW, tr(l, "%s serves an older version of the "
					    "zone (another SOA serial)"), server);
		return;
	}
	buf_puts(out, server);
}

const char *not_ready_id(enum not_ready_why w)
{
	switch (w) {
	case NOT_READY_NO_ADDRESS: return "no_address";
	case NOT_READY_NO_ANSWER: return "no_answer";
	case NOT_READY_NO_AUTHORITY: return "not_authoritative";
	case NOT_READY_OLD_SERIAL: return "older_serial";
	}
	return "unknown";
}

void transfer_text(const struct lang *l, const struct transfer *t, const struct report *rep,
		   struct buf *out)
{
	struct buf part;

	switch (t->verdict) {
	case TRANSFER_DONE:
		buf_puts(out, tr(l, "Done: the parent zone delegates to the expected "
				    "name servers, they answer for the zone, and "
				    "resolvers hand out the new set."));
		break;
	case TRANSFER_NOT_READY:
		buf_init(&part, 16384); /* 13 names of 253 bytes fit */
		for (size_t i = 0; i < t->n_not_ready; i++) {
			if (i)
				buf_puts(&part, "; ");
			say_not_ready(l, t->not_ready[i], t->why[i], &part);
		}
		if (buf_failed(&part))
			out->failed = true;
		/* TRANSLATORS: %s lists the servers that are not ready and why,
		 * "ns1.example.net does not answer; ns2.example.net ..." */
		buf_say(out, BUF_RAW, tr(l, "The new name servers are not ready: %s. "
					    "Every new server must answer for the "
					    "zone with authority and the same SOA "
					    "serial before the switch, or resolvers "
					    "sent to it get errors."), buf_str(&part));
		buf_free(&part);
		break;
	case TRANSFER_WRONG_SERVERS:
		/* TRANSLATORS: %s is the parent zone, "com" */
		buf_say(out, BUF_RAW, tr(l, "The parent zone %s still delegates to "
					    "other name servers: the change has not "
					    "reached the registry. If you changed the "
					    "name servers at your registrar more than "
					    "a few hours ago, check there that they "
					    "were saved as expected."),
			rep->parent_zone);
		break;
	case TRANSFER_WAITING_REGISTRY:
		buf_say(out, BUF_RAW,
			/* TRANSLATORS: the addresses of the parent zone's
			 * servers that publish the new set already, of all
			 * of them that answered (two or more) */
			trn(l, "Waiting for the registry: %lu of %lu address of the "
			       "parent zone's servers already publishes the expected "
			       "name servers; the others still have the old set. "
			       "This usually settles within minutes to a few hours.",
			    "Waiting for the registry: %lu of %lu addresses of the "
			    "parent zone's servers already publish the expected "
			    "name servers; the others still have the old set. "
			    "This usually settles within minutes to a few hours.",
			    (unsigned long)t->parents_asked),
			(unsigned long)t->parents_new,
			(unsigned long)t->parents_asked);
		break;
	case TRANSFER_WAITING_CACHES: {
		char mem[128];
		const char *holder = t->old_holder;
		buf_init_fixed(&part, mem, sizeof mem);
		words_duration(l, t->wait_s, &part);
		if (buf_failed(&part))
			out->failed = true;
		if (holder && strcmp(holder, own_resolver) == 0)
			holder = tr(l, own_resolver);
		/* TRANSLATORS: %1$s is a resolver (an address, or "nscheck's
		 * resolver"), %2$s how long it may still hand out the old set,
		 * "2 hours 30 minutes" */
		buf_say(out, BUF_RAW, tr(l, "Waiting for caches: the parent zone "
					    "publishes the expected name servers, "
					    "but the resolver %1$s still hands out "
					    "another set, for up to %2$s more. "
					    "Nothing to do but wait."),
			holder ? holder : "", buf_str(&part));
		break;
	}
	case TRANSFER_UNKNOWN:
		buf_puts(out, tr(l, "Whether the change is done cannot be told: the "
				    "delegation could not be checked."));
		break;
	}
}
