/*
 * probe: direct queries to chosen servers over UDP (see probe.h).
 *
 * One socket per address family, on an ephemeral port that a reset (a new
 * report) gives up; each query has a random id and is matched on id,
 * source address and question. A query is tried twice, timeout_ms each,
 * before it ends as PROBE_TIMEOUT. The budget counts packets: retries too.
 */
#include "probe.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include "clock.h"
#include "dnsmsg.h"

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
};

struct probe {
	int fd4, fd6;         /* -1 until first needed */
	struct query *open;
	unsigned timeout_ms;
	unsigned max_queries;
	unsigned sent;
	bool stop;
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

static void end(struct probe *p, struct query *q, enum probe_outcome o,
		const unsigned char *pkt, size_t len)
{
	struct query **pp = &p->open;
	struct probe_reply r = { o, pkt, len, 0 };

	while (*pp && *pp != q)
		pp = &(*pp)->next;
	if (*pp)
		*pp = q->next;
	if (o == PROBE_ANSWERED) {
		int64_t us = clock_us() - q->sent_us;
		r.rtt_us = us > 0 ? (uint32_t)us : 0;
	}
	q->done(&r, q->data);
	free(q);
}

void probe_free(struct probe *p)
{
	if (!p)
		return;
	while (p->open) {
		struct query *q = p->open;
		p->open = q->next;
		free(q);
	}
	if (p->fd4 >= 0)
		close(p->fd4);
	if (p->fd6 >= 0)
		close(p->fd6);
	free(p);
}

void probe_reset(struct probe *p)
{
	p->sent = 0;
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

static int socket_for(struct probe *p, bool v6)
{
	int *fd = v6 ? &p->fd6 : &p->fd4;

	if (*fd < 0) {
		*fd = socket(v6 ? AF_INET6 : AF_INET,
			     SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	}
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

void probe_submit(struct probe *p, const struct probe_target *to,
		  const char *qname, int qtype, bool rd, probe_done_fn *done,
		  void *data)
{
	struct query *q = calloc(1, sizeof *q);
	struct probe_reply failed = { PROBE_FAILED, NULL, 0, 0 };
	unsigned short id;

	if (!q) {
		done(&failed, data);
		return;
	}
	q->done = done;
	q->data = data;
	if (p->sent >= p->max_queries) {
		struct probe_reply limit = { PROBE_LIMIT, NULL, 0, 0 };
		free(q);
		done(&limit, data);
		return;
	}
	if (getrandom(&id, sizeof id, 0) != sizeof id)
		id = (unsigned short)rand();
	int n = dnsmsg_build_query(q->pkt, sizeof q->pkt, id, qname, qtype, rd,
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
	if (n <= 0 || !send_query(p, q)) {
		free(q);
		done(&failed, data);
		return;
	}
	q->next = p->open;
	p->open = q;
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

/* Reads every waiting datagram of fd and ends the queries they answer. */
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
			if (same_peer(q, &from) &&
			    dnsmsg_answers(p->reply, (size_t)n, q->pkt, q->len)) {
				end(p, q, PROBE_ANSWERED, p->reply, (size_t)n);
				break;
			}
		}
	}
}

/* Sends again, or gives up on, what is due; returns the next due time. */
static int64_t retry_due(struct probe *p, int64_t now)
{
	int64_t next = INT64_MAX;
	struct query *q = p->open;

	while (q) {
		struct query *after = q->next;
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
		int64_t wait = (next < deadline_ms ? next : deadline_ms) - now;
		struct pollfd pfd[2] = { { p->fd4, POLLIN, 0 }, { p->fd6, POLLIN, 0 } };
		int r = poll(pfd, 2, wait < 1 ? 1 : (int)wait);
		if (r < 0 && errno != EINTR)
			break;
		if (p->fd4 >= 0 && (pfd[0].revents & (POLLIN | POLLERR)))
			receive(p, p->fd4);
		if (p->fd6 >= 0 && !p->stop && (pfd[1].revents & (POLLIN | POLLERR)))
			receive(p, p->fd6);
	}
	while (p->open)
		end(p, p->open, PROBE_TIMEOUT, NULL, 0);
}
