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
			const struct fakedns_answer *a, struct wire *w)
{
	unsigned f1 = 0x80 | (in[2] & 0x01); /* QR, RD as asked */

	if (a->flags & FAKEDNS_AA)
		f1 |= 0x04;
	if (a->flags & FAKEDNS_TC)
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
	put16(w, 0);
	for (size_t i = DNS_HSIZE; i < q->qend; i++)
		put8(w, in[i]);
	for (unsigned i = 0, n = count_rr(a->an); i < n; i++)
		put_rr(w, &a->an[i]);
	for (unsigned i = 0, n = count_rr(a->ns); i < n; i++)
		put_rr(w, &a->ns[i]);
	return !w->bad;
}

static const struct fakedns_answer *find(const struct fakedns_answer *script,
					 const struct query *q)
{
	for (; script->qname; script++)
		if (script->qtype == q->type &&
		    strcasecmp(script->qname, q->name) == 0)
			return script;
	return NULL;
}

static void serve(int fd, const struct fakedns_answer *script)
{
	unsigned char in[4096];
	struct wire w;
	struct timeval idle = { .tv_sec = FAKEDNS_IDLE_S };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &idle, sizeof idle);
	for (;;) {
		struct sockaddr_storage from;
		socklen_t fromlen = sizeof from;
		ssize_t n = recvfrom(fd, in, sizeof in, 0,
				     (struct sockaddr *)&from, &fromlen);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return;
		struct query q;
		if (read_query(in, (size_t)n, &q) < 0)
			continue;
		const struct fakedns_answer *a = find(script, &q);
		if (!a || !build_reply(in, &q, a, &w))
			continue; /* silence */
		sendto(fd, w.b, w.n, 0, (struct sockaddr *)&from, fromlen);
	}
}

void fakedns_open(struct fakedns *f)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof sin;

	memset(f, 0, sizeof *f);
	f->fd = socket(AF_INET, SOCK_DGRAM, 0);
	ck_assert_int_ge(f->fd, 0);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(f->fd, (struct sockaddr *)&sin, sizeof sin), 0);
	ck_assert_int_eq(getsockname(f->fd, (struct sockaddr *)&sin, &len), 0);
	f->port = ntohs(sin.sin_port);
	snprintf(f->addr, sizeof f->addr, "127.0.0.1:%u", f->port);
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
		serve(f->fd, script);
		_exit(0);
	}
	ck_assert_int_gt(pid, 0);
	f->pid = pid;
	/* the bound socket lives on in the child; queries queue there */
	close(f->fd);
	f->fd = -1;
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
}
