/*
 * dnsfilter: stands in front of a name server, as a firewall or load
 * balancer does, and passes every query on, except queries of one type,
 * which it refuses or drops. The world puts it before the signed zones'
 * NSD to make servers that answer everything but DNSKEY.
 *
 *   dnsfilter LISTEN UPSTREAM TYPE refuse|drop
 *
 * LISTEN and UPSTREAM are IPv4 addresses (port 53); TYPE a number (48 for
 * DNSKEY). UDP and TCP, one query at a time: enough for a test.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* below nscheck's probe_timeout (800 ms): a slow upstream must not make
 * the queries queued behind it look lost */
#define WAIT_MS 400

struct rule {
	unsigned type;
	bool refuse;
	struct sockaddr_in upstream;
};

/* The query type, or -1 when the question cannot be read. */
static int qtype_of(const unsigned char *q, size_t n)
{
	size_t p = 12;

	if (n < 17)
		return -1;
	while (p < n && q[p] != 0) {
		if (q[p] > 63)
			return -1;
		p += (size_t)q[p] + 1;
	}
	if (p + 3 > n)
		return -1;
	return q[p + 1] << 8 | q[p + 2];
}

/* The header and question of q as a REFUSED reply, into out. */
static size_t refused(const unsigned char *q, size_t n, unsigned char *out)
{
	memcpy(out, q, n);
	out[2] = (unsigned char)(0x80 | (q[2] & 0x79)); /* QR, opcode, RD */
	out[3] = 5;                                     /* REFUSED */
	memset(out + 6, 0, 6);                          /* no records */
	/* the question only: it ends 4 bytes after the name */
	size_t p = 12;
	while (p < n && out[p] != 0)
		p += (size_t)out[p] + 1;
	size_t end = p + 5 <= n ? p + 5 : n;
	out[4] = 0;
	out[5] = 1;
	return end;
}

static bool wait_for(int fd, short ev)
{
	struct pollfd p = { fd, ev, 0 };
	return poll(&p, 1, WAIT_MS) == 1;
}

/* Asks the upstream over UDP; the reply's length, or 0. */
static size_t ask_udp(const struct rule *r, const unsigned char *q, size_t n,
		      unsigned char *reply, size_t size)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	ssize_t got = 0;

	if (fd < 0)
		return 0;
	if (connect(fd, (const struct sockaddr *)&r->upstream,
		    sizeof r->upstream) == 0 &&
	    send(fd, q, n, 0) == (ssize_t)n && wait_for(fd, POLLIN))
		got = recv(fd, reply, size, 0);
	close(fd);
	return got > 0 ? (size_t)got : 0;
}

static bool io_all(int fd, unsigned char *b, size_t n, bool out)
{
	while (n) {
		if (!wait_for(fd, out ? POLLOUT : POLLIN))
			return false;
		ssize_t k = out ? write(fd, b, n) : read(fd, b, n);
		if (k <= 0)
			return false;
		b += k;
		n -= (size_t)k;
	}
	return true;
}

/* One length-prefixed message over TCP; its length, or 0. */
static size_t read_msg(int fd, unsigned char *b, size_t size)
{
	unsigned char len[2];

	if (!io_all(fd, len, 2, false))
		return 0;
	size_t n = (size_t)(len[0] << 8 | len[1]);
	return n >= 12 && n <= size && io_all(fd, b, n, false) ? n : 0;
}

static bool write_msg(int fd, unsigned char *b, size_t n)
{
	unsigned char len[2] = { (unsigned char)(n >> 8), (unsigned char)n };
	return io_all(fd, len, 2, true) && io_all(fd, b, n, true);
}

static size_t ask_tcp(const struct rule *r, unsigned char *q, size_t n,
		      unsigned char *reply, size_t size)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	size_t got = 0;

	if (fd < 0)
		return 0;
	if (connect(fd, (const struct sockaddr *)&r->upstream,
		    sizeof r->upstream) == 0 && write_msg(fd, q, n))
		got = read_msg(fd, reply, size);
	close(fd);
	return got;
}

/* The reply to q (length), 0 for none: the filter, else the upstream. */
static size_t handle(const struct rule *r, unsigned char *q, size_t n,
		     unsigned char *reply, size_t size, bool tcp)
{
	int type = qtype_of(q, n);

	if (type < 0)
		return 0;
	if ((unsigned)type == r->type)
		return r->refuse ? refused(q, n, reply) : 0;
	return tcp ? ask_tcp(r, q, n, reply, size) : ask_udp(r, q, n, reply, size);
}

static int listener(int kind, const struct sockaddr_in *at)
{
	int one = 1, fd = socket(AF_INET, kind, 0);

	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
	    bind(fd, (const struct sockaddr *)at, sizeof *at) < 0 ||
	    (kind == SOCK_STREAM && listen(fd, 16) < 0)) {
		perror("dnsfilter");
		exit(1);
	}
	return fd;
}

int main(int argc, char **argv)
{
	struct sockaddr_in at = { .sin_family = AF_INET, .sin_port = htons(53) };
	struct rule r = { .upstream = at };
	static unsigned char q[65535], reply[65535];

	if (argc != 5 || inet_pton(AF_INET, argv[1], &at.sin_addr) != 1 ||
	    inet_pton(AF_INET, argv[2], &r.upstream.sin_addr) != 1 ||
	    (strcmp(argv[4], "refuse") != 0 && strcmp(argv[4], "drop") != 0)) {
		fprintf(stderr, "usage: dnsfilter LISTEN UPSTREAM TYPE refuse|drop\n");
		return 2;
	}
	char *end;
	unsigned long type = strtoul(argv[3], &end, 10);
	if (*end || type == 0 || type > 65535) {
		fprintf(stderr, "dnsfilter: bad type %s\n", argv[3]);
		return 2;
	}
	r.type = (unsigned)type;
	r.refuse = strcmp(argv[4], "refuse") == 0;
	struct pollfd fds[2] = { { listener(SOCK_DGRAM, &at), POLLIN, 0 },
				 { listener(SOCK_STREAM, &at), POLLIN, 0 } };
	for (;;) {
		if (poll(fds, 2, -1) <= 0)
			continue;
		if (fds[0].revents & POLLIN) {
			struct sockaddr_in from;
			socklen_t fl = sizeof from;
			ssize_t n = recvfrom(fds[0].fd, q, sizeof q, 0,
					     (struct sockaddr *)&from, &fl);
			size_t len = n > 0 ? handle(&r, q, (size_t)n, reply,
						    sizeof reply, false) : 0;
			if (len)
				sendto(fds[0].fd, reply, len, 0,
				       (struct sockaddr *)&from, fl);
		}
		if (fds[1].revents & POLLIN) {
			int c = accept(fds[1].fd, NULL, NULL);
			size_t n = c >= 0 ? read_msg(c, q, sizeof q) : 0;
			size_t len = n ? handle(&r, q, n, reply, sizeof reply, true) : 0;
			if (len)
				write_msg(c, reply, len);
			if (c >= 0)
				close(c);
		}
	}
}
