/*
 * app: request -> domain -> lookup -> view -> body -> headers (see app.h).
 */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/etag.h"
#include "util/lang.h"
#include "cache/cache.h"
#include "cache/health.h"
#include "report/checks.h"
#include "input/client.h"
#include "util/clock.h"
#include "util/config.h"
#include "util/csp.h"
#include "input/domain.h"
#include "report/drill.h"
#include "report/expect.h"
#include "util/log.h"
#include "report/lookup.h"
#include "util/netaddr.h"
#include "render/render.h"
#include "render/template.h"
#include "dns/probe.h"
#include "report/report.h"
#include "input/request.h"
#include "dns/resolver.h"
#include "report/result.h"
#include "cache/service.h"
#include "report/transfer.h"
#include "cache/stats.h"
#include "render/view.h"

#define ARENA_LIMIT (4u << 20)
#define BODY_LIMIT (2u << 20)
/* room for a policy whose six source lists are all full (6 x 512) */
#define HEAD_LIMIT 8192

int worker_init(struct worker *w, const struct config *cfg, char *err,
		size_t errlen)
{
	memset(w, 0, sizeof *w);
	w->arena = arena_new(ARENA_LIMIT);
	if (!w->arena) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	/* 61 KB of findings: on the heap once, not on a thread's stack */
	w->checks = malloc(sizeof *w->checks);
	w->resolver = w->checks ? resolver_new(cfg, err, errlen) : NULL;
	w->report_resolver = w->resolver ? resolver_new(cfg, err, errlen) : NULL;
	w->probe = w->report_resolver ? probe_new(cfg->probe_timeout_ms,
						  cfg->report_max_queries, err,
						  errlen) : NULL;
	if (!w->probe) {
		if (!w->checks)
			snprintf(err, errlen, "out of memory");
		resolver_free(w->report_resolver);
		resolver_free(w->resolver);
		free(w->checks);
		arena_free(w->arena);
		return -1;
	}
	buf_init(&w->body, BODY_LIMIT);
	buf_init(&w->head, HEAD_LIMIT);
	return 0;
}

void worker_set_waiter(struct worker *w, const struct waiter *wt)
{
	resolver_set_waiter(w->resolver, wt);
	resolver_set_waiter(w->report_resolver, wt);
	probe_set_waiter(w->probe, wt);
}

void worker_free(struct worker *w)
{
	probe_free(w->probe);
	resolver_free(w->report_resolver);
	resolver_free(w->resolver);
	arena_free(w->arena);
	free(w->checks);
	buf_free(&w->body);
	buf_free(&w->head);
}

/* scheme://host of an absolute static_url, for the CSP; "" otherwise. */
static void static_origin(const char *url, char *out, size_t outlen)
{
	const char *p = strstr(url, "://");
	const char *slash = p ? strchr(p + 3, '/') : NULL;

	out[0] = '\0';
	if (p && slash && (size_t)(slash - url) < outlen) {
		memcpy(out, url, (size_t)(slash - url));
		out[slash - url] = '\0';
	}
}

/* etag "": none. A 304 carries what the 200 would have, less its body's
 * own headers. */
static void put_headers(const struct view *v, const char *type,
			struct worker *w, int status, const char *etag)
{
	struct buf *h = &w->head;
	uint32_t age = view_max_age(v);
	char origin[256];

	static_origin(v->cfg->static_url, origin, sizeof origin);
	buf_reset(h);
	buf_puts(h, "Status: ");
	buf_uint(h, (unsigned)status);
	buf_putc(h, ' ');
	buf_puts(h, http_reason(status));
	buf_puts(h, "\r\n");
	if (status != 304) {
		buf_puts(h, "Content-Type: ");
		buf_puts(h, type);
		buf_puts(h, "\r\nContent-Length: ");
		buf_uint(h, w->body.len);
		buf_puts(h, "\r\n");
	}
	if (etag[0]) {
		buf_puts(h, "ETag: ");
		buf_puts(h, etag);
		buf_puts(h, "\r\n");
	}
	if (age) {
		/* text or JSON chosen by Accept at a URL that also serves the
		 * page: a shared cache that ignored Vary would hand it to
		 * browsers, so only the client may keep it */
		bool private = v->negotiated && v->format != FORMAT_HTML;
		buf_puts(h, private ? "Cache-Control: private, max-age=" :
			 "Cache-Control: public, max-age=");
		buf_uint(h, age);
		buf_puts(h, "\r\n");
	} else
		buf_puts(h, "Cache-Control: no-store\r\n");
	if (status == 405)
		buf_puts(h, "Allow: GET, HEAD, POST\r\n");
	if (v->negotiated || v->lang_negotiated) {
		buf_puts(h, "Vary: ");
		buf_puts(h, !v->lang_negotiated ? "Accept" : !v->negotiated ?
			 "Accept-Language" : "Accept, Accept-Language");
		buf_puts(h, "\r\n");
	}
	if (v->format == FORMAT_JSON && v->cfg->cors_origin[0]) {
		buf_puts(h, "Access-Control-Allow-Origin: ");
		buf_puts(h, v->cfg->cors_origin); /* checked by the config */
		buf_puts(h, "\r\n");
		if (strcmp(v->cfg->cors_origin, "*") != 0)
			buf_puts(h, "Vary: Origin\r\n");
	}
	if (status == 503 || status == 429)
		buf_printf(h, "Retry-After: %u\r\n", v->retry_after);
	buf_puts(h, "X-Content-Type-Options: nosniff\r\n"
		    "Referrer-Policy: strict-origin-when-cross-origin\r\n");
	csp_headers(v->cfg, origin, h);
	buf_puts(h, "\r\n");
}

/* The page did not fit its bounds: a small fixed 500, never half a page. */
static void put_overflow(struct worker *w, const struct lang *l)
{
	buf_reset(&w->body);
	buf_puts(&w->body, tr(l, "The response was too large to send."));
	buf_putc(&w->body, '\n');
	buf_reset(&w->head);
	buf_printf(&w->head, "Status: 500 Internal Server Error\r\n"
		   "Content-Type: text/plain; charset=utf-8\r\n"
		   "Content-Length: %lu\r\nCache-Control: no-store\r\n"
		   "X-Content-Type-Options: nosniff\r\n\r\n",
		   (unsigned long)w->body.len);
}

static bool wants_report(const struct app *app, const struct ns_result *r)
{
	return app->cfg->report && app->service->env && report_wanted(r);
}

/* What the log says a request came to; a detail view names the server
 * it sent packets to ("drill 192.0.2.53 answers"), into mem. */
static const char *outcome_of(const struct view *v, char *mem, size_t size)
{
	if (v->state == VIEW_RESULT && v->drill) {
		char addr[64];
		netaddr_format(v->drill->addr, v->drill->v6, addr, sizeof addr);
		snprintf(mem, size, "drill %s %s", addr,
			 v->drill->status == DRILL_DONE ? "answers" :
			 v->drill->status == DRILL_NOT_ASKED ? "not_asked" :
			 "no_report");
		return mem;
	}
	switch (v->state) {
	case VIEW_FORM: return "form";
	case VIEW_BAD_REQUEST: return request_error_id(v->request_problem->code);
	case VIEW_BAD_DOMAIN: return domain_error_id(v->domain_problem->code);
	case VIEW_RESULT: return lookup_status_id(v->result->status);
	case VIEW_BUSY: return "busy";
	case VIEW_LIMITED: return v->limited_lookups ? "rate_limited_lookups" :
				  "rate_limited";
	}
	return "?";
}

/* The status view: only when the web server sets NSCHECK_STATUS=1, which
 * the shipped nginx snippet does for one URL reachable from localhost. */
static bool status_view(const struct app *app, struct worker *w,
			const struct request_io *io, struct response *out)
{
	const char *flag = io->param(io->ctx, "NSCHECK_STATUS");

	if (!flag || strcmp(flag, "1") != 0)
		return false;
	buf_reset(&w->body);
	struct stats_process proc = { app->version ? app->version : "",
				      app->started_s };
	if (app->cache)
		stats_render(app->cache, clock_ms(), &proc, &w->body);
	else
		buf_puts(&w->body, "# the cache is disabled (cache_size = 0)\n");
	buf_reset(&w->head);
	buf_printf(&w->head, "Status: 200 OK\r\nContent-Type: text/plain; "
		   "version=0.0.4; charset=utf-8\r\nContent-Length: %lu\r\n"
		   "Cache-Control: no-store\r\nX-Content-Type-Options: "
		   "nosniff\r\n\r\n", (unsigned long)w->body.len);
	out->status = 200;
	out->head_only = false;
	out->head = &w->head;
	out->body = &w->body;
	out->retry_after = 0;
	return true;
}

/* The health view: only where the web server sets NSCHECK_HEALTH=1 (the
 * shipped snippets do for /nscheck/healthz). A thread that serves only
 * hits does not wait on the resolver: when the kept verdict is too old,
 * the request goes on (true, out left for the second go). */
static bool health_view(const struct app *app, struct worker *w,
			const struct request_io *io, struct app_pass *pass,
			struct response *out)
{
	const char *flag = io->param(io->ctx, "NSCHECK_HEALTH");
	const char *method = io->param(io->ctx, "REQUEST_METHOD");
	struct health h;

	if (!flag || strcmp(flag, "1") != 0)
		return false;
	/* the second go gives back a slow place: take one (none left: ask
	 * here, for a second at most) */
	if (pass && pass->hits_only && !pass->again &&
	    health_due(app->cache, clock_ms()) &&
	    service_slow_take(app->service)) {
		memset(out, 0, sizeof *out);
		pass->deferred = true;
		pass->start = clock_ms();
		pass->start_us = clock_us();
		pass->known = false;
		pass->limited = 0;
		return true;
	}
	health_check(app->cache, app->cfg->cache_size > 0, w->resolver,
		     clock_ms(), &h);
	buf_reset(&w->body);
	health_render(&h, &w->body);
	out->status = health_ok(&h) ? 200 : 503;
	buf_reset(&w->head);
	buf_printf(&w->head, "Status: %d %s\r\nContent-Type: text/plain; "
		   "charset=utf-8\r\nContent-Length: %lu\r\n"
		   "Cache-Control: no-store\r\nX-Content-Type-Options: "
		   "nosniff\r\n\r\n", out->status, http_reason(out->status),
		   (unsigned long)w->body.len);
	out->head_only = method && strcmp(method, "HEAD") == 0;
	out->head = &w->head;
	out->body = &w->body;
	out->retry_after = 0;
	return true;
}

/* A wait in ms as the whole seconds of Retry-After, rounded up. */
static uint32_t whole_seconds(uint32_t ms)
{
	return (ms + 999) / 1000;
}

/* A limit said no: busy, or this client's lookups are used up. */
static void refused_by(const struct app *app, enum service_status st,
		       const struct service_caller *who, struct view *v)
{
	if (st == SERVICE_BUSY) {
		v->state = VIEW_BUSY;
		v->retry_after = app->cfg->retry_after;
	} else if (st == SERVICE_LIMITED) {
		v->state = VIEW_LIMITED;
		v->limited_lookups = true;
		v->retry_after = whole_seconds(who->wait_ms);
	}
}

/* The lookup and the report of a valid name, into v. A drill-down needs
 * the report: when a limit refuses it, so is the request. true: deferred
 * (a thread that serves only hits met something else), and v is not to
 * be rendered. */
static bool look_up(const struct app *app, struct worker *w,
		    const struct domain *dom, bool drilling,
		    struct service_caller *who, struct view *v,
		    struct ns_result *result, struct report *report,
		    struct transfer *transfer)
{
	/* a report the page will want is begun beside the lookup */
	struct service_ahead ahead = { .p = w->probe, .r = w->report_resolver,
				       .expect = v->expect, .report = report };
	bool reports = app->cfg->report && app->service->env;
	enum service_status st = service_lookup_ahead(app->service, w->resolver,
						      w->arena, dom->ascii, who,
						      reports ? &ahead : NULL,
						      result);

	if (st == SERVICE_DEFER)
		return true;
	v->domain = dom;
	v->result = result;
	v->state = VIEW_RESULT;
	/* a report refused by a limit leaves the page without it, and that
	 * page is for this moment only */
	if (st == SERVICE_OK && wants_report(app, result)) {
		enum service_status rs = ahead.done ? ahead.status :
			service_report(app->service, w->resolver, w->probe,
				       w->arena, result, v->expect, who, report);
		if (rs == SERVICE_DEFER)
			return true;
		if (rs == SERVICE_OK && report_shown(result, report))
			v->report = report;
		else if (rs != SERVICE_OK && report_shown(result, NULL))
			v->report_refused = true;
		if (drilling)
			st = rs;
	}
	if (v->expect) {
		transfer_judge(v->expect, result, v->report, transfer);
		v->transfer = transfer;
	}
	refused_by(app, st, who, v);
	return false;
}

/* One server's answers, when the report asked its address. true:
 * deferred, as for look_up(). */
static bool drill_down(const struct app *app, struct worker *w,
		       const struct netprefix *server,
		       struct service_caller *who, struct view *v,
		       struct drill *d)
{
	v->drill = d;
	if (drill_find(v->report, v->result->owner, server->addr, server->v6,
		       app->cfg->allow_private_targets, d) != DRILL_DONE)
		return false;
	enum service_status st = service_drill(app->service, w->probe,
					       w->arena, who, d);
	if (st == SERVICE_DEFER)
		return true;
	drill_dissect(w->arena, d);
	refused_by(app, st, who, v);
	return false;
}

/* The expected name servers, when sent: v->expect, or a refused request
 * (-1) saying which one is not a host name. */
static int read_expect(struct worker *w, const struct request *req,
		       struct expect_list *e, struct view *v,
		       struct request_problem *rp)
{
	if (!req->expect)
		return 0;
	memset(rp, 0, sizeof *rp);
	switch (expect_parse(w->arena, req->expect, req->expect_len, e,
			     rp->value, sizeof rp->value)) {
	case EXPECT_OK:
		if (e->n)
			v->expect = e;
		return 0;
	case EXPECT_TOO_MANY:
		rp->count = EXPECT_MAX;
		break;
	case EXPECT_BAD_NAME:
		break;
	}
	rp->code = REQUEST_BAD_EXPECT;
	snprintf(rp->name, sizeof rp->name, "expect");
	v->state = VIEW_BAD_REQUEST;
	v->request_problem = rp;
	return -1;
}

/* A rate limit is on and has somewhere to keep its buckets. */
static bool rate_limited(const struct app *app)
{
	return app->cfg->rate_limit && app->cache;
}

/* Charges the request to its client: 0, or the ms to wait. *known says
 * whether the client could be told (the log names it either way). */
static uint32_t charge_request(const struct app *app,
			       const struct request_io *io,
			       struct client *id, bool *known)
{
	const struct config *cfg = app->cfg;

	*known = client_identify(cfg, io->param(io->ctx, "REMOTE_ADDR"),
				 cfg->client_header[0] ?
				 io->param(io->ctx, cfg->client_header) : NULL,
				 id);
	if (!*known || !rate_limited(app))
		return 0;
	struct rate_rule rule = { cfg->rate_requests_ms, cfg->rate_burst };
	return cache_rate_charge(app->cache, id->key, id->key_len,
				 RATE_REQUESTS, &rule, clock_ms());
}

/* The request's line in the log. */
static void log_answer(const struct view *v, const struct request_io *io,
		       const struct client *id, int status, int64_t start)
{
	char outcome[96], client[64] = "-";

	if (id)
		netaddr_format(id->addr, id->v6, client, sizeof client);
	struct log_request line = {
		.method = io->param(io->ctx, "REQUEST_METHOD"),
		.client = client,
		.name = v->input ? v->input : "",
		.name_len = v->input_len,
		.status = status,
		.outcome = outcome_of(v, outcome, sizeof outcome),
		.cache = v->state != VIEW_RESULT ? "-" :
			 v->result->cached ? "cached" : "uncached",
		.ms = (unsigned long)(clock_ms() - start),
	};
	log_request(&line);
}

void app_log_unserved(const struct app *app, const struct request_io *io,
		      const struct app_pass *pass, int status)
{
	/* the name is not known: the request was never parsed here */
	struct view v = { .cfg = app->cfg, .state = VIEW_BUSY };

	if (app->cache) {
		cache_count(app->cache, CTR_BUSY);
		stats_note_request(app->cache, status, STATS_FORMATS,
				   (uint64_t)(clock_us() - pass->start_us));
	}
	log_answer(&v, io, pass->known ? &pass->id : NULL, status, pass->start);
}

/* The view's result and report point into the arena, but the names of
 * the lookup and a transfer's resolver into app_handle's own frame: those
 * are copied, so that nothing in the outcome outlives what it points to. */
static void keep_outcome(const struct view *v, struct arena *a,
			 struct app_outcome *o)
{
	memset(o, 0, sizeof *o);
	o->state = v->state;
	if (v->state == VIEW_RESULT && v->result) {
		o->has_result = true;
		o->result = *v->result;
		o->result.qname = v->result->qname ?
			arena_strdup(a, v->result->qname) : NULL;
		o->result.owner = v->result->owner ?
			arena_strdup(a, v->result->owner) : NULL;
	}
	if (v->report) {
		o->has_report = true;
		o->report = *v->report;
	}
	if (v->transfer) {
		o->judged = true;
		o->transfer = *v->transfer;
		if (v->result && o->transfer.old_holder == v->result->resolver)
			o->transfer.old_holder = o->result.resolver;
	}
	if (v->drill) {
		o->drilled = true;
		o->drill = v->drill->status;
	}
}

/* The first go stops here: what it charged is kept for the second. */
static void defer_request(struct app_pass *pass, int64_t start,
			  int64_t start_us, uint32_t limited, bool known,
			  const struct client *id, struct response *out)
{
	pass->deferred = true;
	pass->start = start;
	pass->start_us = start_us;
	pass->limited = limited;
	pass->known = known;
	if (known)
		pass->id = *id;
	memset(out, 0, sizeof *out);
}

/* lang= when it names an offered language, else Accept-Language, else
 * the operator's default; the view gets it and the templates in it. */
static void choose_lang(const struct app *app, const struct request *req,
			struct view *v)
{
	const struct langs *ls = app->langs;
	const struct lang *l = NULL;

	v->langs = ls;
	if (!ls || ls->n < 2) {
		v->lang = ls ? &ls->all[0] : &lang_english;
		return;
	}
	if (req->lang_len && (l = langs_find(ls, req->lang, req->lang_len)))
		v->lang_asked = true;
	else {
		/* whatever the header says, it was asked: caches must know */
		v->lang_negotiated = true;
		l = langs_accept(ls, req->accept_language);
	}
	if (!l)
		l = &ls->all[ls->fallback];
	v->lang = l;
	v->tpl = &app->tpl[l - ls->all];
}

void app_handle(const struct app *app, struct worker *w,
		const struct request_io *io, struct app_pass *pass,
		struct response *out)
{
	struct request req;
	struct request_problem rp;
	struct domain dom;
	struct domain_problem dp;
	struct ns_result result;
	struct report report;
	struct transfer transfer;
	struct expect_list expect;
	struct drill drill;
	struct view v = { .cfg = app->cfg, .tpl = app->tpl,
			  .now_s = clock_wall_s() };
	struct client id;
	bool known, again = pass && pass->again, deferred = false;
	int64_t start = again ? pass->start : clock_ms();
	int64_t start_us = again ? pass->start_us : clock_us();
	uint32_t limited;

	if (app->cache && !again)
		cache_count(app->cache, CTR_REQUESTS);
	if (status_view(app, w, io, out) || health_view(app, w, io, pass, out))
		return;
	arena_reset(w->arena);
	buf_reset(&w->body);
	if (again) {
		known = pass->known;
		id = pass->id;
		limited = pass->limited;
	} else
		limited = charge_request(app, io, &id, &known);
	struct service_caller who = {
		.id = known && rate_limited(app) ? &id : NULL,
		.hits_only = pass && pass->hits_only && !again,
		.slow_held = again,
		.waiter = pass ? pass->waiter : NULL,
	};
	enum request_error parsed = request_parse(w->arena, io, &req, &rp);
	choose_lang(app, &req, &v);
	if (parsed != REQUEST_OK) {
		v.state = VIEW_BAD_REQUEST;
		v.request_problem = &rp;
		/* the format guessed from the query string, unless it is the
		 * format itself that is wrong */
		v.format = rp.code == REQUEST_BAD_FORMAT ? FORMAT_HTML : req.format;
	} else {
		v.format = req.format;
		v.negotiated = req.negotiated;
		v.post = req.method == METHOD_POST;
		v.input = req.domain;
		v.input_len = req.domain_len;
		v.expect_input = req.expect; /* echoed whatever happens */
		v.expect_input_len = req.expect_len;
		if (limited) {
			v.state = VIEW_LIMITED;
			v.retry_after = whole_seconds(limited);
		} else if (!req.has_domain) {
			v.state = VIEW_FORM;
		} else if (domain_normalize(req.domain, req.domain_len, &dom,
					    &dp) != DOMAIN_OK) {
			v.state = VIEW_BAD_DOMAIN;
			v.domain_problem = &dp;
		} else if (read_expect(w, &req, &expect, &v, &rp) == 0) {
			deferred = look_up(app, w, &dom, req.has_server, &who,
					   &v, &result, &report, &transfer);
			if (!deferred && req.has_server && v.state == VIEW_RESULT)
				deferred = drill_down(app, w, &req.server, &who,
						      &v, &drill);
		}
	}
	if (deferred) {
		defer_request(pass, start, start_us, limited, known, &id, out);
		return;
	}
	service_count_hits(app->service, &who);
	view_check(&v, w->checks);
	keep_outcome(&v, w->arena, &w->outcome);
	const char *type = render(&v, &w->body);
	int status = view_http_status(&v);
	char etag[ETAG_SIZE] = "";
	/* what a cache may keep can be revalidated: the same bytes, 304 */
	if (status == 200 && view_max_age(&v) && !buf_failed(&w->body)) {
		etag_of(w->body.data, w->body.len, etag);
		if (etag_matches(io->param(io->ctx, "HTTP_IF_NONE_MATCH"), etag)) {
			status = 304;
			buf_reset(&w->body);
		}
	}
	put_headers(&v, type, w, status, etag);
	if (buf_failed(&w->body) || buf_failed(&w->head)) {
		status = 500;
		put_overflow(w, v.lang);
		w->outcome.overflowed = true;
	}
	out->status = status;
	out->head_only = req.method == METHOD_HEAD;
	out->head = &w->head;
	out->body = &w->body;
	out->retry_after = status == 429 || status == 503 ? v.retry_after : 0;
	if (app->cache)
		stats_note_request(app->cache, status, v.format,
				   (uint64_t)(clock_us() - start_us));
	if (!app->quiet)
		log_answer(&v, io, known ? &id : NULL, status, start);
}
