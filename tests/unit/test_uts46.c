/*
 * UTS #46 conformance of domain_normalize, the normaliser the page uses:
 * every row of Unicode's IdnaTestV2.txt, judged by its non-transitional
 * columns (toAsciiN and toAsciiNStatus, with every UTS #46 flag on:
 * CheckHyphens, CheckBidi, CheckJoiners, UseSTD3ASCIIRules,
 * VerifyDnsLength).
 *
 * A row the file calls invalid must be refused, unless a named leniency
 * accepts it. A row it calls valid must be accepted with the file's
 * A-labels and Unicode form, or refused under a named policy; each policy
 * and leniency is a deliberate choice of nscheck, documented in README.
 * The forms are compared after one trailing dot is dropped from the
 * file's (nscheck drops it); both are lower case already. Rows that
 * domain_normalize reads differently on purpose, as the front door for
 * typed and pasted input (blanks, URLs, the root), are named too, and
 * checked for that reading. Anything else fails the test, and the first
 * rows that do are listed. The counts go to stderr.
 *
 * Both data files come with Debian's librust-idna-dev (Unicode 13.0.0
 * edition); IdnaMappingTable.txt is read for its NV8 and XV8 marks, the
 * characters UTS #46 allows but IDNA2008 does not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "input/domain.h"
#include "suites.h"

#define IDNA_DIR "/usr/share/cargo/registry/idna-0.3.0"
#define TEST_FILE IDNA_DIR "/tests/IdnaTestV2.txt"
#define MAP_FILE IDNA_DIR "/src/IdnaMappingTable.txt"
#define MISSING "(from Debian's librust-idna-dev: apt-get install " \
	"librust-idna-dev, or make deps)"

#define FIELD_MAX 2048
#define SHOWN_MAX 25 /* offending rows listed in full */

struct row {
	unsigned line;
	char source[FIELD_MAX];
	size_t source_len;
	char unicode[FIELD_MAX]; /* toUnicode */
	char ascii[FIELD_MAX];   /* toAsciiN */
	char status[FIELD_MAX];  /* toAsciiNStatus, "[]" when valid */
	bool valid;
};

/* What domain_normalize made of one input. */
struct outcome {
	enum domain_error e;
	struct domain d;
	struct domain_problem p;
};

/* --- reading the file ----------------------------------------------- */

static size_t put_utf8(char *out, unsigned long cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Hex digits at s up to n of them (exactly n when exact), or -1. */
static long hex_value(const char *s, size_t len, size_t n, bool exact,
		      size_t *used)
{
	long v = 0;
	size_t i = 0;

	while (i < n && i < len && hex_digit(s[i]) >= 0)
		v = v * 16 + hex_digit(s[i++]);
	*used = i;
	return i == 0 || (exact && i != n) ? -1 : v;
}

/*
 * The header's escapes: \uXXXX (four hex digits) and \x{X...} (one to six)
 * stand for one code point each. Returns the decoded length, or
 * (size_t)-1 for a malformed escape or a field that does not fit.
 */
static size_t unescape(const char *in, size_t n, char *out, size_t cap)
{
	size_t o = 0;

	for (size_t i = 0; i < n;) {
		long cp = -1;
		size_t used;

		if (o + 5 > cap)
			return (size_t)-1;
		if (in[i] != '\\' || i + 1 == n) {
			out[o++] = in[i++];
			continue;
		}
		if (in[i + 1] == 'u') {
			cp = hex_value(in + i + 2, n - i - 2, 4, true, &used);
			i += 2 + used;
		} else if (in[i + 1] == 'x' && i + 2 < n && in[i + 2] == '{') {
			cp = hex_value(in + i + 3, n - i - 3, 6, false, &used);
			i += 3 + used;
			if (i >= n || in[i] != '}')
				return (size_t)-1;
			i++;
		} else {
			out[o++] = in[i++];
			continue;
		}
		if (cp < 0 || cp > 0x10FFFF)
			return (size_t)-1;
		o += put_utf8(out + o, (unsigned long)cp);
	}
	out[o] = '\0';
	return o;
}

/* The columns of one line, blanks around each dropped; a NUL ends each. */
static unsigned split(char *line, char **col, unsigned max)
{
	unsigned n = 0;
	char *hash = strchr(line, '#');

	if (hash)
		*hash = '\0';
	for (char *s = line; n < max;) {
		char *semi = strchr(s, ';');
		char *end = semi ? semi : s + strlen(s);

		while (*s == ' ' || *s == '\t')
			s++;
		while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
				   end[-1] == '\n' || end[-1] == '\r'))
			end--;
		col[n++] = s;
		if (!semi) {
			*end = '\0';
			break;
		}
		*end = '\0';
		s = semi + 1;
	}
	return n;
}

/*
 * One line into r; false for comments and blank lines. Blank columns
 * inherit as the header says: toUnicode the source, toUnicodeStatus [],
 * toAsciiN toUnicode, toAsciiNStatus toUnicodeStatus.
 */
static bool parse_row(char *line, unsigned no, struct row *r)
{
	char *col[7] = { 0 };
	unsigned n = split(line, col, 7);

	if (n < 2) {
		ck_assert_msg(n == 0 || col[0][0] == '\0',
			      "IdnaTestV2.txt:%u: too few columns", no);
		return false;
	}
	for (unsigned i = n; i < 7; i++)
		col[i] = "";
	memset(r, 0, sizeof *r);
	r->line = no;
	r->source_len = unescape(col[0], strlen(col[0]), r->source,
				 sizeof r->source);
	const char *u = col[1][0] ? col[1] : col[0];
	const char *us = col[2][0] ? col[2] : "[]";
	const char *a = col[3][0] ? col[3] : u;
	const char *as = col[4][0] ? col[4] : us;
	size_t ul = unescape(u, strlen(u), r->unicode, sizeof r->unicode);
	size_t al = unescape(a, strlen(a), r->ascii, sizeof r->ascii);
	ck_assert_msg(r->source_len != (size_t)-1 && ul != (size_t)-1 &&
		      al != (size_t)-1, "IdnaTestV2.txt:%u: bad escape", no);
	ck_assert_msg(strlen(as) < sizeof r->status && as[0] == '[',
		      "IdnaTestV2.txt:%u: bad status \"%s\"", no, as);
	memcpy(r->status, as, strlen(as) + 1);
	r->valid = strcmp(as, "[]") == 0;
	return true;
}

/* --- NV8 and XV8 (IdnaMappingTable.txt) ------------------------------ */

#define MARKED_MAX 2048

struct range {
	unsigned long lo, hi;
};

static struct range marked[MARKED_MAX];
static size_t n_marked;

/* Lines such as "00A1..00A7 ; valid ; ; NV8 # ...". */
static void read_marks(void)
{
	FILE *f = fopen(MAP_FILE, "r");
	char line[1024];

	ck_assert_msg(f != NULL, "cannot read %s %s", MAP_FILE, MISSING);
	n_marked = 0;
	while (fgets(line, sizeof line, f)) {
		char *col[4] = { 0 };
		unsigned n = split(line, col, 4);
		unsigned long lo, hi;
		char *end;

		if (n < 4 || strcmp(col[1], "valid") != 0 ||
		    (strcmp(col[3], "NV8") != 0 && strcmp(col[3], "XV8") != 0))
			continue;
		lo = hi = strtoul(col[0], &end, 16);
		if (end[0] == '.' && end[1] == '.')
			hi = strtoul(end + 2, NULL, 16);
		ck_assert(n_marked < MARKED_MAX);
		marked[n_marked++] = (struct range){ lo, hi };
	}
	fclose(f);
	ck_assert_msg(n_marked > 0, "%s has no NV8 or XV8 marks", MAP_FILE);
}

static bool is_marked(unsigned long cp)
{
	for (size_t i = 0; i < n_marked; i++)
		if (cp >= marked[i].lo && cp <= marked[i].hi)
			return true;
	return false;
}

/* --- policies: where nscheck differs from the file on purpose ------- */

static bool last_label_digits(const char *name)
{
	size_t n = strlen(name);

	if (n > 0 && name[n - 1] == '.')
		n--;
	size_t start = n;
	while (start > 0 && name[start - 1] != '.')
		start--;
	if (start == 0 || start == n)
		return false; /* one label, or an empty one */
	for (size_t i = start; i < n; i++)
		if (name[i] < '0' || name[i] > '9')
			return false;
	return true;
}

static bool nv8_refused(const struct row *r, const struct outcome *o)
{
	(void)r;
	return o->e == DOMAIN_BAD_CHAR && is_marked(o->p.ch);
}

static bool numeric_refused(const struct row *r, const struct outcome *o)
{
	return o->e == DOMAIN_NUMERIC_TLD && last_label_digits(r->ascii);
}

static bool ip_refused(const struct row *r, const struct outcome *o)
{
	(void)r;
	return o->e == DOMAIN_IP_ADDRESS;
}

/* The row's status codes are all among those of the list. */
static bool status_within(const char *status, const char *const *codes)
{
	const char *s = status + 1; /* past '[' */

	while (*s && *s != ']') {
		size_t n = strcspn(s, ", ]");
		bool known = false;
		for (size_t i = 0; codes[i]; i++)
			known = known || (strlen(codes[i]) == n &&
					  memcmp(s, codes[i], n) == 0);
		if (!known)
			return false;
		s += n;
		s += strspn(s, ", ");
	}
	return true;
}

/* Every label holding '_' is all ASCII, and the file's only complaint is
 * the disallowed character (P1, V6, U1), which '_' is under STD3. */
static bool underscore_accepted(const struct row *r, const struct outcome *o)
{
	static const char *const std3[] = { "P1", "V6", "U1", NULL };
	const char *s = r->source;
	bool seen = false;

	if (o->e != DOMAIN_OK || !status_within(r->status, std3))
		return false;
	while (*s) {
		size_t n = strcspn(s, ".");
		bool ascii = true, under = false;
		for (size_t i = 0; i < n; i++) {
			ascii = ascii && (unsigned char)s[i] < 0x80;
			under = under || s[i] == '_';
		}
		if (under && !ascii)
			return false;
		seen = seen || under;
		s += n + (s[n] == '.');
	}
	return seen;
}

struct policy {
	const char *id;
	const char *why;
	bool (*explains)(const struct row *, const struct outcome *);
	unsigned count;
};

/* Refusals of rows the file calls valid. */
static struct policy policies[] = {
	{ "idna2008_disallowed",
	  "a character UTS #46 marks NV8 or XV8: valid there, disallowed by "
	  "IDNA2008 (RFC 5892), which nscheck follows for lookups",
	  nv8_refused, 0 },
	{ "numeric_last_label",
	  "the last label is all digits: no top-level domain is, and such a "
	  "name is more likely a mistyped address (RFC 3696 section 2)",
	  numeric_refused, 0 },
	{ "ip_address",
	  "the name reads as an IPv4 or IPv6 address, which has no NS records",
	  ip_refused, 0 },
};

/* Acceptances of rows the file calls invalid. */
static struct policy leniencies[] = {
	{ "underscore_label",
	  "'_' in an all-ASCII label, as in _dmarc (RFC 8552), though STD3 "
	  "rules refuse it",
	  underscore_accepted, 0 },
};

#define N_POLICIES (sizeof policies / sizeof policies[0])
#define N_LENIENCIES (sizeof leniencies / sizeof leniencies[0])

/* --- inputs read differently on purpose ----------------------------- */

/* What domain_normalize should see in a pasted URL or address, by the
 * rules README gives: after a "scheme://", before the next '/' (or, after
 * a scheme, '?' or '#'), after the last '@', and without a ":port". s is NUL-terminated;
 * the host part is s + *start, its length returned. */
static size_t host_part(const char *s, size_t *start)
{
	size_t scheme = strspn(s, "abcdefghijklmnopqrstuvwxyz"
				  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
	const char *h, *colon;

	*start = scheme > 0 && strncmp(s + scheme, "://", 3) == 0 ?
		 scheme + 3 : 0;
	size_t end = *start + strcspn(s + *start, *start ? "/?#" : "/");
	for (size_t i = *start; i < end; i++)
		if (s[i] == '@')
			*start = i + 1;
	h = s + *start;
	colon = memchr(h, ':', (size_t)(s + end - h));
	if (colon) {
		size_t digits = (size_t)(s + end - colon - 1);
		if (digits > 0 && strspn(colon + 1, "0123456789") >= digits)
			end = (size_t)(colon - s);
	}
	return (size_t)(s + end - h);
}

/* Width of the blank at s (space, tab, CR, LF, NBSP), or 0. */
static size_t blank_at(const char *s, size_t n)
{
	if (n >= 1 && strchr(" \t\r\n", s[0]) && s[0] != '\0')
		return 1;
	return n >= 2 && memcmp(s, "\xC2\xA0", 2) == 0 ? 2 : 0;
}

/* Width of the blank that ends s, or 0. */
static size_t blank_before(const char *s, size_t n)
{
	if (n >= 1 && blank_at(s + n - 1, 1))
		return 1;
	return n >= 2 && blank_at(s + n - 2, 2) == 2 ? 2 : 0;
}

static void normalize(const char *s, size_t n, struct outcome *o)
{
	o->e = domain_normalize(s, n, &o->d, &o->p);
}

static bool same_outcome(const struct outcome *a, const struct outcome *b)
{
	return a->e == b->e && strcmp(a->d.ascii, b->d.ascii) == 0;
}

/* A pasted URL, e-mail address or host:port: the outcome is that of the
 * host alone. */
static bool url_reading(const struct row *r, const struct outcome *o)
{
	struct outcome alone;
	size_t start, n = host_part(r->source, &start);

	if (n == r->source_len)
		return false;
	normalize(r->source + start, n, &alone);
	ck_assert_msg(same_outcome(o, &alone),
		      "IdnaTestV2.txt:%u: \"%s\" is not read as its host \"%.*s\"",
		      r->line, r->source, (int)n, r->source + start);
	return true;
}

/* Blanks around what was typed are dropped (spaces, tabs, NBSP). */
static bool trimmed_reading(const struct row *r, const struct outcome *o)
{
	struct outcome inner;
	const char *s = r->source;
	size_t n = r->source_len, w;

	if (!blank_at(s, n) && !blank_before(s, n))
		return false;
	while ((w = blank_at(s, n)) != 0)
		s += w, n -= w;
	while ((w = blank_before(s, n)) != 0)
		n -= w;
	normalize(s, n, &inner);
	ck_assert_msg(same_outcome(o, &inner),
		      "IdnaTestV2.txt:%u: blanks around \"%s\" change its outcome",
		      r->line, r->source);
	return true;
}

/* "." alone is the root zone, whose NS set nscheck looks up. */
static bool root_reading(const struct row *r, const struct outcome *o)
{
	if (strcmp(r->source, ".") != 0)
		return false;
	ck_assert_msg(o->e == DOMAIN_OK && strcmp(o->d.ascii, ".") == 0,
		      "IdnaTestV2.txt:%u: \".\" is not the root", r->line);
	return true;
}

struct reading {
	const char *id;
	const char *why;
	bool (*applies)(const struct row *, const struct outcome *);
	unsigned accepted, refused;
};

static struct reading readings[] = {
	{ "trimmed",
	  "blanks around the input are dropped, as from a copied name",
	  trimmed_reading, 0, 0 },
	{ "url_host",
	  "the source holds a scheme:// (then '?' and '#' end the host too), "
	  "'/', '@' or a :port: nscheck takes the host out of a pasted URL or "
	  "e-mail address",
	  url_reading, 0, 0 },
	{ "root",
	  "\".\" alone is the root zone, which nscheck looks up", root_reading,
	  0, 0 },
};

#define N_READINGS (sizeof readings / sizeof readings[0])

/* --- judging one row ------------------------------------------------ */

enum verdict {
	V_SAME_ACCEPTED,   /* accepted with the file's A-labels */
	V_SAME_REFUSED,    /* invalid, and refused */
	V_READING,         /* read differently on purpose (readings[]) */
	V_POLICY,          /* valid, refused by a policy (policies[]) */
	V_LENIENT,         /* invalid, accepted by a policy (leniencies[]) */
	V_ACCEPTED_INVALID,
	V_REFUSED_VALID,   /* valid, refused, no policy explains it */
	V_OTHER_ASCII,     /* accepted, other A-labels than the file's */
	V_OTHER_UNICODE,   /* accepted, another Unicode form */
	V_OTHER_REASON,    /* invalid, refused, by a rule the file does not
			      give for it */
	V_COUNT
};

static const char *const verdict_names[V_COUNT] = {
	"same (accepted, same A-labels)",
	"same (refused as invalid)",
	"read differently on purpose",
	"refused by a named policy",
	"accepted by a named policy",
	"accepted although invalid",
	"refused although valid, unexplained",
	"accepted, other A-labels",
	"accepted, other Unicode form",
	"refused for a reason the file lacks",
};

/* Does the row's status list a code that starts with one of the prefixes
 * (space separated, "B" for every Bidi rule)? */
static bool status_has(const struct row *r, const char *prefixes)
{
	const char *p = prefixes;

	while (*p) {
		size_t n = strcspn(p, " ");
		for (const char *c = r->status; *c; c++)
			if ((c == r->status || c[-1] == '[' || c[-1] == ' ') &&
			    strncmp(c, p, n) == 0)
				return true;
		p += n + (p[n] == ' ');
	}
	return false;
}

/* The refusal names a rule the file gives for the row: the error's own
 * status codes (UTS #46 section 4 and the file's header). numeric_tld and
 * ip_address are nscheck's policies and may come first. */
/* Some character of s is marked NV8 or XV8. */
static bool holds_marked(const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		unsigned long cp;
		size_t len = utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (len == 0)
			return false;
		if (is_marked(cp))
			return true;
		i += len;
	}
	return false;
}

/* Rows refused first by a character libidn2 2.3.3 disallows under its
 * own, older Unicode tables (the file is Unicode 13.0). */
static unsigned older_tables;

static bool reason_matches(const struct row *r, const struct outcome *o)
{
	enum domain_error e = o->e;

	/* the IDNA2008 policy names its character before other rules run:
	 * the typed one, or one it maps to (a ligature holding U+0640) */
	if (e == DOMAIN_BAD_CHAR && (is_marked(o->p.ch) || holds_marked(r->unicode)))
		return true;
	if (e == DOMAIN_BAD_IDN && o->p.reason &&
	    strstr(o->p.reason, "disallowed character")) {
		older_tables++;
		return true;
	}
	switch (e) {
	case DOMAIN_BIDI: return status_has(r, "B");
	case DOMAIN_JOINER: return status_has(r, "C1 C2");
	case DOMAIN_LEADING_MARK: return status_has(r, "V5");
	case DOMAIN_HYPHEN: return status_has(r, "V3");
	case DOMAIN_HYPHEN_34: return status_has(r, "V2");
	case DOMAIN_STD3:
	case DOMAIN_BAD_CHAR: return status_has(r, "P1 V6 U1");
	case DOMAIN_EMPTY:
	case DOMAIN_EMPTY_LABEL:
	case DOMAIN_LABEL_TOO_LONG:
	case DOMAIN_NAME_TOO_LONG: return status_has(r, "A4 X4");
	case DOMAIN_BAD_IDN: return status_has(r, "P4 V1 A3 V6");
	case DOMAIN_NUMERIC_TLD:
	case DOMAIN_IP_ADDRESS: return true;
	default: return false;
	}
}

/* nscheck's form of a name: one trailing dot dropped. toAsciiN is lower
 * case already, as nscheck's output is. */
static void without_dot(const char *in, char *out, size_t cap)
{
	size_t n = strlen(in);

	if (n > 1 && in[n - 1] == '.')
		n--;
	ck_assert(n < cap);
	memcpy(out, in, n);
	out[n] = '\0';
}

static enum verdict judge(const struct row *r, const struct outcome *o,
			  const char **policy)
{
	char want[FIELD_MAX];

	*policy = NULL;
	for (size_t i = 0; i < N_READINGS; i++) {
		if (readings[i].applies(r, o)) {
			if (o->e == DOMAIN_OK)
				readings[i].accepted++;
			else
				readings[i].refused++;
			*policy = readings[i].id;
			return V_READING;
		}
	}
	if (!r->valid && o->e != DOMAIN_OK)
		return reason_matches(r, o) ? V_SAME_REFUSED : V_OTHER_REASON;
	if (!r->valid) {
		for (size_t i = 0; i < N_LENIENCIES; i++) {
			if (leniencies[i].explains(r, o)) {
				leniencies[i].count++;
				*policy = leniencies[i].id;
				return V_LENIENT;
			}
		}
		return V_ACCEPTED_INVALID;
	}
	if (o->e != DOMAIN_OK) {
		for (size_t i = 0; i < N_POLICIES; i++) {
			if (policies[i].explains(r, o)) {
				policies[i].count++;
				*policy = policies[i].id;
				return V_POLICY;
			}
		}
		return V_REFUSED_VALID;
	}
	without_dot(r->ascii, want, sizeof want);
	if (strcmp(o->d.ascii, want) != 0)
		return V_OTHER_ASCII;
	without_dot(r->unicode, want, sizeof want);
	if (strcmp(o->d.unicode, want) != 0)
		return V_OTHER_UNICODE;
	return V_SAME_ACCEPTED;
}

static void show(const struct row *r, const struct outcome *o, enum verdict v)
{
	struct buf b;

	buf_init(&b, 4096);
	domain_problem_text(NULL, &o->p, &b);
	fprintf(stderr, "uts46: IdnaTestV2.txt:%u: %s: \"%s\" %s -> %s \"%s\"%s%s\n",
		r->line, verdict_names[v], r->source, r->status,
		domain_error_id(o->e), o->e == DOMAIN_OK ? o->d.ascii : "",
		o->e == DOMAIN_OK ? "" : " ", buf_str(&b));
	buf_free(&b);
}

START_TEST(test_unescape)
{
	char out[64];

	ck_assert_uint_eq(unescape("a\\u00E0b", 8, out, sizeof out), 4);
	ck_assert_str_eq(out, "a\xC3\xA0" "b");
	ck_assert_uint_eq(unescape("\\x{1F4A9}.\\x{5D0}", 17, out, sizeof out),
			  7);
	ck_assert_str_eq(out, "\xF0\x9F\x92\xA9.\xD7\x90");
	ck_assert_uint_eq(unescape("\\u12", 4, out, sizeof out), (size_t)-1);
	ck_assert_uint_eq(unescape("\\x{110000}", 10, out, sizeof out),
			  (size_t)-1);
}
END_TEST

/* A made-up row, and what domain_normalize makes of its source. */
static void made_up(struct row *r, struct outcome *o, const char *source,
		    const char *status)
{
	memset(r, 0, sizeof *r);
	r->source_len = strlen(source);
	memcpy(r->source, source, r->source_len + 1);
	memcpy(r->status, status, strlen(status) + 1);
	normalize(r->source, r->source_len, o);
}

/* The policies and readings on rows made up here, as the file may never
 * exercise some of them. */
START_TEST(test_policies)
{
	static const char *const std3[] = { "P1", "V6", "U1", NULL };
	static struct row r;
	static struct outcome o;

	ck_assert(status_within("[P1, V6]", std3));
	ck_assert(status_within("[]", std3));
	ck_assert(!status_within("[B1, P1, V6]", std3));
	ck_assert(!status_within("[P4]", std3));

	made_up(&r, &o, "_dmarc.example", "[P1, V6]");
	ck_assert(underscore_accepted(&r, &o));
	made_up(&r, &o, "_dmarc.example", "[B1, P1, V6]");
	ck_assert(!underscore_accepted(&r, &o));
	made_up(&r, &o, "\xC3\xBC_x.example", "[P1, V6]");
	ck_assert(!underscore_accepted(&r, &o));

	ck_assert(last_label_digits("a.b.123."));
	ck_assert(!last_label_digits("123"));
	ck_assert(!last_label_digits("a.1b"));

	made_up(&r, &o, "  https://user@Example.COM:8080/x?y ", "[P1]");
	ck_assert(trimmed_reading(&r, &o));
	made_up(&r, &o, "https://user@Example.COM:8080/x?y", "[P1]");
	ck_assert(url_reading(&r, &o));
	ck_assert_str_eq(o.d.ascii, "example.com");
	made_up(&r, &o, "a:b.example", "[P1]");
	ck_assert(!url_reading(&r, &o)); /* no port: not a URL's host */
	made_up(&r, &o, ".", "[A4_2]");
	ck_assert(root_reading(&r, &o));
}
END_TEST

START_TEST(test_idna_test_v2)
{
	FILE *f = fopen(TEST_FILE, "r");
	static struct row r;
	static struct outcome o;
	static char line[8192];
	unsigned counts[V_COUNT] = { 0 }, rows = 0, no = 0, shown = 0;

	ck_assert_msg(f != NULL, "cannot read %s %s", TEST_FILE, MISSING);
	read_marks();
	while (fgets(line, sizeof line, f)) {
		const char *policy;

		no++;
		ck_assert_msg(strchr(line, '\n') || feof(f),
			      "IdnaTestV2.txt:%u: line too long", no);
		if (!parse_row(line, no, &r))
			continue;
		rows++;
		normalize(r.source, r.source_len, &o);
		enum verdict v = judge(&r, &o, &policy);
		counts[v]++;
		if (v >= V_ACCEPTED_INVALID && shown++ < SHOWN_MAX)
			show(&r, &o, v);
	}
	fclose(f);

	fprintf(stderr, "uts46: %u rows of %s\n", rows, TEST_FILE);
	for (int v = 0; v < V_COUNT; v++)
		fprintf(stderr, "uts46:   %-38s %5u\n", verdict_names[v],
			counts[v]);
	fprintf(stderr, "uts46:     of the invalid, refused first for a "
		"character libidn2's own tables disallow: %u\n", older_tables);
	for (size_t i = 0; i < N_POLICIES; i++)
		fprintf(stderr, "uts46:     refused, %-20s %5u  (%s)\n",
			policies[i].id, policies[i].count, policies[i].why);
	for (size_t i = 0; i < N_LENIENCIES; i++)
		fprintf(stderr, "uts46:     accepted, %-19s %5u  (%s)\n",
			leniencies[i].id, leniencies[i].count, leniencies[i].why);
	for (size_t i = 0; i < N_READINGS; i++)
		fprintf(stderr, "uts46:     read as %-21s %5u  (%u accepted, %u "
			"refused: %s)\n", readings[i].id,
			readings[i].accepted + readings[i].refused,
			readings[i].accepted, readings[i].refused,
			readings[i].why);

	ck_assert_msg(rows > 6000, "only %u rows in %s", rows, TEST_FILE);
	ck_assert_msg(counts[V_ACCEPTED_INVALID] == 0 &&
		      counts[V_REFUSED_VALID] == 0 &&
		      counts[V_OTHER_ASCII] == 0 && counts[V_OTHER_UNICODE] == 0 &&
		      counts[V_OTHER_REASON] == 0,
		      "UTS #46: %u accepted although invalid, %u refused although "
		      "valid, %u other A-labels, %u other Unicode forms, %u "
		      "refused for another reason (rows on stderr)",
		      counts[V_ACCEPTED_INVALID], counts[V_REFUSED_VALID],
		      counts[V_OTHER_ASCII], counts[V_OTHER_UNICODE],
		      counts[V_OTHER_REASON]);
}
END_TEST

Suite *uts46_suite(void)
{
	Suite *s = suite_create("uts46");
	TCase *tc = tcase_create("conformance");

	tcase_add_test(tc, test_unescape);
	tcase_add_test(tc, test_policies);
	tcase_add_test(tc, test_idna_test_v2);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}
