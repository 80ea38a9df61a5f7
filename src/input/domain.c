/*
 * domain: input normalisation and validation (see domain.h).
 *
 * Order of work: size and UTF-8 checks, trim, take the host out of a URL or
 * an e-mail address, drop one trailing dot, refuse IP addresses, convert
 * Unicode to A-labels (UTS #46, non-transitional, with libidn2), apply the
 * host name rules label by label to the ASCII form, then decode every
 * A-label and hold its U-label to the UTS #46 validity criteria (idna.c
 * for the ones libidn2 leaves out), and CheckBidi across the name.
 *
 * Underscores: '_' is allowed in labels that are all ASCII, as in _dmarc
 * or _sip._tcp (RFC 8552), though STD3 rules refuse it. Such a label is
 * not an IDNA label, so the IDNA rules, CheckBidi included, leave it be.
 * In an internationalized label '_' is refused like any STD3 character.
 */
#include "input/domain.h"

#include <arpa/inet.h>
#include <idn2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/lang.h"
#include "input/idna.h"

/* What was typed is mapped and normalised (UTS #46 processing, step 1-3);
 * a decoded A-label is not: it must come out as it went in (V1, V6).
 * Never IDN2_USE_STD3_ASCII_RULES: libidn2 2.3.3 deletes the characters
 * it refuses ("a\u2260b" becomes "ab"), a different name; std3_scan
 * refuses them instead. */
static const int idn_flags = IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT;
static const int alabel_flags = IDN2_NONTRANSITIONAL;

static void set_text(struct domain_problem *p, const char *s, size_t n)
{
	size_t keep = n;

	if (keep > DOMAIN_SHOWN_MAX) {
		keep = DOMAIN_SHOWN_MAX;
		/* never cut a UTF-8 sequence in two */
		while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
			keep--;
	}
	memcpy(p->text, s, keep);
	p->text[keep] = '\0';
	p->text_len = keep;
	p->text_cut = keep < n;
}

static enum domain_error fail(struct domain_problem *p, enum domain_error e)
{
	p->code = e;
	return e;
}

static bool is_blank_at(const unsigned char *s, size_t n, size_t *len)
{
	if (n >= 1 && (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r'))) {
		*len = 1;
		return true;
	}
	if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0) { /* no-break space */
		*len = 2;
		return true;
	}
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x8B) { /* ZWSP */
		*len = 3;
		return true;
	}
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) { /* BOM */
		*len = 3;
		return true;
	}
	return false;
}

static bool is_blank_before(const unsigned char *s, size_t n, size_t *len)
{
	static const size_t widths[] = { 1, 2, 3 };

	for (size_t i = 0; i < 3; i++) {
		size_t w = widths[i];
		size_t l;
		if (n >= w && is_blank_at(s + n - w, w, &l) && l == w) {
			*len = w;
			return true;
		}
	}
	return false;
}

static void trim(const char **s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)*s;
	size_t len = *n, w;

	while (len > 0 && is_blank_at(p, len, &w))
		p += w, len -= w;
	while (len > 0 && is_blank_before(p, len, &w))
		len -= w;
	*s = (const char *)p;
	*n = len;
}

static const char *find_any(const char *s, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (strchr(set, s[i]) && s[i] != '\0')
			return s + i;
	return NULL;
}

/* Length of "scheme://" at the start of s (RFC 3986 3.1), or 0. */
static size_t scheme_len(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
			 (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' ||
			 s[i] == '.'))
		i++;
	return n - i >= 3 && memcmp(s + i, "://", 3) == 0 ? i + 3 : 0;
}

/* Takes the host out of "scheme://user@host:port/path?query#fragment",
 * "user@host", "host/path", "host:port" or "[v6]:port". */
static void extract_host(const char **s, size_t *n)
{
	size_t skip = scheme_len(*s, *n);
	const char *p = *s + skip;
	size_t len = *n - skip;

	/* a query or fragment follows a URL's host only when there is a
	 * scheme: without one, "?" and "#" are characters of the name (and
	 * refused as such), not the end of a host */
	const char *end = find_any(p, len, skip ? "/?#" : "/");
	if (end)
		len = (size_t)(end - p);
	for (size_t i = len; i > 0; i--) {
		if (p[i - 1] == '@') {
			len -= i;
			p += i;
			break;
		}
	}
	if (len > 0 && p[0] == '[') {
		/* a bracketed IPv6 literal: keep up to the ']', drop a port */
		const char *close = memchr(p, ']', len);
		if (close)
			len = (size_t)(close - p) + 1;
		*s = p;
		*n = len;
		return;
	}
	/* "host:443" but not an IPv6 address, which has several colons */
	const char *colon = memchr(p, ':', len);
	if (colon && !memchr(colon + 1, ':', len - (size_t)(colon + 1 - p))) {
		size_t digits = len - (size_t)(colon + 1 - p);
		bool port = digits > 0 && digits <= 5;
		for (size_t i = 0; port && i < digits; i++)
			port = colon[1 + i] >= '0' && colon[1 + i] <= '9';
		if (port)
			len = (size_t)(colon - p);
	}
	*s = p;
	*n = len;
}

static bool is_ip_address(const char *s, size_t n)
{
	char tmp[64];
	unsigned char addr[16];

	if (n >= 2 && s[0] == '[' && s[n - 1] == ']')
		s++, n -= 2;
	if (n == 0 || n >= sizeof tmp)
		return false;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return inet_pton(AF_INET, tmp, addr) == 1 ||
	       inet_pton(AF_INET6, tmp, addr) == 1;
}

static bool has_non_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return true;
	return false;
}

static bool is_host_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
	       c == '_';
}

/*
 * Host name rules on a lower-case ASCII name (RFC 1035, RFC 1123 2.1).
 * Takes a length: a NUL byte from a %00 must be seen, not end the name.
 */
static enum domain_error check_ascii(const char *name, size_t n,
				     struct domain_problem *p)
{
	size_t start = 0;
	unsigned label = 0;

	p->labels = 1;
	for (size_t i = 0; i < n; i++)
		p->labels += name[i] == '.';
	while (start <= n) {
		const char *l = name + start;
		const char *dot = memchr(l, '.', n - start);
		size_t len = dot ? (size_t)(dot - l) : n - start;

		p->label = ++label;
		set_text(p, l, len);
		p->length = len;
		if (len == 0)
			return fail(p, DOMAIN_EMPTY_LABEL);
		if (len > DOMAIN_LABEL_MAX)
			return fail(p, DOMAIN_LABEL_TOO_LONG);
		for (size_t i = 0; i < len; i++) {
			if (!is_host_char((unsigned char)l[i])) {
				p->ch = (unsigned char)l[i];
				return fail(p, DOMAIN_BAD_CHAR);
			}
		}
		if (l[0] == '-' || l[len - 1] == '-') {
			p->hyphen_at_start = l[0] == '-';
			return fail(p, DOMAIN_HYPHEN);
		}
		/* CheckHyphens: "--" there is reserved for A-labels (RFC 5891
		 * 4.2.3.1), which to_unicode checks */
		if (len >= 4 && l[2] == '-' && l[3] == '-' &&
		    !(l[0] == 'x' && l[1] == 'n'))
			return fail(p, DOMAIN_HYPHEN_34);
		if (!dot) {
			bool digits = true;
			for (size_t i = 0; i < len; i++)
				digits = digits && l[i] >= '0' && l[i] <= '9';
			if (digits && label > 1)
				return fail(p, DOMAIN_NUMERIC_TLD);
			break;
		}
		start += len + 1;
	}
	p->label = 0;
	if (n > DOMAIN_NAME_MAX) {
		set_text(p, name, n);
		p->length = n;
		return fail(p, DOMAIN_NAME_TOO_LONG);
	}
	return DOMAIN_OK;
}

/* Length of the label separator at s (ASCII or one of the UTS #46 dots). */
static size_t dot_len(const char *s, size_t n)
{
	static const char *const dots[] = { "\xE3\x80\x82", "\xEF\xBC\x8E",
					    "\xEF\xBD\xA1" };
	if (n >= 1 && s[0] == '.')
		return 1;
	for (size_t i = 0; i < 3; i++)
		if (n >= 3 && memcmp(s, dots[i], 3) == 0)
			return 3;
	return 0;
}

/* The first character of a label that UTS #46 does not allow, or 0. */
static unsigned long disallowed_char(const char *l, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned long cp;
		size_t len = utf8_decode((const unsigned char *)l + i, n - i, &cp);
		char one[8];
		char *out = NULL;

		if (len == 0)
			return 0xFFFD;
		memcpy(one, l + i, len);
		one[len] = '\0';
		int r = idn2_to_ascii_8z(one, &out, idn_flags);
		free(out);
		if (r == IDN2_DISALLOWED)
			return cp;
		i += len;
	}
	return 0;
}

/* A finding of idna.c as a problem of the current label. */
static enum domain_error idna_fail(const struct idna_problem *ip,
				   struct domain_problem *p)
{
	p->ch = ip->ch;
	p->bidi_rule = ip->bidi_rule;
	switch (ip->rule) {
	case IDNA_OK:
		break;
	case IDNA_HYPHEN_EDGE:
		p->hyphen_at_start = p->text[0] == '-';
		return fail(p, DOMAIN_HYPHEN);
	case IDNA_HYPHEN_34:
		return fail(p, DOMAIN_HYPHEN_34);
	case IDNA_LEADING_MARK:
		return fail(p, DOMAIN_LEADING_MARK);
	case IDNA_STD3:
		return fail(p, DOMAIN_STD3);
	case IDNA_JOINER:
		return fail(p, DOMAIN_JOINER);
	case IDNA_BIDI:
		return fail(p, DOMAIN_BIDI);
	}
	return fail(p, DOMAIN_BAD_IDN);
}

static unsigned long first_joiner(const char *l, size_t n)
{
	for (size_t i = 0; i + 3 <= n; i++)
		if (memcmp(l + i, "\xE2\x80\x8C", 3) == 0 ||
		    memcmp(l + i, "\xE2\x80\x8D", 3) == 0)
			return l[i + 2] == '\x8C' ? 0x200C : 0x200D;
	return 0;
}

/*
 * libidn2 refused label l (NUL-terminated, n octets; p->label and p->text
 * set) with r: the rule in nscheck's words. For the rules idna.c knows,
 * it finds the character; should it see no fault where libidn2 does, the
 * rule is still named, without the detail.
 */
static enum domain_error explain_code(int r, const char *l, size_t n,
				      struct domain_problem *p)
{
	struct idna_problem ip;
	size_t len;

	switch (r) {
	case IDN2_HYPHEN_STARTEND:
		p->hyphen_at_start = l[0] == '-';
		return fail(p, DOMAIN_HYPHEN);
	case IDN2_2HYPHEN:
		return fail(p, DOMAIN_HYPHEN_34);
	/* libidn2 says PUNYCODE_BIG_OUTPUT when the A-label would pass 63
	 * octets */
	case IDN2_TOO_BIG_LABEL:
	case IDN2_PUNYCODE_BIG_OUTPUT:
		p->ascii_form = true;
		return fail(p, DOMAIN_LABEL_TOO_LONG);
	case IDN2_DISALLOWED:
		if ((p->ch = disallowed_char(l, n)) != 0)
			return fail(p, DOMAIN_BAD_CHAR);
		break;
	case IDN2_LEADING_COMBINING:
		len = utf8_decode((const unsigned char *)l, n, &p->ch);
		return fail(p, len ? DOMAIN_LEADING_MARK : DOMAIN_BAD_IDN);
	case IDN2_CONTEXTJ:
		if (idna_check_label(l, n, &ip) == IDNA_JOINER)
			return idna_fail(&ip, p);
		p->ch = first_joiner(l, n);
		return fail(p, DOMAIN_JOINER);
	case IDN2_BIDI:
		if (idna_check_bidi(l, n, &ip) == IDNA_BIDI)
			return idna_fail(&ip, p);
		return fail(p, DOMAIN_BIDI);
	}
	p->reason = idn2_strerror(r);
	return fail(p, DOMAIN_BAD_IDN);
}

/* libidn2 refused the whole name: find the label and say why. */
static enum domain_error explain_idn(const char *s, size_t n, int whole,
				     struct domain_problem *p)
{
	size_t start = 0;
	unsigned label = 0;

	while (start <= n) {
		size_t end = start, w = 0;
		while (end < n && (w = dot_len(s + end, n - end)) == 0)
			end++;
		char tmp[DOMAIN_INPUT_MAX + 1];
		char *out = NULL;
		size_t len = end - start;

		label++;
		memcpy(tmp, s + start, len);
		tmp[len] = '\0';
		p->label = label;
		p->length = len;
		set_text(p, tmp, len);
		if (len == 0)
			return fail(p, DOMAIN_EMPTY_LABEL);
		/* ASCII labels are not given to libidn2 (see convert_labels) */
		int r = has_non_ascii(tmp, len) ?
			idn2_to_ascii_8z(tmp, &out, idn_flags) : IDN2_OK;
		free(out);
		if (r != IDN2_OK)
			return explain_code(r, tmp, len, p);
		if (end >= n)
			break;
		start = end + w;
	}
	p->label = 0;
	set_text(p, s, n);
	p->length = n;
	if (whole == IDN2_TOO_BIG_DOMAIN) {
		p->ascii_form = true;
		return fail(p, DOMAIN_NAME_TOO_LONG);
	}
	p->reason = idn2_strerror(whole);
	return fail(p, DOMAIN_BAD_IDN);
}

/* ASCII a host name label may hold; '_' only in an all-ASCII label (the
 * underscore policy: _dmarc, _sip._tcp, RFC 8552). */
static bool std3_ascii_ok(unsigned long cp, bool all_ascii)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= '0' && cp <= '9') || cp == '-' || (cp == '_' && all_ascii);
}

/* The first character of the label s[0..n) that UseSTD3ASCIIRules refuse,
 * or 0. */
static unsigned long std3_refused(const char *s, size_t n)
{
	bool all_ascii = !has_non_ascii(s, n);

	for (size_t i = 0; i < n;) {
		unsigned long cp;
		size_t len = utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (len == 0)
			return 0; /* cannot be: valid_utf8 passed */
		if (cp < 0x80 ? !std3_ascii_ok(cp, all_ascii) :
		    idna_std3_disallowed(cp))
			return cp;
		i += len;
	}
	return 0;
}

/*
 * UseSTD3ASCIIRules on what was typed in a name with Unicode in it, before
 * libidn2 maps it: ASCII other than letters, digits and '-' ("?", "=", a
 * space), and characters that map to such ASCII (U+2474 to "(1)") or are
 * made of it (U+2260, "=" with a stroke), are refused where they stand,
 * in the label they were typed in.
 */
static enum domain_error std3_scan(const char *s, size_t n,
				   struct domain_problem *p)
{
	size_t start = 0;
	unsigned label = 1;

	while (start <= n) {
		size_t end = start, w = 0;
		while (end < n && (w = dot_len(s + end, n - end)) == 0)
			end++;
		unsigned long cp = std3_refused(s + start, end - start);
		if (cp) {
			p->label = label;
			p->length = end - start;
			set_text(p, s + start, end - start);
			p->ch = cp;
			return fail(p, DOMAIN_STD3);
		}
		if (end >= n)
			break;
		start = end + w;
		label++;
	}
	return DOMAIN_OK;
}

/*
 * Label by label into out (size octets): a label with Unicode in it
 * through libidn2, an ASCII one lower-cased as typed, so that an xn--
 * label is judged by the same rules (check_alabel) whether or not the
 * rest of the name is ASCII. A libidn2 error code, IDN2_TOO_BIG_DOMAIN
 * when the result does not fit, or IDN2_OK.
 */
static int convert_labels(const char *s, size_t n, char *out, size_t size)
{
	size_t start = 0, used = 0;

	while (start <= n) {
		size_t end = start, w = 0;
		while (end < n && (w = dot_len(s + end, n - end)) == 0)
			end++;
		size_t len = end - start;
		char label[DOMAIN_INPUT_MAX + 1], *a = NULL;
		memcpy(label, s + start, len);
		label[len] = '\0';
		if (has_non_ascii(label, len)) {
			int r = idn2_to_ascii_8z(label, &a, idn_flags);
			if (r != IDN2_OK) {
				free(a);
				return r;
			}
		}
		const char *put = a ? a : label;
		size_t plen = strlen(put);
		if (used + plen + 2 > size) {
			free(a);
			return IDN2_TOO_BIG_DOMAIN;
		}
		for (size_t i = 0; i < plen; i++)
			out[used++] = put[i] >= 'A' && put[i] <= 'Z' ?
				      (char)(put[i] - 'A' + 'a') : put[i];
		free(a);
		if (end >= n)
			break;
		out[used++] = '.'; /* any of the UTS #46 dots */
		start = end + w;
	}
	out[used] = '\0';
	return IDN2_OK;
}

/* A %00 in the input: libidn2 reads C strings, so report it here. */
static enum domain_error nul_problem(const char *s, size_t n, size_t pos,
				     struct domain_problem *p)
{
	size_t start = pos, end = pos;

	while (start > 0 && s[start - 1] != '.')
		start--;
	while (end < n && s[end] != '.')
		end++;
	p->label = 1;
	for (size_t i = 0; i < start; i++)
		p->label += s[i] == '.';
	set_text(p, s + start, end - start);
	p->length = end - start;
	p->ch = 0;
	return fail(p, DOMAIN_BAD_CHAR);
}

/* dot_dropped: the typed name's one trailing dot is gone already, so a
 * dot that mapping leaves at the end is a second one (an empty label). */
static enum domain_error to_ascii(const char *host, size_t n, bool dot_dropped,
				  struct domain *d, struct domain_problem *p)
{
	char tmp[DOMAIN_INPUT_MAX + 1];
	const char *nul = memchr(host, '\0', n);

	if (nul)
		return nul_problem(host, n, (size_t)(nul - host), p);
	memcpy(tmp, host, n);
	tmp[n] = '\0';
	if (!has_non_ascii(host, n)) {
		for (size_t i = 0; i < n; i++)
			if (tmp[i] >= 'A' && tmp[i] <= 'Z')
				tmp[i] = (char)(tmp[i] - 'A' + 'a');
	} else {
		char out[DOMAIN_INPUT_MAX + 1];
		enum domain_error e = std3_scan(host, n, p);
		if (e != DOMAIN_OK)
			return e;
		int r = convert_labels(host, n, out, sizeof out);
		if (r == IDN2_TOO_BIG_DOMAIN) {
			set_text(p, host, n);
			p->length = n;
			p->ascii_form = true;
			return fail(p, DOMAIN_NAME_TOO_LONG);
		}
		if (r != IDN2_OK)
			return explain_idn(host, n, r, p);
		size_t olen = strlen(out);
		/* a trailing ideographic full stop maps to a trailing dot,
		 * the one that may be dropped */
		if (olen > 0 && out[olen - 1] == '.' && !dot_dropped)
			out[--olen] = '\0';
		memcpy(tmp, out, olen + 1);
	}
	enum domain_error e = check_ascii(tmp, strlen(tmp), p);
	if (e != DOMAIN_OK)
		return e;
	memcpy(d->ascii, tmp, strlen(tmp) + 1);
	return DOMAIN_OK;
}

/*
 * Decodes the A-label l (len octets; p->label set) into u, cap octets with
 * the NUL, and holds the U-label to the validity criteria: idna.c's, then
 * libidn2's (NFC, code points valid, CONTEXTO) through the round trip,
 * which must give l back.
 */
static enum domain_error check_alabel(const char *l, size_t len, char *u,
				      size_t cap, struct domain_problem *p)
{
	char a[DOMAIN_LABEL_MAX + 1], *dec = NULL, *back = NULL;
	struct idna_problem ip;

	memcpy(a, l, len);
	a[len] = '\0';
	set_text(p, a, len);
	p->length = len;
	int r = idn2_to_unicode_8z8z(a, &dec, 0);
	if (r != IDN2_OK) {
		free(dec);
		p->reason = idn2_strerror(r);
		return fail(p, DOMAIN_BAD_IDN);
	}
	size_t ulen = strlen(dec);
	set_text(p, dec, ulen);
	if (idna_check_label(dec, ulen, &ip) != IDNA_OK) {
		free(dec);
		return idna_fail(&ip, p);
	}
	r = idn2_to_ascii_8z(dec, &back, alabel_flags);
	if (r == IDN2_OK && strcmp(back, a) != 0) {
		free(back);
		back = NULL;
		/* mapping changed it: not in NFC (V1), or not valid as is (V6) */
		r = idn2_to_ascii_8z(dec, &back, IDN2_NO_TR46) == IDN2_NOT_NFC ?
		    IDN2_NOT_NFC : IDN2_ALABEL_ROUNDTRIP_FAILED;
	}
	free(back);
	enum domain_error e = DOMAIN_OK;
	if (r == IDN2_NOT_NFC || r == IDN2_ALABEL_ROUNDTRIP_FAILED)
		set_text(p, a, len); /* the U-label would look right */
	if (r != IDN2_OK)
		e = explain_code(r, dec, ulen, p);
	else if (ulen >= cap)
		e = fail(p, DOMAIN_BAD_IDN);
	else
		memcpy(u, dec, ulen + 1);
	free(dec);
	return e;
}

/*
 * CheckBidi (RFC 5893 section 2): once a label holds right-to-left text,
 * every label of the name must meet the six rules, ASCII ones included
 * (but not those with '_', which are no IDNA labels).
 */
static enum domain_error check_bidi(const char *name, struct domain_problem *p)
{
	const char *s = name;
	unsigned label = 0;
	struct idna_problem ip;

	while (*s) {
		const char *dot = strchr(s, '.');
		size_t len = dot ? (size_t)(dot - s) : strlen(s);
		label++;
		if (!memchr(s, '_', len) &&
		    idna_check_bidi(s, len, &ip) != IDNA_OK) {
			p->label = label;
			p->length = len;
			set_text(p, s, len);
			return idna_fail(&ip, p);
		}
		s += len + (dot != NULL);
	}
	return DOMAIN_OK;
}

/* Fills d->unicode, label by label; refuses A-labels whose U-labels break
 * a validity criterion, and names that break CheckBidi. */
static enum domain_error to_unicode(struct domain *d, struct domain_problem *p)
{
	const char *s = d->ascii;
	char ulabel[DOMAIN_UNICODE_MAX];
	struct buf u;
	unsigned label = 0;
	bool rtl = false;

	/* 253 octets of A-labels decode to fewer than 1024 of UTF-8; the
	 * buffer's bound is a second guard */
	buf_init_fixed(&u, d->unicode, sizeof d->unicode);
	d->idn = false;
	while (*s) {
		const char *dot = strchr(s, '.');
		size_t len = dot ? (size_t)(dot - s) : strlen(s);
		label++;
		p->label = label;
		if (len >= 4 && strncmp(s, "xn--", 4) == 0) {
			enum domain_error e = check_alabel(s, len, ulabel,
							   sizeof ulabel, p);
			if (e != DOMAIN_OK)
				return e;
			d->idn = true;
			rtl = rtl || idna_label_rtl(ulabel, strlen(ulabel));
			buf_puts(&u, ulabel);
		} else {
			buf_put(&u, s, len);
		}
		if (dot)
			buf_putc(&u, '.');
		s += len + (dot != NULL);
	}
	p->label = 0;
	if (buf_failed(&u)) {
		set_text(p, d->ascii, strlen(d->ascii));
		return fail(p, DOMAIN_BAD_IDN);
	}
	return rtl ? check_bidi(d->unicode, p) : DOMAIN_OK;
}

static bool valid_utf8(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned long cp;
		size_t len = utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (len == 0)
			return false;
		i += len;
	}
	return true;
}

enum domain_error domain_normalize(const char *input, size_t len,
				   struct domain *out,
				   struct domain_problem *why)
{
	memset(why, 0, sizeof *why);
	memset(out, 0, sizeof *out);
	if (len > DOMAIN_INPUT_MAX) {
		why->length = len;
		return fail(why, DOMAIN_INPUT_TOO_LONG);
	}
	if (!valid_utf8(input, len))
		return fail(why, DOMAIN_BAD_UTF8);
	trim(&input, &len);
	extract_host(&input, &len);
	if (len == 1 && input[0] == '.') {
		memcpy(out->ascii, ".", 2);
		memcpy(out->unicode, ".", 2);
		return DOMAIN_OK;
	}
	bool dot_dropped = len > 0 && input[len - 1] == '.';
	if (dot_dropped)
		len--;
	if (len == 0)
		return fail(why, DOMAIN_EMPTY);
	if (is_ip_address(input, len)) {
		set_text(why, input, len);
		return fail(why, DOMAIN_IP_ADDRESS);
	}
	enum domain_error e = to_ascii(input, len, dot_dropped, out, why);
	if (e == DOMAIN_OK)
		e = to_unicode(out, why);
	if (e != DOMAIN_OK)
		memset(out, 0, sizeof *out);
	return e;
}

/*
 * The sentences for people. A label's text may hold a NUL (from a %00),
 * where printf's %s would stop: while a sentence is formatted, the byte
 * 0xFF, which valid UTF-8 (the input, the catalogues) never holds, stands
 * for it, and the NUL is put back once the sentence is written.
 */
#define NUL_STAND_IN 0xFF
#define SHOWN_SIZE (DOMAIN_SHOWN_MAX + sizeof "\u2026")
#define CHAR_NAME_SIZE 96

/* The label's or the name's text as a sentence quotes it, with an
 * ellipsis where it was cut when cut_mark. */
static const char *shown_text(const struct domain_problem *p, bool cut_mark,
			      char out[SHOWN_SIZE])
{
	size_t n = p->text_len < DOMAIN_SHOWN_MAX ? p->text_len : DOMAIN_SHOWN_MAX;

	for (size_t i = 0; i < n; i++)
		out[i] = p->text[i] == '\0' ? (char)NUL_STAND_IN : p->text[i];
	out[n] = '\0';
	if (cut_mark && p->text_cut)
		memcpy(out + n, "\u2026", sizeof "\u2026");
	return out;
}

static void put_back_nul(struct buf *b, size_t from)
{
	for (size_t i = from; i < b->len; i++)
		if ((unsigned char)b->data[i] == NUL_STAND_IN)
			b->data[i] = '\0';
}

/* A character as a sentence names it ("a space", "\"?\"", "the character
 * U+00E9"); after_with: the form that follows a preposition ("starts
 * with a space"), which some languages inflect. */
static const char *char_name(const struct lang *l, unsigned long ch,
			     bool after_with, char out[CHAR_NAME_SIZE])
{
	if (ch == ' ' && after_with)
		/* TRANSLATORS: "it starts with a space" */
		return trc(l, "character after a preposition", "a space");
	if (ch == ' ')
		/* TRANSLATORS: "Label 2 contains a space" */
		return trc(l, "character", "a space");
	if (ch > 0x20 && ch < 0x7F) {
		/* TRANSLATORS: a character in quotes: contains "?" */
		snprintf(out, CHAR_NAME_SIZE, tr(l, "\"%c\""), (int)ch);
	} else if (after_with) {
		/* TRANSLATORS: "it starts with the character U+0661" */
		snprintf(out, CHAR_NAME_SIZE,
			 trc(l, "character after a preposition",
			     "the character U+%04lX"), ch);
	} else {
		/* TRANSLATORS: "Label 2 contains the character U+00E9" */
		snprintf(out, CHAR_NAME_SIZE,
			 trc(l, "character", "the character U+%04lX"), ch);
	}
	return out;
}

static void put_joiner_text(const struct lang *l,
			    const struct domain_problem *p, const char *text,
			    struct buf *b)
{
	if (p->ch == 0x200C)
		/* TRANSLATORS: label number, its text */
		buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\") contains an invisible "
				       "non-joiner (U+200C ZERO WIDTH NON-JOINER) "
				       "where it cannot stand: RFC 5892 allows one "
				       "only after a virama or between letters that "
				       "would otherwise join."), p->label, text);
	else
		/* TRANSLATORS: label number, its text */
		buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\") contains an invisible "
				       "joiner (U+200D ZERO WIDTH JOINER) where it "
				       "cannot join letters: RFC 5892 allows one "
				       "only after a virama."), p->label, text);
}

/* The rules hold every label of a name with right-to-left text in it:
 * the label that breaks one need not hold any itself. */
static void put_bidi_text(const struct lang *l,
			  const struct domain_problem *p, const char *text,
			  struct buf *b)
{
	char ch[CHAR_NAME_SIZE];

	switch (p->bidi_rule) {
	case 1:
		/* TRANSLATORS: label number, its text, a character */
		buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\") breaks a rule for names "
				       "that mix right-to-left and left-to-right "
				       "text, which can display misleadingly, "
				       "because it starts with %s, not a letter "
				       "(RFC 5893, rule 1)."), p->label, text,
			char_name(l, p->ch, true, ch));
		break;
	case 2:
		/* TRANSLATORS: label number, its text, a character */
		buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\") breaks a rule for names "
				       "that mix right-to-left and left-to-right "
				       "text, which can display misleadingly, "
				       "because it is right-to-left but contains "
				       "%s, which a right-to-left label may not "
				       "(RFC 5893, rule 2)."), p->label, text,
			char_name(l, p->ch, false, ch));
		break;
	case 3:
		/* TRANSLATORS: label number, its text, a character */
		buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\") breaks a rule for names "
				       "that mix right-to-left and left-to-right "
				       "text, which can display misleadingly, "
				       "because it is right-to-left but ends with "
				       "%s, not a right-to-left letter or a digit "
				       "(RFC 5893, rule 3)."), p->label, text,
			char_name(l, p->ch, true, ch));
		break;
	case 4:
		/* TRANSLATORS: label number, its text, a digit */
		buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\") breaks a rule for names "
				       "that mix right-to-left and left-to-right "
				       "text, which can display misleadingly, "
				       "because it mixes Arabic-Indic digits "
				       "(U+0660 to U+0669) with European or "
				       "Extended Arabic-Indic ones, here %s "
				       "(RFC 5893, rule 4)."), p->label, text,
			char_name(l, p->ch, false, ch));
		break;
	case 5:
		/* TRANSLATORS: label number, its text, a character */
		buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\") breaks a rule for names "
				       "that mix right-to-left and left-to-right "
				       "text, which can display misleadingly, "
				       "because it is left-to-right but contains "
				       "%s, which belongs to right-to-left text "
				       "(RFC 5893, rule 5)."), p->label, text,
			char_name(l, p->ch, false, ch));
		break;
	case 6:
		/* TRANSLATORS: label number, its text, a character */
		buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\") breaks a rule for names "
				       "that mix right-to-left and left-to-right "
				       "text, which can display misleadingly, "
				       "because it is left-to-right but ends with "
				       "%s, not a left-to-right letter or a digit "
				       "(RFC 5893, rule 6)."), p->label, text,
			char_name(l, p->ch, true, ch));
		break;
	default:
		/* TRANSLATORS: label number, its text */
		buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\") breaks a rule for names "
				       "that mix right-to-left and left-to-right "
				       "text, which can display misleadingly "
				       "(RFC 5893)."), p->label, text);
		break;
	}
}

static void put_bad_idn(const struct lang *l, const struct domain_problem *p,
			const char *text, struct buf *b)
{
	if (p->label && p->reason)
		/* TRANSLATORS: label number, its text, libidn2's reason */
		buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\") is not a valid "
				       "internationalized domain name: %s."),
			p->label, text, p->reason);
	else if (p->label)
		/* TRANSLATORS: label number, its text */
		buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\") is not a valid "
				       "internationalized domain name."),
			p->label, text);
	else if (p->reason)
		/* TRANSLATORS: libidn2's reason (English) */
		buf_say(b, BUF_RAW, tr(l, "The name is not a valid "
				       "internationalized domain name: %s."),
			p->reason);
	else
		buf_puts(b, tr(l, "The name is not a valid internationalized "
			       "domain name."));
}

static void put_bad_char(const struct lang *l, const struct domain_problem *p,
			 const char *text, struct buf *b)
{
	char mem[CHAR_NAME_SIZE];
	const char *ch = char_name(l, p->ch, false, mem);

	if (p->ch >= 0x80)
		/* TRANSLATORS: label number, its text, a character */
		buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\") contains %s, which "
				       "IDNA2008 does not allow in domain names "
				       "(RFC 5892)."), p->label, text, ch);
	else
		/* TRANSLATORS: label number, its text, a character */
		buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\") contains %s, which "
				       "cannot appear in a host name: use letters, "
				       "digits and hyphens."), p->label, text, ch);
}

static void put_std3(const struct lang *l, const struct domain_problem *p,
		     const char *text, struct buf *b)
{
	char mem[CHAR_NAME_SIZE];
	const char *ch = char_name(l, p->ch, false, mem);

	if (p->ch == '_')
		/* TRANSLATORS: label number, its text, "_" quoted */
		buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\") contains %s, which "
				       "only labels that are all ASCII (such as "
				       "_dmarc) may have."), p->label, text, ch);
	else if (p->ch < 0x80)
		/* TRANSLATORS: label number, its text, a character */
		buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\") contains %s, which "
				       "cannot appear in a host name: host names "
				       "hold letters, digits and hyphens (UTS #46, "
				       "STD3 rules)."), p->label, text, ch);
	else
		/* TRANSLATORS: label number, its text, a character */
		buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\") contains %s, which "
				       "cannot appear in a host name once mapped: "
				       "host names hold letters, digits and "
				       "hyphens (UTS #46, STD3 rules)."),
			p->label, text, ch);
}

static void put_too_long(const struct lang *l, const struct domain_problem *p,
			 const char *text, struct buf *b)
{
	unsigned long n = (unsigned long)p->length;

	if (p->code == DOMAIN_LABEL_TOO_LONG && p->ascii_form)
		/* TRANSLATORS: label number, its text, the most allowed (63) */
		buf_say(b, BUF_RAW, trn(l, "Label %u (\"%s\") is too long: its ASCII "
					"form (xn--...) would have more than %d "
					"octet.",
					"Label %u (\"%s\") is too long: its ASCII "
					"form (xn--...) would have more than %d "
					"octets.", DOMAIN_LABEL_MAX),
			p->label, text, DOMAIN_LABEL_MAX);
	else if (p->code == DOMAIN_LABEL_TOO_LONG)
		/* TRANSLATORS: label number, its text, length, most allowed */
		buf_say(b, BUF_RAW, trn(l, "Label %u (\"%s\") is %lu octet long; a "
					"label may have at most %d.",
					"Label %u (\"%s\") is %lu octets long; a "
					"label may have at most %d.", n),
			p->label, text, n, DOMAIN_LABEL_MAX);
	else if (p->ascii_form)
		/* TRANSLATORS: the most allowed (253) */
		buf_say(b, BUF_RAW, trn(l, "The name is too long: its ASCII form "
					"would have more than %d octet.",
					"The name is too long: its ASCII form "
					"would have more than %d octets.",
					DOMAIN_NAME_MAX), DOMAIN_NAME_MAX);
	else
		/* TRANSLATORS: its length, the most allowed (253) */
		buf_say(b, BUF_RAW, trn(l, "The name is %lu octet long; a domain "
					"name may have at most %d.",
					"The name is %lu octets long; a domain "
					"name may have at most %d.", n),
			n, DOMAIN_NAME_MAX);
}

void domain_problem_text(const struct lang *l, const struct domain_problem *p,
			 struct buf *b)
{
	char text[SHOWN_SIZE], ch[CHAR_NAME_SIZE];
	size_t from = b->len;
	unsigned long n = (unsigned long)p->length;

	shown_text(p, true, text);
	switch (p->code) {
	case DOMAIN_OK:
		break;
	case DOMAIN_EMPTY:
		buf_puts(b, tr(l, "Enter a domain name, for example example.com."));
		break;
	case DOMAIN_INPUT_TOO_LONG:
		/* TRANSLATORS: its length, the most needed (1024) */
		buf_say(b, BUF_RAW, trn(l, "The input is %lu byte long; a domain "
					"name never needs more than %d.",
					"The input is %lu bytes long; a domain "
					"name never needs more than %d.", n),
			n, DOMAIN_INPUT_MAX);
		break;
	case DOMAIN_BAD_UTF8:
		buf_puts(b, tr(l, "The input is not valid UTF-8 text."));
		break;
	case DOMAIN_EMPTY_LABEL:
		if (p->label == 1)
			buf_puts(b, tr(l, "The name starts with a dot: label 1 is "
				       "empty."));
		else
			/* TRANSLATORS: label number */
			buf_say(b, BUF_RAW, tr(l, "Label %u is empty: the name has "
					       "two dots in a row."), p->label);
		break;
	case DOMAIN_LABEL_TOO_LONG:
	case DOMAIN_NAME_TOO_LONG:
		put_too_long(l, p, text, b);
		break;
	case DOMAIN_BAD_CHAR:
		put_bad_char(l, p, text, b);
		break;
	case DOMAIN_HYPHEN:
		if (p->hyphen_at_start)
			/* TRANSLATORS: label number, its text */
			buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\") starts with a "
					       "hyphen, which a host name label "
					       "may not."), p->label, text);
		else
			/* TRANSLATORS: label number, its text */
			buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\") ends with a "
					       "hyphen, which a host name label "
					       "may not."), p->label, text);
		break;
	case DOMAIN_BAD_IDN:
		put_bad_idn(l, p, text, b);
		break;
	case DOMAIN_IP_ADDRESS:
		/* TRANSLATORS: the IP address entered */
		buf_say(b, BUF_RAW, tr(l, "\"%s\" is an IP address. NS records "
				       "belong to domain names: enter a name such "
				       "as example.com."), shown_text(p, false, text));
		break;
	case DOMAIN_NUMERIC_TLD:
		/* TRANSLATORS: label number, its text */
		buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\"), the top-level label, "
				       "is all digits; no top-level domain is."),
			p->label, text);
		break;
	case DOMAIN_HYPHEN_34:
		/* TRANSLATORS: label number, its text */
		buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\") has hyphens in the "
				       "third and fourth positions, which only "
				       "xn-- (A-label) names may have."),
			p->label, text);
		break;
	case DOMAIN_LEADING_MARK:
		/* TRANSLATORS: label number, its text, the mark */
		buf_say(b, BUF_RAW, tr(l, "Label %u (\"%s\") starts with a combining "
				       "mark (%s), which can only follow a "
				       "letter."), p->label, text,
			char_name(l, p->ch, false, ch));
		break;
	case DOMAIN_STD3:
		put_std3(l, p, text, b);
		break;
	case DOMAIN_JOINER:
		put_joiner_text(l, p, text, b);
		break;
	case DOMAIN_BIDI:
		put_bidi_text(l, p, text, b);
		break;
	}
	put_back_nul(b, from);
}

const char *domain_error_id(enum domain_error e)
{
	switch (e) {
	case DOMAIN_OK: return "ok";
	case DOMAIN_EMPTY: return "empty";
	case DOMAIN_INPUT_TOO_LONG: return "input_too_long";
	case DOMAIN_BAD_UTF8: return "bad_utf8";
	case DOMAIN_EMPTY_LABEL: return "empty_label";
	case DOMAIN_LABEL_TOO_LONG: return "label_too_long";
	case DOMAIN_NAME_TOO_LONG: return "name_too_long";
	case DOMAIN_BAD_CHAR: return "bad_character";
	case DOMAIN_HYPHEN: return "hyphen";
	case DOMAIN_BAD_IDN: return "bad_idn";
	case DOMAIN_IP_ADDRESS: return "ip_address";
	case DOMAIN_NUMERIC_TLD: return "numeric_tld";
	case DOMAIN_HYPHEN_34: return "hyphen_34";
	case DOMAIN_LEADING_MARK: return "leading_mark";
	case DOMAIN_STD3: return "std3_character";
	case DOMAIN_JOINER: return "joiner";
	case DOMAIN_BIDI: return "bidi";
	}
	return "unknown";
}
