/*
 * stats: the counters of the cache segment as Prometheus text, for the
 * status view (a URL the web server limits to localhost) and for
 * `nscheck --stats`.
 */
#ifndef NSCHECK_STATS_H
#define NSCHECK_STATS_H

#include <stdint.h>

struct buf;
struct cache;

void stats_render(struct cache *c, int64_t now_ms, struct buf *out);

#endif
