/*
 * client: the client's address from REMOTE_ADDR or a trusted proxy's
 * header (see client.h).
 */
#include "input/client.h"

#include <string.h>

#include "util/config.h"
#include "util/netaddr.h"

static bool trusted(const struct config *cfg, const struct netprefix *a)
{
	for (size_t i = 0; i < cfg->n_trusted_proxies; i++)
		if (netaddr_in(&cfg->trusted_proxy[i], a->addr, a->v6))
			return true;
	return false;
}

static bool parse_one(const char *s, size_t n, struct netprefix *out)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return netaddr_parse(s, n, false, out) == 0;
}

/* The rightmost address of the header that is not a trusted proxy; *a
 * (the proxy that sent the request) is left when there is none usable. */
static void from_header(const struct config *cfg, const char *header,
			struct netprefix *a)
{
	size_t end = strlen(header);

	while (trusted(cfg, a)) {
		size_t start = end;
		while (start > 0 && header[start - 1] != ',')
			start--;
		struct netprefix next;
		if (!parse_one(header + start, end - start, &next))
			return;  /* not an address: stop at the proxy */
		*a = next;
		if (start == 0)
			return;
		end = start - 1;
	}
}

bool client_identify(const struct config *cfg, const char *remote_addr,
		     const char *header, struct client *out)
{
	struct netprefix a;

	if (!remote_addr || !parse_one(remote_addr, strlen(remote_addr), &a))
		return false;
	if (header && cfg->client_header[0])
		from_header(cfg, header, &a);
	out->key[0] = a.v6 ? 6 : 4;
	out->key_len = a.v6 ? 9 : 5;
	memcpy(out->key + 1, a.addr, out->key_len - 1);
	memcpy(out->addr, a.addr, sizeof out->addr);
	out->v6 = a.v6;
	return true;
}
