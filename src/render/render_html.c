/*
 * render_html: the page (see render.h). The frame comes from
 * templates/page.html; this file writes the slots: the result block with
 * its table and findings, the refilled form value, the help text.
 */
#include <stdbool.h>
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

static void put_ttl(struct buf *out, const struct lang *l, uint32_t ttl)
{
	buf_puts(out, "<span class=\"secs\">");
	buf_uint(out, ttl);
	buf_puts(out, "</span> <span class=\"human\">(");
	/* only digits and our own unit words: nothing to escape */
	words_duration(l, ttl, out);
	buf_puts(out, ")</span>");
}

static void put_table(struct buf *out, const struct ns_result *r)
{
	buf_puts(out, "<div class=\"table-wrap\"><table class=\"ns\">"
		      "<caption>NS records of ");
	buf_htmls(out, r->owner);
	buf_puts(out, "</caption><thead><tr><th scope=\"col\">Host</th>"
		      "<th scope=\"col\">Name server</th>"
		      "<th scope=\"col\">TTL (seconds)</th>"
		      "<th scope=\"col\">IPv4</th><th scope=\"col\">IPv6</th>"
		      "</tr></thead><tbody>");
	for (size_t i = 0; i < r->n_ns; i++) {
		const struct ns_server *s = &r->ns[i];
		buf_puts(out, "<tr><td class=\"host\">");
		buf_htmls(out, r->owner);
		buf_puts(out, "</td><th scope=\"row\" class=\"nsname\">");
		buf_htmls(out, s->name);
		buf_puts(out, "</th><td class=\"ttl\">");
		put_ttl(out, NULL, s->ttl);
		buf_puts(out, "</td><td class=\"v4\">");
		put_addresses(out, NULL, &s->v4, false);
		buf_puts(out, "</td><td class=\"v6\">");
		put_addresses(out, NULL, &s->v6, true);
		buf_puts(out, "</td></tr>");
	}
	buf_puts(out, "</tbody></table></div>");
}

static void put_findings(struct buf *out, const struct view *v)
{
	const struct finding *f = v->checks ? v->checks->f : NULL;
	size_t n = v->checks ? v->checks->n : 0;

	if (n == 0)
		return;
	buf_puts(out, "<h3>Checks</h3><ul class=\"checks\">");
	for (size_t i = 0; i < n; i++) {
		buf_puts(out, "<li class=\"check ");
		buf_htmls(out, check_status_id(f[i].status));
		buf_puts(out, "\" id=\"result-");
		buf_htmls(out, f[i].id);
		buf_puts(out, "\"><strong class=\"badge\">");
		buf_htmls(out, check_status_word(v->lang, f[i].status));
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
			buf_puts(out, "\">What this means<span "
				      "class=\"visually-hidden\"> (");
			buf_htmls(out, f[i].title ? f[i].title : f[i].id);
			buf_puts(out, ")</span></a>");
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

/* A cell's words in its tone's class (the stylesheet's colours): faults
 * "bad", what was not asked "none", what is as it should be plain. */
static void put_words(struct buf *out, struct cell_words w)
{
	const char *class = w.tone == CELL_BAD ? "bad" :
			    w.tone == CELL_MUTED ? "none" : NULL;

	if (class) {
		buf_puts(out, "<span class=\"");
		buf_puts(out, class);
		buf_puts(out, "\">");
	}
	for (size_t i = 0; i < CELL_PARTS && w.part[i]; i++)
		buf_htmls(out, w.part[i]);
	if (class)
		buf_puts(out, "</span>");
}

/* A state's cell; one without words shows a muted dash. */
static void put_state(struct buf *out, struct cell c)
{
	if (c.word)
		put_words(out, (struct cell_words){ { c.word }, c.tone });
	else
		buf_puts(out, empty_cell);
}

/* The "answered" cell: time, or why there is none. */
static void put_answered(struct buf *out, const struct lang *l,
			 const struct report_ask *a)
{
	if (a->state != ASK_ANSWERED) {
		put_words(out, cell_unanswered(a));
		return;
	}
	words_ms(l, a->rtt_us, out);
	buf_puts(out, " ms");
}

/* A table row's first cells, common to both tables: server, address
 * (a link to what it answers, when it was asked), how it answered. */
static void put_row_start(struct buf *out, const struct view *v,
			  const struct report_ask *a)
{
	char addr[64];

	netaddr_format(a->addr, a->v6, addr, sizeof addr);
	buf_puts(out, "<tr><th scope=\"row\" class=\"nsname\">");
	buf_htmls(out, a->server);
	if (a->extra)
		buf_puts(out, " <span class=\"new\">(expected)</span>");
	buf_puts(out, "</th><td class=\"addr\">");
	if (a->state == ASK_ANSWERED || a->state == ASK_TIMEOUT) {
		/* nofollow: each is a few live queries, not a page to index */
		buf_puts(out, "<a ");
		render_shared_html_link(out, v, v->domain->ascii, addr, NULL);
		buf_puts(out, " rel=\"nofollow\" title=\"What this server "
			      "answers\">");
		buf_htmls(out, addr);
		buf_puts(out, "</a>");
	} else {
		buf_htmls(out, addr);
	}
	buf_puts(out, "</td><td class=\"rtt\">");
	put_answered(out, v->lang, a);
}

static void put_server_row(struct buf *out, const struct view *v,
			   const struct report_ask *a)
{
	const struct report *rep = v->report;

	put_row_start(out, v, a);
	buf_puts(out, "</td><td class=\"aa\">");
	if (a->state == ASK_ANSWERED)
		put_words(out, cell_authority(a));
	else
		buf_puts(out, empty_cell);
	buf_puts(out, "</td><td class=\"serial\">");
	if (a->has_soa)
		buf_uint(out, a->serial);
	else
		buf_puts(out, empty_cell);
	buf_puts(out, "</td><td class=\"tcp\">");
	put_state(out, cell_tcp(a->tcp));
	buf_puts(out, "</td><td class=\"recursion\">");
	put_state(out, cell_recursion(a->recursion));
	buf_puts(out, "</td><td class=\"dnskey\">");
	put_state(out, cell_keys(a->keys));
	buf_puts(out, "</td><td class=\"nsset\">");
	if (a->state == ASK_ANSWERED && a->n_ns) {
		if (names_equal(a->ns, a->n_ns, rep->deleg, rep->n_deleg)) {
			buf_puts(out, "same as the parent");
		} else {
			buf_puts(out, "<span class=\"bad\">differs:</span> ");
			put_set(out, a->ns, a->n_ns);
		}
	} else {
		buf_puts(out, empty_cell);
	}
	buf_puts(out, "</td></tr>");
}

static void put_parent_row(struct buf *out, const struct view *v,
			   const struct report_ask *a)
{
	const struct expect_list *e = v->expect;

	put_row_start(out, v, a);
	buf_puts(out, "</td><td class=\"nsset\">");
	if (a->state == ASK_ANSWERED && a->n_ns) {
		if (e)
			buf_puts(out, transfer_parent_matches(e, a) ?
				 "<span class=\"new\">expected set:</span> " :
				 "<span class=\"bad\">not the expected set:</span> ");
		put_set(out, a->ns, a->n_ns);
		buf_puts(out, "</td><td class=\"ttl\">");
		put_ttl(out, v->lang, a->ns_ttl);
		buf_puts(out, "</td><td class=\"glue\">");
		buf_uint(out, a->n_glue);
	} else {
		buf_puts(out, "<span class=\"none\">\u2014</span></td><td></td><td>");
	}
	buf_puts(out, "</td></tr>");
}

/* resolvers_view: what each resolver hands out now, beside the parent. */
static void put_views(struct buf *out, const struct report *rep)
{
	if (!rep->n_views)
		return;
	buf_puts(out, "<div class=\"table-wrap\"><table class=\"ns views\">"
		      "<caption>What resolvers hand out now</caption><thead><tr>"
		      "<th scope=\"col\">Resolver</th>"
		      "<th scope=\"col\">NS set</th>"
		      "<th scope=\"col\">TTL left</th></tr></thead><tbody>");
	for (size_t i = 0; i < rep->n_views; i++) {
		const struct report_view *w = &rep->views[i];
		buf_puts(out, "<tr><th scope=\"row\"><code>");
		buf_htmls(out, w->resolver);
		buf_puts(out, "</code></th><td class=\"nsset\">");
		if (w->state != ASK_ANSWERED || !w->n_ns) {
			put_words(out, cell_view_empty(w));
		} else if (names_equal(w->ns, w->n_ns, rep->deleg, rep->n_deleg)) {
			buf_puts(out, "same as the parent");
		} else {
			buf_puts(out, "<span class=\"bad\">differs:</span> ");
			put_set(out, w->ns, w->n_ns);
		}
		buf_puts(out, "</td><td class=\"ttl\">");
		if (w->n_ns)
			put_ttl(out, NULL, w->ttl);
		buf_puts(out, "</td></tr>");
	}
	buf_puts(out, "</tbody></table></div>");
}

static void put_report_tables(struct buf *out, const struct view *v)
{
	const struct report *rep = v->report;

	buf_puts(out, "<div class=\"table-wrap\"><table class=\"ns servers\">"
		      "<caption>Each name server, asked directly</caption><thead><tr>"
		      "<th scope=\"col\">Name server</th><th scope=\"col\">Address</th>"
		      "<th scope=\"col\">Answered in</th>"
		      "<th scope=\"col\">Authoritative</th>"
		      "<th scope=\"col\">SOA serial</th>"
		      "<th scope=\"col\">TCP</th>"
		      "<th scope=\"col\">Recursion</th>"
		      "<th scope=\"col\">DNSSEC</th>"
		      "<th scope=\"col\">NS set</th></tr></thead><tbody>");
	for (size_t i = 0; i < rep->n_servers; i++)
		put_server_row(out, v, &rep->servers[i]);
	buf_puts(out, "</tbody></table></div>");
	buf_puts(out, "<div class=\"table-wrap\"><table class=\"ns parents\">"
		      "<caption>The servers of the parent zone ");
	buf_htmls(out, rep->parent_zone);
	buf_puts(out, "</caption><thead><tr><th scope=\"col\">Parent server</th>"
		      "<th scope=\"col\">Address</th><th scope=\"col\">Answered in</th>"
		      "<th scope=\"col\">Delegation (NS set)</th>"
		      "<th scope=\"col\">TTL (seconds)</th><th scope=\"col\">Glue "
		      "records</th></tr></thead><tbody>");
	for (size_t i = 0; i < rep->n_parents; i++)
		put_parent_row(out, v, &rep->parents[i]);
	buf_puts(out, "</tbody></table></div>");
}

/* What the parent says about DNSSEC: its DS records, by key tag. */
static void put_ds(struct buf *out, const struct report *rep)
{
	if (rep->ds_state == DS_NOT_ASKED)
		return;
	if (rep->ds_state == DS_NONE) {
		buf_puts(out, " No DS record at the parent (not signed).");
		return;
	}
	buf_puts(out, rep->ds.n == 1 ? " DS at the parent for key " :
		 " DS at the parent for keys ");
	for (size_t i = 0; i < rep->ds.n; i++) {
		if (i)
			buf_puts(out, ", ");
		buf_printf(out, "%u (algorithm %u)", rep->ds.k[i].tag,
			   rep->ds.k[i].alg);
	}
	buf_putc(out, '.');
}

static void put_report(struct buf *out, const struct view *v)
{
	const struct report *rep = v->report;

	if (!rep)
		return;
	buf_puts(out, "<section class=\"report\" aria-labelledby=\"report-title\">"
		      "<h3 id=\"report-title\">Delegation</h3><p class=\"summary\">");
	switch (rep->status) {
	case REPORT_DONE:
		buf_puts(out, "The parent zone <code>");
		buf_htmls(out, rep->parent_zone);
		buf_puts(out, "</code> delegates the domain to ");
		buf_uint(out, rep->n_deleg);
		buf_puts(out, rep->n_deleg == 1 ? " name server." : " name servers.");
		if (rep->provider) {
			buf_puts(out, " DNS provider: <strong>");
			buf_htmls(out, rep->provider);
			buf_puts(out, "</strong>.");
		}
		put_ds(out, rep);
		break;
	case REPORT_NXDOMAIN:
		buf_puts(out, "The parent zone <code>");
		buf_htmls(out, rep->parent_zone);
		buf_puts(out, "</code> says the name does not exist.");
		break;
	case REPORT_NOT_DELEGATED:
		buf_puts(out, "The name is not delegated: it is part of the zone <code>");
		buf_htmls(out, rep->parent_zone);
		buf_puts(out, "</code>.");
		break;
	case REPORT_FAILED:
		buf_puts(out, "The delegation could not be checked: ");
		buf_htmls(out, rep->why ? rep->why : "unknown reason");
		buf_puts(out, ".");
		break;
	}
	buf_puts(out, " ");
	buf_uint(out, rep->queries);
	buf_puts(out, rep->queries == 1 ? " query in " : " queries in ");
	words_ms(v->lang, rep->elapsed_us, out);
	buf_puts(out, " ms");
	buf_puts(out, rep->cut_short ? ", cut short by the time or query limit.</p>" :
		 ".</p>");
	if (describe_into(v, describe_wait, buf_html, "<p class=\"wait\">", out))
		buf_puts(out, "</p>");
	if (rep->status == REPORT_DONE) {
		put_report_tables(out, v);
		put_views(out, rep);
	}
	buf_puts(out, "</section>");
}

static void put_names(struct buf *out, const struct view *v)
{
	if (!v->domain->idn)
		return;
	buf_puts(out, "<p class=\"names\">Unicode: <span>");
	buf_htmls(out, v->domain->unicode);
	buf_puts(out, "</span> · ASCII: <code>");
	buf_htmls(out, v->domain->ascii);
	buf_puts(out, "</code></p>");
}

static void put_meta(struct buf *out, const struct view *v)
{
	const struct ns_result *r = v->result;

	buf_puts(out, "<p class=\"meta\">");
	if (r->resolver[0]) {
		buf_puts(out, "Answered by resolver <code>");
		buf_htmls(out, r->resolver);
		buf_puts(out, "</code>");
	} else {
		buf_puts(out, "No reply from the resolver");
	}
	buf_puts(out, " in ");
	buf_uint(out, r->elapsed_ms);
	buf_puts(out, " ms.");
	if (r->cached) {
		buf_puts(out, " From nscheck's cache, stored ");
		buf_uint(out, r->age_s);
		buf_puts(out, " s ago: the TTLs count down from then.");
	}
	if (r->stale) {
		buf_puts(out, " <strong>This answer expired ");
		buf_uint(out, r->stale_s);
		buf_puts(out, " s ago</strong>: nscheck is too busy to look the "
			      "name up again right now and shows it rather than "
			      "nothing. Look again in a minute for a fresh one.");
	}
	buf_puts(out, " <a ");
	put_link(out, v, v->domain->ascii, NULL);
	buf_puts(out, " rel=\"bookmark\">Permalink</a> · <a ");
	put_link(out, v, v->domain->ascii, "json");
	buf_puts(out, ">JSON</a> · <a ");
	put_link(out, v, v->domain->ascii, "text");
	buf_puts(out, ">Text</a></p>");
}

/* A change of name servers: the verdict first, in words. */
static void put_transfer(struct buf *out, const struct view *v)
{
	const struct transfer *t = v->transfer;
	struct buf text;

	if (!t)
		return;
	buf_init(&text, 16384); /* 13 names of 253 bytes fit */
	transfer_text(v->lang, t, v->report, &text);
	buf_puts(out, "<section class=\"transfer ");
	buf_puts(out, transfer_verdict_id(t->verdict));
	buf_puts(out, "\" aria-labelledby=\"transfer-title\"><h3 "
		      "id=\"transfer-title\">Moving to ");
	for (size_t i = 0; i < v->expect->n; i++) {
		if (i)
			buf_puts(out, ", ");
		buf_puts(out, "<code>");
		buf_htmls(out, v->expect->names[i]);
		buf_puts(out, "</code>");
	}
	buf_puts(out, "</h3><p class=\"verdict\">");
	buf_htmls(out, buf_str(&text));
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
		buf_puts(out, "<p class=\"zone-link\">Look up the enclosing zone: ");
		put_lookup_link(out, v, r->zone);
		buf_puts(out, "</p>");
	}
	put_transfer(out, v);
	/* the answer first: the NS records, then what the checks make of
	 * them (they apply to a failed lookup too once the report got
	 * through) */
	if (r->status == LOOKUP_FOUND)
		put_table(out, r);
	put_findings(out, v);
	put_report(out, v);
	put_meta(out, v);
	buf_puts(out, "</section>");
}

static void put_error(struct buf *out, const struct view *v)
{
	buf_puts(out, "<section id=\"result\" class=\"result invalid\" "
		      "tabindex=\"-1\" aria-labelledby=\"result-title\">"
		      "<h2 id=\"result-title\">");
	buf_puts(out, v->state == VIEW_BAD_DOMAIN ?
		 "That is not a domain name we can look up" :
		 v->state == VIEW_BUSY ? "nscheck is busy" :
		 v->state == VIEW_LIMITED ? "Please slow down" :
		 "The request could not be handled");
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
		if (v->state == VIEW_RESULT) {
			buf_htmls(out, describe_name(v));
			buf_puts(out, " · ");
		}
		buf_puts(out, "NS lookup");
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
		if (v->state == VIEW_FORM)
			buf_puts(out, "<a class=\"skip\" href=\"#domain\">"
				      "Skip to the form</a>");
		else
			buf_puts(out, "<a class=\"skip\" href=\"#result\">"
				      "Skip to the result</a>");
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
