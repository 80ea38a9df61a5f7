/*
 * notifyd: stands in for systemd's end of NOTIFY_SOCKET. It binds a unix
 * datagram socket at PATH (mode 0666, so a service that has left root
 * can still send) and appends every message it gets to LOG, each line
 * as it came, then "SENDER=pid" (from the kernel's credentials, as
 * systemd's NotifyAccess=main checks them) and a line "--", until it is
 * killed.
 * Tests wait for "READY=1" in LOG instead of polling the service.
 *
 *   notifyd PATH LOG
 */
#define _GNU_SOURCE /* struct ucred */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char msg[4096];

	if (argc != 3 || strlen(argv[1]) >= sizeof sa.sun_path) {
		fprintf(stderr, "usage: notifyd PATH LOG\n");
		return 2;
	}
	memcpy(sa.sun_path, argv[1], strlen(argv[1]) + 1);
	unlink(argv[1]);
	int one = 1;
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 ||
	    chmod(argv[1], 0666) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof one) < 0) {
		perror(argv[1]);
		return 1;
	}
	FILE *log = fopen(argv[2], "a");
	if (!log) {
		perror(argv[2]);
		return 1;
	}
	for (;;) {
		union {
			struct cmsghdr h;
			char space[CMSG_SPACE(sizeof(struct ucred))];
		} ctl;
		struct iovec iov = { msg, sizeof msg };
		struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
				     .msg_control = &ctl,
				     .msg_controllen = sizeof ctl };
		ssize_t n = recvmsg(fd, &mh, 0);
		if (n < 0)
			continue;
		long pid = -1;
		for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c;
		     c = CMSG_NXTHDR(&mh, c)) {
			if (c->cmsg_level == SOL_SOCKET &&
			    c->cmsg_type == SCM_CREDENTIALS) {
				struct ucred uc;
				memcpy(&uc, CMSG_DATA(c), sizeof uc);
				pid = (long)uc.pid;
			}
		}
		fprintf(log, "%.*s\nSENDER=%ld\n--\n", (int)n, msg, pid);
		fflush(log);
	}
}
