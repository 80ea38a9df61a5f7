/*
 * form: x-www-form-urlencoded decoding (see form.h).
 */
#include "input/form.h"

#include <string.h>

#include "util/arena.h"

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decodes s[0..n) into a new arena string. On a bad escape returns NULL and
 * sets *bad to the escape's offset within s.
 */
static char *decode(struct arena *a, const char *s, size_t n, size_t *out_len,
		    size_t *bad, enum form_error *err)
{
	char *d = arena_alloc(a, n + 1); /* decoding never grows the text */
	size_t j = 0;

	if (!d) {
		*err = FORM_NOMEM;
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '+') {
			d[j++] = ' ';
		} else if (c == '%') {
			int hi = i + 1 < n ? hexval((unsigned char)s[i + 1]) : -1;
			int lo = i + 2 < n ? hexval((unsigned char)s[i + 2]) : -1;
			if (hi < 0 || lo < 0) {
				*bad = i;
				*err = FORM_BAD_ESCAPE;
				return NULL;
			}
			d[j++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			d[j++] = (char)c;
		}
	}
	d[j] = '\0';
	*out_len = j;
	return d;
}

enum form_error form_parse(struct arena *a, const char *s, size_t len,
			   struct form *f, struct form_problem *why)
{
	size_t start = 0;

	why->code = FORM_OK;
	why->offset = 0;
	while (start < len) {
		const char *piece = s + start;
		const char *amp = memchr(piece, '&', len - start);
		size_t plen = amp ? (size_t)(amp - piece) : len - start;

		if (plen > 0) {
			const char *eq = memchr(piece, '=', plen);
			size_t klen = eq ? (size_t)(eq - piece) : plen;
			size_t voff = eq ? klen + 1 : plen;
			size_t bad = 0;
			struct form_field fld = { 0 };

			if (f->n == FORM_MAX_FIELDS) {
				why->code = FORM_TOO_MANY_FIELDS;
				why->offset = start;
				return why->code;
			}
			fld.key = decode(a, piece, klen, &fld.key_len, &bad,
					 &why->code);
			if (fld.key)
				fld.value = decode(a, piece + voff, plen - voff,
						   &fld.value_len, &bad,
						   &why->code);
			if (!fld.key || !fld.value) {
				why->offset = start + bad +
					      (fld.key ? voff : 0);
				return why->code;
			}
			f->field[f->n++] = fld;
		}
		start += plen + 1;
	}
	return FORM_OK;
}

const struct form_field *form_get(const struct form *f, const char *key,
				  size_t *count)
{
	const struct form_field *first = NULL;
	size_t klen = strlen(key), c = 0;

	for (size_t i = 0; i < f->n; i++) {
		const struct form_field *fld = &f->field[i];
		if (fld->key_len == klen && memcmp(fld->key, key, klen) == 0) {
			if (!first)
				first = fld;
			c++;
		}
	}
	if (count)
		*count = c;
	return first;
}

const char *form_error_str(enum form_error e)
{
	switch (e) {
	case FORM_OK: return "no error";
	case FORM_BAD_ESCAPE:
		return "a '%' is not followed by two hexadecimal digits";
	case FORM_TOO_MANY_FIELDS: return "too many parameters";
	case FORM_NOMEM: return "the request is too large to decode";
	}
	return "unknown error";
}
