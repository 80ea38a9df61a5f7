/*
 * tree: files of the source tree (see tree.h).
 */
#include "tree.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/catalog.h"

char *tree_file(const char *rel)
{
	const char *top = getenv("NSCHECK_TOP");
	char path[4096];

	ck_assert_msg(top != NULL, "NSCHECK_TOP names the source tree");
	snprintf(path, sizeof path, "%s/%s", top, rel);
	FILE *f = fopen(path, "r");
	ck_assert_msg(f != NULL, "%s cannot be read", path);
	char *text = calloc(1, 1 << 20);
	ck_assert_ptr_nonnull(text);
	size_t n = fread(text, 1, (1 << 20) - 1, f);
	fclose(f);
	text[n] = '\0';
	return text;
}

struct catalog *tree_catalog(const char *code)
{
	const char *www = getenv("NSCHECK_WWW");
	char path[4096];
	enum catalog_error err = CATALOG_OK;

	ck_assert_msg(www != NULL, "NSCHECK_WWW is not set (run through make)");
	snprintf(path, sizeof path, "%s/locale/%s.mo", www, code);
	struct catalog *c = catalog_load(path, &err);
	ck_assert_msg(c != NULL, "%s: %s (make builds it)", path,
		      catalog_strerror(err));
	return c;
}
