/*
 * providers: which DNS provider runs a name server, from a data file that
 * operators extend: one "PATTERN  Provider name" per line, '#' comments.
 * A pattern is a domain suffix (cloudflare.com matches ns1.cloudflare.com)
 * or, with '*', a pattern over the whole name where '*' stands for any
 * part of one label (*.awsdns-*.com); patterns are written in lower case.
 */
#ifndef NSCHECK_PROVIDERS_H
#define NSCHECK_PROVIDERS_H

#include <stddef.h>

struct providers;

/* NULL with err on a bad file ("file:line: reason"). */
struct providers *providers_load(const char *path, char *err, size_t errlen);
void providers_free(struct providers *p);

/* The provider of a name server, or NULL. The first matching line wins. */
const char *providers_find(const struct providers *p, const char *ns_name);

#endif
