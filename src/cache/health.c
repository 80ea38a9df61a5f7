/* health: the probe's answer (see health.h). */
#include "cache/health.h"

#include <stdlib.h>

#include "util/buf.h"
#include "cache/cache.h"
#include "dns/dnsmsg.h"

static void asked(const struct res_reply *reply, void *data)
{
	struct health *h = data;

	h->outcome = reply->outcome;
	free(reply->parsed);
}

static bool answered(enum res_outcome o)
{
	return o == RES_OK || o == RES_NXDOMAIN || o == RES_NODATA;
}

bool health_due(struct cache *c, int64_t now_ms)
{
	uint64_t at = c ? cache_counter_value(c, CTR_HEALTH_AT_MS) : 0;

	return at == 0 || now_ms - (int64_t)(at - 1) >= HEALTH_KEEP_MS ||
	       now_ms < (int64_t)(at - 1);
}

void health_check(struct cache *c, bool segment_wanted, struct resolver *r,
		  int64_t now_ms, struct health *out)
{
	*out = (struct health){ .segment_wanted = segment_wanted,
				.segment = c != NULL,
				.outcome = RES_TIMEOUT };
	if (!health_due(c, now_ms)) {
		uint64_t at = cache_counter_value(c, CTR_HEALTH_AT_MS) - 1;
		out->resolver = cache_counter_value(c, CTR_HEALTH_OK) == 1;
		out->outcome = out->resolver ? RES_OK : RES_TIMEOUT;
		out->checked_ms_ago = (uint32_t)(now_ms - (int64_t)at);
		return;
	}
	if (resolver_submit(r, ".", DNS_T_NS, dnsmsg_parse_ns, asked, out) < 0)
		out->outcome = RES_UNREACHABLE;
	else
		resolver_run(r, now_ms + HEALTH_TIMEOUT_MS);
	out->resolver = answered(out->outcome);
	if (c) {
		cache_counter_set(c, CTR_HEALTH_OK, out->resolver);
		cache_counter_set(c, CTR_HEALTH_AT_MS, (uint64_t)now_ms + 1);
	}
}

bool health_ok(const struct health *h)
{
	return h->resolver && (h->segment || !h->segment_wanted);
}

void health_render(const struct health *h, struct buf *out)
{
	static const char *const outcomes[] = {
		[RES_OK] = "answered", [RES_NXDOMAIN] = "answered",
		[RES_NODATA] = "answered", [RES_SERVFAIL] = "SERVFAIL",
		[RES_REFUSED] = "REFUSED", [RES_TRUNCATED] = "truncated replies",
		[RES_PROTOCOL] = "malformed replies", [RES_TIMEOUT] = "no answer",
		[RES_UNREACHABLE] = "could not be asked",
		[RES_NOMEM] = "out of memory",
	};

	buf_puts(out, health_ok(h) ? "ok\n" : "unhealthy\n");
	buf_puts(out, "segment: ");
	buf_puts(out, h->segment ? "open\n" : h->segment_wanted ?
		 "not open (see the log)\n" : "none configured (cache_size = 0)\n");
	buf_puts(out, "resolver: ");
	buf_puts(out, outcomes[h->outcome]);
	buf_printf(out, " (asked about the root zone %u ms ago)\n",
		   h->checked_ms_ago);
}
