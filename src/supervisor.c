/* supervisor: sd_notify and LISTEN_FDS by hand (see supervisor.h). */
#include "supervisor.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "util/log.h"

#define FIRST_PASSED_FD 3 /* SD_LISTEN_FDS_START */

int supervisor_notify(const char *state, char *err, size_t errlen)
{
	const char *path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	if (!path || !path[0])
		return 0;
	size_t n = strlen(path);
	/* a path needs its NUL; an abstract name fills sun_path at most */
	if ((path[0] != '/' && path[0] != '@') ||
	    n + (path[0] == '/') > sizeof sa.sun_path) {
		snprintf(err, errlen, "NOTIFY_SOCKET is not a socket path");
		return -1;
	}
	memcpy(sa.sun_path, path, n);
	if (path[0] == '@')
		sa.sun_path[0] = '\0';
	socklen_t len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n +
				    (path[0] == '/'));
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(err, errlen, "notify socket: %s", strerror(errno));
		return -1;
	}
	ssize_t w = sendto(fd, state, strlen(state), MSG_NOSIGNAL,
			   (struct sockaddr *)&sa, len);
	int saved = errno;
	close(fd);
	if (w < 0) {
		snprintf(err, errlen, "notify %s: %s", path, strerror(saved));
		return -1;
	}
	return 0;
}

void supervisor_state(const char *state, const char *fmt, ...)
{
	char msg[512], err[256];
	va_list ap;

	int n = snprintf(msg, sizeof msg, "%s\nSTATUS=", state);
	if (n < 0 || (size_t)n >= sizeof msg)
		return;
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
	va_end(ap);
	if (supervisor_notify(msg, err, sizeof err) < 0)
		log_msg(LOG_WARN, "%s", err);
}

void supervisor_forget(void)
{
	unsetenv("NOTIFY_SOCKET");
}

/* A whole decimal number, nothing else. */
static bool number(const char *s, unsigned long *out)
{
	char *end;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	*out = strtoul(s, &end, 10);
	return errno == 0 && *end == '\0';
}

int supervisor_listen_fd(char *err, size_t errlen)
{
	unsigned long pid, n;
	bool ours = number(getenv("LISTEN_PID"), &pid) &&
		    pid == (unsigned long)getpid();
	bool given = number(getenv("LISTEN_FDS"), &n);

	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	unsetenv("LISTEN_FDNAMES");
	if (!ours || !given || n == 0)
		return 0;
	if (n != 1) {
		snprintf(err, errlen, "%lu sockets passed (LISTEN_FDS); nscheck "
			 "listens on one", n);
		return -1;
	}
	struct stat st;
	int type = 0, listening = 0;
	socklen_t tl = sizeof type, ll = sizeof listening;
	if (fstat(FIRST_PASSED_FD, &st) < 0 || !S_ISSOCK(st.st_mode) ||
	    getsockopt(FIRST_PASSED_FD, SOL_SOCKET, SO_TYPE, &type, &tl) < 0 ||
	    getsockopt(FIRST_PASSED_FD, SOL_SOCKET, SO_ACCEPTCONN, &listening,
		       &ll) < 0 || type != SOCK_STREAM || !listening) {
		snprintf(err, errlen, "fd %d, passed by LISTEN_FDS, is not a "
			 "listening stream socket", FIRST_PASSED_FD);
		return -1;
	}
	return FIRST_PASSED_FD;
}
