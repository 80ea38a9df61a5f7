/*
 * lang: the translation calls, the set of offered languages and the
 * choice among them. Catalogues are files the operator may replace, so
 * each is checked when read (catalog.c) and named in the error.
 */
#include "util/lang.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/catalog.h"

const struct lang lang_english = { "en", NULL };

const char *tr(const struct lang *l, const char *msgid)
{
	const char *t = l && l->cat ? catalog_get(l->cat, NULL, msgid) : NULL;

	return t ? t : msgid;
}

const char *trc(const struct lang *l, const char *ctx, const char *msgid)
{
	const char *t = l && l->cat ? catalog_get(l->cat, ctx, msgid) : NULL;

	return t ? t : msgid;
}

const char *trn(const struct lang *l, const char *one, const char *many,
		unsigned long n)
{
	const char *t = l && l->cat ? catalog_nget(l->cat, NULL, one, n) : NULL;

	return t ? t : n == 1 ? one : many;
}

const char *lang_name(const struct lang *l)
{
	/* TRANSLATORS: this language's own name: Deutsch, español */
	return trc(l, "language name", "English");
}

const char *lang_decimal(const struct lang *l)
{
	/* TRANSLATORS: the decimal separator of numbers such as 0.25 ms */
	return trc(l, "decimal separator", ".");
}

bool lang_tag_ok(const char *tag, size_t len)
{
	if (len == 0 || len > 35)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = tag[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-'))
			return false;
	}
	return tag[0] != '-' && tag[len - 1] != '-';
}

/* A catalogue's code from its file name: "de.mo" -> "de". */
static bool code_of_file(const char *file, char code[LANG_CODE_MAX])
{
	size_t n = strlen(file);

	if (n < 4 || strcmp(file + n - 3, ".mo") != 0 ||
	    n - 3 >= LANG_CODE_MAX || !lang_tag_ok(file, n - 3))
		return false;
	for (size_t i = 0; i < n - 3; i++)
		code[i] = (char)(file[i] >= 'A' && file[i] <= 'Z' ?
				 file[i] + 32 : file[i]);
	code[n - 3] = '\0';
	return true;
}

static int by_code(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The codes of offer, or of every catalogue in dir, into codes. */
static int codes_wanted(const char *dir, const char *offer,
			char codes[LANGS_MAX][LANG_CODE_MAX], size_t *n,
			char *err, size_t errlen)
{
	*n = 0;
	if (strcmp(offer, "all") != 0) {
		for (const char *s = offer; *s;) {
			size_t k = strcspn(s, " \t,");
			if (k && strncmp(s, "en", k) != 0) {
				char file[LANG_CODE_MAX + 3];
				snprintf(file, sizeof file, "%.*s.mo", (int)k, s);
				if (*n + 1 >= LANGS_MAX || k >= LANG_CODE_MAX ||
				    !code_of_file(file, codes[*n])) {
					snprintf(err, errlen, "languages: \"%.*s\" "
						 "is not a language code, or "
						 "one too many", (int)k, s);
					return -1;
				}
				++*n;
			}
			s += k;
			s += strspn(s, " \t,");
		}
		return 0;
	}
	DIR *d = opendir(dir);
	if (!d)
		return 0; /* no catalogues: English only */
	for (struct dirent *e; (e = readdir(d)) != NULL;)
		if (*n + 1 < LANGS_MAX && code_of_file(e->d_name, codes[*n]) &&
		    strcmp(codes[*n], "en") != 0)
			++*n;
	closedir(d);
	qsort(codes, *n, sizeof codes[0], by_code);
	return 0;
}

void langs_english(struct langs *ls)
{
	memset(ls, 0, sizeof *ls);
	ls->all[0] = lang_english;
	ls->n = 1;
}

int langs_load(struct langs *ls, const char *dir, const char *offer,
	       const char *dflt, char *err, size_t errlen)
{
	char codes[LANGS_MAX][LANG_CODE_MAX];
	size_t n;

	langs_english(ls);
	if (codes_wanted(dir, offer, codes, &n, err, errlen) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		enum catalog_error e;
		snprintf(path, sizeof path, "%s/%s.mo", dir, codes[i]);
		struct catalog *c = catalog_load(path, &e);
		if (!c) {
			snprintf(err, errlen, "%s: %s", path, catalog_strerror(e));
			langs_free(ls);
			return -1;
		}
		ls->owned[ls->n] = c;
		memcpy(ls->all[ls->n].code, codes[i], LANG_CODE_MAX);
		ls->all[ls->n].cat = c;
		ls->n++;
	}
	const struct lang *d = langs_find(ls, dflt, strlen(dflt));
	if (!d || strlen(dflt) != strlen(d->code)) {
		snprintf(err, errlen, "language: \"%s\" is not among the "
			 "languages offered (%s.mo in %s)", dflt, dflt, dir);
		langs_free(ls);
		return -1;
	}
	ls->fallback = (size_t)(d - ls->all);
	return 0;
}

void langs_free(struct langs *ls)
{
	for (size_t i = 0; i < LANGS_MAX; i++)
		catalog_free(ls->owned[i]);
	langs_english(ls);
}

const struct lang *langs_find(const struct langs *ls, const char *tag,
			      size_t len)
{
	size_t primary = 0;

	if (!lang_tag_ok(tag, len))
		return NULL;
	while (primary < len && tag[primary] != '-')
		primary++;
	for (size_t i = 0; i < ls->n; i++)
		if (strlen(ls->all[i].code) == len &&
		    strncasecmp(ls->all[i].code, tag, len) == 0)
			return &ls->all[i];
	for (size_t i = 0; i < ls->n; i++)
		if (strlen(ls->all[i].code) == primary &&
		    strncasecmp(ls->all[i].code, tag, primary) == 0)
			return &ls->all[i];
	return NULL;
}

/* The quality of ";q=0.8" in thousandths; 1000 without one, -1 when it
 * is not a quality value. */
static int quality(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == end)
		return 1000;
	if (*p++ != ';')
		return -1;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (end - p < 3 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=')
		return -1;
	p += 2;
	if (*p != '0' && *p != '1')
		return -1;
	int q = (*p++ - '0') * 1000, scale = 100;
	if (p < end && *p == '.')
		for (p++; p < end && *p >= '0' && *p <= '9' && scale; scale /= 10)
			q += (*p++ - '0') * scale;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p == end && q <= 1000 ? q : -1;
}

const struct lang *langs_accept(const struct langs *ls, const char *header)
{
	const struct lang *best = NULL;
	int best_q = 0;

	for (const char *s = header; s && *s;) {
		size_t k = strcspn(s, ",");
		const char *end = s + k;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		size_t t = 0;
		while (s + t < end && s[t] != ';' && s[t] != ' ' && s[t] != '\t')
			t++;
		int q = quality(s + t, end);
		if (q > best_q) {
			const struct lang *l = t == 1 && s[0] == '*' ?
					       &ls->all[ls->fallback] :
					       langs_find(ls, s, t);
			if (l) {
				best = l;
				best_q = q;
			}
		}
		s = *end ? end + 1 : end;
	}
	return best;
}
