/*
 * Unit tests of arena: zeroed and aligned memory, the per-request limit,
 * reset, binary-safe strndup and the overflow check of arena_array.
 */
#include <stdalign.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/arena.h"
#include "suites.h"

static bool all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

START_TEST(test_alloc_aligned_and_zeroed)
{
	static const size_t sizes[] = { 1, 3, 7, 16, 17, 100, 1000, 5000 };
	struct arena *a = arena_new(1 << 20);

	ck_assert_ptr_nonnull(a);
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		unsigned char *p = arena_alloc(a, sizes[i]);
		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq((uintptr_t)p % alignof(max_align_t), 0);
		ck_assert(all_zero(p, sizes[i]));
		memset(p, 0xAA, sizes[i]); /* dirty it for the next test */
	}
	/* memory handed out again after a reset must be zeroed again */
	arena_reset(a);
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		unsigned char *p = arena_alloc(a, sizes[i]);
		ck_assert_ptr_nonnull(p);
		ck_assert(all_zero(p, sizes[i]));
	}
	arena_free(a);
}
END_TEST

START_TEST(test_allocations_do_not_overlap)
{
	struct arena *a = arena_new(1 << 20);
	unsigned char *p[200];

	/* enough to need several blocks */
	for (int i = 0; i < 200; i++) {
		p[i] = arena_alloc(a, 333);
		ck_assert_ptr_nonnull(p[i]);
		memset(p[i], i, 333);
	}
	for (int i = 0; i < 200; i++)
		for (int k = 0; k < 333; k++)
			ck_assert_int_eq(p[i][k], (unsigned char)i);
	ck_assert_uint_ge(arena_used(a), 200 * 333);
	arena_free(a);
}
END_TEST

START_TEST(test_large_allocation)
{
	struct arena *a = arena_new(1 << 20);
	unsigned char *big = arena_alloc(a, 100000);

	ck_assert_ptr_nonnull(big);
	ck_assert(all_zero(big, 100000));
	memset(big, 1, 100000);
	unsigned char *small = arena_alloc(a, 10);
	ck_assert_ptr_nonnull(small);
	ck_assert(all_zero(small, 10));
	arena_reset(a);
	ck_assert_uint_eq(arena_used(a), 0);
	ck_assert_ptr_nonnull(arena_alloc(a, 200000));
	arena_free(a);
}
END_TEST

START_TEST(test_limit)
{
	struct arena *a = arena_new(1024);
	size_t got = 0;

	ck_assert_ptr_null(arena_alloc(a, 1025));
	while (arena_alloc(a, 100) != NULL) {
		got++;
		ck_assert_uint_le(arena_used(a), 1024);
		ck_assert_uint_lt(got, 100); /* it must stop */
	}
	ck_assert_uint_ge(got, 1);
	ck_assert_uint_le(arena_used(a), 1024);
	/* still refused, even for one byte, once nothing is left */
	arena_reset(a);
	ck_assert_ptr_nonnull(arena_alloc(a, 1024));
	ck_assert_ptr_null(arena_alloc(a, 1));
	ck_assert_uint_eq(arena_used(a), 1024);
	arena_free(a);
}
END_TEST

START_TEST(test_reset_keeps_working)
{
	struct arena *a = arena_new(64 * 1024);

	for (int round = 0; round < 5; round++) {
		int n = 0;
		while (arena_alloc(a, 1000) != NULL)
			n++;
		ck_assert_int_ge(n, 60);
		arena_reset(a);
		ck_assert_uint_eq(arena_used(a), 0);
		char *s = arena_strdup(a, "again");
		ck_assert_ptr_nonnull(s);
		ck_assert_str_eq(s, "again");
		arena_reset(a);
	}
	arena_free(a);
}
END_TEST

START_TEST(test_strndup_binary)
{
	struct arena *a = arena_new(4096);
	const char src[] = "a\0b\xFF" "c";
	char *p = arena_strndup(a, src, 5);

	ck_assert_ptr_nonnull(p);
	ck_assert(memcmp(p, src, 5) == 0);
	ck_assert_int_eq(p[5], '\0');
	ck_assert_ptr_ne(p, src);

	/* only n bytes are copied */
	char *q = arena_strndup(a, "abcdef", 3);
	ck_assert_str_eq(q, "abc");
	char *e = arena_strndup(a, "xyz", 0);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e, "");
	char *d = arena_strdup(a, "hello");
	ck_assert_str_eq(d, "hello");
	arena_free(a);
}
END_TEST

START_TEST(test_strndup_limit)
{
	struct arena *a = arena_new(64);
	char s[200];

	memset(s, 'x', sizeof s);
	ck_assert_ptr_null(arena_strndup(a, s, sizeof s));
	ck_assert_ptr_null(arena_strndup(a, s, SIZE_MAX));
	arena_free(a);
}
END_TEST

START_TEST(test_array)
{
	struct arena *a = arena_new(1 << 16);
	uint64_t *v = arena_array(a, 10, sizeof *v);

	ck_assert_ptr_nonnull(v);
	for (int i = 0; i < 10; i++)
		ck_assert_uint_eq(v[i], 0);
	/* n * size overflows size_t: refused, not wrapped to a small block */
	ck_assert_ptr_null(arena_array(a, SIZE_MAX / 2 + 1, 2));
	ck_assert_ptr_null(arena_array(a, SIZE_MAX, SIZE_MAX));
	ck_assert_ptr_null(arena_array(a, (SIZE_MAX >> 4) + 1, 16));
	/* no overflow but past the limit */
	ck_assert_ptr_null(arena_array(a, 1 << 16, 2));
	ck_assert_ptr_nonnull(arena_array(a, 100, 16));
	arena_free(a);
}
END_TEST

START_TEST(test_alloc_huge)
{
	struct arena *a = arena_new(1 << 16);

	/* rounding up to the alignment must not wrap around */
	ck_assert_ptr_null(arena_alloc(a, SIZE_MAX));
	ck_assert_ptr_null(arena_alloc(a, SIZE_MAX - 3));
	ck_assert_ptr_nonnull(arena_alloc(a, 8));
	arena_free(a);
}
END_TEST

START_TEST(test_free_null)
{
	arena_free(NULL); /* like free(NULL) */
}
END_TEST

Suite *arena_suite(void)
{
	Suite *s = suite_create("arena");
	TCase *tc = tcase_create("arena");

	tcase_add_test(tc, test_alloc_aligned_and_zeroed);
	tcase_add_test(tc, test_allocations_do_not_overlap);
	tcase_add_test(tc, test_large_allocation);
	tcase_add_test(tc, test_limit);
	tcase_add_test(tc, test_reset_keeps_working);
	tcase_add_test(tc, test_strndup_binary);
	tcase_add_test(tc, test_strndup_limit);
	tcase_add_test(tc, test_array);
	tcase_add_test(tc, test_alloc_huge);
	tcase_add_test(tc, test_free_null);
	suite_add_tcase(s, tc);
	return s;
}
