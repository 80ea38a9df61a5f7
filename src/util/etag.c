/* etag: entity tags and If-None-Match (see etag.h). */
#include "util/etag.h"

#include <endian.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/*
 * The body's hash is taken on every page a cache may keep, so it must
 * cost little next to the page: a word at a time, one multiply each (the
 * keyed SipHash of the cache cost 2.6 times a cached page). A tag is no
 * secret and no defence; it only has to change when the body does.
 */
#define MUL1 0x9e3779b97f4a7c15ULL /* 2^64 / the golden ratio, odd */
#define MUL2 0xd6e8feb86659fd93ULL /* any odd constant with mixed bits */

static uint64_t rotl(uint64_t x, int b)
{
	return (x << b) | (x >> (64 - b));
}

static uint64_t body_hash(const unsigned char *p, size_t len)
{
	uint64_t h = (uint64_t)len * MUL1;
	uint64_t w;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, p + i, 8);
		/* little-endian words: the same tag on any host */
		h = rotl(h ^ (le64toh(w) * MUL1), 29) * MUL2;
	}
	w = 0;
	memcpy(&w, p + i, len - i);
	h = rotl(h ^ (le64toh(w) * MUL1), 29) * MUL2;
	h ^= h >> 32;
	h *= MUL1;
	return h ^ (h >> 29);
}

void etag_of(const void *body, size_t len, char out[ETAG_SIZE])
{
	snprintf(out, ETAG_SIZE, "\"%016llx\"",
		 (unsigned long long)body_hash(len ? body : "", len));
}

bool etag_matches(const char *list, const char *etag)
{
	size_t want = strlen(etag);

	if (!list)
		return false;
	for (const char *p = list; *p;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return true;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		if (*p != '"')
			return false; /* not a list of tags: no match */
		const char *end = strchr(p + 1, '"');
		if (!end)
			return false;
		if ((size_t)(end + 1 - p) == want && memcmp(p, etag, want) == 0)
			return true;
		p = end + 1;
	}
	return false;
}
