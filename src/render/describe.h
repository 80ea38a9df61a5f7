/*
 * describe: the short sentences that say what a result means, shared by the
 * HTML, JSON and text renderers so all three say the same thing.
 *
 * Everything written here is raw text in the view's language (v->lang);
 * each renderer escapes it for its own output. Long explanations (what an
 * NS record is, the FAQ) live in www/templates, not here.
 */
#ifndef NSCHECK_DESCRIBE_H
#define NSCHECK_DESCRIBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report/result.h"

struct lang;

struct buf;
struct report;
struct view;

typedef void describe_fn(const struct view *v, struct buf *out);
typedef void escape_fn(struct buf *out, const char *s, size_t n);

/* One sentence: what happened. */
void describe_headline(const struct view *v, struct buf *out);
/* What it means and what to try; may be empty. */
void describe_advice(const struct view *v, struct buf *out);
/*
 * Writes what fn says into out through escape (one of buf's escapers),
 * prefixed by before when there is something to say. Returns whether
 * anything was written.
 */
bool describe_into(const struct view *v, describe_fn *fn, escape_fn *escape,
		   const char *before, struct buf *out);
/* The name as a person reads it: Unicode form when it is an IDN. */
const char *describe_name(const struct view *v);

/* How long a change of name servers made now takes to reach everyone, from
 * the report's TTLs: "... until 27 Nov 2026 10:45 UTC (about 2 days) ...".
 * Nothing without a finished report. */
void describe_wait(const struct view *v, struct buf *out);
/* Seconds the last old answer may live after a change made now. */
uint32_t describe_wait_s(const struct report *rep);
/* Why an address cell is empty: "no IPv6 address", "lookup timed out". */
const char *describe_addr_state(const struct lang *l, enum addr_state s, bool v6);

#endif
