/*
 * arena: a bump allocator over a chain of blocks (see arena.h).
 */
#include "util/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE 16384

struct block {
	struct block *next;
	size_t size; /* usable bytes after the header */
	size_t used;
	alignas(max_align_t) unsigned char mem[];
};

struct arena {
	struct block *head; /* the block allocations come from */
	struct block *first; /* kept across resets */
	size_t limit;
	size_t used;
};

static struct block *block_new(size_t size)
{
	struct block *b = malloc(sizeof *b + size);
	if (!b)
		return NULL;
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

struct arena *arena_new(size_t limit)
{
	struct arena *a = malloc(sizeof *a);
	if (!a)
		return NULL;
	a->first = a->head = block_new(BLOCK_SIZE);
	if (!a->first) {
		free(a);
		return NULL;
	}
	a->limit = limit;
	a->used = 0;
	return a;
}

static void free_chain(struct block *b, struct block *stop)
{
	while (b && b != stop) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	free_chain(a->head, NULL);
	free(a);
}

void arena_reset(struct arena *a)
{
	/* blocks are pushed in front, so the first block is the chain's tail */
	free_chain(a->head, a->first);
	a->head = a->first;
	a->first->used = 0;
	a->first->next = NULL;
	a->used = 0;
}

void *arena_alloc(struct arena *a, size_t n)
{
	const size_t align = alignof(max_align_t);
	size_t size = (n + align - 1) & ~(align - 1);

	if (n == 0)
		size = align;
	if (size < n || size > a->limit - a->used)
		return NULL;
	struct block *b = a->head;
	if (size > b->size - b->used) {
		b = block_new(size > BLOCK_SIZE ? size : BLOCK_SIZE);
		if (!b)
			return NULL;
		b->next = a->head;
		a->head = b;
	}
	void *p = b->mem + b->used;
	b->used += size;
	a->used += size;
	memset(p, 0, n);
	return p;
}

void *arena_array(struct arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return arena_alloc(a, n * size);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	if (n == SIZE_MAX)
		return NULL;
	char *p = arena_alloc(a, n + 1);
	if (p && n)
		memcpy(p, s, n);
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

size_t arena_used(const struct arena *a)
{
	return a->used;
}
