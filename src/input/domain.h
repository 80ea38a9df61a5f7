/*
 * domain: turns what a person typed or pasted into the name to look up.
 *
 * Input: raw bytes from a form field. Output: the name in ASCII (A-labels,
 * lower case, no trailing dot) and in Unicode (U-labels) for display, or a
 * domain_problem that says which rule the input broke and where.
 */
#ifndef NSCHECK_DOMAIN_H
#define NSCHECK_DOMAIN_H

#include <stdbool.h>
#include <stddef.h>

struct lang;

struct buf;

#define DOMAIN_INPUT_MAX 1024   /* longer input is refused before parsing */
#define DOMAIN_NAME_MAX 253     /* RFC 1035: 255 octets on the wire */
#define DOMAIN_LABEL_MAX 63
#define DOMAIN_UNICODE_MAX 1024

struct domain {
	char ascii[DOMAIN_NAME_MAX + 1];
	char unicode[DOMAIN_UNICODE_MAX];
	bool idn; /* some label is an internationalized one */
};

enum domain_error {
	DOMAIN_OK,
	DOMAIN_EMPTY,
	DOMAIN_INPUT_TOO_LONG,
	DOMAIN_BAD_UTF8,
	DOMAIN_EMPTY_LABEL,
	DOMAIN_LABEL_TOO_LONG,
	DOMAIN_NAME_TOO_LONG,
	DOMAIN_BAD_CHAR,
	DOMAIN_HYPHEN,
	DOMAIN_BAD_IDN,
	DOMAIN_IP_ADDRESS,
	DOMAIN_NUMERIC_TLD,
	DOMAIN_HYPHEN_34,     /* "--" in positions 3 and 4, not an A-label */
	DOMAIN_LEADING_MARK,  /* a label starts with a combining mark */
	DOMAIN_STD3,          /* a character STD3 rules refuse once mapped */
	DOMAIN_JOINER,        /* ZWNJ or ZWJ where RFC 5892 forbids it */
	DOMAIN_BIDI,          /* breaks an RFC 5893 rule */
};

#define DOMAIN_ERROR_LAST DOMAIN_BIDI

#define DOMAIN_SHOWN_MAX 160

struct domain_problem {
	enum domain_error code;
	unsigned label;                   /* 1-based; 0: not about one label */
	unsigned labels;                  /* how many labels the name has */
	char text[DOMAIN_SHOWN_MAX + 1];  /* the label or name concerned, raw */
	size_t text_len;                  /* may hold a NUL: use this length */
	bool text_cut;                    /* text is only the start of it */
	size_t length;                    /* octets, for the length rules */
	bool ascii_form;                  /* the length rule broke only once
					     converted to A-labels */
	unsigned long ch;                 /* the offending character */
	bool hyphen_at_start;
	unsigned bidi_rule;               /* DOMAIN_BIDI: RFC 5893 rule 1-6,
					     or 0 when only libidn2 knows */
	const char *reason;               /* libidn2's explanation */
};

enum domain_error domain_normalize(const char *input, size_t len,
				   struct domain *out,
				   struct domain_problem *why);

/* A sentence for people naming the rule and the label; raw text. */
void domain_problem_text(const struct lang *l, const struct domain_problem *p, struct buf *out);

/* A short stable identifier for machines, e.g. "label_too_long". */
const char *domain_error_id(enum domain_error e);

#endif
