/* plugin: the monitoring plugin's status line (see plugin.h). */
#include "plugin.h"

#include <stdio.h>
#include <string.h>

#include "util/names.h"

const char *plugin_state_word(enum plugin_state s)
{
	switch (s) {
	case PLUGIN_OK: return "OK";
	case PLUGIN_WARNING: return "WARNING";
	case PLUGIN_CRITICAL: return "CRITICAL";
	default: return "UNKNOWN";
	}
}

/* The table's own string for the id at s (len bytes), or NULL. */
static const char *canonical_id(const char *s, size_t len)
{
	for (size_t i = 0; i < CHECKS_MAX; i++)
		if (strlen(check_id(i)) == len && memcmp(check_id(i), s, len) == 0)
			return check_id(i);
	return NULL;
}

int plugin_add_ids(const char *list, const char **ids, size_t *n,
		   char *bad, size_t badlen)
{
	for (const char *p = list; ; p++) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *id = canonical_id(p, len);
		if (!id) {
			snprintf(bad, badlen, "%.*s", (int)(len > 64 ? 64 : len), p);
			return -1;
		}
		if (!names_has(ids, *n, id) && *n < CHECKS_MAX)
			ids[(*n)++] = id;
		if (!end)
			return 0;
		p = end;
	}
}

/* Text from DNS, the command line or a finding, on one line: no control
 * character for the terminal or the monitoring system's log, no '|' to be
 * taken for the start of the performance data. */
static void put_line_text(struct buf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		buf_putc(out, c == '|' ? '/' : c < 0x20 || c == 0x7f ? ' ' : *s);
	}
}

void plugin_perf(struct buf *out, const char *label, const char *value,
		 const char *unit)
{
	bool quote = strpbrk(label, " ='") != NULL;

	if (out->len && out->data[out->len - 1] != '|')
		buf_putc(out, ' ');
	if (quote) {
		buf_putc(out, '\'');
		for (const char *p = label; *p; p++) {
			if (*p == '\'')
				buf_putc(out, '\'');
			buf_putc(out, *p);
		}
		buf_putc(out, '\'');
	} else {
		buf_puts(out, label);
	}
	buf_printf(out, "=%s%s;;;0", value, unit);
}

void plugin_unknown(const char *why, struct buf *out)
{
	buf_puts(out, "NSCHECK UNKNOWN - ");
	put_line_text(out, why);
	buf_putc(out, '\n');
}

/* The worse of two states, as the guidelines rank them: CRITICAL, then
 * WARNING, then UNKNOWN, then OK. */
static enum plugin_state worse(enum plugin_state a, enum plugin_state b)
{
	static const int rank[] = { [PLUGIN_OK] = 0, [PLUGIN_UNKNOWN] = 1,
				    [PLUGIN_WARNING] = 2, [PLUGIN_CRITICAL] = 3 };

	return rank[b] > rank[a] ? b : a;
}

static bool listed(const char *const *ids, size_t n, const char *id)
{
	return names_has(ids, n, id);
}

static enum plugin_state from_status(enum check_status st)
{
	return st == CHECK_FAIL ? PLUGIN_CRITICAL :
	       st == CHECK_WARN ? PLUGIN_WARNING : PLUGIN_OK;
}

/* A finding's state under the rules; OK for one that does not count. */
static enum plugin_state finding_state(const struct finding *f,
				       const struct plugin_rules *r)
{
	if (listed(r->ignore, r->n_ignore, f->id))
		return PLUGIN_OK;
	if (f->status == CHECK_FAIL && listed(r->warn_only, r->n_warn_only, f->id))
		return PLUGIN_WARNING;
	return from_status(f->status);
}

static enum plugin_state transfer_state(const struct transfer *t)
{
	enum check_status st;

	return transfer_weight(t->verdict, &st) ? from_status(st) :
	       PLUGIN_UNKNOWN;
}

static const char *transfer_words(enum transfer_verdict v)
{
	switch (v) {
	case TRANSFER_DONE: return "the move is done";
	case TRANSFER_NOT_READY: return "the new servers are not ready";
	case TRANSFER_WRONG_SERVERS: return "the registry has other servers";
	case TRANSFER_WAITING_REGISTRY: return "waiting for the registry";
	case TRANSFER_WAITING_CACHES: return "waiting for caches";
	default: return "the move could not be judged";
	}
}

/* Before any check: a lookup that found nothing, failed, or never ran. */
static bool no_result(const char *name, const struct app_outcome *o,
		      enum plugin_state *st, struct buf *line)
{
	if (o->state != VIEW_RESULT || !o->has_result) {
		*st = PLUGIN_UNKNOWN;
		buf_puts(line, o->state == VIEW_BAD_DOMAIN ?
			 "not a usable domain name" : o->state == VIEW_BUSY ||
			 o->state == VIEW_LIMITED ? "refused, try later" :
			 o->state == VIEW_BAD_REQUEST ? "a value given is not "
			 "usable (--expect: each a host name, at most 13)" :
			 "nothing was looked up");
		return true;
	}
	switch (o->result.status) {
	case LOOKUP_FOUND:
		return false;
	case LOOKUP_NXDOMAIN:
		buf_puts(line, "the name does not exist (NXDOMAIN)");
		break;
	case LOOKUP_NO_NS:
		buf_puts(line, "the name has no NS records");
		break;
	case LOOKUP_ERROR:
		*st = PLUGIN_UNKNOWN;
		buf_puts(line, "nscheck failed");
		return true;
	default:
		buf_puts(line, "the lookup failed: ");
		put_line_text(line, o->result.failure ? o->result.failure :
				    lookup_status_id(o->result.status));
		break;
	}
	(void)name;
	*st = PLUGIN_CRITICAL;
	return true;
}

static unsigned answered(const struct app_outcome *o)
{
	unsigned n = 0;

	for (size_t i = 0; o->has_report && i < o->report.n_servers; i++)
		n += o->report.servers[i].state == ASK_ANSWERED &&
		     !o->report.servers[i].extra;
	return n;
}

/* "2 failed (lame, tcp), 1 warning (ns_count)" */
static void summary(const struct check_list *c, const struct plugin_rules *r,
		    struct buf *line)
{
	static const char *const word[] = { "", "warning", "failed", "" };
	bool any = false;

	for (int st = PLUGIN_CRITICAL; st >= PLUGIN_WARNING; st--) {
		size_t n = 0;
		for (size_t i = 0; i < c->n; i++)
			n += finding_state(&c->f[i], r) == (enum plugin_state)st;
		if (!n)
			continue;
		buf_printf(line, "%s%zu %s%s (", any ? ", " : "", n, word[st],
			   st == PLUGIN_WARNING && n > 1 ? "s" : "");
		for (size_t i = 0, k = 0; i < c->n; i++)
			if (finding_state(&c->f[i], r) == (enum plugin_state)st)
				buf_printf(line, "%s%s", k++ ? ", " : "", c->f[i].id);
		buf_putc(line, ')');
		any = true;
	}
	if (!any) {
		size_t counted = 0;
		for (size_t i = 0; i < c->n; i++)
			counted += !listed(r->ignore, r->n_ignore, c->f[i].id);
		buf_printf(line, "%zu checks passed", counted);
	}
}

enum plugin_state plugin_report(const char *name, const struct app_outcome *o,
				const struct check_list *checks,
				const struct plugin_rules *rules,
				uint32_t elapsed_ms, struct buf *out)
{
	enum plugin_state st = PLUGIN_OK;
	char line_mem[2048];
	struct buf line;
	bool found;

	buf_init_fixed(&line, line_mem, sizeof line_mem);
	found = !no_result(name, o, &st, &line);
	if (found) {
		for (size_t i = 0; i < checks->n; i++)
			st = worse(st, finding_state(&checks->f[i], rules));
		buf_printf(&line, "%zu name server%s, ", o->result.n_ns,
			   o->result.n_ns == 1 ? "" : "s");
		summary(checks, rules, &line);
		if (o->judged) {
			st = worse(st, transfer_state(&o->transfer));
			buf_puts(&line, "; ");
			buf_puts(&line, transfer_words(o->transfer.verdict));
		}
	}
	buf_printf(out, "NSCHECK %s - ", plugin_state_word(st));
	put_line_text(out, name);
	buf_puts(out, ": ");
	put_line_text(out, buf_str(&line));
	buf_puts(out, " |");
	char v[32];
	snprintf(v, sizeof v, "%u.%03u", elapsed_ms / 1000, elapsed_ms % 1000);
	plugin_perf(out, "time", v, "s");
	snprintf(v, sizeof v, "%zu", o->has_result ? o->result.n_ns : 0);
	plugin_perf(out, "ns", v, "");
	snprintf(v, sizeof v, "%u", o->has_report ? o->report.queries : 0);
	plugin_perf(out, "queries", v, "");
	snprintf(v, sizeof v, "%u", answered(o));
	plugin_perf(out, "answered", v, "");
	buf_putc(out, '\n');
	/* the long output: each finding that counts against the state */
	for (size_t i = 0; found && i < checks->n; i++) {
		enum plugin_state s = finding_state(&checks->f[i], rules);
		if (s == PLUGIN_OK)
			continue;
		buf_printf(out, "%s %s: ", plugin_state_word(s), checks->f[i].id);
		put_line_text(out, checks->f[i].message);
		buf_putc(out, '\n');
	}
	return st;
}
