/*
 * cache: the shared-memory result table (see cache.h for the contract).
 *
 * Segment layout: struct header; a tag per slot (32 bits of its key's
 * hash, 0 when empty), so that a lookup reads one cache line of tags and
 * then only the slot that matches; the rate limit's client entries, a set
 * of RATE_WAYS for each set of slots; then n_slots slots of
 * CACHE_SLOT_SIZE bytes. Slots hold no pointers; everything is offsets and
 * fixed arrays.
 *
 * Locking: set s is guarded by stripe s % N_STRIPES. Work under a lock is
 * bounded: one set of CACHE_WAYS slots, at most one value copied. Before a
 * set is changed its number is written to the stripe's `dirty` field and
 * cleared after; a locker that inherits the mutex from a dead process
 * (EOWNERDEAD) re-validates that set, clearing any slot whose checksum does
 * not match, then marks the mutex consistent. Rate entries need no repair:
 * ratelimit bounds what it reads.
 */
#include "cache/cache.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/fiber.h"
#include "util/siphash.h"

#define MAGIC 0x4b4345484353534eULL /* "NSSCHECK" */
#define N_STRIPES 64
#define NO_SET UINT32_MAX
#define READY 0x52454459u

enum slot_state { SLOT_EMPTY, SLOT_VALID, SLOT_PENDING, SLOT_WRITING };

struct slot {
	_Atomic uint32_t gen;      /* changes with every state change; futex word */
	_Atomic uint32_t waiters;
	uint32_t state;
	int32_t owner;             /* PENDING: pid of the process resolving */
	uint64_t hash;
	uint64_t checksum;         /* VALID: over key, times and value */
	int64_t stored_ms;
	int64_t expires_ms;        /* VALID: expiry; PENDING: owner's deadline */
	int64_t used_ms;           /* for LRU within the set */
	uint32_t len;
	uint16_t key_len;
	char key[CACHE_KEY_MAX + 1];
	unsigned char value[];
};

#define VALUE_MAX (CACHE_SLOT_SIZE - sizeof(struct slot))

struct stripe {
	alignas(64) pthread_mutex_t lock; /* one cache line per stripe */
	uint32_t dirty;            /* the set being changed, or NO_SET */
};

struct proc {
	_Atomic int32_t pid;
	_Atomic uint32_t inflight;
};

struct header {
	uint64_t magic;
	uint32_t layout;
	uint32_t shape;            /* sizes this build's structs have */
	uint32_t slot_size;
	uint64_t total_size;
	uint32_t n_slots;
	_Atomic uint32_t ready;
	unsigned char key[SIPHASH_KEY_SIZE];
	_Atomic uint64_t counter[CTR_COUNT];
	struct proc procs[CACHE_PROCS];
	struct stripe stripe[N_STRIPES];
};

#define HEADER_SIZE ((sizeof(struct header) + 63) / 64 * 64)

struct cache {
	struct header *h;
	size_t size;
	uint32_t *tags;    /* one per slot, a set's 16 in one cache line */
	struct rate_entry *rates; /* RATE_WAYS per set */
	size_t slots_off;  /* where the slots start */
	int proc;          /* index in h->procs, -1 until registered */
	pid_t proc_pid;    /* who registered it (a forked child must redo it) */
};

_Static_assert(sizeof(struct slot) < CACHE_SLOT_SIZE / 2, "slot header size");


static struct slot *slot_at(const struct cache *c, uint32_t i)
{
	return (struct slot *)((char *)c->h + c->slots_off +
			       (size_t)i * CACHE_SLOT_SIZE);
}

static uint32_t slot_index(const struct cache *c, const struct slot *s)
{
	return (uint32_t)(((const char *)s - (const char *)c->h - c->slots_off) /
			  CACHE_SLOT_SIZE);
}

static uint32_t tag_of(uint64_t hash)
{
	return (uint32_t)(hash >> 32) | 1; /* never 0, which means empty */
}

static uint32_t n_sets(const struct cache *c)
{
	return c->h->n_slots / CACHE_WAYS;
}

/* One round of the checksum: mix 8 bytes in (a multiply-xorshift hash). */
static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v;
	h *= 0x9E3779B97F4A7C15ULL;
	return h ^ (h >> 29);
}

static uint64_t mix_bytes(uint64_t h, const unsigned char *p, size_t n)
{
	uint64_t v;

	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&v, p, 8);
		h = mix(h, v);
	}
	v = n; /* the tail, with its length so trailing zeros count */
	for (size_t i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * (i + 1));
	return mix(h, v);
}

/*
 * Detects a slot a dying writer left half-written. Not keyed: only a crash
 * can change slot bytes, never a client, so speed matters more here (every
 * read verifies it) than resistance to chosen input.
 */
static uint64_t checksum(const struct cache *c, const struct slot *s)
{
	uint64_t h = mix(0, (uint64_t)s->stored_ms);

	(void)c;
	h = mix(h, (uint64_t)s->expires_ms);
	h = mix(h, (uint64_t)s->len << 16 | s->key_len);
	h = mix_bytes(h, (const unsigned char *)s->key, s->key_len);
	return mix_bytes(h, s->value, s->len);
}

static bool slot_sane(const struct slot *s)
{
	return s->key_len <= CACHE_KEY_MAX && s->len <= VALUE_MAX;
}

/* Changes a slot's state and wakes anyone waiting on it. */
static void set_state(struct slot *s, uint32_t state)
{
	s->state = state;
	atomic_fetch_add(&s->gen, 1);
	if (atomic_load(&s->waiters))
		syscall(SYS_futex, &s->gen, FUTEX_WAKE, INT32_MAX, NULL, NULL, 0);
}

/* Empties a slot (lock held): state, tag and waiters. */
static void clear_slot(struct cache *c, struct slot *s)
{
	c->tags[slot_index(c, s)] = 0;
	set_state(s, SLOT_EMPTY);
}

/* A dead process left this set half-changed: keep only what verifies,
 * and rebuild the tags from the slots. */
static void repair_set(struct cache *c, uint32_t set)
{
	for (uint32_t w = 0; w < CACHE_WAYS; w++) {
		uint32_t i = set * CACHE_WAYS + w;
		struct slot *s = slot_at(c, i);
		bool ok = s->state == SLOT_EMPTY ||
			  (s->state == SLOT_PENDING && s->key_len <= CACHE_KEY_MAX) ||
			  (s->state == SLOT_VALID && slot_sane(s) &&
			   s->checksum == checksum(c, s));
		if (!ok) {
			clear_slot(c, s);
			atomic_fetch_add(&c->h->counter[CTR_CORRUPT], 1);
		}
		c->tags[i] = s->state == SLOT_EMPTY ? 0 : tag_of(s->hash);
	}
}

/* Locks the stripe of set; `changing` is the set of slots about to be
 * changed, or NO_SET for a rate set. */
static struct stripe *lock_stripe(struct cache *c, uint32_t set,
				  uint32_t changing)
{
	struct stripe *st = &c->h->stripe[set % N_STRIPES];
	int r = pthread_mutex_lock(&st->lock);

	if (r == EOWNERDEAD) {
		if (st->dirty != NO_SET && st->dirty < n_sets(c))
			repair_set(c, st->dirty);
		st->dirty = NO_SET;
		pthread_mutex_consistent(&st->lock);
		atomic_fetch_add(&c->h->counter[CTR_LOCK_RECOVERIES], 1);
	}
	st->dirty = changing;
	return st;
}

static struct stripe *lock_set(struct cache *c, uint32_t set)
{
	return lock_stripe(c, set, set);
}

static void unlock_set(struct stripe *st)
{
	st->dirty = NO_SET;
	pthread_mutex_unlock(&st->lock);
}

/* ---- opening the segment ---- */

#define SET_BYTES (CACHE_WAYS * (CACHE_SLOT_SIZE + 4) + \
		   RATE_WAYS * sizeof(struct rate_entry))

static size_t slots_for(size_t size)
{
	/* 128: room to align the rate entries and the slots to 64 */
	if (size < HEADER_SIZE + 128 + SET_BYTES)
		return 0;
	return (size - HEADER_SIZE - 128) / SET_BYTES * CACHE_WAYS;
}

static size_t align64(size_t n)
{
	return (n + 63) / 64 * 64;
}

static size_t rates_offset(size_t n_slots)
{
	return HEADER_SIZE + align64(n_slots * 4);
}

static size_t slots_offset(size_t n_slots)
{
	return rates_offset(n_slots) + align64(n_slots / CACHE_WAYS * RATE_WAYS *
					       sizeof(struct rate_entry));
}

/*
 * The sizes a segment's users must agree on, folded into one number: a
 * build that adds a counter or runs on another libc without bumping the
 * layout version still refuses a segment made by the other.
 */
static uint32_t shape(void)
{
	uint32_t parts[] = {
		(uint32_t)sizeof(struct header), (uint32_t)sizeof(struct slot),
		(uint32_t)sizeof(pthread_mutex_t), CTR_COUNT, N_STRIPES,
		CACHE_PROCS, CACHE_WAYS, RATE_WAYS,
		(uint32_t)sizeof(struct rate_entry), RATE_KINDS,
	};
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		h = (h ^ parts[i]) * 16777619u;
	return h;
}

static int init_header(struct header *h, size_t size)
{
	pthread_mutexattr_t a;

	memset(h, 0, sizeof *h);
	if (getrandom(h->key, sizeof h->key, 0) != (ssize_t)sizeof h->key)
		return -1;
	if (pthread_mutexattr_init(&a) != 0 ||
	    pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED) != 0 ||
	    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST) != 0)
		return -1;
	for (int i = 0; i < N_STRIPES; i++) {
		if (pthread_mutex_init(&h->stripe[i].lock, &a) != 0)
			return -1;
		h->stripe[i].dirty = NO_SET;
	}
	pthread_mutexattr_destroy(&a);
	h->magic = MAGIC;
	h->layout = CACHE_LAYOUT_VERSION;
	h->shape = shape();
	h->slot_size = CACHE_SLOT_SIZE;
	h->total_size = size;
	h->n_slots = (uint32_t)slots_for(size);
	/* the slots are zero (EMPTY) from ftruncate */
	atomic_store(&h->ready, READY);
	return 0;
}

static bool header_fits(const struct header *h, size_t size)
{
	return h->magic == MAGIC && h->layout == CACHE_LAYOUT_VERSION &&
	       h->shape == shape() &&
	       h->slot_size == CACHE_SLOT_SIZE && h->total_size == size &&
	       h->n_slots == slots_for(size) && atomic_load(&h->ready) == READY;
}

/* The fd still names the segment called name (nobody replaced it). */
static bool still_current(const char *name, int fd)
{
	struct stat a, b;
	int fd2 = shm_open(name, O_RDWR, 0);
	bool same;

	if (fd2 < 0)
		return false; /* gone: try again; a real error recurs there */
	same = fstat(fd, &a) == 0 && fstat(fd2, &b) == 0 && a.st_ino == b.st_ino;
	close(fd2);
	return same;
}

/*
 * One attempt: open or create, lock the file, then initialise an empty
 * segment or check the one found. 1 = done, 0 = try again, -1 = error.
 */
static int open_once(struct cache *c, const char *name, size_t size,
		     bool create, char *err, size_t errlen)
{
	struct stat st;
	int fd = shm_open(name, O_RDWR | (create ? O_CREAT : 0), 0600);

	if (fd < 0) {
		snprintf(err, errlen, "shm_open %s: %s", name, strerror(errno));
		return -1;
	}
	/* one process at a time sets up or checks the segment */
	if (flock(fd, LOCK_EX) < 0 || fstat(fd, &st) < 0) {
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		close(fd);
		return -1;
	}
	if (st.st_uid != geteuid()) {
		snprintf(err, errlen, "%s belongs to another user", name);
		close(fd);
		return -1;
	}
	if (!still_current(name, fd)) {
		close(fd);
		return 0;
	}
	if (!create)
		size = (size_t)st.st_size;
	bool fresh = st.st_size == 0;
	if (!create && (fresh || size < HEADER_SIZE)) {
		snprintf(err, errlen, "%s is not a cache segment", name);
		close(fd);
		return -1;
	}
	if (fresh && ftruncate(fd, (off_t)size) < 0) {
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		close(fd);
		return -1;
	}
	if (!fresh && (size_t)st.st_size != size) {
		/* another size: replace it, processes attached keep the old */
		shm_unlink(name);
		close(fd);
		return 0;
	}
	void *m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED) {
		snprintf(err, errlen, "mmap %s: %s", name, strerror(errno));
		close(fd);
		return -1;
	}
	c->h = m;
	c->size = size;
	c->tags = (uint32_t *)((char *)m + HEADER_SIZE);
	c->rates = (struct rate_entry *)((char *)m +
					 rates_offset(slots_for(size)));
	c->slots_off = slots_offset(slots_for(size));
	if (fresh ? init_header(c->h, size) < 0 : !header_fits(c->h, size)) {
		munmap(m, size);
		c->h = NULL;
		if (fresh || !create) {
			snprintf(err, errlen, fresh ? "%s: cannot initialise" :
				 "%s: a segment of another layout or size", name);
			close(fd);
			return -1;
		}
		shm_unlink(name); /* stale or incompatible: never trusted */
		close(fd);
		return 0;
	}
	/* the mapping keeps the open file alive, and the lock with it:
	 * release it explicitly */
	flock(fd, LOCK_UN);
	close(fd);
	return 1;
}

static struct cache *open_segment(const char *name, size_t size, bool create,
				  char *err, size_t errlen)
{
	struct cache *c = calloc(1, sizeof *c);
	int replaced = 0;

	if (!c) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	c->proc = -1;
	if (create && (slots_for(size) == 0 || slots_for(size) > UINT32_MAX)) {
		snprintf(err, errlen, "cache size %lu is out of range",
			 (unsigned long)size);
		free(c);
		return NULL;
	}
	for (int attempt = 0; attempt < 5; attempt++) {
		int r = open_once(c, name, size, create, err, errlen);
		if (r == 1) {
			if (replaced)
				atomic_fetch_add(&c->h->counter[CTR_REPLACED],
						 (uint64_t)replaced);
			return c;
		}
		if (r < 0)
			break;
		replaced++;
		if (attempt == 4)
			snprintf(err, errlen, "%s keeps changing", name);
	}
	free(c);
	return NULL;
}

struct cache *cache_open(const char *name, size_t size, char *err,
			 size_t errlen)
{
	return open_segment(name, size, true, err, errlen);
}

struct cache *cache_attach(const char *name, char *err, size_t errlen)
{
	return open_segment(name, 0, false, err, errlen);
}

void cache_close(struct cache *c)
{
	if (!c)
		return;
	if (c->h)
		munmap(c->h, c->size);
	free(c);
}

uint64_t cache_hash(const struct cache *c, const void *data, size_t len)
{
	return siphash24(c->h->key, data, len);
}

size_t cache_value_max(void)
{
	return VALUE_MAX;
}

/* ---- the table ---- */

static bool pending_alive(const struct slot *s, int64_t now_ms)
{
	if (s->expires_ms <= now_ms)
		return false;
	return s->owner == getpid() || kill(s->owner, 0) == 0 || errno == EPERM;
}

static bool same_key(const struct slot *s, uint64_t hash, const char *key,
		     size_t klen)
{
	return s->state != SLOT_EMPTY && s->hash == hash && s->key_len == klen &&
	       memcmp(s->key, key, klen) == 0;
}

/*
 * The slot to use for a key not in the set: an empty one, else the expired
 * one, else the least recently used value, else an abandoned marker.
 * Live markers are never taken. NULL when all are live markers.
 */
static struct slot *victim(struct cache *c, uint32_t set, int64_t now_ms)
{
	struct slot *best = NULL;
	int best_rank = 5;

	for (uint32_t w = 0; w < CACHE_WAYS; w++) {
		struct slot *s = slot_at(c, set * CACHE_WAYS + w);
		int rank;
		if (s->state == SLOT_EMPTY)
			return s;
		if (s->state == SLOT_VALID)
			rank = s->expires_ms <= now_ms ? 1 : 2;
		else if (s->state == SLOT_PENDING)
			rank = pending_alive(s, now_ms) ? 5 : 1; /* dead: debris */
		else
			rank = 1; /* WRITING outside repair: debris */
		if (rank < best_rank ||
		    (rank == best_rank && best && s->used_ms < best->used_ms)) {
			best = s;
			best_rank = rank;
		}
	}
	if (best && best_rank == 2)
		atomic_fetch_add(&c->h->counter[CTR_EVICTIONS], 1);
	return best;
}

static void make_pending(struct cache *c, struct slot *s, uint64_t hash,
			 const char *key, size_t klen, int64_t now_ms,
			 int64_t until, struct cache_ticket *t)
{
	s->hash = hash;
	c->tags[slot_index(c, s)] = tag_of(hash);
	s->key_len = (uint16_t)klen;
	memcpy(s->key, key, klen);
	s->key[klen] = '\0';
	s->owner = getpid();
	s->expires_ms = until;
	s->used_ms = now_ms;
	s->len = 0;
	set_state(s, SLOT_PENDING);
	t->slot = slot_index(c, s);
	t->gen = atomic_load(&s->gen);
}

/* A VALID slot for the key: serve it (1), or say why not: -1 corrupt,
 * 0 stale, 2 larger than the caller's buffer (left alone). */
static int serve(struct cache *c, struct slot *s, int64_t now_ms,
		 int64_t accept_from, void *buf, size_t bufsize, size_t *len,
		 struct cache_meta *meta)
{
	if (!slot_sane(s) || s->checksum != checksum(c, s)) {
		clear_slot(c, s);
		atomic_fetch_add(&c->h->counter[CTR_CORRUPT], 1);
		return -1;
	}
	if (s->expires_ms <= now_ms && s->stored_ms < accept_from)
		return 0;
	if (s->len > bufsize)
		return 2;
	memcpy(buf, s->value, s->len);
	*len = s->len;
	meta->stored_ms = s->stored_ms;
	meta->expires_ms = s->expires_ms;
	/* LRU to the second is enough, and a hot slot read by every process
	 * is not written on every read */
	if (now_ms - s->used_ms >= 1000)
		s->used_ms = now_ms;
	return 1;
}

enum cache_status cache_get(struct cache *c, const char *key, int64_t now_ms,
			    int64_t pending_until, int64_t accept_from_ms,
			    void *buf, size_t bufsize, size_t *len,
			    struct cache_meta *meta, struct cache_ticket *t)
{
	size_t klen = strlen(key);
	uint64_t hash = siphash24(c->h->key, key, klen);
	uint32_t set = (uint32_t)(hash % n_sets(c));
	enum cache_status result = CACHE_MISS;

	t->slot = CACHE_NO_SLOT;
	t->gen = 0;
	meta->stale = false;
	if (klen > CACHE_KEY_MAX)
		return CACHE_MISS;
	struct stripe *st = lock_set(c, set);
	struct slot *found = NULL;
	const uint32_t *tags = c->tags + set * CACHE_WAYS, tag = tag_of(hash);
	for (uint32_t w = 0; w < CACHE_WAYS && !found; w++) {
		if (tags[w] != tag)
			continue; /* the slot itself is not even read */
		struct slot *s = slot_at(c, set * CACHE_WAYS + w);
		if (same_key(s, hash, key, klen))
			found = s;
	}
	int served = found && found->state == SLOT_VALID ?
		     serve(c, found, now_ms, accept_from_ms, buf, bufsize, len,
			   meta) : 0;
	if (served == 1) {
		result = CACHE_HIT;
	} else if (served == 2) {
		result = CACHE_MISS; /* a good entry the caller cannot take */
	} else if (found && found->state == SLOT_PENDING &&
		   pending_alive(found, now_ms)) {
		result = CACHE_PENDING;
		t->slot = slot_index(c, found);
		t->gen = atomic_load(&found->gen);
	} else {
		if (served == 0 && found && found->state == SLOT_VALID &&
		    found->len <= bufsize) {
			/* expired, checksum verified by serve() */
			memcpy(buf, found->value, found->len);
			*len = found->len;
			meta->stored_ms = found->stored_ms;
			meta->expires_ms = found->expires_ms;
			meta->stale = true;
		}
		struct slot *s = found ? found : victim(c, set, now_ms);
		if (s)
			make_pending(c, s, hash, key, klen, now_ms, pending_until, t);
	}
	unlock_set(st);
	atomic_fetch_add(&c->h->counter[result == CACHE_HIT ? CTR_HITS :
				       result == CACHE_PENDING ? CTR_COALESCED :
				       CTR_MISSES], 1);
	return result;
}

/* The caller's marker, if it is still the caller's; lock held. */
static struct slot *owned(struct cache *c, const struct cache_ticket *t)
{
	if (t->slot == CACHE_NO_SLOT || t->slot >= c->h->n_slots)
		return NULL;
	struct slot *s = slot_at(c, t->slot);
	if (s->state != SLOT_PENDING || atomic_load(&s->gen) != t->gen ||
	    s->owner != getpid())
		return NULL;
	return s;
}

int cache_put(struct cache *c, const struct cache_ticket *t, const char *key,
	      const void *value, size_t len, int64_t now_ms,
	      int64_t expires_ms)
{
	if (len > VALUE_MAX) {
		cache_drop(c, t);
		atomic_fetch_add(&c->h->counter[CTR_TOO_BIG], 1);
		return -1;
	}
	if (t->slot == CACHE_NO_SLOT || t->slot >= c->h->n_slots)
		return 0; /* no room was found for a marker: served uncached */
	uint32_t set = t->slot / CACHE_WAYS;
	struct stripe *st = lock_set(c, set);
	struct slot *s = owned(c, t);
	if (s && (s->key_len != strlen(key) || memcmp(s->key, key, s->key_len))) {
		clear_slot(c, s); /* not this key's marker: end it */
		s = NULL;
	}
	if (s) {
		s->state = SLOT_WRITING;
		s->len = (uint32_t)len;
		memcpy(s->value, value, len);
		s->stored_ms = now_ms;
		s->expires_ms = expires_ms;
		s->used_ms = now_ms;
		s->checksum = checksum(c, s);
		set_state(s, SLOT_VALID);
		atomic_fetch_add(&c->h->counter[CTR_INSERTS], 1);
	}
	unlock_set(st);
	return 0;
}

/* The slot holding key in its set (any state), or NULL; lock held. */
static struct slot *find_key(struct cache *c, uint32_t set, uint64_t hash,
			     const char *key, size_t klen)
{
	const uint32_t *tags = c->tags + set * CACHE_WAYS, tag = tag_of(hash);

	for (uint32_t w = 0; w < CACHE_WAYS; w++) {
		struct slot *s = slot_at(c, set * CACHE_WAYS + w);
		if (tags[w] == tag && same_key(s, hash, key, klen))
			return s;
	}
	return NULL;
}

enum cache_status cache_find(struct cache *c, const char *key, int64_t now_ms,
			     void *buf, size_t bufsize, size_t *len,
			     struct cache_meta *meta)
{
	size_t klen = strlen(key);
	uint64_t hash = siphash24(c->h->key, key, klen);
	uint32_t set = (uint32_t)(hash % n_sets(c));

	meta->stale = false;
	if (klen > CACHE_KEY_MAX)
		return CACHE_MISS;
	struct stripe *st = lock_set(c, set);
	struct slot *s = find_key(c, set, hash, key, klen);
	int served = s && s->state == SLOT_VALID ?
		     serve(c, s, now_ms, INT64_MAX, buf, bufsize, len, meta) : 0;
	unlock_set(st);
	return served == 1 ? CACHE_HIT : CACHE_MISS;
}

int cache_peek(struct cache *c, const char *key, int64_t now_ms, void *buf,
	       size_t bufsize, size_t *len)
{
	struct cache_meta meta;

	return cache_find(c, key, now_ms, buf, bufsize, len, &meta) == CACHE_HIT ?
	       0 : -1;
}

int cache_store(struct cache *c, const char *key, const void *value,
		size_t len, int64_t now_ms, int64_t expires_ms)
{
	size_t klen = strlen(key);
	uint64_t hash = siphash24(c->h->key, key, klen);
	uint32_t set = (uint32_t)(hash % n_sets(c));
	struct cache_ticket t;

	if (klen > CACHE_KEY_MAX || len > VALUE_MAX)
		return -1;
	struct stripe *st = lock_set(c, set);
	struct slot *s = find_key(c, set, hash, key, klen);
	if (s && s->state == SLOT_PENDING && pending_alive(s, now_ms))
		s = NULL; /* another caller's marker: theirs to fill */
	else if (!s)
		s = victim(c, set, now_ms);
	if (s) {
		make_pending(c, s, hash, key, klen, now_ms, expires_ms, &t);
		s->state = SLOT_WRITING;
		s->len = (uint32_t)len;
		memcpy(s->value, value, len);
		s->stored_ms = now_ms;
		s->expires_ms = expires_ms;
		s->checksum = checksum(c, s);
		set_state(s, SLOT_VALID);
	}
	unlock_set(st);
	return s ? 0 : -1;
}

void cache_invalidate(struct cache *c, const char *key)
{
	size_t klen = strlen(key);
	uint64_t hash = siphash24(c->h->key, key, klen);
	uint32_t set = (uint32_t)(hash % n_sets(c)), tag = tag_of(hash);

	if (klen > CACHE_KEY_MAX)
		return;
	struct stripe *st = lock_set(c, set);
	for (uint32_t w = 0; w < CACHE_WAYS; w++) {
		struct slot *s = slot_at(c, set * CACHE_WAYS + w);
		if (c->tags[set * CACHE_WAYS + w] == tag && s->state == SLOT_VALID &&
		    same_key(s, hash, key, klen))
			clear_slot(c, s);
	}
	unlock_set(st);
}

void cache_drop(struct cache *c, const struct cache_ticket *t)
{
	if (t->slot == CACHE_NO_SLOT || t->slot >= c->h->n_slots)
		return;
	struct stripe *st = lock_set(c, t->slot / CACHE_WAYS);
	struct slot *s = owned(c, t);
	if (s)
		clear_slot(c, s);
	unlock_set(st);
}

/*
 * Read without the set's lock, so every field is loaded atomically; a
 * torn view only costs one more round of waiting, since gen is checked
 * after the fields it vouches for.
 */
static bool owner_gone(const struct slot *s, uint32_t gen, int64_t now_ms)
{
	uint32_t state = __atomic_load_n(&s->state, __ATOMIC_RELAXED);
	int32_t owner = __atomic_load_n(&s->owner, __ATOMIC_RELAXED);
	int64_t until = __atomic_load_n(&s->expires_ms, __ATOMIC_RELAXED);

	if (state != SLOT_PENDING || atomic_load(&s->gen) != gen)
		return false;
	if (until <= now_ms)
		return true;
	return owner != getpid() && kill(owner, 0) < 0 && errno != EPERM;
}

#define FUTEX_LOOK_MS 100
#define FIBER_LOOK_MS 5

void cache_wait(struct cache *c, const struct cache_ticket *t, int64_t until_ms)
{
	cache_wait_by(c, t, until_ms, NULL);
}

/* A thread sleeps on the slot's generation (waking now and then to notice
 * an owner that died); a fiber looks at it every few milliseconds, and is
 * not counted among the waiters a cache_put() wakes. */
void cache_wait_by(struct cache *c, const struct cache_ticket *t,
		   int64_t until_ms, const struct waiter *w)
{
	if (t->slot == CACHE_NO_SLOT || t->slot >= c->h->n_slots)
		return;
	struct slot *s = slot_at(c, t->slot);
	if (!w)
		atomic_fetch_add(&s->waiters, 1);
	while (atomic_load(&s->gen) == t->gen) {
		int64_t left = until_ms - clock_ms();
		if (left <= 0)
			break;
		if (w) {
			waiter_poll(w, NULL, 0, left > FIBER_LOOK_MS ?
				    FIBER_LOOK_MS : (int)left);
		} else {
			if (left > FUTEX_LOOK_MS)
				left = FUTEX_LOOK_MS;
			struct timespec ts = { left / 1000, (left % 1000) * 1000000 };
			syscall(SYS_futex, &s->gen, FUTEX_WAIT, t->gen, &ts, NULL, 0);
		}
		if (owner_gone(s, t->gen, clock_ms()))
			break;
	}
	if (!w)
		atomic_fetch_sub(&s->waiters, 1);
}

/* ---- counters and limits ---- */

void cache_count(struct cache *c, enum cache_counter which)
{
	atomic_fetch_add(&c->h->counter[which], 1);
}

void cache_add(struct cache *c, enum cache_counter which, uint64_t n)
{
	atomic_fetch_add(&c->h->counter[which], n);
}

void cache_counter_set(struct cache *c, enum cache_counter which, uint64_t v)
{
	atomic_store(&c->h->counter[which], v);
}

uint64_t cache_counter_value(const struct cache *c, enum cache_counter which)
{
	return atomic_load(&c->h->counter[which]);
}

void cache_info(struct cache *c, int64_t now_ms, struct cache_info *out)
{
	memset(out, 0, sizeof *out);
	out->segment_bytes = c->size;
	out->slots = c->h->n_slots;
	out->slot_size = CACHE_SLOT_SIZE;
	/* a count without locks is fine for a status view; the tags say
	 * which slots are in use without touching the empty ones' pages */
	for (uint32_t i = 0; i < c->h->n_slots; i++) {
		if (__atomic_load_n(&c->tags[i], __ATOMIC_RELAXED) == 0)
			continue;
		const struct slot *s = slot_at(c, i);
		uint32_t state = __atomic_load_n(&s->state, __ATOMIC_RELAXED);
		int64_t until = __atomic_load_n(&s->expires_ms, __ATOMIC_RELAXED);
		if (state == SLOT_VALID && until > now_ms)
			out->entries++;
		else if (state == SLOT_PENDING)
			out->pending++;
	}
}

static bool pid_alive(int32_t pid)
{
	return pid > 0 && (kill(pid, 0) == 0 || errno == EPERM);
}

void cache_register_process(struct cache *c)
{
	pid_t me = getpid();

	if (c->proc >= 0 && c->proc_pid == me)
		return;
	c->proc = -1;
	for (int i = 0; i < CACHE_PROCS; i++) {
		struct proc *p = &c->h->procs[i];
		int32_t old = atomic_load(&p->pid);
		/* a row of a dead process, or ours from a dead process that
		 * had our pid before: its count is not ours */
		if (old == me || old == 0 || !pid_alive(old)) {
			if (old != me &&
			    !atomic_compare_exchange_strong(&p->pid, &old, me))
				continue;
			atomic_store(&p->inflight, 0);
			c->proc = i;
			c->proc_pid = me;
			return;
		}
	}
}

/* This process's row, if it registered (before starting threads): one
 * that did not has no in-flight count and is not limited by others'. */
static struct proc *my_proc(struct cache *c)
{
	if (c->proc < 0 || c->proc_pid != getpid())
		return NULL;
	return &c->h->procs[c->proc];
}

uint32_t cache_inflight_total(struct cache *c)
{
	uint32_t total = 0;

	for (int i = 0; i < CACHE_PROCS; i++) {
		struct proc *p = &c->h->procs[i];
		int32_t pid = atomic_load(&p->pid);
		if (pid != 0 && pid_alive(pid))
			total += atomic_load(&p->inflight);
	}
	return total;
}

int cache_inflight_begin(struct cache *c, uint32_t max)
{
	struct proc *p = my_proc(c);

	if (p && cache_inflight_total(c) >= max) {
		atomic_fetch_add(&c->h->counter[CTR_BUSY], 1);
		return -1;
	}
	if (p)
		atomic_fetch_add(&p->inflight, 1);
	return 0;
}

void cache_inflight_end(struct cache *c)
{
	struct proc *p = my_proc(c);

	if (p && atomic_load(&p->inflight) > 0)
		atomic_fetch_sub(&p->inflight, 1);
}

/* ---- rate limits ---- */

uint32_t cache_rate_charge(struct cache *c, const void *client, size_t len,
			   enum rate_kind kind, const struct rate_rule *rule,
			   int64_t now_ms)
{
	uint64_t h = siphash24(c->h->key, client, len);
	/* the set from the high bits, so that it is unrelated to the key
	 * stored (which must never be 0) */
	uint32_t set = (uint32_t)((h >> 32) % n_sets(c));
	struct stripe *st = lock_stripe(c, set, NO_SET);
	uint32_t wait = rate_charge(&c->rates[(size_t)set * RATE_WAYS], h | 1,
				    kind, rule, now_ms);

	unlock_set(st);
	if (wait)
		atomic_fetch_add(&c->h->counter[kind == RATE_LOOKUPS ?
					       CTR_LIMITED_LOOKUPS :
					       CTR_LIMITED_REQUESTS], 1);
	return wait;
}
