/* wire: see wire.h. */
#include "wire.h"

#include <string.h>

#include <check.h>

void pkt_u8(struct pkt *p, unsigned v)
{
	ck_assert_uint_lt(p->n, sizeof p->b);
	p->b[p->n++] = (unsigned char)v;
}

void pkt_u16(struct pkt *p, unsigned v)
{
	pkt_u8(p, v >> 8);
	pkt_u8(p, v & 0xFF);
}

void pkt_u32(struct pkt *p, uint32_t v)
{
	pkt_u16(p, v >> 16);
	pkt_u16(p, v & 0xFFFF);
}

void pkt_labels(struct pkt *p, const char *dotted)
{
	while (*dotted) {
		const char *dot = strchr(dotted, '.');
		size_t len = dot ? (size_t)(dot - dotted) : strlen(dotted);
		pkt_u8(p, (unsigned)len);
		for (size_t i = 0; i < len; i++)
			pkt_u8(p, (unsigned char)dotted[i]);
		dotted += len + (dot != NULL);
	}
}

void pkt_name(struct pkt *p, const char *dotted)
{
	pkt_labels(p, dotted);
	pkt_u8(p, 0);
}

void pkt_ptr(struct pkt *p, size_t off)
{
	pkt_u16(p, 0xC000 | (unsigned)off);
}

size_t pkt_rdlen_begin(struct pkt *p)
{
	size_t at = p->n;

	pkt_u16(p, 0);
	return at;
}

void pkt_rdlen_end(struct pkt *p, size_t at, int adjust)
{
	size_t len = p->n - at - 2 + (size_t)adjust;

	p->b[at] = (unsigned char)(len >> 8);
	p->b[at + 1] = (unsigned char)(len & 0xFF);
}
