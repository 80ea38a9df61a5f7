/*
 * lang: the languages a page can be written in, and the translation
 * calls every module that writes words for people goes through.
 *
 * English is the sources' own language and needs no catalogue; every
 * other language is a .mo catalogue read at start-up (and on a reload)
 * and only read after that. A request's language is a pointer the
 * caller passes down: nothing process-wide changes per request, so the
 * threads of a worker serve several languages at once.
 *
 * The sentences in the sources are msgids: tr(lang, "...") gives the
 * language's sentence, or the English one when it has none. xgettext
 * finds them by the keywords tr:2, trc:2c,3, trn:2,3 and N_ (Makefile).
 */
#ifndef NSCHECK_LANG_H
#define NSCHECK_LANG_H

#include <stdbool.h>
#include <stddef.h>

struct catalog;

#define LANG_CODE_MAX 12   /* "de", "es", "pt-br": a language, a region */
#define LANGS_MAX 16

struct lang {
	char code[LANG_CODE_MAX];  /* lower case, as in <html lang> */
	const struct catalog *cat; /* NULL: English */
};

/* English: what a NULL lang also means. */
extern const struct lang lang_english;

const char *tr(const struct lang *l, const char *msgid)
	__attribute__((format_arg(2)));
const char *trc(const struct lang *l, const char *ctx, const char *msgid)
	__attribute__((format_arg(3)));
const char *trn(const struct lang *l, const char *one, const char *many,
		unsigned long n)
	__attribute__((format_arg(2))) __attribute__((format_arg(3)));
/* Marks a msgid that a table holds, translated where it is used. */
#define N_(s) s

/* The language's own name ("Deutsch"), from its catalogue. */
const char *lang_name(const struct lang *l);
/* The decimal separator ("." or ","), from its catalogue. */
const char *lang_decimal(const struct lang *l);

/* The languages this nscheck offers: English first, then one per
 * catalogue, in the order of the setting (or of their codes). */
struct langs {
	struct lang all[LANGS_MAX];
	size_t n;
	size_t fallback;  /* the operator's default: an index into all */
	struct catalog *owned[LANGS_MAX];
};

/* dir holds CODE.mo files. offer: "all" (every catalogue in dir) or
 * codes separated by blanks or commas ("en de"); dflt: the default
 * language's code. 0, or -1 with err filled (the file and reason). */
int langs_load(struct langs *ls, const char *dir, const char *offer,
	       const char *dflt, char *err, size_t errlen);
/* Only English, without reading anything (tests, the CLI's default). */
void langs_english(struct langs *ls);
void langs_free(struct langs *ls);

/* The offered language a tag names ("de", "DE-at" -> "de"), or NULL. */
const struct lang *langs_find(const struct langs *ls, const char *tag,
			      size_t len);
/* The offered language an Accept-Language header prefers most (RFC 9110
 * 12.5.4: quality values, a region falling back to its language, "*"),
 * or NULL when it names none of them. */
const struct lang *langs_accept(const struct langs *ls, const char *header);
/* A tag a client may send: letters, digits and hyphens, 1-35 bytes. */
bool lang_tag_ok(const char *tag, size_t len);

#endif
