/*
 * privs: nscheck never serves as root. Started as root, it reads its
 * files and makes its socket (handed to the user), then becomes the
 * configured user (PRIVS_DEFAULT_USER when none is set), with that user's
 * groups only, before it opens the cache. On SIGHUP it reads its files
 * again as that user.
 */
#ifndef NSCHECK_PRIVS_H
#define NSCHECK_PRIVS_H

#include <stddef.h>

#ifndef NSCHECK_USER
#define NSCHECK_USER "nscheck"
#endif
/* The system user the package makes; nothing else should run as it. */
#define PRIVS_DEFAULT_USER NSCHECK_USER

/* The user a process started as root becomes: user, or the default. */
const char *privs_user(const char *user);

/* When running as root: become the user, or -1 with err when it does not
 * exist or cannot be taken. Not root: 0, nothing changes. */
int privs_drop(const char *user, char *err, size_t errlen);

/* user ("" or a name) exists and is not root: 0, else -1 with err. */
int privs_check(const char *user, char *err, size_t errlen);

/* What privs_drop() would refuse, checked before anything is opened. */
int privs_allowed(const char *user, char *err, size_t errlen);

/* A group name ("" for none) exists: 0, else -1 with err. */
int privs_check_group(const char *group, char *err, size_t errlen);

/*
 * The socket at path (not what it may link to) gets its owner and group.
 * As root: the user who serves, and group (or, when group is "", the
 * group it was made with if that came from a set-group-ID directory,
 * else the user's own). Not root: only a group that is set and differs
 * is changed, which needs membership of it. -1 with err when that fails.
 */
int privs_chown(const char *path, const char *user, const char *group,
		char *err, size_t errlen);

#endif
