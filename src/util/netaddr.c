/*
 * netaddr: special-purpose address ranges (see netaddr.h). The tables are
 * the IANA IPv4 and IPv6 Special-Purpose Address Registries
 * (iana-ipv4-special-registry, iana-ipv6-special-registry; RFC 6890) as
 * they stood in 2025, row by row in the registries' own order, plus
 * multicast from the address space registries. An address takes the row
 * with the longest prefix that holds it, whatever the order: the
 * registries give more specific entries inside wider ones (2001:1::1/128
 * inside 2001::/23, 192.0.0.9/32 inside 192.0.0.0/24) and the more
 * specific one wins. Address text is written by hand, not by inet_ntop.
 */
#include "util/netaddr.h"

#include <arpa/inet.h>
#include <string.h>

#include "util/lang.h"

/*
 * The registries' "Globally Reachable" column. Every entry whose
 * Reserved-by-Protocol is True also says False here, so this one column
 * decides. NOT_STATED is N/A (6to4, Teredo) or the empty cell of an
 * entry that has been terminated (192.88.99.0/24, 2001:10::/28): the
 * registry promises no reachability, such addresses reach a host only
 * through relays, most of them gone (RFC 7526), and they carry an IPv4
 * address of any kind inside. nscheck treats them as not reachable.
 */
enum reach { REACHABLE, NOT_REACHABLE, NOT_STATED };

/* A block in binary, written from its text by N4 and N6 (the text in
 * the comment beside each row): the table is read on every check of an
 * address, cached pages included. */
struct block {
	unsigned char addr[16];
	unsigned bits;
};

#define N4(a, b, c, d, bits) { { a, b, c, d }, bits }
#define G(x) (unsigned char)((x) >> 8), (unsigned char)((x) & 0xFF)
#define N6(a, b, c, d, e, f, g, h, bits) \
	{ { G(a), G(b), G(c), G(d), G(e), G(f), G(g), G(h) }, bits }

struct row {
	struct block block; /* the registry's Address Block */
	const char *name;  /* its Name */
	const char *rfc;   /* its RFC column */
	enum reach reach;
	const char *what;  /* for people; NULL when REACHABLE */
};

static const struct row v4[] = {
	/* 0.0.0.0/8 */
	{ N4(0, 0, 0, 0, 8), "\"This network\"", "RFC 791", NOT_REACHABLE,
	  N_("\"this network\" (RFC 791)") },
	/* 0.0.0.0/32 */
	{ N4(0, 0, 0, 0, 32), "\"This host on this network\"", "RFC 1122",
	  NOT_REACHABLE, N_("\"this host on this network\" (RFC 1122)") },
	/* 10.0.0.0/8 */
	{ N4(10, 0, 0, 0, 8), "Private-Use", "RFC 1918", NOT_REACHABLE,
	  N_("private (RFC 1918)") },
	/* 100.64.0.0/10 */
	{ N4(100, 64, 0, 0, 10), "Shared Address Space", "RFC 6598",
	  NOT_REACHABLE, N_("shared address space (RFC 6598)") },
	/* 127.0.0.0/8 */
	{ N4(127, 0, 0, 0, 8), "Loopback", "RFC 1122", NOT_REACHABLE,
	  N_("loopback (RFC 1122)") },
	/* 169.254.0.0/16 */
	{ N4(169, 254, 0, 0, 16), "Link Local", "RFC 3927", NOT_REACHABLE,
	  N_("link-local (RFC 3927)") },
	/* 172.16.0.0/12 */
	{ N4(172, 16, 0, 0, 12), "Private-Use", "RFC 1918", NOT_REACHABLE,
	  N_("private (RFC 1918)") },
	/* 192.0.0.0/24 */
	{ N4(192, 0, 0, 0, 24), "IETF Protocol Assignments", "RFC 6890",
	  NOT_REACHABLE, N_("IETF protocol assignments (RFC 6890)") },
	/* 192.0.0.0/29 */
	{ N4(192, 0, 0, 0, 29), "IPv4 Service Continuity Prefix", "RFC 7335",
	  NOT_REACHABLE, N_("IPv4 service continuity prefix (RFC 7335)") },
	/* 192.0.0.8/32 */
	{ N4(192, 0, 0, 8, 32), "IPv4 dummy address", "RFC 7600", NOT_REACHABLE,
	  N_("IPv4 dummy (RFC 7600)") },
	/* 192.0.0.9/32 */
	{ N4(192, 0, 0, 9, 32), "Port Control Protocol Anycast", "RFC 7723",
	  REACHABLE, NULL },
	/* 192.0.0.10/32 */
	{ N4(192, 0, 0, 10, 32), "Traversal Using Relays around NAT Anycast",
	  "RFC 8155", REACHABLE, NULL },
	/* one registry entry for both addresses */
	/* 192.0.0.170/32 */
	{ N4(192, 0, 0, 170, 32), "NAT64/DNS64 Discovery", "RFC 8880, RFC 7050",
	  NOT_REACHABLE, N_("NAT64/DNS64 discovery (RFC 8880)") },
	/* 192.0.0.171/32 */
	{ N4(192, 0, 0, 171, 32), "NAT64/DNS64 Discovery", "RFC 8880, RFC 7050",
	  NOT_REACHABLE, N_("NAT64/DNS64 discovery (RFC 8880)") },
	/* 192.0.2.0/24 */
	{ N4(192, 0, 2, 0, 24), "Documentation (TEST-NET-1)", "RFC 5737",
	  NOT_REACHABLE, N_("documentation (TEST-NET-1, RFC 5737)") },
	/* 192.31.196.0/24 */
	{ N4(192, 31, 196, 0, 24), "AS112-v4", "RFC 7535", REACHABLE, NULL },
	/* 192.52.193.0/24 */
	{ N4(192, 52, 193, 0, 24), "AMT", "RFC 7450", REACHABLE, NULL },
	/* 192.88.99.0/24 */
	{ N4(192, 88, 99, 0, 24), "Deprecated (6to4 Relay Anycast)", "RFC 7526",
	  NOT_STATED, N_("deprecated 6to4 relay anycast (RFC 7526)") },
	/* 192.88.99.2/32 */
	{ N4(192, 88, 99, 2, 32), "6a44-relay anycast address", "RFC 6751",
	  NOT_REACHABLE, N_("6a44 relay anycast (RFC 6751)") },
	/* 192.168.0.0/16 */
	{ N4(192, 168, 0, 0, 16), "Private-Use", "RFC 1918", NOT_REACHABLE,
	  N_("private (RFC 1918)") },
	/* 192.175.48.0/24 */
	{ N4(192, 175, 48, 0, 24), "Direct Delegation AS112 Service",
	  "RFC 7534", REACHABLE, NULL },
	/* 198.18.0.0/15 */
	{ N4(198, 18, 0, 0, 15), "Benchmarking", "RFC 2544", NOT_REACHABLE,
	  N_("benchmarking (RFC 2544)") },
	/* 198.51.100.0/24 */
	{ N4(198, 51, 100, 0, 24), "Documentation (TEST-NET-2)", "RFC 5737",
	  NOT_REACHABLE, N_("documentation (TEST-NET-2, RFC 5737)") },
	/* 203.0.113.0/24 */
	{ N4(203, 0, 113, 0, 24), "Documentation (TEST-NET-3)", "RFC 5737",
	  NOT_REACHABLE, N_("documentation (TEST-NET-3, RFC 5737)") },
	/* 240.0.0.0/4 */
	{ N4(240, 0, 0, 0, 4), "Reserved", "RFC 1112", NOT_REACHABLE,
	  N_("reserved (RFC 1112)") },
	/* 255.255.255.255/32 */
	{ N4(255, 255, 255, 255, 32), "Limited Broadcast", "RFC 8190, RFC 919",
	  NOT_REACHABLE, N_("limited broadcast (RFC 919)") },
	/* Not in the special-purpose registry (IANA IPv4 Address Space,
	 * "Multicast"): a group address is never a name server. */
	/* 224.0.0.0/4 */
	{ N4(224, 0, 0, 0, 4), "Multicast", "RFC 5771", NOT_REACHABLE,
	  N_("multicast (RFC 5771)") },
};

static const struct row v6[] = {
	/* ::1/128 */
	{ N6(0, 0, 0, 0, 0, 0, 0, 0x1, 128), "Loopback Address", "RFC 4291",
	  NOT_REACHABLE, N_("loopback (RFC 4291)") },
	/* ::/128 */
	{ N6(0, 0, 0, 0, 0, 0, 0, 0, 128), "Unspecified Address", "RFC 4291",
	  NOT_REACHABLE, N_("unspecified (RFC 4291)") },
	/* ::ffff:0:0/96 */
	{ N6(0, 0, 0, 0, 0, 0xffff, 0, 0, 96), "IPv4-mapped Address",
	  "RFC 4291", NOT_REACHABLE, N_("IPv4-mapped (RFC 4291)") },
	/* 64:ff9b::/96 */
	{ N6(0x64, 0xff9b, 0, 0, 0, 0, 0, 0, 96), "IPv4-IPv6 Translat.",
	  "RFC 6052", REACHABLE, NULL },
	/* 64:ff9b:1::/48 */
	{ N6(0x64, 0xff9b, 0x1, 0, 0, 0, 0, 0, 48), "IPv4-IPv6 Translat.",
	  "RFC 8215", NOT_REACHABLE,
	  N_("local-use IPv4/IPv6 translation (RFC 8215)") },
	/* 100::/64 */
	{ N6(0x100, 0, 0, 0, 0, 0, 0, 0, 64), "Discard-Only Address Block",
	  "RFC 6666", NOT_REACHABLE, N_("discard-only (RFC 6666)") },
	/* 100:0:0:1::/64 */
	{ N6(0x100, 0, 0, 0x1, 0, 0, 0, 0, 64), "Dummy IPv6 Prefix", "RFC 9780",
	  NOT_REACHABLE, N_("IPv6 dummy prefix (RFC 9780)") },
	/* 2001::/23 */
	{ N6(0x2001, 0, 0, 0, 0, 0, 0, 0, 23), "IETF Protocol Assignments",
	  "RFC 2928", NOT_REACHABLE, N_("IETF protocol assignments (RFC 2928)") },
	/* 2001::/32 */
	{ N6(0x2001, 0, 0, 0, 0, 0, 0, 0, 32), "TEREDO", "RFC 4380, RFC 8190",
	  NOT_STATED, N_("Teredo (RFC 4380)") },
	/* 2001:1::1/128 */
	{ N6(0x2001, 0x1, 0, 0, 0, 0, 0, 0x1, 128),
	  "Port Control Protocol Anycast", "RFC 7723", REACHABLE, NULL },
	/* 2001:1::2/128 */
	{ N6(0x2001, 0x1, 0, 0, 0, 0, 0, 0x2, 128),
	  "Traversal Using Relays around NAT Anycast", "RFC 8155", REACHABLE,
	  NULL },
	/* 2001:1::3/128 */
	{ N6(0x2001, 0x1, 0, 0, 0, 0, 0, 0x3, 128),
	  "DNS-SD Service Registration Protocol Anycast", "RFC 9665", REACHABLE,
	  NULL },
	/* 2001:2::/48 */
	{ N6(0x2001, 0x2, 0, 0, 0, 0, 0, 0, 48), "Benchmarking",
	  "RFC 5180, RFC Errata 1752", NOT_REACHABLE,
	  N_("benchmarking (RFC 5180)") },
	/* 2001:3::/32 */
	{ N6(0x2001, 0x3, 0, 0, 0, 0, 0, 0, 32), "AMT", "RFC 7450", REACHABLE,
	  NULL },
	/* 2001:4:112::/48 */
	{ N6(0x2001, 0x4, 0x112, 0, 0, 0, 0, 0, 48), "AS112-v6", "RFC 7535",
	  REACHABLE, NULL },
	/* 2001:10::/28 */
	{ N6(0x2001, 0x10, 0, 0, 0, 0, 0, 0, 28),
	  "Deprecated (previously ORCHID)", "RFC 4843", NOT_STATED,
	  N_("deprecated ORCHID (RFC 4843)") },
	/* 2001:20::/28 */
	{ N6(0x2001, 0x20, 0, 0, 0, 0, 0, 0, 28), "ORCHIDv2", "RFC 7343",
	  REACHABLE, NULL },
	/* 2001:30::/28 */
	{ N6(0x2001, 0x30, 0, 0, 0, 0, 0, 0, 28),
	  "Drone Remote ID Protocol Entity Tags (DETs) Prefix", "RFC 9374",
	  REACHABLE, NULL },
	/* 2001:db8::/32 */
	{ N6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0, 32), "Documentation", "RFC 3849",
	  NOT_REACHABLE, N_("documentation (RFC 3849)") },
	/* 2002::/16 */
	{ N6(0x2002, 0, 0, 0, 0, 0, 0, 0, 16), "6to4", "RFC 3056", NOT_STATED,
	  N_("6to4 (RFC 3056)") },
	/* 2620:4f:8000::/48 */
	{ N6(0x2620, 0x4f, 0x8000, 0, 0, 0, 0, 0, 48),
	  "Direct Delegation AS112 Service", "RFC 7534", REACHABLE, NULL },
	/* 3fff::/20 */
	{ N6(0x3fff, 0, 0, 0, 0, 0, 0, 0, 20), "Documentation", "RFC 9637",
	  NOT_REACHABLE, N_("documentation (RFC 9637)") },
	/* 5f00::/16 */
	{ N6(0x5f00, 0, 0, 0, 0, 0, 0, 0, 16), "Segment Routing (SRv6) SIDs",
	  "RFC 9602", NOT_REACHABLE, N_("SRv6 segment identifiers (RFC 9602)") },
	/* fc00::/7 */
	{ N6(0xfc00, 0, 0, 0, 0, 0, 0, 0, 7), "Unique-Local",
	  "RFC 4193, RFC 8190", NOT_REACHABLE, N_("unique local (RFC 4193)") },
	/* fe80::/10 */
	{ N6(0xfe80, 0, 0, 0, 0, 0, 0, 0, 10), "Link-Local Unicast", "RFC 4291",
	  NOT_REACHABLE, N_("link-local (RFC 4291)") },
	/* Not in the special-purpose registry (IANA IPv6 Address Space,
	 * "Multicast"); outside 2000::/3 anyway, but named for people. */
	/* ff00::/8 */
	{ N6(0xff00, 0, 0, 0, 0, 0, 0, 0, 8), "Multicast", "RFC 4291",
	  NOT_REACHABLE, N_("multicast (RFC 4291)") },
};

static bool in_prefix(const unsigned char *a, const unsigned char *prefix,
		      unsigned bits)
{
	unsigned full = bits / 8, rest = bits % 8;

	if (memcmp(a, prefix, full) != 0)
		return false;
	if (rest == 0)
		return true;
	unsigned char mask = (unsigned char)(0xFF << (8 - rest));
	return (a[full] & mask) == (prefix[full] & mask);
}

bool netaddr_same_net(const unsigned char *a, const unsigned char *b, bool is_v6)
{
	return memcmp(a, b, is_v6 ? 6 : 3) == 0;
}

static bool bits_ok(const unsigned char *a, unsigned bits, unsigned total)
{
	for (unsigned i = bits; i < total; i++)
		if (a[i / 8] & (0x80 >> (i % 8)))
			return false;
	return true;
}

int netaddr_parse(const char *s, size_t n, bool prefix_ok,
		  struct netprefix *out)
{
	char text[64];
	const char *slash = memchr(s, '/', n);
	size_t alen = slash ? (size_t)(slash - s) : n;
	unsigned long bits = 0;

	/* a NUL would end the text early: "192.0.2.1\0junk" is not an address */
	if (alen == 0 || alen >= sizeof text || (slash && !prefix_ok) ||
	    memchr(s, '\0', n))
		return -1;
	memcpy(text, s, alen);
	text[alen] = '\0';
	memset(out, 0, sizeof *out);
	if (inet_pton(AF_INET, text, out->addr) == 1) {
		out->v6 = false;
	} else if (inet_pton(AF_INET6, text, out->addr) == 1) {
		out->v6 = true;
	} else {
		return -1;
	}
	unsigned total = out->v6 ? 128 : 32;
	if (slash) {
		size_t digits = n - alen - 1;
		if (digits == 0 || digits > 3)
			return -1;
		for (size_t i = 0; i < digits; i++) {
			unsigned d = (unsigned)(slash[1 + i] - '0');
			if (d > 9)
				return -1;
			bits = bits * 10 + d;
		}
		if (bits > total || !bits_ok(out->addr, (unsigned)bits, total))
			return -1;
	} else {
		bits = total;
	}
	static const unsigned char mapped[12] = { [10] = 0xff, [11] = 0xff };
	if (out->v6 && bits >= 96 &&
	    memcmp(out->addr, mapped, 12) == 0) {
		memmove(out->addr, out->addr + 12, 4);
		memset(out->addr + 4, 0, 12);
		out->v6 = false;
		bits -= 96;
	}
	out->bits = (unsigned char)bits;
	return 0;
}

bool netaddr_in(const struct netprefix *p, const unsigned char *addr,
		bool is_v6)
{
	return p->v6 == is_v6 && in_prefix(addr, p->addr, p->bits);
}

bool netaddr_nat64(const unsigned char *addr)
{
	static const unsigned char wkp[12] = { 0, 0x64, 0xff, 0x9b };

	return memcmp(addr, wkp, sizeof wkp) == 0;
}

const char *netaddr_special(const unsigned char *addr, bool is_v6)
{
	const struct row *t = is_v6 ? v6 : v4;
	size_t n = is_v6 ? sizeof v6 / sizeof v6[0] : sizeof v4 / sizeof v4[0];
	const struct row *best = NULL;
	unsigned best_bits = 0;

	for (size_t i = 0; i < n; i++) {
		const struct block *b = &t[i].block;
		if (in_prefix(addr, b->addr, b->bits) &&
		    (!best || b->bits > best_bits)) {
			best = &t[i];
			best_bits = b->bits;
		}
	}
	/* RFC 6052 3.1: the well-known NAT64 prefix carries only global IPv4
	 * addresses; a translator would take 64:ff9b::10.0.0.1 to a host of
	 * the operator's own network */
	if (is_v6 && netaddr_nat64(addr) && netaddr_special(addr + 12, false))
		return "NAT64 of a special-purpose IPv4 address (RFC 6052)";
	if (best)
		return best->reach == REACHABLE ? NULL : best->what;
	/* IANA hands out global unicast from 2000::/3 only (IPv6 Address
	 * Space registry); the rest is reserved unless a row above says
	 * otherwise (64:ff9b::/96 is reachable, 5f00::/16 is not). */
	if (is_v6 && (addr[0] & 0xE0) != 0x20)
		return "not global unicast (outside 2000::/3)";
	return NULL;
}

static char *put_dec(char *p, unsigned v)
{
	if (v >= 100)
		*p++ = (char)('0' + v / 100);
	if (v >= 10)
		*p++ = (char)('0' + v / 10 % 10);
	*p++ = (char)('0' + v % 10);
	return p;
}

static char *put_quad(char *p, const unsigned char *a)
{
	for (int i = 0; i < 4; i++) {
		if (i)
			*p++ = '.';
		p = put_dec(p, a[i]);
	}
	return p;
}

static char *put_hex(char *p, unsigned v)
{
	static const char hex[] = "0123456789abcdef";
	bool started = false;

	for (int shift = 12; shift >= 0; shift -= 4) {
		unsigned d = (v >> shift) & 15;
		if (d || started || shift == 0) {
			*p++ = hex[d];
			started = true;
		}
	}
	return p;
}

/*
 * RFC 5952 text, as inet_ntop() writes it (same output, checked in the
 * unit tests) but without its sprintf calls: this runs for every address
 * of every page.
 */
static char *put_ipv6(char *p, const unsigned char *a)
{
	unsigned w[8];
	int best = -1, best_len = 0;

	for (int i = 0; i < 8; i++)
		w[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
	for (int i = 0; i < 8;) {
		int j = i;
		while (j < 8 && w[j] == 0)
			j++;
		if (j - i > best_len && j - i >= 2) {
			best = i;
			best_len = j - i;
		}
		i = j > i ? j : i + 1;
	}
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			*p++ = ':';
			if (i == 0)
				*p++ = ':';
			i += best_len - 1;
			continue;
		}
		/* an IPv4-compatible or -mapped address ends in a dotted quad */
		if (i == 6 && best == 0 &&
		    (best_len == 6 || (best_len == 5 && w[5] == 0xffff)))
			return put_quad(p, a + 12);
		p = put_hex(p, w[i]);
		if (i < 7)
			*p++ = ':';
	}
	return p;
}

void netaddr_format(const unsigned char *addr, bool is_v6, char *out,
		    size_t outlen)
{
	char text[64]; /* longer than any address text */
	char *end = is_v6 ? put_ipv6(text, addr) : put_quad(text, addr);
	size_t n = (size_t)(end - text);

	if (n >= outlen)
		n = 0;
	memcpy(out, text, n);
	out[n] = '\0';
}
