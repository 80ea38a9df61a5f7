/*
 * buf: the one string builder every piece of output goes through.
 *
 * A buf grows on demand up to a hard limit. Any append that would pass the
 * limit, or any failed allocation, sets a sticky error bit and the buf stops
 * changing: callers append freely and check buf_failed() once at the end, so a
 * page that did not fit is never sent half-written.
 *
 * The escapers are the single point where dynamic strings enter an output
 * context. Data kept in structs stays raw; it is escaped when written here.
 */
#ifndef NSCHECK_BUF_H
#define NSCHECK_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *data;   /* always NUL-terminated once anything was appended */
	size_t len;
	size_t cap;
	size_t limit; /* len never exceeds this */
	bool failed;  /* sticky: overflow or out of memory */
	bool fixed;   /* data is the caller's memory: never grown or freed */
};

void buf_init(struct buf *b, size_t limit);
/* A buf over the caller's memory (e.g. on the stack), for short texts on
 * hot paths: it fails, never grows, once size - 1 bytes are used. */
void buf_init_fixed(struct buf *b, char *mem, size_t size);
void buf_free(struct buf *b);
/* Empties the buf and clears the error bit, keeping its memory. */
void buf_reset(struct buf *b);
/* Back to the first len bytes (what was written since goes), unless the
 * buf has failed: for "write it, and take it back if it was wrong". */
void buf_cut(struct buf *b, size_t len);
bool buf_failed(const struct buf *b);
/* The contents as a C string ("" when empty). */
const char *buf_str(const struct buf *b);
/* The whole file at path into b, a new buf of at most limit bytes: 0; -1
 * when it cannot be opened (errno says why), -2 on a read error, -3 when
 * it is larger. b needs buf_free only after 0. */
int buf_read_file(struct buf *b, const char *path, size_t limit);

void buf_put(struct buf *b, const void *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
/* Two hex digits a byte, upper- or lower-case. */
void buf_hex(struct buf *b, const void *p, size_t n, bool upper);
/* A number in decimal, without printf's machinery (hot paths). */
void buf_uint(struct buf *b, unsigned long long v);
/* For numbers and fixed text; strings from outside go through an escaper. */
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Where buf_say's text goes, and so how it is escaped. */
enum buf_escape { BUF_RAW, BUF_HTML, BUF_JSON, BUF_TEXT };

/* A sentence for people with its values filled in (%s, %lu, and the
 * %1$s of a translation that reorders them), then escaped whole for
 * where it goes: the sentence and its values are both text. fmt is
 * normally tr(lang, "..."), which gcc checks against the arguments. */
void buf_say(struct buf *b, enum buf_escape e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * HTML text and double- or single-quoted attribute values: escapes & < > " '.
 * Invalid UTF-8 and control characters other than tab and newline become
 * U+FFFD, so the page stays valid whatever bytes came in.
 */
void buf_html(struct buf *b, const char *s, size_t n);
void buf_htmls(struct buf *b, const char *s);

/*
 * Inside a JSON string (the caller writes the quotes). Also escapes < > &
 * and U+2028/U+2029 so the value is safe when JSON ends up inside HTML or
 * JavaScript; invalid UTF-8 becomes U+FFFD.
 */
void buf_json(struct buf *b, const char *s, size_t n);
void buf_jsons(struct buf *b, const char *s);

/* A URL query component: everything but A-Z a-z 0-9 - . _ ~ is %XX. */
void buf_url(struct buf *b, const char *s, size_t n);
void buf_urls(struct buf *b, const char *s);

/*
 * Plain text for terminals and logs: valid printable UTF-8 passes, every
 * control character, DEL and invalid byte is shown as \xNN (so nothing can
 * move a terminal's cursor or forge a log line).
 */
void buf_text(struct buf *b, const char *s, size_t n);
void buf_texts(struct buf *b, const char *s);
/* As buf_text, for text that stands between double quotes (a field of a
 * log line): '"' and '\' are shown as \x22 and \x5C too. */
void buf_quoted(struct buf *b, const char *s, size_t n);

/*
 * Length of the valid UTF-8 sequence at s (1-4), or 0 when the bytes there
 * are not valid UTF-8 (overlong forms, surrogates and values past U+10FFFF
 * included). *cp receives the code point.
 */
size_t utf8_decode(const unsigned char *s, size_t n, unsigned long *cp);

#endif
