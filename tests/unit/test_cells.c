/*
 * Unit tests of cells: every state of a report row has its words, its id
 * and its tone (one table below, the ids as JSON readers know them), and
 * the cells built from a row say what the HTML page always said; in
 * German and Spanish from the real catalogues ($NSCHECK_WWW/locale).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/cells.h"
#include "report/report.h"
#include "suites.h"
#include "tree.h"
#include "util/buf.h"
#include "util/catalog.h"
#include "util/lang.h"

enum kind { ASK, TCP, RECURSION, KEYS };

static const struct row {
	enum kind kind;
	int value;
	const char *word;  /* NULL: an empty cell */
	const char *id;
	enum cell_tone tone;
} rows[] = {
	{ ASK, ASK_ANSWERED, "answered", "answered", CELL_GOOD },
	{ ASK, ASK_TIMEOUT, "no answer", "timeout", CELL_BAD },
	{ ASK, ASK_SKIPPED, "not asked", "skipped", CELL_MUTED },
	{ ASK, ASK_LIMIT, "not asked (query limit)", "not_asked", CELL_MUTED },
	{ ASK, ASK_FAILED, "could not be sent", "failed", CELL_BAD },
	{ TCP, OVER_TCP_NOT_ASKED, NULL, "not_asked", CELL_MUTED },
	{ TCP, OVER_TCP_OK, "yes", "ok", CELL_GOOD },
	{ TCP, OVER_TCP_REFUSED, "refused", "refused", CELL_BAD },
	{ TCP, OVER_TCP_TIMEOUT, "no answer", "timeout", CELL_BAD },
	{ RECURSION, RECURSION_NOT_ASKED, NULL, "not_asked", CELL_MUTED },
	{ RECURSION, RECURSION_OFF, "no", "off", CELL_GOOD },
	{ RECURSION, RECURSION_OPEN, "open to anyone", "open", CELL_BAD },
	{ KEYS, KEYS_NOT_ASKED, NULL, "not_asked", CELL_MUTED },
	{ KEYS, KEYS_MATCH, "key for the DS", "match", CELL_GOOD },
	{ KEYS, KEYS_NO_MATCH, "no key for the DS", "no_match", CELL_BAD },
	{ KEYS, KEYS_NO_ANSWER, "no usable answer", "no_answer", CELL_BAD },
};

#define N_ROWS (sizeof rows / sizeof rows[0])

/* The last value of each enum: the table must reach it. */
static const int last[] = {
	[ASK] = ASK_FAILED, [TCP] = OVER_TCP_TIMEOUT,
	[RECURSION] = RECURSION_OPEN, [KEYS] = KEYS_NO_ANSWER,
};

static struct cell cell_of(enum kind k, int v)
{
	switch (k) {
	case ASK: return cell_ask((enum ask_state)v);
	case TCP: return cell_tcp((enum over_tcp)v);
	case RECURSION: return cell_recursion((enum recursion)v);
	case KEYS: return cell_keys((enum key_match)v);
	}
	return (struct cell){ 0 };
}

static bool same_word(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

START_TEST(test_every_state)
{
	for (size_t i = 0; i < N_ROWS; i++) {
		const struct row *r = &rows[i];
		struct cell c = cell_of(r->kind, r->value);
		ck_assert_msg(same_word(c.word, r->word), "row %zu: word %s", i,
			      c.word ? c.word : "(none)");
		ck_assert_msg(c.id && strcmp(c.id, r->id) == 0, "row %zu: id %s",
			      i, c.id ? c.id : "(none)");
		ck_assert_msg(c.tone == r->tone, "row %zu: tone %d", i, c.tone);
		/* only a question not asked leaves its cell empty */
		ck_assert_msg(c.word || c.tone == CELL_MUTED, "row %zu", i);
	}
}
END_TEST

/* Each value of each enum is in the table once, and within one enum no
 * two values share an id or (shown words) a word. */
START_TEST(test_table_covers_each_enum)
{
	for (int k = ASK; k <= KEYS; k++) {
		for (int v = 0; v <= last[k]; v++) {
			size_t seen = 0;
			for (size_t i = 0; i < N_ROWS; i++)
				seen += rows[i].kind == (enum kind)k &&
					rows[i].value == v;
			ck_assert_msg(seen == 1, "kind %d value %d: %zu rows", k, v,
				      seen);
		}
		for (int v = 0; v <= last[k]; v++) {
			for (int w = v + 1; w <= last[k]; w++) {
				struct cell a = cell_of((enum kind)k, v);
				struct cell b = cell_of((enum kind)k, w);
				ck_assert_str_ne(a.id, b.id);
				ck_assert(!a.word || !b.word ||
					  strcmp(a.word, b.word) != 0);
			}
		}
		/* past the end: nothing to show, and JSON says so */
		struct cell c = cell_of((enum kind)k, last[k] + 1);
		ck_assert_ptr_null(c.word);
		ck_assert_str_eq(c.id, "unknown");
		ck_assert_int_eq(c.tone, CELL_MUTED);
	}
}
END_TEST

static const char *said(const struct lang *l, struct cell_words w,
			enum buf_escape e)
{
	static char mem[512];
	struct buf b;

	buf_init_fixed(&b, mem, sizeof mem);
	cell_say(&b, e, l, w);
	ck_assert(!buf_failed(&b));
	return buf_str(&b);
}

/* w's words in English, unescaped. */
static const char *joined(struct cell_words w)
{
	return said(NULL, w, BUF_RAW);
}

START_TEST(test_unanswered)
{
	struct report_ask a = { .server = "ns1.example.net" };

	for (int s = ASK_ANSWERED; s <= ASK_FAILED; s++) {
		a.state = (enum ask_state)s;
		a.skipped_why = s == ASK_SKIPPED ? "loopback" : NULL;
		struct cell_words w = cell_unanswered(&a);
		struct cell c = cell_ask(a.state);
		ck_assert_int_eq(w.tone, c.tone);
		/* every one starts with the state's word */
		ck_assert_msg(strncmp(joined(w), c.word, strlen(c.word)) == 0,
			      "%s", joined(w));
	}
	a.state = ASK_SKIPPED;
	a.skipped_why = "private (RFC 1918)";
	ck_assert_str_eq(joined(cell_unanswered(&a)),
			 "not asked: private (RFC 1918) address");
	a.skipped_why = NULL;
	ck_assert_str_eq(joined(cell_unanswered(&a)), "not asked");
	a.state = ASK_LIMIT;
	ck_assert_str_eq(joined(cell_unanswered(&a)), "not asked (query limit)");
	a.state = ASK_FAILED;
	ck_assert_str_eq(joined(cell_unanswered(&a)), "could not be sent");
	a.state = ASK_TIMEOUT;
	ck_assert_str_eq(joined(cell_unanswered(&a)), "no answer");
}
END_TEST

START_TEST(test_authority)
{
	static const struct {
		int rcode;
		bool aa, referral;
		const char *words;
		enum cell_tone tone;
	} cases[] = {
		{ 0, true, false, "yes", CELL_GOOD },
		{ 0, false, false, "no", CELL_BAD },
		{ 0, false, true, "no", CELL_BAD },
		{ 0, true, true, "no", CELL_BAD },
		{ 5, false, false, "no: REFUSED", CELL_BAD },
		{ 2, true, false, "no: SERVFAIL", CELL_BAD },
		{ 3, true, false, "no: NXDOMAIN", CELL_BAD },
		{ 99, true, false, "no: an unknown rcode", CELL_BAD },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct report_ask a = {
			.state = ASK_ANSWERED, .rcode = cases[i].rcode,
			.aa = cases[i].aa, .referral = cases[i].referral,
		};
		struct cell_words w = cell_authority(&a);
		ck_assert_str_eq(joined(w), cases[i].words);
		ck_assert_int_eq(w.tone, cases[i].tone);
	}
}
END_TEST

START_TEST(test_view_empty)
{
	struct report_view w = { .resolver = "192.0.2.53", .state = ASK_TIMEOUT };

	ck_assert_str_eq(joined(cell_view_empty(&w)), "no answer");
	ck_assert_int_eq(cell_view_empty(&w).tone, CELL_BAD);
	/* whatever kept the answer away, the table says only that */
	w.state = ASK_LIMIT;
	ck_assert_str_eq(joined(cell_view_empty(&w)), "no answer");
	w.state = ASK_ANSWERED;
	w.rcode = 3;
	ck_assert_str_eq(joined(cell_view_empty(&w)), "no NS records (NXDOMAIN)");
	w.rcode = 0;
	ck_assert_str_eq(joined(cell_view_empty(&w)), "no NS records (NOERROR)");
	ck_assert_int_eq(cell_view_empty(&w).tone, CELL_BAD);
}
END_TEST

/* What cell_say writes for w in l, escaped for e. */
/* English, and its escaping: the words are escaped as a whole. */
START_TEST(test_say_english)
{
	struct report_ask a;

	a = (struct report_ask){ .state = ASK_SKIPPED, .skipped_why = "a<b" };
	ck_assert_str_eq(said(NULL, cell_unanswered(&a), BUF_HTML),
			 "not asked: a&lt;b address");
	ck_assert_str_eq(cell_word(NULL, cell_keys(KEYS_MATCH)), "key for the DS");
	ck_assert_ptr_null(cell_word(NULL, cell_keys(KEYS_NOT_ASKED)));
	ck_assert_ptr_null(cell_word(NULL, cell_tcp((enum over_tcp)99)));
	/* nothing to say: nothing written */
	ck_assert_str_eq(said(NULL, (struct cell_words){ NULL, NULL, CELL_MUTED },
			      BUF_RAW), "");
}
END_TEST

START_TEST(test_german)
{
	struct catalog *cat = tree_catalog("de");
	const struct lang de = { "de", cat };
	struct report_ask a = { .server = "ns1.example.net" };
	struct report_view w = { .resolver = "192.0.2.53" };

	ck_assert_str_eq(cell_word(&de, cell_ask(ASK_TIMEOUT)), "keine Antwort");
	ck_assert_str_eq(cell_word(&de, cell_tcp(OVER_TCP_OK)), "ja");
	ck_assert_str_eq(cell_word(&de, cell_tcp(OVER_TCP_REFUSED)), "abgelehnt");
	ck_assert_str_eq(cell_word(&de, cell_tcp(OVER_TCP_TIMEOUT)),
			 "keine Antwort");
	ck_assert_str_eq(cell_word(&de, cell_recursion(RECURSION_OFF)), "nein");
	ck_assert_str_eq(cell_word(&de, cell_recursion(RECURSION_OPEN)),
			 "offen für alle");
	ck_assert_str_eq(cell_word(&de, cell_keys(KEYS_MATCH)),
			 "Schlüssel zum DS");
	ck_assert_str_eq(cell_word(&de, cell_keys(KEYS_NO_MATCH)),
			 "kein Schlüssel zum DS");
	ck_assert_str_eq(cell_word(&de, cell_keys(KEYS_NO_ANSWER)),
			 "keine brauchbare Antwort");
	ck_assert_ptr_null(cell_word(&de, cell_keys(KEYS_NOT_ASKED)));

	a.state = ASK_SKIPPED;
	a.skipped_why = "loopback";
	ck_assert_str_eq(said(&de, cell_unanswered(&a), BUF_RAW),
			 "nicht angefragt: Adresstyp loopback");
	a.skipped_why = NULL;
	ck_assert_str_eq(said(&de, cell_unanswered(&a), BUF_RAW),
			 "nicht angefragt");
	a.state = ASK_LIMIT;
	ck_assert_str_eq(said(&de, cell_unanswered(&a), BUF_RAW),
			 "nicht angefragt (Anfragelimit)");
	a.state = ASK_FAILED;
	ck_assert_str_eq(said(&de, cell_unanswered(&a), BUF_RAW),
			 "konnte nicht gesendet werden");

	a = (struct report_ask){ .state = ASK_ANSWERED, .aa = true };
	ck_assert_str_eq(said(&de, cell_authority(&a), BUF_RAW), "ja");
	a.rcode = 2;
	ck_assert_str_eq(said(&de, cell_authority(&a), BUF_RAW),
			 "nein: SERVFAIL");
	a = (struct report_ask){ .state = ASK_ANSWERED, .referral = true };
	ck_assert_str_eq(said(&de, cell_authority(&a), BUF_RAW), "nein");

	w.state = ASK_TIMEOUT;
	ck_assert_str_eq(said(&de, cell_view_empty(&w), BUF_RAW),
			 "keine Antwort");
	w.state = ASK_ANSWERED;
	w.rcode = 3;
	ck_assert_str_eq(said(&de, cell_view_empty(&w), BUF_TEXT),
			 "keine NS-Records (NXDOMAIN)");
	/* the ids and tones are the same in every language */
	ck_assert_str_eq(cell_tcp(OVER_TCP_OK).id, "ok");
	ck_assert_int_eq(cell_view_empty(&w).tone, CELL_BAD);
	catalog_free(cat);
}
END_TEST

START_TEST(test_spanish)
{
	struct catalog *cat = tree_catalog("es");
	const struct lang es = { "es", cat };
	struct report_ask a = { .state = ASK_SKIPPED, .skipped_why = "loopback" };
	struct report_view w = { .state = ASK_ANSWERED, .rcode = 3 };

	ck_assert_str_eq(cell_word(&es, cell_tcp(OVER_TCP_OK)), "sí");
	ck_assert_str_eq(cell_word(&es, cell_recursion(RECURSION_OPEN)),
			 "abierta a cualquiera");
	ck_assert_str_eq(cell_word(&es, cell_keys(KEYS_MATCH)), "clave del DS");
	ck_assert_str_eq(said(&es, cell_unanswered(&a), BUF_RAW),
			 "no consultado: dirección loopback");
	a = (struct report_ask){ .state = ASK_ANSWERED, .rcode = 5 };
	ck_assert_str_eq(said(&es, cell_authority(&a), BUF_RAW), "no: REFUSED");
	ck_assert_str_eq(said(&es, cell_view_empty(&w), BUF_RAW),
			 "sin registros NS (NXDOMAIN)");
	catalog_free(cat);
}
END_TEST

Suite *cells_suite(void)
{
	Suite *s = suite_create("cells");
	TCase *tc = tcase_create("cells");

	tcase_add_test(tc, test_every_state);
	tcase_add_test(tc, test_table_covers_each_enum);
	tcase_add_test(tc, test_unanswered);
	tcase_add_test(tc, test_authority);
	tcase_add_test(tc, test_view_empty);
	tcase_add_test(tc, test_say_english);
	tcase_add_test(tc, test_german);
	tcase_add_test(tc, test_spanish);
	suite_add_tcase(s, tc);
	return s;
}
