/*
 * health: the answer to a load balancer's or an orchestrator's probe.
 *
 * Healthy when the shared-memory segment is there (if one is configured)
 * and the resolver answers a fixed query (the root zone's NS records); never a
 * lookup of anything a visitor sent. The resolver's verdict is kept in the
 * segment for HEALTH_KEEP_MS, so probes every second from several load
 * balancers cost one query between them.
 */
#ifndef NSCHECK_HEALTH_H
#define NSCHECK_HEALTH_H

#include <stdbool.h>
#include <stdint.h>

#include "dns/resolver.h"

#define HEALTH_KEEP_MS 2000
#define HEALTH_TIMEOUT_MS 1000

struct buf;
struct cache;

struct health {
	bool segment_wanted;     /* the configuration names one */
	bool segment;            /* ... and it is open */
	bool resolver;           /* it answered (any rcode but a failure) */
	enum res_outcome outcome;
	uint32_t checked_ms_ago; /* 0: asked for this probe */
};

/* The resolver's kept verdict is too old (or there is none): asking it
 * again may wait, up to HEALTH_TIMEOUT_MS. */
bool health_due(struct cache *c, int64_t now_ms);

/* c NULL: no segment (segment_wanted says whether one should be). */
void health_check(struct cache *c, bool segment_wanted, struct resolver *r,
		  int64_t now_ms, struct health *out);

bool health_ok(const struct health *h);

/* A few lines of text saying what was found. */
void health_render(const struct health *h, struct buf *out);

#endif
