/*
 * lookup: the NS lookup itself. Asks the resolver for the NS records of a
 * name, then for the A and AAAA records of every name server, all in
 * parallel inside one deadline, and turns what came back into an ns_result.
 */
#ifndef NSCHECK_LOOKUP_H
#define NSCHECK_LOOKUP_H

#include <stdbool.h>
#include <stdint.h>

struct arena;
struct config;
struct ns_result;
struct resolver;

/*
 * Fills *out (memory from a). Never fails as a function: every outcome,
 * including our own out-of-memory, is a status in *out.
 */
void lookup_run(struct resolver *r, const struct config *cfg, struct arena *a,
		const char *ascii_name, struct ns_result *out);

/* The same with an explicit end (monotonic ms): for a request that has
 * already spent part of its deadline. */
void lookup_run_until(struct resolver *r, const struct config *cfg,
		      struct arena *a, const char *ascii_name,
		      int64_t deadline_ms, struct ns_result *out);

/* The same in two steps, for a caller that runs other queries beside it
 * (probe_beside()): lookup_start() sends the NS query (NULL when it could
 * not be sent; *out then says so), lookup_finish() runs the resolver
 * until the lookup ends or the deadline passes. */
struct lookup_job;
struct lookup_job *lookup_start(struct resolver *r, const struct config *cfg,
				struct arena *a, const char *ascii_name,
				struct ns_result *out);
void lookup_finish(struct lookup_job *job, int64_t deadline_ms);
/* The NS query has ended (*out has its status; addresses may follow). */
bool lookup_answered(const struct lookup_job *job);

#endif
