/*
 * fakedns: the scripted DNS server of the unit tests (see fakedns.h).
 *
 * The child never calls Check: a reply that does not fit or a script entry
 * it cannot encode is simply not sent, which the test then sees as silence.
 */
#include "fakedns.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <udns.h>
#include <unistd.h>

#include <check.h>

/* A child left behind by a crashed test gives up after this long. */
#define FAKEDNS_IDLE_S 30

struct wire {
	unsigned char b[1232];
	size_t n;
	bool bad; /* something did not fit or could not be encoded */
};

/* The one question of a query. */
struct query {
	char name[DNS_MAXNAME]; /* dotted, "" for the root */
	int type;
	size_t qend;            /* offset just past QTYPE and QCLASS */
};

static void put8(struct wire *w, unsigned v)
{
	if (w->n >= sizeof w->b) {
		w->bad = true;
		return;
	}
	w->b[w->n++] = (unsigned char)v;
}

static void put16(struct wire *w, unsigned v)
{
	put8(w, (v >> 8) & 0xFF);
	put8(w, v & 0xFF);
}

static void put32(struct wire *w, uint32_t v)
{
	put16(w, v >> 16);
	put16(w, v & 0xFFFF);
}

/* "a.b.c" as an uncompressed name; "" and "." are the root. */
static void put_name(struct wire *w, const char *dotted)
{
	if (strcmp(dotted, ".") == 0)
		dotted = "";
	while (*dotted) {
		const char *dot = strchr(dotted, '.');
		size_t len = dot ? (size_t)(dot - dotted) : strlen(dotted);
		if (len == 0 || len > 63) {
			w->bad = true;
			return;
		}
		put8(w, (unsigned)len);
		for (size_t i = 0; i < len; i++)
			put8(w, (unsigned char)dotted[i]);
		dotted += len + (dot != NULL);
	}
	put8(w, 0);
}

static void put_addr(struct wire *w, int family, const char *text, size_t len)
{
	unsigned char addr[16];

	if (inet_pton(family, text, addr) != 1) {
		w->bad = true;
		return;
	}
	for (size_t i = 0; i < len; i++)
		put8(w, addr[i]);
}

/* Pairs of hex digits, up to the end of text. */
static void put_hex(struct wire *w, const char *text)
{
	unsigned v;

	while (*text == ' ')
		text++;
	if (!*text)
		w->bad = true; /* DS and DNSKEY need a digest or key */
	for (; *text; text += 2) {
		if (sscanf(text, "%2x", &v) != 1 || !text[1]) {
			w->bad = true;
			return;
		}
		put8(w, v);
	}
}

/* DS: tag algorithm type HEX; DNSKEY: flags protocol algorithm HEX. */
static void put_dnssec(struct wire *w, const char *text)
{
	unsigned a, b, c;
	int used = 0;

	if (sscanf(text, "%u %u %u%n", &a, &b, &c, &used) != 3) {
		w->bad = true;
		return;
	}
	put16(w, a);
	put8(w, b);
	put8(w, c);
	put_hex(w, text + used);
}

static void put_soa(struct wire *w, const char *text)
{
	char mname[256], rname[256];
	unsigned v[5];

	if (sscanf(text, "%255s %255s %u %u %u %u %u", mname, rname, &v[0],
		   &v[1], &v[2], &v[3], &v[4]) != 7) {
		w->bad = true;
		return;
	}
	put_name(w, mname);
	put_name(w, rname);
	for (size_t i = 0; i < 5; i++)
		put32(w, v[i]);
}

static void put_rdata(struct wire *w, const struct fakedns_rr *rr)
{
	switch (rr->type) {
	case DNS_T_NS:
	case DNS_T_CNAME: put_name(w, rr->data); break;
	case DNS_T_A: put_addr(w, AF_INET, rr->data, 4); break;
	case DNS_T_AAAA: put_addr(w, AF_INET6, rr->data, 16); break;
	case DNS_T_SOA: put_soa(w, rr->data); break;
	case DNS_T_DS:
	case DNS_T_DNSKEY: put_dnssec(w, rr->data); break;
	case FAKEDNS_T_NSLOOP: put16(w, 0xC000 | (unsigned)w->n); break;
	default: w->bad = true; break;
	}
}

static void put_rr(struct wire *w, const struct fakedns_rr *rr)
{
	if (rr->owner)
		put_name(w, rr->owner);
	else
		put16(w, 0xC000 | DNS_HSIZE); /* RFC 1035 §4.1.4 */
	put16(w, rr->type == FAKEDNS_T_NSLOOP ? DNS_T_NS : (unsigned)rr->type);
	put16(w, DNS_C_IN);
	put32(w, rr->ttl);
	size_t at = w->n;
	put16(w, 0);
	put_rdata(w, rr);
	if (w->bad)
		return;
	size_t len = w->n - at - 2;
	w->b[at] = (unsigned char)(len >> 8);
	w->b[at + 1] = (unsigned char)(len & 0xFF);
}

static unsigned count_rr(const struct fakedns_rr *list)
{
	unsigned n = 0;

	while (n < FAKEDNS_MAX_RR && list[n].type != 0)
		n++;
	return n;
}

static int read_query(const unsigned char *pkt, size_t len, struct query *q)
{
	size_t at = DNS_HSIZE, out = 0;

	if (len < DNS_HSIZE || dns_numqd(pkt) != 1)
		return -1;
	for (;;) {
		if (at >= len)
			return -1;
		size_t l = pkt[at++];
		if (l == 0)
			break;
		if (l > 63 || at + l > len || out + l + 2 > sizeof q->name)
			return -1;
		if (out)
			q->name[out++] = '.';
		memcpy(q->name + out, pkt + at, l);
		out += l;
		at += l;
	}
	q->name[out] = '\0';
	if (at + 4 > len)
		return -1;
	q->type = dns_get16(pkt + at);
	q->qend = at + 4;
	return 0;
}

/* The reply: the query's id, RD bit and question, then the script's part. */
static bool build_reply(const unsigned char *in, const struct query *q,
			const struct fakedns_answer *a, bool tcp,
			struct wire *w)
{
	unsigned f1 = 0x80 | (in[2] & 0x01); /* QR, RD as asked */

	if (a->flags & FAKEDNS_AA)
		f1 |= 0x04;
	if ((a->flags & FAKEDNS_TC) && !tcp)
		f1 |= 0x02;
	w->n = 0;
	w->bad = false;
	put8(w, in[0]);
	put8(w, in[1]);
	put8(w, f1);
	put8(w, 0x80 | (a->rcode & 0x0F)); /* RA, RCODE */
	put16(w, 1);
	put16(w, count_rr(a->an));
	put16(w, count_rr(a->ns));
	put16(w, count_rr(a->ar));
	for (size_t i = DNS_HSIZE; i < q->qend; i++)
		put8(w, in[i]);
	for (unsigned i = 0, n = count_rr(a->an); i < n; i++)
		put_rr(w, &a->an[i]);
	for (unsigned i = 0, n = count_rr(a->ns); i < n; i++)
		put_rr(w, &a->ns[i]);
	for (unsigned i = 0, n = count_rr(a->ar); i < n; i++)
		put_rr(w, &a->ar[i]);
	return !w->bad;
}

static const struct fakedns_answer *find(const struct fakedns_answer *script,
					 const struct query *q)
{
	for (; script->qname; script++)
		if ((script->qtype == q->type ||
		     script->qtype == FAKEDNS_Q_ANY) &&
		    (strcmp(script->qname, "*") == 0 ||
		     strcasecmp(script->qname, q->name) == 0))
			return script;
	return NULL;
}

static void serve_udp(int fd, const struct fakedns_answer *script)
{
	unsigned char in[4096];
	struct wire w;
	struct sockaddr_storage from;
	socklen_t fromlen = sizeof from;
	struct query q;

	ssize_t n = recvfrom(fd, in, sizeof in, MSG_DONTWAIT,
			     (struct sockaddr *)&from, &fromlen);
	if (n < 0 || read_query(in, (size_t)n, &q) < 0)
		return;
	const struct fakedns_answer *a = find(script, &q);
	if (!a || !build_reply(in, &q, a, false, &w))
		return; /* silence */
	sendto(fd, w.b, w.n, 0, (struct sockaddr *)&from, fromlen);
}

static bool read_all(int fd, unsigned char *b, size_t n)
{
	for (size_t got = 0; got < n;) {
		ssize_t r = recv(fd, b + got, n - got, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		got += (size_t)r;
	}
	return true;
}

/* One connection, one query (RFC 7766 8: a two-byte length first), then
 * the connection is closed, answered or not. */
static void serve_tcp(int lfd, const struct fakedns_answer *script)
{
	unsigned char len[2], in[4096];
	struct timeval wait = { .tv_sec = 2 };
	struct wire w;
	struct query q;
	int fd = accept(lfd, NULL, NULL);

	if (fd < 0)
		return;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
	size_t n = 0;
	if (read_all(fd, len, 2) && (n = (size_t)(len[0] << 8 | len[1])) <=
	    sizeof in && read_all(fd, in, n) && read_query(in, n, &q) == 0) {
		const struct fakedns_answer *a = find(script, &q);
		if (a && build_reply(in, &q, a, true, &w)) {
			unsigned char out[2 + sizeof w.b];
			out[0] = (unsigned char)(w.n >> 8);
			out[1] = (unsigned char)(w.n & 0xFF);
			memcpy(out + 2, w.b, w.n);
			(void)!send(fd, out, 2 + w.n, MSG_NOSIGNAL);
		}
	}
	close(fd);
}

static void serve(int fd, int tcp_fd, const struct fakedns_answer *script)
{
	struct pollfd pfd[2] = { { fd, POLLIN, 0 }, { tcp_fd, POLLIN, 0 } };
	nfds_t n = tcp_fd >= 0 ? 2 : 1;

	for (;;) {
		int r = poll(pfd, n, FAKEDNS_IDLE_S * 1000);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return;
		if (pfd[0].revents & POLLIN)
			serve_udp(fd, script);
		if (n == 2 && (pfd[1].revents & POLLIN))
			serve_tcp(tcp_fd, script);
	}
}

int fakedns_bind(struct fakedns *f, const char *ip, unsigned port, bool tcp)
{
	struct sockaddr_storage ss = { 0 };
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
	bool v6 = strchr(ip, ':') != NULL;
	socklen_t len = v6 ? sizeof *sin6 : sizeof *sin;
	int err;

	memset(f, 0, sizeof *f);
	f->fd = f->tcp_fd = -1;
	if (v6) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, ip, &sin6->sin6_addr) != 1)
			goto bad;
	} else {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, ip, &sin->sin_addr) != 1)
			goto bad;
	}
	f->fd = socket(ss.ss_family, SOCK_DGRAM, 0);
	if (f->fd < 0 || bind(f->fd, (struct sockaddr *)&ss, len) != 0 ||
	    getsockname(f->fd, (struct sockaddr *)&ss, &len) != 0)
		goto fail;
	f->port = ntohs(v6 ? sin6->sin6_port : sin->sin_port);
	if (tcp) {
		int on = 1;
		f->tcp_fd = socket(ss.ss_family, SOCK_STREAM, 0);
		if (f->tcp_fd < 0 ||
		    setsockopt(f->tcp_fd, SOL_SOCKET, SO_REUSEADDR, &on,
			       sizeof on) != 0 ||
		    bind(f->tcp_fd, (struct sockaddr *)&ss, len) != 0 ||
		    listen(f->tcp_fd, 16) != 0)
			goto fail;
	}
	int w = snprintf(f->addr, sizeof f->addr, v6 ? "[%s]:%u" : "%s:%u",
			 ip, f->port);
	if (w < 0 || (size_t)w >= sizeof f->addr)
		goto bad;
	return 0;
bad:
	errno = EINVAL;
fail:
	err = errno;
	fakedns_stop(f);
	errno = err;
	return -1;
}

void fakedns_open(struct fakedns *f)
{
	ck_assert_msg(fakedns_bind(f, "127.0.0.1", 0, false) == 0,
		      "fakedns on 127.0.0.1: %s", strerror(errno));
}

void fakedns_start(struct fakedns *f, const struct fakedns_answer *script)
{
	pid_t parent = getpid();
	pid_t pid = fork();

	/* no Check call in the child: it would write into the test's
	 * message channel, which the child shares */
	if (pid == 0) {
		/* die with the test process, however it ends */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(0);
		serve(f->fd, f->tcp_fd, script);
		_exit(0);
	}
	ck_assert_int_gt(pid, 0);
	f->pid = pid;
	/* the bound sockets live on in the child; queries queue there */
	close(f->fd);
	f->fd = -1;
	if (f->tcp_fd >= 0)
		close(f->tcp_fd);
	f->tcp_fd = -1;
}

void fakedns_stop(struct fakedns *f)
{
	if (f->pid > 0) {
		kill(f->pid, SIGKILL);
		while (waitpid(f->pid, NULL, 0) < 0 && errno == EINTR)
			;
		f->pid = 0;
	}
	if (f->fd >= 0) {
		close(f->fd);
		f->fd = -1;
	}
	if (f->tcp_fd >= 0) {
		close(f->tcp_fd);
		f->tcp_fd = -1;
	}
}
