/*
 * Unit tests of codec: ns_result to bytes and back.
 *
 * Round trips over every status and address state, TTL ageing, and the
 * decoder's distrust of its input: each truncation, trailing bytes, bad
 * version, status, state, counts and NUL bytes inside strings are refused.
 * Inputs to the decoder are copied into buffers of exactly their length,
 * so the sanitizer build catches any read past the end. The same for
 * delegation reports: every field, TTL ageing, each name stored once,
 * and the same distrust of truncated, altered and random bytes. And the
 * answers of a drill-down: packets kept byte for byte, every truncation
 * and every impossible field refused.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "cache/cache.h"
#include "cache/codec.h"
#include "report/drill.h"
#include "report/report.h"
#include "report/result.h"
#include "suites.h"

#define BIG (1 << 24) /* a buf limit nothing in these tests reaches */

static unsigned char a_v4[][16] = { { 192, 0, 2, 1 }, { 198, 51, 100, 7 } };
static unsigned char a_v6[][16] = {
	{ 0x20, 0x01, 0x0d, 0xb8, [15] = 0x01 },
	{ 0x20, 0x01, 0x0d, 0xb8, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53 },
};
static unsigned char b_v4[][16] = { { 203, 0, 113, 9 } };

/*
 * Three name servers: one with both families, one with IPv4 only and a
 * negative IPv6 answer, one whose name does not resolve. TTLs straddle
 * the ages the tests use (100 s).
 */
static void sample(struct ns_result *r, struct ns_server ns[3])
{
	memset(r, 0, sizeof *r);
	memset(ns, 0, 3 * sizeof *ns);
	r->status = LOOKUP_FOUND;
	r->qname = "www.example.org";
	r->owner = "example.org";
	r->zone = "org";
	r->negative_ttl = 900;
	r->failure = "";
	memcpy(r->resolver, "192.0.2.53#53", sizeof "192.0.2.53#53");
	r->elapsed_ms = 123456;
	r->n_ns = 3;
	r->ns = ns;

	ns[0].name = "a.iana-servers.net";
	ns[0].ttl = 3600;
	ns[0].v4 = (struct ns_addrs){ ADDR_FOUND, 2, a_v4, 300 };
	ns[0].v6 = (struct ns_addrs){ ADDR_FOUND, 2, a_v6, 99 };

	ns[1].name = "b.iana-servers.net";
	ns[1].ttl = 50;
	ns[1].v4 = (struct ns_addrs){ ADDR_FOUND, 1, b_v4, 100 };
	ns[1].v6 = (struct ns_addrs){ ADDR_NONE, 0, NULL, 600 };

	ns[2].name = "ns.broken.test";
	ns[2].ttl = 4000000000u;
	ns[2].v4 = (struct ns_addrs){ ADDR_NXDOMAIN, 0, NULL, 101 };
	ns[2].v6 = (struct ns_addrs){ ADDR_TIMEOUT, 0, NULL, 0 };
}

static uint32_t aged(uint32_t ttl, uint32_t age)
{
	return ttl > age ? ttl - age : 0;
}

static void assert_addrs(const struct ns_addrs *want, const struct ns_addrs *got,
			 uint32_t age)
{
	ck_assert_int_eq(got->state, want->state);
	ck_assert_uint_eq(got->ttl, aged(want->ttl, age));
	ck_assert_uint_eq(got->n, want->n);
	if (want->n) {
		ck_assert_ptr_nonnull(got->addr);
		ck_assert_mem_eq(got->addr, want->addr, want->n * 16);
	}
}

/* got is want decoded after age seconds in the cache. */
static void assert_same(const struct ns_result *want,
			const struct ns_result *got, uint32_t age)
{
	ck_assert_int_eq(got->status, want->status);
	ck_assert_pstr_eq(got->qname, want->qname);
	ck_assert_pstr_eq(got->owner, want->owner);
	ck_assert_pstr_eq(got->zone, want->zone);
	ck_assert_pstr_eq(got->failure, want->failure);
	ck_assert_str_eq(got->resolver, want->resolver);
	ck_assert_uint_eq(got->negative_ttl, aged(want->negative_ttl, age));
	ck_assert_uint_eq(got->elapsed_ms, want->elapsed_ms);
	ck_assert_uint_eq(got->n_ns, want->n_ns);
	if (want->n_ns)
		ck_assert_ptr_nonnull(got->ns);
	for (size_t i = 0; i < want->n_ns; i++) {
		ck_assert_str_eq(got->ns[i].name, want->ns[i].name);
		ck_assert_uint_eq(got->ns[i].ttl, aged(want->ns[i].ttl, age));
		assert_addrs(&want->ns[i].v4, &got->ns[i].v4, age);
		assert_addrs(&want->ns[i].v6, &got->ns[i].v6, age);
	}
}

static void encode_ok(const struct ns_result *r, struct buf *b)
{
	buf_init(b, BIG);
	codec_encode(r, b);
	ck_assert(!buf_failed(b));
	ck_assert_uint_gt(b->len, 0);
}

/* Decodes a private copy of exactly len bytes. */
static int decode_copy(const void *data, size_t len, uint32_t age,
		       struct arena *a, struct ns_result *out)
{
	unsigned char *p = malloc(len ? len : 1);
	int rc;

	ck_assert_ptr_nonnull(p);
	memcpy(p, data, len);
	rc = codec_decode(p, len, age, a, out);
	free(p);
	return rc;
}

/* r encodes, and its encoding decodes back to r after age seconds. */
static void round_trip(const struct ns_result *r, uint32_t age,
		       struct arena *a)
{
	struct ns_result out;
	struct buf b;

	encode_ok(r, &b);
	/* the copy is freed before the comparison: nothing may point into it */
	ck_assert_int_eq(decode_copy(b.data, b.len, age, a, &out), 0);
	assert_same(r, &out, age);
	buf_free(&b);
}

START_TEST(test_round_trip_full)
{
	struct arena *a = arena_new(1 << 20);
	struct ns_server ns[3];
	struct ns_result r;

	sample(&r, ns);
	round_trip(&r, 0, a);
	arena_free(a);
}
END_TEST

START_TEST(test_round_trip_every_status)
{
	struct arena *a = arena_new(1 << 20);
	struct ns_server ns[3];
	struct ns_result r;

	for (int st = LOOKUP_FOUND; st <= LOOKUP_ERROR; st++) {
		for (int variant = 0; variant < 4; variant++) {
			sample(&r, ns);
			r.status = (enum lookup_status)st;
			r.zone = variant & 1 ? NULL : "example.org";
			r.failure = variant & 2 ? NULL : "SERVFAIL from 192.0.2.53";
			if (st != LOOKUP_FOUND)
				r.n_ns = variant < 2 ? 0 : 1;
			if (variant == 3)
				r.resolver[0] = '\0';
			round_trip(&r, 0, a);
			arena_reset(a);
		}
	}
	arena_free(a);
}
END_TEST

START_TEST(test_round_trip_every_addr_state)
{
	struct arena *a = arena_new(1 << 20);
	struct ns_server ns[3];
	struct ns_result r;

	for (int st = ADDR_FOUND; st <= ADDR_SKIPPED; st++) {
		sample(&r, ns);
		ns[2].v4 = (struct ns_addrs){ (enum addr_state)st, 0, NULL, 7 };
		ns[2].v6 = (struct ns_addrs){ (enum addr_state)st, 0, NULL, 8 };
		round_trip(&r, 0, a);
		arena_reset(a);
	}
	arena_free(a);
}
END_TEST

/* Empty strings stay empty strings, distinct from absent ones. */
START_TEST(test_round_trip_empty_strings)
{
	struct arena *a = arena_new(1 << 20);
	struct ns_result r, out;
	struct buf b;

	memset(&r, 0, sizeof r);
	r.status = LOOKUP_SERVFAIL;
	r.qname = "";
	r.owner = "";
	r.zone = "";
	r.failure = NULL;
	encode_ok(&r, &b);
	ck_assert_int_eq(decode_copy(b.data, b.len, 0, a, &out), 0);
	ck_assert_pstr_eq(out.zone, "");
	ck_assert_ptr_null(out.failure);
	assert_same(&r, &out, 0);
	buf_free(&b);
	arena_free(a);
}
END_TEST

START_TEST(test_ageing)
{
	static const uint32_t ages[] = { 1, 50, 99, 100, 101, 3599, 3600,
					 4000000000u, UINT32_MAX };
	struct arena *a = arena_new(1 << 20);
	struct ns_server ns[3];
	struct ns_result r, out;
	struct buf b;

	sample(&r, ns);
	for (size_t i = 0; i < sizeof ages / sizeof ages[0]; i++) {
		round_trip(&r, ages[i], a);
		arena_reset(a);
	}
	/* spelled out once: every TTL drops by the age, none below 0 */
	encode_ok(&r, &b);
	ck_assert_int_eq(decode_copy(b.data, b.len, 100, a, &out), 0);
	ck_assert_uint_eq(out.negative_ttl, 800);
	ck_assert_uint_eq(out.ns[0].ttl, 3500);
	ck_assert_uint_eq(out.ns[0].v4.ttl, 200);
	ck_assert_uint_eq(out.ns[0].v6.ttl, 0);
	ck_assert_uint_eq(out.ns[1].ttl, 0);
	ck_assert_uint_eq(out.ns[1].v4.ttl, 0);
	ck_assert_uint_eq(out.ns[1].v6.ttl, 500);
	ck_assert_uint_eq(out.ns[2].ttl, 4000000000u - 100);
	ck_assert_uint_eq(out.ns[2].v4.ttl, 1);
	ck_assert_uint_eq(out.ns[2].v6.ttl, 0);
	ck_assert_uint_eq(out.elapsed_ms, 123456); /* not a TTL */
	buf_free(&b);
	arena_free(a);
}
END_TEST

/* A decoded result is usable after the arena was reset and reused. */
START_TEST(test_decode_into_reused_arena)
{
	struct arena *a = arena_new(1 << 20);
	struct ns_server ns[3];
	struct ns_result r, out;
	struct buf b;

	sample(&r, ns);
	encode_ok(&r, &b);
	for (int i = 0; i < 100; i++) {
		ck_assert_int_eq(codec_decode(b.data, b.len, 0, a, &out), 0);
		assert_same(&r, &out, 0);
		arena_reset(a);
	}
	buf_free(&b);
	arena_free(a);
}
END_TEST

/* ---- what decode refuses ---- */

START_TEST(test_reject_empty)
{
	struct arena *a = arena_new(1 << 20);
	struct ns_result out;

	ck_assert_int_eq(decode_copy("", 0, 0, a, &out), -1);
	ck_assert_int_eq(codec_decode(NULL, 0, 0, a, &out), -1);
	arena_free(a);
}
END_TEST

START_TEST(test_reject_version)
{
	struct arena *a = arena_new(1 << 20);
	struct ns_server ns[3];
	struct ns_result r, out;
	struct buf b;

	sample(&r, ns);
	encode_ok(&r, &b);
	unsigned char v = (unsigned char)b.data[0];
	for (unsigned x = 0; x < 256; x++) {
		if (x == v)
			continue;
		b.data[0] = (char)x;
		ck_assert_int_eq(decode_copy(b.data, b.len, 0, a, &out), -1);
		arena_reset(a);
	}
	b.data[0] = (char)v;
	ck_assert_int_eq(decode_copy(b.data, b.len, 0, a, &out), 0);
	buf_free(&b);
	arena_free(a);
}
END_TEST

START_TEST(test_reject_every_truncation)
{
	struct arena *a = arena_new(1 << 20);
	struct ns_server ns[3];
	struct ns_result r, out;
	struct buf b;

	sample(&r, ns);
	encode_ok(&r, &b);
	for (size_t n = 0; n < b.len; n++) {
		ck_assert_msg(decode_copy(b.data, n, 0, a, &out) == -1,
			      "a prefix of %zu of %zu bytes decoded", n, b.len);
		arena_reset(a);
	}
	ck_assert_int_eq(decode_copy(b.data, b.len, 0, a, &out), 0);
	buf_free(&b);
	arena_free(a);
}
END_TEST

START_TEST(test_reject_trailing)
{
	struct arena *a = arena_new(1 << 20);
	struct ns_server ns[3];
	struct ns_result r, out;
	struct buf b;

	sample(&r, ns);
	encode_ok(&r, &b);
	size_t n = b.len;
	buf_putc(&b, 0);
	ck_assert_int_eq(decode_copy(b.data, b.len, 0, a, &out), -1);
	buf_put(&b, "garbage", 7);
	ck_assert_int_eq(decode_copy(b.data, b.len, 0, a, &out), -1);
	/* a second, complete encoding after the first is trailing too */
	b.len = n;
	codec_encode(&r, &b);
	ck_assert_int_eq(decode_copy(b.data, b.len, 0, a, &out), -1);
	buf_free(&b);
	arena_free(a);
}
END_TEST

static void assert_rejected(const struct ns_result *r)
{
	struct arena *a = arena_new(1 << 20);
	struct ns_result out;
	struct buf b;

	buf_init(&b, BIG);
	codec_encode(r, &b);
	if (!buf_failed(&b))
		ck_assert_int_eq(decode_copy(b.data, b.len, 0, a, &out), -1);
	buf_free(&b);
	arena_free(a);
}

/* Addresses with a state other than FOUND: the encoder writes what it is
 * given, the decoder must not believe it. */
START_TEST(test_reject_addresses_without_found)
{
	struct ns_server ns[3];
	struct ns_result r;

	for (int st = ADDR_NONE; st <= ADDR_SKIPPED; st++) {
		sample(&r, ns);
		ns[0].v4.state = (enum addr_state)st;
		assert_rejected(&r);
		sample(&r, ns);
		ns[0].v6.state = (enum addr_state)st;
		assert_rejected(&r);
	}
}
END_TEST

START_TEST(test_reject_bad_enums)
{
	struct ns_server ns[3];
	struct ns_result r;

	sample(&r, ns);
	r.status = (enum lookup_status)(LOOKUP_ERROR + 1);
	assert_rejected(&r);
	r.status = (enum lookup_status)255;
	assert_rejected(&r);

	sample(&r, ns);
	ns[2].v4.state = (enum addr_state)(ADDR_SKIPPED + 1);
	assert_rejected(&r);
	sample(&r, ns);
	ns[1].v6.state = (enum addr_state)255;
	assert_rejected(&r);
}
END_TEST

/* The renderers rely on these being there. */
START_TEST(test_reject_missing_names)
{
	struct ns_server ns[3];
	struct ns_result r;

	sample(&r, ns);
	r.qname = NULL;
	assert_rejected(&r);
	sample(&r, ns);
	r.owner = NULL;
	assert_rejected(&r);
	sample(&r, ns);
	ns[1].name = NULL;
	assert_rejected(&r);
}
END_TEST

/* Where needle occurs in hay, which it must do exactly once. */
static char *find_once(char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	char *found = NULL;

	for (size_t i = 0; i + k <= n; i++) {
		if (memcmp(hay + i, needle, k) == 0) {
			ck_assert_msg(found == NULL, "%s found twice", needle);
			found = hay + i;
		}
	}
	ck_assert_msg(found != NULL, "%s not found", needle);
	return found;
}

/*
 * A NUL byte inside any string: each round gives one string a '@', checks
 * that the encoding decodes, then turns that '@' into NUL.
 */
START_TEST(test_reject_nul_in_strings)
{
	static const char *marked[] = { "www@example.org", "example@org",
					"o@rg", "refused @ 192.0.2.53",
					"192.0.2.53@53", "b.iana-servers@net" };
	struct arena *a = arena_new(1 << 20);
	struct ns_server ns[3];
	struct ns_result r, out;
	struct buf b;

	for (int field = 0; field < 6; field++) {
		const char *m = marked[field];
		sample(&r, ns);
		switch (field) {
		case 0: r.qname = m; break;
		case 1: r.owner = m; break;
		case 2: r.zone = m; break;
		case 3: r.failure = m; break;
		case 4: memcpy(r.resolver, m, strlen(m) + 1); break;
		case 5: ns[1].name = m; break;
		}
		encode_ok(&r, &b);
		char *at = find_once(b.data, b.len, m) + (strchr(m, '@') - m);
		ck_assert_int_eq(decode_copy(b.data, b.len, 0, a, &out), 0);
		arena_reset(a);
		*at = '\0';
		ck_assert_msg(decode_copy(b.data, b.len, 0, a, &out) == -1,
			      "NUL accepted in %s", m);
		arena_reset(a);
		buf_free(&b);
	}
	arena_free(a);
}
END_TEST

/* Flipping any single byte of an encoding: either a clean refusal or a
 * result that holds together (never a crash or an over-read). */
START_TEST(test_decode_any_byte_flip)
{
	struct arena *a = arena_new(1 << 20);
	struct ns_server ns[3];
	struct ns_result r, out;
	struct buf b;

	sample(&r, ns);
	encode_ok(&r, &b);
	for (size_t i = 0; i < b.len; i++) {
		static const unsigned char x[] = { 0x01, 0x80, 0xFF };
		for (size_t k = 0; k < sizeof x; k++) {
			b.data[i] = (char)(b.data[i] ^ x[k]);
			if (decode_copy(b.data, b.len, 0, a, &out) == 0) {
				ck_assert_ptr_nonnull(out.qname);
				ck_assert_ptr_nonnull(out.owner);
				ck_assert_int_le(out.status, LOOKUP_ERROR);
				ck_assert_uint_lt(strlen(out.resolver),
						  sizeof out.resolver);
				for (size_t j = 0; j < out.n_ns; j++) {
					ck_assert_ptr_nonnull(out.ns[j].name);
					ck_assert_int_le(out.ns[j].v4.state,
							 ADDR_SKIPPED);
					ck_assert_int_le(out.ns[j].v6.state,
							 ADDR_SKIPPED);
				}
			}
			b.data[i] = (char)(b.data[i] ^ x[k]);
			arena_reset(a);
		}
	}
	buf_free(&b);
	arena_free(a);
}
END_TEST

/* ---- sizes ---- */

/* 64 name servers with long names do not fit in a cache slot. */
START_TEST(test_too_big_for_slot)
{
	struct ns_server *ns = calloc(64, sizeof *ns);
	char (*names)[64] = calloc(64, sizeof *names);
	struct arena *a = arena_new(1 << 20);
	struct ns_result r;
	struct buf b;

	ck_assert_ptr_nonnull(ns);
	ck_assert_ptr_nonnull(names);
	memset(&r, 0, sizeof r);
	r.status = LOOKUP_FOUND;
	r.qname = r.owner = "example.org";
	r.n_ns = 64;
	r.ns = ns;
	for (int i = 0; i < 64; i++) {
		memset(names[i], 'n', 59);
		names[i][0] = (char)('a' + i % 26);
		names[i][1] = (char)('a' + i / 26);
		ns[i].name = names[i];
		ns[i].ttl = 3600;
		ns[i].v4 = (struct ns_addrs){ ADDR_FOUND, 2, a_v4, 300 };
		ns[i].v6 = (struct ns_addrs){ ADDR_FOUND, 2, a_v6, 300 };
	}
	buf_init(&b, cache_value_max());
	codec_encode(&r, &b);
	ck_assert(buf_failed(&b));
	ck_assert_uint_le(b.len, cache_value_max());
	buf_free(&b);
	/* the same result is fine without the limit */
	round_trip(&r, 0, a);
	arena_free(a);
	free(names);
	free(ns);
}
END_TEST

/* A result whose encoding is exactly cache_value_max() fits; one more
 * byte does not. */
START_TEST(test_slot_limit_exact)
{
	size_t max = cache_value_max();
	char *failure = malloc(max + 2);
	struct arena *a = arena_new(1 << 20);
	struct ns_server ns[3];
	struct ns_result r;
	struct buf b;

	ck_assert_ptr_nonnull(failure);
	sample(&r, ns);
	r.failure = "";
	encode_ok(&r, &b);
	size_t base = b.len;
	buf_free(&b);
	ck_assert_uint_lt(base, max);

	memset(failure, 'f', max + 1);
	failure[max - base] = '\0';
	r.failure = failure;
	buf_init(&b, max);
	codec_encode(&r, &b);
	ck_assert(!buf_failed(&b));
	ck_assert_uint_eq(b.len, max);
	buf_free(&b);
	round_trip(&r, 0, a);

	failure[max - base] = 'f';
	failure[max - base + 1] = '\0';
	buf_init(&b, max);
	codec_encode(&r, &b);
	ck_assert(buf_failed(&b));
	buf_free(&b);
	arena_free(a);
	free(failure);
}
END_TEST

/* Strings: 0xFFFE bytes is the longest there is room for. */
START_TEST(test_string_length_limit)
{
	char *s = malloc(0x10000 + 1);
	struct arena *a = arena_new(1 << 20);
	struct ns_server ns[3];
	struct ns_result r;
	struct buf b;

	ck_assert_ptr_nonnull(s);
	memset(s, 'x', 0x10000);
	s[0xFFFE] = '\0';
	sample(&r, ns);
	r.failure = s;
	round_trip(&r, 0, a);
	arena_reset(a);
	r.failure = NULL;
	ns[0].name = s;
	round_trip(&r, 0, a);

	s[0xFFFE] = 'x';
	s[0xFFFF] = '\0';
	buf_init(&b, BIG);
	codec_encode(&r, &b);
	ck_assert(buf_failed(&b));
	buf_free(&b);
	s[0xFFFF] = 'x';
	s[0x10000] = '\0';
	sample(&r, ns);
	r.qname = s;
	buf_init(&b, BIG);
	codec_encode(&r, &b);
	ck_assert(buf_failed(&b));
	buf_free(&b);
	arena_free(a);
	free(s);
}
END_TEST

/* More name servers than the count can say: a failure, not a wrong count. */
START_TEST(test_too_many_ns)
{
	size_t n = 0x10000;
	struct ns_server *ns = calloc(n, sizeof *ns);
	struct ns_result r;
	struct buf b;

	ck_assert_ptr_nonnull(ns);
	memset(&r, 0, sizeof r);
	r.status = LOOKUP_FOUND;
	r.qname = r.owner = "example.org";
	r.n_ns = n;
	r.ns = ns;
	for (size_t i = 0; i < n; i++) {
		ns[i].name = "a";
		ns[i].v4.state = ADDR_SKIPPED;
		ns[i].v6.state = ADDR_SKIPPED;
	}
	buf_init(&b, BIG);
	codec_encode(&r, &b);
	ck_assert(buf_failed(&b));
	buf_free(&b);
	free(ns);
}
END_TEST

/* The same for the addresses of one name server. */
START_TEST(test_too_many_addresses)
{
	size_t n = 0x10000;
	unsigned char (*addr)[16] = calloc(n, 16);
	struct arena *a = arena_new(1 << 20);
	struct ns_server ns[3];
	struct ns_result r, out;
	struct buf b;

	ck_assert_ptr_nonnull(addr);
	sample(&r, ns);
	ns[0].v4 = (struct ns_addrs){ ADDR_FOUND, n, addr, 300 };
	buf_init(&b, BIG);
	codec_encode(&r, &b);
	/* either refused, or it must decode to what was encoded */
	if (!buf_failed(&b))
		ck_assert_msg(codec_decode(b.data, b.len, 0, a, &out) == 0 &&
			      out.ns[0].v4.n == n,
			      "%zu addresses encoded into a valid-looking buf "
			      "that does not decode to them", n);
	buf_free(&b);
	arena_free(a);
	free(addr);
}
END_TEST

/* ---- delegation reports ---- */

static const char *rep_deleg[] = { "ns1.example.org", "ns2.example.net" };
static const char *rep_child[] = { "ns1.example.org", "ns2.example.net",
				   "ns3.example.com" };
static struct report_addr rep_glue[] = {
	{ "ns1.example.org", { 11, 53, 0, 1 }, false },
	{ "ns1.example.org", { 0x26, 0, 0, 0x53, [15] = 1 }, true },
};
static struct report_ask rep_parents[2];
static struct report_ask rep_servers[6];

static void ask_at(struct report_ask *a, const char *server, bool v6,
		   unsigned last, enum ask_state st)
{
	memset(a, 0, sizeof *a);
	a->server = server;
	a->v6 = v6;
	if (v6) {
		a->addr[0] = 0x26;
		a->addr[3] = 0x53;
	} else {
		a->addr[0] = 11;
		a->addr[1] = 53;
	}
	a->addr[v6 ? 15 : 3] = (unsigned char)last;
	a->state = st;
}

/*
 * A finished report for example.org with a field of every kind set: two
 * parent servers (a referral with glue, a timeout) and six name server
 * addresses in every ask state, with differing serials and TTLs that
 * straddle the ages the tests use.
 */
static void sample_report(struct report *r)
{
	struct report_ask *a;

	memset(r, 0, sizeof *r);
	r->status = REPORT_DONE;
	r->why = "";
	r->parent_zone = "org";
	r->deleg = rep_deleg;
	r->n_deleg = 2;
	r->deleg_ttl = 172800;
	r->glue = rep_glue;
	r->n_glue = 2;
	r->child = rep_child;
	r->n_child = 3;
	r->child_ttl = 3600;
	r->provider = "Example DNS";
	r->elapsed_us = 1234;
	r->queries = 17;
	r->cut_short = true;

	a = &rep_parents[0];
	ask_at(a, "a0.org.afilias-nst.info", false, 200, ASK_ANSWERED);
	a->rtt_us = 12345;
	a->referral = true;
	a->ns = rep_deleg;
	a->n_ns = 2;
	a->ns_ttl = 86400;
	a->glue = rep_glue;
	a->n_glue = 2;
	ask_at(&rep_parents[1], "b0.org.afilias-nst.org", true, 200, ASK_TIMEOUT);
	r->parents = rep_parents;
	r->n_parents = 2;

	a = &rep_servers[0];
	ask_at(a, "ns1.example.org", false, 1, ASK_ANSWERED);
	a->rtt_us = 800;
	a->aa = true;
	a->ns = rep_child;
	a->n_ns = 3;
	a->ns_ttl = 3600;
	a->has_soa = true;
	a->serial = 2024010101u;
	a->tcp = OVER_TCP_OK;
	a->recursion = RECURSION_OFF;
	a->keys = KEYS_MATCH;
	a = &rep_servers[1];
	ask_at(a, "ns1.example.org", true, 1, ASK_ANSWERED);
	a->rtt_us = 4000000000u;
	a->aa = true;
	a->ns = rep_child;
	a->n_ns = 3;
	a->ns_ttl = 99;
	a->has_soa = true;
	a->serial = UINT32_MAX;
	a->tcp = OVER_TCP_TIMEOUT;
	a->recursion = RECURSION_OPEN;
	a->keys = KEYS_NO_MATCH;
	a = &rep_servers[2];
	ask_at(a, "ns2.example.net", false, 2, ASK_SKIPPED);
	a->addr[0] = 10;
	a->skipped_why = "private (RFC 1918)";
	a = &rep_servers[3];
	ask_at(a, "ns2.example.net", true, 2, ASK_ANSWERED);
	a->rcode = 5;
	a->rtt_us = 1;
	a->tcp = OVER_TCP_REFUSED;
	a->keys = KEYS_NO_ANSWER;
	a = &rep_servers[4];
	ask_at(a, "ns3.example.com", false, 3, ASK_LIMIT);
	a = &rep_servers[5];
	ask_at(a, "ns3.example.com", true, 3, ASK_FAILED);
	r->servers = rep_servers;
	r->n_servers = 6;
	static const char *old_set[] = { "ns1.old.example", "ns2.old.example" };
	static struct report_view views[2];
	views[0] = (struct report_view){ "192.0.2.53", ASK_ANSWERED, 0,
					  old_set, 2, 1234 };
	views[1] = (struct report_view){ "[2001:db8::53]:5353", ASK_TIMEOUT, 0,
					  NULL, 0, 0 };
	r->views = views;
	r->n_views = 2;
	r->ds_state = DS_PRESENT;
	r->ds.n = 2;
	r->ds.k[0] = (struct dnssec_key){ 65535, 13 };
	r->ds.k[1] = (struct dnssec_key){ 1, 8 };
	/* every answer about an in-domain name, and an address of a name
	 * no NS set has */
	static struct report_host hosts[3];
	hosts[0] = (struct report_host){ "ns1.example.org", HOST_FOUND,
					  HOST_NODATA };
	hosts[1] = (struct report_host){ "ns9.example.org", HOST_NXDOMAIN,
					  HOST_NOT_ASKED };
	hosts[2] = (struct report_host){ "ns8.example.org", HOST_ALIAS,
					  HOST_FOUND };
	static struct report_addr host_addrs[] = {
		{ "ns1.example.org", { 11, 53, 0, 9 }, false },
		{ "ns8.example.org", { 0x26, 0, 0, 0x53, [15] = 8 }, true },
	};
	r->hosts = hosts;
	r->n_hosts = 3;
	r->host_addrs = host_addrs;
	r->n_host_addrs = 2;
}

static void assert_set(const char **want, size_t nw, const char **got,
		       size_t ng)
{
	ck_assert_uint_eq(ng, nw);
	if (nw)
		ck_assert_ptr_nonnull(got);
	for (size_t i = 0; i < nw; i++)
		ck_assert_str_eq(got[i], want[i]);
}

static void assert_glue(const struct report_addr *want, size_t nw,
			const struct report_addr *got, size_t ng)
{
	ck_assert_uint_eq(ng, nw);
	if (nw)
		ck_assert_ptr_nonnull(got);
	for (size_t i = 0; i < nw; i++) {
		ck_assert_str_eq(got[i].name, want[i].name);
		ck_assert(got[i].v6 == want[i].v6);
		ck_assert_mem_eq(got[i].addr, want[i].addr, want[i].v6 ? 16 : 4);
	}
}

static void assert_asks(const struct report_ask *want, size_t nw,
			const struct report_ask *got, size_t ng)
{
	ck_assert_uint_eq(ng, nw);
	if (nw)
		ck_assert_ptr_nonnull(got);
	for (size_t i = 0; i < nw; i++) {
		const struct report_ask *w = &want[i], *g = &got[i];
		ck_assert_str_eq(g->server, w->server);
		ck_assert(g->v6 == w->v6);
		ck_assert_mem_eq(g->addr, w->addr, w->v6 ? 16 : 4);
		ck_assert_int_eq(g->state, w->state);
		ck_assert_pstr_eq(g->skipped_why, w->skipped_why);
		ck_assert_uint_eq(g->rtt_us, w->rtt_us);
		ck_assert_int_eq(g->rcode, w->rcode);
		ck_assert(g->aa == w->aa);
		ck_assert(g->referral == w->referral);
		ck_assert(g->has_soa == w->has_soa);
		ck_assert_int_eq(g->tcp, w->tcp);
		ck_assert_int_eq(g->recursion, w->recursion);
		ck_assert_int_eq(g->keys, w->keys);
		assert_set(w->ns, w->n_ns, g->ns, g->n_ns);
		ck_assert_uint_eq(g->ns_ttl, w->ns_ttl); /* published: not aged */
		ck_assert_uint_eq(g->serial, w->serial); /* not a TTL */
		assert_glue(w->glue, w->n_glue, g->glue, g->n_glue);
	}
}

/* got is want decoded after age seconds in the cache. */
static void assert_same_report(const struct report *want,
			       const struct report *got, uint32_t age)
{
	ck_assert_int_eq(got->status, want->status);
	ck_assert_int_eq(got->ds_state, want->ds_state);
	ck_assert_uint_eq(got->n_views, want->n_views);
	for (size_t i = 0; i < want->n_views; i++) {
		ck_assert_str_eq(got->views[i].resolver, want->views[i].resolver);
		ck_assert_int_eq(got->views[i].state, want->views[i].state);
		/* what a resolver has left counts down */
		ck_assert_uint_eq(got->views[i].ttl, aged(want->views[i].ttl, age));
		ck_assert_int_eq(got->views[i].rcode, want->views[i].rcode);
		assert_set(want->views[i].ns, want->views[i].n_ns,
			   got->views[i].ns, got->views[i].n_ns);
	}
	ck_assert_uint_eq(got->ds.n, want->ds.n);
	for (size_t i = 0; i < want->ds.n; i++) {
		ck_assert_uint_eq(got->ds.k[i].tag, want->ds.k[i].tag);
		ck_assert_uint_eq(got->ds.k[i].alg, want->ds.k[i].alg);
	}
	ck_assert_pstr_eq(got->why, want->why);
	ck_assert_pstr_eq(got->parent_zone, want->parent_zone);
	ck_assert_pstr_eq(got->provider, want->provider);
	ck_assert_uint_eq(got->elapsed_us, want->elapsed_us);
	ck_assert_uint_eq(got->queries, want->queries);
	ck_assert(got->cut_short == want->cut_short);
	ck_assert(!got->cached); /* the caller's to say */
	assert_set(want->deleg, want->n_deleg, got->deleg, got->n_deleg);
	ck_assert_uint_eq(got->deleg_ttl, want->deleg_ttl);
	assert_glue(want->glue, want->n_glue, got->glue, got->n_glue);
	assert_set(want->child, want->n_child, got->child, got->n_child);
	ck_assert_uint_eq(got->child_ttl, want->child_ttl);
	ck_assert_uint_eq(got->negative_ttl, want->negative_ttl);
	assert_asks(want->parents, want->n_parents, got->parents,
		    got->n_parents);
	assert_asks(want->servers, want->n_servers, got->servers,
		    got->n_servers);
	ck_assert_uint_eq(got->n_hosts, want->n_hosts);
	for (size_t i = 0; i < want->n_hosts; i++) {
		ck_assert_str_eq(got->hosts[i].name, want->hosts[i].name);
		ck_assert_int_eq(got->hosts[i].v4, want->hosts[i].v4);
		ck_assert_int_eq(got->hosts[i].v6, want->hosts[i].v6);
	}
	assert_glue(want->host_addrs, want->n_host_addrs, got->host_addrs,
		    got->n_host_addrs);
}

static void encode_report_ok(const struct report *r, struct buf *b)
{
	buf_init(b, BIG);
	codec_encode_report(r, b);
	ck_assert(!buf_failed(b));
	ck_assert_uint_gt(b->len, 0);
}

/* Decodes a private copy of exactly len bytes. */
static int decode_report_copy(const void *data, size_t len, uint32_t age,
			      struct arena *a, struct report *out)
{
	unsigned char *p = malloc(len ? len : 1);
	int rc;

	ck_assert_ptr_nonnull(p);
	memcpy(p, data, len);
	memset(out, 0x5A, sizeof *out);
	rc = codec_decode_report(p, len, age, a, out);
	free(p);
	if (rc < 0) {
		/* nothing half-decoded is left for a caller to trip on */
		ck_assert_ptr_null(out->deleg);
		ck_assert_ptr_null(out->servers);
		ck_assert_uint_eq(out->n_servers, 0);
	}
	return rc;
}

static void report_round_trip(const struct report *r, uint32_t age,
			      struct arena *a)
{
	struct report out;
	struct buf b;

	encode_report_ok(r, &b);
	ck_assert_int_eq(decode_report_copy(b.data, b.len, age, a, &out), 0);
	assert_same_report(r, &out, age);
	buf_free(&b);
}

START_TEST(test_report_round_trip)
{
	struct arena *a = arena_new(1 << 20);
	struct report r;

	sample_report(&r);
	report_round_trip(&r, 0, a);
	arena_reset(a);

	/* a cached report comes back as not cached: the caller says so */
	r.cached = true;
	struct report out;
	struct buf b;
	encode_report_ok(&r, &b);
	ck_assert_int_eq(decode_report_copy(b.data, b.len, 0, a, &out), 0);
	ck_assert(!out.cached);
	buf_free(&b);
	arena_free(a);
}
END_TEST

/*
 * A domain under com: 13 parent servers with an IPv4 and an IPv6 address
 * each, all giving the same four name servers with IPv4 and IPv6 glue.
 * The report must fit in one cache slot, or it would be made afresh for
 * every request.
 */
START_TEST(test_report_big_parent_zone)
{
	static const char *ns[4] = { "ns1.example-dns.net", "ns2.example-dns.net",
				     "ns3.example-dns.org", "ns4.example-dns.org" };
	static struct report_addr glue[8];
	static struct report_ask parents[26], servers[8];
	static char names[13][32];
	struct arena *a = arena_new(1 << 20);
	struct report r;
	struct buf b;

	memset(&r, 0, sizeof r);
	r.status = REPORT_DONE;
	r.parent_zone = "com";
	r.deleg = ns;
	r.n_deleg = 4;
	r.deleg_ttl = 172800;
	for (int i = 0; i < 8; i++) {
		glue[i].name = ns[i / 2];
		glue[i].v6 = i % 2;
		glue[i].addr[0] = glue[i].v6 ? 0x26 : 11;
		glue[i].addr[15] = (unsigned char)i;
	}
	r.glue = glue;
	r.n_glue = 8;
	r.child = ns;
	r.n_child = 4;
	for (int i = 0; i < 26; i++) {
		snprintf(names[i / 2], sizeof names[i / 2], "%c.gtld-servers.net",
			 'a' + i / 2);
		ask_at(&parents[i], names[i / 2], i % 2, (unsigned)i, ASK_ANSWERED);
		parents[i].rtt_us = 20000u + (uint32_t)i;
		parents[i].referral = true;
		parents[i].ns = ns;
		parents[i].n_ns = 4;
		parents[i].ns_ttl = 172800;
		parents[i].glue = glue;
		parents[i].n_glue = 8;
	}
	/* one parent differs: its rows are written out in full */
	parents[7].n_ns = 3;
	parents[7].n_glue = 6;
	for (int i = 0; i < 8; i++) {
		ask_at(&servers[i], ns[i / 2], i % 2, (unsigned)(100 + i), ASK_ANSWERED);
		servers[i].aa = true;
		servers[i].ns = ns;
		servers[i].n_ns = 4;
		servers[i].ns_ttl = 3600;
		servers[i].has_soa = true;
		servers[i].serial = 2026112601u;
	}
	r.parents = parents;
	r.n_parents = 26;
	r.servers = servers;
	r.n_servers = 8;
	r.elapsed_us = 150000;
	r.queries = 50;

	encode_report_ok(&r, &b);
	ck_assert_msg(b.len <= cache_value_max(), "%zu bytes, a slot holds %zu",
		      b.len, cache_value_max());
	buf_free(&b);
	report_round_trip(&r, 0, a);
	/* rows that share the row before's TTL are aged once, like it */
	arena_reset(a);
	report_round_trip(&r, 3600, a);
	arena_free(a);
}
END_TEST

/* Every status, absent strings, empty lists. */
START_TEST(test_report_round_trip_variants)
{
	struct arena *a = arena_new(1 << 20);
	struct report r;

	for (int st = REPORT_DONE; st <= REPORT_FAILED; st++) {
		for (int variant = 0; variant < 4; variant++) {
			sample_report(&r);
			r.status = (enum report_status)st;
			r.why = variant & 1 ? NULL : "no server of org answered";
			r.provider = variant & 2 ? NULL : "";
			r.cut_short = variant == 3;
			if (st != REPORT_DONE && variant >= 2) {
				r.parent_zone = NULL;
				r.n_deleg = r.n_child = r.n_glue = 0;
				r.n_parents = r.n_servers = 0;
			}
			report_round_trip(&r, 0, a);
			arena_reset(a);
		}
	}
	memset(&r, 0, sizeof r);
	r.status = REPORT_FAILED;
	report_round_trip(&r, 0, a);
	arena_free(a);
}
END_TEST

START_TEST(test_report_ageing)
{
	static const uint32_t ages[] = { 1, 98, 99, 100, 3599, 3600, 86400,
					 172799, 172800, UINT32_MAX };
	struct arena *a = arena_new(1 << 20);
	struct report r, out;
	struct buf b;

	sample_report(&r);
	for (size_t i = 0; i < sizeof ages / sizeof ages[0]; i++) {
		report_round_trip(&r, ages[i], a);
		arena_reset(a);
	}
	/* spelled out once: what the servers publish stays as it is, what a
	 * resolver has left drops by the age, none below 0 */
	encode_report_ok(&r, &b);
	ck_assert_int_eq(decode_report_copy(b.data, b.len, 3600, a, &out), 0);
	ck_assert_uint_eq(out.deleg_ttl, r.deleg_ttl);
	ck_assert_uint_eq(out.child_ttl, r.child_ttl);
	ck_assert_uint_eq(out.parents[0].ns_ttl, r.parents[0].ns_ttl);
	ck_assert_uint_eq(out.servers[1].ns_ttl, 99);
	ck_assert_uint_eq(out.views[0].ttl, 0);          /* 1234 - 3600 */
	ck_assert_int_eq(decode_report_copy(b.data, b.len, 234, a, &out), 0);
	ck_assert_uint_eq(out.views[0].ttl, 1000);
	/* not TTLs */
	ck_assert_uint_eq(out.servers[0].serial, 2024010101u);
	ck_assert_uint_eq(out.servers[1].serial, UINT32_MAX);
	ck_assert_uint_eq(out.servers[1].rtt_us, 4000000000u);
	ck_assert_uint_eq(out.elapsed_us, 1234);
	ck_assert_uint_eq(out.queries, 17);
	buf_free(&b);
	arena_free(a);
}
END_TEST

/* A name is stored once however often the report repeats it. */
START_TEST(test_report_names_once)
{
	static const char *const distinct[] = {
		"ns1.example.org", "ns2.example.net", "ns3.example.com",
		"a0.org.afilias-nst.info", "b0.org.afilias-nst.org",
	};
	struct report_ask many[24];
	struct arena *a = arena_new(1 << 20);
	struct report r;
	struct buf b, small;

	sample_report(&r);
	encode_report_ok(&r, &small);
	for (size_t i = 0; i < 24; i++) {
		many[i] = rep_servers[i % 2];
		many[i].addr[3] = (unsigned char)i;
	}
	r.servers = many;
	r.n_servers = 24;
	encode_report_ok(&r, &b);
	for (size_t i = 0; i < sizeof distinct / sizeof distinct[0]; i++)
		find_once(b.data, b.len, distinct[i]);
	/* 18 more asks, each naming 4 names: far less than the names */
	ck_assert_uint_lt(b.len - small.len, 18 * 4 * strlen("ns1.example.org"));
	report_round_trip(&r, 0, a);
	buf_free(&small);
	buf_free(&b);
	arena_free(a);
}
END_TEST

START_TEST(test_report_reject_truncation)
{
	struct arena *a = arena_new(1 << 20);
	struct report r, out;
	struct buf b;

	sample_report(&r);
	encode_report_ok(&r, &b);
	for (size_t n = 0; n < b.len; n++) {
		ck_assert_msg(decode_report_copy(b.data, n, 0, a, &out) == -1,
			      "a prefix of %zu of %zu bytes decoded", n, b.len);
		arena_reset(a);
	}
	ck_assert_int_eq(decode_report_copy(b.data, b.len, 0, a, &out), 0);
	ck_assert_int_eq(codec_decode_report(NULL, 0, 0, a, &out), -1);

	/* trailing bytes, a second report after the first */
	size_t n = b.len;
	buf_putc(&b, 0);
	ck_assert_int_eq(decode_report_copy(b.data, b.len, 0, a, &out), -1);
	b.len = n;
	codec_encode_report(&r, &b);
	ck_assert_int_eq(decode_report_copy(b.data, b.len, 0, a, &out), -1);
	buf_free(&b);
	arena_free(a);
}
END_TEST

START_TEST(test_report_reject_version)
{
	struct arena *a = arena_new(1 << 20);
	struct report r, rout;
	struct ns_result res, out;
	struct ns_server ns[3];
	struct buf b;

	sample_report(&r);
	encode_report_ok(&r, &b);
	unsigned char v = (unsigned char)b.data[0];
	for (unsigned x = 0; x < 256; x++) {
		if (x == v)
			continue;
		b.data[0] = (char)x;
		ck_assert_int_eq(decode_report_copy(b.data, b.len, 0, a, &rout), -1);
		arena_reset(a);
	}
	b.data[0] = (char)v;
	/* a report is not a result, nor a result a report */
	ck_assert_int_eq(decode_copy(b.data, b.len, 0, a, &out), -1);
	buf_free(&b);
	sample(&res, ns);
	encode_ok(&res, &b);
	ck_assert_int_eq(decode_report_copy(b.data, b.len, 0, a, &rout), -1);
	buf_free(&b);
	arena_free(a);
}
END_TEST

static void assert_report_rejected(const struct report *r)
{
	struct arena *a = arena_new(1 << 20);
	struct report out;
	struct buf b;

	buf_init(&b, BIG);
	codec_encode_report(r, &b);
	if (!buf_failed(&b))
		ck_assert_int_eq(decode_report_copy(b.data, b.len, 0, a, &out), -1);
	buf_free(&b);
	arena_free(a);
}

START_TEST(test_report_reject_bad_enums)
{
	struct report r;

	/* a skipped address without the reason, or a reason on another row */
	sample_report(&r);
	rep_servers[2].skipped_why = NULL;
	assert_report_rejected(&r);
	sample_report(&r);
	rep_servers[0].skipped_why = "private";
	assert_report_rejected(&r);

	sample_report(&r);
	r.status = (enum report_status)(REPORT_FAILED + 1);
	assert_report_rejected(&r);
	sample_report(&r);
	rep_servers[3].state = (enum ask_state)(ASK_FAILED + 1);
	assert_report_rejected(&r);
	sample_report(&r);
	rep_parents[1].state = (enum ask_state)200;
	assert_report_rejected(&r);
	sample_report(&r);
	r.hosts[0].v4 = (enum host_answer)(HOST_ALIAS + 1);
	assert_report_rejected(&r);
	sample_report(&r);
	r.hosts[2].v6 = (enum host_answer)(HOST_ALIAS + 1);
	assert_report_rejected(&r);
	/* a finished report without the parent zone it found: the renderers
	 * and checks name it */
	sample_report(&r);
	r.parent_zone = NULL;
	assert_report_rejected(&r);
}
END_TEST

/* A NUL inside a name or a string: refused, wherever it is. */
START_TEST(test_report_reject_nul)
{
	static const char *const marked[] = { "ns2.example@net", "o@rg",
					      "Example@DNS", "private@" };
	struct arena *a = arena_new(1 << 20);
	struct report r, out;
	struct buf b;

	for (int field = 0; field < 4; field++) {
		const char *m = marked[field];
		const char *deleg[2] = { "ns1.example.org", m };
		sample_report(&r);
		switch (field) {
		case 0: r.deleg = deleg; break;
		case 1: r.parent_zone = m; break;
		case 2: r.provider = m; break;
		case 3: rep_servers[2].skipped_why = m; break;
		}
		encode_report_ok(&r, &b);
		char *at = find_once(b.data, b.len, m) + (strchr(m, '@') - m);
		ck_assert_int_eq(decode_report_copy(b.data, b.len, 0, a, &out), 0);
		arena_reset(a);
		*at = '\0';
		ck_assert_msg(decode_report_copy(b.data, b.len, 0, a, &out) == -1,
			      "NUL accepted in %s", m);
		arena_reset(a);
		buf_free(&b);
	}
	arena_free(a);
}
END_TEST

/* A decoded report holds together: every name there, every enum valid. */
static void assert_sane_report(const struct report *r)
{
	ck_assert_int_le(r->status, REPORT_FAILED);
	for (size_t i = 0; i < r->n_deleg; i++)
		ck_assert_ptr_nonnull(r->deleg[i]);
	for (size_t i = 0; i < r->n_child; i++)
		ck_assert_ptr_nonnull(r->child[i]);
	for (size_t i = 0; i < r->n_glue; i++)
		ck_assert_ptr_nonnull(r->glue[i].name);
	for (size_t i = 0; i < r->n_hosts; i++) {
		ck_assert_ptr_nonnull(r->hosts[i].name);
		ck_assert_int_le(r->hosts[i].v4, HOST_ALIAS);
		ck_assert_int_le(r->hosts[i].v6, HOST_ALIAS);
	}
	for (size_t i = 0; i < r->n_host_addrs; i++)
		ck_assert_ptr_nonnull(r->host_addrs[i].name);
	for (int side = 0; side < 2; side++) {
		const struct report_ask *v = side ? r->servers : r->parents;
		size_t n = side ? r->n_servers : r->n_parents;
		for (size_t i = 0; i < n; i++) {
			ck_assert_ptr_nonnull(v[i].server);
			ck_assert_int_le(v[i].state, ASK_FAILED);
			for (size_t k = 0; k < v[i].n_ns; k++)
				ck_assert_ptr_nonnull(v[i].ns[k]);
			for (size_t k = 0; k < v[i].n_glue; k++)
				ck_assert_ptr_nonnull(v[i].glue[k].name);
		}
	}
}

/* Flipping any byte: a clean refusal or a report that holds together. */
START_TEST(test_report_any_byte_flip)
{
	struct arena *a = arena_new(1 << 20);
	struct report r, out;
	struct buf b;

	sample_report(&r);
	encode_report_ok(&r, &b);
	for (size_t i = 0; i < b.len; i++) {
		static const unsigned char x[] = { 0x01, 0x02, 0x80, 0xFF };
		for (size_t k = 0; k < sizeof x; k++) {
			b.data[i] = (char)(b.data[i] ^ x[k]);
			if (decode_report_copy(b.data, b.len, 0, a, &out) == 0)
				assert_sane_report(&out);
			b.data[i] = (char)(b.data[i] ^ x[k]);
			arena_reset(a);
		}
	}
	buf_free(&b);
	arena_free(a);
}
END_TEST

/* Random bytes, with and without the right version byte in front. */
START_TEST(test_report_garbage)
{
	struct arena *a = arena_new(1 << 20);
	unsigned char junk[512];
	uint32_t x = 2463534242u;
	struct report r, out;
	struct buf b;
	int decoded = 0;

	sample_report(&r);
	encode_report_ok(&r, &b);
	for (int round = 0; round < 4000; round++) {
		size_t len = (size_t)round % sizeof junk;
		for (size_t i = 0; i < len; i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			junk[i] = (unsigned char)x;
		}
		if (len && round % 2)
			junk[0] = (unsigned char)b.data[0];
		if (decode_report_copy(junk, len, 0, a, &out) == 0) {
			assert_sane_report(&out);
			decoded++;
		}
		arena_reset(a);
	}
	ck_assert_int_lt(decoded, 10);
	buf_free(&b);
	arena_free(a);
}
END_TEST

/* Up to 1024 distinct names fit; past that the encoder says so. */
START_TEST(test_report_names_limit)
{
	size_t n = 1025;
	char (*names)[16] = calloc(n, sizeof *names);
	const char **set = calloc(n, sizeof *set);
	struct arena *a = arena_new(1 << 22);
	struct report r;
	struct buf b;

	ck_assert_ptr_nonnull(names);
	ck_assert_ptr_nonnull(set);
	for (size_t i = 0; i < n; i++) {
		snprintf(names[i], sizeof names[i], "ns%zu.test", i);
		set[i] = names[i];
	}
	memset(&r, 0, sizeof r);
	r.status = REPORT_DONE;
	r.parent_zone = "test";
	r.deleg = set;
	r.n_deleg = 1024;
	report_round_trip(&r, 0, a);

	r.n_deleg = 1025;
	buf_init(&b, BIG);
	codec_encode_report(&r, &b);
	ck_assert(buf_failed(&b));
	buf_free(&b);
	arena_free(a);
	free(set);
	free(names);
}
END_TEST

/*
 * A list longer than its 16-bit count can say: refused by the encoder,
 * never written with a cut count (which would not decode, or decode to
 * something else).
 */
START_TEST(test_report_long_lists)
{
	size_t n = 0x10001;
	const char **set = calloc(n, sizeof *set);
	struct report_addr *glue = calloc(n, sizeof *glue);
	static const char *const what[] = { "deleg", "child", "glue",
					    "servers[0].ns", "parents[0].glue" };
	struct arena *a = arena_new(1 << 24);
	struct report r, out;
	struct buf b;
	char bad[128] = "";

	ck_assert_ptr_nonnull(set);
	ck_assert_ptr_nonnull(glue);
	for (size_t i = 0; i < n; i++) {
		set[i] = "ns1.example.org";
		glue[i].name = "ns1.example.org";
	}
	for (int which = 0; which < 5; which++) {
		sample_report(&r);
		switch (which) {
		case 0: r.deleg = set; r.n_deleg = n; break;
		case 1: r.child = set; r.n_child = n; break;
		case 2: r.glue = glue; r.n_glue = n; break;
		case 3: rep_servers[0].ns = set; rep_servers[0].n_ns = n; break;
		case 4: rep_parents[0].glue = glue; rep_parents[0].n_glue = n; break;
		}
		buf_init(&b, BIG);
		codec_encode_report(&r, &b);
		if (!buf_failed(&b)) {
			if (decode_report_copy(b.data, b.len, 0, a, &out) == 0) {
				assert_same_report(&r, &out, 0);
			} else {
				size_t used = strlen(bad);
				snprintf(bad + used, sizeof bad - used, " %s",
					 what[which]);
			}
		}
		buf_free(&b);
		arena_reset(a);
	}
	ck_assert_msg(bad[0] == '\0', "%zu entries written with a cut 16-bit "
		      "count, undecodable, in:%s", n, bad);
	arena_free(a);
	free(glue);
	free(set);
}
END_TEST

/* ---- drill-down answers ---- */

static void drill_sample(struct drill *d)
{
	static const unsigned char ns[] = { 0xBE, 0xEF, 0x84, 0x00, 0, 1, 0, 0,
					    0, 0, 0, 0, 0, 0, 2, 0, 1 };
	memset(d, 0, sizeof *d);
	d->n = 3;
	d->elapsed_us = 1234;
	d->answer[0] = (struct drill_answer){ .query = DRILL_NS,
		.outcome = PROBE_ANSWERED, .rtt_us = 210, .pkt = ns,
		.len = sizeof ns };
	d->answer[1] = (struct drill_answer){ .query = DRILL_SOA_TCP,
		.outcome = PROBE_REFUSED, .tcp = true };
	d->answer[2] = (struct drill_answer){ .query = DRILL_RECURSION,
		.outcome = PROBE_TIMEOUT };
}

/* Decodes a copy of exactly len bytes (so ASan sees any overread). */
static int drill_decode(const char *data, size_t len, struct arena *a,
			struct drill *out)
{
	char *copy = malloc(len ? len : 1);
	memcpy(copy, data, len);
	memset(out, 0, sizeof *out);
	int rc = codec_decode_drill(copy, len, a, out);
	free(copy);
	return rc;
}

START_TEST(test_drill_round_trip)
{
	struct arena *a = arena_new(BIG);
	struct drill in, out;
	struct buf b;

	drill_sample(&in);
	buf_init(&b, BIG);
	codec_encode_drill(&in, &b);
	ck_assert(!buf_failed(&b));
	ck_assert_int_eq(drill_decode(b.data, b.len, a, &out), 0);
	ck_assert_uint_eq(out.n, 3);
	ck_assert_uint_eq(out.elapsed_us, 1234);
	ck_assert_int_eq(out.answer[0].query, DRILL_NS);
	ck_assert_uint_eq(out.answer[0].rtt_us, 210);
	ck_assert_uint_eq(out.answer[0].len, in.answer[0].len);
	ck_assert_mem_eq(out.answer[0].pkt, in.answer[0].pkt, in.answer[0].len);
	ck_assert_int_eq(out.answer[1].outcome, PROBE_REFUSED);
	ck_assert(out.answer[1].tcp);
	ck_assert_ptr_null(out.answer[1].pkt);
	ck_assert_int_eq(out.answer[2].query, DRILL_RECURSION);
	ck_assert_int_eq(out.answer[2].outcome, PROBE_TIMEOUT);

	/* every shorter prefix, and one byte more, is refused */
	for (size_t n = 0; n < b.len; n++)
		ck_assert_int_eq(drill_decode(b.data, n, a, &out), -1);
	buf_putc(&b, 0);
	ck_assert_int_eq(drill_decode(b.data, b.len, a, &out), -1);
	buf_free(&b);
	arena_free(a);
}
END_TEST

START_TEST(test_drill_reject_fields)
{
	struct arena *a = arena_new(BIG);
	struct drill in, out;
	struct buf b;

	/* offsets: version 0, elapsed 1-4, count 5, then query, outcome,
	 * tcp, rtt (4), length (2), packet */
	static const struct { size_t at; unsigned char v; } bad[] = {
		{ 0, 9 },                /* another version */
		{ 5, DRILL_QUERIES + 1 }, /* more answers than questions */
		{ 6, DRILL_QUERIES },    /* no such question */
		{ 7, PROBE_REFUSED + 1 }, /* no such outcome */
		{ 7, PROBE_TIMEOUT },    /* a packet without an answer */
	};
	drill_sample(&in);
	buf_init(&b, BIG);
	codec_encode_drill(&in, &b);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *copy = malloc(b.len);
		memcpy(copy, b.data, b.len);
		copy[bad[i].at] = (char)bad[i].v;
		ck_assert_int_eq(drill_decode(copy, b.len, a, &out), -1);
		ck_assert_uint_eq(out.n, 0);
		free(copy);
	}
	/* an answer whose outcome is "answered" but has no packet */
	in.answer[0].pkt = NULL;
	buf_reset(&b);
	codec_encode_drill(&in, &b);
	ck_assert_int_eq(drill_decode(b.data, b.len, a, &out), -1);
	buf_free(&b);
	arena_free(a);
}
END_TEST

Suite *codec_suite(void)
{
	Suite *s = suite_create("codec");
	TCase *tc = tcase_create("round trip");

	tcase_add_test(tc, test_round_trip_full);
	tcase_add_test(tc, test_round_trip_every_status);
	tcase_add_test(tc, test_round_trip_every_addr_state);
	tcase_add_test(tc, test_round_trip_empty_strings);
	tcase_add_test(tc, test_ageing);
	tcase_add_test(tc, test_decode_into_reused_arena);
	suite_add_tcase(s, tc);

	tc = tcase_create("reject");
	tcase_add_test(tc, test_reject_empty);
	tcase_add_test(tc, test_reject_version);
	tcase_add_test(tc, test_reject_every_truncation);
	tcase_add_test(tc, test_reject_trailing);
	tcase_add_test(tc, test_reject_addresses_without_found);
	tcase_add_test(tc, test_reject_bad_enums);
	tcase_add_test(tc, test_reject_missing_names);
	tcase_add_test(tc, test_reject_nul_in_strings);
	tcase_add_test(tc, test_decode_any_byte_flip);
	suite_add_tcase(s, tc);

	tc = tcase_create("sizes");
	tcase_add_test(tc, test_too_big_for_slot);
	tcase_add_test(tc, test_slot_limit_exact);
	tcase_add_test(tc, test_string_length_limit);
	tcase_add_test(tc, test_too_many_ns);
	tcase_add_test(tc, test_too_many_addresses);
	suite_add_tcase(s, tc);

	tc = tcase_create("report");
	tcase_add_test(tc, test_report_round_trip);
	tcase_add_test(tc, test_report_big_parent_zone);
	tcase_add_test(tc, test_report_round_trip_variants);
	tcase_add_test(tc, test_report_ageing);
	tcase_add_test(tc, test_report_names_once);
	tcase_add_test(tc, test_report_reject_truncation);
	tcase_add_test(tc, test_report_reject_version);
	tcase_add_test(tc, test_report_reject_bad_enums);
	tcase_add_test(tc, test_report_reject_nul);
	tcase_add_test(tc, test_report_any_byte_flip);
	tcase_add_test(tc, test_report_garbage);
	tcase_add_test(tc, test_report_names_limit);
	tcase_add_test(tc, test_report_long_lists);
	tcase_add_test(tc, test_drill_round_trip);
	tcase_add_test(tc, test_drill_reject_fields);
	suite_add_tcase(s, tc);
	return s;
}
