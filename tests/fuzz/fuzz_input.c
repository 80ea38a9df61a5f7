/*
 * Fuzz target: what a request brings in. The bytes are a query string (or
 * form body) for form_parse, an Accept header for the format choice, and
 * the input of the domain field for domain_normalize. Beyond "no crash",
 * it checks what the later stages rely on: a normalised name is the root
 * "." or lower-case letters, digits, '-', '_' and '.', at most 253 bytes,
 * no empty label; and given again, it is accepted as itself, so the rules
 * on typed Unicode and on A-labels agree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "input/domain.h"
#include "input/form.h"
#include "input/request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_name(const char *s)
{
	size_t n = strlen(s);
	struct domain again;
	struct domain_problem dp;

	if (strcmp(s, ".") == 0)
		return;
	if (n == 0 || n > DOMAIN_NAME_MAX || s[0] == '.' || s[n - 1] == '.' ||
	    strstr(s, ".."))
		abort();
	for (size_t i = 0, label = 0; i < n; i++) {
		char c = s[i];
		label = c == '.' ? 0 : label + 1;
		if (label > DOMAIN_LABEL_MAX)
			abort();
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.'))
			abort();
	}
	if (domain_normalize(s, n, &again, &dp) != DOMAIN_OK ||
	    strcmp(again.ascii, s) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new(1 << 20);
	struct form form = { 0 }; /* form_parse appends to it */
	struct form_problem fp;
	struct domain dom;
	struct domain_problem dp;
	char *text = malloc(size + 1);

	if (!a || !text)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	if (form_parse(a, (const char *)data, size, &form, &fp) == FORM_OK) {
		const struct form_field *f = form_get(&form, "domain", NULL);
		if (f && domain_normalize(f->value, f->value_len, &dom, &dp) ==
			 DOMAIN_OK)
			check_name(dom.ascii);
	}
	(void)request_accept_format(text);
	if (domain_normalize((const char *)data, size, &dom, &dp) == DOMAIN_OK)
		check_name(dom.ascii);
	free(text);
	arena_free(a);
	return 0;
}
