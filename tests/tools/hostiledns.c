/*
 * hostiledns: a DNS server that answers badly on purpose. The first label
 * of the name asked picks the misbehaviour; any A query gets 11.53.99.1
 * and any AAAA query an empty answer, so lookups of name servers go on.
 *
 *   hostiledns ADDRESS [PORT]
 *
 * First labels: garbage, short (a cut header), cut (a reply cut inside a
 * record), loop (a name that points at itself), past (a pointer past the
 * end), markup (name servers whose names hold < " ' & NUL . and bytes over
 * 127), ttl (TTLs 0 and 2^32-1), many (200 NS records), wrongid (the wrong
 * id: never a usable answer), wrongq (the right id, another question),
 * other (NS records of another name), servfail, and anything else gets a
 * plain good answer.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define T_A 1
#define T_NS 2
#define T_AAAA 28

struct out {
	unsigned char b[65535];
	size_t n;
};

static void u8(struct out *o, unsigned v)
{
	if (o->n < sizeof o->b)
		o->b[o->n++] = (unsigned char)v;
}

static void u16(struct out *o, unsigned v) { u8(o, v >> 8); u8(o, v & 0xFF); }
static void u32(struct out *o, uint32_t v) { u16(o, v >> 16); u16(o, v & 0xFFFF); }

/* A name from labels given as one string with '|' between them, so labels
 * may hold dots and slashes; '~' stands for a NUL byte. */
static void labels(struct out *o, const char *s)
{
	while (*s) {
		size_t len = strcspn(s, "|");
		u8(o, (unsigned)len);
		for (size_t i = 0; i < len; i++)
			u8(o, s[i] == '~' ? 0 : (unsigned char)s[i]);
		s += len + (s[len] == '|');
	}
	u8(o, 0);
}

static void header(struct out *o, const unsigned char *q, unsigned rcode,
		   unsigned an)
{
	o->n = 0;
	u8(o, q[0]);
	u8(o, q[1]);
	u8(o, 0x84 | (q[2] & 0x01)); /* QR, AA, RD as asked */
	u8(o, 0x80 | rcode);         /* RA */
	u16(o, 1);
	u16(o, an);
	u16(o, 0);
	u16(o, 0);
}

/* The question as asked (name, type, class), from q[12..qend). */
static void question(struct out *o, const unsigned char *q, size_t qend)
{
	for (size_t i = 12; i < qend; i++)
		u8(o, q[i]);
}

/* After a record's owner name: its type, class IN, TTL and RDLENGTH. */
static void rr_fields(struct out *o, unsigned type, uint32_t ttl,
		      unsigned rdlen)
{
	u16(o, type);
	u16(o, 1);
	u32(o, ttl);
	u16(o, rdlen);
}

/* An NS record of the name asked (a pointer to the question's name). */
static void ns_rr(struct out *o, uint32_t ttl, const char *target)
{
	u16(o, 0xC00C);
	size_t at = o->n + 8; /* where RDLENGTH goes, known after the name */
	rr_fields(o, T_NS, ttl, 0);
	labels(o, target);
	size_t len = o->n - at - 2;
	o->b[at] = (unsigned char)(len >> 8);
	o->b[at + 1] = (unsigned char)len;
}

static size_t answer(const unsigned char *q, size_t qlen, struct out *o)
{
	size_t p = 12;
	char first[64] = "";

	if (qlen < 17)
		return 0;
	/* the question: first label kept, end found */
	if (q[p] > 0 && q[p] < sizeof first)
		memcpy(first, q + p + 1, q[p]);
	while (p < qlen && q[p] != 0 && q[p] < 64)
		p += q[p] + 1;
	if (p + 5 > qlen)
		return 0;
	size_t qend = p + 5;
	unsigned qtype = (unsigned)(q[p + 1] << 8 | q[p + 2]);

	if (qtype == T_A) {
		header(o, q, 0, 1);
		question(o, q, qend);
		u16(o, 0xC00C);
		rr_fields(o, T_A, 300, 4);
		u32(o, 0x0B356301); /* 11.53.99.1 */
		return o->n;
	}
	if (qtype != T_NS) { /* AAAA and the rest: no data */
		header(o, q, 0, 0);
		question(o, q, qend);
		return o->n;
	}
	if (strcmp(first, "garbage") == 0) {
		o->n = 0;
		for (unsigned i = 0; i < 64; i++)
			u8(o, (i * 37 + 11) & 0xFF);
		o->b[0] = q[0];
		o->b[1] = q[1];
		return o->n;
	}
	if (strcmp(first, "short") == 0) {
		header(o, q, 0, 1);
		return 6;
	}
	if (strcmp(first, "servfail") == 0) {
		header(o, q, 2, 0);
		question(o, q, qend);
		return o->n;
	}
	if (strcmp(first, "wrongid") == 0) {
		header(o, q, 0, 1);
		o->b[1] ^= 0x55;
		question(o, q, qend);
		ns_rr(o, 3600, "ns1|example|net");
		return o->n;
	}
	if (strcmp(first, "wrongq") == 0) {
		header(o, q, 0, 1);
		labels(o, "somewhere|else|test");
		u16(o, T_NS);
		u16(o, 1);
		ns_rr(o, 3600, "ns1|example|net");
		return o->n;
	}
	if (strcmp(first, "other") == 0) {
		header(o, q, 0, 1);
		question(o, q, qend);
		labels(o, "another|name|test");
		rr_fields(o, T_NS, 3600, 17);
		labels(o, "ns1|example|net");
		return o->n;
	}
	if (strcmp(first, "loop") == 0 || strcmp(first, "past") == 0) {
		header(o, q, 0, 1);
		question(o, q, qend);
		u16(o, 0xC00C);
		rr_fields(o, T_NS, 3600, 2);
		/* a pointer to itself, or far past the end */
		u16(o, 0xC000 | (strcmp(first, "loop") == 0 ? (unsigned)o->n : 0x3FFF));
		return o->n;
	}
	if (strcmp(first, "cut") == 0) {
		header(o, q, 0, 2);
		question(o, q, qend);
		ns_rr(o, 3600, "ns1|example|net");
		ns_rr(o, 3600, "ns2|example|net");
		return o->n - 9;
	}
	if (strcmp(first, "markup") == 0) {
		static const char *const names[] = {
			"<script>alert(1)</script>|example|net",
			"a\"b'c&d<e>|example|net",
			"nul~inside|example|net",
			"dot.inside|example|net",
			"\xc3\xa9t\xc3\xa9\xff\x80|example|net",
		};
		header(o, q, 0, 5);
		question(o, q, qend);
		for (size_t i = 0; i < 5; i++)
			ns_rr(o, 3600, names[i]);
		return o->n;
	}
	if (strcmp(first, "ttl") == 0) {
		header(o, q, 0, 2);
		question(o, q, qend);
		ns_rr(o, 0, "ns1|example|net");
		ns_rr(o, 0xFFFFFFFFu, "ns2|example|net");
		return o->n;
	}
	if (strcmp(first, "many") == 0) {
		/* compressed, as a real server would: "nsN" and a pointer to
		 * the first "example.net", so 200 records fit in 4 KB */
		header(o, q, 0, 200);
		question(o, q, qend);
		ns_rr(o, 3600, "ns0|example|net");
		size_t suffix = o->n - 13; /* "example.net" of that record */
		for (int i = 1; i < 200; i++) {
			char label[8];
			int n = snprintf(label, sizeof label, "ns%d", i);
			u16(o, 0xC00C);
			rr_fields(o, T_NS, 3600, (unsigned)(1 + n + 2));
			u8(o, (unsigned)n);
			for (int k = 0; k < n; k++)
				u8(o, (unsigned char)label[k]);
			u16(o, 0xC000 | (unsigned)suffix);
		}
		return o->n;
	}
	header(o, q, 0, 2);
	question(o, q, qend);
	ns_rr(o, 3600, "ns1|example|net");
	ns_rr(o, 3600, "ns2|example|net");
	return o->n;
}

int main(int argc, char **argv)
{
	struct sockaddr_in in = { .sin_family = AF_INET };
	static struct out o;
	unsigned char q[4096];
	int one = 1;

	if (argc < 2) {
		fprintf(stderr, "usage: hostiledns ADDRESS [PORT]\n");
		return 2;
	}
	in.sin_port = htons((uint16_t)(argc > 2 ? atoi(argv[2]) : 53));
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || inet_pton(AF_INET, argv[1], &in.sin_addr) != 1 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
	    bind(fd, (struct sockaddr *)&in, sizeof in) < 0) {
		perror("hostiledns");
		return 1;
	}
	for (;;) {
		struct sockaddr_in from;
		socklen_t fl = sizeof from;
		ssize_t n = recvfrom(fd, q, sizeof q, 0, (struct sockaddr *)&from, &fl);
		if (n <= 0)
			continue;
		size_t len = answer(q, (size_t)n, &o);
		if (len)
			sendto(fd, o.b, len, 0, (struct sockaddr *)&from, fl);
	}
}
