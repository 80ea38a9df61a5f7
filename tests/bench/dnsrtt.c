/*
 * dnsrtt: the resolver's own time for the lookup nscheck makes, without
 * nscheck: an NS query, then A and AAAA of every name server at once, over
 * one UDP socket. Prints the median and p99 over the names read from
 * stdin, in microseconds. The baseline of benchmark scenario 3.
 *
 *   dnsrtt RESOLVER-IPv4 < names
 */
#include <arpa/inet.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <udns.h>

#define MAX_NS 32

static long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

/* A query packet for name/type with the given id; returns its length. */
static int make_query(unsigned char *p, unsigned id, const char *name, int type)
{
	dnsc_t dn[DNS_MAXDN];
	int n = dns_ptodn(name, 0, dn, sizeof dn, NULL);

	if (n <= 0)
		return -1;
	memset(p, 0, DNS_HSIZE);
	dns_put16(p, id);
	p[DNS_H_F1] = DNS_HF1_RD;
	p[DNS_H_QDCNT2] = 1;
	memcpy(p + DNS_HSIZE, dn, (size_t)n);
	dns_put16(p + DNS_HSIZE + n, (unsigned)type);
	dns_put16(p + DNS_HSIZE + n + 2, DNS_C_IN);
	return DNS_HSIZE + n + 4;
}

/* Waits for the reply with this id; returns its length or -1. */
static int wait_reply(int fd, unsigned char *buf, size_t size, unsigned id)
{
	for (;;) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		if (poll(&pfd, 1, 2000) <= 0)
			return -1;
		int n = (int)recv(fd, buf, size, 0);
		if (n >= DNS_HSIZE && dns_qid(buf) == id)
			return n;
	}
}

/* The NS names of a reply (presentation form). */
static int ns_names(unsigned char *pkt, int len, char names[][DNS_MAXNAME])
{
	struct dns_parse p;
	struct dns_rr rr;
	dnsc_t dn[DNS_MAXDN];
	dnscc_t *cur = dns_payload(pkt), *end = pkt + len;
	int n = 0;

	if (dns_getdn(pkt, &cur, end, dn, sizeof dn) <= 0 || end - cur < 4)
		return 0;
	dns_initparse(&p, dn, pkt, cur, end);
	while (n < MAX_NS && dns_nextrr(&p, &rr) > 0) {
		dnscc_t *d = rr.dnsrr_dptr;
		dnsc_t target[DNS_MAXDN];
		if (dns_getdn(pkt, &d, end, target, sizeof target) > 0)
			dns_dntop(target, names[n++], DNS_MAXNAME);
	}
	return n;
}

static long lookup(int fd, const char *name, unsigned *id)
{
	unsigned char q[512], r[4096];
	char names[MAX_NS][DNS_MAXNAME];
	long start = now_us();
	int qlen = make_query(q, ++*id & 0xFFFF, name, DNS_T_NS);

	if (qlen < 0 || send(fd, q, (size_t)qlen, 0) < 0)
		return -1;
	int rlen = wait_reply(fd, r, sizeof r, *id & 0xFFFF);
	if (rlen < 0)
		return -1;
	int n = ns_names(r, rlen, names);
	unsigned first = *id + 1;
	for (int i = 0; i < n; i++)
		for (int t = 0; t < 2; t++) {
			qlen = make_query(q, ++*id & 0xFFFF, names[i],
					  t ? DNS_T_AAAA : DNS_T_A);
			if (qlen > 0)
				send(fd, q, (size_t)qlen, 0);
		}
	for (int got = 0; got < 2 * n;) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		if (poll(&pfd, 1, 2000) <= 0)
			return -1;
		int len = (int)recv(fd, r, sizeof r, 0);
		if (len >= DNS_HSIZE && dns_qid(r) >= (first & 0xFFFF))
			got++;
	}
	return now_us() - start;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(53) };
	char name[512];
	long *t = NULL;
	size_t n = 0, cap = 0;
	unsigned id = 0;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (argc < 2 || inet_pton(AF_INET, argv[1], &sa.sin_addr) != 1 || fd < 0 ||
	    connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		fprintf(stderr, "usage: dnsrtt RESOLVER-IPv4 < names\n");
		return 2;
	}
	while (fgets(name, sizeof name, stdin)) {
		name[strcspn(name, "\r\n")] = '\0';
		long us = lookup(fd, name, &id);
		if (us < 0)
			continue;
		if (n == cap && !(t = realloc(t, (cap = cap ? 2 * cap : 1024) * sizeof *t)))
			return 1;
		t[n++] = us;
	}
	if (n == 0)
		return 1;
	qsort(t, n, sizeof *t, cmp_long);
	printf("%lu %ld %ld\n", (unsigned long)n, t[n / 2], t[n * 99 / 100]);
	free(t);
	return 0;
}
