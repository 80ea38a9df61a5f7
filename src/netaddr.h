/*
 * netaddr: which IP addresses are special-purpose (RFC 6890 and the IANA
 * registries that follow it): loopback, private, link-local, documentation,
 * multicast and the rest. Name servers on such addresses are broken for
 * the world, and nscheck never sends its own queries to them when they
 * come from DNS data (a domain owner could otherwise aim it at hosts
 * inside the operator's network), unless allow_private_targets says so.
 */
#ifndef NSCHECK_NETADDR_H
#define NSCHECK_NETADDR_H

#include <stdbool.h>

/* NULL for an ordinary global address, else what it is ("private",
 * "loopback", ...). addr: 4 bytes (v6 false) or 16 bytes. */
const char *netaddr_special(const unsigned char *addr, bool v6);

/* The same /24 (IPv4) or /48 (IPv6). */
bool netaddr_same_net(const unsigned char *a, const unsigned char *b, bool v6);

#endif
