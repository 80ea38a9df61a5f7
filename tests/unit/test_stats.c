/*
 * Unit tests of stats: the duration buckets, the counts by status and by
 * format, and how the status view writes them (a cumulative histogram,
 * the build's version, the start time).
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cache/cache.h"
#include "cache/health.h"
#include "cache/stats.h"
#include "input/request.h"
#include "util/buf.h"
#include "suites.h"

static char name[64];
static struct cache *c;
static struct buf out;

static void setup(void)
{
	char err[256];

	snprintf(name, sizeof name, "/nscheck-ut-stats-%ld", (long)getpid());
	shm_unlink(name);
	c = cache_open(name, 1 << 20, err, sizeof err);
	ck_assert_msg(c != NULL, "%s", err);
	buf_init(&out, 1 << 20);
}

static void teardown(void)
{
	buf_free(&out);
	cache_close(c);
	shm_unlink(name);
}

static const char *render(int64_t started_s)
{
	struct stats_process proc = { "9.8", started_s };

	buf_reset(&out);
	stats_render(c, 0, &proc, &out);
	ck_assert(!buf_failed(&out));
	return buf_str(&out);
}

#define HAS(s) ck_assert_msg(strstr(render(1796000000), s) != NULL, \
			     "no '%s' in the status view", s)

START_TEST(test_bucket)
{
	ck_assert_uint_eq(stats_bucket(0), 0);
	ck_assert_uint_eq(stats_bucket(500), 0);       /* le="0.0005" holds it */
	ck_assert_uint_eq(stats_bucket(501), 1);
	ck_assert_uint_eq(stats_bucket(1000), 1);
	ck_assert_uint_eq(stats_bucket(2400), 2);
	ck_assert_uint_eq(stats_bucket(1000000), 10);  /* 1 s */
	ck_assert_uint_eq(stats_bucket(10000000), 13); /* 10 s */
	ck_assert_uint_eq(stats_bucket(10000001), STATS_BUCKETS - 1);
	ck_assert_uint_eq(stats_bucket(UINT64_MAX), STATS_BUCKETS - 1);
}
END_TEST

START_TEST(test_histogram)
{
	stats_note_request(c, 200, FORMAT_HTML, 300);      /* a cached page */
	stats_note_request(c, 200, FORMAT_JSON, 700);
	stats_note_request(c, 504, FORMAT_HTML, 5200000);  /* a DNS timeout */
	stats_note_request(c, 200, FORMAT_EMBED, 60000000); /* past 10 s */
	HAS("nscheck_request_duration_seconds_bucket{le=\"0.0005\"} 1\n");
	HAS("nscheck_request_duration_seconds_bucket{le=\"0.001\"} 2\n");
	HAS("nscheck_request_duration_seconds_bucket{le=\"5\"} 2\n");
	HAS("nscheck_request_duration_seconds_bucket{le=\"10\"} 3\n");
	HAS("nscheck_request_duration_seconds_bucket{le=\"+Inf\"} 4\n");
	HAS("nscheck_request_duration_seconds_sum 65.201000\n");
	HAS("nscheck_request_duration_seconds_count 4\n");
	HAS("# TYPE nscheck_request_duration_seconds histogram\n");
}
END_TEST

START_TEST(test_by_label)
{
	stats_note_request(c, 200, FORMAT_HTML, 1);
	stats_note_request(c, 200, FORMAT_TEXT, 1);
	stats_note_request(c, 429, FORMAT_JSON, 1);
	stats_note_request(c, 418, FORMAT_FRAGMENT, 1);    /* not one of ours */
	stats_note_request(c, 503, STATS_FORMATS, 1);      /* format unknown */
	HAS("nscheck_responses_total{status=\"200\"} 2\n");
	HAS("nscheck_responses_total{status=\"429\"} 1\n");
	HAS("nscheck_responses_total{status=\"503\"} 1\n");
	HAS("nscheck_responses_total{status=\"other\"} 1\n");
	HAS("nscheck_responses_total{status=\"304\"} 0\n");
	HAS("nscheck_responses_by_format_total{format=\"html\"} 1\n");
	HAS("nscheck_responses_by_format_total{format=\"text\"} 1\n");
	HAS("nscheck_responses_by_format_total{format=\"json\"} 1\n");
	HAS("nscheck_responses_by_format_total{format=\"fragment\"} 1\n");
	HAS("nscheck_responses_by_format_total{format=\"embed\"} 0\n");
}
END_TEST

START_TEST(test_process)
{
	cache_add(c, CTR_REPORT_QUERIES, 22);
	cache_count(c, CTR_WORKER_RESTARTS);
	HAS("nscheck_build_info{version=\"9.8\"} 1\n");
	HAS("nscheck_start_time_seconds 1796000000\n");
	HAS("nscheck_report_queries_total 22\n");
	HAS("nscheck_worker_restarts_total 1\n");
	HAS("nscheck_reloads_total 0\n");
	/* --stats from a shell knows no start time */
	ck_assert_ptr_null(strstr(render(0), "start_time"));
}
END_TEST

/* The verdict kept in the segment: fresh for HEALTH_KEEP_MS, then due;
 * a missing segment is unhealthy only when one is configured. */
START_TEST(test_health)
{
	struct health h = { .segment_wanted = true, .segment = true,
			    .resolver = true, .outcome = RES_OK };

	ck_assert(health_due(c, 5000));
	ck_assert(health_due(NULL, 5000));
	cache_counter_set(c, CTR_HEALTH_OK, 1);
	cache_counter_set(c, CTR_HEALTH_AT_MS, 5000 + 1);
	ck_assert(!health_due(c, 5000));
	ck_assert(!health_due(c, 5000 + HEALTH_KEEP_MS - 1));
	ck_assert(health_due(c, 5000 + HEALTH_KEEP_MS));
	ck_assert(health_due(c, 4000)); /* a clock that went back */
	/* kept: no query is sent, so no resolver is needed */
	struct health kept;
	health_check(c, true, NULL, 5300, &kept);
	ck_assert(kept.resolver && kept.segment && health_ok(&kept));
	ck_assert_uint_eq(kept.checked_ms_ago, 300);
	ck_assert(health_ok(&h));
	h.segment = false;
	ck_assert(!health_ok(&h));
	h.segment_wanted = false;
	ck_assert(health_ok(&h));
	h.resolver = false;
	h.outcome = RES_SERVFAIL;
	ck_assert(!health_ok(&h));
	buf_reset(&out);
	health_render(&h, &out);
	ck_assert_str_eq(buf_str(&out), "unhealthy\nsegment: none configured "
			 "(cache_size = 0)\nresolver: SERVFAIL (asked about the "
			 "root zone 0 ms ago)\n");
}
END_TEST

Suite *stats_suite(void)
{
	Suite *s = suite_create("stats");
	TCase *tc = tcase_create("stats");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_bucket);
	tcase_add_test(tc, test_histogram);
	tcase_add_test(tc, test_by_label);
	tcase_add_test(tc, test_process);
	tcase_add_test(tc, test_health);
	suite_add_tcase(s, tc);
	return s;
}
