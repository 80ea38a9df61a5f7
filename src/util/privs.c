/*
 * privs: leaving root for a named user (see privs.h).
 */
#include "util/privs.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *privs_user(const char *user)
{
	return user[0] ? user : PRIVS_DEFAULT_USER;
}

static const struct passwd *find_user(const char *user, char *err,
				      size_t errlen)
{
	errno = 0;
	const struct passwd *pw = getpwnam(user);

	if (!pw && !errno && strcmp(user, PRIVS_DEFAULT_USER) == 0) {
		snprintf(err, errlen, "started as root, nscheck serves as the "
			 "user '%s', which does not exist: create it (adduser "
			 "--system --group --no-create-home --home /nonexistent "
			 "%s) or set 'user' (-u USER)", user, user);
		return NULL;
	}
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

static bool find_group(const char *group, gid_t *gid, char *err,
		       size_t errlen)
{
	errno = 0;
	const struct group *gr = getgrnam(group);

	if (!gr) {
		snprintf(err, errlen, "group '%s' %s", group,
			 errno ? strerror(errno) : "does not exist");
		return false;
	}
	*gid = gr->gr_gid;
	return true;
}

int privs_check(const char *user, char *err, size_t errlen)
{
	return user[0] && !find_user(user, err, errlen) ? -1 : 0;
}

int privs_check_group(const char *group, char *err, size_t errlen)
{
	gid_t gid;

	return group[0] && !find_group(group, &gid, err, errlen) ? -1 : 0;
}

static bool is_root(void)
{
	return getuid() == 0 || geteuid() == 0;
}

int privs_allowed(const char *user, char *err, size_t errlen)
{
	if (!is_root())
		return 0;
	return find_user(privs_user(user), err, errlen) ? 0 : -1;
}

/* As root: the user's uid and the group the socket is to have. */
static int root_owner(const char *path, const char *user, const char *group,
		      uid_t *uid, gid_t *gid, char *err, size_t errlen)
{
	const struct passwd *pw = find_user(privs_user(user), err, errlen);
	struct stat st;

	if (!pw)
		return -1;
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	if (group[0])
		return find_group(group, gid, err, errlen) ? 0 : -1;
	/* made in a set-group-ID directory (the package's /run/nscheck is
	 * the web server's group): that group stays */
	if (lstat(path, &st) == 0 && st.st_gid != getegid())
		*gid = st.st_gid;
	return 0;
}

int privs_chown(const char *path, const char *user, const char *group,
		char *err, size_t errlen)
{
	uid_t uid = (uid_t)-1;
	gid_t gid = (gid_t)-1;
	struct stat st;

	if (is_root()) {
		if (root_owner(path, user, group, &uid, &gid, err, errlen) < 0)
			return -1;
	} else if (group[0]) {
		if (!find_group(group, &gid, err, errlen))
			return -1;
		if (lstat(path, &st) == 0 && st.st_gid == gid)
			return 0;
	} else {
		return 0;
	}
	if (lchown(path, uid, gid) < 0) {
		if (!is_root() && errno == EPERM)
			snprintf(err, errlen, "cannot give it to group '%s': not a "
				 "member (make its directory belong to that group, "
				 "with the set-group-ID bit, as the shipped "
				 "tmpfiles.d entry does)", group);
		else
			snprintf(err, errlen, "chown: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int privs_drop(const char *user, char *err, size_t errlen)
{
	if (!is_root())
		return 0;
	const char *name = privs_user(user);
	const struct passwd *pw = find_user(name, err, errlen);
	if (!pw)
		return -1;
	uid_t uid = pw->pw_uid;
	gid_t gid = pw->pw_gid;
	if (initgroups(name, gid) < 0 || setgid(gid) < 0 || setuid(uid) < 0) {
		snprintf(err, errlen, "cannot become user '%s': %s", name,
			 strerror(errno));
		return -1;
	}
	/* a process that could get root back has not dropped it */
	if (setuid(0) == 0 || getuid() != uid || geteuid() != uid ||
	    getgid() != gid || getegid() != gid) {
		snprintf(err, errlen, "user '%s': root could not be given up",
			 name);
		return -1;
	}
	return 0;
}
