/*
 * ratelimit: per-client token buckets, small enough to live in the shared
 * cache segment (cache_rate_charge() does the locking).
 *
 * A bucket holds up to `burst` tokens and gains one every `interval_ms`;
 * each request (or upstream lookup) takes one. It is kept as a single
 * time, the moment it will be full again: full now when that is in the
 * past, and each charge moves it one interval later. A client whose
 * bucket would have to be fuller than full waits.
 *
 * Clients live in sets of RATE_WAYS entries; a new client takes the entry
 * that has been idle longest, and an entry whose buckets are full loses
 * nothing when taken.
 */
#ifndef NSCHECK_RATELIMIT_H
#define NSCHECK_RATELIMIT_H

#include <stdint.h>

#define RATE_WAYS 8

enum rate_kind {
	RATE_REQUESTS,  /* every request */
	RATE_LOOKUPS,   /* lookups and reports that go upstream */
	RATE_KINDS,
};

struct rate_rule {
	uint32_t interval_ms;  /* one token per interval; 0: no limit */
	uint32_t burst;        /* tokens a full bucket holds (>= 1) */
};

struct rate_entry {
	uint64_t client;             /* keyed hash of the client, 0: free */
	int64_t full_at[RATE_KINDS]; /* when each bucket is full again */
};

/*
 * Takes one token of kind from client's bucket in set at now_ms: 0 when
 * there was one, else the milliseconds until there will be (nothing is
 * taken then). client must not be 0.
 */
uint32_t rate_charge(struct rate_entry set[RATE_WAYS], uint64_t client,
		     enum rate_kind kind, const struct rate_rule *rule,
		     int64_t now_ms);

#endif
