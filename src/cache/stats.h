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

/* Who is asking: the version of the build, and when nscheck started
 * (the master under -w; wall-clock seconds; 0 leaves it out). */
struct stats_process {
	const char *version;
	int64_t started_s;
};

void stats_render(struct cache *c, int64_t now_ms,
		  const struct stats_process *proc, struct buf *out);

/* One request answered: its status, its format (enum request_format)
 * and how long it took. */
void stats_note_request(struct cache *c, int status, unsigned format,
			uint64_t elapsed_us);

/* The bucket of a duration: the first upper bound it does not exceed,
 * STATS_BUCKETS - 1 for +Inf. */
unsigned stats_bucket(uint64_t elapsed_us);

#endif
