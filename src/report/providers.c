/* providers: name server suffix -> provider (see providers.h). */
#include "report/providers.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct entry {
	char *pattern;
	char *name;
};

struct providers {
	struct entry *e;
	size_t n, cap;
};

void providers_free(struct providers *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++) {
		free(p->e[i].pattern);
		free(p->e[i].name);
	}
	free(p->e);
	free(p);
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && strchr(" \t\r\n", s[n - 1]))
		s[--n] = '\0';
	return s;
}

static int add(struct providers *p, const char *pattern, const char *name)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 64;
		struct entry *e = realloc(p->e, cap * sizeof *e);
		if (!e)
			return -1;
		p->e = e;
		p->cap = cap;
	}
	p->e[p->n].pattern = strdup(pattern);
	p->e[p->n].name = strdup(name);
	if (!p->e[p->n].pattern || !p->e[p->n].name) {
		free(p->e[p->n].pattern);
		free(p->e[p->n].name);
		return -1;
	}
	p->n++;
	return 0;
}

struct providers *providers_load(const char *path, char *err, size_t errlen)
{
	struct providers *p = calloc(1, sizeof *p);
	char line[512];
	unsigned lineno = 0;
	FILE *f;

	if (!p || !(f = fopen(path, "r"))) {
		snprintf(err, errlen, "%s: %s", path, p ? strerror(errno) :
			 "out of memory");
		free(p);
		return NULL;
	}
	while (fgets(line, sizeof line, f)) {
		lineno++;
		line[strcspn(line, "#")] = '\0';
		char *s = trim(line);
		if (!*s)
			continue;
		size_t plen = strcspn(s, " \t");
		char *name = trim(s + plen);
		s[plen] = '\0';
		if (!*name || add(p, s, name) < 0) {
			snprintf(err, errlen, "%s:%u: %s", path, lineno,
				 *name ? "out of memory" :
				 "expected a pattern and a provider name");
			fclose(f);
			providers_free(p);
			return NULL;
		}
	}
	fclose(f);
	return p;
}

/* A shell-like match where '*' stands for part of one label: it never
 * spans a dot, so *.awsdns-*.com does not match x.awsdns-1.com.example. */
static bool glob_label(const char *pat, const char *s)
{
	if (*pat == '\0')
		return *s == '\0';
	if (*pat == '*') {
		for (const char *t = s;; t++) {
			if (glob_label(pat + 1, t))
				return true;
			if (*t == '\0' || *t == '.')
				return false;
		}
	}
	return *s == *pat && glob_label(pat + 1, s + 1);
}

static int ends_with_label(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);

	if (k > n || strcasecmp(name + n - k, suffix) != 0)
		return 0;
	return k == n || name[n - k - 1] == '.';
}

const char *providers_find(const struct providers *p, const char *ns_name)
{
	char name[1024];
	size_t n = strlen(ns_name);

	if (!p || n >= sizeof name)
		return NULL;
	/* names are compared in lower case, as the patterns are written */
	for (size_t i = 0; i <= n; i++)
		name[i] = (char)tolower((unsigned char)ns_name[i]);
	if (n && name[n - 1] == '.')
		name[n - 1] = '\0';
	for (size_t i = 0; i < p->n; i++) {
		const char *pat = p->e[i].pattern;
		if (strchr(pat, '*') ? glob_label(pat, name) :
				       ends_with_label(name, pat))
			return p->e[i].name;
	}
	return NULL;
}
