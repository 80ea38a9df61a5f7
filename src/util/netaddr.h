/*
 * netaddr: which IP addresses are not globally reachable, by the
 * "Globally Reachable" column of the IANA IPv4 and IPv6 Special-Purpose
 * Address Registries (RFC 6890): loopback, private, link-local,
 * documentation and the rest, while 64:ff9b::/96 or 192.0.0.9 are
 * ordinary. Entries marked N/A (6to4, Teredo) or terminated count as not
 * reachable, and so do multicast and IPv6 outside 2000::/3. Name servers
 * on such addresses are broken for the world, and nscheck never sends its
 * own queries to them when they come from DNS data (a domain owner could
 * otherwise aim it at hosts inside the operator's network), unless
 * allow_private_targets says so. Also the text form of an address, which
 * every layer that shows one takes from here.
 */
#ifndef NSCHECK_NETADDR_H
#define NSCHECK_NETADDR_H

#include <stdbool.h>
#include <stddef.h>

/* NULL for a globally reachable address, else what it is for people,
 * with its RFC ("private (RFC 1918)", "loopback (RFC 4291)", ...): the
 * most specific registry entry that holds it decides. addr: 4 bytes
 * (v6 false) or 16 bytes. */
const char *netaddr_special(const unsigned char *addr, bool v6);

/* In the well-known NAT64 prefix 64:ff9b::/96 (RFC 6052): an IPv4 address
 * reached through a translator. addr: 16 bytes. */
bool netaddr_nat64(const unsigned char *addr);

/* The same /24 (IPv4) or /48 (IPv6). */
bool netaddr_same_net(const unsigned char *a, const unsigned char *b, bool v6);

/* An address, or a network of them (bits < 32 or 128). */
struct netprefix {
	unsigned char addr[16];  /* 4 bytes used for IPv4 */
	unsigned char bits;
	bool v6;
};

/*
 * Reads "192.0.2.1" or "2001:db8::1" from the n bytes at s, and with
 * prefix_ok also "192.0.2.0/24" or "2001:db8::/32". An IPv4-mapped IPv6
 * address (::ffff:192.0.2.1) is read as the IPv4 address. 0, or -1 when
 * it is anything else (bits set past the prefix length included).
 */
int netaddr_parse(const char *s, size_t n, bool prefix_ok,
		  struct netprefix *out);

/* addr (4 bytes, or 16 when v6) lies in p. */
bool netaddr_in(const struct netprefix *p, const unsigned char *addr, bool v6);

/* An address (4 bytes, or 16 when v6) in text form, as inet_ntop writes
 * it; "" when outlen is too small. */
void netaddr_format(const unsigned char *addr, bool v6, char *out,
		    size_t outlen);

#endif
