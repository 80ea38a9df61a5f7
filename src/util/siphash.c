/*
 * siphash: SipHash-2-4 as specified by Aumasson and Bernstein (2012):
 * four 64-bit words of state, two compression rounds per 8-byte block,
 * four finalisation rounds. See siphash.h.
 */
#include "util/siphash.h"

static uint64_t rotl(uint64_t x, int b)
{
	return (x << b) | (x >> (64 - b));
}

static uint64_t load64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

struct state {
	uint64_t v0, v1, v2, v3;
};

static void round_(struct state *s)
{
	s->v0 += s->v1;
	s->v1 = rotl(s->v1, 13);
	s->v1 ^= s->v0;
	s->v0 = rotl(s->v0, 32);
	s->v2 += s->v3;
	s->v3 = rotl(s->v3, 16);
	s->v3 ^= s->v2;
	s->v0 += s->v3;
	s->v3 = rotl(s->v3, 21);
	s->v3 ^= s->v0;
	s->v2 += s->v1;
	s->v1 = rotl(s->v1, 17);
	s->v1 ^= s->v2;
	s->v2 = rotl(s->v2, 32);
}

static void absorb(struct state *s, uint64_t m)
{
	s->v3 ^= m;
	round_(s);
	round_(s);
	s->v0 ^= m;
}

uint64_t siphash24(const unsigned char key[SIPHASH_KEY_SIZE], const void *data,
		   size_t len)
{
	const unsigned char *p = data;
	uint64_t k0 = load64(key), k1 = load64(key + 8);
	struct state s = {
		k0 ^ 0x736f6d6570736575ULL, k1 ^ 0x646f72616e646f6dULL,
		k0 ^ 0x6c7967656e657261ULL, k1 ^ 0x7465646279746573ULL,
	};
	size_t blocks = len / 8;

	for (size_t i = 0; i < blocks; i++)
		absorb(&s, load64(p + 8 * i));
	/* the last block: remaining bytes, and the length in the top byte */
	uint64_t last = (uint64_t)(len & 0xFF) << 56;
	for (size_t i = 0; i < len % 8; i++)
		last |= (uint64_t)p[8 * blocks + i] << (8 * i);
	absorb(&s, last);
	s.v2 ^= 0xFF;
	for (int i = 0; i < 4; i++)
		round_(&s);
	return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}
