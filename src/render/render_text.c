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
#include "util/lang.h"
#include "util/netaddr.h"
#include "render/render.h"
#include "render/render_drill.h"
#include "report/report.h"
#include "report/result.h"
#include "report/transfer.h"
#include "render/view.h"
#include "util/words.h"

#define MAX_COLUMNS 9

/* A table: heads, and a function that fills the cells of one row in the
 * language lang. */
struct table {
	size_t cols;
	const char *const *head;
	size_t rows;
	void (*fill)(struct buf *cell, size_t row, const void *ctx,
		     const struct lang *lang);
	const void *ctx;
	const struct lang *lang;
};

/* Display width of escaped text: one column per code point. */
static size_t width_of(const char *s, size_t len)
{
	size_t w = 0;
	for (size_t i = 0; i < len; i++)
		w += ((unsigned char)s[i] & 0xC0) != 0x80;
	return w;
}

static size_t width(const struct buf *b)
{
	return width_of(b->data, b->len);
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
static void addr_lines(struct buf *cell, const struct ns_addrs *a, bool v6,
		       const struct lang *l)
{
	char text[64];

	if (a->state != ADDR_FOUND) {
		/* TRANSLATORS: why an address column is empty, "no IPv6
		 * address", in brackets */
		buf_say(cell, BUF_TEXT, tr(l, "(%s)"),
			describe_addr_state(l, a->state, v6));
		return;
	}
	for (size_t i = 0; i < a->n; i++) {
		netaddr_format(a->addr[i], v6, text, sizeof text);
		if (i)
			buf_putc(cell, '\n');
		buf_texts(cell, text);
	}
}

static void fill_ns_row(struct buf *cell, size_t row, const void *ctx,
			const struct lang *l)
{
	const struct ns_result *r = ctx;
	const struct ns_server *s = &r->ns[row];

	buf_texts(&cell[0], r->owner);
	buf_texts(&cell[1], s->name);
	char mem[128];
	struct buf span;
	buf_init_fixed(&span, mem, sizeof mem);
	words_duration(l, s->ttl, &span);
	if (buf_failed(&span))
		cell[2].failed = true;
	/* TRANSLATORS: a TTL in seconds, then the same in words: "3600 (1 hour)" */
	buf_say(&cell[2], BUF_TEXT, tr(l, "%lu (%s)"), (unsigned long)s->ttl,
		buf_str(&span));
	addr_lines(&cell[3], &s->v4, false, l);
	addr_lines(&cell[4], &s->v6, true, l);
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
		w[c] = width_of(t->head[c], strlen(t->head[c]));
		buf_init(&cell[c], 1 << 16);
	}
	/* first pass measures, second pass prints */
	for (int pass = 0; pass < 2; pass++) {
		if (pass) {
			for (size_t c = 0; c < t->cols; c++) {
				buf_reset(&cell[c]);
				buf_texts(&cell[c], t->head[c]);
			}
			put_row(out, cell, w, t->cols);
		}
		for (size_t i = 0; i < t->rows; i++) {
			for (size_t c = 0; c < t->cols; c++)
				buf_reset(&cell[c]);
			t->fill(cell, i, t->ctx, t->lang);
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

static void put_ns_table(struct buf *out, const struct ns_result *r,
			 const struct lang *l)
{
	const char *const head[] = {
		trc(l, "text column", "HOST"), trc(l, "text column", "NAME SERVER"),
		trc(l, "text column", "TTL"), "IPV4", "IPV6",
	};
	struct table t = { 5, head, r->n_ns, fill_ns_row, r, l };

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

/* Words from cells.c in the page's language; the tone has no place on a
 * terminal. */
static void words_cell(struct buf *cell, const struct lang *l,
		       struct cell_words w)
{
	cell_say(cell, BUF_TEXT, l, w);
}

/* A state's cell: its word, or nothing. */
static void state_cell(struct buf *cell, const struct lang *l, struct cell c)
{
	if (c.word)
		buf_texts(cell, cell_word(l, c));
}

static void answered_cell(struct buf *cell, const struct report_ask *a,
			  const struct lang *l)
{
	if (a->state == ASK_ANSWERED) {
		words_ms(l, a->rtt_us, cell);
		buf_puts(cell, " ms");
	} else {
		words_cell(cell, l, cell_unanswered(a));
	}
}

static void fill_server_row(struct buf *cell, size_t row, const void *ctx,
			    const struct lang *l)
{
	const struct report *rep = ctx;
	const struct report_ask *a = &rep->servers[row];
	char addr[64];

	netaddr_format(a->addr, a->v6, addr, sizeof addr);
	if (a->extra)
		/* TRANSLATORS: %s is a name server the person expects, one
		 * the parent zone does not delegate to (yet) */
		buf_say(&cell[0], BUF_TEXT, tr(l, "%s (expected)"), a->server);
	else
		buf_texts(&cell[0], a->server);
	buf_texts(&cell[1], addr);
	answered_cell(&cell[2], a, l);
	if (a->state == ASK_ANSWERED)
		words_cell(&cell[3], l, cell_authority(a));
	if (a->has_soa)
		buf_uint(&cell[4], a->serial);
	state_cell(&cell[5], l, cell_tcp(a->tcp));
	state_cell(&cell[6], l, cell_recursion(a->recursion));
	state_cell(&cell[7], l, cell_keys(a->keys));
	if (a->state == ASK_ANSWERED)
		set_lines(&cell[8], a->ns, a->n_ns);
}

static void fill_parent_row(struct buf *cell, size_t row, const void *ctx,
			    const struct lang *l)
{
	const struct report *rep = ctx;
	const struct report_ask *a = &rep->parents[row];
	char addr[64];

	netaddr_format(a->addr, a->v6, addr, sizeof addr);
	buf_texts(&cell[0], a->server);
	buf_texts(&cell[1], addr);
	answered_cell(&cell[2], a, l);
	if (a->state == ASK_ANSWERED && a->n_ns) {
		set_lines(&cell[3], a->ns, a->n_ns);
		buf_uint(&cell[4], a->ns_ttl);
		buf_uint(&cell[5], a->n_glue);
	}
}

static void fill_view_row(struct buf *cell, size_t row, const void *ctx,
			  const struct lang *l)
{
	const struct report *rep = ctx;
	const struct report_view *w = &rep->views[row];

	buf_texts(&cell[0], w->resolver);
	if (w->state != ASK_ANSWERED || !w->n_ns)
		words_cell(&cell[1], l, cell_view_empty(w));
	else
		set_lines(&cell[1], w->ns, w->n_ns);
	if (w->n_ns)
		buf_uint(&cell[2], w->ttl);
}

static void put_report(struct buf *out, const struct report *rep,
		       const struct lang *l)
{
	const char *const server_head[] = {
		trc(l, "text column", "NAME SERVER"), trc(l, "text column", "ADDRESS"),
		trc(l, "text column", "ANSWERED"),
		trc(l, "text column", "AUTHORITATIVE"),
		trc(l, "text column", "SERIAL"), "TCP",
		trc(l, "text column", "RECURSION"), "DNSSEC",
		trc(l, "text column", "NS SET"),
	};
	const char *const parent_head[] = {
		trc(l, "text column", "PARENT SERVER"),
		trc(l, "text column", "ADDRESS"), trc(l, "text column", "ANSWERED"),
		trc(l, "text column", "DELEGATION"), trc(l, "text column", "TTL"),
		trc(l, "text column", "GLUE"),
	};
	const char *const view_head[] = {
		trc(l, "text column", "RESOLVER"), trc(l, "text column", "NS SET"),
		trc(l, "text column", "TTL LEFT"),
	};
	struct table servers = { 9, server_head, rep->n_servers, fill_server_row, rep, l };
	struct table parents = { 6, parent_head, rep->n_parents, fill_parent_row, rep, l };
	struct table views = { 3, view_head, rep->n_views, fill_view_row, rep, l };
	char ms[32];
	struct buf time;

	buf_putc(out, '\n');
	if (rep->parent_zone)
		/* TRANSLATORS: %1$s is the report's status id (done, failed),
		 * %2$s the parent zone, "com" */
		buf_say(out, BUF_TEXT, tr(l, "Delegation: %s, parent zone %s"),
			report_status_id(rep->status), rep->parent_zone);
	else
		/* TRANSLATORS: %s is the report's status id (done, failed) */
		buf_say(out, BUF_TEXT, tr(l, "Delegation: %s"),
			report_status_id(rep->status));
	if (rep->why) {
		buf_puts(out, ": ");
		buf_texts(out, tr(l, rep->why));
	}
	if (rep->provider) {
		buf_puts(out, "; ");
		/* TRANSLATORS: %s is the company whose name servers these are */
		buf_say(out, BUF_TEXT, tr(l, "provider %s"), rep->provider);
	}
	if (rep->ds_state == DS_NONE) {
		buf_puts(out, "; ");
		buf_texts(out, tr(l, "no DS"));
	}
	if (rep->ds_state == DS_PRESENT && rep->ds.n) {
		struct buf keys;
		buf_init(&keys, 4096);
		for (size_t i = 0; i < rep->ds.n; i++) {
			buf_puts(&keys, i ? ", " : "");
			buf_printf(&keys, "%u/%u", rep->ds.k[i].tag,
				   rep->ds.k[i].alg);
		}
		if (buf_failed(&keys))
			out->failed = true;
		buf_puts(out, "; ");
		/* TRANSLATORS: %s lists the DS records as key tag/algorithm,
		 * "12345/13, 2371/8" */
		buf_say(out, BUF_TEXT, tr(l, "DS (key tag/algorithm) %s"),
			buf_str(&keys));
		buf_free(&keys);
	}
	buf_init_fixed(&time, ms, sizeof ms);
	words_ms(l, rep->elapsed_us, &time);
	buf_putc(out, ' ');
	/* TRANSLATORS: how many DNS queries the report sent and how long it
	 * took in milliseconds; English says "queries" for every count */
	buf_say(out, BUF_TEXT, trn(l, "(%lu queries, %s ms)",
				   "(%lu queries, %s ms)", (unsigned long)rep->queries),
		(unsigned long)rep->queries, buf_str(&time));
	buf_putc(out, '\n');
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

static void put_findings(struct buf *out, const struct check_list *checks,
			 const struct lang *l)
{
	const struct finding *f = checks ? checks->f : NULL;
	size_t n = checks ? checks->n : 0;

	if (n)
		buf_putc(out, '\n');
	for (size_t i = 0; i < n; i++) {
		buf_puts(out, check_status_word(l, f[i].status));
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
	const struct lang *l = v->lang;

	if (v->domain->idn)
		/* TRANSLATORS: the name asked for in Unicode, then its ASCII
		 * form: "bücher.example (xn--bcher-kva.example)" */
		buf_say(out, BUF_TEXT, tr(l, "NS lookup: %s (%s)"), describe_name(v),
			v->domain->ascii);
	else
		/* TRANSLATORS: %s is the name asked for */
		buf_say(out, BUF_TEXT, tr(l, "NS lookup: %s"), describe_name(v));
	buf_putc(out, '\n');
	/* TRANSLATORS: %s is the lookup's status id (found, nxdomain) */
	buf_say(out, BUF_TEXT, tr(l, "Status: %s"), lookup_status_id(r->status));
	buf_putc(out, '\n');
	const char *resolver = r->resolver[0] ? r->resolver : tr(l, "(no reply)");
	if (r->cached)
		/* TRANSLATORS: the resolver's address, how long the lookup
		 * took in milliseconds, and how many seconds ago it was made */
		buf_say(out, BUF_TEXT, tr(l, "Resolver: %s, %lu ms (from the cache, "
					     "stored %lu s ago)"),
			resolver, (unsigned long)r->elapsed_ms,
			(unsigned long)r->age_s);
	else
		/* TRANSLATORS: the resolver's address, and how long the lookup
		 * took in milliseconds */
		buf_say(out, BUF_TEXT, tr(l, "Resolver: %s, %lu ms"), resolver,
			(unsigned long)r->elapsed_ms);
	if (r->stale) {
		buf_putc(out, '\n');
		/* TRANSLATORS: %lu is how many seconds ago the answer expired */
		buf_say(out, BUF_TEXT, tr(l, "Stale: expired %lu s ago; nscheck is "
					     "too busy to look it up again right "
					     "now"), (unsigned long)r->stale_s);
	}
	buf_puts(out, "\n\n");
	put_sentence(out, v, describe_headline);
	put_sentence(out, v, describe_advice);
	if (v->drill) {
		render_drill_text(v, out);
		return;
	}
	if (v->transfer) {
		struct buf text, names;
		buf_init(&text, 16384); /* 13 names of 253 bytes fit */
		buf_init(&names, 16384);
		transfer_text(l, v->transfer, v->report, &text);
		for (size_t i = 0; i < v->expect->n; i++) {
			buf_puts(&names, i ? ", " : "");
			buf_puts(&names, v->expect->names[i]);
		}
		if (buf_failed(&text) || buf_failed(&names))
			out->failed = true;
		buf_putc(out, '\n');
		/* TRANSLATORS: %1$s lists the name servers the person moves
		 * the domain to, %2$s says how far the move is */
		buf_say(out, BUF_TEXT, tr(l, "Moving to %s: %s"), buf_str(&names),
			buf_str(&text));
		buf_free(&names);
		buf_free(&text);
		buf_putc(out, '\n');
	}
	if (r->status == LOOKUP_FOUND) {
		buf_putc(out, '\n');
		put_ns_table(out, r, l);
	}
	put_findings(out, v->checks, l);
	if (v->report) {
		put_report(out, v->report, l);
		if (describe_into(v, describe_wait, buf_text, "\n", out))
			buf_putc(out, '\n');
	}
}

/* "Error: " and the headline, or only the former when it says nothing. */
static void put_error(struct buf *out, const struct view *v)
{
	struct buf words;

	buf_init(&words, 16384);
	describe_headline(v, &words);
	if (buf_failed(&words))
		out->failed = true;
	/* TRANSLATORS: %s says what went wrong, a whole sentence */
	buf_say(out, BUF_TEXT, tr(v->lang, "Error: %s"), buf_str(&words));
	if (words.len)
		buf_putc(out, '\n');
	buf_free(&words);
}

void render_text(const struct view *v, struct buf *out)
{
	if (v->state == VIEW_RESULT) {
		put_result(out, v);
		return;
	}
	if (v->state != VIEW_FORM)
		put_error(out, v);
	else
		put_sentence(out, v, describe_headline);
	put_sentence(out, v, describe_advice);
}
