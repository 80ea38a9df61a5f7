/*
 * dissect: a reply for people (see dissect.h).
 */
#include "dns/dissect.h"

#include <string.h>
#include <udns.h>

#include "util/arena.h"
#include "util/buf.h"
#include "dns/dnsmsg.h"
#include "dns/rdata.h"

/* Smallest record: root owner (1), type, class, TTL, RDLENGTH (10). */
#define RR_MIN 11

struct fill {
	struct arena *a;
	struct dissect *out;
	size_t cap;
	struct buf text;
};

static const char *keep(struct fill *f)
{
	const char *copy = arena_strdup(f->a, buf_str(&f->text));

	if (buf_failed(&f->text) || !copy)
		f->out->damage = "out of memory: some text is missing";
	buf_reset(&f->text);
	return copy ? copy : "";
}

static void on_rr(const struct dnsmsg_rr *rr, const unsigned char *pkt,
		  size_t len, void *ctx)
{
	struct fill *f = ctx;
	struct dissect *d = f->out;

	if (rr->type == DNS_T_OPT && rr->section == DNSMSG_ADDITIONAL &&
	    !d->edns) {
		/* RFC 6891 §6.1.3: the class is the UDP size, the TTL holds
		 * the rcode's upper bits, the version and the DO bit */
		d->edns = true;
		d->udp_size = (unsigned)rr->cls;
		d->rcode |= (int)(rr->raw_ttl >> 24) << 4;
		d->edns_version = rr->raw_ttl >> 16 & 0xFF;
		d->dnssec_ok = rr->raw_ttl & 0x8000;
		/* only whole options count (RFC 6891 §6.1.2) */
		for (size_t at = 0; at + 4 <= rr->rdlen; d->edns_options++) {
			at += 4 + dns_get16(rr->rdata + at + 2);
			if (at > rr->rdlen)
				break;
		}
		return;
	}
	if (!d->rr || d->n_rr >= f->cap)
		return;
	struct dissect_rr *o = &d->rr[d->n_rr++];
	o->section = rr->section;
	o->ttl = rr->raw_ttl;
	rdata_name(&f->text, rr->owner);
	o->owner = keep(f);
	rdata_class(&f->text, rr->cls);
	o->cls = keep(f);
	rdata_type(&f->text, rr->type);
	o->type = keep(f);
	rdata_text(&f->text, pkt, len, rr);
	o->data = keep(f);
}

static void header(struct fill *f, const unsigned char *pkt)
{
	static const struct { int byte; unsigned bit; const char *name; } bits[] = {
		{ 2, 0x80, "qr" }, { 2, 0x04, "aa" }, { 2, 0x02, "tc" },
		{ 2, 0x01, "rd" }, { 3, 0x80, "ra" }, { 3, 0x40, "z" },
		{ 3, 0x20, "ad" }, { 3, 0x10, "cd" },
	};
	struct dissect *d = f->out;

	d->id = dns_qid(pkt);
	d->opcode = pkt[2] >> 3 & 15;
	d->rcode = pkt[3] & 15;
	for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++)
		if (pkt[bits[i].byte] & bits[i].bit) {
			if (f->text.len)
				buf_putc(&f->text, ' ');
			buf_puts(&f->text, bits[i].name);
		}
	d->flags = keep(f);
	d->count[0] = dns_numqd(pkt);
	d->count[1] = dns_numan(pkt);
	d->count[2] = dns_numns(pkt);
	d->count[3] = dns_numar(pkt);
}

static void question(struct fill *f, const unsigned char *pkt, size_t len)
{
	dnsc_t dn[DNS_MAXDN];
	dnscc_t *cur = dns_payload(pkt), *end = pkt + len;

	if (!dns_numqd(pkt))
		return;
	if (dns_getdn(pkt, &cur, end, dn, sizeof dn) <= 0 || end - cur < 4) {
		f->out->damage = "the question is cut short or malformed";
		return;
	}
	rdata_name(&f->text, dn);
	f->out->qname = keep(f);
	rdata_type(&f->text, dns_get16(cur));
	f->out->qtype = keep(f);
}

int dissect_message(struct arena *a, const unsigned char *pkt, size_t len,
		    struct dissect *out)
{
	struct fill f = { .a = a, .out = out };

	memset(out, 0, sizeof *out);
	if (len < DNS_HSIZE) {
		out->damage = "shorter than a DNS header";
		return -1;
	}
	/* the longest text one record of a 64 KiB packet can make: a TXT
	 * string of odd bytes, four characters each */
	buf_init(&f.text, 4 * 65536 + 64);
	header(&f, pkt);
	question(&f, pkt, len);
	/* never more records than the bytes could hold */
	size_t claimed = (size_t)out->count[1] + out->count[2] + out->count[3];
	f.cap = claimed < len / RR_MIN ? claimed : len / RR_MIN;
	out->rr = arena_array(a, f.cap ? f.cap : 1, sizeof *out->rr);
	if (!out->damage && dnsmsg_each_rr(pkt, len, on_rr, &f) < 0)
		out->damage = "a record is cut short or malformed; the records "
			      "before it are shown";
	buf_free(&f.text);
	return 0;
}

void dissect_rcode(struct buf *out, int rcode)
{
	if (rcode >= 0 && rcode <= 10)
		buf_puts(out, dnsmsg_rcode_name(rcode));
	else if (rcode == 16)
		buf_puts(out, "BADVERS");
	else {
		buf_puts(out, "RCODE");
		buf_uint(out, (unsigned)rcode);
	}
}

const char *dissect_section_id(enum dnsmsg_section s)
{
	switch (s) {
	case DNSMSG_ANSWER: return "answer";
	case DNSMSG_AUTHORITY: return "authority";
	case DNSMSG_ADDITIONAL: return "additional";
	}
	return "unknown";
}
