/*
 * cells: the report's cell words, ids and tones (see cells.h). One switch
 * per state, without a default, so a new state does not compile
 * (-Wswitch) until it has all three. The ids are an API: JSON readers
 * match on them, so one never changes.
 */
#include "render/cells.h"

#include "dns/dnsmsg.h"
#include "util/lang.h"

#define CELL(word, id, tone) ((struct cell){ (word), (id), (tone) })

/* A value outside its enum (none is ever stored: the codec refuses them). */
static const struct cell unknown = { NULL, "unknown", CELL_MUTED };

struct cell cell_ask(enum ask_state s)
{
	switch (s) {
	/* the tables show the time instead of this word */
	case ASK_ANSWERED:
		/* TRANSLATORS: a table cell: the name server answered */
		return CELL(N_("answered"), "answered", CELL_GOOD);
	case ASK_TIMEOUT:
		/* TRANSLATORS: a table cell: no reply came in time */
		return CELL(N_("no answer"), "timeout", CELL_BAD);
	/* cell_unanswered() adds the kind of address */
	case ASK_SKIPPED:
		/* TRANSLATORS: a table cell: the question was not sent */
		return CELL(N_("not asked"), "skipped", CELL_MUTED);
	case ASK_LIMIT:
		return CELL(N_("not asked (query limit)"), "not_asked",
			    CELL_MUTED);
	case ASK_FAILED:
		/* TRANSLATORS: a table cell: the question could not be sent */
		return CELL(N_("could not be sent"), "failed", CELL_BAD);
	}
	return unknown;
}

struct cell cell_tcp(enum over_tcp t)
{
	switch (t) {
	case OVER_TCP_NOT_ASKED: return CELL(NULL, "not_asked", CELL_MUTED);
	/* TRANSLATORS: a table cell: over TCP, or: authoritative */
	case OVER_TCP_OK: return CELL(N_("yes"), "ok", CELL_GOOD);
	/* TRANSLATORS: a table cell: the server refused the TCP connection */
	case OVER_TCP_REFUSED: return CELL(N_("refused"), "refused", CELL_BAD);
	case OVER_TCP_TIMEOUT: return CELL(N_("no answer"), "timeout", CELL_BAD);
	}
	return unknown;
}

struct cell cell_recursion(enum recursion r)
{
	switch (r) {
	case RECURSION_NOT_ASKED: return CELL(NULL, "not_asked", CELL_MUTED);
	/* TRANSLATORS: a table cell: no recursion, or: not authoritative */
	case RECURSION_OFF: return CELL(N_("no"), "off", CELL_GOOD);
	/* TRANSLATORS: a table cell: the server resolves names for anyone */
	case RECURSION_OPEN: return CELL(N_("open to anyone"), "open", CELL_BAD);
	}
	return unknown;
}

struct cell cell_keys(enum key_match k)
{
	switch (k) {
	case KEYS_NOT_ASKED: return CELL(NULL, "not_asked", CELL_MUTED);
	/* TRANSLATORS: a table cell: it has the DNSKEY the DS names */
	case KEYS_MATCH: return CELL(N_("key for the DS"), "match", CELL_GOOD);
	case KEYS_NO_MATCH:
		return CELL(N_("no key for the DS"), "no_match", CELL_BAD);
	/* no reply, an error, no authority or cut short: it confirms nothing */
	case KEYS_NO_ANSWER:
		return CELL(N_("no usable answer"), "no_answer", CELL_BAD);
	}
	return unknown;
}

const char *cell_word(const struct lang *l, struct cell c)
{
	return c.word ? tr(l, c.word) : NULL;
}

#define WORDS(tone, say, arg) ((struct cell_words){ (say), (arg), (tone) })

struct cell_words cell_unanswered(const struct report_ask *a)
{
	struct cell c = cell_ask(a->state);

	if (a->state == ASK_SKIPPED && a->skipped_why)
		/* TRANSLATORS: %s is a kind of address ("loopback") */
		return WORDS(c.tone, N_("not asked: %s address"), a->skipped_why);
	return WORDS(c.tone, c.word, NULL);
}

struct cell_words cell_authority(const struct report_ask *a)
{
	const char *rcode;

	if (report_authoritative(a))
		return WORDS(CELL_GOOD, N_("yes"), NULL);
	if (a->rcode) {
		rcode = dnsmsg_rcode_name(a->rcode);
		/* TRANSLATORS: not authoritative: %s is an rcode (REFUSED) */
		return WORDS(CELL_BAD, N_("no: %s"), rcode);
	}
	return WORDS(CELL_BAD, N_("no"), NULL);
}

struct cell_words cell_view_empty(const struct report_view *w)
{
	const char *rcode;

	/* any state but an answer: the table says only that none came */
	if (w->state != ASK_ANSWERED)
		return WORDS(CELL_BAD, N_("no answer"), NULL);
	rcode = dnsmsg_rcode_name(w->rcode);
	/* TRANSLATORS: a resolver's answer: %s is its rcode (NXDOMAIN) */
	return WORDS(CELL_BAD, N_("no NS records (%s)"), rcode);
}

void cell_say(struct buf *out, enum buf_escape e, const struct lang *l,
	      struct cell_words w)
{
	if (!w.say)
		return;
	/* a sentence without a value is no format: a % in it stays a % */
	if (!w.arg) {
		buf_say(out, e, "%s", tr(l, w.say));
		return;
	}
	/* the arg is the kind of a skipped address, itself a msgid (util/
	 * netaddr), or an rcode's name, which no catalogue holds */
	buf_say(out, e, tr(l, w.say), tr(l, w.arg));
}
