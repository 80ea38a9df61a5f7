/*
 * Unit tests of plural, catalog and lang: plural rules of several
 * languages; .mo files written here (both byte orders) and damaged ones;
 * the translation calls' English fallback; the choice of a language from
 * a tag and from Accept-Language.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/catalog.h"
#include "util/lang.h"
#include "util/plural.h"
#include "suites.h"

/* ---- plural ---- */

static unsigned form(const char *rule, unsigned long n)
{
	struct plural p;

	ck_assert_msg(plural_parse(&p, rule), "cannot read %s", rule);
	return plural_index(&p, n);
}

START_TEST(test_plural_rules)
{
	const char *de = "nplurals=2; plural=(n != 1);";
	const char *fr = "nplurals=2; plural=(n > 1);";
	const char *ja = "nplurals=1; plural=0;";
	const char *pl = "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && "
			 "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);";
	const char *ar = "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
			 "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;";

	ck_assert_uint_eq(form(de, 0), 1);
	ck_assert_uint_eq(form(de, 1), 0);
	ck_assert_uint_eq(form(de, 2), 1);
	ck_assert_uint_eq(form(fr, 0), 0);
	ck_assert_uint_eq(form(fr, 1), 0);
	ck_assert_uint_eq(form(fr, 2), 1);
	ck_assert_uint_eq(form(ja, 7), 0);
	ck_assert_uint_eq(form(pl, 1), 0);
	ck_assert_uint_eq(form(pl, 3), 1);
	ck_assert_uint_eq(form(pl, 5), 2);
	ck_assert_uint_eq(form(pl, 12), 2);
	ck_assert_uint_eq(form(pl, 22), 1);
	ck_assert_uint_eq(form(pl, 112), 2);
	ck_assert_uint_eq(form(ar, 0), 0);
	ck_assert_uint_eq(form(ar, 2), 2);
	ck_assert_uint_eq(form(ar, 105), 3);
	ck_assert_uint_eq(form(ar, 111), 4);
	ck_assert_uint_eq(form(ar, 100), 5);
	/* precedence: 1 + 2 * 3 is 7, (1 + 2) * 3 is 9; ! binds tightest */
	ck_assert_uint_eq(form("nplurals=6; plural=n == 1 + 2 * 3 ? 1 : 0;", 7), 1);
	ck_assert_uint_eq(form("nplurals=6; plural=n == (1 + 2) * 3 ? 1 : 0;", 9), 1);
	ck_assert_uint_eq(form("nplurals=2; plural=!n;", 0), 1);
	/* an index the rule gives past nplurals falls back to form 0 */
	ck_assert_uint_eq(form("nplurals=2; plural=n;", 5), 0);
	ck_assert_uint_eq(form("nplurals=2; plural=n%0;", 5), 0);
}
END_TEST

START_TEST(test_plural_bad)
{
	struct plural p;
	char deep[300];

	ck_assert(!plural_parse(&p, NULL));
	ck_assert(!plural_parse(&p, "plural=(n != 1);"));
	ck_assert(!plural_parse(&p, "nplurals=0; plural=0;"));
	ck_assert(!plural_parse(&p, "nplurals=9; plural=0;"));
	ck_assert(!plural_parse(&p, "nplurals=2; plural=(n != 1;"));
	ck_assert(!plural_parse(&p, "nplurals=2; plural=n ? 1;"));
	ck_assert(!plural_parse(&p, "nplurals=2; plural=x;"));
	ck_assert(!plural_parse(&p, "nplurals=2; plural=n != 1 junk;"));
	memset(deep, '(', sizeof deep - 1);
	deep[sizeof deep - 1] = '\0';
	ck_assert(!plural_parse(&p, deep)); /* no nplurals */
	char rule[400];
	snprintf(rule, sizeof rule, "nplurals=2; plural=%s", deep);
	ck_assert(!plural_parse(&p, rule)); /* too deep, refused, no crash */
	/* what a refused rule leaves: English's */
	ck_assert_uint_eq(p.nforms, 2);
	ck_assert_uint_eq(plural_index(&p, 1), 0);
	ck_assert_uint_eq(plural_index(&p, 3), 1);
}
END_TEST

/* ---- a .mo file written here ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct mo_entry {
	const char *id;     /* ctx\004id; a plural's id is "one\0many" */
	size_t id_len;
	const char *str;    /* forms joined by NUL */
	size_t str_len;
};

static void put32(unsigned char *p, uint32_t v, bool big)
{
	for (int i = 0; i < 4; i++)
		p[big ? i : 3 - i] = (unsigned char)(v >> (8 * (3 - i)));
}

/* entries sorted by id; *len is the file's size */
static unsigned char *mo_write(const struct mo_entry *e, size_t n, bool big,
			       size_t *len)
{
	size_t strings = 0;
	for (size_t i = 0; i < n; i++)
		strings += e[i].id_len + 1 + e[i].str_len + 1;
	size_t head = 28, tables = 16 * n;
	*len = head + tables + strings;
	unsigned char *m = calloc(1, *len);
	ck_assert_ptr_nonnull(m);
	put32(m, 0x950412de, big);
	put32(m + 8, (uint32_t)n, big);
	put32(m + 12, (uint32_t)head, big);
	put32(m + 16, (uint32_t)(head + 8 * n), big);
	size_t at = head + tables;
	for (size_t i = 0; i < n; i++) {
		put32(m + head + 8 * i, (uint32_t)e[i].id_len, big);
		put32(m + head + 8 * i + 4, (uint32_t)at, big);
		memcpy(m + at, e[i].id, e[i].id_len);
		at += e[i].id_len + 1;
	}
	for (size_t i = 0; i < n; i++) {
		put32(m + head + 8 * n + 8 * i, (uint32_t)e[i].str_len, big);
		put32(m + head + 8 * n + 8 * i + 4, (uint32_t)at, big);
		memcpy(m + at, e[i].str, e[i].str_len);
		at += e[i].str_len + 1;
	}
	return m;
}

#define E(id, str) { id, sizeof id - 1, str, sizeof str - 1 }

static const char header_de[] =
	"Language: de\nPlural-Forms: nplurals=2; plural=(n != 1);\n";

/* sorted as msgfmt sorts: bytewise */
static const struct mo_entry entries_de[] = {
	{ "", 0, header_de, sizeof header_de - 1 },
	E("%1$s has %2$s", "%2$s hat %1$s"),
	E("%lu name server\0%lu name servers",
	  "%lu Nameserver\0%lu Nameserver (mehrere)"),
	E("Lookup", "Abfragen"),
	E("button\004Lookup", "Los"),
	E("decimal separator\004.", ","),
	E("language name\004English", "Deutsch"),
	E("untranslated", ""),
};

static struct catalog *de_catalog(bool big)
{
	size_t len;
	enum catalog_error err = CATALOG_OK;
	unsigned char *m = mo_write(entries_de, sizeof entries_de /
				    sizeof *entries_de, big, &len);
	struct catalog *c = catalog_parse(m, len, &err);

	free(m);
	ck_assert_msg(c != NULL, "refused: %s", catalog_strerror(err));
	return c;
}

START_TEST(test_catalog_lookups)
{
	for (int big = 0; big <= 1; big++) {
		struct catalog *c = de_catalog(big);
		char lang[16];

		ck_assert_str_eq(catalog_get(c, NULL, "Lookup"), "Abfragen");
		ck_assert_str_eq(catalog_get(c, "button", "Lookup"), "Los");
		ck_assert_str_eq(catalog_get(c, NULL, "%1$s has %2$s"),
				 "%2$s hat %1$s");
		ck_assert_ptr_null(catalog_get(c, NULL, "missing"));
		ck_assert_ptr_null(catalog_get(c, "nope", "Lookup"));
		ck_assert_ptr_null(catalog_get(c, NULL, "untranslated"));
		ck_assert_ptr_null(catalog_get(c, NULL, "")); /* the header */
		ck_assert_str_eq(catalog_nget(c, NULL, "%lu name server", 1),
				 "%lu Nameserver");
		ck_assert_str_eq(catalog_nget(c, NULL, "%lu name server", 2),
				 "%lu Nameserver (mehrere)");
		ck_assert_ptr_null(catalog_nget(c, NULL, "nothing", 2));
		catalog_header(c, "Language", lang, sizeof lang);
		ck_assert_str_eq(lang, "de");
		catalog_header(c, "Lang", lang, sizeof lang);
		ck_assert_str_eq(lang, "");
		ck_assert_uint_eq(catalog_count(c), 7);
		catalog_free(c);
	}
}
END_TEST

/* Many keys that the hash samples alike (the same length, the same
 * first, middle and last bytes; short ones; the same id in contexts):
 * every one is found with its own translation, and a key that differs
 * from one of them in a single byte is not found. */
START_TEST(test_catalog_many)
{
	enum { N = 1200 };
	static char ids[N][48], strs[N][16];
	struct mo_entry *e = calloc(N + 1, sizeof *e);
	size_t n = 0, len;

	ck_assert_ptr_nonnull(e);
	e[n++] = (struct mo_entry){ "", 0, header_de, sizeof header_de - 1 };
	for (int i = 0; i < N; i++) {
		if (i % 3 == 0) /* 40 bytes, differing only where the hash
				 * does not look (8..10): all in one chain */
			snprintf(ids[i], sizeof ids[i], "AAAAAAAA%03dBBBBBxxxxxxxxxxxxxxxxxxxxxxxxxx", i / 3);
		else if (i % 3 == 1) /* short, under 8 bytes */
			snprintf(ids[i], sizeof ids[i], "s%d", i);
		else /* a context */
			snprintf(ids[i], sizeof ids[i], "c%d%cLookup", i, '\004');
		snprintf(strs[i], sizeof strs[i], "T%d", i);
	}
	/* msgfmt's order: bytewise */
	static char *sorted[N];
	for (int i = 0; i < N; i++)
		sorted[i] = ids[i];
	qsort(sorted, N, sizeof *sorted, cmp_str);
	for (int i = 0; i < N; i++) {
		int k = (int)((sorted[i] - ids[0]) / sizeof ids[0]);
		e[n++] = (struct mo_entry){ ids[k], strlen(ids[k]), strs[k],
					    strlen(strs[k]) };
	}
	unsigned char *m = mo_write(e, n, false, &len);
	enum catalog_error err = CATALOG_OK;
	struct catalog *c = catalog_parse(m, len, &err);
	ck_assert_msg(c != NULL, "refused: %s", catalog_strerror(err));
	for (int i = 0; i < N; i++) {
		char ctx[16], other[48];
		const char *t;
		if (i % 3 == 2) {
			snprintf(ctx, sizeof ctx, "c%d", i);
			t = catalog_get(c, ctx, "Lookup");
			/* as gettext: the joined key finds it too */
			ck_assert_str_eq(catalog_get(c, NULL, ids[i]), strs[i]);
			snprintf(other, sizeof other, "c%d", i + 3000);
			ck_assert_ptr_null(catalog_get(c, other, "Lookup"));
			ck_assert_ptr_null(catalog_get(c, ctx, "Lookup!"));
			ck_assert_ptr_null(catalog_get(c, NULL, "Lookup"));
		} else {
			t = catalog_get(c, NULL, ids[i]);
			memcpy(other, ids[i], sizeof other);
			other[i % 3 == 0 ? 12 : 0] ^= 0x20;
			ck_assert_ptr_null(catalog_get(c, NULL, other));
		}
		ck_assert_msg(t && strcmp(t, strs[i]) == 0, "key %d: %s", i,
			      t ? t : "(none)");
	}
	ck_assert_uint_eq(catalog_count(c), N);
	catalog_free(c);
	free(m);
	free(e);
}
END_TEST

static enum catalog_error refused(const unsigned char *m, size_t len)
{
	enum catalog_error err = CATALOG_OK;
	struct catalog *c = catalog_parse(m, len, &err);

	ck_assert_ptr_null(c);
	return err;
}

START_TEST(test_catalog_damaged)
{
	size_t n = sizeof entries_de / sizeof *entries_de, len;
	unsigned char *m = mo_write(entries_de, n, false, &len);
	unsigned char *copy = malloc(len);

	/* every cut short: refused, never read past the end */
	for (size_t cut = 0; cut < len; cut++)
		ck_assert_int_eq(refused(m, cut), CATALOG_FORMAT);
	memcpy(copy, m, len);
	copy[0] ^= 1;
	ck_assert_int_eq(refused(copy, len), CATALOG_FORMAT);
	memcpy(copy, m, len);
	put32(copy + 4, 0x00010000, false); /* a major revision 1 */
	ck_assert_int_eq(refused(copy, len), CATALOG_FORMAT);
	memcpy(copy, m, len);
	put32(copy + 8, 0x10000000, false); /* a count past the file */
	ck_assert_int_eq(refused(copy, len), CATALOG_FORMAT);
	memcpy(copy, m, len);
	put32(copy + 28 + 4, (uint32_t)len, false); /* a string's offset */
	ck_assert_int_eq(refused(copy, len), CATALOG_FORMAT);
	memcpy(copy, m, len);
	put32(copy + 28, 1000000, false); /* a string's length */
	ck_assert_int_eq(refused(copy, len), CATALOG_FORMAT);
	memcpy(copy, m, len);
	copy[len - 1] = 'x'; /* the last string not terminated */
	ck_assert_int_eq(refused(copy, len), CATALOG_FORMAT);
	free(m);

	/* out of order: not as msgfmt writes, and it could hold one twice */
	struct mo_entry swapped[] = { entries_de[0], entries_de[3],
				      entries_de[1] };
	m = mo_write(swapped, 3, false, &len);
	ck_assert_int_eq(refused(m, len), CATALOG_UNSORTED);
	free(m);

	static const char bad_rule[] = "Plural-Forms: nplurals=2; plural=(n;\n";
	struct mo_entry rule[] = { { "", 0, bad_rule, sizeof bad_rule - 1 } };
	m = mo_write(rule, 1, false, &len);
	ck_assert_int_eq(refused(m, len), CATALOG_PLURAL);
	free(m);
	free(copy);

	enum catalog_error err;
	ck_assert_ptr_null(catalog_load("/nonexistent/de.mo", &err));
	ck_assert_int_eq(err, CATALOG_OPEN);
}
END_TEST

/* ---- lang ---- */

START_TEST(test_tr_fallback)
{
	struct catalog *c = de_catalog(false);
	struct lang de = { "de", c };

	ck_assert_str_eq(tr(&de, "Lookup"), "Abfragen");
	ck_assert_str_eq(tr(&de, "not in it"), "not in it");
	ck_assert_str_eq(tr(NULL, "Lookup"), "Lookup");
	ck_assert_str_eq(tr(&lang_english, "Lookup"), "Lookup");
	ck_assert_str_eq(trc(&de, "button", "Lookup"), "Los");
	ck_assert_str_eq(trc(NULL, "button", "Lookup"), "Lookup");
	ck_assert_str_eq(trn(&de, "%lu name server", "%lu name servers", 3),
			 "%lu Nameserver (mehrere)");
	ck_assert_str_eq(trn(NULL, "%lu name server", "%lu name servers", 1),
			 "%lu name server");
	ck_assert_str_eq(trn(NULL, "%lu name server", "%lu name servers", 0),
			 "%lu name servers");
	ck_assert_str_eq(trn(&de, "a", "as", 0), "as");
	ck_assert_str_eq(lang_name(&de), "Deutsch");
	ck_assert_str_eq(lang_name(NULL), "English");
	ck_assert_str_eq(lang_decimal(&de), ",");
	ck_assert_str_eq(lang_decimal(NULL), ".");
	catalog_free(c);
}
END_TEST

/* a temporary directory with de.mo and es.mo (the same catalogue) */
static char dir[64];

static void write_catalogs(void)
{
	size_t len;
	unsigned char *m = mo_write(entries_de, sizeof entries_de /
				    sizeof *entries_de, false, &len);

	snprintf(dir, sizeof dir, "/tmp/nscheck-unit-lang-%d", (int)getpid());
	mkdir(dir, 0700);
	const char *files[] = { "de.mo", "es.mo", "README" };
	for (size_t i = 0; i < 3; i++) {
		char path[128];
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		FILE *f = fopen(path, "wb");
		ck_assert_ptr_nonnull(f);
		fwrite(m, 1, len, f);
		fclose(f);
	}
	free(m);
}

static void remove_catalogs(void)
{
	const char *files[] = { "de.mo", "es.mo", "README", "xx.mo" };
	for (size_t i = 0; i < 4; i++) {
		char path[128];
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

START_TEST(test_langs_load)
{
	struct langs ls;
	char err[256] = "";

	write_catalogs();
	ck_assert_int_eq(langs_load(&ls, dir, "all", "en", err, sizeof err), 0);
	ck_assert_uint_eq(ls.n, 3);
	ck_assert_str_eq(ls.all[0].code, "en");
	ck_assert_str_eq(ls.all[1].code, "de");
	ck_assert_str_eq(ls.all[2].code, "es");
	ck_assert_uint_eq(ls.fallback, 0);
	ck_assert_str_eq(tr(&ls.all[2], "Lookup"), "Abfragen");
	langs_free(&ls);

	ck_assert_int_eq(langs_load(&ls, dir, "es, en", "es", err, sizeof err), 0);
	ck_assert_uint_eq(ls.n, 2);
	ck_assert_str_eq(ls.all[1].code, "es");
	ck_assert_uint_eq(ls.fallback, 1);
	langs_free(&ls);

	ck_assert_int_eq(langs_load(&ls, dir, "de fr", "en", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "fr.mo"));
	ck_assert_int_eq(langs_load(&ls, dir, "de", "es", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "\"es\" is not among"));
	ck_assert_int_eq(langs_load(&ls, dir, "d/e", "en", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "not a language code"));

	/* a damaged catalogue stops the start, naming it */
	char path[128];
	snprintf(path, sizeof path, "%s/xx.mo", dir);
	FILE *f = fopen(path, "wb");
	fputs("not a catalogue at all, but long enough", f);
	fclose(f);
	ck_assert_int_eq(langs_load(&ls, dir, "all", "en", err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "xx.mo: is not a .mo file"));
	remove_catalogs();

	/* no directory: English alone */
	ck_assert_int_eq(langs_load(&ls, dir, "all", "en", err, sizeof err), 0);
	ck_assert_uint_eq(ls.n, 1);
	langs_free(&ls);
}
END_TEST

static const char *accept(const struct langs *ls, const char *header)
{
	const struct lang *l = langs_accept(ls, header);
	return l ? l->code : "none";
}

START_TEST(test_langs_choice)
{
	struct catalog *c = de_catalog(false);
	struct langs ls;

	langs_english(&ls);
	ls.all[1] = (struct lang){ "de", c };
	ls.all[2] = (struct lang){ "es", c };
	ls.all[3] = (struct lang){ "pt-br", c };
	ls.n = 4;
	ls.fallback = 2;

	ck_assert_str_eq(langs_find(&ls, "de", 2)->code, "de");
	ck_assert_str_eq(langs_find(&ls, "DE-at", 5)->code, "de");
	ck_assert_str_eq(langs_find(&ls, "pt-BR", 5)->code, "pt-br");
	ck_assert_ptr_null(langs_find(&ls, "pt", 2));
	ck_assert_ptr_null(langs_find(&ls, "fr", 2));
	ck_assert_ptr_null(langs_find(&ls, "d e", 3));
	ck_assert_ptr_null(langs_find(&ls, "", 0));

	ck_assert_str_eq(accept(&ls, "de-DE"), "de");
	ck_assert_str_eq(accept(&ls, "de-AT,de;q=0.9,en;q=0.8"), "de");
	ck_assert_str_eq(accept(&ls, "fr-FR, fr;q=0.9, es;q=0.5, en;q=0.4"), "es");
	ck_assert_str_eq(accept(&ls, "en;q=0.5, de;q=0.7"), "de");
	ck_assert_str_eq(accept(&ls, "de;q=0.5, en;q=0.5"), "de"); /* first */
	ck_assert_str_eq(accept(&ls, "de;q=0, en"), "en");
	ck_assert_str_eq(accept(&ls, "de;q=0"), "none");
	ck_assert_str_eq(accept(&ls, "fr"), "none");
	ck_assert_str_eq(accept(&ls, "*"), "es"); /* the operator's */
	ck_assert_str_eq(accept(&ls, "fr, *;q=0.1"), "es");
	ck_assert_str_eq(accept(&ls, ""), "none");
	ck_assert_str_eq(accept(&ls, NULL), "none");
	ck_assert_str_eq(accept(&ls, "de;q=2"), "none");      /* not a q */
	ck_assert_str_eq(accept(&ls, "de;x=1, es"), "es");
	ck_assert_str_eq(accept(&ls, "de ; q=0.300 , es;q=0.2"), "de");
	ck_assert_str_eq(accept(&ls, ",,,de"), "de");
	ck_assert_str_eq(accept(&ls, "<script>"), "none");
	catalog_free(c);
}
END_TEST

Suite *lang_suite(void)
{
	Suite *s = suite_create("lang");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_plural_rules);
	tcase_add_test(tc, test_plural_bad);
	tcase_add_test(tc, test_catalog_lookups);
	tcase_add_test(tc, test_catalog_many);
	tcase_add_test(tc, test_catalog_damaged);
	tcase_add_test(tc, test_tr_fallback);
	tcase_add_test(tc, test_langs_load);
	tcase_add_test(tc, test_langs_choice);
	suite_add_tcase(s, tc);
	return s;
}
