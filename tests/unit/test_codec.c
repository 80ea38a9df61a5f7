/*
 * Unit tests of codec: ns_result to bytes and back.
 *
 * Round trips over every status and address state, TTL ageing, and the
 * decoder's distrust of its input: each truncation, trailing bytes, bad
 * version, status, state, counts and NUL bytes inside strings are refused.
 * Inputs to the decoder are copied into buffers of exactly their length,
 * so the sanitizer build catches any read past the end.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "cache.h"
#include "codec.h"
#include "result.h"
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
	return s;
}
