/*
 * probe: direct queries to chosen servers over UDP and TCP (see probe.h).
 *
 * UDP: one socket per address family, on an ephemeral port that a reset
 * (a new report) gives up; each query has a random id and is matched on
 * id, source address and question. A query is tried twice, timeout_ms
 * each, before it ends as PROBE_TIMEOUT. A truncated reply (TC) moves the
 * query to TCP (RFC 7766).
 * TCP: a socket per query, connected without blocking, the query sent with
 * its two-byte length, the reply read the same way; one try of twice
 * timeout_ms (a handshake more). The budget counts packets and
 * connections: retries too.
 */
#include "dns/probe.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <udns.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/fiber.h"
#include "dns/dnsmsg.h"
#include "dns/resolver.h"

#define QUERY_MAX 512
#define REPLY_MAX 65535
#define TRIES 2

struct query {
	struct query *next;
	struct sockaddr_storage to;
	socklen_t tolen;
	bool v6;
	unsigned char pkt[QUERY_MAX];
	size_t len;
	int tries_left;
	int64_t sent_us;
	int64_t retry_ms;     /* when to send again (or give up) */
	probe_done_fn *done;
	void *data;
	bool tcp;             /* asked over TCP, or moved there by TC */
	bool connected;       /* TCP: the query is sent, the reply awaited */
	int fd;               /* TCP: its socket; -1 otherwise */
	unsigned char *rbuf;  /* TCP: length prefix and reply, as read */
	size_t rlen;
};

struct probe {
	int fd4, fd6;         /* -1 until first needed */
	struct query *open;
	unsigned timeout_ms;
	unsigned max_queries;
	unsigned sent;
	unsigned timeouts;    /* queries that ended without a reply */
	bool stop;
	struct resolver *beside; /* its queries run in probe_run() too */
	const struct waiter *waiter; /* NULL: poll() */
	struct pollfd *pfd;   /* for probe_run(), grown as needed */
	size_t pfd_cap;
	unsigned char reply[REPLY_MAX];
};

struct probe *probe_new(unsigned timeout_ms, unsigned max_queries, char *err,
			size_t errlen)
{
	struct probe *p = calloc(1, sizeof *p);

	if (!p) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	p->fd4 = p->fd6 = -1;
	p->timeout_ms = timeout_ms;
	p->max_queries = max_queries;
	return p;
}

static void free_query(struct query *q)
{
	if (q->fd >= 0)
		close(q->fd);
	free(q->rbuf);
	free(q);
}

static void end(struct probe *p, struct query *q, enum probe_outcome o,
		const unsigned char *pkt, size_t len)
{
	struct query **pp = &p->open;
	struct probe_reply r = { .outcome = o, .pkt = pkt, .len = len };

	while (*pp && *pp != q)
		pp = &(*pp)->next;
	if (*pp)
		*pp = q->next;
	if (o == PROBE_TIMEOUT)
		p->timeouts++;
	if (o == PROBE_ANSWERED) {
		int64_t us = clock_us() - q->sent_us;
		r.rtt_us = us > 0 ? (uint32_t)us : 0;
	}
	r.tcp = q->tcp;
	q->done(&r, q->data);
	free_query(q);
}

void probe_free(struct probe *p)
{
	if (!p)
		return;
	while (p->open) {
		struct query *q = p->open;
		p->open = q->next;
		free_query(q);
	}
	if (p->fd4 >= 0)
		close(p->fd4);
	if (p->fd6 >= 0)
		close(p->fd6);
	free(p->pfd);
	free(p);
}

void probe_reset(struct probe *p)
{
	p->sent = 0;
	p->timeouts = 0;
	/* new sockets, new source ports: a server that saw one report's port
	 * cannot aim forged replies at the next report */
	if (p->fd4 >= 0)
		close(p->fd4);
	if (p->fd6 >= 0)
		close(p->fd6);
	p->fd4 = p->fd6 = -1;
}

bool probe_take(struct probe *p)
{
	if (p->sent >= p->max_queries)
		return false;
	p->sent++;
	return true;
}

unsigned probe_sent(const struct probe *p)
{
	return p->sent;
}

unsigned probe_timeouts(const struct probe *p)
{
	return p->timeouts;
}

/* A new socket, moved to FD_SETSIZE or above when the process may have
 * that many descriptors: the numbers below are left to the web server's
 * connections, which libfcgi hands to select(). */
static int new_socket(int family, int type)
{
	int fd = socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd >= 0 && fd < FD_SETSIZE) {
		int high = fcntl(fd, F_DUPFD_CLOEXEC, FD_SETSIZE);
		if (high >= 0) {
			close(fd);
			fd = high;
		}
	}
	return fd;
}

static int socket_for(struct probe *p, bool v6)
{
	int *fd = v6 ? &p->fd6 : &p->fd4;

	if (*fd < 0)
		*fd = new_socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM);
	return *fd;
}

static bool send_query(struct probe *p, struct query *q)
{
	int fd = socket_for(p, q->v6);

	if (p->sent >= p->max_queries || fd < 0 ||
	    sendto(fd, q->pkt, q->len, 0, (struct sockaddr *)&q->to,
		   q->tolen) < 0)
		return false;
	p->sent++;
	q->sent_us = clock_us();
	q->retry_ms = clock_ms() + p->timeout_ms;
	q->tries_left--;
	return true;
}

/* Opens q's TCP connection (the query goes out once it is up). */
static bool start_tcp(struct probe *p, struct query *q)
{
	if (p->sent >= p->max_queries)
		return false;
	q->fd = new_socket(q->v6 ? AF_INET6 : AF_INET, SOCK_STREAM);
	if (q->fd < 0)
		return false;
	q->tcp = true;
	p->sent++;
	q->sent_us = clock_us();
	q->retry_ms = clock_ms() + 2 * (int64_t)p->timeout_ms;
	q->tries_left = 0;
	if (connect(q->fd, (struct sockaddr *)&q->to, q->tolen) < 0 &&
	    errno != EINPROGRESS) {
		close(q->fd); /* refused at once: known when it ends */
		q->fd = -1;
	}
	return true;
}

/* The query, ready to go to `to`; NULL (done already called) if not. */
static struct query *new_query(struct probe *p, const struct probe_target *to,
			       const char *qname, int qtype, unsigned flags,
			       probe_done_fn *done, void *data)
{
	struct query *q = calloc(1, sizeof *q);
	struct probe_reply failed = { .outcome = PROBE_FAILED };
	unsigned short id;

	if (!q) {
		done(&failed, data);
		return NULL;
	}
	q->fd = -1;
	q->done = done;
	q->data = data;
	if (p->sent >= p->max_queries) {
		struct probe_reply limit = { .outcome = PROBE_LIMIT };
		free(q);
		done(&limit, data);
		return NULL;
	}
	if (getrandom(&id, sizeof id, 0) != sizeof id)
		id = (unsigned short)rand();
	int n = dnsmsg_build_query(q->pkt, sizeof q->pkt, id, qname, qtype, flags,
				   1232);
	q->v6 = to->v6;
	if (to->v6) {
		struct sockaddr_in6 *s = (struct sockaddr_in6 *)&q->to;
		s->sin6_family = AF_INET6;
		s->sin6_port = htons(to->port ? to->port : 53);
		memcpy(&s->sin6_addr, to->addr, 16);
		q->tolen = sizeof *s;
	} else {
		struct sockaddr_in *s = (struct sockaddr_in *)&q->to;
		s->sin_family = AF_INET;
		s->sin_port = htons(to->port ? to->port : 53);
		memcpy(&s->sin_addr, to->addr, 4);
		q->tolen = sizeof *s;
	}
	q->len = n > 0 ? (size_t)n : 0;
	q->tries_left = TRIES;
	if (n <= 0) {
		free(q);
		done(&failed, data);
		return NULL;
	}
	return q;
}

static void submit(struct probe *p, const struct probe_target *to,
		   const char *qname, int qtype, unsigned flags, bool tcp,
		   probe_done_fn *done, void *data)
{
	struct query *q = new_query(p, to, qname, qtype, flags, done, data);

	if (!q)
		return;
	if (!(tcp ? start_tcp(p, q) : send_query(p, q))) {
		struct probe_reply failed = { .outcome = PROBE_FAILED, .tcp = tcp };
		free_query(q);
		done(&failed, data);
		return;
	}
	q->next = p->open;
	p->open = q;
}

void probe_submit(struct probe *p, const struct probe_target *to,
		  const char *qname, int qtype, bool rd, probe_done_fn *done,
		  void *data)
{
	submit(p, to, qname, qtype, rd ? DNSMSG_RD : 0, false, done, data);
}

void probe_submit_dnssec(struct probe *p, const struct probe_target *to,
			 const char *qname, int qtype, probe_done_fn *done,
			 void *data)
{
	submit(p, to, qname, qtype, DNSMSG_DO, false, done, data);
}

void probe_submit_tcp(struct probe *p, const struct probe_target *to,
		      const char *qname, int qtype, bool rd,
		      probe_done_fn *done, void *data)
{
	submit(p, to, qname, qtype, rd ? DNSMSG_RD : 0, true, done, data);
}

static bool same_peer(const struct query *q, const struct sockaddr_storage *from)
{
	if (q->v6) {
		const struct sockaddr_in6 *a = (const void *)&q->to, *b = (const void *)from;
		return from->ss_family == AF_INET6 && a->sin6_port == b->sin6_port &&
		       memcmp(&a->sin6_addr, &b->sin6_addr, 16) == 0;
	}
	const struct sockaddr_in *a = (const void *)&q->to, *b = (const void *)from;
	return from->ss_family == AF_INET && a->sin_port == b->sin_port &&
	       a->sin_addr.s_addr == b->sin_addr.s_addr;
}

/* Reads every waiting datagram of fd and ends the queries they answer;
 * a truncated answer sends its query again over TCP. */
static void receive(struct probe *p, int fd)
{
	for (;;) {
		struct sockaddr_storage from;
		socklen_t fl = sizeof from;
		ssize_t n = recvfrom(fd, p->reply, sizeof p->reply, 0,
				     (struct sockaddr *)&from, &fl);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return; /* EAGAIN, or an ICMP error for some query */
		}
		if (p->stop)
			return;
		for (struct query *q = p->open; q; q = q->next) {
			if (q->tcp || !same_peer(q, &from) ||
			    !dnsmsg_answers(p->reply, (size_t)n, q->pkt, q->len))
				continue;
			/* no TCP to be had: the cut reply is what there is */
			if (!dns_tc(p->reply) || !start_tcp(p, q))
				end(p, q, PROBE_ANSWERED, p->reply, (size_t)n);
			break;
		}
	}
}

/* TCP: the connection is up: send the query with its length. */
static void tcp_send(struct probe *p, struct query *q)
{
	unsigned char msg[2 + QUERY_MAX];
	int err = 0;
	socklen_t el = sizeof err;

	if (getsockopt(q->fd, SOL_SOCKET, SO_ERROR, &err, &el) < 0 || err) {
		end(p, q, PROBE_REFUSED, NULL, 0);
		return;
	}
	msg[0] = (unsigned char)(q->len >> 8);
	msg[1] = (unsigned char)q->len;
	memcpy(msg + 2, q->pkt, q->len);
	/* a few hundred bytes into an empty socket buffer: all or nothing */
	if (send(q->fd, msg, q->len + 2, MSG_NOSIGNAL) != (ssize_t)(q->len + 2)) {
		end(p, q, PROBE_REFUSED, NULL, 0);
		return;
	}
	q->connected = true;
}

/* TCP: reads what came; ends the query once the whole reply is in. */
static void tcp_read(struct probe *p, struct query *q)
{
	if (!q->rbuf && !(q->rbuf = malloc(2 + REPLY_MAX))) {
		end(p, q, PROBE_FAILED, NULL, 0);
		return;
	}
	size_t want = q->rlen < 2 ? 2 :
		      2 + ((size_t)q->rbuf[0] << 8 | q->rbuf[1]);
	ssize_t n = recv(q->fd, q->rbuf + q->rlen, want - q->rlen, 0);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {  /* closed, or reset, before a whole reply */
		end(p, q, PROBE_REFUSED, NULL, 0);
		return;
	}
	q->rlen += (size_t)n;
	if (q->rlen < 2 || q->rlen < 2 + ((size_t)q->rbuf[0] << 8 | q->rbuf[1]))
		return;
	size_t len = q->rlen - 2;
	if (len == 0 || !dnsmsg_answers(q->rbuf + 2, len, q->pkt, q->len))
		end(p, q, PROBE_REFUSED, NULL, 0); /* not an answer to it */
	else
		end(p, q, PROBE_ANSWERED, q->rbuf + 2, len);
}

/* Sends again, or gives up on, what is due; returns the next due time. */
static int64_t retry_due(struct probe *p, int64_t now)
{
	int64_t next = INT64_MAX;
	struct query *q = p->open;

	while (q) {
		struct query *after = q->next;
		if (q->tcp && q->fd < 0) { /* its connect() failed at once */
			end(p, q, PROBE_REFUSED, NULL, 0);
			q = after;
			continue;
		}
		if (q->retry_ms <= now) {
			if (q->tries_left <= 0 || !send_query(p, q)) {
				end(p, q, PROBE_TIMEOUT, NULL, 0);
				q = after;
				continue;
			}
		}
		if (q->retry_ms < next)
			next = q->retry_ms;
		q = after;
	}
	return next;
}

/* The sockets to wait on: the two UDP ones, then each TCP query's, with
 * room for one more (the resolver's). 0 when there is no room for them. */
static size_t poll_set(struct probe *p)
{
	size_t n = 3;

	for (struct query *q = p->open; q; q = q->next)
		n += q->tcp;
	if (n > p->pfd_cap) {
		struct pollfd *v = realloc(p->pfd, n * sizeof *v);
		if (!v)
			return 0;
		p->pfd = v;
		p->pfd_cap = n;
	}
	p->pfd[0] = (struct pollfd){ p->fd4, POLLIN, 0 };
	p->pfd[1] = (struct pollfd){ p->fd6, POLLIN, 0 };
	n = 2;
	for (struct query *q = p->open; q; q = q->next)
		if (q->tcp)
			p->pfd[n++] = (struct pollfd){
				q->fd, q->connected ? POLLIN : POLLOUT, 0 };
	return n;
}

/* The TCP query whose socket is fd, if it is still open. */
static struct query *tcp_query(struct probe *p, int fd)
{
	for (struct query *q = p->open; q; q = q->next)
		if (q->tcp && q->fd == fd)
			return q;
	return NULL;
}

void probe_beside(struct probe *p, struct resolver *r)
{
	p->beside = r;
}

void probe_set_waiter(struct probe *p, const struct waiter *w)
{
	p->waiter = w;
}

void probe_stop(struct probe *p)
{
	p->stop = true;
}

void probe_run(struct probe *p, int64_t deadline_ms)
{
	p->stop = false;
	while (p->open && !p->stop) {
		int64_t now = clock_ms();
		if (now >= deadline_ms)
			break;
		int64_t next = retry_due(p, now);
		if (!p->open)
			break;
		size_t n = poll_set(p), all = n;
		if (n == 0)
			break;
		int rfd = -1;
		if (p->beside) {
			int64_t due = resolver_due(p->beside, now);
			next = due < next ? due : next;
			rfd = resolver_fd(p->beside);
		}
		if (rfd >= 0)
			p->pfd[all++] = (struct pollfd){ rfd, POLLIN, 0 };
		int64_t wait = (next < deadline_ms ? next : deadline_ms) - now;
		int r = waiter_poll(p->waiter, p->pfd, all, wait < 1 ? 1 : (int)wait);
		if (r < 0 && errno != EINTR)
			break;
		if (rfd >= 0 && (p->pfd[n].revents & (POLLIN | POLLERR)))
			resolver_input(p->beside);
		if (p->fd4 >= 0 && (p->pfd[0].revents & (POLLIN | POLLERR)))
			receive(p, p->fd4);
		if (p->fd6 >= 0 && !p->stop && (p->pfd[1].revents & (POLLIN | POLLERR)))
			receive(p, p->fd6);
		/* by descriptor: a callback may have ended other queries */
		for (size_t i = 2; i < n && !p->stop; i++) {
			struct query *q = p->pfd[i].revents ?
					  tcp_query(p, p->pfd[i].fd) : NULL;
			if (q && !q->connected)
				tcp_send(p, q);
			else if (q)
				tcp_read(p, q);
		}
	}
	while (p->open)
		end(p, p->open, PROBE_TIMEOUT, NULL, 0);
}
