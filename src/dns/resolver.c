/*
 * resolver: udns context, poll loop, deadline and reply tracing
 * (see resolver.h).
 */
#include "dns/resolver.h"

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/clock.h"
#include "util/config.h"
#include "util/fiber.h"

/* One submitted query and what was seen of it on the wire. */
struct pending {
	struct pending *prev, *next;
	struct resolver *r;
	struct dns_query *q;
	res_done_fn *done;
	void *data;
	int64_t started_ms;
	unsigned char *pkt;  /* copy of the last reply */
	size_t pkt_len;
	int last_rcode;      /* -1 until a reply came */
	bool sent;           /* udns got at least one copy onto the wire */
	bool saw_truncated;
	char server[64];
};

struct resolver {
	struct dns_ctx *ctx;
	struct pending *open; /* list of queries not yet ended */
	size_t n_open;
	const struct waiter *waiter; /* NULL: poll() */
};

/* udns keeps a template context as a library global; serialise its use. */
static pthread_mutex_t template_lock = PTHREAD_MUTEX_INITIALIZER;

static void addr_text(const struct sockaddr *sa, char *out, size_t outlen)
{
	char host[INET6_ADDRSTRLEN] = "?";
	unsigned port = 0;

	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;
		inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
		port = ntohs(in->sin_port);
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;
		inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
		port = ntohs(in6->sin6_port);
		/* udns maps IPv4 servers into IPv6 when both are configured */
		if (strncmp(host, "::ffff:", 7) == 0 && strchr(host + 7, '.'))
			memmove(host, host + 7, strlen(host + 7) + 1);
	}
	if (port == 53 || port == 0)
		snprintf(out, outlen, "%s", host);
	else if (strchr(host, ':'))
		snprintf(out, outlen, "[%s]:%u", host, port);
	else
		snprintf(out, outlen, "%s:%u", host, port);
}

/* Called by udns for every packet; code 0 is a reply matched to a query. */
static void trace(int code, const struct sockaddr *sa, unsigned salen,
		  dnscc_t *pkt, int plen, const struct dns_query *q, void *data)
{
	struct pending *p = data;

	(void)salen;
	if (code == 1 && q && p)
		p->sent = true;
	if (code != 0 || !q || !p || plen < DNS_HSIZE)
		return;
	unsigned char *copy = realloc(p->pkt, (size_t)plen);
	if (!copy)
		return;
	memcpy(copy, pkt, (size_t)plen);
	p->pkt = copy;
	p->pkt_len = (size_t)plen;
	p->last_rcode = dns_rcode(pkt);
	if (dns_tc(pkt))
		p->saw_truncated = true;
	addr_text(sa, p->server, sizeof p->server);
}

struct resolver *resolver_new(const struct config *cfg, char *err,
			      size_t errlen)
{
	struct resolver *r = calloc(1, sizeof *r);

	if (!r) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	pthread_mutex_lock(&template_lock);
	dns_reset(NULL); /* fresh defaults and a fresh query-id seed */
	r->ctx = dns_new(NULL);
	pthread_mutex_unlock(&template_lock);
	if (!r->ctx) {
		snprintf(err, errlen, "out of memory");
		free(r);
		return NULL;
	}
	dns_add_serv(r->ctx, NULL);
	for (size_t i = 0; i < cfg->n_resolvers; i++) {
		const struct config_server *s = &cfg->resolver[i];
		if (dns_add_serv_s(r->ctx, (const struct sockaddr *)&s->addr) < 0) {
			snprintf(err, errlen, "cannot use resolver %s: %s",
				 s->text, strerror(errno));
			resolver_free(r);
			return NULL;
		}
	}
	dns_set_opt(r->ctx, DNS_OPT_TIMEOUT, (int)cfg->query_timeout);
	dns_set_opt(r->ctx, DNS_OPT_NTRIES, (int)cfg->query_tries);
	dns_set_opt(r->ctx, DNS_OPT_UDPSIZE, (int)cfg->udp_size);
	dns_set_dbgfn(r->ctx, trace);
	if (dns_open(r->ctx) < 0) {
		snprintf(err, errlen, "cannot open a UDP socket: %s",
			 strerror(errno));
		resolver_free(r);
		return NULL;
	}
	return r;
}

static void unlink_pending(struct pending *p)
{
	struct resolver *r = p->r;

	if (p->prev)
		p->prev->next = p->next;
	else
		r->open = p->next;
	if (p->next)
		p->next->prev = p->prev;
	r->n_open--;
}

/*
 * What a failed query really met, from the replies seen. expired: our
 * deadline ended it (a query never sent then simply ran out of time).
 */
static enum res_outcome failure_outcome(const struct pending *p, bool expired)
{
	switch (p->last_rcode) {
	case -1: break; /* no reply at all */
	case DNS_R_NOERROR:
	case DNS_R_NXDOMAIN: break; /* a usable rcode: it came truncated */
	case DNS_R_SERVFAIL: return RES_SERVFAIL;
	case DNS_R_REFUSED: return RES_REFUSED;
	default: return RES_PROTOCOL; /* FORMERR, NOTIMP, YXDOMAIN, ... */
	}
	if (p->saw_truncated)
		return RES_TRUNCATED;
	return p->sent || expired ? RES_TIMEOUT : RES_UNREACHABLE;
}

static enum res_outcome outcome_of(int status, const struct pending *p)
{
	switch (status) {
	case DNS_E_NXDOMAIN: return RES_NXDOMAIN;
	case DNS_E_NODATA: return RES_NODATA;
	case DNS_E_PROTOCOL: return RES_PROTOCOL;
	case DNS_E_NOMEM: return RES_NOMEM;
	case DNS_E_BADQUERY: return RES_PROTOCOL;
	case DNS_E_TEMPFAIL: return failure_outcome(p, false);
	default: return status >= 0 ? RES_OK : RES_PROTOCOL;
	}
}

static void finish(struct pending *p, enum res_outcome outcome, void *parsed)
{
	struct res_reply reply = {
		.outcome = outcome,
		.parsed = parsed,
		.pkt = p->pkt,
		.pkt_len = p->pkt_len,
		.elapsed_ms = (uint32_t)(clock_ms() - p->started_ms),
	};

	memcpy(reply.server, p->server, sizeof reply.server);
	unlink_pending(p);
	p->done(&reply, p->data);
	free(p->pkt);
	free(p);
}

static void on_done(struct dns_ctx *ctx, void *result, void *data)
{
	struct pending *p = data;
	int status = dns_status(ctx);

	finish(p, result ? RES_OK : outcome_of(status, p), result);
}

int resolver_submit(struct resolver *r, const char *name, int qtype,
		    dns_parse_fn *parse, res_done_fn *done, void *data)
{
	struct pending *p = calloc(1, sizeof *p);

	if (!p)
		return -1;
	p->r = r;
	p->done = done;
	p->data = data;
	p->last_rcode = -1;
	p->started_ms = clock_ms();
	p->q = dns_submit_p(r->ctx, name, DNS_C_IN, qtype, DNS_NOSRCH, parse,
			    on_done, p);
	if (!p->q) {
		free(p);
		return -1;
	}
	p->next = r->open;
	if (r->open)
		r->open->prev = p;
	r->open = p;
	r->n_open++;
	return 0;
}

/* The deadline passed: end what is still open, as the wire saw it. */
static void expire_all(struct resolver *r)
{
	while (r->open) {
		struct pending *p = r->open;
		dns_cancel(r->ctx, p->q);
		free(p->q); /* udns leaves a cancelled query to its owner */
		finish(p, failure_outcome(p, true), NULL);
	}
}

void resolver_run(struct resolver *r, int64_t deadline_ms)
{
	struct pollfd pfd = { .fd = dns_sock(r->ctx), .events = POLLIN };

	while (r->n_open > 0) {
		int64_t left = deadline_ms - clock_ms();
		if (left <= 0)
			break;
		/* sends what is queued, retries what timed out */
		int secs = dns_timeouts(r->ctx, -1, 0);
		if (r->n_open == 0)
			break;
		int64_t wait = secs < 0 ? left : (int64_t)secs * 1000;
		if (wait > left)
			wait = left;
		if (wait == 0)
			wait = 1; /* udns counts whole seconds; don't spin */
		int n = waiter_poll(r->waiter, &pfd, 1, (int)wait);
		if (n > 0)
			dns_ioevent(r->ctx, 0);
		else if (n < 0 && errno != EINTR)
			break;
	}
	expire_all(r);
}

int64_t resolver_due(struct resolver *r, int64_t now_ms)
{
	if (r->n_open == 0)
		return INT64_MAX;
	int secs = dns_timeouts(r->ctx, -1, 0);
	if (r->n_open == 0 || secs < 0)
		return INT64_MAX;
	/* udns counts whole seconds; don't spin */
	return now_ms + (secs ? (int64_t)secs * 1000 : 1);
}

void resolver_wait(struct resolver *r, int64_t deadline_ms,
		   bool (*until)(void *ctx), void *ctx)
{
	struct pollfd pfd = { .fd = dns_sock(r->ctx), .events = POLLIN };

	while (r->n_open > 0 && !until(ctx)) {
		int64_t now = clock_ms();
		if (now >= deadline_ms)
			return;
		int64_t due = resolver_due(r, now);
		if (r->n_open == 0)
			return;
		int64_t wait = (due < deadline_ms ? due : deadline_ms) - now;
		int n = waiter_poll(r->waiter, &pfd, 1, wait < 1 ? 1 : (int)wait);
		if (n > 0)
			dns_ioevent(r->ctx, 0);
		else if (n < 0 && errno != EINTR)
			return;
	}
}

void resolver_set_waiter(struct resolver *r, const struct waiter *w)
{
	r->waiter = w;
}

int resolver_socket(const struct resolver *r)
{
	return dns_sock(r->ctx);
}

int resolver_fd(const struct resolver *r)
{
	return r->n_open ? dns_sock(r->ctx) : -1;
}

void resolver_input(struct resolver *r)
{
	dns_ioevent(r->ctx, 0);
}

void resolver_free(struct resolver *r)
{
	if (!r)
		return;
	/* queries left unrun end silently: their callers may be gone */
	while (r->open) {
		struct pending *p = r->open;
		dns_cancel(r->ctx, p->q);
		free(p->q);
		unlink_pending(p);
		free(p->pkt);
		free(p);
	}
	if (r->ctx)
		dns_free(r->ctx);
	free(r);
}

const char *res_outcome_str(enum res_outcome o)
{
	switch (o) {
	case RES_OK: return "ok";
	case RES_NXDOMAIN: return "nxdomain";
	case RES_NODATA: return "nodata";
	case RES_SERVFAIL: return "servfail";
	case RES_REFUSED: return "refused";
	case RES_TRUNCATED: return "truncated";
	case RES_PROTOCOL: return "protocol";
	case RES_TIMEOUT: return "timeout";
	case RES_UNREACHABLE: return "unreachable";
	case RES_NOMEM: return "nomem";
	}
	return "unknown";
}
