/*
 * codec: ns_result <-> bytes (see codec.h). Integers are little-endian
 * and fixed-width; strings are a 16-bit length and the bytes.
 */
#include "cache/codec.h"

#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "report/drill.h"
#include "report/report.h"
#include "report/result.h"

#define CODEC_VERSION 2

static void put_u8(struct buf *b, unsigned v)
{
	buf_putc(b, (char)(v & 0xFF));
}

static void put_u16(struct buf *b, unsigned v)
{
	put_u8(b, v);
	put_u8(b, v >> 8);
}

static void put_u32(struct buf *b, uint32_t v)
{
	put_u16(b, v & 0xFFFF);
	put_u16(b, v >> 16);
}

/* A NULL string is length 0xFFFF. */
static void put_str(struct buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0xFFFF;
	if (s && n >= 0xFFFF) {
		b->failed = true;
		return;
	}
	put_u16(b, (unsigned)n);
	if (s)
		buf_put(b, s, n);
}

static void put_addrs(struct buf *b, const struct ns_addrs *a)
{
	if (a->n > 0xFFFF)
		b->failed = true; /* the count is 16 bits: never cut it */
	put_u8(b, a->state);
	put_u32(b, a->ttl);
	put_u16(b, (unsigned)a->n);
	for (size_t i = 0; i < a->n; i++)
		buf_put(b, a->addr[i], 16);
}

void codec_encode(const struct ns_result *r, struct buf *out)
{
	put_u8(out, CODEC_VERSION);
	put_u8(out, r->status);
	put_u32(out, r->negative_ttl);
	put_u32(out, r->elapsed_ms);
	put_str(out, r->qname);
	put_str(out, r->owner);
	put_str(out, r->zone);
	put_str(out, r->failure);
	put_str(out, r->resolver);
	if (r->n_ns > 0xFFFF)
		out->failed = true;
	put_u16(out, (unsigned)r->n_ns);
	for (size_t i = 0; i < r->n_ns; i++) {
		put_str(out, r->ns[i].name);
		put_u32(out, r->ns[i].ttl);
		put_addrs(out, &r->ns[i].v4);
		put_addrs(out, &r->ns[i].v6);
		put_str(out, r->ns[i].alias);
	}
}

struct reader {
	const unsigned char *p;
	size_t left;
	struct arena *a;
	bool bad;
};

static const unsigned char *take(struct reader *r, size_t n)
{
	if (r->bad || n > r->left) {
		r->bad = true;
		return NULL;
	}
	const unsigned char *p = r->p;
	r->p += n;
	r->left -= n;
	return p;
}

static unsigned get_u8(struct reader *r)
{
	const unsigned char *p = take(r, 1);
	return p ? p[0] : 0;
}

static unsigned get_u16(struct reader *r)
{
	const unsigned char *p = take(r, 2);
	return p ? (unsigned)p[0] | (unsigned)p[1] << 8 : 0;
}

static uint32_t get_u32(struct reader *r)
{
	uint32_t lo = get_u16(r);
	return lo | (uint32_t)get_u16(r) << 16;
}

static const char *get_str(struct reader *r)
{
	unsigned n = get_u16(r);
	if (n == 0xFFFF || r->bad)
		return NULL;
	const unsigned char *p = take(r, n);
	if (!p || memchr(p, '\0', n))
		return r->bad = true, NULL;
	char *s = arena_strndup(r->a, (const char *)p, n);
	if (!s)
		r->bad = true;
	return s;
}

static uint32_t aged(uint32_t ttl, uint32_t age)
{
	return ttl > age ? ttl - age : 0;
}

static void get_addrs(struct reader *r, struct ns_addrs *a, uint32_t age)
{
	a->state = (enum addr_state)get_u8(r);
	a->ttl = aged(get_u32(r), age);
	a->n = get_u16(r);
	if (a->state > ADDR_SKIPPED || (a->n && a->state != ADDR_FOUND)) {
		r->bad = true;
		return;
	}
	const unsigned char *p = take(r, a->n * 16);
	if (!p)
		return;
	a->addr = arena_array(r->a, a->n, 16);
	if (!a->addr && a->n) {
		r->bad = true;
		return;
	}
	if (a->n)
		memcpy(a->addr, p, a->n * 16);
}

int codec_decode(const void *data, size_t len, uint32_t age_s,
		 struct arena *a, struct ns_result *out)
{
	struct reader r = { data, len, a, false };

	memset(out, 0, sizeof *out);
	if (get_u8(&r) != CODEC_VERSION)
		return -1;
	out->status = (enum lookup_status)get_u8(&r);
	out->negative_ttl = aged(get_u32(&r), age_s);
	out->elapsed_ms = get_u32(&r);
	out->qname = get_str(&r);
	out->owner = get_str(&r);
	out->zone = get_str(&r);
	out->failure = get_str(&r);
	const char *resolver = get_str(&r);
	if (resolver && strlen(resolver) < sizeof out->resolver)
		memcpy(out->resolver, resolver, strlen(resolver) + 1);
	else
		r.bad = true;
	out->n_ns = get_u16(&r);
	if (out->status > LOOKUP_ERROR || !out->qname || !out->owner)
		r.bad = true;
	if (!r.bad && out->n_ns) {
		out->ns = arena_array(a, out->n_ns, sizeof *out->ns);
		if (!out->ns)
			r.bad = true;
	}
	for (size_t i = 0; i < out->n_ns && !r.bad; i++) {
		struct ns_server *s = &out->ns[i];
		s->name = get_str(&r);
		s->ttl = aged(get_u32(&r), age_s);
		get_addrs(&r, &s->v4, age_s);
		get_addrs(&r, &s->v6, age_s);
		s->alias = get_str(&r);
		if (!s->name)
			r.bad = true;
	}
	if (r.bad || r.left != 0) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	return 0;
}

/* ---- reports ---- */

#define REPORT_CODEC 8 /* 2: time in microseconds; 3: compact rows;
			  4: TCP and recursion in the state byte; 5: DS;
			  6: negative TTL; 7: resolvers_view; 8: the zone's
			  addresses of its in-domain servers, no_answer */

/* The flags byte of a row. */
enum {
	ROW_AA = 1,
	ROW_REFERRAL = 2,
	ROW_SOA = 4,          /* has_soa; the serial follows */
	ROW_SAME_SETS = 8,    /* NS set and glue as in the row before */
	ROW_WHY = 16,         /* skipped_why follows */
	ROW_SAME_TTL = 32,    /* ns_ttl as in the row before */
	ROW_FLAGS = 63,
	ROW_KEYS_SHIFT = 6,   /* the top two bits: enum key_match */
};
_Static_assert(KEYS_NO_ANSWER < 4, "enum key_match fits two bits");

/* Unsigned LEB128: small numbers (times, TTLs) in one to three bytes. */
static void put_var(struct buf *b, uint32_t v)
{
	while (v >= 0x80) {
		put_u8(b, (v & 0x7F) | 0x80);
		v >>= 7;
	}
	put_u8(b, v);
}

static uint32_t get_var(struct reader *r)
{
	uint32_t v = 0;

	for (int shift = 0; shift < 35; shift += 7) {
		unsigned byte = get_u8(r);
		if (shift == 28 && byte > 0x0F)
			break; /* more than 32 bits */
		v |= (uint32_t)(byte & 0x7F) << shift;
		if (!(byte & 0x80))
			return r->bad ? 0 : v;
	}
	r->bad = true;
	return 0;
}
#define NAMES_MAX 1024

/* The distinct names of a report, numbered in order of first use. */
struct names {
	const char *v[NAMES_MAX];
	size_t n;
	bool full;
};

static unsigned name_id(struct names *t, const char *s)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i], s) == 0)
			return (unsigned)i;
	if (t->n == NAMES_MAX) {
		t->full = true;
		return 0;
	}
	t->v[t->n] = s;
	return (unsigned)t->n++;
}

static void collect_set(struct names *t, const char **set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		name_id(t, set[i]);
}

static void collect_ask(struct names *t, const struct report_ask *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		name_id(t, a[i].server);
		collect_set(t, a[i].ns, a[i].n_ns);
		for (size_t g = 0; g < a[i].n_glue; g++)
			name_id(t, a[i].glue[g].name);
	}
}

/* Counts are 16 bits: a longer list fails the encoding, never wraps. */
static void put_count(struct buf *b, size_t n)
{
	if (n > 0xFFFF)
		b->failed = true;
	put_u16(b, (unsigned)n);
}

static void put_set(struct buf *b, struct names *t, const char **set, size_t n)
{
	put_count(b, n);
	for (size_t i = 0; i < n; i++)
		put_u16(b, name_id(t, set[i]));
}

static void put_addr(struct buf *b, const unsigned char *addr, bool v6)
{
	put_u8(b, v6);
	buf_put(b, addr, v6 ? 16 : 4);
}

static void put_glue(struct buf *b, struct names *t, const struct report_addr *g,
		     size_t n)
{
	put_count(b, n);
	for (size_t i = 0; i < n; i++) {
		put_u16(b, name_id(t, g[i].name));
		put_addr(b, g[i].addr, g[i].v6);
	}
}

static bool same_sets(const struct report_ask *x, const struct report_ask *y)
{
	if (x->n_ns != y->n_ns || x->n_glue != y->n_glue)
		return false;
	for (size_t i = 0; i < x->n_ns; i++)
		if (strcmp(x->ns[i], y->ns[i]) != 0)
			return false;
	for (size_t i = 0; i < x->n_glue; i++)
		if (x->glue[i].v6 != y->glue[i].v6 ||
		    strcmp(x->glue[i].name, y->glue[i].name) != 0 ||
		    memcmp(x->glue[i].addr, y->glue[i].addr, 16) != 0)
			return false;
	return true;
}

/* A parent zone like com has 26 addresses giving the same NS set and glue:
 * written once, the rows after say "the same", and the report fits in a
 * cache slot. */
static void put_asks(struct buf *b, struct names *t, const struct report_ask *a,
		     size_t n)
{
	put_count(b, n);
	for (size_t i = 0; i < n; i++) {
		const struct report_ask *x = &a[i];
		if (x->state > ASK_FAILED || x->tcp > OVER_TCP_TIMEOUT ||
		    x->recursion > RECURSION_OPEN || x->keys > KEYS_NO_ANSWER) {
			b->failed = true; /* fields that share a byte: never mixed */
			return;
		}
		bool same = i > 0 && (x->n_ns || x->n_glue) &&
			    same_sets(x, &a[i - 1]);
		bool same_ttl = i > 0 && x->ns_ttl == a[i - 1].ns_ttl;
		put_u16(b, name_id(t, x->server));
		put_addr(b, x->addr, x->v6);
		/* the state, TCP and recursion findings share a byte */
		put_u8(b, x->state | (unsigned)x->tcp << 3 |
			  (unsigned)x->recursion << 5 | (x->extra ? 0x80u : 0));
		put_u8(b, (unsigned)x->rcode);
		put_u8(b, (x->aa ? ROW_AA : 0u) | (x->referral ? ROW_REFERRAL : 0u) |
			  (x->has_soa ? ROW_SOA : 0u) | (same ? ROW_SAME_SETS : 0u) |
			  (x->skipped_why ? ROW_WHY : 0u) |
			  (same_ttl ? ROW_SAME_TTL : 0u) |
			  (unsigned)x->keys << ROW_KEYS_SHIFT);
		if (x->skipped_why)
			put_str(b, x->skipped_why);
		put_var(b, x->rtt_us);
		if (!same_ttl)
			put_var(b, x->ns_ttl);
		if (x->has_soa)
			put_var(b, x->serial);
		if (!same) {
			put_set(b, t, x->ns, x->n_ns);
			put_glue(b, t, x->glue, x->n_glue);
		}
	}
}

void codec_encode_report(const struct report *rep, struct buf *out)
{
	struct names t = { .n = 0 };

	collect_set(&t, rep->deleg, rep->n_deleg);
	collect_set(&t, rep->child, rep->n_child);
	for (size_t g = 0; g < rep->n_glue; g++)
		name_id(&t, rep->glue[g].name);
	collect_ask(&t, rep->parents, rep->n_parents);
	collect_ask(&t, rep->servers, rep->n_servers);
	for (size_t i = 0; i < rep->n_views; i++)
		collect_set(&t, rep->views[i].ns, rep->views[i].n_ns);
	for (size_t i = 0; i < rep->n_hosts; i++)
		name_id(&t, rep->hosts[i].name);
	for (size_t i = 0; i < rep->n_host_addrs; i++)
		name_id(&t, rep->host_addrs[i].name);
	if (t.full || rep->n_views > 255 || rep->n_parents > 0xFFFF || rep->n_servers > 0xFFFF) {
		out->failed = true;
		return;
	}
	put_u8(out, REPORT_CODEC);
	put_u8(out, rep->status);
	put_str(out, rep->why);
	put_str(out, rep->parent_zone);
	put_str(out, rep->provider);
	put_u32(out, rep->elapsed_us);
	put_u32(out, rep->queries);
	put_u8(out, rep->cut_short);
	put_u16(out, (unsigned)t.n);
	for (size_t i = 0; i < t.n; i++)
		put_str(out, t.v[i]);
	put_set(out, &t, rep->deleg, rep->n_deleg);
	put_u32(out, rep->deleg_ttl);
	put_glue(out, &t, rep->glue, rep->n_glue);
	put_set(out, &t, rep->child, rep->n_child);
	put_u32(out, rep->child_ttl);
	put_u32(out, rep->negative_ttl);
	put_u8(out, rep->ds_state);
	put_u8(out, (unsigned)rep->ds.n);
	for (size_t i = 0; i < rep->ds.n; i++) {
		put_u16(out, rep->ds.k[i].tag);
		put_u8(out, rep->ds.k[i].alg);
	}
	put_u8(out, (unsigned)rep->n_views);
	for (size_t i = 0; i < rep->n_views; i++) {
		const struct report_view *w = &rep->views[i];
		put_str(out, w->resolver);
		put_u8(out, w->state);
		put_u8(out, (unsigned)w->rcode);
		put_u32(out, w->ttl);
		put_set(out, &t, w->ns, w->n_ns);
	}
	put_asks(out, &t, rep->parents, rep->n_parents);
	put_asks(out, &t, rep->servers, rep->n_servers);
	put_count(out, rep->n_hosts);
	for (size_t i = 0; i < rep->n_hosts; i++) {
		if (rep->hosts[i].v4 > HOST_ALIAS || rep->hosts[i].v6 > HOST_ALIAS)
			out->failed = true; /* they share a byte: never mixed */
		put_u16(out, name_id(&t, rep->hosts[i].name));
		/* both answers in one byte */
		put_u8(out, (unsigned)rep->hosts[i].v4 |
			    (unsigned)rep->hosts[i].v6 << 4);
	}
	put_glue(out, &t, rep->host_addrs, rep->n_host_addrs);
}

struct rnames {
	const char **v;
	size_t n;
};

static const char *get_name(struct reader *r, const struct rnames *t)
{
	unsigned i = get_u16(r);
	if (i >= t->n) {
		r->bad = true;
		return NULL;
	}
	return t->v[i];
}

static const char **get_set(struct reader *r, const struct rnames *t, size_t *n)
{
	*n = get_u16(r);
	if (*n > r->left / 2) {
		r->bad = true;
		return NULL;
	}
	const char **set = arena_array(r->a, *n ? *n : 1, sizeof *set);
	if (!set)
		r->bad = true;
	for (size_t i = 0; set && i < *n; i++)
		set[i] = get_name(r, t);
	return set;
}

static void get_addr(struct reader *r, unsigned char *addr, bool *v6)
{
	unsigned f = get_u8(r);
	const unsigned char *p = take(r, f ? 16 : 4);

	*v6 = f == 1;
	memset(addr, 0, 16);
	if (f > 1)
		r->bad = true;
	else if (p)
		memcpy(addr, p, f ? 16 : 4);
}

static struct report_addr *get_glue(struct reader *r, const struct rnames *t,
				    size_t *n)
{
	*n = get_u16(r);
	if (*n > r->left / 7) {
		r->bad = true;
		return NULL;
	}
	struct report_addr *g = arena_array(r->a, *n ? *n : 1, sizeof *g);
	if (!g)
		r->bad = true;
	for (size_t i = 0; g && i < *n; i++) {
		g[i].name = get_name(r, t);
		get_addr(r, g[i].addr, &g[i].v6);
	}
	return g;
}

static struct report_ask *get_asks(struct reader *r, const struct rnames *t,
				   size_t *n, uint32_t age)
{
	*n = get_u16(r);
	if (*n > r->left / 11) { /* the shortest row is 11 bytes */
		r->bad = true;
		return NULL;
	}
	struct report_ask *v = arena_array(r->a, *n ? *n : 1, sizeof *v);
	if (!v)
		r->bad = true;
	for (size_t i = 0; v && i < *n && !r->bad; i++) {
		struct report_ask *a = &v[i];
		a->server = get_name(r, t);
		get_addr(r, a->addr, &a->v6);
		unsigned st = get_u8(r);
		a->state = (enum ask_state)(st & 7);
		a->tcp = (enum over_tcp)(st >> 3 & 3);
		a->recursion = (enum recursion)(st >> 5 & 3);
		a->extra = st & 0x80;
		a->rcode = (int)get_u8(r);
		unsigned flags = get_u8(r);
		a->keys = (enum key_match)(flags >> ROW_KEYS_SHIFT);
		flags &= ROW_FLAGS;
		if (a->keys > KEYS_NO_ANSWER || (i == 0 && (flags & (ROW_SAME_SETS |
							      ROW_SAME_TTL)))) {
			r->bad = true;
			break;
		}
		a->aa = flags & ROW_AA;
		a->referral = flags & ROW_REFERRAL;
		a->has_soa = flags & ROW_SOA;
		if (flags & ROW_WHY && !(a->skipped_why = get_str(r)))
			r->bad = true;
		a->rtt_us = get_var(r);
		/* the row before holds the aged TTL already */
		a->ns_ttl = flags & ROW_SAME_TTL ? v[i - 1].ns_ttl :
						   aged(get_var(r), age);
		if (a->has_soa)
			a->serial = get_var(r);
		if (flags & ROW_SAME_SETS) {
			a->ns = v[i - 1].ns;
			a->n_ns = v[i - 1].n_ns;
			a->glue = v[i - 1].glue;
			a->n_glue = v[i - 1].n_glue;
		} else {
			a->ns = get_set(r, t, &a->n_ns);
			a->glue = get_glue(r, t, &a->n_glue);
		}
		/* a skipped row says why, and only a skipped row does: the
		 * renderers rely on it */
		if (a->state > ASK_FAILED || a->recursion > RECURSION_OPEN ||
		    (a->state == ASK_SKIPPED) != (a->skipped_why != NULL))
			r->bad = true;
	}
	return v;
}

int codec_decode_report(const void *data, size_t len, uint32_t age_s,
			struct arena *a, struct report *out)
{
	struct reader r = { data, len, a, false };
	struct rnames t;

	memset(out, 0, sizeof *out);
	if (get_u8(&r) != REPORT_CODEC)
		return -1;
	out->status = (enum report_status)get_u8(&r);
	out->why = get_str(&r);
	out->parent_zone = get_str(&r);
	out->provider = get_str(&r);
	out->elapsed_us = get_u32(&r);
	out->queries = get_u32(&r);
	out->cut_short = get_u8(&r);
	t.n = get_u16(&r);
	t.v = arena_array(a, t.n ? t.n : 1, sizeof *t.v);
	/* a finished report always has the parent zone it found */
	if (!t.v || out->status > REPORT_FAILED ||
	    (out->status == REPORT_DONE && !out->parent_zone))
		r.bad = true;
	for (size_t i = 0; !r.bad && i < t.n; i++)
		if (!(t.v[i] = get_str(&r)))
			r.bad = true;
	out->deleg = get_set(&r, &t, &out->n_deleg);
	/* what the servers publish: these do not count down in the cache */
	out->deleg_ttl = get_u32(&r);
	out->glue = get_glue(&r, &t, &out->n_glue);
	out->child = get_set(&r, &t, &out->n_child);
	out->child_ttl = get_u32(&r);
	out->negative_ttl = get_u32(&r); /* published, not counting down */
	out->ds_state = (enum report_ds)get_u8(&r);
	out->ds.n = get_u8(&r);
	if (out->ds_state > DS_PRESENT || out->ds.n > DNSSEC_KEYS_MAX ||
	    (out->ds_state == DS_PRESENT) != (out->ds.n > 0))
		r.bad = true;
	for (size_t i = 0; !r.bad && i < out->ds.n; i++) {
		out->ds.k[i].tag = (uint16_t)get_u16(&r);
		out->ds.k[i].alg = (uint8_t)get_u8(&r);
	}
	out->n_views = get_u8(&r);
	out->views = arena_array(a, out->n_views ? out->n_views : 1,
				 sizeof *out->views);
	if (!out->views)
		r.bad = true;
	for (size_t i = 0; !r.bad && i < out->n_views; i++) {
		struct report_view *w = &out->views[i];
		w->resolver = get_str(&r);
		w->state = (enum ask_state)get_u8(&r);
		w->rcode = (int)get_u8(&r);
		w->ttl = aged(get_u32(&r), age_s); /* a resolver's: it does */
		w->ns = get_set(&r, &t, &w->n_ns);
		if (!w->resolver || w->state > ASK_FAILED)
			r.bad = true;
	}
	out->parents = get_asks(&r, &t, &out->n_parents, 0);
	out->servers = get_asks(&r, &t, &out->n_servers, 0);
	out->n_hosts = get_u16(&r);
	if (out->n_hosts > r.left / 3)
		r.bad = true;
	out->hosts = r.bad ? NULL : arena_array(a, out->n_hosts ? out->n_hosts : 1,
						 sizeof *out->hosts);
	if (!out->hosts)
		r.bad = true;
	for (size_t i = 0; !r.bad && i < out->n_hosts; i++) {
		struct report_host *h = &out->hosts[i];
		h->name = get_name(&r, &t);
		unsigned both = get_u8(&r);
		h->v4 = (enum host_answer)(both & 15);
		h->v6 = (enum host_answer)(both >> 4);
		if (h->v4 > HOST_ALIAS || h->v6 > HOST_ALIAS)
			r.bad = true;
	}
	out->host_addrs = get_glue(&r, &t, &out->n_host_addrs);
	if (r.bad || r.left != 0) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	return 0;
}

/* ---- drill-down answers ---- */

#define DRILL_CODEC 1

/* Only the answers: where the server stands comes from its report. */
void codec_encode_drill(const struct drill *d, struct buf *out)
{
	put_u8(out, DRILL_CODEC);
	put_u32(out, d->elapsed_us);
	put_u8(out, (unsigned)d->n);
	for (size_t i = 0; i < d->n; i++) {
		const struct drill_answer *ans = &d->answer[i];
		put_u8(out, ans->query);
		put_u8(out, ans->outcome);
		put_u8(out, ans->tcp);
		put_u32(out, ans->rtt_us);
		if (ans->len > 0xFFFF)
			out->failed = true;
		put_u16(out, ans->pkt ? (unsigned)ans->len : 0);
		if (ans->pkt)
			buf_put(out, ans->pkt, ans->len);
	}
}

int codec_decode_drill(const void *data, size_t len, struct arena *a,
		       struct drill *out)
{
	struct reader r = { data, len, a, false };

	if (get_u8(&r) != DRILL_CODEC)
		return -1;
	out->elapsed_us = get_u32(&r);
	out->n = get_u8(&r);
	if (out->n > DRILL_QUERIES)
		r.bad = true;
	for (size_t i = 0; !r.bad && i < out->n; i++) {
		struct drill_answer *ans = &out->answer[i];
		memset(ans, 0, sizeof *ans);
		ans->query = (enum drill_query)get_u8(&r);
		ans->outcome = (enum probe_outcome)get_u8(&r);
		ans->tcp = get_u8(&r);
		ans->rtt_us = get_u32(&r);
		size_t n = get_u16(&r);
		const unsigned char *p = take(&r, n);
		if (ans->query >= DRILL_QUERIES || ans->outcome > PROBE_REFUSED ||
		    (ans->outcome == PROBE_ANSWERED) != (n > 0))
			r.bad = true;
		if (!r.bad && n) {
			unsigned char *copy = arena_alloc(a, n);
			if (!copy)
				r.bad = true;
			else
				ans->pkt = memcpy(copy, p, n);
			ans->len = n;
		}
	}
	if (r.bad || r.left != 0) {
		out->n = 0;
		return -1;
	}
	return 0;
}
