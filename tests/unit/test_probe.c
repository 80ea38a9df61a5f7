/*
 * Unit tests of probe: direct queries to a fake server on 127.0.0.1 (and
 * ::1 when the loopback has IPv6), on a kernel-chosen port.
 *
 * No thread and no child process: probe_submit() sends at once, so the
 * test reads the query from its own socket, sends whatever reply the case
 * needs (right, wrong id, wrong question, another source port) before
 * probe_run() and lets the poll loop find it. Silence is a reply never
 * sent; retries are counted as datagrams waiting at the server. Waiting
 * for a datagram is a poll() with a generous bound, never a sleep.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <udns.h>

#include "util/clock.h"
#include "dns/probe.h"
#include "suites.h"

#define WAIT_MS 2000   /* bound on waiting for a datagram that must come */
#define PKT_MAX 1500

/* --- the fake server ------------------------------------------------ */

struct server {
	int fd;
	struct probe_target target;
};

/* Binds a UDP socket on the loopback; false when the family is missing. */
static bool server_open(struct server *s, bool v6)
{
	struct sockaddr_storage ss;
	socklen_t len;

	memset(s, 0, sizeof *s);
	memset(&ss, 0, sizeof ss);
	s->fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s->fd < 0)
		return false;
	if (v6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
		a->sin6_family = AF_INET6;
		a->sin6_addr = in6addr_loopback;
		len = sizeof *a;
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;
		a->sin_family = AF_INET;
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		len = sizeof *a;
	}
	if (bind(s->fd, (struct sockaddr *)&ss, len) != 0 ||
	    getsockname(s->fd, (struct sockaddr *)&ss, &len) != 0) {
		close(s->fd);
		s->fd = -1;
		return false;
	}
	s->target.v6 = v6;
	if (v6) {
		const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)&ss;
		memcpy(s->target.addr, &a->sin6_addr, 16);
		s->target.port = ntohs(a->sin6_port);
	} else {
		const struct sockaddr_in *a = (const struct sockaddr_in *)&ss;
		memcpy(s->target.addr, &a->sin_addr, 4);
		s->target.port = ntohs(a->sin_port);
	}
	ck_assert_uint_ne(s->target.port, 0);
	return true;
}

static void server_open4(struct server *s)
{
	ck_assert_msg(server_open(s, false), "no UDP socket on 127.0.0.1: %s",
		      strerror(errno));
}

static void server_close(struct server *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}

/* One datagram received (waiting up to wait_ms); -1 when none came. */
struct dgram {
	unsigned char b[PKT_MAX];
	size_t len;
	struct sockaddr_storage from;
	socklen_t fromlen;
};

static int server_recv(struct server *s, struct dgram *d, int wait_ms)
{
	struct pollfd pfd = { s->fd, POLLIN, 0 };

	if (poll(&pfd, 1, wait_ms) != 1)
		return -1;
	d->fromlen = sizeof d->from;
	ssize_t n = recvfrom(s->fd, d->b, sizeof d->b, MSG_DONTWAIT,
			     (struct sockaddr *)&d->from, &d->fromlen);
	if (n < 0)
		return -1;
	d->len = (size_t)n;
	return 0;
}

/* The next query, which must come. */
static void server_query(struct server *s, struct dgram *d)
{
	ck_assert_msg(server_recv(s, d, WAIT_MS) == 0, "no query arrived");
	ck_assert_uint_ge(d->len, DNS_HSIZE + 5);
}

/* Datagrams already waiting (no waiting for more). */
static unsigned server_pending(struct server *s)
{
	struct dgram d;
	unsigned n = 0;

	while (server_recv(s, &d, 0) == 0)
		n++;
	return n;
}

static void server_send(struct server *s, const struct dgram *to,
			const unsigned char *pkt, size_t len)
{
	ck_assert_int_eq(sendto(s->fd, pkt, len, 0,
				(const struct sockaddr *)&to->from, to->fromlen),
			 (ssize_t)len);
}

/* Just past the question (name, type, class) of a query. */
static size_t question_end(const struct dgram *q)
{
	size_t at = DNS_HSIZE;

	while (at < q->len && q->b[at] != 0)
		at += (size_t)q->b[at] + 1;
	ck_assert_uint_le(at + 5, q->len);
	return at + 5;
}

/* The question's name, dotted. */
static void question_name(const struct dgram *q, char *out, size_t size)
{
	size_t at = DNS_HSIZE, o = 0;

	while (at < q->len && q->b[at] != 0) {
		size_t l = q->b[at++];
		ck_assert_uint_lt(o + l + 2, size);
		if (o)
			out[o++] = '.';
		memcpy(out + o, q->b + at, l);
		o += l;
		at += l;
	}
	out[o] = '\0';
}

/* A reply to q: its id and question, QR and AA, the rcode, no records. */
static size_t reply_to(const struct dgram *q, unsigned rcode,
		       unsigned char *out)
{
	size_t end = question_end(q);

	memcpy(out, q->b, end);
	out[2] = (unsigned char)(0x80 | 0x04 | (q->b[2] & 0x01));
	out[3] = (unsigned char)rcode;
	memset(out + 6, 0, 6);
	return end;
}

/* --- what the callbacks saw ----------------------------------------- */

struct seen {
	int calls;
	enum probe_outcome outcome;
	unsigned char pkt[PKT_MAX];
	size_t len;
	uint32_t rtt_us;
	struct probe *stop_on_answer;
};

static void on_done(const struct probe_reply *r, void *data)
{
	struct seen *s = data;

	s->calls++;
	s->outcome = r->outcome;
	s->rtt_us = r->rtt_us;
	s->len = 0;
	if (r->outcome == PROBE_ANSWERED) {
		ck_assert_ptr_nonnull(r->pkt);
		ck_assert_uint_le(r->len, sizeof s->pkt);
		memcpy(s->pkt, r->pkt, r->len);
		s->len = r->len;
		if (s->stop_on_answer)
			probe_stop(s->stop_on_answer);
	}
}

static struct probe *make_probe(unsigned timeout_ms, unsigned max_queries)
{
	char err[128];
	struct probe *p = probe_new(timeout_ms, max_queries, err, sizeof err);

	ck_assert_msg(p != NULL, "%s", err);
	ck_assert_uint_eq(probe_sent(p), 0);
	return p;
}

static void assert_outcome(const struct seen *s, enum probe_outcome o)
{
	ck_assert_int_eq(s->calls, 1);
	ck_assert_int_eq(s->outcome, o);
}

/* --- tests ---------------------------------------------------------- */

/* One query, one reply: the reply as sent, and a round-trip time that
 * fits between what the test itself measured. */
static void answered_on(struct server *srv)
{
	struct probe *p = make_probe(1000, 10);
	struct seen seen = { 0 };
	struct dgram q;
	unsigned char reply[PKT_MAX];
	char name[256];

	int64_t t0 = clock_us();
	probe_submit(p, &srv->target, "Example.COM", DNS_T_NS, false, on_done,
		     &seen);
	int64_t t_sent = clock_us();
	ck_assert_int_eq(seen.calls, 0);
	ck_assert_uint_eq(probe_sent(p), 1);

	server_query(srv, &q);
	ck_assert_int_eq(q.b[2] & 0x80, 0);      /* a query */
	ck_assert_int_eq(q.b[2] & 0x01, 0);      /* RD off */
	ck_assert_uint_eq(dns_numqd(q.b), 1);
	question_name(&q, name, sizeof name);
	ck_assert_str_eq(name, "Example.COM");
	size_t qend = question_end(&q);
	ck_assert_uint_eq(dns_get16(q.b + qend - 4), DNS_T_NS);
	ck_assert_uint_eq(dns_get16(q.b + qend - 2), DNS_C_IN);

	size_t n = reply_to(&q, 0, reply);
	server_send(srv, &q, reply, n);
	int64_t t_replied = clock_us();
	probe_run(p, clock_ms() + WAIT_MS);
	int64_t t_end = clock_us();

	assert_outcome(&seen, PROBE_ANSWERED);
	ck_assert_uint_eq(seen.len, n);
	ck_assert_mem_eq(seen.pkt, reply, n);
	ck_assert_int_ge((int64_t)seen.rtt_us, t_replied - t_sent);
	ck_assert_int_le((int64_t)seen.rtt_us, t_end - t0);
	ck_assert_uint_eq(server_pending(srv), 0); /* no retry was sent */
	ck_assert_uint_eq(probe_sent(p), 1);

	/* rd: the RD bit */
	memset(&seen, 0, sizeof seen);
	probe_submit(p, &srv->target, "example.com", DNS_T_SOA, true, on_done,
		     &seen);
	server_query(srv, &q);
	ck_assert_int_eq(q.b[2] & 0x01, 0x01);
	ck_assert_uint_eq(dns_get16(q.b + question_end(&q) - 4), DNS_T_SOA);
	server_send(srv, &q, reply, reply_to(&q, DNS_R_REFUSED, reply));
	probe_run(p, clock_ms() + WAIT_MS);
	assert_outcome(&seen, PROBE_ANSWERED); /* any rcode is an answer */
	ck_assert_uint_eq(seen.pkt[3] & 0x0F, DNS_R_REFUSED);
	ck_assert_uint_eq(probe_sent(p), 2);
	probe_free(p);
}

START_TEST(test_answered)
{
	struct server srv;

	server_open4(&srv);
	answered_on(&srv);
	server_close(&srv);
}
END_TEST

START_TEST(test_ipv6)
{
	struct server srv;

	/* name servers on IPv6 are part of every report: no IPv6 on the
	 * test machine is a failure, not a reason to skip */
	ck_assert_msg(server_open(&srv, true), "cannot bind ::1: %s",
		      strerror(errno));
	answered_on(&srv);

	/* the queries came from an IPv6 socket */
	struct probe *p = make_probe(1000, 10);
	struct seen seen = { 0 };
	struct dgram q;
	unsigned char reply[PKT_MAX];
	probe_submit(p, &srv.target, "example.com", DNS_T_NS, false, on_done,
		     &seen);
	server_query(&srv, &q);
	ck_assert_int_eq(q.from.ss_family, AF_INET6);
	server_send(&srv, &q, reply, reply_to(&q, 0, reply));
	probe_run(p, clock_ms() + WAIT_MS);
	assert_outcome(&seen, PROBE_ANSWERED);
	probe_free(p);
	server_close(&srv);
}
END_TEST

/* Silence: two tries of timeout_ms each, then PROBE_TIMEOUT. */
START_TEST(test_timeout_two_tries)
{
	struct server srv;
	struct probe *p = make_probe(30, 10);
	struct seen seen = { 0 };
	struct dgram first, second;

	server_open4(&srv);
	int64_t t0 = clock_ms();
	probe_submit(p, &srv.target, "example.com", DNS_T_NS, false, on_done,
		     &seen);
	probe_run(p, t0 + WAIT_MS);
	int64_t took = clock_ms() - t0;

	assert_outcome(&seen, PROBE_TIMEOUT);
	ck_assert_int_ge(took, 2 * 30 - 2);
	ck_assert_int_lt(took, WAIT_MS);
	ck_assert_int_eq(server_recv(&srv, &first, WAIT_MS), 0);
	ck_assert_int_eq(server_recv(&srv, &second, WAIT_MS), 0);
	ck_assert_uint_eq(server_pending(&srv), 0);
	/* the retry is the same query, from the same socket */
	ck_assert_uint_eq(first.len, second.len);
	ck_assert_mem_eq(first.b, second.b, first.len);
	ck_assert_uint_eq(first.fromlen, second.fromlen);
	ck_assert_mem_eq(&first.from, &second.from, first.fromlen);
	ck_assert_uint_eq(probe_sent(p), 2); /* each try is a packet */
	probe_free(p);
	server_close(&srv);
}
END_TEST

static void answer_next(struct server *srv);

/* A retry is not sent when it would pass the budget. */
START_TEST(test_retry_within_budget)
{
	struct server srv;
	struct probe *p = make_probe(30, 1);
	struct seen seen = { 0 };
	struct dgram first;

	server_open4(&srv);
	probe_submit(p, &srv.target, "example.com", DNS_T_NS, false, on_done,
		     &seen);
	probe_run(p, clock_ms() + WAIT_MS);
	assert_outcome(&seen, PROBE_TIMEOUT);
	ck_assert_int_eq(server_recv(&srv, &first, WAIT_MS), 0);
	ck_assert_uint_eq(server_pending(&srv), 0);
	ck_assert_uint_eq(probe_sent(p), 1);
	probe_free(p);
	server_close(&srv);
}
END_TEST

/* Queries sent elsewhere share the budget. */
START_TEST(test_take)
{
	struct server srv;
	struct probe *p = make_probe(1000, 2);
	struct seen seen[2];

	memset(seen, 0, sizeof seen);
	server_open4(&srv);
	ck_assert(probe_take(p));
	ck_assert_uint_eq(probe_sent(p), 1);
	probe_submit(p, &srv.target, "a.example", DNS_T_NS, false, on_done, &seen[0]);
	ck_assert_uint_eq(probe_sent(p), 2);
	ck_assert(!probe_take(p));
	ck_assert_uint_eq(probe_sent(p), 2);
	probe_submit(p, &srv.target, "b.example", DNS_T_NS, false, on_done, &seen[1]);
	assert_outcome(&seen[1], PROBE_LIMIT);
	answer_next(&srv);
	probe_run(p, clock_ms() + WAIT_MS);
	assert_outcome(&seen[0], PROBE_ANSWERED);
	probe_free(p);
	server_close(&srv);
}
END_TEST

static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

/* A reset gives the socket up: the next report gets a new source port. */
START_TEST(test_reset_closes_socket)
{
	struct server srv;
	struct probe *p = make_probe(1000, 10);
	struct seen seen[2];

	memset(seen, 0, sizeof seen);
	server_open4(&srv);
	int before = open_fds();
	probe_submit(p, &srv.target, "a.example", DNS_T_NS, false, on_done, &seen[0]);
	ck_assert_int_eq(open_fds(), before + 1);
	answer_next(&srv);
	probe_run(p, clock_ms() + WAIT_MS);
	probe_reset(p);
	ck_assert_int_eq(open_fds(), before);
	/* and the probe still works after it */
	probe_submit(p, &srv.target, "b.example", DNS_T_NS, false, on_done, &seen[1]);
	answer_next(&srv);
	probe_run(p, clock_ms() + WAIT_MS);
	assert_outcome(&seen[1], PROBE_ANSWERED);
	probe_free(p);
	server_close(&srv);
}
END_TEST

/* The deadline ends what is open, before its tries are used up. */
START_TEST(test_deadline)
{
	struct server srv;
	struct probe *p = make_probe(5000, 10);
	struct seen seen = { 0 };

	server_open4(&srv);
	int64_t t0 = clock_ms();
	probe_submit(p, &srv.target, "example.com", DNS_T_NS, false, on_done,
		     &seen);
	probe_run(p, t0 + 50);
	int64_t took = clock_ms() - t0;

	assert_outcome(&seen, PROBE_TIMEOUT);
	ck_assert_int_ge(took, 49);
	ck_assert_int_lt(took, 1000);
	ck_assert_int_eq(server_pending(&srv), 1);

	/* a deadline already passed: nothing waits */
	memset(&seen, 0, sizeof seen);
	probe_submit(p, &srv.target, "example.com", DNS_T_NS, false, on_done,
		     &seen);
	t0 = clock_ms();
	probe_run(p, t0 - 1);
	assert_outcome(&seen, PROBE_TIMEOUT);
	ck_assert_int_lt(clock_ms() - t0, 1000);
	probe_free(p);
	server_close(&srv);
}
END_TEST

/* Reads the next query and answers it with rcode 0. */
static void answer_next(struct server *srv)
{
	struct dgram q;
	unsigned char reply[PKT_MAX];

	server_query(srv, &q);
	server_send(srv, &q, reply, reply_to(&q, 0, reply));
}

START_TEST(test_limit)
{
	struct server srv;
	struct probe *p = make_probe(1000, 2);
	struct seen seen[5];

	memset(seen, 0, sizeof seen);
	server_open4(&srv);
	probe_submit(p, &srv.target, "a.example", DNS_T_NS, false, on_done, &seen[0]);
	probe_submit(p, &srv.target, "b.example", DNS_T_NS, false, on_done, &seen[1]);
	ck_assert_uint_eq(probe_sent(p), 2);
	/* over the budget: ended at once, not sent, not counted */
	probe_submit(p, &srv.target, "c.example", DNS_T_NS, false, on_done, &seen[2]);
	assert_outcome(&seen[2], PROBE_LIMIT);
	ck_assert_int_eq(seen[0].calls, 0);
	ck_assert_int_eq(seen[1].calls, 0);
	ck_assert_uint_eq(probe_sent(p), 2);

	answer_next(&srv);
	answer_next(&srv);
	ck_assert_uint_eq(server_pending(&srv), 0);
	probe_run(p, clock_ms() + WAIT_MS);
	assert_outcome(&seen[0], PROBE_ANSWERED);
	assert_outcome(&seen[1], PROBE_ANSWERED);
	ck_assert_int_eq(seen[2].calls, 1);

	/* the budget stays spent across runs ... */
	probe_submit(p, &srv.target, "d.example", DNS_T_NS, false, on_done, &seen[3]);
	assert_outcome(&seen[3], PROBE_LIMIT);
	ck_assert_uint_eq(server_pending(&srv), 0);

	/* ... until a reset */
	probe_reset(p);
	ck_assert_uint_eq(probe_sent(p), 0);
	probe_submit(p, &srv.target, "e.example", DNS_T_NS, false, on_done, &seen[4]);
	ck_assert_int_eq(seen[4].calls, 0);
	ck_assert_uint_eq(probe_sent(p), 1);
	answer_next(&srv);
	probe_run(p, clock_ms() + WAIT_MS);
	assert_outcome(&seen[4], PROBE_ANSWERED);
	probe_free(p);
	server_close(&srv);
}
END_TEST

/* No budget at all: everything ends as PROBE_LIMIT. */
START_TEST(test_limit_zero)
{
	struct server srv;
	struct probe *p = make_probe(1000, 0);
	struct seen seen = { 0 };

	server_open4(&srv);
	probe_submit(p, &srv.target, "example.com", DNS_T_NS, false, on_done,
		     &seen);
	assert_outcome(&seen, PROBE_LIMIT);
	ck_assert_uint_eq(probe_sent(p), 0);
	probe_run(p, clock_ms() + WAIT_MS);
	ck_assert_int_eq(seen.calls, 1);
	ck_assert_uint_eq(server_pending(&srv), 0);
	probe_free(p);
	server_close(&srv);
}
END_TEST

/* A name that cannot be put in a query ends as PROBE_FAILED, at once. */
START_TEST(test_failed)
{
	struct server srv;
	struct probe *p = make_probe(1000, 10);
	struct seen seen = { 0 };
	char label[80];

	server_open4(&srv);
	memset(label, 'a', 64);
	memcpy(label + 64, ".example", sizeof ".example");
	probe_submit(p, &srv.target, label, DNS_T_NS, false, on_done, &seen);
	assert_outcome(&seen, PROBE_FAILED);
	probe_run(p, clock_ms() + WAIT_MS);
	ck_assert_int_eq(seen.calls, 1);
	ck_assert_uint_eq(server_pending(&srv), 0);
	probe_free(p);
	server_close(&srv);
}
END_TEST

static const char *const three[] = { "a.example", "b.example", "c.example" };

/* The first answer is enough: probe_stop() from its callback ends the
 * run at once, and the rest end as PROBE_TIMEOUT. */
START_TEST(test_stop)
{
	struct server srv;
	struct probe *p = make_probe(5000, 10);
	struct seen seen[3];
	struct dgram q;
	unsigned char reply[PKT_MAX];
	char name[256];

	memset(seen, 0, sizeof seen);
	server_open4(&srv);
	for (int i = 0; i < 3; i++) {
		seen[i].stop_on_answer = p;
		probe_submit(p, &srv.target, three[i], DNS_T_NS, false, on_done,
			     &seen[i]);
	}
	/* only b answers */
	for (int i = 0; i < 3; i++) {
		server_query(&srv, &q);
		question_name(&q, name, sizeof name);
		if (strcmp(name, "b.example") == 0)
			server_send(&srv, &q, reply, reply_to(&q, 0, reply));
	}
	int64_t t0 = clock_ms();
	probe_run(p, t0 + 3000);
	ck_assert_int_lt(clock_ms() - t0, 1000);
	assert_outcome(&seen[0], PROBE_TIMEOUT);
	assert_outcome(&seen[1], PROBE_ANSWERED);
	assert_outcome(&seen[2], PROBE_TIMEOUT);
	probe_free(p);
	server_close(&srv);
}
END_TEST

/* All answer: the first one read stops the run, the others are not
 * taken; and a later run starts afresh. */
START_TEST(test_stop_with_replies_waiting)
{
	struct server srv;
	struct probe *p = make_probe(5000, 10);
	struct seen seen[4];
	int answered = 0, timeouts = 0;

	memset(seen, 0, sizeof seen);
	server_open4(&srv);
	for (int i = 0; i < 3; i++) {
		seen[i].stop_on_answer = p;
		probe_submit(p, &srv.target, three[i], DNS_T_NS, false, on_done,
			     &seen[i]);
	}
	for (int i = 0; i < 3; i++)
		answer_next(&srv);
	int64_t t0 = clock_ms();
	probe_run(p, t0 + 3000);
	ck_assert_int_lt(clock_ms() - t0, 1000);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(seen[i].calls, 1);
		answered += seen[i].outcome == PROBE_ANSWERED;
		timeouts += seen[i].outcome == PROBE_TIMEOUT;
	}
	ck_assert_int_eq(answered, 1);
	ck_assert_int_eq(timeouts, 2);

	/* the stop does not outlive its run */
	probe_submit(p, &srv.target, "d.example", DNS_T_NS, false, on_done,
		     &seen[3]);
	answer_next(&srv);
	probe_run(p, clock_ms() + WAIT_MS);
	assert_outcome(&seen[3], PROBE_ANSWERED);
	probe_free(p);
	server_close(&srv);
}
END_TEST

/* Replies that do not answer the query are ignored: wrong id, another
 * name or type, no QR bit, too short, or from another port. */
static void send_wrong_replies(struct server *srv, const struct dgram *q)
{
	unsigned char r[PKT_MAX];
	size_t n, qend = question_end(q);
	struct server other;

	n = reply_to(q, DNS_R_REFUSED, r);
	r[1] ^= 0x01;                         /* id */
	server_send(srv, q, r, n);

	n = reply_to(q, DNS_R_REFUSED, r);
	r[DNS_HSIZE + 1] = 'x';               /* first letter of the name */
	server_send(srv, q, r, n);

	n = reply_to(q, DNS_R_REFUSED, r);
	r[qend - 3] = DNS_T_A;                /* type */
	server_send(srv, q, r, n);

	n = reply_to(q, DNS_R_REFUSED, r);
	r[qend - 1] = DNS_C_CH;               /* class */
	server_send(srv, q, r, n);

	n = reply_to(q, DNS_R_REFUSED, r);
	r[2] &= 0x7F;                         /* QR */
	server_send(srv, q, r, n);

	n = reply_to(q, DNS_R_REFUSED, r);
	server_send(srv, q, r, DNS_HSIZE - 1); /* a short header */
	server_send(srv, q, r, n - 3);         /* a cut question */

	server_open4(&other);
	n = reply_to(q, DNS_R_REFUSED, r);
	server_send(&other, q, r, n);
	server_close(&other);
}

START_TEST(test_wrong_replies)
{
	struct server srv;
	struct probe *p = make_probe(1000, 10);
	struct seen seen = { 0 };
	struct dgram q;
	unsigned char reply[PKT_MAX];

	server_open4(&srv);
	probe_submit(p, &srv.target, "example.com", DNS_T_NS, false, on_done,
		     &seen);
	server_query(&srv, &q);
	send_wrong_replies(&srv, &q);
	size_t n = reply_to(&q, 0, reply);
	server_send(&srv, &q, reply, n);
	probe_run(p, clock_ms() + WAIT_MS);
	assert_outcome(&seen, PROBE_ANSWERED);
	ck_assert_uint_eq(seen.len, n);
	ck_assert_mem_eq(seen.pkt, reply, n);
	probe_free(p);

	/* only wrong replies: silence */
	p = make_probe(30, 10);
	memset(&seen, 0, sizeof seen);
	probe_submit(p, &srv.target, "example.com", DNS_T_NS, false, on_done,
		     &seen);
	server_query(&srv, &q);
	send_wrong_replies(&srv, &q);
	probe_run(p, clock_ms() + WAIT_MS);
	assert_outcome(&seen, PROBE_TIMEOUT);
	probe_free(p);
	server_close(&srv);
}
END_TEST

/* Queries in parallel to three servers, answered in reverse order: each
 * callback gets the reply to its own question. */
START_TEST(test_parallel)
{
	struct server srv[3];
	struct probe *p = make_probe(1000, 10);
	struct seen seen[3];
	char name[256];

	memset(seen, 0, sizeof seen);
	for (int i = 0; i < 3; i++) {
		server_open4(&srv[i]);
		probe_submit(p, &srv[i].target, three[i], DNS_T_NS, false,
			     on_done, &seen[i]);
	}
	ck_assert_uint_eq(probe_sent(p), 3);
	for (int i = 2; i >= 0; i--)
		answer_next(&srv[i]);
	probe_run(p, clock_ms() + WAIT_MS);
	for (int i = 0; i < 3; i++) {
		struct dgram d;
		assert_outcome(&seen[i], PROBE_ANSWERED);
		memcpy(d.b, seen[i].pkt, seen[i].len);
		d.len = seen[i].len;
		question_name(&d, name, sizeof name);
		ck_assert_str_eq(name, three[i]);
		server_close(&srv[i]);
	}
	probe_free(p);
}
END_TEST

/* Freeing a probe with queries still open, and one never used. */
START_TEST(test_free)
{
	struct server srv;
	struct probe *p = make_probe(1000, 10);
	struct seen seen = { 0 };

	server_open4(&srv);
	probe_submit(p, &srv.target, "example.com", DNS_T_NS, false, on_done,
		     &seen);
	probe_free(p);
	probe_free(make_probe(1000, 10));
	probe_free(NULL);
	server_close(&srv);
}
END_TEST

/* --- TCP ------------------------------------------------------------ */

/* A TCP server in a thread: takes one connection, reads one query, then
 * answers it (in two writes, so that the reply arrives in pieces), closes
 * at once, or stays silent until the client goes away. */
enum tcp_mode { TCP_ANSWER, TCP_CLOSE, TCP_SILENT };

struct tcp_server {
	int lfd;
	struct probe_target target;
	enum tcp_mode mode;
	pthread_t tid;
	int queries;             /* whole queries read */
	struct dgram q;          /* the last one */
};

static bool read_full(int fd, unsigned char *b, size_t n)
{
	for (size_t got = 0; got < n;) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		if (poll(&pfd, 1, WAIT_MS) != 1)
			return false;
		ssize_t r = recv(fd, b + got, n - got, 0);
		if (r <= 0)
			return false;
		got += (size_t)r;
	}
	return true;
}

static void *tcp_serve(void *arg)
{
	struct tcp_server *s = arg;
	struct pollfd pfd = { s->lfd, POLLIN, 0 };
	unsigned char len[2], reply[PKT_MAX];

	if (poll(&pfd, 1, WAIT_MS) != 1)
		return NULL;
	int fd = accept(s->lfd, NULL, NULL);
	if (fd < 0)
		return NULL;
	if (read_full(fd, len, 2) &&
	    (s->q.len = (size_t)(len[0] << 8 | len[1])) <= sizeof s->q.b &&
	    read_full(fd, s->q.b, s->q.len)) {
		s->queries++;
		if (s->mode == TCP_ANSWER) {
			size_t n = reply_to(&s->q, 0, reply + 2);
			reply[0] = (unsigned char)(n >> 8);
			reply[1] = (unsigned char)n;
			(void)!send(fd, reply, 3, MSG_NOSIGNAL);
			(void)!send(fd, reply + 3, n - 1, MSG_NOSIGNAL);
		} else if (s->mode == TCP_SILENT) {
			unsigned char b[16];
			struct pollfd c = { fd, POLLIN, 0 };
			if (poll(&c, 1, 2 * WAIT_MS) == 1)
				(void)!recv(fd, b, sizeof b, 0);
		}
	}
	close(fd);
	return NULL;
}

/* Listens on 127.0.0.1 (on port, or one the kernel picks when 0). */
static void tcp_open(struct tcp_server *s, uint16_t port, enum tcp_mode mode)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
				 .sin_port = htons(port) };
	socklen_t len = sizeof a;

	memset(s, 0, sizeof *s);
	s->mode = mode;
	s->lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(s->lfd, 0);
	ck_assert_int_eq(bind(s->lfd, (struct sockaddr *)&a, len), 0);
	ck_assert_int_eq(listen(s->lfd, 4), 0);
	ck_assert_int_eq(getsockname(s->lfd, (struct sockaddr *)&a, &len), 0);
	memcpy(s->target.addr, &a.sin_addr, 4);
	s->target.port = ntohs(a.sin_port);
	ck_assert_int_eq(pthread_create(&s->tid, NULL, tcp_serve, s), 0);
}

static void tcp_close(struct tcp_server *s)
{
	pthread_join(s->tid, NULL);
	close(s->lfd);
}

START_TEST(test_tcp_answer)
{
	struct probe *p = make_probe(500, 10);
	struct tcp_server s;
	struct seen seen = { 0 };
	unsigned char want[PKT_MAX];

	tcp_open(&s, 0, TCP_ANSWER);
	probe_submit_tcp(p, &s.target, "example.com", DNS_T_SOA, false, on_done,
			 &seen);
	probe_run(p, clock_ms() + 5000);
	tcp_close(&s);
	assert_outcome(&seen, PROBE_ANSWERED);
	ck_assert_int_eq(s.queries, 1);
	ck_assert_uint_eq(seen.len, reply_to(&s.q, 0, want));
	ck_assert_mem_eq(seen.pkt, want, seen.len);
	ck_assert_uint_eq(probe_sent(p), 1);
	probe_free(p);
}
END_TEST

/* Nothing listening, a server that closes, one that never answers. */
START_TEST(test_tcp_failures)
{
	struct probe *p = make_probe(100, 10);
	struct tcp_server s;
	struct seen seen = { 0 };

	/* a port just given up: nothing listens there */
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof a;
	int l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ck_assert_int_eq(bind(l, (struct sockaddr *)&a, alen), 0);
	ck_assert_int_eq(getsockname(l, (struct sockaddr *)&a, &alen), 0);
	close(l);
	struct probe_target none = { .port = ntohs(a.sin_port) };
	memcpy(none.addr, &a.sin_addr, 4);
	probe_submit_tcp(p, &none, "example.com", DNS_T_SOA, false, on_done, &seen);
	probe_run(p, clock_ms() + 5000);
	assert_outcome(&seen, PROBE_REFUSED);

	memset(&seen, 0, sizeof seen);
	tcp_open(&s, 0, TCP_CLOSE);
	probe_submit_tcp(p, &s.target, "example.com", DNS_T_SOA, false, on_done,
			 &seen);
	probe_run(p, clock_ms() + 5000);
	tcp_close(&s);
	ck_assert_int_eq(s.queries, 1);
	assert_outcome(&seen, PROBE_REFUSED);

	memset(&seen, 0, sizeof seen);
	tcp_open(&s, 0, TCP_SILENT);
	int64_t t0 = clock_ms();
	probe_submit_tcp(p, &s.target, "example.com", DNS_T_SOA, false, on_done,
			 &seen);
	probe_run(p, clock_ms() + 5000);
	int64_t took = clock_ms() - t0;
	assert_outcome(&seen, PROBE_TIMEOUT);
	ck_assert_int_ge(took, 200); /* one try of twice the timeout */
	ck_assert_int_lt(took, 2000);
	probe_free(p); /* closes the connection: the server thread ends */
	tcp_close(&s);
}
END_TEST

/* A truncated UDP reply: the same question goes again over TCP, to the
 * same address and port, and the TCP answer is what the caller gets. */
START_TEST(test_truncated_goes_tcp)
{
	struct probe *p = make_probe(500, 10);
	struct server udp;
	struct tcp_server tcp;
	struct seen seen = { 0 };
	struct dgram q;
	unsigned char reply[PKT_MAX];

	server_open4(&udp);
	tcp_open(&tcp, udp.target.port, TCP_ANSWER);
	probe_submit(p, &udp.target, "example.com", DNS_T_NS, false, on_done,
		     &seen);
	server_query(&udp, &q);
	size_t n = reply_to(&q, 0, reply);
	reply[2] |= 0x02; /* TC */
	server_send(&udp, &q, reply, n);
	probe_run(p, clock_ms() + 5000);
	tcp_close(&tcp);
	assert_outcome(&seen, PROBE_ANSWERED);
	ck_assert_int_eq(tcp.queries, 1);
	ck_assert_mem_eq(tcp.q.b, q.b, q.len); /* the same query, id and all */
	ck_assert(!dns_tc(seen.pkt));
	ck_assert_uint_eq(probe_sent(p), 2);
	server_close(&udp);
	probe_free(p);
}
END_TEST

/* Truncated, and no TCP to be had: the cut reply is the answer. */
START_TEST(test_truncated_without_tcp)
{
	struct probe *p = make_probe(500, 1);
	struct server udp;
	struct seen seen = { 0 };
	struct dgram q;
	unsigned char reply[PKT_MAX];

	server_open4(&udp);
	probe_submit(p, &udp.target, "example.com", DNS_T_NS, false, on_done,
		     &seen);
	server_query(&udp, &q);
	size_t n = reply_to(&q, 0, reply);
	reply[2] |= 0x02;
	server_send(&udp, &q, reply, n);
	probe_run(p, clock_ms() + 5000); /* the budget of 1 is spent */
	assert_outcome(&seen, PROBE_ANSWERED);
	ck_assert(dns_tc(seen.pkt));
	server_close(&udp);
	probe_free(p);
}
END_TEST

Suite *probe_suite(void)
{
	Suite *s = suite_create("probe");
	TCase *tc = tcase_create("probe");

	tcase_add_test(tc, test_answered);
	tcase_add_test(tc, test_ipv6);
	tcase_add_test(tc, test_timeout_two_tries);
	tcase_add_test(tc, test_retry_within_budget);
	tcase_add_test(tc, test_take);
	tcase_add_test(tc, test_reset_closes_socket);
	tcase_add_test(tc, test_deadline);
	tcase_add_test(tc, test_limit);
	tcase_add_test(tc, test_limit_zero);
	tcase_add_test(tc, test_failed);
	tcase_add_test(tc, test_stop);
	tcase_add_test(tc, test_stop_with_replies_waiting);
	tcase_add_test(tc, test_wrong_replies);
	tcase_add_test(tc, test_parallel);
	tcase_add_test(tc, test_free);
	tcase_add_test(tc, test_tcp_answer);
	tcase_add_test(tc, test_tcp_failures);
	tcase_add_test(tc, test_truncated_goes_tcp);
	tcase_add_test(tc, test_truncated_without_tcp);
	suite_add_tcase(s, tc);
	return s;
}
