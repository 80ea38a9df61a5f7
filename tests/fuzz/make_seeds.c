/*
 * Writes starting inputs for the fuzz targets into DIR/{input,dns,render}:
 * a few query strings and names, a few DNS replies (referral, answer with
 * compression, NXDOMAIN with SOA, CNAME chain), and encoded results and
 * reports as the cache holds them, some with hostile names. libFuzzer
 * mutates from there; valid encodings are hard to find from nothing.
 *
 *     make_seeds DIR
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "cache/codec.h"
#include "dns/dnsmsg.h"
#include "report/drill.h"
#include "report/report.h"
#include "report/result.h"

static const char *dir;

static void put(const char *target, const char *name, const void *data,
		size_t len)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/%s/%s", dir, target, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len) {
		perror(path);
		exit(1);
	}
	fclose(f);
}

static void inputs(void)
{
	static const char *const q[] = {
		"domain=example.com", "domain=B%C3%BCcher.example&format=json",
		"domain=https%3A%2F%2Fwww.example.com%2Fpath&format=text",
		"domain=hostmaster%40example.org", "domain=a..b", "format=fragment",
		"domain=%3Cscript%3E.example", "domain=xn--bcher-kva.example.",
		/* the UTS #46 rules: Bidi across labels, joiners, STD3 */
		"domain=0%C3%A0.%D7%90", "domain=xn--0ca.xn--0-zhcb98c",
		"domain=%D8%A8%E2%80%8C%D8%A8.example",
		"domain=%E0%A4%95%E0%A5%8D%E2%80%8D%E0%A4%B7.example",
		"domain=a%E2%89%A0b.example", "domain=a.bc--de.f",
		"text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
	};
	char name[16];

	for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
		snprintf(name, sizeof name, "q%zu", i);
		put("input", name, q[i], strlen(q[i]));
	}
}

/* ---- DNS replies, byte by byte ---- */

struct pkt {
	unsigned char b[1024];
	size_t n;
};

static void u8(struct pkt *p, unsigned v) { p->b[p->n++] = (unsigned char)v; }
static void u16(struct pkt *p, unsigned v) { u8(p, v >> 8); u8(p, v & 0xFF); }
static void u32(struct pkt *p, uint32_t v) { u16(p, v >> 16); u16(p, v & 0xFFFF); }

static void name(struct pkt *p, const char *dotted)
{
	while (*dotted) {
		size_t len = strcspn(dotted, ".");
		u8(p, (unsigned)len);
		memcpy(p->b + p->n, dotted, len);
		p->n += len;
		dotted += len + (dotted[len] == '.');
	}
	u8(p, 0);
}

static void header(struct pkt *p, unsigned flags, unsigned rcode, unsigned an,
		   unsigned ns, unsigned ar)
{
	p->n = 0;
	u16(p, 0x1234);
	u8(p, 0x80 | flags);
	u8(p, rcode);
	u16(p, 1);
	u16(p, an);
	u16(p, ns);
	u16(p, ar);
	name(p, "example.com");
	u16(p, DNS_T_NS);
	u16(p, DNS_C_IN);
}

static void rr_ns(struct pkt *p, const char *target)
{
	u16(p, 0xC00C); /* the question's name */
	u16(p, DNS_T_NS);
	u16(p, DNS_C_IN);
	u32(p, 3600);
	size_t at = p->n;
	u16(p, 0);
	name(p, target);
	p->b[at] = (unsigned char)((p->n - at - 2) >> 8);
	p->b[at + 1] = (unsigned char)((p->n - at - 2) & 0xFF);
}

static void dns(void)
{
	struct pkt p;

	header(&p, 0x04, 0, 2, 0, 0); /* authoritative answer */
	rr_ns(&p, "ns1.example.com");
	rr_ns(&p, "ns2.example.net");
	put("dns", "answer", p.b, p.n);

	header(&p, 0, 0, 0, 2, 1); /* referral with glue */
	rr_ns(&p, "a.gtld.example");
	rr_ns(&p, "b.gtld.example");
	name(&p, "a.gtld.example");
	u16(&p, DNS_T_A);
	u16(&p, DNS_C_IN);
	u32(&p, 172800);
	u16(&p, 4);
	u32(&p, 0x0B350101);
	put("dns", "referral", p.b, p.n);

	header(&p, 0x04, DNS_R_NXDOMAIN, 0, 1, 0); /* NXDOMAIN with SOA */
	u16(&p, 0xC00C);
	u16(&p, DNS_T_SOA);
	u16(&p, DNS_C_IN);
	u32(&p, 900);
	size_t at = p.n;
	u16(&p, 0);
	name(&p, "ns.example.com");
	name(&p, "hostmaster.example.com");
	for (int i = 0; i < 5; i++)
		u32(&p, 2024010101u + (uint32_t)i);
	p.b[at + 1] = (unsigned char)(p.n - at - 2);
	put("dns", "nxdomain", p.b, p.n);

	header(&p, 0x04, 0, 1, 0, 0); /* a CNAME */
	u16(&p, 0xC00C);
	u16(&p, DNS_T_CNAME);
	u16(&p, DNS_C_IN);
	u32(&p, 300);
	at = p.n;
	u16(&p, 0);
	name(&p, "target.example.net");
	p.b[at + 1] = (unsigned char)(p.n - at - 2);
	put("dns", "cname", p.b, p.n);
}

/* ---- cache entries ---- */

static void render_seeds(void)
{
	static unsigned char v4[2][16] = { { 11, 53, 1, 1 }, { 11, 53, 2, 1 } };
	static unsigned char v6[1][16] = { { 0x26, 0, 0, 0x53, 0, 1 } };
	struct ns_server servers[2] = {
		{ .name = "ns1.example.net", .ttl = 3600,
		  .v4 = { ADDR_FOUND, 1, v4, 3600 },
		  .v6 = { ADDR_FOUND, 1, v6, 3600 } },
		{ .name = "x\"><img src=x onerror=1>.example.org", .ttl = 86400,
		  .v4 = { ADDR_FOUND, 1, v4 + 1, 60 },
		  .v6 = { ADDR_NONE } },
	};
	struct ns_result r = {
		.status = LOOKUP_FOUND, .qname = "example.com",
		.owner = "example.com", .resolver = "127.0.0.1",
		.elapsed_ms = 12, .n_ns = 2, .ns = servers,
	};
	const char *set[2] = { "ns1.example.net", "x\"><img src=x onerror=1>.example.org" };
	struct report_ask asks[2] = {
		{ .server = set[0], .state = ASK_ANSWERED, .aa = true,
		  .ns = set, .n_ns = 2, .ns_ttl = 3600, .has_soa = true,
		  .serial = 7, .rtt_us = 800 },
		{ .server = set[1], .v6 = true, .state = ASK_SKIPPED,
		  .skipped_why = "<private>" },
	};
	memcpy(asks[0].addr, v4[0], 16);
	memcpy(asks[1].addr, v6[0], 16);
	asks[0].keys = KEYS_NO_ANSWER;
	/* the zone's answers about its in-domain names, one hostile */
	struct report_host hosts[2] = {
		{ set[0], HOST_FOUND, HOST_NXDOMAIN },
		{ set[1], HOST_NODATA, HOST_NOT_ASKED },
	};
	struct report_addr host_addrs[1] = { { .name = set[0] } };
	memcpy(host_addrs[0].addr, v4[0], 16);
	struct report rep = {
		.status = REPORT_DONE, .parent_zone = "com", .deleg = set,
		.n_deleg = 2, .deleg_ttl = 172800, .child = set, .n_child = 2,
		.child_ttl = 3600, .parents = asks, .n_parents = 1,
		.servers = asks, .n_servers = 2, .provider = "Example <DNS>",
		.elapsed_us = 900, .queries = 6, .hosts = hosts, .n_hosts = 2,
		.host_addrs = host_addrs, .n_host_addrs = 1,
	};
	struct buf res, rb, all;

	buf_init(&res, 1 << 16);
	buf_init(&rb, 1 << 16);
	buf_init(&all, 1 << 17);
	codec_encode(&r, &res);
	codec_encode_report(&rep, &rb);
	if (buf_failed(&res) || buf_failed(&rb)) {
		fprintf(stderr, "make_seeds: encoding failed\n");
		exit(1);
	}
	/* the harness's layout: two bytes of result length, result, report */
	buf_putc(&all, (char)(res.len >> 8));
	buf_putc(&all, (char)(res.len & 0xFF));
	buf_put(&all, res.data, res.len);
	put("render", "result-only", all.data, all.len);
	buf_put(&all, rb.data, rb.len);
	put("render", "result-and-report", all.data, all.len);
	/* the same result with one server's replies: an NS record whose
	 * name holds markup, and a TXT string that does */
	static const unsigned char reply[] = {
		0xBE, 0xEF, 0x84, 0x00, 0, 1, 0, 2, 0, 0, 0, 0,
		7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0, 0, 2, 0, 1,
		0xC0, 12, 0, 2, 0, 1, 0, 0, 14, 16, 0, 9,
		7, '<', 's', 'v', 'g', '/', '>', 'x', 0,
		0xC0, 12, 0, 16, 0, 1, 0, 0, 14, 16, 0, 9,
		8, '<', 's', 'c', 'r', 'i', 'p', 't', '>',
	};
	struct drill d = { .n = 2, .elapsed_us = 400 };
	d.answer[0] = (struct drill_answer){ .query = DRILL_NS,
		.outcome = PROBE_ANSWERED, .rtt_us = 120, .pkt = reply,
		.len = sizeof reply };
	d.answer[1] = (struct drill_answer){ .query = DRILL_SOA_TCP,
		.outcome = PROBE_REFUSED, .tcp = true };
	buf_reset(&rb);
	codec_encode_drill(&d, &rb);
	buf_cut(&all, 2 + res.len);
	buf_put(&all, rb.data, rb.len);
	put("render", "result-and-drill", all.data, all.len);
	buf_free(&res);
	buf_free(&rb);
	buf_free(&all);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: make_seeds DIR\n");
		return 2;
	}
	dir = argv[1];
	inputs();
	dns();
	render_seeds();
	return 0;
}
