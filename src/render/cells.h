/*
 * cells: the words of the delegation report's table cells, one place for
 * every format. Each state of a server's row (how it answered, TCP,
 * recursion, its DNSKEY against the DS) has the words people read in HTML
 * and text, the id JSON writes (an API: an id never changes), and a tone
 * that HTML turns into its class names.
 *
 * The words are English msgids: cell_word() and cell_say() give them in
 * a language. Everything here is raw text; each renderer escapes it as
 * it writes.
 */
#ifndef NSCHECK_CELLS_H
#define NSCHECK_CELLS_H

#include "report/report.h"
#include "util/buf.h"

struct lang;

/* How a cell reads. */
enum cell_tone {
	CELL_GOOD,   /* as it should be */
	CELL_BAD,    /* a fault to fix */
	CELL_MUTED,  /* nothing to judge: not asked */
};

struct cell {
	const char *word;    /* for people (a msgid); NULL: the cell stays empty */
	const char *id;      /* for machines: "answered", "not_asked", ... */
	enum cell_tone tone;
};

struct cell cell_ask(enum ask_state s);
struct cell cell_tcp(enum over_tcp t);
struct cell cell_recursion(enum recursion r);
struct cell cell_keys(enum key_match k);

/* c's word in l, raw; NULL when the cell stays empty. */
const char *cell_word(const struct lang *l, struct cell c);

/*
 * The cells whose words take something from the row (the kind of a
 * skipped address, an rcode). say is the words as one msgid, its %s (at
 * most one) standing for arg.
 */
struct cell_words {
	const char *say;   /* a msgid: "no: %s" */
	const char *arg;   /* its %s, or NULL when it has none */
	enum cell_tone tone;
};

/* w's words in l, escaped for e as a whole, into out. */
void cell_say(struct buf *out, enum buf_escape e, const struct lang *l,
	      struct cell_words w);

/* A row's "answered" cell when it has no time to show: its state's word,
 * for a skipped address with the kind ("not asked: loopback address"). */
struct cell_words cell_unanswered(const struct report_ask *a);
/* An answered row's "authoritative" cell: "yes", "no", "no: SERVFAIL". */
struct cell_words cell_authority(const struct report_ask *a);
/* A resolver's "NS set" cell when it has no set to show: "no answer",
 * "no NS records (NXDOMAIN)". */
struct cell_words cell_view_empty(const struct report_view *w);

#endif
