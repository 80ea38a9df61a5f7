/*
 * catalog: the .mo layout (GNU gettext manual, "The Format of GNU MO
 * Files"): a magic number in either byte order, the count N, the offsets
 * of two tables of N (length, offset) pairs, originals then
 * translations, each string NUL-terminated. Every pair is checked
 * against the file's size once, so lookups need no more checks.
 *
 * Lookups go through a hash table of our own, built at load (the file's
 * optional table would need its hash function and cannot be trusted
 * without checking every chain): a page in another language looks up
 * some two hundred messages, and a binary search's string comparisons
 * were most of what it cost beyond the English page.
 */
#include "util/catalog.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/plural.h"

#define MO_MAGIC 0x950412deu
#define MO_MAX_FILE (8u << 20)
#define KEY_MAX 4096

struct entry {
	const char *original, *translation;
	uint32_t key_len, translation_len;
};

struct slot {
	uint32_t hash;
	uint32_t entry; /* its index + 1; 0: the slot is empty */
};

struct catalog {
	unsigned char *data;
	size_t len;
	bool swapped;       /* written on a machine of the other byte order */
	uint32_t n;
	uint32_t originals, translations; /* offsets of the two tables */
	struct entry *entries; /* the two tables, decoded */
	struct slot *slots;    /* the hash table */
	uint32_t mask;         /* its size - 1, a power of two over 2n */
	struct plural plural;
};

static uint32_t u32(const struct catalog *c, size_t at)
{
	const unsigned char *p = c->data + at;

	if (c->swapped)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		       (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[1] << 8 | p[0];
}

/* String i of a table (checked at load): its text and length. */
static const char *string_at(const struct catalog *c, uint32_t table,
			     uint32_t i, uint32_t *len)
{
	size_t at = (size_t)table + (size_t)i * 8;

	*len = u32(c, at);
	return (const char *)c->data + u32(c, at + 4);
}

/* ---- the hash table ---- */

#define HASH_MUL 0x9e3779b97f4a7c15ull

static uint64_t load8(const char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof v);
	return v;
}

/* The key's length and three 8-byte samples: the same cost for every
 * length; keys that share the samples are told apart by the compare. */
static uint32_t key_hash(const char *s, size_t n)
{
	uint64_t h = (n + 1) * HASH_MUL;

	if (n >= 8) {
		h = (h ^ load8(s)) * HASH_MUL;
		h = (h ^ load8(s + (n - 8) / 2)) * HASH_MUL;
		h = (h ^ load8(s + n - 8)) * HASH_MUL;
	} else {
		for (size_t i = 0; i < n; i++)
			h = (h ^ (unsigned char)s[i]) * HASH_MUL;
	}
	return (uint32_t)(h >> 32 ^ h);
}

static bool hash_build(struct catalog *c)
{
	uint32_t size = 4;

	while (size < 2 * c->n)
		size *= 2;
	c->slots = calloc(size, sizeof *c->slots);
	c->entries = calloc(c->n ? c->n : 1, sizeof *c->entries);
	if (!c->slots || !c->entries)
		return false;
	c->mask = size - 1;
	for (uint32_t i = 0; i < c->n; i++) {
		struct entry *e = &c->entries[i];
		uint32_t len;
		e->original = string_at(c, c->originals, i, &len);
		/* a plural is found by its singular, before the NUL */
		e->key_len = (uint32_t)strlen(e->original);
		e->translation = string_at(c, c->translations, i, &e->translation_len);
		uint32_t h = key_hash(e->original, e->key_len), at = h & c->mask;
		while (c->slots[at].entry)
			at = (at + 1) & c->mask;
		c->slots[at] = (struct slot){ h, i + 1 };
	}
	return true;
}

static bool table_ok(const struct catalog *c, uint32_t table)
{
	if ((size_t)table + (size_t)c->n * 8 > c->len)
		return false;
	for (uint32_t i = 0; i < c->n; i++) {
		size_t at = (size_t)table + (size_t)i * 8;
		size_t len = u32(c, at), off = u32(c, at + 4);
		if (off > c->len || len >= c->len - off || c->data[off + len])
			return false;
	}
	return true;
}

static enum catalog_error check(struct catalog *c)
{
	if (c->len < 28)
		return CATALOG_FORMAT;
	c->swapped = false;
	if (u32(c, 0) != MO_MAGIC) {
		c->swapped = true;
		if (u32(c, 0) != MO_MAGIC)
			return CATALOG_FORMAT;
	}
	if (u32(c, 4) >> 16 != 0) /* a major revision this reader lacks */
		return CATALOG_FORMAT;
	c->n = u32(c, 8);
	c->originals = u32(c, 12);
	c->translations = u32(c, 16);
	if (c->n > c->len / 16 || !table_ok(c, c->originals) ||
	    !table_ok(c, c->translations))
		return CATALOG_FORMAT;
	/* sorted, as msgfmt writes them: no original twice */
	for (uint32_t i = 1; i < c->n; i++) {
		uint32_t la, lb;
		const char *a = string_at(c, c->originals, i - 1, &la);
		const char *b = string_at(c, c->originals, i, &lb);
		if (strcmp(a, b) >= 0)
			return CATALOG_UNSORTED;
	}
	if (!hash_build(c))
		return CATALOG_NOMEM;
	char forms[256];
	catalog_header(c, "Plural-Forms", forms, sizeof forms);
	if (!forms[0])
		plural_default(&c->plural);
	else if (!plural_parse(&c->plural, forms))
		return CATALOG_PLURAL;
	return CATALOG_OK;
}

struct catalog *catalog_parse(const void *data, size_t len,
			      enum catalog_error *err)
{
	struct catalog *c = calloc(1, sizeof *c);

	if (!c || !(c->data = malloc(len ? len : 1))) {
		free(c);
		*err = CATALOG_NOMEM;
		return NULL;
	}
	memcpy(c->data, data, len);
	c->len = len;
	if ((*err = check(c)) != CATALOG_OK) {
		catalog_free(c);
		return NULL;
	}
	return c;
}

struct catalog *catalog_load(const char *path, enum catalog_error *err)
{
	struct buf b;
	int rc = buf_read_file(&b, path, MO_MAX_FILE);

	if (rc < 0) {
		*err = rc == -3 ? CATALOG_TOO_LARGE : CATALOG_OPEN;
		return NULL;
	}
	struct catalog *c = catalog_parse(b.data, b.len, err);
	buf_free(&b);
	return c;
}

void catalog_free(struct catalog *c)
{
	if (c) {
		free(c->slots);
		free(c->entries);
		free(c->data);
		free(c);
	}
}

const char *catalog_strerror(enum catalog_error e)
{
	switch (e) {
	case CATALOG_OK: return "ok";
	case CATALOG_OPEN: return "cannot be read";
	case CATALOG_TOO_LARGE: return "is larger than 8 MiB";
	case CATALOG_FORMAT: return "is not a .mo file, or is damaged";
	case CATALOG_UNSORTED: return "has its messages out of order";
	case CATALOG_PLURAL: return "has a Plural-Forms rule that cannot be read";
	case CATALOG_NOMEM: return "out of memory";
	}
	return "unknown error";
}

/* The entry of key, or NULL. A context's key is "ctx\004msgid". */
static const struct entry *find(const struct catalog *c, const char *ctx,
				const char *msgid)
{
	char mem[KEY_MAX];
	const char *key = msgid;
	size_t n;

	if (!c || !c->slots)
		return NULL;
	if (ctx) {
		size_t a = strlen(ctx), b = strlen(msgid);
		if (a + b + 2 > sizeof mem)
			return NULL;
		memcpy(mem, ctx, a);
		mem[a] = '\004';
		memcpy(mem + a + 1, msgid, b + 1);
		key = mem;
		n = a + 1 + b;
	} else {
		n = strlen(msgid);
	}
	uint32_t h = key_hash(key, n);
	for (uint32_t at = h & c->mask; c->slots[at].entry; at = (at + 1) & c->mask) {
		const struct slot *s = &c->slots[at];
		const struct entry *e = &c->entries[s->entry - 1];
		if (s->hash == h && e->key_len == n && memcmp(e->original, key, n) == 0)
			return e;
	}
	return NULL;
}

const char *catalog_get(const struct catalog *c, const char *ctx,
			const char *msgid)
{
	const struct entry *e = find(c, ctx, msgid);

	if (!e || !msgid[0])
		return NULL;
	return e->translation_len ? e->translation : NULL;
}

const char *catalog_nget(const struct catalog *c, const char *ctx,
			 const char *singular, unsigned long n)
{
	const struct entry *e = find(c, ctx, singular);

	if (!e || !singular[0])
		return NULL;
	const char *t = e->translation, *end = t + e->translation_len;
	for (unsigned k = plural_index(&c->plural, n); k > 0; k--) {
		t += strlen(t) + 1;
		if (t >= end)
			return NULL;
	}
	return t[0] ? t : NULL;
}

void catalog_header(const struct catalog *c, const char *field, char *out,
		    size_t size)
{
	const struct entry *e = find(c, NULL, "");
	size_t n = strlen(field);

	out[0] = '\0';
	if (!e || size == 0)
		return;
	/* the header is lines "Field: value\n" */
	for (const char *l = e->translation; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l)) {
		if (strncmp(l, field, n) != 0 || l[n] != ':')
			continue;
		const char *v = l + n + 1;
		while (*v == ' ')
			v++;
		size_t k = strcspn(v, "\n");
		if (k >= size)
			k = size - 1;
		memcpy(out, v, k);
		out[k] = '\0';
		return;
	}
}

size_t catalog_count(const struct catalog *c)
{
	return c ? c->n - (find(c, NULL, "") != NULL) : 0;
}
