/*
 * dnsrtt: the resolver's own time for the lookup nscheck makes, without
 * nscheck: an NS query, then A and AAAA of every name server at once, over
 * one UDP socket. Prints the count, median and p99 over the names read
 * from stdin, in microseconds: one lookup at a time, the baseline of
 * benchmark scenario 3.
 *
 * With -c N it keeps N lookups in flight, each name once, for at most
 * -t SECONDS (60) or until the names run out, and prints "lookups seconds
 * lookups/s p50_us p90_us failed": the resolver's throughput, the
 * baseline of the latency scenarios (tests/bench/latency). The seconds
 * and the rate end when the last lookup starts (those still on their way
 * then only drain). A lookup that is not done in 5 s, or whose NS answer
 * names no server, counts as failed.
 *
 *   dnsrtt [-c N [-t SECONDS]] RESOLVER-IPv4 < names
 */
#include <arpa/inet.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <udns.h>
#include <unistd.h>

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

/* ---- many lookups at once (-c) ---- */

#define JOB_TIMEOUT_US 5000000L

struct job {
	char name[DNS_MAXNAME];
	long start;
	bool busy, ns_phase;
	int waiting;                      /* replies still to come */
	unsigned short ids[1 + 2 * MAX_NS];
	int nids;
};

struct flight {
	int fd;
	struct job *jobs;
	int njobs;
	int owner[65536];                 /* job index + 1; 0: a free ID */
	unsigned next_id;
	long *t;
	size_t n, cap, failed;
	long stopped;                     /* when the last lookup started */
	size_t by_stop;                   /* lookups done by then */
};

static void job_release(struct flight *f, struct job *j)
{
	for (int i = 0; i < j->nids; i++)
		f->owner[j->ids[i]] = 0;
	j->nids = 0;
	j->busy = false;
}

static bool job_send(struct flight *f, int ji, const char *name, int type)
{
	struct job *j = &f->jobs[ji];
	unsigned char q[512];
	unsigned id;

	if (j->nids == (int)(sizeof j->ids / sizeof j->ids[0]))
		return false;
	do
		id = f->next_id++ & 0xFFFF;
	while (f->owner[id]);
	int len = make_query(q, id, name, type);
	if (len < 0 || send(f->fd, q, (size_t)len, 0) < 0)
		return false;
	f->owner[id] = ji + 1;
	j->ids[j->nids++] = (unsigned short)id;
	return true;
}

static void job_done(struct flight *f, struct job *j, bool ok)
{
	if (ok) {
		if (f->n == f->cap &&
		    !(f->t = realloc(f->t, (f->cap = f->cap ? 2 * f->cap : 1024) *
					       sizeof *f->t)))
			exit(1);
		f->t[f->n++] = now_us() - j->start;
		if (!f->stopped)
			f->by_stop++;
	} else {
		f->failed++;
	}
	job_release(f, j);
}

/* Starts the next name of stdin in job ji; false at the end of input. */
static bool job_start(struct flight *f, int ji)
{
	struct job *j = &f->jobs[ji];

	while (fgets(j->name, sizeof j->name, stdin)) {
		j->name[strcspn(j->name, "\r\n")] = '\0';
		if (!j->name[0])
			continue;
		j->busy = true;
		j->ns_phase = true;
		j->waiting = 1;
		j->start = now_us();
		if (!job_send(f, ji, j->name, DNS_T_NS))
			job_done(f, j, false);
		return true;
	}
	return false;
}

static void job_reply(struct flight *f, unsigned char *r, int len)
{
	int ji = f->owner[dns_qid(r)] - 1;

	if (ji < 0)
		return;
	struct job *j = &f->jobs[ji];
	f->owner[dns_qid(r)] = 0;
	if (j->ns_phase) {
		char names[MAX_NS][DNS_MAXNAME];
		int n = ns_names(r, len, names);
		j->ns_phase = false;
		j->waiting = 0;
		for (int i = 0; i < n; i++)
			for (int t = 0; t < 2; t++)
				if (job_send(f, ji, names[i], t ? DNS_T_AAAA : DNS_T_A))
					j->waiting++;
		if (n == 0 || j->waiting == 0)
			job_done(f, j, n > 0);
	} else if (--j->waiting == 0) {
		job_done(f, j, true);
	}
}

static int run_flight(int fd, int conc, long limit_us)
{
	static struct flight f;
	unsigned char r[4096];
	int size = 4 << 20, active = 0;
	bool input = true;

	/* room for every reply of a burst: beyond rmem_max where allowed */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
	f.fd = fd;
	f.njobs = conc;
	f.next_id = (unsigned)getpid();
	if (!(f.jobs = calloc((size_t)conc, sizeof *f.jobs)))
		return 1;
	long begin = now_us();
	for (int i = 0; i < conc && input; i++)
		input = job_start(&f, i);
	for (;;) {
		long now = now_us();
		active = 0;
		for (int i = 0; i < conc; i++) {
			struct job *j = &f.jobs[i];
			if (j->busy && now - j->start > JOB_TIMEOUT_US)
				job_done(&f, j, false);
			if (!j->busy && input && now - begin < limit_us)
				input = job_start(&f, i);
			active += j->busy;
		}
		/* the rate counts until no more lookups start: the last
		 * ones, and any lost, only drain */
		if (!f.stopped && (!input || now - begin >= limit_us))
			f.stopped = now;
		if (active == 0)
			break;
		struct pollfd pfd = { fd, POLLIN, 0 };
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		for (int k = 0; k < 256; k++) {
			int len = (int)recv(fd, r, sizeof r, MSG_DONTWAIT);
			if (len < 0)
				break;
			if (len >= DNS_HSIZE)
				job_reply(&f, r, len);
		}
	}
	double secs = (double)(f.stopped - begin) / 1e6;
	if (f.n == 0 || secs <= 0)
		return 1;
	qsort(f.t, f.n, sizeof *f.t, cmp_long);
	printf("%lu %.2f %.1f %ld %ld %lu\n", (unsigned long)f.n, secs,
	       (double)f.by_stop / secs, f.t[f.n / 2], f.t[f.n * 9 / 10],
	       (unsigned long)f.failed);
	free(f.t);
	free(f.jobs);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: dnsrtt [-c N [-t SECONDS]] RESOLVER-IPv4 < names\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(53) };
	char name[512];
	long *t = NULL, conc = 0, secs = 60;
	size_t n = 0, cap = 0;
	unsigned id = 0;
	int opt;

	while ((opt = getopt(argc, argv, "c:t:")) != -1) {
		char *end;
		long v = strtol(optarg, &end, 10);
		if (*end || v < 1 || v > (opt == 'c' ? 4096 : 3600))
			usage();
		if (opt == 'c')
			conc = v;
		else
			secs = v;
	}
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (optind != argc - 1 || inet_pton(AF_INET, argv[optind], &sa.sin_addr) != 1 ||
	    fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
		usage();
	if (conc)
		return run_flight(fd, (int)conc, secs * 1000000L);
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
