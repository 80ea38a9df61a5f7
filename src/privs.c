/*
 * privs: leaving root for a named user (see privs.h).
 */
#include "privs.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const struct passwd *find_user(const char *user, char *err,
				      size_t errlen)
{
	errno = 0;
	const struct passwd *pw = getpwnam(user);

	if (!pw) {
		snprintf(err, errlen, "user '%s' %s", user,
			 errno ? strerror(errno) : "does not exist");
		return NULL;
	}
	if (pw->pw_uid == 0) {
		snprintf(err, errlen, "user '%s' is root: name an unprivileged "
			 "user", user);
		return NULL;
	}
	return pw;
}

int privs_check(const char *user, char *err, size_t errlen)
{
	return user[0] && !find_user(user, err, errlen) ? -1 : 0;
}

static bool is_root(void)
{
	return getuid() == 0 || geteuid() == 0;
}

int privs_allowed(const char *user, char *err, size_t errlen)
{
	if (!is_root())
		return 0;
	if (!user[0]) {
		snprintf(err, errlen, "refusing to run as root: set 'user' in "
			 "the configuration (or -u USER) to the unprivileged "
			 "user nscheck is to run as");
		return -1;
	}
	return find_user(user, err, errlen) ? 0 : -1;
}

int privs_chown(const char *path, const char *user, char *err,
		size_t errlen)
{
	if (!is_root() || !user[0])
		return 0;
	const struct passwd *pw = find_user(user, err, errlen);
	if (!pw)
		return -1;
	if (lchown(path, pw->pw_uid, pw->pw_gid) < 0) {
		snprintf(err, errlen, "chown to '%s': %s", user, strerror(errno));
		return -1;
	}
	return 0;
}

int privs_drop(const char *user, char *err, size_t errlen)
{
	if (privs_allowed(user, err, errlen) < 0)
		return -1;
	if (!is_root())
		return 0;
	const struct passwd *pw = find_user(user, err, errlen);
	if (!pw)
		return -1;
	uid_t uid = pw->pw_uid;
	gid_t gid = pw->pw_gid;
	if (initgroups(user, gid) < 0 || setgid(gid) < 0 || setuid(uid) < 0) {
		snprintf(err, errlen, "cannot become user '%s': %s", user,
			 strerror(errno));
		return -1;
	}
	/* a process that could get root back has not dropped it */
	if (setuid(0) == 0 || getuid() != uid || geteuid() != uid ||
	    getgid() != gid || getegid() != gid) {
		snprintf(err, errlen, "user '%s': root could not be given up",
			 user);
		return -1;
	}
	return 0;
}
