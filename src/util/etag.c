/* etag: entity tags and If-None-Match (see etag.h). */
#include "util/etag.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/siphash.h"

/* not a secret: a tag only has to change when the body does */
static const unsigned char etag_key[SIPHASH_KEY_SIZE] = "nscheck-etag-v1";

void etag_of(const void *body, size_t len, char out[ETAG_SIZE])
{
	snprintf(out, ETAG_SIZE, "\"%016llx\"",
		 (unsigned long long)siphash24(etag_key, body, len));
}

bool etag_matches(const char *list, const char *etag)
{
	size_t want = strlen(etag);

	if (!list)
		return false;
	for (const char *p = list; *p;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return true;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		if (*p != '"')
			return false; /* not a list of tags: no match */
		const char *end = strchr(p + 1, '"');
		if (!end)
			return false;
		if ((size_t)(end + 1 - p) == want && memcmp(p, etag, want) == 0)
			return true;
		p = end + 1;
	}
	return false;
}
