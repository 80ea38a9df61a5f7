/*
 * service: cache, coalescing and the limits around the two expensive things
 * a request may need, a lookup and a delegation report (see service.h).
 *
 * Both go through cached(): a hit is decoded; a miss is computed by this
 * thread and published; a pending key is waited for. What differs between
 * the two is in a struct work: compute, encode, decode, lifetime.
 */
#include "cache/service.h"

#include <string.h>
#include <udns.h>

#include "util/arena.h"
#include "util/buf.h"
#include "cache/cache.h"
#include "input/client.h"
#include "util/clock.h"
#include "cache/codec.h"
#include "util/config.h"
#include "util/lang.h"
#include "report/drill.h"
#include "report/expect.h"
#include "report/lookup.h"
#include "util/netaddr.h"
#include "report/report.h"
#include "report/result.h"
#include "cache/zones.h"

struct work {
	const char *key;
	bool upstream;     /* counts against max_inflight */
	int64_t deadline;  /* the computation must end by then */
	void (*compute)(struct work *w);
	void (*encode)(const struct work *w, struct buf *out);
	int (*decode)(struct work *w, const void *data, size_t len, uint32_t age);
	int64_t (*expiry)(const struct work *w, int64_t now); /* -1: keep none */
	void (*timed_out)(struct work *w, uint32_t waited_ms);
	struct service *s;
	struct resolver *r;
	struct probe *p;
	struct arena *a;
	const char *name;
	struct ns_result *result;
	const struct ns_result *of;  /* report: the lookup it is about */
	struct report *report;
	struct drill *drill;
	struct service_caller *who;
	const struct expect_list *expect;  /* reports: servers also asked */
	struct service_ahead *ahead;       /* lookups: a report beside it */
	struct lookup_job *job;            /* the lookup beside that report */
	int64_t gate_until;                /* how long the report waits for it */
	char key_mem[CACHE_KEY_MAX + 1];   /* a report begun beside: its key, */
	struct report_env env;             /* environment */
	struct zones zones;                /* and zones, which it keeps */
	bool stale_ok;     /* an expired copy may stand in when busy */
	const unsigned char *stale; /* the key's expired value, or NULL */
	size_t stale_len;
	struct cache_meta stale_meta;
};

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

void service_init(struct service *s, struct cache *cache,
		  const struct config *cfg, unsigned threads)
{
	s->cache = cache;
	s->cfg = cfg;
	s->env = NULL;
	atomic_store(&s->slow, 0);
	/* a quarter of the threads (at least one) only ever serve hits */
	unsigned reserve = threads / 4 ? threads / 4 : 1;
	s->max_slow = threads > reserve ? threads - reserve : 0;
}

void service_set_slow(struct service *s, unsigned max)
{
	s->max_slow = max;
}

void service_count_hits(struct service *s, struct service_caller *who)
{
	for (; s->cache && who->quiet_hits; who->quiet_hits--)
		cache_count(s->cache, CTR_HITS);
}

void service_slow_end(struct service *s)
{
	if (s->max_slow)
		atomic_fetch_sub(&s->slow, 1);
}

/* ---- the shared machinery ---- */

/* A MISS that took the place of an expired value handed that value out:
 * kept (in the caller's buffer) in case this request cannot compute. */
static void keep_stale(struct work *w, enum cache_status st,
		       const unsigned char *value, size_t len,
		       const struct cache_meta *meta)
{
	if (st == CACHE_MISS && meta->stale) {
		w->stale = value;
		w->stale_len = len;
		w->stale_meta = *meta;
	}
}

/* Ends our marker without a new value: the expired value it replaced
 * goes back, so that a refusal leaves the cache as it found it. */
static void end_unused(struct work *w, const struct cache_ticket *t)
{
	if (w->stale)
		cache_put(w->s->cache, t, w->key, w->stale, w->stale_len,
			  w->stale_meta.stored_ms, w->stale_meta.expires_ms);
	else
		cache_drop(w->s->cache, t);
}

/*
 * A limit says no, but the key had an answer that expired less than
 * serve_stale ago: better shown, marked as expired, than a 503 (RFC 8767).
 * Only answers (found, no such name, no NS), never a kept failure. The
 * value goes back into the slot for the next request in the same
 * situation. false: the caller answers busy.
 */
static bool serve_stale(struct work *w, const struct cache_ticket *t)
{
	struct service *s = w->s;
	int64_t now = clock_ms(), past = now - w->stale_meta.expires_ms;

	if (!w->stale || past > (int64_t)s->cfg->serve_stale * 1000) {
		cache_drop(s->cache, t); /* nothing, or too old to keep */
		return false;
	}
	if (!w->stale_ok) {
		end_unused(w, t);
		return false;
	}
	uint32_t age = (uint32_t)((now - w->stale_meta.stored_ms) / 1000);
	const struct ns_result *r = w->result;
	if (w->decode(w, w->stale, w->stale_len, age) < 0 ||
	    !(r->status == LOOKUP_FOUND || r->status == LOOKUP_NXDOMAIN ||
	      r->status == LOOKUP_NO_NS) || result_partial(r)) {
		cache_drop(s->cache, t); /* unusable bytes, or a failure */
		return false;
	}
	end_unused(w, t);
	w->result->stale = true;
	w->result->stale_s = past > 0 ? (uint32_t)(past / 1000) : 0;
	cache_count(s->cache, CTR_STALE);
	return true;
}

/* One token of the client's lookups, taken by the first lookup of a
 * request that has to go upstream (a report after it is part of it). */
static bool charge_lookup(struct work *w)
{
	const struct config *cfg = w->s->cfg;
	struct service_caller *who = w->who;

	if (!cfg->rate_limit || !who || !who->id || who->charged)
		return true;
	struct rate_rule rule = { cfg->rate_lookups_ms, cfg->rate_lookup_burst };
	who->wait_ms = cache_rate_charge(w->s->cache, who->id->key,
					 who->id->key_len, RATE_LOOKUPS, &rule,
					 clock_ms());
	who->charged = who->wait_ms == 0;
	return who->charged;
}

static void publish(struct work *w, const struct cache_ticket *t);

/* We own the key: compute, then publish the result (or just end the
 * marker when it is not to be kept, or too big for a slot). */
static enum service_status resolve(struct work *w, const struct cache_ticket *t)
{
	struct service *s = w->s;

	if (w->upstream && cache_inflight_begin(s->cache, s->cfg->max_inflight) < 0)
		return serve_stale(w, t) ? SERVICE_OK : SERVICE_BUSY;
	if (w->upstream && !charge_lookup(w)) {
		cache_inflight_end(s->cache);
		end_unused(w, t);
		return SERVICE_LIMITED;
	}
	w->compute(w);
	if (w->upstream)
		cache_inflight_end(s->cache);
	publish(w, t);
	return SERVICE_OK;
}

/* The computed result into the cache, ending our marker. */
static void publish(struct work *w, const struct cache_ticket *t)
{
	struct service *s = w->s;
	struct buf enc;
	buf_init(&enc, cache_value_max());
	w->encode(w, &enc);
	int64_t now = clock_ms(), expires = w->expiry(w, now);
	if (expires < 0) {
		cache_drop(s->cache, t);
	} else if (buf_failed(&enc)) {
		/* larger than a slot: served as it is, never cut to fit */
		cache_count(s->cache, CTR_TOO_BIG);
		cache_drop(s->cache, t);
	} else {
		cache_put(s->cache, t, w->key, enc.data, enc.len, now, expires);
	}
	buf_free(&enc);
}

/* A hit, decoded with its age. Bytes that do not decode (written by
 * another version, say) are removed: false, and the caller asks again. */
static bool from_cache(struct work *w, const void *value, size_t len,
		       const struct cache_meta *meta, int64_t now)
{
	uint32_t age = now > meta->stored_ms ?
		       (uint32_t)((now - meta->stored_ms) / 1000) : 0;

	if (w->decode(w, value, len, age) == 0)
		return true;
	cache_invalidate(w->s->cache, w->key);
	return false;
}

/* A miss (we compute) or a pending key (we wait for its value). */
static enum service_status uncached(struct work *w, int64_t start,
				    int64_t give_up, struct cache_ticket *t,
				    enum cache_status st)
{
	struct service *s = w->s;
	unsigned char value[CACHE_SLOT_SIZE];

	for (;;) {
		if (st == CACHE_MISS) {
			/* a waiter that became the owner has only what is left */
			w->deadline = give_up;
			return resolve(w, t);
		}
		int64_t now = clock_ms();
		if (now >= give_up) {
			w->timed_out(w, (uint32_t)(now - start));
			return SERVICE_OK;
		}
		cache_wait_by(s->cache, t, give_up,
			      w->who ? w->who->waiter : NULL);
		struct cache_meta meta;
		size_t len = 0;
		now = clock_ms();
		/* anything stored since we started is the answer we waited for */
		st = cache_get(s->cache, w->key, now, give_up + 1000, start,
			       value, sizeof value, &len, &meta, t);
		if (st == CACHE_HIT && from_cache(w, value, len, &meta, now))
			return SERVICE_OK;
		if (st == CACHE_HIT)
			st = cache_get(s->cache, w->key, now, give_up + 1000,
				       INT64_MAX, value, sizeof value, &len, &meta, t);
		if (st == CACHE_HIT) { /* still unusable: no cache this time */
			w->compute(w);
			return SERVICE_OK;
		}
		keep_stale(w, st, value, len, &meta);
	}
}

static bool holds_slow(const struct work *w)
{
	return w->who && w->who->slow_held;
}

/* Takes one of the process's places for uncached work: false when none
 * is left. */
static bool slow_begin(struct service *s)
{
	if (s->max_slow && atomic_fetch_add(&s->slow, 1) >= s->max_slow) {
		atomic_fetch_sub(&s->slow, 1);
		return false;
	}
	return true;
}

bool service_slow_take(struct service *s)
{
	return slow_begin(s);
}

static void count_busy(struct service *s)
{
	if (s->cache)
		cache_count(s->cache, CTR_BUSY);
}

/* Not a hit, for a caller that serves only hits: a place is kept for
 * the request's second go (false: none is left). */
static bool defer(struct work *w)
{
	if (!slow_begin(w->s))
		return false;
	w->who->slow_held = true;
	return true;
}

/* A hit, looked for without a marker or a miss counted. */
static bool quiet_hit(struct work *w, int64_t now)
{
	unsigned char value[CACHE_SLOT_SIZE];
	struct cache_meta meta;
	size_t len = 0;

	if (cache_find(w->s->cache, w->key, now, value, sizeof value, &len,
		       &meta) != CACHE_HIT || !from_cache(w, value, len, &meta, now))
		return false;
	w->who->quiet_hits++;
	return true;
}

static enum service_status cached(struct work *w, unsigned budget_ms)
{
	struct service *s = w->s;
	int64_t start = clock_ms(), give_up = start + budget_ms;
	unsigned char value[CACHE_SLOT_SIZE];
	struct cache_meta meta;
	struct cache_ticket t;
	size_t len = 0;

	w->deadline = give_up;
	bool hits_only = w->who && w->who->hits_only && !holds_slow(w);
	bool refuse = false; /* hits only, and no place for the second go */
	if (!s->cache || !w->key) {
		if (hits_only)
			return defer(w) ? SERVICE_DEFER : SERVICE_BUSY;
		w->compute(w);
		return SERVICE_OK;
	}
	if (hits_only) {
		if (quiet_hit(w, start))
			return SERVICE_OK;
		if (defer(w))
			return SERVICE_DEFER;
		refuse = true; /* below: as busy as any, stale if it can */
	}
	/* the marker outlives our deadline a little, so waiters do not take
	 * over a computation that is about to finish */
	enum cache_status st = cache_get(s->cache, w->key, start, give_up + 1000,
					 INT64_MAX, value, sizeof value, &len,
					 &meta, &t);
	if (st == CACHE_HIT && from_cache(w, value, len, &meta, start))
		return SERVICE_OK;
	if (st == CACHE_HIT) /* removed as unusable: ask again */
		st = cache_get(s->cache, w->key, start, give_up + 1000, INT64_MAX,
			       value, sizeof value, &len, &meta, &t);
	if (st == CACHE_HIT) {
		if (refuse)
			return SERVICE_BUSY; /* computing would wait */
		w->compute(w);
		return SERVICE_OK;
	}
	keep_stale(w, st, value, len, &meta);
	/* uncached work may not take the threads that serve hits */
	bool counted = !holds_slow(w) && !refuse;
	if (refuse || (counted && !slow_begin(s))) {
		count_busy(s);
		if (st == CACHE_MISS)
			return serve_stale(w, &t) ? SERVICE_OK : SERVICE_BUSY;
		return SERVICE_BUSY;
	}
	enum service_status rc = uncached(w, start, give_up, &t, st);
	if (counted)
		service_slow_end(s);
	return rc;
}

/* ---- lookups ---- */

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

static bool ahead_take(struct work *lw);

/* The report_gate of a report begun beside the lookup w: once the
 * lookup's NS answer is in, the report goes on only if the page will show
 * it for the name the lookup ended at. Waiting for that answer would cost
 * a round trip on every page; before it, the parent is asked what it
 * would be asked for any existing name. */
static bool lookup_wants_report(void *ctx)
{
	struct work *w = ctx;

	return !lookup_answered(w->job) ||
	       (report_wanted(w->result) && strcmp(w->result->owner, w->name) == 0);
}
static void ahead_end(struct service_ahead *ah, const struct ns_result *of,
		      const char *name);
static void report_env_of(const struct service *s, struct report_env *env,
			  struct zones *zones);

static void lookup_compute(struct work *w)
{
	struct service_ahead *ah = w->ahead;

	if (ah && ah->r && !ah->w && ahead_take(w)) {
		struct work *rw = ah->w;
		struct report_gate gate = { lookup_wants_report, w };
		w->job = lookup_start(w->r, w->s->cfg, w->a, w->name, w->result);
		w->gate_until = rw->deadline < w->deadline ? rw->deadline : w->deadline;
		report_env_of(w->s, &rw->env, &rw->zones);
		probe_beside(ah->p, w->r);
		ah->st = report_begin(ah->p, ah->r, &rw->env, w->a, w->name,
				      ah->expect, &gate, w->gate_until, ah->report);
		probe_beside(ah->p, NULL);
		lookup_finish(w->job, w->deadline);
	} else {
		lookup_run_until(w->r, w->s->cfg, w->a, w->name, w->deadline,
				 w->result);
	}
	if (w->s->cache)
		cache_count(w->s->cache, outcome_counter(w->result->status));
}

static void lookup_encode(const struct work *w, struct buf *out)
{
	codec_encode(w->result, out);
}

static int lookup_decode(struct work *w, const void *data, size_t len,
			 uint32_t age)
{
	if (codec_decode(data, len, age, w->a, w->result) < 0)
		return -1;
	w->result->cached = true;
	w->result->age_s = age;
	return 0;
}

static int64_t lookup_expiry(const struct work *w, int64_t now)
{
	if (w->result->status == LOOKUP_ERROR)
		return -1;
	return service_expiry(w->result, w->s->cfg, now);
}

static void lookup_timed_out(struct work *w, uint32_t waited_ms)
{
	struct ns_result *out = w->result;

	memset(out, 0, sizeof *out);
	out->qname = out->owner = w->name;
	out->status = LOOKUP_TIMEOUT;
	out->failure = "timeout";
	out->elapsed_ms = waited_ms;
}

enum service_status service_lookup(struct service *s, struct resolver *r,
				   struct arena *a, const char *name,
				   struct service_caller *who,
				   struct ns_result *out)
{
	return service_lookup_ahead(s, r, a, name, who, NULL, out);
}

enum service_status service_lookup_ahead(struct service *s,
					 struct resolver *r, struct arena *a,
					 const char *name,
					 struct service_caller *who,
					 struct service_ahead *ahead,
					 struct ns_result *out)
{
	struct work w = {
		.key = name, .upstream = true, .compute = lookup_compute,
		.encode = lookup_encode, .decode = lookup_decode,
		.expiry = lookup_expiry, .timed_out = lookup_timed_out,
		.s = s, .r = r, .a = a, .name = name, .result = out,
		.who = who, .stale_ok = true, .ahead = ahead,
	};
	if (ahead) {
		ahead->done = false;
		ahead->w = NULL;
		ahead->st = NULL;
	}
	enum service_status st = cached(&w, s->cfg->deadline_ms);
	if (ahead && ahead->w)
		ahead_end(ahead, st == SERVICE_OK ? out : NULL, name);
	else if (ahead && ahead->done &&
		 (st != SERVICE_OK || strcmp(out->owner, name) != 0))
		ahead->done = false; /* a hit for a name the lookup did not end at */
	return st;
}

const char *service_key(const struct service *s, const char *prefix,
			const struct buf *text, bool hashed, char *key,
			size_t size)
{
	struct buf k;

	if (buf_failed(text))
		return NULL;
	buf_init_fixed(&k, key, size);
	buf_puts(&k, prefix);
	if (!hashed && strlen(prefix) + text->len <= CACHE_KEY_MAX)
		buf_put(&k, text->data, text->len);
	else if (s->cache)
		buf_printf(&k, "#%016llx", (unsigned long long)
			   cache_hash(s->cache, text->data, text->len));
	else
		return NULL;
	return buf_failed(&k) || k.len > CACHE_KEY_MAX ? NULL : buf_str(&k);
}

/* ---- delegation reports ---- */

/* The report's environment, whose walk keeps the zones above in the
 * same cache. */
static void report_env_of(const struct service *s, struct report_env *env,
			  struct zones *zones)
{
	*env = *s->env;
	if (s->cache) {
		zones_init(zones, s->cache, s->cfg);
		env->zones = &zones->hook;
	}
}

/* A report just made: what it sent, for the status view. */
static void count_queries(struct service *s, const struct report *r)
{
	if (!s->cache)
		return;
	cache_add(s->cache, CTR_REPORT_QUERIES, r->queries);
	cache_add(s->cache, CTR_REPORT_TIMEOUTS, r->timeouts);
}

static void report_compute(struct work *w)
{
	struct report_env env;
	struct zones zones;

	report_env_of(w->s, &env, &zones);
	report_run_until(w->p, w->r, &env, w->a, w->of, w->expect, w->deadline,
			 w->report);
	count_queries(w->s, w->report);
}

static void report_encode(const struct work *w, struct buf *out)
{
	codec_encode_report(w->report, out);
}

static int report_decode(struct work *w, const void *data, size_t len,
			 uint32_t age)
{
	/* the TTLs the servers publish do not count down; what resolvers
	 * have left does (the codec knows which is which) */
	if (codec_decode_report(data, len, age, w->a, w->report) < 0)
		return -1;
	w->report->cached = true;
	return 0;
}

/* A report lives as long as the lookup it goes with would, a failed one
 * as long as a failure. */
static int64_t report_expiry(const struct work *w, int64_t now)
{
	const struct config *cfg = w->s->cfg;
	const struct report *rep = w->report;

	if (rep->status == REPORT_FAILED || rep->cut_short)
		return now + (int64_t)cfg->cache_failure_ttl * 1000;
	return service_expiry(w->of, cfg, now);
}

static void report_timed_out(struct work *w, uint32_t waited_ms)
{
	memset(w->report, 0, sizeof *w->report);
	w->report->status = REPORT_FAILED;
	/* TRANSLATORS: why a delegation report failed */
	w->report->why = N_("another request was making the same report and "
			    "did not finish in time");
	w->report->elapsed_us = waited_ms * 1000u;
}

/* "report NAME"; with expected servers always a keyed hash of the name
 * and the list, which a client cannot aim at the entry of another's list.
 * Into key (CACHE_KEY_MAX + 1 bytes); NULL: no key. */
static const char *report_key(const struct service *s, const char *owner,
			      const struct expect_list *expect, char *key)
{
	/* the longest owner (\DDD escapes) and list fit: on the stack, since
	 * every page with a report, cached or not, comes through here */
	char mem[DNS_MAXNAME * (1 + EXPECT_MAX)];
	struct buf text;
	bool listed = expect && expect->n;

	buf_init_fixed(&text, mem, sizeof mem);
	buf_puts(&text, owner);
	for (size_t i = 0; listed && i < expect->n; i++) {
		buf_putc(&text, '\n');
		buf_puts(&text, expect->names[i]);
	}
	return service_key(s, "report ", &text, listed, key, CACHE_KEY_MAX + 1);
}

/* A lookup we compute may take the report of its name along: when that
 * report is a miss, it is begun beside the lookup (true), in the lookup's
 * upstream slot; a hit is taken at once (ahead->done); one pending
 * elsewhere is left to service_report(). */
static bool ahead_take(struct work *lw)
{
	struct service *s = lw->s;
	struct service_ahead *ah = lw->ahead;
	unsigned char value[CACHE_SLOT_SIZE];
	struct cache_meta meta;
	size_t len = 0;

	if (!s->cache || !s->env)
		return false;
	struct work *w = arena_alloc(lw->a, sizeof *w);
	if (!w)
		return false;
	*w = (struct work){
		.upstream = true, .compute = report_compute,
		.encode = report_encode, .decode = report_decode,
		.expiry = report_expiry, .timed_out = report_timed_out,
		.s = s, .r = lw->r, .p = ah->p, .a = lw->a, .name = lw->name,
		.of = lw->result, .report = ah->report, .who = lw->who,
		.expect = ah->expect,
	};
	w->key = report_key(s, lw->name, ah->expect, w->key_mem);
	if (!w->key)
		return false;
	/* its marker lasts while the lookup may, and then the report's
	 * last stage */
	int64_t now = clock_ms();
	w->deadline = now + s->cfg->report_deadline_ms;
	int64_t until = now + s->cfg->deadline_ms + s->cfg->report_deadline_ms + 1000;
	enum cache_status st = cache_get(s->cache, w->key, now, until,
					 INT64_MAX, value, sizeof value, &len,
					 &meta, &ah->t);
	if (st == CACHE_HIT) {
		ah->done = from_cache(w, value, len, &meta, now);
		ah->status = SERVICE_OK;
		return false;
	}
	if (st != CACHE_MISS)
		return false;
	/* an expired value it replaced must outlive this frame */
	unsigned char *kept = meta.stale ? arena_alloc(lw->a, len ? len : 1) : NULL;
	if (kept)
		memcpy(kept, value, len);
	else
		meta.stale = false;
	keep_stale(w, st, kept, len, &meta);
	ah->w = w;
	return true;
}

/* After the lookup: the report begun beside it is finished and published
 * when it is about the name found (of: the lookup, or NULL when it was
 * refused) and an upstream slot is free for its last stage, else its
 * marker ends without a value (and service_report() says why). */
static void ahead_end(struct service_ahead *ah, const struct ns_result *of,
		      const char *name)
{
	struct work *w = ah->w;
	struct service *s = w->s;

	/* its last stage counts like any uncached work: in flight, and
	 * among the requests that may wait on DNS (a deferred one has its
	 * place) */
	bool counted = !holds_slow(w);
	bool slow = !counted || slow_begin(s);
	if (slow && of && strcmp(of->owner, name) == 0 && report_wanted(of) &&
	    report_made(ah->st) &&
	    cache_inflight_begin(s->cache, s->cfg->max_inflight) == 0) {
		report_finish(ah->st, of, clock_ms() + s->cfg->report_deadline_ms);
		count_queries(s, ah->report);
		cache_inflight_end(s->cache);
		if (counted)
			service_slow_end(s);
		publish(w, &ah->t);
		ah->done = true;
		ah->status = SERVICE_OK;
	} else {
		if (slow && counted)
			service_slow_end(s);
		end_unused(w, &ah->t);
	}
	ah->w = NULL;
}

enum service_status service_report(struct service *s, struct resolver *r,
				   struct probe *p, struct arena *a,
				   const struct ns_result *of,
				   const struct expect_list *expect,
				   struct service_caller *who,
				   struct report *out)
{
	char key[CACHE_KEY_MAX + 1];
	const char *k = report_key(s, of->owner, expect, key);
	struct work w = {
		.key = k, .upstream = true, .compute = report_compute,
		.encode = report_encode, .decode = report_decode,
		.expiry = report_expiry, .timed_out = report_timed_out,
		.s = s, .r = r, .p = p, .a = a, .name = of->owner, .of = of,
		.report = out, .who = who, .expect = expect,
	};
	return cached(&w, s->cfg->report_deadline_ms);
}

/* ---- drill-downs: one server's answers ---- */

static void drill_compute(struct work *w)
{
	drill_run(w->p, w->a, w->deadline, w->drill);
}

static void drill_encode(const struct work *w, struct buf *out)
{
	codec_encode_drill(w->drill, out);
}

static int drill_decode(struct work *w, const void *data, size_t len,
			uint32_t age)
{
	if (codec_decode_drill(data, len, w->a, w->drill) < 0)
		return -1;
	w->drill->cached = true;
	w->drill->age_s = age;
	return 0;
}

/* What a server says now: kept only for the shortest time anything is,
 * enough for a reload or many clicks at once. */
static int64_t drill_expiry(const struct work *w, int64_t now)
{
	uint32_t keep = w->s->cfg->cache_min_ttl;

	return keep ? now + (int64_t)keep * 1000 : -1;
}

static void drill_timed_out(struct work *w, uint32_t waited_ms)
{
	w->drill->n = 0;
	w->drill->elapsed_us = waited_ms * 1000u;
}

enum service_status service_drill(struct service *s, struct probe *p,
				  struct arena *a, struct service_caller *who,
				  struct drill *d)
{
	char key[CACHE_KEY_MAX + 1], addr[64];
	struct buf text;

	/* the address, the questions (they follow the server's roles, which
	 * expected servers and the parent's DS change) and the domain */
	netaddr_format(d->addr, d->v6, addr, sizeof addr);
	buf_init(&text, 4096);
	buf_puts(&text, addr);
	buf_printf(&text, " %u ", drill_questions(d));
	buf_puts(&text, d->domain);
	const char *k = service_key(s, "drill ", &text, false, key, sizeof key);
	buf_free(&text);
	struct work w = {
		.key = k, .upstream = true, .compute = drill_compute,
		.encode = drill_encode, .decode = drill_decode,
		.expiry = drill_expiry, .timed_out = drill_timed_out,
		.s = s, .p = p, .a = a, .name = d->domain, .drill = d,
		.who = who,
	};
	return cached(&w, s->cfg->report_deadline_ms);
}
