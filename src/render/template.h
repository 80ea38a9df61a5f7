/*
 * template: the page frame and help text people read, kept in www/ so
 * that wording and markup change without touching C.
 *
 * A template is text with {{slot}} markers. It is read and split once at
 * start-up; an unknown slot or a missing file stops start-up with the file
 * and line. At render time the caller's fill function writes each slot,
 * escaping what it writes; the text between slots is copied as it is.
 */
#ifndef NSCHECK_TEMPLATE_H
#define NSCHECK_TEMPLATE_H

#include <stddef.h>

struct buf;

enum slot {
	SLOT_TITLE,
	SLOT_STATIC_URL,
	SLOT_STATIC_QUERY,  /* "?v=" and the stylesheet's hash, or "" */
	SLOT_SKIP,          /* the skip link, to the result or the form */
	SLOT_INPUT,
	SLOT_INPUT_ATTRS,
	SLOT_EXPECT,        /* the expected name servers, as sent */
	SLOT_RESULT,
	SLOT_HELP,
	SLOT_HEADER,
	SLOT_FOOTER,
	SLOT_PAGE_LINK,     /* href="..." of this lookup on the tool's page */
	SLOT_LANG,          /* the page's language code, for <html lang> */
	SLOT_LANGUAGES,     /* links to the page in the other languages */
	SLOT_LANG_FIELD,    /* the form's hidden lang=, when one was asked */
	SLOT_COUNT,
};

struct template;

struct templates {
	struct template *page;    /* templates/page.html */
	struct template *help;    /* templates/help.html, or the operator's */
	struct template *header;  /* templates/header.html, or the operator's */
	struct template *footer;  /* templates/footer.html, or the operator's */
	struct template *embed;   /* templates/embed.html: format=embed */
	/* a hash of static/nscheck.css, "" when it cannot be read: its link
	 * changes with each new stylesheet, so the web server may let
	 * browsers keep it for a year */
	char static_version[17];
};

/* Where the parts come from: an empty path means the shipped file in
 * www_dir/templates/, or in www_dir/templates/LANG/ where the language
 * has its own (file by file). The operator's files serve every language. */
struct template_paths {
	const char *www_dir;
	const char *header, *footer, *help;
	const char *lang;  /* a language's code; NULL or "en": English */
};

/* 0, or -1 with err filled ("file:line: reason"). */
int templates_load(struct templates *t, const struct template_paths *p,
		   char *err, size_t errlen);
void templates_free(struct templates *t);

#define SLOT_BIT(s) (1u << (s))
#define SLOTS_ALL (SLOT_BIT(SLOT_COUNT) - 1)

/*
 * Parses text (for tests and for templates_load); allowed is a mask of the
 * slots the text may use. NULL with err on error.
 */
struct template *template_parse(const char *name, const char *text, size_t len,
				unsigned allowed, char *err, size_t errlen);
void template_free(struct template *t);

typedef void template_fill_fn(struct buf *out, enum slot slot, const void *ctx);
void template_render(const struct template *t, struct buf *out,
		     template_fill_fn *fill, const void *ctx);

#endif
