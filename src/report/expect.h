/*
 * expect: the name servers a person expects a domain to move to (the
 * form's second field, or expect= in the URL), as a small sorted set.
 *
 * The list is parsed once per request; the report asks its servers too,
 * the transfer verdict compares the delegation with it, and the pages
 * show it and keep it in their links.
 */
#ifndef NSCHECK_EXPECT_H
#define NSCHECK_EXPECT_H

#include <stddef.h>

struct arena;
struct buf;

#define EXPECT_MAX 13

struct expect_list {
	const char *names[EXPECT_MAX];  /* lower-case ASCII, sorted, unique */
	size_t n;
};

enum expect_error { EXPECT_OK, EXPECT_TOO_MANY, EXPECT_BAD_NAME };

/* "ns1.example.net, ns2.example.net" (commas or blanks between names;
 * IDN allowed) into out. On EXPECT_BAD_NAME, bad holds the name (raw, cut
 * to badlen): the refusal names it. */
enum expect_error expect_parse(struct arena *a, const char *s, size_t len,
			       struct expect_list *out, char *bad,
			       size_t badlen);

#endif
