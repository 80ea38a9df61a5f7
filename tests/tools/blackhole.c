/*
 * blackhole: a DNS server that never answers. It binds UDP and TCP on the
 * given address and port, reads whatever arrives and drops it, so clients
 * wait until their own timeouts (unlike a closed port, which fails fast).
 *
 *   blackhole ADDRESS [PORT [COUNT-FILE]]
 *
 * With COUNT-FILE, every datagram received adds a line to that file, so a
 * test can tell whether anything was sent to the address at all.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int bind_socket(const char *addr, int port, int type)
{
	struct sockaddr_in in = { .sin_family = AF_INET,
				  .sin_port = htons((uint16_t)port) };
	int one = 1;
	int fd = socket(AF_INET, type, 0);

	if (fd < 0 || inet_pton(AF_INET, addr, &in.sin_addr) != 1)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&in, sizeof in) < 0)
		return -1;
	if (type == SOCK_STREAM && listen(fd, 16) < 0)
		return -1;
	return fd;
}

int main(int argc, char **argv)
{
	int port = argc > 2 ? atoi(argv[2]) : 53;
	const char *count = argc > 3 ? argv[3] : NULL;
	char buf[65536];

	if (argc < 2) {
		fprintf(stderr, "usage: blackhole ADDRESS [PORT]\n");
		return 2;
	}
	struct pollfd pfd[2] = {
		{ .fd = bind_socket(argv[1], port, SOCK_DGRAM), .events = POLLIN },
		{ .fd = bind_socket(argv[1], port, SOCK_STREAM), .events = POLLIN },
	};
	if (pfd[0].fd < 0 || pfd[1].fd < 0) {
		perror("blackhole: bind");
		return 1;
	}
	for (;;) {
		if (poll(pfd, 2, -1) < 0)
			continue;
		if ((pfd[0].revents & POLLIN) &&
		    recv(pfd[0].fd, buf, sizeof buf, 0) >= 0 && count) {
			FILE *f = fopen(count, "a");
			if (f) {
				fputs("datagram\n", f);
				fclose(f);
			}
		}
		if (pfd[1].revents & POLLIN) {
			/* accept and keep silent; the client times out */
			int c = accept(pfd[1].fd, NULL, NULL);
			if (c >= 0)
				(void)c;
		}
	}
}
