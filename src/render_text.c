/*
 * render_text: the result as aligned plain text for terminals and
 * `nscheck -q` (see render.h). Dynamic strings go through buf_text, which
 * shows control bytes as \xNN so a hostile name cannot drive the terminal.
 */
#include <stdbool.h>
#include <string.h>

#include "buf.h"
#include "checks.h"
#include "describe.h"
#include "domain.h"
#include "render.h"
#include "result.h"
#include "view.h"

#define COLUMNS 5

struct cell_text {
	struct buf b[COLUMNS];
};

/* Display width of escaped text: one column per code point. */
static size_t width(const struct buf *b)
{
	size_t w = 0;
	for (size_t i = 0; i < b->len; i++)
		w += ((unsigned char)b->data[i] & 0xC0) != 0x80;
	return w;
}

static void pad(struct buf *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_putc(out, ' ');
}

/* Lines of one address column: every address, or why there is none. */
static void addr_lines(struct buf *cell, const struct ns_addrs *a, bool v6)
{
	char text[64];

	if (a->state != ADDR_FOUND) {
		buf_texts(cell, "(");
		buf_texts(cell, describe_addr_state(a->state, v6));
		buf_texts(cell, ")");
		return;
	}
	for (size_t i = 0; i < a->n; i++) {
		describe_address(a->addr[i], v6, text, sizeof text);
		if (i)
			buf_putc(cell, '\n');
		buf_texts(cell, text);
	}
}

static void fill_row(struct buf cell[COLUMNS], const struct ns_result *r,
		     const struct ns_server *s)
{
	buf_texts(&cell[0], r->owner);
	buf_texts(&cell[1], s->name);
	buf_printf(&cell[2], "%lu (", (unsigned long)s->ttl);
	describe_duration(s->ttl, &cell[2]);
	buf_putc(&cell[2], ')');
	addr_lines(&cell[3], &s->v4, false);
	addr_lines(&cell[4], &s->v6, true);
}

/* The line of cell that holds line number `line`, or "" past its end. */
static const char *nth_line(const struct buf *cell, size_t line, size_t *len)
{
	const char *p = buf_str(cell);
	for (size_t i = 0; i < line; i++) {
		p = strchr(p, '\n');
		if (!p) {
			*len = 0;
			return "";
		}
		p++;
	}
	const char *nl = strchr(p, '\n');
	*len = nl ? (size_t)(nl - p) : strlen(p);
	return p;
}

static size_t line_count(const struct buf *cell)
{
	size_t n = 1;
	for (size_t i = 0; i < cell->len; i++)
		n += cell->data[i] == '\n';
	return n;
}

static void put_row(struct buf *out, struct buf cell[COLUMNS],
		    const size_t w[COLUMNS])
{
	size_t lines = 1;

	for (int c = 0; c < COLUMNS; c++)
		if (line_count(&cell[c]) > lines)
			lines = line_count(&cell[c]);
	for (size_t l = 0; l < lines; l++) {
		for (int c = 0; c < COLUMNS; c++) {
			size_t len;
			const char *s = nth_line(&cell[c], l, &len);
			struct buf piece = { .data = (char *)s, .len = len };
			buf_put(out, s, len);
			if (c < COLUMNS - 1)
				pad(out, w[c] - width(&piece) + 2);
		}
		/* no trailing blanks */
		while (out->len && out->data[out->len - 1] == ' ')
			out->data[--out->len] = '\0';
		buf_putc(out, '\n');
	}
}

static size_t max_line_width(const struct buf *cell)
{
	size_t best = 0;
	for (size_t l = 0, n = line_count(cell); l < n; l++) {
		size_t len;
		const char *s = nth_line(cell, l, &len);
		struct buf piece = { .data = (char *)s, .len = len };
		if (width(&piece) > best)
			best = width(&piece);
	}
	return best;
}

static void put_table(struct buf *out, const struct ns_result *r)
{
	static const char *const head[COLUMNS] = {
		"HOST", "NAME SERVER", "TTL", "IPV4", "IPV6",
	};
	struct buf cell[COLUMNS];
	size_t w[COLUMNS];

	for (int c = 0; c < COLUMNS; c++)
		w[c] = strlen(head[c]);
	for (int c = 0; c < COLUMNS; c++)
		buf_init(&cell[c], 1 << 16);
	/* first pass measures, second pass prints */
	for (int pass = 0; pass < 2; pass++) {
		if (pass) {
			for (int c = 0; c < COLUMNS; c++) {
				buf_reset(&cell[c]);
				buf_puts(&cell[c], head[c]);
			}
			put_row(out, cell, w);
		}
		for (size_t i = 0; i < r->n_ns; i++) {
			for (int c = 0; c < COLUMNS; c++)
				buf_reset(&cell[c]);
			fill_row(cell, r, &r->ns[i]);
			for (int c = 0; c < COLUMNS; c++) {
				if (buf_failed(&cell[c]))
					out->failed = true;
				if (!pass && max_line_width(&cell[c]) > w[c])
					w[c] = max_line_width(&cell[c]);
			}
			if (pass)
				put_row(out, cell, w);
		}
	}
	for (int c = 0; c < COLUMNS; c++)
		buf_free(&cell[c]);
}

static void put_findings(struct buf *out, const struct ns_result *r)
{
	struct finding f[CHECKS_MAX];
	size_t n = checks_run(r, f, CHECKS_MAX);

	if (n)
		buf_putc(out, '\n');
	for (size_t i = 0; i < n; i++) {
		buf_puts(out, check_status_word(f[i].status));
		buf_puts(out, " [");
		buf_puts(out, f[i].id);
		buf_puts(out, "]: ");
		buf_texts(out, f[i].message);
		buf_putc(out, '\n');
	}
}

static void put_sentence(struct buf *out, const struct view *v,
			 describe_fn *fn)
{
	if (describe_into(v, fn, buf_text, "", out))
		buf_putc(out, '\n');
}

static void put_result(struct buf *out, const struct view *v)
{
	const struct ns_result *r = v->result;

	buf_puts(out, "NS lookup: ");
	buf_texts(out, describe_name(v));
	if (v->domain->idn) {
		buf_puts(out, " (");
		buf_texts(out, v->domain->ascii);
		buf_putc(out, ')');
	}
	buf_puts(out, "\nStatus: ");
	buf_puts(out, lookup_status_id(r->status));
	buf_puts(out, "\nResolver: ");
	buf_texts(out, r->resolver[0] ? r->resolver : "(no reply)");
	buf_printf(out, ", %lu ms", (unsigned long)r->elapsed_ms);
	if (r->cached)
		buf_printf(out, " (from the cache, stored %lu s ago)",
			   (unsigned long)r->age_s);
	buf_puts(out, "\n\n");
	put_sentence(out, v, describe_headline);
	put_sentence(out, v, describe_advice);
	if (r->status == LOOKUP_FOUND) {
		buf_putc(out, '\n');
		put_table(out, r);
		put_findings(out, r);
	}
}

void render_text(const struct view *v, struct buf *out)
{
	if (v->state == VIEW_RESULT) {
		put_result(out, v);
		return;
	}
	if (v->state != VIEW_FORM)
		buf_puts(out, "Error: ");
	put_sentence(out, v, describe_headline);
	put_sentence(out, v, describe_advice);
}
