/*
 * render_json: the result for machines (see render.h; schema in README).
 * Every string is written through buf_json between quotes written here.
 */
#include <stdbool.h>

#include "buf.h"
#include "checks.h"
#include "describe.h"
#include "domain.h"
#include "render.h"
#include "request.h"
#include "result.h"
#include "view.h"

#define JSON_VERSION 1

static void str(struct buf *out, const char *s)
{
	buf_putc(out, '"');
	buf_jsons(out, s);
	buf_putc(out, '"');
}

static void key(struct buf *out, const char *k)
{
	buf_puts(out, ",\"");
	buf_puts(out, k); /* keys are fixed identifiers */
	buf_puts(out, "\":");
}

static void str_or_null(struct buf *out, const char *s)
{
	if (s)
		str(out, s);
	else
		buf_puts(out, "null");
}

static void addr_list(struct buf *out, const struct ns_addrs *a, bool v6)
{
	char text[64];

	buf_putc(out, '[');
	for (size_t i = 0; i < a->n; i++) {
		describe_address(a->addr[i], v6, text, sizeof text);
		if (i)
			buf_putc(out, ',');
		str(out, text);
	}
	buf_putc(out, ']');
}

static void ns_list(struct buf *out, const struct ns_result *r)
{
	buf_putc(out, '[');
	for (size_t i = 0; i < r->n_ns; i++) {
		const struct ns_server *s = &r->ns[i];
		if (i)
			buf_putc(out, ',');
		buf_puts(out, "{\"name\":");
		str(out, s->name);
		key(out, "ttl");
		buf_uint(out, s->ttl);
		key(out, "ipv4");
		addr_list(out, &s->v4, false);
		key(out, "ipv6");
		addr_list(out, &s->v6, true);
		key(out, "ipv4_status");
		str(out, addr_state_id(s->v4.state));
		key(out, "ipv6_status");
		str(out, addr_state_id(s->v6.state));
		buf_putc(out, '}');
	}
	buf_putc(out, ']');
}

static void check_list(struct buf *out, const struct ns_result *r)
{
	struct finding f[CHECKS_MAX];
	size_t n = checks_run(r, f, CHECKS_MAX);

	buf_putc(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(out, ',');
		buf_puts(out, "{\"id\":");
		str(out, f[i].id);
		key(out, "status");
		str(out, check_status_id(f[i].status));
		key(out, "message");
		str(out, f[i].message);
		buf_putc(out, '}');
	}
	buf_putc(out, ']');
}

static void sentence(struct buf *out, const char *k, const struct view *v,
		     describe_fn *fn)
{
	key(out, k);
	buf_putc(out, '"');
	describe_into(v, fn, buf_json, "", out);
	buf_putc(out, '"');
}

static void result_fields(struct buf *out, const struct view *v)
{
	const struct ns_result *r = v->result;

	key(out, "query");
	buf_puts(out, "{\"input\":\"");
	buf_json(out, v->input, v->input_len);
	buf_puts(out, "\",\"name\":");
	str(out, v->domain->unicode);
	key(out, "ascii");
	str(out, v->domain->ascii);
	buf_putc(out, '}');
	key(out, "owner");
	str(out, r->owner);
	key(out, "resolver");
	str_or_null(out, r->resolver[0] ? r->resolver : NULL);
	key(out, "query_time_ms");
	buf_uint(out, r->elapsed_ms);
	key(out, "cached");
	buf_puts(out, r->cached ? "true" : "false");
	key(out, "age");
	buf_uint(out, r->age_s);
	key(out, "ttl");
	buf_uint(out, result_min_ttl(r));
	key(out, "zone");
	str_or_null(out, r->zone);
	key(out, "ns");
	ns_list(out, r);
	key(out, "checks");
	check_list(out, r);
}

static void error_fields(struct buf *out, const struct view *v)
{
	const char *code = v->state == VIEW_BAD_DOMAIN ?
		domain_error_id(v->domain_problem->code) :
		v->state == VIEW_BUSY ? "busy" :
		request_error_id(v->request_problem->code);

	key(out, "error");
	buf_puts(out, "{\"code\":");
	str(out, code);
	buf_putc(out, '}');
	if (v->input) {
		key(out, "query");
		buf_puts(out, "{\"input\":\"");
		buf_json(out, v->input, v->input_len);
		buf_puts(out, "\"}");
	}
}

static const char *status_of(const struct view *v)
{
	switch (v->state) {
	case VIEW_FORM: return "no_query";
	case VIEW_BAD_REQUEST: return "bad_request";
	case VIEW_BAD_DOMAIN: return "invalid";
	case VIEW_RESULT: return lookup_status_id(v->result->status);
	case VIEW_BUSY: return "busy";
	}
	return "unknown";
}

void render_json(const struct view *v, struct buf *out)
{
	buf_printf(out, "{\"version\":%d", JSON_VERSION);
	key(out, "status");
	str(out, status_of(v));
	sentence(out, "message", v, describe_headline);
	if (v->state == VIEW_RESULT) {
		sentence(out, "advice", v, describe_advice);
		result_fields(out, v);
	} else if (v->state != VIEW_FORM) {
		if (v->state == VIEW_BUSY)
			sentence(out, "advice", v, describe_advice);
		error_fields(out, v);
	}
	buf_puts(out, "}\n");
}
