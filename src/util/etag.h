/*
 * etag: an entity tag for a response body, and the If-None-Match test
 * (RFC 9110, 8.8.3 and 13.1.2). The tag is a hash of the bytes alone, so
 * every host of a fleet gives the same body the same tag.
 */
#ifndef NSCHECK_ETAG_H
#define NSCHECK_ETAG_H

#include <stdbool.h>
#include <stddef.h>

#define ETAG_SIZE 19 /* "16 hex digits" and the NUL */

/* The strong tag of body, quotes included, into out. */
void etag_of(const void *body, size_t len, char out[ETAG_SIZE]);

/* If-None-Match (a list, "*", or NULL) names etag. The comparison is the
 * weak one the header asks for: W/ is ignored. */
bool etag_matches(const char *if_none_match, const char *etag);

#endif
