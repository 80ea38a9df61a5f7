/*
 * netaddr: special-purpose address ranges (see netaddr.h). The tables list
 * prefix, length and what people should read; a longer prefix that must
 * win over a shorter one comes first.
 */
#include "netaddr.h"

#include <arpa/inet.h>
#include <string.h>

struct range {
	unsigned char prefix[16];
	unsigned bits;
	const char *what;
};

static const struct range v4[] = {
	{ { 0 }, 8, "\"this network\" (0.0.0.0/8)" },
	{ { 10 }, 8, "private (RFC 1918)" },
	{ { 100, 64 }, 10, "shared address space (RFC 6598)" },
	{ { 127 }, 8, "loopback" },
	{ { 169, 254 }, 16, "link-local" },
	{ { 172, 16 }, 12, "private (RFC 1918)" },
	{ { 192, 0, 0 }, 24, "IETF protocol assignments" },
	{ { 192, 0, 2 }, 24, "documentation (TEST-NET-1)" },
	{ { 192, 88, 99 }, 24, "6to4 relay anycast" },
	{ { 192, 168 }, 16, "private (RFC 1918)" },
	{ { 198, 18 }, 15, "benchmarking" },
	{ { 198, 51, 100 }, 24, "documentation (TEST-NET-2)" },
	{ { 203, 0, 113 }, 24, "documentation (TEST-NET-3)" },
	{ { 224 }, 4, "multicast" },
	{ { 240 }, 4, "reserved" },
};

static const struct range v6[] = {
	{ { 0 }, 128, "unspecified (::)" },
	{ { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, 128, "loopback (::1)" },
	{ { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff }, 96, "IPv4-mapped" },
	{ { 0 }, 96, "IPv4-compatible (deprecated)" },
	{ { 0x01, 0 }, 64, "discard-only (RFC 6666)" },
	{ { 0x20, 0x01, 0x0d, 0xb8 }, 32, "documentation (2001:db8::/32)" },
	{ { 0x20, 0x01 }, 23, "IETF protocol assignments" },
	{ { 0x20, 0x02 }, 16, "6to4" },
	{ { 0x3f, 0xff, 0 }, 20, "documentation (3fff::/20)" },
	{ { 0xfc }, 7, "unique local (private)" },
	{ { 0xfe, 0x80 }, 10, "link-local" },
	{ { 0xfe, 0xc0 }, 10, "site-local (deprecated)" },
	{ { 0xff }, 8, "multicast" },
};

static bool in_range(const unsigned char *a, const struct range *r)
{
	unsigned full = r->bits / 8, rest = r->bits % 8;

	if (memcmp(a, r->prefix, full) != 0)
		return false;
	if (rest == 0)
		return true;
	unsigned char mask = (unsigned char)(0xFF << (8 - rest));
	return (a[full] & mask) == (r->prefix[full] & mask);
}

const char *netaddr_special(const unsigned char *addr, bool is_v6)
{
	const struct range *t = is_v6 ? v6 : v4;
	size_t n = is_v6 ? sizeof v6 / sizeof v6[0] : sizeof v4 / sizeof v4[0];

	for (size_t i = 0; i < n; i++)
		if (in_range(addr, &t[i]))
			return t[i].what;
	/* IPv6 outside 2000::/3 is not yet allocated for global unicast */
	if (is_v6 && (addr[0] & 0xE0) != 0x20)
		return "not global unicast";
	return NULL;
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
	if (out->v6 && bits >= 96 && memcmp(out->addr, mapped, 12) == 0) {
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
	struct range r = { .bits = p->bits };

	if (p->v6 != is_v6)
		return false;
	memcpy(r.prefix, p->addr, sizeof r.prefix);
	return in_range(addr, &r);
}
