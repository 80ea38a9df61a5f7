/*
 * describe: result sentences shared by every output format (describe.h).
 *
 * Each sentence is one message of the catalogue, its values filled in by
 * buf_say; where a sentence has several forms (an alias or not, some
 * servers or all) each form is a message of its own. Sentences that
 * follow each other are joined by a space.
 */
#include "render/describe.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util/buf.h"
#include "util/config.h"
#include "input/domain.h"
#include "util/lang.h"
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
	switch (s) {
	case ADDR_FOUND: return "";
	case ADDR_NONE:
		/* TRANSLATORS: why a name server's address cell is empty */
		return v6 ? trc(l, "address", "no IPv6 address") :
		       trc(l, "address", "no IPv4 address");
	case ADDR_NXDOMAIN: return trc(l, "address", "name does not exist");
	case ADDR_FAILED: return trc(l, "address", "lookup failed");
	case ADDR_TIMEOUT: return trc(l, "address", "lookup timed out");
	case ADDR_SKIPPED: return trc(l, "address", "not looked up");
	}
	return "";
}

/* A span of time in words, into the caller's memory. */
static const char *duration(const struct lang *l, uint32_t secs, char *mem,
			    size_t size, struct buf *out)
{
	struct buf b;

	buf_init_fixed(&b, mem, size);
	words_duration(l, secs, &b);
	if (buf_failed(&b))
		out->failed = true;
	return buf_str(&b);
}

/* Milliseconds as seconds with one decimal ("1.5"), into mem. */
static const char *tenths(const struct lang *l, unsigned long ms, char *mem,
			  size_t size)
{
	snprintf(mem, size, "%lu%s%lu", ms / 1000, lang_decimal(l),
		 ms % 1000 / 100);
	return mem;
}

/* The answer is about another name: the end of a CNAME chain. */
static bool is_alias(const struct ns_result *r)
{
	return strcasecmp(r->owner, r->qname) != 0;
}

/* server=: which server, and whether it could be looked at. */
static void headline_drill(const struct view *v, struct buf *out)
{
	const struct lang *l = v->lang;
	const struct drill *d = v->drill;
	char addr[64];

	netaddr_format(d->addr, d->v6, addr, sizeof addr);
	if (d->status == DRILL_NOT_ASKED) {
		/* TRANSLATORS: %1$s is a server's IP address, %2$s the domain */
		buf_say(out, BUF_RAW, tr(l, "%s is not a server the report on %s "
					 "asked."), addr, describe_name(v));
	} else if (d->status != DRILL_DONE) {
		/* TRANSLATORS: %1$s is a server's IP address, %2$s the domain */
		buf_say(out, BUF_RAW, tr(l, "%s cannot be looked at: there is no "
					 "delegation report on %s."),
			addr, describe_name(v));
	} else {
		/* TRANSLATORS: %1$s is a server's host name, %2$s its IP
		 * address, %3$s the domain */
		buf_say(out, BUF_RAW, tr(l, "What %s (%s) answers for %s."),
			d->server, addr, describe_name(v));
	}
}

static void advice_drill(const struct view *v, struct buf *out)
{
	const struct lang *l = v->lang;
	const struct drill *d = v->drill;

	switch (d->status) {
	case DRILL_DONE:
		buf_puts(out, d->name_server && d->parent ?
			 tr(l, "It is a name server of the domain and a server "
			       "of its parent zone.") :
			 d->name_server ?
			 tr(l, "It is a name server of the domain.") :
			 tr(l, "It is a server of the parent zone."));
		buf_putc(out, ' ');
		if (d->cached)
			/* TRANSLATORS: %lu is a number of seconds ("s"); the
			 * same words serve any number in English */
			buf_say(out, BUF_RAW, trn(l, "These are its replies to "
				"the report's own questions, as they came, asked "
				"%lu s ago (kept for a few seconds).", "These are "
				"its replies to the report's own questions, as "
				"they came, asked %lu s ago (kept for a few "
				"seconds).", d->age_s), (unsigned long)d->age_s);
		else
			buf_puts(out, tr(l, "These are its replies to the "
					 "report's own questions, as they came, "
					 "asked just now."));
		if (d->n == 0) {
			buf_putc(out, ' ');
			buf_puts(out, tr(l, "Another request was asking the same "
					 "questions and did not finish in time."));
		}
		break;
	case DRILL_NOT_ASKED:
		buf_puts(out, tr(l, "The detail view asks only the addresses "
				 "that the domain's report itself asked: its name "
				 "servers and the servers of its parent zone. Open "
				 "the report and follow the address in a server's "
				 "row."));
		break;
	case DRILL_NO_REPORT:
		if (!v->cfg->report) {
			buf_puts(out, tr(l, "This site makes no delegation "
					 "reports (report = no), so there are no "
					 "servers to look at."));
		} else if (v->report && v->report->status == REPORT_FAILED) {
			/* TRANSLATORS: %s is why the report failed, or "no
			 * reason given" */
			buf_say(out, BUF_RAW, tr(l, "The report could not be made "
						 "(%s). Try again in a minute."),
				v->report->why ? tr(l, v->report->why) :
				tr(l, "no reason given"));
		} else if (!v->report && v->result->status != LOOKUP_FOUND &&
			   v->result->status != LOOKUP_NXDOMAIN &&
			   v->result->status != LOOKUP_NO_NS) {
			buf_puts(out, tr(l, "The lookup failed, so there is no "
					 "report to take the server from. Try "
					 "again in a minute."));
		} else {
			buf_puts(out, tr(l, "The name has no name servers of its "
					 "own: without a report there are no "
					 "servers to look at."));
		}
		break;
	}
}

/* A name the parent delegates, whose servers deny it (denied, all of
 * them unless serving) or no longer do (neither). */
static void headline_delegated(const struct view *v, const char *name,
			       size_t denied, size_t serving, struct buf *out)
{
	const struct lang *l = v->lang;
	bool nx = v->result->status == LOOKUP_NXDOMAIN;
	const char *parent = v->report->parent_zone;

	if (denied && !serving && nx)
		/* TRANSLATORS: %1$s is a domain, %2$s its parent zone */
		buf_say(out, BUF_RAW, tr(l, "%s is delegated by the parent zone "
			"%s, but its name servers say it does not exist."),
			name, parent);
	else if (denied && !serving)
		/* TRANSLATORS: %1$s is a domain, %2$s its parent zone */
		buf_say(out, BUF_RAW, tr(l, "%s is delegated by the parent zone "
			"%s, but its name servers give no NS records for it."),
			name, parent);
	else if (denied && nx)
		/* TRANSLATORS: %1$s is a domain, %2$s its parent zone */
		buf_say(out, BUF_RAW, tr(l, "%s is delegated by the parent zone "
			"%s, but some of its name servers say it does not "
			"exist."), name, parent);
	else if (denied)
		/* TRANSLATORS: %1$s is a domain, %2$s its parent zone */
		buf_say(out, BUF_RAW, tr(l, "%s is delegated by the parent zone "
			"%s, but some of its name servers give no NS records "
			"for it."), name, parent);
	else if (nx)
		/* TRANSLATORS: %1$s is a domain, %2$s its parent zone */
		buf_say(out, BUF_RAW, tr(l, "%s is delegated by the parent zone "
			"%s; the resolver still holds an earlier answer that it "
			"does not exist."), name, parent);
	else
		/* TRANSLATORS: %1$s is a domain, %2$s its parent zone */
		buf_say(out, BUF_RAW, tr(l, "%s is delegated by the parent zone "
			"%s; the resolver still holds an earlier answer that it "
			"has no NS records."), name, parent);
}

/* The same for an alias, whose report is its target's. */
static void headline_delegated_alias(const struct view *v, const char *name,
				     size_t denied, size_t serving,
				     struct buf *out)
{
	const struct lang *l = v->lang;
	bool nx = v->result->status == LOOKUP_NXDOMAIN;
	const char *target = v->result->owner, *parent = v->report->parent_zone;

	if (denied && !serving && nx)
		/* TRANSLATORS: %1$s is the name looked up, %2$s the name it is an
		 * alias of, %3$s that name's parent zone */
		buf_say(out, BUF_RAW, tr(l, "%1$s is an alias (CNAME) of %2$s, "
			"and %2$s is delegated by the parent zone %3$s, but its "
			"name servers say it does not exist."),
			name, target, parent);
	else if (denied && !serving)
		/* TRANSLATORS: %1$s is the name looked up, %2$s the name it is an
		 * alias of, %3$s that name's parent zone */
		buf_say(out, BUF_RAW, tr(l, "%1$s is an alias (CNAME) of %2$s, "
			"and %2$s is delegated by the parent zone %3$s, but its "
			"name servers give no NS records for it."),
			name, target, parent);
	else if (denied && nx)
		/* TRANSLATORS: %1$s is the name looked up, %2$s the name it is an
		 * alias of, %3$s that name's parent zone */
		buf_say(out, BUF_RAW, tr(l, "%1$s is an alias (CNAME) of %2$s, "
			"and %2$s is delegated by the parent zone %3$s, but some "
			"of its name servers say it does not exist."),
			name, target, parent);
	else if (denied)
		/* TRANSLATORS: %1$s is the name looked up, %2$s the name it is an
		 * alias of, %3$s that name's parent zone */
		buf_say(out, BUF_RAW, tr(l, "%1$s is an alias (CNAME) of %2$s, "
			"and %2$s is delegated by the parent zone %3$s, but some "
			"of its name servers give no NS records for it."),
			name, target, parent);
	else if (nx)
		/* TRANSLATORS: %1$s is the name looked up, %2$s the name it is an
		 * alias of, %3$s that name's parent zone */
		buf_say(out, BUF_RAW, tr(l, "%1$s is an alias (CNAME) of %2$s, "
			"and %2$s is delegated by the parent zone %3$s; the "
			"resolver still holds an earlier answer that it does not "
			"exist."), name, target, parent);
	else
		/* TRANSLATORS: %1$s is the name looked up, %2$s the name it is an
		 * alias of, %3$s that name's parent zone */
		buf_say(out, BUF_RAW, tr(l, "%1$s is an alias (CNAME) of %2$s, "
			"and %2$s is delegated by the parent zone %3$s; the "
			"resolver still holds an earlier answer that it has no "
			"NS records."), name, target, parent);
}

/* "No such name" or "no NS records". With a report (shown only when the
 * parent delegates the name) the servers' answers say whose fault it is:
 * all of them deny the zone, some do, or none does any more and the
 * resolver holds an earlier answer. An alias's report is its target's. */
static void headline_negative(const struct view *v, const char *name,
			      struct buf *out)
{
	const struct lang *l = v->lang;
	const struct ns_result *r = v->result;
	bool nx = r->status == LOOKUP_NXDOMAIN;

	if (!v->report) {
		if (is_alias(r) && nx)
			/* TRANSLATORS: %1$s is the name looked up, %2$s the
			 * name it is an alias of */
			buf_say(out, BUF_RAW, tr(l, "%s is an alias (CNAME) of "
				"%s, which does not exist."), name, r->owner);
		else if (is_alias(r))
			/* TRANSLATORS: %1$s is the name looked up, %2$s the
			 * name it is an alias of */
			buf_say(out, BUF_RAW, tr(l, "%s is an alias (CNAME) of "
				"%s, which has no NS records."), name, r->owner);
		else if (nx)
			/* TRANSLATORS: %s is a domain */
			buf_say(out, BUF_RAW, tr(l, "%s does not exist."), name);
		else
			/* TRANSLATORS: %s is a domain */
			buf_say(out, BUF_RAW, tr(l, "%s exists but has no NS "
						 "records."), name);
		return;
	}
	size_t serving, denied = report_denials(v->report, &serving);
	if (is_alias(r))
		headline_delegated_alias(v, name, denied, serving, out);
	else
		headline_delegated(v, name, denied, serving, out);
}

static void headline_result(const struct view *v, struct buf *out)
{
	const struct lang *l = v->lang;
	const struct ns_result *r = v->result;
	const char *name = describe_name(v);

	if (v->drill) {
		headline_drill(v, out);
		return;
	}

	switch (r->status) {
	case LOOKUP_FOUND:
		/* TRANSLATORS: %s is a domain, %lu how many name servers */
		buf_say(out, BUF_RAW, trn(l, "%s has %lu name server.",
					  "%s has %lu name servers.", r->n_ns),
			name, (unsigned long)r->n_ns);
		break;
	case LOOKUP_NXDOMAIN:
	case LOOKUP_NO_NS:
		headline_negative(v, name, out);
		break;
	case LOOKUP_SERVFAIL:
		/* TRANSLATORS: %s is a domain */
		buf_say(out, BUF_RAW, tr(l, "The resolver could not get an answer "
					 "for %s."), name);
		break;
	case LOOKUP_TIMEOUT:
		/* TRANSLATORS: %s is a domain */
		buf_say(out, BUF_RAW, tr(l, "No answer for %s arrived in time."),
			name);
		break;
	case LOOKUP_ERROR:
		/* TRANSLATORS: %s is a domain */
		buf_say(out, BUF_RAW, tr(l, "The lookup of %s could not be "
					 "completed."), name);
		break;
	}
}

void describe_headline(const struct view *v, struct buf *out)
{
	const struct lang *l = v->lang;

	switch (v->state) {
	case VIEW_FORM:
		buf_puts(out, tr(l, "Enter a domain name to see its name servers."));
		break;
	case VIEW_BAD_REQUEST:
		request_problem_text(l, v->request_problem, out);
		break;
	case VIEW_BAD_DOMAIN:
		domain_problem_text(l, v->domain_problem, out);
		break;
	case VIEW_RESULT:
		headline_result(v, out);
		break;
	case VIEW_BUSY:
		buf_puts(out, tr(l, "Too many lookups are running right now."));
		break;
	case VIEW_LIMITED:
		buf_puts(out, v->limited_lookups ?
			 tr(l, "Too many new lookups from your address.") :
			 tr(l, "Too many requests from your address."));
		break;
	}
}

static void advice_found(const struct view *v, struct buf *out)
{
	const struct ns_result *r = v->result;

	if (is_alias(r))
		/* TRANSLATORS: %s is the name the name looked up is an alias of */
		buf_say(out, BUF_RAW, tr(v->lang, "The name is an alias (CNAME) of "
			"%s; these are the name servers of that name."),
			r->owner);
}

/* "a, b and c", "a, b, c and 2 more": the first three servers the parent
 * names. */
static void deleg_list(const struct lang *l, const struct report *rep,
		       struct buf *out)
{
	const char **d = rep->deleg;
	size_t n = rep->n_deleg;

	if (n == 1)
		buf_puts(out, d[0]);
	else if (n == 2)
		/* TRANSLATORS: a list of two name servers */
		buf_say(out, BUF_RAW, tr(l, "%s and %s"), d[0], d[1]);
	else if (n == 3)
		/* TRANSLATORS: a list of three name servers */
		buf_say(out, BUF_RAW, tr(l, "%s, %s and %s"), d[0], d[1], d[2]);
	else if (n > 3)
		/* TRANSLATORS: three name servers and how many more there are;
		 * the same words serve any number in English */
		buf_say(out, BUF_RAW, trn(l, "%s, %s, %s and %lu more",
					  "%s, %s, %s and %lu more", n - 3),
			d[0], d[1], d[2], (unsigned long)(n - 3));
}

/* The parent delegates the name (the alias target's, for an alias). */
static void advice_denied(const struct view *v, struct buf *out)
{
	const struct lang *l = v->lang;
	const struct report *rep = v->report;
	const struct ns_result *r = v->result;
	size_t serving, denied = report_denials(rep, &serving);
	bool nx = r->status == LOOKUP_NXDOMAIN;

	if (!denied) {
		uint32_t ttl = r->zone ? r->negative_ttl : rep->negative_ttl;
		char mem[128];
		if (ttl)
			/* TRANSLATORS: %s is a span of time ("5 minutes") */
			buf_say(out, BUF_RAW, tr(l, "The name servers the parent "
				"zone names serve the zone now; resolvers keep a "
				"negative answer for up to %s (the SOA's negative "
				"TTL), so this one goes away by itself."),
				duration(l, ttl, mem, sizeof mem, out));
		else
			buf_puts(out, tr(l, "The name servers the parent zone "
				"names serve the zone now; resolvers keep a "
				"negative answer for so this one goes away by "
				"itself."));
		return;
	}

	char mem[1024];
	struct buf list;
	buf_init_fixed(&list, mem, sizeof mem);
	deleg_list(l, rep, &list);
	if (buf_failed(&list))
		out->failed = true;
	const char *parent = rep->parent_zone, *names = buf_str(&list);
	const char *name = is_alias(r) ? r->owner : describe_name(v);

	if (!serving && nx)
		/* TRANSLATORS: %1$s is the parent zone, %2$s the domain, %3$s a
		 * list of name servers */
		buf_say(out, BUF_RAW, tr(l, "The parent zone %s delegates %s to "
			"%s, but those servers answer that there is no such "
			"name: they do not hold the zone."), parent, name, names);
	else if (nx)
		/* TRANSLATORS: %1$s is the parent zone, %2$s the domain, %3$s a
		 * list of name servers */
		buf_say(out, BUF_RAW, tr(l, "The parent zone %s delegates %s to "
			"%s, but some of those servers answer that there is no "
			"such name: they do not hold the zone."),
			parent, name, names);
	else if (!serving)
		/* TRANSLATORS: %1$s is the parent zone, %2$s the domain, %3$s a
		 * list of name servers */
		buf_say(out, BUF_RAW, tr(l, "The parent zone %s delegates %s to "
			"%s, but those servers serve the zone without its NS "
			"records."), parent, name, names);
	else
		/* TRANSLATORS: %1$s is the parent zone, %2$s the domain, %3$s a
		 * list of name servers */
		buf_say(out, BUF_RAW, tr(l, "The parent zone %s delegates %s to "
			"%s, but some of those servers serve the zone without its "
			"NS records."), parent, name, names);
	buf_putc(out, ' ');
	buf_puts(out, nx ?
		 tr(l, "Resolvers that ask them are told the domain does not "
		       "exist. Load the zone on the servers, or give the "
		       "registrar the servers that do hold it.") :
		 tr(l, "A zone must list its name servers at its apex (RFC "
		       "1035); resolvers that ask for them get none. Add the NS "
		       "records to the zone."));
	buf_putc(out, ' ');
	buf_puts(out, tr(l, "The report below shows what each server answered."));
}

static void advice_negative(const struct view *v, struct buf *out)
{
	const struct lang *l = v->lang;
	const struct ns_result *r = v->result;

	if (v->report) {
		advice_denied(v, out);
		return;
	}

	if (r->status == LOOKUP_NXDOMAIN) {
		if (r->zone)
			/* TRANSLATORS: %s is the zone that holds the name */
			buf_say(out, BUF_RAW, tr(l, "The servers of the zone %s "
				"answer that there is no such name."), r->zone);
		else
			buf_puts(out, tr(l, "The servers of the zone above it "
				"answer that there is no such name."));
		buf_putc(out, ' ');
		buf_puts(out, tr(l, "Check the spelling. A domain registered "
				 "minutes ago may not be published by its "
				 "registry yet."));
		return;
	}
	buf_puts(out, tr(l, "NS records exist only at the apex of a zone, the "
			 "name where a zone begins."));
	buf_putc(out, ' ');
	if (r->zone)
		/* TRANSLATORS: %1$s is a name, %2$s the zone it belongs to */
		buf_say(out, BUF_RAW, tr(l, "%s belongs to the zone %s: look that "
			"name up to see the name servers that serve it."),
			is_alias(r) ? r->owner : describe_name(v), r->zone);
	else
		buf_puts(out, tr(l, "Look up the domain the name belongs to."));
}

/* SERVFAIL: the resolver's failure, with its address when known. */
static void advice_servfail(const struct view *v, struct buf *out)
{
	const struct lang *l = v->lang;
	const struct ns_result *r = v->result;
	const char *res = r->resolver;
	bool named = res[0] != '\0';

	if (r->failure && strcmp(r->failure, "refused") == 0) {
		if (named)
			/* TRANSLATORS: %s is the resolver's address */
			buf_say(out, BUF_RAW, tr(l, "The resolver (%s) refused the "
						 "query."), res);
		else
			buf_puts(out, tr(l, "The resolver refused the query."));
		buf_putc(out, ' ');
		buf_puts(out, tr(l, "It may not be willing to answer this "
				 "client."));
	} else if (r->failure && strcmp(r->failure, "unreachable") == 0) {
		if (named)
			/* TRANSLATORS: %s is the resolver's address */
			buf_say(out, BUF_RAW, tr(l, "The resolver (%s) could not "
				"be reached: the query could not be sent."), res);
		else
			buf_puts(out, tr(l, "The resolver could not be reached: "
					 "the query could not be sent."));
		buf_putc(out, ' ');
		buf_puts(out, tr(l, "Check the server's network and the "
				 "resolver setting."));
	} else {
		if (named)
			/* TRANSLATORS: %s is the resolver's address */
			buf_say(out, BUF_RAW, tr(l, "The resolver (%s) reported a "
						 "failure."), res);
		else
			buf_puts(out, tr(l, "The resolver reported a failure."));
		buf_putc(out, ' ');
		buf_puts(out, tr(l, "Usually the domain's name servers do not "
				 "answer, answer wrongly, or its DNSSEC "
				 "signatures do not validate."));
	}
	buf_putc(out, ' ');
	buf_puts(out, tr(l, "Try again in a minute; if it persists, the "
			 "delegation of the domain is probably broken."));
}

static void advice_failure(const struct view *v, struct buf *out)
{
	const struct lang *l = v->lang;
	const struct ns_result *r = v->result;

	if (r->status == LOOKUP_SERVFAIL) {
		advice_servfail(v, out);
	} else if (r->status == LOOKUP_TIMEOUT) {
		char mem[48];
		/* TRANSLATORS: %s is a number of seconds with one decimal
		 * ("3.0") */
		buf_say(out, BUF_RAW, tr(l, "Nothing came back within %s "
					 "seconds."),
			tenths(l, r->elapsed_ms, mem, sizeof mem));
		buf_putc(out, ' ');
		buf_puts(out, tr(l, "The domain's name servers may be down or "
				 "unreachable. Try again; if it keeps failing, "
				 "check that the name servers answer at all."));
	} else if (r->status == LOOKUP_ERROR) {
		buf_puts(out, tr(l, "The server ran out of resources for this "
				 "request. Try again."));
	}
}

/*
 * "Each address may ask for 20 pages at once, then 5 a second." One
 * sentence for each way of giving the rate (5 a second, one a minute,
 * one every 2 minutes, every 2 seconds, every 1.5 seconds), for pages
 * and for names; its plural form follows the number at once (English
 * says "pages" and "names" for any number).
 */
static void rate_pages(const struct lang *l, unsigned long burst, unsigned ms,
		       struct buf *out)
{
	char mem[48];

	if (ms <= 1000)
		/* TRANSLATORS: %lu is how many pages at once, %u how many
		 * after that each second */
		buf_say(out, BUF_RAW, trn(l, "Each address may ask for %lu pages "
			"at once, then %u a second.", "Each address may ask for "
			"%lu pages at once, then %u a second.", burst),
			burst, (2000 / ms + 1) / 2);
	else if (ms == 60000)
		/* TRANSLATORS: %lu is how many pages at once */
		buf_say(out, BUF_RAW, trn(l, "Each address may ask for %lu pages "
			"at once, then one a minute.", "Each address may ask for "
			"%lu pages at once, then one a minute.", burst), burst);
	else if (ms % 60000 == 0)
		/* TRANSLATORS: %lu is how many pages at once, %u a number of
		 * minutes (2 or more) */
		buf_say(out, BUF_RAW, trn(l, "Each address may ask for %lu pages "
			"at once, then one every %u minutes.", "Each address may "
			"ask for %lu pages at once, then one every %u minutes.",
			burst), burst, ms / 60000);
	else if (ms % 1000 == 0)
		/* TRANSLATORS: %lu is how many pages at once, %u a number of
		 * seconds (2 or more) */
		buf_say(out, BUF_RAW, trn(l, "Each address may ask for %lu pages "
			"at once, then one every %u seconds.", "Each address may "
			"ask for %lu pages at once, then one every %u seconds.",
			burst), burst, ms / 1000);
	else
		/* TRANSLATORS: %lu is how many pages at once, %s a number of
		 * seconds with one decimal ("1.5") */
		buf_say(out, BUF_RAW, trn(l, "Each address may ask for %lu pages "
			"at once, then one every %s seconds.", "Each address may "
			"ask for %lu pages at once, then one every %s seconds.",
			burst), burst, tenths(l, ms, mem, sizeof mem));
}

static void rate_names(const struct lang *l, unsigned long burst, unsigned ms,
		       struct buf *out)
{
	char mem[48];

	if (ms <= 1000)
		/* TRANSLATORS: %lu is how many names at once, %u how many
		 * after that each second */
		buf_say(out, BUF_RAW, trn(l, "Each address may ask for %lu names "
			"not looked up recently at once, then %u a second.",
			"Each address may ask for %lu names not looked up "
			"recently at once, then %u a second.", burst),
			burst, (2000 / ms + 1) / 2);
	else if (ms == 60000)
		/* TRANSLATORS: %lu is how many names at once */
		buf_say(out, BUF_RAW, trn(l, "Each address may ask for %lu names "
			"not looked up recently at once, then one a minute.",
			"Each address may ask for %lu names not looked up "
			"recently at once, then one a minute.", burst), burst);
	else if (ms % 60000 == 0)
		/* TRANSLATORS: %lu is how many names at once, %u a number of
		 * minutes (2 or more) */
		buf_say(out, BUF_RAW, trn(l, "Each address may ask for %lu names "
			"not looked up recently at once, then one every %u "
			"minutes.", "Each address may ask for %lu names not "
			"looked up recently at once, then one every %u minutes.",
			burst), burst, ms / 60000);
	else if (ms % 1000 == 0)
		/* TRANSLATORS: %lu is how many names at once, %u a number of
		 * seconds (2 or more) */
		buf_say(out, BUF_RAW, trn(l, "Each address may ask for %lu names "
			"not looked up recently at once, then one every %u "
			"seconds.", "Each address may ask for %lu names not "
			"looked up recently at once, then one every %u seconds.",
			burst), burst, ms / 1000);
	else
		/* TRANSLATORS: %lu is how many names at once, %s a number of
		 * seconds with one decimal ("1.5") */
		buf_say(out, BUF_RAW, trn(l, "Each address may ask for %lu names "
			"not looked up recently at once, then one every %s "
			"seconds.", "Each address may ask for %lu names not "
			"looked up recently at once, then one every %s seconds.",
			burst), burst, tenths(l, ms, mem, sizeof mem));
}

static void advice_limited(const struct view *v, struct buf *out)
{
	const struct lang *l = v->lang;
	const struct config *cfg = v->cfg;

	/* TRANSLATORS: %u is a number of seconds */
	buf_say(out, BUF_RAW, trn(l, "Try again in %u second.",
				  "Try again in %u seconds.", v->retry_after),
		v->retry_after);
	buf_putc(out, ' ');
	if (v->limited_lookups) {
		rate_names(l, cfg->rate_lookup_burst, cfg->rate_lookups_ms, out);
		buf_putc(out, ' ');
		buf_puts(out, tr(l, "Names looked up recently are still answered "
				 "at once."));
	} else {
		rate_pages(l, cfg->rate_burst, cfg->rate_requests_ms, out);
		buf_putc(out, ' ');
		buf_puts(out, tr(l, "This keeps the service fair to everyone; "
				 "scripts checking many names should pace their "
				 "requests."));
	}
}

uint32_t describe_wait_s(const struct report *rep)
{
	uint32_t s = rep->deleg_ttl > rep->child_ttl ? rep->deleg_ttl :
		     rep->child_ttl;

	return s;
}

/* The month's abbreviation in the language. A switch rather than a
 * table of N_() so that each msgid carries its context. */
static const char *month_abbr(const struct lang *l, int mon)
{
	switch (mon) {
	/* TRANSLATORS: the months' abbreviations in a date ("27 Nov 2026") */
	case 0: return trc(l, "month", "Jan");
	case 1: return trc(l, "month", "Feb");
	case 2: return trc(l, "month", "Mar");
	case 3: return trc(l, "month", "Apr");
	case 4: return trc(l, "month", "May");
	case 5: return trc(l, "month", "Jun");
	case 6: return trc(l, "month", "Jul");
	case 7: return trc(l, "month", "Aug");
	case 8: return trc(l, "month", "Sep");
	case 9: return trc(l, "month", "Oct");
	case 10: return trc(l, "month", "Nov");
	case 11: return trc(l, "month", "Dec");
	}
	return "";
}

/*
 * A time as a date for people, in UTC: "27 Nov 2026 09:46 UTC". The
 * numbers come from strftime, which writes them the same in every
 * locale, the month's name from the catalogue; one message puts the four
 * parts in the order of the language (day, month, year, time). Nothing
 * when the time cannot be taken apart.
 */
static void date_text(const struct lang *l, int64_t t, struct buf *out)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char day[8], year[16], hm[16];

	if (!gmtime_r(&tt, &tm) || !strftime(day, sizeof day, "%d", &tm) ||
	    !strftime(year, sizeof year, "%Y", &tm) ||
	    !strftime(hm, sizeof hm, "%H:%M", &tm))
		return;
	/* TRANSLATORS: a date and time in UTC: %1$s is the day (01-31),
	 * %2$s the month's abbreviation, %3$s the year, %4$s the time of
	 * day (09:46); put them in the order your language writes dates */
	buf_say(out, BUF_RAW, trc(l, "date", "%1$s %2$s %3$s %4$s UTC"),
		day, month_abbr(l, tm.tm_mon), year, hm);
}

void describe_wait(const struct view *v, struct buf *out)
{
	const struct lang *l = v->lang;
	const struct report *rep = v->report;
	char when_mem[128], wait_mem[128], deleg_mem[128], child_mem[128];
	char neg_mem[128];
	struct buf when;

	if (!rep || rep->status != REPORT_DONE)
		return;
	uint32_t wait = describe_wait_s(rep);
	buf_init_fixed(&when, when_mem, sizeof when_mem);
	date_text(l, v->now_s + wait, &when);
	if (buf_failed(&when))
		out->failed = true;
	const char *in = duration(l, wait, wait_mem, sizeof wait_mem, out);
	const char *deleg = duration(l, rep->deleg_ttl, deleg_mem,
				     sizeof deleg_mem, out);
	if (rep->n_child) /* a zone its servers deny has no NS TTL */
		/* TRANSLATORS: %1$s is a date and time, %2$s a span of time
		 * ("2 days"), %3$s the parent zone, %4$s and %5$s spans of
		 * time */
		buf_say(out, BUF_RAW, tr(l, "If the name servers were changed "
			"now, resolvers could still hand out the old set until "
			"%s (%s from now): the longer of the delegation's TTL at "
			"%s (%s) and the zone's own NS TTL (%s)."),
			buf_str(&when), in, rep->parent_zone, deleg,
			duration(l, rep->child_ttl, child_mem, sizeof child_mem,
				 out));
	else
		/* TRANSLATORS: %1$s is a date and time, %2$s a span of time
		 * ("2 days"), %3$s the parent zone, %4$s a span of time */
		buf_say(out, BUF_RAW, tr(l, "If the name servers were changed "
			"now, resolvers could still hand out the old set until "
			"%s (%s from now): the delegation's TTL at %s (%s)."),
			buf_str(&when), in, rep->parent_zone, deleg);
	if (rep->negative_ttl) {
		buf_putc(out, ' ');
		/* TRANSLATORS: %s is a span of time ("15 minutes") */
		buf_say(out, BUF_RAW, tr(l, "A resolver that was told a name did "
			"not exist (a new server's name, say) keeps that answer "
			"for %s, the SOA's negative TTL (RFC 2308)."),
			duration(l, rep->negative_ttl, neg_mem,
				 sizeof neg_mem, out));
	}
}

void describe_advice(const struct view *v, struct buf *out)
{
	if (v->state == VIEW_BUSY) {
		/* TRANSLATORS: %u is a number of seconds; the same words serve
		 * any number in English */
		buf_say(out, BUF_RAW, trn(v->lang, "Try again in %u seconds. "
			"Names looked up recently are still answered at once.",
			"Try again in %u seconds. Names looked up recently are "
			"still answered at once.", v->retry_after),
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
		advice_found(v, out);
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
