/* stats: Prometheus text exposition of the segment (see stats.h). */
#include "cache/stats.h"

#include <stdbool.h>

#include "util/buf.h"
#include "cache/cache.h"

/* Upper bounds in microseconds: cached pages take well under a
 * millisecond, uncached ones tens of milliseconds to seconds (a report's
 * deadline is 3 s, a lookup's 5 s). */
static const uint64_t bounds_us[STATS_BUCKETS - 1] = {
	500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000,
	1000000, 2500000, 5000000, 10000000,
};
static const char *const bound_labels[STATS_BUCKETS] = {
	"0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1",
	"0.25", "0.5", "1", "2.5", "5", "10", "+Inf",
};
/* every status nscheck answers; the last counter is "other" */
static const int statuses[STATS_STATUSES - 1] = {
	200, 304, 400, 404, 405, 411, 413, 414, 415, 429, 500, 502, 503, 504,
};
/* in the order of enum request_format */
static const char *const formats[STATS_FORMATS] = {
	"html", "json", "text", "fragment", "embed",
};

unsigned stats_bucket(uint64_t elapsed_us)
{
	unsigned i = 0;

	while (i < STATS_BUCKETS - 1 && elapsed_us > bounds_us[i])
		i++;
	return i;
}

void stats_note_request(struct cache *c, int status, unsigned format,
			uint64_t elapsed_us)
{
	unsigned s = 0;

	while (s < STATS_STATUSES - 1 && statuses[s] != status)
		s++;
	cache_count(c, (enum cache_counter)(CTR_STATUS + s));
	if (format < STATS_FORMATS)
		cache_count(c, (enum cache_counter)(CTR_FORMAT + format));
	cache_count(c, (enum cache_counter)(CTR_DURATION + stats_bucket(elapsed_us)));
	cache_add(c, CTR_DURATION_SUM_US, elapsed_us);
}

static uint64_t value(const struct cache *c, int which)
{
	return cache_counter_value(c, (enum cache_counter)which);
}

static void family(struct buf *out, const char *name, const char *type,
		   const char *help)
{
	buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void histogram(struct cache *c, struct buf *out)
{
	const char *name = "nscheck_request_duration_seconds";
	uint64_t total = 0, sum_us = value(c, CTR_DURATION_SUM_US);

	family(out, name, "histogram", "Time from a request's arrival to "
	       "its answer, as the program sees it.");
	for (unsigned i = 0; i < STATS_BUCKETS; i++) {
		total += value(c, CTR_DURATION + (int)i);
		buf_printf(out, "%s_bucket{le=\"%s\"} %llu\n", name,
			   bound_labels[i], (unsigned long long)total);
	}
	buf_printf(out, "%s_sum %llu.%06llu\n%s_count %llu\n", name,
		   (unsigned long long)(sum_us / 1000000),
		   (unsigned long long)(sum_us % 1000000), name,
		   (unsigned long long)total);
}

static void by_label(struct cache *c, struct buf *out)
{
	family(out, "nscheck_responses_total", "counter",
	       "Requests answered, by HTTP status.");
	for (unsigned i = 0; i < STATS_STATUSES; i++) {
		uint64_t n = value(c, CTR_STATUS + (int)i);
		if (i < STATS_STATUSES - 1)
			buf_printf(out, "nscheck_responses_total{status=\"%d\"} "
				   "%llu\n", statuses[i], (unsigned long long)n);
		else
			buf_printf(out, "nscheck_responses_total{status=\"other\"} "
				   "%llu\n", (unsigned long long)n);
	}
	family(out, "nscheck_responses_by_format_total", "counter",
	       "Requests answered, by the format of the answer.");
	for (unsigned i = 0; i < STATS_FORMATS; i++)
		buf_printf(out, "nscheck_responses_by_format_total{format=\"%s\"} "
			   "%llu\n", formats[i],
			   (unsigned long long)value(c, CTR_FORMAT + (int)i));
}

static void metric(struct buf *out, const char *name, const char *type,
		   const char *help, uint64_t value)
{
	buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n%s %llu\n", name, help,
		   name, type, name, (unsigned long long)value);
}

void stats_render(struct cache *c, int64_t now_ms,
		  const struct stats_process *proc, struct buf *out)
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
	family(out, "nscheck_build_info", "gauge",
	       "Always 1; the version of the program that answers.");
	buf_puts(out, "nscheck_build_info{version=\"");
	buf_puts(out, proc->version); /* the Makefile's, digits and dots */
	buf_puts(out, "\"} 1\n");
	if (proc->started_s > 0) {
		family(out, "nscheck_start_time_seconds", "gauge",
		       "When nscheck started (the master under -w), in seconds "
		       "since the Unix epoch.");
		buf_printf(out, "nscheck_start_time_seconds %lld\n",
			   (long long)proc->started_s);
	}
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
	metric(out, "nscheck_report_queries_total", "counter",
	       "Queries the delegation reports sent to name servers.",
	       cache_counter_value(c, CTR_REPORT_QUERIES));
	metric(out, "nscheck_report_query_timeouts_total", "counter",
	       "Report queries that no reply answered in time.",
	       cache_counter_value(c, CTR_REPORT_TIMEOUTS));
	metric(out, "nscheck_worker_restarts_total", "counter",
	       "Worker processes started again after one died.",
	       cache_counter_value(c, CTR_WORKER_RESTARTS));
	metric(out, "nscheck_reloads_total", "counter",
	       "Configurations reloaded on SIGHUP.",
	       cache_counter_value(c, CTR_RELOADS));
	histogram(c, out);
	by_label(c, out);
	buf_puts(out, "# HELP nscheck_lookups_total Upstream lookups by outcome.\n"
		      "# TYPE nscheck_lookups_total counter\n");
	for (size_t i = 0; i < sizeof outcomes / sizeof outcomes[0]; i++)
		buf_printf(out, "nscheck_lookups_total{outcome=\"%s\"} %llu\n",
			   outcomes[i].label,
			   (unsigned long long)cache_counter_value(c, outcomes[i].ctr));
}
