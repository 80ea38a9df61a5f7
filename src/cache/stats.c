/* stats: Prometheus text exposition of the segment (see stats.h). */
#include "cache/stats.h"

#include "util/buf.h"
#include "cache/cache.h"

static void metric(struct buf *out, const char *name, const char *type,
		   const char *help, uint64_t value)
{
	buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n%s %llu\n", name, help,
		   name, type, name, (unsigned long long)value);
}

void stats_render(struct cache *c, int64_t now_ms, struct buf *out)
{
	static const struct {
		enum cache_counter ctr;
		const char *label;
	} outcomes[] = {
		{ CTR_OUT_FOUND, "found" }, { CTR_OUT_NXDOMAIN, "nxdomain" },
		{ CTR_OUT_NO_NS, "no_ns" }, { CTR_OUT_SERVFAIL, "servfail" },
		{ CTR_OUT_TIMEOUT, "timeout" }, { CTR_OUT_ERROR, "error" },
	};
	struct cache_info info;

	cache_info(c, now_ms, &info);
	metric(out, "nscheck_requests_total", "counter",
	       "Requests handled.", cache_counter_value(c, CTR_REQUESTS));
	metric(out, "nscheck_cache_hits_total", "counter",
	       "Lookups answered from the cache.", cache_counter_value(c, CTR_HITS));
	metric(out, "nscheck_cache_misses_total", "counter",
	       "Lookups not in the cache.", cache_counter_value(c, CTR_MISSES));
	metric(out, "nscheck_coalesced_total", "counter",
	       "Requests that waited for a lookup another request started.",
	       cache_counter_value(c, CTR_COALESCED));
	metric(out, "nscheck_cache_inserts_total", "counter",
	       "Results stored.", cache_counter_value(c, CTR_INSERTS));
	metric(out, "nscheck_cache_evictions_total", "counter",
	       "Live entries pushed out to make room.",
	       cache_counter_value(c, CTR_EVICTIONS));
	metric(out, "nscheck_cache_too_big_total", "counter",
	       "Results served uncached because they exceed a slot.",
	       cache_counter_value(c, CTR_TOO_BIG));
	metric(out, "nscheck_cache_lock_recoveries_total", "counter",
	       "Locks taken over from a process that died holding them.",
	       cache_counter_value(c, CTR_LOCK_RECOVERIES));
	metric(out, "nscheck_cache_corrupt_total", "counter",
	       "Slots cleared because their checksum did not match.",
	       cache_counter_value(c, CTR_CORRUPT));
	metric(out, "nscheck_cache_replaced_total", "counter",
	       "Segments of another layout or size replaced at start-up.",
	       cache_counter_value(c, CTR_REPLACED));
	metric(out, "nscheck_busy_total", "counter",
	       "New lookups refused because a limit was reached (answered "
	       "503, or with an expired answer).",
	       cache_counter_value(c, CTR_BUSY));
	metric(out, "nscheck_stale_answers_total", "counter",
	       "Expired answers served, marked as such, instead of a 503.",
	       cache_counter_value(c, CTR_STALE));
	metric(out, "nscheck_rate_limited_requests_total", "counter",
	       "Requests refused with 429: the client's request rate.",
	       cache_counter_value(c, CTR_LIMITED_REQUESTS));
	metric(out, "nscheck_rate_limited_lookups_total", "counter",
	       "Requests refused with 429: the client's upstream lookups.",
	       cache_counter_value(c, CTR_LIMITED_LOOKUPS));
	metric(out, "nscheck_cache_entries", "gauge",
	       "Entries in the cache that have not expired.", info.entries);
	metric(out, "nscheck_inflight_lookups", "gauge",
	       "Upstream lookups running now, all processes.",
	       cache_inflight_total(c));
	metric(out, "nscheck_cache_slots", "gauge", "Slots in the cache.",
	       info.slots);
	metric(out, "nscheck_cache_segment_bytes", "gauge",
	       "Size of the shared-memory segment.", info.segment_bytes);
	buf_puts(out, "# HELP nscheck_lookups_total Upstream lookups by outcome.\n"
		      "# TYPE nscheck_lookups_total counter\n");
	for (size_t i = 0; i < sizeof outcomes / sizeof outcomes[0]; i++)
		buf_printf(out, "nscheck_lookups_total{outcome=\"%s\"} %llu\n",
			   outcomes[i].label,
			   (unsigned long long)cache_counter_value(c, outcomes[i].ctr));
}
