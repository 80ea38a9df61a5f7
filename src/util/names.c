/*
 * names: sets of domain names (see names.h). The sets are small (an NS
 * set has a handful of names, 64 at most), so a linear search is the
 * whole algorithm.
 */
#include "util/names.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool names_has(const char *const *set, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(set[i], name) == 0)
			return true;
	return false;
}

bool names_subset(const char *const *a, size_t na, const char *const *b,
		  size_t nb)
{
	return names_missing(a, na, b, nb) == 0;
}

/* With each name once in each set, the same size and one inside the
 * other is equality. The sets a report compares are mostly sorted alike,
 * so a walk side by side settles most of them without the n * n search. */
bool names_equal(const char *const *a, size_t na, const char *const *b,
		 size_t nb)
{
	size_t i = 0;

	if (na != nb)
		return false;
	while (i < na && strcasecmp(a[i], b[i]) == 0)
		i++;
	return i == na || names_subset(a + i, na - i, b, nb);
}

size_t names_missing(const char *const *a, size_t na, const char *const *b,
		     size_t nb)
{
	size_t n = 0;

	for (size_t i = 0; i < na; i++)
		n += !names_has(b, nb, a[i]);
	return n;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void names_sort(const char **v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_name);
}
