/*
 * privs: nscheck never serves as root. Started as root, it reads its
 * files and makes its socket (handed to the user), then becomes the
 * configured user, with that user's groups only, before it opens the
 * cache; without a user it refuses. On SIGHUP it reads its files again as
 * that user.
 */
#ifndef NSCHECK_PRIVS_H
#define NSCHECK_PRIVS_H

#include <stddef.h>

/* When running as root: become user, or -1 with err when user is "" or
 * cannot be taken. Not root: 0, nothing changes. */
int privs_drop(const char *user, char *err, size_t errlen);

/* user ("" or a name) exists and is not root: 0, else -1 with err. */
int privs_check(const char *user, char *err, size_t errlen);

/* What privs_drop() would refuse, checked before anything is opened. */
int privs_allowed(const char *user, char *err, size_t errlen);

/* When running as root with a user: path (not what it may link to) now
 * belongs to that user and its group (a socket made before root is
 * given up). Otherwise 0, no change. */
int privs_chown(const char *path, const char *user, char *err,
		size_t errlen);

#endif
