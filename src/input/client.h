/*
 * client: who a request comes from, for the rate limit.
 *
 * The web server's REMOTE_ADDR, unless that is one of trusted_proxies and
 * the request carries client_header (X-Forwarded-For style: addresses
 * separated by commas, each proxy appending the one it got the request
 * from). Then the header is read from the right, past every trusted
 * proxy, to the first address that is not one: earlier entries may be
 * made up by the client and are never believed. IPv6 clients are counted
 * by their /64, the block one subscriber usually holds.
 */
#ifndef NSCHECK_CLIENT_H
#define NSCHECK_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

struct config;

struct client {
	unsigned char key[9];  /* 4 and the IPv4 address, or 6 and the /64 */
	size_t key_len;
	unsigned char addr[16];/* the whole address, for the log */
	bool v6;
};

/* false when there is no address to go by (not run by a web server). */
bool client_identify(const struct config *cfg, const char *remote_addr,
		     const char *header, struct client *out);

#endif
