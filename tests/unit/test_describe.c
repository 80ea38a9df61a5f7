/*
 * Unit tests of describe: the words for address states, how long a
 * change of name servers takes to reach everyone, and the headline and
 * advice for a delegated name whose servers deny it; the same in German
 * and Spanish from the catalogues in $NSCHECK_WWW/locale.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/catalog.h"
#include "util/config.h"
#include "render/describe.h"
#include "input/domain.h"
#include "util/lang.h"
#include "report/drill.h"
#include "report/report.h"
#include "suites.h"
#include "tree.h"
#include "render/view.h"

/* The wait after a change made "now" (a fixed date): the longer TTL,
 * as a UTC time and in words, and the negative TTL when there is one. */
START_TEST(test_wait)
{
	static const char *child[] = { "ns1.example.test" };
	struct report rep = { .status = REPORT_DONE, .parent_zone = "test",
			      .deleg_ttl = 172800, .child = child, .n_child = 1,
			      .child_ttl = 3600, .negative_ttl = 900 };
	struct view v = { .report = &rep, .now_s = 1795600000 }; /* 2026-11-25 09:46:40 UTC */
	struct buf b;

	buf_init(&b, 4096);
	describe_wait(&v, &b);
	ck_assert_str_eq(buf_str(&b),
		"If the name servers were changed now, resolvers could still "
		"hand out the old set until 27 Nov 2026 09:46 UTC (2 days from "
		"now): the longer of the delegation's TTL at test (2 days) and "
		"the zone's own NS TTL (1 hour). A resolver that was told a name "
		"did not exist (a new server's name, say) keeps that answer for "
		"15 minutes, the SOA's negative TTL (RFC 2308).");
	ck_assert_uint_eq(describe_wait_s(&rep), 172800);
	/* the zone's own TTL can be the longer one; no negative TTL known */
	rep.child_ttl = 259200;
	rep.negative_ttl = 0;
	buf_reset(&b);
	describe_wait(&v, &b);
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "until 28 Nov 2026 09:46 UTC (3 days"));
	ck_assert_ptr_null(strstr(buf_str(&b), "negative"));
	/* servers that deny the zone give no NS set: only the parent's TTL */
	rep.n_child = 0;
	rep.child_ttl = 0;
	buf_reset(&b);
	describe_wait(&v, &b);
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "now): the delegation's TTL at "
				     "test (2 days)."));
	ck_assert_ptr_null(strstr(buf_str(&b), "zone's own"));
	/* no finished report: nothing to say */
	rep.status = REPORT_FAILED;
	buf_reset(&b);
	describe_wait(&v, &b);
	ck_assert_uint_eq(b.len, 0);
	buf_free(&b);
}
END_TEST

START_TEST(test_addr_states)
{
	ck_assert_str_eq(describe_addr_state(NULL, ADDR_NONE, true), "no IPv6 address");
	ck_assert_str_eq(describe_addr_state(NULL, ADDR_NONE, false), "no IPv4 address");
	ck_assert_str_eq(describe_addr_state(NULL, ADDR_NXDOMAIN, false),
			 "name does not exist");
	ck_assert_str_eq(describe_addr_state(NULL, ADDR_TIMEOUT, true), "lookup timed out");
	ck_assert_str_eq(describe_addr_state(NULL, ADDR_FAILED, true), "lookup failed");
	ck_assert_str_eq(describe_addr_state(NULL, ADDR_SKIPPED, true), "not looked up");
	ck_assert_str_eq(describe_addr_state(NULL, ADDR_FOUND, true), "");
}
END_TEST

/* ---- a delegated name whose servers deny it ---- */

static struct domain denied_dom = { .ascii = "gone.test", .unicode = "gone.test" };
static struct ns_result denied_res;
static struct report denied_rep;
static struct report_ask denied_asks[2];
static const char *denied_deleg[] = { "ns1.gone.test", "ns2.gone.test" };
static const char *denied_set[] = { "ns1.gone.test" };

/* Both servers answer rcode: 3 for NXDOMAIN, 0 with authority and no NS
 * records; -1 leaves the row serving the zone. */
static void denied(enum lookup_status st, int rc0, int rc1)
{
	int rc[2] = { rc0, rc1 };

	memset(&denied_res, 0, sizeof denied_res);
	denied_res.status = st;
	denied_res.qname = denied_res.owner = "gone.test";
	memset(&denied_rep, 0, sizeof denied_rep);
	denied_rep.status = REPORT_DONE;
	denied_rep.parent_zone = "test";
	denied_rep.deleg = denied_deleg;
	denied_rep.n_deleg = 2;
	denied_rep.negative_ttl = 300;
	for (int i = 0; i < 2; i++) {
		struct report_ask *a = &denied_asks[i];
		*a = (struct report_ask){ .server = denied_deleg[i],
					  .state = ASK_ANSWERED, .aa = true };
		if (rc[i] < 0) {
			a->ns = denied_set;
			a->n_ns = 1;
		} else {
			a->rcode = rc[i];
		}
	}
	denied_rep.servers = denied_asks;
	denied_rep.n_servers = 2;
}

static const char *said(void (*fn)(const struct view *, struct buf *),
			const struct report *rep)
{
	static char mem[2048];
	struct buf b;
	struct view v = { .state = VIEW_RESULT, .domain = &denied_dom,
			  .result = &denied_res, .report = rep };

	buf_init_fixed(&b, mem, sizeof mem);
	fn(&v, &b);
	return buf_str(&b);
}

#define SAYS(fn, rep, text) \
	ck_assert_msg(strstr(said(fn, rep), text) != NULL, "\"%s\" lacks \"%s\"", \
		      said(fn, rep), text)

START_TEST(test_denied_headline)
{
	/* every server denies it */
	denied(LOOKUP_NXDOMAIN, 3, 3);
	SAYS(describe_headline, &denied_rep, "gone.test is delegated by the parent "
	     "zone test, but its name servers say it does not exist.");
	SAYS(describe_advice, &denied_rep, "The parent zone test delegates "
	     "gone.test to ns1.gone.test and ns2.gone.test, but those servers "
	     "answer that there is no such name");
	denied(LOOKUP_NO_NS, 0, 0);
	SAYS(describe_headline, &denied_rep, "but its name servers give no NS "
	     "records for it.");
	SAYS(describe_advice, &denied_rep, "Add the NS records to the zone.");
	/* one of two */
	denied(LOOKUP_NXDOMAIN, 3, -1);
	SAYS(describe_headline, &denied_rep, "but some of its name servers say "
	     "it does not exist.");
	SAYS(describe_advice, &denied_rep, "but some of those servers answer");
	/* none any more: the resolver's earlier answer */
	denied(LOOKUP_NXDOMAIN, -1, -1);
	SAYS(describe_headline, &denied_rep, "the resolver still holds an earlier "
	     "answer that it does not exist.");
	SAYS(describe_advice, &denied_rep, "up to 5 minutes");
	/* no report (the parent's own answer): as before */
	SAYS(describe_headline, NULL, "gone.test does not exist.");
	/* an alias: the report is its target's */
	denied(LOOKUP_NXDOMAIN, 3, 3);
	denied_res.owner = "target.test";
	SAYS(describe_headline, &denied_rep, "gone.test is an alias (CNAME) of "
	     "target.test, and target.test is delegated by the parent zone "
	     "test, but its name servers say it does not exist.");
	SAYS(describe_advice, &denied_rep, "delegates target.test to");
	SAYS(describe_headline, NULL, "gone.test is an alias (CNAME) of "
	     "target.test, which does not exist.");
}
END_TEST

/* When a report is made, and when it is shown, for each kind of lookup. */
START_TEST(test_report_wanted)
{
	denied(LOOKUP_FOUND, -1, -1);
	ck_assert(report_wanted(&denied_res));
	denied_res.status = LOOKUP_SERVFAIL;
	ck_assert(report_wanted(&denied_res));
	denied_res.status = LOOKUP_ERROR;
	ck_assert(!report_wanted(&denied_res));
	/* a negative answer under the SOA of a zone above: no delegation */
	denied_res.status = LOOKUP_NXDOMAIN;
	denied_res.zone = "test";
	ck_assert(!report_wanted(&denied_res));
	/* ... under the name's own SOA, or none: perhaps its own servers */
	denied_res.zone = "GONE.test";
	ck_assert(report_wanted(&denied_res));
	denied_res.zone = NULL;
	ck_assert(report_wanted(&denied_res));
	denied_res.status = LOOKUP_NO_NS;
	ck_assert(report_wanted(&denied_res));
	/* shown only when the parent delegates the name */
	ck_assert(report_shown(&denied_res, &denied_rep));
	ck_assert(!report_shown(&denied_res, NULL));
	denied_rep.status = REPORT_NXDOMAIN;
	ck_assert(!report_shown(&denied_res, &denied_rep));
	denied_rep.status = REPORT_NOT_DELEGATED;
	ck_assert(!report_shown(&denied_res, &denied_rep));
	denied_rep.status = REPORT_DONE;
	denied_rep.n_deleg = 0;
	ck_assert(!report_shown(&denied_res, &denied_rep));
	/* a found name's report is always shown */
	denied_res.status = LOOKUP_FOUND;
	ck_assert(report_shown(&denied_res, &denied_rep));
	ck_assert(report_shown(&denied_res, NULL));
}
END_TEST

START_TEST(test_report_denials)
{
	size_t serving;

	denied(LOOKUP_NXDOMAIN, 3, -1);
	ck_assert_uint_eq(report_denials(&denied_rep, &serving), 1);
	ck_assert_uint_eq(serving, 1);
	/* silence, a referral, an expected server or REFUSED: no denial */
	denied_asks[0].state = ASK_TIMEOUT;
	ck_assert_uint_eq(report_denials(&denied_rep, &serving), 0);
	denied(LOOKUP_NXDOMAIN, 0, 5);
	denied_asks[0].referral = true;
	ck_assert_uint_eq(report_denials(&denied_rep, &serving), 0);
	ck_assert_uint_eq(serving, 0);
	denied(LOOKUP_NXDOMAIN, 3, 3);
	denied_asks[1].extra = true;
	ck_assert_uint_eq(report_denials(&denied_rep, &serving), 1);
}
END_TEST

/* ---- German and Spanish ---- */

/* What fn says of v in the language l. */
static const char *said_in(const struct lang *l, describe_fn *fn,
			   struct view *v)
{
	static char mem[4096];
	struct buf b;

	v->lang = l;
	buf_init_fixed(&b, mem, sizeof mem);
	fn(v, &b);
	ck_assert(!buf_failed(&b));
	return buf_str(&b);
}

#define SAYS_IN(l, fn, v, text) \
	ck_assert_msg(strstr(said_in(l, fn, v), text) != NULL, \
		      "\"%s\" lacks \"%s\"", said_in(l, fn, v), text)

static struct view result_view(const struct report *rep)
{
	static struct config cfg;
	struct view v = { .state = VIEW_RESULT, .domain = &denied_dom,
			  .result = &denied_res, .report = rep, .cfg = &cfg,
			  .now_s = 1795600000 };

	config_defaults(&cfg);
	return v;
}

START_TEST(test_german)
{
	struct catalog *cat = tree_catalog("de");
	struct lang de = { "de", cat };
	struct view v = result_view(NULL);

	/* a plural form for each number, the number in it */
	denied(LOOKUP_FOUND, -1, -1);
	denied_res.n_ns = 1;
	SAYS_IN(&de, describe_headline, &v, "gone.test hat 1 Nameserver.");
	denied_res.n_ns = 3;
	SAYS_IN(&de, describe_headline, &v, "gone.test hat 3 Nameserver.");
	/* every server denies the delegated name: both sentences, the list */
	denied(LOOKUP_NXDOMAIN, 3, 3);
	v.report = &denied_rep;
	ck_assert_str_eq(said_in(&de, describe_headline, &v),
		"gone.test wird von der Elternzone test delegiert, doch die "
		"Nameserver melden, dass der Name nicht existiert.");
	ck_assert_str_eq(said_in(&de, describe_advice, &v),
		"Die Elternzone test delegiert gone.test an ns1.gone.test und "
		"ns2.gone.test, doch diese Server antworten, dass es diesen "
		"Namen nicht gibt; sie führen die Zone nicht. Resolver, die sie "
		"fragen, erhalten die Antwort, dass die Domain nicht existiert. "
		"Laden Sie die Zone auf die Server, oder nennen Sie dem "
		"Registrar die Server, die sie tatsächlich führen. Der Bericht "
		"unten zeigt, was jeder Server geantwortet hat.");
	/* an alias: the target's name twice, by position */
	denied_res.owner = "target.test";
	SAYS_IN(&de, describe_headline, &v, "gone.test ist ein Alias (CNAME) "
		"von target.test, und target.test wird von der Elternzone test "
		"delegiert, doch die Nameserver melden");
	v.report = NULL;
	SAYS_IN(&de, describe_headline, &v, "gone.test ist ein Alias (CNAME) "
		"von target.test; dieser Name existiert nicht.");
	/* the time in seconds with the language's decimal separator */
	denied(LOOKUP_TIMEOUT, -1, -1);
	denied_res.elapsed_ms = 3217;
	SAYS_IN(&de, describe_advice, &v, "Innerhalb von 3,2 Sekunden kam "
		"nichts zurück.");
	SAYS_IN(&de, describe_headline, &v, "Für gone.test kam nicht "
		"rechtzeitig eine Antwort.");
	/* the resolver's failure, with and without its address */
	denied(LOOKUP_SERVFAIL, -1, -1);
	denied_res.failure = "refused";
	SAYS_IN(&de, describe_advice, &v, "Der Resolver hat die Anfrage "
		"abgelehnt. Möglicherweise ist er nicht bereit");
	snprintf(denied_res.resolver, sizeof denied_res.resolver, "192.0.2.53");
	SAYS_IN(&de, describe_advice, &v, "Der Resolver (192.0.2.53) hat die "
		"Anfrage abgelehnt.");

	ck_assert_str_eq(describe_addr_state(&de, ADDR_NONE, true),
			 "keine IPv6-Adresse");
	ck_assert_str_eq(describe_addr_state(&de, ADDR_TIMEOUT, false),
			 "Zeitüberschreitung der Abfrage");
	v.state = VIEW_FORM;
	ck_assert_str_eq(said_in(&de, describe_headline, &v), "Geben Sie einen "
			 "Domainnamen ein, um seine Nameserver zu sehen.");
	catalog_free(cat);
}
END_TEST

/* The date in the wait: the month's name and the order from the
 * catalogue. */
START_TEST(test_german_wait)
{
	struct catalog *cat = tree_catalog("de");
	struct lang de = { "de", cat };
	static const char *child[] = { "ns1.example.test" };
	struct report rep = { .status = REPORT_DONE, .parent_zone = "test",
			      .deleg_ttl = 172800, .child = child, .n_child = 1,
			      .child_ttl = 3600, .negative_ttl = 900 };
	struct view v = { .report = &rep, .now_s = 1795600000 };

	SAYS_IN(&de, describe_wait, &v, "Würden die Nameserver jetzt geändert, "
		"könnten Resolver den alten Satz noch bis zum 27. Nov. 2026, "
		"09:46 UTC (noch ");
	SAYS_IN(&de, describe_wait, &v, "die längere der beiden TTLs, die der "
		"Delegation bei test (");
	SAYS_IN(&de, describe_wait, &v, "(RFC 2308).");
	rep.n_child = 0;
	SAYS_IN(&de, describe_wait, &v, "ausgeben: die TTL der Delegation bei test (");
	v.now_s = 1772323200; /* 2026-03-01 00:00 UTC, two days before */
	SAYS_IN(&de, describe_wait, &v, "bis zum 03. März 2026, 00:00 UTC");
	v.now_s = 1779580800; /* 2026-05-24 00:00 UTC */
	SAYS_IN(&de, describe_wait, &v, "bis zum 26. Mai 2026, 00:00 UTC");
	catalog_free(cat);
}
END_TEST

/* The rate limit: the number at once takes the plural form, the rate
 * follows it in one sentence. */
START_TEST(test_german_limited)
{
	struct catalog *cat = tree_catalog("de");
	struct lang de = { "de", cat };
	struct config cfg;
	struct view v = { .state = VIEW_LIMITED, .cfg = &cfg, .retry_after = 1 };

	config_defaults(&cfg);
	cfg.rate_burst = 20;
	cfg.rate_requests_ms = 2000;
	ck_assert_str_eq(said_in(&de, describe_headline, &v),
			 "Zu viele Anfragen von Ihrer Adresse.");
	ck_assert_str_eq(said_in(&de, describe_advice, &v),
		"Versuchen Sie es in 1 Sekunde erneut. Jede Adresse darf 20 "
		"Seiten auf einmal abrufen, danach eine alle 2 Sekunden. So "
		"bleibt der Dienst für alle fair; Skripte, die viele Namen "
		"prüfen, sollten ihre Anfragen zeitlich verteilen.");
	v.limited_lookups = true;
	v.retry_after = 4;
	cfg.rate_lookup_burst = 1;
	cfg.rate_lookups_ms = 1500;
	ck_assert_str_eq(said_in(&de, describe_advice, &v),
		"Versuchen Sie es in 4 Sekunden erneut. Jede Adresse darf 1 nicht "
		"kürzlich abgefragten Namen auf einmal abfragen, danach einen "
		"alle 1,5 Sekunden. Kürzlich abgefragte Namen werden weiterhin "
		"sofort beantwortet.");
	cfg.rate_lookup_burst = 5;
	cfg.rate_lookups_ms = 200;
	SAYS_IN(&de, describe_advice, &v, "5 nicht kürzlich abgefragte Namen "
		"auf einmal abfragen, danach 5 pro Sekunde.");
	v.state = VIEW_BUSY;
	SAYS_IN(&de, describe_advice, &v, "Versuchen Sie es in 4 Sekunden "
		"erneut. Kürzlich abgefragte Namen");
	catalog_free(cat);
}
END_TEST

START_TEST(test_spanish)
{
	struct catalog *cat = tree_catalog("es");
	struct lang es = { "es", cat };
	struct view v = result_view(NULL);

	denied(LOOKUP_FOUND, -1, -1);
	denied_res.n_ns = 1;
	SAYS_IN(&es, describe_headline, &v, "gone.test tiene 1 servidor de "
		"nombres.");
	denied_res.n_ns = 2;
	SAYS_IN(&es, describe_headline, &v, "gone.test tiene 2 servidores de "
		"nombres.");
	denied(LOOKUP_NO_NS, 0, -1);
	v.report = &denied_rep;
	SAYS_IN(&es, describe_headline, &v, "gone.test está delegado por la "
		"zona padre test, pero algunos de sus servidores de nombres no "
		"dan registros NS para él.");
	SAYS_IN(&es, describe_advice, &v, "La zona padre test delega gone.test "
		"en ns1.gone.test y ns2.gone.test, pero algunos de esos "
		"servidores sirven la zona sin sus registros NS.");
	SAYS_IN(&es, describe_wait, &v, "hasta el 25 nov. 2026, 09:46 UTC");
	v.report = NULL;
	SAYS_IN(&es, describe_advice, &v, "Los registros NS solo existen en el "
		"apex de una zona");
	v.state = VIEW_BUSY;
	v.retry_after = 1;
	ck_assert_str_eq(said_in(&es, describe_advice, &v), "Vuelva a "
		"intentarlo dentro de 1 segundo. Los nombres consultados "
		"recientemente se siguen respondiendo al instante.");
	ck_assert_str_eq(describe_addr_state(&es, ADDR_SKIPPED, true),
			 "no consultado");
	catalog_free(cat);
}
END_TEST

/* Every state, status and kind of answer, in German and Spanish: no
 * sentence may stay English (the names here hold no English words). */
static void no_english(const char *what, const char *text)
{
	static const char *words[] = { "The ", " the ", " is ", " and ",
				       " not ", " of ", " to ", " has ", "Try " };

	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		ck_assert_msg(strstr(text, words[i]) == NULL,
			      "%s: \"%s\" has \"%s\"", what, text, words[i]);
}

static void sweep(const struct lang *l)
{
	static const char *deleg[] = { "ns1.gone.test", "ns2.gone.test",
				       "ns3.gone.test", "ns4.gone.test" };
	static const char *fails[] = { NULL, "refused", "unreachable" };
	enum lookup_status sts[] = { LOOKUP_FOUND, LOOKUP_NXDOMAIN,
				     LOOKUP_NO_NS, LOOKUP_SERVFAIL,
				     LOOKUP_TIMEOUT, LOOKUP_ERROR };
	struct view v = result_view(NULL);
	struct config *cfg = (struct config *)v.cfg;
	char what[128];

	for (size_t s = 0; s < 6; s++)
	for (int alias = 0; alias < 2; alias++)
	for (int rep = 0; rep < 2; rep++)
	for (int deny = 0; deny < 3; deny++)
	for (size_t n = 1; n <= 4; n++)
	for (int zone = 0; zone < 2; zone++)
	for (size_t f = 0; f < 3; f++) {
		denied(sts[s], deny ? 3 : -1, deny == 2 ? 3 : -1);
		if (sts[s] == LOOKUP_NO_NS) {
			denied_asks[0].rcode = 0;
			denied_asks[1].rcode = 0;
		}
		denied_rep.n_deleg = n;
		denied_rep.deleg = deleg;
		denied_rep.child = deleg;
		denied_rep.n_child = (size_t)zone;
		denied_rep.negative_ttl = zone ? 300 : 0;
		denied_res.negative_ttl = zone ? 300 : 0;
		denied_res.n_ns = n;
		denied_res.elapsed_ms = 3000;
		denied_res.failure = fails[f];
		if (zone)
			snprintf(denied_res.resolver, sizeof denied_res.resolver,
				 "192.0.2.53");
		if (alias)
			denied_res.owner = "target.test";
		denied_res.zone = zone ? "test" : NULL;
		v.report = rep ? &denied_rep : NULL;
		snprintf(what, sizeof what, "%s s%zu a%d r%d d%d n%zu z%d f%zu",
			 l->code, s, alias, rep, deny, n, zone, f);
		no_english(what, said_in(l, describe_headline, &v));
		no_english(what, said_in(l, describe_advice, &v));
		no_english(what, said_in(l, describe_wait, &v));
	}

	static struct drill d = { .server = "ns1.gone.test",
				  .addr = { 192, 0, 2, 1 }, .age_s = 3 };
	enum drill_status ds[] = { DRILL_DONE, DRILL_NO_REPORT, DRILL_NOT_ASKED };
	denied(LOOKUP_FOUND, -1, -1);
	v.drill = &d;
	for (size_t i = 0; i < 3; i++)
	for (int roles = 0; roles < 3; roles++)
	for (int other = 0; other < 4; other++) {
		d.status = ds[i];
		d.name_server = roles != 1;
		d.parent = roles != 0;
		d.cached = other & 1;
		d.n = (size_t)(other & 2);
		cfg->report = other != 3;
		denied_rep.status = other == 1 ? REPORT_FAILED : REPORT_DONE;
		denied_res.status = other == 2 ? LOOKUP_SERVFAIL : LOOKUP_FOUND;
		v.report = other == 2 ? NULL : &denied_rep;
		snprintf(what, sizeof what, "%s drill %zu %d %d", l->code, i,
			 roles, other);
		no_english(what, said_in(l, describe_headline, &v));
		no_english(what, said_in(l, describe_advice, &v));
	}
	v.drill = NULL;

	unsigned rates[] = { 200, 1000, 1500, 2000, 60000, 120000 };
	for (size_t i = 0; i < 6; i++)
	for (int lookups = 0; lookups < 2; lookups++)
	for (unsigned burst = 1; burst <= 2; burst++) {
		cfg->rate_requests_ms = cfg->rate_lookups_ms = rates[i];
		cfg->rate_burst = cfg->rate_lookup_burst = burst;
		v.state = VIEW_LIMITED;
		v.limited_lookups = lookups;
		v.retry_after = burst;
		snprintf(what, sizeof what, "%s limited %u %d %u", l->code,
			 rates[i], lookups, burst);
		no_english(what, said_in(l, describe_headline, &v));
		no_english(what, said_in(l, describe_advice, &v));
		v.state = VIEW_BUSY;
		no_english(what, said_in(l, describe_headline, &v));
		no_english(what, said_in(l, describe_advice, &v));
	}
	v.state = VIEW_FORM;
	no_english("form", said_in(l, describe_headline, &v));
	for (int s = ADDR_NONE; s <= ADDR_SKIPPED; s++) {
		no_english("address", describe_addr_state(l, s, true));
		ck_assert_str_ne(describe_addr_state(l, s, true),
				 describe_addr_state(NULL, s, true));
	}
}

START_TEST(test_translated_everywhere)
{
	const char *codes[] = { "de", "es" };

	for (size_t i = 0; i < 2; i++) {
		struct catalog *cat = tree_catalog(codes[i]);
		struct lang l = { "", cat };
		snprintf(l.code, sizeof l.code, "%s", codes[i]);
		sweep(&l);
		catalog_free(cat);
	}
}
END_TEST

Suite *describe_suite(void)
{
	Suite *s = suite_create("describe");
	TCase *tc = tcase_create("describe");

	tcase_add_test(tc, test_addr_states);
	tcase_add_test(tc, test_wait);
	tcase_add_test(tc, test_denied_headline);
	tcase_add_test(tc, test_report_wanted);
	tcase_add_test(tc, test_report_denials);
	tcase_add_test(tc, test_german);
	tcase_add_test(tc, test_german_wait);
	tcase_add_test(tc, test_german_limited);
	tcase_add_test(tc, test_spanish);
	tcase_add_test(tc, test_translated_everywhere);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
