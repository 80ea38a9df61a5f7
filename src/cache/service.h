/*
 * service: an NS lookup, and the delegation report, as the web sees them:
 * from the shared cache when it can, by one shared computation when
 * several requests ask for the same name at once, and refused (busy)
 * rather than letting slow lookups take every thread. Without a cache it
 * is lookup_run() (or report_run()) itself.
 *
 * Two limits keep cached answers flowing while some name server is slow:
 * max_inflight bounds upstream lookups across all processes (in the cache
 * segment), and max_slow bounds the requests of one process that may be
 * busy with uncached work (running or waiting for a lookup): threads, so
 * that the others stay free for cache hits, or the fibers of the process's
 * slow lane, to which threads that serve only hits hand the rest.
 */
#ifndef NSCHECK_SERVICE_H
#define NSCHECK_SERVICE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cache/cache.h"

struct arena;
struct buf;
struct cache;
struct client;
struct expect_list;
struct config;
struct drill;
struct ns_result;
struct probe;
struct report;
struct report_env;
struct resolver;

/* One per process, shared by its threads. */
struct service {
	struct cache *cache;     /* NULL: every lookup goes upstream */
	const struct config *cfg;
	const struct report_env *env; /* for reports */
	_Atomic unsigned slow;   /* threads now busy with uncached work */
	unsigned max_slow;       /* 0: no per-process limit */
};

enum service_status {
	SERVICE_OK,      /* *out holds the result (fresh or cached) */
	SERVICE_BUSY,    /* a limit was reached: try again later */
	SERVICE_LIMITED, /* the client's upstream lookups are used up */
	SERVICE_DEFER,   /* hits_only, and the answer needs more: nothing done */
};

/* Who asks, for the per-client limit on upstream lookups (rate_lookups):
 * one token per request that has to go upstream itself (its lookup, or
 * its report when the lookup was cached; never both). id NULL: nobody to
 * charge. wait_ms is set with SERVICE_LIMITED. */
struct service_caller {
	const struct client *id;
	uint32_t wait_ms;
	bool charged;      /* this request has paid its token */
	/* How the caller may wait. hits_only: a thread that must not wait on
	 * DNS; what is not a hit comes back SERVICE_DEFER with one of the
	 * process's max_slow places taken (slow_held; service_slow_end()
	 * gives it back), for the request to be carried out again where it
	 * may wait, or as busy (or stale) when no place is left. slow_held:
	 * the request has its place already. waiter: how a wait for another
	 * request's answer waits (NULL: this thread blocks). */
	bool hits_only;
	bool slow_held;
	const struct waiter *waiter;
	/* hits a hits_only caller found, not counted yet: a deferred
	 * request's second go finds them again and counts them then;
	 * service_count_hits() counts them for one that was answered */
	unsigned quiet_hits;
};

void service_count_hits(struct service *s, struct service_caller *who);

void service_init(struct service *s, struct cache *cache,
		  const struct config *cfg, unsigned threads);
/* max_slow set to the size of a slow lane (fibers, not threads). */
void service_set_slow(struct service *s, unsigned max);
/* Takes a place for a request deferred by its caller (given back by
 * service_slow_end() after its second go): false when none is left. */
bool service_slow_take(struct service *s);
/* Gives back the place a deferred request held (caller's slow_held). */
void service_slow_end(struct service *s);

enum service_status service_lookup(struct service *s, struct resolver *r,
				   struct arena *a, const char *name,
				   struct service_caller *who,
				   struct ns_result *out);

/* A report the caller will want after its lookup, made beside it when
 * both are to be computed: the report's walk, its questions to the parent
 * and the DS go out while the lookup's queries run, so an uncached page
 * waits for fewer round trips. The caller sets p, expect and report; done
 * says the report is in *report with status (as service_report() would
 * have made it); else the caller asks service_report() as usual. */
struct work;
struct report_start;
struct service_ahead {
	struct probe *p;
	struct resolver *r;       /* the report's own: not the lookup's */
	const struct expect_list *expect;
	struct report *report;
	bool done;
	enum service_status status;
	struct work *w;           /* the report's, while it is begun */
	struct report_start *st;
	struct cache_ticket t;
};

/* service_lookup(), with the report begun beside it (ahead NULL: none). */
enum service_status service_lookup_ahead(struct service *s,
					 struct resolver *r, struct arena *a,
					 const char *name,
					 struct service_caller *who,
					 struct service_ahead *ahead,
					 struct ns_result *out);

/* The delegation report on the domain of a finished lookup, through the
 * same cache (keyed apart from lookups), coalescing and limits. */
enum service_status service_report(struct service *s, struct resolver *r,
				   struct probe *p, struct arena *a,
				   const struct ns_result *of,
				   const struct expect_list *expect,
				   struct service_caller *who,
				   struct report *out);

/* The drill-down of one server found in a report (drill_find): its
 * answers, through the cache (a few seconds), coalescing and limits. */
enum service_status service_drill(struct service *s, struct probe *p,
				  struct arena *a, struct service_caller *who,
				  struct drill *d);

/* A cache key: prefix and text as they are when they fit a key
 * (CACHE_KEY_MAX), else, or when hashed is set, prefix and a keyed hash of
 * the whole text, so two long names never share an entry and a client
 * cannot aim at another's. NULL (work without the cache) when text
 * failed or there is no cache to key the hash. key: size bytes. */
const char *service_key(const struct service *s, const char *prefix,
			const struct buf *text, bool hashed, char *key,
			size_t size);

/* Until when the cache keeps a result stored at now_ms: the smallest TTL,
 * clamped; RFC 2308 for negative answers; failures only briefly. */
int64_t service_expiry(const struct ns_result *r, const struct config *cfg,
		       int64_t now_ms);

#endif
