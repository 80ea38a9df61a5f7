/*
 * plural: the plural rule of a message catalogue, the C expression of its
 * "Plural-Forms: nplurals=N; plural=EXPR;" header (n, numbers, ! * / % +
 * - < > <= >= == != && || ?: and parentheses), read once into a small
 * tree and then evaluated for each count. Nothing here allocates.
 */
#ifndef NSCHECK_PLURAL_H
#define NSCHECK_PLURAL_H

#include <stdbool.h>

#define PLURAL_NODES 64   /* the longest shipped rule (Arabic's) needs 42 */
#define PLURAL_FORMS_MAX 6

struct plural_node {
	unsigned char op;     /* see plural.c */
	unsigned char a, b, c; /* operand nodes */
	unsigned long value;  /* a number's value */
};

struct plural {
	unsigned nforms;      /* nplurals */
	unsigned char root;
	unsigned char n_nodes;
	struct plural_node node[PLURAL_NODES];
};

/* English's rule: two forms, the second for every n but 1. */
void plural_default(struct plural *p);

/* Reads the Plural-Forms value ("nplurals=2; plural=(n != 1);"). False
 * when it is not one: p then holds the default. */
bool plural_parse(struct plural *p, const char *forms);

/* The index of the form for n, always below p->nforms. */
unsigned plural_index(const struct plural *p, unsigned long n);

#endif
