/*
 * dnssec: the DS records a parent publishes for a zone and the DNSKEY
 * records the zone's servers give, each reduced to what matters for the
 * most common breakage after a move to another DNS provider: whether a DS
 * still points at a key the zone has (key tag and algorithm, RFC 4034).
 * Pure: packets in, small sets out.
 */
#ifndef NSCHECK_DNSSEC_H
#define NSCHECK_DNSSEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DNSSEC_KEYS_MAX 8

struct dnssec_key {
	uint16_t tag;
	uint8_t alg;
};

struct dnssec_set {
	struct dnssec_key k[DNSSEC_KEYS_MAX];  /* beyond the max: left out */
	size_t n;
};

/* The DS records of name (presentation form) in the answer section. 0,
 * or -1 when the packet or a record is malformed. */
int dnssec_ds_set(const unsigned char *pkt, size_t len, const char *name,
		  struct dnssec_set *out);

/* The same for the zone keys (DNSKEY with the Zone Key flag) of name. */
int dnssec_dnskey_set(const unsigned char *pkt, size_t len, const char *name,
		      struct dnssec_set *out);

/* RFC 4034 Appendix B: the key tag of a DNSKEY's data. */
uint16_t dnssec_key_tag(const unsigned char *rdata, size_t rdlen);

/* Some DS of ds names a key of keys (same tag and algorithm). */
bool dnssec_match(const struct dnssec_set *ds, const struct dnssec_set *keys);

#endif
