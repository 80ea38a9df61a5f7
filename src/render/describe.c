/*
 * describe: result sentences shared by every output format (describe.h).
 */
#include "render/describe.h"

#include <string.h>
#include <strings.h>
#include <time.h>

#include "util/buf.h"
#include "util/config.h"
#include "input/domain.h"
#include "report/drill.h"
#include "util/netaddr.h"
#include "report/report.h"
#include "input/request.h"
#include "render/view.h"
#include "util/words.h"

bool describe_into(const struct view *v, describe_fn *fn, escape_fn *escape,
		   const char *before, struct buf *out)
{
	char mem[2048];
	struct buf words;

	/* most sentences fit on the stack; long names take the heap */
	buf_init_fixed(&words, mem, sizeof mem);
	fn(v, &words);
	if (buf_failed(&words)) {
		buf_init(&words, 16384);
		fn(v, &words);
	}
	if (buf_failed(&words))
		out->failed = true;
	bool some = words.len > 0;
	if (some) {
		buf_puts(out, before);
		escape(out, words.data, words.len);
	}
	buf_free(&words);
	return some;
}

const char *describe_name(const struct view *v)
{
	if (v->domain)
		return v->domain->idn ? v->domain->unicode : v->domain->ascii;
	return "";
}

const char *describe_addr_state(const struct lang *l, enum addr_state s, bool v6)
{
	(void)l; /* the sentences below are English still */
	switch (s) {
	case ADDR_FOUND: return "";
	case ADDR_NONE: return v6 ? "no IPv6 address" : "no IPv4 address";
	case ADDR_NXDOMAIN: return "name does not exist";
	case ADDR_FAILED: return "lookup failed";
	case ADDR_TIMEOUT: return "lookup timed out";
	case ADDR_SKIPPED: return "not looked up";
	}
	return "";
}

/* The answer is about another name: the end of a CNAME chain. */
static bool is_alias(const struct ns_result *r)
{
	return strcasecmp(r->owner, r->qname) != 0;
}

/* server=: which server, and whether it could be looked at. */
static void headline_drill(const struct view *v, struct buf *out)
{
	const struct drill *d = v->drill;
	char addr[64];

	netaddr_format(d->addr, d->v6, addr, sizeof addr);
	if (d->status != DRILL_DONE) {
		buf_puts(out, addr);
		buf_puts(out, d->status == DRILL_NOT_ASKED ?
			 " is not a server the report on " :
			 " cannot be looked at: there is no delegation report on ");
		buf_puts(out, describe_name(v));
		buf_puts(out, d->status == DRILL_NOT_ASKED ? " asked." : ".");
		return;
	}
	buf_puts(out, "What ");
	buf_puts(out, d->server);
	buf_puts(out, " (");
	buf_puts(out, addr);
	buf_puts(out, ") answers for ");
	buf_puts(out, describe_name(v));
	buf_putc(out, '.');
}

static void advice_drill(const struct view *v, struct buf *out)
{
	const struct drill *d = v->drill;

	switch (d->status) {
	case DRILL_DONE:
		buf_puts(out, d->name_server && d->parent ?
			 "It is a name server of the domain and a server of its "
			 "parent zone. " :
			 d->name_server ? "It is a name server of the domain. " :
			 "It is a server of the parent zone. ");
		buf_puts(out, "These are its replies to the report's own "
			      "questions, as they came, ");
		if (d->cached) {
			buf_puts(out, "asked ");
			buf_uint(out, d->age_s);
			buf_puts(out, " s ago (kept for a few seconds).");
		} else {
			buf_puts(out, "asked just now.");
		}
		if (d->n == 0)
			buf_puts(out, " Another request was asking the same "
				      "questions and did not finish in time.");
		break;
	case DRILL_NOT_ASKED:
		buf_puts(out, "The detail view asks only the addresses that the "
			      "domain's report itself asked: its name servers and "
			      "the servers of its parent zone. Open the report and "
			      "follow the address in a server's row.");
		break;
	case DRILL_NO_REPORT:
		if (!v->cfg->report) {
			buf_puts(out, "This site makes no delegation reports "
				      "(report = no), so there are no servers to "
				      "look at.");
		} else if (v->report && v->report->status == REPORT_FAILED) {
			buf_puts(out, "The report could not be made (");
			buf_puts(out, v->report->why ? v->report->why : "no reason given");
			buf_puts(out, "). Try again in a minute.");
		} else if (!v->report && v->result->status != LOOKUP_FOUND &&
			   v->result->status != LOOKUP_NXDOMAIN &&
			   v->result->status != LOOKUP_NO_NS) {
			buf_puts(out, "The lookup failed, so there is no report to "
				      "take the server from. Try again in a minute.");
		} else {
			buf_puts(out, "The name has no name servers of its own: "
				      "without a report there are no servers to look at.");
		}
		break;
	}
}

/* "No such name" or "no NS records". With a report (shown only when the
 * parent delegates the name) the servers' answers say whose fault it is:
 * all of them deny the zone, some do, or none does any more and the
 * resolver holds an earlier answer. An alias's report is its target's. */
static void headline_negative(const struct view *v, const char *name,
			      struct buf *out)
{
	const struct ns_result *r = v->result;
	bool nx = r->status == LOOKUP_NXDOMAIN;

	buf_puts(out, name);
	if (is_alias(r)) {
		buf_puts(out, " is an alias (CNAME) of ");
		buf_puts(out, r->owner);
		if (!v->report) {
			buf_puts(out, nx ? ", which does not exist." :
				 ", which has no NS records.");
			return;
		}
		buf_puts(out, ", and ");
		buf_puts(out, r->owner);
	} else if (!v->report) {
		buf_puts(out, nx ? " does not exist." :
			 " exists but has no NS records.");
		return;
	}
	size_t serving, denied = report_denials(v->report, &serving);
	buf_puts(out, " is delegated by the parent zone ");
	buf_puts(out, v->report->parent_zone);
	if (denied && !serving)
		buf_puts(out, nx ? ", but its name servers say it does not exist." :
			 ", but its name servers give no NS records for it.");
	else if (denied)
		buf_puts(out, nx ? ", but some of its name servers say it does not "
			 "exist." : ", but some of its name servers give no NS "
			 "records for it.");
	else
		buf_puts(out, nx ? "; the resolver still holds an earlier answer "
			 "that it does not exist." : "; the resolver still holds "
			 "an earlier answer that it has no NS records.");
}

static void headline_result(const struct view *v, struct buf *out)
{
	const struct ns_result *r = v->result;
	const char *name = describe_name(v);

	if (v->drill) {
		headline_drill(v, out);
		return;
	}

	switch (r->status) {
	case LOOKUP_FOUND:
		buf_puts(out, name);
		buf_puts(out, " has ");
		buf_uint(out, r->n_ns);
		buf_puts(out, r->n_ns == 1 ? " name server." : " name servers.");
		break;
	case LOOKUP_NXDOMAIN:
	case LOOKUP_NO_NS:
		headline_negative(v, name, out);
		break;
	case LOOKUP_SERVFAIL:
		buf_puts(out, "The resolver could not get an answer for ");
		buf_puts(out, name);
		buf_puts(out, ".");
		break;
	case LOOKUP_TIMEOUT:
		buf_puts(out, "No answer for ");
		buf_puts(out, name);
		buf_puts(out, " arrived in time.");
		break;
	case LOOKUP_ERROR:
		buf_puts(out, "The lookup of ");
		buf_puts(out, name);
		buf_puts(out, " could not be completed.");
		break;
	}
}

void describe_headline(const struct view *v, struct buf *out)
{
	switch (v->state) {
	case VIEW_FORM:
		buf_puts(out, "Enter a domain name to see its name servers.");
		break;
	case VIEW_BAD_REQUEST:
		request_problem_text(v->lang, v->request_problem, out);
		break;
	case VIEW_BAD_DOMAIN:
		domain_problem_text(v->lang, v->domain_problem, out);
		break;
	case VIEW_RESULT:
		headline_result(v, out);
		break;
	case VIEW_BUSY:
		buf_puts(out, "Too many lookups are running right now.");
		break;
	case VIEW_LIMITED:
		buf_puts(out, v->limited_lookups ?
			 "Too many new lookups from your address." :
			 "Too many requests from your address.");
		break;
	}
}

static void advice_found(const struct ns_result *r, struct buf *out)
{
	if (is_alias(r)) {
		buf_puts(out, "The name is an alias (CNAME) of ");
		buf_puts(out, r->owner);
		buf_puts(out, "; these are the name servers of that name.");
	}
}

/* The parent delegates the name (the alias target's, for an alias). */
static void advice_denied(const struct view *v, struct buf *out)
{
	const struct report *rep = v->report;
	const struct ns_result *r = v->result;
	size_t serving, denied = report_denials(rep, &serving);

	if (!denied) {
		uint32_t ttl = r->zone ? r->negative_ttl : rep->negative_ttl;
		buf_puts(out, "The name servers the parent zone names serve the "
			      "zone now; resolvers keep a negative answer for ");
		if (ttl) {
			buf_puts(out, "up to ");
			words_duration(v->lang, ttl, out);
			buf_puts(out, " (the SOA's negative TTL), ");
		}
		buf_puts(out, "so this one goes away by itself.");
		return;
	}
	buf_puts(out, "The parent zone ");
	buf_puts(out, rep->parent_zone);
	buf_puts(out, " delegates ");
	buf_puts(out, is_alias(r) ? r->owner : describe_name(v));
	buf_puts(out, " to ");
	for (size_t i = 0; i < rep->n_deleg && i < 3; i++) {
		buf_puts(out, i == 0 ? "" : i + 1 == rep->n_deleg ? " and " : ", ");
		buf_puts(out, rep->deleg[i]);
	}
	if (rep->n_deleg > 3)
		buf_printf(out, " and %lu more", (unsigned long)(rep->n_deleg - 3));
	buf_puts(out, serving ? ", but some of those servers" : ", but those servers");
	if (r->status == LOOKUP_NXDOMAIN)
		buf_puts(out, " answer that there is no such name: they do not "
			      "hold the zone. Resolvers that ask them are told "
			      "the domain does not exist. Load the zone on the "
			      "servers, or give the registrar the servers that do "
			      "hold it.");
	else
		buf_puts(out, " serve the zone without its NS records. A zone "
			      "must list its name servers at its apex (RFC 1035); "
			      "resolvers that ask for them get none. Add the NS "
			      "records to the zone.");
	buf_puts(out, " The report below shows what each server answered.");
}

static void advice_negative(const struct view *v, struct buf *out)
{
	const struct ns_result *r = v->result;

	if (v->report) {
		advice_denied(v, out);
		return;
	}

	if (r->status == LOOKUP_NXDOMAIN) {
		buf_puts(out, "The servers of the zone ");
		buf_puts(out, r->zone ? r->zone : "above it");
		buf_puts(out, " answer that there is no such name. Check the spelling. "
			      "A domain registered minutes ago may not be "
			      "published by its registry yet.");
		return;
	}
	buf_puts(out, "NS records exist only at the apex of a zone, the name "
		      "where a zone begins. ");
	if (r->zone) {
		buf_puts(out, is_alias(r) ? r->owner : describe_name(v));
		buf_puts(out, " belongs to the zone ");
		buf_puts(out, r->zone);
		buf_puts(out, ": look that name up to see the name servers "
			      "that serve it.");
	} else {
		buf_puts(out, "Look up the domain the name belongs to.");
	}
}

static void advice_failure(const struct view *v, struct buf *out)
{
	const struct ns_result *r = v->result;

	if (r->status == LOOKUP_SERVFAIL) {
		buf_puts(out, "The resolver");
		if (r->resolver[0]) {
			buf_puts(out, " (");
			buf_puts(out, r->resolver);
			buf_puts(out, ")");
		}
		if (r->failure && strcmp(r->failure, "refused") == 0)
			buf_puts(out, " refused the query. It may not be willing "
				      "to answer this client.");
		else if (r->failure && strcmp(r->failure, "unreachable") == 0)
			buf_puts(out, " could not be reached: the query could "
				      "not be sent. Check the server's network "
				      "and the resolver setting.");
		else
			buf_puts(out, " reported a failure. Usually the domain's "
				      "name servers do not answer, answer "
				      "wrongly, or its DNSSEC signatures do not "
				      "validate.");
		buf_puts(out, " Try again in a minute; if it persists, the "
			      "delegation of the domain is probably broken.");
	} else if (r->status == LOOKUP_TIMEOUT) {
		buf_printf(out, "Nothing came back within %lu.%lu seconds. The "
			   "domain's name servers may be down or unreachable. "
			   "Try again; if it keeps failing, check that the "
			   "name servers answer at all.",
			   (unsigned long)r->elapsed_ms / 1000,
			   (unsigned long)r->elapsed_ms % 1000 / 100);
	} else if (r->status == LOOKUP_ERROR) {
		buf_puts(out, "The server ran out of resources for this "
			      "request. Try again.");
	}
}

/* "5 a second", "one every 2 seconds", "one a minute" */
static void rate_text(unsigned interval_ms, struct buf *out)
{
	if (interval_ms <= 1000)
		buf_printf(out, "%u a second", (2000 / interval_ms + 1) / 2);
	else if (interval_ms == 60000)
		buf_puts(out, "one a minute");
	else if (interval_ms % 60000 == 0)
		buf_printf(out, "one every %u minutes", interval_ms / 60000);
	else if (interval_ms % 1000 == 0)
		buf_printf(out, "one every %u seconds", interval_ms / 1000);
	else
		buf_printf(out, "one every %u.%u seconds", interval_ms / 1000,
			   interval_ms % 1000 / 100);
}

static void advice_limited(const struct view *v, struct buf *out)
{
	const struct config *cfg = v->cfg;
	bool lookups = v->limited_lookups;

	buf_printf(out, "Try again in %u second%s. Each address may ask for ",
		   v->retry_after, v->retry_after == 1 ? "" : "s");
	buf_uint(out, lookups ? cfg->rate_lookup_burst : cfg->rate_burst);
	buf_puts(out, lookups ? " names not looked up recently at once, then " :
		 " pages at once, then ");
	rate_text(lookups ? cfg->rate_lookups_ms : cfg->rate_requests_ms, out);
	buf_puts(out, lookups ? ". Names looked up recently are still "
			       "answered at once." :
		 ". This keeps the service fair to everyone; scripts "
		 "checking many names should pace their requests.");
}

uint32_t describe_wait_s(const struct report *rep)
{
	uint32_t s = rep->deleg_ttl > rep->child_ttl ? rep->deleg_ttl :
		     rep->child_ttl;

	return s;
}

void describe_wait(const struct view *v, struct buf *out)
{
	const struct report *rep = v->report;
	char when[64] = "";
	struct tm tm;

	if (!rep || rep->status != REPORT_DONE)
		return;
	uint32_t wait = describe_wait_s(rep);
	time_t until = (time_t)(v->now_s + wait);
	if (gmtime_r(&until, &tm))
		strftime(when, sizeof when, "%d %b %Y %H:%M UTC", &tm);
	buf_puts(out, "If the name servers were changed now, resolvers could "
		      "still hand out the old set until ");
	buf_puts(out, when);
	buf_puts(out, " (");
	words_duration(v->lang, wait, out);
	buf_puts(out, rep->n_child ? " from now): the longer of the "
		 "delegation's TTL at " : " from now): the delegation's TTL at ");
	buf_puts(out, rep->parent_zone);
	buf_puts(out, " (");
	words_duration(v->lang, rep->deleg_ttl, out);
	if (rep->n_child) { /* a zone its servers deny has no NS TTL */
		buf_puts(out, ") and the zone's own NS TTL (");
		words_duration(v->lang, rep->child_ttl, out);
	}
	buf_puts(out, ").");
	if (rep->negative_ttl) {
		buf_puts(out, " A resolver that was told a name did not exist "
			      "(a new server's name, say) keeps that answer for ");
		words_duration(v->lang, rep->negative_ttl, out);
		buf_puts(out, ", the SOA's negative TTL (RFC 2308).");
	}
}

void describe_advice(const struct view *v, struct buf *out)
{
	if (v->state == VIEW_BUSY) {
		buf_printf(out, "Try again in %u seconds. Names looked up "
			   "recently are still answered at once.",
			   v->retry_after);
		return;
	}
	if (v->state == VIEW_LIMITED) {
		advice_limited(v, out);
		return;
	}
	if (v->state != VIEW_RESULT)
		return;
	if (v->drill) {
		advice_drill(v, out);
		return;
	}
	switch (v->result->status) {
	case LOOKUP_FOUND:
		advice_found(v->result, out);
		break;
	case LOOKUP_NXDOMAIN:
	case LOOKUP_NO_NS:
		advice_negative(v, out);
		break;
	default:
		advice_failure(v, out);
		break;
	}
}
