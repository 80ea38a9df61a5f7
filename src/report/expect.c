/*
 * expect: the expected name servers, parsed (see expect.h).
 */
#include "report/expect.h"

#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "input/domain.h"
#include "util/names.h"

enum expect_error expect_parse(struct arena *a, const char *s, size_t len,
			       struct expect_list *out, char *bad,
			       size_t badlen)
{
	out->n = 0;
	for (size_t i = 0; i < len;) {
		size_t start = i;
		while (i < len && s[i] != ',' && s[i] != ' ' && s[i] != '\t')
			i++;
		size_t n = i - start;
		i++; /* past the separator */
		if (n == 0)
			continue;
		struct domain d;
		struct domain_problem dp;
		if (domain_normalize(s + start, n, &d, &dp) != DOMAIN_OK) {
			size_t k = n < badlen - 1 ? n : badlen - 1;
			memcpy(bad, s + start, k);
			bad[k] = '\0';
			return EXPECT_BAD_NAME;
		}
		if (names_has(out->names, out->n, d.ascii))
			continue;
		if (out->n == EXPECT_MAX)
			return EXPECT_TOO_MANY;
		if (!(out->names[out->n] = arena_strdup(a, d.ascii)))
			return EXPECT_TOO_MANY;
		out->n++;
	}
	names_sort(out->names, out->n);
	return EXPECT_OK;
}
