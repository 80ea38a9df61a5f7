/*
 * catalog: one language's messages, read from a GNU .mo file (what
 * msgfmt writes from a .po file). The file is read whole and checked
 * once; after that a catalogue is only read, so any number of threads
 * may share it. Lookups go through a hash table built at load.
 *
 * A message with a context is looked up as "context\004msgid", one with
 * plural forms by its singular; its translations are the forms, chosen
 * by the catalogue's own Plural-Forms rule.
 */
#ifndef NSCHECK_CATALOG_H
#define NSCHECK_CATALOG_H

#include <stddef.h>

struct catalog;

enum catalog_error {
	CATALOG_OK,
	CATALOG_OPEN,       /* the file cannot be read */
	CATALOG_TOO_LARGE,
	CATALOG_FORMAT,     /* not a .mo file, or a table out of its bounds */
	CATALOG_UNSORTED,   /* the originals are not in order */
	CATALOG_PLURAL,     /* a Plural-Forms rule that cannot be read */
	CATALOG_NOMEM,
};

/* NULL with *err set on failure. */
struct catalog *catalog_load(const char *path, enum catalog_error *err);
/* The same from bytes in memory (copied). */
struct catalog *catalog_parse(const void *data, size_t len,
			      enum catalog_error *err);
void catalog_free(struct catalog *c);
const char *catalog_strerror(enum catalog_error e);

/* The translation of msgid (ctx may be NULL), or NULL when the catalogue
 * has none. */
const char *catalog_get(const struct catalog *c, const char *ctx,
			const char *msgid);
/* The form of a plural message for n, or NULL when it has none. */
const char *catalog_nget(const struct catalog *c, const char *ctx,
			 const char *singular, unsigned long n);

/* A field of the header entry ("Language", "Plural-Forms", ...) into
 * out, "" when absent. */
void catalog_header(const struct catalog *c, const char *field, char *out,
		    size_t size);
/* How many messages the catalogue translates (the header not counted). */
size_t catalog_count(const struct catalog *c);

#endif
