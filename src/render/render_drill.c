/*
 * render_drill: one server's replies (server=) in each format (see
 * drill.h). The records come from dissect as zone-file text; like every
 * other string they are escaped here, as they are written.
 */
#include "render/render_drill.h"

#include <stdbool.h>
#include <string.h>

#include "util/buf.h"
#include "render/describe.h"
#include "dns/dissect.h"
#include "input/domain.h"
#include "report/drill.h"
#include "util/netaddr.h"
#include "dns/rdata.h"
#include "render/render_shared.h"
#include "report/result.h"
#include "render/view.h"
#include "util/words.h"

typedef void text_fn(const struct drill *d, const struct drill_answer *ans,
		     struct buf *out);

static const char *transport(const struct drill_answer *ans)
{
	if (!ans->tcp)
		return "UDP";
	return drill_question(ans->query)->tcp ? "TCP" :
	       "TCP (the UDP reply was truncated)";
}

/* "NS of two.test, recursion off" in words, raw text. */
static void question_text(const struct drill *d, const struct drill_answer *ans,
			  struct buf *out)
{
	const struct drill_question *q = drill_question(ans->query);

	rdata_type(out, q->qtype);
	buf_puts(out, " of ");
	buf_puts(out, q->root ? "." : d->domain);
	buf_puts(out, q->rd ? ", recursion desired" : ", recursion off");
	if (q->dnssec)
		buf_puts(out, ", DNSSEC OK");
	if (q->tcp)
		buf_puts(out, ", over TCP");
}

/* "NOERROR, flags qr aa, 0.21 ms, 123 bytes over UDP; EDNS version 0,
 * UDP size 1232, DO", raw text. */
static void reply_text(const struct drill *d, const struct drill_answer *ans,
		       struct buf *out)
{
	const struct dissect *m = &ans->msg;

	(void)d;
	if (ans->outcome != PROBE_ANSWERED) {
		buf_puts(out, drill_outcome_text(ans->outcome));
		buf_putc(out, '.');
		return;
	}
	dissect_rcode(out, m->rcode);
	buf_puts(out, ", id ");
	buf_uint(out, m->id);
	if (m->opcode) {
		buf_puts(out, ", opcode ");
		buf_uint(out, m->opcode);
	}
	buf_puts(out, ", flags: ");
	buf_puts(out, m->flags && m->flags[0] ? m->flags : "none");
	buf_puts(out, "; ");
	words_ms(NULL, ans->rtt_us, out);
	buf_puts(out, " ms, ");
	buf_uint(out, ans->len);
	buf_puts(out, " bytes over ");
	buf_puts(out, transport(ans));
	if (m->edns) {
		buf_puts(out, "; EDNS version ");
		buf_uint(out, m->edns_version);
		buf_puts(out, ", UDP size ");
		buf_uint(out, m->udp_size);
		if (m->dnssec_ok)
			buf_puts(out, ", DO");
		if (m->edns_options) {
			buf_puts(out, ", ");
			buf_uint(out, m->edns_options);
			buf_puts(out, m->edns_options == 1 ? " option" : " options");
		}
	} else {
		buf_puts(out, "; no EDNS");
	}
	buf_putc(out, '.');
}

/* A sentence built as raw text, written through an escaper (names may
 * be long with their \DDD escapes: on the heap, never cut). */
static void put_escaped(struct buf *out, const struct drill *d,
			const struct drill_answer *ans, text_fn *fn,
			void (*escape)(struct buf *, const char *, size_t))
{
	struct buf t;

	buf_init(&t, 16384);
	fn(d, ans, &t);
	if (buf_failed(&t))
		out->failed = true;
	else
		escape(out, buf_str(&t), t.len);
	buf_free(&t);
}

/* 16 bytes a line: offset, hex, and the printable ASCII; raw text. */
static void hex_dump(const unsigned char *p, size_t n, struct buf *out)
{
	for (size_t at = 0; at < n; at += 16) {
		buf_printf(out, "%04zx ", at);
		for (size_t i = at; i < at + 16; i++) {
			buf_putc(out, ' ');
			if (i < n)
				buf_hex(out, p + i, 1, false);
			else
				buf_puts(out, "  ");
		}
		buf_puts(out, "  ");
		for (size_t i = at; i < n && i < at + 16; i++)
			buf_putc(out, p[i] >= 0x20 && p[i] < 0x7F ? (char)p[i] : '.');
		buf_putc(out, '\n');
	}
}

static void where(const struct drill *d, const struct drill_answer *ans,
		  struct buf *out)
{
	char addr[64];

	(void)ans;
	netaddr_format(d->addr, d->v6, addr, sizeof addr);
	buf_puts(out, d->server);
	buf_puts(out, " (");
	buf_puts(out, addr);
	buf_putc(out, ')');
}

/* ---- HTML ---- */

static void html_records(struct buf *out, const struct dissect *m)
{
	if (m->n_rr == 0) {
		buf_puts(out, "<p class=\"none\">No records.</p>");
		return;
	}
	buf_puts(out, "<div class=\"table-wrap\"><table class=\"ns rr\"><thead><tr>"
		      "<th scope=\"col\">Section</th><th scope=\"col\">Name</th>"
		      "<th scope=\"col\">TTL</th><th scope=\"col\">Class</th>"
		      "<th scope=\"col\">Type</th><th scope=\"col\">Data</th>"
		      "</tr></thead><tbody>");
	for (size_t i = 0; i < m->n_rr; i++) {
		const struct dissect_rr *r = &m->rr[i];
		buf_puts(out, "<tr><td class=\"sec\">");
		buf_puts(out, dissect_section_id(r->section));
		buf_puts(out, "</td><td class=\"owner\"><code>");
		buf_htmls(out, r->owner);
		buf_puts(out, "</code></td><td class=\"ttl\">");
		buf_uint(out, r->ttl);
		buf_puts(out, "</td><td class=\"cls\">");
		buf_htmls(out, r->cls);
		buf_puts(out, "</td><td class=\"type\">");
		buf_htmls(out, r->type);
		buf_puts(out, "</td><td class=\"rdata\"><code>");
		buf_htmls(out, r->data);
		buf_puts(out, "</code></td></tr>");
	}
	buf_puts(out, "</tbody></table></div>");
}

static void html_answer(struct buf *out, const struct drill *d,
			const struct drill_answer *ans)
{
	const struct drill_question *q = drill_question(ans->query);
	struct buf dump;

	buf_puts(out, "<section class=\"answer ");
	buf_puts(out, drill_outcome_id(ans->outcome));
	buf_puts(out, "\" id=\"q-");
	buf_puts(out, q->id);
	buf_puts(out, "\"><h3>");
	put_escaped(out, d, ans, question_text, buf_html);
	buf_puts(out, "</h3><p class=\"purpose\">Asked for ");
	buf_htmls(out, q->why);
	buf_puts(out, ".</p><p class=\"reply\">");
	put_escaped(out, d, ans, reply_text, buf_html);
	buf_puts(out, "</p>");
	if (!ans->pkt) {
		buf_puts(out, "</section>");
		return;
	}
	if (ans->msg.damage) {
		buf_puts(out, "<p class=\"bad\">The reply is damaged: ");
		buf_htmls(out, ans->msg.damage);
		buf_puts(out, ".</p>");
	}
	html_records(out, &ans->msg);
	buf_init(&dump, 400000); /* 64 KiB at 72 bytes a line of 16 */
	hex_dump(ans->pkt, ans->len, &dump);
	buf_puts(out, "<details><summary>The packet, byte by byte</summary>"
		      "<pre class=\"hex\">");
	buf_html(out, buf_str(&dump), dump.len);
	if (buf_failed(&dump))
		out->failed = true;
	buf_free(&dump);
	buf_puts(out, "</pre></details></section>");
}

void render_drill_html(const struct view *v, struct buf *out)
{
	const struct drill *d = v->drill;

	buf_puts(out, "<p class=\"back\"><a ");
	render_shared_html_link(out, v, v->domain->ascii, NULL, NULL);
	buf_puts(out, ">Back to the report on ");
	buf_htmls(out, describe_name(v));
	buf_puts(out, "</a></p>");
	if (d->status != DRILL_DONE)
		return;
	for (size_t i = 0; i < d->n; i++)
		html_answer(out, d, &d->answer[i]);
	char addr[64];
	netaddr_format(d->addr, d->v6, addr, sizeof addr);
	buf_puts(out, "<p class=\"meta\">");
	buf_uint(out, d->n);
	buf_puts(out, d->n == 1 ? " question in " : " questions in ");
	words_ms(v->lang, d->elapsed_us, out);
	buf_puts(out, " ms. <a ");
	render_shared_html_link(out, v, v->domain->ascii, addr, "json");
	buf_puts(out, " rel=\"nofollow\">JSON</a> · <a ");
	render_shared_html_link(out, v, v->domain->ascii, addr, "text");
	buf_puts(out, " rel=\"nofollow\">Text</a></p>");
}

/* ---- JSON ---- */

static void json_header(struct buf *out, const struct dissect *m)
{
	char rcode[16];
	struct buf rc;

	buf_init_fixed(&rc, rcode, sizeof rcode);
	dissect_rcode(&rc, m->rcode);
	buf_printf(out, ",\"header\":{\"id\":%u,\"opcode\":%u,\"rcode\":",
		   m->id, m->opcode);
	render_shared_json_str(out, buf_str(&rc));
	buf_puts(out, ",\"flags\":[");
	const char *f = m->flags ? m->flags : "";
	for (bool first = true; *f; first = false) {
		size_t n = strcspn(f, " ");
		buf_puts(out, first ? "\"" : ",\"");
		buf_json(out, f, n);
		buf_putc(out, '"');
		f += n;
		f += *f == ' ';
	}
	buf_printf(out, "],\"counts\":[%u,%u,%u,%u]}", m->count[0], m->count[1],
		   m->count[2], m->count[3]);
	if (m->edns) {
		buf_printf(out, ",\"edns\":{\"version\":%u,\"udp_size\":%u,"
			   "\"options\":%u,\"do\":", m->edns_version,
			   m->udp_size, m->edns_options);
		buf_puts(out, m->dnssec_ok ? "true}" : "false}");
	} else
		buf_puts(out, ",\"edns\":null");
}

static void json_answer(struct buf *out, const struct drill *d,
			const struct drill_answer *ans)
{
	const struct drill_question *q = drill_question(ans->query);
	const struct dissect *m = &ans->msg;

	buf_puts(out, "{\"question\":");
	render_shared_json_str(out, q->id);
	buf_puts(out, ",\"qname\":");
	render_shared_json_str(out, q->root ? "." : d->domain);
	buf_puts(out, ",\"qtype\":\"");
	rdata_type(out, q->qtype); /* letters and digits */
	buf_putc(out, '"');
	buf_puts(out, q->rd ? ",\"rd\":true" : ",\"rd\":false");
	buf_puts(out, q->dnssec ? ",\"dnssec_ok\":true" : ",\"dnssec_ok\":false");
	buf_puts(out, ",\"outcome\":");
	render_shared_json_str(out, drill_outcome_id(ans->outcome));
	buf_puts(out, ans->tcp ? ",\"transport\":\"tcp\"" :
		 ",\"transport\":\"udp\"");
	if (!ans->pkt) {
		buf_putc(out, '}');
		return;
	}
	buf_puts(out, ",\"time_ms\":");
	words_ms(NULL, ans->rtt_us, out);
	buf_printf(out, ",\"size\":%zu", ans->len);
	json_header(out, m);
	buf_puts(out, ",\"damage\":");
	if (m->damage)
		render_shared_json_str(out, m->damage);
	else
		buf_puts(out, "null");
	buf_puts(out, ",\"records\":[");
	for (size_t i = 0; i < m->n_rr; i++) {
		const struct dissect_rr *r = &m->rr[i];
		buf_puts(out, i ? ",{\"section\":" : "{\"section\":");
		render_shared_json_str(out, dissect_section_id(r->section));
		buf_puts(out, ",\"name\":");
		render_shared_json_str(out, r->owner);
		buf_printf(out, ",\"ttl\":%lu,\"class\":", (unsigned long)r->ttl);
		render_shared_json_str(out, r->cls);
		buf_puts(out, ",\"type\":");
		render_shared_json_str(out, r->type);
		buf_puts(out, ",\"data\":");
		render_shared_json_str(out, r->data);
		buf_putc(out, '}');
	}
	buf_puts(out, "],\"packet\":\"");
	buf_hex(out, ans->pkt, ans->len, false);
	buf_puts(out, "\"}");
}

void render_drill_json(const struct view *v, struct buf *out)
{
	const struct drill *d = v->drill;
	char addr[64];

	netaddr_format(d->addr, d->v6, addr, sizeof addr);
	buf_puts(out, ",\"server\":{\"address\":");
	render_shared_json_str(out, addr);
	if (d->status == DRILL_DONE) {
		buf_puts(out, ",\"name\":");
		render_shared_json_str(out, d->server);
		buf_puts(out, d->name_server ? ",\"name_server\":true" :
			 ",\"name_server\":false");
		buf_puts(out, d->parent ? ",\"parent\":true" : ",\"parent\":false");
	}
	buf_putc(out, '}');
	if (d->status != DRILL_DONE)
		return;
	buf_puts(out, d->cached ? ",\"cached\":true" : ",\"cached\":false");
	buf_printf(out, ",\"age\":%lu,\"time_ms\":", (unsigned long)d->age_s);
	words_ms(v->lang, d->elapsed_us, out);
	buf_puts(out, ",\"answers\":[");
	for (size_t i = 0; i < d->n; i++) {
		if (i)
			buf_putc(out, ',');
		json_answer(out, d, &d->answer[i]);
	}
	buf_putc(out, ']');
}

/* ---- text ---- */

static void text_answer(struct buf *out, const struct drill *d,
			const struct drill_answer *ans)
{
	static const char *const titles[] = { "ANSWER", "AUTHORITY", "ADDITIONAL" };
	const struct dissect *m = &ans->msg;

	buf_puts(out, "\n;; ");
	put_escaped(out, d, ans, question_text, buf_text);
	buf_puts(out, "\n;; for ");
	buf_texts(out, drill_question(ans->query)->why);
	buf_puts(out, "\n;; ");
	put_escaped(out, d, ans, reply_text, buf_text);
	buf_putc(out, '\n');
	if (m->damage) {
		buf_puts(out, ";; The reply is damaged: ");
		buf_texts(out, m->damage);
		buf_puts(out, ".\n");
	}
	for (int sec = 0; sec < 3; sec++) {
		bool title = false;
		for (size_t i = 0; i < m->n_rr; i++) {
			const struct dissect_rr *r = &m->rr[i];
			if ((int)r->section != sec)
				continue;
			if (!title) {
				buf_puts(out, ";; ");
				buf_puts(out, titles[sec]);
				buf_puts(out, " SECTION:\n");
				title = true;
			}
			buf_texts(out, r->owner);
			buf_printf(out, "\t%lu\t", (unsigned long)r->ttl);
			buf_texts(out, r->cls);
			buf_putc(out, '\t');
			buf_texts(out, r->type);
			buf_putc(out, '\t');
			buf_texts(out, r->data);
			buf_putc(out, '\n');
		}
	}
}

void render_drill_text(const struct view *v, struct buf *out)
{
	const struct drill *d = v->drill;

	if (d->status != DRILL_DONE)
		return;
	buf_puts(out, "Server: ");
	put_escaped(out, d, NULL, where, buf_text);
	buf_puts(out, "\nQuestions: ");
	buf_uint(out, d->n);
	buf_puts(out, " in ");
	words_ms(v->lang, d->elapsed_us, out);
	buf_puts(out, " ms");
	if (d->cached)
		buf_printf(out, " (from the cache, asked %lu s ago)",
			   (unsigned long)d->age_s);
	buf_putc(out, '\n');
	for (size_t i = 0; i < d->n; i++)
		text_answer(out, d, &d->answer[i]);
}
