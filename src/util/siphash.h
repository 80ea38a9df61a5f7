/*
 * siphash: SipHash-2-4, a keyed hash. The cache hashes names chosen by
 * anyone on the internet; with a secret random key nobody can pick names
 * that all land in one set of the table.
 */
#ifndef NSCHECK_SIPHASH_H
#define NSCHECK_SIPHASH_H

#include <stddef.h>
#include <stdint.h>

#define SIPHASH_KEY_SIZE 16

uint64_t siphash24(const unsigned char key[SIPHASH_KEY_SIZE], const void *data,
		   size_t len);

#endif
