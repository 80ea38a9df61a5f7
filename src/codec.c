/*
 * codec: ns_result <-> bytes (see codec.h). Integers are little-endian
 * and fixed-width; strings are a 16-bit length and the bytes.
 */
#include "codec.h"

#include <string.h>

#include "arena.h"
#include "buf.h"
#include "result.h"

#define CODEC_VERSION 1

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
		if (!s->name)
			r.bad = true;
	}
	if (r.bad || r.left != 0) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	return 0;
}
