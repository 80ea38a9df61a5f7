/*
 * dnssec: DS and DNSKEY sets from replies (see dnssec.h).
 */
#include "dns/dnssec.h"

#include <udns.h>

#include "dns/dnsmsg.h"

#define T_DS 43
#define T_DNSKEY 48
#define ZONE_KEY 0x0100  /* DNSKEY flags: a key of the zone (RFC 4034 2.1.1) */

struct collect {
	dnsc_t owner[DNS_MAXDN];
	int type;
	struct dnssec_set *out;
	bool bad;
};

uint16_t dnssec_key_tag(const unsigned char *rdata, size_t rdlen)
{
	uint32_t ac = 0;

	for (size_t i = 0; i < rdlen; i++)
		ac += i & 1 ? rdata[i] : (uint32_t)rdata[i] << 8;
	ac += ac >> 16 & 0xFFFF;
	return (uint16_t)(ac & 0xFFFF);
}

static void add(struct dnssec_set *s, uint16_t tag, uint8_t alg)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->k[i].tag == tag && s->k[i].alg == alg)
			return;
	if (s->n < DNSSEC_KEYS_MAX)
		s->k[s->n++] = (struct dnssec_key){ tag, alg };
}

static void on_rr(const struct dnsmsg_rr *rr, const unsigned char *pkt,
		  size_t len, void *ctx)
{
	struct collect *c = ctx;

	(void)pkt;
	(void)len;
	if (rr->section != DNSMSG_ANSWER || rr->type != c->type ||
	    rr->cls != DNS_C_IN || !dns_dnequal(rr->owner, c->owner))
		return;
	if (c->type == T_DS) {
		if (rr->rdlen < 5) { /* tag, algorithm, digest type, a digest */
			c->bad = true;
			return;
		}
		add(c->out, (uint16_t)(rr->rdata[0] << 8 | rr->rdata[1]),
		    rr->rdata[2]);
		return;
	}
	if (rr->rdlen < 5) { /* flags, protocol, algorithm, a key */
		c->bad = true;
		return;
	}
	if ((rr->rdata[0] << 8 | rr->rdata[1]) & ZONE_KEY)
		add(c->out, dnssec_key_tag(rr->rdata, rr->rdlen), rr->rdata[3]);
}

static int collect(const unsigned char *pkt, size_t len, const char *name,
		   int type, struct dnssec_set *out)
{
	struct collect c = { .type = type, .out = out };

	out->n = 0;
	if (dns_ptodn(name, 0, c.owner, sizeof c.owner, NULL) <= 0)
		return -1;
	if (dnsmsg_each_rr(pkt, len, on_rr, &c) < 0 || c.bad) {
		out->n = 0; /* nothing half read */
		return -1;
	}
	return 0;
}

int dnssec_ds_set(const unsigned char *pkt, size_t len, const char *name,
		  struct dnssec_set *out)
{
	return collect(pkt, len, name, T_DS, out);
}

int dnssec_dnskey_set(const unsigned char *pkt, size_t len, const char *name,
		      struct dnssec_set *out)
{
	return collect(pkt, len, name, T_DNSKEY, out);
}

bool dnssec_match(const struct dnssec_set *ds, const struct dnssec_set *keys)
{
	for (size_t i = 0; i < ds->n; i++)
		for (size_t j = 0; j < keys->n; j++)
			if (ds->k[i].tag == keys->k[j].tag &&
			    ds->k[i].alg == keys->k[j].alg)
				return true;
	return false;
}
