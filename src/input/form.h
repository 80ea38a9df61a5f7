/*
 * form: decoding of application/x-www-form-urlencoded data, the format of
 * both a query string and a posted form.
 *
 * Pure functions over bytes: the input comes in as (pointer, length), the
 * fields come out as arena-allocated, NUL-terminated copies that also carry
 * their length, because a decoded value may hold a NUL byte.
 */
#ifndef NSCHECK_FORM_H
#define NSCHECK_FORM_H

#include <stddef.h>

struct arena;

#define FORM_MAX_FIELDS 64

struct form_field {
	char *key;
	size_t key_len;
	char *value;
	size_t value_len;
};

struct form {
	struct form_field field[FORM_MAX_FIELDS];
	size_t n;
};

enum form_error {
	FORM_OK,
	FORM_BAD_ESCAPE,     /* '%' not followed by two hex digits */
	FORM_TOO_MANY_FIELDS,
	FORM_NOMEM,
};

struct form_problem {
	enum form_error code;
	size_t offset;  /* byte offset of the problem in the input */
};

/*
 * Appends the fields of s[0..len) to *f (so a query string and a body can
 * go into one form). '+' means space; empty pieces between '&' are skipped;
 * a piece without '=' is a key with an empty value.
 */
enum form_error form_parse(struct arena *a, const char *s, size_t len,
			   struct form *f, struct form_problem *why);

/* The first field named key, or NULL; *count gets how many there are. */
const struct form_field *form_get(const struct form *f, const char *key,
				  size_t *count);

const char *form_error_str(enum form_error e);

#endif
