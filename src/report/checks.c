/*
 * checks: the delegation checks (see checks.h). Each check_* function
 * fills one finding; messages list at most CHECKS_NAMES_LISTED servers,
 * then "and N more".
 */
#include "report/checks.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "dns/deleg.h"
#include "util/names.h"
#include "dns/dnsmsg.h"
#include "util/netaddr.h"
#include "report/report.h"
#include "report/result.h"
#include "util/words.h"

/* ---- writing messages ---- */

static void append(struct finding *f, const char *s)
{
	size_t used = strlen(f->message), n = strlen(s);

	if (n > sizeof f->message - 1 - used)
		n = sizeof f->message - 1 - used;
	memcpy(f->message + used, s, n);
	f->message[used + n] = '\0';
}

static void append_uint(struct finding *f, unsigned long v)
{
	char digits[24];
	size_t i = sizeof digits - 1;

	digits[i] = '\0';
	do {
		digits[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	append(f, digits + i);
}

static void append_addr(struct finding *f, const unsigned char *a, bool v6)
{
	char text[64];

	netaddr_format(a, v6, text, sizeof text);
	append(f, text);
}

static void append_duration(struct finding *f, uint32_t secs)
{
	char mem[128];
	struct buf b;

	buf_init_fixed(&b, mem, sizeof mem);
	words_duration(NULL, secs, &b);
	append(f, buf_str(&b));
}

/* A list in a message: "first; second; third and 2 more". */
struct list {
	struct finding *f;
	size_t n;
};

/* True when the next item is to be written (after its separator). */
static bool item(struct list *l, const char *lead)
{
	if (l->n++ >= CHECKS_NAMES_LISTED)
		return false;
	append(l->f, l->n == 1 ? lead : "; ");
	return true;
}

static void end_list(struct list *l, const char *after)
{
	if (l->n > CHECKS_NAMES_LISTED) {
		append(l->f, " and ");
		append_uint(l->f, l->n - CHECKS_NAMES_LISTED);
		append(l->f, " more");
	}
	append(l->f, after);
}

/* The id comes from the table (checks_run). */
static void set(struct finding *f, enum check_status st)
{
	f->status = st;
	f->message[0] = '\0';
}

static bool report_done(const struct report *rep)
{
	return rep && rep->status == REPORT_DONE;
}

/* ---- checks on the lookup ---- */

/* The parent's set is where resolvers start; the zone's own set is what
 * many of them use after the first answer: one server in either is a
 * single point of failure. */
static void check_ns_count(const struct ns_result *r, const struct report *rep,
			   struct finding *f)
{
	size_t parent = 0, zone = r->n_ns;
	const char *p_one = "", *z_one = zone ? r->ns[0].name : "";

	if (report_done(rep)) {
		parent = rep->n_deleg;
		p_one = parent ? rep->deleg[0] : "";
		zone = rep->n_child; /* the resolver's set when no server gave one */
		z_one = zone ? rep->child[0] : "";
	}
	if (parent == 0 && zone == 0) {
		set(f, CHECK_FAIL);
		append(f, "No name server is known: neither the parent nor the "
			  "zone gave an NS set.");
		return;
	}
	if (parent != 1 && zone != 1) {
		set(f, CHECK_PASS);
		append_uint(f, zone ? zone : parent);
		append(f, " name servers: if one fails, the others answer.");
		return;
	}
	set(f, CHECK_FAIL);
	if (parent >= 2 || zone >= 2) {
		bool at_parent = parent == 1;
		append(f, at_parent ? "The parent zone " : "The zone lists only "
		       "one name server (");
		if (at_parent) {
			append(f, rep->parent_zone);
			append(f, " delegates to only one name server (");
		}
		append(f, at_parent ? p_one : z_one);
		append(f, at_parent ? "), although the zone lists " :
		       "), although the parent delegates to ");
		append_uint(f, at_parent ? zone : parent);
		append(f, at_parent ? ". Resolvers start from the delegation: if "
			  "that server fails, the domain stops resolving. Give "
			  "the registrar every name server." :
			  ". Resolvers that go by the zone's own list use only "
			  "that one: if it fails, they cannot resolve the domain. "
			  "List every name server in the zone's NS records.");
		return;
	}
	append(f, "Only one name server (");
	append(f, zone ? z_one : p_one);
	append(f, "). If it fails, the whole domain stops resolving: add at "
		  "least one more, ideally on another network.");
}

static const char *addr_problem(const struct ns_server *s)
{
	if (s->v4.state == ADDR_NXDOMAIN || s->v6.state == ADDR_NXDOMAIN)
		return "its name does not exist";
	if (s->v4.state == ADDR_TIMEOUT || s->v6.state == ADDR_TIMEOUT)
		return "the address lookup timed out";
	if (s->v4.state == ADDR_FAILED || s->v6.state == ADDR_FAILED)
		return "the address lookup failed";
	return "it has no A or AAAA record";
}

/* Is there an address for a name the lookup did not cover (parent only)? */
static bool report_has_addr(const struct report *rep, const char *name)
{
	for (size_t i = 0; report_done(rep) && i < rep->n_servers; i++)
		if (!rep->servers[i].extra &&
		    strcasecmp(rep->servers[i].server, name) == 0)
			return true;
	return false;
}

static bool in_result(const struct ns_result *r, const char *name)
{
	for (size_t i = 0; i < r->n_ns; i++)
		if (strcasecmp(r->ns[i].name, name) == 0)
			return true;
	return false;
}

enum { ANY_FAMILY = -1 };

/* How many addresses (glue) the parent publishes for the name, of one
 * family (0 IPv4, 1 IPv6) or ANY_FAMILY. */
static size_t glue_count(const struct report *rep, const char *name, int v6)
{
	size_t n = 0;

	for (size_t g = 0; report_done(rep) && g < rep->n_glue; g++)
		n += (v6 == ANY_FAMILY || rep->glue[g].v6 == (v6 == 1)) &&
		     strcasecmp(rep->glue[g].name, name) == 0;
	return n;
}

static bool has_glue(const struct report *rep, const char *name)
{
	return glue_count(rep, name, ANY_FAMILY) > 0;
}

/* Did any of the domain's own server addresses answer the report? */
static bool some_server_answered(const struct report *rep)
{
	for (size_t i = 0; report_done(rep) && i < rep->n_servers; i++)
		if (!rep->servers[i].extra &&
		    rep->servers[i].state == ASK_ANSWERED)
			return true;
	return false;
}

static void check_ns_resolves(const struct ns_result *r, const struct report *rep,
			      struct finding *f)
{
	struct list l = { f, 0 };
	size_t looked = 0, glued = 0;

	set(f, CHECK_PASS);
	for (size_t i = 0; i < r->n_ns; i++) {
		const struct ns_server *s = &r->ns[i];
		if (s->v4.state == ADDR_SKIPPED)
			continue;
		looked++;
		if (s->v4.n + s->v6.n > 0)
			continue;
		bool glue = has_glue(rep, s->name);
		glued += glue;
		if (item(&l, "No address for ")) {
			append(f, s->name);
			append(f, " (");
			append(f, addr_problem(s));
			append(f, glue ? "; only the parent's glue gives one)" : ")");
		}
	}
	for (size_t i = 0; report_done(rep) && i < rep->n_deleg; i++) {
		if (in_result(r, rep->deleg[i]))
			continue;
		looked++;
		if (!report_has_addr(rep, rep->deleg[i]) &&
		    item(&l, "No address for ")) {
			append(f, rep->deleg[i]);
			append(f, " (named by the parent only)");
		}
	}
	if (l.n == 0) {
		append(f, "Every name server has an address.");
		return;
	}
	f->status = l.n == looked ? CHECK_FAIL : CHECK_WARN;
	/* the servers answered (the lookup itself, or the report), so some
	 * address leads to them: the parent's glue, or one still cached */
	bool reached = r->status == LOOKUP_FOUND || some_server_answered(rep);
	if (l.n < looked)
		end_list(&l, glued == l.n ? ". Resolvers that ask for these "
			 "servers' addresses get none and skip them." :
			 ". Resolvers waste time on servers they cannot reach.");
	else if (!reached)
		end_list(&l, ". No name server can be reached, so the domain "
			     "cannot resolve.");
	else
		end_list(&l, glued == l.n ?
			 ". Resolvers reach these servers only through the "
			 "addresses the parent publishes with the delegation "
			 "(glue), which are not the zone's own data: a resolver "
			 "that asks for the servers' addresses gets none and may "
			 "give up. Publish an A or AAAA record for each name "
			 "server." :
			 ". The servers answered, so resolvers still find them "
			 "through addresses they already hold (glue, or an "
			 "earlier answer in their cache); once those expire, the "
			 "domain stops resolving. Publish an A or AAAA record for "
			 "each name server.");
}

static void check_not_cname(const struct ns_result *r,
			    const struct report *rep, struct finding *f)
{
	(void)rep; /* the lookup alone says */
	struct list l = { f, 0 };

	set(f, CHECK_PASS);
	for (size_t i = 0; i < r->n_ns; i++) {
		if (!r->ns[i].alias || !item(&l, ""))
			continue;
		append(f, r->ns[i].name);
		append(f, " is an alias (CNAME) of ");
		append(f, r->ns[i].alias);
	}
	if (l.n == 0) {
		append(f, "Every name server's name is a host name, not an alias.");
		return;
	}
	f->status = CHECK_FAIL;
	end_list(&l, ". An NS record must name the server itself (RFC 2181 "
		     "10.3): some resolvers refuse such servers. Put the target "
		     "name in the NS record.");
}

/* Every address of every name server: the report's list when there is one
 * (it includes servers only the parent names), else the lookup's. */
static void each_addr(const struct ns_result *r, const struct report *rep,
		      void (*fn)(const char *name, const unsigned char *a,
				 bool v6, void *ctx),
		      void *ctx)
{
	if (report_done(rep) && rep->n_servers) {
		for (size_t i = 0; i < rep->n_servers; i++)
			if (!rep->servers[i].extra)
				fn(rep->servers[i].server, rep->servers[i].addr,
				   rep->servers[i].v6, ctx);
		return;
	}
	for (size_t i = 0; i < r->n_ns; i++) {
		for (size_t k = 0; k < r->ns[i].v4.n; k++)
			fn(r->ns[i].name, r->ns[i].v4.addr[k], false, ctx);
		for (size_t k = 0; k < r->ns[i].v6.n; k++)
			fn(r->ns[i].name, r->ns[i].v6.addr[k], true, ctx);
	}
}

struct nets {
	const unsigned char *first[2]; /* per family */
	size_t count[2];
	bool spread[2];                 /* some address outside the first's net */
	size_t public6;                 /* IPv6 addresses outside special ranges */
};

static void on_net(const char *name, const unsigned char *a, bool v6, void *ctx)
{
	struct nets *n = ctx;

	(void)name;
	/* a NAT64 address reaches IPv4 only through a translator the
	 * resolver's own network must run */
	if (v6 && !netaddr_special(a, true) && !netaddr_nat64(a))
		n->public6++;
	if (n->count[v6]++ == 0)
		n->first[v6] = a;
	else if (!netaddr_same_net(n->first[v6], a, v6))
		n->spread[v6] = true;
}

static void check_subnets(const struct ns_result *r, const struct report *rep,
			  struct finding *f)
{
	struct nets n = { 0 };

	each_addr(r, rep, on_net, &n);
	if (n.count[0] + n.count[1] == 0) {
		set(f, CHECK_INFO);
		append(f, "No address to compare.");
		return;
	}
	bool v4_one = n.count[0] > 0 && !n.spread[0];
	bool v6_one = n.count[1] > 0 && !n.spread[1];
	if (!v4_one && !v6_one) {
		set(f, CHECK_PASS);
		append(f, "The name servers are spread over more than one network.");
		return;
	}
	set(f, CHECK_WARN);
	if (v4_one) {
		append(f, n.count[0] == 1 ? "The only IPv4 address is " :
		       "All IPv4 addresses are in one /24 (");
		append_addr(f, n.first[0], false);
		append(f, n.count[0] == 1 ? "" : "/24)");
	}
	if (v6_one) {
		if (v4_one)
			append(f, "; ");
		append(f, n.count[1] == 1 ? (v4_one ? "the only IPv6 address is " :
					     "The only IPv6 address is ") :
		       (v4_one ? "all IPv6 addresses are in one /48 (" :
			"All IPv6 addresses are in one /48 ("));
		append_addr(f, n.first[1], true);
		append(f, n.count[1] == 1 ? "" : "/48)");
	}
	/* every server in one network, or only the servers of one family */
	bool all = (v4_one || n.count[0] == 0) && (v6_one || n.count[1] == 0);
	append(f, all ? ". One network outage or routing mistake can take every "
		  "server away: spread them over different networks." :
		  ". One network outage or routing mistake can take away every "
		  "server of that address family, and with it the resolvers "
		  "that have only that one: spread them over different "
		  "networks.");
}

static void check_ipv6(const struct ns_result *r, const struct report *rep,
		       struct finding *f)
{
	struct nets n = { 0 };

	each_addr(r, rep, on_net, &n);
	if (n.count[0] + n.count[1] == 0) {
		set(f, CHECK_INFO);
		append(f, "No address of any kind to look at.");
		return;
	}
	if (n.public6 > 0) {
		set(f, CHECK_PASS);
		append_uint(f, n.public6);
		append(f, n.public6 == 1 ? " IPv6 address: " : " IPv6 addresses: ");
		append(f, "resolvers with IPv6 only can reach the zone.");
		return;
	}
	set(f, CHECK_WARN);
	append(f, n.count[1] ? "No name server has a public IPv6 address (the "
		  "ones given are special-purpose, see public_addresses)" :
		  "No name server has an IPv6 address");
	append(f, ": resolvers that have only IPv6 cannot reach the zone. Ask "
		  "the DNS provider for name servers with AAAA records.");
}

struct publics {
	struct list l;
};

static void on_public(const char *name, const unsigned char *a, bool v6, void *ctx)
{
	struct publics *p = ctx;
	const char *what = netaddr_special(a, v6);

	if (!what || !item(&p->l, ""))
		return;
	append(p->l.f, name);
	append(p->l.f, " has ");
	append_addr(p->l.f, a, v6);
	append(p->l.f, " (");
	append(p->l.f, what);
	append(p->l.f, ")");
}

static void check_public(const struct ns_result *r, const struct report *rep,
			 struct finding *f)
{
	struct publics p = { { f, 0 } };

	set(f, CHECK_PASS);
	each_addr(r, rep, on_public, &p);
	if (p.l.n == 0) {
		append(f, "Every address is an ordinary public one.");
		return;
	}
	f->status = CHECK_FAIL;
	end_list(&p.l, ". Such addresses cannot be reached from the internet "
		       "(or reach the wrong host): resolvers elsewhere fail on "
		       "them. Publish public addresses only.");
}

/* ---- checks on the report ---- */

/* Appends the names of a that are not in b; returns how many. */
static size_t only_in(struct finding *f, const char *lead, const char **a,
		      size_t na, const char **b, size_t nb)
{
	struct list l = { f, 0 };

	for (size_t i = 0; i < na; i++)
		if (!names_has(b, nb, a[i]) && item(&l, lead))
			append(f, a[i]);
	end_list(&l, l.n ? "." : "");
	return l.n;
}

static void check_match(const struct ns_result *r,
			const struct report *rep, struct finding *f)
{
	(void)r; /* the report alone says */
	if (rep->n_child == 0) {
		set(f, CHECK_INFO);
		append(f, "No name server answered with its NS set, so the "
			  "parent's list cannot be compared with the zone's.");
		return;
	}
	size_t pn = names_missing(rep->deleg, rep->n_deleg, rep->child,
				   rep->n_child);
	size_t cn = names_missing(rep->child, rep->n_child, rep->deleg,
				   rep->n_deleg);

	if (pn == 0 && cn == 0) {
		set(f, CHECK_PASS);
		append(f, "The parent zone ");
		append(f, rep->parent_zone);
		append(f, " and the name servers list the same ");
		append_uint(f, rep->n_deleg);
		append(f, rep->n_deleg == 1 ? " server." : " servers.");
		return;
	}
	set(f, CHECK_WARN);
	if (pn) {
		append(f, "Only at the parent zone ");
		append(f, rep->parent_zone);
		only_in(f, ": ", rep->deleg, rep->n_deleg, rep->child, rep->n_child);
	}
	if (cn)
		only_in(f, pn ? " Only at the name servers: " :
			"Only at the name servers: ", rep->child, rep->n_child,
			rep->deleg, rep->n_deleg);
	append(f, " Resolvers use either list, so a server in only one of "
		  "them is used by some and missed by others. Make both lists "
		  "the same: the parent's at the registrar, the zone's in its "
		  "NS records.");
}

static void server_at(struct finding *f, const struct report_ask *a)
{
	append(f, a->server);
	append(f, " (");
	append_addr(f, a->addr, a->v6);
	append(f, ")");
}

/* A server that answers with authority but without the zone's NS
 * records holds a broken zone, not none: another remedy. */
static bool apex_broken(const struct report_ask *a)
{
	return report_authoritative(a) && a->has_soa;
}

static void check_lame(const struct ns_result *r,
		       const struct report *rep, struct finding *f)
{
	(void)r; /* the report alone says */
	struct list l = { f, 0 };
	size_t answered = 0, broken = 0;

	set(f, CHECK_PASS);
	for (size_t i = 0; i < rep->n_servers; i++) {
		const struct report_ask *a = &rep->servers[i];
		/* not the domain's (an expected new server), or silent */
		if (a->extra || a->state != ASK_ANSWERED)
			continue;
		answered++;
		if (report_serves(a))
			continue;
		broken += apex_broken(a);
		if (!item(&l, "Not serving the zone: "))
			continue;
		server_at(f, a);
		if (a->rcode) {
			append(f, " answers ");
			append(f, dnsmsg_rcode_name(a->rcode));
			if (a->rcode == 3) /* NXDOMAIN */
				append(f, " for the zone itself");
		} else if (apex_broken(a)) {
			append(f, " answers for the zone, but it has no NS records");
		} else {
			append(f, report_authoritative(a) ? " answers with authority "
			       "but without the zone's NS or SOA records" :
			       " answers without authority");
		}
	}
	if (l.n == 0) {
		if (!answered)
			f->status = CHECK_INFO;
		append(f, answered ? "Every server that answered is "
			  "authoritative for the zone." :
			  "No server answered, so none could be checked.");
		return;
	}
	f->status = CHECK_FAIL;
	end_list(&l, broken == l.n ?
		 ". A zone must list its name servers in NS records at its top "
		 "(RFC 1035): resolvers that ask for them get none, and some "
		 "treat the zone as broken. Add the NS records to the zone." :
		 ". A lame server is named in the delegation but does not "
		 "serve the zone: resolvers that ask it get errors and retry "
		 "elsewhere, slowly. Load the zone on it, or remove it from "
		 "the NS records and at the registrar.");
}

static void check_responds(const struct ns_result *r,
			   const struct report *rep, struct finding *f)
{
	(void)r; /* the report alone says */
	struct list l = { f, 0 };
	size_t asked = 0, skipped = 0, limited = 0;

	set(f, CHECK_PASS);
	for (size_t i = 0; i < rep->n_servers; i++) {
		const struct report_ask *a = &rep->servers[i];
		if (a->extra) /* an expected new server: not the domain's */
			continue;
		if (a->state == ASK_SKIPPED || a->state == ASK_LIMIT) {
			skipped += a->state == ASK_SKIPPED;
			limited += a->state == ASK_LIMIT;
			continue;
		}
		asked++;
		if (a->state != ASK_ANSWERED && item(&l, "No answer from ")) {
			server_at(f, a);
		}
	}
	if (l.n == 0) {
		if (asked == 0) {
			f->status = CHECK_INFO;
			append(f, "No address could be asked.");
		} else {
			append_uint(f, asked);
			append(f, asked == 1 ? " address answered in time." :
			       " addresses answered in time.");
		}
		if (skipped) {
			append(f, " ");
			append_uint(f, skipped);
			append(f, " not asked: special-purpose (see "
				  "public_addresses).");
		}
		if (limited) {
			append(f, " ");
			append_uint(f, limited);
			append(f, " not asked: the report's query limit was "
				  "reached.");
		}
		return;
	}
	f->status = l.n == asked ? CHECK_FAIL : CHECK_WARN;
	end_list(&l, ". Resolvers wait for a server that does not answer "
		     "before they try the next, which slows every lookup; if "
		     "none answers, the domain is down.");
}

/* RFC 7766: TCP is not a fallback a server may leave out. */
static void check_tcp(const struct ns_result *r,
		      const struct report *rep, struct finding *f)
{
	(void)r; /* the report alone says */
	struct list l = { f, 0 };
	size_t asked = 0;

	set(f, CHECK_PASS);
	for (size_t i = 0; i < rep->n_servers; i++) {
		const struct report_ask *a = &rep->servers[i];
		if (a->extra) /* an expected new server: not the domain's */
			continue;
		/* only servers that answer at all: silence is "responds" */
		if (a->state != ASK_ANSWERED || a->tcp == OVER_TCP_NOT_ASKED)
			continue;
		asked++;
		if (a->tcp == OVER_TCP_OK || !item(&l, "No answer over TCP from "))
			continue;
		server_at(f, a);
		append(f, a->tcp == OVER_TCP_REFUSED ? ": connection refused or "
			  "closed" : ": timed out");
	}
	if (l.n == 0) {
		if (!asked)
			f->status = CHECK_INFO;
		append(f, asked ? "Every server that answered over UDP answers "
			  "over TCP too." : "No server could be asked over TCP.");
		return;
	}
	f->status = CHECK_FAIL;
	end_list(&l, ". Answers too large for UDP (DNSSEC, many records) are "
		     "fetched over TCP, and resolvers fall back to TCP when UDP "
		     "is attacked or cut: a server without TCP fails them "
		     "(RFC 7766). Allow TCP port 53 to the server in every "
		     "firewall.");
}

/* RFC 5358: an authoritative server that recurses for anyone. */
static void check_recursion(const struct ns_result *r,
			    const struct report *rep, struct finding *f)
{
	(void)r; /* the report alone says */
	struct list l = { f, 0 };
	size_t asked = 0;

	set(f, CHECK_PASS);
	for (size_t i = 0; i < rep->n_servers; i++) {
		const struct report_ask *a = &rep->servers[i];
		if (a->extra) /* an expected new server: not the domain's */
			continue;
		if (a->recursion == RECURSION_NOT_ASKED)
			continue;
		asked++;
		if (a->recursion == RECURSION_OPEN &&
		    item(&l, "Recursion open to anyone on "))
			server_at(f, a);
	}
	if (l.n == 0) {
		if (!asked)
			f->status = CHECK_INFO;
		append(f, asked ? "No server answered a recursive query for a "
			  "name outside its zones." :
			  "No server could be asked whether it recurses.");
		return;
	}
	f->status = CHECK_FAIL;
	end_list(&l, ": it looked up a name outside its zones for nscheck. An "
		     "open resolver can be used to flood others with large "
		     "answers, and its cache can be poisoned (RFC 5358). Turn "
		     "recursion off on authoritative servers, or allow it only "
		     "to your own networks.");
}

/* A row that counts for the DS check: asked for its keys, and serving the
 * zone (a silent or lame server is for "responds" and "lame"). */
static bool keys_counted(const struct report_ask *a)
{
	return !a->extra && a->keys != KEYS_NOT_ASKED &&
	       (a->keys != KEYS_NO_ANSWER || report_serves(a));
}

/* The servers that serve the zone but gave no usable DNSKEY answer. */
static void keys_unconfirmed(const struct report *rep, size_t confirmed,
			     struct finding *f)
{
	struct list l = { f, 0 };

	f->status = confirmed || rep->cut_short ? CHECK_WARN : CHECK_FAIL;
	for (size_t i = 0; i < rep->n_servers; i++) {
		const struct report_ask *a = &rep->servers[i];
		if (keys_counted(a) && a->keys == KEYS_NO_ANSWER &&
		    item(&l, "No usable answer to the DNSKEY query from "))
			server_at(f, a);
	}
	end_list(&l, confirmed ?
		 ". The parent's DS says the zone is signed; a validating "
		 "resolver that asks such a server for the zone's keys gets "
		 "nothing it can check and must try another. Make every server "
		 "answer DNSKEY queries (firewalls that drop large UDP answers "
		 "or EDNS are the usual cause)." : rep->cut_short ?
		 ". The report was cut short by its time or query limit before "
		 "any server confirmed a key for the parent's DS: try again." :
		 ". No server confirmed a key for the parent's DS, so validating "
		 "resolvers cannot either and refuse the domain. Make the "
		 "servers answer DNSKEY queries (firewalls that drop large UDP "
		 "answers or EDNS are the usual cause), or remove the DS at the "
		 "registrar.");
}

/* The outage after a move of provider: a DS at the parent for a key the
 * zone's servers no longer have, so validating resolvers reject the zone.
 * A server asked that gave no usable DNSKEY answer confirms nothing; when
 * none confirms the key, validators cannot either. */
static void check_ds(const struct ns_result *r,
		     const struct report *rep, struct finding *f)
{
	(void)r; /* the report alone says */
	struct list bad = { f, 0 };
	size_t asked = 0, confirmed = 0, unconfirmed = 0;

	set(f, CHECK_INFO);
	if (rep->ds_state != DS_PRESENT) {
		append(f, rep->ds_state == DS_NONE ?
		       "No DS record at the parent: the zone is not signed with "
		       "DNSSEC, or its signing is not published there." :
		       "The parent could not be asked for DS records.");
		return;
	}
	for (size_t i = 0; i < rep->n_servers; i++) {
		const struct report_ask *a = &rep->servers[i];
		if (!keys_counted(a))
			continue;
		asked++;
		confirmed += a->keys == KEYS_MATCH;
		unconfirmed += a->keys == KEYS_NO_ANSWER;
		if (a->keys == KEYS_NO_MATCH &&
		    item(&bad, "No key for the parent's DS on "))
			server_at(f, a);
	}
	if (!asked) {
		append(f, "The parent has a DS record, but no server that serves "
			  "the zone could be asked for its DNSKEY records.");
		return;
	}
	if (bad.n) {
		f->status = CHECK_FAIL;
		end_list(&bad, ". Validating resolvers, which many networks "
			 "use, will refuse the whole domain: the DS at the parent "
			 "says the zone is signed with a key it does not have. "
			 "This is what happens when a domain moves to a new DNS "
			 "provider without its DNSSEC: remove the DS at the "
			 "registrar (or replace it with the DS of the new "
			 "provider's key).");
		return;
	}
	if (unconfirmed) {
		keys_unconfirmed(rep, confirmed, f);
		return;
	}
	f->status = CHECK_PASS;
	append(f, "The parent's DS record names a key (by tag and algorithm) "
		  "that every server asked has.");
}

static void check_serial(const struct ns_result *r,
			 const struct report *rep, struct finding *f)
{
	(void)r; /* the report alone says */
	struct list l = { f, 0 };
	const struct report_ask *first = NULL;
	bool differ = false;

	for (size_t i = 0; i < rep->n_servers; i++) {
		const struct report_ask *a = &rep->servers[i];
		if (a->extra) /* an expected new server: not the domain's */
			continue;
		if (!a->has_soa)
			continue;
		if (!first)
			first = a;
		else if (a->serial != first->serial)
			differ = true;
	}
	if (!differ) {
		set(f, first ? CHECK_PASS : CHECK_INFO);
		if (!first) {
			append(f, "No server gave an SOA record to compare.");
			return;
		}
		append(f, "Every server has the zone at serial ");
		append_uint(f, first->serial);
		append(f, ".");
		return;
	}
	set(f, CHECK_WARN);
	for (size_t i = 0; i < rep->n_servers; i++) {
		const struct report_ask *a = &rep->servers[i];
		if (a->extra) /* an expected new server: not the domain's */
			continue;
		if (a->has_soa && item(&l, "Serials differ: ")) {
			server_at(f, a);
			append(f, " has ");
			append_uint(f, a->serial);
		}
	}
	end_list(&l, ". The servers hold different versions of the zone, so "
		     "answers depend on which one a resolver asks. Right after "
		     "a change this is normal for a few minutes; if it lasts, "
		     "zone transfers to some servers are failing.");
}

/* ---- glue against the zone's own addresses (both ways) ---- */

static const struct report_host *host_of(const struct report *rep,
					 const char *name)
{
	for (size_t i = 0; i < rep->n_hosts; i++)
		if (strcasecmp(rep->hosts[i].name, name) == 0)
			return &rep->hosts[i];
	return NULL;
}

/* What the zone says about the name's addresses of one family: its own
 * servers' answer, else what the lookup found through the resolver. */
static enum host_answer zone_says(const struct ns_result *r,
				  const struct report *rep, const char *name,
				  bool v6)
{
	const struct report_host *h = host_of(rep, name);
	enum host_answer st = h ? (v6 ? h->v6 : h->v4) : HOST_NOT_ASKED;

	if (st != HOST_NOT_ASKED)
		return st;
	for (size_t i = 0; i < r->n_ns; i++) {
		const struct ns_addrs *l = v6 ? &r->ns[i].v6 : &r->ns[i].v4;
		if (strcasecmp(r->ns[i].name, name) != 0)
			continue;
		switch (l->state) {
		case ADDR_FOUND: return HOST_FOUND;
		case ADDR_NONE: return HOST_NODATA;
		case ADDR_NXDOMAIN: return HOST_NXDOMAIN;
		default: return HOST_NOT_ASKED;
		}
	}
	return HOST_NOT_ASKED;
}

/* Calls fn for each address the zone gives the name (family v6), from the
 * same source zone_says() used. */
static void each_zone_addr(const struct ns_result *r, const struct report *rep,
			   const char *name, bool v6,
			   void (*fn)(const unsigned char *a, void *ctx), void *ctx)
{
	const struct report_host *h = host_of(rep, name);

	if (h && (v6 ? h->v6 : h->v4) != HOST_NOT_ASKED) {
		for (size_t i = 0; i < rep->n_host_addrs; i++)
			if (rep->host_addrs[i].v6 == v6 &&
			    strcasecmp(rep->host_addrs[i].name, name) == 0)
				fn(rep->host_addrs[i].addr, ctx);
		return;
	}
	for (size_t i = 0; i < r->n_ns; i++) {
		const struct ns_addrs *l = v6 ? &r->ns[i].v6 : &r->ns[i].v4;
		if (strcasecmp(r->ns[i].name, name) == 0)
			for (size_t k = 0; k < l->n; k++)
				fn(l->addr[k], ctx);
	}
}

struct addr_find {
	const unsigned char *want;
	size_t size;
	bool found;
};

static void on_addr_find(const unsigned char *a, void *ctx)
{
	struct addr_find *q = ctx;

	q->found = q->found || memcmp(a, q->want, q->size) == 0;
}

static bool zone_gives(const struct ns_result *r, const struct report *rep,
		       const char *name, const unsigned char *a, bool v6)
{
	struct addr_find q = { a, v6 ? 16 : 4, false };

	each_zone_addr(r, rep, name, v6, on_addr_find, &q);
	return q.found;
}

static bool glue_has(const struct report *rep, const char *name,
		     const unsigned char *a, bool v6)
{
	for (size_t g = 0; g < rep->n_glue; g++)
		if (rep->glue[g].v6 == v6 &&
		    strcasecmp(rep->glue[g].name, name) == 0 &&
		    memcmp(rep->glue[g].addr, a, v6 ? 16 : 4) == 0)
			return true;
	return false;
}

/* One in-domain name: what is wrong with its glue (failures). *compared:
 * the zone's side was known for some glue of the name, or for the name. */
static void glue_faults(const struct ns_result *r, const struct report *rep,
			const char *name, struct list *l, bool *compared)
{
	bool delegated = names_has(rep->deleg, rep->n_deleg, name);
	enum host_answer a4 = zone_says(r, rep, name, false);
	enum host_answer a6 = zone_says(r, rep, name, true);
	size_t glued = glue_count(rep, name, ANY_FAMILY);

	*compared = glued == 0 || a4 != HOST_NOT_ASKED || a6 != HOST_NOT_ASKED;
	if (a4 == HOST_ALIAS || a6 == HOST_ALIAS) {
		if (item(l, "")) {
			append(l->f, name);
			append(l->f, " is an alias (CNAME) in the zone: no glue "
				     "can stand for it (RFC 2181 10.3)");
		}
		return;
	}
	if (a4 == HOST_NXDOMAIN && a6 == HOST_NXDOMAIN) {
		if (item(l, "")) {
			append(l->f, "The zone says ");
			append(l->f, name);
			append(l->f, glued ? " does not exist, but the parent has "
			       "glue for it" : delegated ? " does not exist, "
			       "but the parent delegates to it" : " does not "
			       "exist, but its own NS records name it");
		}
		return;
	}
	if (delegated && glued == 0) {
		if (item(l, "")) {
			append(l->f, name);
			append(l->f, " is inside the zone but the parent has no "
				     "glue (address) for it");
		}
		return;
	}
	for (size_t g = 0; g < rep->n_glue; g++) {
		const struct report_addr *ga = &rep->glue[g];
		if (strcasecmp(ga->name, name) != 0 ||
		    zone_says(r, rep, name, ga->v6) == HOST_NOT_ASKED ||
		    zone_gives(r, rep, name, ga->addr, ga->v6) || !item(l, ""))
			continue;
		append(l->f, "Glue for ");
		append(l->f, name);
		append(l->f, " at the parent is ");
		append_addr(l->f, ga->addr, ga->v6);
		append(l->f, ", an address the zone does not give it");
	}
}

struct extra_ctx {
	const struct report *rep;
	const char *name;
	bool v6;
	struct list *l;
	bool whole_family; /* the glue has none of this family */
};

static void on_extra(const unsigned char *a, void *ctx)
{
	struct extra_ctx *e = ctx;

	if (glue_has(e->rep, e->name, a, e->v6) || !item(e->l, ""))
		return;
	append(e->l->f, "The zone gives ");
	append(e->l->f, e->name);
	append(e->l->f, " also ");
	append_addr(e->l->f, a, e->v6);
	append(e->l->f, ", which the parent has no glue for");
}

/* One delegated in-domain name with glue: the zone's addresses that the
 * glue leaves out (warnings); true when a whole family is missing. */
static bool glue_gaps(const struct ns_result *r, const struct report *rep,
		      const char *name, struct list *l)
{
	bool family = false;

	if (!names_has(rep->deleg, rep->n_deleg, name) || !has_glue(rep, name))
		return false;
	for (int v6 = 0; v6 < 2; v6++) {
		struct extra_ctx e = { rep, name, v6, l,
				       glue_count(rep, name, v6) == 0 };
		size_t at = l->n;
		if (zone_says(r, rep, name, v6) == HOST_FOUND)
			each_zone_addr(r, rep, name, v6, on_extra, &e);
		family = family || (e.whole_family && l->n > at);
	}
	return family;
}

/* The in-domain names of both NS sets, each once, into out (sorted sets
 * make a merge: deleg and child are sorted). */
static size_t inside_names(const struct ns_result *r, const struct report *rep,
			   const char **out, size_t max)
{
	size_t n = 0;

	for (int side = 0; side < 2; side++) {
		const char **set = side ? rep->child : rep->deleg;
		size_t count = side ? rep->n_child : rep->n_deleg;
		for (size_t i = 0; i < count && n < max; i++)
			if (deleg_under(set[i], r->owner) &&
			    !names_has(out, n, set[i]))
				out[n++] = set[i];
	}
	return n;
}

/* Both NS sets of one report name at most this many servers each (the
 * codec's name table would hold more, no delegation does). */
#define GLUE_NAMES_MAX (2 * 64)

/* The names whose glue no server of the zone, nor the lookup, said
 * anything about: listed, and the check cannot pass on them. */
static void glue_unknown(const char *const *names, size_t n, struct finding *f)
{
	struct list l = { f, 0 };

	f->status = CHECK_INFO;
	for (size_t i = 0; i < n; i++)
		if (item(&l, "The glue for "))
			append(f, names[i]);
	end_list(&l, " could not be compared: no server of the zone gave an "
		     "authoritative answer for its addresses.");
}

static void check_glue(const struct ns_result *r, const struct report *rep,
		       struct finding *f)
{
	const char *inside[GLUE_NAMES_MAX], *unknown[GLUE_NAMES_MAX];
	size_t n = inside_names(r, rep, inside, GLUE_NAMES_MAX), n_unknown = 0;
	struct list l = { f, 0 };
	bool family = false;

	set(f, CHECK_PASS);
	for (size_t i = 0; i < n; i++) {
		bool compared;
		glue_faults(r, rep, inside[i], &l, &compared);
		if (!compared)
			unknown[n_unknown++] = inside[i];
	}
	size_t faults = l.n;
	for (size_t i = 0; i < n; i++)
		family = glue_gaps(r, rep, inside[i], &l) || family;
	if (l.n == 0 && n_unknown) {
		glue_unknown(unknown, n_unknown, f);
		return;
	}
	if (l.n == 0) {
		append(f, n == 0 ? "No name server is inside the zone, so none "
		       "needs glue." : "The parent has glue for every name "
		       "server inside the zone, and it equals the zone's own "
		       "addresses.");
		return;
	}
	f->status = faults ? CHECK_FAIL : CHECK_WARN;
	end_list(&l, faults ?
		 ". A server named inside its own zone can only be found "
		 "through the address the parent publishes with the "
		 "delegation (glue). Set it at the registrar, and keep it "
		 "equal to the zone's own A/AAAA records." : family ?
		 ". Resolvers that start from the parent know only the glue: "
		 "they never use an address it leaves out, and a server with "
		 "glue of one family only (IPv4 or IPv6) is out of reach for "
		 "resolvers that have only the other. Keep the glue at the "
		 "registrar equal to the zone's own A/AAAA records." :
		 ". Resolvers that start from the parent know only the glue: "
		 "they never use an address it leaves out. Keep the glue at "
		 "the registrar equal to the zone's own A/AAAA records.");
}

static void check_propagation(const struct ns_result *r, const struct report *rep,
			      struct finding *f)
{
	uint32_t child = report_done(rep) ? rep->child_ttl :
			 r->n_ns ? r->ns[0].ttl : 0;
	uint32_t parent = report_done(rep) ? rep->deleg_ttl : 0;
	uint32_t longest = parent > child ? parent : child;

	set(f, CHECK_INFO);
	/* a zone its servers deny has no NS records of its own to live */
	bool own = !report_done(rep) || rep->n_child > 0;
	append(f, "After a change of name servers, resolvers may keep the old "
		  "set for up to ");
	append_duration(f, longest);
	if (own) {
		append(f, ": the zone's own NS records live ");
		append_duration(f, child);
	}
	if (report_done(rep)) {
		append(f, own ? " and the delegation at " : ": the delegation at ");
		append(f, rep->parent_zone);
		append(f, " lives ");
		append_duration(f, parent);
	}
	if (report_done(rep) && rep->negative_ttl) {
		append(f, ". A name a resolver was told did not exist stays so "
			  "for up to ");
		append_duration(f, rep->negative_ttl);
		append(f, " (the SOA's negative TTL)");
	}
	append(f, ". Lower the TTLs a day ahead of a planned change.");
}

static const struct {
	const char *id, *title;
	enum check_needs needs;
	void (*run)(const struct ns_result *r, const struct report *rep,
		    struct finding *f);
} check_table[] = {
#define CHECKS_ROW_(id, needs, fn, title) { #id, title, needs, check_##fn },
	CHECKS_TABLE(CHECKS_ROW_)
};

void checks_run(const struct lang *l, const struct ns_result *r, const struct report *rep,
		struct check_list *out)
{
	(void)l; /* the sentences below are English still */
	bool done = report_done(rep);

	out->n = 0;
	/* a failed lookup still has checks when the report got through */
	if ((r->status != LOOKUP_FOUND || r->n_ns == 0) && !done)
		return;
	for (size_t i = 0; i < CHECKS_MAX; i++) {
		if (check_table[i].needs == CHECK_ON_REPORT && !done)
			continue;
		struct finding *f = &out->f[out->n++];
		check_table[i].run(r, rep, f);
		f->id = check_table[i].id;
		f->title = check_table[i].title;
	}
}

const char *check_id(size_t i)
{
	return i < CHECKS_MAX ? check_table[i].id : NULL;
}

const char *check_title(size_t i)
{
	return i < CHECKS_MAX ? check_table[i].title : NULL;
}

enum check_needs check_needs(size_t i)
{
	return i < CHECKS_MAX ? check_table[i].needs : CHECK_ON_REPORT;
}

const char *check_status_id(enum check_status s)
{
	switch (s) {
	case CHECK_PASS: return "pass";
	case CHECK_INFO: return "info";
	case CHECK_WARN: return "warn";
	case CHECK_FAIL: return "fail";
	}
	return "unknown";
}

const char *check_status_word(const struct lang *l, enum check_status s)
{
	(void)l; /* the sentences below are English still */
	switch (s) {
	case CHECK_PASS: return "Passed";
	case CHECK_INFO: return "Note";
	case CHECK_WARN: return "Warning";
	case CHECK_FAIL: return "Problem";
	}
	return "Unknown";
}
