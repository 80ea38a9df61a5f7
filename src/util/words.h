/*
 * words: numbers and spans of time as people read them ("2 hours 30
 * minutes", "0.21" ms), for any module that writes text for people:
 * the checks' findings, the transfer verdict, the renderers, in the
 * language l (NULL: English). Built on buf and lang alone, so every layer
 * above it can take them.
 */
#ifndef NSCHECK_WORDS_H
#define NSCHECK_WORDS_H

#include <stdint.h>

struct lang;

struct buf;

/* "1 day", "2 hours 30 minutes", "45 seconds". */
void words_duration(const struct lang *l, uint32_t secs, struct buf *out);
/* Milliseconds with two decimals, from microseconds: "0.21", "0,21" in
 * German; NULL gives the "." that JSON needs. */
void words_ms(const struct lang *l, uint32_t us, struct buf *out);

#endif
