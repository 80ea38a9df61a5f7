/*
 * zones: the servers of the zones above the domains that reports are made
 * for (the root's children, a registry's zone, any parent), kept in the
 * shared cache for the TTL of the referral that named them, so that the
 * walk of one report serves every later report below the same zones, in
 * every worker process. The report reads and fills them through the
 * struct report_zones of report.h.
 */
#ifndef NSCHECK_ZONES_H
#define NSCHECK_ZONES_H

#include <stddef.h>

#include "report/report.h"

struct cache;
struct config;

struct zones {
	struct cache *cache;
	const struct config *cfg;  /* cache_min_ttl .. cache_max_ttl */
	struct report_zones hook;  /* for report_env.zones; ctx is this */
};

void zones_init(struct zones *z, struct cache *cache, const struct config *cfg);

/* The value kept for a zone, and back: for the unit tests. Encoding
 * returns the length, or 0 when it does not fit in size bytes. */
size_t zones_encode(const struct report_zone *z, unsigned char *out,
		    size_t size);
int zones_decode(const unsigned char *in, size_t len, const char *zone,
		 struct arena *a, struct report_zone *out);

#endif
