/*
 * arena: the memory of one request.
 *
 * Everything a request builds (decoded parameters, the lookup result) is
 * allocated here and released at once by arena_reset() when the request
 * ends, so no path can leak and no request can see another's data. A hard
 * limit bounds what a single request may take.
 */
#ifndef NSCHECK_ARENA_H
#define NSCHECK_ARENA_H

#include <stddef.h>

struct arena;

/* NULL when out of memory. limit: total bytes the arena may hand out. */
struct arena *arena_new(size_t limit);
void arena_free(struct arena *a);
/* Releases every allocation; keeps the first block for the next request. */
void arena_reset(struct arena *a);

/* Zeroed, aligned memory, or NULL when the limit is reached. */
void *arena_alloc(struct arena *a, size_t n);
/* n elements of size each, or NULL on overflow or limit. */
void *arena_array(struct arena *a, size_t n, size_t size);
/* A NUL-terminated copy of s[0..n). */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
size_t arena_used(const struct arena *a);

#endif
