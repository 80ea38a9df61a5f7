/*
 * privs: nscheck never serves as root. Started as root, it becomes the
 * configured user (and that user's groups) once its files are read and
 * before it opens the cache or a socket; without a user it refuses.
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

/* When running as root with a user: path now belongs to that user and its
 * group (a socket made before root is given up). Otherwise 0, no change. */
int privs_chown(const char *path, const char *user, char *err,
		size_t errlen);

#endif
