/*
 * idna: the UTS #46 validity criteria that libidn2 leaves out, or checks
 * only one label at a time: CheckHyphens, UseSTD3ASCIIRules once mapped
 * and CheckBidi (RFC 5893 section 2) across the labels of a name; and no
 * leading combining mark and CheckJoiners (RFC 5892 Appendix A.1, A.2),
 * which libidn2 applies too, here so that a refusal can name the rule.
 *
 * Input: one label as UTF-8, already mapped and in NFC (a U-label decoded
 * from an A-label, or a label libidn2 produced); never an "xn--" label
 * itself. Output: the rule it breaks, with the code point concerned. The
 * Unicode properties come from idna_tables.h, generated from the Unicode
 * Character Database by tools/gen-idna-tables.
 */
#ifndef NSCHECK_IDNA_H
#define NSCHECK_IDNA_H

#include <stdbool.h>
#include <stddef.h>

enum idna_rule {
	IDNA_OK,
	IDNA_HYPHEN_EDGE,  /* starts or ends with '-' (V3) */
	IDNA_HYPHEN_34,    /* "--" in positions 3 and 4 (V2) */
	IDNA_LEADING_MARK, /* starts with a combining mark (V5) */
	IDNA_STD3,         /* a character STD3 rules refuse (U1, P1) */
	IDNA_JOINER,       /* ZWNJ or ZWJ out of context (V7; C1, C2) */
	IDNA_BIDI,         /* breaks an RFC 5893 rule (V8; B1-B6) */
};

struct idna_problem {
	enum idna_rule rule;
	unsigned long ch;   /* the code point concerned */
	unsigned bidi_rule; /* IDNA_BIDI: the rule's number, 1 to 6 */
};

/* Hyphens, leading mark, STD3 and joiners, in that order; the first
 * rule broken, reading from the start of the label. */
enum idna_rule idna_check_label(const char *s, size_t n,
				struct idna_problem *p);

/* The label holds a right-to-left character (Bidi class R, AL or AN),
 * which makes the name a "Bidi domain name" (RFC 5893 section 1.4). */
bool idna_label_rtl(const char *s, size_t n);

/* RFC 5893's six rules, which every label of a Bidi domain name must
 * meet, ASCII labels included. */
enum idna_rule idna_check_bidi(const char *s, size_t n,
			       struct idna_problem *p);

/* A non-ASCII code point that UseSTD3ASCIIRules refuses: it maps to, or
 * is composed of, ASCII other than letters, digits and '-' (such as
 * U+2260 NOT EQUAL TO, '=' with a combining stroke, or U+2474, "(1)"). */
bool idna_std3_disallowed(unsigned long cp);

/* The Unicode version the property tables were made from. */
const char *idna_unicode_version(void);

#endif
