/*
 * Unit tests of transfer: each verdict from a report built here (parents
 * that agree or not, expected servers ready or not, resolvers still
 * holding another set), and the verdict's words in English, German and
 * Spanish (the real catalogues).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/catalog.h"
#include "util/lang.h"
#include "report/report.h"
#include "report/result.h"
#include "suites.h"
#include "tree.h"
#include "report/transfer.h"

/* ---- a report: parents giving sets, servers answering ---- */

static const char *old_set[] = { "ns1.old.test", "ns2.old.test" };
static const char *new_set[] = { "ns1.new.test", "ns2.new.test" };
static struct report_ask parents[2], servers[4];
static struct report rep;
static struct ns_result res;
static struct ns_server res_ns[2];
static struct expect_list want;

static void answer(struct report_ask *x, const char *server, const char **set,
		   uint32_t serial)
{
	memset(x, 0, sizeof *x);
	x->server = server;
	x->state = ASK_ANSWERED;
	x->aa = true;
	x->ns = set;
	x->n_ns = 2;
	x->has_soa = serial != 0;
	x->serial = serial;
}

/* The finished move: both parents and every server on the new set, and
 * the resolver hands it out. */
static void moved(void)
{
	memset(&rep, 0, sizeof rep);
	rep.status = REPORT_DONE;
	rep.parent_zone = "test";
	answer(&parents[0], "a.nic.test", new_set, 0);
	answer(&parents[1], "b.nic.test", new_set, 0);
	answer(&servers[0], "ns1.new.test", new_set, 7);
	answer(&servers[1], "ns2.new.test", new_set, 7);
	answer(&servers[2], "ns1.old.test", old_set, 3);
	answer(&servers[3], "ns2.old.test", old_set, 3);
	rep.parents = parents;
	rep.n_parents = 2;
	rep.servers = servers;
	rep.n_servers = 4;
	memset(&res, 0, sizeof res);
	res.status = LOOKUP_FOUND;
	snprintf(res.resolver, sizeof res.resolver, "127.0.0.1");
	res_ns[0] = (struct ns_server){ .name = "NS1.new.test", .ttl = 300 };
	res_ns[1] = (struct ns_server){ .name = "ns2.new.test", .ttl = 600 };
	res.ns = res_ns;
	res.n_ns = 2;
	want = (struct expect_list){ { "ns1.new.test", "ns2.new.test" }, 2 };
}

static enum transfer_verdict judge(struct transfer *t)
{
	transfer_judge(&want, &res, &rep, t);
	return t->verdict;
}

START_TEST(test_verdicts)
{
	struct transfer t;

	moved();
	ck_assert_int_eq(judge(&t), TRANSFER_DONE);
	ck_assert_uint_eq(t.parents_new, 2);

	/* the resolver still has the old set for 300 s more */
	res_ns[0].name = "ns1.old.test";
	res_ns[1].name = "ns2.old.test";
	ck_assert_int_eq(judge(&t), TRANSFER_WAITING_CACHES);
	ck_assert_str_eq(t.old_holder, "127.0.0.1");
	ck_assert_uint_eq(t.wait_s, 300);

	/* one parent server published already, the other not */
	moved();
	parents[1].ns = old_set;
	ck_assert_int_eq(judge(&t), TRANSFER_WAITING_REGISTRY);
	ck_assert_uint_eq(t.parents_new, 1);
	ck_assert_uint_eq(t.parents_asked, 2);

	/* neither: the registry has another set */
	parents[0].ns = old_set;
	ck_assert_int_eq(judge(&t), TRANSFER_WRONG_SERVERS);

	/* a new server without the zone, or with an older serial */
	moved();
	servers[1].aa = false;
	ck_assert_int_eq(judge(&t), TRANSFER_NOT_READY);
	ck_assert_uint_eq(t.n_not_ready, 1);
	ck_assert_str_eq(t.not_ready[0], "ns2.new.test");
	ck_assert_int_eq(t.why[0], NOT_READY_NO_AUTHORITY);
	servers[1].state = ASK_TIMEOUT;
	ck_assert_int_eq(judge(&t), TRANSFER_NOT_READY);
	ck_assert_int_eq(t.why[0], NOT_READY_NO_ANSWER);
	moved();
	servers[0].serial = 6;
	ck_assert_int_eq(judge(&t), TRANSFER_NOT_READY);
	ck_assert_str_eq(t.not_ready[0], "ns1.new.test");
	ck_assert_int_eq(t.why[0], NOT_READY_OLD_SERIAL);
	/* an expected server never asked (not in the report) is not ready */
	moved();
	rep.n_servers = 1;
	ck_assert_int_eq(judge(&t), TRANSFER_NOT_READY);
	ck_assert_str_eq(t.not_ready[0], "ns2.new.test");
	ck_assert_int_eq(t.why[0], NOT_READY_NO_ADDRESS);
	char mem[1024];
	struct buf b;
	buf_init_fixed(&b, mem, sizeof mem);
	transfer_text(NULL, &t, &rep, &b);
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "ns2.new.test has no address that could be found"));

	/* no report: no verdict */
	moved();
	rep.status = REPORT_FAILED;
	ck_assert_int_eq(judge(&t), TRANSFER_UNKNOWN);
}
END_TEST

/* resolvers_view: one that still hands out the old set is named. */
START_TEST(test_view_holds_old_set)
{
	struct report_view views[2] = {
		{ "192.0.2.53", ASK_ANSWERED, 0, new_set, 2, 100 },
		{ "192.0.2.54", ASK_ANSWERED, 0, old_set, 2, 3000 },
	};
	struct transfer t;
	char mem[1024];
	struct buf b;

	moved();
	rep.views = views;
	rep.n_views = 2;
	ck_assert_int_eq(judge(&t), TRANSFER_WAITING_CACHES);
	ck_assert_str_eq(t.old_holder, "192.0.2.54");
	ck_assert_uint_eq(t.wait_s, 3000);
	buf_init_fixed(&b, mem, sizeof mem);
	transfer_text(NULL, &t, &rep, &b);
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "the resolver 192.0.2.54 still hands out another set, for up to 50 minutes more"));
}
END_TEST

/* The verdict on the world as it is now, in l. */
static const char *text(const struct lang *l)
{
	static struct buf b;
	struct transfer t;

	judge(&t);
	buf_free(&b);
	buf_init(&b, 8192);
	transfer_text(l, &t, &rep, &b);
	ck_assert(!buf_failed(&b));
	return buf_str(&b);
}

#define SAYS(hay, needle) \
	ck_assert_msg(strstr((hay), (needle)) != NULL, "\"%s\" lacks \"%s\"", \
		      (hay), (needle))

START_TEST(test_text_english)
{
	moved();
	ck_assert_str_eq(text(NULL), "Done: the parent zone delegates to the "
			 "expected name servers, they answer for the zone, and "
			 "resolvers hand out the new set.");
	parents[1].ns = old_set;
	ck_assert_str_eq(text(NULL), "Waiting for the registry: 1 of 2 addresses "
			 "of the parent zone's servers already publish the "
			 "expected name servers; the others still have the old "
			 "set. This usually settles within minutes to a few hours.");
	/* no address to name the lookup's resolver by */
	moved();
	res_ns[0].name = "ns1.old.test";
	res.resolver[0] = '\0';
	SAYS(text(NULL), "but the resolver nscheck's resolver still hands out "
	     "another set, for up to 5 minutes more. Nothing to do but wait.");
	moved();
	servers[0].state = ASK_TIMEOUT;
	servers[1].serial = 6;
	ck_assert_str_eq(text(NULL), "The new name servers are not ready: "
			 "ns1.new.test does not answer; ns2.new.test serves an "
			 "older version of the zone (another SOA serial). Every "
			 "new server must answer for the zone with authority and "
			 "the same SOA serial before the switch, or resolvers sent "
			 "to it get errors.");
}
END_TEST

START_TEST(test_text_german)
{
	struct catalog *c = tree_catalog("de");
	struct lang de = { "de", c };
	struct transfer t;

	moved();
	SAYS(text(&de), "Erledigt: Die Elternzone delegiert an die erwarteten "
	     "Nameserver");
	res_ns[0].name = "ns1.old.test";
	res_ns[1].name = "ns2.old.test";
	SAYS(text(&de), "aber der Resolver 127.0.0.1 gibt noch andere NS-Records "
	     "heraus, und zwar noch bis zu 5 Minuten lang.");
	/* the lookup's resolver without an address: named in German, while
	 * the verdict's holder (JSON's) stays as it is */
	res.resolver[0] = '\0';
	SAYS(text(&de), "aber der Resolver der NS-Abfrage gibt noch");
	judge(&t);
	ck_assert_str_eq(t.old_holder, "nscheck's resolver");
	moved();
	parents[1].ns = old_set;
	SAYS(text(&de), "Warten auf die Registry: Bei 1 von 2 Adressen der Server "
	     "der Elternzone stehen bereits die erwarteten Nameserver;");
	parents[0].ns = old_set;
	SAYS(text(&de), "Die Elternzone test delegiert noch an andere Nameserver: "
	     "Die Änderung ist nicht bei der Registry angekommen.");
	SAYS(text(&de), "prüfen Sie dort");
	moved();
	servers[1].aa = false;
	SAYS(text(&de), "Die neuen Nameserver sind nicht bereit: ns2.new.test "
	     "bedient die Zone nicht (keine autoritative Antwort). Jeder neue "
	     "Server muss");
	rep.n_servers = 1;
	servers[0].state = ASK_TIMEOUT;
	SAYS(text(&de), "nicht bereit: ns1.new.test antwortet nicht; für "
	     "ns2.new.test wurde keine Adresse gefunden. Jeder");
	moved();
	rep.status = REPORT_FAILED;
	ck_assert_str_eq(text(&de), "Ob die Änderung abgeschlossen ist, lässt "
			 "sich nicht sagen: Die Delegation konnte nicht geprüft "
			 "werden.");
	catalog_free(c);
}
END_TEST

START_TEST(test_text_spanish)
{
	struct catalog *c = tree_catalog("es");
	struct lang es = { "es", c };
	struct report_view views[1] = {
		{ "192.0.2.54", ASK_ANSWERED, 0, old_set, 2, 90000 },
	};

	moved();
	rep.views = views;
	rep.n_views = 1;
	SAYS(text(&es), "Esperando a las cachés: la zona padre publica los "
	     "servidores de nombres esperados, pero el resolutor 192.0.2.54 "
	     "todavía entrega otro conjunto, durante 1 día y 1 hora más como "
	     "máximo. No queda más que esperar.");
	rep.n_views = 0;
	servers[0].serial = 6;
	SAYS(text(&es), "no están listos: ns1.new.test sirve una versión anterior "
	     "de la zona (otro número de serie SOA).");
	catalog_free(c);
}
END_TEST

Suite *transfer_suite(void)
{
	Suite *s = suite_create("transfer");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_verdicts);
	tcase_add_test(tc, test_view_holds_old_set);
	tcase_add_test(tc, test_text_english);
	tcase_add_test(tc, test_text_german);
	tcase_add_test(tc, test_text_spanish);
	suite_add_tcase(s, tc);
	return s;
}
