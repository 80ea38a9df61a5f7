/*
 * rdata: records in zone-file form (see rdata.h).
 *
 * Each type's writer reads its fields through a bounded reader; when a
 * field is missing, or bytes are left over, what it wrote is taken back
 * and the record is written in the generic form instead.
 */
#include "dns/rdata.h"

#include <arpa/inet.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include <udns.h>

#include "util/buf.h"
#include "dns/dnsmsg.h"
#include "dns/dnssec.h"

/* types udns has no constant for */
enum { T_TLSA = 52, T_CDS = 59, T_CDNSKEY = 60, T_SVCB = 64, T_HTTPS = 65,
       T_CAA = 257 };

struct names { int code; const char *name; };

static const struct names types[] = {
	{ 1, "A" }, { 2, "NS" }, { 5, "CNAME" }, { 6, "SOA" }, { 12, "PTR" },
	{ 13, "HINFO" }, { 15, "MX" }, { 16, "TXT" }, { 28, "AAAA" },
	{ 33, "SRV" }, { 39, "DNAME" }, { 41, "OPT" }, { 43, "DS" },
	{ 46, "RRSIG" }, { 47, "NSEC" }, { 48, "DNSKEY" }, { 50, "NSEC3" },
	{ 51, "NSEC3PARAM" }, { T_TLSA, "TLSA" }, { T_CDS, "CDS" },
	{ T_CDNSKEY, "CDNSKEY" }, { T_SVCB, "SVCB" }, { T_HTTPS, "HTTPS" },
	{ 99, "SPF" }, { T_CAA, "CAA" },
};

void rdata_type(struct buf *out, int type)
{
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (types[i].code == type) {
			buf_puts(out, types[i].name);
			return;
		}
	buf_puts(out, "TYPE");
	buf_uint(out, (unsigned)type);
}

void rdata_class(struct buf *out, int cls)
{
	if (cls == 1)
		buf_puts(out, "IN");
	else if (cls == 3)
		buf_puts(out, "CH");
	else if (cls == 4)
		buf_puts(out, "HS");
	else {
		buf_puts(out, "CLASS");
		buf_uint(out, (unsigned)cls);
	}
}

void rdata_base64(struct buf *out, const unsigned char *p, size_t n)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "abcdefghijklmnopqrstuvwxyz0123456789+/";

	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		buf_putc(out, abc[v >> 18 & 63]);
		buf_putc(out, abc[v >> 12 & 63]);
		buf_putc(out, i + 1 < n ? abc[v >> 6 & 63] : '=');
		buf_putc(out, i + 2 < n ? abc[v & 63] : '=');
	}
}

/* RFC 4648 §7, without padding (RFC 5155 §3.3): NSEC3's hashed names. */
static void base32hex(struct buf *out, const unsigned char *p, size_t n)
{
	static const char abc[] = "0123456789abcdefghijklmnopqrstuv";
	unsigned acc = 0, bits = 0;

	for (size_t i = 0; i < n; i++) {
		acc = (acc << 8 | p[i]) & 0xFFFF;
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			buf_putc(out, abc[acc >> bits & 31]);
		}
	}
	if (bits)
		buf_putc(out, abc[acc << (5 - bits) & 31]);
}

int rdata_name(struct buf *out, const unsigned char *dn)
{
	char text[DNS_MAXNAME];

	if (dn[0] == 0) {
		buf_putc(out, '.');
		return 0;
	}
	if (dns_dntop(dn, text, sizeof text) <= 0)
		return -1;
	buf_puts(out, text);
	buf_putc(out, '.');
	return 0;
}

/* ---- reading the data ---- */

struct rd {
	const unsigned char *pkt, *pend; /* names may point anywhere before */
	const unsigned char *cur, *end;  /* this record's data */
	bool bad;
};

static bool has(struct rd *r, size_t n)
{
	if (r->bad || (size_t)(r->end - r->cur) < n)
		r->bad = true;
	return !r->bad;
}

static unsigned u8(struct rd *r)
{
	return has(r, 1) ? *r->cur++ : 0;
}

static unsigned u16(struct rd *r)
{
	if (!has(r, 2))
		return 0;
	unsigned v = dns_get16(r->cur);
	r->cur += 2;
	return v;
}

static uint32_t u32(struct rd *r)
{
	if (!has(r, 4))
		return 0;
	uint32_t v = dns_get32(r->cur);
	r->cur += 4;
	return v;
}

static void put_u8(struct buf *out, struct rd *r)
{
	buf_uint(out, u8(r));
}

static void put_u16(struct buf *out, struct rd *r)
{
	buf_uint(out, u16(r));
}

static void put_u32(struct buf *out, struct rd *r)
{
	buf_uint(out, u32(r));
}

/* A name; compressed only in the types of RFC 1035 (NS, CNAME, PTR,
 * SOA, MX): in the others a pointer breaks validators and resolvers,
 * so it makes the data unreadable as its type (RFC 3597 §4, RFC 4034
 * §3.1.7 and §4.1.1, RFC 2782, RFC 6672 §2.5). */
static void put_name(struct buf *out, struct rd *r, bool compressed_ok)
{
	dnsc_t dn[DNS_MAXDN];
	dnscc_t *c = r->cur;

	size_t n = r->bad ? 0 : (size_t)(r->end - r->cur), at = 0;
	while (!compressed_ok && !r->bad) {
		if (at >= n || r->cur[at] & 0xC0)
			r->bad = true;
		else if (r->cur[at] == 0)
			break;
		else
			at += 1 + (size_t)r->cur[at];
	}
	if (r->bad || dns_getdn(r->pkt, &c, r->pend, dn, sizeof dn) <= 0 ||
	    c > r->end) {
		r->bad = true;
		return;
	}
	r->cur = c;
	if (rdata_name(out, dn) < 0)
		r->bad = true;
}

/* Bytes in double quotes, with \" \\ and \DDD (RFC 1035 §5.1). */
static void put_quoted(struct buf *out, const unsigned char *p, size_t n)
{
	buf_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '"' || p[i] == '\\') {
			buf_putc(out, '\\');
			buf_putc(out, (char)p[i]);
		} else if (p[i] < 0x20 || p[i] > 0x7E) {
			buf_printf(out, "\\%03u", p[i]);
		} else {
			buf_putc(out, (char)p[i]);
		}
	}
	buf_putc(out, '"');
}

/* A <character-string> (RFC 1035 §3.3). */
static void put_string(struct buf *out, struct rd *r)
{
	unsigned n = u8(r);

	if (!has(r, n))
		return;
	put_quoted(out, r->cur, n);
	r->cur += n;
}

/* What is left of the data (a key, a digest, a signature). */
static size_t rest(struct rd *r, const unsigned char **p)
{
	*p = r->cur;
	size_t n = r->bad ? 0 : (size_t)(r->end - r->cur);
	r->cur = r->end;
	return n;
}

static void put_address(struct buf *out, struct rd *r, int af, size_t n)
{
	char text[INET6_ADDRSTRLEN];

	if (has(r, n) && inet_ntop(af, r->cur, text, sizeof text))
		buf_puts(out, text);
	r->cur += r->bad ? 0 : n;
}

/* RRSIG times, YYYYMMDDHHmmSS (RFC 4034 §3.2). */
static void put_time(struct buf *out, struct rd *r)
{
	time_t t = (time_t)u32(r);
	struct tm tm;

	if (!r->bad && gmtime_r(&t, &tm))
		buf_printf(out, "%04d%02d%02d%02d%02d%02d", tm.tm_year + 1900,
			   tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
			   tm.tm_sec);
}

/* NSEC and NSEC3 type bitmaps (RFC 4034 §4.1.2): the types, by name. */
static void put_types(struct buf *out, struct rd *r)
{
	while (!r->bad && r->cur < r->end) {
		unsigned window = u8(r), n = u8(r);
		if (n == 0 || n > 32 || !has(r, n)) {
			r->bad = true;
			return;
		}
		for (unsigned i = 0; i < n * 8; i++)
			if (r->cur[i / 8] & (0x80 >> (i % 8))) {
				buf_putc(out, ' ');
				rdata_type(out, (int)(window * 256 + i));
			}
		r->cur += n;
	}
}

static void put_salt(struct buf *out, struct rd *r)
{
	unsigned n = u8(r);

	if (!has(r, n))
		return;
	if (n == 0)
		buf_putc(out, '-');
	buf_hex(out, r->cur, n, true);
	r->cur += n;
}

/* ---- the types ---- */

static void soa(struct buf *out, struct rd *r)
{
	put_name(out, r, true);
	buf_putc(out, ' ');
	put_name(out, r, true);
	for (int i = 0; i < 5; i++) {
		buf_putc(out, ' ');
		put_u32(out, r);
	}
}

/* DS and DNSKEY alike: a 16-bit and two 8-bit fields, then data that
 * may not be empty (a digest, a key); its length, p at its start. */
static size_t key_fields(struct buf *out, struct rd *r, const unsigned char **p)
{
	put_u16(out, r);
	buf_putc(out, ' ');
	put_u8(out, r);
	buf_putc(out, ' ');
	put_u8(out, r);
	buf_putc(out, ' ');
	size_t n = rest(r, p);
	if (n == 0)
		r->bad = true;
	return n;
}

static void ds(struct buf *out, struct rd *r)
{
	const unsigned char *p;
	size_t n = key_fields(out, r, &p);

	buf_hex(out, p, n, true);
}

static void dnskey(struct buf *out, struct rd *r)
{
	const unsigned char *start = r->cur, *p;
	size_t n = key_fields(out, r, &p);

	rdata_base64(out, p, n);
	buf_puts(out, " ; key tag ");
	buf_uint(out, dnssec_key_tag(start, (size_t)(r->end - start)));
}

static void rrsig(struct buf *out, struct rd *r)
{
	const unsigned char *p;

	rdata_type(out, (int)u16(r));
	buf_putc(out, ' ');
	put_u8(out, r);        /* algorithm */
	buf_putc(out, ' ');
	put_u8(out, r);        /* labels */
	buf_putc(out, ' ');
	put_u32(out, r);       /* original TTL */
	buf_putc(out, ' ');
	put_time(out, r);      /* expiration */
	buf_putc(out, ' ');
	put_time(out, r);      /* inception */
	buf_putc(out, ' ');
	put_u16(out, r);       /* key tag */
	buf_putc(out, ' ');
	put_name(out, r, false);
	buf_putc(out, ' ');
	size_t n = rest(r, &p);
	rdata_base64(out, p, n);
}

static void nsec3(struct buf *out, struct rd *r, bool param)
{
	put_u8(out, r);        /* hash algorithm */
	buf_putc(out, ' ');
	put_u8(out, r);        /* flags */
	buf_putc(out, ' ');
	put_u16(out, r);       /* iterations */
	buf_putc(out, ' ');
	put_salt(out, r);
	if (param)
		return;
	buf_putc(out, ' ');
	unsigned n = u8(r);
	if (n == 0 || !has(r, n)) {
		r->bad = true;
		return;
	}
	base32hex(out, r->cur, n);
	r->cur += n;
	put_types(out, r);
}

static void caa(struct buf *out, struct rd *r)
{
	unsigned n;
	const unsigned char *p;

	put_u8(out, r);
	buf_putc(out, ' ');
	n = u8(r);
	if (n == 0 || !has(r, n)) {
		r->bad = true;
		return;
	}
	for (unsigned i = 0; i < n; i++) {
		if (!((r->cur[i] >= 'a' && r->cur[i] <= 'z') ||
		      (r->cur[i] >= 'A' && r->cur[i] <= 'Z') ||
		      (r->cur[i] >= '0' && r->cur[i] <= '9'))) {
			r->bad = true;
			return;
		}
		buf_putc(out, (char)r->cur[i]);
	}
	r->cur += n;
	/* the value is not a <character-string>: the rest, quoted */
	buf_putc(out, ' ');
	size_t len = rest(r, &p);
	put_quoted(out, p, len);
}

/* false: no form of its own here */
static bool typed(struct buf *out, struct rd *r, int type)
{
	switch (type) {
	case DNS_T_A: put_address(out, r, AF_INET, 4); break;
	case DNS_T_AAAA: put_address(out, r, AF_INET6, 16); break;
	case DNS_T_NS: case DNS_T_CNAME: case DNS_T_PTR:
		put_name(out, r, true);
		break;
	case DNS_T_DNAME:
		put_name(out, r, false);
		break;
	case DNS_T_SOA: soa(out, r); break;
	case DNS_T_MX:
		put_u16(out, r);
		buf_putc(out, ' ');
		put_name(out, r, true);
		break;
	case DNS_T_SRV:
		for (int i = 0; i < 3; i++) {
			put_u16(out, r);
			buf_putc(out, ' ');
		}
		put_name(out, r, false);
		break;
	case DNS_T_TXT: case DNS_T_SPF:
		if (r->cur == r->end)
			r->bad = true;
		for (bool first = true; !r->bad && r->cur < r->end; first = false) {
			if (!first)
				buf_putc(out, ' ');
			put_string(out, r);
		}
		break;
	case DNS_T_DS: case T_CDS: ds(out, r); break;
	case DNS_T_DNSKEY: case T_CDNSKEY: dnskey(out, r); break;
	case DNS_T_RRSIG: rrsig(out, r); break;
	case DNS_T_NSEC:
		put_name(out, r, false);
		put_types(out, r);
		break;
	case DNS_T_NSEC3: nsec3(out, r, false); break;
	case DNS_T_NSEC3PARAMS: nsec3(out, r, true); break;
	case T_CAA: caa(out, r); break;
	default:
		return false;
	}
	return true;
}

void rdata_text(struct buf *out, const unsigned char *pkt, size_t len,
		const struct dnsmsg_rr *rr)
{
	struct rd r = { .pkt = pkt, .pend = pkt + len, .cur = rr->rdata,
			.end = rr->rdata + rr->rdlen };
	size_t mark = out->len;

	if (typed(out, &r, rr->type) && !r.bad && r.cur == r.end)
		return;
	buf_cut(out, mark);
	buf_puts(out, "\\# ");
	buf_uint(out, rr->rdlen);
	if (rr->rdlen) {
		buf_putc(out, ' ');
		buf_hex(out, rr->rdata, rr->rdlen, true);
	}
}
