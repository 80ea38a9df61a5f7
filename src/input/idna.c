/*
 * idna: UTS #46 validity rules over mapped labels (see idna.h).
 *
 * Labels are read as UTF-8 in place, forwards and backwards, so there is
 * no bound on their length and nothing to copy. Callers pass valid UTF-8;
 * a byte that is not counts as U+FFFD.
 */
#include "input/idna.h"

#include <stdint.h>

#include "util/buf.h"
#include "input/idna_tables.h"

#define ZWNJ 0x200Cu
#define ZWJ 0x200Du

/* The value of the breakpoint table t (t[0] is at U+0000) at cp. */
static unsigned lookup(const uint32_t *t, size_t n, unsigned long cp)
{
	size_t lo = 0, hi = n;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if ((t[mid] >> 8) <= cp)
			lo = mid;
		else
			hi = mid;
	}
	return t[lo] & 0xFFu;
}

#define LOOKUP(table, cp) lookup(table, sizeof table / sizeof table[0], cp)

static enum idna_bidi_class bidi_of(unsigned long cp)
{
	return (enum idna_bidi_class)LOOKUP(bidi_class, cp);
}

static enum idna_joining_type joining_of(unsigned long cp)
{
	return (enum idna_joining_type)LOOKUP(joining_type, cp);
}

static bool is_virama(unsigned long cp)
{
	return LOOKUP(virama, cp) != 0;
}

static bool is_mark(unsigned long cp)
{
	return LOOKUP(combining_mark, cp) != 0;
}

bool idna_std3_disallowed(unsigned long cp)
{
	return cp >= 0x80 && LOOKUP(std3_disallowed, cp) != 0;
}

const char *idna_unicode_version(void)
{
	return IDNA_UNICODE_VERSION;
}

/* The code point at byte i, its length in *len (at least 1). */
static unsigned long cp_at(const char *s, size_t n, size_t i, size_t *len)
{
	unsigned long cp;

	*len = utf8_decode((const unsigned char *)s + i, n - i, &cp);
	if (*len == 0) {
		*len = 1;
		return 0xFFFD;
	}
	return cp;
}

/* Where the code point before byte i starts (i > 0). */
static size_t back(const char *s, size_t i)
{
	do
		i--;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
	return i;
}

/*
 * RFC 5892 Appendix A.1 and A.2: either joiner may follow a virama; a
 * ZWNJ may also stand between a character that joins to its right
 * (Joining_Type L or D) and one that joins to its left (R or D), with
 * transparent characters (T) on either side of it.
 */
static bool joiner_allowed(const char *s, size_t n, size_t at, size_t w,
			   unsigned long cp)
{
	size_t len, i;

	if (at == 0)
		return false;
	if (is_virama(cp_at(s, n, back(s, at), &len)))
		return true;
	if (cp == ZWJ)
		return false;
	/* back over transparent characters to one that joins to its right */
	enum idna_joining_type jt = JOIN_T;
	for (i = at; i > 0 && jt == JOIN_T;) {
		i = back(s, i);
		jt = joining_of(cp_at(s, n, i, &len));
	}
	if (jt != JOIN_L && jt != JOIN_D)
		return false;
	/* and on over them to one that joins to its left */
	jt = JOIN_T;
	for (i = at + w; i < n && jt == JOIN_T; i += len)
		jt = joining_of(cp_at(s, n, i, &len));
	return jt == JOIN_R || jt == JOIN_D;
}

static bool is_ldh(unsigned long cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= '0' && cp <= '9') || cp == '-';
}

static enum idna_rule found(struct idna_problem *p, enum idna_rule r,
			    unsigned long ch)
{
	p->rule = r;
	p->ch = ch;
	return r;
}

/* V2 counts code points: "\u00FC--a" is fine, "\u00FCa--b" is not. */
static bool hyphens_34(const char *s, size_t n)
{
	size_t i = 0, len;

	for (int k = 0; k < 2 && i < n; k++) {
		cp_at(s, n, i, &len);
		i += len;
	}
	return i + 2 <= n && s[i] == '-' && s[i + 1] == '-';
}

enum idna_rule idna_check_label(const char *s, size_t n,
				struct idna_problem *p)
{
	size_t len;

	*p = (struct idna_problem){ IDNA_OK, 0, 0 };
	if (n > 0 && (s[0] == '-' || s[n - 1] == '-'))
		return found(p, IDNA_HYPHEN_EDGE, '-');
	if (hyphens_34(s, n))
		return found(p, IDNA_HYPHEN_34, '-');
	if (n > 0 && is_mark(cp_at(s, n, 0, &len)))
		return found(p, IDNA_LEADING_MARK, cp_at(s, n, 0, &len));
	for (size_t i = 0; i < n; i += len) {
		unsigned long cp = cp_at(s, n, i, &len);
		if ((cp < 0x80 && !is_ldh(cp)) || idna_std3_disallowed(cp))
			return found(p, IDNA_STD3, cp);
		if ((cp == ZWNJ || cp == ZWJ) &&
		    !joiner_allowed(s, n, i, len, cp))
			return found(p, IDNA_JOINER, cp);
	}
	return IDNA_OK;
}

bool idna_label_rtl(const char *s, size_t n)
{
	size_t len;

	for (size_t i = 0; i < n; i += len) {
		enum idna_bidi_class c = bidi_of(cp_at(s, n, i, &len));
		if (c == BIDI_R || c == BIDI_AL || c == BIDI_AN)
			return true;
	}
	return false;
}

static enum idna_rule bidi_broken(struct idna_problem *p, unsigned rule,
				  unsigned long ch)
{
	p->bidi_rule = rule;
	return found(p, IDNA_BIDI, ch);
}

/* Rules 2 and 5: the classes a right-to-left or left-to-right label may
 * hold besides digits, separators, neutrals and marks. */
static bool class_allowed(enum idna_bidi_class c, bool rtl)
{
	switch (c) {
	case BIDI_EN: case BIDI_ES: case BIDI_CS: case BIDI_ET: case BIDI_ON:
	case BIDI_BN: case BIDI_NSM:
		return true;
	case BIDI_R: case BIDI_AL: case BIDI_AN:
		return rtl;
	case BIDI_L:
		return !rtl;
	case BIDI_OTHER:
		break;
	}
	return false;
}

enum idna_rule idna_check_bidi(const char *s, size_t n,
			       struct idna_problem *p)
{
	size_t len, en = n, an = n; /* where the first EN and AN are */
	unsigned long first, last = 0;

	*p = (struct idna_problem){ IDNA_OK, 0, 0 };
	if (n == 0)
		return IDNA_OK;
	first = cp_at(s, n, 0, &len);
	enum idna_bidi_class c = bidi_of(first);
	if (c != BIDI_L && c != BIDI_R && c != BIDI_AL)
		return bidi_broken(p, 1, first);
	bool rtl = c != BIDI_L;
	enum idna_bidi_class end = c;
	for (size_t i = 0; i < n; i += len) {
		unsigned long cp = cp_at(s, n, i, &len);
		c = bidi_of(cp);
		if (!class_allowed(c, rtl))
			return bidi_broken(p, rtl ? 2 : 5, cp);
		if (c != BIDI_NSM) {
			end = c;
			last = cp;
		}
		if (c == BIDI_EN && en == n)
			en = i;
		if (c == BIDI_AN && an == n)
			an = i;
	}
	/* rules 3 and 6: what ends the label, trailing marks aside */
	if (rtl && end != BIDI_R && end != BIDI_AL && end != BIDI_EN &&
	    end != BIDI_AN)
		return bidi_broken(p, 3, last);
	if (!rtl && end != BIDI_L && end != BIDI_EN)
		return bidi_broken(p, 6, last);
	/* rule 4: the digit that brought in the second kind */
	if (rtl && en < n && an < n)
		return bidi_broken(p, 4, cp_at(s, n, en > an ? en : an, &len));
	return IDNA_OK;
}
