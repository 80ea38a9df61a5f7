/*
 * cache: a table of lookup results in a named shared-memory segment, used by
 * every worker process and thread on the machine (and by CGI runs).
 *
 * Fixed-size slots in sets of CACHE_WAYS; a keyed hash picks the set, so a
 * lookup touches one set only. Each set is guarded by one of a few robust,
 * process-shared mutexes: a process killed while holding one leaves it to
 * the next locker (EOWNERDEAD), which repairs the set the dead process was
 * changing. Every slot carries a checksum, checked on each read, so a
 * half-written slot is never served.
 *
 * Values are opaque bytes (see codec for what lookup stores). A slot is
 * EMPTY, VALID (a value with its expiry) or PENDING (someone is looking the
 * key up right now): that is how concurrent requests for one name, in any
 * process, share a single upstream lookup. Time is a parameter (monotonic
 * milliseconds), so tests never sleep.
 *
 * The segment also holds counters for the status view, the table of
 * processes' in-flight lookups that enforces max_inflight, and the rate
 * limit's buckets (one set of RATE_WAYS clients per set of slots).
 */
#ifndef NSCHECK_CACHE_H
#define NSCHECK_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cache/ratelimit.h"

#define CACHE_WAYS 16
#define CACHE_SLOT_SIZE 2048
#define CACHE_KEY_MAX 255
#define CACHE_PROCS 256
#define CACHE_LAYOUT_VERSION 4

/* The status view's histogram and tables (their labels are in stats.c). */
#define STATS_BUCKETS 15   /* 14 upper bounds and +Inf */
#define STATS_STATUSES 15  /* 14 statuses and "other" */
#define STATS_FORMATS 5    /* enum request_format */

struct cache;

/* Counters kept in the segment, for the status view. */
enum cache_counter {
	CTR_HITS,
	CTR_MISSES,
	CTR_COALESCED,       /* requests that waited for another's lookup */
	CTR_INSERTS,
	CTR_EVICTIONS,       /* live entries pushed out to make room */
	CTR_TOO_BIG,         /* results served uncached: larger than a slot */
	CTR_LOCK_RECOVERIES, /* locks taken over from a dead process */
	CTR_CORRUPT,         /* slots whose checksum failed (cleared) */
	CTR_REPLACED,        /* incompatible segments replaced at start-up */
	CTR_BUSY,            /* lookups refused: max_inflight reached */
	CTR_OUT_FOUND,       /* lookups by outcome, counted when they end */
	CTR_OUT_NXDOMAIN,
	CTR_OUT_NO_NS,
	CTR_OUT_SERVFAIL,
	CTR_OUT_TIMEOUT,
	CTR_OUT_ERROR,
	CTR_REQUESTS,
	CTR_LIMITED_REQUESTS, /* requests refused by the rate limit */
	CTR_LIMITED_LOOKUPS,  /* upstream lookups refused by it */
	CTR_STALE,            /* expired answers served instead of a 503 */
	CTR_REPORT_QUERIES,   /* queries the reports sent */
	CTR_REPORT_TIMEOUTS,  /* ... of which no reply came */
	CTR_WORKER_RESTARTS,  /* workers started again after dying */
	CTR_RELOADS,          /* configurations reloaded (SIGHUP) */
	CTR_HEALTH_AT_MS,     /* when the health check last asked the
				 resolver (monotonic ms, +1: 0 is never) */
	CTR_HEALTH_OK,        /* what it found: 1 answered, 0 not */
	CTR_DURATION_SUM_US,  /* request durations, in microseconds */
	CTR_DURATION,         /* a histogram: requests by duration bucket
				 (stats.h), STATS_BUCKETS counters */
	CTR_STATUS = CTR_DURATION + STATS_BUCKETS, /* by HTTP status */
	CTR_FORMAT = CTR_STATUS + STATS_STATUSES,  /* by format */
	CTR_COUNT = CTR_FORMAT + STATS_FORMATS,
};

enum cache_status {
	CACHE_HIT,      /* a usable value was copied out */
	CACHE_MISS,     /* none: the caller now owns the lookup of this key */
	CACHE_PENDING,  /* another caller is looking this key up */
};

/* Identifies the slot a caller owns (MISS) or waits on (PENDING). */
struct cache_ticket {
	uint32_t slot;  /* CACHE_NO_SLOT: no marker could be placed */
	uint32_t gen;
};
#define CACHE_NO_SLOT UINT32_MAX

struct cache_meta {
	int64_t stored_ms;
	int64_t expires_ms;
	bool stale;   /* MISS: buf holds the expired value the key had */
};

struct cache_info {
	size_t segment_bytes;
	uint32_t slots;
	uint32_t slot_size;
	uint32_t entries;     /* VALID and not expired at the time of the call */
	uint32_t pending;
};

/*
 * Opens the segment called name (e.g. "/nscheck"), creating it with room
 * for size bytes, or attaching to the one there. A segment of another
 * layout or size is replaced, never trusted. NULL with err on failure.
 */
struct cache *cache_open(const char *name, size_t size, char *err,
			 size_t errlen);
/* Attaches to an existing segment without creating one (for --stats). */
struct cache *cache_attach(const char *name, char *err, size_t errlen);
void cache_close(struct cache *c);

/*
 * Looks key up at now_ms.
 *  HIT:     the value is copied into buf (*len bytes), meta filled.
 *  MISS:    nothing usable. Unless t->slot is CACHE_NO_SLOT, a PENDING
 *           marker now says the caller resolves the key until pending_until;
 *           the caller must end it with cache_put() or cache_drop(). When
 *           the marker took the place of the key's expired value, that
 *           value is copied out first (meta->stale), for a caller that
 *           cannot resolve the key now (RFC 8767) to serve or put back.
 *  PENDING: another caller resolves it; wait with cache_wait(), ask again.
 * A value stored at or after accept_from_ms counts as a HIT even if expired:
 * a waiter gets the answer it waited for, however short its lifetime.
 */
enum cache_status cache_get(struct cache *c, const char *key, int64_t now_ms,
			    int64_t pending_until, int64_t accept_from_ms,
			    void *buf, size_t bufsize, size_t *len,
			    struct cache_meta *meta, struct cache_ticket *t);

/* Stores the value and ends the caller's marker. -1 when it does not fit
 * in a slot: nothing is stored, the marker is dropped. */
int cache_put(struct cache *c, const struct cache_ticket *t, const char *key,
	      const void *value, size_t len, int64_t now_ms,
	      int64_t expires_ms);
/* cache_get() for a caller that will not compute the key itself: a HIT,
 * or MISS for anything else; no marker is placed and nothing is counted
 * (the caller counts a hit it keeps; for anything else it asks cache_get()
 * again where it may compute or wait, which counts it). */
enum cache_status cache_find(struct cache *c, const char *key, int64_t now_ms,
			     void *buf, size_t bufsize, size_t *len,
			     struct cache_meta *meta);
/* For values nobody waits for and no counter counts (the servers of the
 * zones a report walks through): a valid, unexpired value copied out (0),
 * or -1; no marker is placed. */
int cache_peek(struct cache *c, const char *key, int64_t now_ms, void *buf,
	       size_t bufsize, size_t *len);
/* Stores such a value over any older one, unless another caller's marker
 * holds the key. 0, or -1 when it was not stored. */
int cache_store(struct cache *c, const char *key, const void *value,
		size_t len, int64_t now_ms, int64_t expires_ms);
/* Removes a stored value (one its reader could not use). */
void cache_invalidate(struct cache *c, const char *key);
/* Ends the caller's marker without storing anything. */
void cache_drop(struct cache *c, const struct cache_ticket *t);
/* Blocks until the slot of t changes or the monotonic clock passes until_ms. */
void cache_wait(struct cache *c, const struct cache_ticket *t,
		int64_t until_ms);
/* The same for a fiber (w: its waiter; NULL is cache_wait()): it looks
 * at the slot every few milliseconds, letting the other fibers run, since
 * a futex would stop the whole thread. */
struct waiter;
void cache_wait_by(struct cache *c, const struct cache_ticket *t,
		   int64_t until_ms, const struct waiter *w);

/* A keyed hash (the segment's secret key) of len bytes: for keys built
 * from what clients send, which they cannot make collide. */
uint64_t cache_hash(const struct cache *c, const void *data, size_t len);

/* The largest value a slot holds. */
size_t cache_value_max(void);

void cache_count(struct cache *c, enum cache_counter which);
void cache_add(struct cache *c, enum cache_counter which, uint64_t n);
void cache_counter_set(struct cache *c, enum cache_counter which, uint64_t v);
uint64_t cache_counter_value(const struct cache *c, enum cache_counter which);
void cache_info(struct cache *c, int64_t now_ms, struct cache_info *out);

/*
 * In-flight upstream lookups, per process (a dead process's count lapses).
 * A process registers once, after fork() and before its threads start;
 * the limit is soft: processes checking at the same moment may pass it by
 * one each.
 */
void cache_register_process(struct cache *c);
int cache_inflight_begin(struct cache *c, uint32_t max);  /* 0, or -1: limit */
void cache_inflight_end(struct cache *c);
uint32_t cache_inflight_total(struct cache *c);

/*
 * Takes one token of kind from the bucket of client (len bytes that name
 * it; hashed with the segment's secret key): 0, or the milliseconds until
 * the client may try again.
 */
uint32_t cache_rate_charge(struct cache *c, const void *client, size_t len,
			   enum rate_kind kind, const struct rate_rule *rule,
			   int64_t now_ms);

#endif
