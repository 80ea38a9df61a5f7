/*
 * Unit tests of privs: the default user, the checks of users and groups,
 * and privs_chown as root (the owner and group a socket is given), on
 * files in /tmp. What needs root is checked only when run as root.
 */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/privs.h"
#include "suites.h"

START_TEST(test_default_user)
{
	ck_assert_str_eq(privs_user(""), "nscheck");
	ck_assert_str_eq(privs_user("www-data"), "www-data");
}
END_TEST

START_TEST(test_checks)
{
	char err[256];

	ck_assert_int_eq(privs_check("", err, sizeof err), 0);
	ck_assert_int_eq(privs_check("nobody", err, sizeof err), 0);
	ck_assert_int_eq(privs_check("root", err, sizeof err), -1);
	ck_assert_str_eq(err, "user 'root' is root: name an unprivileged user");
	ck_assert_int_eq(privs_check("no-such-user-x", err, sizeof err), -1);
	ck_assert_str_eq(err, "user 'no-such-user-x' does not exist");
	ck_assert_int_eq(privs_check_group("", err, sizeof err), 0);
	ck_assert_int_eq(privs_check_group("nogroup", err, sizeof err), 0);
	ck_assert_int_eq(privs_check_group("no-such-group-x", err, sizeof err), -1);
	ck_assert_str_eq(err, "group 'no-such-group-x' does not exist");
}
END_TEST

static void temp(char *path, size_t size)
{
	snprintf(path, size, "/tmp/nscheck-privs-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
}

START_TEST(test_chown_as_root)
{
	char path[64], err[256];
	struct stat st;

	if (geteuid() != 0)
		return; /* only root can give a file away */
	const struct passwd *nobody = getpwnam("nobody");
	const struct group *daemon_gr = getgrnam("daemon");
	ck_assert_ptr_nonnull(nobody);
	ck_assert_ptr_nonnull(daemon_gr);
	gid_t daemon_gid = daemon_gr->gr_gid;
	uid_t nobody_uid = nobody->pw_uid;
	gid_t nobody_gid = nobody->pw_gid;

	temp(path, sizeof path); /* made with root's group: the user's own */
	ck_assert_int_eq(privs_chown(path, "nobody", "", err, sizeof err), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_uid, nobody_uid);
	ck_assert_uint_eq(st.st_gid, nobody_gid);
	ck_assert_int_eq(privs_chown(path, "nobody", "daemon", err, sizeof err), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_gid, daemon_gid);
	/* a group that came from a set-group-ID directory stays */
	ck_assert_int_eq(chown(path, 0, daemon_gid), 0);
	ck_assert_int_eq(privs_chown(path, "nobody", "", err, sizeof err), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_gid, daemon_gid);
	ck_assert_int_eq(privs_chown(path, "nobody", "no-such-group-x", err,
				     sizeof err), -1);
	ck_assert_int_eq(privs_chown(path, "no-such-user-x", "", err, sizeof err),
			 -1);
	unlink(path);
}
END_TEST

Suite *privs_suite(void)
{
	Suite *s = suite_create("privs");
	TCase *tc = tcase_create("privs");

	tcase_add_test(tc, test_default_user);
	tcase_add_test(tc, test_checks);
	tcase_add_test(tc, test_chown_as_root);
	suite_add_tcase(s, tc);
	return s;
}
