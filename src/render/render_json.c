/*
 * render_json: the result for machines (see render.h; schema in README).
 * Every string is written through buf_json between quotes written here.
 */
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "util/buf.h"
#include "util/lang.h"
#include "render/cells.h"
#include "report/checks.h"
#include "render/describe.h"
#include "dns/dnsmsg.h"
#include "input/domain.h"
#include "report/drill.h"
#include "report/expect.h"
#include "util/netaddr.h"
#include "render/render.h"
#include "render/render_drill.h"
#include "render/render_shared.h"
#include "report/report.h"
#include "input/request.h"
#include "report/result.h"
#include "report/transfer.h"
#include "render/view.h"
#include "util/words.h"

#define JSON_VERSION 1

/* the short name for this file's many strings */
static void str(struct buf *out, const char *s)
{
	render_shared_json_str(out, s);
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
		netaddr_format(a->addr[i], v6, text, sizeof text);
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

/* A number argument as JSON: its decimal digits, checked (0 if none). */
static void number_arg(struct buf *out, const char *v)
{
	size_t n = strspn(v, "0123456789");

	if (n == 0 || v[n] || n > 20)
		buf_putc(out, '0');
	else
		buf_puts(out, v);
}

static void arg_value(struct buf *out, const struct finding_arg *a)
{
	if (a->number)
		number_arg(out, a->value);
	else
		str(out, a->value);
}

/* The values a finding's message names, by name: a list's items in an
 * array, in their order (several lists of one message run in parallel). */
static void message_args(struct buf *out, const struct finding *f)
{
	buf_putc(out, '{');
	for (size_t i = 0, first = 1; i < f->n_args; i++) {
		const struct finding_arg *a = &f->arg[i];
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = strcmp(f->arg[k].name, a->name) == 0;
		if (seen)
			continue;
		if (!first)
			buf_putc(out, ',');
		first = 0;
		str(out, a->name);
		buf_putc(out, ':');
		if (!a->item) {
			arg_value(out, a);
			continue;
		}
		buf_putc(out, '[');
		for (size_t k = i, m = 0; k < f->n_args; k++) {
			if (!f->arg[k].item || strcmp(f->arg[k].name, a->name))
				continue;
			if (m++)
				buf_putc(out, ',');
			arg_value(out, &f->arg[k]);
		}
		buf_putc(out, ']');
	}
	buf_putc(out, '}');
	if (f->args_cut)
		buf_puts(out, ",\"message_args_cut\":true");
}

static void check_list(struct buf *out, const struct check_list *checks)
{
	const struct finding *f = checks ? checks->f : NULL;
	size_t n = checks ? checks->n : 0;

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
		key(out, "message_id");
		str(out, f[i].msg_id ? f[i].msg_id : f[i].id);
		key(out, "message_args");
		message_args(out, &f[i]);
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

static void name_list(struct buf *out, const char **ns, size_t n)
{
	buf_putc(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(out, ',');
		str(out, ns[i]);
	}
	buf_putc(out, ']');
}

static void address(struct buf *out, const unsigned char *a, bool v6)
{
	char text[64];

	netaddr_format(a, v6, text, sizeof text);
	str(out, text);
}

static void glue_list(struct buf *out, const struct report_addr *g, size_t n)
{
	buf_putc(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(out, ',');
		buf_puts(out, "{\"name\":");
		str(out, g[i].name);
		key(out, "address");
		address(out, g[i].addr, g[i].v6);
		buf_putc(out, '}');
	}
	buf_putc(out, ']');
}

/* The zone's own answers about its in-domain name servers: whether each
 * family exists, and the addresses. */
static void host_list(struct buf *out, const struct report *rep)
{
	buf_putc(out, '[');
	for (size_t i = 0; i < rep->n_hosts; i++) {
		const struct report_host *h = &rep->hosts[i];
		bool first = true;
		buf_puts(out, i ? ",{\"name\":" : "{\"name\":");
		str(out, h->name);
		key(out, "a");
		str(out, host_answer_id(h->v4));
		key(out, "aaaa");
		str(out, host_answer_id(h->v6));
		key(out, "addresses");
		buf_putc(out, '[');
		for (size_t k = 0; k < rep->n_host_addrs; k++) {
			const struct report_addr *a = &rep->host_addrs[k];
			if (strcmp(a->name, h->name) != 0)
				continue;
			if (!first)
				buf_putc(out, ',');
			first = false;
			address(out, a->addr, a->v6);
		}
		buf_puts(out, "]}");
	}
	buf_putc(out, ']');
}

/* One server asked: the same fields for parents and name servers. */
static void ask(struct buf *out, const struct report_ask *a, bool parent)
{
	buf_puts(out, "{\"server\":");
	str(out, a->server);
	key(out, "address");
	address(out, a->addr, a->v6);
	key(out, "state");
	str(out, cell_ask(a->state).id);
	if (a->state == ASK_SKIPPED) {
		key(out, "skipped_why");
		str(out, a->skipped_why);
	}
	if (a->state == ASK_ANSWERED) {
		key(out, "rtt_ms");
		words_ms(NULL, a->rtt_us, out);
		key(out, "rcode");
		str(out, dnsmsg_rcode_name(a->rcode));
		key(out, "authoritative");
		buf_puts(out, report_authoritative(a) ? "true" : "false");
		key(out, "ns");
		name_list(out, a->ns, a->n_ns);
		key(out, "ttl");
		buf_uint(out, a->ns_ttl);
	}
	if (parent) {
		key(out, "glue");
		glue_list(out, a->glue, a->n_glue);
	} else {
		key(out, "serial");
		if (a->has_soa)
			buf_uint(out, a->serial);
		else
			buf_puts(out, "null");
		key(out, "tcp");
		str(out, cell_tcp(a->tcp).id);
		key(out, "recursion");
		str(out, cell_recursion(a->recursion).id);
		key(out, "dnskey");
		str(out, cell_keys(a->keys).id);
		key(out, "expected_only");
		buf_puts(out, a->extra ? "true" : "false");
	}
	buf_putc(out, '}');
}

static void ask_list(struct buf *out, const struct report_ask *a, size_t n,
		     bool parent)
{
	buf_putc(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(out, ',');
		ask(out, &a[i], parent);
	}
	buf_putc(out, ']');
}

/* When the last old answer of a change made now may be gone. */
static void wait_fields(struct buf *out, const struct view *v)
{
	const struct report *rep = v->report;
	uint32_t wait = describe_wait_s(rep);
	time_t until = (time_t)(v->now_s + wait);
	struct tm tm;
	char iso[32] = "";

	if (gmtime_r(&until, &tm))
		strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
	key(out, "wait");
	buf_puts(out, "{\"seconds\":");
	buf_uint(out, wait);
	key(out, "until");
	str(out, iso);
	key(out, "negative_ttl");
	buf_uint(out, rep->negative_ttl);
	buf_putc(out, '}');
}

static void report_fields(struct buf *out, const struct view *v)
{
	const struct report *rep = v->report;

	key(out, "report");
	buf_puts(out, "{\"status\":");
	str(out, report_status_id(rep->status));
	key(out, "why");
	str_or_null(out, rep->why ? tr(v->lang, rep->why) : NULL);
	key(out, "parent_zone");
	str_or_null(out, rep->parent_zone);
	key(out, "delegation");
	buf_puts(out, "{\"ns\":");
	name_list(out, rep->deleg, rep->n_deleg);
	key(out, "ttl");
	buf_uint(out, rep->deleg_ttl);
	key(out, "glue");
	glue_list(out, rep->glue, rep->n_glue);
	buf_puts(out, "}");
	key(out, "ds");
	if (rep->ds_state == DS_NOT_ASKED) {
		buf_puts(out, "null");
	} else {
		buf_putc(out, '[');
		for (size_t i = 0; i < rep->ds.n; i++) {
			if (i)
				buf_putc(out, ',');
			buf_printf(out, "{\"key_tag\":%u,\"algorithm\":%u}",
				   rep->ds.k[i].tag, rep->ds.k[i].alg);
		}
		buf_putc(out, ']');
	}
	key(out, "resolvers");
	buf_putc(out, '[');
	for (size_t i = 0; i < rep->n_views; i++) {
		const struct report_view *w = &rep->views[i];
		buf_puts(out, i ? ",{\"resolver\":" : "{\"resolver\":");
		str(out, w->resolver);
		key(out, "state");
		str(out, cell_ask(w->state).id);
		key(out, "rcode");
		if (w->state == ASK_ANSWERED)
			str(out, dnsmsg_rcode_name(w->rcode));
		else
			buf_puts(out, "null");
		key(out, "ns");
		name_list(out, w->ns, w->n_ns);
		key(out, "ttl");
		buf_uint(out, w->ttl);
		buf_putc(out, '}');
	}
	buf_putc(out, ']');
	key(out, "child");
	buf_puts(out, "{\"ns\":");
	name_list(out, rep->child, rep->n_child);
	key(out, "ttl");
	buf_uint(out, rep->child_ttl);
	key(out, "hosts");
	host_list(out, rep);
	buf_puts(out, "}");
	key(out, "parents");
	ask_list(out, rep->parents, rep->n_parents, true);
	key(out, "servers");
	ask_list(out, rep->servers, rep->n_servers, false);
	key(out, "provider");
	str_or_null(out, rep->provider);
	key(out, "elapsed_ms");
	words_ms(NULL, rep->elapsed_us, out);
	key(out, "queries");
	buf_uint(out, rep->queries);
	if (rep->status == REPORT_DONE)
		wait_fields(out, v);
	key(out, "cut_short");
	buf_puts(out, rep->cut_short ? "true}" : "false}");
}

/* A change of name servers: the verdict and the facts behind it. */
static void transfer_fields(struct buf *out, const struct view *v)
{
	const struct transfer *t = v->transfer;
	struct buf text;

	buf_init(&text, 16384); /* 13 names of 253 bytes fit */
	transfer_text(v->lang, t, v->report, &text);
	key(out, "transfer");
	buf_puts(out, "{\"expected\":");
	name_list(out, (const char **)v->expect->names, v->expect->n);
	key(out, "verdict");
	str(out, transfer_verdict_id(t->verdict));
	key(out, "message");
	str(out, buf_str(&text));
	buf_free(&text);
	key(out, "parents_asked");
	buf_uint(out, t->parents_asked);
	key(out, "parents_with_expected");
	buf_uint(out, t->parents_new);
	key(out, "not_ready");
	name_list(out, (const char **)t->not_ready, t->n_not_ready);
	key(out, "not_ready_why");
	buf_putc(out, '[');
	for (size_t i = 0; i < t->n_not_ready; i++) {
		if (i)
			buf_putc(out, ',');
		str(out, not_ready_id(t->why[i]));
	}
	buf_putc(out, ']');
	key(out, "old_set_at");
	str_or_null(out, t->old_holder);
	key(out, "wait_seconds");
	buf_uint(out, t->verdict == TRANSFER_WAITING_CACHES ? t->wait_s : 0);
	buf_putc(out, '}');
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
	/* a server's replies say how old they are themselves: one "cached"
	 * and one "age" in the object, theirs */
	if (!v->drill || v->drill->status != DRILL_DONE) {
		key(out, "cached");
		buf_puts(out, r->cached ? "true" : "false");
		key(out, "age");
		buf_uint(out, r->age_s);
		key(out, "stale");
		buf_puts(out, r->stale ? "true" : "false");
		if (r->stale) {
			key(out, "expired_ago");
			buf_uint(out, r->stale_s);
		}
	}
	if (v->drill) {
		/* one server's answers: the lookup's own fields stay out */
		render_drill_json(v, out);
		return;
	}
	key(out, "ttl");
	buf_uint(out, result_min_ttl(r));
	key(out, "zone");
	str_or_null(out, r->zone);
	key(out, "ns");
	ns_list(out, r);
	key(out, "checks");
	check_list(out, v->checks);
	if (v->transfer)
		transfer_fields(out, v);
	if (v->report)
		report_fields(out, v);
}

static void error_fields(struct buf *out, const struct view *v)
{
	const char *code = v->state == VIEW_BAD_DOMAIN ?
		domain_error_id(v->domain_problem->code) :
		v->state == VIEW_BUSY ? "busy" :
		v->state == VIEW_LIMITED ? (v->limited_lookups ?
			"rate_limited_lookups" : "rate_limited") :
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
	case VIEW_RESULT:
		if (v->drill)
			return v->drill->status == DRILL_DONE ? "answers" :
			       v->drill->status == DRILL_NOT_ASKED ?
			       "server_not_asked" : "no_report";
		return lookup_status_id(v->result->status);
	case VIEW_BUSY: return "busy";
	case VIEW_LIMITED: return "rate_limited";
	}
	return "unknown";
}

void render_json(const struct view *v, struct buf *out)
{
	buf_printf(out, "{\"version\":%d", JSON_VERSION);
	key(out, "status");
	str(out, status_of(v));
	key(out, "language");
	str(out, v->lang ? v->lang->code : "en");
	sentence(out, "message", v, describe_headline);
	if (v->state == VIEW_RESULT) {
		sentence(out, "advice", v, describe_advice);
		result_fields(out, v);
	} else if (v->state != VIEW_FORM) {
		if (v->state == VIEW_BUSY || v->state == VIEW_LIMITED) {
			sentence(out, "advice", v, describe_advice);
			key(out, "retry_after");
			buf_uint(out, v->retry_after);
		}
		error_fields(out, v);
	}
	buf_puts(out, "}\n");
}
