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
#include "util/lang.h"
#include "util/netaddr.h"
#include "dns/rdata.h"
#include "render/render_shared.h"
#include "report/result.h"
#include "render/view.h"
#include "util/words.h"

typedef void text_fn(const struct lang *l, const struct drill *d,
		     const struct drill_answer *ans, struct buf *out);

static const char *transport(const struct lang *l,
			     const struct drill_answer *ans)
{
	if (!ans->tcp)
		return "UDP";
	return drill_question(ans->query)->tcp ? "TCP" :
	       tr(l, "TCP (the UDP reply was truncated)");
}

/* What a question is for, as the HTML says it ("Asked for ...") and as
 * the text does (";; for ..."). */
static const char *purpose(const struct lang *l, enum drill_query q, bool html)
{
	switch (q) {
	case DRILL_NS:
		/* TRANSLATORS: what a question to a server is for; each comes
		 * twice, as a sentence under the question's heading ("Asked
		 * for ...") and after it in the text view ("for ...") */
		return html ? tr(l, "Asked for the domain's name servers, as this "
				    "server has them.") :
		       tr(l, "for the domain's name servers, as this server has "
			     "them");
	case DRILL_SOA:
		return html ? tr(l, "Asked for the zone's SOA record: is it "
				    "authoritative, which serial.") :
		       tr(l, "for the zone's SOA record: is it authoritative, "
			     "which serial");
	case DRILL_SOA_TCP:
		return html ? tr(l, "Asked for the same over TCP, which every name "
				    "server must answer (RFC 7766).") :
		       tr(l, "for the same over TCP, which every name server must "
			     "answer (RFC 7766)");
	case DRILL_DNSKEY:
		return html ? tr(l, "Asked for the zone's keys, for the DS records "
				    "at the parent.") :
		       tr(l, "for the zone's keys, for the DS records at the "
			     "parent");
	case DRILL_RECURSION:
		return html ? tr(l, "Asked for a name outside its zones with "
				    "recursion desired: does it resolve for anyone "
				    "(RFC 5358)?.") :
		       tr(l, "for a name outside its zones with recursion "
			     "desired: does it resolve for anyone (RFC 5358)?");
	case DRILL_DS:
		return html ? tr(l, "Asked for the DS records the parent publishes "
				    "for the domain.") :
		       tr(l, "for the DS records the parent publishes for the "
			     "domain");
	case DRILL_QUERIES:
		break;
	}
	return "";
}

/* Why a question has no reply to show, a sentence. */
static const char *outcome_words(const struct lang *l, enum probe_outcome o)
{
	switch (o) {
	case PROBE_ANSWERED: break; /* the reply says it */
	/* TRANSLATORS: what came of a question to a server instead of a
	 * reply, shown in place of the reply */
	case PROBE_TIMEOUT: return tr(l, "no reply in time.");
	case PROBE_FAILED: return tr(l, "could not be sent.");
	case PROBE_LIMIT: return tr(l, "not sent: the query limit was reached.");
	case PROBE_REFUSED: return tr(l, "the TCP connection was refused, or "
					 "closed before a whole answer.");
	}
	return "";
}

/* "NS of two.test, recursion off" in words, raw text. */
static void question_text(const struct lang *l, const struct drill *d,
			  const struct drill_answer *ans, struct buf *out)
{
	const struct drill_question *q = drill_question(ans->query);
	char type[16];
	struct buf t;
	const char *name = q->root ? "." : d->domain;
	const char *fmt;

	buf_init_fixed(&t, type, sizeof type);
	rdata_type(&t, q->qtype);
	switch ((q->rd ? 4 : 0) | (q->dnssec ? 2 : 0) | (q->tcp ? 1 : 0)) {
	/* TRANSLATORS: a question to a name server, a heading: the first %s
	 * is a record type (NS, SOA), the second the name asked for;
	 * "recursion" is the RD flag, "DNSSEC OK" the DO flag */
	case 0: fmt = tr(l, "%s of %s, recursion off"); break;
	case 1: fmt = tr(l, "%s of %s, recursion off, over TCP"); break;
	case 2: fmt = tr(l, "%s of %s, recursion off, DNSSEC OK"); break;
	case 3: fmt = tr(l, "%s of %s, recursion off, DNSSEC OK, over TCP"); break;
	case 4: fmt = tr(l, "%s of %s, recursion desired"); break;
	case 5: fmt = tr(l, "%s of %s, recursion desired, over TCP"); break;
	case 6: fmt = tr(l, "%s of %s, recursion desired, DNSSEC OK"); break;
	default:
		fmt = tr(l, "%s of %s, recursion desired, DNSSEC OK, over TCP");
		break;
	}
	buf_say(out, BUF_RAW, fmt, buf_str(&t), name);
}

/* "NOERROR, flags qr aa, 0.21 ms, 123 bytes over UDP; EDNS version 0,
 * UDP size 1232, DO", raw text. */
static void reply_text(const struct lang *l, const struct drill *d,
		       const struct drill_answer *ans, struct buf *out)
{
	const struct dissect *m = &ans->msg;
	char rcode[16], ms[32];
	struct buf rc, time;

	(void)d;
	if (ans->outcome != PROBE_ANSWERED) {
		buf_puts(out, outcome_words(l, ans->outcome));
		return;
	}
	buf_init_fixed(&rc, rcode, sizeof rcode);
	dissect_rcode(&rc, m->rcode);
	const char *flags = m->flags && m->flags[0] ? m->flags :
			    trc(l, "DNS header flags", "none");
	if (m->opcode)
		/* TRANSLATORS: a reply's header: %1$s is its rcode (NOERROR,
		 * NXDOMAIN), %2$u its id, %3$u its opcode, %4$s its flags
		 * (qr aa rd) */
		buf_say(out, BUF_RAW, tr(l, "%s, id %u, opcode %u, flags: %s"),
			buf_str(&rc), m->id, m->opcode, flags);
	else
		/* TRANSLATORS: a reply's header: %1$s is its rcode (NOERROR,
		 * NXDOMAIN), %2$u its id, %3$s its flags (qr aa rd) */
		buf_say(out, BUF_RAW, tr(l, "%s, id %u, flags: %s"), buf_str(&rc),
			m->id, flags);
	buf_puts(out, "; ");
	buf_init_fixed(&time, ms, sizeof ms);
	words_ms(l, ans->rtt_us, &time);
	/* TRANSLATORS: %1$s is how long the reply took in milliseconds,
	 * %2$lu its size, %3$s UDP or TCP */
	buf_say(out, BUF_RAW, trn(l, "%s ms, %lu byte over %s",
				  "%s ms, %lu bytes over %s", (unsigned long)ans->len),
		buf_str(&time), (unsigned long)ans->len, transport(l, ans));
	buf_puts(out, "; ");
	if (m->edns) {
		/* TRANSLATORS: the EDNS part of a reply: its version and the
		 * largest UDP reply its sender takes, in bytes */
		buf_say(out, BUF_RAW, tr(l, "EDNS version %u, UDP size %u"),
			m->edns_version, m->udp_size);
		if (m->dnssec_ok)
			buf_puts(out, ", DO");
		if (m->edns_options) {
			buf_puts(out, ", ");
			buf_say(out, BUF_RAW, trn(l, "%lu option", "%lu options",
						  (unsigned long)m->edns_options),
				(unsigned long)m->edns_options);
		}
	} else {
		buf_puts(out, tr(l, "no EDNS"));
	}
	buf_putc(out, '.');
}

/* A sentence built as raw text, written through an escaper (names may
 * be long with their \DDD escapes: on the heap, never cut). */
static void put_escaped(struct buf *out, const struct lang *l,
			const struct drill *d, const struct drill_answer *ans,
			text_fn *fn,
			void (*escape)(struct buf *, const char *, size_t))
{
	struct buf t;

	buf_init(&t, 16384);
	fn(l, d, ans, &t);
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

/* ---- HTML ---- */

static const char *section_word(const struct lang *l, enum dnsmsg_section s)
{
	switch (s) {
	case DNSMSG_ANSWER: return trc(l, "DNS message section", "answer");
	case DNSMSG_AUTHORITY: return trc(l, "DNS message section", "authority");
	case DNSMSG_ADDITIONAL: return trc(l, "DNS message section", "additional");
	}
	return dissect_section_id(s);
}

static void html_records(struct buf *out, const struct lang *l,
			 const struct dissect *m)
{
	if (m->n_rr == 0) {
		buf_puts(out, "<p class=\"none\">");
		buf_htmls(out, tr(l, "No records."));
		buf_puts(out, "</p>");
		return;
	}
	buf_puts(out, "<div class=\"table-wrap\"><table class=\"ns rr\"><thead><tr>"
		      "<th scope=\"col\">");
	buf_htmls(out, trc(l, "record table", "Section"));
	buf_puts(out, "</th><th scope=\"col\">");
	buf_htmls(out, trc(l, "record table", "Name"));
	buf_puts(out, "</th><th scope=\"col\">");
	buf_htmls(out, trc(l, "record table", "TTL"));
	buf_puts(out, "</th><th scope=\"col\">");
	buf_htmls(out, trc(l, "record table", "Class"));
	buf_puts(out, "</th><th scope=\"col\">");
	buf_htmls(out, trc(l, "record table", "Type"));
	buf_puts(out, "</th><th scope=\"col\">");
	buf_htmls(out, trc(l, "record table", "Data"));
	buf_puts(out, "</th></tr></thead><tbody>");
	for (size_t i = 0; i < m->n_rr; i++) {
		const struct dissect_rr *r = &m->rr[i];
		buf_puts(out, "<tr><td class=\"sec\">");
		buf_htmls(out, section_word(l, r->section));
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

static void html_answer(struct buf *out, const struct lang *l,
			const struct drill *d, const struct drill_answer *ans)
{
	const struct drill_question *q = drill_question(ans->query);
	struct buf dump;

	buf_puts(out, "<section class=\"answer ");
	buf_puts(out, drill_outcome_id(ans->outcome));
	buf_puts(out, "\" id=\"q-");
	buf_puts(out, q->id);
	buf_puts(out, "\"><h3>");
	put_escaped(out, l, d, ans, question_text, buf_html);
	buf_puts(out, "</h3><p class=\"purpose\">");
	buf_htmls(out, purpose(l, ans->query, true));
	buf_puts(out, "</p><p class=\"reply\">");
	put_escaped(out, l, d, ans, reply_text, buf_html);
	buf_puts(out, "</p>");
	if (!ans->pkt) {
		buf_puts(out, "</section>");
		return;
	}
	if (ans->msg.damage) {
		buf_puts(out, "<p class=\"bad\">");
		/* TRANSLATORS: %s says what is wrong with a reply's bytes, in
		 * English ("the answer section is cut short") */
		buf_say(out, BUF_HTML, tr(l, "The reply is damaged: %s."),
			ans->msg.damage);
		buf_puts(out, "</p>");
	}
	html_records(out, l, &ans->msg);
	buf_init(&dump, 400000); /* 64 KiB at 72 bytes a line of 16 */
	hex_dump(ans->pkt, ans->len, &dump);
	buf_puts(out, "<details><summary>");
	buf_htmls(out, tr(l, "The packet, byte by byte"));
	buf_puts(out, "</summary><pre class=\"hex\">");
	buf_html(out, buf_str(&dump), dump.len);
	if (buf_failed(&dump))
		out->failed = true;
	buf_free(&dump);
	buf_puts(out, "</pre></details></section>");
}

void render_drill_html(const struct view *v, struct buf *out)
{
	const struct drill *d = v->drill;
	char ms[32];
	struct buf time;

	buf_puts(out, "<p class=\"back\"><a ");
	render_shared_html_link(out, v, v->domain->ascii, NULL, NULL);
	buf_putc(out, '>');
	/* TRANSLATORS: a link back from one server's replies; %s is the
	 * domain name */
	buf_say(out, BUF_HTML, tr(v->lang, "Back to the report on %s"),
		describe_name(v));
	buf_puts(out, "</a></p>");
	if (d->status != DRILL_DONE)
		return;
	for (size_t i = 0; i < d->n; i++)
		html_answer(out, v->lang, d, &d->answer[i]);
	char addr[64];
	netaddr_format(d->addr, d->v6, addr, sizeof addr);
	buf_init_fixed(&time, ms, sizeof ms);
	words_ms(v->lang, d->elapsed_us, &time);
	buf_puts(out, "<p class=\"meta\">");
	/* TRANSLATORS: how many questions the server was asked, and how long
	 * their replies took in milliseconds ("0.21") */
	buf_say(out, BUF_HTML, trn(v->lang, "%lu question in %s ms.",
				   "%lu questions in %s ms.", (unsigned long)d->n),
		(unsigned long)d->n, buf_str(&time));
	buf_puts(out, " <a ");
	render_shared_html_link(out, v, v->domain->ascii, addr, "json");
	buf_puts(out, " rel=\"nofollow\">JSON</a> · <a ");
	render_shared_html_link(out, v, v->domain->ascii, addr, "text");
	buf_puts(out, " rel=\"nofollow\">");
	buf_htmls(out, trc(v->lang, "format", "Text"));
	buf_puts(out, "</a></p>");
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
	words_ms(NULL, d->elapsed_us, out);
	buf_puts(out, ",\"answers\":[");
	for (size_t i = 0; i < d->n; i++) {
		if (i)
			buf_putc(out, ',');
		json_answer(out, d, &d->answer[i]);
	}
	buf_putc(out, ']');
}

/* ---- text ---- */

static const char *section_title(const struct lang *l, int sec)
{
	switch (sec) {
	case 0: return tr(l, "ANSWER SECTION:");
	case 1: return tr(l, "AUTHORITY SECTION:");
	default: return tr(l, "ADDITIONAL SECTION:");
	}
}

static void text_answer(struct buf *out, const struct lang *l,
			const struct drill *d, const struct drill_answer *ans)
{
	const struct dissect *m = &ans->msg;

	buf_puts(out, "\n;; ");
	put_escaped(out, l, d, ans, question_text, buf_text);
	buf_puts(out, "\n;; ");
	buf_texts(out, purpose(l, ans->query, false));
	buf_puts(out, "\n;; ");
	put_escaped(out, l, d, ans, reply_text, buf_text);
	buf_putc(out, '\n');
	if (m->damage) {
		buf_puts(out, ";; ");
		buf_say(out, BUF_TEXT, tr(l, "The reply is damaged: %s."), m->damage);
		buf_putc(out, '\n');
	}
	for (int sec = 0; sec < 3; sec++) {
		bool title = false;
		for (size_t i = 0; i < m->n_rr; i++) {
			const struct dissect_rr *r = &m->rr[i];
			if ((int)r->section != sec)
				continue;
			if (!title) {
				buf_puts(out, ";; ");
				buf_texts(out, section_title(l, sec));
				buf_putc(out, '\n');
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
	char addr[64], ms[32];
	struct buf time;

	if (d->status != DRILL_DONE)
		return;
	netaddr_format(d->addr, d->v6, addr, sizeof addr);
	/* TRANSLATORS: the server asked: its host name, then its address */
	buf_say(out, BUF_TEXT, tr(v->lang, "Server: %s (%s)"), d->server, addr);
	buf_putc(out, '\n');
	buf_init_fixed(&time, ms, sizeof ms);
	words_ms(v->lang, d->elapsed_us, &time);
	if (d->cached)
		/* TRANSLATORS: how many questions, how long their replies took
		 * in milliseconds, and how many seconds ago they were asked */
		buf_say(out, BUF_TEXT, tr(v->lang, "Questions: %lu in %s ms (from "
					       "the cache, asked %lu s ago)"),
			(unsigned long)d->n, buf_str(&time),
			(unsigned long)d->age_s);
	else
		/* TRANSLATORS: how many questions, and how long their replies
		 * took in milliseconds */
		buf_say(out, BUF_TEXT, tr(v->lang, "Questions: %lu in %s ms"),
			(unsigned long)d->n, buf_str(&time));
	buf_putc(out, '\n');
	for (size_t i = 0; i < d->n; i++)
		text_answer(out, v->lang, d, &d->answer[i]);
}
