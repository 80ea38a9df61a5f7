/*
 * render_html: the page (see render.h). The frame comes from
 * templates/page.html; this file writes the slots: the result block with
 * its table and findings, the refilled form value, the help text.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "util/buf.h"
#include "render/cells.h"
#include "report/checks.h"
#include "util/config.h"
#include "render/describe.h"
#include "dns/dnsmsg.h"
#include "input/domain.h"
#include "util/lang.h"
#include "util/names.h"
#include "report/expect.h"
#include "util/netaddr.h"
#include "render/render.h"
#include "render/render_drill.h"
#include "render/render_shared.h"
#include "report/report.h"
#include "report/result.h"
#include "render/template.h"
#include "report/transfer.h"
#include "render/view.h"
#include "util/words.h"

/*
 * A sentence with markup in it. fmt (a translation) is filled with its
 * arguments; PIECE_1 and PIECE_2, passed for its %s, mark where a piece
 * of the page goes: its markup (open and close, written as they are)
 * around its value (escaped). Everything else in the sentence is text
 * from the catalogue and escaped too, so only the code's own markup
 * reaches the page raw.
 */
struct piece {
	const char *open;   /* markup, or "" */
	const char *value;  /* text; NULL: none */
	const char *close;  /* markup, or "" */
};

#define PIECE_1 "\x01"
#define PIECE_2 "\x02"
#define PIECES_MAX 2

static void say_pieces(struct buf *out, const struct piece *p, size_t n,
		       const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void say_pieces(struct buf *out, const struct piece *p, size_t n,
		       const char *fmt, ...)
{
	char small[1024], *text = small;
	bool used[PIECES_MAX] = { false };
	va_list ap;

	va_start(ap, fmt);
	int len = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (len < 0) {
		out->failed = true;
		return;
	}
	if ((size_t)len >= sizeof small) {
		if (!(text = malloc((size_t)len + 1))) {
			out->failed = true;
			return;
		}
		va_start(ap, fmt);
		vsnprintf(text, (size_t)len + 1, fmt, ap);
		va_end(ap);
	}
	size_t from = 0;
	for (size_t i = 0; i < (size_t)len; i++) {
		size_t k = (unsigned char)text[i];
		/* each mark once; another such byte is text (escaped) */
		if (k < 1 || k > n || k > PIECES_MAX || used[k - 1])
			continue;
		used[k - 1] = true;
		buf_html(out, text + from, i - from);
		buf_puts(out, p[k - 1].open);
		if (p[k - 1].value)
			buf_htmls(out, p[k - 1].value);
		buf_puts(out, p[k - 1].close);
		from = i + 1;
	}
	buf_html(out, text + from, (size_t)len - from);
	if (text != small)
		free(text);
}

/* A column's heading: <th scope="col">, the words escaped. */
static void put_th(struct buf *out, const char *words)
{
	buf_puts(out, "<th scope=\"col\">");
	buf_htmls(out, words);
	buf_puts(out, "</th>");
}

static void put_link(struct buf *out, const struct view *v, const char *name,
		     const char *format)
{
	render_shared_html_link(out, v, name, NULL, format);
}

static void put_lookup_link(struct buf *out, const struct view *v,
			    const char *name)
{
	buf_puts(out, "<a ");
	put_link(out, v, name, NULL);
	buf_puts(out, ">");
	buf_htmls(out, name);
	buf_puts(out, "</a>");
}

static void put_addresses(struct buf *out, const struct lang *l,
			  const struct ns_addrs *a, bool v6)
{
	char text[64];

	if (a->state != ADDR_FOUND) {
		buf_puts(out, "<span class=\"none\">");
		buf_htmls(out, describe_addr_state(l, a->state, v6));
		buf_puts(out, "</span>");
		return;
	}
	buf_puts(out, "<ul class=\"addrs\">");
	for (size_t i = 0; i < a->n; i++) {
		netaddr_format(a->addr[i], v6, text, sizeof text);
		buf_puts(out, "<li>");
		buf_htmls(out, text);
		buf_puts(out, "</li>");
	}
	buf_puts(out, "</ul>");
}

/* Words from util/words, escaped: their units and decimal separator
 * come from the catalogue. */
static void put_worded(struct buf *out, const struct buf *words)
{
	buf_htmls(out, buf_str(words));
	if (buf_failed(words))
		out->failed = true;
}

static void put_ttl(struct buf *out, const struct lang *l, uint32_t ttl)
{
	char mem[256];
	struct buf words;

	buf_init_fixed(&words, mem, sizeof mem);
	words_duration(l, ttl, &words);
	buf_puts(out, "<span class=\"secs\">");
	buf_uint(out, ttl);
	buf_puts(out, "</span> <span class=\"human\">(");
	put_worded(out, &words);
	buf_puts(out, ")</span>");
}

/* Microseconds as milliseconds: "1.23 ms". */
static void put_ms(struct buf *out, const struct lang *l, uint32_t us)
{
	char mem[64];
	struct buf words;

	buf_init_fixed(&words, mem, sizeof mem);
	words_ms(l, us, &words);
	put_worded(out, &words);
	buf_puts(out, " ms");
}

static void put_table(struct buf *out, const struct view *v)
{
	const struct ns_result *r = v->result;
	const struct lang *l = v->lang;

	buf_puts(out, "<div class=\"table-wrap\"><table class=\"ns\"><caption>");
	/* TRANSLATORS: a table's caption: %s is the domain name */
	buf_say(out, BUF_HTML, tr(l, "NS records of %s"), r->owner);
	buf_puts(out, "</caption><thead><tr>");
	/* TRANSLATORS: a column: the domain name the NS records are of */
	put_th(out, tr(l, "Host"));
	put_th(out, tr(l, "Name server"));
	put_th(out, tr(l, "TTL (seconds)"));
	put_th(out, "IPv4");
	put_th(out, "IPv6");
	buf_puts(out, "</tr></thead><tbody>");
	for (size_t i = 0; i < r->n_ns; i++) {
		const struct ns_server *s = &r->ns[i];
		buf_puts(out, "<tr><td class=\"host\">");
		buf_htmls(out, r->owner);
		buf_puts(out, "</td><th scope=\"row\" class=\"nsname\">");
		buf_htmls(out, s->name);
		buf_puts(out, "</th><td class=\"ttl\">");
		put_ttl(out, l, s->ttl);
		buf_puts(out, "</td><td class=\"v4\">");
		put_addresses(out, l, &s->v4, false);
		buf_puts(out, "</td><td class=\"v6\">");
		put_addresses(out, l, &s->v6, true);
		buf_puts(out, "</td></tr>");
	}
	buf_puts(out, "</tbody></table></div>");
}

static void put_findings(struct buf *out, const struct view *v)
{
	const struct finding *f = v->checks ? v->checks->f : NULL;
	size_t n = v->checks ? v->checks->n : 0;
	const struct lang *l = v->lang;

	if (n == 0)
		return;
	buf_puts(out, "<h3>");
	/* TRANSLATORS: the heading of the list of findings */
	buf_htmls(out, tr(l, "Checks"));
	buf_puts(out, "</h3><ul class=\"checks\">");
	for (size_t i = 0; i < n; i++) {
		buf_puts(out, "<li class=\"check ");
		buf_htmls(out, check_status_id(f[i].status));
		buf_puts(out, "\" id=\"result-");
		buf_htmls(out, f[i].id);
		buf_puts(out, "\"><strong class=\"badge\">");
		buf_htmls(out, check_status_word(l, f[i].status));
		buf_puts(out, "</strong> ");
		buf_htmls(out, f[i].message);
		/* the explanations are in the help text: no link without it */
		if (v->cfg->show_help) {
			buf_puts(out, " <a class=\"why\" href=\"");
			buf_htmls(out, render_shared_link_base(v));
			buf_puts(out, "#check-");
			buf_htmls(out, f[i].id);
			/* one name per check for screen readers' lists of
			 * links; on the screen the same three words for all */
			buf_puts(out, "\">");
			/* TRANSLATORS: a link to the explanation of a check */
			buf_htmls(out, tr(l, "What this means"));
			buf_puts(out, "<span class=\"visually-hidden\">");
			/* TRANSLATORS: heard after "What this means": %s is the check's name */
			buf_say(out, BUF_HTML, trc(l, "check link", " (%s)"),
				f[i].title ? tr(l, f[i].title) : f[i].id);
			buf_puts(out, "</span></a>");
		}
		buf_puts(out, "</li>");
	}
	buf_puts(out, "</ul>");
}

/* ---- the delegation report ---- */

static void put_set(struct buf *out, const char **ns, size_t n)
{
	buf_puts(out, "<ul class=\"addrs\">");
	for (size_t i = 0; i < n; i++) {
		buf_puts(out, "<li>");
		buf_htmls(out, ns[i]);
		buf_puts(out, "</li>");
	}
	buf_puts(out, "</ul>");
}

static const char *const empty_cell = "<span class=\"none\">\u2014</span>";

/* Words in a tone's class (the stylesheet's colours): faults "bad",
 * what was not asked "none", what is as it should be plain. */
static void put_toned(struct buf *out, enum cell_tone tone, const char *word,
		      const struct lang *l, const struct cell_words *w)
{
	const char *class = tone == CELL_BAD ? "bad" :
			    tone == CELL_MUTED ? "none" : NULL;

	if (class) {
		buf_puts(out, "<span class=\"");
		buf_puts(out, class);
		buf_puts(out, "\">");
	}
	if (w)
		cell_say(out, BUF_HTML, l, *w);
	else
		buf_htmls(out, word);
	if (class)
		buf_puts(out, "</span>");
}

/* A cell's words, from the row, in its tone. */
static void put_words(struct buf *out, const struct lang *l,
		      struct cell_words w)
{
	put_toned(out, w.tone, NULL, l, &w);
}

/* A state's cell; one without words shows a muted dash. */
static void put_state(struct buf *out, const struct lang *l, struct cell c)
{
	const char *word = cell_word(l, c);

	if (word)
		put_toned(out, c.tone, word, l, NULL);
	else
		buf_puts(out, empty_cell);
}

/* The "answered" cell: time, or why there is none. */
static void put_answered(struct buf *out, const struct lang *l,
			 const struct report_ask *a)
{
	if (a->state != ASK_ANSWERED) {
		put_words(out, l, cell_unanswered(a));
		return;
	}
	put_ms(out, l, a->rtt_us);
}

/* A table row's first cells, common to both tables: server, address
 * (a link to what it answers, when it was asked), how it answered. */
static void put_row_start(struct buf *out, const struct view *v,
			  const struct report_ask *a)
{
	const struct lang *l = v->lang;
	char addr[64];

	netaddr_format(a->addr, a->v6, addr, sizeof addr);
	buf_puts(out, "<tr><th scope=\"row\" class=\"nsname\">");
	buf_htmls(out, a->server);
	if (a->extra) {
		buf_puts(out, " <span class=\"new\">");
		/* TRANSLATORS: after a server's name: one the domain moves to */
		buf_htmls(out, tr(l, "(expected)"));
		buf_puts(out, "</span>");
	}
	buf_puts(out, "</th><td class=\"addr\">");
	if (a->state == ASK_ANSWERED || a->state == ASK_TIMEOUT) {
		/* nofollow: each is a few live queries, not a page to index */
		buf_puts(out, "<a ");
		render_shared_html_link(out, v, v->domain->ascii, addr, NULL);
		buf_puts(out, " rel=\"nofollow\" title=\"");
		/* TRANSLATORS: the title of a link to one server's answers */
		buf_htmls(out, tr(l, "What this server answers"));
		buf_puts(out, "\">");
		buf_htmls(out, addr);
		buf_puts(out, "</a>");
	} else {
		buf_htmls(out, addr);
	}
	buf_puts(out, "</td><td class=\"rtt\">");
	put_answered(out, l, a);
}

/* An NS set beside the parent's: the same, or how it reads. */
static void put_set_against(struct buf *out, const struct lang *l,
			    const char **ns, size_t n, const struct report *rep)
{
	if (names_equal(ns, n, rep->deleg, rep->n_deleg)) {
		/* TRANSLATORS: a table cell: the NS set is the parent's */
		buf_htmls(out, tr(l, "same as the parent"));
		return;
	}
	buf_puts(out, "<span class=\"bad\">");
	/* TRANSLATORS: a table cell, before an NS set not the parent's */
	buf_htmls(out, tr(l, "differs:"));
	buf_puts(out, "</span> ");
	put_set(out, ns, n);
}

static void put_server_row(struct buf *out, const struct view *v,
			   const struct report_ask *a)
{
	const struct lang *l = v->lang;

	put_row_start(out, v, a);
	buf_puts(out, "</td><td class=\"aa\">");
	if (a->state == ASK_ANSWERED)
		put_words(out, l, cell_authority(a));
	else
		buf_puts(out, empty_cell);
	buf_puts(out, "</td><td class=\"serial\">");
	if (a->has_soa)
		buf_uint(out, a->serial);
	else
		buf_puts(out, empty_cell);
	buf_puts(out, "</td><td class=\"tcp\">");
	put_state(out, l, cell_tcp(a->tcp));
	buf_puts(out, "</td><td class=\"recursion\">");
	put_state(out, l, cell_recursion(a->recursion));
	buf_puts(out, "</td><td class=\"dnskey\">");
	put_state(out, l, cell_keys(a->keys));
	buf_puts(out, "</td><td class=\"nsset\">");
	if (a->state == ASK_ANSWERED && a->n_ns)
		put_set_against(out, l, a->ns, a->n_ns, v->report);
	else
		buf_puts(out, empty_cell);
	buf_puts(out, "</td></tr>");
}

static void put_parent_row(struct buf *out, const struct view *v,
			   const struct report_ask *a)
{
	const struct expect_list *e = v->expect;
	const struct lang *l = v->lang;

	put_row_start(out, v, a);
	buf_puts(out, "</td><td class=\"nsset\">");
	if (a->state == ASK_ANSWERED && a->n_ns) {
		if (e && transfer_parent_matches(e, a)) {
			buf_puts(out, "<span class=\"new\">");
			/* TRANSLATORS: before the parent's NS set: the one expected */
			buf_htmls(out, tr(l, "expected set:"));
			buf_puts(out, "</span> ");
		} else if (e) {
			buf_puts(out, "<span class=\"bad\">");
			/* TRANSLATORS: before the parent's NS set: not yet the new one */
			buf_htmls(out, tr(l, "not the expected set:"));
			buf_puts(out, "</span> ");
		}
		put_set(out, a->ns, a->n_ns);
		buf_puts(out, "</td><td class=\"ttl\">");
		put_ttl(out, l, a->ns_ttl);
		buf_puts(out, "</td><td class=\"glue\">");
		buf_uint(out, a->n_glue);
	} else {
		buf_puts(out, "<span class=\"none\">\u2014</span></td><td></td><td>");
	}
	buf_puts(out, "</td></tr>");
}

/* resolvers_view: what each resolver hands out now, beside the parent. */
static void put_views(struct buf *out, const struct view *v)
{
	const struct report *rep = v->report;
	const struct lang *l = v->lang;

	if (!rep->n_views)
		return;
	buf_puts(out, "<div class=\"table-wrap\"><table class=\"ns views\">"
		      "<caption>");
	/* TRANSLATORS: a caption: the NS set each resolver gives out now */
	buf_htmls(out, tr(l, "What resolvers hand out now"));
	buf_puts(out, "</caption><thead><tr>");
	put_th(out, tr(l, "Resolver"));
	put_th(out, tr(l, "NS set"));
	/* TRANSLATORS: a column: seconds until the resolver asks again */
	put_th(out, tr(l, "TTL left"));
	buf_puts(out, "</tr></thead><tbody>");
	for (size_t i = 0; i < rep->n_views; i++) {
		const struct report_view *w = &rep->views[i];
		buf_puts(out, "<tr><th scope=\"row\"><code>");
		buf_htmls(out, w->resolver);
		buf_puts(out, "</code></th><td class=\"nsset\">");
		if (w->state != ASK_ANSWERED || !w->n_ns)
			put_words(out, l, cell_view_empty(w));
		else
			put_set_against(out, l, w->ns, w->n_ns, rep);
		buf_puts(out, "</td><td class=\"ttl\">");
		if (w->n_ns)
			put_ttl(out, l, w->ttl);
		buf_puts(out, "</td></tr>");
	}
	buf_puts(out, "</tbody></table></div>");
}

static void put_report_tables(struct buf *out, const struct view *v)
{
	const struct report *rep = v->report;
	const struct lang *l = v->lang;

	buf_puts(out, "<div class=\"table-wrap\"><table class=\"ns servers\">"
		      "<caption>");
	/* TRANSLATORS: a table's caption */
	buf_htmls(out, tr(l, "Each name server, asked directly"));
	buf_puts(out, "</caption><thead><tr>");
	put_th(out, tr(l, "Name server"));
	put_th(out, tr(l, "Address"));
	/* TRANSLATORS: a column: how long the answer took */
	put_th(out, tr(l, "Answered in"));
	put_th(out, tr(l, "Authoritative"));
	put_th(out, tr(l, "SOA serial"));
	put_th(out, "TCP");
	put_th(out, tr(l, "Recursion"));
	put_th(out, "DNSSEC");
	put_th(out, tr(l, "NS set"));
	buf_puts(out, "</tr></thead><tbody>");
	for (size_t i = 0; i < rep->n_servers; i++)
		put_server_row(out, v, &rep->servers[i]);
	buf_puts(out, "</tbody></table></div>");
	buf_puts(out, "<div class=\"table-wrap\"><table class=\"ns parents\">"
		      "<caption>");
	/* TRANSLATORS: a table's caption: %s is the parent zone ("com") */
	buf_say(out, BUF_HTML, tr(l, "The servers of the parent zone %s"),
		rep->parent_zone);
	buf_puts(out, "</caption><thead><tr>");
	put_th(out, tr(l, "Parent server"));
	put_th(out, tr(l, "Address"));
	put_th(out, tr(l, "Answered in"));
	put_th(out, tr(l, "Delegation (NS set)"));
	put_th(out, tr(l, "TTL (seconds)"));
	put_th(out, tr(l, "Glue records"));
	buf_puts(out, "</tr></thead><tbody>");
	for (size_t i = 0; i < rep->n_parents; i++)
		put_parent_row(out, v, &rep->parents[i]);
	buf_puts(out, "</tbody></table></div>");
}

/* What the parent says about DNSSEC: its DS records, by key tag. */
static void put_ds(struct buf *out, const struct lang *l,
		   const struct report *rep)
{
	struct buf keys;

	if (rep->ds_state == DS_NOT_ASKED)
		return;
	buf_putc(out, ' ');
	if (rep->ds_state == DS_NONE) {
		buf_htmls(out, tr(l, "No DS record at the parent (not signed)."));
		return;
	}
	buf_init(&keys, 4096);
	for (size_t i = 0; i < rep->ds.n; i++) {
		if (i)
			buf_puts(&keys, ", ");
		/* TRANSLATORS: a DS record's key tag and algorithm number */
		buf_say(&keys, BUF_RAW, tr(l, "%u (algorithm %u)"),
			(unsigned)rep->ds.k[i].tag, (unsigned)rep->ds.k[i].alg);
	}
	/* TRANSLATORS: %s lists the keys: "12345 (algorithm 13), ..." */
	buf_say(out, BUF_HTML, trn(l, "DS at the parent for key %s.",
				   "DS at the parent for keys %s.",
				   (unsigned long)rep->ds.n),
		buf_str(&keys));
	if (buf_failed(&keys))
		out->failed = true;
	buf_free(&keys);
}

static void put_report(struct buf *out, const struct view *v)
{
	const struct report *rep = v->report;
	const struct lang *l = v->lang;
	const struct piece zone = { "<code>", rep ? rep->parent_zone : NULL,
				    "</code>" };

	if (!rep)
		return;
	buf_puts(out, "<section class=\"report\" aria-labelledby=\"report-title\">"
		      "<h3 id=\"report-title\">");
	/* TRANSLATORS: the heading of the delegation report */
	buf_htmls(out, tr(l, "Delegation"));
	buf_puts(out, "</h3><p class=\"summary\">");
	switch (rep->status) {
	case REPORT_DONE:
		say_pieces(out, &zone, 1,
			   /* TRANSLATORS: %s is the parent zone ("com") */
			   trn(l, "The parent zone %s delegates the domain to "
				  "%lu name server.",
			       "The parent zone %s delegates the domain to "
			       "%lu name servers.", (unsigned long)rep->n_deleg),
			   PIECE_1, (unsigned long)rep->n_deleg);
		if (rep->provider) {
			const struct piece name = { "<strong>", rep->provider,
						    "</strong>" };
			buf_putc(out, ' ');
			/* TRANSLATORS: %s is a DNS hosting company's name */
			say_pieces(out, &name, 1, tr(l, "DNS provider: %s."),
				   PIECE_1);
		}
		put_ds(out, l, rep);
		break;
	case REPORT_NXDOMAIN:
		say_pieces(out, &zone, 1,
			   /* TRANSLATORS: %s is the parent zone ("com") */
			   tr(l, "The parent zone %s says the name does not "
				 "exist."), PIECE_1);
		break;
	case REPORT_NOT_DELEGATED:
		say_pieces(out, &zone, 1,
			   /* TRANSLATORS: %s is the zone the name belongs to */
			   tr(l, "The name is not delegated: it is part of the "
				 "zone %s."), PIECE_1);
		break;
	case REPORT_FAILED:
		buf_say(out, BUF_HTML,
			/* TRANSLATORS: %s is the reason ("not made") */
			tr(l, "The delegation could not be checked: %s."),
			rep->why ? tr(l, rep->why) : tr(l, "unknown reason"));
		break;
	}
	char mem[64];
	struct buf ms;
	buf_init_fixed(&ms, mem, sizeof mem);
	words_ms(l, rep->elapsed_us, &ms);
	buf_putc(out, ' ');
	if (rep->cut_short)
		buf_say(out, BUF_HTML,
			/* TRANSLATORS: %lu DNS queries, sent in %s milliseconds ("0.25") */
			trn(l, "%lu query in %s ms, cut short by the time or "
			       "query limit.",
			    "%lu queries in %s ms, cut short by the time or "
			    "query limit.", (unsigned long)rep->queries),
			(unsigned long)rep->queries, buf_str(&ms));
	else
		buf_say(out, BUF_HTML,
			/* TRANSLATORS: %lu DNS queries, sent in %s milliseconds ("0.25") */
			trn(l, "%lu query in %s ms.", "%lu queries in %s ms.",
			    (unsigned long)rep->queries),
			(unsigned long)rep->queries, buf_str(&ms));
	buf_puts(out, "</p>");
	if (describe_into(v, describe_wait, buf_html, "<p class=\"wait\">", out))
		buf_puts(out, "</p>");
	if (rep->status == REPORT_DONE) {
		put_report_tables(out, v);
		put_views(out, v);
	}
	buf_puts(out, "</section>");
}

static void put_names(struct buf *out, const struct view *v)
{
	const struct lang *l = v->lang;
	const struct piece unicode = { "<span>", v->domain->unicode, "</span>" };
	const struct piece ascii = { "<code>", v->domain->ascii, "</code>" };

	if (!v->domain->idn)
		return;
	buf_puts(out, "<p class=\"names\">");
	/* TRANSLATORS: %s is the domain name in Unicode letters */
	say_pieces(out, &unicode, 1, tr(l, "Unicode: %s"), PIECE_1);
	buf_puts(out, " · ");
	/* TRANSLATORS: %s is the domain name in its ASCII form (xn--...) */
	say_pieces(out, &ascii, 1, tr(l, "ASCII: %s"), PIECE_1);
	buf_puts(out, "</p>");
}

static void put_meta(struct buf *out, const struct view *v)
{
	const struct ns_result *r = v->result;
	const struct lang *l = v->lang;

	buf_puts(out, "<p class=\"meta\">");
	if (r->resolver[0]) {
		const struct piece resolver = { "<code>", r->resolver,
						"</code>" };
		say_pieces(out, &resolver, 1,
			   /* TRANSLATORS: %s is the resolver's address, %lu milliseconds */
			   tr(l, "Answered by resolver %s in %lu ms."), PIECE_1,
			   (unsigned long)r->elapsed_ms);
	} else {
		/* TRANSLATORS: %lu is the time the lookup took in milliseconds */
		buf_say(out, BUF_HTML, tr(l, "No reply from the resolver in %lu ms."),
			(unsigned long)r->elapsed_ms);
	}
	if (r->cached) {
		buf_putc(out, ' ');
		buf_say(out, BUF_HTML,
			/* TRANSLATORS: %lu is a number of seconds */
			tr(l, "From nscheck's cache, stored %lu s ago: the TTLs "
			      "count down from then."), (unsigned long)r->age_s);
	}
	if (r->stale) {
		static const struct piece strong[] = {
			{ "<strong>", NULL, "" }, { "", NULL, "</strong>" },
		};
		buf_putc(out, ' ');
		say_pieces(out, strong, 2,
			   /* TRANSLATORS: bold from the first %s to the last; %lu seconds */
			   tr(l, "%sThis answer expired %lu s ago%s: nscheck is "
				 "too busy to look the name up again right now "
				 "and shows it rather than nothing. Look again "
				 "in a minute for a fresh one."),
			   PIECE_1, (unsigned long)r->stale_s, PIECE_2);
	}
	buf_puts(out, " <a ");
	put_link(out, v, v->domain->ascii, NULL);
	buf_puts(out, " rel=\"bookmark\">");
	/* TRANSLATORS: a link to this result, to keep */
	buf_htmls(out, tr(l, "Permalink"));
	buf_puts(out, "</a> · <a ");
	put_link(out, v, v->domain->ascii, "json");
	buf_puts(out, ">JSON</a> · <a ");
	put_link(out, v, v->domain->ascii, "text");
	buf_puts(out, ">");
	/* TRANSLATORS: a link to this result as plain text */
	buf_htmls(out, trc(l, "format", "Text"));
	buf_puts(out, "</a></p>");
}

/* A change of name servers: the verdict first, in words. */
static void put_transfer(struct buf *out, const struct view *v)
{
	const struct transfer *t = v->transfer;
	struct buf text, names;

	if (!t)
		return;
	buf_init(&text, 16384); /* 13 names of 253 bytes fit */
	transfer_text(v->lang, t, v->report, &text);
	buf_puts(out, "<section class=\"transfer ");
	buf_puts(out, transfer_verdict_id(t->verdict));
	buf_puts(out, "\" aria-labelledby=\"transfer-title\"><h3 "
		      "id=\"transfer-title\">");
	buf_init(&names, 65536); /* each name escaped: up to 6 bytes a byte */
	for (size_t i = 0; i < v->expect->n; i++) {
		if (i)
			buf_puts(&names, ", ");
		buf_puts(&names, "<code>");
		buf_htmls(&names, v->expect->names[i]);
		buf_puts(&names, "</code>");
	}
	const struct piece list = { buf_str(&names), NULL, "" };
	/* TRANSLATORS: a heading: %s lists the name servers moved to */
	say_pieces(out, &list, 1, tr(v->lang, "Moving to %s"), PIECE_1);
	if (buf_failed(&names))
		out->failed = true;
	buf_free(&names);
	buf_puts(out, "</h3><p class=\"verdict\">");
	buf_htmls(out, buf_str(&text));
	if (buf_failed(&text))
		out->failed = true;
	buf_free(&text);
	buf_puts(out, "</p></section>");
}

static void put_result(struct buf *out, const struct view *v)
{
	const struct ns_result *r = v->result;

	/* tabindex: the skip link's target takes the focus */
	buf_puts(out, "<section id=\"result\" class=\"result ");
	buf_htmls(out, lookup_status_id(r->status));
	buf_puts(out, "\" tabindex=\"-1\" aria-labelledby=\"result-title\">"
		      "<h2 id=\"result-title\">");
	describe_into(v, describe_headline, buf_html, "", out);
	buf_puts(out, "</h2>");
	put_names(out, v);
	if (describe_into(v, describe_advice, buf_html, "<p class=\"advice\">",
			  out))
		buf_puts(out, "</p>");
	if (v->drill) {
		render_drill_html(v, out);
		buf_puts(out, "</section>");
		return;
	}
	if (r->zone && (r->status == LOOKUP_NO_NS ||
			r->status == LOOKUP_NXDOMAIN) &&
	    strcasecmp(r->zone, r->qname) != 0) {
		struct buf link;
		buf_init(&link, 8192);
		put_lookup_link(&link, v, r->zone);
		const struct piece zone = { buf_str(&link), NULL, "" };
		buf_puts(out, "<p class=\"zone-link\">");
		say_pieces(out, &zone, 1,
			   /* TRANSLATORS: %s is a link to the zone that holds the name */
			   tr(v->lang, "Look up the enclosing zone: %s"), PIECE_1);
		if (buf_failed(&link))
			out->failed = true;
		buf_free(&link);
		buf_puts(out, "</p>");
	}
	put_transfer(out, v);
	/* the answer first: the NS records, then what the checks make of
	 * them (they apply to a failed lookup too once the report got
	 * through) */
	if (r->status == LOOKUP_FOUND)
		put_table(out, v);
	put_findings(out, v);
	put_report(out, v);
	put_meta(out, v);
	buf_puts(out, "</section>");
}

static const char *error_title(const struct view *v)
{
	const struct lang *l = v->lang;

	switch (v->state) {
	case VIEW_BAD_DOMAIN:
		return tr(l, "That is not a domain name we can look up");
	case VIEW_BUSY:
		return tr(l, "nscheck is busy");
	case VIEW_LIMITED:
		/* TRANSLATORS: the heading when a client asks too often */
		return tr(l, "Please slow down");
	case VIEW_FORM:
	case VIEW_BAD_REQUEST:
	case VIEW_RESULT:
		break;
	}
	return tr(l, "The request could not be handled");
}

static void put_error(struct buf *out, const struct view *v)
{
	buf_puts(out, "<section id=\"result\" class=\"result invalid\" "
		      "tabindex=\"-1\" aria-labelledby=\"result-title\">"
		      "<h2 id=\"result-title\">");
	buf_htmls(out, error_title(v));
	buf_puts(out, "</h2><p class=\"error\" id=\"input-error\" role=\"alert\">");
	describe_into(v, describe_headline, buf_html, "", out);
	describe_into(v, describe_advice, buf_html, " ", out);
	buf_puts(out, "</p></section>");
}

/* href="..." of what this view shows, on the tool's own page. */
static void put_page_link(struct buf *out, const struct view *v)
{
	if (v->state == VIEW_RESULT && v->domain) {
		render_shared_html_link(out, v, v->domain->ascii, NULL, NULL);
		return;
	}
	const char *base = render_shared_link_base(v);

	buf_puts(out, "href=\"");
	buf_htmls(out, base);
	if (!base[0] || (v->lang_asked && v->lang))
		buf_putc(out, '?');
	render_shared_lang_param(out, v, "");
	buf_putc(out, '"');
}

/* The page in each other offered language: the same lookup, its choice
 * made by lang= (links in it keep that). */
static void put_languages(struct buf *out, const struct view *v)
{
	if (!v->langs || v->langs->n < 2)
		return;
	buf_puts(out, "<nav class=\"languages\" aria-label=\"");
	buf_htmls(out, tr(v->lang, "Languages"));
	buf_puts(out, "\"><ul>");
	for (size_t i = 0; i < v->langs->n; i++) {
		const struct lang *l = &v->langs->all[i];
		if (l == v->lang) { /* where the reader is: no link */
			buf_puts(out, "<li class=\"current\" lang=\"");
			buf_htmls(out, l->code);
			buf_puts(out, "\">");
			buf_htmls(out, lang_name(l));
			buf_puts(out, "</li>");
			continue;
		}
		buf_puts(out, "<li><a lang=\"");
		buf_htmls(out, l->code);
		buf_puts(out, "\" hreflang=\"");
		buf_htmls(out, l->code);
		buf_puts(out, "\" href=\"");
		buf_htmls(out, render_shared_link_base(v));
		buf_putc(out, '?');
		if (v->state == VIEW_RESULT && v->domain) {
			buf_puts(out, "domain=");
			buf_urls(out, v->domain->ascii);
			buf_puts(out, "&amp;");
		}
		buf_puts(out, "lang=");
		buf_urls(out, l->code);
		buf_puts(out, "\">");
		buf_htmls(out, lang_name(l));
		buf_puts(out, "</a></li>");
	}
	buf_puts(out, "</ul></nav>");
}

static void fill(struct buf *out, enum slot slot, const void *ctx)
{
	const struct view *v = ctx;

	switch (slot) {
	case SLOT_TITLE:
		if (v->state == VIEW_RESULT)
			/* TRANSLATORS: the page's title: %s is the domain name */
			buf_say(out, BUF_HTML, tr(v->lang, "%s · NS lookup"),
				describe_name(v));
		else
			/* TRANSLATORS: the page's title: the tool's name */
			buf_htmls(out, tr(v->lang, "NS lookup"));
		break;
	case SLOT_STATIC_URL:
		buf_htmls(out, v->cfg->static_url);
		break;
	case SLOT_STATIC_QUERY:
		if (v->tpl->static_version[0]) {
			buf_puts(out, "?v=");
			buf_puts(out, v->tpl->static_version); /* hex digits */
		}
		break;
	case SLOT_SKIP:
		/* the first thing Tab reaches: past the site's header (and
		 * the form) to what the page is about */
		if (v->state == VIEW_FORM) {
			buf_puts(out, "<a class=\"skip\" href=\"#domain\">");
			/* TRANSLATORS: a link for keyboard users, first on the page */
			buf_htmls(out, tr(v->lang, "Skip to the form"));
		} else {
			buf_puts(out, "<a class=\"skip\" href=\"#result\">");
			/* TRANSLATORS: a link for keyboard users, first on the page */
			buf_htmls(out, tr(v->lang, "Skip to the result"));
		}
		buf_puts(out, "</a>");
		break;
	case SLOT_INPUT:
		if (v->input)
			buf_html(out, v->input, v->input_len);
		break;
	case SLOT_EXPECT:
		if (v->expect_input)
			buf_html(out, v->expect_input, v->expect_input_len);
		break;
	case SLOT_INPUT_ATTRS:
		if (v->state == VIEW_BAD_DOMAIN)
			buf_puts(out, " aria-invalid=\"true\" "
				      "aria-describedby=\"input-error\"");
		break;
	case SLOT_RESULT:
		if (v->state == VIEW_RESULT)
			put_result(out, v);
		else if (v->state != VIEW_FORM)
			put_error(out, v);
		break;
	case SLOT_HELP:
		if (v->cfg->show_help)
			template_render(v->tpl->help, out, fill, v);
		break;
	case SLOT_HEADER:
		template_render(v->tpl->header, out, fill, v);
		break;
	case SLOT_FOOTER:
		template_render(v->tpl->footer, out, fill, v);
		break;
	case SLOT_PAGE_LINK:
		put_page_link(out, v);
		break;
	case SLOT_LANG:
		buf_htmls(out, v->lang ? v->lang->code : "en");
		break;
	case SLOT_LANGUAGES:
		put_languages(out, v);
		break;
	case SLOT_LANG_FIELD:
		if (v->lang_asked && v->lang) {
			buf_puts(out, "<input type=\"hidden\" name=\"lang\" "
				      "value=\"");
			buf_htmls(out, v->lang->code);
			buf_puts(out, "\">");
		}
		break;
	case SLOT_COUNT:
		break;
	}
}

void render_html(const struct view *v, struct buf *out)
{
	template_render(v->tpl->page, out, fill, v);
}

/* A document of its own for a frame in another site's page: the form,
 * which stays in the frame, and the result, whose links open the tool in
 * the top window (templates/embed.html). */
void render_html_embed(const struct view *v, struct buf *out)
{
	template_render(v->tpl->embed, out, fill, v);
}

/* The result block alone, for pages that include it (server-side
 * includes, or a fetch from the same site): no document around it, no
 * form, no help text. Empty for the form. */
void render_html_fragment(const struct view *v, struct buf *out)
{
	fill(out, SLOT_RESULT, v);
}
