/* result: helpers over a finished ns_result (see result.h). */
#include "report/result.h"

static uint32_t min_u32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

uint32_t result_min_ttl(const struct ns_result *r)
{
	uint32_t ttl = UINT32_MAX;

	if (r->status == LOOKUP_NXDOMAIN || r->status == LOOKUP_NO_NS)
		return r->zone ? r->negative_ttl : 0;
	if (r->status != LOOKUP_FOUND)
		return 0;
	for (size_t i = 0; i < r->n_ns; i++) {
		const struct ns_server *s = &r->ns[i];
		ttl = min_u32(ttl, s->ttl);
		if (s->v4.state == ADDR_FOUND)
			ttl = min_u32(ttl, s->v4.ttl);
		if (s->v6.state == ADDR_FOUND)
			ttl = min_u32(ttl, s->v6.ttl);
	}
	return r->n_ns ? ttl : 0;
}

static bool addr_failed(enum addr_state s)
{
	return s == ADDR_FAILED || s == ADDR_TIMEOUT;
}

bool result_partial(const struct ns_result *r)
{
	for (size_t i = 0; i < r->n_ns; i++)
		if (addr_failed(r->ns[i].v4.state) || addr_failed(r->ns[i].v6.state))
			return true;
	return false;
}

const char *lookup_status_id(enum lookup_status s)
{
	switch (s) {
	case LOOKUP_FOUND: return "found";
	case LOOKUP_NXDOMAIN: return "nxdomain";
	case LOOKUP_NO_NS: return "no_ns";
	case LOOKUP_SERVFAIL: return "servfail";
	case LOOKUP_TIMEOUT: return "timeout";
	case LOOKUP_ERROR: return "error";
	}
	return "unknown";
}

const char *addr_state_id(enum addr_state s)
{
	switch (s) {
	case ADDR_FOUND: return "found";
	case ADDR_NONE: return "none";
	case ADDR_NXDOMAIN: return "nxdomain";
	case ADDR_FAILED: return "failed";
	case ADDR_TIMEOUT: return "timeout";
	case ADDR_SKIPPED: return "skipped";
	}
	return "unknown";
}
