/*
 * cells: the report's cell words, ids and tones (see cells.h). One switch
 * per state, without a default, so a new state does not compile
 * (-Wswitch) until it has all three. The ids are an API: JSON readers
 * match on them, so one never changes.
 */
#include "render/cells.h"

#include "dns/dnsmsg.h"

#define CELL(word, id, tone) ((struct cell){ (word), (id), (tone) })

/* A value outside its enum (none is ever stored: the codec refuses them). */
static const struct cell unknown = { NULL, "unknown", CELL_MUTED };

struct cell cell_ask(enum ask_state s)
{
	switch (s) {
	/* the tables show the time instead of this word */
	case ASK_ANSWERED: return CELL("answered", "answered", CELL_GOOD);
	case ASK_TIMEOUT: return CELL("no answer", "timeout", CELL_BAD);
	/* cell_unanswered() adds the kind of address */
	case ASK_SKIPPED: return CELL("not asked", "skipped", CELL_MUTED);
	case ASK_LIMIT:
		return CELL("not asked (query limit)", "not_asked", CELL_MUTED);
	case ASK_FAILED: return CELL("could not be sent", "failed", CELL_BAD);
	}
	return unknown;
}

struct cell cell_tcp(enum over_tcp t)
{
	switch (t) {
	case OVER_TCP_NOT_ASKED: return CELL(NULL, "not_asked", CELL_MUTED);
	case OVER_TCP_OK: return CELL("yes", "ok", CELL_GOOD);
	case OVER_TCP_REFUSED: return CELL("refused", "refused", CELL_BAD);
	case OVER_TCP_TIMEOUT: return CELL("no answer", "timeout", CELL_BAD);
	}
	return unknown;
}

struct cell cell_recursion(enum recursion r)
{
	switch (r) {
	case RECURSION_NOT_ASKED: return CELL(NULL, "not_asked", CELL_MUTED);
	case RECURSION_OFF: return CELL("no", "off", CELL_GOOD);
	case RECURSION_OPEN: return CELL("open to anyone", "open", CELL_BAD);
	}
	return unknown;
}

struct cell cell_keys(enum key_match k)
{
	switch (k) {
	case KEYS_NOT_ASKED: return CELL(NULL, "not_asked", CELL_MUTED);
	case KEYS_MATCH: return CELL("key for the DS", "match", CELL_GOOD);
	case KEYS_NO_MATCH:
		return CELL("no key for the DS", "no_match", CELL_BAD);
	/* no reply, an error, no authority or cut short: it confirms nothing */
	case KEYS_NO_ANSWER:
		return CELL("no usable answer", "no_answer", CELL_BAD);
	}
	return unknown;
}

#define WORDS(tone, ...) ((struct cell_words){ { __VA_ARGS__ }, (tone) })

struct cell_words cell_unanswered(const struct report_ask *a)
{
	struct cell c = cell_ask(a->state);

	if (a->state == ASK_SKIPPED && a->skipped_why)
		return WORDS(c.tone, "not asked: ", a->skipped_why, " address");
	return WORDS(c.tone, c.word);
}

struct cell_words cell_authority(const struct report_ask *a)
{
	if (report_authoritative(a))
		return WORDS(CELL_GOOD, "yes");
	if (a->rcode)
		return WORDS(CELL_BAD, "no: ", dnsmsg_rcode_name(a->rcode));
	return WORDS(CELL_BAD, "no");
}

struct cell_words cell_view_empty(const struct report_view *w)
{
	/* any state but an answer: the table says only that none came */
	if (w->state != ASK_ANSWERED)
		return WORDS(CELL_BAD, "no answer");
	return WORDS(CELL_BAD, "no NS records (", dnsmsg_rcode_name(w->rcode),
		     ")");
}
