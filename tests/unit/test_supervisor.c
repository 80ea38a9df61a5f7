/*
 * Unit tests of supervisor: notifications arrive whole at a socket of the
 * test's own (a path, and "@" for the abstract namespace); nothing is sent
 * without NOTIFY_SOCKET; LISTEN_PID/LISTEN_FDS are believed only for our
 * pid, one listening stream socket on fd 3, and are removed once read.
 * Each test runs in a process of its own (CK_FORK); fd 3 there is
 * Check's own, so a test that puts a socket on fd 3 puts Check's back
 * before it asserts anything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "supervisor.h"
#include "suites.h"

/* A datagram socket bound at name ("@x": abstract); its fd. */
static int listener(const char *name)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t n = strlen(name);
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);

	memcpy(sa.sun_path, name, n);
	if (name[0] == '@')
		sa.sun_path[0] = '\0';
	else
		unlink(name);
	socklen_t len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, len), 0);
	return fd;
}

static void expect_message(int fd, const char *want)
{
	char got[512];
	ssize_t n = recv(fd, got, sizeof got - 1, MSG_DONTWAIT);

	ck_assert_int_gt(n, 0);
	got[n] = '\0';
	ck_assert_str_eq(got, want);
}

START_TEST(test_notify_path)
{
	char path[64], err[256];
	snprintf(path, sizeof path, "/tmp/nscheck-notify-%ld", (long)getpid());
	int fd = listener(path);

	setenv("NOTIFY_SOCKET", path, 1);
	ck_assert_int_eq(supervisor_notify("READY=1", err, sizeof err), 0);
	expect_message(fd, "READY=1");
	supervisor_state("RELOADING=1", "reloading %s", "now");
	expect_message(fd, "RELOADING=1\nSTATUS=reloading now");
	unlink(path);
	close(fd);
}
END_TEST

START_TEST(test_notify_abstract)
{
	char name[64], err[256];
	snprintf(name, sizeof name, "@nscheck-unit-%ld", (long)getpid());
	int fd = listener(name);

	setenv("NOTIFY_SOCKET", name, 1);
	ck_assert_int_eq(supervisor_notify("STOPPING=1", err, sizeof err), 0);
	expect_message(fd, "STOPPING=1");
	close(fd);
}
END_TEST

START_TEST(test_notify_none_and_bad)
{
	char err[256];

	unsetenv("NOTIFY_SOCKET");
	ck_assert_int_eq(supervisor_notify("READY=1", err, sizeof err), 0);
	setenv("NOTIFY_SOCKET", "relative", 1);
	ck_assert_int_eq(supervisor_notify("READY=1", err, sizeof err), -1);
	ck_assert_str_eq(err, "NOTIFY_SOCKET is not a socket path");
	setenv("NOTIFY_SOCKET", "/nonexistent/notify", 1);
	ck_assert_int_eq(supervisor_notify("READY=1", err, sizeof err), -1);
	ck_assert_msg(strstr(err, "No such file") != NULL, "%s", err);
	supervisor_forget();
	ck_assert_ptr_null(getenv("NOTIFY_SOCKET"));
}
END_TEST

static void listen_env(long pid, const char *fds)
{
	char p[32];
	snprintf(p, sizeof p, "%ld", pid);
	setenv("LISTEN_PID", p, 1);
	setenv("LISTEN_FDS", fds, 1);
	setenv("LISTEN_FDNAMES", "x", 1);
}

START_TEST(test_listen_none)
{
	char err[256];

	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	ck_assert_int_eq(supervisor_listen_fd(err, sizeof err), 0);
	/* for another process (inherited): not ours, and forgotten */
	listen_env((long)getpid() + 1, "1");
	ck_assert_int_eq(supervisor_listen_fd(err, sizeof err), 0);
	ck_assert_ptr_null(getenv("LISTEN_PID"));
	ck_assert_ptr_null(getenv("LISTEN_FDS"));
	ck_assert_ptr_null(getenv("LISTEN_FDNAMES"));
	listen_env((long)getpid(), "1x");
	ck_assert_int_eq(supervisor_listen_fd(err, sizeof err), 0);
}
END_TEST

START_TEST(test_listen_two)
{
	char err[256];

	listen_env((long)getpid(), "2");
	ck_assert_int_eq(supervisor_listen_fd(err, sizeof err), -1);
	ck_assert_str_eq(err, "2 sockets passed (LISTEN_FDS); nscheck listens on one");
}
END_TEST

/* supervisor_listen_fd() with fd as fd 3, then Check's fd 3 back. */
static int listen_fd_with(int fd, char *err, size_t errlen)
{
	int check_fd = dup(3);

	dup2(fd, 3);
	listen_env((long)getpid(), "1");
	int r = supervisor_listen_fd(err, errlen);
	if (check_fd >= 0) {
		dup2(check_fd, 3);
		close(check_fd);
	}
	return r;
}

START_TEST(test_listen_not_listening)
{
	char err[256];
	int s = socket(AF_UNIX, SOCK_STREAM, 0);

	ck_assert_int_eq(listen_fd_with(s, err, sizeof err), -1);
	ck_assert_str_eq(err, "fd 3, passed by LISTEN_FDS, is not a listening "
			 "stream socket");
	int p[2];
	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(listen_fd_with(p[0], err, sizeof err), -1);
}
END_TEST

START_TEST(test_listen_socket)
{
	char err[256], path[64];
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int s = socket(AF_UNIX, SOCK_STREAM, 0);

	snprintf(path, sizeof path, "/tmp/nscheck-listen-%ld", (long)getpid());
	memcpy(sa.sun_path, path, strlen(path) + 1);
	unlink(path);
	ck_assert_int_eq(bind(s, (struct sockaddr *)&sa, sizeof sa), 0);
	ck_assert_int_eq(listen(s, 4), 0);
	int fd = listen_fd_with(s, err, sizeof err);
	unlink(path);
	ck_assert_int_eq(fd, 3);
	ck_assert_ptr_null(getenv("LISTEN_FDS"));
}
END_TEST

Suite *supervisor_suite(void)
{
	Suite *s = suite_create("supervisor");
	TCase *tc = tcase_create("notify");

	tcase_add_test(tc, test_notify_path);
	tcase_add_test(tc, test_notify_abstract);
	tcase_add_test(tc, test_notify_none_and_bad);
	suite_add_tcase(s, tc);
	tc = tcase_create("listen");
	tcase_add_test(tc, test_listen_none);
	tcase_add_test(tc, test_listen_two);
	tcase_add_test(tc, test_listen_not_listening);
	tcase_add_test(tc, test_listen_socket);
	suite_add_tcase(s, tc);
	return s;
}
