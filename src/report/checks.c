/*
 * checks: the delegation checks (see checks.h). Each check_* function
 * fills one finding: its sentences in the request's language, the id of
 * its message and the values the message names. Messages list at most
 * CHECKS_NAMES_LISTED servers, then "and N more"; the arguments hold
 * every item of a list.
 */
#include "report/checks.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "dns/deleg.h"
#include "util/lang.h"
#include "util/names.h"
#include "dns/dnsmsg.h"
#include "util/netaddr.h"
#include "report/report.h"
#include "report/result.h"
#include "util/words.h"

/* ---- writing messages ---- */

/* Appends the formatted text at dst + used (size bytes in all) and
 * returns the new length; a text that does not fit is cut, at the start
 * of a character rather than inside one. */
static size_t put_text(char *dst, size_t size, size_t used, const char *fmt,
		       va_list ap)
{
	if (used + 1 >= size)
		return used;
	int n = vsnprintf(dst + used, size - used, fmt, ap);
	if (n < 0) {
		dst[used] = '\0';
		return used;
	}
	if ((size_t)n < size - used)
		return used + (size_t)n;
	size_t end = size - 1, s = end;
	while (s > used && ((unsigned char)dst[s - 1] & 0xC0) == 0x80)
		s--;
	if (s > used && (unsigned char)dst[s - 1] >= 0xC0) {
		unsigned char lead = (unsigned char)dst[s - 1];
		size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
		if (s - 1 + len > end)
			end = s - 1;
	}
	dst[end] = '\0';
	return end;
}

static void vsay(struct finding *f, bool space, const char *fmt, va_list ap)
{
	size_t used = strlen(f->message);

	if (space && used && used + 1 < sizeof f->message) {
		f->message[used++] = ' ';
		f->message[used] = '\0';
	}
	put_text(f->message, sizeof f->message, used, fmt, ap);
}

/* The message's first sentence (fmt is tr(l, "...")), and its id. */
static void say(struct finding *f, const char *msg_id, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void say(struct finding *f, const char *msg_id, const char *fmt, ...)
{
	va_list ap;

	f->msg_id = msg_id;
	va_start(ap, fmt);
	vsay(f, false, fmt, ap);
	va_end(ap);
}

/* One more sentence of the message, after a space (if it is not the
 * first). */
static void say_also(struct finding *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void say_also(struct finding *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(f, true, fmt, ap);
	va_end(ap);
}

/* A sentence without placeholders: the message, and its id. */
static void say_text(struct finding *f, const char *msg_id, const char *text)
{
	say(f, msg_id, "%s", text);
}

/* ---- the message's arguments ---- */

/* Adds one argument; once the store is full, it and every later one are
 * left out and args_cut says so. */
static void arg_add(struct finding *f, const char *name, const char *value,
		    bool number, bool item)
{
	size_t len = strlen(value);

	if (f->args_cut || f->n_args >= FINDING_ARGS ||
	    len >= sizeof f->argtext - f->argtext_used) {
		f->args_cut = true;
		return;
	}
	char *v = f->argtext + f->argtext_used;
	memcpy(v, value, len + 1);
	f->argtext_used += len + 1;
	f->arg[f->n_args++] = (struct finding_arg){ name, v, number, item };
}

static void arg_text(struct finding *f, const char *name, const char *s)
{
	arg_add(f, name, s, false, false);
}

static void uint_text(unsigned long v, char *out, size_t size)
{
	snprintf(out, size, "%lu", v);
}

static void arg_uint(struct finding *f, const char *name, unsigned long v)
{
	char digits[24];

	uint_text(v, digits, sizeof digits);
	arg_add(f, name, digits, true, false);
}

/* One item of the list called name. */
static void arg_item(struct finding *f, const char *name, const char *s)
{
	arg_add(f, name, s, false, true);
}

static void arg_item_uint(struct finding *f, const char *name, unsigned long v)
{
	char digits[24];

	uint_text(v, digits, sizeof digits);
	arg_add(f, name, digits, true, true);
}

static void arg_item_addr(struct finding *f, const char *name,
			  const unsigned char *a, bool v6)
{
	char text[64];

	netaddr_format(a, v6, text, sizeof text);
	arg_item(f, name, text);
}

/* Where the arguments stood: an item whose arguments did not all fit is
 * taken back whole, so parallel lists stay of one length. */
struct arg_mark {
	size_t n_args, used;
	bool cut;
};

static struct arg_mark arg_mark(const struct finding *f)
{
	return (struct arg_mark){ f->n_args, f->argtext_used, f->args_cut };
}

static void arg_whole(struct finding *f, struct arg_mark m)
{
	if (f->args_cut && !m.cut) {
		f->n_args = m.n_args;
		f->argtext_used = m.used;
	}
}

/* ---- lists of servers in a message ---- */

#define LIST_TEXT 2048

/* "first; second; third and 2 more": the text of the first
 * CHECKS_NAMES_LISTED items in the language, and every item's arguments
 * in the finding. */
struct list {
	struct finding *f;
	const struct lang *l;
	size_t n;            /* items so far, written or not */
	size_t len;
	struct arg_mark mark; /* where the arguments of the last item began */
	char text[LIST_TEXT];
};

static void list_start(struct list *li, struct finding *f,
		       const struct lang *l)
{
	li->f = f;
	li->l = l;
	li->n = li->len = 0;
	li->mark = arg_mark(f);
	li->text[0] = '\0';
}

static void list_say(struct list *li, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void list_say(struct list *li, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	li->len = put_text(li->text, sizeof li->text, li->len, fmt, ap);
	va_end(ap);
}

/* Starts an item (its arguments follow); true when it is also written,
 * after its separator, with list_say. */
static bool item(struct list *li)
{
	arg_whole(li->f, li->mark);
	li->mark = arg_mark(li->f);
	if (li->n++ >= CHECKS_NAMES_LISTED)
		return false;
	if (li->n > 1)
		/* TRANSLATORS: between the items of a list ("a; b; c") */
		list_say(li, "%s", trc(li->l, "list", "; "));
	return true;
}

/* The list's text, with how many more there are; call it once, after
 * the last item. */
static const char *list_end(struct list *li)
{
	arg_whole(li->f, li->mark);
	li->mark = arg_mark(li->f);
	if (li->n > CHECKS_NAMES_LISTED) {
		char listed[LIST_TEXT];
		unsigned long more = (unsigned long)li->n - CHECKS_NAMES_LISTED;

		memcpy(listed, li->text, li->len + 1);
		li->len = 0;
		li->text[0] = '\0';
		/* TRANSLATORS: %s is a list ("a; b; c"), %lu how many more */
		list_say(li, trn(li->l, "%s and %lu more", "%s and %lu more",
				 more), listed, more);
	}
	return li->text;
}

/* "ns1.example.net (192.0.2.1)" as an item, with its two arguments. */
static void server_at(struct list *li, bool listed, const struct report_ask *a)
{
	arg_item(li->f, "servers", a->server);
	arg_item_addr(li->f, "addresses", a->addr, a->v6);
	if (!listed)
		return;
	char addr[64];
	netaddr_format(a->addr, a->v6, addr, sizeof addr);
	/* TRANSLATORS: a name server's host name, one of its addresses */
	list_say(li, trc(li->l, "server at address", "%s (%s)"), a->server,
		 addr);
}

/* A span of time in words, in mem. */
static const char *duration(const struct lang *l, uint32_t secs, char *mem,
			    size_t size)
{
	struct buf b;

	buf_init_fixed(&b, mem, size);
	words_duration(l, secs, &b);
	return buf_str(&b);
}

/* Every check starts its finding afresh; the id comes from the table
 * (checks_run). */
static void set(struct finding *f, enum check_status st)
{
	f->status = st;
	f->msg_id = NULL;
	f->message[0] = '\0';
	f->n_args = 0;
	f->argtext_used = 0;
	f->args_cut = false;
}

static bool report_done(const struct report *rep)
{
	return rep && rep->status == REPORT_DONE;
}

/* ---- checks on the lookup ---- */

/* The parent's set is where resolvers start; the zone's own set is what
 * many of them use after the first answer: one server in either is a
 * single point of failure. */
static void check_ns_count(const struct lang *l, const struct ns_result *r,
			   const struct report *rep, struct finding *f)
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
		say_text(f, "ns_count.none",
			 tr(l, "No name server is known: neither the parent "
			       "nor the zone gave an NS set."));
		return;
	}
	if (parent != 1 && zone != 1) {
		unsigned long n = zone ? zone : parent;
		set(f, CHECK_PASS);
		arg_uint(f, "count", n);
		say(f, "ns_count.ok",
		    trn(l, "%lu name server: if one fails, the others answer.",
			"%lu name servers: if one fails, the others answer.",
			n), n);
		return;
	}
	set(f, CHECK_FAIL);
	if (parent == 1 && zone >= 2) {
		arg_text(f, "parent_zone", rep->parent_zone);
		arg_text(f, "server", p_one);
		arg_uint(f, "zone_count", zone);
		say(f, "ns_count.parent_one",
		    /* TRANSLATORS: the parent zone ("com"), a name server,
		       how many name servers the zone's NS records name */
		    trn(l, "The parent zone %s delegates to only one name "
			   "server (%s), although the zone lists %lu. "
			   "Resolvers start from the delegation: if that "
			   "server fails, the domain stops resolving. Give the "
			   "registrar every name server.",
			"The parent zone %s delegates to only one name server "
			"(%s), although the zone lists %lu. Resolvers start "
			"from the delegation: if that server fails, the domain "
			"stops resolving. Give the registrar every name "
			"server.",
			(unsigned long)zone),
		    rep->parent_zone, p_one, (unsigned long)zone);
		return;
	}
	if (parent >= 2) {
		arg_text(f, "server", z_one);
		arg_uint(f, "parent_count", parent);
		say(f, "ns_count.zone_one",
		    /* TRANSLATORS: a name server, how many the parent names */
		    trn(l, "The zone lists only one name server (%s), although "
			   "the parent delegates to %lu. Resolvers that go by "
			   "the zone's own list use only that one: if it "
			   "fails, they cannot resolve the domain. List every "
			   "name server in the zone's NS records.",
			"The zone lists only one name server (%s), although "
			"the parent delegates to %lu. Resolvers that go by the "
			"zone's own list use only that one: if it fails, they "
			"cannot resolve the domain. List every name server in "
			"the zone's NS records.", (unsigned long)parent),
		    z_one, (unsigned long)parent);
		return;
	}
	arg_text(f, "server", zone ? z_one : p_one);
	say(f, "ns_count.single",
	    /* TRANSLATORS: %s is the domain's only name server */
	    tr(l, "Only one name server (%s). If it fails, the whole domain "
		  "stops resolving: add at least one more, ideally on another "
		  "network."), zone ? z_one : p_one);
}

/* Why a name server has no address: an id for machines, a phrase for
 * people. */
static const struct {
	const char *id, *text;
} addr_problems[] = {
	{ "nxdomain", N_("its name does not exist") },
	{ "timeout", N_("the address lookup timed out") },
	{ "failed", N_("the address lookup failed") },
	{ "no_records", N_("it has no A or AAAA record") },
};

static size_t addr_problem(const struct ns_server *s)
{
	if (s->v4.state == ADDR_NXDOMAIN || s->v6.state == ADDR_NXDOMAIN)
		return 0;
	if (s->v4.state == ADDR_TIMEOUT || s->v6.state == ADDR_TIMEOUT)
		return 1;
	if (s->v4.state == ADDR_FAILED || s->v6.state == ADDR_FAILED)
		return 2;
	return 3;
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

static void check_ns_resolves(const struct lang *l, const struct ns_result *r,
			      const struct report *rep, struct finding *f)
{
	struct list li;
	size_t looked = 0, glued = 0;

	set(f, CHECK_PASS);
	list_start(&li, f, l);
	for (size_t i = 0; i < r->n_ns; i++) {
		const struct ns_server *s = &r->ns[i];
		if (s->v4.state == ADDR_SKIPPED)
			continue;
		looked++;
		if (s->v4.n + s->v6.n > 0)
			continue;
		bool glue = has_glue(rep, s->name), listed = item(&li);
		size_t p = addr_problem(s);
		glued += glue;
		arg_item(f, "servers", s->name);
		arg_item(f, "problems", addr_problems[p].id);
		if (!listed)
			continue;
		const char *why = tr(l, addr_problems[p].text);
		if (glue)
			/* TRANSLATORS: a name server, why it has no address
			   ("its name does not exist") */
			list_say(&li, tr(l, "%s (%s; only the parent's glue "
					    "gives one)"), s->name, why);
		else
			list_say(&li, trc(l, "server without an address",
					  /* TRANSLATORS: a name server, why it
					     has no address ("its name does not
					     exist") */
					  "%s (%s)"), s->name, why);
	}
	for (size_t i = 0; report_done(rep) && i < rep->n_deleg; i++) {
		if (in_result(r, rep->deleg[i]))
			continue;
		looked++;
		if (report_has_addr(rep, rep->deleg[i]))
			continue;
		bool listed = item(&li);
		arg_item(f, "servers", rep->deleg[i]);
		arg_item(f, "problems", "parent_only");
		if (listed)
			/* TRANSLATORS: %s is a name server's host name */
			list_say(&li, tr(l, "%s (named by the parent only)"),
				 rep->deleg[i]);
	}
	if (li.n == 0) {
		say_text(f, "ns_resolves.ok",
			 tr(l, "Every name server has an address."));
		return;
	}
	const char *list = list_end(&li);
	f->status = li.n == looked ? CHECK_FAIL : CHECK_WARN;
	/* the servers answered (the lookup itself, or the report), so some
	 * address leads to them: the parent's glue, or one still cached */
	bool reached = r->status == LOOKUP_FOUND || some_server_answered(rep);
	if (li.n < looked && glued == li.n)
		say(f, "ns_resolves.missing_some_glued",
		    /* TRANSLATORS: %s: name servers, each with a reason */
		    tr(l, "No address for %s. Resolvers that ask for these "
			  "servers' addresses get none and skip them."), list);
	else if (li.n < looked)
		say(f, "ns_resolves.missing_some",
		    /* TRANSLATORS: %s: name servers, each with a reason */
		    tr(l, "No address for %s. Resolvers waste time on servers "
			  "they cannot reach."), list);
	else if (!reached)
		say(f, "ns_resolves.missing_all_unreachable",
		    /* TRANSLATORS: %s: name servers, each with a reason */
		    tr(l, "No address for %s. No name server can be reached, "
			  "so the domain cannot resolve."), list);
	else if (glued == li.n)
		say(f, "ns_resolves.missing_all_glued",
		    /* TRANSLATORS: %s: name servers, each with a reason */
		    tr(l, "No address for %s. Resolvers reach these servers "
			  "only through the addresses the parent publishes "
			  "with the delegation (glue), which are not the "
			  "zone's own data: a resolver that asks for the "
			  "servers' addresses gets none and may give up. "
			  "Publish an A or AAAA record for each name "
			  "server."), list);
	else
		say(f, "ns_resolves.missing_all_cached",
		    /* TRANSLATORS: %s: name servers, each with a reason */
		    tr(l, "No address for %s. The servers answered, so "
			  "resolvers still find them through addresses they "
			  "already hold (glue, or an earlier answer in their "
			  "cache); once those expire, the domain stops "
			  "resolving. Publish an A or AAAA record for each "
			  "name server."), list);
}

static void check_not_cname(const struct lang *l, const struct ns_result *r,
			    const struct report *rep, struct finding *f)
{
	(void)rep; /* the lookup alone says */
	struct list li;

	set(f, CHECK_PASS);
	list_start(&li, f, l);
	for (size_t i = 0; i < r->n_ns; i++) {
		if (!r->ns[i].alias)
			continue;
		bool listed = item(&li);
		arg_item(f, "servers", r->ns[i].name);
		arg_item(f, "targets", r->ns[i].alias);
		if (listed)
			/* TRANSLATORS: an NS record's name, its CNAME target */
			list_say(&li, tr(l, "%s is an alias (CNAME) of %s"),
				 r->ns[i].name, r->ns[i].alias);
	}
	if (li.n == 0) {
		say_text(f, "ns_not_cname.ok",
			 tr(l, "Every name server's name is a host name, not "
			       "an alias."));
		return;
	}
	f->status = CHECK_FAIL;
	say(f, "ns_not_cname.alias",
	    /* TRANSLATORS: %s is a list: "ns1.example.com is an alias
	       (CNAME) of host.example.net; ..." */
	    tr(l, "%s. An NS record must name the server itself (RFC 2181 "
		  "10.3): some resolvers refuse such servers. Put the target "
		  "name in the NS record."), list_end(&li));
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

/* The sentence that names the families whose addresses all lie in one
 * network: an address, or a network written as its first address. */
static void one_network(const struct lang *l, const struct nets *n,
			bool v4_one, bool v6_one, struct finding *f)
{
	char a4[64] = "", a6[64] = "";
	bool one4 = n->count[0] == 1, one6 = n->count[1] == 1;

	if (v4_one) {
		netaddr_format(n->first[0], false, a4, sizeof a4);
		arg_text(f, "ipv4_address", a4);
		arg_uint(f, "ipv4_count", n->count[0]);
	}
	if (v6_one) {
		netaddr_format(n->first[1], true, a6, sizeof a6);
		arg_text(f, "ipv6_address", a6);
		arg_uint(f, "ipv6_count", n->count[1]);
	}
	/* the family's first address ("/24", "/48": its network) */
	if (v4_one && !v6_one && one4)
		say(f, NULL,
		    /* TRANSLATORS: an IPv4 address */
		    tr(l, "The only IPv4 address is %s."), a4);
	else if (v4_one && !v6_one)
		say(f, NULL,
		    /* TRANSLATORS: an IPv4 address ("%s/24": its network) */
		    tr(l, "All IPv4 addresses are in one /24 (%s/24)."), a4);
	else if (!v4_one && one6)
		say(f, NULL,
		    /* TRANSLATORS: an IPv6 address */
		    tr(l, "The only IPv6 address is %s."), a6);
	else if (!v4_one)
		say(f, NULL,
		    /* TRANSLATORS: an IPv6 address ("%s/48": its network) */
		    tr(l, "All IPv6 addresses are in one /48 (%s/48)."), a6);
	else if (one4 && one6)
		say(f, NULL,
		    /* TRANSLATORS: an IPv4 address, an IPv6 address */
		    tr(l, "The only IPv4 address is %s; the only IPv6 address "
			  "is %s."), a4, a6);
	else if (one4)
		say(f, NULL,
		    /* TRANSLATORS: an IPv4 address, an IPv6 address */
		    tr(l, "The only IPv4 address is %s; all IPv6 addresses are "
			  "in one /48 (%s/48)."), a4, a6);
	else if (one6)
		say(f, NULL,
		    /* TRANSLATORS: an IPv4 address, an IPv6 address */
		    tr(l, "All IPv4 addresses are in one /24 (%s/24); the only "
			  "IPv6 address is %s."), a4, a6);
	else
		say(f, NULL,
		    /* TRANSLATORS: an IPv4 address, an IPv6 address */
		    tr(l, "All IPv4 addresses are in one /24 (%s/24); all IPv6 "
			  "addresses are in one /48 (%s/48)."), a4, a6);
}

static void check_subnets(const struct lang *l, const struct ns_result *r,
			  const struct report *rep, struct finding *f)
{
	struct nets n = { 0 };

	each_addr(r, rep, on_net, &n);
	if (n.count[0] + n.count[1] == 0) {
		set(f, CHECK_INFO);
		say_text(f, "subnet_diversity.no_address",
			 tr(l, "No address to compare."));
		return;
	}
	bool v4_one = n.count[0] > 0 && !n.spread[0];
	bool v6_one = n.count[1] > 0 && !n.spread[1];
	if (!v4_one && !v6_one) {
		set(f, CHECK_PASS);
		say_text(f, "subnet_diversity.ok",
			 tr(l, "The name servers are spread over more than one "
			       "network."));
		return;
	}
	set(f, CHECK_WARN);
	one_network(l, &n, v4_one, v6_one, f);
	/* every server in one network, or only the servers of one family */
	if ((v4_one || n.count[0] == 0) && (v6_one || n.count[1] == 0)) {
		f->msg_id = "subnet_diversity.one_network";
		say_also(f, "%s", tr(l, "One network outage or routing mistake "
					"can take every server away: spread "
					"them over different networks."));
	} else {
		f->msg_id = "subnet_diversity.one_network_family";
		say_also(f, "%s", tr(l, "One network outage or routing mistake "
					"can take away every server of that "
					"address family, and with it the "
					"resolvers that have only that one: "
					"spread them over different "
					"networks."));
	}
}

static void check_ipv6(const struct lang *l, const struct ns_result *r,
		       const struct report *rep, struct finding *f)
{
	struct nets n = { 0 };

	each_addr(r, rep, on_net, &n);
	if (n.count[0] + n.count[1] == 0) {
		set(f, CHECK_INFO);
		say_text(f, "ipv6.no_address",
			 tr(l, "No address of any kind to look at."));
		return;
	}
	if (n.public6 > 0) {
		unsigned long k = (unsigned long)n.public6;
		set(f, CHECK_PASS);
		arg_uint(f, "count", k);
		say(f, "ipv6.ok",
		    trn(l, "%lu IPv6 address: resolvers with IPv6 only can "
			   "reach the zone.",
			"%lu IPv6 addresses: resolvers with IPv6 only can "
			"reach the zone.", k), k);
		return;
	}
	set(f, CHECK_WARN);
	if (n.count[1])
		say_text(f, "ipv6.special_only",
			 tr(l, "No name server has a public IPv6 address (the "
			       "ones given are special-purpose, see "
			       "public_addresses): resolvers that have only "
			       "IPv6 cannot reach the zone. Ask the DNS "
			       "provider for name servers with AAAA records."));
	else
		say_text(f, "ipv6.missing",
			 tr(l, "No name server has an IPv6 address: resolvers "
			       "that have only IPv6 cannot reach the zone. Ask "
			       "the DNS provider for name servers with AAAA "
			       "records."));
}

static void on_public(const char *name, const unsigned char *a, bool v6, void *ctx)
{
	struct list *li = ctx;
	const char *what = netaddr_special(a, v6);

	if (!what)
		return;
	bool listed = item(li);
	char addr[64];
	netaddr_format(a, v6, addr, sizeof addr);
	arg_item(li->f, "servers", name);
	arg_item(li->f, "addresses", addr);
	arg_item(li->f, "kinds", what);
	if (listed)
		/* TRANSLATORS: a name server, an address, its kind
		   ("private (RFC 1918)") */
		list_say(li, tr(li->l, "%s has %s (%s)"), name, addr,
			 tr(li->l, what));
}

static void check_public(const struct lang *l, const struct ns_result *r,
			 const struct report *rep, struct finding *f)
{
	struct list li;

	set(f, CHECK_PASS);
	list_start(&li, f, l);
	each_addr(r, rep, on_public, &li);
	if (li.n == 0) {
		say_text(f, "public_addresses.ok",
			 tr(l, "Every address is an ordinary public one."));
		return;
	}
	f->status = CHECK_FAIL;
	say(f, "public_addresses.special",
	    /* TRANSLATORS: %s is a list: "ns1.example.com has 10.0.0.1
	       (private (RFC 1918)); ..." */
	    tr(l, "%s. Such addresses cannot be reached from the internet (or "
		  "reach the wrong host): resolvers elsewhere fail on them. "
		  "Publish public addresses only."), list_end(&li));
}

/* ---- checks on the report ---- */

/* The names of a that are not in b, as the list li, each an item of the
 * argument list called name. */
static void only_in(struct list *li, const char *name, const char **a,
		    size_t na, const char **b, size_t nb)
{
	for (size_t i = 0; i < na; i++) {
		if (names_has(b, nb, a[i]))
			continue;
		bool listed = item(li);
		arg_item(li->f, name, a[i]);
		if (listed)
			list_say(li, "%s", a[i]);
	}
}

static void check_match(const struct lang *l, const struct ns_result *r,
			const struct report *rep, struct finding *f)
{
	(void)r; /* the report alone says */
	if (rep->n_child == 0) {
		set(f, CHECK_INFO);
		say_text(f, "parent_child_match.no_zone_set",
			 tr(l, "No name server answered with its NS set, so "
			       "the parent's list cannot be compared with the "
			       "zone's."));
		return;
	}
	size_t pn = names_missing(rep->deleg, rep->n_deleg, rep->child,
				   rep->n_child);
	size_t cn = names_missing(rep->child, rep->n_child, rep->deleg,
				   rep->n_deleg);

	if (pn == 0 && cn == 0) {
		unsigned long n = (unsigned long)rep->n_deleg;
		set(f, CHECK_PASS);
		arg_text(f, "parent_zone", rep->parent_zone);
		arg_uint(f, "count", n);
		say(f, "parent_child_match.ok",
		    /* TRANSLATORS: the parent zone ("com"), how many servers */
		    trn(l, "The parent zone %s and the name servers list the "
			   "same %lu server.",
			"The parent zone %s and the name servers list the same "
			"%lu servers.", n), rep->parent_zone, n);
		return;
	}
	set(f, CHECK_WARN);
	arg_text(f, "parent_zone", rep->parent_zone);
	if (pn) {
		struct list li;
		list_start(&li, f, l);
		only_in(&li, "parent_only", rep->deleg, rep->n_deleg,
			rep->child, rep->n_child);
		say(f, cn ? "parent_child_match.only_both" :
			    "parent_child_match.only_parent",
		    /* TRANSLATORS: the parent zone ("com"), a list of name
		       servers ("a; b and 2 more") */
		    tr(l, "Only at the parent zone %s: %s."), rep->parent_zone,
		    list_end(&li));
	}
	if (cn) {
		struct list li;
		list_start(&li, f, l);
		only_in(&li, "zone_only", rep->child, rep->n_child, rep->deleg,
			rep->n_deleg);
		const char *list = list_end(&li);
		if (!pn)
			f->msg_id = "parent_child_match.only_zone";
		say_also(f,
			 /* TRANSLATORS: a list of name servers ("a; b") */
			 tr(l, "Only at the name servers: %s."), list);
	}
	say_also(f, "%s", tr(l, "Resolvers use either list, so a server in "
				"only one of them is used by some and missed "
				"by others. Make both lists the same: the "
				"parent's at the registrar, the zone's in its "
				"NS records."));
}

/* A server that answers with authority but without the zone's NS
 * records holds a broken zone, not none: another remedy. */
static bool apex_broken(const struct report_ask *a)
{
	return report_authoritative(a) && a->has_soa;
}

/* One server that does not serve the zone, as an item of the list: why,
 * for people and for machines. */
static void lame_item(struct list *li, const struct report_ask *a)
{
	const struct lang *l = li->l;
	bool listed = item(li);
	const char *rcode = dnsmsg_rcode_name(a->rcode), *problem;
	char addr[64];

	netaddr_format(a->addr, a->v6, addr, sizeof addr);
	if (a->rcode)
		problem = a->rcode == 3 ? "nxdomain" : "rcode";
	else if (apex_broken(a))
		problem = "no_ns_records";
	else if (report_authoritative(a))
		problem = "no_zone_data";
	else
		problem = "not_authoritative";
	arg_item(li->f, "servers", a->server);
	arg_item(li->f, "addresses", addr);
	arg_item(li->f, "problems", problem);
	arg_item_uint(li->f, "rcodes", (unsigned long)a->rcode);
	if (!listed)
		return;
	if (a->rcode == 3)
		/* TRANSLATORS: a name server, an address, NXDOMAIN */
		list_say(li, tr(l, "%s (%s) answers %s for the zone itself"),
			 a->server, addr, rcode);
	else if (a->rcode && (rcode[0] < 'A' || rcode[0] > 'Z')) /* no name */
		/* TRANSLATORS: a name server, one of its addresses */
		list_say(li, tr(l, "%s (%s) answers an unknown rcode"),
			 a->server, addr);
	else if (a->rcode)
		/* TRANSLATORS: a name server, an address, an rcode (REFUSED) */
		list_say(li, tr(l, "%s (%s) answers %s"), a->server, addr,
			 rcode);
	else if (apex_broken(a))
		/* TRANSLATORS: a name server, one of its addresses */
		list_say(li, tr(l, "%s (%s) answers for the zone, but it has "
				   "no NS records"), a->server, addr);
	else if (report_authoritative(a))
		/* TRANSLATORS: a name server, one of its addresses */
		list_say(li, tr(l, "%s (%s) answers with authority but without "
				   "the zone's NS or SOA records"), a->server,
			 addr);
	else
		/* TRANSLATORS: a name server, one of its addresses */
		list_say(li, tr(l, "%s (%s) answers without authority"),
			 a->server, addr);
}

static void check_lame(const struct lang *l, const struct ns_result *r,
		       const struct report *rep, struct finding *f)
{
	(void)r; /* the report alone says */
	struct list li;
	size_t answered = 0, broken = 0;

	set(f, CHECK_PASS);
	list_start(&li, f, l);
	for (size_t i = 0; i < rep->n_servers; i++) {
		const struct report_ask *a = &rep->servers[i];
		/* not the domain's (an expected new server), or silent */
		if (a->extra || a->state != ASK_ANSWERED)
			continue;
		answered++;
		if (report_serves(a))
			continue;
		broken += apex_broken(a);
		lame_item(&li, a);
	}
	if (li.n == 0) {
		if (!answered) {
			f->status = CHECK_INFO;
			say_text(f, "lame.no_answer",
				 tr(l, "No server answered, so none could be "
				       "checked."));
		} else {
			say_text(f, "lame.ok",
				 tr(l, "Every server that answered is "
				       "authoritative for the zone."));
		}
		return;
	}
	f->status = CHECK_FAIL;
	const char *list = list_end(&li);
	if (broken == li.n)
		say(f, "lame.no_ns_records",
		    /* TRANSLATORS: %s: servers, each with address and answer */
		    tr(l, "Not serving the zone: %s. A zone must list its name "
			  "servers in NS records at its top (RFC 1035): "
			  "resolvers that ask for them get none, and some "
			  "treat the zone as broken. Add the NS records to the "
			  "zone."), list);
	else
		say(f, "lame.lame",
		    /* TRANSLATORS: %s: servers, each with address and answer */
		    tr(l, "Not serving the zone: %s. A lame server is named in "
			  "the delegation but does not serve the zone: "
			  "resolvers that ask it get errors and retry "
			  "elsewhere, slowly. Load the zone on it, or remove "
			  "it from the NS records and at the "
			  "registrar."), list);
}

static void check_responds(const struct lang *l, const struct ns_result *r,
			   const struct report *rep, struct finding *f)
{
	(void)r; /* the report alone says */
	struct list li;
	size_t asked = 0, skipped = 0, limited = 0;

	set(f, CHECK_PASS);
	list_start(&li, f, l);
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
		if (a->state != ASK_ANSWERED)
			server_at(&li, item(&li), a);
	}
	if (li.n == 0) {
		if (asked == 0) {
			f->status = CHECK_INFO;
			say_text(f, "responds.none_asked",
				 tr(l, "No address could be asked."));
		} else {
			unsigned long n = (unsigned long)asked;
			arg_uint(f, "count", n);
			say(f, "responds.ok",
			    trn(l, "%lu address answered in time.",
				"%lu addresses answered in time.", n), n);
		}
		if (skipped) {
			unsigned long n = (unsigned long)skipped;
			arg_uint(f, "skipped", n);
			say_also(f, trn(l, "%lu not asked: special-purpose "
					   "(see public_addresses).",
					"%lu not asked: special-purpose (see "
					"public_addresses).", n), n);
		}
		if (limited) {
			unsigned long n = (unsigned long)limited;
			arg_uint(f, "limited", n);
			say_also(f, trn(l, "%lu not asked: the report's query "
					   "limit was reached.",
					"%lu not asked: the report's query "
					"limit was reached.", n), n);
		}
		return;
	}
	f->status = li.n == asked ? CHECK_FAIL : CHECK_WARN;
	say(f, "responds.no_answer",
	    /* TRANSLATORS: %s: servers, each with an address in brackets */
	    tr(l, "No answer from %s. Resolvers wait for a server that does "
		  "not answer before they try the next, which slows every "
		  "lookup; if none answers, the domain is "
		  "down."), list_end(&li));
}

/* RFC 7766: TCP is not a fallback a server may leave out. */
static void check_tcp(const struct lang *l, const struct ns_result *r,
		      const struct report *rep, struct finding *f)
{
	(void)r; /* the report alone says */
	struct list li;
	size_t asked = 0;

	set(f, CHECK_PASS);
	list_start(&li, f, l);
	for (size_t i = 0; i < rep->n_servers; i++) {
		const struct report_ask *a = &rep->servers[i];
		if (a->extra) /* an expected new server: not the domain's */
			continue;
		/* only servers that answer at all: silence is "responds" */
		if (a->state != ASK_ANSWERED || a->tcp == OVER_TCP_NOT_ASKED)
			continue;
		asked++;
		if (a->tcp == OVER_TCP_OK)
			continue;
		bool listed = item(&li), refused = a->tcp == OVER_TCP_REFUSED;
		char addr[64];
		netaddr_format(a->addr, a->v6, addr, sizeof addr);
		arg_item(f, "servers", a->server);
		arg_item(f, "addresses", addr);
		arg_item(f, "problems", refused ? "refused" : "timeout");
		if (!listed)
			continue;
		if (refused)
			/* TRANSLATORS: a name server, one of its addresses */
			list_say(&li, tr(l, "%s (%s): connection refused or "
					    "closed"), a->server, addr);
		else
			/* TRANSLATORS: a name server, one of its addresses */
			list_say(&li, tr(l, "%s (%s): timed out"), a->server,
				 addr);
	}
	if (li.n == 0) {
		if (!asked) {
			f->status = CHECK_INFO;
			say_text(f, "tcp.not_asked",
				 tr(l, "No server could be asked over TCP."));
		} else {
			say_text(f, "tcp.ok",
				 tr(l, "Every server that answered over UDP "
				       "answers over TCP too."));
		}
		return;
	}
	f->status = CHECK_FAIL;
	say(f, "tcp.no_answer",
	    /* TRANSLATORS: %s: servers, each with address and failure */
	    tr(l, "No answer over TCP from %s. Answers too large for UDP "
		  "(DNSSEC, many records) are fetched over TCP, and resolvers "
		  "fall back to TCP when UDP is attacked or cut: a server "
		  "without TCP fails them (RFC 7766). Allow TCP port 53 to the "
		  "server in every firewall."), list_end(&li));
}

/* RFC 5358: an authoritative server that recurses for anyone. */
static void check_recursion(const struct lang *l, const struct ns_result *r,
			    const struct report *rep, struct finding *f)
{
	(void)r; /* the report alone says */
	struct list li;
	size_t asked = 0;

	set(f, CHECK_PASS);
	list_start(&li, f, l);
	for (size_t i = 0; i < rep->n_servers; i++) {
		const struct report_ask *a = &rep->servers[i];
		if (a->extra) /* an expected new server: not the domain's */
			continue;
		if (a->recursion == RECURSION_NOT_ASKED)
			continue;
		asked++;
		if (a->recursion == RECURSION_OPEN)
			server_at(&li, item(&li), a);
	}
	if (li.n == 0) {
		if (!asked) {
			f->status = CHECK_INFO;
			say_text(f, "open_recursion.not_asked",
				 tr(l, "No server could be asked whether it "
				       "recurses."));
		} else {
			say_text(f, "open_recursion.ok",
				 tr(l, "No server answered a recursive query "
				       "for a name outside its zones."));
		}
		return;
	}
	f->status = CHECK_FAIL;
	say(f, "open_recursion.open",
	    /* TRANSLATORS: %s: servers, each with an address in brackets */
	    tr(l, "Recursion open to anyone on %s: it looked up a name outside "
		  "its zones for nscheck. An open resolver can be used to "
		  "flood others with large answers, and its cache can be "
		  "poisoned (RFC 5358). Turn recursion off on authoritative "
		  "servers, or allow it only to your own "
		  "networks."), list_end(&li));
}

/* A row that counts for the DS check: asked for its keys, and serving the
 * zone (a silent or lame server is for "responds" and "lame"). */
static bool keys_counted(const struct report_ask *a)
{
	return !a->extra && a->keys != KEYS_NOT_ASKED &&
	       (a->keys != KEYS_NO_ANSWER || report_serves(a));
}

/* The servers that serve the zone but gave no usable DNSKEY answer. */
static void keys_unconfirmed(const struct lang *l, const struct report *rep,
			     size_t confirmed, struct finding *f)
{
	struct list li;

	list_start(&li, f, l);
	f->status = confirmed || rep->cut_short ? CHECK_WARN : CHECK_FAIL;
	for (size_t i = 0; i < rep->n_servers; i++) {
		const struct report_ask *a = &rep->servers[i];
		if (keys_counted(a) && a->keys == KEYS_NO_ANSWER)
			server_at(&li, item(&li), a);
	}
	const char *list = list_end(&li);
	if (confirmed)
		say(f, "ds_matches_dnskey.unconfirmed_some",
		    /* TRANSLATORS: %s: servers, each with an address */
		    tr(l, "No usable answer to the DNSKEY query from %s. The "
			  "parent's DS says the zone is signed; a validating "
			  "resolver that asks such a server for the zone's "
			  "keys gets nothing it can check and must try "
			  "another. Make every server answer DNSKEY queries "
			  "(firewalls that drop large UDP answers or EDNS are "
			  "the usual cause)."), list);
	else if (rep->cut_short)
		say(f, "ds_matches_dnskey.unconfirmed_cut_short",
		    /* TRANSLATORS: %s: servers, each with an address */
		    tr(l, "No usable answer to the DNSKEY query from %s. The "
			  "report was cut short by its time or query limit "
			  "before any server confirmed a key for the parent's "
			  "DS: try again."), list);
	else
		say(f, "ds_matches_dnskey.unconfirmed_all",
		    /* TRANSLATORS: %s: servers, each with an address */
		    tr(l, "No usable answer to the DNSKEY query from %s. No "
			  "server confirmed a key for the parent's DS, so "
			  "validating resolvers cannot either and refuse the "
			  "domain. Make the servers answer DNSKEY queries "
			  "(firewalls that drop large UDP answers or EDNS are "
			  "the usual cause), or remove the DS at the "
			  "registrar."), list);
}

/* The outage after a move of provider: a DS at the parent for a key the
 * zone's servers no longer have, so validating resolvers reject the zone.
 * A server asked that gave no usable DNSKEY answer confirms nothing; when
 * none confirms the key, validators cannot either. */
static void check_ds(const struct lang *l, const struct ns_result *r,
		     const struct report *rep, struct finding *f)
{
	(void)r; /* the report alone says */
	struct list bad;
	size_t asked = 0, confirmed = 0, unconfirmed = 0;

	set(f, CHECK_INFO);
	if (rep->ds_state == DS_NONE) {
		say_text(f, "ds_matches_dnskey.no_ds",
			 tr(l, "No DS record at the parent: the zone is not "
			       "signed with DNSSEC, or its signing is not "
			       "published there."));
		return;
	}
	if (rep->ds_state != DS_PRESENT) {
		say_text(f, "ds_matches_dnskey.parent_not_asked",
			 tr(l, "The parent could not be asked for DS "
			       "records."));
		return;
	}
	list_start(&bad, f, l);
	for (size_t i = 0; i < rep->n_servers; i++) {
		const struct report_ask *a = &rep->servers[i];
		if (!keys_counted(a))
			continue;
		asked++;
		confirmed += a->keys == KEYS_MATCH;
		unconfirmed += a->keys == KEYS_NO_ANSWER;
		if (a->keys == KEYS_NO_MATCH)
			server_at(&bad, item(&bad), a);
	}
	if (!asked) {
		say_text(f, "ds_matches_dnskey.servers_not_asked",
			 tr(l, "The parent has a DS record, but no server that "
			       "serves the zone could be asked for its DNSKEY "
			       "records."));
		return;
	}
	if (bad.n) {
		f->status = CHECK_FAIL;
		say(f, "ds_matches_dnskey.no_key",
		    /* TRANSLATORS: %s: servers, each with an address */
		    tr(l, "No key for the parent's DS on %s. Validating "
			  "resolvers, which many networks use, will refuse the "
			  "whole domain: the DS at the parent says the zone is "
			  "signed with a key it does not have. This is what "
			  "happens when a domain moves to a new DNS provider "
			  "without its DNSSEC: remove the DS at the registrar "
			  "(or replace it with the DS of the new provider's "
			  "key)."), list_end(&bad));
		return;
	}
	if (unconfirmed) {
		keys_unconfirmed(l, rep, confirmed, f);
		return;
	}
	f->status = CHECK_PASS;
	say_text(f, "ds_matches_dnskey.ok",
		 tr(l, "The parent's DS record names a key (by tag and "
		       "algorithm) that every server asked has."));
}

static void check_serial(const struct lang *l, const struct ns_result *r,
			 const struct report *rep, struct finding *f)
{
	(void)r; /* the report alone says */
	struct list li;
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
			say_text(f, "soa_serial.no_soa",
				 tr(l, "No server gave an SOA record to "
				       "compare."));
			return;
		}
		arg_uint(f, "serial", first->serial);
		say(f, "soa_serial.ok",
		    /* TRANSLATORS: %lu is the SOA serial number */
		    tr(l, "Every server has the zone at serial %lu."),
		    (unsigned long)first->serial);
		return;
	}
	set(f, CHECK_WARN);
	list_start(&li, f, l);
	for (size_t i = 0; i < rep->n_servers; i++) {
		const struct report_ask *a = &rep->servers[i];
		if (a->extra) /* an expected new server: not the domain's */
			continue;
		if (!a->has_soa)
			continue;
		bool listed = item(&li);
		char addr[64];
		netaddr_format(a->addr, a->v6, addr, sizeof addr);
		arg_item(f, "servers", a->server);
		arg_item(f, "addresses", addr);
		arg_item_uint(f, "serials", a->serial);
		if (listed)
			/* TRANSLATORS: a name server, an address, its serial */
			list_say(&li, tr(l, "%s (%s) has %lu"), a->server, addr,
				 (unsigned long)a->serial);
	}
	say(f, "soa_serial.differ",
	    /* TRANSLATORS: %s is a list: "ns1.example.com (192.0.2.1)
	       has 2024010101; ..." */
	    tr(l, "Serials differ: %s. The servers hold different versions of "
		  "the zone, so answers depend on which one a resolver asks. "
		  "Right after a change this is normal for a few minutes; if "
		  "it lasts, zone transfers to some servers are failing."),
	    list_end(&li));
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


/* One item of the glue list, with its arguments: the name, what is wrong
 * (an id) and the address concerned ("" for none). */
static bool glue_item(struct list *li, const char *name, const char *problem,
		      const unsigned char *a, bool v6, char *addr, size_t size)
{
	bool listed = item(li);

	addr[0] = '\0';
	if (a)
		netaddr_format(a, v6, addr, size);
	arg_item(li->f, "servers", name);
	arg_item(li->f, "problems", problem);
	arg_item(li->f, "addresses", addr);
	return listed;
}

/* One in-domain name: what is wrong with its glue (failures). *compared:
 * the zone's side was known for some glue of the name, or for the name. */
static void glue_faults(const struct ns_result *r, const struct report *rep,
			const char *name, struct list *li, bool *compared)
{
	const struct lang *l = li->l;
	bool delegated = names_has(rep->deleg, rep->n_deleg, name);
	enum host_answer a4 = zone_says(r, rep, name, false);
	enum host_answer a6 = zone_says(r, rep, name, true);
	size_t glued = glue_count(rep, name, ANY_FAMILY);
	char addr[64];

	*compared = glued == 0 || a4 != HOST_NOT_ASKED || a6 != HOST_NOT_ASKED;
	if (a4 == HOST_ALIAS || a6 == HOST_ALIAS) {
		if (glue_item(li, name, "alias", NULL, false, addr,
			      sizeof addr))
			/* TRANSLATORS: %s is a name server inside the zone */
			list_say(li, tr(l, "%s is an alias (CNAME) in the "
					   "zone: no glue can stand for it "
					   "(RFC 2181 10.3)"),
				 name);
		return;
	}
	if (a4 == HOST_NXDOMAIN && a6 == HOST_NXDOMAIN) {
		const char *problem = glued ? "nxdomain_glued" :
				      delegated ? "nxdomain_delegated" :
				      "nxdomain_listed";
		if (!glue_item(li, name, problem, NULL, false, addr,
			       sizeof addr))
			return;
		if (glued)
			list_say(li,
			    /* TRANSLATORS: a name server inside the zone */
			    tr(l, "The zone says %s does not exist, but the "
				  "parent has glue for it"), name);
		else if (delegated)
			list_say(li,
			    /* TRANSLATORS: a name server inside the zone */
			    tr(l, "The zone says %s does not exist, but the "
				  "parent delegates to it"), name);
		else
			list_say(li,
			    /* TRANSLATORS: a name server inside the zone */
			    tr(l, "The zone says %s does not exist, but its "
				  "own NS records name it"), name);
		return;
	}
	if (delegated && glued == 0) {
		if (glue_item(li, name, "no_glue", NULL, false, addr,
			      sizeof addr))
			/* TRANSLATORS: %s is a name server inside the zone */
			list_say(li, tr(l, "%s is inside the zone but the "
					   "parent has no glue "
					   "(address) for it"), name);
		return;
	}
	for (size_t g = 0; g < rep->n_glue; g++) {
		const struct report_addr *ga = &rep->glue[g];
		if (strcasecmp(ga->name, name) != 0 ||
		    zone_says(r, rep, name, ga->v6) == HOST_NOT_ASKED ||
		    zone_gives(r, rep, name, ga->addr, ga->v6))
			continue;
		if (glue_item(li, name, "glue_not_in_zone", ga->addr, ga->v6,
			      addr, sizeof addr))
			/* TRANSLATORS: a name server, its glue's address */
			list_say(li, tr(l, "Glue for %s at the parent is %s, "
					   "an address the zone does not give "
					   "it"),
				 name, addr);
	}
}

struct extra_ctx {
	const struct report *rep;
	const char *name;
	bool v6;
	struct list *li;
	bool whole_family; /* the glue has none of this family */
};

static void on_extra(const unsigned char *a, void *ctx)
{
	struct extra_ctx *e = ctx;
	char addr[64];

	if (glue_has(e->rep, e->name, a, e->v6) ||
	    !glue_item(e->li, e->name, "address_not_in_glue", a, e->v6, addr,
		       sizeof addr))
		return;
	/* TRANSLATORS: a name server, an address the zone gives it */
	list_say(e->li, tr(e->li->l, "The zone gives %s also %s, which the "
				     "parent has no glue for"), e->name, addr);
}

/* One delegated in-domain name with glue: the zone's addresses that the
 * glue leaves out (warnings); true when a whole family is missing. */
static bool glue_gaps(const struct ns_result *r, const struct report *rep,
		      const char *name, struct list *li)
{
	bool family = false;

	if (!names_has(rep->deleg, rep->n_deleg, name) || !has_glue(rep, name))
		return false;
	for (int v6 = 0; v6 < 2; v6++) {
		struct extra_ctx e = { rep, name, v6, li,
				       glue_count(rep, name, v6) == 0 };
		size_t at = li->n;
		if (zone_says(r, rep, name, v6) == HOST_FOUND)
			each_zone_addr(r, rep, name, v6, on_extra, &e);
		family = family || (e.whole_family && li->n > at);
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
static void glue_unknown(const struct lang *l, const char *const *names,
			 size_t n, struct finding *f)
{
	struct list li;

	set(f, CHECK_INFO);
	list_start(&li, f, l);
	for (size_t i = 0; i < n; i++) {
		bool listed = item(&li);
		arg_item(f, "servers", names[i]);
		if (listed)
			list_say(&li, "%s", names[i]);
	}
	say(f, "glue.unknown",
	    /* TRANSLATORS: %s is a list of name servers ("a; b and 2 more") */
	    tr(l, "The glue for %s could not be compared: no server of the "
		  "zone gave an authoritative answer for its addresses."),
	    list_end(&li));
}

static void check_glue(const struct lang *l, const struct ns_result *r,
		       const struct report *rep, struct finding *f)
{
	const char *inside[GLUE_NAMES_MAX], *unknown[GLUE_NAMES_MAX];
	size_t n = inside_names(r, rep, inside, GLUE_NAMES_MAX), n_unknown = 0;
	struct list li;
	bool family = false;

	set(f, CHECK_PASS);
	list_start(&li, f, l);
	for (size_t i = 0; i < n; i++) {
		bool compared;
		glue_faults(r, rep, inside[i], &li, &compared);
		if (!compared)
			unknown[n_unknown++] = inside[i];
	}
	size_t faults = li.n;
	for (size_t i = 0; i < n; i++)
		family = glue_gaps(r, rep, inside[i], &li) || family;
	if (li.n == 0 && n_unknown) {
		glue_unknown(l, unknown, n_unknown, f);
		return;
	}
	if (li.n == 0) {
		if (n == 0)
			say_text(f, "glue.not_needed",
				 tr(l, "No name server is inside the zone, so "
				       "none needs glue."));
		else
			say_text(f, "glue.ok",
				 tr(l, "The parent has glue for every name "
				       "server inside the zone, and it equals "
				       "the zone's own addresses."));
		return;
	}
	f->status = faults ? CHECK_FAIL : CHECK_WARN;
	const char *list = list_end(&li);
	if (faults)
		say(f, "glue.wrong",
		    /* TRANSLATORS: %s: what is wrong with the glue, by name */
		    tr(l, "%s. A server named inside its own zone can only be "
			  "found through the address the parent publishes with "
			  "the delegation (glue). Set it at the registrar, and "
			  "keep it equal to the zone's own A/AAAA "
			  "records."), list);
	else if (family)
		say(f, "glue.incomplete_family",
		    /* TRANSLATORS: %s: what is wrong with the glue, by name */
		    tr(l, "%s. Resolvers that start from the parent know only "
			  "the glue: they never use an address it leaves out, "
			  "and a server with glue of one family only (IPv4 or "
			  "IPv6) is out of reach for resolvers that have only "
			  "the other. Keep the glue at the registrar equal to "
			  "the zone's own A/AAAA records."), list);
	else
		say(f, "glue.incomplete",
		    /* TRANSLATORS: %s: what is wrong with the glue, by name */
		    tr(l, "%s. Resolvers that start from the parent know only "
			  "the glue: they never use an address it leaves out. "
			  "Keep the glue at the registrar equal to the zone's "
			  "own A/AAAA records."), list);
}

static void check_propagation(const struct lang *l, const struct ns_result *r,
			      const struct report *rep, struct finding *f)
{
	bool done = report_done(rep);
	uint32_t child = done ? rep->child_ttl : r->n_ns ? r->ns[0].ttl : 0;
	uint32_t parent = done ? rep->deleg_ttl : 0;
	uint32_t longest = parent > child ? parent : child;
	char t_longest[128], t_child[128], t_parent[128], t_negative[128];

	set(f, CHECK_INFO);
	/* a zone its servers deny has no NS records of its own to live */
	bool own = !done || rep->n_child > 0;
	duration(l, longest, t_longest, sizeof t_longest);
	duration(l, child, t_child, sizeof t_child);
	duration(l, parent, t_parent, sizeof t_parent);
	arg_uint(f, "longest_ttl", longest);
	if (own)
		arg_uint(f, "zone_ttl", child);
	if (done) {
		arg_text(f, "parent_zone", rep->parent_zone);
		arg_uint(f, "delegation_ttl", parent);
	}
	if (!done)
		say(f, "propagation.zone",
		    /* TRANSLATORS: two spans of time ("2 days", "1 hour") */
		    tr(l, "After a change of name servers, resolvers may keep "
			  "the old set for up to %s: the zone's own NS records "
			  "live %s."), t_longest, t_child);
	else if (own)
		say(f, "propagation.zone_and_delegation",
		    /* TRANSLATORS: a span of time ("2 days"), another, the
		       parent zone ("com"), a third span of time */
		    tr(l, "After a change of name servers, resolvers may keep "
			  "the old set for up to %s: the zone's own NS records "
			  "live %s and the delegation at %s lives "
			  "%s."), t_longest,
		    t_child, rep->parent_zone, t_parent);
	else
		say(f, "propagation.delegation",
		    /* TRANSLATORS: a span of time ("2 days"), the parent
		       zone ("com"), another span of time */
		    tr(l, "After a change of name servers, resolvers may keep "
			  "the old set for up to %s: the delegation at %s "
			  "lives %s."),
		    t_longest, rep->parent_zone, t_parent);
	if (done && rep->negative_ttl) {
		arg_uint(f, "negative_ttl", rep->negative_ttl);
		/* TRANSLATORS: %s is a span of time ("1 hour") */
		say_also(f, tr(l, "A name a resolver was told did not exist "
				  "stays so for up to %s (the SOA's negative "
				  "TTL)."),
			 duration(l, rep->negative_ttl, t_negative,
				  sizeof t_negative));
	}
	say_also(f, "%s", tr(l, "Lower the TTLs a day ahead of a planned "
				"change."));
}

static const struct {
	const char *id, *title;
	enum check_needs needs;
	void (*run)(const struct lang *l, const struct ns_result *r,
		    const struct report *rep, struct finding *f);
} check_table[] = {
#define CHECKS_ROW_(id, needs, fn, title) { #id, title, needs, check_##fn },
	CHECKS_TABLE(CHECKS_ROW_)
};

void checks_run(const struct lang *l, const struct ns_result *r, const struct report *rep,
		struct check_list *out)
{
	bool done = report_done(rep);

	out->n = 0;
	/* a failed lookup still has checks when the report got through */
	if ((r->status != LOOKUP_FOUND || r->n_ns == 0) && !done)
		return;
	for (size_t i = 0; i < CHECKS_MAX; i++) {
		if (check_table[i].needs == CHECK_ON_REPORT && !done)
			continue;
		struct finding *f = &out->f[out->n++];
		set(f, CHECK_INFO);
		check_table[i].run(l, r, rep, f);
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
	switch (s) {
	case CHECK_PASS: return trc(l, "check status", "Passed");
	case CHECK_INFO: return trc(l, "check status", "Note");
	case CHECK_WARN: return trc(l, "check status", "Warning");
	case CHECK_FAIL: return trc(l, "check status", "Problem");
	}
	return trc(l, "check status", "Unknown");
}
