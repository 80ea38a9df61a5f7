/*
 * ratelimit: token buckets kept as "full again at" times (see ratelimit.h).
 */
#include "cache/ratelimit.h"

#include <stddef.h>

static int64_t latest(const struct rate_entry *e)
{
	int64_t t = e->full_at[0];

	for (int k = 1; k < RATE_KINDS; k++)
		if (e->full_at[k] > t)
			t = e->full_at[k];
	return t;
}

/* The client's entry, or a fresh one in place of the longest idle. */
static struct rate_entry *entry_for(struct rate_entry *set, uint64_t client,
				    int64_t now_ms)
{
	struct rate_entry *idle = NULL;

	for (size_t i = 0; i < RATE_WAYS; i++) {
		struct rate_entry *e = &set[i];
		if (e->client == client)
			return e;
		if (idle && idle->client == 0)
			continue; /* a free entry beats any idle one */
		if (!idle || e->client == 0 || latest(e) < latest(idle))
			idle = e;
	}
	idle->client = client;
	for (int k = 0; k < RATE_KINDS; k++)
		idle->full_at[k] = now_ms;
	return idle;
}

uint32_t rate_charge(struct rate_entry set[RATE_WAYS], uint64_t client,
		     enum rate_kind kind, const struct rate_rule *rule,
		     int64_t now_ms)
{
	if (rule->interval_ms == 0)
		return 0;
	struct rate_entry *e = entry_for(set, client, now_ms);
	int64_t interval = rule->interval_ms;
	int64_t span = interval * (rule->burst ? rule->burst : 1);
	int64_t full = e->full_at[kind];

	/* an empty bucket is full again after span at most: a later time
	 * is left by a crashed writer or a larger limit, not a client */
	if (full > now_ms + span)
		full = now_ms + span;
	if (full < now_ms)
		full = now_ms;
	if (full + interval - now_ms > span) {
		e->full_at[kind] = full;
		return (uint32_t)(full + interval - span - now_ms);
	}
	e->full_at[kind] = full + interval;
	return 0;
}
