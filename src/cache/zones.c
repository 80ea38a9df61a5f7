/*
 * zones: a zone's servers in one cache value (see zones.h).
 *
 * The value: a version byte, the count, then per address a byte that is
 * 1 for IPv6, the 4 or 16 address bytes, the name's length and the name.
 * The key is "zone " and the zone's name in lower case; these values are
 * read with cache_peek, so they count neither as hits nor as misses of
 * the lookups the status view reports.
 */
#include "cache/zones.h"

#include <ctype.h>
#include <string.h>

#include "cache/cache.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/config.h"

#define ZONES_VERSION 1
#define ZONES_MAX_ADDRS 255
/* however long a referral says: a wrong one does not stay for days */
#define ZONES_MAX_TTL 86400

size_t zones_encode(const struct report_zone *z, unsigned char *out,
		    size_t size)
{
	size_t n = z->n < ZONES_MAX_ADDRS ? z->n : ZONES_MAX_ADDRS, len = 2;

	if (size < 2)
		return 0;
	out[0] = ZONES_VERSION;
	out[1] = (unsigned char)n;
	for (size_t i = 0; i < n; i++) {
		const struct report_addr *s = &z->servers[i];
		size_t alen = s->v6 ? 16 : 4, nlen = strlen(s->name);
		if (nlen > 255 || len + 2 + alen + nlen > size)
			return 0;
		out[len++] = s->v6;
		memcpy(out + len, s->addr, alen);
		len += alen;
		out[len++] = (unsigned char)nlen;
		memcpy(out + len, s->name, nlen);
		len += nlen;
	}
	return len;
}

int zones_decode(const unsigned char *in, size_t len, const char *zone,
		 struct arena *a, struct report_zone *out)
{
	if (len < 2 || in[0] != ZONES_VERSION || in[1] == 0)
		return -1;
	size_t n = in[1], at = 2;
	struct report_addr *v = arena_array(a, n, sizeof *v);
	char *name = arena_strdup(a, zone);
	if (!v || !name)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (at >= len || in[at] > 1)
			return -1;
		bool v6 = in[at++];
		size_t alen = v6 ? 16 : 4;
		if (at + alen + 1 > len)
			return -1;
		memset(v[i].addr, 0, sizeof v[i].addr);
		memcpy(v[i].addr, in + at, alen);
		v[i].v6 = v6;
		at += alen;
		size_t nlen = in[at++];
		char *s = arena_alloc(a, nlen + 1);
		if (!s || nlen == 0 || at + nlen > len)
			return -1;
		memcpy(s, in + at, nlen);
		s[nlen] = '\0';
		at += nlen;
		v[i].name = s;
	}
	if (at != len)
		return -1;
	*out = (struct report_zone){ name, v, n, 0 };
	return 0;
}

/* "zone NAME" in lower case into key; false when it is too long. */
static bool zone_key(const char *zone, char key[CACHE_KEY_MAX + 1])
{
	size_t n = strlen(zone);

	if (n + 5 > CACHE_KEY_MAX)
		return false;
	memcpy(key, "zone ", 5);
	for (size_t i = 0; i <= n; i++)
		key[5 + i] = (char)tolower((unsigned char)zone[i]);
	return true;
}

static int zones_find(void *ctx, const char *zone, struct arena *a,
		      struct report_zone *out)
{
	struct zones *z = ctx;
	char key[CACHE_KEY_MAX + 1];
	unsigned char value[CACHE_SLOT_SIZE];
	size_t len;

	if (!zone_key(zone, key) ||
	    cache_peek(z->cache, key, clock_ms(), value, sizeof value, &len) < 0)
		return -1;
	return zones_decode(value, len, key + 5, a, out);
}

static void zones_keep(void *ctx, const struct report_zone *kz)
{
	struct zones *z = ctx;
	char key[CACHE_KEY_MAX + 1];
	unsigned char value[CACHE_SLOT_SIZE];
	size_t len = zones_encode(kz, value, cache_value_max() < sizeof value ?
				  cache_value_max() : sizeof value);
	uint32_t ttl = kz->ttl;

	if (ttl < z->cfg->cache_min_ttl)
		ttl = z->cfg->cache_min_ttl;
	if (ttl > z->cfg->cache_max_ttl)
		ttl = z->cfg->cache_max_ttl;
	if (ttl > ZONES_MAX_TTL)
		ttl = ZONES_MAX_TTL;
	if (!len || ttl == 0 || !zone_key(kz->zone, key))
		return;
	int64_t now = clock_ms();
	cache_store(z->cache, key, value, len, now, now + (int64_t)ttl * 1000);
}

void zones_init(struct zones *z, struct cache *cache, const struct config *cfg)
{
	z->cache = cache;
	z->cfg = cfg;
	z->hook = (struct report_zones){ zones_find, zones_keep, z };
}
