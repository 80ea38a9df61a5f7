/*
 * catalog: the .mo layout (GNU gettext manual, "The Format of GNU MO
 * Files"): a magic number in either byte order, the count N, the offsets
 * of two tables of N (length, offset) pairs, originals then
 * translations, each string NUL-terminated. Every pair is checked
 * against the file's size once, so lookups need no more checks.
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

struct catalog {
	unsigned char *data;
	size_t len;
	bool swapped;       /* written on a machine of the other byte order */
	uint32_t n;
	uint32_t originals, translations; /* offsets of the two tables */
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
	for (uint32_t i = 1; i < c->n; i++) {
		uint32_t la, lb;
		const char *a = string_at(c, c->originals, i - 1, &la);
		const char *b = string_at(c, c->originals, i, &lb);
		if (strcmp(a, b) >= 0)
			return CATALOG_UNSORTED;
	}
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

/* The index of key among the originals, or -1. */
static long find(const struct catalog *c, const char *ctx, const char *msgid)
{
	char mem[KEY_MAX];
	const char *key = msgid;

	if (ctx) {
		size_t a = strlen(ctx), b = strlen(msgid);
		if (a + b + 2 > sizeof mem)
			return -1;
		memcpy(mem, ctx, a);
		mem[a] = '\004';
		memcpy(mem + a + 1, msgid, b + 1);
		key = mem;
	}
	uint32_t lo = 0, hi = c ? c->n : 0, len;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(key, string_at(c, c->originals, mid, &len));
		if (cmp == 0)
			return (long)mid;
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

const char *catalog_get(const struct catalog *c, const char *ctx,
			const char *msgid)
{
	long i = find(c, ctx, msgid);
	uint32_t len;

	if (i < 0 || !msgid[0])
		return NULL;
	const char *t = string_at(c, c->translations, (uint32_t)i, &len);
	return len ? t : NULL;
}

const char *catalog_nget(const struct catalog *c, const char *ctx,
			 const char *singular, unsigned long n)
{
	long i = find(c, ctx, singular);
	uint32_t len;

	if (i < 0 || !singular[0])
		return NULL;
	const char *t = string_at(c, c->translations, (uint32_t)i, &len);
	const char *end = t + len;
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
	long i = find(c, NULL, "");
	size_t n = strlen(field);
	uint32_t len;

	out[0] = '\0';
	if (i < 0 || size == 0)
		return;
	/* the header is lines "Field: value\n" */
	for (const char *l = string_at(c, c->translations, (uint32_t)i, &len);
	     *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l)) {
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
	return c ? c->n - (find(c, NULL, "") >= 0) : 0;
}
