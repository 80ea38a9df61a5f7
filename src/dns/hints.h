/*
 * hints: where the walk to a domain's parent zone starts: the addresses of
 * the root servers. Built in (the IANA list), or read at start-up from the
 * file named by root_hints in the usual root hints format, so that tests
 * and private networks can use a root of their own.
 */
#ifndef NSCHECK_HINTS_H
#define NSCHECK_HINTS_H

#include <stdbool.h>
#include <stddef.h>

#define HINTS_MAX 64

struct hint {
	char name[256];
	unsigned char addr[16];
	bool v6;
};

struct hints {
	struct hint h[HINTS_MAX];
	size_t n;
};

/* path NULL or "": the built-in root servers. 0, or -1 with err
 * ("file:line: reason"). */
int hints_load(struct hints *out, const char *path, char *err, size_t errlen);

#endif
