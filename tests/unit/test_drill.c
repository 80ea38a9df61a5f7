/*
 * Unit tests of drill: which address may be looked at (only one the
 * report asked: answered or timed out, never skipped, over budget or
 * unsent), with which roles and questions; the questions' table; the
 * replies drawn as HTML and text in English, German and Spanish (the real
 * catalogues). The queries themselves go to real servers in
 * tests/integration/t27-drill.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/catalog.h"
#include "input/domain.h"
#include "report/drill.h"
#include "util/lang.h"
#include "render/render_drill.h"
#include "report/report.h"
#include "suites.h"
#include "tree.h"
#include "render/view.h"

static struct report_ask parents[2], servers[4];
static struct report rep;

static void row(struct report_ask *r, const char *server, unsigned last,
		enum ask_state st)
{
	memset(r, 0, sizeof *r);
	r->server = server;
	r->addr[0] = 11;
	r->addr[1] = 53;
	r->addr[3] = (unsigned char)last;
	r->state = st;
}

static void world(void)
{
	memset(&rep, 0, sizeof rep);
	rep.status = REPORT_DONE;
	row(&parents[0], "ns1.nic.test", 1, ASK_ANSWERED);
	row(&parents[1], "ns2.nic.test", 2, ASK_TIMEOUT);
	row(&servers[0], "ns1.alpha.test", 10, ASK_ANSWERED);
	row(&servers[1], "ns2.alpha.test", 11, ASK_SKIPPED);
	row(&servers[2], "ns3.alpha.test", 12, ASK_LIMIT);
	row(&servers[3], "both.test", 1, ASK_ANSWERED); /* also a parent */
	servers[1].skipped_why = "private";
	rep.parents = parents;
	rep.n_parents = 2;
	rep.servers = servers;
	rep.n_servers = 4;
}

static enum drill_status find(unsigned last, struct drill *d)
{
	unsigned char addr[4] = { 11, 53, 0, (unsigned char)last };
	return drill_find(&rep, "two.test", addr, false, false, d);
}

START_TEST(test_find)
{
	struct drill d;

	world();
	ck_assert_int_eq(find(10, &d), DRILL_DONE);
	ck_assert_str_eq(d.server, "ns1.alpha.test");
	ck_assert_str_eq(d.domain, "two.test");
	ck_assert(d.name_server && !d.parent && !d.ask_dnskey);
	ck_assert_int_eq(find(2, &d), DRILL_DONE);  /* no answer: asked all the same */
	ck_assert(!d.name_server && d.parent);
	ck_assert_int_eq(find(1, &d), DRILL_DONE);
	ck_assert(d.name_server && d.parent);
	ck_assert_str_eq(d.server, "both.test");
	/* never asked: a special address, the budget spent, not there */
	ck_assert_int_eq(find(11, &d), DRILL_NOT_ASKED);
	ck_assert_int_eq(find(12, &d), DRILL_NOT_ASKED);
	ck_assert_int_eq(find(99, &d), DRILL_NOT_ASKED);
	/* the same bytes as IPv6 are another address */
	unsigned char v6[16] = { 11, 53, 0, 10 };
	ck_assert_int_eq(drill_find(&rep, "two.test", v6, true, false, &d), DRILL_NOT_ASKED);
	/* a private address the report asked (it was allowed then) is
	 * asked again only while the configuration allows it */
	servers[2].state = ASK_ANSWERED;
	servers[2].addr[0] = 10;
	unsigned char ten[4] = { 10, 53, 0, 12 };
	ck_assert_int_eq(drill_find(&rep, "two.test", ten, false, false, &d),
			 DRILL_NOT_ASKED);
	ck_assert_int_eq(drill_find(&rep, "two.test", ten, false, true, &d),
			 DRILL_DONE);
	/* DS at the parent: name servers are asked for their keys */
	rep.ds_state = DS_PRESENT;
	ck_assert_int_eq(find(10, &d), DRILL_DONE);
	ck_assert(d.ask_dnskey);
	/* no finished report: nothing to take an address from */
	rep.status = REPORT_FAILED;
	ck_assert_int_eq(find(10, &d), DRILL_NO_REPORT);
	ck_assert_int_eq(drill_find(NULL, "two.test", v6, false, false, &d), DRILL_NO_REPORT);
	ck_assert_uint_eq(d.n, 0);
}
END_TEST

START_TEST(test_questions)
{
	const struct drill_question *q;

	q = drill_question(DRILL_SOA_TCP);
	ck_assert(q->tcp && !q->rd && !q->dnssec && !q->root);
	ck_assert_str_eq(q->id, "soa_tcp");
	q = drill_question(DRILL_RECURSION);
	ck_assert(q->rd && q->root && !q->tcp);
	q = drill_question(DRILL_DS);
	ck_assert(q->dnssec && q->qtype == 43);
	q = drill_question(DRILL_DNSKEY);
	ck_assert(q->dnssec && q->qtype == 48);
	/* only recursion desired where the report asks for it */
	for (int i = 0; i < DRILL_QUERIES; i++)
		ck_assert(drill_question((enum drill_query)i)->rd == (i == DRILL_RECURSION));
	/* the questions follow the roles */
	struct drill d = { .parent = true };
	ck_assert_uint_eq(drill_questions(&d), 1u << DRILL_NS | 1u << DRILL_DS);
	d = (struct drill){ .name_server = true };
	ck_assert_uint_eq(drill_questions(&d), 1u << DRILL_NS | 1u << DRILL_SOA |
			  1u << DRILL_SOA_TCP | 1u << DRILL_RECURSION);
	d.ask_dnskey = true;
	ck_assert(drill_questions(&d) & 1u << DRILL_DNSKEY);
	d.name_server = false;
	ck_assert(!(drill_questions(&d) & 1u << DRILL_DNSKEY));
	ck_assert_str_eq(drill_outcome_id(PROBE_REFUSED), "refused");
	ck_assert_str_eq(drill_outcome_id(PROBE_LIMIT), "not_sent");
}
END_TEST

/* ---- the replies, drawn ---- */

static struct dissect_rr drawn_rr[2] = {
	{ DNSMSG_ANSWER, "example.com.", 3600, "IN", "NS", "ns1.example.net." },
	{ DNSMSG_AUTHORITY, "example.com.", 60, "IN", "SOA", "x. y. 7 1 2 3 4" },
};
static const unsigned char drawn_pkt[] = { 0xBE, 0xEF, 0x84, 0x00, 0, 1 };
static struct domain drawn_domain = { .ascii = "example.com",
				      .unicode = "example.com" };
static struct drill drawn;
static struct buf drawn_out;

/* ns1.example.net asked every question: the NS answered, with EDNS and
 * records, the SOA over TCP refused, the others in each other way. */
static struct view drill_view(const struct lang *l)
{
	static const enum probe_outcome others[] = {
		PROBE_TIMEOUT, PROBE_FAILED, PROBE_LIMIT, PROBE_TIMEOUT,
	};
	struct drill *d = &drawn;

	memset(d, 0, sizeof *d);
	d->status = DRILL_DONE;
	d->domain = "example.com";
	d->server = "ns1.example.net";
	memcpy(d->addr, "\xc0\x00\x02\x35", 4);
	d->name_server = true;
	d->elapsed_us = 12345;
	d->answer[0] = (struct drill_answer){ .query = DRILL_NS,
		.outcome = PROBE_ANSWERED, .rtt_us = 1234, .pkt = drawn_pkt,
		.len = sizeof drawn_pkt };
	d->answer[0].msg = (struct dissect){ .id = 0xBEEF, .flags = "qr aa",
		.count = { 1, 1, 1, 0 }, .edns = true, .udp_size = 1232,
		.dnssec_ok = true, .edns_options = 2, .rr = drawn_rr, .n_rr = 2,
		.damage = "the additional section is cut short" };
	d->answer[1] = (struct drill_answer){ .query = DRILL_SOA_TCP,
		.outcome = PROBE_REFUSED, .tcp = true };
	enum drill_query rest[] = { DRILL_SOA, DRILL_DNSKEY, DRILL_RECURSION,
				    DRILL_DS };
	for (size_t i = 0; i < 4; i++)
		d->answer[2 + i] = (struct drill_answer){ .query = rest[i],
			.outcome = others[i] };
	d->n = 6;
	return (struct view){ .state = VIEW_RESULT, .format = FORMAT_HTML,
			      .lang = l, .domain = &drawn_domain, .drill = d };
}

static const char *drill_html(const struct view *v)
{
	buf_free(&drawn_out);
	buf_init(&drawn_out, 1 << 20);
	render_drill_html(v, &drawn_out);
	ck_assert(!buf_failed(&drawn_out));
	return buf_str(&drawn_out);
}

static const char *drill_text(const struct view *v)
{
	buf_free(&drawn_out);
	buf_init(&drawn_out, 1 << 20);
	render_drill_text(v, &drawn_out);
	ck_assert(!buf_failed(&drawn_out));
	return buf_str(&drawn_out);
}

#define SAYS(hay, needle) \
	ck_assert_msg(strstr((hay), (needle)) != NULL, "lacks \"%s\":\n%s", \
		      (needle), (hay))
#define NOT_SAYS(hay, needle) \
	ck_assert_msg(strstr((hay), (needle)) == NULL, "has \"%s\":\n%s", \
		      (needle), (hay))

/* In English, as it always read: what each question is for, in the
 * HTML and in the text. */
static const char *const purposes[DRILL_QUERIES] = {
	"the domain's name servers, as this server has them",
	"the zone's SOA record: is it authoritative, which serial",
	"the same over TCP, which every name server must answer (RFC 7766)",
	"the zone's keys, for the DS records at the parent",
	"a name outside its zones with recursion desired: does it resolve "
	"for anyone (RFC 5358)?",
	"the DS records the parent publishes for the domain",
};

START_TEST(test_drawn_english)
{
	struct view v = drill_view(NULL);
	char want[512];

	const char *h = drill_html(&v);
	for (int q = 0; q < DRILL_QUERIES; q++) {
		snprintf(want, sizeof want, "<p class=\"purpose\">Asked for %s.</p>",
			 purposes[q]);
		/* the words have no HTML special characters but ' */
		for (char *p; (p = strchr(want, '\''));) {
			memmove(p + 5, p + 1, strlen(p + 1) + 1);
			memcpy(p, "&#39;", 5);
		}
		SAYS(h, want);
	}
	SAYS(h, "<h3>NS of example.com, recursion off</h3>");
	SAYS(h, "<h3>SOA of example.com, recursion off, over TCP</h3>");
	SAYS(h, "<h3>DNSKEY of example.com, recursion off, DNSSEC OK</h3>");
	SAYS(h, "<h3>NS of ., recursion desired</h3>");
	SAYS(h, "NOERROR, id 48879, flags: qr aa; 1.23 ms, 6 bytes over UDP; "
	     "EDNS version 0, UDP size 1232, DO, 2 options.");
	SAYS(h, "<p class=\"reply\">the TCP connection was refused, or closed "
	     "before a whole answer.</p>");
	SAYS(h, "<p class=\"reply\">no reply in time.</p>");
	SAYS(h, "<p class=\"reply\">could not be sent.</p>");
	SAYS(h, "<p class=\"reply\">not sent: the query limit was reached.</p>");
	SAYS(h, "<p class=\"bad\">The reply is damaged: the additional section "
	     "is cut short.</p>");
	SAYS(h, "<th scope=\"col\">Section</th><th scope=\"col\">Name</th>");
	SAYS(h, "<tr><td class=\"sec\">answer</td>");
	SAYS(h, "<tr><td class=\"sec\">authority</td>");
	SAYS(h, "<summary>The packet, byte by byte</summary>");
	SAYS(h, ">Back to the report on example.com</a>");
	SAYS(h, "<p class=\"meta\">6 questions in 12.35 ms. <a ");
	SAYS(h, " rel=\"nofollow\">Text</a></p>");
	const char *t = drill_text(&v);
	for (int q = 0; q < DRILL_QUERIES; q++) {
		snprintf(want, sizeof want, "\n;; for %s\n", purposes[q]);
		SAYS(t, want);
	}
	SAYS(t, "Server: ns1.example.net (192.0.2.53)\nQuestions: 6 in 12.35 ms\n");
	SAYS(t, ";; The reply is damaged: the additional section is cut short.\n"
	     ";; ANSWER SECTION:\nexample.com.\t3600\tIN\tNS\tns1.example.net.\n"
	     ";; AUTHORITY SECTION:\n");
	drawn.cached = true;
	drawn.age_s = 42;
	t = drill_text(&v);
	SAYS(t, "Questions: 6 in 12.35 ms (from the cache, asked 42 s ago)\n");
	/* the server cut a UDP reply short: it came again over TCP */
	drawn.answer[0].tcp = true;
	drawn.answer[0].msg.edns = false;
	t = drill_text(&v);
	SAYS(t, "1.23 ms, 6 bytes over TCP (the UDP reply was truncated); no EDNS.");
}
END_TEST

START_TEST(test_drawn_german)
{
	struct catalog *c = tree_catalog("de");
	struct lang de = { "de", c };
	struct view v = drill_view(&de);

	const char *h = drill_html(&v);
	SAYS(h, "<h3>NS von example.com, Rekursion aus</h3>");
	SAYS(h, "<h3>SOA von example.com, Rekursion aus, über TCP</h3>");
	SAYS(h, "<h3>NS von ., Rekursion erwünscht</h3>");
	SAYS(h, "<p class=\"purpose\">Gefragt nach den Nameservern der Domain, "
	     "wie dieser Server sie kennt.</p>");
	SAYS(h, "NOERROR, ID 48879, Flags: qr aa; 1,23 ms, 6 Bytes über UDP; "
	     "EDNS-Version 0, UDP-Größe 1232, DO, 2 Optionen.");
	SAYS(h, "<p class=\"reply\">Die TCP-Verbindung wurde abgelehnt oder vor "
	     "einer vollständigen Antwort geschlossen.</p>");
	SAYS(h, "<p class=\"reply\">Keine rechtzeitige Antwort.</p>");
	SAYS(h, "Die Antwort ist beschädigt: the additional section is cut short.");
	SAYS(h, "<th scope=\"col\">Abschnitt</th><th scope=\"col\">Name</th>"
	     "<th scope=\"col\">TTL</th><th scope=\"col\">Klasse</th>"
	     "<th scope=\"col\">Typ</th><th scope=\"col\">Daten</th>");
	SAYS(h, "<tr><td class=\"sec\">Antwort</td>");
	SAYS(h, "<summary>Das Paket, Byte für Byte</summary>");
	SAYS(h, ">Zurück zum Bericht über example.com</a>");
	SAYS(h, "<p class=\"meta\">6 Fragen in 12,35 ms. <a ");
	NOT_SAYS(h, "Asked for");
	NOT_SAYS(h, "recursion off");
	NOT_SAYS(h, "12.35");
	const char *t = drill_text(&v);
	SAYS(t, "Server: ns1.example.net (192.0.2.53)\nFragen: 6 in 12,35 ms\n");
	SAYS(t, "\n;; für die Nameserver der Domain, wie dieser Server sie kennt\n");
	SAYS(t, ";; ANTWORT-ABSCHNITT:\n");
	SAYS(t, ";; AUTORITÄTS-ABSCHNITT:\n");
	NOT_SAYS(t, "SECTION");
	NOT_SAYS(t, ";; for ");
	/* JSON's numbers keep the point whatever the language */
	buf_free(&drawn_out);
	buf_init(&drawn_out, 1 << 20);
	render_drill_json(&v, &drawn_out);
	SAYS(buf_str(&drawn_out), "\"time_ms\":12.35,");
	SAYS(buf_str(&drawn_out), "\"time_ms\":1.23,");
	catalog_free(c);
}
END_TEST

START_TEST(test_drawn_spanish)
{
	struct catalog *c = tree_catalog("es");
	struct lang es = { "es", c };
	struct view v = drill_view(&es);

	drawn.n = 1;
	const char *h = drill_html(&v);
	SAYS(h, "<h3>NS de example.com, recursión desactivada</h3>");
	SAYS(h, "Se preguntó por los servidores de nombres del dominio");
	SAYS(h, "NOERROR, id 48879, indicadores: qr aa; 1,23 ms, 6 bytes por UDP; "
	     "EDNS versión 0, tamaño UDP 1232, DO, 2 opciones.");
	SAYS(h, "<p class=\"meta\">1 pregunta en 12,35 ms. <a ");
	SAYS(h, " rel=\"nofollow\">Texto</a></p>");
	const char *t = drill_text(&v);
	SAYS(t, "Servidor: ns1.example.net (192.0.2.53)\nPreguntas: 1 en 12,35 ms\n");
	SAYS(t, ";; SECCIÓN DE RESPUESTA:\n");
	catalog_free(c);
}
END_TEST

Suite *drill_suite(void)
{
	Suite *s = suite_create("drill");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_find);
	tcase_add_test(tc, test_questions);
	tcase_add_test(tc, test_drawn_english);
	tcase_add_test(tc, test_drawn_german);
	tcase_add_test(tc, test_drawn_spanish);
	suite_add_tcase(s, tc);
	return s;
}
