/*
 * buf: bounded growable string builder and the output escapers.
 * See buf.h for the contract; the escapers are the only code that turns raw
 * data into HTML, JSON, URL or terminal text.
 */
#include "util/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

void buf_init(struct buf *b, size_t limit)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->limit = limit;
	b->failed = false;
	b->fixed = false;
}

void buf_init_fixed(struct buf *b, char *mem, size_t size)
{
	buf_init(b, size - 1);
	b->data = mem;
	b->cap = size;
	b->fixed = true;
	mem[0] = '\0';
}

void buf_free(struct buf *b)
{
	if (!b->fixed)
		free(b->data);
	buf_init(b, b->limit);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->failed = false;
	if (b->data)
		b->data[0] = '\0';
}

void buf_cut(struct buf *b, size_t len)
{
	if (b->failed || len >= b->len)
		return;
	b->len = len;
	b->data[len] = '\0';
}

bool buf_failed(const struct buf *b)
{
	return b->failed;
}

const char *buf_str(const struct buf *b)
{
	return b->data ? b->data : "";
}

/* Makes room for n more bytes plus the terminator; false sets the error bit. */
static bool reserve(struct buf *b, size_t n)
{
	if (b->failed)
		return false;
	if (n > b->limit - b->len) {
		b->failed = true;
		return false;
	}
	size_t need = b->len + n + 1;
	if (need <= b->cap)
		return true;
	if (b->fixed) { /* cannot happen: cap is limit + 1 */
		b->failed = true;
		return false;
	}
	size_t cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	if (cap > b->limit + 1)
		cap = b->limit + 1;
	char *p = realloc(b->data, cap);
	if (!p) {
		b->failed = true;
		return false;
	}
	b->data = p;
	b->cap = cap;
	return true;
}

void buf_put(struct buf *b, const void *s, size_t n)
{
	/* room already there (cap never passes limit + 1): no checks needed */
	if (n >= b->cap - b->len && !reserve(b, n))
		return;
	if (b->failed)
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
	buf_put(b, &c, 1);
}

void buf_hex(struct buf *b, const void *p, size_t n, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++) {
		char two[2] = { digits[s[i] >> 4], digits[s[i] & 15] };
		buf_put(b, two, 2);
	}
}

static void put_escaped(struct buf *b, enum buf_escape e, const char *s,
			size_t n)
{
	switch (e) {
	case BUF_RAW: buf_put(b, s, n); break;
	case BUF_HTML: buf_html(b, s, n); break;
	case BUF_JSON: buf_json(b, s, n); break;
	case BUF_TEXT: buf_text(b, s, n); break;
	}
}

/* The conversions most sentences hold (%s %d %u %lu %zu %%, in order,
 * no flags or widths): written at once, piece by piece, without
 * printf's machinery (cached pages write a few hundred sentences).
 * False, having written nothing, for any other format. Escaping is by
 * character, so the pieces escaped one by one make the whole escaped. */
static bool say_simple(struct buf *b, enum buf_escape e, const char *fmt,
		       va_list ap)
{
	const char *p;
	va_list ap2;

	for (p = strchr(fmt, '%'); p; p = strchr(p + 2 + (p[1] == 'l' ||
							p[1] == 'z'), '%')) {
		const char *c = p[1] == 'l' || p[1] == 'z' ? p + 2 : p + 1;
		if (c == p + 2 ? *c != 'u' :
		    !(*c == 's' || *c == 'u' || *c == 'd' || *c == '%'))
			return false;
	}
	va_copy(ap2, ap);
	for (p = fmt;;) {
		const char *q = strchr(p, '%');
		if (!q) {
			put_escaped(b, e, p, strlen(p));
			break;
		}
		put_escaped(b, e, p, (size_t)(q - p));
		char c = q[1];
		if (c == '%') {
			put_escaped(b, e, "%", 1);
		} else if (c == 's') {
			const char *v = va_arg(ap2, const char *);
			put_escaped(b, e, v, strlen(v));
		} else if (c == 'd') {
			int v = va_arg(ap2, int);
			if (v < 0)
				buf_putc(b, '-');
			buf_uint(b, v < 0 ? -(unsigned long long)v :
				 (unsigned long long)v);
		} else if (c == 'u') {
			buf_uint(b, va_arg(ap2, unsigned));
		} else if (c == 'l') {
			buf_uint(b, va_arg(ap2, unsigned long));
		} else { /* 'z' */
			buf_uint(b, va_arg(ap2, size_t));
		}
		p = q + 2 + (c == 'l' || c == 'z');
	}
	va_end(ap2);
	return true;
}

/* fmt with ap's values, escaped for e as a whole, onto b. */
__attribute__((format(printf, 3, 0)))
static void say_v(struct buf *b, enum buf_escape e, const char *fmt,
		  va_list ap)
{
	if (say_simple(b, e, fmt, ap))
		return;

	char small[1024], *text = small;
	va_list again;

	va_copy(again, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	if (n >= 0 && (size_t)n >= sizeof small) {
		if ((text = malloc((size_t)n + 1)) != NULL)
			vsnprintf(text, (size_t)n + 1, fmt, again);
	}
	va_end(again);
	if (n < 0 || !text) {
		b->failed = true;
		return;
	}
	put_escaped(b, e, text, (size_t)n);
	if (text != small)
		free(text);
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say_v(b, BUF_RAW, fmt, ap);
	va_end(ap);
}

void buf_say(struct buf *b, enum buf_escape e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say_v(b, e, fmt, ap);
	va_end(ap);
}

void buf_uint(struct buf *b, unsigned long long v)
{
	char digits[24];
	size_t i = sizeof digits;

	do {
		digits[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	buf_put(b, digits + i, sizeof digits - i);
}

size_t utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
	unsigned char c = s[0];
	size_t len;
	unsigned long v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2, v = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, v = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

/* C0 and C1 controls and DEL: never useful in a name, often dangerous. */
static bool is_control(unsigned long cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
}

/* Which printable ASCII bytes each escaper must rewrite. */
enum { ESC_HTML = 1, ESC_JSON = 2, ESC_QUOTED = 4 };
static const unsigned char special[128] = {
	['&'] = ESC_HTML | ESC_JSON, ['<'] = ESC_HTML | ESC_JSON,
	['>'] = ESC_HTML | ESC_JSON, ['"'] = ESC_HTML | ESC_JSON | ESC_QUOTED,
	['\''] = ESC_HTML, ['\\'] = ESC_JSON | ESC_QUOTED,
};

/* Bytes from i on that an escaper passes through unchanged: printable
 * ASCII it has nothing to say about. Copied in one piece. */
static size_t plain_run(const unsigned char *p, size_t i, size_t n,
			unsigned which)
{
	size_t j = i;
	while (j < n && p[j] >= 0x20 && p[j] < 0x7F && !(special[p[j]] & which))
		j++;
	return j - i;
}

/*
 * What one non-plain character becomes: the escaper's rule for the code
 * point cp, spelled by the len bytes at p (len 0: an invalid byte).
 */
typedef void escape_one(struct buf *b, const unsigned char *p, size_t len,
			unsigned long cp);

/* The loop all the escapers share: plain runs are copied whole, every
 * other character goes to its rule. */
static void escape(struct buf *b, const char *s, size_t n, unsigned which,
		   escape_one *one)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t run = plain_run(p, i, n, which);
		if (run) {
			buf_put(b, p + i, run);
			i += run;
			continue;
		}
		unsigned long cp = 0;
		size_t len = utf8_decode(p + i, n - i, &cp);
		one(b, p + i, len, cp);
		i += len ? len : 1;
	}
}

static void html_one(struct buf *b, const unsigned char *p, size_t len,
		     unsigned long cp)
{
	switch (len ? cp : 0xFFFD) {
	case '&': buf_put(b, "&amp;", 5); break;
	case '<': buf_put(b, "&lt;", 4); break;
	case '>': buf_put(b, "&gt;", 4); break;
	case '"': buf_put(b, "&quot;", 6); break;
	case '\'': buf_put(b, "&#39;", 5); break;
	default:
		if (len == 0 || (is_control(cp) && cp != '\t' && cp != '\n'))
			buf_put(b, replacement, 3);
		else
			buf_put(b, p, len);
	}
}

void buf_html(struct buf *b, const char *s, size_t n)
{
	escape(b, s, n, ESC_HTML, html_one);
}

void buf_htmls(struct buf *b, const char *s)
{
	buf_html(b, s, strlen(s));
}

static void json_one(struct buf *b, const unsigned char *p, size_t len,
		     unsigned long cp)
{
	static const char hex[] = "0123456789abcdef";

	if (len == 0) {
		buf_put(b, "\\ufffd", 6);
		return;
	}
	switch (cp) {
	case '"': buf_put(b, "\\\"", 2); break;
	case '\\': buf_put(b, "\\\\", 2); break;
	case '\n': buf_put(b, "\\n", 2); break;
	case '\t': buf_put(b, "\\t", 2); break;
	case '\r': buf_put(b, "\\r", 2); break;
	default:
		if (cp < 0x20 || cp == '<' || cp == '>' || cp == '&' ||
		    cp == 0x7F || cp == 0x2028 || cp == 0x2029) {
			char e[6] = { '\\', 'u', hex[cp >> 12 & 15],
				      hex[cp >> 8 & 15], hex[cp >> 4 & 15],
				      hex[cp & 15] };
			buf_put(b, e, 6);
		} else {
			buf_put(b, p, len);
		}
	}
}

void buf_json(struct buf *b, const char *s, size_t n)
{
	escape(b, s, n, ESC_JSON, json_one);
}

void buf_jsons(struct buf *b, const char *s)
{
	buf_json(b, s, strlen(s));
}

static bool url_safe(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

void buf_url(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";

	/* runs of safe bytes go in whole: every page has a link per server */
	for (size_t i = 0; i < n;) {
		size_t run = i;
		while (run < n && url_safe((unsigned char)s[run]))
			run++;
		buf_put(b, s + i, run - i);
		if (run == n)
			break;
		unsigned char c = (unsigned char)s[run];
		char e[3] = { '%', hex[c >> 4], hex[c & 15] };
		buf_put(b, e, 3);
		i = run + 1;
	}
}

void buf_urls(struct buf *b, const char *s)
{
	buf_url(b, s, strlen(s));
}

static void text_one(struct buf *b, const unsigned char *p, size_t len,
		     unsigned long cp)
{
	static const char hex[] = "0123456789ABCDEF";

	if (len && !is_control(cp)) {
		buf_put(b, p, len);
		return;
	}
	/* a C1 control is two bytes in UTF-8: show both */
	for (size_t k = 0; k < (len ? len : 1); k++) {
		char e[4] = { '\\', 'x', hex[p[k] >> 4], hex[p[k] & 15] };
		buf_put(b, e, 4);
	}
}

void buf_text(struct buf *b, const char *s, size_t n)
{
	escape(b, s, n, 0, text_one);
}

static void quoted_one(struct buf *b, const unsigned char *p, size_t len,
		       unsigned long cp)
{
	if (cp == '"' || cp == '\\')
		buf_puts(b, cp == '"' ? "\\x22" : "\\x5C");
	else
		text_one(b, p, len, cp);
}

void buf_quoted(struct buf *b, const char *s, size_t n)
{
	escape(b, s, n, ESC_QUOTED, quoted_one);
}

void buf_texts(struct buf *b, const char *s)
{
	buf_text(b, s, strlen(s));
}

int buf_read_file(struct buf *b, const char *path, size_t limit)
{
	char chunk[8192];
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	buf_init(b, limit);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_put(b, chunk, n);
	int bad = ferror(f);
	fclose(f);
	if (bad || buf_failed(b)) {
		buf_free(b);
		return bad ? -2 : -3;
	}
	return 0;
}
