/*
 * Unit tests of service: the cache, coalescing and limits around a lookup,
 * with a real shared-memory segment and real lookups against fakedns.
 * Other requests (a second thread, a process that died) are played by the
 * test through the cache API itself.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/arena.h"
#include "util/buf.h"
#include "cache/cache.h"
#include "input/client.h"
#include "util/clock.h"
#include "cache/codec.h"
#include "util/config.h"
#include "fakedns.h"
#include "dns/resolver.h"
#include "util/fiber.h"
#include "report/result.h"
#include "cache/service.h"
#include "suites.h"

static const struct fakedns_answer world[] = {
	{ .qname = "found.test", .qtype = DNS_T_NS, .flags = FAKEDNS_AA,
	  .an = { { DNS_T_NS, NULL, 3600, "ns1.found.test" } } },
	{ .qname = "ns1.found.test", .qtype = DNS_T_A,
	  .an = { { DNS_T_A, NULL, 300, "192.0.2.20" } } },
	{ .qname = "ns1.found.test", .qtype = DNS_T_AAAA,
	  .an = { { DNS_T_AAAA, NULL, 600, "2001:db8::20" } } },
	{ .qname = NULL },
};

static struct fakedns dns;
static struct config cfg;
static struct cache *cache;
static struct service svc;
static struct resolver *res;
static struct arena *arena;
static char seg[64];

static void set(const char *key, const char *value)
{
	char err[CONFIG_ERR_MAX];

	ck_assert_msg(config_set(&cfg, key, value, err, sizeof err) == 0,
		      "%s = %s: %s", key, value, err);
}

static void setup(void)
{
	char err[256] = "";

	arena = arena_new(1 << 20);
	ck_assert_ptr_nonnull(arena);
	fakedns_open(&dns);
	fakedns_start(&dns, world);
	config_defaults(&cfg);
	set("resolver", dns.addr);
	set("query_timeout", "1s");
	set("deadline", "1500ms");
	snprintf(seg, sizeof seg, "/nscheck-ut-svc-%ld", (long)getpid());
	shm_unlink(seg);
	cache = cache_open(seg, 1 << 20, err, sizeof err);
	ck_assert_msg(cache != NULL, "cache_open: %s", err);
	cache_register_process(cache);
	res = resolver_new(&cfg, err, sizeof err);
	ck_assert_msg(res != NULL, "resolver_new: %s", err);
	service_init(&svc, cache, &cfg, 4);
}

static void teardown(void)
{
	resolver_free(res);
	cache_close(cache);
	shm_unlink(seg);
	fakedns_stop(&dns);
	arena_free(arena);
}

/* A lookup as the caller who (NULL: nobody to charge, may wait). */
static enum service_status look_as(const char *name,
				     struct service_caller *who,
				     struct ns_result *out)
{
	memset(out, 0, sizeof *out);
	return service_lookup(&svc, res, arena, name, who, out);
}

static enum service_status look(const char *name, struct ns_result *out)
{
	return look_as(name, NULL, out);
}

static uint64_t counter(enum cache_counter which)
{
	return cache_counter_value(cache, which);
}

/* Plays another request that owns the lookup of key: a PENDING marker
 * held until the test ends it. */
static struct cache_ticket own(const char *key)
{
	unsigned char buf[CACHE_SLOT_SIZE];
	struct cache_meta meta;
	struct cache_ticket t;
	size_t len;
	int64_t now = clock_ms();

	ck_assert_int_eq(cache_get(cache, key, now, now + 60000, INT64_MAX, buf,
				   sizeof buf, &len, &meta, &t), CACHE_MISS);
	ck_assert_uint_ne(t.slot, CACHE_NO_SLOT);
	return t;
}

START_TEST(test_miss_then_hit)
{
	struct ns_result out;

	ck_assert_int_eq(look("found.test", &out), SERVICE_OK);
	ck_assert_int_eq(out.status, LOOKUP_FOUND);
	ck_assert(!out.cached);
	ck_assert_uint_eq(counter(CTR_MISSES), 1);
	ck_assert_uint_eq(counter(CTR_INSERTS), 1);

	ck_assert_int_eq(look("found.test", &out), SERVICE_OK);
	ck_assert_int_eq(out.status, LOOKUP_FOUND);
	ck_assert(out.cached);
	ck_assert_str_eq(out.ns[0].name, "ns1.found.test");
	ck_assert_uint_eq(counter(CTR_HITS), 1);
	ck_assert_uint_eq(counter(CTR_OUT_FOUND), 1); /* one lookup ran */
}
END_TEST

START_TEST(test_without_cache)
{
	struct ns_result out;

	service_init(&svc, NULL, &cfg, 4);
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(look("found.test", &out), SERVICE_OK);
		ck_assert_int_eq(out.status, LOOKUP_FOUND);
		ck_assert(!out.cached);
	}
	ck_assert_uint_eq(counter(CTR_MISSES), 0);
}
END_TEST

START_TEST(test_slow_threads_limit)
{
	struct ns_result out;

	ck_assert_uint_eq(svc.max_slow, 3); /* one of four kept for hits */
	ck_assert_int_eq(look("found.test", &out), SERVICE_OK);

	atomic_store(&svc.slow, svc.max_slow);
	ck_assert_int_eq(look("other.test", &out), SERVICE_BUSY);
	ck_assert_uint_eq(counter(CTR_BUSY), 1);
	/* a hit needs no slow thread */
	ck_assert_int_eq(look("found.test", &out), SERVICE_OK);
	ck_assert(out.cached);
	ck_assert_uint_eq(atomic_load(&svc.slow), svc.max_slow);

	/* the refused request left no marker to wait for */
	atomic_store(&svc.slow, 0);
	struct cache_ticket t = own("other.test");
	cache_drop(cache, &t);
}
END_TEST

/* found.test stored, then made to have expired `ago` ms before now. */
static void expire(const char *name, int64_t ago)
{
	struct ns_result out;
	unsigned char buf[CACHE_SLOT_SIZE];
	struct cache_meta meta;
	struct cache_ticket t;
	size_t len;
	int64_t now = clock_ms();

	ck_assert_int_eq(look(name, &out), SERVICE_OK);
	ck_assert_int_eq(cache_get(cache, name, now, now + 60000, INT64_MAX, buf,
				   sizeof buf, &len, &meta, &t), CACHE_HIT);
	cache_invalidate(cache, name);
	ck_assert_int_eq(cache_get(cache, name, now, now + 60000, INT64_MAX, buf,
				   sizeof buf, &len, &meta, &t), CACHE_MISS);
	ck_assert_int_eq(cache_put(cache, &t, name, buf, len, now - ago - 30000,
				   now - ago), 0);
}

/* Busy, with an answer that expired not long ago: shown, marked stale,
 * never as a fresh one (no max-age), and kept for the next request. */
START_TEST(test_stale_when_busy)
{
	struct ns_result out;

	expire("found.test", 5000);
	atomic_store(&svc.slow, svc.max_slow);
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(look("found.test", &out), SERVICE_OK);
		ck_assert_int_eq(out.status, LOOKUP_FOUND);
		ck_assert(out.cached && out.stale);
		ck_assert_uint_ge(out.stale_s, 5);
		ck_assert_uint_le(out.stale_s, 7);
		ck_assert_uint_ge(out.age_s, 35);
		ck_assert_str_eq(out.ns[0].name, "ns1.found.test");
	}
	ck_assert_uint_eq(counter(CTR_STALE), 2);
	ck_assert_uint_eq(counter(CTR_OUT_FOUND), 1); /* no new lookup */
	/* with a thread free, it is looked up again: fresh */
	atomic_store(&svc.slow, 0);
	ck_assert_int_eq(look("found.test", &out), SERVICE_OK);
	ck_assert(!out.cached && !out.stale);
	ck_assert_uint_eq(counter(CTR_OUT_FOUND), 2);
}
END_TEST

/* Too old, serve_stale = 0, or refused by max_inflight: the rules hold. */
START_TEST(test_stale_limits)
{
	struct ns_result out;

	set("serve_stale", "60s");
	expire("found.test", 61000);
	atomic_store(&svc.slow, svc.max_slow);
	ck_assert_int_eq(look("found.test", &out), SERVICE_BUSY);
	atomic_store(&svc.slow, 0);
	expire("found.test", 1000);
	set("serve_stale", "0s");
	atomic_store(&svc.slow, svc.max_slow);
	ck_assert_int_eq(look("found.test", &out), SERVICE_BUSY);
	ck_assert_uint_eq(counter(CTR_STALE), 0);

	atomic_store(&svc.slow, 0);
	set("serve_stale", "600s");
	expire("found.test", 1000);
	set("max_inflight", "1");
	ck_assert_int_eq(cache_inflight_begin(cache, 1), 0); /* someone else */
	ck_assert_int_eq(look("found.test", &out), SERVICE_OK);
	ck_assert(out.stale);
	cache_inflight_end(cache);
	ck_assert_uint_eq(counter(CTR_STALE), 1);
}
END_TEST

START_TEST(test_inflight_limit)
{
	struct ns_result out;

	set("max_inflight", "1");
	ck_assert_int_eq(cache_inflight_begin(cache, 1), 0); /* someone else */
	ck_assert_int_eq(look("found.test", &out), SERVICE_BUSY);
	ck_assert_uint_eq(counter(CTR_BUSY), 1);
	cache_inflight_end(cache);
	ck_assert_int_eq(look("found.test", &out), SERVICE_OK);
	ck_assert_int_eq(out.status, LOOKUP_FOUND);
	ck_assert_uint_eq(cache_inflight_total(cache), 0);
}
END_TEST

START_TEST(test_waiter_times_out)
{
	struct ns_result out;

	set("deadline", "300ms");
	struct cache_ticket t = own("found.test");
	int64_t start = clock_ms();
	ck_assert_int_eq(look("found.test", &out), SERVICE_OK);
	int64_t took = clock_ms() - start;
	ck_assert_int_eq(out.status, LOOKUP_TIMEOUT);
	ck_assert_str_eq(out.qname, "found.test");
	ck_assert_int_ge(took, 300);
	ck_assert_uint_ge(out.elapsed_ms, 300);
	ck_assert_uint_eq(counter(CTR_OUT_FOUND), 0); /* it asked nobody */
	cache_drop(cache, &t);
}
END_TEST

struct waiting_request {
	struct ns_result out;
	enum service_status st;
	struct arena *a;
};

static void *wait_thread(void *arg)
{
	struct waiting_request *w = arg;
	char err[256];
	struct resolver *r = resolver_new(&cfg, err, sizeof err);

	memset(&w->out, 0, sizeof w->out);
	w->st = r ? service_lookup(&svc, r, w->a, "found.test", NULL,
					   &w->out) :
		    SERVICE_BUSY;
	resolver_free(r);
	return NULL;
}

START_TEST(test_waiter_gets_the_owners_value)
{
	struct ns_result fresh;
	struct waiting_request w = { .a = arena_new(1 << 20) };
	pthread_t tid;

	/* the value the owner will publish: a real result, taken out again */
	ck_assert_int_eq(look("found.test", &fresh), SERVICE_OK);
	struct cache_meta meta;
	unsigned char value[CACHE_SLOT_SIZE];
	size_t len;
	struct cache_ticket t;
	int64_t now = clock_ms();
	ck_assert_int_eq(cache_get(cache, "found.test", now, now, INT64_MAX, value,
				   sizeof value, &len, &meta, &t), CACHE_HIT);
	cache_invalidate(cache, "found.test");
	t = own("found.test");

	ck_assert_int_eq(pthread_create(&tid, NULL, wait_thread, &w), 0);
	/* poll until the thread waits on the marker */
	for (int i = 0; i < 5000 && counter(CTR_COALESCED) == 0; i++)
		usleep(1000);
	ck_assert_uint_ge(counter(CTR_COALESCED), 1);
	now = clock_ms();
	ck_assert_int_eq(cache_put(cache, &t, "found.test", value, len, now,
				   now + 60000), 0);
	pthread_join(tid, NULL);

	ck_assert_int_eq(w.st, SERVICE_OK);
	ck_assert_int_eq(w.out.status, LOOKUP_FOUND);
	ck_assert(w.out.cached);
	ck_assert_str_eq(w.out.ns[0].name, "ns1.found.test");
	ck_assert_uint_eq(counter(CTR_OUT_FOUND), 1); /* only the first lookup */
	arena_free(w.a);
}
END_TEST

/* A request that waited for another and then finds the marker gone (the
 * other put the expired value back, being busy itself) takes over with
 * the stale copy: busy too, it serves it rather than a 503. */
START_TEST(test_stale_to_a_waiter_that_takes_over)
{
	struct waiting_request w = { .a = arena_new(1 << 20) };
	unsigned char value[CACHE_SLOT_SIZE];
	struct cache_meta meta;
	struct cache_ticket t;
	size_t len;
	pthread_t tid;

	expire("found.test", 2000);
	int64_t now = clock_ms();
	ck_assert_int_eq(cache_get(cache, "found.test", now, now + 60000,
				   INT64_MAX, value, sizeof value, &len, &meta, &t),
			 CACHE_MISS);
	ck_assert(meta.stale);
	set("max_inflight", "1");
	ck_assert_int_eq(cache_inflight_begin(cache, 1), 0); /* someone else */
	ck_assert_int_eq(pthread_create(&tid, NULL, wait_thread, &w), 0);
	for (int i = 0; i < 5000 && counter(CTR_COALESCED) == 0; i++)
		usleep(1000);
	ck_assert_uint_ge(counter(CTR_COALESCED), 1);
	ck_assert_int_eq(cache_put(cache, &t, "found.test", value, len,
				   meta.stored_ms, meta.expires_ms), 0);
	pthread_join(tid, NULL);
	cache_inflight_end(cache);
	ck_assert_int_eq(w.st, SERVICE_OK);
	ck_assert(w.out.stale);
	ck_assert_str_eq(w.out.ns[0].name, "ns1.found.test");
	arena_free(w.a);
}
END_TEST

/* A failure kept for a moment is never shown as a stale answer. */
START_TEST(test_no_stale_failure)
{
	struct ns_result bad = {
		.status = LOOKUP_SERVFAIL, .qname = "bad.test", .owner = "bad.test",
		.failure = "servfail",
	}, out;
	struct buf enc;
	struct cache_ticket t = own("bad.test");
	int64_t now = clock_ms();

	buf_init(&enc, cache_value_max());
	codec_encode(&bad, &enc);
	ck_assert(!buf_failed(&enc));
	ck_assert_int_eq(cache_put(cache, &t, "bad.test", enc.data, enc.len,
				   now - 3000, now - 1000), 0);
	buf_free(&enc);
	atomic_store(&svc.slow, svc.max_slow);
	ck_assert_int_eq(look("bad.test", &out), SERVICE_BUSY);
	ck_assert_uint_eq(counter(CTR_STALE), 0);
}
END_TEST

/* The per-client limit on upstream lookups: one token per request that
 * goes upstream, none for a hit; a refusal says how long to wait and
 * leaves the expired value it found in place. */
START_TEST(test_lookup_tokens)
{
	struct client id;
	struct service_caller who = { .id = &id };
	struct ns_result out;

	ck_assert(client_identify(&cfg, "192.0.2.1", NULL, &id));
	set("rate_lookup_burst", "1");
	set("rate_lookups", "1/min");
	ck_assert_int_eq(service_lookup(&svc, res, arena, "found.test", &who, &out),
			 SERVICE_OK);
	ck_assert(who.charged);
	/* the same request going upstream again (its report) pays nothing */
	ck_assert_int_eq(service_lookup(&svc, res, arena, "other.test", &who, &out),
			 SERVICE_OK);
	/* a new request: a hit is free, an upstream lookup is refused */
	who = (struct service_caller){ .id = &id };
	ck_assert_int_eq(service_lookup(&svc, res, arena, "found.test", &who, &out),
			 SERVICE_OK);
	ck_assert(out.cached && !who.charged);
	expire("found.test", 1000);
	who = (struct service_caller){ .id = &id };
	ck_assert_int_eq(service_lookup(&svc, res, arena, "found.test", &who, &out),
			 SERVICE_LIMITED);
	ck_assert_uint_gt(who.wait_ms, 50000); /* 60 s less the test so far */
	ck_assert_uint_le(who.wait_ms, 60000);
	ck_assert_uint_eq(counter(CTR_LIMITED_LOOKUPS), 1);
	/* the expired value is still there for a busy moment */
	atomic_store(&svc.slow, svc.max_slow);
	ck_assert_int_eq(look("found.test", &out), SERVICE_OK);
	ck_assert(out.stale);
	/* another client is not limited */
	atomic_store(&svc.slow, 0);
	ck_assert(client_identify(&cfg, "192.0.2.2", NULL, &id));
	who = (struct service_caller){ .id = &id };
	ck_assert_int_eq(service_lookup(&svc, res, arena, "found.test", &who, &out),
			 SERVICE_OK);
	ck_assert(!out.cached && who.charged);
}
END_TEST

START_TEST(test_undecodable_value_is_replaced)
{
	struct ns_result out;
	struct cache_ticket t = own("found.test");
	int64_t now = clock_ms();

	ck_assert_int_eq(cache_put(cache, &t, "found.test", "not a result", 12,
				   now, now + 60000), 0);
	ck_assert_int_eq(look("found.test", &out), SERVICE_OK);
	ck_assert_int_eq(out.status, LOOKUP_FOUND);
	ck_assert(!out.cached);
	ck_assert_uint_eq(counter(CTR_OUT_FOUND), 1);

	/* the fresh result took the bad one's place */
	ck_assert_int_eq(look("found.test", &out), SERVICE_OK);
	ck_assert(out.cached);
	ck_assert_uint_eq(counter(CTR_OUT_FOUND), 1);
}
END_TEST

START_TEST(test_marker_of_a_dead_process)
{
	struct ns_result out;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		/* the child takes the lookup and dies holding it */
		unsigned char buf[64];
		struct cache_meta meta;
		struct cache_ticket t;
		size_t len;
		int64_t now = clock_ms();
		_exit(cache_get(cache, "found.test", now, now + 60000, INT64_MAX,
				buf, sizeof buf, &len, &meta, &t) == CACHE_MISS ?
		      0 : 1);
	}
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* not held up until the dead owner's deadline, a minute away: the
	 * lookup runs (a wait would end in a timeout) */
	ck_assert_int_eq(look("found.test", &out), SERVICE_OK);
	ck_assert_int_eq(out.status, LOOKUP_FOUND);
	ck_assert(!out.cached);
}
END_TEST

START_TEST(test_keys)
{
	char key[CACHE_KEY_MAX + 1], other[CACHE_KEY_MAX + 1], name[1100];
	struct buf t;

	buf_init(&t, 4096);
	buf_puts(&t, "two.test");
	ck_assert_str_eq(service_key(&svc, "report ", &t, false, key, sizeof key),
			 "report two.test");
	/* forced, or too long for a key: a keyed hash of the whole text */
	const char *h = service_key(&svc, "report ", &t, true, key, sizeof key);
	ck_assert(strncmp(h, "report #", 8) == 0 && strlen(h) == 8 + 16);
	memset(name, 'a', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	buf_reset(&t);
	buf_puts(&t, name);
	const char *k1 = service_key(&svc, "drill ", &t, false, key, sizeof key);
	name[sizeof name - 2] = 'b';  /* differs only at the very end */
	buf_reset(&t);
	buf_puts(&t, name);
	const char *k2 = service_key(&svc, "drill ", &t, false, other, sizeof other);
	ck_assert_ptr_nonnull(k1);
	ck_assert_ptr_nonnull(k2);
	ck_assert(strncmp(k1, "drill #", 7) == 0 && strlen(k1) == 7 + 16);
	ck_assert_str_ne(k1, k2);
	/* a text that could not be built has no key: no cache at all */
	struct buf small;
	char mem[4];
	buf_init_fixed(&small, mem, sizeof mem);
	buf_puts(&small, "two.test");
	ck_assert_ptr_null(service_key(&svc, "report ", &small, false, key, sizeof key));
	buf_free(&t);
}
END_TEST

/* A thread that serves only hits: a miss comes back deferred, with a
 * place taken for the second go and nothing asked or marked; the second
 * go computes on that place; then the name is a hit for everyone. */
START_TEST(test_hits_only_defers)
{
	struct ns_result out;
	struct service_caller first = { .hits_only = true };

	service_set_slow(&svc, 2);
	ck_assert_int_eq(look_as("found.test", &first, &out), SERVICE_DEFER);
	ck_assert(first.slow_held);
	ck_assert_uint_eq(atomic_load(&svc.slow), 1);
	ck_assert_uint_eq(counter(CTR_OUT_FOUND), 0); /* nothing asked, */
	ck_assert_uint_eq(counter(CTR_MISSES), 0);    /* nor counted twice */
	struct cache_ticket t = own("found.test");    /* nor left pending */
	cache_drop(cache, &t);
	ck_assert_uint_eq(counter(CTR_MISSES), 1);    /* own()'s */

	struct service_caller again = { .slow_held = true };
	ck_assert_int_eq(look_as("found.test", &again, &out), SERVICE_OK);
	ck_assert_int_eq(out.status, LOOKUP_FOUND);
	ck_assert(!out.cached);
	ck_assert_uint_eq(atomic_load(&svc.slow), 1); /* not taken twice */
	service_slow_end(&svc);
	ck_assert_uint_eq(atomic_load(&svc.slow), 0);

	struct service_caller hit = { .hits_only = true };
	ck_assert_int_eq(look_as("found.test", &hit, &out), SERVICE_OK);
	ck_assert(out.cached && !hit.slow_held);
	/* a hit is counted once the request is answered, not before: had it
	 * been deferred, its second go would count it */
	ck_assert_uint_eq(counter(CTR_HITS), 0);
	ck_assert_uint_eq(hit.quiet_hits, 1);
	service_count_hits(&svc, &hit);
	ck_assert_uint_eq(counter(CTR_HITS), 1);
	ck_assert_uint_eq(hit.quiet_hits, 0);
	ck_assert_uint_eq(counter(CTR_MISSES), 2);
	ck_assert_uint_eq(atomic_load(&svc.slow), 0);
}
END_TEST

/* Another request computing the name is not waited for on the thread:
 * deferred too. With every place taken: busy, or a recent stale answer. */
START_TEST(test_hits_only_pending_and_full)
{
	struct ns_result out;
	struct service_caller who = { .hits_only = true };

	service_set_slow(&svc, 1);
	struct cache_ticket t = own("found.test");
	ck_assert_int_eq(look_as("found.test", &who, &out), SERVICE_DEFER);
	ck_assert_uint_eq(counter(CTR_COALESCED), 0);
	cache_drop(cache, &t);

	/* the one place is held by the deferred request */
	struct service_caller next = { .hits_only = true };
	ck_assert_int_eq(look_as("other.test", &next, &out), SERVICE_BUSY);
	ck_assert(!next.slow_held);
	ck_assert_uint_eq(counter(CTR_BUSY), 1);
	service_slow_end(&svc);

	expire("found.test", 5000);
	atomic_store(&svc.slow, 1);
	struct service_caller stale = { .hits_only = true };
	ck_assert_int_eq(look_as("found.test", &stale, &out), SERVICE_OK);
	ck_assert(out.stale && !stale.slow_held);
	atomic_store(&svc.slow, 0);
}
END_TEST

struct in_fiber {
	struct fiber_loop *loop;
	enum service_status st;
	struct ns_result out;
	bool done;
	unsigned beside;         /* turns another fiber had meanwhile */
};

static void lookup_fiber(void *arg)
{
	struct in_fiber *f = arg;
	struct waiter me = fiber_waiter(f->loop);
	struct service_caller who = { .slow_held = true, .waiter = &me };

	f->st = look_as("found.test", &who, &f->out);
	f->done = true;
}

static void beside_fiber(void *arg)
{
	struct in_fiber *f = arg;
	struct waiter me = fiber_waiter(f->loop);

	while (!f->done) {
		waiter_poll(&me, NULL, 0, 1);
		f->beside++;
	}
}

/* A fiber waiting for another request's answer lets the thread run other
 * fibers meanwhile, and gets that answer when it is published. */
START_TEST(test_fiber_waits_for_owner)
{
	struct ns_result fresh;
	char err[128];
	static struct in_fiber f;

	memset(&f, 0, sizeof f);
	f.loop = fiber_loop_new(256 << 10, err, sizeof err);
	ck_assert_ptr_nonnull(f.loop);
	ck_assert_int_eq(look("found.test", &fresh), SERVICE_OK);
	unsigned char value[CACHE_SLOT_SIZE];
	struct cache_meta meta;
	struct cache_ticket t;
	size_t len;
	int64_t now = clock_ms();
	ck_assert_int_eq(cache_get(cache, "found.test", now, now, INT64_MAX, value,
				   sizeof value, &len, &meta, &t), CACHE_HIT);
	cache_invalidate(cache, "found.test");
	t = own("found.test");

	fiber_spawn(f.loop, lookup_fiber, &f);
	fiber_spawn(f.loop, beside_fiber, &f);
	for (int i = 0; i < 20; i++)
		fiber_loop_run(f.loop, 5);
	ck_assert(!f.done);
	ck_assert_uint_ge(counter(CTR_COALESCED), 1);
	ck_assert_uint_ge(f.beside, 5); /* the thread was not blocked */
	now = clock_ms();
	ck_assert_int_eq(cache_put(cache, &t, "found.test", value, len, now,
				   now + 60000), 0);
	while (fiber_loop_run(f.loop, 100) > 0)
		;
	ck_assert_int_eq(f.st, SERVICE_OK);
	ck_assert(f.out.cached);
	ck_assert_str_eq(f.out.ns[0].name, "ns1.found.test");
	fiber_loop_free(f.loop);
}
END_TEST

Suite *service_suite(void)
{
	Suite *s = suite_create("service");
	TCase *tc = tcase_create("service");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_miss_then_hit);
	tcase_add_test(tc, test_without_cache);
	tcase_add_test(tc, test_slow_threads_limit);
	tcase_add_test(tc, test_inflight_limit);
	tcase_add_test(tc, test_stale_when_busy);
	tcase_add_test(tc, test_stale_limits);
	tcase_add_test(tc, test_stale_to_a_waiter_that_takes_over);
	tcase_add_test(tc, test_no_stale_failure);
	tcase_add_test(tc, test_lookup_tokens);
	tcase_add_test(tc, test_waiter_times_out);
	tcase_add_test(tc, test_waiter_gets_the_owners_value);
	tcase_add_test(tc, test_undecodable_value_is_replaced);
	tcase_add_test(tc, test_marker_of_a_dead_process);
	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_hits_only_defers);
	tcase_add_test(tc, test_hits_only_pending_and_full);
	tcase_add_test(tc, test_fiber_waits_for_owner);
	suite_add_tcase(s, tc);
	return s;
}
