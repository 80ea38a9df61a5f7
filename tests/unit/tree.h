/*
 * tree: files of the source tree (NSCHECK_TOP, which `make unit` sets),
 * for tests that hold code and documentation to each other.
 */
#ifndef NSCHECK_TEST_TREE_H
#define NSCHECK_TEST_TREE_H

/* The whole text of rel (at most 1 MB), NUL-terminated; the test fails
 * when it cannot be read. The caller frees it. */
char *tree_file(const char *rel);

struct catalog;

/* The catalogue of code that make built ($NSCHECK_WWW/locale/code.mo);
 * the test fails when it cannot be read. The caller frees it. */
struct catalog *tree_catalog(const char *code);

#endif
