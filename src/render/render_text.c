/*
 * render_text: the result as aligned plain text for terminals and
 * `nscheck -q` (see render.h). Dynamic strings go through buf_text, which
 * shows control bytes as \xNN so a hostile name cannot drive the terminal.
 */
#include <stdbool.h>
#include <string.h>

#include "util/buf.h"
#include "render/cells.h"
#include "report/checks.h"
#include "render/describe.h"
#include "dns/dnsmsg.h"
#include "input/domain.h"
#include "report/expect.h"
#include "util/netaddr.h"
#include "render/render.h"
#include "render/render_drill.h"
#include "report/report.h"
#include "report/result.h"
#include "report/transfer.h"
#include "render/view.h"
#include "util/words.h"

#define MAX_COLUMNS 9

/* A table: heads, and a function that fills the cells of one row. */
struct table {
	size_t cols;
	const char *const *head;
	size_t rows;
	void (*fill)(struct buf *cell, size_t row, const void *ctx);
	const void *ctx;
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
	static const char blanks[] = "                                ";

	for (size_t k; n; n -= k) {
		k = n < sizeof blanks - 1 ? n : sizeof blanks - 1;
		buf_put(out, blanks, k);
	}
}

/* Lines of one address column: every address, or why there is none. */
static void addr_lines(struct buf *cell, const struct ns_addrs *a, bool v6)
{
	char text[64];

	if (a->state != ADDR_FOUND) {
		buf_texts(cell, "(");
		buf_texts(cell, describe_addr_state(NULL, a->state, v6));
		buf_texts(cell, ")");
		return;
	}
	for (size_t i = 0; i < a->n; i++) {
		netaddr_format(a->addr[i], v6, text, sizeof text);
		if (i)
			buf_putc(cell, '\n');
		buf_texts(cell, text);
	}
}

static void fill_ns_row(struct buf *cell, size_t row, const void *ctx)
{
	const struct ns_result *r = ctx;
	const struct ns_server *s = &r->ns[row];

	buf_texts(&cell[0], r->owner);
	buf_texts(&cell[1], s->name);
	buf_uint(&cell[2], s->ttl);
	buf_puts(&cell[2], " (");
	words_duration(NULL, s->ttl, &cell[2]);
	buf_putc(&cell[2], ')');
	addr_lines(&cell[3], &s->v4, false);
	addr_lines(&cell[4], &s->v6, true);
}

/* The next line of a cell from *at, its length in *len; *at moves past
 * it. Past the cell's end: "" of length 0. */
static const char *next_line(const struct buf *cell, size_t *at, size_t *len)
{
	const char *p, *nl;

	if (*at >= cell->len) {
		*len = 0;
		return "";
	}
	p = cell->data + *at;
	nl = memchr(p, '\n', cell->len - *at);
	*len = nl ? (size_t)(nl - p) : cell->len - *at;
	*at += *len + 1;
	return p;
}

static size_t line_count(const struct buf *cell)
{
	size_t n = 1;
	for (size_t i = 0; i < cell->len; i++)
		n += cell->data[i] == '\n';
	return n;
}

static void put_row(struct buf *out, const struct buf *cell, const size_t *w,
		    size_t cols)
{
	size_t lines = 1;
	size_t at[MAX_COLUMNS] = { 0 };

	for (size_t c = 0; c < cols; c++)
		if (line_count(&cell[c]) > lines)
			lines = line_count(&cell[c]);
	for (size_t l = 0; l < lines; l++) {
		for (size_t c = 0; c < cols; c++) {
			size_t len;
			const char *s = next_line(&cell[c], &at[c], &len);
			struct buf piece = { .data = (char *)s, .len = len };
			buf_put(out, s, len);
			if (c < cols - 1)
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
	size_t at = 0;

	do {
		size_t len;
		const char *s = next_line(cell, &at, &len);
		struct buf piece = { .data = (char *)s, .len = len };
		if (width(&piece) > best)
			best = width(&piece);
	} while (at < cell->len);
	return best;
}

static void put_table(struct buf *out, const struct table *t)
{
	struct buf cell[MAX_COLUMNS];
	size_t w[MAX_COLUMNS];

	for (size_t c = 0; c < t->cols; c++) {
		w[c] = strlen(t->head[c]);
		buf_init(&cell[c], 1 << 16);
	}
	/* first pass measures, second pass prints */
	for (int pass = 0; pass < 2; pass++) {
		if (pass) {
			for (size_t c = 0; c < t->cols; c++) {
				buf_reset(&cell[c]);
				buf_puts(&cell[c], t->head[c]);
			}
			put_row(out, cell, w, t->cols);
		}
		for (size_t i = 0; i < t->rows; i++) {
			for (size_t c = 0; c < t->cols; c++)
				buf_reset(&cell[c]);
			t->fill(cell, i, t->ctx);
			for (size_t c = 0; c < t->cols; c++) {
				if (buf_failed(&cell[c]))
					out->failed = true;
				size_t cw = pass ? 0 : max_line_width(&cell[c]);
				if (cw > w[c])
					w[c] = cw;
			}
			if (pass)
				put_row(out, cell, w, t->cols);
		}
	}
	for (size_t c = 0; c < t->cols; c++)
		buf_free(&cell[c]);
}

static void put_ns_table(struct buf *out, const struct ns_result *r)
{
	static const char *const head[] = {
		"HOST", "NAME SERVER", "TTL", "IPV4", "IPV6",
	};
	struct table t = { 5, head, r->n_ns, fill_ns_row, r };

	put_table(out, &t);
}

/* ---- the delegation report ---- */

static void set_lines(struct buf *cell, const char **ns, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(cell, '\n');
		buf_texts(cell, ns[i]);
	}
}

/* Words from cells.c; the tone has no place on a terminal. */
static void words_cell(struct buf *cell, struct cell_words w)
{
	for (size_t i = 0; i < CELL_PARTS && w.part[i]; i++)
		buf_texts(cell, w.part[i]);
}

/* A state's cell: its word, or nothing. */
static void state_cell(struct buf *cell, struct cell c)
{
	if (c.word)
		buf_texts(cell, c.word);
}

static void answered_cell(struct buf *cell, const struct report_ask *a)
{
	if (a->state == ASK_ANSWERED) {
		words_ms(NULL, a->rtt_us, cell);
		buf_puts(cell, " ms");
	} else {
		words_cell(cell, cell_unanswered(a));
	}
}

static void fill_server_row(struct buf *cell, size_t row, const void *ctx)
{
	const struct report *rep = ctx;
	const struct report_ask *a = &rep->servers[row];
	char addr[64];

	netaddr_format(a->addr, a->v6, addr, sizeof addr);
	buf_texts(&cell[0], a->server);
	if (a->extra)
		buf_puts(&cell[0], " (expected)");
	buf_texts(&cell[1], addr);
	answered_cell(&cell[2], a);
	if (a->state == ASK_ANSWERED)
		words_cell(&cell[3], cell_authority(a));
	if (a->has_soa)
		buf_uint(&cell[4], a->serial);
	state_cell(&cell[5], cell_tcp(a->tcp));
	state_cell(&cell[6], cell_recursion(a->recursion));
	state_cell(&cell[7], cell_keys(a->keys));
	if (a->state == ASK_ANSWERED)
		set_lines(&cell[8], a->ns, a->n_ns);
}

static void fill_parent_row(struct buf *cell, size_t row, const void *ctx)
{
	const struct report *rep = ctx;
	const struct report_ask *a = &rep->parents[row];
	char addr[64];

	netaddr_format(a->addr, a->v6, addr, sizeof addr);
	buf_texts(&cell[0], a->server);
	buf_texts(&cell[1], addr);
	answered_cell(&cell[2], a);
	if (a->state == ASK_ANSWERED && a->n_ns) {
		set_lines(&cell[3], a->ns, a->n_ns);
		buf_uint(&cell[4], a->ns_ttl);
		buf_uint(&cell[5], a->n_glue);
	}
}

static void fill_view_row(struct buf *cell, size_t row, const void *ctx)
{
	const struct report *rep = ctx;
	const struct report_view *w = &rep->views[row];

	buf_texts(&cell[0], w->resolver);
	if (w->state != ASK_ANSWERED || !w->n_ns)
		words_cell(&cell[1], cell_view_empty(w));
	else
		set_lines(&cell[1], w->ns, w->n_ns);
	if (w->n_ns)
		buf_uint(&cell[2], w->ttl);
}

static void put_report(struct buf *out, const struct report *rep)
{
	static const char *const server_head[] = {
		"NAME SERVER", "ADDRESS", "ANSWERED", "AUTHORITATIVE", "SERIAL",
		"TCP", "RECURSION", "DNSSEC", "NS SET",
	};
	static const char *const parent_head[] = {
		"PARENT SERVER", "ADDRESS", "ANSWERED", "DELEGATION", "TTL", "GLUE",
	};
	struct table servers = { 9, server_head, rep->n_servers, fill_server_row, rep };
	struct table parents = { 6, parent_head, rep->n_parents, fill_parent_row, rep };
	static const char *const view_head[] = { "RESOLVER", "NS SET", "TTL LEFT" };
	struct table views = { 3, view_head, rep->n_views, fill_view_row, rep };

	buf_puts(out, "\nDelegation: ");
	buf_puts(out, report_status_id(rep->status));
	if (rep->parent_zone) {
		buf_puts(out, ", parent zone ");
		buf_texts(out, rep->parent_zone);
	}
	if (rep->why) {
		buf_puts(out, ": ");
		buf_texts(out, rep->why);
	}
	if (rep->provider) {
		buf_puts(out, "; provider ");
		buf_texts(out, rep->provider);
	}
	if (rep->ds_state == DS_NONE)
		buf_puts(out, "; no DS");
	for (size_t i = 0; rep->ds_state == DS_PRESENT && i < rep->ds.n; i++) {
		buf_puts(out, i ? ", " : "; DS (key tag/algorithm) ");
		buf_printf(out, "%u/%u", rep->ds.k[i].tag, rep->ds.k[i].alg);
	}
	buf_puts(out, " (");
	buf_uint(out, rep->queries);
	buf_puts(out, " queries, ");
	words_ms(NULL, rep->elapsed_us, out);
	buf_puts(out, " ms)\n");
	if (rep->status != REPORT_DONE)
		return;
	buf_putc(out, '\n');
	put_table(out, &servers);
	buf_putc(out, '\n');
	put_table(out, &parents);
	if (rep->n_views) {
		buf_putc(out, '\n');
		put_table(out, &views);
	}
}

static void put_findings(struct buf *out, const struct check_list *checks)
{
	const struct finding *f = checks ? checks->f : NULL;
	size_t n = checks ? checks->n : 0;

	if (n)
		buf_putc(out, '\n');
	for (size_t i = 0; i < n; i++) {
		buf_puts(out, check_status_word(NULL, f[i].status));
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
	if (r->stale)
		buf_printf(out, "\nStale: expired %lu s ago; nscheck is too busy "
			   "to look it up again right now",
			   (unsigned long)r->stale_s);
	buf_puts(out, "\n\n");
	put_sentence(out, v, describe_headline);
	put_sentence(out, v, describe_advice);
	if (v->drill) {
		render_drill_text(v, out);
		return;
	}
	if (v->transfer) {
		struct buf text;
		buf_init(&text, 16384); /* 13 names of 253 bytes fit */
		transfer_text(v->lang, v->transfer, v->report, &text);
		buf_puts(out, "\nMoving to ");
		for (size_t i = 0; i < v->expect->n; i++) {
			buf_puts(out, i ? ", " : "");
			buf_texts(out, v->expect->names[i]);
		}
		buf_puts(out, ": ");
		buf_texts(out, buf_str(&text));
		buf_free(&text);
		buf_putc(out, '\n');
	}
	if (r->status == LOOKUP_FOUND) {
		buf_putc(out, '\n');
		put_ns_table(out, r);
	}
	put_findings(out, v->checks);
	if (v->report) {
		put_report(out, v->report);
		if (describe_into(v, describe_wait, buf_text, "\n", out))
			buf_putc(out, '\n');
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
