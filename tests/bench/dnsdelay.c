/*
 * dnsdelay: puts name servers at a distance. It listens on a set of
 * addresses, UDP and TCP, and passes everything that arrives to a backend
 * address, holding each packet RTT/2 on the way in and RTT/2 on the way
 * out: a query over UDP takes one round trip, one over TCP two (the
 * handshake's and the query's), as on the internet. The benchmark's world
 * (tests/lib/world.sh, WORLD_DELAY_MS) moves its name servers to backend
 * addresses and puts this program on the addresses they had.
 *
 *   dnsdelay [-g MICROSECONDS] RTT_MS LISTEN=BACKEND ...
 *
 * RTT_MS may have decimals; 0 passes packets on at once, by the same path.
 * -g is the grain (default 500; 0 is exact): while packets are on their
 * way the loop wakes once per grain, reads what came and sends what is
 * due, each packet within half a grain of its time. Waking at every
 * packet's own time (the grain 0) costs a context switch each, and at
 * real-time priority each preempts the programs being measured: at a few
 * hundred pages a second, half a core.
 * An address is IPv4 or IPv6, port 53 unless written 192.0.2.1:5353 or
 * [2001:db8::1]:5353.
 *
 * One process, one epoll loop (poll over every socket at each wake-up
 * cost most of a core at a few hundred pages a second). Every packet
 * waiting for its time sits in one min-heap ordered by the time it is due,
 * so thousands can be on their way at once; a timerfd wakes the loop when
 * the first is due (epoll's own timeout counts whole milliseconds). A UDP
 * query gets an ID of our own (a table of 65,536 slots says whose it is),
 * so that one socket per address family carries the queries to every
 * backend; the answer gets the client's ID back. A TCP
 * connection is accepted at once and its backend connection opened, but
 * the client's bytes are treated as sent no earlier than one RTT after the
 * accept, when its handshake would have ended. On SIGTERM or SIGINT it
 * prints what it carried and how late it let packets go (stderr), and
 * exits 0.
 */
#define _GNU_SOURCE /* accept4, SO_RCVBUFFORCE */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define DNS_HEADER 12
#define MAX_DATAGRAM 65535
#define IDS 65536
/* a query whose answer has not come by then gives its ID back */
#define ID_LIFETIME_NS (10 * 1000000000LL)
/* bytes one direction of a connection may hold before we stop reading */
#define TCP_HOLD_MAX (1 << 20)
#define TCP_CHUNK 16384
/* datagrams or connections taken from one socket per wake-up */
#define BATCH 64
/* an event this close to its time is sent now, not after another wait */
#define EARLY_NS 20000
/* lateness histogram: 10 µs steps up to 100 ms */
#define LATE_STEP_NS 10000
#define LATE_BUCKETS 10000

union sa {
	struct sockaddr any;
	struct sockaddr_in in;
	struct sockaddr_in6 in6;
};

/* What one descriptor in the epoll set is (its epoll_data.ptr). */
enum watch_kind { W_UDP, W_TCP, W_UPSTREAM, W_CONN, W_TIMER };

struct watch {
	enum watch_kind kind;
	int fd;
	uint32_t events;    /* registered now; 0: not in the set */
	size_t front;       /* W_UDP, W_TCP */
	struct conn *conn;  /* W_CONN */
	int side;           /* W_CONN: CLIENT or BACKEND */
};

struct front {
	union sa listen, backend;
	struct watch udp, tcp;
};

/* Whose a UDP query is, by the ID we gave it. */
struct slot {
	int front;         /* -1: free */
	uint16_t id;       /* the client's own */
	union sa client;
	int64_t expires;
};

/* half[i] carries what fd[i] sends to fd[1 - i]: 0 client to backend,
 * 1 backend to client. */
enum { CLIENT = 0, BACKEND = 1 };

struct half {
	unsigned char *buf; /* due, not yet written */
	size_t len, cap;
	size_t held;        /* read, not yet written (heap and buf) */
	bool ended;         /* the sender has shut its side */
	bool end_due;       /* ... and that has come through the delay */
	bool shut;          /* passed on: shutdown(SHUT_WR) */
};

struct conn {
	int fd[2];
	struct watch w[2];
	struct half half[2];
	int64_t opened;
	bool connecting;
	bool dead;
	unsigned refs;      /* events in the heap that name it */
};

/* A packet (UDP) or a piece of a stream (TCP) waiting for its time. */
struct event {
	int64_t due;
	uint64_t seq;       /* equal times leave in arrival order */
	struct conn *conn;  /* NULL: a datagram */
	int dir;            /* TCP: which half */
	int fd;             /* UDP: the socket it leaves by */
	union sa to;        /* UDP: for whom */
	size_t len;         /* TCP: 0 is the end of the stream */
	unsigned char data[];
};

struct stats {
	unsigned long queries, answers, dropped, connections, tcp_bytes;
	unsigned long events, wakeups, late[LATE_BUCKETS + 1];
	int64_t late_max;
};

static struct front *fronts;
static size_t nfronts;
static int epfd, upstream4 = -1, upstream6 = -1;
static struct watch up4 = { .kind = W_UPSTREAM }, up6 = { .kind = W_UPSTREAM };
static struct watch timer = { .kind = W_TIMER };
static int64_t timer_due = -1;
static struct slot *slots;
static unsigned next_id;
static struct event **heap;
static size_t nheap, heap_cap;
static uint64_t seq;
/* closed connections, freed once no event names them, and never while
 * a batch from epoll_wait may still point at them */
static struct conn **graves;
static size_t ngraves, graves_cap;
static bool accept_paused;
static int64_t half_rtt;
static int64_t grain = 500000; /* ns; 0: wake at each packet's own time */
static struct stats st;
static volatile sig_atomic_t stopping;

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *xalloc(size_t n)
{
	void *p = malloc(n);
	if (!p) {
		fprintf(stderr, "dnsdelay: out of memory\n");
		exit(1);
	}
	return p;
}

/* Doubles an array of *cap elements of size bytes. */
static void *grow(void *p, size_t *cap, size_t size)
{
	*cap = *cap ? 2 * *cap : 256;
	p = realloc(p, *cap * size);
	if (!p) {
		fprintf(stderr, "dnsdelay: out of memory\n");
		exit(1);
	}
	return p;
}

/* ---- addresses ---- */

static socklen_t sa_len(const union sa *a)
{
	return a->any.sa_family == AF_INET6 ? sizeof a->in6 : sizeof a->in;
}

static bool sa_equal(const union sa *a, const union sa *b)
{
	if (a->any.sa_family != b->any.sa_family)
		return false;
	if (a->any.sa_family == AF_INET)
		return a->in.sin_port == b->in.sin_port &&
		       a->in.sin_addr.s_addr == b->in.sin_addr.s_addr;
	return a->in6.sin6_port == b->in6.sin6_port &&
	       memcmp(&a->in6.sin6_addr, &b->in6.sin6_addr, 16) == 0;
}

/* ADDR, ADDR:PORT (IPv4) or [ADDR]:PORT (IPv6), port 53 by default;
 * s is n bytes long. */
static bool parse_addr(const char *s, size_t n, union sa *out)
{
	const char *end = s + n, *host = s, *host_end = end, *port = NULL;
	char text[INET6_ADDRSTRLEN + 1];

	memset(out, 0, sizeof *out);
	if (n > 0 && s[0] == '[') {
		host = s + 1;
		host_end = memchr(host, ']', (size_t)(end - host));
		if (!host_end)
			return false;
		if (host_end + 1 < end) {
			if (host_end[1] != ':')
				return false;
			port = host_end + 2;
		}
	} else {
		const char *colon = memchr(s, ':', n);
		/* one colon: IPv4 with a port; more: a bare IPv6 address */
		if (colon && !memchr(colon + 1, ':', (size_t)(end - colon - 1))) {
			host_end = colon;
			port = colon + 1;
		}
	}
	size_t hl = (size_t)(host_end - host);
	if (hl == 0 || hl >= sizeof text)
		return false;
	memcpy(text, host, hl);
	text[hl] = '\0';
	unsigned long p = 53;
	if (port) {
		char digits[8], *stop;
		size_t pl = (size_t)(end - port);
		if (pl == 0 || pl >= sizeof digits)
			return false;
		memcpy(digits, port, pl);
		digits[pl] = '\0';
		p = strtoul(digits, &stop, 10);
		if (*stop || digits[0] < '0' || digits[0] > '9' || p == 0 || p > 65535)
			return false;
	}
	if (inet_pton(AF_INET, text, &out->in.sin_addr) == 1) {
		out->in.sin_family = AF_INET;
		out->in.sin_port = htons((uint16_t)p);
		return true;
	}
	if (!port || s[0] == '[') {
		if (inet_pton(AF_INET6, text, &out->in6.sin6_addr) == 1) {
			out->in6.sin6_family = AF_INET6;
			out->in6.sin6_port = htons((uint16_t)p);
			return true;
		}
	}
	return false;
}

static const char *sa_text(const union sa *a)
{
	static char out[INET6_ADDRSTRLEN + 10];
	char host[INET6_ADDRSTRLEN];

	if (a->any.sa_family == AF_INET) {
		inet_ntop(AF_INET, &a->in.sin_addr, host, sizeof host);
		snprintf(out, sizeof out, "%s:%u", host, ntohs(a->in.sin_port));
	} else {
		inet_ntop(AF_INET6, &a->in6.sin6_addr, host, sizeof host);
		snprintf(out, sizeof out, "[%s]:%u", host, ntohs(a->in6.sin6_port));
	}
	return out;
}

/* ---- sockets ---- */

static void die_socket(const char *what, const union sa *a)
{
	fprintf(stderr, "dnsdelay: %s: cannot %s: %s\n", a ? sa_text(a) : "-",
		what, strerror(errno));
	exit(1);
}

static void big_buffers(int fd)
{
	int size = 4 << 20;
	/* room for a burst; past rmem_max and wmem_max where allowed
	 * (CAP_NET_ADMIN), else as far as they let */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size) < 0)
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
}

static int listen_on(const union sa *a, int type)
{
	int one = 1;
	int fd = socket(a->any.sa_family, type | SOCK_NONBLOCK, 0);

	if (fd < 0)
		die_socket("make a socket", a);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (a->any.sa_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
	if (bind(fd, &a->any, sa_len(a)) < 0)
		die_socket(type == SOCK_DGRAM ? "listen (UDP)" : "listen (TCP)", a);
	if (type == SOCK_STREAM && listen(fd, 1024) < 0)
		die_socket("listen (TCP)", a);
	if (type == SOCK_DGRAM)
		big_buffers(fd);
	return fd;
}

/* Puts w in the epoll set with these events, or takes it out for 0: a
 * socket shut both ways would otherwise report EPOLLHUP without end. */
static void watch_set(struct watch *w, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = w };
	int op = !events ? EPOLL_CTL_DEL : w->events ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;

	if (events == w->events)
		return;
	if (epoll_ctl(epfd, op, w->fd, &ev) < 0) {
		perror("dnsdelay: epoll_ctl");
		exit(1);
	}
	w->events = events;
}

static int upstream_for(const union sa *backend)
{
	bool six = backend->any.sa_family == AF_INET6;
	int *fd = six ? &upstream6 : &upstream4;

	if (*fd < 0) {
		*fd = socket(backend->any.sa_family, SOCK_DGRAM | SOCK_NONBLOCK, 0);
		if (*fd < 0)
			die_socket("make a socket towards", backend);
		big_buffers(*fd);
		struct watch *w = six ? &up6 : &up4;
		w->fd = *fd;
		watch_set(w, EPOLLIN);
	}
	return *fd;
}

/* ---- the heap of events, earliest first ---- */

static bool earlier(const struct event *a, const struct event *b)
{
	return a->due < b->due || (a->due == b->due && a->seq < b->seq);
}

static void heap_push(struct event *e)
{
	if (nheap == heap_cap)
		heap = grow(heap, &heap_cap, sizeof *heap);
	e->seq = seq++;
	size_t i = nheap++;
	while (i > 0 && earlier(e, heap[(i - 1) / 2])) {
		heap[i] = heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	heap[i] = e;
}

static struct event *heap_pop(void)
{
	struct event *top = heap[0], *last = heap[--nheap];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= nheap)
			break;
		if (c + 1 < nheap && earlier(heap[c + 1], heap[c]))
			c++;
		if (!earlier(heap[c], last))
			break;
		heap[i] = heap[c];
		i = c;
	}
	if (nheap > 0)
		heap[i] = last;
	return top;
}

static struct event *event_new(const unsigned char *data, size_t len, int64_t due)
{
	struct event *e = xalloc(sizeof *e + len);

	memset(e, 0, sizeof *e);
	e->due = due;
	e->len = len;
	if (len)
		memcpy(e->data, data, len);
	return e;
}

/* ---- UDP ---- */

/* A free ID (or one whose query was never answered), or -1. */
static int take_id(int64_t now)
{
	for (unsigned tries = 0; tries < IDS; tries++) {
		unsigned id = next_id++ & (IDS - 1);
		if (slots[id].front < 0 || slots[id].expires < now)
			return (int)id;
	}
	return -1;
}

static void udp_query(size_t f, const unsigned char *q, size_t n,
		      const union sa *from, int64_t now)
{
	int id = take_id(now);

	if (n < DNS_HEADER || id < 0) {
		st.dropped++;
		return;
	}
	struct slot *s = &slots[id];
	s->front = (int)f;
	s->id = (uint16_t)(q[0] << 8 | q[1]);
	s->client = *from;
	s->expires = now + half_rtt + ID_LIFETIME_NS;
	struct event *e = event_new(q, n, now + half_rtt);
	e->data[0] = (unsigned char)(id >> 8);
	e->data[1] = (unsigned char)id;
	e->fd = upstream_for(&fronts[f].backend);
	e->to = fronts[f].backend;
	heap_push(e);
	st.queries++;
}

static void udp_answer(const unsigned char *a, size_t n, const union sa *from,
		       int64_t now)
{
	if (n < DNS_HEADER) {
		st.dropped++;
		return;
	}
	struct slot *s = &slots[a[0] << 8 | a[1]];
	if (s->front < 0 || !sa_equal(from, &fronts[s->front].backend)) {
		st.dropped++;
		return;
	}
	struct event *e = event_new(a, n, now + half_rtt);
	e->data[0] = (unsigned char)(s->id >> 8);
	e->data[1] = (unsigned char)s->id;
	e->fd = fronts[s->front].udp.fd;
	e->to = s->client;
	s->front = -1;
	heap_push(e);
	st.answers++;
}

/* Reads what waits on a UDP socket: a front (f) or an upstream (-1). */
static void udp_read(int fd, long f, int64_t now)
{
	static unsigned char buf[MAX_DATAGRAM];

	for (int i = 0; i < BATCH; i++) {
		union sa from;
		socklen_t fl = sizeof from;
		ssize_t n = recvfrom(fd, buf, sizeof buf, 0, &from.any, &fl);
		if (n < 0)
			return;
		if (f >= 0)
			udp_query((size_t)f, buf, (size_t)n, &from, now);
		else
			udp_answer(buf, (size_t)n, &from, now);
	}
}

/* ---- TCP ---- */

/* Out of the epoll set and closed: freed once no event names it. */
static void conn_bury(struct conn *c)
{
	for (int i = 0; i < 2; i++) {
		watch_set(&c->w[i], 0);
		close(c->fd[i]);
	}
	c->dead = true;
	if (ngraves == graves_cap)
		graves = grow(graves, &graves_cap, sizeof *graves);
	graves[ngraves++] = c;
}

static void listeners_pause(bool pause)
{
	if (accept_paused == pause)
		return;
	accept_paused = pause;
	for (size_t f = 0; f < nfronts; f++) {
		/* a listening socket reports no EPOLLHUP: 0 may stay in */
		struct epoll_event ev = { .events = pause ? 0 : EPOLLIN,
					  .data.ptr = &fronts[f].tcp };
		epoll_ctl(epfd, EPOLL_CTL_MOD, fronts[f].tcp.fd, &ev);
	}
}

static void sweep_graves(void)
{
	for (size_t i = 0; i < ngraves;) {
		struct conn *c = graves[i];
		if (c->refs > 0) {
			i++;
			continue;
		}
		free(c->half[0].buf);
		free(c->half[1].buf);
		free(c);
		graves[i] = graves[--ngraves];
		listeners_pause(false);
	}
}

/* Both sides go at once, with a reset: what a broken path looks like. */
static void conn_kill(struct conn *c)
{
	struct linger hard = { 1, 0 };

	if (c->dead)
		return;
	for (int i = 0; i < 2; i++)
		setsockopt(c->fd[i], SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
	conn_bury(c);
}

/* Both directions ended and delivered: closed in the ordinary way. */
static void conn_close_if_done(struct conn *c)
{
	if (!c->dead && c->half[0].shut && c->half[1].shut)
		conn_bury(c);
}

/* What the socket of one side waits for now. */
static uint32_t conn_events(const struct conn *c, int side)
{
	const struct half *in = &c->half[side], *out = &c->half[1 - side];
	uint32_t ev = 0;

	if (side == BACKEND && c->connecting)
		return EPOLLOUT;
	if (!in->ended && in->held < TCP_HOLD_MAX)
		ev |= EPOLLIN;
	if (out->len > 0)
		ev |= EPOLLOUT;
	return ev;
}

static void conn_update(struct conn *c)
{
	if (c->dead)
		return;
	for (int side = 0; side < 2; side++)
		watch_set(&c->w[side], conn_events(c, side));
}

/* Writes what half i holds to its receiver; passes the end on after it. */
static void half_flush(struct conn *c, int i)
{
	struct half *h = &c->half[i];
	int to = c->fd[1 - i];

	if (c->dead || (i == 0 && c->connecting))
		return;
	while (h->len > 0) {
		ssize_t n = send(to, h->buf, h->len, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
				return;
			conn_kill(c);
			return;
		}
		memmove(h->buf, h->buf + n, h->len - (size_t)n);
		h->len -= (size_t)n;
		h->held -= (size_t)n;
		st.tcp_bytes += (unsigned long)n;
	}
	if (h->end_due && !h->shut) {
		shutdown(to, SHUT_WR);
		h->shut = true;
		conn_close_if_done(c);
	}
}

/* What half i reads now is due RTT/2 later; the client's, no earlier
 * than the end of its handshake plus RTT/2. */
static int64_t half_due(const struct conn *c, int i, int64_t now)
{
	int64_t sent = now;

	if (i == 0 && sent < c->opened + 2 * half_rtt)
		sent = c->opened + 2 * half_rtt;
	return sent + half_rtt;
}

static void half_read(struct conn *c, int i, int64_t now)
{
	static unsigned char buf[TCP_CHUNK];
	struct half *h = &c->half[i];
	ssize_t n = recv(c->fd[i], buf, sizeof buf, 0);

	if (n < 0) {
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			conn_kill(c);
		return;
	}
	struct event *e = event_new(buf, (size_t)n, half_due(c, i, now));
	e->conn = c;
	e->dir = i;
	c->refs++;
	h->held += (size_t)n;
	if (n == 0)
		h->ended = true;
	heap_push(e);
}

static void tcp_deliver(struct event *e)
{
	struct conn *c = e->conn;
	struct half *h = &c->half[e->dir];

	c->refs--;
	if (c->dead)
		return;
	if (e->len == 0) {
		h->end_due = true;
	} else {
		if (h->len + e->len > h->cap) {
			size_t cap = h->cap ? h->cap : TCP_CHUNK;
			while (cap < h->len + e->len)
				cap *= 2;
			unsigned char *b = realloc(h->buf, cap);
			if (!b) {
				conn_kill(c);
				return;
			}
			h->buf = b;
			h->cap = cap;
		}
		memcpy(h->buf + h->len, e->data, e->len);
		h->len += e->len;
	}
	half_flush(c, e->dir);
	conn_update(c);
}

static void tcp_accept(size_t f, int64_t now)
{
	for (int i = 0; i < BATCH; i++) {
		int cfd = accept4(fronts[f].tcp.fd, NULL, NULL, SOCK_NONBLOCK);
		if (cfd < 0) {
			if (errno == EMFILE || errno == ENFILE) {
				if (!accept_paused)
					fprintf(stderr, "dnsdelay: out of file "
						"descriptors: not accepting for now\n");
				listeners_pause(true);
			}
			return;
		}
		const union sa *b = &fronts[f].backend;
		int bfd = socket(b->any.sa_family, SOCK_STREAM | SOCK_NONBLOCK, 0);
		if (bfd < 0) {
			close(cfd);
			listeners_pause(errno == EMFILE || errno == ENFILE);
			return;
		}
		bool connecting = connect(bfd, &b->any, sa_len(b)) < 0;
		if (connecting && errno != EINPROGRESS) {
			/* the backend is not there: the client learns at once */
			struct linger hard = { 1, 0 };
			setsockopt(cfd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
			close(cfd);
			close(bfd);
			continue;
		}
		struct conn *c = xalloc(sizeof *c);
		memset(c, 0, sizeof *c);
		c->opened = now;
		c->connecting = connecting;
		c->fd[CLIENT] = cfd;
		c->fd[BACKEND] = bfd;
		for (int side = 0; side < 2; side++)
			c->w[side] = (struct watch){ .kind = W_CONN, .fd = c->fd[side],
						     .conn = c, .side = side };
		conn_update(c);
		st.connections++;
	}
}

static void tcp_connected(struct conn *c)
{
	int err = 0;
	socklen_t el = sizeof err;

	if (getsockopt(c->fd[BACKEND], SOL_SOCKET, SO_ERROR, &err, &el) < 0 || err) {
		conn_kill(c);
		return;
	}
	c->connecting = false;
	half_flush(c, 0);
}

static void conn_ready(struct watch *w, uint32_t re, int64_t now)
{
	struct conn *c = w->conn;
	int side = w->side;

	/* it may have died on its other socket in this same batch */
	if (c->dead)
		return;
	if (side == BACKEND && c->connecting) {
		tcp_connected(c);
	} else {
		if (re & EPOLLOUT)
			half_flush(c, 1 - side);
		if (!c->dead && !c->half[side].ended &&
		    (re & (EPOLLIN | EPOLLHUP | EPOLLERR)))
			half_read(c, side, now);
	}
	conn_update(c);
}

/* ---- the loop ---- */

static void fire_due(void)
{
	int64_t now = now_ns();
	int64_t early = grain > 0 ? grain / 2 : EARLY_NS;

	while (nheap > 0 && heap[0]->due <= now + early) {
		struct event *e = heap_pop();
		int64_t late = now > e->due ? now - e->due : 0;
		size_t b = (size_t)(late / LATE_STEP_NS);
		st.late[b < LATE_BUCKETS ? b : LATE_BUCKETS]++;
		if (late > st.late_max)
			st.late_max = late;
		st.events++;
		if (e->conn) {
			tcp_deliver(e);
		} else if (sendto(e->fd, e->data, e->len, 0, &e->to.any,
				  sa_len(&e->to)) < 0) {
			st.dropped++;
		}
		free(e);
		now = now_ns();
	}
}

/* The lateness that per_mille of the packets kept under (10 µs steps). */
static double late_percentile(unsigned long per_mille)
{
	unsigned long want = (st.events * per_mille + 999) / 1000, seen = 0;

	for (size_t b = 0; b <= LATE_BUCKETS; b++) {
		seen += st.late[b];
		if (seen >= want && seen > 0)
			return (double)(b + 1) * LATE_STEP_NS / 1000.0;
	}
	return 0;
}

static void print_stats(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
		     (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	fprintf(stderr,
		"dnsdelay: %lu UDP queries, %lu answers, %lu dropped; %lu TCP "
		"connections, %lu bytes; %lu wake-ups, grain %.0f us; lateness "
		"over %lu packets (10 us steps): p50 %.0f us, p99 %.0f us, max "
		"%.0f us; CPU %.2f s\n",
		st.queries, st.answers, st.dropped, st.connections, st.tcp_bytes,
		st.wakeups, (double)grain / 1000.0,
		st.events, late_percentile(500), late_percentile(990),
		(double)st.late_max / 1000.0, cpu);
}

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

/* The timerfd rings when the earliest packet is due. */
static void timer_arm(void)
{
	int64_t due = nheap > 0 ? heap[0]->due : 0;

	if (due == timer_due)
		return;
	/* zero disarms: a packet due at once still needs a non-zero time */
	struct itimerspec its = { .it_value = { due / 1000000000LL,
						due % 1000000000LL } };
	if (nheap > 0 && its.it_value.tv_sec == 0 && its.it_value.tv_nsec == 0)
		its.it_value.tv_nsec = 1;
	timerfd_settime(timer.fd, TFD_TIMER_ABSTIME, &its, NULL);
	timer_due = due;
}

static void loop(const sigset_t *wait_mask)
{
	struct epoll_event evs[256];

	while (!stopping) {
		fire_due();
		sweep_graves();
		/* with packets on their way and a grain: sleep to the next
		 * grain, then take what came meanwhile (stamped as come half a
		 * grain ago); else wait for the first packet or the timer */
		bool ticking = grain > 0 && nheap > 0;
		int64_t stamp_back = 0;
		if (ticking) {
			int64_t next = (now_ns() / grain + 1) * grain;
			struct timespec ts = { next / 1000000000LL, next % 1000000000LL };
			while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
				;
			stamp_back = grain / 2;
		} else {
			timer_arm();
		}
		int n = epoll_pwait(epfd, evs, 256, ticking ? 0 : -1, wait_mask);
		if (n < 0 && errno != EINTR) {
			perror("dnsdelay: epoll_wait");
			exit(1);
		}
		st.wakeups++;
		int64_t now = now_ns() - stamp_back;
		for (int i = 0; i < n; i++) {
			struct watch *w = evs[i].data.ptr;
			switch (w->kind) {
			case W_UDP:
				udp_read(w->fd, (long)w->front, now);
				break;
			case W_UPSTREAM:
				udp_read(w->fd, -1, now);
				break;
			case W_TCP:
				tcp_accept(w->front, now);
				break;
			case W_CONN:
				conn_ready(w, evs[i].events, now);
				break;
			case W_TIMER: {
				uint64_t ticks;
				/* nothing to read is fine: fire_due decides */
				ssize_t r = read(w->fd, &ticks, sizeof ticks);
				(void)r;
				timer_due = -1;
				break;
			}
			}
		}
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: dnsdelay [-g MICROSECONDS] RTT_MS LISTEN=BACKEND ...\n"
			"  e.g. dnsdelay 40 11.53.0.1=11.153.0.1 "
			"[2600:53::1]:53=[2600:153::1]:53\n");
	exit(2);
}

/* A number from 0 to max, the whole argument, or exits naming it. */
static double number_arg(const char *arg, double max, const char *what,
			 const char *unit)
{
	char *end;

	errno = 0;
	double v = strtod(arg, &end);
	if (errno || end == arg || *end || !(v >= 0 && v <= max)) {
		fprintf(stderr, "dnsdelay: bad %s %s: a number of %s from 0 "
				"to %g\n", what, arg, unit, max);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "-g") == 0) {
		double us = number_arg(argv[2], 100000, "grain", "microseconds");
		grain = (int64_t)(us * 1000 + 0.5);
		argv += 2;
		argc -= 2;
	}
	if (argc < 3)
		usage();
	double rtt = number_arg(argv[1], 60000, "RTT_MS", "milliseconds");
	half_rtt = (int64_t)(rtt * 1e6 / 2 + 0.5);

	/* wake-ups on time: the kernel may otherwise stretch a timeout by
	 * 50 µs to batch them */
	prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
	/* descriptors for thousands of connections, as far as allowed */
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}

	nfronts = (size_t)(argc - 2);
	fronts = xalloc(nfronts * sizeof *fronts);
	for (size_t f = 0; f < nfronts; f++) {
		const char *arg = argv[f + 2], *eq = strchr(arg, '=');
		struct front *fr = &fronts[f];
		if (!eq || !parse_addr(arg, (size_t)(eq - arg), &fr->listen) ||
		    !parse_addr(eq + 1, strlen(eq + 1), &fr->backend)) {
			fprintf(stderr, "dnsdelay: bad address pair %s: want "
					"LISTEN=BACKEND, each ADDR, ADDR:PORT or "
					"[ADDR]:PORT\n", arg);
			return 2;
		}
	}
	epfd = epoll_create1(0);
	timer.fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	if (epfd < 0 || timer.fd < 0) {
		perror("dnsdelay: epoll_create1, timerfd_create");
		return 1;
	}
	watch_set(&timer, EPOLLIN);
	for (size_t f = 0; f < nfronts; f++) {
		struct front *fr = &fronts[f];
		fr->udp = (struct watch){ .kind = W_UDP, .front = f,
					  .fd = listen_on(&fr->listen, SOCK_DGRAM) };
		fr->tcp = (struct watch){ .kind = W_TCP, .front = f,
					  .fd = listen_on(&fr->listen, SOCK_STREAM) };
		watch_set(&fr->udp, EPOLLIN);
		watch_set(&fr->tcp, EPOLLIN);
		upstream_for(&fr->backend);
	}
	slots = xalloc(IDS * sizeof *slots);
	for (size_t i = 0; i < IDS; i++)
		slots[i].front = -1;
	next_id = (unsigned)getpid();

	/* the signals are let through only while waiting in epoll_pwait */
	sigset_t block, wait_mask;
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &wait_mask);
	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	fprintf(stderr, "dnsdelay: ready, RTT %g ms, %lu addresses\n", rtt,
		(unsigned long)nfronts);
	loop(&wait_mask);
	print_stats();
	return 0;
}
