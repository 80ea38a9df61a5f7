/*
 * Unit tests of cache: the shared-memory result table.
 *
 * Every test works on its own segments, named after the test runner and the
 * test's process ("/nscheck-ut-<runner>-<pid>-<n>"). The checked teardown
 * unlinks them when a test ends; a failed assertion ends a forked test with
 * _exit, skipping that teardown, so the runner's unchecked teardown removes
 * whatever a failed test of its TCase left in /dev/shm.
 *
 * Time is a parameter of the cache, so expiry and deadlines are tested with
 * made-up milliseconds and nothing sleeps. Only cache_wait reads the real
 * monotonic clock; tests that wait use clock_ms() for every time they pass
 * and never assert on how long anything took. Processes synchronise through
 * pipes and report through their exit status.
 *
 * Crash recovery is tested two ways: deterministically, by a child that
 * faults inside the locked copy of cache_put or cache_get (it hands the
 * cache unreadable or read-only memory), and statistically, by children
 * killed at arbitrary points while they hammer a few keys.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cache/cache.h"
#include "util/clock.h"
#include "suites.h"

#define SMALL (192 * 1024)         /* a few sets: evictions come quickly */
#define ONE_SET (48 * 1024)        /* room for exactly one set (checked) */
#define FAR (INT64_C(1) << 50)     /* an expiry or deadline never reached */
#define NO_ACCEPT INT64_MAX        /* accept_from that accepts nothing expired */
#define N_NAMES 3

/* ---- segment names and their cleanup ---- */

static pid_t runner;
static char names[N_NAMES][64];

static void runner_setup(void)
{
	runner = getpid();
}

/* Runs in the runner: removes what failed tests of this TCase left. */
static void runner_teardown(void)
{
	char prefix[64];
	DIR *d = opendir("/dev/shm");
	struct dirent *e;

	if (!d)
		return;
	snprintf(prefix, sizeof prefix, "nscheck-ut-%ld-", (long)runner);
	while ((e = readdir(d)) != NULL) {
		char name[300];
		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		snprintf(name, sizeof name, "/%s", e->d_name);
		shm_unlink(name);
	}
	closedir(d);
}

static void names_setup(void)
{
	for (int i = 0; i < N_NAMES; i++) {
		snprintf(names[i], sizeof names[i], "/nscheck-ut-%ld-%ld-%d",
			 (long)runner, (long)getpid(), i);
		shm_unlink(names[i]);
	}
}

static void names_teardown(void)
{
	for (int i = 0; i < N_NAMES; i++)
		shm_unlink(names[i]);
}

/* ---- helpers ---- */

struct got {
	enum cache_status st;
	size_t len;
	struct cache_meta meta;
	struct cache_ticket t;
	unsigned char v[CACHE_SLOT_SIZE];
};

static struct cache *open_ok(const char *name, size_t size)
{
	char err[256] = "";
	struct cache *c = cache_open(name, size, err, sizeof err);

	ck_assert_msg(c != NULL, "cache_open(%s, %zu): %s", name, size, err);
	return c;
}

static enum cache_status get_full(struct cache *c, const char *key,
				  int64_t now, int64_t until, int64_t accept,
				  struct got *g)
{
	memset(g, 0, sizeof *g);
	g->st = cache_get(c, key, now, until, accept, g->v, sizeof g->v,
			  &g->len, &g->meta, &g->t);
	return g->st;
}

/* A plain lookup: the caller's marker lasts 10 s, nothing expired is taken. */
static enum cache_status get(struct cache *c, const char *key, int64_t now,
			     struct got *g)
{
	return get_full(c, key, now, now + 10000, NO_ACCEPT, g);
}

/* Bytes that differ by seed and position, so any mix-up shows. */
static void pattern(unsigned char *v, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		v[i] = (unsigned char)(seed * 131u + i * 7u + (i >> 8));
}

/* key must be a MISS that gets a marker; then value is stored. */
static void fill(struct cache *c, const char *key, int64_t now,
		 int64_t expires, const void *value, size_t len)
{
	struct got g;

	ck_assert_msg(get(c, key, now, &g) == CACHE_MISS, "%s: not a miss", key);
	ck_assert_msg(g.t.slot != CACHE_NO_SLOT, "%s: no marker", key);
	ck_assert_int_eq(cache_put(c, &g.t, key, value, len, now, expires), 0);
}

static void fill_seed(struct cache *c, const char *key, int64_t now,
		      int64_t expires, unsigned seed)
{
	unsigned char v[100];

	pattern(v, sizeof v, seed);
	fill(c, key, now, expires, v, sizeof v);
}

/* key is a HIT at now with exactly the bytes of fill_seed(seed). */
static void assert_hit_seed(struct cache *c, const char *key, int64_t now,
			    unsigned seed)
{
	unsigned char v[100];
	struct got g;

	pattern(v, sizeof v, seed);
	ck_assert_msg(get(c, key, now, &g) == CACHE_HIT, "%s: %d, not a hit",
		      key, (int)g.st);
	ck_assert_uint_eq(g.len, sizeof v);
	ck_assert_mem_eq(g.v, v, sizeof v);
}

static struct cache_info info_at(struct cache *c, int64_t now)
{
	struct cache_info i;

	cache_info(c, now, &i);
	return i;
}

/* A child of a test: dies with the test process, never outlives it. */
static pid_t fork_child(void)
{
	pid_t parent = getpid();
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(99);
	}
	return pid;
}

static int child_status(pid_t pid)
{
	int status;

	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	return status;
}

static void assert_exited_ok(pid_t pid)
{
	int status = child_status(pid);

	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "child failed: status %#x (exit %d)", status,
		      WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static void write_byte(int fd)
{
	char b = 'x';

	while (write(fd, &b, 1) < 0 && errno == EINTR)
		;
}

/* Reads n bytes; false at EOF (every writer gone). */
static bool read_bytes(int fd, size_t n)
{
	char b;

	while (n > 0) {
		ssize_t r = read(fd, &b, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		n--;
	}
	return true;
}

/* A shm object called name, size bytes of byte, as a crashed or foreign
 * program might leave it. */
static void make_junk(const char *name, size_t size, unsigned char byte)
{
	int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, (off_t)size), 0);
	if (size) {
		void *m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED,
			       fd, 0);
		ck_assert(m != MAP_FAILED);
		memset(m, byte, size);
		munmap(m, size);
	}
	close(fd);
}

static bool shm_exists(const char *name)
{
	int fd = shm_open(name, O_RDONLY, 0);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* ---- the table ---- */

START_TEST(test_open_twice_shares)
{
	struct cache *a = open_ok(names[0], SMALL);
	struct cache *b = open_ok(names[0], SMALL);
	struct cache_info ia = info_at(a, 0), ib = info_at(b, 0);
	struct got g;

	ck_assert(shm_exists(names[0]));
	ck_assert_uint_eq(ia.segment_bytes, SMALL);
	ck_assert_uint_eq(ia.slot_size, CACHE_SLOT_SIZE);
	ck_assert_uint_gt(ia.slots, 0);
	ck_assert_uint_eq(ia.slots % CACHE_WAYS, 0);
	ck_assert_uint_le((size_t)ia.slots * CACHE_SLOT_SIZE, SMALL);
	ck_assert_uint_eq(ib.slots, ia.slots);

	fill_seed(a, "example.org", 1000, 5000, 1);
	assert_hit_seed(b, "example.org", 1001, 1);
	/* and the other way round */
	fill_seed(b, "example.net", 1000, 5000, 2);
	assert_hit_seed(a, "example.net", 1001, 2);
	/* a compatible segment is attached to, not replaced */
	ck_assert_uint_eq(cache_counter_value(a, CTR_REPLACED), 0);
	ck_assert_uint_eq(cache_counter_value(b, CTR_INSERTS), 2);
	ck_assert_int_eq(get(a, "example.com", 1001, &g), CACHE_MISS);
	cache_drop(a, &g.t);
	cache_close(a);
	cache_close(b);
}
END_TEST

START_TEST(test_open_bad_size)
{
	char err[256] = "";

	ck_assert_ptr_null(cache_open(names[0], 1024, err, sizeof err));
	ck_assert_str_ne(err, "");
	ck_assert(!shm_exists(names[0]));
	err[0] = '\0';
	ck_assert_ptr_null(cache_open(names[0], 0, err, sizeof err));
	ck_assert_str_ne(err, "");
	ck_assert(!shm_exists(names[0]));
}
END_TEST

/* Values for no one to wait on (the zones a report walks through): no
 * marker, no counter; stored over an older value, never over another's
 * marker; expired ones are not read. */
START_TEST(test_peek_store)
{
	struct cache *c = open_ok(names[0], SMALL);
	unsigned char v[100], out[CACHE_SLOT_SIZE];
	size_t len = 0;
	struct got g;

	pattern(v, sizeof v, 3);
	ck_assert_int_eq(cache_peek(c, "zone test", 1000, out, sizeof out, &len), -1);
	ck_assert_int_eq(cache_store(c, "zone test", v, sizeof v, 1000, 5000), 0);
	ck_assert_int_eq(cache_peek(c, "zone test", 4999, out, sizeof out, &len), 0);
	ck_assert_uint_eq(len, sizeof v);
	ck_assert_mem_eq(out, v, sizeof v);
	ck_assert_int_eq(cache_peek(c, "zone test", 5000, out, sizeof out, &len), -1);
	ck_assert_uint_eq(cache_counter_value(c, CTR_HITS), 0);
	ck_assert_uint_eq(cache_counter_value(c, CTR_MISSES), 0);
	/* a newer value replaces the old one */
	pattern(v, sizeof v, 4);
	ck_assert_int_eq(cache_store(c, "zone test", v, 50, 2000, 9000), 0);
	ck_assert_int_eq(cache_peek(c, "zone test", 3000, out, sizeof out, &len), 0);
	ck_assert_uint_eq(len, 50);
	ck_assert_mem_eq(out, v, 50);
	/* a live marker of an ordinary lookup is left alone */
	ck_assert_int_eq(get(c, "zone busy", 1000, &g), CACHE_MISS);
	ck_assert_int_eq(cache_store(c, "zone busy", v, 10, 1000, 9000), -1);
	ck_assert_int_eq(cache_peek(c, "zone busy", 1000, out, sizeof out, &len), -1);
	/* too big for a slot */
	ck_assert_int_eq(cache_store(c, "zone big", out, cache_value_max() + 1,
				     1000, 9000), -1);
	cache_close(c);
}
END_TEST

START_TEST(test_miss_pending_hit)
{
	struct cache *c = open_ok(names[0], SMALL);
	unsigned char v[300];
	struct got g, w;

	pattern(v, sizeof v, 7);
	ck_assert_int_eq(get(c, "example.org", 1000, &g), CACHE_MISS);
	ck_assert_uint_ne(g.t.slot, CACHE_NO_SLOT);
	/* the marker stands for the owner: a second asker waits on it */
	ck_assert_int_eq(get(c, "example.org", 1001, &w), CACHE_PENDING);
	ck_assert_uint_eq(w.t.slot, g.t.slot);
	/* another key is not affected by the marker */
	ck_assert_int_eq(get(c, "example.org.", 1001, &w), CACHE_MISS);
	cache_drop(c, &w.t);
	ck_assert_int_eq(get(c, "example.or", 1001, &w), CACHE_MISS);
	cache_drop(c, &w.t);

	ck_assert_int_eq(cache_put(c, &g.t, "example.org", v, sizeof v, 1002,
				   61002), 0);
	ck_assert_int_eq(get(c, "example.org", 1003, &w), CACHE_HIT);
	ck_assert_uint_eq(w.len, sizeof v);
	ck_assert_mem_eq(w.v, v, sizeof v);
	ck_assert_int_eq(w.meta.stored_ms, 1002);
	ck_assert_int_eq(w.meta.expires_ms, 61002);
	/* a hit is not consumed */
	ck_assert_int_eq(get(c, "example.org", 1004, &w), CACHE_HIT);
	ck_assert_mem_eq(w.v, v, sizeof v);

	ck_assert_uint_eq(cache_counter_value(c, CTR_MISSES), 3);
	ck_assert_uint_eq(cache_counter_value(c, CTR_COALESCED), 1);
	ck_assert_uint_eq(cache_counter_value(c, CTR_HITS), 2);
	ck_assert_uint_eq(cache_counter_value(c, CTR_INSERTS), 1);
	cache_close(c);
}
END_TEST

START_TEST(test_empty_value)
{
	struct cache *c = open_ok(names[0], SMALL);
	struct got g;

	fill(c, "empty.test", 1000, 2000, "", 0);
	ck_assert_int_eq(get(c, "empty.test", 1500, &g), CACHE_HIT);
	ck_assert_uint_eq(g.len, 0);
	cache_close(c);
}
END_TEST

START_TEST(test_expiry)
{
	struct cache *c = open_ok(names[0], SMALL);
	struct got g;

	fill_seed(c, "example.org", 1000, 5000, 3);
	assert_hit_seed(c, "example.org", 1000, 3);
	assert_hit_seed(c, "example.org", 4999, 3);
	/* expires_ms is the first millisecond it is no longer served */
	ck_assert_int_eq(get(c, "example.org", 5000, &g), CACHE_MISS);
	ck_assert_uint_ne(g.t.slot, CACHE_NO_SLOT);
	/* the caller now owns the key: it stores a fresh value */
	unsigned char v[100];
	pattern(v, sizeof v, 4);
	ck_assert_int_eq(cache_put(c, &g.t, "example.org", v, sizeof v, 5000,
				   9000), 0);
	assert_hit_seed(c, "example.org", 8999, 4);
	ck_assert_int_eq(get(c, "example.org", 20000, &g), CACHE_MISS);
	cache_drop(c, &g.t);
	cache_close(c);
}
END_TEST

/* The miss that replaces an expired value hands that value out (for
 * serve-stale); a key that had none, or a caller's buffer too small for
 * it, gets no stale copy. Putting it back restores it as it was. */
START_TEST(test_stale_copy)
{
	struct cache *c = open_ok(names[0], SMALL);
	unsigned char v[100], small[10];
	struct cache_meta meta;
	struct cache_ticket t;
	size_t len = 0;
	struct got g;

	fill_seed(c, "old.test", 1000, 5000, 7);
	ck_assert_int_eq(get(c, "old.test", 6000, &g), CACHE_MISS);
	ck_assert(g.meta.stale);
	ck_assert_uint_eq(g.len, 100);
	pattern(v, sizeof v, 7);
	ck_assert_mem_eq(g.v, v, sizeof v);
	ck_assert_int_eq(g.meta.stored_ms, 1000);
	ck_assert_int_eq(g.meta.expires_ms, 5000);
	/* now a marker: others wait for it, and see no stale copy */
	ck_assert_int_eq(get(c, "old.test", 6000, &g), CACHE_PENDING);
	ck_assert(!g.meta.stale);
	ck_assert_int_eq(get(c, "old.test", 6000, &g), CACHE_PENDING);
	cache_close(c);

	c = open_ok(names[1], SMALL);
	fill_seed(c, "old.test", 1000, 5000, 7);
	ck_assert_int_eq(get(c, "old.test", 6000, &g), CACHE_MISS);
	ck_assert_int_eq(cache_put(c, &g.t, "old.test", g.v, g.len,
				   g.meta.stored_ms, g.meta.expires_ms), 0);
	ck_assert_int_eq(get(c, "old.test", 6500, &g), CACHE_MISS);
	ck_assert(g.meta.stale);
	ck_assert_int_eq(g.meta.stored_ms, 1000);
	ck_assert_mem_eq(g.v, v, sizeof v);
	cache_drop(c, &g.t);
	/* dropped: nothing left to hand out */
	ck_assert_int_eq(get(c, "old.test", 7000, &g), CACHE_MISS);
	ck_assert(!g.meta.stale);
	cache_drop(c, &g.t);

	ck_assert_int_eq(get(c, "never.test", 7000, &g), CACHE_MISS);
	ck_assert(!g.meta.stale);
	cache_drop(c, &g.t);

	fill_seed(c, "big.test", 1000, 5000, 8);
	meta.stale = true;
	ck_assert_int_eq(cache_get(c, "big.test", 6000, 16000, NO_ACCEPT, small,
				   sizeof small, &len, &meta, &t), CACHE_MISS);
	ck_assert(!meta.stale);
	cache_drop(c, &t);
	cache_close(c);
}
END_TEST

START_TEST(test_accept_from)
{
	struct cache *c = open_ok(names[0], SMALL);
	struct got g;

	/* a value whose lifetime is over as soon as it is stored */
	fill_seed(c, "short.test", 2000, 2000, 5);
	/* stored at or after accept_from: what a waiter waited for */
	ck_assert_int_eq(get_full(c, "short.test", 2500, 2600, 2000, &g),
			 CACHE_HIT);
	ck_assert_int_eq(g.meta.stored_ms, 2000);
	ck_assert_int_eq(g.meta.expires_ms, 2000);
	ck_assert_int_eq(get_full(c, "short.test", 9000, 9100, 1500, &g),
			 CACHE_HIT);
	/* stored before accept_from: expired is expired */
	ck_assert_int_eq(get_full(c, "short.test", 2500, 2600, 2001, &g),
			 CACHE_MISS);
	cache_drop(c, &g.t);

	/* accept_from never makes a missing key a hit */
	ck_assert_int_eq(get_full(c, "other.test", 2500, 2600, 0, &g),
			 CACHE_MISS);
	cache_drop(c, &g.t);
	cache_close(c);
}
END_TEST

START_TEST(test_drop)
{
	struct cache *c = open_ok(names[0], SMALL);
	struct got g, w;

	ck_assert_int_eq(get(c, "drop.test", 1000, &g), CACHE_MISS);
	ck_assert_int_eq(get(c, "drop.test", 1001, &w), CACHE_PENDING);
	cache_drop(c, &g.t);
	ck_assert_int_eq(info_at(c, 1002).pending, 0);
	ck_assert_int_eq(get(c, "drop.test", 1002, &w), CACHE_MISS);
	ck_assert_uint_ne(w.t.slot, CACHE_NO_SLOT);
	/* a put with the ticket that was dropped stores nothing */
	ck_assert_int_eq(cache_put(c, &g.t, "drop.test", "x", 1, 1003, FAR), 0);
	ck_assert_int_eq(get(c, "drop.test", 1004, &g), CACHE_PENDING);
	cache_drop(c, &w.t);
	ck_assert_int_eq(info_at(c, 1005).entries, 0);
	cache_close(c);
}
END_TEST

/* A marker taken over at its deadline: the old owner's ticket is dead. */
START_TEST(test_pending_deadline_takeover)
{
	struct cache *c = open_ok(names[0], SMALL);
	struct got old, w;

	ck_assert_int_eq(get_full(c, "slow.test", 1000, 1500, NO_ACCEPT, &old),
			 CACHE_MISS);
	ck_assert_int_eq(get_full(c, "slow.test", 1499, 9000, NO_ACCEPT, &w),
			 CACHE_PENDING);
	/* at pending_until the marker is abandoned: the next asker owns it */
	ck_assert_int_eq(get_full(c, "slow.test", 1500, 9000, NO_ACCEPT, &w),
			 CACHE_MISS);
	ck_assert_uint_ne(w.t.slot, CACHE_NO_SLOT);

	/* the late owner can neither store nor drop the new owner's marker */
	ck_assert_int_eq(cache_put(c, &old.t, "slow.test", "late", 4, 1600,
				   FAR), 0);
	cache_drop(c, &old.t);
	struct got p;
	ck_assert_int_eq(get_full(c, "slow.test", 1700, 9000, NO_ACCEPT, &p),
			 CACHE_PENDING);
	ck_assert_int_eq(cache_put(c, &w.t, "slow.test", "new", 3, 1800, FAR),
			 0);
	ck_assert_int_eq(get(c, "slow.test", 1900, &p), CACHE_HIT);
	ck_assert_uint_eq(p.len, 3);
	ck_assert_mem_eq(p.v, "new", 3);
	cache_close(c);
}
END_TEST

START_TEST(test_oversize)
{
	struct cache *c = open_ok(names[0], SMALL);
	size_t max = cache_value_max();
	unsigned char *v = malloc(max + 1);
	struct got g, w;

	ck_assert_ptr_nonnull(v);
	ck_assert_uint_gt(max, 0);
	ck_assert_uint_lt(max, CACHE_SLOT_SIZE);
	pattern(v, max + 1, 8);
	ck_assert_int_eq(get(c, "big.test", 1000, &g), CACHE_MISS);
	ck_assert_int_eq(cache_put(c, &g.t, "big.test", v, max + 1, 1000, FAR),
			 -1);
	ck_assert_uint_eq(cache_counter_value(c, CTR_TOO_BIG), 1);
	ck_assert_uint_eq(cache_counter_value(c, CTR_INSERTS), 0);
	/* nothing stored and the marker is gone: the next asker owns it */
	ck_assert_int_eq(info_at(c, 1001).entries, 0);
	ck_assert_int_eq(info_at(c, 1001).pending, 0);
	ck_assert_int_eq(get(c, "big.test", 1001, &w), CACHE_MISS);
	ck_assert_uint_ne(w.t.slot, CACHE_NO_SLOT);
	cache_drop(c, &w.t);
	/* far beyond the slot as well */
	ck_assert_int_eq(get(c, "big.test", 1002, &w), CACHE_MISS);
	ck_assert_int_eq(cache_put(c, &w.t, "big.test", v, SIZE_MAX / 2, 1002,
				   FAR), -1);
	ck_assert_int_eq(get(c, "big.test", 1003, &w), CACHE_MISS);
	cache_drop(c, &w.t);
	free(v);
	cache_close(c);
}
END_TEST

/* The largest value with the longest key: both at their limits at once. */
START_TEST(test_value_max)
{
	struct cache *c = open_ok(names[0], SMALL);
	size_t max = cache_value_max();
	unsigned char *v = malloc(max);
	char key[CACHE_KEY_MAX + 1];
	struct got g;

	ck_assert_ptr_nonnull(v);
	memset(key, 'k', CACHE_KEY_MAX);
	key[CACHE_KEY_MAX] = '\0';
	pattern(v, max, 9);
	fill(c, "max.test", 1000, FAR, v, max);
	fill(c, key, 1000, FAR, v, max);
	ck_assert_int_eq(get(c, "max.test", 1001, &g), CACHE_HIT);
	ck_assert_uint_eq(g.len, max);
	ck_assert_mem_eq(g.v, v, max);
	ck_assert_int_eq(get(c, key, 1001, &g), CACHE_HIT);
	ck_assert_uint_eq(g.len, max);
	ck_assert_mem_eq(g.v, v, max);
	ck_assert_uint_eq(cache_counter_value(c, CTR_TOO_BIG), 0);
	free(v);
	cache_close(c);
}
END_TEST

START_TEST(test_keys)
{
	struct cache *c = open_ok(names[0], SMALL);
	char k255[CACHE_KEY_MAX + 1], k254[CACHE_KEY_MAX], k256[CACHE_KEY_MAX + 2];
	char huge[4096];
	struct got g;

	memset(k255, 'a', CACHE_KEY_MAX);
	k255[CACHE_KEY_MAX] = '\0';
	memcpy(k254, k255, CACHE_KEY_MAX - 1);
	k254[CACHE_KEY_MAX - 1] = '\0';
	memcpy(k256, k255, CACHE_KEY_MAX);
	k256[CACHE_KEY_MAX] = 'a';
	k256[CACHE_KEY_MAX + 1] = '\0';
	memset(huge, 'b', sizeof huge - 1);
	huge[sizeof huge - 1] = '\0';

	fill_seed(c, k255, 1000, FAR, 10);
	fill_seed(c, k254, 1000, FAR, 11);
	assert_hit_seed(c, k255, 1001, 10);
	assert_hit_seed(c, k254, 1001, 11);

	/* too long: never cached, never a marker, a put is harmless */
	const char *too_long[] = { k256, huge };
	for (size_t i = 0; i < 2; i++) {
		ck_assert_int_eq(get(c, too_long[i], 1002, &g), CACHE_MISS);
		ck_assert_uint_eq(g.t.slot, CACHE_NO_SLOT);
		ck_assert_int_eq(cache_put(c, &g.t, too_long[i], "v", 1, 1002,
					   FAR), 0);
		cache_drop(c, &g.t);
		ck_assert_int_eq(get(c, too_long[i], 1003, &g), CACHE_MISS);
		ck_assert_uint_eq(g.t.slot, CACHE_NO_SLOT);
	}
	ck_assert_int_eq(info_at(c, 1004).entries, 2);
	ck_assert_int_eq(info_at(c, 1004).pending, 0);
	/* the keys it starts with are untouched */
	assert_hit_seed(c, k255, 1005, 10);
	assert_hit_seed(c, k254, 1005, 11);
	cache_close(c);
}
END_TEST

START_TEST(test_info)
{
	struct cache *c = open_ok(names[0], SMALL);
	struct cache_info i = info_at(c, 0);
	struct got g;

	ck_assert_uint_eq(i.entries, 0);
	ck_assert_uint_eq(i.pending, 0);
	fill_seed(c, "a.test", 100, 1000, 1);
	fill_seed(c, "b.test", 100, 1000, 2);
	fill_seed(c, "c.test", 100, 1000, 3);
	fill_seed(c, "d.test", 100, 5000, 4);
	fill_seed(c, "e.test", 100, 5000, 5);
	ck_assert_int_eq(get(c, "f.test", 100, &g), CACHE_MISS);

	i = info_at(c, 999);
	ck_assert_uint_eq(i.entries, 5);
	ck_assert_uint_eq(i.pending, 1);
	i = info_at(c, 1000);
	ck_assert_uint_eq(i.entries, 2);
	ck_assert_uint_eq(i.pending, 1);
	cache_drop(c, &g.t);
	i = info_at(c, 5000);
	ck_assert_uint_eq(i.entries, 0);
	ck_assert_uint_eq(i.pending, 0);
	ck_assert_uint_eq(i.segment_bytes, SMALL);
	cache_close(c);
}
END_TEST

START_TEST(test_counters)
{
	struct cache *c = open_ok(names[0], SMALL);

	for (int k = 0; k < CTR_COUNT; k++)
		ck_assert_uint_eq(cache_counter_value(c, (enum cache_counter)k), 0);
	cache_count(c, CTR_REQUESTS);
	cache_count(c, CTR_REQUESTS);
	cache_count(c, CTR_OUT_NXDOMAIN);
	ck_assert_uint_eq(cache_counter_value(c, CTR_REQUESTS), 2);
	ck_assert_uint_eq(cache_counter_value(c, CTR_OUT_NXDOMAIN), 1);
	ck_assert_uint_eq(cache_counter_value(c, CTR_OUT_FOUND), 0);
	cache_close(c);
}
END_TEST

START_TEST(test_wait_returns)
{
	struct cache *c = open_ok(names[0], SMALL);
	struct cache_ticket none = { CACHE_NO_SLOT, 0 };
	int64_t now = clock_ms();
	struct got g, w;

	/* nothing to wait for: returns at once (the test would time out) */
	cache_wait(c, &none, now + 600000);
	ck_assert_int_eq(get_full(c, "w.test", now, FAR, NO_ACCEPT, &g),
			 CACHE_MISS);
	ck_assert_int_eq(get_full(c, "w.test", now, FAR, NO_ACCEPT, &w),
			 CACHE_PENDING);
	/* a short real wait: the marker stays, the deadline ends the wait */
	cache_wait(c, &w.t, clock_ms() + 20);
	ck_assert_int_eq(get_full(c, "w.test", clock_ms(), FAR, NO_ACCEPT, &w),
			 CACHE_PENDING);
	/* after the put the slot has changed: returns at once */
	ck_assert_int_eq(cache_put(c, &g.t, "w.test", "v", 1, now, now + 60000),
			 0);
	cache_wait(c, &w.t, clock_ms() + 600000);
	ck_assert_int_eq(get(c, "w.test", now, &w), CACHE_HIT);
	cache_close(c);
}
END_TEST

/* ---- eviction ---- */

/* Far more keys than slots: the newest stay, every push-out is counted. */
START_TEST(test_eviction_many_keys)
{
	struct cache *c = open_ok(names[0], SMALL);
	uint32_t slots = info_at(c, 0).slots;
	char key[32];

	ck_assert_uint_ge(slots, 2 * CACHE_WAYS); /* more than one set */
	uint32_t n = slots * 40;
	for (uint32_t i = 0; i < n; i++) {
		snprintf(key, sizeof key, "key-%u.test", i);
		fill_seed(c, key, 1000 + i, FAR, i);
	}
	/* With n >> slots every set fills up; from then on each new key
	 * pushes out exactly one live entry. */
	ck_assert_uint_eq(cache_counter_value(c, CTR_EVICTIONS), n - slots);
	ck_assert_uint_eq(cache_counter_value(c, CTR_INSERTS), n);
	ck_assert_uint_eq(info_at(c, 1000 + n).entries, slots);
	/* whatever the sets, the last CACHE_WAYS keys cannot have been
	 * pushed out: an LRU set drops its older entries first */
	for (uint32_t i = n - CACHE_WAYS; i < n; i++) {
		snprintf(key, sizeof key, "key-%u.test", i);
		assert_hit_seed(c, key, 1000 + n, i);
	}
	ck_assert_uint_eq(cache_counter_value(c, CTR_EVICTIONS), n - slots);
	cache_close(c);
}
END_TEST

/* When everything stored has expired, new keys take expired slots. */
START_TEST(test_expired_before_live)
{
	struct cache *c = open_ok(names[0], SMALL);
	uint32_t slots = info_at(c, 0).slots;
	char key[32];

	uint32_t n = slots * 10;
	for (uint32_t i = 0; i < n; i++) {
		snprintf(key, sizeof key, "old-%u.test", i);
		fill_seed(c, key, 1000 + i, 100000, i);
	}
	uint64_t ev = cache_counter_value(c, CTR_EVICTIONS);
	ck_assert_uint_eq(ev, n - slots);
	ck_assert_uint_eq(info_at(c, 100000).entries, 0);
	/* CACHE_WAYS keys never need more than one set's worth of room, and
	 * every set is full of expired entries */
	for (uint32_t i = 0; i < CACHE_WAYS; i++) {
		snprintf(key, sizeof key, "new-%u.test", i);
		fill_seed(c, key, 200000 + i, FAR, 1000 + i);
	}
	ck_assert_uint_eq(cache_counter_value(c, CTR_EVICTIONS), ev);
	for (uint32_t i = 0; i < CACHE_WAYS; i++) {
		snprintf(key, sizeof key, "new-%u.test", i);
		assert_hit_seed(c, key, 300000, 1000 + i);
	}
	ck_assert_uint_eq(info_at(c, 300000).entries, CACHE_WAYS);
	cache_close(c);
}
END_TEST

/* One set only: the order in which slots are given up, exactly. */
/* Times in seconds: the cache keeps its LRU order to the second. */
#define S(secs) ((int64_t)(secs) * 1000)

START_TEST(test_one_set_order)
{
	struct cache *c = open_ok(names[0], ONE_SET);
	const int half = CACHE_WAYS / 2, first = half, victim = half + 1;
	char key[32];
	struct got g;

	ck_assert_uint_eq(info_at(c, 0).slots, CACHE_WAYS);
	/* the first half expires at 1000, the second half lives on */
	for (int i = 0; i < CACHE_WAYS; i++) {
		snprintf(key, sizeof key, "a%d", i);
		fill_seed(c, key, S(100 + i), i < half ? S(1000) : FAR, i);
	}
	ck_assert_uint_eq(cache_counter_value(c, CTR_EVICTIONS), 0);
	snprintf(key, sizeof key, "a%d", first);
	assert_hit_seed(c, key, S(2000), first);
	for (int i = 0; i < half; i++) {
		snprintf(key, sizeof key, "b%d", i);
		fill_seed(c, key, S(2001 + i), FAR, 100 + i);
	}
	/* the new keys took the expired slots, not live ones */
	ck_assert_uint_eq(cache_counter_value(c, CTR_EVICTIONS), 0);
	for (int i = half; i < CACHE_WAYS; i++) {
		snprintf(key, sizeof key, "a%d", i);
		assert_hit_seed(c, key, S(2010), i);
	}
	/* use everything but the victim again: it is the least recently used */
	for (int i = half; i < CACHE_WAYS; i++) {
		if (i == victim)
			continue;
		snprintf(key, sizeof key, "a%d", i);
		assert_hit_seed(c, key, S(2020), i);
	}
	for (int i = 0; i < half; i++) {
		snprintf(key, sizeof key, "b%d", i);
		assert_hit_seed(c, key, S(2020), 100 + i);
	}
	fill_seed(c, "c0", S(2030), FAR, 200);
	ck_assert_uint_eq(cache_counter_value(c, CTR_EVICTIONS), 1);
	/* everything but the victim is still there */
	assert_hit_seed(c, "c0", S(2040), 200);
	for (int i = half; i < CACHE_WAYS; i++) {
		if (i == victim)
			continue;
		snprintf(key, sizeof key, "a%d", i);
		assert_hit_seed(c, key, S(2040), i);
	}
	for (int i = 0; i < half; i++) {
		snprintf(key, sizeof key, "b%d", i);
		assert_hit_seed(c, key, S(2040), 100 + i);
	}
	snprintf(key, sizeof key, "a%d", victim);
	ck_assert_int_eq(get(c, key, S(2050), &g), CACHE_MISS);
	cache_drop(c, &g.t);
	cache_close(c);
}
END_TEST

/* Live markers are never pushed out; values and abandoned markers are. */
START_TEST(test_one_set_markers)
{
	struct cache *c = open_ok(names[0], ONE_SET);
	struct got m[CACHE_WAYS], g, w;
	char key[32];

	ck_assert_uint_eq(info_at(c, 0).slots, CACHE_WAYS);
	/* a set full of markers whose deadline (500) will pass */
	for (int i = 0; i < CACHE_WAYS; i++) {
		snprintf(key, sizeof key, "p%d", i);
		ck_assert_int_eq(get_full(c, key, 100, 500, NO_ACCEPT, &g),
				 CACHE_MISS);
		ck_assert_uint_ne(g.t.slot, CACHE_NO_SLOT);
	}
	/* at 1000 they are abandoned: new markers replace every one */
	for (int i = 0; i < CACHE_WAYS; i++) {
		snprintf(key, sizeof key, "m%d", i);
		ck_assert_int_eq(get_full(c, key, 1000, 5000, NO_ACCEPT, &m[i]),
				 CACHE_MISS);
		ck_assert_uint_ne(m[i].t.slot, CACHE_NO_SLOT);
	}
	ck_assert_uint_eq(cache_counter_value(c, CTR_EVICTIONS), 0);
	ck_assert_uint_eq(info_at(c, 1000).pending, CACHE_WAYS);
	/* no room for a marker: still a miss, served uncached */
	ck_assert_int_eq(get_full(c, "x", 1001, 5000, NO_ACCEPT, &g), CACHE_MISS);
	ck_assert_uint_eq(g.t.slot, CACHE_NO_SLOT);
	ck_assert_int_eq(cache_put(c, &g.t, "x", "v", 1, 1001, FAR), 0);
	cache_drop(c, &g.t);
	for (int i = 0; i < CACHE_WAYS; i++) {
		snprintf(key, sizeof key, "m%d", i);
		ck_assert_int_eq(get_full(c, key, 1002, 5000, NO_ACCEPT, &w),
				 CACHE_PENDING);
		ck_assert_uint_eq(w.t.slot, m[i].t.slot);
	}
	ck_assert_uint_eq(info_at(c, 1002).entries, 0);
	/* m0 becomes a live value: the only slot that can be taken */
	ck_assert_int_eq(cache_put(c, &m[0].t, "m0", "v0", 2, 1003, FAR), 0);
	ck_assert_int_eq(get_full(c, "y", 1004, 5000, NO_ACCEPT, &g), CACHE_MISS);
	ck_assert_uint_eq(g.t.slot, m[0].t.slot);
	ck_assert_uint_eq(cache_counter_value(c, CTR_EVICTIONS), 1);
	cache_drop(c, &g.t);
	for (int i = 1; i < CACHE_WAYS; i++)
		cache_drop(c, &m[i].t);
	ck_assert_uint_eq(info_at(c, 1005).pending, 0);
	cache_close(c);
}
END_TEST

/* ---- the segment ---- */

static void replaced_works(const char *name, unsigned char byte)
{
	struct cache *c, *d;

	make_junk(name, SMALL, byte);
	c = open_ok(name, SMALL);
	ck_assert_uint_eq(cache_counter_value(c, CTR_REPLACED), 1);
	ck_assert_uint_eq(info_at(c, 0).entries, 0);
	ck_assert_uint_eq(info_at(c, 0).pending, 0);
	ck_assert_uint_eq(cache_counter_value(c, CTR_HITS), 0);
	fill_seed(c, "after.test", 1000, FAR, 12);
	assert_hit_seed(c, "after.test", 1001, 12);
	/* the replacement is what the name now stands for */
	d = open_ok(name, SMALL);
	ck_assert_uint_eq(cache_counter_value(d, CTR_REPLACED), 1);
	assert_hit_seed(d, "after.test", 1002, 12);
	cache_close(d);
	cache_close(c);
}

START_TEST(test_replace_junk)
{
	replaced_works(names[0], 0xA5);
}
END_TEST

/* A creator that died between ftruncate and writing the header. */
START_TEST(test_replace_zeroes)
{
	replaced_works(names[0], 0);
}
END_TEST

START_TEST(test_replace_other_size)
{
	struct cache *old = open_ok(names[0], SMALL), *c, *d;
	struct got g;

	fill_seed(old, "k1.test", 1000, FAR, 1);
	c = open_ok(names[0], 2 * SMALL);
	ck_assert_uint_eq(cache_counter_value(c, CTR_REPLACED), 1);
	ck_assert_uint_eq(info_at(c, 0).segment_bytes, 2 * SMALL);
	ck_assert_uint_gt(info_at(c, 0).slots, info_at(old, 0).slots);
	ck_assert_int_eq(get(c, "k1.test", 1001, &g), CACHE_MISS);
	cache_drop(c, &g.t);

	/* the old handle keeps its own mapping, apart from the new one */
	ck_assert_uint_eq(cache_counter_value(old, CTR_REPLACED), 0);
	assert_hit_seed(old, "k1.test", 1002, 1);
	fill_seed(old, "k2.test", 1003, FAR, 2);
	assert_hit_seed(old, "k2.test", 1004, 2);
	ck_assert_int_eq(get(c, "k2.test", 1005, &g), CACHE_MISS);
	ck_assert_int_eq(cache_put(c, &g.t, "k2.test", "n", 1, 1005, FAR), 0);
	assert_hit_seed(old, "k2.test", 1006, 2);

	/* the new size is kept by the next opener of that size */
	d = open_ok(names[0], 2 * SMALL);
	ck_assert_uint_eq(cache_counter_value(d, CTR_REPLACED), 1);
	ck_assert_int_eq(get(d, "k2.test", 1007, &g), CACHE_HIT);
	ck_assert_uint_eq(g.len, 1);
	ck_assert_mem_eq(g.v, "n", 1);
	cache_close(d);
	cache_close(c);
	cache_close(old);
}
END_TEST

START_TEST(test_attach_missing)
{
	char err[256] = "";

	ck_assert_ptr_null(cache_attach(names[0], err, sizeof err));
	ck_assert_str_ne(err, "");
	ck_assert(!shm_exists(names[0])); /* never creates */
}
END_TEST

START_TEST(test_attach_existing)
{
	struct cache *c = open_ok(names[0], SMALL), *a;
	char err[256] = "";

	cache_count(c, CTR_REQUESTS);
	cache_count(c, CTR_REQUESTS);
	cache_count(c, CTR_REQUESTS);
	fill_seed(c, "seen.test", 1000, FAR, 13);
	a = cache_attach(names[0], err, sizeof err);
	ck_assert_msg(a != NULL, "cache_attach: %s", err);
	ck_assert_uint_eq(cache_counter_value(a, CTR_REQUESTS), 3);
	ck_assert_uint_eq(cache_counter_value(a, CTR_INSERTS), 1);
	ck_assert_uint_eq(cache_counter_value(a, CTR_REPLACED), 0);
	ck_assert_uint_eq(info_at(a, 1001).segment_bytes, SMALL);
	ck_assert_uint_eq(info_at(a, 1001).slots, info_at(c, 1001).slots);
	ck_assert_uint_eq(info_at(a, 1001).entries, 1);
	assert_hit_seed(a, "seen.test", 1001, 13);
	cache_count(a, CTR_REQUESTS);
	ck_assert_uint_eq(cache_counter_value(c, CTR_REQUESTS), 4);
	ck_assert_uint_eq(cache_counter_value(c, CTR_HITS), 1);
	cache_close(a);
	cache_close(c);
}
END_TEST

/* attach only reads: what is not a cache is refused and left alone. */
START_TEST(test_attach_junk)
{
	char err[256] = "";

	make_junk(names[0], SMALL, 0x5A);
	ck_assert_ptr_null(cache_attach(names[0], err, sizeof err));
	ck_assert_str_ne(err, "");
	ck_assert(shm_exists(names[0]));
	int fd = shm_open(names[0], O_RDONLY, 0);
	unsigned char b[16], want[16];
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(read(fd, b, sizeof b), (ssize_t)sizeof b);
	close(fd);
	memset(want, 0x5A, sizeof want);
	ck_assert_mem_eq(b, want, sizeof b);

	err[0] = '\0';
	make_junk(names[1], 0, 0);
	ck_assert_ptr_null(cache_attach(names[1], err, sizeof err));
	ck_assert_str_ne(err, "");
}
END_TEST

/*
 * Bytes of a stored value changed behind the cache's back (a process dying
 * mid-write, a stray write): the checksum catches it, the value is never
 * served, the slot is cleared and counted. The value is found in the
 * segment by its content, so the test needs no knowledge of the layout.
 */
START_TEST(test_corrupt_value_not_served)
{
	struct cache *c = open_ok(names[0], SMALL);
	unsigned char v[200];
	struct got g;

	pattern(v, sizeof v, 77);
	fill(c, "victim.test", 1000, FAR, v, sizeof v);
	int fd = shm_open(names[0], O_RDWR, 0);
	ck_assert_int_ge(fd, 0);
	unsigned char *m = mmap(NULL, SMALL, PROT_READ | PROT_WRITE, MAP_SHARED,
				fd, 0);
	ck_assert(m != MAP_FAILED);
	close(fd);
	unsigned char *at = NULL;
	for (size_t i = 0; i + sizeof v <= SMALL; i++) {
		if (memcmp(m + i, v, sizeof v) == 0) {
			ck_assert_ptr_null(at);
			at = m + i;
		}
	}
	ck_assert_ptr_nonnull(at);

	at[sizeof v / 2] ^= 0x01;
	ck_assert_int_eq(get(c, "victim.test", 1001, &g), CACHE_MISS);
	ck_assert_uint_eq(cache_counter_value(c, CTR_CORRUPT), 1);
	ck_assert_uint_ne(g.t.slot, CACHE_NO_SLOT);
	/* the key works again */
	ck_assert_int_eq(cache_put(c, &g.t, "victim.test", v, sizeof v, 1002,
				   FAR), 0);
	ck_assert_int_eq(get(c, "victim.test", 1003, &g), CACHE_HIT);
	ck_assert_mem_eq(g.v, v, sizeof v);
	munmap(m, SMALL);
	cache_close(c);
}
END_TEST

/* ---- processes ---- */

/*
 * A marker whose owner died is taken over at once, deadline or not; while
 * the owner lives, other processes see PENDING.
 */
START_TEST(test_dead_owner)
{
	struct cache *c = open_ok(names[0], SMALL);
	int up[2], go[2];
	struct got g;

	ck_assert_int_eq(pipe(up), 0);
	ck_assert_int_eq(pipe(go), 0);
	pid_t pid = fork_child();
	if (pid == 0) {
		struct got cg;
		close(up[0]);
		close(go[1]);
		if (get_full(c, "orphan.test", 1000, FAR, NO_ACCEPT, &cg) !=
		    CACHE_MISS || cg.t.slot == CACHE_NO_SLOT)
			_exit(1);
		write_byte(up[1]);
		read_bytes(go[0], 1);
		_exit(0); /* without put or drop */
	}
	close(up[1]);
	close(go[0]);
	ck_assert(read_bytes(up[0], 1));
	ck_assert_int_eq(get_full(c, "orphan.test", 1001, FAR, NO_ACCEPT, &g),
			 CACHE_PENDING);
	/* a process that does not own the marker cannot end it */
	ck_assert_int_eq(cache_put(c, &g.t, "orphan.test", "x", 1, 1001, FAR),
			 0);
	cache_drop(c, &g.t);
	ck_assert_int_eq(get_full(c, "orphan.test", 1002, FAR, NO_ACCEPT, &g),
			 CACHE_PENDING);
	write_byte(go[1]);
	assert_exited_ok(pid);

	ck_assert_int_eq(get_full(c, "orphan.test", 1003, FAR, NO_ACCEPT, &g),
			 CACHE_MISS);
	ck_assert_uint_ne(g.t.slot, CACHE_NO_SLOT);
	ck_assert_int_eq(cache_put(c, &g.t, "orphan.test", "ok", 2, 1004, FAR),
			 0);
	ck_assert_int_eq(get(c, "orphan.test", 1005, &g), CACHE_HIT);
	ck_assert_mem_eq(g.v, "ok", 2);
	close(up[0]);
	close(go[1]);
	cache_close(c);
}
END_TEST

/* A waiter notices that the owner died, long before its own deadline. */
START_TEST(test_wait_dead_owner)
{
	struct cache *c = open_ok(names[0], SMALL);
	int up[2], go[2];

	ck_assert_int_eq(pipe(up), 0);
	ck_assert_int_eq(pipe(go), 0);
	pid_t owner = fork_child();
	if (owner == 0) {
		struct got cg;
		int64_t now = clock_ms();
		close(up[0]);
		close(go[1]);
		if (get_full(c, "gone.test", now, FAR, NO_ACCEPT, &cg) !=
		    CACHE_MISS)
			_exit(1);
		write_byte(up[1]);
		read_bytes(go[0], 1);
		_exit(0);
	}
	ck_assert(read_bytes(up[0], 1));
	pid_t waiter = fork_child();
	if (waiter == 0) {
		struct got cg;
		int64_t now = clock_ms();
		close(up[0]);
		if (get_full(c, "gone.test", now, FAR, NO_ACCEPT, &cg) !=
		    CACHE_PENDING)
			_exit(2);
		write_byte(up[1]);
		/* far longer than the test may run: only the death ends it */
		cache_wait(c, &cg.t, clock_ms() + 600000);
		now = clock_ms();
		if (get_full(c, "gone.test", now, FAR, NO_ACCEPT, &cg) !=
		    CACHE_MISS)
			_exit(3);
		_exit(0);
	}
	close(up[1]);
	close(go[0]);
	ck_assert(read_bytes(up[0], 1));
	write_byte(go[1]);
	assert_exited_ok(owner);
	assert_exited_ok(waiter);
	close(up[0]);
	close(go[1]);
	cache_close(c);
}
END_TEST

/*
 * Dies of SIGSEGV inside the locked section: the memory given to the call
 * is unreadable (put) or read-only (get), so the copy under the stripe lock
 * faults. No core file, no sanitizer report: just a death holding the lock.
 */
static void die_in_lock(struct cache *c, const char *key, bool put)
{
	struct rlimit none = { 0, 0 };
	struct sigaction dfl;
	struct got g;

	setrlimit(RLIMIT_CORE, &none);
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGSEGV, &dfl, NULL);
	sigaction(SIGBUS, &dfl, NULL);
	void *page = mmap(NULL, 4096, put ? PROT_NONE : PROT_READ,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		_exit(1);
	if (put) {
		if (get_full(c, key, 1000, FAR, NO_ACCEPT, &g) != CACHE_MISS)
			_exit(2);
		cache_put(c, &g.t, key, page, 1000, 1000, FAR);
	} else {
		size_t len;
		struct cache_meta meta;
		struct cache_ticket t;
		cache_get(c, key, 1000, FAR, NO_ACCEPT, page, 4096, &len, &meta,
			  &t);
	}
	_exit(0); /* the fault did not happen: the test cannot say anything */
}

static void assert_died(pid_t pid)
{
	int status = child_status(pid);

	ck_assert_msg(WIFSIGNALED(status), "child did not die: status %#x",
		      status);
}

/* Killed half-way through writing a value: the slot is never served. */
START_TEST(test_die_in_put)
{
	struct cache *c = open_ok(names[0], SMALL);
	struct got g;

	fill_seed(c, "bystander.test", 900, FAR, 20);
	pid_t pid = fork_child();
	if (pid == 0)
		die_in_lock(c, "torn.test", true);
	assert_died(pid);
	ck_assert_uint_eq(cache_counter_value(c, CTR_LOCK_RECOVERIES), 0);

	/* the next locker of that stripe repairs the set */
	ck_assert_int_eq(get(c, "torn.test", 1001, &g), CACHE_MISS);
	ck_assert_uint_eq(cache_counter_value(c, CTR_LOCK_RECOVERIES), 1);
	ck_assert_uint_eq(cache_counter_value(c, CTR_CORRUPT), 1);
	ck_assert_uint_ne(g.t.slot, CACHE_NO_SLOT);
	ck_assert_int_eq(cache_put(c, &g.t, "torn.test", "ok", 2, 1002, FAR),
			 0);
	ck_assert_int_eq(get(c, "torn.test", 1003, &g), CACHE_HIT);
	ck_assert_uint_eq(g.len, 2);
	ck_assert_mem_eq(g.v, "ok", 2);
	assert_hit_seed(c, "bystander.test", 1004, 20);
	/* recovered once, not on every lock */
	ck_assert_uint_eq(cache_counter_value(c, CTR_LOCK_RECOVERIES), 1);
	cache_close(c);
}
END_TEST

/* Killed while copying a hit out: the lock is recovered, the value kept. */
START_TEST(test_die_in_get)
{
	struct cache *c = open_ok(names[0], SMALL);
	struct got g;

	fill_seed(c, "read.test", 900, FAR, 21);
	pid_t pid = fork_child();
	if (pid == 0)
		die_in_lock(c, "read.test", false);
	assert_died(pid);
	assert_hit_seed(c, "read.test", 1001, 21);
	ck_assert_uint_eq(cache_counter_value(c, CTR_LOCK_RECOVERIES), 1);
	ck_assert_uint_eq(cache_counter_value(c, CTR_CORRUPT), 0);
	ck_assert_int_eq(get(c, "other.test", 1002, &g), CACHE_MISS);
	cache_drop(c, &g.t);
	cache_close(c);
}
END_TEST

#define WAITERS 4

/*
 * Coalescing: one owner, several processes waiting for its answer. The
 * value expires the moment it is stored, so only accept_from lets the
 * waiters take it.
 */
START_TEST(test_coalescing)
{
	struct cache *c = open_ok(names[0], SMALL);
	unsigned char v[500];
	pid_t kids[WAITERS];
	int up[2];
	struct got g;

	pattern(v, sizeof v, 14);
	ck_assert_int_eq(pipe(up), 0);
	int64_t start = clock_ms();
	ck_assert_int_eq(get_full(c, "shared.test", start, start + 600000,
				  NO_ACCEPT, &g), CACHE_MISS);
	for (int i = 0; i < WAITERS; i++) {
		kids[i] = fork_child();
		if (kids[i] == 0) {
			struct got cg;
			close(up[0]);
			int64_t asked = clock_ms();
			if (get_full(c, "shared.test", asked, asked + 600000,
				     NO_ACCEPT, &cg) != CACHE_PENDING)
				_exit(1);
			write_byte(up[1]);
			cache_wait(c, &cg.t, clock_ms() + 5000);
			int64_t now = clock_ms();
			if (get_full(c, "shared.test", now, now + 600000, asked,
				     &cg) != CACHE_HIT)
				_exit(2);
			if (cg.len != sizeof v || memcmp(cg.v, v, sizeof v) != 0)
				_exit(3);
			if (cg.meta.stored_ms < asked ||
			    cg.meta.expires_ms != cg.meta.stored_ms)
				_exit(4);
			_exit(0);
		}
	}
	close(up[1]);
	ck_assert(read_bytes(up[0], WAITERS));
	int64_t now = clock_ms();
	ck_assert_int_eq(cache_put(c, &g.t, "shared.test", v, sizeof v, now,
				   now), 0);
	for (int i = 0; i < WAITERS; i++)
		assert_exited_ok(kids[i]);
	ck_assert_uint_eq(cache_counter_value(c, CTR_COALESCED), WAITERS);
	ck_assert_uint_eq(cache_counter_value(c, CTR_HITS), WAITERS);
	ck_assert_uint_eq(cache_counter_value(c, CTR_MISSES), 1);
	/* for anyone who did not wait, the value is expired */
	now = clock_ms();
	ck_assert_int_eq(get_full(c, "shared.test", now, now + 1000, NO_ACCEPT,
				  &g), CACHE_MISS);
	cache_drop(c, &g.t);
	close(up[0]);
	cache_close(c);
}
END_TEST

#define HAMMER_KEYS 16
#define HAMMER_KIDS 3
#define HAMMER_ROUNDS 50

/* key k's value: length and every byte depend on k alone */
static size_t hammer_value(int k, unsigned char *v)
{
	size_t n = 200 + 64 * (size_t)k;

	memset(v, k, n);
	return n;
}

/*
 * One lookup as a worker does it. Short lifetimes keep the processes
 * writing (under the stripe locks) rather than only reading. 0, or what
 * went wrong.
 */
static int hammer_step(struct cache *c, unsigned i)
{
	unsigned char v[CACHE_SLOT_SIZE], want[CACHE_SLOT_SIZE];
	int k = (int)(i % HAMMER_KEYS);
	size_t n = hammer_value(k, want), len = 0;
	struct cache_meta m;
	struct cache_ticket t;
	char key[16];

	snprintf(key, sizeof key, "k%d", k);
	int64_t now = clock_ms();
	enum cache_status st = cache_get(c, key, now, now + 600000, NO_ACCEPT,
					 v, sizeof v, &len, &m, &t);
	if (st == CACHE_HIT && (len != n || memcmp(v, want, n) != 0))
		return 3;
	if (st == CACHE_MISS) {
		if (i % 7 == 0)
			cache_drop(c, &t);
		else if (cache_put(c, &t, key, want, n, now, now + i % 3) != 0)
			return 4;
	}
	return 0;
}

static void hammer_child(struct cache *c, int wfd, unsigned seed)
{
	for (unsigned i = seed;; i++) {
		int r = hammer_step(c, i);
		if (r)
			_exit(r);
		if (i == seed + HAMMER_KEYS)
			write_byte(wfd); /* one full pass done */
	}
}

/*
 * Processes killed at arbitrary points, some inside a stripe lock: no call
 * may hang afterwards and no value may come back torn or mixed up.
 */
START_TEST(test_kill_hammer)
{
	struct cache *c = open_ok(names[0], SMALL);
	unsigned char want[CACHE_SLOT_SIZE];
	char key[16];
	struct got g;

	for (int round = 0; round < HAMMER_ROUNDS; round++) {
		pid_t kids[HAMMER_KIDS];
		int up[2];
		ck_assert_int_eq(pipe(up), 0);
		for (int k = 0; k < HAMMER_KIDS; k++) {
			kids[k] = fork_child();
			if (kids[k] == 0) {
				close(up[0]);
				hammer_child(c, up[1],
					     (unsigned)(round * 1000 + k * 5));
			}
		}
		close(up[1]);
		ck_assert(read_bytes(up[0], HAMMER_KIDS));
		/* a varying amount of our own work before the kill */
		for (unsigned i = 0; i < (unsigned)round % 8; i++)
			ck_assert_int_eq(hammer_step(c, i + (unsigned)round), 0);
		for (int k = 0; k < HAMMER_KIDS; k++)
			kill(kids[k], SIGKILL);
		for (int k = 0; k < HAMMER_KIDS; k++) {
			int status = child_status(kids[k]);
			/* any other end means a child found a bad value */
			ck_assert_msg(WIFSIGNALED(status) &&
				      WTERMSIG(status) == SIGKILL,
				      "round %d: child ended with %#x", round,
				      status);
		}
		close(up[0]);
	}

	for (int k = 0; k < HAMMER_KEYS; k++) {
		size_t n = hammer_value(k, want);
		snprintf(key, sizeof key, "k%d", k);
		int64_t now = clock_ms();
		/* accept_from 0: every stored value, expired or not */
		enum cache_status st = get_full(c, key, now, now + 1000, 0, &g);
		ck_assert_msg(st != CACHE_PENDING, "%s left pending", key);
		if (st == CACHE_HIT) {
			ck_assert_uint_eq(g.len, n);
			ck_assert_mem_eq(g.v, want, n);
			continue;
		}
		/* a miss: this process owns it now, and the slot works */
		ck_assert_int_eq(cache_put(c, &g.t, key, want, n, now, FAR), 0);
		ck_assert_int_eq(get(c, key, now, &g), CACHE_HIT);
		ck_assert_uint_eq(g.len, n);
		ck_assert_mem_eq(g.v, want, n);
	}
	/* readable; each killed process held at most one lock */
	ck_assert_uint_le(cache_counter_value(c, CTR_LOCK_RECOVERIES),
			  HAMMER_ROUNDS * HAMMER_KIDS);
	cache_close(c);
}
END_TEST

/* The buckets are in the segment: a client's requests through any handle
 * (any process) come out of one bucket; another client has its own. */
START_TEST(test_rate_shared)
{
	struct cache *a = open_ok(names[0], SMALL), *b = open_ok(names[0], SMALL);
	struct rate_rule r = { .interval_ms = 500, .burst = 4 };
	unsigned ok = 0;

	for (int i = 0; i < 8; i++)
		ok += cache_rate_charge(i % 2 ? a : b, "\4\xc0\0\2\1", 5,
					RATE_REQUESTS, &r, 1000) == 0;
	ck_assert_uint_eq(ok, 4);
	ck_assert_uint_eq(cache_rate_charge(a, "\4\xc0\0\2\1", 5,
					    RATE_REQUESTS, &r, 1000), 500);
	ck_assert_uint_eq(cache_rate_charge(a, "\4\xc0\0\2\2", 5,
					    RATE_REQUESTS, &r, 1000), 0);
	ck_assert_uint_eq(cache_counter_value(b, CTR_LIMITED_REQUESTS), 5);
	ck_assert_uint_eq(cache_counter_value(b, CTR_LIMITED_LOOKUPS), 0);
	ck_assert_uint_eq(cache_rate_charge(b, "\4\xc0\0\2\1", 5,
					    RATE_REQUESTS, &r, 1500), 0);
	/* the lookups bucket is apart */
	ck_assert_uint_eq(cache_rate_charge(b, "\4\xc0\0\2\1", 5,
					    RATE_LOOKUPS, &r, 1500), 0);
	cache_close(a);
	cache_close(b);
}
END_TEST

START_TEST(test_inflight_limit)
{
	struct cache *c = open_ok(names[0], SMALL);

	/* a process that did not register has no row: no count, no limit */
	ck_assert_int_eq(cache_inflight_begin(c, 1), 0);
	ck_assert_int_eq(cache_inflight_begin(c, 1), 0);
	ck_assert_uint_eq(cache_inflight_total(c), 0);
	cache_register_process(c);
	ck_assert_uint_eq(cache_inflight_total(c), 0);
	ck_assert_int_eq(cache_inflight_begin(c, 2), 0);
	ck_assert_uint_eq(cache_inflight_total(c), 1);
	ck_assert_int_eq(cache_inflight_begin(c, 2), 0);
	ck_assert_uint_eq(cache_inflight_total(c), 2);
	ck_assert_int_eq(cache_inflight_begin(c, 2), -1);
	ck_assert_uint_eq(cache_inflight_total(c), 2);
	ck_assert_uint_eq(cache_counter_value(c, CTR_BUSY), 1);
	cache_inflight_end(c);
	ck_assert_uint_eq(cache_inflight_total(c), 1);
	ck_assert_int_eq(cache_inflight_begin(c, 2), 0);
	ck_assert_uint_eq(cache_inflight_total(c), 2);
	cache_inflight_end(c);
	cache_inflight_end(c);
	ck_assert_uint_eq(cache_inflight_total(c), 0);
	/* an extra end does not go below zero */
	cache_inflight_end(c);
	ck_assert_uint_eq(cache_inflight_total(c), 0);
	ck_assert_int_eq(cache_inflight_begin(c, 1), 0);
	ck_assert_int_eq(cache_inflight_begin(c, 1), -1);
	ck_assert_uint_eq(cache_counter_value(c, CTR_BUSY), 2);
	cache_inflight_end(c);
	ck_assert_uint_eq(cache_inflight_total(c), 0);
	cache_close(c);
}
END_TEST

/* The limit is machine-wide, and a dead process's lookups lapse. */
START_TEST(test_inflight_dead_child)
{
	struct cache *c = open_ok(names[0], SMALL);
	int up[2], go[2];

	ck_assert_int_eq(pipe(up), 0);
	ck_assert_int_eq(pipe(go), 0);
	cache_register_process(c);
	ck_assert_int_eq(cache_inflight_begin(c, 10), 0);
	pid_t pid = fork_child();
	if (pid == 0) {
		close(up[0]);
		close(go[1]);
		cache_register_process(c); /* a forked worker registers anew */
		/* the parent's lookup counts here too */
		if (cache_inflight_total(c) != 1)
			_exit(1);
		if (cache_inflight_begin(c, 10) != 0 ||
		    cache_inflight_begin(c, 10) != 0)
			_exit(2);
		if (cache_inflight_total(c) != 3)
			_exit(3);
		write_byte(up[1]);
		read_bytes(go[0], 1);
		_exit(0); /* without cache_inflight_end */
	}
	close(up[1]);
	close(go[0]);
	ck_assert(read_bytes(up[0], 1));
	ck_assert_uint_eq(cache_inflight_total(c), 3);
	ck_assert_int_eq(cache_inflight_begin(c, 3), -1);
	write_byte(go[1]);
	assert_exited_ok(pid);
	ck_assert_uint_eq(cache_inflight_total(c), 1);
	ck_assert_int_eq(cache_inflight_begin(c, 2), 0);
	ck_assert_uint_eq(cache_inflight_total(c), 2);
	cache_inflight_end(c);
	cache_inflight_end(c);
	ck_assert_uint_eq(cache_inflight_total(c), 0);
	close(up[0]);
	close(go[1]);
	cache_close(c);
}
END_TEST

Suite *cache_suite(void)
{
	Suite *s = suite_create("cache");
	TCase *tc = tcase_create("table");

	tcase_add_unchecked_fixture(tc, runner_setup, runner_teardown);
	tcase_add_checked_fixture(tc, names_setup, names_teardown);
	tcase_add_test(tc, test_open_twice_shares);
	tcase_add_test(tc, test_open_bad_size);
	tcase_add_test(tc, test_miss_pending_hit);
	tcase_add_test(tc, test_peek_store);
	tcase_add_test(tc, test_empty_value);
	tcase_add_test(tc, test_expiry);
	tcase_add_test(tc, test_accept_from);
	tcase_add_test(tc, test_drop);
	tcase_add_test(tc, test_pending_deadline_takeover);
	tcase_add_test(tc, test_oversize);
	tcase_add_test(tc, test_value_max);
	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_info);
	tcase_add_test(tc, test_counters);
	tcase_add_test(tc, test_wait_returns);
	suite_add_tcase(s, tc);

	tc = tcase_create("eviction");
	tcase_add_unchecked_fixture(tc, runner_setup, runner_teardown);
	tcase_add_checked_fixture(tc, names_setup, names_teardown);
	tcase_add_test(tc, test_eviction_many_keys);
	tcase_add_test(tc, test_expired_before_live);
	tcase_add_test(tc, test_one_set_order);
	tcase_add_test(tc, test_one_set_markers);
	suite_add_tcase(s, tc);

	tc = tcase_create("segment");
	tcase_add_unchecked_fixture(tc, runner_setup, runner_teardown);
	tcase_add_checked_fixture(tc, names_setup, names_teardown);
	tcase_add_test(tc, test_replace_junk);
	tcase_add_test(tc, test_replace_zeroes);
	tcase_add_test(tc, test_replace_other_size);
	tcase_add_test(tc, test_attach_missing);
	tcase_add_test(tc, test_attach_existing);
	tcase_add_test(tc, test_attach_junk);
	tcase_add_test(tc, test_corrupt_value_not_served);
	suite_add_tcase(s, tc);

	tc = tcase_create("processes");
	tcase_add_unchecked_fixture(tc, runner_setup, runner_teardown);
	tcase_add_checked_fixture(tc, names_setup, names_teardown);
	/* a hang is a failure, but forks under ASan are slow */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_dead_owner);
	tcase_add_test(tc, test_wait_dead_owner);
	tcase_add_test(tc, test_coalescing);
	tcase_add_test(tc, test_kill_hammer);
	tcase_add_test(tc, test_die_in_put);
	tcase_add_test(tc, test_die_in_get);
	tcase_add_test(tc, test_inflight_limit);
	tcase_add_test(tc, test_rate_shared);
	tcase_add_test(tc, test_stale_copy);
	tcase_add_test(tc, test_inflight_dead_child);
	suite_add_tcase(s, tc);
	return s;
}
