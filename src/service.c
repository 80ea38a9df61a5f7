/*
 * service: cache, coalescing and the in-flight limit around lookup_run()
 * (see service.h).
 */
#include "service.h"

#include <string.h>

#include "arena.h"
#include "buf.h"
#include "cache.h"
#include "clock.h"
#include "codec.h"
#include "config.h"
#include "lookup.h"
#include "result.h"

static uint32_t clamp(uint32_t v, uint32_t lo, uint32_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

int64_t service_expiry(const struct ns_result *r, const struct config *cfg,
		       int64_t now_ms)
{
	uint32_t ttl;

	switch (r->status) {
	case LOOKUP_FOUND:
		/* an incomplete answer is kept only as long as a failure */
		ttl = result_partial(r) ? cfg->cache_failure_ttl :
		      clamp(result_min_ttl(r), cfg->cache_min_ttl, cfg->cache_max_ttl);
		break;
	case LOOKUP_NXDOMAIN:
	case LOOKUP_NO_NS:
		/* RFC 2308 §5: the SOA's negative TTL, else our default */
		ttl = clamp(r->zone ? r->negative_ttl : cfg->cache_negative_ttl,
			    cfg->cache_min_ttl, cfg->cache_max_ttl);
		break;
	default:
		ttl = cfg->cache_failure_ttl;
		break;
	}
	return now_ms + (int64_t)ttl * 1000;
}

static enum cache_counter outcome_counter(enum lookup_status s)
{
	switch (s) {
	case LOOKUP_FOUND: return CTR_OUT_FOUND;
	case LOOKUP_NXDOMAIN: return CTR_OUT_NXDOMAIN;
	case LOOKUP_NO_NS: return CTR_OUT_NO_NS;
	case LOOKUP_SERVFAIL: return CTR_OUT_SERVFAIL;
	case LOOKUP_TIMEOUT: return CTR_OUT_TIMEOUT;
	case LOOKUP_ERROR: return CTR_OUT_ERROR;
	}
	return CTR_OUT_ERROR;
}

void service_init(struct service *s, struct cache *cache,
		  const struct config *cfg, unsigned threads)
{
	s->cache = cache;
	s->cfg = cfg;
	atomic_store(&s->slow, 0);
	/* a quarter of the threads (at least one) only ever serve hits */
	unsigned reserve = threads / 4 ? threads / 4 : 1;
	s->max_slow = threads > reserve ? threads - reserve : 0;
}

/* We own the key: look it up upstream and publish the result. */
static enum service_status resolve(struct service *s, struct resolver *r,
				   struct arena *a, const char *name,
				   const struct cache_ticket *t,
				   struct ns_result *out)
{
	const struct config *cfg = s->cfg;

	if (cache_inflight_begin(s->cache, cfg->max_inflight) < 0) {
		cache_drop(s->cache, t);
		return SERVICE_BUSY;
	}
	lookup_run(r, cfg, a, name, out);
	cache_inflight_end(s->cache);
	cache_count(s->cache, outcome_counter(out->status));

	struct buf enc;
	buf_init(&enc, cache_value_max());
	codec_encode(out, &enc);
	int64_t now = clock_ms();
	if (out->status == LOOKUP_ERROR) {
		cache_drop(s->cache, t);
	} else if (buf_failed(&enc)) {
		/* larger than a slot: served as it is, never cut to fit */
		cache_count(s->cache, CTR_TOO_BIG);
		cache_drop(s->cache, t);
	} else {
		cache_put(s->cache, t, name, enc.data, enc.len, now,
			  service_expiry(out, cfg, now));
	}
	buf_free(&enc);
	return SERVICE_OK;
}

static void timed_out(const char *name, int64_t start, int64_t now,
		      struct ns_result *out)
{
	memset(out, 0, sizeof *out);
	out->qname = out->owner = name;
	out->status = LOOKUP_TIMEOUT;
	out->failure = "timeout";
	out->elapsed_ms = (uint32_t)(now - start);
}

/* A cache hit into *out, its TTLs aged; undecodable bytes mean asking DNS. */
static void from_cache(struct service *s, struct resolver *r, struct arena *a,
		       const char *name, const void *value, size_t len,
		       const struct cache_meta *meta, int64_t now,
		       struct ns_result *out)
{
	uint32_t age = now > meta->stored_ms ?
		       (uint32_t)((now - meta->stored_ms) / 1000) : 0;

	if (codec_decode(value, len, age, a, out) < 0) {
		lookup_run(r, s->cfg, a, name, out);
		return;
	}
	out->cached = true;
	out->age_s = age;
}

/* A miss (we resolve) or a pending lookup (we wait for its answer). */
static enum service_status uncached(struct service *s, struct resolver *r,
				    struct arena *a, const char *name,
				    int64_t start, struct cache_ticket *t,
				    enum cache_status st, struct ns_result *out)
{
	const struct config *cfg = s->cfg;
	int64_t give_up = start + cfg->deadline_ms, accept_from = INT64_MAX;
	unsigned char value[CACHE_SLOT_SIZE];

	for (;;) {
		if (st == CACHE_MISS)
			return resolve(s, r, a, name, t, out);
		int64_t now = clock_ms();
		if (now >= give_up) {
			timed_out(name, start, now, out);
			return SERVICE_OK;
		}
		if (accept_from == INT64_MAX)
			accept_from = now;
		cache_wait(s->cache, t, give_up);
		struct cache_meta meta;
		size_t len = 0;
		now = clock_ms();
		st = cache_get(s->cache, name, now, now + cfg->deadline_ms + 1000,
			       accept_from, value, sizeof value, &len, &meta, t);
		if (st == CACHE_HIT) {
			from_cache(s, r, a, name, value, len, &meta, now, out);
			return SERVICE_OK;
		}
	}
}

enum service_status service_lookup(struct service *s, struct resolver *r,
				   struct arena *a, const char *name,
				   struct ns_result *out)
{
	const struct config *cfg = s->cfg;
	int64_t start = clock_ms();
	unsigned char value[CACHE_SLOT_SIZE];
	struct cache_meta meta;
	struct cache_ticket t;
	size_t len = 0;

	if (!s->cache) {
		lookup_run(r, cfg, a, name, out);
		return SERVICE_OK;
	}
	enum cache_status st = cache_get(s->cache, name, start,
					 start + cfg->deadline_ms + 1000,
					 INT64_MAX, value, sizeof value, &len,
					 &meta, &t);
	if (st == CACHE_HIT) {
		from_cache(s, r, a, name, value, len, &meta, start, out);
		return SERVICE_OK;
	}
	/* uncached work may not take the threads that serve hits */
	if (s->max_slow && atomic_fetch_add(&s->slow, 1) >= s->max_slow) {
		atomic_fetch_sub(&s->slow, 1);
		if (st == CACHE_MISS)
			cache_drop(s->cache, &t);
		cache_count(s->cache, CTR_BUSY);
		return SERVICE_BUSY;
	}
	enum service_status rc = uncached(s, r, a, name, start, &t, st, out);
	if (s->max_slow)
		atomic_fetch_sub(&s->slow, 1);
	return rc;
}
