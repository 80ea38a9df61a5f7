/*
 * codec: an ns_result as a compact byte string, for the cache.
 *
 * encode writes every field the renderers read; decode checks every length
 * against what is left (the bytes come from shared memory and must never
 * be trusted blindly) and rebuilds the result in an arena, with every TTL
 * reduced by the time the entry has spent in the cache.
 */
#ifndef NSCHECK_CODEC_H
#define NSCHECK_CODEC_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct buf;
struct drill;
struct ns_result;
struct report;

void codec_encode(const struct ns_result *r, struct buf *out);

/* 0, or -1 when the bytes are not a valid encoding. */
int codec_decode(const void *data, size_t len, uint32_t age_s,
		 struct arena *a, struct ns_result *out);

/* The same for a delegation report. Names repeat a lot in a report (every
 * server lists the same NS set), so each is stored once and referred to
 * by number. The TTLs the servers publish are kept as they are; only what
 * resolvers (resolvers_view) have left is aged by age_s on decoding. */
void codec_encode_report(const struct report *rep, struct buf *out);
int codec_decode_report(const void *data, size_t len, uint32_t age_s,
			struct arena *a, struct report *out);

/* The answers of a drill-down (drill.h), packets as they came; decoding
 * fills only the answers and the time they took. */
void codec_encode_drill(const struct drill *d, struct buf *out);
int codec_decode_drill(const void *data, size_t len, struct arena *a,
		       struct drill *out);

#endif
