/*
 * names: sets of domain names held as arrays of strings (an NS set, the
 * expected servers, the names a report asks). Pure functions over the
 * arrays, below every module that keeps such a set.
 *
 * A set holds each name once. Names compare without regard to ASCII case
 * (RFC 4343); the sets the report builds are lower case already, the
 * resolver's are as the answer spelled them.
 */
#ifndef NSCHECK_NAMES_H
#define NSCHECK_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/* name is one of the n names of set. */
bool names_has(const char *const *set, size_t n, const char *name);
/* Every name of a is in b. */
bool names_subset(const char *const *a, size_t na, const char *const *b,
		  size_t nb);
/* a and b hold the same names, in whatever order. */
bool names_equal(const char *const *a, size_t na, const char *const *b,
		 size_t nb);
/* How many names of a are not in b. */
size_t names_missing(const char *const *a, size_t na, const char *const *b,
		     size_t nb);
/* Sorts the n names of v in byte order (lower-case names: alphabetical),
 * the order the report and the expected servers are kept and shown in. */
void names_sort(const char **v, size_t n);

#endif
